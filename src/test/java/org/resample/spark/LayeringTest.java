package org.resample.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency picture of the sources, read from their import statements: the core needs neither
 * Spark nor JCuda, the GPU backend needs no Spark, and inside the Spark layer the tensor formats
 * sit below the SQL functions, the operator and the preview, which do not import one another.
 */
class LayeringTest {
  private static final Path MAIN = Paths.get("src/main/java/org/resample");
  private static final Pattern IMPORT =
      Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)(?:\\.\\*)?;", Pattern.MULTILINE);

  @Test
  void core_importsNeitherSparkNorScalaNorJCuda() {
    assertEquals(List.of(), offenders("core", "org.apache.spark", "scala", "jcuda", "org.resample.gpu",
        "org.resample.spark", "org.resample.job"));
  }

  @Test
  void gpu_importsNoSparkAndNoScala() {
    assertEquals(List.of(), offenders("gpu", "org.apache.spark", "scala", "org.resample.spark",
        "org.resample.job"));
  }

  @Test
  void gpu_sourcesDoNotNameSparkClassesEvenByString() {
    assertEquals(List.of(), sourcesContaining("gpu", "org.apache.spark"));
  }

  @Test
  void sparkBase_importsNoSparkSubPackage() {
    assertEquals(List.of(), offenders("spark", "org.resample.spark.", "org.resample.job"));
  }

  @Test
  void codecs_sitBelowSqlOperatorAndPreview() {
    assertEquals(List.of(), offenders("spark/codec", "org.resample.spark.sql",
        "org.resample.spark.operator", "org.resample.spark.preview", "org.resample.job"));
  }

  @Test
  void sqlOperatorAndPreview_doNotImportOneAnother() {
    assertEquals(List.of(), offenders("spark/sql", "org.resample.spark.operator",
        "org.resample.spark.preview", "org.resample.job"));
    assertEquals(List.of(), offenders("spark/operator", "org.resample.spark.sql",
        "org.resample.spark.preview", "org.resample.job"));
    assertEquals(List.of(), offenders("spark/preview", "org.resample.spark.sql",
        "org.resample.spark.operator", "org.resample.job"));
  }

  @Test
  void theScanSeesImports() {
    // the rule above would pass vacuously if the pattern found nothing
    assertTrue(imports(MAIN.resolve("spark/operator/Resampler.java")).stream()
        .anyMatch(i -> i.startsWith("org.resample.spark.codec.")));
  }

  /** "file: import" for each import of a source directly in {@code dir} that starts with a prefix. */
  static List<String> offenders(String dir, String... forbidden) {
    List<String> out = new ArrayList<>();
    for (Path f : sources(MAIN.resolve(dir))) {
      for (String imp : imports(f)) {
        for (String prefix : forbidden) {
          if (imp.equals(prefix) || imp.startsWith(prefix.endsWith(".") ? prefix : prefix + ".")) {
            out.add(f + ": " + imp);
          }
        }
      }
    }
    return out;
  }

  static List<String> sourcesContaining(String dir, String text) {
    return sources(MAIN.resolve(dir)).stream()
        .filter(f -> read(f).contains(text))
        .map(Path::toString)
        .collect(Collectors.toList());
  }

  /** The .java files directly in {@code dir} (its sub-packages are checked on their own). */
  static List<Path> sources(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> files = s.filter(p -> p.toString().endsWith(".java")).sorted()
          .collect(Collectors.toList());
      assertTrue(!files.isEmpty(), "no sources in " + dir);
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> imports(Path f) {
    List<String> out = new ArrayList<>();
    Matcher m = IMPORT.matcher(read(f));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static String read(Path f) {
    try {
      return new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
