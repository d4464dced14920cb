package org.resample.core.compat;

/**
 * Per-axis tables of OpenCV's resize (modules/imgproc/src/resize.cpp), computed once per call:
 * the source taps and weights of each output index, in the exact arithmetic OpenCV uses to build
 * them (the source position in double, rounded to float; weights in float; the uint8 weights
 * rounded to 11-bit fixed point, {@code INTER_RESIZE_COEF_BITS}).
 *
 * <p>The horizontal and vertical axes are built differently, as in OpenCV: horizontally a linear
 * tap that falls left of the image (or on or past its last pixel) is moved onto the edge with
 * weight 0, and cubic and Lanczos taps use a separate border loop that starts its sum from zero;
 * vertically the weights are kept as computed and the rows are clamped into the image.
 */
final class OpenCvAxis {
  /** Fixed-point weight scale of the uint8 paths: {@code 1 << INTER_RESIZE_COEF_BITS}. */
  static final int COEF_SCALE = 1 << 11;

  final int srcSize;
  final int dstSize;
  /** Taps per output index: 2 (linear, area when enlarging), 4 (cubic) or 8 (Lanczos-4). */
  final int taps;
  /** Source index of tap {@code k} of output {@code d} at {@code d * taps + k}, in the image. */
  final int[] index;
  /** Float weights, same layout as {@link #index}. */
  final float[] weight;
  /** The weights the double path uses: {@link #weight} widened, or IPP's double weights. */
  final double[] wideWeight;
  /** The same weights in 11-bit fixed point (OpenCV's {@code saturate_cast<short>(w * 2048)}). */
  final int[] fixedWeight;
  /**
   * Horizontal axis only: 0 for OpenCV's interior loop, 1 for its border loop (sum starts at
   * zero), 2 for linear's right edge (the edge pixel times one).
   */
  final byte[] kind;
  /**
   * IPP-backed linear only: interpolate as {@code r0 + w * (r1 - r0)} with {@code w} the weight
   * of the second tap, instead of {@code r0 * (1 - w) + r1 * w}.
   */
  boolean lerp;

  static final byte INTERIOR = 0;
  static final byte BORDER = 1;
  static final byte COPY_EDGE = 2;

  private OpenCvAxis(int srcSize, int dstSize, int taps) {
    this.srcSize = srcSize;
    this.dstSize = dstSize;
    this.taps = taps;
    this.index = new int[dstSize * taps];
    this.weight = new float[dstSize * taps];
    this.wideWeight = new double[dstSize * taps];
    this.fixedWeight = new int[dstSize * taps];
    this.kind = new byte[dstSize];
  }

  /**
   * Tables of the separable path for one axis. {@code areaMode} selects INTER_AREA's enlarging
   * weights (OpenCV uses them on both axes once either axis enlarges).
   */
  static OpenCvAxis separable(
      OpenCvInterpolation filter, boolean areaMode, int srcSize, int dstSize, boolean horizontal) {
    int taps = filter == OpenCvInterpolation.CUBIC ? 4 : filter == OpenCvInterpolation.LANCZOS4 ? 8 : 2;
    boolean clampsToEdge = taps == 2;
    int half = taps / 2;
    double invScale = (double) dstSize / srcSize;
    double scale = 1. / invScale;
    OpenCvAxis a = new OpenCvAxis(srcSize, dstSize, taps);
    int[] first = new int[dstSize];
    float[] frac = new float[dstSize];
    int min = 0;
    int max = dstSize;
    for (int d = 0; d < dstSize; d++) {
      int s;
      float f;
      if (!areaMode) {
        f = (float) ((d + 0.5) * scale - 0.5);
        s = (int) Math.floor(f);
        f -= s;
      } else {
        s = (int) Math.floor(d * scale);
        f = (float) ((d + 1) - (s + 1) * invScale);
        f = f <= 0 ? 0.f : f - (float) Math.floor(f);
      }
      if (horizontal) {
        if (s < half - 1) {
          min = d + 1;
          if (s < 0 && clampsToEdge) {
            f = 0;
            s = 0;
          }
        }
        if (s + half >= srcSize) {
          max = Math.min(max, d);
          if (s >= srcSize - 1 && clampsToEdge) {
            f = 0;
            s = srcSize - 1;
          }
        }
      }
      first[d] = s;
      frac[d] = f;
    }
    float[] c = new float[taps];
    for (int d = 0; d < dstSize; d++) {
      coefficients(filter, frac[d], c);
      for (int k = 0; k < taps; k++) {
        int i = d * taps + k;
        int src = first[d] - half + 1 + k;
        a.index[i] = src < 0 ? 0 : src >= srcSize ? srcSize - 1 : src;
        a.weight[i] = c[k];
        a.wideWeight[i] = c[k];
        a.fixedWeight[i] = saturateShort(c[k] * COEF_SCALE);
      }
      if (horizontal) {
        if (clampsToEdge) {
          a.kind[d] = d >= max ? COPY_EDGE : INTERIOR;
        } else {
          a.kind[d] = d < min || d >= max ? BORDER : INTERIOR;
        }
      }
    }
    return a;
  }

