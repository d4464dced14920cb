package org.resample.core.compat;

/**
 * Per-axis tables of TensorFlow's resize kernels (TF 2.x CPU kernels), computed once per call in
 * float32 exactly as TensorFlow computes them: source indices and weights for one output axis.
 */
final class TensorFlowAxis {
  private TensorFlowAxis() {}

  /**
   * {@code CalculateResizeScale}: (in-1)/(out-1) with align_corners and out > 1, else in/out. On a
   * source axis of length 1, TensorFlow 2.21 maps with in/out even with align_corners (measured:
   * ResizeBicubic and ResizeArea give the in/out results there; bilinear and nearest read the one
   * row either way).
   */
  static float resizeScale(int in, int out, boolean alignCorners) {
    return (alignCorners && out > 1 && in > 1) ? (in - 1) / (float) (out - 1) : in / (float) out;
  }

  /** The source coordinate of output {@code i}: half-pixel or legacy (top-left) mapping. */
  static float sourceCoordinate(int i, float scale, boolean halfPixelCenters) {
    return halfPixelCenters ? ((float) i + 0.5f) * scale - 0.5f : (float) i * scale;
  }

  /** Marks the source rows {@code idx} (clamped to [0, in)) as read. */
  static boolean[] needed(int in, int[]... idx) {
    boolean[] m = new boolean[in];
    for (int[] a : idx) {
      for (int i : a) {
        m[Math.min(in - 1, Math.max(0, i))] = true;
      }
    }
    return m;
  }

  /** Marks the source rows in [from[i], to[i]) (clamped to [0, in)) as read. */
  static boolean[] neededRanges(int in, int[] from, int[] to) {
    boolean[] m = new boolean[in];
    for (int i = 0; i < from.length; i++) {
      for (int r = Math.max(0, from[i]); r < Math.min(in, to[i]); r++) {
        m[r] = true;
      }
      if (from[i] >= to[i] || to[i] <= 0 || from[i] >= in) {
        m[Math.min(in - 1, Math.max(0, from[i]))] = true;
      }
    }
    return m;
  }

  /** Bilinear taps of one axis: lower/upper source index and the fraction toward upper. */
  static final class Linear {
    final int[] lower;
    final int[] upper;
    final float[] lerp;

    Linear(int in, int out, float scale, boolean halfPixelCenters) {
      lower = new int[out];
      upper = new int[out];
      lerp = new float[out];
      for (int i = 0; i < out; i++) {
        float src = sourceCoordinate(i, scale, halfPixelCenters);
        float floor = (float) Math.floor(src);
        lower[i] = Math.max((int) floor, 0);
        upper[i] = Math.min((int) Math.ceil(src), in - 1);
        lerp[i] = src - floor;
      }
    }
  }

  /**
   * Nearest-neighbour source index of each output: floor of {@code (i+0.5)*scale} with half-pixel
   * centers, round-half-away of {@code i*scale} with align_corners, else floor of {@code i*scale}.
   */
  static int[] nearest(int in, int out, float scale, boolean alignCorners, boolean halfPixelCenters) {
    int[] index = new int[out];
    for (int i = 0; i < out; i++) {
      float src = halfPixelCenters ? ((float) i + 0.5f) * scale : (float) i * scale;
      long x = alignCorners ? roundHalfAway(src) : (long) Math.floor(src);
      x = Math.min(x, in - 1);
      if (halfPixelCenters) {
        x = Math.max(0, x);
      }
      index[i] = (int) x;
    }
    return index;
  }

  /** C's {@code roundf}: halves rounded away from zero. */
  private static long roundHalfAway(float v) {
    return (long) (v < 0 ? -Math.floor(-v + 0.5) : Math.floor(v + 0.5));
  }

  /** Size of ResizeBicubic's coefficient table. */
  private static final int TABLE_SIZE = 1 << 10;

  private static final float[] KEYS_TABLE = cubicTable(-0.5);
  private static final float[] LEGACY_TABLE = cubicTable(-0.75);

