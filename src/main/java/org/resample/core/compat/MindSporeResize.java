package org.resample.core.compat;

import java.util.Arrays;
import org.resample.core.DType;
import org.resample.core.Interpolate;
import org.resample.core.InterpolateException;
import org.resample.core.InterpolateOptions;
import org.resample.core.Mode;
import org.resample.core.Tensor;

/**
 * Resizes the way {@code mindspore.ops.interpolate} (MindSpore r2.0) does.
 *
 * <p>MindSpore's interpolate accepts a subset of PyTorch's calls (per mode, the ranks that take
 * {@code scale_factor} and {@code align_corners}) and dispatches each mode to a kernel. Where that
 * kernel computes as PyTorch does, the call goes to {@link Interpolate}; bicubic goes to the
 * {@code ResizeBicubic} kernel, which is TensorFlow's {@code ResizeBicubic} op (see {@link
 * TensorFlowResize#resizeV1}). See docs/compat-mindspore.md.
 */
public final class MindSporeResize {
  private MindSporeResize() {}

  private static final String MODES =
      "['nearest', 'linear', 'bilinear', 'bicubic', 'trilinear', 'area', 'nearest-exact']";

  /**
   * Resizes {@code input} (N, C, spatial...) like {@code mindspore.ops.interpolate(input, size,
   * scale_factor, mode, align_corners, recompute_scale_factor)}.
   *
   * @throws InterpolateException for a call MindSpore r2.0 refuses, in MindSpore's words
   */
  public static Tensor resize(Tensor input, InterpolateOptions options) {
    if (input == null || options == null) {
      throw new InterpolateException("For 'interpolate', 'x' must be a tensor and options must be given");
    }
    if (options.antialias()) {
      throw new InterpolateException(
          "For 'interpolate', 'antialias' does not exist in MindSpore r2.0's interpolate;"
              + " pass antialias=False");
    }
    if (input.dtype() == DType.UINT8) {
      throw new InterpolateException(
          "For 'interpolate', 'x' must have data type of float (float16, float32 or float64),"
              + " but got uint8; convert the tensor to float32 first");
    }
    int[] size = options.size();
    double[] scale = options.scaleFactor();
    if (size != null && scale != null) {
      throw new InterpolateException(
          "For 'interpolate', only one of size or scale_factor should be defined");
    }
    if (size == null && scale == null) {
      throw new InterpolateException(
          "For 'interpolate', either 'size' or 'scale_factor' should be defined");
    }
    int rank = input.rank();
    int spatial = rank - 2;
    Mode mode = options.mode();
    if (size != null && size.length != 1 && size.length != spatial) {
      throw new InterpolateException(
          "For 'interpolate', 'x' and 'size' must have same number of spatial dimensions, but got 'x' is "
              + spatial + "D, 'size' is " + size.length + "D");
    }
    if (scale != null && scale.length != 1 && scale.length != spatial) {
      throw new InterpolateException(
          "For 'interpolate', 'x' and 'scale_factor' must have same number of spatial dimensions, but got 'x' is "
              + spatial + "D, 'scale_factor' is " + scale.length + "D");
    }
    Rule rule = Rule.of(mode);
    if (rule == null) {
      throw new InterpolateException(
          "For 'interpolate', 'mode' must be in '" + MODES + "', but got " + mode.torchName());
    }
    if (!rule.acceptsRank(rank)) {
      throw new InterpolateException(
          "For 'interpolate', " + mode.torchName() + " only support '" + rule.ranks() + "'D, but got "
              + rank + "D");
    }
    Boolean recompute = options.recomputeScaleFactor();
    if (mode == Mode.AREA && size == null) {
      recompute = Boolean.TRUE;
    }
    InterpolateOptions.Builder routed = options.toBuilder().recomputeScaleFactor(null);
    if (recompute != null && recompute) {
      if (size != null) {
        throw new InterpolateException(
            "For 'interpolate', 'recompute_scale_factor' is not meaningful with an explicit size");
      }
      size = recomputedSize(input.shape(), scale);
      routed.scaleFactor((double[]) null).size(size);
    } else if (scale != null && !rule.acceptsScaleFactor(rank)) {
      throw new InterpolateException(
          "For 'interpolate', 'scale_factor' option cannot currently be set with the mode = "
              + mode.torchName() + " and dim = " + rank + "D.");
    }
    Boolean alignCorners = options.alignCorners();
    if (alignCorners != null && !rule.acceptsAlignCorners(rank)) {
      throw new InterpolateException(
          "For 'interpolate', 'align_corners' option cannot currently be set with the mode = "
              + mode.torchName() + ", and dim = " + rank + "D");
    }
    boolean corners = alignCorners != null && alignCorners;
    if (mode == Mode.BICUBIC) {
      int[] out = size.length == 1 ? new int[] {size[0], size[0]} : size;
      // MindSpore's ResizeBicubic CPU kernel is TensorFlow's ResizeBicubic op, called by
      // interpolate with half_pixel_centers = !align_corners; it computes in float32.
      Tensor y = TensorFlowResize.resizeV1(input, out[0], out[1], "bicubic", corners, !corners);
      return input.dtype() == DType.FLOAT64 ? widened(y) : y;
    }
    if (mode.isInterpolating()) {
      routed.alignCorners(corners);
    }
    return Interpolate.interpolate(input, routed.build());
  }

