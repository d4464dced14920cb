package org.resample.core.compat;

import java.util.Locale;

/**
 * Pillow's resampling filters ({@code PIL.Image.Resampling}) and their kernels, as
 * {@code libImaging/Resample.c} defines them: support radius at scale 1 and the weight function.
 * NEAREST has no kernel; Pillow sends it down a separate path (an affine nearest transform).
 *
 * <p>sin and cos are {@link Math}'s, not {@link StrictMath}'s: on HotSpot x86-64 they agree with
 * the C library Pillow is built against on every fixture, where StrictMath's differed in the last
 * bit for a few lanczos weights (visible only in float32 outputs that cancel to near zero).
 */
enum PillowFilter {
  NEAREST(0.0),
  BOX(0.5),
  BILINEAR(1.0),
  HAMMING(1.0),
  BICUBIC(2.0),
  LANCZOS(3.0);

  /** Pillow's constant -0.5 of the bicubic convolution kernel. */
  private static final double CUBIC_A = -0.5;

  /** Support radius at scale 1 ({@code filter.support}; Image.py's {@code _filters_support}). */
  final double support;

  PillowFilter(double support) {
    this.support = support;
  }

  /** The kernel's weight at distance {@code x} (in units of the output pixel). */
  double weight(double x) {
    switch (this) {
      case BOX:
        return x > -0.5 && x <= 0.5 ? 1.0 : 0.0;
      case BILINEAR:
        x = Math.abs(x);
        return x < 1.0 ? 1.0 - x : 0.0;
      case HAMMING:
        {
          x = Math.abs(x);
          if (x == 0.0) {
            return 1.0;
          }
          if (x >= 1.0) {
            return 0.0;
          }
          x = x * Math.PI;
          // Pillow writes the window's constants as C floats (0.54f, 0.46f).
          return Math.sin(x) / x * ((double) 0.54f + (double) 0.46f * Math.cos(x));
        }
      case BICUBIC:
        x = Math.abs(x);
        if (x < 1.0) {
          return ((CUBIC_A + 2.0) * x - (CUBIC_A + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
          return (((x - 5) * x + 8) * x - 4) * CUBIC_A;
        }
        return 0.0;
      case LANCZOS:
        return -3.0 <= x && x < 3.0 ? sinc(x) * sinc(x / 3) : 0.0;
      default:
        throw new IllegalStateException("NEAREST has no resampling kernel");
    }
  }

  private static double sinc(double x) {
    if (x == 0.0) {
      return 1.0;
    }
    x = x * Math.PI;
    return Math.sin(x) / x;
  }

  /**
   * The filter named {@code name}: one of nearest, box, bilinear, hamming, bicubic, lanczos, in any
   * case, optionally written as Pillow spells the constant ({@code Resampling.BILINEAR}, {@code
   * Image.Resampling.BILINEAR}).
   */
  static PillowFilter parse(String name) {
    if (name == null) {
      throw PillowResize.error(
          "resampling filter must not be null; " + names());
    }
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.startsWith("image.")) {
      n = n.substring("image.".length());
    }
    if (n.startsWith("resampling.")) {
      n = n.substring("resampling.".length());
    }
    for (PillowFilter f : values()) {
      if (f.name().toLowerCase(Locale.ROOT).equals(n)) {
        return f;
      }
    }
    throw PillowResize.error("Unknown resampling filter (" + name + "). " + names());
  }

  private static String names() {
    return "use nearest, box, bilinear, hamming, bicubic or lanczos (Pillow's Image.Resampling"
        + " names, any case, e.g. \"bicubic\" or \"Resampling.BICUBIC\")";
  }
}
