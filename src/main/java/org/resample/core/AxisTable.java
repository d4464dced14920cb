package org.resample.core;

/**
 * Per-axis source indices and weights, computed once per call so that the pixel loops do no index
 * arithmetic (ATen's {@code compute_indices_weights_*}).
 *
 * <p>Output {@code i} reads {@code count(i)} taps at {@code index[i * taps + j]} with weights
 * {@code weight[i * taps + j]}, and combines them as PyTorch's kernels do after the compiler has
 * contracted them into fused multiply-adds: {@code y = x0 * w0; y = fma(x_j, w_j, y)} for {@code j
 * = 1..count-1}. Linear tables store their two taps in reverse order, so the same chain computes
 * ATen's {@code x0 * w0 + x1 * w1} as {@code fma(x0, w0, x1 * w1)}.
 */
final class AxisTable {
  final int inSize;
  final int outSize;
  /** Taps per output (the stride of {@link #index} and {@link #weight}). */
  final int taps;

  final int[] index;
  final int[] count;
  final double[] weight;
  final float[] weightF;
  /** True when every output has exactly {@link #taps} taps. */
  final boolean uniform;

  private AxisTable(int inSize, int outSize, int taps, int[] index, int[] count, double[] weight) {
    this.inSize = inSize;
    this.outSize = outSize;
    this.taps = taps;
    this.index = index;
    this.count = count;
    this.weight = weight;
    this.weightF = new float[weight.length];
    boolean u = true;
    for (int i = 0; i < weight.length; i++) {
      weightF[i] = (float) weight[i];
    }
    for (int c : count) {
      u &= c == taps;
    }
    this.uniform = u;
  }

  private static int[] fullCount(int out, int taps) {
    int[] c = new int[out];
    java.util.Arrays.fill(c, taps);
    return c;
  }

  /**
   * Linear interpolation (ATen {@code compute_source_index_and_lambda}): two taps {@code i0, i1}
   * with weights {@code l0, l1}; an axis whose size does not change is an identity whatever the
   * scale. PyTorch 1.13 computes the float32 source index in float64; 2.x in float32.
   */
  static AxisTable linear(
      int in, int out, boolean alignCorners, double scaleOpt, boolean f32, TorchVersion v) {
    int[] index = new int[2 * out];
    double[] weight = new double[2 * out];
    double ratio = SourceIndex.pixelScale(in, out, alignCorners, scaleOpt, f32);
    boolean doubleIndex = !f32 || v == TorchVersion.V1_13;
    for (int i = 0; i < out; i++) {
      int i0;
      int i1;
      double l0;
      double l1;
      if (out == in) {
        i0 = i;
        i1 = i;
        l0 = 1;
        l1 = 0;
      } else {
        double real = SourceIndex.sourceIndexFused(ratio, i, alignCorners, false, !doubleIndex);
        if (v == TorchVersion.V1_13) {
          i0 = (int) real;
          l1 = SourceIndex.round(real - i0, f32);
        } else {
          // ATen's guard_index_and_lambda floors with floorf: a float64 index goes through float32
          i0 = Math.min((int) Math.floor((float) real), in - 1);
          l1 = Math.min(Math.max(SourceIndex.round(real - i0, f32), 0.0), 1.0);
        }
        l0 = SourceIndex.round(1.0 - l1, f32);
        i1 = i0 + (i0 < in - 1 ? 1 : 0);
      }
      index[2 * i] = i1;
      index[2 * i + 1] = i0;
      weight[2 * i] = l1;
      weight[2 * i + 1] = l0;
    }
    return new AxisTable(in, out, 2, index, fullCount(out, 2), weight);
  }

  /** Cubic convolution constant of non-antialiased bicubic (ATen {@code get_cubic_upsample_coefficients}). */
  static final double CUBIC_A = -0.75;
  /** Keys' constant of antialiased bicubic. */
  static final double KEYS_A = -0.5;

