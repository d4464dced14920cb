package org.resample.core;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The uint8 fixed-point passes of {@link Uint8FixedPoint} on the JDK's Vector API
 * ({@code jdk.incubator.vector}), lanes of int32 as wide as the CPU's preferred vectors. The
 * arithmetic is the scalar path's, exactly: int16-range weights times bytes summed in int32 (no
 * overflow, so the order of the sums does not matter), plus half, arithmetic shift, saturation.
 *
 * <p>The W pass packs four rows into the bytes of int columns and computes {@code G = L / 4}
 * neighbouring outputs of those rows at once, one lane per (output, row): per tap, one load of
 * packed columns, one lane permutation (each output's window start within the block), a shift and
 * mask to the lane's row, a multiply by per-lane weights (zero beyond an output's window). Its
 * tables ({@link Blocks}) are built once per thread of a call; downscales too strong for a block's
 * windows to start within one vector run the scalar W pass. The H pass computes {@code L}
 * neighbouring pixels of an output row at once, one weight per tap for all lanes, two vectors per
 * step.
 *
 * <p>Compiled separately (Java 17, {@code --add-modules jdk.incubator.vector}) and loaded by
 * reflection from {@link Uint8FixedPoint}, which falls back to its scalar passes when this class or
 * the module is missing.
 */
