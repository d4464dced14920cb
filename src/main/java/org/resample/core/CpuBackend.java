package org.resample.core;

/**
 * The pure-Java {@link Backend}: {@link Interpolate#interpolate} on each tensor in turn, each call
 * split over {@code options.parallelism()} threads.
 *
 * @since 0.1
 */
public final class CpuBackend implements Backend {
  /** The shared instance (it holds no state). */
  public static final CpuBackend INSTANCE = new CpuBackend();

  private CpuBackend() {}

  @Override
  public String name() {
    return "cpu";
  }

  @Override
  public Tensor[] resample(Tensor[] inputs, InterpolateOptions options) {
    Tensor[] out = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      out[i] = Interpolate.interpolate(inputs[i], options);
    }
    return out;
  }
}
