package org.resample.core;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.resample.testing.TorchOracle;

class ScratchCubicTest {
  @Test
  void variants() {
    Random r = new Random(5);
    int[] m = new int[8];
    int[] pmatch = new int[48];
    int total = 0;
    for (int trial = 0; trial < 8; trial++) {
      int C = 4;
      int inH = 3 + r.nextInt(30), inW = 3 + r.nextInt(30);
      int outH = 3 + r.nextInt(50), outW = 3 + r.nextInt(50);
      boolean ac = trial % 4 < 2;
      double[] x = new double[C * inH * inW];
      for (int i = 0; i < x.length; i++) x[i] = 2 * r.nextDouble() - 1;
      Tensor t = TorchOracle.interpolate(Tensor.ofDouble(x, 1, C, inH, inW),
          new TorchOracle.Call("bilinear", new int[] {outH, outW}, null, ac, null, false), 1);
      double[] y = t.doubleData();
      AxisTable th = AxisTable.linear(inH, outH, ac, Double.NaN, false, TorchVersion.V2);
      AxisTable tw = AxisTable.linear(inW, outW, ac, Double.NaN, false, TorchVersion.V2);
      int o = 0;
      for (int c = 0; c < C; c++)
      for (int oh = 0; oh < outH; oh++)
        for (int ow = 0; ow < outW; ow++, o++) {
          int base = c * inH * inW;
          double lh0 = th.weight[2 * oh + 1], lh1 = th.weight[2 * oh], lw0 = tw.weight[2 * ow + 1], lw1 = tw.weight[2 * ow];
          double a = x[base + th.index[2*oh+1]*inW + tw.index[2*ow+1]];
          double b = x[base + th.index[2*oh+1]*inW + tw.index[2*ow]];
          double cc = x[base + th.index[2*oh]*inW + tw.index[2*ow+1]];
          double d = x[base + th.index[2*oh]*inW + tw.index[2*ow]];
          double w00 = lh0 * lw0, w01 = lh0 * lw1, w10 = lh1 * lw0, w11 = lh1 * lw1;
          double[] v = {
            Math.fma(d, w11, Math.fma(cc, w10, Math.fma(b, w01, a * w00))),
            Math.fma(a, w00, Math.fma(b, w01, Math.fma(cc, w10, d * w11))),
            ((a * w00 + b * w01) + cc * w10) + d * w11,
            Math.fma(d, w11, Math.fma(cc, w10, Math.fma(a, w00, b * w01))),
            a * w00 + (b * w01 + (cc * w10 + d * w11)),
            Math.fma(Math.fma(a, lw0, b * lw1), lh0, Math.fma(cc, lw0, d * lw1) * lh1),
            Math.fma(a, w00, b * w01) + Math.fma(cc, w10, d * w11),
            Math.fma(a, w00, Math.fma(b, w01, cc * w10)) + d * w11,
          };
          double[] vv = {a, b, cc, d}; double[] ww = {w00, w01, w10, w11};
          for (int q = 0; q < 24; q++) {
            int[] pm = perm(q);
            double s1 = Math.fma(vv[pm[0]], ww[pm[0]], vv[pm[1]] * ww[pm[1]]);
            s1 = Math.fma(vv[pm[2]], ww[pm[2]], s1);
            s1 = Math.fma(vv[pm[3]], ww[pm[3]], s1);
            if (Double.doubleToLongBits(s1) == Double.doubleToLongBits(y[o])) pmatch[q]++;
            double s2 = Math.fma(vv[pm[0]], ww[pm[0]], vv[pm[1]] * ww[pm[1]]) + Math.fma(vv[pm[2]], ww[pm[2]], vv[pm[3]] * ww[pm[3]]);
            if (Double.doubleToLongBits(s2) == Double.doubleToLongBits(y[o])) pmatch[24 + q]++;
          }
          if (false && Double.doubleToLongBits(v[1]) != Double.doubleToLongBits(y[o]) && total < 3000) System.out.printf("MISS trial %d ac %b in %dx%d out %dx%d oh %d ow %d lh %s %s lw %s %s ours %s torch %s%n", trial, ac, inH, inW, outH, outW, oh, ow, lh0, lh1, lw0, lw1, v[1], y[o]);
          for (int k = 0; k < v.length; k++) if (Double.doubleToLongBits(v[k]) == Double.doubleToLongBits(y[o])) m[k]++;
          total++;
        }
    }
    for (int q = 0; q < 48; q++) System.out.printf("PERM %d %s: %d/%d%n", q, java.util.Arrays.toString(perm(q % 24)), pmatch[q], total);
    for (int k = 0; k < m.length; k++) System.out.printf("VARIANT %d: %d/%d%n", k, m[k], total);
  }

  static int[] perm(int q) {
    java.util.List<Integer> l = new java.util.ArrayList<>(java.util.List.of(0, 1, 2, 3));
    int[] r = new int[4];
    for (int i = 4; i >= 1; i--) { r[4 - i] = l.remove(q % i); q /= i; }
    return r;
  }
}
