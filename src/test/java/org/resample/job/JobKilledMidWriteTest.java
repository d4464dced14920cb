package org.resample.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job JVM killed (SIGKILL) while it writes leaves no _SUCCESS, no summary and no data file
 * outside the uncommitted _temporary; the same command again is refused (the leftovers are named
 * as the dead run's), and with {@code --write-mode overwrite} it writes the complete output.
 */
class JobKilledMidWriteTest {
  @TempDir static Path dir;


  @Test
  void killedMidWrite_noSuccessMarker_rerunCompletesTheOutput() throws IOException {
    String input = JobTesting.demoData(dir.resolve("input"), 96, true, 24, 0);
    List<String> job = new ArrayList<>(List.of("--input", input, "--column",
        "image:size=48x48,mode=bicubic,output=image_large", "--column", "volume:scale=2x2x2,mode=nearest"));
    String reference = dir.resolve("reference").toString();
    List<String> refArgs = new ArrayList<>(job);
    refArgs.addAll(List.of("--output", reference));
    JobTesting.Run ref = JobTesting.runInProcess(refArgs.toArray(new String[0]));
    assertEquals(0, ref.exitCode, ref::toString);

    Path output = dir.resolve("output");
    job.addAll(List.of("--output", output.toString()));
    Path log = dir.resolve("killed.log");
    // one core, 24 input files: 24 write tasks one after the other
    Process p = JobTesting.startJob(log, List.of("--master", "local[1]"), job);
    JobTesting.await("a first committed task", Duration.ofMinutes(3), () -> {
      assertTrue(p.isAlive(), () -> "job ended early:\n" + JobTesting.tail(log));
      return JobTesting.committedTasks(output) > 0;
    });
    p.destroyForcibly();
    JobTesting.exitCode(p, Duration.ofMinutes(1), log);

    assertFalse(Files.exists(output.resolve("_SUCCESS")));
    assertFalse(Files.exists(output.resolve(ResampleJob.SUMMARY_FILE)));
    try (Stream<Path> files = Files.walk(output)) {
      List<Path> published = files.filter(Files::isRegularFile)
          .filter(f -> !output.relativize(f).toString().startsWith("_temporary"))
          .filter(f -> !f.getFileName().toString().replaceFirst("^\\.", "").startsWith(OutputGuard.MARKER_PREFIX))
          .toList();
      assertEquals(List.of(), published, "nothing outside _temporary");
    }

    // The same command again does not overwrite what is there: the leftovers are the killed run's.
    Path refusedLog = dir.resolve("refused.log");
    Process refused = JobTesting.startJob(refusedLog, List.of("--master", "local[2]"), job);
    assertEquals(ResampleJob.EXIT_BAD_INPUT, JobTesting.exitCode(refused, Duration.ofMinutes(4), refusedLog),
        () -> JobTesting.tail(refusedLog));
    assertTrue(JobTesting.tail(refusedLog).contains("holds the leftovers of a run that died before it committed"),
        () -> JobTesting.tail(refusedLog));
    assertTrue(JobTesting.tail(refusedLog).contains("(pid " + p.pid() + ")"), () -> JobTesting.tail(refusedLog));

    Path rerunLog = dir.resolve("rerun.log");
    job.addAll(List.of("--write-mode", "overwrite"));
    Process again = JobTesting.startJob(rerunLog, List.of("--master", "local[2]"), job);
    assertEquals(0, JobTesting.exitCode(again, Duration.ofMinutes(4), rerunLog), () -> JobTesting.tail(rerunLog));
    assertTrue(Files.exists(output.resolve("_SUCCESS")));
    assertFalse(Files.exists(output.resolve("_temporary")), "the leftovers were replaced");
    JobTesting.assertSameRows(reference, output.toString());
  }
}