  /** {@code ((A + 2) x - (A + 3)) x x + 1}, for {@code 0 <= x <= 1}. */
  /**
   * {@code ((A + 2) x - (A + 3)) x x + 1}, for {@code 0 <= x <= 1} (ATen {@code
   * cubic_convolution1}), with the fused multiply-adds PyTorch's x86 builds contract it into: the
   * inner one always, the outer one only where {@code outerFma} (the antialias filter).
   */
  static double cubicNear(double x, double a, boolean f32, boolean outerFma) {
    if (f32) {
      float xf = (float) x;
      float af = (float) a;
      float u = Math.fma(af + 2, xf, -(af + 3)) * xf;
      return outerFma ? Math.fma(u, xf, 1f) : u * xf + 1f;
    }
    double u = Math.fma(a + 2, x, -(a + 3)) * x;
    return outerFma ? Math.fma(u, x, 1.0) : u * x + 1.0;
  }

  /**
   * {@code ((A x - 5A) x + 8A) x - 4A}, for {@code 1 <= x <= 2} (ATen {@code cubic_convolution2}),
   * the two inner steps fused, the outer one only where {@code outerFma}.
   */
  static double cubicFar(double x, double a, boolean f32, boolean outerFma) {
    if (f32) {
      float xf = (float) x;
      float af = (float) a;
      float v = Math.fma(Math.fma(af, xf, -5 * af), xf, 8 * af);
      return outerFma ? Math.fma(v, xf, -4 * af) : v * xf - 4 * af;
    }
    double v = Math.fma(Math.fma(a, x, -5 * a), x, 8 * a);
    return outerFma ? Math.fma(v, x, -4 * a) : v * x - 4 * a;
  }

