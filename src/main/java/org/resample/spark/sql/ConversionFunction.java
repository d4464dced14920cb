package org.resample.spark.sql;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.connector.catalog.functions.BoundFunction;
import org.apache.spark.sql.connector.catalog.functions.ScalarFunction;
import org.apache.spark.sql.connector.catalog.functions.UnboundFunction;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.resample.core.DType;
import org.resample.spark.codec.TensorTypes.Kind;
import org.resample.spark.codec.TensorTypes;
import org.resample.spark.codec.Convert;
import org.resample.spark.codec.Ops;
import org.resample.spark.Errors;

/**
 * The tensor conversion functions of the catalog: {@code tensor(data, shape)}, {@code
 * tensor_shape(t)}, {@code from_npy(bytes)} (float32), {@code from_npy_double}, {@code
 * from_npy_uint8}, {@code to_npy(t)}, {@code from_image(img)}, {@code to_image(t)}.
 *
 * <pre>{@code
 * SELECT resample.to_npy(resample.interpolate(resample.from_npy(cell), array(64, 64), 'area'))
 * }</pre>
 *
 * @since 0.1
 */
public final class ConversionFunction implements UnboundFunction {
  /** The functions, by SQL name. */
  enum Which {
    TENSOR("tensor", "(data ARRAY<FLOAT> | ARRAY<DOUBLE> | BINARY, shape ARRAY<INT>)"),
    TENSOR_SHAPE("tensor_shape", "(tensor)"),
    FROM_NPY("from_npy", "(npy BINARY) -> float32 tensor"),
    FROM_NPY_DOUBLE("from_npy_double", "(npy BINARY) -> float64 tensor"),
    FROM_NPY_UINT8("from_npy_uint8", "(npy BINARY) -> uint8 tensor"),
    TO_NPY("to_npy", "(tensor) -> BINARY"),
    FROM_IMAGE("from_image", "(image struct) -> uint8 (C, H, W) tensor"),
    TO_IMAGE("to_image", "((C, H, W) or (1, C, H, W) tensor) -> image struct");

    final String sqlName;
    final String signature;

    Which(String sqlName, String signature) {
      this.sqlName = sqlName;
      this.signature = signature;
    }
  }

  private final Which which;

  ConversionFunction(Which which) {
    this.which = which;
  }

  @Override
  public String name() {
    return which.sqlName;
  }

  @Override
  public String description() {
    return Ops.CATALOG_PREFIX + which.sqlName + which.signature;
  }

  @Override
  public BoundFunction bind(StructType inputType) {
    StructField[] f = inputType.fields();
    String fn = Ops.CATALOG_PREFIX + which.sqlName;
    int arity = which == Which.TENSOR ? 2 : 1;
    if (f.length != arity) {
      throw Errors.badArgumentTypes(
          fn, InterpolateFunction.describeArgs(f), fn + which.signature);
    }
    DataType t0 = f[0].dataType();
    switch (which) {
      case TENSOR:
        {
          if (!TensorTypes.isIntArray(f[1].dataType())) {
            break;
          }
          DataType[] in = {t0, f[1].dataType()};
          if (t0 instanceof BinaryType) {
            return new TensorU8(in);
          }
          if (t0 instanceof ArrayType) {
            DataType e = ((ArrayType) t0).elementType();
            if (e instanceof FloatType) {
              return new TensorF32(in);
            }
            if (e instanceof DoubleType) {
              return new TensorF64(in);
            }
          }
          break;
        }
      case FROM_NPY:
      case FROM_NPY_DOUBLE:
      case FROM_NPY_UINT8:
        if (t0 instanceof BinaryType) {
          DataType[] in = {t0};
          return which == Which.FROM_NPY
              ? new FromNpyF32(in)
              : which == Which.FROM_NPY_DOUBLE ? new FromNpyF64(in) : new FromNpyU8(in);
        }
        break;
      case FROM_IMAGE:
        if (TensorTypes.kindOf(t0) == Kind.IMAGE) {
          return new FromImage(new DataType[] {t0});
        }
        break;
      default:
        {
          Kind k = TensorTypes.kindOf(t0);
          if (k == null) {
            break;
          }
          DataType[] in = {t0};
          if (which == Which.TENSOR_SHAPE) {
            switch (k) {
              case FLOAT32:
                return new ShapeF32(in, k);
              case FLOAT64:
                return new ShapeF64(in, k);
              case UINT8:
                return new ShapeU8(in, k);
              default:
                return new ShapeImage(in, k);
            }
          }
          if (which == Which.TO_NPY) {
            switch (k) {
              case FLOAT32:
                return new ToNpyF32(in, k);
              case FLOAT64:
                return new ToNpyF64(in, k);
              case UINT8:
                return new ToNpyU8(in, k);
              default:
                return new ToNpyImage(in, k);
            }
          }
          switch (k) {
            case FLOAT32:
              return new ToImageF32(in, k);
            case FLOAT64:
              return new ToImageF64(in, k);
            case UINT8:
              return new ToImageU8(in, k);
            default:
              return new ToImageImage(in, k);
          }
        }
    }
    throw Errors.badArgumentTypes(
        fn,
        InterpolateFunction.describeArgs(f),
        fn
            + which.signature
            + (which == Which.TENSOR || which == Which.FROM_NPY || which == Which.FROM_NPY_DOUBLE
                    || which == Which.FROM_NPY_UINT8
                ? ""
                : " where tensor is " + TensorTypes.ACCEPTED_TENSORS));
  }