  /** {@code int(floor(float(shape[i + 2]) * scale_factor[i]))}, as MindSpore's interpolate does. */
  /** A float32 result as the float64 tensor MindSpore returns for a float64 input (exact). */
  private static Tensor widened(Tensor y) {
    float[] f = y.floatData();
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return Tensor.ofDouble(d, y.shape());
  }

  private static int[] recomputedSize(int[] shape, double[] scale) {
    int spatial = shape.length - 2;
    int[] size = new int[spatial];
    for (int i = 0; i < spatial; i++) {
      double s = scale.length == 1 ? scale[0] : scale[i];
      double v = Math.floor(shape[i + 2] * s);
      if (!(v >= 1) || v > Integer.MAX_VALUE) {
        throw new InterpolateException(
            "For 'interpolate', scale_factor " + s + " gives output size " + v + " for input size "
                + shape[i + 2] + "; choose a scale_factor giving a size of at least 1");
      }
      size[i] = (int) v;
    }
    return size;
  }

  /** MindSpore r2.0's {@code supported_dict}: per mode, the ranks and what each rank accepts. */
  private enum Rule {
    NEAREST(Mode.NEAREST, new int[] {3, 4, 5}, new int[] {5}, new int[0]),
    LINEAR(Mode.LINEAR, new int[] {3}, new int[0], new int[] {3}),
    BILINEAR(Mode.BILINEAR, new int[] {4}, new int[0], new int[] {4}),
    BICUBIC(Mode.BICUBIC, new int[] {4}, new int[0], new int[] {4}),
    TRILINEAR(Mode.TRILINEAR, new int[] {5}, new int[] {5}, new int[] {5}),
    AREA(Mode.AREA, new int[] {3, 4, 5}, new int[] {3, 4, 5}, new int[0]),
    NEAREST_EXACT(Mode.NEAREST_EXACT, new int[] {3, 4}, new int[0], new int[0]);

    private final Mode mode;
    private final int[] ranks;
    private final int[] scaleRanks;
    private final int[] cornerRanks;

    Rule(Mode mode, int[] ranks, int[] scaleRanks, int[] cornerRanks) {
      this.mode = mode;
      this.ranks = ranks;
      this.scaleRanks = scaleRanks;
      this.cornerRanks = cornerRanks;
    }

    static Rule of(Mode mode) {
      for (Rule r : values()) {
        if (r.mode == mode) {
          return r;
        }
      }
      return null;
    }

    String ranks() {
      return Arrays.toString(ranks);
    }

    boolean acceptsRank(int rank) {
      return contains(ranks, rank);
    }

    boolean acceptsScaleFactor(int rank) {
      return contains(scaleRanks, rank);
    }

    boolean acceptsAlignCorners(int rank) {
      return contains(cornerRanks, rank);
    }

    private static boolean contains(int[] values, int v) {
      for (int x : values) {
        if (x == v) {
          return true;
        }
      }
      return false;
    }
  }
}
