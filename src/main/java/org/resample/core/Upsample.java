package org.resample.core;

import java.util.Objects;

/**
 * A configured resampling, applied to many tensors: the counterpart of {@code torch.nn.Upsample}.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * Upsample up = new Upsample(InterpolateOptions.builder().scaleFactor(2).mode(Mode.BILINEAR).build());
 * Tensor y = up.apply(x);
 * }</pre>
 *
 * @since 0.1
 */
public final class Upsample {
  private final InterpolateOptions options;

  public Upsample(InterpolateOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * {@code nn.Upsample(size, scale_factor, mode, align_corners, recompute_scale_factor)}. As in
   * PyTorch, a scale factor of 0 counts as not given.
   */
  public static Upsample of(
      int[] size,
      double[] scaleFactor,
      Mode mode,
      Boolean alignCorners,
      Boolean recomputeScaleFactor) {
    double[] scale = scaleFactor;
    if (scale != null && scale.length == 1 && scale[0] == 0.0) {
      scale = null;
    }
    return new Upsample(
        InterpolateOptions.builder()
            .size(size)
            .scaleFactor(scale)
            .mode(mode)
            .alignCorners(alignCorners)
            .recomputeScaleFactor(recomputeScaleFactor)
            .build());
  }

  /** Resamples {@code input} with the configured options. */
  public Tensor apply(Tensor input) {
    return Interpolate.interpolate(input, options);
  }

  public InterpolateOptions options() {
    return options;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Upsample && ((Upsample) o).options.equals(options);
  }

  @Override
  public int hashCode() {
    return options.hashCode();
  }

  @Override
  public String toString() {
    return "Upsample(" + options + ")";
  }
}
