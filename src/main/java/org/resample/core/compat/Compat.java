package org.resample.core.compat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.resample.core.DType;
import org.resample.core.InterpolateException;
import org.resample.core.Mode;

/**
 * Whose resize a call reproduces: PyTorch's {@code F.interpolate} (the default) or another
 * library's, each a profile of {@link CompatResize}. The call's mode is then the library's filter
 * name ({@link #filters()}), and only the arguments the library has apply ({@link
 * CompatResize#checkOptions}).
 *
 * <pre>{@code
 * InterpolateOptions o = InterpolateOptions.builder()
 *     .compat(Compat.OPENCV, "area").size(224, 224).build();   // cv2.resize(..., INTER_AREA)
 * }</pre>
 *
 * @since 0.2
 */
public enum Compat {
  /** {@code torch.nn.functional.interpolate}: the modes of {@link Mode}. */
  PYTORCH("pytorch", "PyTorch", "torch.nn.functional.interpolate", torchModes()),
  /** {@code cv2.resize} ({@link OpenCvResize}). */
  OPENCV(
      "opencv",
      "OpenCV",
      "cv2.resize",
      List.of("nearest", "nearest_exact", "linear", "cubic", "area", "lanczos4")),
  /** {@code PIL.Image.resize} ({@link PillowResize}). */
  PILLOW(
      "pillow",
      "Pillow",
      "PIL.Image.resize",
      List.of("nearest", "box", "bilinear", "hamming", "bicubic", "lanczos")),
  /** {@code tf.image.resize}, TensorFlow 2's resize ({@link TensorFlowResize#resize}). */
  TENSORFLOW(
      "tensorflow",
      "TensorFlow",
      "tf.image.resize",
      List.of(
          "bilinear", "nearest", "bicubic", "area", "lanczos3", "lanczos5", "gaussian",
          "mitchellcubic")),
  /** The v1 resize ops, {@code tf.compat.v1.image.resize_*} ({@link TensorFlowResize#resizeV1}). */
  TENSORFLOW_V1(
      "tensorflow-v1",
      "TensorFlow",
      "tf.compat.v1.image.resize",
      List.of("bilinear", "nearest", "bicubic", "area")),
  /**
   * {@code mindspore.ops.interpolate} as of MindSpore r2.0 ({@link MindSporeResize}): PyTorch's
   * mode names, float tensors only.
   */
  MINDSPORE(
      "mindspore",
      "MindSpore",
      "mindspore.ops.interpolate",
      List.of("nearest", "linear", "bilinear", "bicubic", "trilinear", "area", "nearest-exact"));

  private final String id;
  private final String library;
  private final String call;
  private final List<String> filters;

  Compat(String id, String library, String call, List<String> filters) {
    this.id = id;
    this.library = library;
    this.call = call;
    this.filters = filters;
  }

  private static List<String> torchModes() {
    return Arrays.stream(Mode.values()).map(Mode::torchName).collect(Collectors.toList());
  }

  /** The setting's value, e.g. {@code "tensorflow-v1"}. */
  public String id() {
    return id;
  }

  /** The library, e.g. {@code "OpenCV"}. */
  public String library() {
    return library;
  }

  /** The library call reproduced, e.g. {@code "cv2.resize"}. */
  public String call() {
    return call;
  }

  /** The filter (mode) names this profile takes, in the library's documentation order. */
  public List<String> filters() {
    return filters;
  }

  /** True when the mode is one of PyTorch's {@link Mode}s (the profile takes no other names). */
  public boolean takesTorchModes() {
    return this == PYTORCH || this == MINDSPORE;
  }

  /**
   * The canonical name of {@code filter} for this profile: lower case, {@code '-'} read as {@code
   * '_'} (and, for PyTorch, as {@link Mode#of} reads it).
   *
   * @throws InterpolateException naming this profile's filters when it has no such filter
   */
  public String filter(String filter) {
    if (this == PYTORCH) {
      return Mode.of(filter).torchName();
    }
    if (this == MINDSPORE) {
      try {
        String name = Mode.of(filter).torchName();
        if (filters.contains(name)) {
          return name;
        }
      } catch (InterpolateException e) {
        // not a mode name: the message below
      }
    } else if (filter != null) {
      String key = filter.strip().toLowerCase(Locale.ROOT).replace('-', '_');
      if (filters.contains(key)) {
        return key;
      }
    }
    throw new InterpolateException(
        "unknown mode '" + filter + "' for compat '" + id + "' (" + call + "); its modes are: "
            + String.join(" | ", filters));
  }

  /**
   * The dtype of the result for an input of {@code dtype}: TensorFlow returns float32 for every
   * method but nearest; the other profiles keep the input's dtype.
   */
  public DType outputDType(DType dtype, String filter) {
    boolean tf = this == TENSORFLOW || this == TENSORFLOW_V1;
    return tf && !"nearest".equals(filter) ? DType.FLOAT32 : dtype;
  }

  /**
   * Why this profile does not take {@code dtype} tensors, or null when it does: Pillow has no
   * float64 image mode; MindSpore's interpolate takes float tensors only.
   */
  public String dtypeProblem(DType dtype) {
    if (this == PILLOW && dtype == DType.FLOAT64) {
      return "compat 'pillow' has no float64 image mode; pass uint8 (modes L, RGB, RGBA) or float32"
          + " (mode F)";
    }
    if (this == MINDSPORE && dtype == DType.UINT8) {
      return "compat 'mindspore' takes float tensors only (mindspore.ops.interpolate refuses uint8);"
          + " pass float32 or float64";
    }
    return null;
  }

  /** The profile named {@code name} (case-insensitive; {@code '_'} read as {@code '-'}). */
  public static Compat of(String name) {
    if (name != null) {
      String key = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
      for (Compat c : values()) {
        if (c.id.equals(key)) {
          return c;
        }
      }
    }
    throw new InterpolateException(
        "unknown compat '" + name + "'; valid values are: " + validNames());
  }

  /** The valid values, separated by {@code " | "}. */
  public static String validNames() {
    return Arrays.stream(values()).map(Compat::id).collect(Collectors.joining(" | "));
  }

  @Override
  public String toString() {
    return id;
  }
}
