package org.resample.core.compat;

/**
 * Pillow's pixel loops on {@link PillowImage}s, each band in turn: the separable resample of {@code
 * libImaging/Resample.c} (8-bit fixed point or float64 accumulation), the nearest-neighbour affine
 * scale of {@code Geometry.c}, and the box reduction of {@code Reduce.c}.
 */
final class PillowKernels {
  private static final int ROUNDING = 1 << (PillowCoefficients.PRECISION_BITS - 1);

  private PillowKernels() {}

  // ---------------------------------------------------------------------------------------------
  // ImagingResample: horizontal pass over the rows the vertical pass reads, then vertical pass.

  /** {@code ImagingResample} of {@code in} to {@code xsize x ysize}, reading region {@code box}. */
  static PillowImage resample(
      PillowImage in, int xsize, int ysize, PillowFilter filter, float[] box) {
    boolean horizontal = xsize != in.width || box[0] != 0 || box[2] != xsize;
    boolean vertical = ysize != in.height || box[1] != 0 || box[3] != ysize;
    PillowCoefficients rows = PillowCoefficients.compute(in.height, box[1], box[3], ysize, filter);
    PillowImage current = in;
    int firstRow = 0;
    if (horizontal) {
      PillowCoefficients cols = PillowCoefficients.compute(in.width, box[0], box[2], xsize, filter);
      firstRow = rows.firstUsed();
      PillowImage tmp = in.blank(xsize, rows.lastUsed() - firstRow);
      if (in.isFloat()) {
        horizontalFloat(in, firstRow, tmp, cols);
      } else {
        horizontal8(in, firstRow, tmp, cols);
      }
      current = tmp;
    }
    if (vertical) {
      PillowImage out = current.blank(current.width, ysize);
      if (in.isFloat()) {
        verticalFloat(current, firstRow, out, rows);
      } else {
        vertical8(current, firstRow, out, rows);
      }
      current = out;
    }
    return current;
  }

