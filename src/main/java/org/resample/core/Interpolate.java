package org.resample.core;

import org.resample.core.compat.Compat;
import org.resample.core.compat.CompatResize;

/**
 * {@code torch.nn.functional.interpolate} in pure Java, with PyTorch's numbers.
 *
 * <pre>{@code
 * Tensor x = Tensor.ofFloat(pixels, 1, 3, 480, 640);
 * Tensor y = Interpolate.interpolate(x,
 *     InterpolateOptions.builder().size(224, 224).mode(Mode.BILINEAR).antialias(true).build());
 * }</pre>
 *
 * <p>The input is {@code (N, C, d1..dk)} with k = 1, 2 or 3; the output has the input's dtype. Every
 * argument is checked first, in PyTorch's order and with PyTorch's messages, and an invalid call
 * throws {@link InterpolateException} before anything is allocated.
 *
 * <p>Options with a {@link InterpolateOptions#compat() compat} other than PyTorch resize as that
 * library does instead ({@link CompatResize}): the same methods take them, and the result has the
 * library's dtype ({@link CompatResize#outputDType}).
 *
 * @since 0.1
 */
public final class Interpolate {
  private Interpolate() {}

  /**
   * Resamples {@code input} as {@code torch.nn.functional.interpolate(input, size, scale_factor,
   * mode, align_corners, recompute_scale_factor, antialias)} does.
   *
   * @param input the tensor, not modified
   * @param options the arguments
   * @return a new tensor of the input's dtype
   * @throws InterpolateException for an invalid call
   */
  public static Tensor interpolate(Tensor input, InterpolateOptions options) {
    if (input == null) {
      throw new InterpolateException("input tensor must not be null");
    }
    if (options == null) {
      throw new InterpolateException("options must not be null");
    }
    if (options.compat() != Compat.PYTORCH) {
      return CompatResize.resize(input, options);
    }
    ResamplePlan plan = ResamplePlan.of(input.shape(), input.dtype(), options);
    return Kernels.run(plan, input);
  }

  /**
   * {@link #interpolate} of a float32 tensor into an array the caller owns, from index {@code
   * offset}: lets a caller reuse one buffer for many calls, or write straight into a larger buffer
   * (a column's storage with a header in front). The {@code numel} elements from {@code offset} are
   * all overwritten; the rest of {@code out} is not touched.
   *
   * @param input a float32 tensor, not modified
   * @param options the arguments
   * @param out at least {@code offset + numel(outputShape)} elements, not the input's array
   * @param offset where the result's first element goes
   * @return the result's shape
   * @throws InterpolateException for an invalid call, a non-float32 input or an array too short
   */
  public static int[] interpolateInto(Tensor input, InterpolateOptions options, float[] out, int offset) {
    return into(input, options, DType.FLOAT32, out, out == null ? 0 : out.length, offset);
  }

  /** As {@link #interpolateInto(Tensor, InterpolateOptions, float[], int)} for a float64 tensor. */
  public static int[] interpolateInto(Tensor input, InterpolateOptions options, double[] out, int offset) {
    return into(input, options, DType.FLOAT64, out, out == null ? 0 : out.length, offset);
  }

  private static int[] into(
      Tensor input, InterpolateOptions options, DType dtype, Object out, int length, int offset) {
    if (input == null || out == null) {
      throw new InterpolateException("input tensor and output array must not be null");
    }
    if (options == null) {
      throw new InterpolateException("options must not be null");
    }
    if (input.dtype() != dtype) {
      throw new InterpolateException(
          "input tensor has dtype " + input.dtype() + "; this interpolateInto takes " + dtype);
    }
    if (out == input.rawData()) {
      throw new InterpolateException("the output array must not be the input tensor's array");
    }
    if (options.compat() != Compat.PYTORCH) {
      return compatInto(input, options, out, length, offset);
    }
    ResamplePlan plan = ResamplePlan.of(input.shape(), input.dtype(), options);
    int[] shape = plan.outputShape();
    long n = ResamplePlan.product(shape);
    if (offset < 0 || offset + n > length) {
      throw new InterpolateException(
          "output array of length " + length + " cannot hold " + n + " elements from offset " + offset
              + " (output shape " + java.util.Arrays.toString(shape) + ")");
    }
    Kernels.runInto(plan, input, out, offset);
    return shape;
  }

