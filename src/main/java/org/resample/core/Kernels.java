package org.resample.core;

/** Runs a validated plan: picks the kernel for the mode and dtype. */
final class Kernels {
  private Kernels() {}

  static Tensor run(ResamplePlan plan, Tensor input) {
    throw new UnsupportedOperationException("kernels not implemented yet");
  }
}
