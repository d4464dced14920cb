package org.resample.core.compat;

import java.util.Arrays;
import org.resample.core.DType;
import org.resample.core.InterpolateException;
import org.resample.core.InterpolateOptions;
import org.resample.core.Tensor;
import org.resample.core.TorchVersion;

/**
 * The one place a call of another library's resize ({@link InterpolateOptions#compat()} other than
 * PyTorch) is checked and handed to its profile: {@link OpenCvResize}, {@link PillowResize} or
 * {@link TensorFlowResize}, or {@link MindSporeResize}. {@link org.resample.core.Interpolate#interpolate} and {@link
 * org.resample.core.Interpolate#outputShape} come here for such calls, so every layer above the core
 * (SQL functions, Resampler, job) takes the profiles through its usual path.
 *
 * <p>OpenCV, Pillow and TensorFlow resize images: {@code (N, C, H, W)} tensors, with an output size
 * (none of them has PyTorch's {@code scale_factor}). MindSpore takes PyTorch's arguments but
 * antialias, on float tensors, with its own rules per mode and rank ({@link MindSporeResize}).
 * Which of the other arguments apply:
 *
 * <table>
 *   <caption>Arguments per profile</caption>
 *   <tr><th>argument</th><th>profiles</th></tr>
 *   <tr><td>antialias</td><td>pytorch, tensorflow</td></tr>
 *   <tr><td>align_corners</td><td>pytorch, tensorflow-v1, mindspore</td></tr>
 *   <tr><td>half_pixel_centers</td><td>tensorflow-v1</td></tr>
 *   <tr><td>reducing_gap</td><td>pillow</td></tr>
 *   <tr><td>scale_factor, recompute_scale_factor</td><td>pytorch, mindspore</td></tr>
 *   <tr><td>torch_version</td><td>pytorch</td></tr>
 * </table>
 *
 * <p>The result has the library's dtype: the input's, except TensorFlow's float32 for every method
 * but nearest ({@link #outputDType}).
 *
 * @since 0.2
 */
public final class CompatResize {
  private CompatResize() {}

  /**
   * Resizes {@code input} as {@code options.compat()}'s library does.
   *
   * @throws InterpolateException for a call the profile does not take
   */
  public static Tensor resize(Tensor input, InterpolateOptions options) {
    if (input == null) {
      throw new InterpolateException("input tensor must not be null");
    }
    int[] out = outputShape(input.shape(), input.dtype(), options);
    int h = out[2];
    int w = out[3];
    String filter = options.filter();
    switch (options.compat()) {
      case OPENCV:
        return OpenCvResize.resize(input, h, w, filter);
      case PILLOW:
        return PillowResize.resize(input, h, w, filter, options.reducingGap());
      case TENSORFLOW:
        return TensorFlowResize.resize(input, h, w, filter, options.antialias());
      case TENSORFLOW_V1:
        return TensorFlowResize.resizeV1(
            input,
            h,
            w,
            filter,
            Boolean.TRUE.equals(options.alignCorners()),
            Boolean.TRUE.equals(options.halfPixelCenters()));
      case MINDSPORE:
        // PyTorch's options (compat reset): where MindSpore computes as PyTorch, it calls Interpolate
        return MindSporeResize.resize(input, options.toBuilder().mode(options.mode()).build());
      default:
        throw new InterpolateException(
            "compat '" + options.compat() + "' is PyTorch's interpolate; call Interpolate.interpolate");
    }
  }

  /**
   * The dtype {@link #resize} returns for an input of {@code dtype}: the input's, or float32 for
   * TensorFlow's methods other than nearest.
   */
  public static DType outputDType(DType dtype, InterpolateOptions options) {
    return options.compat().outputDType(dtype, options.filter());
  }

  /**
   * The shape {@link #resize} would return for an input of {@code shape} and {@code dtype}, after
   * every check that does not need the data.
   *
   * @throws InterpolateException for a call the profile does not take
   */
  public static int[] outputShape(int[] shape, DType dtype, InterpolateOptions options) {
    checkOptions(options);
    Compat c = options.compat();
    if (shape == null || dtype == null) {
      throw new InterpolateException("input shape and dtype must not be null");
    }
    if (c.dtypeProblem(dtype) != null) {
      throw new InterpolateException(c.dtypeProblem(dtype));
    }
    if (c == Compat.MINDSPORE) {
      // PyTorch's sizes; MindSpore's own refusals (per mode and rank) come from MindSporeResize
      return org.resample.core.Interpolate.outputShape(
          shape, dtype, options.toBuilder().mode(options.mode()).build());
    }
    if (shape.length != 4) {
      throw new InterpolateException(
          "compat '" + c + "' resizes images: an (N, C, H, W) tensor, but got shape "
              + Arrays.toString(shape) + " (rank " + shape.length + "); " + c.call()
              + " has no " + (shape.length - 2) + "-D resize");
    }
    checkDType(c, shape, dtype);
    int[] size = options.size();
    int h = size[0];
    int w = size.length == 2 ? size[1] : size[0];
    if (h < 1 || w < 1) {
      throw new InterpolateException(
          "size " + Arrays.toString(size) + " must be positive integers for compat '" + c + "'");
    }
    if (shape[2] < 1 || shape[3] < 1) {
      throw new InterpolateException(
          "compat '" + c + "' needs a non-empty image, got shape " + Arrays.toString(shape)
              + "; " + c.library() + " has no empty images");
    }
    int[] out = {shape[0], shape[1], h, w};
    long n = (long) out[0] * out[1] * h * w;
    if (n > options.maxOutputElements()) {
      throw new InterpolateException(
          "resizing to shape " + Arrays.toString(out) + " (" + n + " elements) needs more than the"
              + " call's limit of " + options.maxOutputElements() + " elements; ask for a smaller"
              + " size or raise the limit");
    }
    return out;
  }