  /**
   * ResizeBicubic's table: entry 2i is the cubic at distance i/1024, entry 2i+1 at 1 + i/1024,
   * evaluated in double from a float distance and stored as float.
   */
  private static float[] cubicTable(double a) {
    float[] t = new float[(TABLE_SIZE + 1) * 2];
    for (int i = 0; i <= TABLE_SIZE; i++) {
      float x = (float) (i * 1.0 / TABLE_SIZE);
      t[i * 2] = (float) (((a + 2) * x - (a + 3)) * x * x + 1);
      x = (float) (x + 1.0);
      t[i * 2 + 1] = (float) (((a * x - 5 * a) * x + 8 * a) * x - 4 * a);
    }
    return t;
  }

  /**
   * ResizeBicubic's four taps per output. With half-pixel centers the Keys kernel (a = -0.5) is
   * used, taps outside the image get weight 0 and the rest are renormalised; otherwise (legacy)
   * a = -0.75 and out-of-range taps are clamped to the edge with their weights kept.
   */
  static final class Cubic {
    final int[] index; // 4 per output
    final float[] weight; // 4 per output

    Cubic(int in, int out, float scale, boolean halfPixelCenters) {
      index = new int[out * 4];
      weight = new float[out * 4];
      float[] table = halfPixelCenters ? KEYS_TABLE : LEGACY_TABLE;
      for (int i = 0; i < out; i++) {
        float src = sourceCoordinate(i, scale, halfPixelCenters);
        long loc = (long) Math.floor(src);
        float delta = src - (float) loc;
        int offset = (int) Math.rint(delta * (float) TABLE_SIZE);
        float[] w = {
          table[offset * 2 + 1],
          table[offset * 2],
          table[(TABLE_SIZE - offset) * 2],
          table[(TABLE_SIZE - offset) * 2 + 1]
        };
        for (int k = 0; k < 4; k++) {
          long want = loc - 1 + k;
          int bounded = (int) Math.min(in - 1, Math.max(0, want));
          index[i * 4 + k] = bounded;
          if (halfPixelCenters && bounded != want) {
            w[k] = 0.0f;
          }
        }
        if (halfPixelCenters) {
          float sum = w[0] + w[1] + w[2] + w[3];
          if (Math.abs(sum) >= 1000.0f * Float.MIN_NORMAL) {
            float inv = 1.0f / sum;
            for (int k = 0; k < 4; k++) {
              w[k] *= inv;
            }
          }
        }
        System.arraycopy(w, 0, weight, i * 4, 4);
      }
    }
  }

  /**
   * ResizeArea's cells per output: the source range [start, end) covered by output i (source
   * coordinates i*scale .. (i+1)*scale), the coverage of the first and last cell, and whether
   * indices need clamping (align_corners can reach past the edge).
   */
  static final class Area {
    final int[] start;
    final int[] end;
    final float[] startScale;
    final float[] endScale;
    final float scale;
    /** Whether some cell index falls outside [0, in) and must be clamped (align_corners). */
    final boolean needsBounding;

    Area(int in, int out, float scale) {
      this.scale = scale;
      start = new int[out];
      end = new int[out];
      startScale = new float[out];
      endScale = new float[out];
      for (int i = 0; i < out; i++) {
        float lo = (float) i * scale;
        float hi = (float) (i + 1) * scale;
        long v = (long) Math.floor(lo);
        start[i] = (int) v;
        startScale[i] = coverage(v, lo, hi, scale);
        long e = (long) Math.ceil(hi);
        end[i] = (int) e;
        endScale[i] = coverage(e - 1, lo, hi, scale);
      }
      boolean bounding = false;
      for (int i = 0; i < out; i++) {
        // ResizeArea's test: the first or the last cell index lies outside [0, in); with
        // align_corners and in = 1 the cell range is empty and end - 1 is -1.
        bounding |= start[i] < 0 || start[i] >= in || end[i] - 1 < 0 || end[i] - 1 >= in;
      }
      needsBounding = bounding;
    }

    /** Coverage of source row (or column) {@code i} by output {@code y}. */
    float rowWeight(int y, int i) {
      return coverage(i, (float) y * scale, (float) (y + 1) * scale, scale);
    }

    /** Fraction of source cell v inside [lo, hi), as ResizeArea computes it in float. */
    static float coverage(long v, float lo, float hi, float scale) {
      if ((float) v < lo) {
        return (float) (v + 1) > hi ? scale : (float) (v + 1) - lo;
      }
      return (float) (v + 1) > hi ? hi - (float) v : 1.0f;
    }
  }

