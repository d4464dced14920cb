package org.resample.core;

/**
 * {@code area}: adaptive average pooling (ATen {@code adaptive_avg_pool{1,2,3}d}). Each output
 * averages the integer window {@code [floor(o*in/out), ceil((o+1)*in/out))} of every axis: a
 * sequential sum in row-major order, then one division per axis ({@code sum / kd / kh / kw}). An
 * all-ones output is PyTorch's {@code mean} over the plane instead.
 */
final class AreaKernel {
  private AreaKernel() {}

  static void runFloat(float[] src, float[] dst, int[] in, int[] out, int p0, int p1) {
    Windows win = new Windows(in, out);
    int[][] start = win.start;
    int[][] end = win.end;
    int[] in3 = win.in3;
    int[] out3 = win.out3;
    long inPlane = ResamplePlan.product(in);
    long outPlane = ResamplePlan.product(out);
    boolean mean = outPlane == 1;
    int inW = in3[2];
    int inSlice = in3[1] * in3[2];
    int outW = out3[2];
    int[] ws = start[2];
    int[] we = end[2];
    float[] acc = new float[outW];
    for (int p = p0; p < p1; p++) {
      int sp = (int) (p * inPlane);
      int dp = (int) (p * outPlane);
      if (mean) {
        double sum = 0;
        for (int i = 0; i < inPlane; i++) {
          sum += src[sp + i];
        }
        dst[dp] = (float) sum / (float) inPlane;
        continue;
      }
      int o = dp;
      for (int od = 0; od < out3[0]; od++) {
        int d0 = start[0][od];
        int d1 = end[0][od];
        float kd = d1 - d0;
        for (int oh = 0; oh < out3[1]; oh++) {
          int h0 = start[1][oh];
          int h1 = end[1][oh];
          float kh = h1 - h0;
          // One output row at a time: each output's sum still runs d, h, w in order, but the
          // row's independent sums interleave instead of waiting on each other.
          java.util.Arrays.fill(acc, (float) 0);
          for (int d = d0; d < d1; d++) {
            for (int h = h0; h < h1; h++) {
              addWindows(src, sp + d * inSlice + h * inW, ws, we, acc, outW);
            }
          }
          for (int ow = 0; ow < outW; ow++) {
            float y = in.length == 3 ? acc[ow] / kd / kh : acc[ow] / kh;
            dst[o++] = y / (we[ow] - ws[ow]);
          }
        }
      }
    }
  }

  static void runDouble(double[] src, double[] dst, int[] in, int[] out, int p0, int p1) {
    Windows win = new Windows(in, out);
    int[][] start = win.start;
    int[][] end = win.end;
    int[] in3 = win.in3;
    int[] out3 = win.out3;
    long inPlane = ResamplePlan.product(in);
    long outPlane = ResamplePlan.product(out);
    boolean mean = outPlane == 1;
    int inW = in3[2];
    int inSlice = in3[1] * in3[2];
    int outW = out3[2];
    int[] ws = start[2];
    int[] we = end[2];
    double[] acc = new double[outW];
    for (int p = p0; p < p1; p++) {
      int sp = (int) (p * inPlane);
      int dp = (int) (p * outPlane);
      if (mean) {
        double sum = 0;
        for (int i = 0; i < inPlane; i++) {
          sum += src[sp + i];
        }
        dst[dp] = sum / inPlane;
        continue;
      }
      int o = dp;
      for (int od = 0; od < out3[0]; od++) {
        int d0 = start[0][od];
        int d1 = end[0][od];
        double kd = d1 - d0;
        for (int oh = 0; oh < out3[1]; oh++) {
          int h0 = start[1][oh];
          int h1 = end[1][oh];
          double kh = h1 - h0;
          // One output row at a time: each output's sum still runs d, h, w in order, but the
          // row's independent sums interleave instead of waiting on each other.
          java.util.Arrays.fill(acc, (double) 0);
          for (int d = d0; d < d1; d++) {
            for (int h = h0; h < h1; h++) {
              addWindows(src, sp + d * inSlice + h * inW, ws, we, acc, outW);
            }
          }
          for (int ow = 0; ow < outW; ow++) {
            double y = in.length == 3 ? acc[ow] / kd / kh : acc[ow] / kh;
            dst[o++] = y / (we[ow] - ws[ow]);
          }
        }
      }
    }
  }

  /** Adds row {@code x[r..]}'s window {@code [ws[o], we[o])} onto {@code acc[o]}, in order. */
  private static void addWindows(float[] x, int r, int[] ws, int[] we, float[] acc, int n) {
    int k = n > 0 ? we[0] - ws[0] : 0;
    if (n > 0 && ws[n - 1] == (n - 1) * k && we[n - 1] == n * k) {
      // Uniform windows (in divisible by out): fixed width, no per-output bounds.
      if (k == 2) {
        for (int o = 0, w = r; o < n; o++, w += 2) {
          acc[o] = (acc[o] + x[w]) + x[w + 1];
        }
        return;
      }
      if (k == 4) {
        for (int o = 0, w = r; o < n; o++, w += 4) {
          acc[o] = (((acc[o] + x[w]) + x[w + 1]) + x[w + 2]) + x[w + 3];
        }
        return;
      }
    }
    for (int o = 0; o < n; o++) {
      float sum = acc[o];
      for (int w = r + ws[o], e = r + we[o]; w < e; w++) {
        sum += x[w];
      }
      acc[o] = sum;
    }
  }

  /** The float64 twin of {@link #addWindows(float[], int, int[], int[], float[], int)}. */
  private static void addWindows(double[] x, int r, int[] ws, int[] we, double[] acc, int n) {
    int k = n > 0 ? we[0] - ws[0] : 0;
    if (n > 0 && ws[n - 1] == (n - 1) * k && we[n - 1] == n * k) {
      // Uniform windows (in divisible by out): fixed width, no per-output bounds.
      if (k == 2) {
        for (int o = 0, w = r; o < n; o++, w += 2) {
          acc[o] = (acc[o] + x[w]) + x[w + 1];
        }
        return;
      }
      if (k == 4) {
        for (int o = 0, w = r; o < n; o++, w += 4) {
          acc[o] = (((acc[o] + x[w]) + x[w + 1]) + x[w + 2]) + x[w + 3];
        }
        return;
      }
    }
    for (int o = 0; o < n; o++) {
      double sum = acc[o];
      for (int w = r + ws[o], e = r + we[o]; w < e; w++) {
        sum += x[w];
      }
      acc[o] = sum;
    }
  }

  /** Pooling windows of every axis, with the spatial sizes padded to (D, H, W). */
  private static final class Windows {
    final int[] in3;
    final int[] out3;
    final int[][] start = new int[3][];
    final int[][] end = new int[3][];

    Windows(int[] in, int[] out) {
      in3 = pad3(in);
      out3 = pad3(out);
      for (int d = 0; d < 3; d++) {
        start[d] = AxisTable.areaStart(in3[d], out3[d]);
        end[d] = AxisTable.areaEnd(in3[d], out3[d]);
      }
    }
  }

  /** Spatial sizes as (D, H, W), missing leading axes of size 1. */
  private static int[] pad3(int[] s) {
    int[] r = {1, 1, 1};
    System.arraycopy(s, 0, r, 3 - s.length, s.length);
    return r;
  }
}
