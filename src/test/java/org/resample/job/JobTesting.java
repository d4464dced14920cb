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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.resample.spark.SparkTesting;

/**
 * Helpers of the job tests: the Spark session they share, the job run in process or as its own
 * JVM (as {@code jobs/resample} runs it: SparkSubmit on the project's classpath), polling with a
 * deadline, and comparing datasets.
 */
final class JobTesting {
  private JobTesting() {}

  /** The Spark tests' shared local session (the in-process job runs use it). */
  static SparkSession spark() {
    return SparkTesting.spark();
  }

  static Path projectDir() {
    String basedir = System.getProperty("basedir");
    if (basedir != null && new File(basedir, "pom.xml").isFile()) {
      return Paths.get(basedir);
    }
    return Paths.get(System.getProperty("user.dir"));
  }

  /**
   * The build directory of the Spark line under test (target/, or target/spark-<line>_<scala>/ for
   * the other lines' profiles), as Maven passes it.
   */
  static Path buildDir() {
    String dir = System.getProperty("resample.buildDir");
    return dir != null ? Paths.get(dir) : projectDir().resolve("target");
  }

  /** A file the build wrote into its build directory, failing clearly if it is missing. */
  static String buildFile(String name) {
    Path p = buildDir().resolve(name);
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
    return buildDir().resolve("classes") + File.pathSeparator + buildFile("spark-classpath.txt");
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

  /**
   * A child JVM with Spark's flags and conf/log4j2.properties running {@code mainClass} on {@code
   * classpath}, its output (stdout and stderr) going to {@code log}.
   */
  static ProcessBuilder javaProcess(Path log, String heap, String classpath, String mainClass, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java());
    cmd.add("-Xmx" + heap);
    cmd.addAll(jvmFlags());
    cmd.add("-Dlog4j2.configurationFile=" + projectDir().resolve("conf/log4j2.properties"));
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(mainClass);
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb;
  }