  /**
   * Checks the arguments that do not depend on the input: that each given one applies to the
   * profile, and a size (not a scale factor) of one or two values.
   *
   * @throws InterpolateException naming the argument, the profile and what to do instead
   */
  public static void checkOptions(InterpolateOptions options) {
    if (options == null) {
      throw new InterpolateException("options must not be null");
    }
    Compat c = options.compat();
    if (c == Compat.PYTORCH) {
      return;
    }
    if (c == Compat.MINDSPORE) {
      checkMindSporeOptions(options);
      return;
    }
    if (options.scaleFactor() != null) {
      throw c == Compat.OPENCV
          ? new InterpolateException(
              "scale_factor does not apply to compat 'opencv': cv2.resize's fx/fy are not"
                  + " reproduced (OpenCV then samples at the factor itself, not at output/input);"
                  + " pass the output size (H, W) instead")
          : notApplicable(c, "scale_factor", "pass the output size (H, W) instead");
    }
    if (options.recomputeScaleFactor() != null) {
      throw notApplicable(c, "recompute_scale_factor", "remove it");
    }
    if (options.torchVersion() != TorchVersion.V2) {
      throw notApplicable(c, "torch_version", "remove it");
    }
    if (options.antialias() && c != Compat.TENSORFLOW) {
      throw notApplicable(
          c, "antialias", "remove it (antialias applies to compat 'pytorch' and 'tensorflow')");
    }
    if (options.alignCorners() != null && c != Compat.TENSORFLOW_V1) {
      throw notApplicable(
          c,
          "align_corners",
          c == Compat.TENSORFLOW
              ? "tf.image.resize (v2) has none; use compat 'tensorflow-v1' for the v1 ops"
              : "remove it (align_corners applies to compat 'pytorch' and 'tensorflow-v1')");
    }
    if (options.halfPixelCenters() != null && c != Compat.TENSORFLOW_V1) {
      throw notApplicable(
          c, "half_pixel_centers", "remove it (it applies to compat 'tensorflow-v1' only)");
    }
    if (options.reducingGap() != null && c != Compat.PILLOW) {
      throw notApplicable(c, "reducing_gap", "remove it (it applies to compat 'pillow' only)");
    }
    if (options.reducingGap() != null && !(options.reducingGap() >= 1.0)) {
      throw new InterpolateException(
          "reducing_gap must be 1.0 or greater, but got " + options.reducingGap()
              + " (compat 'pillow'); leave it unset for no reduce step");
    }
    int[] size = options.size();
    if (size == null) {
      throw new InterpolateException(
          "compat '" + c + "' needs an output size (H, W); " + c.call() + " takes no scale_factor");
    }
    if (size.length != 1 && size.length != 2) {
      throw new InterpolateException(
          "compat '" + c + "' takes a size of 2 values (H, W) or one for both, but got "
              + Arrays.toString(size));
    }
  }

  private static void checkMindSporeOptions(InterpolateOptions options) {
    Compat c = Compat.MINDSPORE;
    if (options.torchVersion() != TorchVersion.V2) {
      throw notApplicable(c, "torch_version", "remove it");
    }
    if (options.antialias()) {
      throw notApplicable(
          c, "antialias", "remove it (antialias applies to compat 'pytorch' and 'tensorflow')");
    }
    if (options.halfPixelCenters() != null) {
      throw notApplicable(
          c, "half_pixel_centers", "remove it (it applies to compat 'tensorflow-v1' only)");
    }
    if (options.reducingGap() != null) {
      throw notApplicable(c, "reducing_gap", "remove it (it applies to compat 'pillow' only)");
    }
  }

  private static InterpolateException notApplicable(Compat c, String argument, String fix) {
    return new InterpolateException(
        argument + " does not apply to compat '" + c + "': " + c.call() + " has no " + argument
            + "; " + fix);
  }

  private static void checkDType(Compat c, int[] shape, DType dtype) {
    if (c == Compat.PILLOW) {
      int ch = shape[1];
      if (dtype == DType.UINT8 && ch != 1 && ch != 3 && ch != 4) {
        throw new InterpolateException(
            "compat 'pillow' resizes uint8 images of 1 (L), 3 (RGB) or 4 (RGBA, alpha last)"
                + " channels, but got " + ch + " channels (shape " + Arrays.toString(shape) + ")");
      }
    }
  }
}
