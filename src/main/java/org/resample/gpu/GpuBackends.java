package org.resample.gpu;

import java.util.Map;
import org.resample.core.Backend;

/**
 * Decides whether this thread can use a GPU and opens a {@link GpuBackend} on it; {@link Backends}
 * builds the choice between GPU and CPU on it.
 *
 * <pre>{@code
 * Backend b = GpuBackends.open(false, conf, task);     // task: what the scheduler assigned, or null
 * if (b == null) {
 *   log.info("on the CPU: {}", GpuBackends.unavailableReason(conf, task));
 *   b = CpuBackend.INSTANCE;
 * }
 * }</pre>
 *
 * <p>A GPU is usable when all of these hold, checked in this order, each failure giving its reason:
 * a device was chosen ({@link DeviceChoice}: in a Spark task the GPU address Spark assigned to it
 * under resource {@code spark.resample.gpu.resourceName}, default {@code
 * spark.rapids.gpu.resourceName} or "gpu"; else {@code spark.resample.gpu.device}, else device 0
 * outside Spark); JCuda's classes are on the classpath; its natives load (they need the NVIDIA
 * driver's {@code libcuda.so.1}); the driver initialises and is new enough for the kernels' PTX;
 * the device exists, has compute capability 7.5 or newer, and loads the PTX. Neither JCuda nor
 * Spark is needed to load this class or to get the reason: the caller running inside a Spark task
 * passes what the task was assigned ({@link TaskResources}). {@link Backends} decides between the
 * GPU and the CPU on top of this class.
 *
 * @since 0.1
 */
public final class GpuBackends {
  private GpuBackends() {}

  private static final String JCUDA_MISSING =
      "JCuda is not on the classpath; add org.jcuda:jcuda:12.6.0 and"
          + " org.jcuda:jcuda-natives:12.6.0:linux-x86_64 to the executors (spark.jars.packages)";

  private static volatile GpuRuntime runtime;
  private static volatile String runtimeReason;

  /**
   * Opens a GPU backend for the calling thread (inside a Spark task: the GPU Spark assigned to it).
   *
   * @param required true for {@code backend = gpu}: fail with the reason instead of returning null
   * @param conf settings ({@code spark.resample.gpu.*} and the {@code spark.rapids.*} confs the
   *     backend reads); null for the defaults
   * @return the backend, or null when none is usable and {@code required} is false
   * @throws IllegalStateException when {@code required} and no GPU backend is usable, saying why
   * @throws IllegalArgumentException when a {@code spark.resample.gpu.*} setting is malformed
   */
  public static Backend open(boolean required, Map<String, String> conf) {
    return open(required, conf, null);
  }

  /**
   * Opens a GPU backend for a thread running a task that was assigned {@code task} (null outside a
   * task), as {@link #open(boolean, Map)} does.
   */
  public static Backend open(boolean required, Map<String, String> conf, TaskResources task) {
    GpuSettings s = GpuSettings.of(conf);
    DeviceChoice choice = DeviceChoice.choose(s, task);
    String reason = reason(choice, s);
    if (reason == null) {
      try {
        return runtime.open(choice.ordinal, s);
      } catch (GpuException e) {
        reason = describe(choice, e.getMessage());
      }
    }
    if (required) {
      throw new IllegalStateException(
          "backend = gpu but no GPU can be used: " + reason
              + "; use backend = auto to fall back to the CPU, or backend = cpu");
    }
    return null;
  }

  /**
   * Why {@link #open} returns null on this thread with these settings, for the one log line of
   * {@code auto}; null when a GPU is usable.
   *
   * @throws IllegalArgumentException when a {@code spark.resample.gpu.*} setting is malformed
   */
  public static String unavailableReason(Map<String, String> conf) {
    return unavailableReason(conf, null);
  }

  /** {@link #unavailableReason(Map)} for a thread running a task that was assigned {@code task}. */
  public static String unavailableReason(Map<String, String> conf, TaskResources task) {
    GpuSettings s = GpuSettings.of(conf);
    return reason(DeviceChoice.choose(s, task), s);
  }

  /** The device {@link #open} would use for {@code task}, or -1 with {@link #unavailableReason}. */
  static DeviceChoice deviceChoice(Map<String, String> conf, TaskResources task) {
    return DeviceChoice.choose(GpuSettings.of(conf), task);
  }

  /** The device {@link #open} would use outside a task. */
  static DeviceChoice deviceChoice(Map<String, String> conf) {
    return deviceChoice(conf, null);
  }

  private static String reason(DeviceChoice choice, GpuSettings s) {
    if (!choice.found()) {
      return "no GPU for this task: " + choice.reason;
    }
    String r = runtimeReason();
    if (r == null) {
      r = runtime.unavailableReason(choice.ordinal, s);
    }
    return r == null ? null : describe(choice, r);
  }

  private static String describe(DeviceChoice choice, String why) {
    return "the GPU (" + choice.reason + ") cannot be used: " + why;
  }

  /** Loads the JCuda runtime once; null when it loaded, otherwise why not. */
  private static synchronized String runtimeReason() {
    if (runtime != null || runtimeReason != null) {
      return runtimeReason;
    }
    ClassLoader cl = GpuBackends.class.getClassLoader();
    try {
      Class.forName("jcuda.driver.JCudaDriver", false, cl);
    } catch (ClassNotFoundException | LinkageError e) {
      runtimeReason = JCUDA_MISSING;
      return runtimeReason;
    }
    try {
      runtime = (GpuRuntime) Class.forName(GpuBackends.class.getPackageName() + ".JCudaRuntime",
          true, cl).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      runtimeReason = "the JCuda runtime could not be loaded: " + e;
    }
    return runtimeReason;
  }
}
