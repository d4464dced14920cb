package org.resample.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Backend selection outside Spark tasks and settings validation. On a machine without the NVIDIA
 * driver (CI) the JCuda natives are on the test classpath but cannot load: the real "no GPU" case.
 * Inside Spark tasks: {@link SparkGpuAssignmentTest}.
 */
class GpuBackendsTest {
  /** True when the driver library exists, i.e. the no-driver expectations do not apply. */
  static boolean driverInstalled() {
    for (String dir : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib",
        "/usr/local/nvidia/lib64", "/usr/lib/wsl/lib")) {
      if (Files.exists(Paths.get(dir, "libcuda.so.1"))) {
        return true;
      }
    }
    return false;
  }

  private static void requireNoDriver() {
    boolean driver = driverInstalled();
    if (driver) {
      System.out.println("GpuBackendsTest: libcuda.so.1 is installed here; the no-driver"
          + " expectations are checked on machines without it (GpuSuiteTest covers GPUs)");
    }
    assumeFalse(driver, "libcuda.so.1 is installed");
  }

  @Test
  void auto_withoutDriver_returnsNull_andTheReasonNamesTheMissingDriverLibrary() {
    requireNoDriver();
    assertNull(GpuBackends.open(false, Map.of()));
    String reason = GpuBackends.unavailableReason(Map.of());
    assertTrue(reason.startsWith("the GPU (device 0, the default outside Spark tasks) cannot be"
        + " used: "), reason);
    assertTrue(reason.contains("the JCuda natives could not be loaded (libcuda.so.1: cannot open"
        + " shared object file"), reason);
    // Asked again: the same reason, from the remembered first failure.
    assertEquals(reason, GpuBackends.unavailableReason(Map.of()));
  }

  @Test
  void gpu_withoutDriver_failsWithTheReasonAndTheWayOut() {
    requireNoDriver();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> GpuBackends.open(true, Map.of()));
    assertTrue(e.getMessage().startsWith("backend = gpu but no GPU can be used: "), e.getMessage());
    assertTrue(e.getMessage().contains(GpuBackends.unavailableReason(Map.of())), e.getMessage());
    assertTrue(e.getMessage().endsWith("use backend = auto to fall back to the CPU, or backend ="
        + " cpu"), e.getMessage());
  }

  @Test
  void withoutJCudaAndSpark_autoFallsBack_andTheReasonSaysWhatToAdd() throws Exception {
    // Only this project's classes: no JCuda, no Spark, no slf4j.
    Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", "target/classes" + java.io.File.pathSeparator + "target/test-classes",
        NoJCudaMain.class.getName()).redirectErrorStream(true).start();
    String out = org.resample.testing.Golden.readAll(p.getInputStream());
    assertEquals(0, p.waitFor(), out);
    assertEquals("auto: null\n"
        + "gpu: backend = gpu but no GPU can be used: the GPU (device 0, the default outside"
        + " Spark tasks) cannot be used: JCuda is not on the classpath; add"
        + " org.jcuda:jcuda:12.6.0 and org.jcuda:jcuda-natives:12.6.0:linux-x86_64 to the"
        + " executors (spark.jars.packages); use backend = auto to fall back to the CPU, or"
        + " backend = cpu\n", out);
  }

  @Test
  void configuredDevice_isUsedOutsideSpark() {
    assertEquals(0, GpuBackends.deviceChoice(Map.of()).ordinal);
    DeviceChoice c = GpuBackends.deviceChoice(Map.of(GpuSettings.DEVICE, " 1 "));
    assertEquals(1, c.ordinal);
    assertEquals("spark.resample.gpu.device=1", c.reason);
  }

  @Test
  void malformedDevice_failsNamingKeyAndValue() {
    for (String bad : List.of("-1", "one", "1.5", "0x1")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> GpuBackends.open(false, Map.of(GpuSettings.DEVICE, bad)));
      assertEquals("spark.resample.gpu.device must be a GPU ordinal (0, 1, ...), got '" + bad
          + "'", e.getMessage());
    }
  }

  @Test
  void malformedSettings_failNamingKeyValueAndValidForm() {
    assertEquals("spark.resample.gpu.memoryFraction must be a number in (0, 1], got '0'",
        settingsError(GpuSettings.MEMORY_FRACTION, "0"));
    assertEquals("spark.resample.gpu.memoryFraction must be a number in (0, 1], got '1.5'",
        settingsError(GpuSettings.MEMORY_FRACTION, "1.5"));
    assertEquals("spark.resample.gpu.memoryFraction must be a number in (0, 1], got 'half'",
        settingsError(GpuSettings.MEMORY_FRACTION, "half"));
    assertEquals("spark.resample.gpu.rmm must be auto, true or false, got 'maybe'",
        settingsError(GpuSettings.RMM, "maybe"));
    assertEquals("spark.resample.gpu.concurrentTasks must be a whole number >= 1, got '0'",
        settingsError(GpuSettings.CONCURRENT_TASKS, "0"));
    assertEquals("spark.rapids.sql.concurrentGpuTasks must be a whole number >= 1, got 'x'",
        settingsError(GpuSettings.RAPIDS_CONCURRENT_TASKS, "x"));
  }

  private static String settingsError(String key, String value) {
    return assertThrows(IllegalArgumentException.class,
        () -> GpuBackends.unavailableReason(Map.of(key, value))).getMessage();
  }

  @Test
  void settings_defaultsFollowTheRapidsAccelerator() {
    GpuSettings d = GpuSettings.of(null);
    assertEquals("gpu", d.resourceName);
    assertEquals(GpuSettings.DEFAULT_MEMORY_FRACTION, d.memoryFraction);
    assertEquals(GpuSettings.Rmm.AUTO, d.rmm);
    assertEquals(GpuSettings.DEFAULT_CONCURRENT_TASKS, d.concurrentTasks);
    Map<String, String> rapids = new HashMap<>();
    rapids.put(GpuSettings.RAPIDS_RESOURCE_NAME, "nvidia");
    rapids.put(GpuSettings.RAPIDS_CONCURRENT_TASKS, "3");
    GpuSettings r = GpuSettings.of(rapids);
    assertEquals("nvidia", r.resourceName);
    assertEquals(3, r.concurrentTasks);
    rapids.put(GpuSettings.RESOURCE_NAME, "mine");
    rapids.put(GpuSettings.CONCURRENT_TASKS, "1");
    rapids.put(GpuSettings.RMM, "FALSE");
    rapids.put(GpuSettings.MEMORY_FRACTION, "0.25");
    GpuSettings own = GpuSettings.of(rapids);
    assertEquals("mine", own.resourceName);
    assertEquals(1, own.concurrentTasks);
    assertEquals(GpuSettings.Rmm.FALSE, own.rmm);
    assertEquals(0.25, own.memoryFraction);
  }

  @Test
  void ptxDriverRequirement_isStatedInCudaVersions() {
    PtxImage p = PtxImage.load();
    assertEquals("13.0", PtxImage.cudaVersion(13000));
    assertEquals("12.4", PtxImage.cudaVersion(12040));
    assertTrue(p.minimumDriverVersion() >= 11000, p.isa());
  }
}
