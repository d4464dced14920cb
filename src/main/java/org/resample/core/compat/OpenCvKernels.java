package org.resample.core.compat;

/**
 * The per-plane loops of OpenCV's resize for one single-channel image: nearest, the separable
 * passes (float, double and OpenCV's 11-bit fixed point for uint8), and INTER_AREA's integer-scale
 * and general shrinking paths. Each loop keeps OpenCV's order of operations, which decides the
 * last bit of float results and the rounding of uint8 ones.
 */
final class OpenCvKernels {
  private OpenCvKernels() {}

  // ---------------------------------------------------------------- nearest

  /** INTER_NEAREST's source index: {@code min(floor(d * (1 / (dst / src))), src - 1)}. */
  static int[] nearestIndex(int srcSize, int dstSize) {
    double inverse = 1. / ((double) dstSize / srcSize);
    int[] idx = new int[dstSize];
    for (int d = 0; d < dstSize; d++) {
      idx[d] = Math.min((int) Math.floor(d * inverse), srcSize - 1);
    }
    return idx;
  }

  /**
   * INTER_NEAREST_EXACT's source index as OpenCV 5 computes it (pixel centres, as Pillow): the
   * position starts at half a step and adds the double step {@code src / dst} once per output
   * index, truncated. OpenCV 4.x rounded the step to 16.16 fixed point instead.
   */
  static int[] nearestExactIndex(int srcSize, int dstSize) {
    double step = (double) srcSize / dstSize;
    double pos = step * 0.5;
    int[] idx = new int[dstSize];
    for (int d = 0; d < dstSize; d++) {
      idx[d] = Math.min((int) pos, srcSize - 1);
      pos += step;
    }
    return idx;
  }

  /** Copies {@code src[rows[y] * sw + cols[x]]} for every output pixel of one plane. */
  static void gather(
      Object src, int so, int sw, Object dst, int dof, int[] rows, int[] cols) {
    int dw = cols.length;
    if (src instanceof byte[]) {
      byte[] s = (byte[]) src;
      byte[] d = (byte[]) dst;
      for (int y = 0; y < rows.length; y++) {
        int r = so + rows[y] * sw;
        int o = dof + y * dw;
        for (int x = 0; x < dw; x++) {
          d[o + x] = s[r + cols[x]];
        }
      }
    } else if (src instanceof float[]) {
      float[] s = (float[]) src;
      float[] d = (float[]) dst;
      for (int y = 0; y < rows.length; y++) {
        int r = so + rows[y] * sw;
        int o = dof + y * dw;
        for (int x = 0; x < dw; x++) {
          d[o + x] = s[r + cols[x]];
        }
      }
    } else {
      double[] s = (double[]) src;
      double[] d = (double[]) dst;
      for (int y = 0; y < rows.length; y++) {
        int r = so + rows[y] * sw;
        int o = dof + y * dw;
        for (int x = 0; x < dw; x++) {
          d[o + x] = s[r + cols[x]];
        }
      }
    }
  }

  // ---------------------------------------------------------------- separable, float

  /**
   * Float separable pass (OpenCV's HResize and VResize functors on float buffers): each needed source row
   * is resized horizontally into {@code rows}, then the output rows are weighted sums of those.
   */
  static void separableFloat(
      float[] src, int so, float[] dst, int dof, OpenCvAxis xa, OpenCvAxis ya, float[] rows) {
    int sw = xa.srcSize;
    int dw = xa.dstSize;
    int kx = xa.taps;
    boolean[] needed = neededRows(ya);
    for (int sy = 0; sy < ya.srcSize; sy++) {
      if (!needed[sy]) {
        continue;
      }
      int r = so + sy * sw;
      int o = sy * dw;
      for (int dx = 0; dx < dw; dx++) {
        int t = dx * kx;
        byte kind = xa.kind[dx];
        float v;
        if (kind == OpenCvAxis.COPY_EDGE) {
          v = src[r + xa.index[t]];
        } else if (xa.lerp) {
          float s0 = src[r + xa.index[t]];
          v = s0 + xa.weight[t + 1] * (src[r + xa.index[t + 1]] - s0);
        } else {
          v = kind == OpenCvAxis.BORDER ? 0f + src[r + xa.index[t]] * xa.weight[t]
              : src[r + xa.index[t]] * xa.weight[t];
          for (int k = 1; k < kx; k++) {
            v += src[r + xa.index[t + k]] * xa.weight[t + k];
          }
        }
        rows[o + dx] = v;
      }
    }
    verticalFloat(rows, dst, dof, dw, ya);
  }

