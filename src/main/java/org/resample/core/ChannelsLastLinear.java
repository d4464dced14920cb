package org.resample.core;

/**
 * PyTorch 2.x's channels-last bilinear and trilinear kernels ({@code
 * cpu_upsample_linear_channels_last}), which 2.x also takes for plain NCHW float tensors: 2-D when
 * C &gt; 3 and the tensor is also channels-last contiguous, when the output's H + W is at most 128,
 * or (at one torch thread) when C == 3; 3-D when C &gt; 3 and the tensor is channels-last
 * contiguous (see {@link ResamplePlan#kernel}).
 *
 * <p>The corner weights are products of the axis lambdas ({@code (ld * lh) * lw}) in the tensor's
 * own precision. Channels that fill whole SIMD vectors ({@value #FLOAT_LANES} float32 or {@value
 * #DOUBLE_LANES} float64 lanes: libtorch's AVX2 kernels, measured) sum the weighted corners from
 * the last one back, {@code fma(c0, w0, fma(c1, w1, ... fma(c7, w7, c6 * w6)))}; the remaining
 * channels (the scalar tail) sum them from the first: {@code fma(c7, w7, ... fma(c2, w2, fma(c0,
 * w0, c1 * w1)))}. Both orders were measured against libtorch 2.10.
 *
 * <p>Tables are {@link AxisTable#linear} (two taps per output, stored in reverse order).
 */
final class ChannelsLastLinear {
  static final int FLOAT_LANES = 8;
  static final int DOUBLE_LANES = 4;

  private ChannelsLastLinear() {}

  /** Whether channel {@code c} of {@code channels} is computed by a full SIMD vector. */
  static boolean vectorLane(int c, int channels, int lanes) {
    return c < channels - channels % lanes;
  }

  /** The weighted sum of {@code n} corners in the lane's order. */
  private static float sum(float[] v, float[] w, int n, boolean vector) {
    if (vector) {
      float acc = Math.fma(v[n - 1], w[n - 1], v[n - 2] * w[n - 2]);
      for (int j = n - 3; j >= 0; j--) {
        acc = Math.fma(v[j], w[j], acc);
      }
      return acc;
    }
    float acc = Math.fma(v[0], w[0], v[1] * w[1]);
    for (int j = 2; j < n; j++) {
      acc = Math.fma(v[j], w[j], acc);
    }
    return acc;
  }

  private static double sum(double[] v, double[] w, int n, boolean vector) {
    if (vector) {
      double acc = Math.fma(v[n - 1], w[n - 1], v[n - 2] * w[n - 2]);
      for (int j = n - 3; j >= 0; j--) {
        acc = Math.fma(v[j], w[j], acc);
      }
      return acc;
    }
    double acc = Math.fma(v[0], w[0], v[1] * w[1]);
    for (int j = 2; j < n; j++) {
      acc = Math.fma(v[j], w[j], acc);
    }
    return acc;
  }