final class Uint8VectorPasses implements Uint8FixedPoint.Passes {
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
  private static final int L = I.length();
  private static final VectorSpecies<Byte> B =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(L * 8));

  Uint8VectorPasses() {
    if (L < 4) {
      throw new UnsupportedOperationException("int vectors of " + L + " lanes");
    }
    // Touch every operation once, so that a JVM lacking any of them fails here, not mid-call.
    byte[] x = new byte[L * L];
    byte[] y = new byte[L * L];
    Uint8FixedPoint.Table t = new Uint8FixedPoint.Table(
        L, 1, new int[L], fill(new int[L], 1), fill(new int[L], 1 << 14), 14);
    horizontal(t, L).run(x, 0, 1, y, 0);
    vertical(x, 0, L, t, y, 0);
  }

  private static int[] fill(int[] a, int v) {
    java.util.Arrays.fill(a, v);
    return a;
  }

  @Override
  public String describe() {
    return "Vector API, " + L + " x int32 lanes (" + I.vectorBitSize() + "-bit)";
  }

  @Override
  public Uint8FixedPoint.RowPass horizontal(Uint8FixedPoint.Table t, int inW) {
    Blocks b = Blocks.of(t);
    if (b == null) {
      return Uint8FixedPoint.scalarPasses().horizontal(t, inW);
    }
    return new BlockedRows(b, t, inW);
  }

  /**
   * Bytes {@link Blocks#of} and {@link BlockedRows} allocate: per block, {@code L} lanes of weights
   * per tap, a lane permutation and its {@code VectorShuffle} (counted at {@link #SHUFFLE_BYTES});
   * the packed input row and packed output row; 16 bytes of header per array.
   */
  @Override
  public long horizontalBytes(long inW, long outW, long taps) {
    try {
      long blocks = (outW + G - 1) / G;
      long perBlock = Math.addExact(Math.multiplyExact(4L * L, taps), 4L * L + 3 * 4 + 8 + SHUFFLE_BYTES);
      long rows = Math.addExact(4 * (inW + L), Math.multiplyExact(4L, taps)) + 4 * (blocks * G + L);
      return Math.addExact(Math.multiplyExact(blocks, perBlock), rows + 10 * 16 + 64);
    } catch (ArithmeticException tooMany) {
      return Long.MAX_VALUE;
    }
  }

  /** At most the bytes of one {@code VectorShuffle} of {@code L} lanes and what building it allocates. */
  private static final long SHUFFLE_BYTES = 64 + 8L * L;

  /** The W pass of one table, for one thread: the blocks and the packed rows. */
  private static final class BlockedRows implements Uint8FixedPoint.RowPass {
    private final Blocks b;
    private final int inW;
    private final int outW;
    private final int half;
    private final int shift;
    private final int[] wide;
    private final int[] packedOut;

    BlockedRows(Blocks b, Uint8FixedPoint.Table t, int inW) {
      this.b = b;
      this.inW = inW;
      this.outW = t.outSize;
      this.half = t.precision > 0 ? 1 << (t.precision - 1) : 0;
      this.shift = t.precision;
      this.wide = new int[inW + b.maxTaps + L];
      this.packedOut = new int[b.blocks * G + L];
    }

    @Override
    public void run(byte[] x, int xOff, int rows, byte[] y, int yOff) {
      for (int r = 0; r < rows; r += 4) {
        int n = Math.min(4, rows - r);
        pack4(x, xOff + r * inW, inW, n, wide);
        for (int q = 0; q < b.blocks; q++) {
          block(wide, b, q, half, shift, packedOut);
        }
        unpack4(packedOut, outW, n, y, yOff + r * outW);
      }
    }
  }

  /** Outputs per block of the W pass: lanes are (output, row) pairs, four rows. */
  private static final int G = L / 4;

  /**
   * The W pass's tables: blocks of {@code G} neighbouring outputs whose windows start within one
   * vector of packed columns, so that one load and one lane permutation give every lane its tap.
   */
  static final class Blocks {
    final int blocks;
    final int maxTaps;
    /** Per block: first source column. */
    final int[] base;
    /** Per block: where its weights start in {@link #weight} (its taps: the next block's start minus its own, over L). */
    final int[] wOff;
    /** Per block, tap, lane: the weight (0 beyond an output's window). */
    final int[] weight;
    /** Per block: the lane permutation (source column - base, per lane). */
    final VectorShuffle<Integer>[] shuffles;

    @SuppressWarnings("unchecked")
    private Blocks(int blocks, int maxTaps, int[] base, int[] wOff, int[] perm, int[] weight) {
      this.blocks = blocks;
      this.maxTaps = maxTaps;
      this.base = base;
      this.wOff = wOff;
      this.weight = weight;
      this.shuffles = new VectorShuffle[blocks];
      for (int q = 0; q < blocks; q++) {
        shuffles[q] = VectorShuffle.fromArray(I, perm, q * L);
      }
    }

    /** The blocks of {@code t}, or null when a block's windows start too far apart (downscales of more than about L/G). */
    static Blocks of(Uint8FixedPoint.Table t) {
      int outW = t.outSize;
      int blocks = (outW + G - 1) / G;
      int[] base = new int[blocks];
      int[] taps = new int[blocks];
      int[] wOff = new int[blocks + 1];
      int[] perm = new int[blocks * L];
      int maxTaps = 0;
      for (int q = 0; q < blocks; q++) {
        int i0 = q * G;
        base[q] = t.start[i0];
        int m = 0;
        for (int l = 0; l < G; l++) {
          int i = Math.min(i0 + l, outW - 1);
          int d = t.start[i] - base[q];
          if (d < 0 || d >= L) {
            return null;
          }
          m = Math.max(m, t.count[i]);
          for (int k = 0; k < 4; k++) {
            perm[q * L + l * 4 + k] = d;
          }
        }
        taps[q] = m;
        maxTaps = Math.max(maxTaps, m);
        wOff[q + 1] = wOff[q] + m * L;
      }
      int[] weight = new int[wOff[blocks]];
      for (int q = 0; q < blocks; q++) {
        for (int j = 0; j < taps[q]; j++) {
          for (int l = 0; l < G; l++) {
            int i = q * G + l;
            int w = i < outW && j < t.count[i] ? t.weight[i * t.taps + j] : 0;
            for (int k = 0; k < 4; k++) {
              weight[wOff[q] + j * L + l * 4 + k] = w;
            }
          }
        }
      }
      return new Blocks(blocks, maxTaps, base, wOff, perm, weight);
    }
  }

  private static final IntVector ROW_SHIFTS;

  static {
    int[] s = new int[L];
    for (int i = 0; i < L; i++) {
      s[i] = 8 * (i % 4);
    }
    ROW_SHIFTS = IntVector.fromArray(I, s, 0);
  }

  /** One block: {@code G} outputs of four packed rows, into {@code packedOut[q * G ...]}. */
  private static void block(int[] wide, Blocks b, int q, int half, int shift, int[] packedOut) {
    IntVector acc = IntVector.broadcast(I, half);
    VectorShuffle<Integer> perm = b.shuffles[q];
    int[] w = b.weight;
    for (int c = b.base[q], k = b.wOff[q], e = b.wOff[q + 1]; k < e; c++, k += L) {
      IntVector v = IntVector.fromArray(I, wide, c).rearrange(perm)
          .lanewise(VectorOperators.LSHR, ROW_SHIFTS).and(0xFF);
      acc = acc.add(v.mul(IntVector.fromArray(I, w, k)));
    }
    storePacked(acc, shift, packedOut, q * G);
  }

  private static void storePacked(IntVector acc, int shift, int[] packedOut, int off) {
    ((ByteVector) acc.lanewise(VectorOperators.ASHR, shift).max(0).min(255)
        .convertShape(VectorOperators.I2B, B, 0)).reinterpretAsInts().intoArray(packedOut, off);
  }

  /** Rows {@code 0..n} of packed columns (row k in bits 8k) into {@code n} rows of {@code width} at {@code yOff}. */
  private static void unpack4(int[] packed, int width, int n, byte[] y, int yOff) {
    int c = 0;
    for (; c + L <= width; c += L) {
      IntVector v = IntVector.fromArray(I, packed, c);
      for (int k = 0; k < n; k++) {
        v.lanewise(VectorOperators.LSHR, 8 * k).convertShape(VectorOperators.I2B, B, 0)
            .reinterpretAsBytes().intoArray(y, yOff + k * width + c);
      }
    }
    for (; c < width; c++) {
      for (int k = 0; k < n; k++) {
        y[yOff + k * width + c] = (byte) (packed[c] >>> (8 * k));
      }
    }
  }

  /**
   * {@code wide[i]}: the bytes of column {@code i} of {@code n <= 4} rows from {@code xr}, row k in
   * bits 8k (missing rows 0).
   */
  private static void pack4(byte[] x, int xr, int w, int n, int[] wide) {
    int i = 0;
    if (n == 4) {
      for (; i + L <= w; i += L) {
        load(x, xr + i)
            .or(load(x, xr + w + i).lanewise(VectorOperators.LSHL, 8))
            .or(load(x, xr + 2 * w + i).lanewise(VectorOperators.LSHL, 16))
            .or(load(x, xr + 3 * w + i).lanewise(VectorOperators.LSHL, 24))
            .intoArray(wide, i);
      }
    }
    for (; i < w; i++) {
      int p = 0;
      for (int k = 0; k < n; k++) {
        p |= (x[xr + k * w + i] & 0xFF) << (8 * k);
      }
      wide[i] = p;
    }
  }

  private static IntVector load(byte[] x, int off) {
    return ((IntVector) ByteVector.fromArray(B, x, off).convertShape(VectorOperators.B2I, I, 0))
        .and(0xFF);
  }

  private static void store(IntVector acc, int shift, byte[] y, int off) {
    acc.lanewise(VectorOperators.ASHR, shift).max(0).min(255)
        .convertShape(VectorOperators.I2B, B, 0).reinterpretAsBytes().intoArray(y, off);
  }

  @Override
  public void vertical(byte[] x, int xOff, int width, Uint8FixedPoint.Table t, byte[] y, int yOff) {
    int taps = t.taps;
    int half = t.precision > 0 ? 1 << (t.precision - 1) : 0;
    int shift = t.precision;
    IntVector bias = IntVector.broadcast(I, half);
    for (int o = 0; o < t.outSize; o++) {
      int b = o * taps;
      int c = t.count[o];
      int row0 = xOff + t.start[o] * width;
      int yr = yOff + o * width;
      int i = 0;
      for (; i + 2 * L <= width; i += 2 * L) {
        IntVector a0 = bias;
        IntVector a1 = bias;
        for (int j = 0, row = row0 + i; j < c; j++, row += width) {
          int wj = t.weight[b + j];
          a0 = a0.add(load(x, row).mul(wj));
          a1 = a1.add(load(x, row + L).mul(wj));
        }
        store(a0, shift, y, yr + i);
        store(a1, shift, y, yr + i + L);
      }
      for (; i + L <= width; i += L) {
        IntVector a0 = bias;
        for (int j = 0, row = row0 + i; j < c; j++, row += width) {
          a0 = a0.add(load(x, row).mul(t.weight[b + j]));
        }
        store(a0, shift, y, yr + i);
      }
      for (; i < width; i++) {
        int acc = half;
        for (int j = 0, row = row0 + i; j < c; j++, row += width) {
          acc += (x[row] & 0xFF) * t.weight[b + j];
        }
        int v = acc >> shift;
        y[yr + i] = (byte) (v < 0 ? 0 : (v > 255 ? 255 : v));
      }
    }
  }
}
