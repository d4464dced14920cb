package org.resample.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.resample.spark.ResampleCatalog;
import org.resample.spark.ResampleExtensions;

/**
 * Helpers of the job tests: the Spark session they share, the job run in process or as its own
 * JVM (as {@code jobs/resample} runs it: SparkSubmit on the project's classpath), polling with a
 * deadline, and comparing datasets.
 */
final class JobTesting {
  private JobTesting() {}

  private static SparkSession session;
  private static boolean created;

  /**
   * The local session of the job tests. Configured as the Spark tests' own session, so that
   * whichever test class starts first, the other finds what it needs; {@link #stopSpark} stops it
   * if the job tests started it.
   */
  static synchronized SparkSession spark() {
    if (session == null) {
      created = SparkSession.getDefaultSession().isEmpty();
      session = SparkSession.builder()
          .master("local[2]")
          .appName("spark-resample-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.sql.session.timeZone", "UTC")
          .config("spark.sql.catalog.resample", ResampleCatalog.class.getName())
          .config("spark.sql.extensions", ResampleExtensions.class.getName())
          .getOrCreate();
    }
    return session;
  }

  /** Stops the session if the job tests started it (the next user starts a fresh one). */
  static synchronized void stopSpark() {
    if (session != null && created) {
      session.stop();
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
    }
    session = null;
  }

  static Path projectDir() {
    String basedir = System.getProperty("basedir");
    if (basedir != null && new File(basedir, "pom.xml").isFile()) {
      return Paths.get(basedir);
    }
    return Paths.get(System.getProperty("user.dir"));
  }

  /** A file the build wrote into target/ (generate-resources), failing clearly if it is missing. */
  static String buildFile(String name) {
    Path p = projectDir().resolve("target").resolve(name);
    try {
      return Files.readString(p, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("missing " + p + "; run the tests through Maven (mvn test)", e);
    }
  }

  /** Spark's JVM flags (pom.xml's spark.jvm.flags), as jobs/resample passes them. */
  static List<String> jvmFlags() {
    return Arrays.asList(buildFile("jvm-flags.txt").split("\\s+"));
  }

  /** The project's classes plus the provided dependencies: an embedded Spark's classpath. */
  static String classpath() {
    return projectDir().resolve("target/classes") + File.pathSeparator + buildFile("spark-classpath.txt");
  }

  static String java() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Polls {@code condition} every 50 ms until it holds; fails with {@code what} after {@code timeout}. */
  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting for " + what);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // running the job

  /** What an in-process run returned and printed. */
  static final class Run {
    final int exitCode;
    final String out;
    final String err;

    Run(int exitCode, String out, String err) {
      this.exitCode = exitCode;
      this.out = out;
      this.err = err;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  /** Runs the job in this JVM, on {@link #spark()}. */
  static Run runInProcess(String... args) {
    spark();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = ResampleJob.run(args, o, e);
    }
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** A child JVM running {@code mainClass} on the embedded classpath; output goes to {@code log}. */
  static ProcessBuilder javaProcess(Path log, String heap, String mainClass, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java());
    cmd.add("-Xmx" + heap);
    cmd.addAll(jvmFlags());
    cmd.add("-Dlog4j2.configurationFile=" + projectDir().resolve("conf/log4j2.properties"));
    cmd.add("-cp");
    cmd.add(classpath());
    cmd.add(mainClass);
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb;
  }

  /**
   * The job in its own JVM as {@code jobs/resample} starts it without SPARK_HOME: SparkSubmit in
   * client mode with conf/spark-defaults.conf. {@code sparkArgs} go to SparkSubmit (e.g. --master,
   * --conf), {@code jobArgs} to the job.
   */
  static Process startJob(Path log, List<String> sparkArgs, List<String> jobArgs) {
    List<String> args = new ArrayList<>();
    args.add("--properties-file");
    args.add(projectDir().resolve("conf/spark-defaults.conf").toString());
    if (!sparkArgs.contains("--master")) {
      args.add("--master");
      args.add("local[2]");
    }
    args.addAll(sparkArgs);
    args.add("--class");
    args.add(ResampleJob.class.getName());
    args.add("spark-internal");
    args.addAll(jobArgs);
    try {
      return javaProcess(log, "1g", "org.apache.spark.deploy.SparkSubmit", args).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for {@code p} to exit (failing after {@code timeout}) and returns its exit code. */
  static int exitCode(Process p, Duration timeout, Path log) {
    try {
      if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("process did not finish in " + timeout.toSeconds() + " s; log:\n" + tail(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted");
    }
    return p.exitValue();
  }

  /** The last 60 lines of a log file, for assertion messages. */
  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  // ---------------------------------------------------------------------------------------------
  // data

  /** Writes a demo dataset (DemoData) of {@code rows} rows with small tensors into {@code dir}. */
  static String demoData(Path dir, long rows, boolean floatImages, int files, long brokenEvery) {
    DemoData.Spec spec = new DemoData.Spec();
    spec.rows = rows;
    spec.imageSize = 24;
    spec.imageFloat = floatImages;
    spec.volumeDepth = 4;
    spec.brokenEvery = brokenEvery;
    DemoData.write(spark(), spec, dir.toString(), files, true);
    return dir.toString();
  }

  /** The rows of a Parquet dataset, sorted by id, columns in a fixed order. */
  static List<Row> sortedById(String path) {
    Dataset<Row> df = spark().read().parquet(path);
    String[] cols = df.columns().clone();
    Arrays.sort(cols);
    return df.selectExpr(cols).orderBy("id").collectAsList();
  }

  /** Asserts two Parquet datasets hold the same rows (compared by id, every column). */
  static void assertSameRows(String expectedPath, String actualPath) {
    List<Row> expected = sortedById(expectedPath);
    List<Row> actual = sortedById(actualPath);
    assertEquals(expected.size(), actual.size(), "row count of " + actualPath);
    for (int i = 0; i < expected.size(); i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        fail("row " + i + " (id " + expected.get(i).getAs("id") + ") of " + actualPath
            + " differs from " + expectedPath);
      }
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
