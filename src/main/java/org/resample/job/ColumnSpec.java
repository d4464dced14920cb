package org.resample.job;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.resample.core.InterpolateException;
import org.resample.core.InterpolateOptions;
import org.resample.core.Mode;
import org.resample.core.compat.Compat;
import org.resample.core.compat.CompatResize;
import org.resample.spark.operator.Resampler;

/**
 * One {@code --column} spec: which tensor column to resample, how, and where the result goes.
 *
 * <pre>{@code
 * image:size=224x224,mode=bilinear,antialias=true,output=image_224
 * image:size=224,mode=bicubic                      (one value for every spatial axis)
 * volume:scale=0.5x0.5x0.5,mode=trilinear,align_corners=false
 * image:size=224x224,compat=opencv,mode=area          (cv2.resize with INTER_AREA)
 * }</pre>
 */
final class ColumnSpec {
  static final String KEYS =
      "size, scale, mode, align_corners, antialias, recompute_scale_factor, torch_version, max_output_elements,"
          + " compat, half_pixel_centers, reducing_gap, output";

  final String column;
  final String outputColumn;
  final int[] size;
  final double[] scale;
  /** PyTorch's mode; null under another compat. */
  final Mode mode;
  /** Whose resize (PyTorch's by default). */
  final Compat compat;
  /** The mode as the compat's library names it. */
  final String filter;
  final Boolean halfPixelCenters;
  final Double reducingGap;
  final Boolean alignCorners;
  final boolean antialias;
  final Boolean recomputeScaleFactor;
  /** "2" or "1.13" (PyTorch release whose numerics to reproduce), or null for the default. */
  final String torchVersion;
  /** The memory limit of one row's call (the Resampler's maxOutputElements), or null for the default. */
  final Long maxOutputElements;
  private final String text;

  private ColumnSpec(
      String text, String column, String outputColumn, int[] size, double[] scale, Mode mode,
      Boolean alignCorners, boolean antialias, Boolean recomputeScaleFactor, String torchVersion,
      Long maxOutputElements, Compat compat, String filter, Boolean halfPixelCenters,
      Double reducingGap) {
    this.text = text;
    this.column = column;
    this.outputColumn = outputColumn;
    this.size = size;
    this.scale = scale;
    this.mode = mode;
    this.alignCorners = alignCorners;
    this.antialias = antialias;
    this.recomputeScaleFactor = recomputeScaleFactor;
    this.torchVersion = torchVersion;
    this.maxOutputElements = maxOutputElements;
    this.compat = compat;
    this.filter = filter;
    this.halfPixelCenters = halfPixelCenters;
    this.reducingGap = reducingGap;
  }

  /** The same resampling written to another column. */
  ColumnSpec withOutput(String output) {
    return new ColumnSpec(text, column, output, size, scale, mode, alignCorners, antialias,
        recomputeScaleFactor, torchVersion, maxOutputElements, compat, filter, halfPixelCenters,
        reducingGap);
  }

  /** The same resampling of another column (in place). */
  ColumnSpec on(String otherColumn) {
    return new ColumnSpec(text, otherColumn, otherColumn, size, scale, mode, alignCorners, antialias,
        recomputeScaleFactor, torchVersion, maxOutputElements, compat, filter, halfPixelCenters,
        reducingGap);
  }

  /** The same resampling reading another column, written where this spec writes. */
  ColumnSpec reading(String otherColumn) {
    return new ColumnSpec(text, otherColumn, outputColumn, size, scale, mode, alignCorners, antialias,
        recomputeScaleFactor, torchVersion, maxOutputElements, compat, filter, halfPixelCenters,
        reducingGap);
  }

  /** True when the result replaces the input column. */
  boolean inPlace() {
    return outputColumn.equals(column);
  }

  @Override
  public String toString() {
    return text;
  }