  /**
   * Float vertical pass. OpenCV's 4-lane vector loop of the cubic and Lanczos filters nests its
   * multiply-adds, {@code r0*b0 + (r1*b1 + (... + r[k-1]*b[k-1]))}, over the columns of whole
   * 4-column groups; the remaining columns, and every column of the linear filter, add left to
   * right.
   */
  private static void verticalFloat(float[] rows, float[] dst, int dof, int dw, OpenCvAxis ya) {
    int ky = ya.taps;
    int nested = ky > 2 ? (dw / 4) * 4 : 0;
    int[] r = new int[ky];
    float[] b = new float[ky];
    for (int dy = 0; dy < ya.dstSize; dy++) {
      int t = dy * ky;
      int o = dof + dy * dw;
      for (int k = 0; k < ky; k++) {
        r[k] = ya.index[t + k] * dw;
        b[k] = ya.weight[t + k];
      }
      for (int dx = 0; dx < nested; dx++) {
        float v = rows[r[ky - 1] + dx] * b[ky - 1];
        for (int k = ky - 2; k >= 0; k--) {
          v = rows[r[k] + dx] * b[k] + v;
        }
        dst[o + dx] = v;
      }
      if (ya.lerp) {
        for (int dx = 0; dx < dw; dx++) {
          float r0 = rows[r[0] + dx];
          dst[o + dx] = r0 + b[1] * (rows[r[1] + dx] - r0);
        }
        continue;
      }
      for (int dx = nested; dx < dw; dx++) {
        float v = rows[r[0] + dx] * b[0];
        for (int k = 1; k < ky; k++) {
          v += rows[r[k] + dx] * b[k];
        }
        dst[o + dx] = v;
      }
    }
  }

  /** Double separable pass (float64 images: double buffers, float weights). */
  static void separableDouble(
      double[] src, int so, double[] dst, int dof, OpenCvAxis xa, OpenCvAxis ya, double[] rows) {
    int sw = xa.srcSize;
    int dw = xa.dstSize;
    int kx = xa.taps;
    boolean[] needed = neededRows(ya);
    for (int sy = 0; sy < ya.srcSize; sy++) {
      if (!needed[sy]) {
        continue;
      }
      int r = so + sy * sw;
      int o = sy * dw;
      for (int dx = 0; dx < dw; dx++) {
        int t = dx * kx;
        byte kind = xa.kind[dx];
        double v;
        if (kind == OpenCvAxis.COPY_EDGE) {
          v = src[r + xa.index[t]];
        } else if (xa.lerp) {
          double s0 = src[r + xa.index[t]];
          v = s0 + xa.wideWeight[t + 1] * (src[r + xa.index[t + 1]] - s0);
        } else {
          v = kind == OpenCvAxis.BORDER ? 0d + src[r + xa.index[t]] * xa.wideWeight[t]
              : src[r + xa.index[t]] * xa.wideWeight[t];
          for (int k = 1; k < kx; k++) {
            v += src[r + xa.index[t + k]] * xa.wideWeight[t + k];
          }
        }
        rows[o + dx] = v;
      }
    }
    int ky = ya.taps;
    for (int dy = 0; dy < ya.dstSize; dy++) {
      int t = dy * ky;
      int o = dof + dy * dw;
      if (ya.lerp) {
        int r0 = ya.index[t] * dw;
        int r1 = ya.index[t + 1] * dw;
        double w = ya.wideWeight[t + 1];
        for (int dx = 0; dx < dw; dx++) {
          dst[o + dx] = rows[r0 + dx] + w * (rows[r1 + dx] - rows[r0 + dx]);
        }
        continue;
      }
      int r0 = ya.index[t] * dw;
      double b0 = ya.wideWeight[t];
      for (int dx = 0; dx < dw; dx++) {
        dst[o + dx] = rows[r0 + dx] * b0;
      }
      for (int k = 1; k < ky; k++) {
        int rk = ya.index[t + k] * dw;
        double bk = ya.wideWeight[t + k];
        for (int dx = 0; dx < dw; dx++) {
          dst[o + dx] += rows[rk + dx] * bk;
        }
      }
    }
  }

  // ---------------------------------------------------------------- separable, uint8 fixed point

