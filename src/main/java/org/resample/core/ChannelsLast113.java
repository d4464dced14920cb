package org.resample.core;

/**
 * PyTorch 1.13's channels-last bilinear and trilinear kernels, which 1.13 also uses for plain NCHW
 * float32 tensors with one channel: corner weights are float32 products of the axis lambdas, and
 * the scalar lanes sum the weighted corners in float64 before rounding once.
 */
final class ChannelsLast113 {
  private ChannelsLast113() {}

  /** Bilinear planes {@code [p0, p1)}; tables are {@link AxisTable#linear} (taps reversed). */
  static void bilinear(float[] src, float[] dst, int inH, int inW, AxisTable th, AxisTable tw,
      int p0, int p1) {
    int outH = th.outSize;
    int outW = tw.outSize;
    for (int p = p0; p < p1; p++) {
      int sp = p * inH * inW;
      int o = p * outH * outW;
      for (int oh = 0; oh < outH; oh++) {
        int r0 = sp + th.index[2 * oh + 1] * inW;
        int r1 = sp + th.index[2 * oh] * inW;
        float lh0 = th.weightF[2 * oh + 1];
        float lh1 = th.weightF[2 * oh];
        for (int ow = 0; ow < outW; ow++) {
          int c0 = tw.index[2 * ow + 1];
          int c1 = tw.index[2 * ow];
          float lw0 = tw.weightF[2 * ow + 1];
          float lw1 = tw.weightF[2 * ow];
          double y = (double) src[r0 + c0] * (lh0 * lw0);
          y += (double) src[r0 + c1] * (lh0 * lw1);
          y += (double) src[r1 + c0] * (lh1 * lw0);
          y += (double) src[r1 + c1] * (lh1 * lw1);
          dst[o++] = (float) y;
        }
      }
    }
  }

  /** Trilinear planes {@code [p0, p1)}; tables are {@link AxisTable#linear} (taps reversed). */
  static void trilinear(float[] src, float[] dst, int[] in, AxisTable td, AxisTable th,
      AxisTable tw, int p0, int p1) {
    int inSlice = in[1] * in[2];
    int inW = in[2];
    int outPlane = td.outSize * th.outSize * tw.outSize;
    for (int p = p0; p < p1; p++) {
      int sp = p * in[0] * inSlice;
      int o = p * outPlane;
      for (int od = 0; od < td.outSize; od++) {
        int[] d = {td.index[2 * od + 1], td.index[2 * od]};
        float[] ld = {td.weightF[2 * od + 1], td.weightF[2 * od]};
        for (int oh = 0; oh < th.outSize; oh++) {
          int[] h = {th.index[2 * oh + 1], th.index[2 * oh]};
          float[] lh = {th.weightF[2 * oh + 1], th.weightF[2 * oh]};
          for (int ow = 0; ow < tw.outSize; ow++) {
            int[] w = {tw.index[2 * ow + 1], tw.index[2 * ow]};
            float[] lw = {tw.weightF[2 * ow + 1], tw.weightF[2 * ow]};
            double y = 0;
            for (int a = 0; a < 2; a++) {
              for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 2; c++) {
                  float weight = ld[a] * lh[b] * lw[c];
                  y += (double) src[sp + d[a] * inSlice + h[b] * inW + w[c]] * weight;
                }
              }
            }
            dst[o++] = (float) y;
          }
        }
      }
    }
  }
}
