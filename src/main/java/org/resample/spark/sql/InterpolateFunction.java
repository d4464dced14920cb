package org.resample.spark.sql;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.connector.catalog.functions.BoundFunction;
import org.apache.spark.sql.connector.catalog.functions.ScalarFunction;
import org.apache.spark.sql.connector.catalog.functions.UnboundFunction;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.resample.spark.codec.TensorTypes.Kind;
import org.resample.spark.codec.TensorTypes;
import org.resample.spark.codec.CallSettings;
import org.resample.spark.codec.Ops;
import org.resample.spark.Errors;

/**
 * {@code resample.interpolate(tensor, size, mode [, options])} and {@code
 * resample.interpolate_scale(tensor, scale_factor, mode [, options])}.
 *
 * <pre>{@code
 * SELECT resample.interpolate(t, array(112, 112), 'bilinear', map('antialias', 'true')) FROM x
 * }</pre>
 *
 * <p>{@link #bind} checks the argument types and returns one bound class per tensor kind, each with
 * {@code public static invoke(...)} overloads that Spark's generated code calls directly ({@code
 * staticinvoke} in {@code EXPLAIN}). The result has the input's type (float32, float64, uint8 or
 * image struct).
 *
 * @since 0.1
 */
public final class InterpolateFunction implements UnboundFunction {
  static final String SIZE_NAME = "interpolate";
  static final String SCALE_NAME = "interpolate_scale";

  private final boolean scaleForm;

  private InterpolateFunction(boolean scaleForm) {
    this.scaleForm = scaleForm;
  }

  /** {@code interpolate(tensor, size, mode [, options])}. */
  public static InterpolateFunction size() {
    return new InterpolateFunction(false);
  }

  /** {@code interpolate_scale(tensor, scale_factor, mode [, options])}. */
  public static InterpolateFunction scale() {
    return new InterpolateFunction(true);
  }

  @Override
  public String name() {
    return scaleForm ? SCALE_NAME : SIZE_NAME;
  }

  private String qualified() {
    return Ops.CATALOG_PREFIX + name();
  }

  @Override
  public String description() {
    return scaleForm
        ? qualified()
            + "(tensor, scale_factor DOUBLE | ARRAY<DOUBLE>, mode STRING [, options MAP<STRING,"
            + " STRING>]): torch.nn.functional.interpolate with scale_factor"
        : qualified()
            + "(tensor, size INT | ARRAY<INT>, mode STRING [, options MAP<STRING, STRING>]):"
            + " torch.nn.functional.interpolate with size";
  }

  private String accepted() {
    return "(tensor, "
        + (scaleForm
            ? "scale_factor: a number or an ARRAY of numbers"
            : "size: INT (or TINYINT/SMALLINT) or ARRAY<INT>")
        + ", mode: STRING [, options: MAP<STRING, STRING>]) where tensor is "
        + TensorTypes.ACCEPTED_TENSORS
        + "; options keys: "
        + CallSettings.validList();
  }

