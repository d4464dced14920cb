package org.resample.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resample.spark.SafeText;

/**
 * Secrets in paths never leave the job: the user-info of an {@code s3a://KEY:SECRET@bucket} URL,
 * and values Spark's redaction regex covers, are redacted in what the job prints and logs, in
 * Spark's application name, and in the summary and report written next to the data.
 */
class JobSecretsTest {
  @TempDir static Path dir;
  static S3Server s3;

  static final String SECRET = "s3cr3tV4lue";

  @BeforeAll
  static void start() throws IOException {
    s3 = new S3Server(dir.resolve("s3"), "bucket");
    s3.upload(JobTesting.demoData(dir.resolve("input"), 10, false, 1, 0), "s3a://bucket/input");
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  @Test
  void credentialsInAnS3Url_areRedactedEverywhereTheJobWrites() throws IOException {
    Path events = Files.createDirectories(dir.resolve("events"));
    List<String> spark = new ArrayList<>(s3.sparkSubmitConfs());
    spark.addAll(List.of("--master", "local[2]", "--conf", "spark.eventLog.enabled=true",
        "--conf", "spark.eventLog.dir=" + events.toUri(), "--conf", "spark.eventLog.rolling.enabled=false",
        "--conf", "spark.eventLog.compress=false"));
    JobTesting.Launched r = JobTesting.launch(dir, "s3-secret", Map.of(), spark,
        "--input", "s3a://bucket/input", "--output", "s3a://AKIAEXAMPLE:" + SECRET + "@bucket/out",
        "--column", "image:size=8x8,mode=area", "--report", "--progress-interval", "1");
    assertEquals(0, r.exitCode, r::toString);
    assertFalse(r.output.contains(SECRET), r::toString);
    assertTrue(r.output.contains("s3a://" + SafeText.REDACTED + "@bucket/out"), r::toString); // stdout and the INFO log
    String summary = read(s3.data.resolve("bucket/out/" + ResampleJob.SUMMARY_FILE));
    assertFalse(summary.contains(SECRET), summary);
    assertTrue(summary.contains("\"output\" : \"s3a://*********(redacted)@bucket/out\""), summary);
    assertFalse(read(s3.data.resolve("bucket/out/" + ResampleJob.REPORT_FILE)).contains(SECRET));
    String appStart;
    try (Stream<Path> logs = Files.list(events)) {
      Path log = logs.findFirst().orElseThrow();
      appStart = Files.readAllLines(log).stream().filter(l -> l.contains("SparkListenerApplicationStart"))
          .findFirst().orElseThrow();
    }
    assertTrue(appStart.contains("\"App Name\":\"spark-resample job: s3a://*********(redacted)@bucket/out\""), appStart);

    // a failure names the path redacted too
    r = JobTesting.launch(dir, "s3-secret-input", Map.of(), s3.sparkSubmitConfs(),
        "--input", "s3a://AKIAEXAMPLE:" + SECRET + "@bucket/input", "--output", "s3a://bucket/out2",
        "--column", "image:size=8x8,mode=area");
    assertEquals(ResampleJob.EXIT_BAD_INPUT, r.exitCode, r::toString);
    assertFalse(r.output.contains(SECRET), r::toString);
    assertTrue(r.output.contains("--input 's3a://*********(redacted)@bucket/input'"), r::toString);
  }

  @Test
  void valuesSparksRedactionRegexCovers_areRedactedInTheSummary() throws IOException {
    // a path segment that reads as a token: key=value, the key matching spark.redaction.regex
    String output = dir.resolve("out-token=" + SECRET).toString();
    JobTesting.Run r = JobTesting.runInProcess("--input", dir.resolve("input").toString(), "--output", output,
        "--column", "image:size=8x8,mode=area", "--report");
    assertEquals(0, r.exitCode, r::toString);
    assertFalse(r.out.contains(SECRET) || r.err.contains(SECRET), r::toString);
    String summary = read(Path.of(output, ResampleJob.SUMMARY_FILE));
    assertFalse(summary.contains(SECRET), summary);
    assertTrue(summary.contains("out-token=" + SafeText.REDACTED), summary);
    assertFalse(read(Path.of(output, ResampleJob.REPORT_FILE)).contains(SECRET));
  }

  @Test
  void safeText_redactsUserInfoKeyValuesAndEscapesLineBreaks() {
    assertEquals("s3a://" + SafeText.REDACTED + "@bucket/x", SafeText.redact("s3a://KEY:SECRET@bucket/x"));
    assertEquals("fs.s3a.secret.key=" + SafeText.REDACTED + ", next", SafeText.redact("fs.s3a.secret.key=abc, next"));
    assertEquals("https://h/o?X-Amz-Security-Token=" + SafeText.REDACTED + "&a=b",
        SafeText.redact("https://h/o?X-Amz-Security-Token=tok&a=b"));
    // an Azure container is no secret: user-info without a password stays
    assertEquals("abfss://container@account.dfs.core.windows.net/p",
        SafeText.redact("abfss://container@account.dfs.core.windows.net/p"));
    assertEquals("a\\nb\\tc\\u0000", SafeText.line("a\nb\tc\0"));
  }
}
