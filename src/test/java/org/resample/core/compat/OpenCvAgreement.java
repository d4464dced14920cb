package org.resample.core.compat;

import java.util.Map;
import java.util.TreeMap;
import org.resample.core.DType;
import org.resample.core.Tensor;

/**
 * Agreement of the OpenCV profile with OpenCV, per "filter/dtype": the share of bit-identical
 * elements and the largest difference, in units of the last place of the case's max|input| for
 * floats (the profile's bound) and in grey levels for uint8 (which must be 0).
 */
final class OpenCvAgreement {
  /** Float bound: differences of at most this many ulps of max|input|. */
  static final double FLOAT_BOUND_ULPS = 8;

  /**
   * float64 INTER_LINEAR: opencv-python runs it through IPP, whose double arithmetic the profile
   * follows to within this many ulps of max|input| (about 4e-12 on 0..255 images).
   */
  static final double FLOAT64_LINEAR_BOUND_ULPS = 128;

  /**
   * The largest difference allowed for "filter/dtype": 0 for uint8 except INTER_CUBIC, where
   * opencv-python's IPP rounds its own float result and values within about 1e-4 of a rounding
   * tie may land one grey level apart; float bounds in ulps of max|input|.
   */
  static double bound(String filter, DType dtype) {
    switch (dtype) {
      case UINT8:
        return filter.equals("cubic") ? 1 : 0;
      case FLOAT64:
        return filter.equals("linear") ? FLOAT64_LINEAR_BOUND_ULPS : FLOAT_BOUND_ULPS;
      default:
        return FLOAT_BOUND_ULPS;
    }
  }

  /** Smallest share of bit-identical uint8 elements allowed for INTER_CUBIC. */
  static final double UINT8_CUBIC_MIN_IDENTICAL = 0.9999;

  static final class Row {
    long elements;
    long identical;
    double maxUlps;
    String worst = "";
  }

  private final Map<String, Row> rows = new TreeMap<>();

  /** Compares one case; returns the largest difference of this case (levels or ulps). */
  double add(String key, String what, Tensor input, Tensor expected, Tensor actual) {
    Row r = rows.computeIfAbsent(key, k -> new Row());
    double worst = 0;
    int n = (int) expected.numel();
    double unit = unit(input);
    for (int i = 0; i < n; i++) {
      double e = expected.getAsDouble(i);
      double a = actual.getAsDouble(i);
      boolean same = input.dtype() == DType.FLOAT32
          ? Float.floatToIntBits((float) e) == Float.floatToIntBits((float) a)
          : Double.doubleToLongBits(e) == Double.doubleToLongBits(a);
      if (same) {
        r.identical++;
        continue;
      }
      double d = Double.isNaN(e) && Double.isNaN(a) ? 0 : Math.abs(e - a) / unit;
      if (Double.isNaN(d)) {
        d = Double.POSITIVE_INFINITY;
      }
      worst = Math.max(worst, d);
    }
    r.elements += n;
    if (worst > r.maxUlps) {
      r.maxUlps = worst;
      r.worst = what;
    }
    return worst;
  }

  /** One ulp of max|input| for floats (at least that of 1.0), one grey level for uint8. */
  static double unit(Tensor input) {
    if (input.dtype() == DType.UINT8) {
      return 1;
    }
    double max = 1;
    for (int i = 0; i < input.numel(); i++) {
      max = Math.max(max, Math.abs(input.getAsDouble(i)));
    }
    return input.dtype() == DType.FLOAT32 ? Math.ulp((float) max) : Math.ulp(max);
  }

  Map<String, Row> rows() {
    return rows;
  }

  String table() {
    StringBuilder b = new StringBuilder(
        String.format("%-22s %10s %12s %10s%n", "filter/dtype", "elements", "identical %", "max diff"));
    for (Map.Entry<String, Row> e : rows.entrySet()) {
      Row r = e.getValue();
      b.append(String.format("%-22s %10d %12.4f %10.2f %s%n", e.getKey(), r.elements,
          100.0 * r.identical / r.elements, r.maxUlps, r.worst));
    }
    return b.toString();
  }
}
