package org.resample.spark.codec;

import java.util.Arrays;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.unsafe.types.UTF8String;
import org.resample.core.DType;
import org.resample.core.Interpolate;
import org.resample.core.InterpolateException;
import org.resample.core.InterpolateOptions;
import org.resample.core.Mode;
import org.resample.core.Tensor;
import org.resample.core.compat.Compat;
import org.resample.core.compat.CompatResize;
import org.resample.spark.codec.TensorTypes.Kind;
import org.resample.spark.Errors;
import org.resample.spark.ResampleSqlException;

/**
 * The work behind every function, shared by the catalog functions (internal rows) and the
 * registered UDFs (external rows). Spark-specific decoding lives in {@link RowCodec}; the numbers
 * come from {@link Interpolate}.
 */
public final class Ops {
  private Ops() {}

  public static final String CATALOG_PREFIX = "resample.";

  // -------------------------------------------------------------------------------------------
  // interpolate / interpolate_scale on internal rows (catalog path)

  /** {@code interpolate(t, size INT, mode [, options])}. */
  public static InternalRow interpolate(
      Kind kind, String fn, InternalRow t, int size, UTF8String mode, MapData options) {
    if (t == null || mode == null) {
      return null;
    }
    CallSettings s = CallSettings.cached(fn, mode, options);
    s.checkCall(kind, false);
    return run(kind, s, t, new int[] {size}, null, false);
  }

  /** {@code interpolate(t, size ARRAY<INT>, mode [, options])}. */
  public static InternalRow interpolate(
      Kind kind, String fn, InternalRow t, ArrayData size, UTF8String mode, MapData options) {
    if (t == null || size == null || mode == null) {
      return null;
    }
    CallSettings s = CallSettings.cached(fn, mode, options);
    s.checkCall(kind, false);
    int[] sz;
    try {
      RowCodec.checkNoNulls(size, s.where, "size");
      sz = size.toIntArray();
    } catch (ResampleSqlException e) {
      return fail(s, e);
    }
    return run(kind, s, t, sz, null, true);
  }

  /** {@code interpolate_scale(t, scale DOUBLE, mode [, options])}. */
  public static InternalRow interpolateScale(
      Kind kind, String fn, InternalRow t, double scale, UTF8String mode, MapData options) {
    if (t == null || mode == null) {
      return null;
    }
    CallSettings s = CallSettings.cached(fn, mode, options);
    s.checkCall(kind, true);
    return run(kind, s, t, null, new double[] {scale}, false);
  }

  /** {@code interpolate_scale(t, scale ARRAY<DOUBLE>, mode [, options])}. */
  public static InternalRow interpolateScale(
      Kind kind, String fn, InternalRow t, ArrayData scale, UTF8String mode, MapData options) {
    if (t == null || scale == null || mode == null) {
      return null;
    }
    CallSettings s = CallSettings.cached(fn, mode, options);
    s.checkCall(kind, true);
    double[] sc;
    try {
      RowCodec.checkNoNulls(scale, s.where, "scale_factor");
      sc = scale.toDoubleArray();
    } catch (ResampleSqlException e) {
      return fail(s, e);
    }
    return run(kind, s, t, null, sc, true);
  }

  private static InternalRow run(
      Kind kind, CallSettings s, InternalRow t, int[] size, double[] scale, boolean vector) {
    s.maxOutputElements(kind.dtype); // a setting, not a row: fails the query whatever on_error says
    try {
      if (kind == Kind.IMAGE) {
        Tensor x = RowCodec.readImage(t, s.where);
        return RowCodec.writeImage(RowCodec.imageOrigin(t), resample(s, kind, x, size, scale, vector));
      }
      // The input is only read by the core (the output is always a new array), so the float data
      // can go through a per-thread scratch buffer instead of a new array per row.
      Tensor x = RowCodec.readCanonical(t, kind.dtype, s.where, true);
      if (kind == Kind.UINT8) {
        return RowCodec.writeCanonical(resample(s, kind, x, size, scale, vector)); // its own byte[]
      }
      // Float results are computed straight into the storage of the result's array value; the
      // memory limit keeps them within what one Spark array holds.
      Tensor call = callInput(kind, x, size, scale, vector, s.where);
      InterpolateOptions o = options(s, kind.dtype, size, scale);
      int[] shape;
      try {
        shape = Interpolate.outputShape(call.shape(), call.dtype(), o);
      } catch (InterpolateException e) {
        throw callError(s.where, e, x, size, scale, s.modeText());
      }
      try {
        return RowCodec.resampledCanonical(
            call, o, (int) RowCodec.numel(shape, s.where), columnShape(shape, call != x), new Object[1]);
      } catch (InterpolateException e) { // a compat profile's own checks, made when it runs
        throw callError(s.where, e, x, size, scale, s.modeText());
      } catch (OutOfMemoryError e) {
        throw Errors.outOfMemory(s.where, x.shape(), e);
      }
    } catch (ResampleSqlException e) {
      return fail(s, e);
    }
  }

