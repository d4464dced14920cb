package org.resample.core;

import java.util.Arrays;

/**
 * A validated, reusable {@code interpolate} call for one input shape and dtype: the arguments are
 * checked once by {@link Interpolate#prepare}, and every {@link #apply} only checks that the tensor
 * has that shape and dtype. A caller that resamples many tensors of one shape (a Spark task over a
 * column of images) keeps one per shape.
 *
 * <pre>{@code
 * PreparedInterpolation p = Interpolate.prepare(new int[] {1, 3, 480, 640}, DType.FLOAT32,
 *     InterpolateOptions.builder().size(224, 224).mode(Mode.BILINEAR).antialias(true).build());
 * p.outputShape();          // [1, 3, 224, 224]
 * Tensor y = p.apply(x);    // as Interpolate.interpolate(x, options)
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @since 0.2
 */
public final class PreparedInterpolation {
  private final ResamplePlan plan;
  private final int[] inputShape;

  PreparedInterpolation(ResamplePlan plan, int[] inputShape) {
    this.plan = plan;
    this.inputShape = inputShape.clone();
  }

  /** The input shape this call was prepared for. */
  public int[] inputShape() {
    return inputShape.clone();
  }

  /** The dtype of input and output. */
  public DType dtype() {
    return plan.dtype;
  }

  /** The shape every result has. */
  public int[] outputShape() {
    return plan.outputShape();
  }

  /**
   * {@link Interpolate#interpolate} of {@code input}, without checking the arguments again.
   *
   * @throws InterpolateException when {@code input} does not have the prepared shape and dtype
   */
  public Tensor apply(Tensor input) {
    requireMatch(input);
    return Kernels.run(plan, input);
  }

  /**
   * {@link #apply} into a float32 array the caller owns, from index {@code offset} (as {@link
   * Interpolate#interpolateInto(Tensor, InterpolateOptions, float[], int)}).
   */
  public void applyInto(Tensor input, float[] out, int offset) {
    into(input, DType.FLOAT32, out, out == null ? 0 : out.length, offset);
  }

  /** As {@link #applyInto(Tensor, float[], int)} for a float64 call. */
  public void applyInto(Tensor input, double[] out, int offset) {
    into(input, DType.FLOAT64, out, out == null ? 0 : out.length, offset);
  }

  private void into(Tensor input, DType dtype, Object out, int length, int offset) {
    requireMatch(input);
    if (out == null) {
      throw new InterpolateException("output array must not be null");
    }
    if (plan.dtype != dtype) {
      throw new InterpolateException(
          "this call was prepared for " + plan.dtype + "; this applyInto takes " + dtype);
    }
    if (out == input.rawData()) {
      throw new InterpolateException("the output array must not be the input tensor's array");
    }
    long n = ResamplePlan.product(plan.outputShape());
    if (offset < 0 || offset + n > length) {
      throw new InterpolateException("output array of length " + length + " cannot hold " + n
          + " elements from offset " + offset + " (output shape "
          + Arrays.toString(plan.outputShape()) + ")");
    }
    Kernels.runInto(plan, input, out, offset);
  }

  private void requireMatch(Tensor input) {
    if (input == null) {
      throw new InterpolateException("input tensor must not be null");
    }
    if (input.dtype() != plan.dtype || !Arrays.equals(input.shape(), inputShape)) {
      throw new InterpolateException("this call was prepared for a " + plan.dtype + " tensor of shape "
          + Arrays.toString(inputShape) + "; got " + input.dtype() + " "
          + Arrays.toString(input.shape()) + " (prepare one per shape and dtype)");
    }
  }
}