  /** {@link #javaProcess} on the embedded classpath (this project's classes and Spark's jars). */
  static ProcessBuilder javaProcess(Path log, String heap, String mainClass, List<String> args) {
    return javaProcess(log, heap, classpath(), mainClass, args);
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

  /** What a run through the launcher returned and printed (stdout and stderr together). */
  static final class Launched {
    final int exitCode;
    final String output;

    Launched(int exitCode, String output) {
      this.exitCode = exitCode;
      this.output = output;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n" + output;
    }
  }

  /**
   * The job through its launcher, {@code jobs/resample}, as a user runs it: bash, an embedded
   * local Spark configured by conf/, {@code --master} and other SparkSubmit options before {@code
   * --}; on the classes Maven compiled (RESAMPLE_JOB_CLASSES) with a 1 GiB heap unless {@code env}
   * says otherwise. Runs in {@code cwd}; stdout and stderr go to {@code log}.
   */
  static Process startLaunch(Path cwd, Path log, Map<String, String> env, List<String> sparkArgs, List<String> jobArgs) {
    List<String> cmd = new ArrayList<>(List.of("bash", projectDir().resolve("jobs/resample").toString()));
    if (!sparkArgs.isEmpty()) {
      cmd.addAll(sparkArgs);
      cmd.add("--");
    }
    cmd.addAll(jobArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().remove("SPARK_HOME");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("RESAMPLE_JOB_CLASSES", buildDir().resolve("classes").toString());
    pb.environment().put("RESAMPLE_SPARK_LINE", System.getProperty("resample.sparkLine", "4.2_2.13"));
    pb.environment().put("RESAMPLE_DRIVER_MEMORY", "1g");
    pb.environment().putAll(env);
    try {
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #startLaunch} with no extra environment on {@code local[2]}, waited for (4 minutes at most). */
  static Launched launch(Path cwd, String name, String... jobArgs) {
    return launch(cwd, name, Map.of(), List.of("--master", "local[2]"), jobArgs);
  }

  static Launched launch(Path cwd, String name, Map<String, String> env, List<String> sparkArgs, String... jobArgs) {
    Path log = cwd.resolve(name + ".log");
    Process p = startLaunch(cwd, log, env, sparkArgs, List.of(jobArgs));
    int code = exitCode(p, Duration.ofMinutes(4), log);
    try {
      return new Launched(code, Files.readString(log, StandardCharsets.UTF_8));
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

  /**
   * What a failed job's log says: its first 30 lines naming an error (where the failure began, which
   * the tail may no longer show once cleanup has logged its own errors), then its last 60 lines.
   */
  static String failure(Path log) {
    try {
      List<String> errors = new ArrayList<>();
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        if (errors.size() < 30
            && (line.contains(" ERROR ") || line.contains("Exception") || line.startsWith("Caused by"))) {
          errors.add(line);
        }
      }
      return "first errors:\n" + String.join("\n", errors) + "\n...\nlast lines:\n" + tail(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  // ---------------------------------------------------------------------------------------------
  // data

  /** Copies the test image folder (src/test/resources/images, with its subfolders) to {@code to}; returns {@code to}. */
  static Path copyTestImages(Path to) throws IOException {
    Path src = projectDir().resolve("src/test/resources/images");
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path dst = to.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dst);
        } else {
          Files.copy(p, dst, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return to;
  }

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

  /**
   * The job run in this JVM on {@code input} with {@code specs} into {@code dir}/local-output (the
   * reference other runs are compared with); fails the test unless it succeeds.
   */
  static String localRun(Path dir, String input, List<String> specs) {
    String output = dir.resolve("local-output").toString();
    List<String> args = new ArrayList<>(List.of("--input", input, "--output", output));
    args.addAll(specs);
    Run local = runInProcess(args.toArray(new String[0]));
    assertEquals(0, local.exitCode, local::toString);
    return output;
  }

  /**
   * Every file and directory below {@code root} (relative path) with, for a file, its size,
   * modification time and a CRC of its content: compare two to see what a run changed.
   */
  static Map<String, String> snapshot(Path root) {
    Map<String, String> m = new java.util.TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String rel = root.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          m.put(rel, "link to " + Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          m.put(rel + "/", "dir");
        } else {
          java.util.zip.CRC32 crc = new java.util.zip.CRC32();
          crc.update(Files.readAllBytes(p));
          m.put(rel, Files.size(p) + " bytes, modified " + Files.getLastModifiedTime(p).toMillis() + ", crc "
              + Long.toHexString(crc.getValue()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  /**
   * Asserts that nothing below {@code root} changed between two {@link #snapshot}s but what is
   * below one of {@code allowed} (paths relative to root).
   */
  static void assertChangedOnlyBelow(Map<String, String> before, Map<String, String> after, String... allowed) {
    java.util.Set<String> keys = new java.util.TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    List<String> changed = new ArrayList<>();
    for (String k : keys) {
      if (java.util.Objects.equals(before.get(k), after.get(k))) {
        continue;
      }
      boolean ok = false;
      for (String a : allowed) {
        ok |= k.equals(a) || k.equals(a + "/") || k.startsWith(a + "/");
      }
      if (!ok) {
        changed.add(k + ": " + before.get(k) + " -> " + after.get(k));
      }
    }
    assertEquals(List.of(), changed, "files changed outside " + Arrays.toString(allowed));
  }

  /** Files below {@code root} whose name ends with {@code suffix}; 0 while the tree changes under the walk. */
  static long filesEndingWith(Path root, String suffix) {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(f -> f.getFileName().toString().endsWith(suffix)).count();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  /**
   * Task directories committed under an output's _temporary (file output committer, algorithm 1):
   * some tasks have finished writing, the job has not committed.
   */
  static long committedTasks(Path output) {
    Path attempts = output.resolve("_temporary/0");
    if (!Files.isDirectory(attempts)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(attempts)) {
      return s.filter(p -> p.getFileName().toString().startsWith("task_")).count();
    } catch (IOException | UncheckedIOException e) {
      return 0; // the directory changes while it is listed
    }
  }
}