  public static <T> T fail(CallSettings s, ResampleSqlException e) {
    if (s.nullOnError) {
      return null;
    }
    throw e;
  }

  /**
   * Resamples {@code x} (already decoded and checked). A size/scale array of length rank - 1 (and
   * every image, a (C, H, W) tensor) is one sample: it runs as N = 1 and the result keeps the
   * input's rank.
   *
   * @throws ResampleSqlException for a call the tensor does not fit
   */
  public static Tensor resample(
      CallSettings s, Kind kind, Tensor x, int[] size, double[] scale, boolean vector) {
    Tensor in = callInput(kind, x, size, scale, vector, s.where);
    Tensor y;
    try {
      y = Interpolate.interpolate(in, options(s, x.dtype(), size, scale));
    } catch (InterpolateException e) {
      throw callError(s.where, e, x, size, scale, s.modeText());
    } catch (OutOfMemoryError e) { // within its limit, but other rows share the heap
      throw Errors.outOfMemory(s.where, x.shape(), e);
    }
    return callOutput(inDType(y, x.dtype()), in != x);
  }

  /**
   * A result in the column's dtype: a compat profile's float32 result (TensorFlow's) widened,
   * exactly, for a float64 column; any other result as it is.
   */
  public static Tensor inDType(Tensor y, DType dtype) {
    if (y.dtype() == dtype || y.dtype() != DType.FLOAT32 || dtype != DType.FLOAT64) {
      return y;
    }
    float[] f = y.floatData();
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return Tensor.ofDouble(d, y.shape());
  }

  /**
   * What is wrong with the arguments of a call whatever the tensor's sizes, or null: the number of
   * size or scale values against the mode, the values themselves, and align_corners, antialias and
   * recompute_scale_factor against the mode and the size form (with PyTorch's messages where it has
   * them). The rest depends on each row's real shape and is checked against it.
   *
   * @param given how many size or scale values there are
   * @param axes the spatial axes every call has (given, for a vector form or an image), or 0 when
   *     one value stands for the axes of each row's own rank
   */
  public static String argumentProblem(InterpolateOptions o, int given, int axes) {
    Mode mode = o.mode();
    String what = o.size() != null ? "size" : "scale_factor";
    if (given < 1 || given > 3) {
      return what + " needs 1 to 3 values (one per spatial axis, or one for all), got " + given;
    }
    if (o.compat() == Compat.MINDSPORE) {
      try {
        CompatResize.checkOptions(o); // then PyTorch's rules, which MindSpore's narrow per row
      } catch (InterpolateException e) {
        return e.getMessage();
      }
    } else if (o.compat() != Compat.PYTORCH) {
      return compatProblem(o, axes);
    }
    if (o.size() != null) {
      for (int v : o.size()) {
        if (v < 0 || (v == 0 && mode != Mode.AREA)) {
          return "size " + Arrays.toString(o.size()) + " must be positive integers";
        }
      }
    } else {
      for (double v : o.scaleFactor()) {
        if (!(v > 0 || (mode == Mode.AREA && v == 0)) || Double.isInfinite(v)) {
          return "scale_factor " + Arrays.toString(o.scaleFactor()) + " must be finite numbers > 0";
        }
      }
    }
    if (o.alignCorners() != null && !mode.acceptsAlignCorners()) {
      return "align_corners option can only be set with the interpolating modes: linear | bilinear"
          + " | bicubic | trilinear";
    }
    if (Boolean.TRUE.equals(o.recomputeScaleFactor()) && o.size() != null) {
      return "recompute_scale_factor is not meaningful with an explicit size.";
    }
    int k = axes > 0 ? axes : mode.requiredSpatialDims();
    if (o.antialias() && (!mode.acceptsAntialias() || (k != 0 && k != 2))) {
      return "Anti-alias option is restricted to bilinear, bicubic, and lanczos modes and requires a"
          + " 4-D tensor as input";
    }
    if (mode == Mode.LANCZOS && (k == 0 || k == 2)) {
      // every rank refuses it: 4-D by these two rules, 3-D and 5-D by lanczos' rank
      if (Boolean.TRUE.equals(o.alignCorners())) {
        return "Lanczos mode does not support align_corners=True";
      }
      if (!o.antialias()) {
        return "Lanczos mode requires antialias=True";
      }
    }
    if (k != 0 && mode.requiredSpatialDims() != 0 && mode.requiredSpatialDims() != k) {
      return "mode " + mode + " resamples " + mode.requiredSpatialDims() + " spatial axes (a "
          + (mode.requiredSpatialDims() + 2) + "-D input), but the call has " + k + " (" + what
          + " with " + given + " values)";
    }
    return null;
  }

