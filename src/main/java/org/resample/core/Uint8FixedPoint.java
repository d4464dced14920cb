package org.resample.core;

import java.util.logging.Logger;

/**
 * uint8 bilinear and bicubic, with and without antialias, and lanczos (always antialiased), as
 * PyTorch 2.x computes them (docs/pytorch-numerics.md, section 6; ATen's
 * {@code UpSampleKernelAVXAntialias.h} and its scalar fallback): per axis,
 * float64 weights quantised to int16 with the largest precision (at most 22 bits) that keeps the
 * largest weight below 2^15, integer accumulation with rounding, saturation to 0..255, W pass first
 * into a uint8 intermediate, then H. Axes whose size does not change are copied.
 */
final class Uint8FixedPoint {
  private Uint8FixedPoint() {}

  private static final Logger LOG = Logger.getLogger(Uint8FixedPoint.class.getName());

  /** System property choosing the passes: {@code auto} (the default), {@code vector} or {@code scalar}. */
  static final String PASSES_PROPERTY = "resample.uint8.passes";

  /** The W and H passes: {@link ScalarPasses}, or the Vector API's where the JVM has it. */
  interface Passes {
    /**
     * The W pass of {@code t} over rows of {@code inW} bytes, with the tables and scratch it needs
     * built once: a thread of a call builds it once and runs it on each of its planes.
     */
    RowPass horizontal(Table t, int inW);

    /**
     * At most the bytes {@link #horizontal} allocates for rows of {@code inW} bytes and a table of
     * {@code outW} outputs with at most {@code taps} taps each ({@link CallMemory} counts them).
     */
    long horizontalBytes(long inW, long outW, long taps);

    /** H pass: rows of {@code width} bytes at {@code xOff} into {@code t.outSize} rows. */
    void vertical(byte[] x, int xOff, int width, Table t, byte[] y, int yOff);

    /** What runs, for the log. */
    String describe();
  }

  /** A W pass ready to run: {@code rows} rows at {@code xOff} into rows of {@code t.outSize} at {@code yOff}. */
  interface RowPass {
    void run(byte[] x, int xOff, int rows, byte[] y, int yOff);
  }

  /** The passes this JVM runs, chosen once (see {@link #choosePasses}). */
  private static final Passes PASSES = choosePasses(System.getProperty(PASSES_PROPERTY, "auto"));

  /** The scalar passes. */
  static Passes scalarPasses() {
    return ScalarPasses.INSTANCE;
  }

  /**
   * The Vector API passes, or null where this JVM cannot run them (no {@code jdk.incubator.vector}
   * module, a JVM older than 17, or vectors too narrow).
   */
  static Passes vectorPasses() {
    try {
      return loadVectorPasses();
    } catch (Throwable e) {
      return null;
    }
  }

  private static Passes loadVectorPasses() throws Throwable {
    try {
      Class<?> c = Class.forName("org.resample.core.Uint8VectorPasses");
      return (Passes) c.getDeclaredConstructor().newInstance();
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause(); // the constructor's own check failed
    }
  }

  /** Why {@link #loadVectorPasses} failed, for the log line, with what to do where there is something. */
  private static String whyNoVectorPasses(Throwable e) {
    if (e instanceof UnsupportedClassVersionError) {
      return "this JVM is older than Java 17, which the Vector API passes need";
    }
    String m = String.valueOf(e.getMessage());
    if (e instanceof NoClassDefFoundError && m.contains("jdk/incubator/vector")) {
      return "module jdk.incubator.vector not available"
          + " (add --add-modules=jdk.incubator.vector to the JVM flags for the faster path)";
    }
    if (e instanceof ClassNotFoundException) {
      return "this build has no Vector API passes (" + m + ")";
    }
    return "the Vector API passes cannot run here: " + e;
  }

