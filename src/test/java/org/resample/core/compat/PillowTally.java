package org.resample.core.compat;

import java.util.Map;
import java.util.TreeMap;
import org.resample.core.DType;
import org.resample.core.Tensor;

/**
 * Comparison of the profile's outputs with Pillow's, tallied per filter x Pillow mode: elements
 * bit-identical, and the largest difference in ulps of the case's largest |input| (float32) or in
 * grey levels (uint8).
 */
final class PillowTally {
  /** float32 bound, in ulps of max|input| (docs/compat-pillow.md). */
  static final double FLOAT32_ULPS = 8;

  private static final class Row {
    long elements;
    long identical;
    double maxDiff;
    int cases;
  }

  private final Map<String, Row> rows = new TreeMap<>();

  /** Pillow's mode name for a tensor of this dtype and channel count. */
  static String mode(DType dtype, int channels) {
    if (dtype == DType.FLOAT32) {
      return "F";
    }
    return channels == 1 ? "L" : channels == 3 ? "RGB" : "RGBA";
  }

  /**
   * Adds one case; returns its largest difference (grey levels for uint8, ulps of max|input| for
   * float32).
   */
  double add(String filter, Tensor input, Tensor pillow, Tensor ours) {
    String key = filter + " x " + mode(input.dtype(), input.size(1));
    Row r = rows.computeIfAbsent(key, k -> new Row());
    r.cases++;
    double ulp = 1;
    if (input.dtype() == DType.FLOAT32) {
      double maxAbs = 0;
      for (float v : input.floatData()) {
        maxAbs = Math.max(maxAbs, Math.abs(v));
      }
      ulp = Math.ulp((float) Math.max(maxAbs, Float.MIN_NORMAL));
    }
    double worst = 0;
    long n = pillow.numel();
    for (int i = 0; i < n; i++) {
      r.elements++;
      boolean same;
      double d;
      if (input.dtype() == DType.FLOAT32) {
        float a = pillow.floatData()[i];
        float b = ours.floatData()[i];
        same = Float.floatToRawIntBits(a) == Float.floatToRawIntBits(b);
        d = same ? 0 : Float.isNaN(a) || Float.isNaN(b) ? Double.POSITIVE_INFINITY
            : Math.abs((double) a - b) / ulp;
      } else {
        int a = pillow.uint8Data()[i] & 0xFF;
        int b = ours.uint8Data()[i] & 0xFF;
        same = a == b;
        d = Math.abs(a - b);
      }
      if (same) {
        r.identical++;
      }
      worst = Math.max(worst, d);
    }
    r.maxDiff = Math.max(r.maxDiff, worst);
    return worst;
  }

  /** The table: one line per filter x mode. */
  String report() {
    StringBuilder sb = new StringBuilder(
        String.format("%-20s %6s %10s %12s %s%n", "filter x mode", "cases", "elements",
            "identical %", "max diff (uint8: levels, F: ulps of max|input|)"));
    for (Map.Entry<String, Row> e : rows.entrySet()) {
      Row r = e.getValue();
      sb.append(String.format("%-20s %6d %10d %12.4f %s%n", e.getKey(), r.cases, r.elements,
          100.0 * r.identical / Math.max(1, r.elements), r.maxDiff));
    }
    return sb.toString();
  }
}