  @Override
  public BoundFunction bind(StructType inputType) {
    StructField[] f = inputType.fields();
    String got = inputType.simpleString();
    if (f.length != 3 && f.length != 4) {
      throw Errors.badArgumentTypes(qualified(), describeArgs(f), accepted());
    }
    Kind kind = TensorTypes.kindOf(f[0].dataType());
    DataType sizeType = f[1].dataType();
    boolean vector;
    DataType declaredSize;
    if (scaleForm) {
      if (sizeType instanceof NumericType) {
        vector = false;
        declaredSize = DataTypes.DoubleType;
      } else if (sizeType instanceof ArrayType
          && ((ArrayType) sizeType).elementType() instanceof NumericType) {
        vector = true;
        declaredSize = DataTypes.createArrayType(DataTypes.DoubleType, true);
      } else {
        declaredSize = null;
        vector = false;
      }
    } else {
      if (sizeType instanceof IntegerType
          || sizeType instanceof ShortType
          || sizeType instanceof ByteType) {
        vector = false;
        declaredSize = DataTypes.IntegerType;
      } else if (sizeType instanceof ArrayType && isSmallIntegral(((ArrayType) sizeType).elementType())) {
        vector = true;
        declaredSize = DataTypes.createArrayType(DataTypes.IntegerType, true);
      } else {
        declaredSize = null;
        vector = false;
      }
    }
    boolean modeOk = f[2].dataType() instanceof StringType;
    boolean optionsOk =
        f.length == 3
            || (f[3].dataType() instanceof MapType
                && ((MapType) f[3].dataType()).keyType() instanceof StringType
                && ((MapType) f[3].dataType()).valueType() instanceof StringType);
    if (kind == null || declaredSize == null || !modeOk || !optionsOk) {
      String which =
          kind == null
              ? "argument 1 (tensor) has type " + f[0].dataType().simpleString()
              : declaredSize == null
                  ? "argument 2 (" + (scaleForm ? "scale_factor" : "size") + ") has type "
                      + sizeType.simpleString()
                  : !modeOk
                      ? "argument 3 (mode) has type " + f[2].dataType().simpleString()
                      : "argument 4 (options) has type " + f[3].dataType().simpleString();
      throw Errors.badOption(qualified(), "cannot be called with " + got + ": " + which + "; accepted: " + accepted());
    }
    DataType[] inputs = new DataType[f.length];
    inputs[0] = f[0].dataType();
    inputs[1] = declaredSize;
    inputs[2] = f[2].dataType();
    if (f.length == 4) {
      inputs[3] = f[3].dataType();
    }
    // A NULL in a primitive argument cannot reach a static invoke(int/double ...): such calls take
    // the row-at-a-time produceResult path instead, which returns NULL for it.
    if (!vector && f[1].nullable()) {
      return new Generic(kind, scaleForm, vector, inputs);
    }
    if (scaleForm) {
      switch (kind) {
        case FLOAT32:
          return new ScaleF32(inputs, vector);
        case FLOAT64:
          return new ScaleF64(inputs, vector);
        case UINT8:
          return new ScaleU8(inputs, vector);
        default:
          return new ScaleImage(inputs, vector);
      }
    }
    switch (kind) {
      case FLOAT32:
        return new SizeF32(inputs, vector);
      case FLOAT64:
        return new SizeF64(inputs, vector);
      case UINT8:
        return new SizeU8(inputs, vector);
      default:
        return new SizeImage(inputs, vector);
    }
  }

  private static boolean isSmallIntegral(DataType t) {
    return t instanceof IntegerType || t instanceof ShortType || t instanceof ByteType;
  }