  /**
   * Tables of opencv-python's IPP-backed linear and cubic paths (taken when the source is at
   * least 2 (linear) or 4 (cubic) pixels on both sides): the source position
   * {@code (d + 0.5) * src / dst - 0.5} stays in double precision and the weights are evaluated
   * from it, where OpenCV's own path first rounds the position to float. Linear positions are
   * clamped into the image; cubic taps are clamped to its edge.
   */
  static OpenCvAxis exactPosition(OpenCvInterpolation filter, int srcSize, int dstSize) {
    int taps = filter == OpenCvInterpolation.CUBIC ? 4 : 2;
    OpenCvAxis a = new OpenCvAxis(srcSize, dstSize, taps);
    a.lerp = taps == 2;
    double ratio = (double) srcSize / dstSize;
    for (int d = 0; d < dstSize; d++) {
      double p = (d + 0.5) * ratio - 0.5;
      if (taps == 2) {
        p = Math.min(Math.max(p, 0), srcSize - 1);
      }
      int s = (int) Math.floor(p);
      double w = p - s;
      for (int k = 0; k < taps; k++) {
        int i = d * taps + k;
        int src = s - taps / 2 + 1 + k;
        a.index[i] = src < 0 ? 0 : src >= srcSize ? srcSize - 1 : src;
        a.wideWeight[i] = taps == 2 ? (k == 0 ? 1 - w : w) : cubic(w + 1 - k);
        a.weight[i] = (float) a.wideWeight[i];
      }
    }
    return a;
  }

  /** Keys' cubic convolution kernel with A = -0.75, in double. */
  private static double cubic(double t) {
    final double a = -0.75;
    t = Math.abs(t);
    if (t <= 1) {
      return ((a + 2) * t - (a + 3)) * t * t + 1;
    }
    return t < 2 ? ((a * t - 5 * a) * t + 8 * a) * t - 4 * a : 0;
  }

  /** OpenCV's {@code interpolateCubic} (A = -0.75), {@code interpolateLanczos4}, or linear. */
  static void coefficients(OpenCvInterpolation filter, float x, float[] c) {
    if (filter == OpenCvInterpolation.CUBIC) {
      final float a = -0.75f;
      c[0] = ((a * (x + 1) - 5 * a) * (x + 1) + 8 * a) * (x + 1) - 4 * a;
      c[1] = ((a + 2) * x - (a + 3)) * x * x + 1;
      c[2] = ((a + 2) * (1 - x) - (a + 3)) * (1 - x) * (1 - x) + 1;
      c[3] = 1.f - c[0] - c[1] - c[2];
    } else if (filter == OpenCvInterpolation.LANCZOS4) {
      lanczos4(x, c);
    } else {
      c[0] = 1.f - x;
      c[1] = x;
    }
  }

  private static final double S45 = 0.70710678118654752440084436210485;
  private static final double[][] CS = {
    {1, 0}, {-S45, -S45}, {0, 1}, {S45, -S45}, {-1, 0}, {S45, S45}, {0, -1}, {-S45, S45}
  };

  private static void lanczos4(float x, float[] c) {
    if (x < Math.ulp(1.0f)) {
      for (int i = 0; i < 8; i++) {
        c[i] = 0;
      }
      c[3] = 1;
      return;
    }
    float sum = 0;
    double y0 = -(x + 3) * Math.PI * 0.25;
    double s0 = StrictMath.sin(y0);
    double c0 = StrictMath.cos(y0);
    for (int i = 0; i < 8; i++) {
      double y = -(x + 3 - i) * Math.PI * 0.25;
      c[i] = (float) ((CS[i][0] * s0 + CS[i][1] * c0) / (y * y));
      sum += c[i];
    }
    sum = 1.f / sum;
    for (int i = 0; i < 8; i++) {
      c[i] *= sum;
    }
  }

  /** {@code saturate_cast<short>(float)}: round half to even, then clamp. */
  static int saturateShort(float v) {
    double r = Math.rint(v);
    return r < Short.MIN_VALUE ? Short.MIN_VALUE : r > Short.MAX_VALUE ? Short.MAX_VALUE : (int) r;
  }

  /**
   * INTER_AREA's shrinking table for one axis (OpenCV's {@code computeResizeAreaTab}): entries of
   * (output index, source index, float weight) in output order.
   */
  static final class AreaTable {
    final int[] dst;
    final int[] src;
    final float[] alpha;
    final int size;

    private AreaTable(int[] dst, int[] src, float[] alpha, int size) {
      this.dst = dst;
      this.src = src;
      this.alpha = alpha;
      this.size = size;
    }

    static AreaTable of(int srcSize, int dstSize) {
      double scale = 1. / ((double) dstSize / srcSize);
      int cap = srcSize * 2 + 2;
      int[] di = new int[cap];
      int[] si = new int[cap];
      float[] al = new float[cap];
      int k = 0;
      for (int dx = 0; dx < dstSize; dx++) {
        double fsx1 = dx * scale;
        double fsx2 = fsx1 + scale;
        double cellWidth = Math.min(scale, srcSize - fsx1);
        int sx1 = (int) Math.ceil(fsx1);
        int sx2 = (int) Math.floor(fsx2);
        sx2 = Math.min(sx2, srcSize - 1);
        sx1 = Math.min(sx1, sx2);
        if (sx1 - fsx1 > 1e-3) {
          di[k] = dx;
          si[k] = sx1 - 1;
          al[k++] = (float) ((sx1 - fsx1) / cellWidth);
        }
        for (int sx = sx1; sx < sx2; sx++) {
          di[k] = dx;
          si[k] = sx;
          al[k++] = (float) (1.0 / cellWidth);
        }
        if (fsx2 - sx2 > 1e-3) {
          di[k] = dx;
          si[k] = sx2;
          al[k++] = (float) (Math.min(Math.min(fsx2 - sx2, 1.), cellWidth) / cellWidth);
        }
      }
      return new AreaTable(di, si, al, k);
    }
  }
}
