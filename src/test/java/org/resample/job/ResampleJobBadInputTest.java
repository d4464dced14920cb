package org.resample.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs and outputs the job cannot use: each fails before anything is written, with a message
 * that names the problem and a non-zero exit status.
 */
class ResampleJobBadInputTest {
  @TempDir static Path dir;
  static String input;

  static final String SPEC = "image:size=8x8,mode=area";

  @BeforeAll
  static void data() {
    input = JobTesting.demoData(dir.resolve("input"), 10, false, 1, 0);
  }


  private static JobTesting.Run run(String in, String out, String... more) {
    String[] args = new String[4 + more.length];
    args[0] = "--input";
    args[1] = in;
    args[2] = "--output";
    args[3] = out;
    System.arraycopy(more, 0, args, 4, more.length);
    return JobTesting.runInProcess(args);
  }

  private static void assertFails(JobTesting.Run r, int exit, String... messageParts) {
    assertEquals(exit, r.exitCode, r::toString);
    for (String m : messageParts) {
      assertTrue(r.err.contains(m), () -> "missing '" + m + "' in\n" + r);
    }
  }

  @Test
  void missingInputPath_failsNamingIt() {
    String missing = dir.resolve("no-such-dir").toString();
    JobTesting.Run r = run(missing, dir.resolve("o1").toString(), "--column", SPEC);
    assertFails(r, ResampleJob.EXIT_BAD_INPUT, "--input '", "no-such-dir': no such file or directory");
    assertFalse(Files.exists(dir.resolve("o1")));
  }

  @Test
  void nonParquetInput_failsSayingSo() throws IOException {
    Path csv = Files.createDirectories(dir.resolve("csv"));
    Files.writeString(csv.resolve("part-0.csv"), "id,image\n1,abc\n");
    JobTesting.Run r = run(csv.toString(), dir.resolve("o2").toString(), "--column", SPEC);
    assertFails(r, ResampleJob.EXIT_BAD_INPUT, "is not a readable Parquet dataset");
    assertFalse(Files.exists(dir.resolve("o2")));
  }

  @Test
  void missingColumn_failsListingTheColumns() {
    JobTesting.Run r = run(input, dir.resolve("o3").toString(), "--column", "picture:size=8x8,mode=area");
    assertFails(r, ResampleJob.EXIT_BAD_INPUT, "no column 'picture' in the input", "[id, image, volume, split]");
  }

  @Test
  void wrongColumnType_failsWithTheTypeAndTheAcceptedOnes() {
    JobTesting.Run r = run(input, dir.resolve("o4").toString(), "--column", "id:size=8x8,mode=area");
    assertFails(r, ResampleJob.EXIT_BAD_INPUT, "column 'id' has type bigint", "accepted:");
  }

  @Test
  void missingKeyColumn_fails() {
    JobTesting.Run r = run(input, dir.resolve("o6").toString(), "--column", SPEC, "--key-column", "uid");
    assertFails(r, ResampleJob.EXIT_BAD_INPUT, "--key-column: no column 'uid'");
  }

  @Test
  void existingOutput_isRefusedUnlessOverwrite() throws IOException {
    String out = dir.resolve("o7").toString();
    assertEquals(0, run(input, out, "--column", SPEC).exitCode);
    long before = Files.getLastModifiedTime(Path.of(out, "_SUCCESS")).toMillis();
    JobTesting.Run again = run(input, out, "--column", SPEC);
    assertFails(again, ResampleJob.EXIT_BAD_INPUT, "already exists (a complete result: it has _SUCCESS)",
        "--write-mode overwrite");
    assertEquals(before, Files.getLastModifiedTime(Path.of(out, "_SUCCESS")).toMillis(), "left as it was");
    JobTesting.Run overwrite = run(input, out, "--column", SPEC, "--write-mode", "overwrite");
    assertEquals(0, overwrite.exitCode, overwrite::toString);
  }

  @Test
  void incompleteOutput_isRefusedAndSaidToBeIncomplete() throws IOException {
    Path out = Files.createDirectories(dir.resolve("o8"));
    Files.writeString(out.resolve("part-00000.parquet"), "left by a failed run");
    JobTesting.Run r = run(input, out.toString(), "--column", SPEC);
    assertFails(r, ResampleJob.EXIT_BAD_INPUT, "but is incomplete (no _SUCCESS");
  }

  @Test
  void invalidOption_exits2BeforeSparkStarts() {
    Path log = dir.resolve("usage.log");
    Process p;
    try {
      p = JobTesting.javaProcess(log, "256m", ResampleJob.class.getName(),
          List.of("--input", input, "--output", dir.resolve("o9").toString(), "--column", SPEC, "--on-error", "skip"))
          .start();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    int code = JobTesting.exitCode(p, Duration.ofMinutes(1), log);
    String text = JobTesting.tail(log);
    assertEquals(ResampleJob.EXIT_USAGE, code, text);
    assertTrue(text.contains("--on-error: invalid value 'skip'; accepted: fail | null | quarantine"), text);
    assertFalse(text.contains("SparkContext"), "Spark was not started:\n" + text);
    assertFalse(Files.exists(dir.resolve("o9")));
  }
}
