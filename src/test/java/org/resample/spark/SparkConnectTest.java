package org.resample.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalog functions from a Spark Connect client: a real Spark Connect server (Spark's own
 * {@code SparkConnectServer}, from Maven Central, in a child JVM) runs with the library and the
 * {@code resample} catalog; the JVM Connect client (another JVM, no classic Spark on its class
 * path) calls the functions, and gets what the same SQL gives on classic Spark. The batched
 * Resampler, which needs classic Spark, tells a Connect user so and what to use instead.
 */
class SparkConnectTest {
  static final List<String> QUERIES = List.of(
      "SELECT array_join(transform(resample.interpolate(named_struct('data', array(1f, 2f, 3f, 4f),"
          + " 'shape', array(1, 1, 2, 2)), array(3, 5), 'bilinear').data, x -> cast(x AS STRING)), ',')",
      "SELECT array_join(transform(resample.interpolate_scale(named_struct('data',"
          + " array(0d, 1d, 4d, 9d, 16d, 25d), 'shape', array(1, 1, 6)), 0.5d, 'area').data,"
          + " x -> cast(x AS STRING)), ',')",
      "SELECT array_join(transform(resample.interpolate(named_struct('data', array(10f, 20f, 30f, 40f),"
          + " 'shape', array(1, 1, 2, 2)), array(4, 4), 'bicubic', map('align_corners', 'true')).data,"
          + " x -> cast(x AS STRING)), ',')",
      "SELECT cast(resample.tensor_shape(resample.interpolate(named_struct('data', array(1f, 2f, 3f, 4f),"
          + " 'shape', array(1, 1, 2, 2)), array(7, 3), 'nearest-exact')) AS STRING)");

  static Process server;
  static Path log;

  @BeforeAll
  static void startServer() throws IOException {
    Path dir = Files.createDirectories(buildDir().resolve("spark-connect"));
    log = dir.resolve("server.log");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(java());
    cmd.add("-Xmx1g");
    cmd.addAll(jvmFlags());
    cmd.addAll(List.of(
        "-Dspark.master=local[2]", "-Dspark.ui.enabled=false",
        "-Dspark.connect.grpc.binding.address=127.0.0.1",
        "-Dspark.connect.grpc.binding.port=" + port,
        "-Dspark.sql.catalog.resample=org.resample.spark.sql.ResampleCatalog",
        "-cp", String.join(File.pathSeparator, buildDir().resolve("classes").toString(),
            tool("spark-connect.jar"), tool("spark-pipelines.jar"), buildFile("spark-classpath.txt")),
        "org.apache.spark.sql.connect.service.SparkConnectServer"));
    server = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    url = "sc://127.0.0.1:" + port;
    // The server says when it listens; everything it prints goes to the log.
    BufferedReader out = new BufferedReader(
        new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = out.readLine()) != null) {
      seen.append(line).append('\n');
      if (line.contains("Spark Connect server started")) {
        break;
      }
    }
    Files.writeString(log, seen);
    assertTrue(server.isAlive(), () -> "the Connect server stopped:\n" + seen);
    Thread drain = new Thread(() -> {
      try (BufferedReader r = out) {
        String l;
        while ((l = r.readLine()) != null) {
          Files.writeString(log, l + "\n", java.nio.file.StandardOpenOption.APPEND);
        }
      } catch (IOException e) {
        // the server ended
      }
    });
    drain.setDaemon(true);
    drain.start();
  }

  static String url;

  @AfterAll
  static void stopServer() throws InterruptedException {
    if (server != null) {
      server.destroy();
      if (!server.waitFor(60, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  @Test
  void catalogFunctions_fromTheJvmConnectClient_giveWhatClassicSparkGives_andResamplerSaysItNeedsClassic()
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(java());
    cmd.add("-Xmx1g");
    cmd.addAll(jvmFlags());
    cmd.addAll(List.of("-cp", clientClasspath(), ConnectClientMain.class.getName(), url));
    cmd.addAll(QUERIES);
    Path clientLog = buildDir().resolve("spark-connect/client.log");
    Process client = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(clientLog.toFile()).start();
    assertTrue(client.waitFor(5, TimeUnit.MINUTES), "the Connect client did not finish");
    List<String> out = Files.readAllLines(clientLog, StandardCharsets.UTF_8);
    assertEquals(0, client.exitValue(), () -> String.join("\n", out));

    Map<String, String> got = new LinkedHashMap<>();
    String session = null;
    String resampler = null;
    for (String l : out) {
      String[] f = l.split("\t", 3);
      if (f[0].equals("RESULT") && f.length == 3) {
        got.put(f[1], f[2]);
      } else if (f[0].equals("SESSION")) {
        session = f[1];
      } else if (f[0].equals("RESAMPLER")) {
        resampler = f[1];
      }
    }
    assertEquals("org.apache.spark.sql.connect.SparkSession", session, "a Connect session");
    for (int i = 0; i < QUERIES.size(); i++) {
      String classic = SparkTesting.spark().sql(QUERIES.get(i)).collectAsList().get(0).getString(0);
      assertEquals(classic, got.get(Integer.toString(i + 1)), QUERIES.get(i));
    }
    assertTrue(resampler != null && resampler.startsWith("org.resample.spark.ResampleSqlException")
        && resampler.contains("classic Spark") && resampler.contains("resample.interpolate"),
        () -> String.join("\n", out));
  }

  /**
   * The JVM Connect client's class path: its jar (gRPC and the Connect protocol shaded in), Spark's
   * Connect shims in place of spark-core, the library and its tests, spark-mllib (the Resampler's
   * Transformer API), and the rest of Spark's dependencies without classic Spark's own jars.
   */
  static String clientClasspath() {
    List<String> classic = List.of("/spark-core_", "/spark-sql_", "/spark-catalyst_", "/spark-sql-api_",
        "/spark-hive", "/spark-hadoop-cloud_", "/spark-network-", "/spark-launcher_", "/spark-kvstore_",
        "/spark-graphx_", "/spark-streaming_");
    List<String> rest = Arrays.stream(buildFile("spark-classpath.txt").split(File.pathSeparator))
        .filter(p -> classic.stream().noneMatch(p::contains))
        .collect(Collectors.toList());
    List<String> cp = new ArrayList<>(List.of(tool("spark-connect-client-jvm.jar"),
        tool("spark-connect-shims.jar"), buildDir().resolve("classes").toString(),
        buildDir().resolve("test-classes").toString()));
    cp.addAll(rest);
    return String.join(File.pathSeparator, cp);
  }

  static Path buildDir() {
    String dir = System.getProperty("resample.buildDir");
    return dir != null ? Paths.get(dir) : Paths.get("target");
  }

  static String tool(String name) {
    Path p = buildDir().resolve("test-tools/connect").resolve(name);
    assertTrue(Files.isRegularFile(p), "missing " + p + "; run the tests through Maven (mvn test)");
    return p.toString();
  }

  static String buildFile(String name) {
    try {
      return Files.readString(buildDir().resolve(name), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> jvmFlags() {
    return Arrays.asList(buildFile("jvm-flags.txt").split("\\s+"));
  }

  static String java() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }
}
