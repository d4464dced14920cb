package org.resample.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resample.testing.Golden;

/**
 * Device choice inside real Spark tasks: Spark itself assigns the GPU addresses (standalone
 * local-cluster with discovery scripts, among them the shipped {@code conf/gpu-discovery.sh},
 * fractional task amounts), {@link SparkGpuAssignmentMain} records what {@link GpuBackends} makes
 * of them in each task.
 */
class SparkGpuAssignmentTest {
  /** app/partition/key -> value */
  private static final Map<String, String> SEEN = new HashMap<>();
  private static String output;

  @BeforeAll
  static void runTheSparkApplications() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory(Paths.get("target").toAbsolutePath(), "gpu-assignment");
    String flags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-") || a.startsWith("-XX:+IgnoreUnrecognized")
            || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty"))
        .collect(Collectors.joining(" "));
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    cmd.addAll(List.of(flags.split(" ")));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(SparkGpuAssignmentMain.class.getName());
    cmd.add(dir.toString());
    cmd.add(flags);
    cmd.add(Paths.get("").toAbsolutePath().toString());
    // No GPU in CI: conf/gpu-discovery.sh runs against a stand-in nvidia-smi listing index 3.
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path smi = bin.resolve("nvidia-smi");
    Files.writeString(smi, "#!/bin/sh\necho 3\n");
    Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"));
    // The standalone worker puts its work folder under the current directory.
    Process p = pb.start();
    String[] out = new String[1];
    Thread reader = new Thread(() -> {
      try {
        out[0] = Golden.readAll(p.getInputStream());
      } catch (IOException e) {
        out[0] = e.toString();
      }
    });
    reader.start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    reader.join(10_000);
    output = out[0];
    assertEquals(0, p.exitValue(), () -> "the Spark applications failed:\n" + tail(output));
    for (String line : output.split("\n")) {
      String[] f = line.split("\t", 5);
      if (f.length == 5 && f[0].equals("RESULT")) {
        SEEN.put(f[1] + "/" + f[2] + "/" + f[3], f[4]);
        System.out.println(f[1] + " task " + f[2] + ": " + f[3] + " = " + f[4]);
      }
    }
    deleteRecursively(dir);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  private static String tail(String s) {
    return s == null ? "" : s.substring(Math.max(0, s.length() - 6000));
  }

  private static String seen(String app, int partition, String key) {
    String v = SEEN.get(app + "/" + partition + "/" + key);
    assertTrue(v != null, () -> "no " + app + "/" + partition + "/" + key + " in:\n"
        + tail(output));
    return v;
  }

  @Test
  void taskWithoutGpu_getsNoDevice_andTheReasonSaysWhatToConfigure() {
    assertEquals("-1", seen("plain", 0, "default.ordinal"));
    String reason = seen("plain", 0, "default.reason");
    assertTrue(reason.contains("Spark assigned this task no 'gpu' resource")
        && reason.contains("spark.task.resource.gpu.amount"), reason);
    assertEquals("null", seen("plain", 0, "auto"));
    assertTrue(seen("plain", 0, "reason").contains("no GPU for this task"));
    String required = seen("plain", 0, "required");
    assertTrue(required.startsWith("IllegalStateException: backend = gpu but no GPU can be used")
        && required.contains("Spark assigned this task no 'gpu' resource"), required);
  }

  @Test
  void taskWithoutGpu_usesTheConfiguredDevice() {
    assertEquals("2", seen("plain", 0, "device.ordinal"));
    assertTrue(seen("plain", 0, "device.reason").contains("spark.resample.gpu.device=2"));
  }

  @Test
  void fractionalGpu_bothConcurrentTasksUseTheAssignedAddress() {
    for (int p = 0; p < 2; p++) {
      assertTrue(seen("cluster", p, "resources").contains("gpu=[name: gpu, addresses: 3]"),
          seen("cluster", p, "resources"));
      assertEquals("3", seen("cluster", p, "default.ordinal"));
      assertTrue(seen("cluster", p, "default.reason")
          .contains("assigned to this Spark task as resource 'gpu'"));
    }
  }

  @Test
  void resourceName_followsRapidsSetting_andOurOwn() {
    for (int p = 0; p < 2; p++) {
      assertEquals("1", seen("cluster", p, "rapidsName.ordinal"));
      assertEquals("-1", seen("cluster", p, "ownName.ordinal"));
      assertTrue(seen("cluster", p, "ownName.reason").contains("'GPU-5e1f'"),
          seen("cluster", p, "ownName.reason"));
      // An assigned GPU wins over the configured device.
      assertEquals("3", seen("cluster", p, "device.ordinal"));
    }
  }

  @Test
  void assignedGpuWithoutDriver_autoFallsBack_gpuFailsWithTheReason() {
    for (int p = 0; p < 2; p++) {
      String reason = seen("cluster", p, "reason");
      if (!seen("cluster", p, "auto").equals("null")) {
        continue; // an executor with a working device 3 (not this project's CI)
      }
      assertTrue(reason.startsWith("the GPU (device 3, assigned to this Spark task as resource 'gpu')"
          + " cannot be used: "), reason);
      String required = seen("cluster", p, "required");
      assertTrue(required.contains(reason), required);
    }
  }
}