  /** ScaleAndTranslate's sampling kernels (sampling_kernels.h), evaluated in float. */
  enum Kernel {
    TRIANGLE(1f),
    KEYSCUBIC(2f),
    LANCZOS3(3f),
    LANCZOS5(5f),
    GAUSSIAN(1.5f),
    MITCHELLCUBIC(2f);

    final float radius;

    Kernel(float radius) {
      this.radius = radius;
    }

    float apply(float x) {
      x = Math.abs(x);
      switch (this) {
        case TRIANGLE:
          return x < 1.0f ? 1.0f - x : 0.0f;
        case KEYSCUBIC:
          if (x >= 2.0f) {
            return 0.0f;
          } else if (x >= 1.0f) {
            return ((-0.5f * x + 2.5f) * x - 4.0f) * x + 2.0f;
          }
          return ((1.5f * x - 2.5f) * x) * x + 1.0f;
        case MITCHELLCUBIC:
          if (x >= 2.0f) {
            return 0.0f;
          } else if (x >= 1.0f) {
            return (((-7.0f / 18.0f) * x + 2.0f) * x - 10.0f / 3.0f) * x + 16.0f / 9.0f;
          }
          return (((7.0f / 6.0f) * x - 2.0f) * x) * x + 8.0f / 9.0f;
        case GAUSSIAN:
          {
            if (x >= radius) {
              return 0.0f;
            }
            float sigma = radius / 3.0f;
            return (float) Math.exp((double) (-x * x) / (2.0 * sigma * sigma));
          }
        default: // Lanczos
          {
            final float pi = (float) 3.14159265359;
            if (x > radius) {
              return 0.0f;
            }
            if (x <= 1e-3f) {
              return 1.0f;
            }
            float s1 = TensorFlowSinf.sinf(pi * x);
            float s2 = TensorFlowSinf.sinf(pi * x / radius);
            return radius * s1 * s2 / (pi * pi * x * x);
          }
      }
    }
  }

  /**
   * ScaleAndTranslate's spans of one axis (translation 0): output i samples source
   * {@code (i+0.5)/scale}; the kernel is widened by 1/scale when antialiasing a downscale; weights
   * are normalised to sum 1. {@code spanSize} weights per output, zero-padded.
   */
  static final class Spans {
    final int spanSize;
    final int[] start;
    final float[] weight;

    Spans(Kernel kernel, int in, int out, float scale, boolean antialias) {
      float invScale = (float) (1.0 / scale);
      float kernelScale = antialias ? Math.max(invScale, 1.0f) : 1.0f;
      spanSize = Math.min(2 * (int) Math.ceil(kernel.radius * kernelScale) + 1, in);
      start = new int[out];
      weight = new float[spanSize * out];
      float oneOverKernelScale = 1.0f / kernelScale;
      float[] tmp = new float[Math.max(in, spanSize) + 2];
      for (int x = 0; x < out; x++) {
        float sample = ((float) x + 0.5f) * invScale + 0.0f;
        if (sample < 0 || sample > in) {
          continue; // empty span: start 0, all weights 0
        }
        long lo = (long) Math.ceil(sample - kernel.radius * kernelScale - 0.5f);
        long hi = (long) Math.floor(sample + kernel.radius * kernelScale - 0.5f);
        lo = Math.min(in - 1, Math.max(0, lo));
        hi = Math.min(in - 1, Math.max(0, hi)) + 1;
        int n = (int) (hi - lo);
        float total = 0.0f;
        for (int k = 0; k < n; k++) {
          float pos = (float) (lo + k) + 0.5f - sample;
          float w = kernel.apply(Math.abs(pos * oneOverKernelScale));
          total += w;
          tmp[k] = w;
        }
        if (Math.abs(total) >= 1000.0f * Float.MIN_NORMAL) {
          float inv = 1.0f / total;
          for (int k = 0; k < n; k++) {
            weight[spanSize * x + k] = tmp[k] * inv;
          }
        }
        start[x] = (int) lo;
      }
    }
  }
}
