package org.resample.core;

/**
 * The index arithmetic every mode shares: ports of ATen's {@code compute_scales_value}, {@code
 * area_pixel_compute_scale}, {@code area_pixel_compute_source_index} and the nearest index rules
 * (see docs/pytorch-numerics.md, sections 1-2).
 *
 * <p>Every method takes {@code f32}: true computes in float32 (PyTorch's {@code opmath_t} for
 * float32 and uint8 input), false in float64 (float64 input). Values are carried in doubles; in
 * float32 mode each operation is rounded to float32 right after it, which gives exactly float32
 * arithmetic because a double holds the exact result of one float32 operation before rounding.
 */
final class SourceIndex {
  private SourceIndex() {}

  /** Rounds to float32 when {@code f32}. */
  static double round(double v, boolean f32) {
    return f32 ? (double) (float) v : v;
  }

  /** Has a scale factor been handed to the kernel (NaN means none). */
  static boolean hasScale(double scaleOpt) {
    return !Double.isNaN(scaleOpt) && scaleOpt > 0;
  }

  /** ATen {@code compute_scales_value}: {@code 1/scale} if a scale was given, else {@code in/out}. */
  static double scalesValue(double scaleOpt, int in, int out, boolean f32) {
    if (hasScale(scaleOpt)) {
      return round(1.0 / scaleOpt, f32);
    }
    return f32 ? (double) ((float) in / (float) out) : (double) in / out;
  }

  /** ATen {@code area_pixel_compute_scale}. */
  static double pixelScale(int in, int out, boolean alignCorners, double scaleOpt, boolean f32) {
    if (alignCorners) {
      if (out > 1) {
        return f32 ? (double) ((float) (in - 1) / (float) (out - 1)) : (double) (in - 1) / (out - 1);
      }
      return 0.0;
    }
    return scalesValue(scaleOpt, in, out, f32);
  }

  /**
   * ATen {@code area_pixel_compute_source_index}: {@code scale * i} with align_corners, else
   * {@code scale * (i + 0.5) - 0.5}, clamped at 0 unless {@code cubic}.
   */
  static double sourceIndex(double scale, int i, boolean alignCorners, boolean cubic, boolean f32) {
    if (alignCorners) {
      return round(scale * i, f32);
    }
    // float32: three roundings, as ATen's opmath_t arithmetic; float64: the product and the
    // subtraction contracted into one fused multiply-add, as PyTorch's x86 builds compile it.
    double src =
        f32
            ? round(round(scale * round(i + 0.5, true), true) - 0.5, true)
            : Math.fma(scale, i + 0.5, -0.5);
    return (!cubic && src < 0) ? 0.0 : src;
  }

  /**
   * PyTorch 2.x's {@code area_pixel_compute_source_index} in float32: {@code scale * (i + 0.5f) -
   * 0.5f} in {@code opmath_t}, the product and the subtraction contracted into one fused
   * multiply-add; float64 as {@link #sourceIndex}.
   */
  static double sourceIndexFused(double scale, int i, boolean alignCorners, boolean cubic, boolean f32) {
    if (!f32 || alignCorners) {
      return sourceIndex(scale, i, alignCorners, cubic, f32);
    }
    double src = Math.fma((float) scale, (float) i + 0.5f, -0.5f);
    return (!cubic && src < 0) ? 0.0 : src;
  }

  /**
   * Legacy {@code nearest} source index of output {@code i}: {@code min(floor(f32(s * i)), in -
   * 1)}; the float64 scale of float64 input is still floored through float32, as ATen's {@code
   * floorf} does.
   */
  static int nearest(double scale, int i, int in) {
    int idx = (int) Math.floor((float) (scale * i));
    return Math.min(idx, in - 1);
  }

  /**
   * ATen's channels-last {@code nearest_idx}: copies when {@code out == in}, halves when {@code out
   * == 2 * in}, otherwise the legacy rule with a float32 scale.
   */
  static int nearestChannelsLast(int i, int in, int out, double scaleOpt) {
    if (out == in) {
      return i;
    }
    if (out == 2 * in) {
      return i >> 1;
    }
    return nearest(scalesValue(scaleOpt, in, out, true), i, in);
  }

  /**
   * Generic-kernel {@code nearest-exact} index: {@code floor(f32(source_index(i) + 0.5))} clamped
   * to {@code in - 1} (the source index fused in 2.x, see {@link #sourceIndexFused}).
   */
  static int nearestExact(double scale, int i, int in, boolean f32, TorchVersion v) {
    double r =
        v == TorchVersion.V2
            ? sourceIndexFused(scale, i, false, false, f32)
            : sourceIndex(scale, i, false, false, f32);
    int idx = (int) Math.floor((float) (r + 0.5));
    return Math.min(idx, in - 1);
  }

  /** Channels-last {@code nearest_exact_idx}: {@code floor(f32((i + 0.5) * s))}, s float32. */
  static int nearestExactChannelsLast(int i, int in, int out, double scaleOpt) {
    double s = scalesValue(scaleOpt, in, out, true);
    int idx = (int) Math.floor((float) ((i + 0.5) * s));
    return Math.min(idx, in - 1);
  }
}
