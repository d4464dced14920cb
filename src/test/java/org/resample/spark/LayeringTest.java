package org.resample.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core must not depend on Spark: no source file of org.resample.core imports it. */
class LayeringTest {
  @Test
  void coreSources_importNoSpark() throws IOException {
    Path core = Paths.get("src/main/java/org/resample/core");
    try (Stream<Path> files = Files.walk(core)) {
      List<String> offenders =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(
                  p -> {
                    try {
                      String s = Files.readString(p);
                      return s.contains("org.apache.spark") || s.contains("scala.");
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .map(Path::toString)
              .collect(Collectors.toList());
      assertEquals(List.of(), offenders);
    }
  }
}