  static String describeArgs(StructField[] f) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < f.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(f[i].dataType().simpleString());
    }
    return f.length + " arguments: " + sb;
  }

  // ---------------------------------------------------------------------------------------------
  // Bound functions

  /** Shared shape of the bound functions; subclasses add the static {@code invoke} overloads. */
  abstract static class Bound implements ScalarFunction<InternalRow> {
    final Kind kind;
    final boolean scaleForm;
    final boolean vector;
    final DataType[] inputs;

    Bound(Kind kind, boolean scaleForm, boolean vector, DataType[] inputs) {
      this.kind = kind;
      this.scaleForm = scaleForm;
      this.vector = vector;
      this.inputs = inputs;
    }

    @Override
    public DataType[] inputTypes() {
      return inputs.clone();
    }

    @Override
    public DataType resultType() {
      return kind.resultType();
    }

    @Override
    public boolean isResultNullable() {
      return true;
    }

    @Override
    public String name() {
      return scaleForm ? SCALE_NAME : SIZE_NAME;
    }

    @Override
    public String canonicalName() {
      return Ops.CATALOG_PREFIX
          + name()
          + "("
          + kind.describe()
          + ", "
          + inputs[1].simpleString()
          + (inputs.length == 4 ? ", options" : "")
          + ")";
    }

    String fn() {
      return Ops.CATALOG_PREFIX + name();
    }

    @Override
    public InternalRow produceResult(InternalRow args) {
      if (args.isNullAt(0) || args.isNullAt(1) || args.isNullAt(2)) {
        return null;
      }
      int nFields = kind == Kind.IMAGE ? 6 : 2;
      InternalRow t = args.getStruct(0, nFields);
      UTF8String mode = args.getUTF8String(2);
      MapData options = inputs.length == 4 && !args.isNullAt(3) ? args.getMap(3) : null;
      if (scaleForm) {
        return vector
            ? Ops.interpolateScale(kind, fn(), t, args.getArray(1), mode, options)
            : Ops.interpolateScale(kind, fn(), t, args.getDouble(1), mode, options);
      }
      return vector
          ? Ops.interpolate(kind, fn(), t, args.getArray(1), mode, options)
          : Ops.interpolate(kind, fn(), t, args.getInt(1), mode, options);
    }
  }

  /** Row-at-a-time fallback (nullable scalar size/scale): no magic method. */
  static final class Generic extends Bound {
    Generic(Kind kind, boolean scaleForm, boolean vector, DataType[] inputs) {
      super(kind, scaleForm, vector, inputs);
    }

    // Declared here: Spark looks for produceResult on the bound class itself.
    @Override
    public InternalRow produceResult(InternalRow args) {
      return super.produceResult(args);
    }
  }

  static final String S = Ops.CATALOG_PREFIX + SIZE_NAME;
  static final String C = Ops.CATALOG_PREFIX + SCALE_NAME;

  /** float32 tensors, size form. */
  public static final class SizeF32 extends Bound {
    SizeF32(DataType[] inputs, boolean vector) {
      super(Kind.FLOAT32, false, vector, inputs);
    }

    public static InternalRow invoke(InternalRow t, int size, UTF8String mode) {
      return Ops.interpolate(Kind.FLOAT32, S, t, size, mode, null);
    }

    public static InternalRow invoke(InternalRow t, int size, UTF8String mode, MapData o) {
      return Ops.interpolate(Kind.FLOAT32, S, t, size, mode, o);
    }

    public static InternalRow invoke(InternalRow t, ArrayData size, UTF8String mode) {
      return Ops.interpolate(Kind.FLOAT32, S, t, size, mode, null);
    }

    public static InternalRow invoke(InternalRow t, ArrayData size, UTF8String mode, MapData o) {
      return Ops.interpolate(Kind.FLOAT32, S, t, size, mode, o);
    }
  }

  /** float64 tensors, size form. */
  public static final class SizeF64 extends Bound {
    SizeF64(DataType[] inputs, boolean vector) {
      super(Kind.FLOAT64, false, vector, inputs);
    }

    public static InternalRow invoke(InternalRow t, int size, UTF8String mode) {
      return Ops.interpolate(Kind.FLOAT64, S, t, size, mode, null);
    }

    public static InternalRow invoke(InternalRow t, int size, UTF8String mode, MapData o) {
      return Ops.interpolate(Kind.FLOAT64, S, t, size, mode, o);
    }

    public static InternalRow invoke(InternalRow t, ArrayData size, UTF8String mode) {
      return Ops.interpolate(Kind.FLOAT64, S, t, size, mode, null);
    }

    public static InternalRow invoke(InternalRow t, ArrayData size, UTF8String mode, MapData o) {
      return Ops.interpolate(Kind.FLOAT64, S, t, size, mode, o);
    }
  }

  /** uint8 tensors, size form. */
  public static final class SizeU8 extends Bound {
    SizeU8(DataType[] inputs, boolean vector) {
      super(Kind.UINT8, false, vector, inputs);
    }

    public static InternalRow invoke(InternalRow t, int size, UTF8String mode) {
      return Ops.interpolate(Kind.UINT8, S, t, size, mode, null);
    }

    public static InternalRow invoke(InternalRow t, int size, UTF8String mode, MapData o) {
      return Ops.interpolate(Kind.UINT8, S, t, size, mode, o);
    }

    public static InternalRow invoke(InternalRow t, ArrayData size, UTF8String mode) {
      return Ops.interpolate(Kind.UINT8, S, t, size, mode, null);
    }

    public static InternalRow invoke(InternalRow t, ArrayData size, UTF8String mode, MapData o) {
      return Ops.interpolate(Kind.UINT8, S, t, size, mode, o);
    }
  }

  /** Spark image structs, size form. */
  public static final class SizeImage extends Bound {
    SizeImage(DataType[] inputs, boolean vector) {
      super(Kind.IMAGE, false, vector, inputs);
    }

    public static InternalRow invoke(InternalRow t, int size, UTF8String mode) {
      return Ops.interpolate(Kind.IMAGE, S, t, size, mode, null);
    }

    public static InternalRow invoke(InternalRow t, int size, UTF8String mode, MapData o) {
      return Ops.interpolate(Kind.IMAGE, S, t, size, mode, o);
    }

    public static InternalRow invoke(InternalRow t, ArrayData size, UTF8String mode) {
      return Ops.interpolate(Kind.IMAGE, S, t, size, mode, null);
    }

    public static InternalRow invoke(InternalRow t, ArrayData size, UTF8String mode, MapData o) {
      return Ops.interpolate(Kind.IMAGE, S, t, size, mode, o);
    }
  }

  /** float32 tensors, scale form. */
  public static final class ScaleF32 extends Bound {
    ScaleF32(DataType[] inputs, boolean vector) {
      super(Kind.FLOAT32, true, vector, inputs);
    }

    public static InternalRow invoke(InternalRow t, double scale, UTF8String mode) {
      return Ops.interpolateScale(Kind.FLOAT32, C, t, scale, mode, null);
    }

    public static InternalRow invoke(InternalRow t, double scale, UTF8String mode, MapData o) {
      return Ops.interpolateScale(Kind.FLOAT32, C, t, scale, mode, o);
    }

    public static InternalRow invoke(InternalRow t, ArrayData scale, UTF8String mode) {
      return Ops.interpolateScale(Kind.FLOAT32, C, t, scale, mode, null);
    }

    public static InternalRow invoke(InternalRow t, ArrayData scale, UTF8String mode, MapData o) {
      return Ops.interpolateScale(Kind.FLOAT32, C, t, scale, mode, o);
    }
  }

  /** float64 tensors, scale form. */
  public static final class ScaleF64 extends Bound {
    ScaleF64(DataType[] inputs, boolean vector) {
      super(Kind.FLOAT64, true, vector, inputs);
    }

    public static InternalRow invoke(InternalRow t, double scale, UTF8String mode) {
      return Ops.interpolateScale(Kind.FLOAT64, C, t, scale, mode, null);
    }

    public static InternalRow invoke(InternalRow t, double scale, UTF8String mode, MapData o) {
      return Ops.interpolateScale(Kind.FLOAT64, C, t, scale, mode, o);
    }

    public static InternalRow invoke(InternalRow t, ArrayData scale, UTF8String mode) {
      return Ops.interpolateScale(Kind.FLOAT64, C, t, scale, mode, null);
    }

    public static InternalRow invoke(InternalRow t, ArrayData scale, UTF8String mode, MapData o) {
      return Ops.interpolateScale(Kind.FLOAT64, C, t, scale, mode, o);
    }
  }

  /** uint8 tensors, scale form. */
  public static final class ScaleU8 extends Bound {
    ScaleU8(DataType[] inputs, boolean vector) {
      super(Kind.UINT8, true, vector, inputs);
    }

    public static InternalRow invoke(InternalRow t, double scale, UTF8String mode) {
      return Ops.interpolateScale(Kind.UINT8, C, t, scale, mode, null);
    }

    public static InternalRow invoke(InternalRow t, double scale, UTF8String mode, MapData o) {
      return Ops.interpolateScale(Kind.UINT8, C, t, scale, mode, o);
    }

    public static InternalRow invoke(InternalRow t, ArrayData scale, UTF8String mode) {
      return Ops.interpolateScale(Kind.UINT8, C, t, scale, mode, null);
    }

    public static InternalRow invoke(InternalRow t, ArrayData scale, UTF8String mode, MapData o) {
      return Ops.interpolateScale(Kind.UINT8, C, t, scale, mode, o);
    }
  }

  /** Spark image structs, scale form. */
  public static final class ScaleImage extends Bound {
    ScaleImage(DataType[] inputs, boolean vector) {
      super(Kind.IMAGE, true, vector, inputs);
    }

    public static InternalRow invoke(InternalRow t, double scale, UTF8String mode) {
      return Ops.interpolateScale(Kind.IMAGE, C, t, scale, mode, null);
    }

    public static InternalRow invoke(InternalRow t, double scale, UTF8String mode, MapData o) {
      return Ops.interpolateScale(Kind.IMAGE, C, t, scale, mode, o);
    }

    public static InternalRow invoke(InternalRow t, ArrayData scale, UTF8String mode) {
      return Ops.interpolateScale(Kind.IMAGE, C, t, scale, mode, null);
    }

    public static InternalRow invoke(InternalRow t, ArrayData scale, UTF8String mode, MapData o) {
      return Ops.interpolateScale(Kind.IMAGE, C, t, scale, mode, o);
    }
  }
}
