package org.resample.core;

/**
 * {@code nearest} and {@code nearest-exact}: a pure gather along per-axis index tables, exact for
 * every dtype. An output row (or slice) whose source row (slice) equals the previous one's is
 * copied from the output just written.
 */
final class NearestKernel {
  private NearestKernel() {}

  /**
   * Gathers planes {@code [p0, p1)}. {@code idx[d]} maps output to input index along spatial axis
   * d (outermost first). {@code src} and {@code dst} are arrays of the same primitive type.
   */
  static void run(Object src, Object dst, int[] in, int[] out, int[][] idx, int p0, int p1) {
    int k = in.length;
    long inPlane = ResamplePlan.product(in);
    long outPlane = ResamplePlan.product(out);
    int inW = in[k - 1];
    int outW = out[k - 1];
    int[] iw = idx[k - 1];
    int inH = k >= 2 ? in[k - 2] : 1;
    int outH = k >= 2 ? out[k - 2] : 1;
    int[] ih = k >= 2 ? idx[k - 2] : new int[] {0};
    int outD = k == 3 ? out[0] : 1;
    int[] id = k == 3 ? idx[0] : new int[] {0};
    int inSlice = inH * inW;
    int outSlice = outH * outW;
    for (int p = p0; p < p1; p++) {
      int sp = (int) (p * inPlane);
      int dp = (int) (p * outPlane);
      for (int od = 0; od < outD; od++) {
        int dSlice = dp + od * outSlice;
        if (od > 0 && id[od] == id[od - 1]) {
          System.arraycopy(dst, dSlice - outSlice, dst, dSlice, outSlice);
          continue;
        }
        int sSlice = sp + id[od] * inSlice;
        for (int oh = 0; oh < outH; oh++) {
          int dRow = dSlice + oh * outW;
          if (oh > 0 && ih[oh] == ih[oh - 1]) {
            System.arraycopy(dst, dRow - outW, dst, dRow, outW);
          } else {
            gatherRow(src, sSlice + ih[oh] * inW, iw, dst, dRow, outW);
          }
        }
      }
    }
  }

  private static void gatherRow(Object src, int sOff, int[] iw, Object dst, int dOff, int n) {
    if (src instanceof float[]) {
      float[] s = (float[]) src;
      float[] d = (float[]) dst;
      for (int i = 0; i < n; i++) {
        d[dOff + i] = s[sOff + iw[i]];
      }
    } else if (src instanceof double[]) {
      double[] s = (double[]) src;
      double[] d = (double[]) dst;
      for (int i = 0; i < n; i++) {
        d[dOff + i] = s[sOff + iw[i]];
      }
    } else {
      byte[] s = (byte[]) src;
      byte[] d = (byte[]) dst;
      for (int i = 0; i < n; i++) {
        d[dOff + i] = s[sOff + iw[i]];
      }
    }
  }
}
