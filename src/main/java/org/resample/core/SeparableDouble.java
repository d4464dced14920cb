package org.resample.core;

/**
 * The float64 twin of {@link SeparableFloat} (same structure, double arithmetic, as ATen's
 * {@code opmath_t} is double for double input): the last axis (W) first, row by row, then H, then D.
 *
 * <p>PyTorch's generic kernel evaluates {@code y = chain_h(chain_w(x))} per output pixel. The inner
 * result for an input row does not depend on the output row that uses it, so computing each needed
 * input row's W pass once, keeping the last few in a ring, and combining them along H gives the
 * same float64 values with far less work. Antialias in PyTorch is separable by design and rounds
 * the W pass to float64 too, so it uses the same engine.
 *
 * <p>A null table means the axis is copied unchanged (antialias skips such axes in PyTorch 2.x).
 */
final class SeparableDouble {
  private SeparableDouble() {}

  /** Resamples planes {@code [p0, p1)} of {@code src} into {@code dst} from index {@code dstBase}. */
  static void run(
      double[] src, double[] dst, int dstBase, int[] in, int[] out, AxisTable[] tables, int p0, int p1) {
    int k = in.length;
    long inPlane = ResamplePlan.product(in);
    long outPlane = ResamplePlan.product(out);
    Scratch scratch = Scratch.get();
    int p = p0;
    if (k == 1 && tables[0] != null && tables[0].taps == 2) {
      // 1-D linear: four rows share every index and weight load.
      for (; p + 3 < p1; p += 4) {
        linearRows4(src, (int) (p * inPlane), (int) inPlane, tables[0], dst, dstBase + (int) (p * outPlane));
      }
    }
    for (; p < p1; p++) {
      int srcOff = (int) (p * inPlane);
      int dstOff = dstBase + (int) (p * outPlane);
      if (k == 1) {
        row(src, srcOff, tables[0], in[0], dst, dstOff);
      } else if (k == 2) {
        plane(src, srcOff, in[0], in[1], tables[0], tables[1], dst, dstOff, scratch, 0);
      } else {
        volume(src, srcOff, in, out, tables, dst, dstOff, scratch);
      }
    }
  }

  /**
   * One row along W: {@code y[i] = chain_j(x[xOff + index[i, j]] * weight[i, j])}. Modified: y.
   */
  static void row(double[] x, int xOff, AxisTable t, int inW, double[] y, int yOff) {
    if (t == null) {
      System.arraycopy(x, xOff, y, yOff, inW);
      return;
    }
    final int[] idx = t.index;
    final double[] w = t.weight;
    final int n = t.outSize;
    if (t.taps == 2) {
      for (int i = 0, b = 0; i < n; i++, b += 2) {
        double acc = x[xOff + idx[b]] * w[b];
        y[yOff + i] = Math.fma(x[xOff + idx[b + 1]], w[b + 1], acc);
      }
    } else if (t.taps == 4 && t.uniform) {
      for (int i = 0, b = 0; i < n; i++, b += 4) {
        double acc = x[xOff + idx[b]] * w[b];
        acc = Math.fma(x[xOff + idx[b + 1]], w[b + 1], acc);
        acc = Math.fma(x[xOff + idx[b + 2]], w[b + 2], acc);
        y[yOff + i] = Math.fma(x[xOff + idx[b + 3]], w[b + 3], acc);
      }
    } else {
      windows(x, xOff, t, y, yOff);
    }
  }

