package org.resample.gpu;

import org.resample.core.Backend;

/** Opens the GPU backend on a classpath without JCuda and Spark (see GpuBackendsTest). */
public final class NoJCudaMain {
  private NoJCudaMain() {}

  public static void main(String[] args) {
    Backend b = GpuBackends.open(false, null);
    System.out.println("auto: " + b);
    try {
      GpuBackends.open(true, null);
    } catch (IllegalStateException e) {
      System.out.println("gpu: " + e.getMessage());
    }
  }
}
