package org.resample.core;

import java.util.Arrays;

/**
 * The per-axis index and weight tables of one call, as the CPU kernels use them, for backends that
 * run the arithmetic elsewhere (the GPU backend uploads them and its kernels only gather and sum).
 * Sharing the core's table code is what keeps an accelerator's numbers equal to the core's.
 *
 * <pre>{@code
 * ResampleTables t = ResampleTables.of(new int[] {1, 3, 480, 640}, DType.FLOAT32, options);
 * t.kernel();         // SEPARABLE for bilinear
 * t.axis(1).index();  // W: output i reads taps index[i * taps + j] with weights32()[i * taps + j]
 * }</pre>
 *
 * <p>What an {@link Axis} means depends on {@link #kernel()}:
 *
 * <ul>
 *   <li>{@link Kernel#NEAREST}: one tap, {@code index[i]} is output i's source index.
 *   <li>{@link Kernel#AREA}: output i averages the window {@code [index[i], index[i] + count[i])}.
 *   <li>{@link Kernel#SEPARABLE}: output i is the chain {@code acc = x[index[b]] * w[b]; acc =
 *       fma(x[index[b + j]], w[b + j], acc)} over {@code j < max(count[i], 1)}, {@code b = i *
 *       taps}; axes are resampled last first (W, H, D), each pass rounded to the dtype; a null
 *       axis is copied.
 *   <li>{@link Kernel#BILINEAR_CHANNELS_LAST_113} / {@link Kernel#TRILINEAR_CHANNELS_LAST_113}:
 *       PyTorch 1.13's channels-last kernels on the linear tables (taps reversed): float32 corner
 *       weights, float64 sum, one rounding.
 *   <li>{@link Kernel#UINT8_FIXED_POINT}: W then H, integer sums {@code half + sum x * q} shifted
 *       by {@link Axis#precision()} and saturated to 0..255; a null axis is copied.
 *   <li>{@link Kernel#CORE}: no device kernel reproduces this call's PyTorch 2.x rounding yet
 *       (2.x's channels-last bilinear/trilinear kernel on NCHW input, and the row-0 repeat of
 *       {@code ResamplePlan.repeatsFirstRow}); a backend computes it with {@link #runOnCore}.
 * </ul>
 *
 * @since 0.1
 */
public final class ResampleTables {
  /** Which computation the tables feed. */
  public enum Kernel {
    NEAREST,
    AREA,
    SEPARABLE,
    BILINEAR_CHANNELS_LAST_113,
    TRILINEAR_CHANNELS_LAST_113,
    UINT8_FIXED_POINT,
    CORE
  }

  private final ResamplePlan plan;
  private final Kernel kernel;
  private final Axis[] axes;

  private ResampleTables(ResamplePlan plan, Kernel kernel, Axis[] axes) {
    this.plan = plan;
    this.kernel = kernel;
    this.axes = axes;
  }

  /**
   * The tables of {@code interpolate} on a tensor of {@code inputShape} and {@code dtype}.
   *
   * @throws InterpolateException for an invalid call, with the message interpolate would give
   */
  public static ResampleTables of(int[] inputShape, DType dtype, InterpolateOptions options) {
    if (inputShape == null || dtype == null || options == null) {
      throw new InterpolateException("input shape, dtype and options must not be null");
    }
    ResamplePlan plan = ResamplePlan.of(inputShape.clone(), dtype, options);
    int[] in = plan.inSizes;
    int[] out = plan.outSizes;
    int k = in.length;
    Axis[] axes = new Axis[k];
    Kernel kernel;
    if (plan.kernel() == ResamplePlan.Kernel.CHANNELS_LAST || plan.repeatsFirstRow()) {
      return new ResampleTables(plan, Kernel.CORE, axes);
    }
    switch (plan.kernel()) {
      case NEAREST:
        kernel = Kernel.NEAREST;
        int[][] idx = Kernels.nearestIndices(plan);
        for (int d = 0; d < k; d++) {
          axes[d] = new Axis(in[d], out[d], 1, idx[d], ones(out[d]), null, null, null, 0);
        }
        break;
      case AREA:
        kernel = Kernel.AREA;
        for (int d = 0; d < k; d++) {
          int[] start = AxisTable.areaStart(in[d], out[d]);
          int[] end = AxisTable.areaEnd(in[d], out[d]);
          int[] count = new int[out[d]];
          for (int o = 0; o < count.length; o++) {
            count[o] = end[o] - start[o];
          }
          axes[d] = new Axis(in[d], out[d], 1, start, count, null, null, null, 0);
        }
        break;
      case UINT8_FIXED_POINT:
        {
          kernel = Kernel.UINT8_FIXED_POINT;
          Uint8FixedPoint.Table[] t = Kernels.uint8Tables(plan);
          for (int d = 0; d < k; d++) {
            axes[d] = t[d] == null ? null : fixedAxis(in[d], t[d]);
          }
          break;
        }
      default:
        {
          boolean cl113 = plan.kernel() == ResamplePlan.Kernel.CHANNELS_LAST_113;
          // PyTorch routes only 2-D and 3-D calls to its channels-last kernels.
          kernel = !cl113 ? Kernel.SEPARABLE
              : k == 2 ? Kernel.BILINEAR_CHANNELS_LAST_113 : Kernel.TRILINEAR_CHANNELS_LAST_113;
          AxisTable[] t = Kernels.separableTables(plan);
          for (int d = 0; d < k; d++) {
            axes[d] = t[d] == null ? null
                : new Axis(t[d].inSize, t[d].outSize, t[d].taps, t[d].index, t[d].count,
                    t[d].weightF, t[d].weight, null, 0);
          }
        }
    }
    return new ResampleTables(plan, kernel, axes);
  }

