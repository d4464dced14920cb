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

  // ---------------------------------------------------------------- separable passes

  /**
   * Which horizontally resized source rows are resident in a ring of {@code taps + 1} row
   * buffers. Output rows read non-decreasing source rows, so a row leaves the ring only once no
   * later output row needs it (OpenCV keeps the same kind of ring).
   */
  static final class RowRing {
    private final int[] slotOf;
    private final int[] owner;
    private int next;

    RowRing(int srcRows, int slots) {
      slotOf = new int[srcRows];
      owner = new int[slots];
      java.util.Arrays.fill(owner, -1);
    }

    void reset() {
      java.util.Arrays.fill(slotOf, -1);
      java.util.Arrays.fill(owner, -1);
      next = 0;
    }

    /** The slot of source row {@code sy}, or {@code -1 - slot} when it must be computed there. */
    int lookup(int sy) {
      int s = slotOf[sy];
      if (s >= 0) {
        return s;
      }
      s = next;
      next = (next + 1) % owner.length;
      if (owner[s] >= 0) {
        slotOf[owner[s]] = -1;
      }
      owner[s] = sy;
      slotOf[sy] = s;
      return -1 - s;
    }
  }

  /**
   * Float separable pass (OpenCV's HResize and VResize functors on float buffers): the source
   * rows an output row needs are resized horizontally into a ring of row buffers, then combined.
   * {@code src} and {@code dst} are float arrays, or uint8 arrays read as floats and written
   * rounded half to even and saturated (as IPP's uint8 cubic is).
   */
  static void separableFloat(
      Object src, int so, Object dst, int dof, OpenCvAxis xa, OpenCvAxis ya, float[] rows, RowRing ring) {
    int sw = xa.srcSize;
    int dw = xa.dstSize;
    int ky = ya.taps;
    int[] base = new int[ky];
    float[] b = new float[ky];
    ring.reset();
    float[] srcF = src instanceof float[] ? (float[]) src : null;
    float[] rowIn = srcF == null ? new float[sw] : null;
    float[] dstF = dst instanceof float[] ? (float[]) dst : null;
    float[] rowOut = dstF == null ? new float[dw] : null;
    int nested = ky > 2 ? (dw / 4) * 4 : 0;
    for (int dy = 0; dy < ya.dstSize; dy++) {
      int t = dy * ky;
      for (int k = 0; k < ky; k++) {
        int sy = ya.index[t + k];
        int s = ring.lookup(sy);
        if (s < 0) {
          s = -1 - s;
          if (srcF != null) {
            horizontalFloat(srcF, so + sy * sw, xa, rows, s * dw);
          } else {
            byte[] bytes = (byte[]) src;
            for (int x = 0, r = so + sy * sw; x < sw; x++) {
              rowIn[x] = bytes[r + x] & 0xFF;
            }
            horizontalFloat(rowIn, 0, xa, rows, s * dw);
          }
        }
        base[k] = s * dw;
        b[k] = ya.weight[t + k];
      }
      if (dstF != null) {
        verticalFloat(rows, base, b, ya.lerp, nested, dw, dstF, dof + dy * dw);
      } else {
        verticalFloat(rows, base, b, ya.lerp, nested, dw, rowOut, 0);
        byte[] bytes = (byte[]) dst;
        for (int x = 0, o = dof + dy * dw; x < dw; x++) {
          bytes[o + x] = (byte) roundToByte(rowOut[x]);
        }
      }
    }
  }

  /** One output row of the float vertical pass from the ring rows at {@code base}. */
  private static void verticalFloat(
      float[] rows, int[] base, float[] b, boolean lerp, int nested, int dw, float[] dst, int o) {
    int ky = base.length;
    if (lerp) {
      int r0 = base[0];
      int r1 = base[1];
      float w = b[1];
      for (int dx = 0; dx < dw; dx++) {
        float v0 = rows[r0 + dx];
        dst[o + dx] = v0 + w * (rows[r1 + dx] - v0);
      }
      return;
    }
    if (ky == 2) {
      int r0 = base[0];
      int r1 = base[1];
      float b0 = b[0];
      float b1 = b[1];
      for (int dx = 0; dx < dw; dx++) {
        dst[o + dx] = rows[r0 + dx] * b0 + rows[r1 + dx] * b1;
      }
      return;
    }
    // OpenCV's 4-lane vector loop of the cubic and Lanczos filters nests its multiply-adds,
    // r0*b0 + (r1*b1 + (... + r[k-1]*b[k-1])), over whole 4-column groups; the remaining
    // columns add left to right.
    if (ky == 4) {
      int r0 = base[0];
      int r1 = base[1];
      int r2 = base[2];
      int r3 = base[3];
      float b0 = b[0];
      float b1 = b[1];
      float b2 = b[2];
      float b3 = b[3];
      for (int dx = 0; dx < nested; dx++) {
        dst[o + dx] = rows[r0 + dx] * b0 + (rows[r1 + dx] * b1 + (rows[r2 + dx] * b2 + rows[r3 + dx] * b3));
      }
      for (int dx = nested; dx < dw; dx++) {
        dst[o + dx] = rows[r0 + dx] * b0 + rows[r1 + dx] * b1 + rows[r2 + dx] * b2 + rows[r3 + dx] * b3;
      }
      return;
    }
    for (int dx = 0; dx < nested; dx++) {
      float v = rows[base[ky - 1] + dx] * b[ky - 1];
      for (int k = ky - 2; k >= 0; k--) {
        v = rows[base[k] + dx] * b[k] + v;
      }
      dst[o + dx] = v;
    }
    for (int dx = nested; dx < dw; dx++) {
      float v = rows[base[0] + dx] * b[0];
      for (int k = 1; k < ky; k++) {
        v += rows[base[k] + dx] * b[k];
      }
      dst[o + dx] = v;
    }
  }

  /** One source row resized horizontally in float (OpenCV's HResizeLinear/Cubic/Lanczos4). */
  private static void horizontalFloat(float[] src, int r, OpenCvAxis xa, float[] out, int o) {
    int dw = xa.dstSize;
    int kx = xa.taps;
    int[] idx = xa.index;
    float[] w = xa.weight;
    if (xa.lerp) {
      for (int dx = 0, t = 0; dx < dw; dx++, t += 2) {
        float s0 = src[r + idx[t]];
        out[o + dx] = s0 + w[t + 1] * (src[r + idx[t + 1]] - s0);
      }
      return;
    }
    byte[] kind = xa.kind;
    if (kx == 2) {
      for (int dx = 0, t = 0; dx < dw; dx++, t += 2) {
        out[o + dx] = kind[dx] == OpenCvAxis.COPY_EDGE ? src[r + idx[t]]
            : src[r + idx[t]] * w[t] + src[r + idx[t + 1]] * w[t + 1];
      }
      return;
    }
    if (kx == 4) {
      for (int dx = 0, t = 0; dx < dw; dx++, t += 4) {
        float p0 = src[r + idx[t]] * w[t];
        // OpenCV's border loop starts its sum from zero; its interior loop from the first product
        float v = kind[dx] == OpenCvAxis.BORDER ? 0f + p0 : p0;
        out[o + dx] = v + src[r + idx[t + 1]] * w[t + 1] + src[r + idx[t + 2]] * w[t + 2]
            + src[r + idx[t + 3]] * w[t + 3];
      }
      return;
    }
    for (int dx = 0, t = 0; dx < dw; dx++, t += kx) {
      // OpenCV's border loop starts its sum from zero; its interior loop from the first product
      float v = kind[dx] == OpenCvAxis.BORDER ? 0f + src[r + idx[t]] * w[t] : src[r + idx[t]] * w[t];
      for (int k = 1; k < kx; k++) {
        v += src[r + idx[t + k]] * w[t + k];
      }
      out[o + dx] = v;
    }
  }

  /** Double separable pass (float64 images: double buffers, float weights widened). */
  static void separableDouble(
      double[] src, int so, double[] dst, int dof, OpenCvAxis xa, OpenCvAxis ya, double[] rows, RowRing ring) {
    int sw = xa.srcSize;
    int dw = xa.dstSize;
    int ky = ya.taps;
    int[] base = new int[ky];
    double[] b = new double[ky];
    ring.reset();
    for (int dy = 0; dy < ya.dstSize; dy++) {
      int t = dy * ky;
      for (int k = 0; k < ky; k++) {
        int sy = ya.index[t + k];
        int s = ring.lookup(sy);
        if (s < 0) {
          s = -1 - s;
          horizontalDouble(src, so + sy * sw, xa, rows, s * dw);
        }
        base[k] = s * dw;
        b[k] = ya.wideWeight[t + k];
      }
      int o = dof + dy * dw;
      if (ya.lerp) {
        int r0 = base[0];
        int r1 = base[1];
        double w = b[1];
        for (int dx = 0; dx < dw; dx++) {
          double v0 = rows[r0 + dx];
          dst[o + dx] = v0 + w * (rows[r1 + dx] - v0);
        }
        continue;
      }
      for (int dx = 0; dx < dw; dx++) {
        double v = rows[base[0] + dx] * b[0];
        for (int k = 1; k < ky; k++) {
          v += rows[base[k] + dx] * b[k];
        }
        dst[o + dx] = v;
      }
    }
  }

  private static void horizontalDouble(double[] src, int r, OpenCvAxis xa, double[] out, int o) {
    int dw = xa.dstSize;
    int kx = xa.taps;
    int[] idx = xa.index;
    double[] w = xa.wideWeight;
    byte[] kind = xa.kind;
    for (int dx = 0, t = 0; dx < dw; dx++, t += kx) {
      double v;
      if (xa.lerp) {
        double s0 = src[r + idx[t]];
        v = s0 + w[t + 1] * (src[r + idx[t + 1]] - s0);
      } else if (kind[dx] == OpenCvAxis.COPY_EDGE) {
        v = src[r + idx[t]];
      } else {
        v = kind[dx] == OpenCvAxis.BORDER ? 0d + src[r + idx[t]] * w[t] : src[r + idx[t]] * w[t];
        for (int k = 1; k < kx; k++) {
          v += src[r + idx[t + k]] * w[t + k];
        }
      }
      out[o + dx] = v;
    }
  }

  /**
   * uint8 separable pass in OpenCV's fixed point: int horizontal sums of 11-bit weights, then
   * linear's vertical {@code ((b0*(r0>>4))>>16) + ((b1*(r1>>4))>>16) + 2) >> 2} or the general
   * {@code (sum + 2^21) >> 22}, saturated to 0..255.
   */
  static void separableFixed(
      byte[] src, int so, byte[] dst, int dof, OpenCvAxis xa, OpenCvAxis ya, int[] rows, RowRing ring) {
    int sw = xa.srcSize;
    int dw = xa.dstSize;
    int ky = ya.taps;
    int[] base = new int[ky];
    int[] b = new int[ky];
    ring.reset();
    // OpenCV's 8-lane vector loop of the cubic filter converts to float with float weights
    // w / 2^22 and nests its multiply-adds; the remaining columns stay in fixed point.
    int nested = ky == 4 ? (dw / 8) * 8 : 0;
    float scale = 1.f / (OpenCvAxis.COEF_SCALE * OpenCvAxis.COEF_SCALE);
    for (int dy = 0; dy < ya.dstSize; dy++) {
      int t = dy * ky;
      for (int k = 0; k < ky; k++) {
        int sy = ya.index[t + k];
        int s = ring.lookup(sy);
        if (s < 0) {
          s = -1 - s;
          horizontalFixed(src, so + sy * sw, xa, rows, s * dw);
        }
        base[k] = s * dw;
        b[k] = ya.fixedWeight[t + k];
      }
      int o = dof + dy * dw;
      if (ky == 2) {
        int r0 = base[0];
        int r1 = base[1];
        int b0 = b[0];
        int b1 = b[1];
        for (int dx = 0; dx < dw; dx++) {
          // weights of one tap pair sum to 2048 (2049 at most after rounding) and rows hold at most
          // 255 * 2049, so the result cannot leave 0..255
          dst[o + dx] = (byte) ((((b0 * (rows[r0 + dx] >> 4)) >> 16) + ((b1 * (rows[r1 + dx] >> 4)) >> 16) + 2) >> 2);
        }
        continue;
      }
      for (int dx = 0; dx < nested; dx++) {
        float v = (float) rows[base[3] + dx] * (b[3] * scale);
        for (int k = 2; k >= 0; k--) {
          v = (float) rows[base[k] + dx] * (b[k] * scale) + v;
        }
        dst[o + dx] = (byte) roundToByte(v);
      }
      for (int dx = nested; dx < dw; dx++) {
        int v = 0;
        for (int k = 0; k < ky; k++) {
          v += rows[base[k] + dx] * b[k];
        }
        dst[o + dx] = (byte) clampByte((v + (1 << 21)) >> 22);
      }
    }
  }

  /** One uint8 source row resized horizontally into int sums (the edge copy is the same sum). */
  private static void horizontalFixed(byte[] src, int r, OpenCvAxis xa, int[] out, int o) {
    int dw = xa.dstSize;
    int kx = xa.taps;
    int[] idx = xa.index;
    int[] w = xa.fixedWeight;
    if (kx == 2) {
      for (int dx = 0, t = 0; dx < dw; dx++, t += 2) {
        out[o + dx] = (src[r + idx[t]] & 0xFF) * w[t] + (src[r + idx[t + 1]] & 0xFF) * w[t + 1];
      }
      return;
    }
    for (int dx = 0, t = 0; dx < dw; dx++, t += kx) {
      int v = 0;
      for (int k = 0; k < kx; k++) {
        v += (src[r + idx[t + k]] & 0xFF) * w[t + k];
      }
      out[o + dx] = v;
    }
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
    return Math.max(0, Math.min(255, v));
  }
}