  /** Common shape of the bound conversion functions. */
  abstract static class Bound<R> implements ScalarFunction<R> {
    final Which which;
    final DataType[] inputs;
    final DataType result;
    final Kind kind;

    Bound(Which which, DataType[] inputs, DataType result, Kind kind) {
      this.which = which;
      this.inputs = inputs;
      this.result = result;
      this.kind = kind;
    }

    @Override
    public DataType[] inputTypes() {
      return inputs.clone();
    }

    @Override
    public DataType resultType() {
      return result;
    }

    @Override
    public String name() {
      return which.sqlName;
    }

    @Override
    public String canonicalName() {
      return Ops.CATALOG_PREFIX + which.sqlName + "(" + (kind == null ? inputs[0].simpleString() : kind.describe()) + ")";
    }

    InternalRow struct(InternalRow args, int ordinal) {
      return args.isNullAt(ordinal) ? null : args.getStruct(ordinal, kind == Kind.IMAGE ? 6 : 2);
    }
  }

  static final String TENSOR = Ops.CATALOG_PREFIX + "tensor";
  static final String SHAPE = Ops.CATALOG_PREFIX + "tensor_shape";
  static final String FROM_NPY = Ops.CATALOG_PREFIX + "from_npy";
  static final String FROM_NPY_DOUBLE = Ops.CATALOG_PREFIX + "from_npy_double";
  static final String FROM_NPY_UINT8 = Ops.CATALOG_PREFIX + "from_npy_uint8";
  static final String TO_NPY = Ops.CATALOG_PREFIX + "to_npy";
  static final String FROM_IMAGE = Ops.CATALOG_PREFIX + "from_image";
  static final String TO_IMAGE = Ops.CATALOG_PREFIX + "to_image";

  /** tensor(ARRAY&lt;FLOAT&gt;, shape). */
  public static final class TensorF32 extends Bound<InternalRow> {
    TensorF32(DataType[] in) {
      super(Which.TENSOR, in, TensorTypes.FLOAT32, null);
    }

    public static InternalRow invoke(ArrayData data, ArrayData shape) {
      return Convert.tensor(DType.FLOAT32, TENSOR, data, shape);
    }

    @Override
    public InternalRow produceResult(InternalRow a) {
      return a.isNullAt(0) || a.isNullAt(1) ? null : invoke(a.getArray(0), a.getArray(1));
    }
  }

  /** tensor(ARRAY&lt;DOUBLE&gt;, shape). */
  public static final class TensorF64 extends Bound<InternalRow> {
    TensorF64(DataType[] in) {
      super(Which.TENSOR, in, TensorTypes.FLOAT64, null);
    }

    public static InternalRow invoke(ArrayData data, ArrayData shape) {
      return Convert.tensor(DType.FLOAT64, TENSOR, data, shape);
    }

    @Override
    public InternalRow produceResult(InternalRow a) {
      return a.isNullAt(0) || a.isNullAt(1) ? null : invoke(a.getArray(0), a.getArray(1));
    }
  }

  /** tensor(BINARY, shape): uint8. */
  public static final class TensorU8 extends Bound<InternalRow> {
    TensorU8(DataType[] in) {
      super(Which.TENSOR, in, TensorTypes.UINT8, null);
    }