  /**
   * Bicubic without antialias (ATen {@code HelperInterpCubic}): four taps {@code i0-1 .. i0+2},
   * clamped to the axis (border replicated, weights not renormalised), A = -0.75.
   */
  static AxisTable cubic(
      int in, int out, boolean alignCorners, double scaleOpt, boolean f32, TorchVersion v) {
    int[] index = new int[4 * out];
    double[] weight = new double[4 * out];
    // PyTorch 1.13 computes the source index in float64 (acc_type) and rounds t to float32.
    boolean doubleIndex = !f32 || v == TorchVersion.V1_13;
    double scale = SourceIndex.pixelScale(in, out, alignCorners, scaleOpt, f32);
    for (int i = 0; i < out; i++) {
      double real = SourceIndex.sourceIndexFused(scale, i, alignCorners, true, !doubleIndex);
      int i0 = (int) Math.floor(real);
      double t;
      if (v == TorchVersion.V1_13) {
        t = SourceIndex.round(real - i0, f32);
      } else {
        // guard_index_and_lambda: floorf, so a float64 index is floored through float32
        i0 = Math.min((int) Math.floor((float) real), in - 1);
        t = Math.min(Math.max(SourceIndex.round(real - i0, f32), 0.0), 1.0);
      }
      double t1 = SourceIndex.round(1.0 - t, f32);
      weight[4 * i] = cubicFar(SourceIndex.round(t + 1.0, f32), CUBIC_A, f32, false);
      weight[4 * i + 1] = cubicNear(t, CUBIC_A, f32, false);
      weight[4 * i + 2] = cubicNear(t1, CUBIC_A, f32, false);
      weight[4 * i + 3] = cubicFar(SourceIndex.round(t1 + 1.0, f32), CUBIC_A, f32, false);
      for (int j = 0; j < 4; j++) {
        index[4 * i + j] = Math.min(Math.max(i0 - 1 + j, 0), in - 1);
      }
      {
        // The unrolled sum t0 * w0 + t1 * w1 + t2 * w2 + t3 * w3 is compiled as
        // fma(t3, w3, fma(t2, w2, fma(t0, w0, t1 * w1))) (measured against libtorch 2.10; it also
        // brings more 1.13 outputs to the same bits): taps 0 and 1 swap places in the chain.
        swap(index, 4 * i, 4 * i + 1);
        double w0 = weight[4 * i];
        weight[4 * i] = weight[4 * i + 1];
        weight[4 * i + 1] = w0;
      }
    }
    return new AxisTable(in, out, 4, index, fullCount(out, 4), weight);
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  /** The antialias Keys filter is contracted fully (measured against PyTorch 1.13). */
  static final boolean AA_OUTER_FMA = true;

  /**
   * The filters of the antialiased (separable, Pillow-style) tables, one per mode that takes
   * {@code antialias=True}, with ATen's {@code interp_size} (twice the filter's half-width).
   */
  enum AaFilter {
    /** bilinear: the triangle {@code 1 - |x|}. */
    TRIANGLE(2),
    /** bicubic: Keys' cubic, a = -0.5. */
    KEYS_CUBIC(4),
    /** lanczos: Lanczos-3, {@code sinc(x) sinc(x / 3)} for {@code |x| < 3}. */
    LANCZOS3(6);

    final int interpSize;

    AaFilter(int interpSize) {
      this.interpSize = interpSize;
    }

    /** The filter of {@code mode} (bilinear, bicubic or lanczos). */
    static AaFilter of(Mode mode) {
      switch (mode) {
        case BILINEAR:
          return TRIANGLE;
        case BICUBIC:
          return KEYS_CUBIC;
        case LANCZOS:
          return LANCZOS3;
        default:
          throw new IllegalArgumentException("no antialias filter for mode " + mode);
      }
    }
  }

  /** The antialias filter {@code filter} at {@code x}, in float32 arithmetic when {@code f32}. */
  static double antialiasFilter(double x, AaFilter filter, boolean f32) {
    double ax = Math.abs(x);
    switch (filter) {
      case TRIANGLE:
        return ax < 1.0 ? SourceIndex.round(1.0 - ax, f32) : 0.0;
      case KEYS_CUBIC:
        if (ax < 1.0) {
          return cubicNear(ax, KEYS_A, f32, AA_OUTER_FMA);
        }
        if (ax < 2.0) {
          return cubicFar(ax, KEYS_A, f32, AA_OUTER_FMA);
        }
        return 0.0;
      default:
        return ax < 3.0 ? lanczos3(ax, f32) : 0.0;
    }
  }

  /**
   * Lanczos-3 at {@code 0 <= x < 3} (ATen {@code HelperInterpLanczos::aa_filter}, Pillow's filter).
   * In ATen's float32 instantiation only {@code sinc(x)} is float32: {@code x / 3.0} is a double
   * expression, so {@code sinc(x / 3)} is computed in float64 and the product is rounded once.
   */
  static double lanczos3(double x, boolean f32) {
    if (!f32) {
      return sinc(x) * sinc(x / 3.0);
    }
    float xf = (float) x;
    return (float) ((double) sincF32(xf) * sinc(xf / 3.0));
  }

  /** {@code sin(pi x) / (pi x)} in float64 (1 at 0). */
  private static double sinc(double x) {
    if (x == 0.0) {
      return 1.0;
    }
    double px = x * Math.PI;
    return Math.sin(px) / px;
  }

  /** {@code sin(pi x) / (pi x)} in float32 arithmetic (1 at 0). */
  private static float sincF32(float x) {
    if (x == 0f) {
      return 1f;
    }
    float px = x * (float) Math.PI;
    return (float) Math.sin(px) / px;
  }

  /**
   * Antialiased resampling weights (ATen {@code _compute_weights_aa}, Pillow's algorithm): the
   * filter is stretched by the scale when downsampling, covers {@code [xmin, xmin + xsize)}, and is
   * normalised by its sum.
   */
  static AxisTable antialias(
      int in, int out, boolean alignCorners, double scaleOpt, boolean f32, boolean bicubic) {
    return antialias(in, out, alignCorners, scaleOpt, f32,
        bicubic ? AaFilter.KEYS_CUBIC : AaFilter.TRIANGLE);
  }

  /** {@link #antialias(int, int, boolean, double, boolean, boolean)} with any filter. */
  static AxisTable antialias(
      int in, int out, boolean alignCorners, double scaleOpt, boolean f32, AaFilter filter) {
    double interpSize = filter.interpSize;
    double scale = SourceIndex.pixelScale(in, out, alignCorners, scaleOpt, f32);
    double support =
        scale >= 1.0 ? SourceIndex.round(interpSize * 0.5 * scale, f32) : interpSize * 0.5;
    double invscale = scale >= 1.0 ? SourceIndex.round(1.0 / scale, f32) : 1.0;
    int taps = (int) Math.ceil(support) * 2 + 1;
    int[] index = new int[taps * out];
    int[] count = new int[out];
    double[] weight = new double[taps * out];
    for (int i = 0; i < out; i++) {
      double center = SourceIndex.round(scale * (i + 0.5), f32);
      int xmin = (int) Math.max((long) (SourceIndex.round(center - support, f32) + 0.5), 0L);
      int xsize =
          (int) Math.min((long) (SourceIndex.round(center + support, f32) + 0.5), (long) in) - xmin;
      xsize = Math.max(0, Math.min(xsize, taps));
      double total = 0;
      int base = i * taps;
      for (int j = 0; j < xsize; j++) {
        double arg = SourceIndex.round(
            (SourceIndex.round(j + xmin - center, f32) + 0.5) * invscale, f32);
        double w = antialiasFilter(arg, filter, f32);
        weight[base + j] = w;
        total = SourceIndex.round(total + w, f32);
      }
      if (total != 0.0) {
        for (int j = 0; j < xsize; j++) {
          weight[base + j] = SourceIndex.round(weight[base + j] / total, f32);
        }
      }
      for (int j = 0; j < taps; j++) {
        index[base + j] = Math.min(xmin + j, in - 1);
      }
      count[i] = xsize;
    }
    return new AxisTable(in, out, taps, index, count, weight);
  }

  /** Source index of each output for {@code nearest} (generic or channels-last rule). */
  static int[] nearest(int in, int out, double scaleOpt, boolean f32, boolean channelsLast) {
    int[] idx = new int[out];
    double scale = SourceIndex.scalesValue(scaleOpt, in, out, f32);
    for (int i = 0; i < out; i++) {
      idx[i] =
          channelsLast
              ? SourceIndex.nearestChannelsLast(i, in, out, scaleOpt)
              : SourceIndex.nearest(scale, i, in);
    }
    return idx;
  }

  /** Source index of each output for {@code nearest-exact} (generic or channels-last rule). */
  static int[] nearestExact(
      int in, int out, double scaleOpt, boolean f32, boolean channelsLast, TorchVersion v) {
    int[] idx = new int[out];
    double scale = SourceIndex.scalesValue(scaleOpt, in, out, f32);
    for (int i = 0; i < out; i++) {
      idx[i] =
          channelsLast
              ? SourceIndex.nearestExactChannelsLast(i, in, out, scaleOpt)
              : SourceIndex.nearestExact(scale, i, in, f32, v);
    }
    return idx;
  }

  /** Adaptive average pooling window starts: {@code floor(o * in / out)}. */
  static int[] areaStart(int in, int out) {
    int[] s = new int[out];
    for (int o = 0; o < out; o++) {
      s[o] = (int) (((long) o * in) / out);
    }
    return s;
  }

  /** Adaptive average pooling window ends (exclusive): {@code ceil((o + 1) * in / out)}. */
  static int[] areaEnd(int in, int out) {
    int[] e = new int[out];
    for (int o = 0; o < out; o++) {
      e[o] = (int) (((long) (o + 1) * in + out - 1) / out);
    }
    return e;
  }
}