  /**
   * uint8 separable pass in OpenCV's fixed point: int horizontal sums of 11-bit weights, then
   * linear's vertical {@code ((b0*(r0>>4))>>16) + ((b1*(r1>>4))>>16) + 2) >> 2} or the general
   * {@code (sum + 2^21) >> 22}, saturated to 0..255.
   */
  static void separableFixed(
      byte[] src, int so, byte[] dst, int dof, OpenCvAxis xa, OpenCvAxis ya, int[] rows) {
    int sw = xa.srcSize;
    int dw = xa.dstSize;
    int kx = xa.taps;
    boolean[] needed = neededRows(ya);
    for (int sy = 0; sy < ya.srcSize; sy++) {
      if (!needed[sy]) {
        continue;
      }
      int r = so + sy * sw;
      int o = sy * dw;
      for (int dx = 0; dx < dw; dx++) {
        int t = dx * kx;
        int v;
        if (xa.kind[dx] == OpenCvAxis.COPY_EDGE) {
          v = (src[r + xa.index[t]] & 0xFF) * OpenCvAxis.COEF_SCALE;
        } else {
          v = 0;
          for (int k = 0; k < kx; k++) {
            v += (src[r + xa.index[t + k]] & 0xFF) * xa.fixedWeight[t + k];
          }
        }
        rows[o + dx] = v;
      }
    }
    int ky = ya.taps;
    for (int dy = 0; dy < ya.dstSize; dy++) {
      int t = dy * ky;
      int o = dof + dy * dw;
      if (ky == 2) {
        int r0 = ya.index[t] * dw;
        int r1 = ya.index[t + 1] * dw;
        int b0 = ya.fixedWeight[t];
        int b1 = ya.fixedWeight[t + 1];
        for (int dx = 0; dx < dw; dx++) {
          int v = (((b0 * (rows[r0 + dx] >> 4)) >> 16) + ((b1 * (rows[r1 + dx] >> 4)) >> 16) + 2) >> 2;
          dst[o + dx] = (byte) clampByte(v);
        }
      } else {
        // OpenCV's 8-lane vector loop of the cubic filter converts to float with float weights
        // w / 2^22 and nests its multiply-adds; the remaining columns stay in fixed point.
        int nested = ky == 4 ? (dw / 8) * 8 : 0;
        float scale = 1.f / (OpenCvAxis.COEF_SCALE * OpenCvAxis.COEF_SCALE);
        for (int dx = 0; dx < nested; dx++) {
          float v = (float) rows[ya.index[t + 3] * dw + dx] * (ya.fixedWeight[t + 3] * scale);
          for (int k = 2; k >= 0; k--) {
            v = (float) rows[ya.index[t + k] * dw + dx] * (ya.fixedWeight[t + k] * scale) + v;
          }
          dst[o + dx] = (byte) roundToByte(v);
        }
        for (int dx = nested; dx < dw; dx++) {
          int v = 0;
          for (int k = 0; k < ky; k++) {
            v += rows[ya.index[t + k] * dw + dx] * ya.fixedWeight[t + k];
          }
          dst[o + dx] = (byte) clampByte((v + (1 << 21)) >> 22);
        }
      }
    }
  }

  private static boolean[] neededRows(OpenCvAxis ya) {
    boolean[] needed = new boolean[ya.srcSize];
    for (int i : ya.index) {
      needed[i] = true;
    }
    return needed;
  }

  // ---------------------------------------------------------------- area, integer scale

  /** INTER_AREA with integer factors {@code fx, fy} on uint8: int sums, 2x2 as (sum + 2) >> 2. */
  static void areaFastUint8(byte[] src, int so, int sw, byte[] dst, int dof, int dh, int dw, int fx, int fy) {
    float scale = 1.f / (fx * fy);
    for (int dy = 0; dy < dh; dy++) {
      int o = dof + dy * dw;
      int r = so + dy * fy * sw;
      for (int dx = 0; dx < dw; dx++) {
        int base = r + dx * fx;
        int sum = 0;
        for (int y = 0; y < fy; y++) {
          for (int x = 0; x < fx; x++) {
            sum += src[base + y * sw + x] & 0xFF;
          }
        }
        dst[o + dx] = (byte) (fx == 2 && fy == 2 ? (sum + 2) >> 2 : roundToByte(sum * scale));
      }
    }
  }

  /**
   * INTER_AREA with integer factors on float32. OpenCV's 2x2 vector loop adds the two row pairs
   * first, {@code ((a + b) + (c + d)) * 0.25}, for output columns in whole groups of four; its
   * scalar loop adds the cell in row-major order four at a time into a running sum.
   */
  static void areaFastFloat(float[] src, int so, int sw, float[] dst, int dof, int dh, int dw, int fx, int fy) {
    int area = fx * fy;
    float scale = 1.f / area;
    int vectorEnd = fx == 2 && fy == 2 ? (dw / 4) * 4 : 0;
    for (int dy = 0; dy < dh; dy++) {
      int o = dof + dy * dw;
      int r = so + dy * fy * sw;
      for (int dx = 0; dx < vectorEnd; dx++) {
        int b = r + 2 * dx;
        dst[o + dx] = ((src[b] + src[b + 1]) + (src[b + sw] + src[b + sw + 1])) * 0.25f;
      }
      for (int dx = vectorEnd; dx < dw; dx++) {
        int base = r + dx * fx;
        float sum = 0;
        int k = 0;
        for (; k <= area - 4; k += 4) {
          sum += src[base + cellOffset(k, fx, sw)] + src[base + cellOffset(k + 1, fx, sw)]
              + src[base + cellOffset(k + 2, fx, sw)] + src[base + cellOffset(k + 3, fx, sw)];
        }
        for (; k < area; k++) {
          sum += src[base + cellOffset(k, fx, sw)];
        }
        dst[o + dx] = sum * scale;
      }
    }
  }