    public static InternalRow invoke(byte[] data, ArrayData shape) {
      return Convert.tensor(TENSOR, data, shape);
    }

    @Override
    public InternalRow produceResult(InternalRow a) {
      return a.isNullAt(0) || a.isNullAt(1) ? null : invoke(a.getBinary(0), a.getArray(1));
    }
  }

  /** tensor_shape of a float32 tensor. */
  public static final class ShapeF32 extends Bound<ArrayData> {
    ShapeF32(DataType[] in, Kind k) {
      super(Which.TENSOR_SHAPE, in, DataTypes.createArrayType(DataTypes.IntegerType, false), k);
    }

    public static ArrayData invoke(InternalRow t) {
      return Convert.shape(Kind.FLOAT32, SHAPE, t);
    }

    @Override
    public ArrayData produceResult(InternalRow a) {
      return invoke(struct(a, 0));
    }
  }

  /** tensor_shape of a float64 tensor. */
  public static final class ShapeF64 extends Bound<ArrayData> {
    ShapeF64(DataType[] in, Kind k) {
      super(Which.TENSOR_SHAPE, in, DataTypes.createArrayType(DataTypes.IntegerType, false), k);
    }

    public static ArrayData invoke(InternalRow t) {
      return Convert.shape(Kind.FLOAT64, SHAPE, t);
    }

    @Override
    public ArrayData produceResult(InternalRow a) {
      return invoke(struct(a, 0));
    }
  }

  /** tensor_shape of a uint8 tensor. */
  public static final class ShapeU8 extends Bound<ArrayData> {
    ShapeU8(DataType[] in, Kind k) {
      super(Which.TENSOR_SHAPE, in, DataTypes.createArrayType(DataTypes.IntegerType, false), k);
    }

    public static ArrayData invoke(InternalRow t) {
      return Convert.shape(Kind.UINT8, SHAPE, t);
    }

    @Override
    public ArrayData produceResult(InternalRow a) {
      return invoke(struct(a, 0));
    }
  }

  /** tensor_shape of an image: (C, H, W). */
  public static final class ShapeImage extends Bound<ArrayData> {
    ShapeImage(DataType[] in, Kind k) {
      super(Which.TENSOR_SHAPE, in, DataTypes.createArrayType(DataTypes.IntegerType, false), k);
    }

    public static ArrayData invoke(InternalRow t) {
      return Convert.shape(Kind.IMAGE, SHAPE, t);
    }

    @Override
    public ArrayData produceResult(InternalRow a) {
      return invoke(struct(a, 0));
    }
  }

  /** from_npy: float32. */
  public static final class FromNpyF32 extends Bound<InternalRow> {
    FromNpyF32(DataType[] in) {
      super(Which.FROM_NPY, in, TensorTypes.FLOAT32, null);
    }

    public static InternalRow invoke(byte[] npy) {
      return Convert.fromNpy(DType.FLOAT32, FROM_NPY, npy);
    }

    @Override
    public InternalRow produceResult(InternalRow a) {
      return a.isNullAt(0) ? null : invoke(a.getBinary(0));
    }
  }

  /** from_npy_double: float64. */
  public static final class FromNpyF64 extends Bound<InternalRow> {
    FromNpyF64(DataType[] in) {
      super(Which.FROM_NPY_DOUBLE, in, TensorTypes.FLOAT64, null);
    }

    public static InternalRow invoke(byte[] npy) {
      return Convert.fromNpy(DType.FLOAT64, FROM_NPY_DOUBLE, npy);
    }

    @Override
    public InternalRow produceResult(InternalRow a) {
      return a.isNullAt(0) ? null : invoke(a.getBinary(0));
    }
  }

  /** from_npy_uint8: uint8. */
  public static final class FromNpyU8 extends Bound<InternalRow> {
    FromNpyU8(DataType[] in) {
      super(Which.FROM_NPY_UINT8, in, TensorTypes.UINT8, null);
    }

    public static InternalRow invoke(byte[] npy) {
      return Convert.fromNpy(DType.UINT8, FROM_NPY_UINT8, npy);
    }

    @Override
    public InternalRow produceResult(InternalRow a) {
      return a.isNullAt(0) ? null : invoke(a.getBinary(0));
    }
  }

  /** to_npy of a float32 tensor. */
  public static final class ToNpyF32 extends Bound<byte[]> {
    ToNpyF32(DataType[] in, Kind k) {
      super(Which.TO_NPY, in, DataTypes.BinaryType, k);
    }