  /**
   * Parses {@code NAME:key=value,...}.
   *
   * @param where what to name in errors, e.g. {@code "--column"}
   * @throws JobException (usage) saying what is wrong and what is accepted
   */
  static ColumnSpec parse(String spec, String where) {
    String s = spec.trim();
    int colon = s.indexOf(':');
    if (colon <= 0) {
      throw bad(where, spec, "expected NAME:key=value,... (e.g. image:size=224x224,mode=bilinear)");
    }
    String column = s.substring(0, colon).trim();
    Map<String, String> kv = new LinkedHashMap<>();
    for (String part : s.substring(colon + 1).split(",")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw bad(where, spec, "'" + part.trim() + "' is not key=value; keys: " + KEYS);
      }
      String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT).replace('-', '_');
      String value = part.substring(eq + 1).trim();
      if (!(" " + KEYS.replace(",", " ") + " ").contains(" " + key + " ")) {
        throw bad(where, spec, "unknown key '" + key + "'; keys: " + KEYS);
      }
      if (kv.put(key, value) != null) {
        throw bad(where, spec, "key '" + key + "' is given twice");
      }
    }
    Compat compat = Compat.PYTORCH;
    if (kv.containsKey("compat")) {
      try {
        compat = Compat.of(kv.get("compat"));
      } catch (InterpolateException e) {
        throw bad(where, spec, "unknown compat '" + kv.get("compat") + "'; accepted: " + Compat.validNames());
      }
    }
    if (!kv.containsKey("mode")) {
      throw bad(where, spec, "mode is missing; accepted: mode="
          + (compat == Compat.PYTORCH ? Mode.validNames() : String.join("|", compat.filters())).replace(" ", ""));
    }
    if (!compat.takesTorchModes()) {
      return parseCompat(s, where, spec, column, kv, compat);
    }
    for (String key : new String[] {"half_pixel_centers", "reducing_gap"}) {
      if (kv.containsKey(key)) {
        throw bad(where, spec, key + " goes with compat="
            + (key.equals("reducing_gap") ? "pillow" : "tensorflow-v1") + ", not " + compat.call());
      }
    }
    Mode mode;
    try {
      mode = Mode.of(compat.filter(kv.get("mode")));
    } catch (InterpolateException e) {
      throw bad(where, spec, compat == Compat.PYTORCH
          ? "unknown mode '" + kv.get("mode") + "'; accepted: " + Mode.validNames()
          : e.getMessage());
    }
    if (compat == Compat.MINDSPORE && kv.containsKey("torch_version")) {
      throw bad(where, spec, "torch_version does not apply to compat=mindspore; remove it");
    }
    if (kv.containsKey("size") == kv.containsKey("scale")) {
      throw bad(where, spec, "give exactly one of size=HxW (output size) or scale=FxF (scale factor)");
    }
    int[] size = null;
    double[] scale = null;
    int dims;
    if (kv.containsKey("size")) {
      size = parseSize(kv.get("size"), where, spec);
      dims = size.length;
    } else {
      String[] p = kv.get("scale").split("x", -1);
      scale = new double[p.length];
      for (int i = 0; i < p.length; i++) {
        try {
          scale[i] = Double.parseDouble(p[i].trim());
        } catch (NumberFormatException e) {
          scale[i] = Double.NaN;
        }
        if (!(scale[i] > 0) || Double.isInfinite(scale[i])) {
          throw bad(where, spec, "scale '" + kv.get("scale") + "' must be finite numbers > 0 separated by 'x', e.g. 0.5x0.5");
        }
      }
      dims = scale.length;
    }
    if (dims > 3) {
      throw bad(where, spec, "at most 3 spatial dimensions (W, HxW or DxHxW); got " + dims);
    }
    // One value stands for every spatial axis, as in SQL and the Resampler: size=224 is 224x224
    // for bilinear and bicubic, 224x224x224 for trilinear (so that a (C, D, H, W) sample is read
    // as one); the other modes take the axes from the data.
    if (dims == 1 && mode.requiredSpatialDims() > 1) {
      dims = mode.requiredSpatialDims();
      if (size != null) {
        size = java.util.Collections.nCopies(dims, size[0]).stream().mapToInt(Integer::intValue).toArray();
      } else {
        scale = java.util.Collections.nCopies(dims, scale[0]).stream().mapToDouble(Double::doubleValue).toArray();
      }
    }
    if (mode.requiredSpatialDims() != 0 && mode.requiredSpatialDims() != dims && dims != 1) {
      throw bad(where, spec, "mode " + mode + " resamples " + mode.requiredSpatialDims()
          + " spatial dimension(s) but " + (size != null ? "size" : "scale") + " has " + dims
          + " value(s)" + modeHint(dims));
    }
    Boolean alignCorners = bool(kv, "align_corners", where, spec);
    if (alignCorners != null && !mode.acceptsAlignCorners()) {
      throw bad(where, spec, "align_corners can only be set with the interpolating modes "
          + "(linear, bilinear, bicubic, trilinear), not " + mode);
    }
    if (mode == Mode.LANCZOS && Boolean.TRUE.equals(alignCorners)) {
      throw bad(where, spec, "mode lanczos does not support align_corners=true (PyTorch's rule)");
    }
    Boolean antialias = bool(kv, "antialias", where, spec);
    if (Boolean.TRUE.equals(antialias) && compat == Compat.MINDSPORE) {
      throw bad(where, spec, "antialias does not apply to compat=mindspore (mindspore.ops.interpolate has none)");
    }
    if (Boolean.TRUE.equals(antialias) && !mode.acceptsAntialias()) {
      throw bad(where, spec,
          "antialias is only supported with mode bilinear, bicubic or lanczos, not " + mode);
    }
    if (mode == Mode.LANCZOS && !Boolean.TRUE.equals(antialias)) {
      throw bad(where, spec,
          "mode lanczos requires antialias=true (PyTorch's rule); add antialias=true");
    }
    Boolean recompute = bool(kv, "recompute_scale_factor", where, spec);
    if (recompute != null && scale == null) {
      throw bad(where, spec, "recompute_scale_factor goes with scale=..., not size=...");
    }
    String tv = kv.get("torch_version");
    if (tv != null && !tv.equals("2") && !tv.equals("1.13")) {
      throw bad(where, spec, "torch_version '" + tv + "' is not one of: 2 | 1.13");
    }
    Long maxOut = maxOutputElements(kv, where, spec);
    String output = kv.getOrDefault("output", column);
    if (column.isEmpty() || output.isEmpty()) {
      throw bad(where, spec, "column names must not be empty");
    }
    return new ColumnSpec(s, column, output, size, scale, mode, alignCorners,
        Boolean.TRUE.equals(antialias), recompute, tv, maxOut, compat, mode.torchName(), null, null);
  }

  /** {@code size=HxW...}: positive integers separated by 'x'. */
  private static int[] parseSize(String text, String where, String spec) {
    String[] p = text.split("x", -1);
    int[] size = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      try {
        size[i] = Integer.parseInt(p[i].trim());
      } catch (NumberFormatException e) {
        size[i] = -1;
      }
      if (size[i] < 1) {
        throw bad(where, spec, "size '" + text + "' must be positive integers separated by 'x', e.g. 224x224");
      }
    }
    return size;
  }

  /**
   * A spec with another library's resize: the mode is its filter, the size is (H, W) or one value
   * for both, and the arguments are checked by the core's compat rules (which apply to which
   * library).
   */
  private static ColumnSpec parseCompat(
      String s, String where, String spec, String column, Map<String, String> kv, Compat compat) {
    String filter;
    try {
      filter = compat.filter(kv.get("mode"));
    } catch (InterpolateException e) {
      throw bad(where, spec, e.getMessage());
    }
    if (kv.containsKey("scale")) {
      throw bad(where, spec, "compat=" + compat + " takes size=HxW (" + compat.call()
          + " has no scale factor here); give the output size instead of scale=...");
    }
    if (!kv.containsKey("size")) {
      throw bad(where, spec, "give size=HxW (the output size)");
    }
    int[] size = parseSize(kv.get("size"), where, spec);
    if (size.length == 1) {
      size = new int[] {size[0], size[0]};
    }
    Boolean alignCorners = bool(kv, "align_corners", where, spec);
    Boolean antialias = bool(kv, "antialias", where, spec);
    Boolean halfPixelCenters = bool(kv, "half_pixel_centers", where, spec);
    Double gap = null;
    if (kv.containsKey("reducing_gap")) {
      try {
        gap = Double.parseDouble(kv.get("reducing_gap"));
      } catch (NumberFormatException e) {
        gap = Double.NaN;
      }
      if (!(gap >= 1.0) || gap.isInfinite()) {
        throw bad(where, spec, "reducing_gap '" + kv.get("reducing_gap") + "' is not a number >= 1.0 (Pillow's rule)");
      }
    }
    for (String key : new String[] {"recompute_scale_factor", "torch_version"}) {
      if (kv.containsKey(key)) {
        throw bad(where, spec, key + " does not apply to compat=" + compat + " (" + compat.call()
            + " is not PyTorch's interpolate); remove it");
      }
    }
    try {
      CompatResize.checkOptions(
          InterpolateOptions.builder()
              .compat(compat, filter)
              .size(size)
              .alignCorners(alignCorners)
              .antialias(Boolean.TRUE.equals(antialias))
              .halfPixelCenters(halfPixelCenters)
              .reducingGap(gap)
              .build());
    } catch (InterpolateException e) {
      throw bad(where, spec, e.getMessage());
    }
    Long maxOut = maxOutputElements(kv, where, spec);
    String output = kv.getOrDefault("output", column);
    if (column.isEmpty() || output.isEmpty()) {
      throw bad(where, spec, "column names must not be empty");
    }
    return new ColumnSpec(s, column, output, size, null, null, alignCorners,
        Boolean.TRUE.equals(antialias), null, null, maxOut, compat, filter, halfPixelCenters, gap);
  }

  private static Long maxOutputElements(Map<String, String> kv, String where, String spec) {
    Long maxOut = null;
    if (kv.containsKey("max_output_elements")) {
      String m = kv.get("max_output_elements");
      maxOut = m.matches("[0-9]{1,10}") ? Long.valueOf(m) : -1L;
      if (maxOut < 0 || maxOut > Integer.MAX_VALUE - 8) {
        throw bad(where, spec, "max_output_elements '" + m + "' is not an integer from 0 to " + (Integer.MAX_VALUE - 8)
            + " (the memory limit of one row's call, in elements of its dtype)");
      }
    }
    return maxOut;
  }

  private static String modeHint(int dims) {
    switch (dims) {
      case 2:
        return "; for 2 values use bilinear or bicubic (or nearest, nearest-exact, area)";
      default:
        return "; for 3 values use trilinear (or nearest, nearest-exact, area)";
    }
  }

  private static Boolean bool(Map<String, String> kv, String key, String where, String spec) {
    String v = kv.get(key);
    if (v == null) {
      return null;
    }
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.valueOf(v.toLowerCase(Locale.ROOT));
    }
    throw bad(where, spec, key + " '" + v + "' is not one of: true | false");
  }

  private static JobException bad(String where, String spec, String problem) {
    return new JobException(ResampleJob.EXIT_USAGE, where + " '" + spec + "': " + problem);
  }
}