  /** INTER_AREA with integer factors on float64 (the scalar loop, double sums, float scale). */
  static void areaFastDouble(double[] src, int so, int sw, double[] dst, int dof, int dh, int dw, int fx, int fy) {
    int area = fx * fy;
    double scale = 1.f / area;
    for (int dy = 0; dy < dh; dy++) {
      int o = dof + dy * dw;
      int r = so + dy * fy * sw;
      for (int dx = 0; dx < dw; dx++) {
        int base = r + dx * fx;
        double sum = 0;
        int k = 0;
        for (; k <= area - 4; k += 4) {
          sum += src[base + cellOffset(k, fx, sw)] + src[base + cellOffset(k + 1, fx, sw)]
              + src[base + cellOffset(k + 2, fx, sw)] + src[base + cellOffset(k + 3, fx, sw)];
        }
        for (; k < area; k++) {
          sum += src[base + cellOffset(k, fx, sw)];
        }
        dst[o + dx] = sum * scale;
      }
    }
  }

  private static int cellOffset(int k, int fx, int sw) {
    return (k / fx) * sw + k % fx;
  }

  // ---------------------------------------------------------------- area, general shrink

  /**
   * INTER_AREA's general shrink (OpenCV's ResizeArea_Invoker) in float: each source row is
   * resampled with the x table into {@code buf}, then accumulated with the y weights.
   */
  static void areaFloat(
      float[] src, int so, int sw, float[] dst, int dof, int dw,
      OpenCvAxis.AreaTable xt, OpenCvAxis.AreaTable yt, float[] buf, float[] sum) {
    int prev = yt.dst[0];
    java.util.Arrays.fill(sum, 0, dw, 0f);
    for (int j = 0; j < yt.size; j++) {
      float beta = yt.alpha[j];
      int dy = yt.dst[j];
      int r = so + yt.src[j] * sw;
      java.util.Arrays.fill(buf, 0, dw, 0f);
      for (int k = 0; k < xt.size; k++) {
        buf[xt.dst[k]] += src[r + xt.src[k]] * xt.alpha[k];
      }
      if (dy != prev) {
        int o = dof + prev * dw;
        for (int dx = 0; dx < dw; dx++) {
          dst[o + dx] = sum[dx];
          sum[dx] = beta * buf[dx];
        }
        prev = dy;
      } else {
        for (int dx = 0; dx < dw; dx++) {
          sum[dx] += beta * buf[dx];
        }
      }
    }
    int o = dof + prev * dw;
    System.arraycopy(sum, 0, dst, o, dw);
  }

  /** {@link #areaFloat} for float64 images (double buffers, float table weights). */
  static void areaDouble(
      double[] src, int so, int sw, double[] dst, int dof, int dw,
      OpenCvAxis.AreaTable xt, OpenCvAxis.AreaTable yt, double[] buf, double[] sum) {
    int prev = yt.dst[0];
    java.util.Arrays.fill(sum, 0, dw, 0d);
    for (int j = 0; j < yt.size; j++) {
      double beta = yt.alpha[j];
      int dy = yt.dst[j];
      int r = so + yt.src[j] * sw;
      java.util.Arrays.fill(buf, 0, dw, 0d);
      for (int k = 0; k < xt.size; k++) {
        buf[xt.dst[k]] += src[r + xt.src[k]] * (double) xt.alpha[k];
      }
      if (dy != prev) {
        int o = dof + prev * dw;
        for (int dx = 0; dx < dw; dx++) {
          dst[o + dx] = sum[dx];
          sum[dx] = beta * buf[dx];
        }
        prev = dy;
      } else {
        for (int dx = 0; dx < dw; dx++) {
          sum[dx] += beta * buf[dx];
        }
      }
    }
    int o = dof + prev * dw;
    System.arraycopy(sum, 0, dst, o, dw);
  }

  // ---------------------------------------------------------------- rounding

  /** {@code saturate_cast<uchar>(float)}: round half to even, then clamp to 0..255. */
  static int roundToByte(float v) {
    double r = Math.rint(v);
    return r <= 0 ? 0 : r >= 255 ? 255 : (int) r;
  }

  static int clampByte(int v) {
    return v < 0 ? 0 : v > 255 ? 255 : v;
  }
}
