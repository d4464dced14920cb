package org.resample.core;

import java.util.Arrays;

/**
 * Per-thread scratch rows reused across calls, so that a call allocates only its output. Rings
 * larger than {@link #MAX_CACHED_ELEMENTS} are allocated per call and not kept, so a thread keeps
 * at most {@value #LEVELS} x 1 Mi elements of each of float and double: 12 MiB of float32 rows and
 * 24 MiB of float64 rows. {@link CallMemory} counts a call's rings whether they are kept or not.
 */
final class Scratch {
  static final int LEVELS = 3;
  static final int MAX_CACHED_ELEMENTS = 1 << 20;
  private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

  private final float[][][] floatRings = new float[LEVELS][][];
  private final double[][][] doubleRings = new double[LEVELS][][];
  private final int[][] slotRows = new int[LEVELS][];
  private final int[][] slots = new int[LEVELS][];

  static Scratch get() {
    return LOCAL.get();
  }

  float[][] floatRing(int level, int taps, int length) {
    float[][] r = floatRings[level];
    if (r != null && r.length >= taps && r[0].length >= length) {
      return r;
    }
    r = new float[taps][length];
    if ((long) taps * length <= MAX_CACHED_ELEMENTS) {
      floatRings[level] = r;
    }
    return r;
  }

  double[][] doubleRing(int level, int taps, int length) {
    double[][] r = doubleRings[level];
    if (r != null && r.length >= taps && r[0].length >= length) {
      return r;
    }
    r = new double[taps][length];
    if ((long) taps * length <= MAX_CACHED_ELEMENTS) {
      doubleRings[level] = r;
    }
    return r;
  }

  /** Which input row each ring slot holds; reset to "none" on every call. */
  int[] slotRows(int level, int taps) {
    int[] s = slotRows[level];
    if (s == null || s.length < taps) {
      s = new int[taps];
      slotRows[level] = s;
    }
    Arrays.fill(s, -1);
    return s;
  }

  int[] slots(int level, int taps) {
    int[] s = slots[level];
    if (s == null || s.length < taps) {
      s = new int[taps];
      slots[level] = s;
    }
    return s;
  }
}