  private static byte clip8(int acc) {
    int v = acc >> PillowCoefficients.PRECISION_BITS;
    return (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
  }

  private static void horizontal8(
      PillowImage in, int firstRow, PillowImage out, PillowCoefficients c) {
    int[] k = c.fixedPoint();
    int taps = c.taps;
    byte[] src = in.bytes;
    byte[] dst = out.bytes;
    for (int b = 0; b < in.bands; b++) {
      for (int y = 0; y < out.height; y++) {
        int row = in.plane(b) + (y + firstRow) * in.width;
        int o = out.plane(b) + y * out.width;
        for (int xx = 0; xx < out.width; xx++) {
          int s = ROUNDING;
          int p = row + c.min[xx];
          int kb = xx * taps;
          int n = c.count[xx];
          for (int i = 0; i < n; i++) {
            s += (src[p + i] & 0xFF) * k[kb + i];
          }
          dst[o + xx] = clip8(s);
        }
      }
    }
  }

  private static void vertical8(
      PillowImage in, int firstRow, PillowImage out, PillowCoefficients c) {
    int[] k = c.fixedPoint();
    int taps = c.taps;
    int w = in.width;
    byte[] src = in.bytes;
    byte[] dst = out.bytes;
    int[] acc = new int[w];
    for (int b = 0; b < in.bands; b++) {
      int plane = in.plane(b);
      for (int yy = 0; yy < out.height; yy++) {
        java.util.Arrays.fill(acc, ROUNDING);
        int y0 = c.min[yy] - firstRow;
        int n = c.count[yy];
        for (int i = 0; i < n; i++) {
          int row = plane + (y0 + i) * w;
          int kv = k[yy * taps + i];
          for (int x = 0; x < w; x++) {
            acc[x] += (src[row + x] & 0xFF) * kv;
          }
        }
        int o = out.plane(b) + yy * w;
        for (int x = 0; x < w; x++) {
          dst[o + x] = clip8(acc[x]);
        }
      }
    }
  }

  private static void horizontalFloat(
      PillowImage in, int firstRow, PillowImage out, PillowCoefficients c) {
    double[] k = c.weights;
    int taps = c.taps;
    float[] src = in.floats;
    float[] dst = out.floats;
    for (int y = 0; y < out.height; y++) {
      int row = in.offset + (y + firstRow) * in.width;
      int o = out.offset + y * out.width;
      for (int xx = 0; xx < out.width; xx++) {
        double s = 0.0;
        int p = row + c.min[xx];
        int kb = xx * taps;
        int n = c.count[xx];
        for (int i = 0; i < n; i++) {
          s += src[p + i] * k[kb + i];
        }
        dst[o + xx] = (float) s;
      }
    }
  }

  private static void verticalFloat(
      PillowImage in, int firstRow, PillowImage out, PillowCoefficients c) {
    double[] k = c.weights;
    int taps = c.taps;
    int w = in.width;
    float[] src = in.floats;
    float[] dst = out.floats;
    double[] acc = new double[w];
    for (int yy = 0; yy < out.height; yy++) {
      java.util.Arrays.fill(acc, 0.0);
      int y0 = c.min[yy] - firstRow;
      int n = c.count[yy];
      for (int i = 0; i < n; i++) {
        int row = in.offset + (y0 + i) * w;
        double kv = k[yy * taps + i];
        for (int x = 0; x < w; x++) {
          acc[x] += src[row + x] * kv;
        }
      }
      int o = out.offset + yy * w;
      for (int x = 0; x < w; x++) {
        dst[o + x] = (float) acc[x];
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Nearest: ImagingScaleAffine, positions accumulated in double as Pillow steps them.

  /** Pillow's {@code COORD}: -1 below zero, else truncation. */
  private static int coord(double v) {
    return v < 0.0 ? -1 : (int) v;
  }

  /** The nearest-neighbour scale of region {@code box} of {@code in} to {@code xsize x ysize}. */
  static PillowImage nearest(PillowImage in, int xsize, int ysize, float[] box) {
    double a0 = (double) (box[2] - box[0]) / xsize;
    double a4 = (double) (box[3] - box[1]) / ysize;
    int[] xin = new int[xsize];
    int xmin = xsize;
    int xmax = 0;
    double xo = box[0] + a0 * 0.5;
    for (int x = 0; x < xsize; x++) {
      int xi = coord(xo);
      if (xi >= 0 && xi < in.width) {
        xmax = x + 1;
        if (x < xmin) {
          xmin = x;
        }
        xin[x] = xi;
      }
      xo += a0;
    }
    int[] yin = new int[ysize];
    double yo = box[1] + a4 * 0.5;
    for (int y = 0; y < ysize; y++) {
      int yi = coord(yo);
      yin[y] = yi >= 0 && yi < in.height ? yi : -1;
      yo += a4;
    }
    PillowImage out = in.blank(xsize, ysize);
    for (int b = 0; b < in.bands; b++) {
      for (int y = 0; y < ysize; y++) {
        if (yin[y] < 0) {
          continue;
        }
        int row = in.plane(b) + yin[y] * in.width;
        int o = out.plane(b) + y * xsize;
        if (in.isFloat()) {
          for (int x = xmin; x < xmax; x++) {
            out.floats[o + x] = in.floats[row + xin[x]];
          }
        } else {
          for (int x = xmin; x < xmax; x++) {
            out.bytes[o + x] = in.bytes[row + xin[x]];
          }
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Reduce: mean of xscale x yscale blocks of region box = (left, top, right, bottom).

  /** {@code division_UINT32}: 2^32 / (256 n) computed in float and truncated, as Pillow does. */
  private static long reduceMultiplier(int n) {
    return (long) (4294967296.0f / (float) (256L * n));
  }

  /** {@code Image.reduce((xscale, yscale), box)} of a non-RGBA image. */
  static PillowImage reduce(PillowImage in, int xscale, int yscale, int[] box) {
    if (xscale == 1 && yscale == 1) {
      return in.crop(box[0], box[1], box[2], box[3]);
    }
    int bw = box[2] - box[0];
    int bh = box[3] - box[1];
    PillowImage out = in.blank((bw + xscale - 1) / xscale, (bh + yscale - 1) / yscale);
    int fullCols = bw / xscale;
    int fullRows = bh / yscale;
    for (int b = 0; b < in.bands; b++) {
      int plane = in.plane(b);
      for (int oy = 0; oy < out.height; oy++) {
        int y0 = box[1] + oy * yscale;
        int rows = Math.min(yscale, box[3] - y0);
        for (int ox = 0; ox < out.width; ox++) {
          int x0 = box[0] + ox * xscale;
          int cols = Math.min(xscale, box[2] - x0);
          int o = out.plane(b) + oy * out.width + ox;
          if (in.isFloat()) {
            out.floats[o] =
                ox < fullCols && oy < fullRows
                    ? fullBlockMean(in.floats, plane, in.width, x0, y0, xscale, yscale)
                    : edgeBlockMean(in.floats, plane, in.width, x0, y0, cols, rows);
          } else {
            long sum = (rows * cols) / 2;
            for (int y = y0; y < y0 + rows; y++) {
              int row = plane + y * in.width;
              for (int x = x0; x < x0 + cols; x++) {
                sum += in.bytes[row + x] & 0xFF;
              }
            }
            long v = ((sum * reduceMultiplier(rows * cols)) & 0xFFFFFFFFL) >>> 24;
            out.bytes[o] = (byte) v;
          }
        }
      }
    }
    return out;
  }

  /**
   * Mean of a whole float block in {@code ImagingReduceNxN_32bpc}'s order: 2x2 groups summed in
   * float, then added to a double.
   */
  private static float fullBlockMean(
      float[] a, int plane, int w, int x0, int y0, int xscale, int yscale) {
    double ss = 0;
    int yy = y0;
    int xx;
    for (; yy < y0 + yscale - 1; yy += 2) {
      int l0 = plane + yy * w;
      int l1 = l0 + w;
      for (xx = x0; xx < x0 + xscale - 1; xx += 2) {
        ss += a[l0 + xx] + a[l0 + xx + 1] + a[l1 + xx] + a[l1 + xx + 1];
      }
      if ((xscale & 1) != 0) {
        ss += a[l0 + xx] + a[l1 + xx];
      }
    }
    if ((yscale & 1) != 0) {
      int l = plane + yy * w;
      for (xx = x0; xx < x0 + xscale - 1; xx += 2) {
        ss += a[l + xx] + a[l + xx + 1];
      }
      if ((xscale & 1) != 0) {
        ss += a[l + xx];
      }
    }
    return (float) (ss * (1.0 / (yscale * xscale)));
  }

  /** Mean of a partial float block at the right or bottom edge ({@code ImagingReduceCorners_32bpc}). */
  private static float edgeBlockMean(
      float[] a, int plane, int w, int x0, int y0, int cols, int rows) {
    double ss = 0;
    for (int y = y0; y < y0 + rows; y++) {
      int l = plane + y * w;
      for (int x = x0; x < x0 + cols; x++) {
        ss += a[l + x];
      }
    }
    return (float) (ss * (1.0 / (cols * rows)));
  }
}
