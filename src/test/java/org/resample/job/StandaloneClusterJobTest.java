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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar submitted with SparkSubmit to a Spark standalone cluster (a master and two workers,
 * each its own JVM, on 127.0.0.1), compared with the same job run locally; and an executor JVM
 * killed while the job writes.
 */
class StandaloneClusterJobTest {
  @TempDir static Path dir;
  static StandaloneCluster cluster;
  static Path appJar;
  static String input;
  static String localOutput;

  static final List<String> SPECS = List.of(
      "--column", "image:size=20x20,mode=bilinear,align_corners=true,output=image_small",
      "--column", "volume:size=2x4x4,mode=trilinear");

  @BeforeAll
  static void start() throws IOException {
    cluster = new StandaloneCluster(dir.resolve("cluster"), 2);
    appJar = StandaloneCluster.applicationJar(dir);
    input = JobTesting.demoData(dir.resolve("input"), 96, true, 24, 0);
    localOutput = JobTesting.localRun(dir, input, SPECS);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Process submit(Path log, String output) {
    List<String> jobArgs = new ArrayList<>(List.of("--input", input, "--output", output, "--key-column", "id"));
    jobArgs.addAll(SPECS);
    return cluster.submit(log, appJar, List.of(), jobArgs);
  }

  @Test
  void sparkSubmitToStandaloneCluster_sameRowsAsTheLocalRun() {
    Path log = dir.resolve("cluster-job.log");
    String output = dir.resolve("cluster-output").toString();
    Process p = submit(log, output);
    assertEquals(0, JobTesting.exitCode(p, Duration.ofMinutes(5), log), () -> JobTesting.tail(log));
    String text = JobTesting.tail(log);
    assertTrue(text.contains("rows written      96"), text);
    assertTrue(text.contains(cluster.masterUrl()) || readSummary(output).contains(cluster.masterUrl()), text);
    JobTesting.assertSameRows(localOutput, output);
  }

  @Test
  void executorKilledMidJob_jobFinishesWithExactRowsAndNoDuplicates() {
    Path log = dir.resolve("killed-executor.log");
    Path output = dir.resolve("killed-executor-output");
    Process p = submit(log, output.toString());
    // Kill an executor once some tasks have committed their files and others are still to run.
    JobTesting.await("a first committed task", Duration.ofMinutes(3), () -> {
      assertTrue(p.isAlive(), () -> "job ended early:\n" + JobTesting.tail(log));
      return JobTesting.committedTasks(output) > 0 && cluster.executors().size() == 2;
    });
    ProcessHandle victim = cluster.executors().get(0);
    assertFalse(Files.exists(output.resolve("_SUCCESS")), "the executor is killed while the job writes");
    victim.destroyForcibly();
    assertEquals(0, JobTesting.exitCode(p, Duration.ofMinutes(5), log), () -> JobTesting.tail(log));
    String text = JobTesting.tail(log);
    assertTrue(text.contains("Lost executor") || text.contains("ExecutorLostFailure"),
        "the driver saw the executor go:\n" + text);

    Dataset<Row> out = JobTesting.spark().read().parquet(output.toString());
    assertEquals(96, out.count());
    assertEquals(96, out.select("id").distinct().count(), "no duplicates");
    JobTesting.assertSameRows(localOutput, output.toString());
    assertTrue(readSummary(output.toString()).contains("\"rows_written\" : 96"));
  }

  private static String readSummary(String output) {
    try {
      return Files.readString(Path.of(output, ResampleJob.SUMMARY_FILE));
    } catch (IOException e) {
      return "";
    }
  }
}
