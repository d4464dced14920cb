package org.resample.core.compat;

/**
 * One axis of a Pillow resample ({@code precompute_coeffs} in {@code libImaging/Resample.c}): for
 * each output pixel a window {@code [min, min + count)} of input pixels and its normalised double
 * weights, and, for 8-bit images, those weights in fixed point with {@value #PRECISION_BITS}
 * fractional bits.
 */
final class PillowCoefficients {
  /** Pillow's 8-bit fixed point: 32 bits less 8 for the result, less 2 for overflow. */
  static final int PRECISION_BITS = 32 - 8 - 2;

  final int outSize;
  /** Stride of {@link #weights} between output pixels (Pillow's {@code ksize}). */
  final int taps;
  final int[] min;
  final int[] count;
  final double[] weights;

  private PillowCoefficients(int outSize, int taps, int[] min, int[] count, double[] weights) {
    this.outSize = outSize;
    this.taps = taps;
    this.min = min;
    this.count = count;
    this.weights = weights;
  }

  /**
   * The coefficients resampling the region {@code [in0, in1)} of an axis of {@code inSize} pixels
   * to {@code outSize} pixels. {@code in0} and {@code in1} are floats because Pillow receives the
   * box as C floats.
   */
  static PillowCoefficients compute(
      int inSize, float in0, float in1, int outSize, PillowFilter filter) {
    // Pillow subtracts in float, then widens.
    double scale = (double) (in1 - in0) / outSize;
    double filterScale = scale < 1.0 ? 1.0 : scale;
    double support = filter.support * filterScale;
    int taps = (int) Math.ceil(support) * 2 + 1;
    long cells = (long) outSize * taps;
    if (cells > Integer.MAX_VALUE - 8) {
      throw PillowResize.error(
          "resampling " + inSize + " pixels to " + outSize + " needs " + cells
              + " coefficients, more than an array holds; resize in two steps");
    }
    int[] min = new int[outSize];
    int[] count = new int[outSize];
    double[] w = new double[(int) cells];
    double invScale = 1.0 / filterScale;
    for (int xx = 0; xx < outSize; xx++) {
      double center = in0 + (xx + 0.5) * scale;
      int xmin = (int) (center - support + 0.5);
      if (xmin < 0) {
        xmin = 0;
      }
      int xmax = (int) (center + support + 0.5);
      if (xmax > inSize) {
        xmax = inSize;
      }
      xmax -= xmin;
      int base = xx * taps;
      double sum = 0.0;
      for (int x = 0; x < xmax; x++) {
        double v = filter.weight((x + xmin - center + 0.5) * invScale);
        w[base + x] = v;
        sum += v;
      }
      if (sum != 0.0) {
        for (int x = 0; x < xmax; x++) {
          w[base + x] /= sum;
        }
      }
      min[xx] = xmin;
      count[xx] = Math.max(xmax, 0);
    }
    return new PillowCoefficients(outSize, taps, min, count, w);
  }

  /** The weights in fixed point, rounded half away from zero ({@code normalize_coeffs_8bpc}). */
  int[] fixedPoint() {
    int[] k = new int[weights.length];
    double one = 1 << PRECISION_BITS;
    for (int i = 0; i < k.length; i++) {
      double v = weights[i];
      k[i] = v < 0 ? (int) (-0.5 + v * one) : (int) (0.5 + v * one);
    }
    return k;
  }

  /** First input pixel any output pixel reads. */
  int firstUsed() {
    return min[0];
  }

  /** One past the last input pixel the last output pixel reads (Pillow's {@code ybox_last}). */
  int lastUsed() {
    return min[outSize - 1] + count[outSize - 1];
  }
}
