package org.resample.core.compat;

/**
 * TensorFlow's CPU resize kernels on one channel plane (row-major {@code h x w} floats), in
 * TensorFlow's float32 operation order. TensorFlow works on NHWC, but every kernel treats each
 * channel independently with the same arithmetic, so one plane at a time gives the same numbers.
 */
final class TensorFlowKernels {
  private TensorFlowKernels() {}

  /** ResizeBilinear: lerp along x on the two rows, then along y. */
  static void bilinear(
      float[] in, int inOff, int inW, TensorFlowAxis.Linear ys, TensorFlowAxis.Linear xs,
      float[] out, int outOff) {
    int outH = ys.lower.length;
    int outW = xs.lower.length;
    int o = outOff;
    for (int y = 0; y < outH; y++) {
      int top = inOff + ys.lower[y] * inW;
      int bottom = inOff + ys.upper[y] * inW;
      float yl = ys.lerp[y];
      for (int x = 0; x < outW; x++) {
        int xl = xs.lower[x];
        int xu = xs.upper[x];
        float xf = xs.lerp[x];
        float tl = in[top + xl];
        float tr = in[top + xu];
        float bl = in[bottom + xl];
        float br = in[bottom + xu];
        float t = tl + (tr - tl) * xf;
        float b = bl + (br - bl) * xf;
        out[o++] = t + (b - t) * yl;
      }
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
      for (int x = 0; x < outW; x++) {
        int k = x * 4;
        out[o++] =
            column[xs.index[k]] * xs.weight[k]
                + column[xs.index[k + 1]] * xs.weight[k + 1]
                + column[xs.index[k + 2]] * xs.weight[k + 2]
                + column[xs.index[k + 3]] * xs.weight[k + 3];
      }
    }
  }

  /**
   * ResizeArea: per source row the covered cells of output column x (first and last weighted by
   * their coverage), then the rows weighted by theirs, times 1/(scaleY*scaleX).
   */
  static void area(
      float[] in, int inOff, int inH, int inW, TensorFlowAxis.Area ys, TensorFlowAxis.Area xs,
      float[] rowSums, float[] out, int outOff) {
    int outH = ys.start.length;
    int outW = xs.start.length;
    // rowSums[r * outW + x]: TensorFlow's per-row partial sum (sum_y) of output column x.
    for (int r = 0; r < inH; r++) {
      int row = inOff + r * inW;
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
      float lo = (float) y * ys.scale;
      float hi = (float) (y + 1) * ys.scale;
      int s = ys.start[y];
      int e = ys.end[y];
      for (int x = 0; x < outW; x++) {
        float sum = 0;
        for (int i = s; i < e; i++) {
          float wy = TensorFlowAxis.Area.coverage(i, lo, hi, ys.scale);
          sum += rowSums[bound(i, inH) * outW + x] * wy;
        }
        out[o++] = sum * scale;
      }
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