  /** float32 planes {@code [p0, p1)}: 2-D (tables H, W) or 3-D (D, H, W). */
  static void runFloat(float[] src, float[] dst, int dstBase, int channels, int[] in,
      AxisTable[] t, int p0, int p1) {
    int k = in.length;
    AxisTable td = k == 3 ? t[0] : null;
    AxisTable th = t[k - 2];
    AxisTable tw = t[k - 1];
    int outD = td == null ? 1 : td.outSize;
    int inD = k == 3 ? in[0] : 1;
    int inH = in[k - 2];
    int inW = in[k - 1];
    int n = k == 3 ? 8 : 4;
    float[] v = new float[n];
    float[] w = new float[n];
    long inPlane = (long) inD * inH * inW;
    long outPlane = (long) outD * th.outSize * tw.outSize;
    for (int p = p0; p < p1; p++) {
      boolean vector = vectorLane(p % channels, channels, FLOAT_LANES);
      int sp = (int) (p * inPlane);
      int o = dstBase + (int) (p * outPlane);
      for (int od = 0; od < outD; od++) {
        int[] d = td == null ? new int[] {0, 0} : new int[] {td.index[2 * od + 1], td.index[2 * od]};
        float[] ld = td == null ? new float[] {1f, 1f} : new float[] {td.weightF[2 * od + 1], td.weightF[2 * od]};
        for (int oh = 0; oh < th.outSize; oh++) {
          int h0 = th.index[2 * oh + 1];
          int h1 = th.index[2 * oh];
          float lh0 = th.weightF[2 * oh + 1];
          float lh1 = th.weightF[2 * oh];
          for (int ow = 0; ow < tw.outSize; ow++) {
            int w0 = tw.index[2 * ow + 1];
            int w1 = tw.index[2 * ow];
            float lw0 = tw.weightF[2 * ow + 1];
            float lw1 = tw.weightF[2 * ow];
            int j = 0;
            for (int a = 0; a < (td == null ? 1 : 2); a++) {
              int base = sp + d[a] * inH * inW;
              float lhd0 = td == null ? lh0 : ld[a] * lh0;
              float lhd1 = td == null ? lh1 : ld[a] * lh1;
              v[j] = src[base + h0 * inW + w0];
              w[j++] = lhd0 * lw0;
              v[j] = src[base + h0 * inW + w1];
              w[j++] = lhd0 * lw1;
              v[j] = src[base + h1 * inW + w0];
              w[j++] = lhd1 * lw0;
              v[j] = src[base + h1 * inW + w1];
              w[j++] = lhd1 * lw1;
            }
            dst[o++] = sum(v, w, n, vector);
          }
        }
      }
    }
  }

  /** float64 planes {@code [p0, p1)}: 2-D (tables H, W) or 3-D (D, H, W). */
  static void runDouble(double[] src, double[] dst, int dstBase, int channels, int[] in,
      AxisTable[] t, int p0, int p1) {
    int k = in.length;
    AxisTable td = k == 3 ? t[0] : null;
    AxisTable th = t[k - 2];
    AxisTable tw = t[k - 1];
    int outD = td == null ? 1 : td.outSize;
    int inD = k == 3 ? in[0] : 1;
    int inH = in[k - 2];
    int inW = in[k - 1];
    int n = k == 3 ? 8 : 4;
    double[] v = new double[n];
    double[] w = new double[n];
    long inPlane = (long) inD * inH * inW;
    long outPlane = (long) outD * th.outSize * tw.outSize;
    for (int p = p0; p < p1; p++) {
      boolean vector = vectorLane(p % channels, channels, DOUBLE_LANES);
      int sp = (int) (p * inPlane);
      int o = dstBase + (int) (p * outPlane);
      for (int od = 0; od < outD; od++) {
        int[] d = td == null ? new int[] {0, 0} : new int[] {td.index[2 * od + 1], td.index[2 * od]};
        double[] ld = td == null ? new double[] {1, 1} : new double[] {td.weight[2 * od + 1], td.weight[2 * od]};
        for (int oh = 0; oh < th.outSize; oh++) {
          int h0 = th.index[2 * oh + 1];
          int h1 = th.index[2 * oh];
          double lh0 = th.weight[2 * oh + 1];
          double lh1 = th.weight[2 * oh];
          for (int ow = 0; ow < tw.outSize; ow++) {
            int w0 = tw.index[2 * ow + 1];
            int w1 = tw.index[2 * ow];
            double lw0 = tw.weight[2 * ow + 1];
            double lw1 = tw.weight[2 * ow];
            int j = 0;
            for (int a = 0; a < (td == null ? 1 : 2); a++) {
              int base = sp + d[a] * inH * inW;
              double lhd0 = td == null ? lh0 : ld[a] * lh0;
              double lhd1 = td == null ? lh1 : ld[a] * lh1;
              v[j] = src[base + h0 * inW + w0];
              w[j++] = lhd0 * lw0;
              v[j] = src[base + h0 * inW + w1];
              w[j++] = lhd0 * lw1;
              v[j] = src[base + h1 * inW + w0];
              w[j++] = lhd1 * lw0;
              v[j] = src[base + h1 * inW + w1];
              w[j++] = lhd1 * lw1;
            }
            dst[o++] = sum(v, w, n, vector);
          }
        }
      }
    }
  }
}
