package org.resample.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input, output and quarantine must be disjoint locations however they are spelled (relative,
 * {@code ./}, {@code file://}, through a symbolic link): through the launcher, every overlap is
 * refused before anything is read or written (exit 2), even with {@code --write-mode overwrite},
 * and nothing on disk changes.
 */
class JobPathSafetyTest {
  @TempDir static Path dir;

  static final String SPEC = "image:size=8x8,mode=area";

  @BeforeAll
  static void data() {
    JobTesting.demoData(dir.resolve("data"), 20, false, 2, 0); // partitioned by split
    JobTesting.demoData(dir.resolve("broken"), 20, false, 1, 10); // ids 9 and 19 malformed
  }

  /** Runs the launcher in {@code dir} and expects it to refuse, changing nothing but its log. */
  private static JobTesting.Launched assertRefused(String name, String expected, String... args) {
    Map<String, String> before = JobTesting.snapshot(dir);
    JobTesting.Launched r = JobTesting.launch(dir, name, args);
    assertEquals(ResampleJob.EXIT_USAGE, r.exitCode, r::toString);
    assertTrue(r.output.contains(expected), () -> "expected '" + expected + "' in\n" + r);
    JobTesting.assertChangedOnlyBelow(before, JobTesting.snapshot(dir), name + ".log");
    return r;
  }

  private static String[] quarantineRun(String output, String quarantine) {
    return new String[] {"--input", "broken", "--output", output, "--quarantine-path", quarantine,
      "--on-error", "quarantine", "--key-column", "id", "--column", SPEC};
  }

  @Test
  void quarantineSpelledOtherwiseThanTheOutput_orAroundIt_isRefused() {
    assertRefused("q-dot", "--quarantine-path './o' is the same location as --output 'o' (file:" + dir.resolve("o") + ")",
        quarantineRun("o", "./o"));
    assertRefused("q-uri", "is the same location as --output 'o'", quarantineRun("o", "file://" + dir.resolve("o")));
    assertRefused("q-parent", "--quarantine-path 'nest' contains --output 'nest/o'", quarantineRun("nest/o", "nest"));
    assertRefused("q-inside", "--quarantine-path 'o2/bad' is inside --output 'o2'", quarantineRun("o2", "o2/bad"));
    assertRefused("q-input", "--quarantine-path 'broken/bad' is inside --input 'broken'", quarantineRun("o3", "broken/bad"));
  }

  @Test
  void outputThatIsOrHoldsTheInput_isRefused_evenWithOverwrite() {
    assertRefused("same-dot", "--output './data' is the same location as --input 'data'",
        "--input", "data", "--output", "./data", "--column", SPEC, "--write-mode", "overwrite");
    assertRefused("same-slash", "--output 'data/' is the same location as --input 'data'",
        "--input", "data", "--output", "data/", "--column", SPEC, "--write-mode", "overwrite");
    assertRefused("holds-input", "--output 'data' contains --input 'data/split=train'",
        "--input", "data/split=train", "--output", "data", "--column", SPEC, "--write-mode", "overwrite");
  }

  @Test
  void outputInsideTheInput_isRefused() {
    assertRefused("inside-input", "--output 'data/out' is inside --input 'data'",
        "--input", "data", "--output", "data/out", "--column", SPEC);
    assertRefused("inside-dotdot", "is inside --input 'data'",
        "--input", "data", "--output", "data/split=val/../out", "--column", SPEC);
  }

  @Test
  void aSymbolicLink_isWhereItPoints() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("link-to-data"), dir.resolve("data"));
    assertRefused("link", "--output 'link-to-data' is the same location as --input 'data' (file:" + dir.resolve("data") + ")",
        "--input", "data", "--output", link.getFileName().toString(), "--column", SPEC, "--write-mode", "overwrite");
    assertRefused("link-inside", "is inside --input 'data'",
        "--input", "data", "--output", "link-to-data/out", "--column", SPEC);
  }
}
