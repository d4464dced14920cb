package org.resample.job;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on 127.0.0.1: a master and workers, each its own JVM, from a Spark
 * home assembled from the Maven dependency jars (target/spark-classpath.txt: Spark and the other
 * provided dependencies, not this project). Jobs are submitted with SparkSubmit as on a real
 * cluster, with the application jar.
 */
final class StandaloneCluster implements AutoCloseable {
  final Path sparkHome;
  final int masterPort;
  final int masterUiPort;
  private final Path dir;
  private final List<Process> processes = new ArrayList<>();
  private final List<Process> workers = new ArrayList<>();

  StandaloneCluster(Path dir, int workerCount) throws IOException {
    this.dir = dir;
    this.sparkHome = sparkHome(dir.resolve("spark-home"));
    this.masterPort = JobTesting.freePort();
    this.masterUiPort = JobTesting.freePort();
    processes.add(start(dir.resolve("master.log"), "256m", "org.apache.spark.deploy.master.Master",
        List.of("--host", "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port",
            String.valueOf(masterUiPort))));
    JobTesting.await("the master's web UI", Duration.ofSeconds(90), () -> masterJson() != null);
    for (int i = 0; i < workerCount; i++) {
      Path work = Files.createDirectories(dir.resolve("worker-" + i));
      Process w = start(dir.resolve("worker-" + i + ".log"), "256m", "org.apache.spark.deploy.worker.Worker",
          List.of("--host", "127.0.0.1", "--cores", "1", "--memory", "1g", "--webui-port",
              String.valueOf(JobTesting.freePort()), "--work-dir", work.toString(), masterUrl()));
      processes.add(w);
      workers.add(w);
    }
    JobTesting.await(workerCount + " workers to register", Duration.ofSeconds(120),
        () -> aliveWorkers() == workerCount);
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** A Spark home whose jars/ links the Maven dependency jars, as the launcher expects. */
  private static Path sparkHome(Path home) throws IOException {
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (String jar : JobTesting.buildFile("spark-classpath.txt").split(File.pathSeparator)) {
      Path source = Path.of(jar);
      Path link = jars.resolve(source.getFileName());
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, source);
      }
    }
    return home;
  }

  /** A JVM on the Spark home's jars only, as Spark's own scripts start one. */
  private Process start(Path log, String heap, String mainClass, List<String> args) {
    ProcessBuilder pb = JobTesting.javaProcess(log, heap, sparkHome.resolve("jars") + File.separator + "*", mainClass, args);
    pb.environment().put("SPARK_HOME", sparkHome.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    try {
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The master's /json/ status, or null while it does not answer. */
  String masterJson() {
    try {
      HttpURLConnection c =
          (HttpURLConnection) URI.create("http://127.0.0.1:" + masterUiPort + "/json/").toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(2000);
      if (c.getResponseCode() != 200) {
        return null;
      }
      return new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  int aliveWorkers() {
    String json = masterJson();
    if (json == null) {
      return -1;
    }
    Matcher m = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)").matcher(json);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** The executor JVMs the workers have started (children of the worker processes). */
  List<ProcessHandle> executors() {
    List<ProcessHandle> out = new ArrayList<>();
    for (Process w : workers) {
      w.toHandle().descendants()
          .filter(h -> h.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
          .forEach(out::add);
    }
    return out;
  }

  /**
   * SparkSubmit of {@code appJar} to this cluster, in client mode, in its own JVM whose classpath
   * is the Spark home's jars only (as bin/spark-submit runs it).
   */
  Process submit(Path log, Path appJar, List<String> sparkArgs, List<String> jobArgs) {
    List<String> args = new ArrayList<>(List.of("--master", masterUrl(), "--deploy-mode", "client",
        "--properties-file", JobTesting.projectDir().resolve("conf/spark-defaults.conf").toString(),
        "--conf", "spark.executor.memory=512m", "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.ui.enabled=false", "--class", ResampleJob.class.getName()));
    args.addAll(sparkArgs);
    args.add(appJar.toString());
    args.addAll(jobArgs);
    return start(log, "768m", "org.apache.spark.deploy.SparkSubmit", args);
  }

  /**
   * The application jar: target/classes packed as a jar (what {@code mvn package} puts in
   * target/spark-resample-*.jar; during {@code mvn test} that jar is not built yet).
   */
  static Path applicationJar(Path dir) throws IOException {
    Path classes = JobTesting.projectDir().resolve("target/classes");
    Path jar = dir.resolve("spark-resample-app.jar");
    Manifest mf = new Manifest();
    mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (OutputStream os = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(os, mf);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    return jar;
  }

  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process p = processes.get(i);
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      try {
        p.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
