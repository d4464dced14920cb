package org.resample.core.compat;

/**
 * TensorFlow's CPU resize kernels on one channel plane (row-major {@code h x w} floats), in
 * TensorFlow's float32 operation order. TensorFlow works on NHWC, but every kernel treats each
 * channel independently with the same arithmetic, so one plane at a time gives the same numbers.
 */
final class TensorFlowKernels {
  private TensorFlowKernels() {}

  /**
   * ResizeBilinear: lerp along x on the two rows, then along y. TensorFlow computes the x-lerp of
   * a source row afresh for every output row that reads it; it depends only on the row, so each
   * needed row is lerped once into {@code rows} (inH x outW) and reused, with the same numbers.
   */
  static void bilinear(
      TensorFlowRows source, int plane, TensorFlowAxis.Linear ys, TensorFlowAxis.Linear xs,
      boolean[] rowNeeded, float[] rows, float[] out, int outOff) {
    int outH = ys.lower.length;
    int outW = xs.lower.length;
    int[] xl = xs.lower;
    int[] xu = xs.upper;
    float[] xf = xs.lerp;
    for (int r = 0; r < rowNeeded.length; r++) {
      if (!rowNeeded[r]) {
        continue;
      }
      float[] in = source.load(plane, r);
      int row = source.offset();
      int h = r * outW;
      for (int x = 0; x < outW; x++) {
        float left = in[row + xl[x]];
        rows[h + x] = left + (in[row + xu[x]] - left) * xf[x];
      }
    }
    int o = outOff;
    for (int y = 0; y < outH; y++) {
      int t = ys.lower[y] * outW;
      int b = ys.upper[y] * outW;
      float yl = ys.lerp[y];
      for (int x = 0; x < outW; x++) {
        float top = rows[t + x];
        out[o + x] = top + (rows[b + x] - top) * yl;
      }
      o += outW;
    }
  }

  /**
   * ResizeBicubic: for each output row, the 4-tap vertical sum at each needed input column, then
   * the 4-tap horizontal sum of those, each summed left to right.
   */
  static void bicubic(
      float[] in, int inOff, int inW, TensorFlowAxis.Cubic ys, TensorFlowAxis.Cubic xs,
      float[] column, float[] out, int outOff) {
    int outH = ys.index.length / 4;
    int outW = xs.index.length / 4;
    int o = outOff;
    for (int y = 0; y < outH; y++) {
      int r0 = inOff + ys.index[y * 4] * inW;
      int r1 = inOff + ys.index[y * 4 + 1] * inW;
      int r2 = inOff + ys.index[y * 4 + 2] * inW;
      int r3 = inOff + ys.index[y * 4 + 3] * inW;
      float w0 = ys.weight[y * 4];
      float w1 = ys.weight[y * 4 + 1];
      float w2 = ys.weight[y * 4 + 2];
      float w3 = ys.weight[y * 4 + 3];
      for (int j = 0; j < inW; j++) {
        column[j] = in[r0 + j] * w0 + in[r1 + j] * w1 + in[r2 + j] * w2 + in[r3 + j] * w3;
      }
      int[] xi = xs.index;
      float[] xw = xs.weight;
      for (int x = 0, k = 0; x < outW; x++, k += 4) {
        out[o++] =
            column[xi[k]] * xw[k]
                + column[xi[k + 1]] * xw[k + 1]
                + column[xi[k + 2]] * xw[k + 2]
                + column[xi[k + 3]] * xw[k + 3];
      }
    }
  }

  /**
   * ResizeArea: per source row the covered cells of output column x (first and last weighted by
   * their coverage), then the rows weighted by theirs, times 1/(scaleY*scaleX).
   */
  static void area(
      TensorFlowRows source, int plane, int inH, int inW, TensorFlowAxis.Area ys,
      TensorFlowAxis.Area xs, boolean[] rowNeeded, float[] rowSums, float[] out, int outOff) {
    int outH = ys.start.length;
    int outW = xs.start.length;
    // rowSums[r * outW + x]: TensorFlow's per-row partial sum (sum_y) of output column x.
    for (int r = 0; r < inH; r++) {
      if (!rowNeeded[r]) {
        continue;
      }
      float[] in = source.load(plane, r);
      int row = source.offset();
      if (!xs.needsBounding) {
        for (int x = 0; x < outW; x++) {
          int s = row + xs.start[x];
          int e = row + xs.end[x];
          float sum = in[s] * xs.startScale[x];
          if (s + 1 != e) {
            for (int c = s + 1; c < e - 1; c++) {
              sum += in[c];
            }
            sum += in[e - 1] * xs.endScale[x];
          }
          rowSums[r * outW + x] = sum;
        }
        continue;
      }
      for (int x = 0; x < outW; x++) {
        int s = xs.start[x];
        int e = xs.end[x];
        float sum = in[row + bound(s, inW)] * xs.startScale[x];
        if (s + 1 != e) {
          for (int c = s + 1; c < e - 1; c++) {
            sum += in[row + bound(c, inW)];
          }
          sum += in[row + bound(e - 1, inW)] * xs.endScale[x];
        }
        rowSums[r * outW + x] = sum;
      }
    }
    float scale = (float) (1.0 / (ys.scale * xs.scale));
    int o = outOff;
    for (int y = 0; y < outH; y++) {
      int s = ys.start[y];
      int e = ys.end[y];
      // out = (sum over rows i, in order, of rowSum_i * coverage_i) * scale, summed from 0.
      java.util.Arrays.fill(out, o, o + outW, 0.0f);
      for (int i = s; i < e; i++) {
        float wy = ys.rowWeight(y, i);
        int r = bound(i, inH) * outW;
        for (int x = 0; x < outW; x++) {
          out[o + x] += rowSums[r + x] * wy;
        }
      }
      for (int x = 0; x < outW; x++) {
        out[o + x] *= scale;
      }
      o += outW;
    }
  }

  private static int bound(int v, int limit) {
    return Math.min(limit - 1, Math.max(0, v));
  }

  /**
   * ScaleAndTranslate: rows first into an {@code outH x inW} intermediate, then columns, each
   * accumulated from 0 in span order.
   */
  static void spans(
      float[] in, int inOff, int inH, int inW, TensorFlowAxis.Spans ys, TensorFlowAxis.Spans xs,
      float[] mid, float[] out, int outOff) {
    int outH = ys.start.length;
    int outW = xs.start.length;
    for (int y = 0; y < outH; y++) {
      int m = y * inW;
      java.util.Arrays.fill(mid, m, m + inW, 0.0f);
      int s = ys.start[y];
      int n = Math.min(s + ys.spanSize, inH) - s;
      for (int k = 0; k < n; k++) {
        float w = ys.weight[y * ys.spanSize + k];
        int row = inOff + (s + k) * inW;
        for (int j = 0; j < inW; j++) {
          mid[m + j] += w * in[row + j];
        }
      }
    }
    int o = outOff;
    for (int y = 0; y < outH; y++) {
      int m = y * inW;
      for (int x = 0; x < outW; x++) {
        int s = xs.start[x];
        int n = Math.min(s + xs.spanSize, inW) - s;
        int wk = x * xs.spanSize;
        float sum = 0.0f;
        for (int k = 0; k < n; k++) {
          sum += xs.weight[wk + k] * mid[m + s + k];
        }
        out[o++] = sum;
      }
    }
  }
}
