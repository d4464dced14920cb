package org.resample.core.compat;

import java.util.Locale;
import org.resample.core.InterpolateException;

/** The {@code cv2.INTER_*} flags the OpenCV profile reproduces, with the names it accepts. */
enum OpenCvInterpolation {
  NEAREST("nearest", "INTER_NEAREST"),
  NEAREST_EXACT("nearest_exact", "INTER_NEAREST_EXACT"),
  LINEAR("linear", "INTER_LINEAR"),
  CUBIC("cubic", "INTER_CUBIC"),
  AREA("area", "INTER_AREA"),
  LANCZOS4("lanczos4", "INTER_LANCZOS4");

  final String shortName;
  final String cvName;

  OpenCvInterpolation(String shortName, String cvName) {
    this.shortName = shortName;
    this.cvName = cvName;
  }

  /** Parses a short name ("linear") or an OpenCV flag name ("INTER_LINEAR"), ignoring case. */
  static OpenCvInterpolation parse(String name) {
    if (name == null) {
      throw new InterpolateException(
          "OpenCV resize: interpolation must not be null; use one of " + choices());
    }
    String key = name.trim().toLowerCase(Locale.ROOT);
    for (OpenCvInterpolation f : values()) {
      if (f.shortName.equals(key) || f.cvName.toLowerCase(Locale.ROOT).equals(key)) {
        return f;
      }
    }
    throw new InterpolateException(
        "OpenCV resize: unknown interpolation '"
            + name
            + "' (OpenCV: \"Unknown interpolation method\"); use one of "
            + choices()
            + " (INTER_LINEAR_EXACT, INTER_MAX and the WARP_* flags are not resize filters of"
            + " this profile)");
  }

  private static String choices() {
    StringBuilder b = new StringBuilder();
    for (OpenCvInterpolation f : values()) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(f.shortName).append('/').append(f.cvName);
    }
    return b.toString();
  }
}
