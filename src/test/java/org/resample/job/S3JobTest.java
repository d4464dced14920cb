package org.resample.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job against a real S3-compatible server (s3proxy, its own JVM on 127.0.0.1) through
 * hadoop-aws: s3a:// input and output, path-style access, the S3A magic committer of
 * conf/spark-defaults.conf. Each job runs in its own JVM as jobs/resample starts it; outputs are
 * compared with the same job run on local files.
 */
class S3JobTest {
  @TempDir static Path dir;
  static S3Server s3;
  static String localOutput;

  static final List<String> SPECS = List.of(
      "--column", "image:size=16x12,mode=bicubic,antialias=true,output=image_small",
      "--column", "volume:scale=0.5x0.5x0.5,mode=area");

  @BeforeAll
  static void start() throws IOException {
    s3 = new S3Server(dir.resolve("s3"), "bucket");
    String input = JobTesting.demoData(dir.resolve("input"), 80, true, 8, 0);
    localOutput = JobTesting.localRun(dir, input, SPECS);

    s3.upload(input, "s3a://bucket/input");
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
  }

  private static Process startS3Job(Path log, String output, String master, List<String> more) {
    List<String> sparkArgs = new ArrayList<>(s3.sparkSubmitConfs());
    sparkArgs.addAll(List.of("--master", master));
    List<String> jobArgs = new ArrayList<>(List.of("--input", "s3a://bucket/input", "--output", output));
    jobArgs.addAll(SPECS);
    jobArgs.addAll(more);
    return JobTesting.startJob(log, sparkArgs, jobArgs);
  }

  @Test
  void s3aInputAndOutput_sameRowsAsTheLocalRun_committedByTheMagicCommitter() throws IOException {
    Path log = dir.resolve("s3-job.log");
    Process p = startS3Job(log, "s3a://bucket/output", "local[2]", List.of("--key-column", "id"));
    assertEquals(0, JobTesting.exitCode(p, Duration.ofMinutes(4), log), () -> JobTesting.tail(log));
    // the S3A committers write _SUCCESS as JSON naming the committer
    JsonNode success = new ObjectMapper().readTree(s3.data.resolve("bucket/output/_SUCCESS").toFile());
    assertEquals("magic", success.get("committer").asText());
    assertTrue(success.get("success").asBoolean());
    assertTrue(Files.exists(s3.data.resolve("bucket/output/" + ResampleJob.SUMMARY_FILE)));
    JobTesting.assertSameRows(localOutput, "s3a://bucket/output");
    assertTrue(JobTesting.tail(log).contains("rows written      80"), () -> JobTesting.tail(log));
  }

  @Test
  void s3aOutput_arrowFormat_footersRewrittenBeforeSuccess_pyarrowReadsTensors() throws IOException {
    Path log = dir.resolve("s3-arrow.log");
    Process p = startS3Job(log, "s3a://bucket/arrow", "local[2]", List.of("--key-column", "id", "--output-format", "arrow"));
    assertEquals(0, JobTesting.exitCode(p, Duration.ofMinutes(4), log), () -> JobTesting.tail(log));
    Path out = s3.data.resolve("bucket/arrow");
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    assertTrue(JobTesting.tail(log).contains("footers"), () -> JobTesting.tail(log));
    assertEquals(80, JobTesting.spark().read().parquet("s3a://bucket/arrow").count(), "Spark reads the output");
    // the objects the server stores, read by pyarrow as files
    JsonNode read = Consumers.read(dir, "arrow", out.toString(), localOutput, "id");
    assertEquals("arrow.fixed_shape_tensor", read.get("volume").get("extension").asText(), read::toString);
    assertEquals("arrow.fixed_shape_tensor", read.get("image_small").get("extension").asText(), read::toString);
    assertTrue(read.get("volume").get("equal").asBoolean() && read.get("image_small").get("equal").asBoolean(),
        read::toString);
  }

  @Test
  void s3ServerRestartedMidJob_requestsAreRetriedAndTheOutputIsComplete() throws IOException {
    Path log = dir.resolve("s3-restart.log");
    // one core, eight input files: the tasks write one after the other. A task that fails across
    // the restart is run again, as on a cluster (spark.task.maxFailures 4; plain local mode never
    // retries a task); the output must still be every row exactly once.
    Process p = startS3Job(log, "s3a://bucket/restarted", "local[1,4]", List.of());
    Path magic = s3.data.resolve("bucket/restarted");
    JobTesting.await("the job to start writing to S3", Duration.ofMinutes(3), () -> {
      assertTrue(p.isAlive(), () -> "job ended early:\n" + JobTesting.tail(log));
      return JobTesting.filesEndingWith(magic, ".pending") > 0; // magic committer: a task wrote a file
    });
    assertTrue(!Files.exists(magic.resolve("_SUCCESS")), "the server is restarted while the job writes");
    s3.restart();
    int code = JobTesting.exitCode(p, Duration.ofMinutes(5), log);
    assertEquals(0, code, () -> JobTesting.failure(log));
    assertTrue(Files.exists(magic.resolve("_SUCCESS")));
    JobTesting.assertSameRows(localOutput, "s3a://bucket/restarted");
  }
}
