package org.resample.gpu;

import org.resample.core.Backend;

/**
 * The JCuda side of the GPU backend, seen through JCuda-free types so that {@link GpuBackends} can
 * be loaded, and can say why there is no GPU, on a JVM without JCuda's jars or natives. The only
 * implementation, {@code JCudaRuntime}, is loaded reflectively after JCuda was found.
 */
interface GpuRuntime {
  /** Null when device {@code ordinal} can run the kernels, otherwise why not. */
  String unavailableReason(int ordinal, GpuSettings settings);

  /**
   * A backend on device {@code ordinal}.
   *
   * @throws GpuException when the device cannot be used (the reason of {@link #unavailableReason})
   */
  Backend open(int ordinal, GpuSettings settings);
}
