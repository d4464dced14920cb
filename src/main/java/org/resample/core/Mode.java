package org.resample.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Interpolation mode, named as in {@code torch.nn.functional.interpolate}.
 *
 * <pre>{@code
 * Mode m = Mode.of("nearest-exact");   // Mode.NEAREST_EXACT
 * }</pre>
 *
 * @since 0.1
 */
public enum Mode {
  NEAREST("nearest", 0),
  NEAREST_EXACT("nearest-exact", 0),
  LINEAR("linear", 1),
  BILINEAR("bilinear", 2),
  BICUBIC("bicubic", 2),
  TRILINEAR("trilinear", 3),
  /** Lanczos-3 (PyTorch 2.x): 4-D only, antialias=True required, align_corners must not be True. */
  LANCZOS("lanczos", 2),
  AREA("area", 0);

  private final String torchName;
  private final int requiredSpatialDims;

  Mode(String torchName, int requiredSpatialDims) {
    this.torchName = torchName;
    this.requiredSpatialDims = requiredSpatialDims;
  }

  /** PyTorch's name of the mode, e.g. {@code "nearest-exact"}. */
  public String torchName() {
    return torchName;
  }

  /**
   * Number of spatial dimensions the mode requires (1 for linear, 2 for bilinear, bicubic and
   * lanczos, 3 for trilinear), or 0 when it takes 1, 2 or 3.
   */
  public int requiredSpatialDims() {
    return requiredSpatialDims;
  }

  /** True for the modes that accept {@code align_corners}: linear, bilinear, bicubic, trilinear. */
  public boolean isInterpolating() {
    return this == LINEAR || this == BILINEAR || this == BICUBIC || this == TRILINEAR;
  }

  /**
   * True when PyTorch lets {@code align_corners} be passed: the interpolating modes and lanczos
   * (which takes only {@code False}).
   */
  public boolean acceptsAlignCorners() {
    return isInterpolating() || this == LANCZOS;
  }

  /** True for the modes that accept {@code antialias=True}: bilinear, bicubic and lanczos. */
  public boolean acceptsAntialias() {
    return this == BILINEAR || this == BICUBIC || this == LANCZOS;
  }

  /**
   * The mode with PyTorch's name {@code name} (case-insensitive; {@code '_'} is accepted for {@code
   * '-'}).
   *
   * @throws InterpolateException naming the valid modes when {@code name} is not one of them
   */
  public static Mode of(String name) {
    if (name != null) {
      // strip(), not trim(): surrounding white space is forgiven, control characters (\0) are not
      String key = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
      for (Mode m : values()) {
        if (m.torchName.equals(key)) {
          return m;
        }
      }
    }
    throw new InterpolateException(
        "unknown interpolation mode '" + name + "'; valid modes are: " + validNames());
  }

  /** The valid mode names, in PyTorch's spelling, separated by {@code " | "}. */
  public static String validNames() {
    return Arrays.stream(values()).map(Mode::torchName).collect(Collectors.joining(" | "));
  }

  @Override
  public String toString() {
    return torchName;
  }
}