  /** A compat call into {@code out}: the library's result, float32 results widened for a double[]. */
  private static int[] compatInto(
      Tensor input, InterpolateOptions options, Object out, int length, int offset) {
    int[] shape = CompatResize.outputShape(input.shape(), input.dtype(), options);
    long n = ResamplePlan.product(shape);
    if (offset < 0 || offset + n > length) {
      throw new InterpolateException(
          "output array of length " + length + " cannot hold " + n + " elements from offset " + offset
              + " (output shape " + java.util.Arrays.toString(shape) + ")");
    }
    Tensor y = CompatResize.resize(input, options);
    if (y.dtype() == DType.FLOAT32 && out instanceof double[]) {
      float[] src = y.floatData();
      double[] dst = (double[]) out;
      for (int i = 0; i < src.length; i++) {
        dst[offset + i] = src[i];
      }
    } else {
      System.arraycopy(y.rawData(), 0, out, offset, (int) n);
    }
    return shape;
  }

  /**
   * The shape {@link #interpolate} would return for an input of {@code inputShape} and {@code
   * dtype}, after the same checks, without allocating or computing anything. Lets a caller check a
   * row before handing it to a {@link Backend}.
   *
   * @throws InterpolateException for an invalid call, with the message interpolate would give
   */
  public static int[] outputShape(int[] inputShape, DType dtype, InterpolateOptions options) {
    if (inputShape == null || dtype == null) {
      throw new InterpolateException("input shape and dtype must not be null");
    }
    if (options == null) {
      throw new InterpolateException("options must not be null");
    }
    if (options.compat() != Compat.PYTORCH) {
      return CompatResize.outputShape(inputShape.clone(), dtype, options);
    }
    return ResamplePlan.of(inputShape.clone(), dtype, options).outputShape();
  }

  /**
   * Checks a call once for tensors of {@code inputShape} and {@code dtype} and returns it ready to
   * apply to many such tensors (see {@link PreparedInterpolation}).
   *
   * @throws InterpolateException for an invalid call, with the message interpolate would give
   */
  public static PreparedInterpolation prepare(int[] inputShape, DType dtype, InterpolateOptions options) {
    if (inputShape == null || dtype == null) {
      throw new InterpolateException("input shape and dtype must not be null");
    }
    if (options == null) {
      throw new InterpolateException("options must not be null");
    }
    int[] shape = inputShape.clone();
    return new PreparedInterpolation(ResamplePlan.of(shape.clone(), dtype, options), shape);
  }

  /**
   * {@code torch.nn.functional.upsample}: interpolate without {@code recompute_scale_factor} or
   * antialias. Pass null for the one of {@code size} and {@code scaleFactor} not given.
   */
  public static Tensor upsample(
      Tensor input, int[] size, double[] scaleFactor, Mode mode, Boolean alignCorners) {
    return interpolate(
        input,
        InterpolateOptions.builder()
            .size(size)
            .scaleFactor(scaleFactor)
            .mode(mode)
            .alignCorners(alignCorners)
            .build());
  }

  /** {@code torch.nn.functional.upsample_nearest}: mode nearest. */
  public static Tensor upsampleNearest(Tensor input, int[] size, double[] scaleFactor) {
    return upsample(input, size, scaleFactor, Mode.NEAREST, null);
  }

  /**
   * {@code torch.nn.functional.upsample_bilinear}: mode bilinear with {@code align_corners=True}, as
   * PyTorch's alias does.
   */
  public static Tensor upsampleBilinear(Tensor input, int[] size, double[] scaleFactor) {
    return upsample(input, size, scaleFactor, Mode.BILINEAR, Boolean.TRUE);
  }
}
