package org.resample.spark.codec;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.unsafe.types.UTF8String;
import org.resample.core.DType;
import org.resample.core.InterpolateException;
import org.resample.core.InterpolateOptions;
import org.resample.core.Mode;
import org.resample.core.TorchVersion;
import org.resample.core.compat.Compat;
import org.resample.core.compat.CompatResize;
import org.resample.spark.codec.TensorTypes.Kind;
import org.resample.spark.Errors;
import org.resample.spark.ResampleSqlException;

/**
 * The validated {@code mode} and {@code options} of one function call. Parsed once per distinct
 * (mode, options) pair and cached per thread, so a literal mode and options map costs nothing per
 * row.
 */
public final class CallSettings {
  /** Option keys and their valid values, in the order messages list them. */
  public static final Map<String, String> VALID_OPTIONS = new LinkedHashMap<>();

  static {
    VALID_OPTIONS.put("align_corners", "'true' | 'false'");
    VALID_OPTIONS.put("recompute_scale_factor", "'true' | 'false'");
    VALID_OPTIONS.put("antialias", "'true' | 'false'");
    VALID_OPTIONS.put("on_error", "'fail' | 'null'");
    VALID_OPTIONS.put("torch_version", "'2' | '1.13'");
    VALID_OPTIONS.put(
        "compat",
        "'" + Compat.validNames().replace(" | ", "' | '")
            + "' (whose resize to reproduce; the mode is then that library's filter)");
    VALID_OPTIONS.put("half_pixel_centers", "'true' | 'false' (compat 'tensorflow-v1')");
    VALID_OPTIONS.put("reducing_gap", "a number >= 1.0 (compat 'pillow')");
    VALID_OPTIONS.put("column", "any name, used in error messages");
    VALID_OPTIONS.put(
        "max_output_elements",
        "an integer from 0 to what one Spark row holds: " + RowCodec.maxRowElements(DType.FLOAT32)
            + " for float32, " + RowCodec.maxRowElements(DType.FLOAT64) + " for float64, "
            + RowCodec.maxRowElements(DType.UINT8) + " for uint8 and images");
  }

  /**
   * Default memory limit of one row's call, in elements of its dtype (2^26: 256 MiB of float32):
   * the result plus the index/weight tables and intermediates the call allocates (see {@link
   * InterpolateOptions#maxOutputElements()}). A row asking for more (for example scale_factor 1e9,
   * or a very long bicubic axis) is a row error instead of an executor OutOfMemoryError.
   */
  public static final long DEFAULT_MAX_OUTPUT_ELEMENTS = 1L << 26;

  final String function;
  /** PyTorch's mode; null under another compat. */
  final Mode mode;
  final Compat compat;
  /** The mode as the compat's library names it (PyTorch's mode name under compat pytorch). */
  final String filter;
  final Boolean halfPixelCenters;
  final Double reducingGap;
  final Boolean alignCorners;
  final Boolean recomputeScaleFactor;
  final boolean antialias;
  final boolean nullOnError;
  final TorchVersion torchVersion;
  public final long maxOutputElements;
  /** "function(column)" or "function" when the column is not known: the prefix of row errors. */
  public final String where;