  /**
   * Antialias windows (contiguous, variable length). Each output is one sequential chain of fused
   * multiply-adds; four outputs are advanced together so their chains overlap in the CPU instead of
   * waiting on each other, each still summed in its own order.
   */
  private static void windows(double[] x, int xOff, AxisTable t, double[] y, int yOff) {
    final int[] idx = t.index;
    final double[] w = t.weight;
    final int[] cnt = t.count;
    final int taps = t.taps;
    final int n = t.outSize;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      int b0 = i * taps;
      int b1 = b0 + taps;
      int b2 = b1 + taps;
      int b3 = b2 + taps;
      int s0 = xOff + idx[b0];
      int s1 = xOff + idx[b1];
      int s2 = xOff + idx[b2];
      int s3 = xOff + idx[b3];
      double a0 = x[s0] * w[b0];
      double a1 = x[s1] * w[b1];
      double a2 = x[s2] * w[b2];
      double a3 = x[s3] * w[b3];
      int c0 = cnt[i];
      int c1 = cnt[i + 1];
      int c2 = cnt[i + 2];
      int c3 = cnt[i + 3];
      int common = Math.min(Math.min(c0, c1), Math.min(c2, c3));
      int j = 1;
      for (; j < common; j++) {
        a0 = Math.fma(x[s0 + j], w[b0 + j], a0);
        a1 = Math.fma(x[s1 + j], w[b1 + j], a1);
        a2 = Math.fma(x[s2 + j], w[b2 + j], a2);
        a3 = Math.fma(x[s3 + j], w[b3 + j], a3);
      }
      for (int k = Math.max(j, 1); k < c0; k++) {
        a0 = Math.fma(x[s0 + k], w[b0 + k], a0);
      }
      for (int k = Math.max(j, 1); k < c1; k++) {
        a1 = Math.fma(x[s1 + k], w[b1 + k], a1);
      }
      for (int k = Math.max(j, 1); k < c2; k++) {
        a2 = Math.fma(x[s2 + k], w[b2 + k], a2);
      }
      for (int k = Math.max(j, 1); k < c3; k++) {
        a3 = Math.fma(x[s3 + k], w[b3 + k], a3);
      }
      y[yOff + i] = a0;
      y[yOff + i + 1] = a1;
      y[yOff + i + 2] = a2;
      y[yOff + i + 3] = a3;
    }
    for (; i < n; i++) {
      int b = i * taps;
      int s = xOff + idx[b];
      double acc = x[s] * w[b];
      for (int j = 1, c = cnt[i]; j < c; j++) {
        acc = Math.fma(x[s + j], w[b + j], acc);
      }
      y[yOff + i] = acc;
    }
  }

  /**
   * Combines {@code count} rows of length {@code n} (ring slots {@code slots[0..count)}) with
   * weights {@code w[wOff..]} into {@code y[yOff..]}: {@code y = r0 * w0; y = fma(r_j, w_j, y)}.
   */
  static void combine(
      double[][] ring, int[] slots, int count, double[] w, int wOff, int n, double[] y, int yOff) {
    double[] r0 = ring[slots[0]];
    double w0 = w[wOff];
    if (count == 2) {
      double[] r1 = ring[slots[1]];
      double w1 = w[wOff + 1];
      for (int i = 0; i < n; i++) {
        y[yOff + i] = Math.fma(r1[i], w1, r0[i] * w0);
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      y[yOff + i] = r0[i] * w0;
    }
    for (int j = 1; j < count; j++) {
      double[] r = ring[slots[j]];
      double wj = w[wOff + j];
      for (int i = 0; i < n; i++) {
        y[yOff + i] = Math.fma(r[i], wj, y[yOff + i]);
      }
    }
  }

  /** One (H, W) plane. {@code level} selects the scratch ring (volumes nest planes in slices). */
  static void plane(
      double[] x,
      int xOff,
      int inH,
      int inW,
      AxisTable th,
      AxisTable tw,
      double[] y,
      int yOff,
      Scratch scratch,
      int level) {
    int outW = tw == null ? inW : tw.outSize;
    if (th == null) {
      for (int h = 0; h < inH; h++) {
        row(x, xOff + h * inW, tw, inW, y, yOff + h * outW);
      }
      return;
    }
    int taps = th.taps;
    // Antialias rows are computed four at a time (see rows4); the ring keeps three spare slots so
    // that rows computed ahead never evict a row of the current window.
    boolean ahead = tw != null && isWindows(tw);
    int ringSize = ahead ? taps + 3 : taps;
    double[][] ring = scratch.doubleRing(level, ringSize, outW);
    int[] slotRow = scratch.slotRows(level, ringSize);
    int[] slots = scratch.slots(level, taps);
    final int[] idx = th.index;
    for (int oh = 0, b = 0; oh < th.outSize; oh++, b += taps) {
      int c = th.count[oh];
      int cEff = Math.max(c, 1);
      for (int j = 0; j < cEff; j++) {
        int r = idx[b + j];
        int slot = r % ringSize;
        if (slotRow[slot] != r) {
          if (ahead && r + 3 < inH) {
            int s1 = (r + 1) % ringSize;
            int s2 = (r + 2) % ringSize;
            int s3 = (r + 3) % ringSize;
            rows4(x, xOff + r * inW, inW, tw, ring[slot], ring[s1], ring[s2], ring[s3]);
            slotRow[s1] = r + 1;
            slotRow[s2] = r + 2;
            slotRow[s3] = r + 3;
          } else {
            row(x, xOff + r * inW, tw, inW, ring[slot], 0);
          }
          slotRow[slot] = r;
        }
        slots[j] = slot;
      }
      combine(ring, slots, cEff, th.weight, b, outW, y, yOff + oh * outW);
    }
  }

  /**
   * Four consecutive rows ({@code inW} apart in x, {@code t.outSize} apart in y) through a linear
   * table: {@code y = fma(x[i0], l0, x[i1] * l1)} as {@link #row} computes it. Modified: y.
   */
  private static void linearRows4(double[] x, int xOff, int inW, AxisTable t, double[] y, int yOff) {
    final int[] idx = t.index;
    final double[] w = t.weight;
    final int n = t.outSize;
    int x1 = xOff + inW;
    int x2 = x1 + inW;
    int x3 = x2 + inW;
    int y1 = yOff + n;
    int y2 = y1 + n;
    int y3 = y2 + n;
    for (int i = 0, b = 0; i < n; i++, b += 2) {
      int j1 = idx[b];
      int j0 = idx[b + 1];
      double l1 = w[b];
      double l0 = w[b + 1];
      y[yOff + i] = Math.fma(x[xOff + j0], l0, x[xOff + j1] * l1);
      y[y1 + i] = Math.fma(x[x1 + j0], l0, x[x1 + j1] * l1);
      y[y2 + i] = Math.fma(x[x2 + j0], l0, x[x2 + j1] * l1);
      y[y3 + i] = Math.fma(x[x3 + j0], l0, x[x3 + j1] * l1);
    }
  }

  /** True for tables {@link #row} evaluates as variable windows (antialias). */
  private static boolean isWindows(AxisTable t) {
    return !(t.taps == 2 || (t.taps == 4 && t.uniform));
  }

  /**
   * Four consecutive rows (starting at {@code xOff}, {@code inW} apart) through an antialias table
   * at once: every weight load serves four independent chains. Each output is still the sequential
   * chain {@link #windows} computes. Modified: y0..y3.
   */
  private static void rows4(
      double[] x, int xOff, int inW, AxisTable t, double[] y0, double[] y1, double[] y2, double[] y3) {
    final int[] idx = t.index;
    final double[] w = t.weight;
    final int[] cnt = t.count;
    final int taps = t.taps;
    for (int i = 0, b = 0; i < t.outSize; i++, b += taps) {
      int s0 = xOff + idx[b];
      int s1 = s0 + inW;
      int s2 = s1 + inW;
      int s3 = s2 + inW;
      double w0 = w[b];
      double a0 = x[s0] * w0;
      double a1 = x[s1] * w0;
      double a2 = x[s2] * w0;
      double a3 = x[s3] * w0;
      for (int j = 1, c = cnt[i]; j < c; j++) {
        double wj = w[b + j];
        a0 = Math.fma(x[s0 + j], wj, a0);
        a1 = Math.fma(x[s1 + j], wj, a1);
        a2 = Math.fma(x[s2 + j], wj, a2);
        a3 = Math.fma(x[s3 + j], wj, a3);
      }
      y0[i] = a0;
      y1[i] = a1;
      y2[i] = a2;
      y3[i] = a3;
    }
  }

  /** One (D, H, W) volume: planes per input depth slice, combined along D. */
  static void volume(
      double[] x,
      int xOff,
      int[] in,
      int[] out,
      AxisTable[] t,
      double[] y,
      int yOff,
      Scratch scratch) {
    AxisTable td = t[0];
    int inSlice = in[1] * in[2];
    int outSlice = out[1] * out[2];
    int taps = td.taps;
    double[][] ring = scratch.doubleRing(2, taps, outSlice);
    int[] slotRow = scratch.slotRows(2, taps);
    int[] slots = scratch.slots(2, taps);
    for (int od = 0, b = 0; od < td.outSize; od++, b += taps) {
      for (int j = 0; j < taps; j++) {
        int d = td.index[b + j];
        int slot = d % taps;
        if (slotRow[slot] != d) {
          plane(x, xOff + d * inSlice, in[1], in[2], t[1], t[2], ring[slot], 0, scratch, 0);
          slotRow[slot] = d;
        }
        slots[j] = slot;
      }
      combine(ring, slots, taps, td.weight, b, outSlice, y, yOff + od * outSlice);
    }
  }
}
