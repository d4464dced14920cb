package org.resample.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;

/**
 * A real S3-compatible server for the tests: s3proxy (from Maven Central, copied to
 * target/test-tools by the build) in its own JVM on 127.0.0.1, storing objects in a local
 * directory (one subdirectory per bucket), anonymous access. {@link #restart} stops it and starts
 * it again on the same port over the same data.
 */
final class S3Server implements AutoCloseable {
  final int port;
  final Path data;
  private final Path log;
  private Process process;

  S3Server(Path dir, String... buckets) throws IOException {
    this.port = JobTesting.freePort();
    this.data = Files.createDirectories(dir.resolve("objects"));
    for (String b : buckets) {
      Files.createDirectories(data.resolve(b));
    }
    this.log = dir.resolve("s3proxy.log");
    Path conf = dir.resolve("s3proxy.properties");
    Files.writeString(conf,
        "s3proxy.endpoint=" + endpoint() + "\n"
            + "s3proxy.authorization=none\n"
            + "jclouds.provider=filesystem\n"
            + "jclouds.filesystem.basedir=" + data + "\n");
    start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  private void start() {
    Path jar = JobTesting.projectDir().resolve("target/test-tools/s3proxy.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("missing " + jar + " (the build copies it in process-test-resources)");
    }
    List<String> cmd = new ArrayList<>(List.of(JobTesting.java(), "-Xmx256m", "-jar", jar.toString(),
        "--properties", log.resolveSibling("s3proxy.properties").toString()));
    try {
      process = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JobTesting.await("s3proxy to answer on " + endpoint() + " (log " + log + ")", Duration.ofSeconds(90), () -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("s3proxy exited: " + JobTesting.tail(log));
      }
      return answers();
    });
  }

  private boolean answers() {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(2000);
      int code = c.getResponseCode();
      c.disconnect();
      return code > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** Stops the server (SIGKILL) and waits until it has exited. */
  void stop() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Stops the server and starts it again on the same port and data. */
  void restart() {
    stop();
    start();
  }

  /** The Hadoop settings of an S3A client of this server (path-style, plain HTTP, anonymous). */
  Map<String, String> s3aSettings() {
    return Map.of(
        "fs.s3a.endpoint", endpoint(),
        "fs.s3a.endpoint.region", "us-east-1",
        "fs.s3a.path.style.access", "true",
        "fs.s3a.connection.ssl.enabled", "false",
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider",
        // s3proxy's filesystem store has no multi-object delete: delete one object at a time
        "fs.s3a.multiobjectdelete.enable", "false");
  }

  /** The same settings as SparkSubmit {@code --conf spark.hadoop.*} arguments. */
  List<String> sparkSubmitConfs() {
    List<String> args = new ArrayList<>();
    s3aSettings().forEach((k, v) -> {
      args.add("--conf");
      args.add("spark.hadoop." + k + "=" + v);
    });
    return args;
  }

  void configure(Configuration hadoop) {
    s3aSettings().forEach(hadoop::set);
  }

  /**
   * Copies the local dataset {@code local} to {@code s3aPath} on this server, through the shared
   * test session's Hadoop configuration (which this configures for the server, so that the session
   * reads the bucket from this server from now on).
   */
  void upload(String local, String s3aPath) throws IOException {
    Configuration hadoop = JobTesting.spark().sparkContext().hadoopConfiguration();
    configure(hadoop);
    org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(local);
    org.apache.hadoop.fs.Path dst = new org.apache.hadoop.fs.Path(s3aPath);
    // an S3A client cached for this bucket by an earlier test talks to that test's server: drop it
    dst.getFileSystem(hadoop).close();
    org.apache.hadoop.fs.FileUtil.copy(src.getFileSystem(hadoop), src, dst.getFileSystem(hadoop), dst, false, hadoop);
  }

  @Override
  public void close() {
    stop();
  }
}