  private static Axis fixedAxis(int in, Uint8FixedPoint.Table t) {
    int[] index = new int[t.outSize * t.taps];
    for (int i = 0; i < t.outSize; i++) {
      for (int j = 0; j < t.taps; j++) {
        index[i * t.taps + j] = Math.min(t.start[i] + j, in - 1);
      }
    }
    return new Axis(in, t.outSize, t.taps, index, t.count, null, null, t.weight, t.precision);
  }

  private static int[] ones(int n) {
    int[] a = new int[n];
    Arrays.fill(a, 1);
    return a;
  }

  /**
   * The call computed by the core on this thread, for a tensor of the shape and dtype these tables
   * were made for (what a backend does with {@link Kernel#CORE} tables).
   */
  public Tensor runOnCore(Tensor input) {
    if (input == null || input.dtype() != plan.dtype
        || !Arrays.equals(input.shape(), inputShape())) {
      throw new InterpolateException("runOnCore takes a tensor of shape "
          + Arrays.toString(inputShape()) + " and dtype " + plan.dtype);
    }
    return Kernels.run(plan, input);
  }

  private int[] inputShape() {
    int[] s = new int[2 + plan.inSizes.length];
    s[0] = plan.batch;
    s[1] = plan.channels;
    System.arraycopy(plan.inSizes, 0, s, 2, plan.inSizes.length);
    return s;
  }

  /** The computation these tables feed. */
  public Kernel kernel() {
    return kernel;
  }

  /** The dtype of input and output. */
  public DType dtype() {
    return plan.dtype;
  }

  /**
   * True when a uint8 tensor is computed on a float32 copy and the result rounded half to even and
   * saturated to 0..255 (this library's uint8 extension for linear, trilinear and area).
   */
  public boolean viaFloat32() {
    return plan.dtype == DType.UINT8
        && (kernel == Kernel.SEPARABLE || kernel == Kernel.AREA);
  }

  /** True for {@link Kernel#AREA} with one output per plane: a float64 mean over the plane. */
  public boolean areaMean() {
    return kernel == Kernel.AREA && ResamplePlan.product(plan.outSizes) == 1;
  }

  /** Number of spatial axes (1, 2 or 3). */
  public int spatialDims() {
    return plan.spatialDims();
  }

  /** N * C: the independent planes of one tensor. */
  public long planes() {
    return (long) plan.batch * plan.channels;
  }

  /** Spatial input sizes, outermost first. */
  public int[] inSizes() {
    return plan.inSizes.clone();
  }

  /** Spatial output sizes, outermost first. */
  public int[] outSizes() {
    return plan.outSizes.clone();
  }

  /** The output shape (N, C, spatial...). */
  public int[] outputShape() {
    return plan.outputShape();
  }

  /** The table of spatial axis {@code d} (0 = outermost), or null when the axis is copied. */
  public Axis axis(int d) {
    return axes[d];
  }

  /** One axis: {@code outSize} outputs, each reading up to {@code taps} inputs. */
  public static final class Axis {
    private final int inSize;
    private final int outSize;
    private final int taps;
    private final int[] index;
    private final int[] count;
    private final float[] weights32;
    private final double[] weights64;
    private final int[] fixedWeights;
    private final int precision;

    Axis(int inSize, int outSize, int taps, int[] index, int[] count, float[] weights32,
        double[] weights64, int[] fixedWeights, int precision) {
      this.inSize = inSize;
      this.outSize = outSize;
      this.taps = taps;
      this.index = index;
      this.count = count;
      this.weights32 = weights32;
      this.weights64 = weights64;
      this.fixedWeights = fixedWeights;
      this.precision = precision;
    }

    public int inSize() {
      return inSize;
    }

    public int outSize() {
      return outSize;
    }

    /** Stride of {@link #index} and the weights per output. */
    public int taps() {
      return taps;
    }

    /** {@code outSize * taps} source indices (a copy). */
    public int[] index() {
      return index.clone();
    }

    /** Taps used per output, {@code outSize} entries (a copy). */
    public int[] count() {
      return count.clone();
    }

    /** float32 weights (separable kernels on float32 and uint8), or null (a copy). */
    public float[] weights32() {
      return weights32 == null ? null : weights32.clone();
    }

    /** float64 weights (separable kernels on float64), or null (a copy). */
    public double[] weights64() {
      return weights64 == null ? null : weights64.clone();
    }

    /** int16-range fixed-point weights of {@link Kernel#UINT8_FIXED_POINT}, or null (a copy). */
    public int[] fixedWeights() {
      return fixedWeights == null ? null : fixedWeights.clone();
    }

    /** Fraction bits of {@link #fixedWeights()}. */
    public int precision() {
      return precision;
    }
  }
}