  private CallSettings(String function, String modeName, Map<String, String> options) {
    this.function = function;
    Boolean ac = null;
    Boolean hpc = null;
    Double gap = null;
    Compat cp = Compat.PYTORCH;
    Boolean rsf = null;
    boolean aa = false;
    boolean nul = false;
    TorchVersion tv = TorchVersion.V2;
    String column = null;
    long maxOut = DEFAULT_MAX_OUTPUT_ELEMENTS;
    Map<String, String> given = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : options.entrySet()) {
      String key = e.getKey() == null ? null : e.getKey().trim().toLowerCase(Locale.ROOT);
      String value = e.getValue();
      if (key == null || !VALID_OPTIONS.containsKey(key)) {
        throw Errors.badOption(
            function,
            "unknown option '" + e.getKey() + "'; valid options are: " + validList());
      }
      String before = given.put(key, e.getKey());
      if (before != null) {
        throw Errors.badOption(
            function,
            "option '" + key + "' is given twice (as '" + before + "' and '" + e.getKey()
                + "'; keys are case-insensitive); give it once");
      }
      if (value == null) {
        throw Errors.badOption(
            function,
            "option '" + key + "' is NULL; valid values: " + VALID_OPTIONS.get(key));
      }
      String v = value.trim().toLowerCase(Locale.ROOT);
      switch (key) {
        case "align_corners":
          ac = bool(function, key, value, v);
          break;
        case "recompute_scale_factor":
          rsf = bool(function, key, value, v);
          break;
        case "antialias":
          aa = bool(function, key, value, v);
          break;
        case "half_pixel_centers":
          hpc = bool(function, key, value, v);
          break;
        case "compat":
          try {
            cp = Compat.of(v);
          } catch (InterpolateException ex) {
            throw badValue(function, key, value);
          }
          break;
        case "reducing_gap":
          try {
            gap = Double.parseDouble(v);
          } catch (NumberFormatException ex) {
            gap = Double.NaN;
          }
          if (!(gap >= 1.0) || gap.isInfinite()) {
            throw badValue(function, key, value);
          }
          break;
        case "on_error":
          if (v.equals("fail")) {
            nul = false;
          } else if (v.equals("null")) {
            nul = true;
          } else {
            throw badValue(function, key, value);
          }
          break;
        case "torch_version":
          if (v.matches("2(\\.[0-9]+){0,2}")) {
            tv = TorchVersion.V2;
          } else if (v.matches("1\\.13(\\.[0-9]+)?")) {
            tv = TorchVersion.V1_13;
          } else {
            throw badValue(function, key, value);
          }
          break;
        case "max_output_elements":
          try {
            maxOut = v.matches("[0-9]+") ? Long.parseLong(v) : -1;
          } catch (NumberFormatException ex) {
            maxOut = -1;
          }
          if (maxOut < 0 || maxOut > RowCodec.MAX_ELEMENTS) {
            throw badValue(function, key, value);
          }
          break;
        default: // column
          if (value.trim().isEmpty()) {
            throw badValue(function, key, value);
          }
          column = value.trim();
      }
    }
    this.alignCorners = ac;
    this.recomputeScaleFactor = rsf;
    this.antialias = aa;
    this.nullOnError = nul;
    this.torchVersion = tv;
    this.maxOutputElements = maxOut;
    this.where = column == null ? function : function + "(" + column + ")";
    this.compat = cp;
    this.halfPixelCenters = hpc;
    this.reducingGap = gap;
    try {
      this.filter = cp.filter(modeName);
    } catch (InterpolateException e) {
      throw Errors.badOption(cp == Compat.PYTORCH ? function : where, e.getMessage());
    }
    this.mode = cp.takesTorchModes() ? Mode.of(filter) : null;
    try {
      CompatResize.checkOptions(template(null));
    } catch (InterpolateException e) {
      throw Errors.badOption(where, e.getMessage());
    }
  }

  /**
   * The core's options of a call on {@code dtype} tensors (null: no memory limit decided yet) with
   * these settings, before its size or scale factor is added (a size of 1 until then).
   */
  InterpolateOptions.Builder builder(DType dtype) {
    InterpolateOptions.Builder b =
        InterpolateOptions.builder()
            .compat(compat, filter)
            .alignCorners(alignCorners)
            .recomputeScaleFactor(recomputeScaleFactor)
            .antialias(antialias)
            .torchVersion(torchVersion)
            .halfPixelCenters(halfPixelCenters)
            .reducingGap(reducingGap)
            .size(1);
    return dtype == null ? b : b.maxOutputElements(maxOutputElements(dtype));
  }

  private InterpolateOptions template(double[] scale) {
    InterpolateOptions.Builder b = builder(null);
    return scale == null ? b.build() : b.size((int[]) null).scaleFactor(scale).build();
  }

  /** The mode as messages name it: {@code "bilinear"}, or {@code "lanczos4 (compat opencv)"}. */
  public String modeText() {
    return Ops.modeText(compat, filter);
  }

  /** Bits of (kind, form) pairs {@link #checkCall} found good. */
  private int checkedCalls;

  /**
   * Checks these settings against the tensor kind a function is bound to and its form (size or
   * scale factor): a setting, not a row, so it fails the query whatever on_error says. A compat
   * profile takes a size only; TensorFlow's float32 results (every method but nearest) do not fit
   * a uint8 or image column.
   *
   * @throws ResampleSqlException when they do not fit
   */
  public void checkCall(Kind kind, boolean scaleForm) {
    int bit = 1 << (kind.ordinal() * 2 + (scaleForm ? 1 : 0));
    if ((checkedCalls & bit) != 0 || compat == Compat.PYTORCH) {
      return;
    }
    if (scaleForm) {
      try {
        CompatResize.checkOptions(template(new double[] {1}));
      } catch (InterpolateException e) {
        throw Errors.badOption(
            where, e.getMessage() + " (call " + function.replace("interpolate_scale", "interpolate")
                + " with the output size)");
      }
    }
    String problem = compat.dtypeProblem(kind.dtype);
    if (problem == null) {
      problem = resultTypeProblem(compat, filter, kind.dtype);
    }
    if (problem != null) {
      throw Errors.badOption(where, problem);
    }
    checkedCalls |= bit;
  }

  /**
   * Why a {@code dtype} column cannot hold the results of {@code compat}'s {@code filter}, or
   * null: a column keeps its type, so TensorFlow's float32 results fit float32 and float64 columns
   * (widened exactly) but not uint8 ones or images.
   */
  public static String resultTypeProblem(Compat compat, String filter, DType dtype) {
    DType out = compat.outputDType(dtype, filter);
    if (out == dtype || (out == DType.FLOAT32 && dtype == DType.FLOAT64)) {
      return null;
    }
    return "compat '" + compat + "' with mode '" + filter + "' returns " + out + " (as "
        + compat.call() + " does) and this column holds " + dtype + "; use mode 'nearest', which"
        + " keeps " + dtype + ", or resample float32 tensors";
  }

  /**
   * The memory limit of a call on {@code dtype} tensors: {@code max_output_elements}, which must not
   * ask for more than one Spark row holds of that dtype.
   *
   * @throws ResampleSqlException when it does
   */
  public long maxOutputElements(DType dtype) {
    return RowCodec.rowLimit(function, "max_output_elements", maxOutputElements, dtype);
  }

  private static boolean bool(String function, String key, String raw, String v) {
    if (v.equals("true")) {
      return true;
    }
    if (v.equals("false")) {
      return false;
    }
    throw badValue(function, key, raw);
  }

  private static ResampleSqlException badValue(String function, String key, String raw) {
    return Errors.badOption(
        function,
        "invalid value '" + raw + "' for option '" + key + "'; valid values: "
            + VALID_OPTIONS.get(key));
  }

  public static String validList() {
    return String.join(", ", VALID_OPTIONS.keySet());
  }

  /** Parses (uncached) a mode name and an options map given as Java values. */
  public static CallSettings of(String function, String mode, Map<String, String> options) {
    return new CallSettings(function, mode, options == null ? Map.of() : options);
  }

  /** Parses a mode and options map given as Spark internal values. */
  public static CallSettings of(String function, UTF8String mode, MapData options) {
    return of(function, mode.toString(), toJava(options));
  }

  public static Map<String, String> toJava(MapData options) {
    Map<String, String> m = new LinkedHashMap<>();
    if (options != null) {
      ArrayData k = options.keyArray();
      ArrayData v = options.valueArray();
      for (int i = 0; i < options.numElements(); i++) {
        m.put(
            k.isNullAt(i) ? null : k.getUTF8String(i).toString(),
            v.isNullAt(i) ? null : v.getUTF8String(i).toString());
      }
    }
    return m;
  }

  // -------------------------------------------------------------------------------------------
  // Per-thread cache of the last parsed call: literal arguments are the same objects every row.

  private static final class Last {
    String function;
    UTF8String mode;
    MapData options;
    String[] optionText;
    CallSettings settings;
  }

  private static final ThreadLocal<Last> LAST = ThreadLocal.withInitial(Last::new);

  static CallSettings cached(String function, UTF8String mode, MapData options) {
    Last last = LAST.get();
    if (last.settings != null
        && last.function.equals(function)
        && (last.mode == mode || last.mode.equals(mode))
        && (last.options == options || sameOptions(last.optionText, options))) {
      last.options = options;
      return last.settings;
    }
    CallSettings s = of(function, mode, options);
    last.function = function;
    last.mode = mode.clone();
    last.options = options;
    last.optionText = flatten(options);
    last.settings = s;
    return s;
  }

  private static String[] flatten(MapData options) {
    if (options == null) {
      return null;
    }
    String[] out = new String[options.numElements() * 2];
    ArrayData k = options.keyArray();
    ArrayData v = options.valueArray();
    for (int i = 0; i < options.numElements(); i++) {
      out[2 * i] = k.isNullAt(i) ? null : k.getUTF8String(i).toString();
      out[2 * i + 1] = v.isNullAt(i) ? null : v.getUTF8String(i).toString();
    }
    return out;
  }

  private static boolean sameOptions(String[] text, MapData options) {
    return Arrays.equals(text, flatten(options));
  }
}
