package org.resample.core.compat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.resample.core.DType;
import org.resample.core.Tensor;

/**
 * One TensorFlow case (as the fixtures' and the live test's jsonl describe it) run through {@link
 * TensorFlowResize}, and the per-group tallies of how close the result is to TensorFlow's.
 */
final class TensorFlowComparison {
  /** float32 results may differ from TensorFlow by this many ulps of max|input| (as float32). */
  static final int FLOAT32_TOLERANCE_ULPS = 8;

  /** Tallies per group (api / method / flags / dtype). */
  final Map<String, Tally> groups = new TreeMap<>();

  static final class Tally {
    long elements;
    long identical;
    double maxUlps;
    String worst = "";

    @Override
    public String toString() {
      return String.format(
          "%6.2f%% bit-identical, max %.2f ulp of max|input| (%d elements)%s",
          100.0 * identical / Math.max(1, elements), maxUlps, elements, worst);
    }
  }

  /** Runs our side of a case. */
  static Tensor ours(Map<String, Object> c, Tensor input) {
    List<?> out = (List<?>) c.get("out");
    int h = ((Number) out.get(0)).intValue();
    int w = ((Number) out.get(1)).intValue();
    String method = (String) c.get("method");
    if ("v2".equals(c.get("api"))) {
      return TensorFlowResize.resize(input, h, w, method, (Boolean) c.get("antialias"));
    }
    return TensorFlowResize.resizeV1(
        input, h, w, method, (Boolean) c.get("align_corners"), (Boolean) c.get("half_pixel_centers"));
  }

  static String group(Map<String, Object> c) {
    String flags =
        "v2".equals(c.get("api"))
            ? "antialias=" + c.get("antialias")
            : "align_corners=" + c.get("align_corners") + ",half_pixel=" + c.get("half_pixel_centers");
    return c.get("api") + " " + c.get("method") + " " + flags + " " + c.get("dtype");
  }


  /**
   * Compares ours with TensorFlow's output; returns a description of the first failure (wrong
   * dtype or shape, a non-exact uint8/float64 value, or a float32 value more than {@code
   * toleranceUlps} ulps of max|input| away; 0 demands bit-identical float32), or null.
   */
  String compare(Map<String, Object> c, Tensor input, Tensor tf, Tensor ours, double toleranceUlps) {
    String id = String.valueOf(c.get("id"));
    if (ours.dtype() != tf.dtype()) {
      return id + ": dtype " + ours.dtype() + ", TensorFlow gives " + tf.dtype();
    }
    if (!java.util.Arrays.equals(ours.shape(), tf.shape())) {
      return id + ": shape " + java.util.Arrays.toString(ours.shape());
    }
    double maxAbs = 0;
    for (int i = 0; i < input.numel(); i++) {
      maxAbs = Math.max(maxAbs, Math.abs(value(input, i)));
    }
    double ulp = Math.ulp((float) Math.max(maxAbs, Float.MIN_NORMAL));
    Tally t = groups.computeIfAbsent(group(c), k -> new Tally());
    String failure = null;
    for (int i = 0; i < tf.numel(); i++) {
      double a = value(ours, i);
      double b = value(tf, i);
      t.elements++;
      boolean same =
          tf.dtype() == DType.FLOAT32
              ? Float.floatToRawIntBits((float) a) == Float.floatToRawIntBits((float) b)
              : Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
      if (same || (Double.isNaN(a) && Double.isNaN(b))) {
        t.identical++;
        continue;
      }
      // A NaN on one side only, an infinity against a finite value, or any difference in a
      // non-float32 output, is infinitely far.
      double diff = Math.abs(a - b);
      double ulps =
          tf.dtype() == DType.FLOAT32 && !Double.isNaN(diff) && !Double.isInfinite(diff)
              ? Math.max(diff / ulp, Double.MIN_VALUE)
              : Double.POSITIVE_INFINITY;
      if (ulps > t.maxUlps) {
        t.maxUlps = ulps;
        t.worst = " [worst " + id + " @" + i + ": ours " + a + ", TF " + b + "]";
      }
      if (failure == null && ulps > toleranceUlps) {
        failure = id + " " + group(c) + " element " + i + ": ours " + a + ", TensorFlow " + b;
      }
    }
    return failure;
  }

  static double value(Tensor t, int i) {
    switch (t.dtype()) {
      case FLOAT32:
        return t.floatData()[i];
      case FLOAT64:
        return t.doubleData()[i];
      default:
        return t.uint8Data()[i] & 0xFF;
    }
  }

  String report() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Tally> e : groups.entrySet()) {
      sb.append(String.format("%-60s %s%n", e.getKey(), e.getValue()));
    }
    return sb.toString();
  }
}
