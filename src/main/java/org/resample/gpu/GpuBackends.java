package org.resample.gpu;

import java.util.Map;
import org.resample.core.Backend;

/**
 * Entry point from the batched operator to the GPU backend. This build has no GPU kernels yet, so
 * there is never a usable GPU: {@code auto} gets null (the caller uses the CPU) and {@code gpu} fails
 * with the reason.
 *
 * @since 0.1
 */
public final class GpuBackends {
  private GpuBackends() {}

  /** Why no GPU backend can be opened in this build. */
  static final String UNAVAILABLE = "this build of spark-resample has no GPU backend";

  /**
   * Opens a GPU backend for the calling thread (inside a Spark task: the GPU Spark assigned to it).
   *
   * @param required true for {@code backend = gpu}: fail with the reason instead of returning null
   * @param conf settings ({@code spark.resample.gpu.*} and the Spark confs the backend reads)
   * @return the backend, or null when none is usable and {@code required} is false
   * @throws IllegalStateException when {@code required} and no GPU backend is usable, saying why
   */
  public static Backend open(boolean required, Map<String, String> conf) {
    if (required) {
      throw new IllegalStateException("backend = gpu but " + UNAVAILABLE + "; use backend = auto or cpu");
    }
    return null;
  }

  /** The reason {@link #open} returns null on this thread, for the one log line of {@code auto}. */
  public static String unavailableReason(Map<String, String> conf) {
    return UNAVAILABLE;
  }
}