    public static byte[] invoke(InternalRow t) {
      return Convert.toNpy(Kind.FLOAT32, TO_NPY, t);
    }

    @Override
    public byte[] produceResult(InternalRow a) {
      return invoke(struct(a, 0));
    }
  }

  /** to_npy of a float64 tensor. */
  public static final class ToNpyF64 extends Bound<byte[]> {
    ToNpyF64(DataType[] in, Kind k) {
      super(Which.TO_NPY, in, DataTypes.BinaryType, k);
    }

    public static byte[] invoke(InternalRow t) {
      return Convert.toNpy(Kind.FLOAT64, TO_NPY, t);
    }

    @Override
    public byte[] produceResult(InternalRow a) {
      return invoke(struct(a, 0));
    }
  }

  /** to_npy of a uint8 tensor. */
  public static final class ToNpyU8 extends Bound<byte[]> {
    ToNpyU8(DataType[] in, Kind k) {
      super(Which.TO_NPY, in, DataTypes.BinaryType, k);
    }

    public static byte[] invoke(InternalRow t) {
      return Convert.toNpy(Kind.UINT8, TO_NPY, t);
    }

    @Override
    public byte[] produceResult(InternalRow a) {
      return invoke(struct(a, 0));
    }
  }

  /** to_npy of an image: (H, W, C) uint8. */
  public static final class ToNpyImage extends Bound<byte[]> {
    ToNpyImage(DataType[] in, Kind k) {
      super(Which.TO_NPY, in, DataTypes.BinaryType, k);
    }

    public static byte[] invoke(InternalRow t) {
      return Convert.toNpy(Kind.IMAGE, TO_NPY, t);
    }

    @Override
    public byte[] produceResult(InternalRow a) {
      return invoke(struct(a, 0));
    }
  }

  /** from_image. */
  public static final class FromImage extends Bound<InternalRow> {
    FromImage(DataType[] in) {
      super(Which.FROM_IMAGE, in, TensorTypes.UINT8, Kind.IMAGE);
    }

    public static InternalRow invoke(InternalRow img) {
      return Convert.fromImage(FROM_IMAGE, img);
    }

    @Override
    public InternalRow produceResult(InternalRow a) {
      return invoke(struct(a, 0));
    }
  }

  /** to_image of a float32 tensor. */
  public static final class ToImageF32 extends Bound<InternalRow> {
    ToImageF32(DataType[] in, Kind k) {
      super(Which.TO_IMAGE, in, TensorTypes.IMAGE, k);
    }

    public static InternalRow invoke(InternalRow t) {
      return Convert.toImage(Kind.FLOAT32, TO_IMAGE, t);
    }

    @Override
    public InternalRow produceResult(InternalRow a) {
      return invoke(struct(a, 0));
    }
  }

  /** to_image of a float64 tensor. */
  public static final class ToImageF64 extends Bound<InternalRow> {
    ToImageF64(DataType[] in, Kind k) {
      super(Which.TO_IMAGE, in, TensorTypes.IMAGE, k);
    }

    public static InternalRow invoke(InternalRow t) {
      return Convert.toImage(Kind.FLOAT64, TO_IMAGE, t);
    }

    @Override
    public InternalRow produceResult(InternalRow a) {
      return invoke(struct(a, 0));
    }
  }

  /** to_image of a uint8 tensor. */
  public static final class ToImageU8 extends Bound<InternalRow> {
    ToImageU8(DataType[] in, Kind k) {
      super(Which.TO_IMAGE, in, TensorTypes.IMAGE, k);
    }

    public static InternalRow invoke(InternalRow t) {
      return Convert.toImage(Kind.UINT8, TO_IMAGE, t);
    }

    @Override
    public InternalRow produceResult(InternalRow a) {
      return invoke(struct(a, 0));
    }
  }

  /** to_image of an image: unchanged. */
  public static final class ToImageImage extends Bound<InternalRow> {
    ToImageImage(DataType[] in, Kind k) {
      super(Which.TO_IMAGE, in, TensorTypes.IMAGE, k);
    }

    public static InternalRow invoke(InternalRow t) {
      return Convert.toImage(Kind.IMAGE, TO_IMAGE, t);
    }

    @Override
    public InternalRow produceResult(InternalRow a) {
      return invoke(struct(a, 0));
    }
  }
}
