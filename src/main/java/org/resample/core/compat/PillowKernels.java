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

  /**
   * {@code ImagingResample} of {@code in} to {@code xsize x ysize}, reading region {@code box}. The
   * image between the two passes is kept as int (8-bit: the clipped 0..255 values) or double (mode
   * F: the float-rounded values), which are exactly the numbers Pillow's intermediate image holds.
   */
  static PillowImage resample(
      PillowImage in, int xsize, int ysize, PillowFilter filter, float[] box) {
    boolean horizontal = xsize != in.width || box[0] != 0 || box[2] != xsize;
    boolean vertical = ysize != in.height || box[1] != 0 || box[3] != ysize;
    PillowCoefficients rows = PillowCoefficients.compute(in.height, box[1], box[3], ysize, filter);
    if (!horizontal && !vertical) {
      return in;
    }
    int firstRow = horizontal ? rows.firstUsed() : 0;
    int tmpRows = horizontal ? rows.lastUsed() - firstRow : in.height;
    int tmpWidth = horizontal ? xsize : in.width;
    int tmpPlane = tmpRows * tmpWidth;
    PillowImage out = in.blank(tmpWidth, vertical ? ysize : tmpRows);
    if (in.isFloat()) {
      double[] tmp = new double[tmpPlane];
      if (horizontal) {
        PillowCoefficients cols =
            PillowCoefficients.compute(in.width, box[0], box[2], xsize, filter);
        horizontalFloat(in, firstRow, tmpRows, tmp, cols);
      } else {
        for (int i = 0; i < tmpPlane; i++) {
          tmp[i] = in.floats[in.offset + i];
        }
      }
      if (vertical) {
        verticalFloat(tmp, tmpWidth, firstRow, out, rows);
      } else {
        for (int i = 0; i < tmpPlane; i++) {
          out.floats[i] = (float) tmp[i];
        }
      }
      return out;
    }
    int[] tmp = new int[in.bands * tmpPlane];
    if (horizontal) {
      PillowCoefficients cols = PillowCoefficients.compute(in.width, box[0], box[2], xsize, filter);
      horizontal8(in, firstRow, tmpRows, tmp, cols);
    } else {
      for (int b = 0; b < in.bands; b++) {
        int src = in.plane(b);
        for (int i = 0; i < tmpPlane; i++) {
          tmp[b * tmpPlane + i] = in.bytes[src + i] & 0xFF;
        }
      }
    }
    if (vertical) {
      vertical8(tmp, in.bands, tmpWidth, tmpRows, firstRow, out, rows);
    } else {
      for (int i = 0; i < tmp.length; i++) {
        out.bytes[i] = (byte) tmp[i];
      }
    }
    return out;
  }

  /** Pillow's {@code clip8}: the accumulator's integer part, saturated to 0..255. */
  private static int clip8(int acc) {
    int v = acc >> PillowCoefficients.PRECISION_BITS;
    return v < 0 ? 0 : v > 255 ? 255 : v;
  }

  /**
   * Horizontal 8-bit pass of rows {@code firstRow ..} into {@code dst}, two rows at a time: the
   * rows' pixels are packed into one long ({@code lower + upper << 32}), so one multiply-add per
   * tap serves both. The long sum is exactly {@code S0 + S1 * 2^32} of the two rows' int sums (each
   * within an int, as Pillow's accumulators are), from which both are recovered exactly.
   */
  private static void horizontal8(
      PillowImage in, int firstRow, int rows, int[] dst, PillowCoefficients c) {
    int[] k = c.fixedPoint();
    int taps = c.taps;
    int outW = c.outSize;
    int w = in.width;
    byte[] src = in.bytes;
    long[] packed = new long[w];
    long rounding = ROUNDING + ((long) ROUNDING << 32);
    for (int b = 0; b < in.bands; b++) {
      for (int y = 0; y < rows; y += 2) {
        int r0 = in.plane(b) + (y + firstRow) * w;
        boolean pair = y + 1 < rows;
        if (pair) {
          int r1 = r0 + w;
          for (int x = 0; x < w; x++) {
            packed[x] = (src[r0 + x] & 0xFF) | ((long) (src[r1 + x] & 0xFF) << 32);
          }
        } else {
          for (int x = 0; x < w; x++) {
            packed[x] = src[r0 + x] & 0xFF;
          }
        }
        int o = (b * rows + y) * outW;
        for (int xx = 0; xx < outW; xx++) {
          long s = rounding;
          int p = c.min[xx];
          int kb = xx * taps;
          int n = c.count[xx];
          for (int i = 0; i < n; i++) {
            s += packed[p + i] * k[kb + i];
          }
          int lower = (int) s;
          dst[o + xx] = clip8(lower);
          if (pair) {
            dst[o + outW + xx] = clip8((int) ((s - lower) >> 32));
          }
        }
      }
    }
  }

  /** Vertical 8-bit pass from the int intermediate (rows from {@code firstRow}) to {@code out}. */
  private static void vertical8(int[] src, int bands, int w, int rows, int firstRow,
      PillowImage out, PillowCoefficients c) {
    int[] k = c.fixedPoint();
    int taps = c.taps;
    byte[] dst = out.bytes;
    int[] acc = new int[w];
    for (int b = 0; b < bands; b++) {
      int plane = b * rows * w;
      for (int yy = 0; yy < out.height; yy++) {
        int y0 = plane + (c.min[yy] - firstRow) * w;
        int kb = yy * taps;
        int n = c.count[yy];
        int o = out.plane(b) + yy * w;
        // first tap initialises the accumulator, the last one is fused with the clip
        if (n > 0) {
          int k0 = k[kb];
          for (int x = 0; x < w; x++) {
            acc[x] = ROUNDING + src[y0 + x] * k0;
          }
        } else {
          java.util.Arrays.fill(acc, ROUNDING);
        }
        for (int i = 1; i < n - 1; i++) {
          int row = y0 + i * w;
          int kv = k[kb + i];
          for (int x = 0; x < w; x++) {
            acc[x] += src[row + x] * kv;
          }
        }
        if (n > 1) {
          int last = y0 + (n - 1) * w;
          int kl = k[kb + n - 1];
          for (int x = 0; x < w; x++) {
            dst[o + x] = (byte) clip8(acc[x] + src[last + x] * kl);
          }
        } else {
          for (int x = 0; x < w; x++) {
            dst[o + x] = (byte) clip8(acc[x]);
          }
        }
      }
    }
  }

  /** Horizontal float pass; each value rounded to float as Pillow's mode F intermediate is. */
  private static void horizontalFloat(
      PillowImage in, int firstRow, int rows, double[] dst, PillowCoefficients c) {
    double[] k = c.weights;
    int taps = c.taps;
    float[] src = in.floats;
    int outW = c.outSize;
    for (int y = 0; y < rows; y++) {
      int row = in.offset + (y + firstRow) * in.width;
      int o = y * outW;
      for (int xx = 0; xx < outW; xx++) {
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

  /** Vertical float pass from the float-valued double intermediate into {@code out}. */
  private static void verticalFloat(
      double[] src, int w, int firstRow, PillowImage out, PillowCoefficients c) {
    double[] k = c.weights;
    int taps = c.taps;
    float[] dst = out.floats;
    double[] acc = new double[w];
    for (int yy = 0; yy < out.height; yy++) {
      int y0 = (c.min[yy] - firstRow) * w;
      int kb = yy * taps;
      int n = c.count[yy];
      int o = out.offset + yy * w;
      // Pillow's sum starts at 0.0 (so -0.0 products give +0.0): kept by the explicit 0.0 +
      if (n > 0) {
        double k0 = k[kb];
        for (int x = 0; x < w; x++) {
          acc[x] = 0.0 + src[y0 + x] * k0;
        }
      } else {
        java.util.Arrays.fill(acc, 0.0);
      }
      for (int i = 1; i < n - 1; i++) {
        int row = y0 + i * w;
        double kv = k[kb + i];
        for (int x = 0; x < w; x++) {
          acc[x] += src[row + x] * kv;
        }
      }
      if (n > 1) {
        int last = y0 + (n - 1) * w;
        double kl = k[kb + n - 1];
        for (int x = 0; x < w; x++) {
          dst[o + x] = (float) (acc[x] + src[last + x] * kl);
        }
      } else {
        for (int x = 0; x < w; x++) {
          dst[o + x] = (float) acc[x];
        }
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
    int[] colSum = in.isFloat() ? null : new int[in.width];
    long[] blockSum = in.isFloat() ? null : new long[out.width];
    for (int b = 0; b < in.bands; b++) {
      int plane = in.plane(b);
      for (int oy = 0; oy < out.height; oy++) {
        int y0 = box[1] + oy * yscale;
        int rows = Math.min(yscale, box[3] - y0);
        int o = out.plane(b) + oy * out.width;
        if (in.isFloat()) {
          for (int ox = 0; ox < out.width; ox++) {
            int x0 = box[0] + ox * xscale;
            out.floats[o + ox] =
                ox < fullCols && oy < fullRows
                    ? fullBlockMean(in.floats, plane, in.width, x0, y0, xscale, yscale)
                    : edgeBlockMean(in.floats, plane, in.width, x0, y0,
                        Math.min(xscale, box[2] - x0), rows);
          }
        } else {
          reduceRow8(in.bytes, plane + y0 * in.width, in.width, rows, box[0], box[2], xscale,
              out.bytes, o, out.width, colSum, blockSum);
        }
      }
    }
    return out;
  }

  /**
   * One output row of the 8-bit reduction: each block's sum plus half its pixel count, times
   * {@link #reduceMultiplier}, wrapped to 32 bits and shifted right by 24, as {@code Reduce.c}
   * computes it for whole and edge blocks alike. Integer sums do not depend on order, so the
   * block's rows are first summed per column, then the columns per block.
   */
  private static void reduceRow8(byte[] src, int rowStart, int w, int rows, int x0, int x1,
      int xscale, byte[] dst, int o, int outW, int[] colSum, long[] blockSum) {
    for (int x = x0; x < x1; x++) {
      colSum[x] = src[rowStart + x] & 0xFF;
    }
    for (int y = 1; y < rows; y++) {
      int p = rowStart + y * w;
      for (int x = x0; x < x1; x++) {
        colSum[x] += src[p + x] & 0xFF;
      }
    }
    long fullMultiplier = reduceMultiplier(rows * xscale);
    int fullHalf = (rows * xscale) / 2;
    int full = (x1 - x0) / xscale;
    // whole blocks: one long loop per column offset, no short inner loops
    for (int ox = 0; ox < full; ox++) {
      blockSum[ox] = fullHalf + colSum[x0 + ox * xscale];
    }
    for (int j = 1; j < xscale; j++) {
      for (int ox = 0; ox < full; ox++) {
        blockSum[ox] += colSum[x0 + ox * xscale + j];
      }
    }
    for (int ox = 0; ox < full; ox++) {
      dst[o + ox] = (byte) (((blockSum[ox] * fullMultiplier) & 0xFFFFFFFFL) >>> 24);
    }
    if (full < outW) {
      int from = x0 + full * xscale;
      int cols = x1 - from;
      int sum = (rows * cols) / 2;
      for (int x = from; x < x1; x++) {
        sum += colSum[x];
      }
      dst[o + full] = (byte) (((sum * reduceMultiplier(rows * cols)) & 0xFFFFFFFFL) >>> 24);
    }
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

  /** Mean of a partial float block at the right or bottom edge ({@code ReduceCorners_32bpc}). */
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