  static Passes choosePasses(String setting) {
    String s = setting.trim().toLowerCase(java.util.Locale.ROOT);
    if (!s.equals("auto") && !s.equals("vector") && !s.equals("scalar")) {
      LOG.warning("-D" + PASSES_PROPERTY + "=" + setting + " is none of auto, vector, scalar;"
          + " using auto");
      s = "auto";
    }
    Passes p = null;
    String why;
    if (s.equals("scalar")) {
      why = PASSES_PROPERTY + "=scalar";
    } else {
      try {
        p = loadVectorPasses();
        why = s.equals("vector") ? PASSES_PROPERTY + "=vector" : "jdk.incubator.vector available";
      } catch (Throwable e) {
        why = (s.equals("vector") ? PASSES_PROPERTY + "=vector, but " : "") + whyNoVectorPasses(e);
      }
    }
    if (p == null) {
      p = scalarPasses();
    }
    LOG.info("uint8 bilinear/bicubic/lanczos: " + p.describe() + " (" + why + ")");
    return p;
  }

  /** Set only by tests, to run both passes in one JVM: null runs {@link #PASSES}. */
  private static volatile Passes forced;

  /** The passes calls run: those chosen at class init, unless a test forced others. */
  static Passes passes() {
    Passes f = forced;
    return f != null ? f : PASSES;
  }

  /** Tests: makes every call run {@code p} (null: back to the chosen passes). */
  static void forcePasses(Passes p) {
    forced = p;
  }

  /** Integer taps of one axis: contiguous window {@code [start, start + count)}. */
  static final class Table {
    final int outSize;
    final int taps;
    final int[] start;
    final int[] count;
    final int[] weight;
    final int precision;

    Table(int outSize, int taps, int[] start, int[] count, int[] weight, int precision) {
      this.outSize = outSize;
      this.taps = taps;
      this.start = start;
      this.count = count;
      this.weight = weight;
      this.precision = precision;
    }

  }

  /** The integer table of an axis, or null when its size does not change. */
  static Table table(int in, int out, boolean alignCorners, double scaleOpt, boolean bicubic,
      boolean antialias) {
    return table(in, out, alignCorners, scaleOpt, bicubic ? Mode.BICUBIC : Mode.BILINEAR,
        antialias);
  }

  /** The integer table of an axis of bilinear, bicubic or lanczos, or null when its size does not change. */
  static Table table(int in, int out, boolean alignCorners, double scaleOpt, Mode mode,
      boolean antialias) {
    boolean bicubic = mode == Mode.BICUBIC;
    if (in == out) {
      return null;
    }
    int taps;
    int[] start = new int[out];
    int[] count = new int[out];
    double[] w;
    if (antialias) {
      AxisTable t = AxisTable.antialias(in, out, alignCorners, scaleOpt, false,
          AxisTable.AaFilter.of(mode));
      taps = t.taps;
      w = t.weight;
      for (int i = 0; i < out; i++) {
        start[i] = t.index[i * taps];
        count[i] = t.count[i];
      }
    } else {
      int s = bicubic ? 2 : 1;
      taps = 2 * s;
      w = new double[taps * out];
      double scale = SourceIndex.pixelScale(in, out, alignCorners, scaleOpt, false);
      for (int i = 0; i < out; i++) {
        double real = SourceIndex.sourceIndex(scale, i, alignCorners, bicubic, false);
        int k = Math.min((int) Math.floor(real), in - 1);
        double t = Math.min(Math.max(real - k, 0.0), 1.0);
        int first = Math.max(k - s + 1, 0);
        int last = Math.min(k + s + 1, in);
        start[i] = first;
        count[i] = last - first;
        int b = i * taps;
        for (int j = 0; j < taps; j++) {
          double x = j + 1 - s - t;
          double wj = bicubic ? cubic(x) : Math.max(0.0, 1.0 - Math.abs(x));
          // Taps outside the axis fold onto the nearest valid one (edge replication).
          int src = Math.min(Math.max(k - s + 1 + j, 0), in - 1);
          w[b + src - first] += wj;
        }
      }
    }
    double wmax = 0;
    for (double v : w) {
      wmax = Math.max(wmax, v);
    }
    int precision = 0;
    while (precision < 22 && (int) (0.5 + wmax * (1 << (precision + 1))) < (1 << 15)) {
      precision++;
    }
    int[] q = new int[w.length];
    double unit = 1 << precision;
    for (int i = 0; i < w.length; i++) {
      q[i] = (int) (w[i] * unit + (w[i] < 0 ? -0.5 : 0.5));
    }
    return new Table(out, taps, start, count, q, precision);
  }