  private static String compatProblem(InterpolateOptions o, int axes) {
    try {
      CompatResize.checkOptions(o);
    } catch (InterpolateException e) {
      return e.getMessage();
    }
    for (int v : o.size()) {
      if (v < 1) {
        return "size " + Arrays.toString(o.size()) + " must be positive integers";
      }
    }
    if (axes != 0 && axes != 2) {
      return "compat '" + o.compat() + "' resizes images (2 spatial axes, H and W), but the call has "
          + axes;
    }
    return null;
  }

  /**
   * The core's options for a call on {@code dtype} tensors with settings {@code s} and {@code size}
   * or {@code scale}.
   */
  static InterpolateOptions options(CallSettings s, DType dtype, int[] size, double[] scale) {
    InterpolateOptions.Builder b = s.builder(dtype);
    return size != null ? b.size(size).build() : b.size((int[]) null).scaleFactor(scale).build();
  }

  /**
   * The tensor a call runs on: {@code x} itself for an {@code (N, C, d1..dk)} tensor, or {@code x}
   * with N = 1 prepended for one sample: every image (a (C, H, W) tensor), and a tensor of rank k +
   * 1 when {@code vector} and the size/scale array has k values.
   *
   * @throws ResampleSqlException when the array's length fits neither reading
   */
  public static Tensor callInput(
      Kind kind, Tensor x, int[] size, double[] scale, boolean vector, String where) {
    int rank = x.rank();
    int given = vector ? (size != null ? size.length : scale.length) : -1;
    boolean sample = isSample(kind, rank, given, vector);
    if (vector && !sample && given != rank - 2) {
      throw Errors.badRow(
          where,
          (size != null ? "size " + Arrays.toString(size) : "scale_factor " + Arrays.toString(scale))
              + " has "
              + given
              + " values but the tensor has shape "
              + Arrays.toString(x.shape())
              + " (rank "
              + rank
              + "); give rank - 2 values for an (N, C, d1..dk) tensor or rank - 1 for a"
              + " (C, d1..dk) sample");
    }
    return sample ? reshape(x, prepend1(x.shape())) : x;
  }

  /**
   * Whether a tensor of {@code rank} is one sample, run as N = 1: every image, and a rank k + 1
   * tensor when {@code vector} and the size/scale array has {@code given} = k values.
   */
  public static boolean isSample(Kind kind, int rank, int given, boolean vector) {
    return kind == Kind.IMAGE || (vector && given == rank - 1);
  }

  /** The result of a call made on {@link #callInput}: N = 1 dropped again for a sample. */
  public static Tensor callOutput(Tensor y, boolean sample) {
    return sample ? reshape(y, columnShape(y.shape(), true)) : y;
  }

  /** The shape a column holds for a call's result shape: without the leading N = 1 of a sample. */
  public static int[] columnShape(int[] callShape, boolean sample) {
    return sample ? Arrays.copyOfRange(callShape, 1, callShape.length) : callShape;
  }

  /** The mode as messages name it: {@code "bilinear"}, or {@code "lanczos4 (compat opencv)"}. */
  public static String modeText(Compat compat, String filter) {
    return compat == Compat.PYTORCH ? filter : filter + " (compat " + compat + ")";
  }

  /** A core rejection of one row's call, with the row's shape and the call's arguments. */
  public static ResampleSqlException callError(
      String where, InterpolateException e, Tensor x, int[] size, double[] scale, String mode) {
    return Errors.badRow(
        where,
        e.getMessage()
            + " (tensor shape "
            + Arrays.toString(x.shape())
            + (size != null ? ", size " + Arrays.toString(size) : ", scale_factor " + Arrays.toString(scale))
            + ", mode "
            + mode
            + ")",
        e);
  }

  public static int[] prepend1(int[] shape) {
    int[] out = new int[shape.length + 1];
    out[0] = 1;
    System.arraycopy(shape, 0, out, 1, shape.length);
    return out;
  }

  public static Tensor reshape(Tensor t, int[] shape) {
    switch (t.dtype()) {
      case FLOAT32:
        return Tensor.ofFloat(t.floatData(), shape);
      case FLOAT64:
        return Tensor.ofDouble(t.doubleData(), shape);
      default:
        return Tensor.ofUint8(t.uint8Data(), shape);
    }
  }
}
