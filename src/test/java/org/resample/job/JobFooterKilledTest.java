package org.resample.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code --output-format arrow} the footers are rewritten after Spark's commit and before
 * {@code _SUCCESS}: a job JVM killed (SIGKILL) while it rewrites them leaves no {@code _SUCCESS} and
 * no summary, and the same command with {@code --write-mode overwrite} writes the complete output.
 */
class JobFooterKilledTest {
  @TempDir static Path dir;

  @Test
  void killedWhileRewritingFooters_noSuccessMarker_rerunCompletes() throws IOException {
    // many small files: the footer step takes long enough to be killed in it
    String input = JobTesting.demoData(dir.resolve("input"), 160, true, 160, 0);
    Path output = dir.resolve("output");
    List<String> job = new ArrayList<>(List.of("--input", input, "--output", output.toString(), "--column",
        "volume:scale=0.5x0.5x0.5,mode=trilinear", "--output-format", "arrow", "--partition-by", "none"));
    Path log = dir.resolve("killed.log");
    Process p = JobTesting.startJob(log, List.of("--master", "local[2]"), job);
    JobTesting.await("the footer step", Duration.ofMinutes(4), () -> {
      assertTrue(p.isAlive(), () -> "job ended early:\n" + JobTesting.tail(log));
      try {
        return Files.readString(log, StandardCharsets.UTF_8).contains("rewriting the Parquet footers");
      } catch (IOException e) {
        return false;
      }
    });
    p.destroyForcibly();
    JobTesting.exitCode(p, Duration.ofMinutes(1), log);
    assertFalse(Files.exists(output.resolve("_SUCCESS")), "killed in the footer step: no _SUCCESS");
    assertFalse(Files.exists(output.resolve(ResampleJob.SUMMARY_FILE)));

    job.addAll(List.of("--write-mode", "overwrite"));
    Path rerunLog = dir.resolve("rerun.log");
    Process again = JobTesting.startJob(rerunLog, List.of("--master", "local[2]"), job);
    assertEquals(0, JobTesting.exitCode(again, Duration.ofMinutes(4), rerunLog), () -> JobTesting.tail(rerunLog));
    assertTrue(Files.exists(output.resolve("_SUCCESS")));
    assertEquals(160, JobTesting.spark().read().parquet(output.toString()).count());
  }
}