  /** Cubic convolution with A = -0.75 on |x| (non-antialiased uint8 bicubic). */
  private static double cubic(double x) {
    double ax = Math.abs(x);
    if (ax < 1.0) {
      return AxisTable.cubicNear(ax, AxisTable.CUBIC_A, false, false);
    }
    if (ax < 2.0) {
      return AxisTable.cubicFar(ax, AxisTable.CUBIC_A, false, false);
    }
    return 0.0;
  }

  /** Resamples planes {@code [p0, p1)} of a (P, H, W) uint8 tensor. */
  static void run(byte[] src, byte[] dst, int inH, int inW, Table th, Table tw, int p0, int p1) {
    run(passes(), src, dst, inH, inW, th, tw, p0, p1);
  }

  /** {@link #run} with the given passes. */
  static void run(Passes passes, byte[] src, byte[] dst, int inH, int inW, Table th, Table tw,
      int p0, int p1) {
    int outH = th == null ? inH : th.outSize;
    int outW = tw == null ? inW : tw.outSize;
    byte[] tmp = th != null && tw != null ? new byte[inH * outW] : null;
    RowPass w = tw != null && p1 > p0 ? passes.horizontal(tw, inW) : null;
    for (int p = p0; p < p1; p++) {
      int sp = p * inH * inW;
      int dp = p * outH * outW;
      if (th == null && tw == null) {
        System.arraycopy(src, sp, dst, dp, inH * inW);
      } else if (th == null) {
        w.run(src, sp, inH, dst, dp);
      } else if (tw == null) {
        passes.vertical(src, sp, inW, th, dst, dp);
      } else {
        w.run(src, sp, inH, tmp, 0);
        passes.vertical(tmp, 0, outW, th, dst, dp);
      }
    }
  }

  /** The passes in plain Java. */
  static final class ScalarPasses implements Passes {
    static final ScalarPasses INSTANCE = new ScalarPasses();

    @Override
    public String describe() {
      return "scalar passes";
    }

    @Override
    public long horizontalBytes(long inW, long outW, long taps) {
      return 0;
    }

    @Override
    public RowPass horizontal(Table t, int inW) {
      return (x, xOff, rows, y, yOff) -> horizontal(x, xOff, rows, inW, t, y, yOff);
    }

    static void horizontal(byte[] x, int xOff, int rows, int inW, Table t, byte[] y, int yOff) {
      int taps = t.taps;
      int half = t.precision > 0 ? 1 << (t.precision - 1) : 0;
      int shift = t.precision;
      for (int r = 0; r < rows; r++) {
        int xr = xOff + r * inW;
        int yr = yOff + r * t.outSize;
        for (int i = 0; i < t.outSize; i++) {
          int s = xr + t.start[i];
          int b = i * taps;
          int acc = half;
          for (int j = 0, c = t.count[i]; j < c; j++) {
            acc += (x[s + j] & 0xFF) * t.weight[b + j];
          }
          y[yr + i] = saturate(acc >> shift);
        }
      }
    }

    @Override
    public void vertical(byte[] x, int xOff, int width, Table t, byte[] y, int yOff) {
      int taps = t.taps;
      int half = t.precision > 0 ? 1 << (t.precision - 1) : 0;
      int shift = t.precision;
      int[] acc = new int[width];
      for (int o = 0; o < t.outSize; o++) {
        java.util.Arrays.fill(acc, half);
        int b = o * taps;
        for (int j = 0, c = t.count[o]; j < c; j++) {
          int row = xOff + (t.start[o] + j) * width;
          int wj = t.weight[b + j];
          for (int i = 0; i < width; i++) {
            acc[i] += (x[row + i] & 0xFF) * wj;
          }
        }
        int yr = yOff + o * width;
        for (int i = 0; i < width; i++) {
          y[yr + i] = saturate(acc[i] >> shift);
        }
      }
    }
  }

  static byte saturate(int v) {
    return (byte) (v < 0 ? 0 : (v > 255 ? 255 : v));
  }
}
