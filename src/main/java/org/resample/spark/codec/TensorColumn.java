package org.resample.spark.codec;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.resample.spark.Errors;
import org.resample.core.DType;
import org.resample.core.InterpolateOptions;
import org.resample.core.Tensor;
import org.resample.spark.codec.TensorTypes.Kind;

/**
 * How the {@code Resampler} reads a tensor from a column value and writes the result back in the
 * same format: the canonical struct (float32, float64, uint8), Spark's image struct, NumPy {@code
 * .npy} bytes in a {@code BINARY} column, or a fixed-shape flat {@code ARRAY<FLOAT>} / {@code
 * ARRAY<DOUBLE>} whose shape is given once (Arrow's {@code fixed_shape_tensor}).
 */
public abstract class TensorColumn implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Accepted input column types, for schema errors. */
  public static final String ACCEPTED =
      TensorTypes.ACCEPTED_TENSORS
          + ", BINARY holding .npy bytes, or ARRAY<FLOAT> / ARRAY<DOUBLE> with the shape set by"
          + " setTensorShape";

  /** The format of a column of type {@code t}, or null when it holds no tensor this class reads. */
  public static TensorColumn of(DataType t, int[] flatShape) {
    Kind kind = TensorTypes.kindOf(t);
    if (kind == Kind.IMAGE) {
      return new Image();
    }
    if (kind != null) {
      return new Canonical(kind);
    }
    if (t instanceof BinaryType) {
      return new NpyBytes();
    }
    if (t instanceof ArrayType) {
      DataType e = ((ArrayType) t).elementType();
      if (e instanceof FloatType || e instanceof DoubleType) {
        return new Flat(e instanceof FloatType ? DType.FLOAT32 : DType.FLOAT64, flatShape);
      }
    }
    return null;
  }

  /** The kind the shape rules of {@link Ops#callInput} see (images are always one sample). */
  public abstract Kind kind();

  /** The type of the result column for an input column of type {@code in}. */
  public abstract DataType resultType(DataType in);

  /** Reads the tensor of a non-null value at {@code ordinal} (into arrays of its own). */
  public abstract Tensor read(InternalRow row, int ordinal, String where);

  /**
   * Buffers one batch position reuses from batch to batch for its decoded input. Whatever is read
   * through them is valid until the same position of the next batch.
   */
  public static final class Buffers {
    final float[][] floats = new float[1][];
    final double[][] doubles = new double[1][];
  }

  /** As {@link #read(InternalRow, int, String)}, the data in {@code b} where the format can. */
  public Tensor read(InternalRow row, int ordinal, String where, Buffers b) {
    return read(row, ordinal, where);
  }

  /**
   * Whether the CPU can compute a result straight into the column value's bytes in an output row
   * ({@link #resultBytes}, {@link #resampleAt}), skipping the copy {@link #write} makes.
   */
  public boolean resamplesInto() {
    return false;
  }

  /**
   * Bytes of the column value holding a result of {@code n} elements and dtype {@code dtype} in
   * Spark's unsafe row layout; {@code shape} is the result's shape as the column holds it.
   */
  public long resultBytes(int n, int[] shape, DType dtype) {
    throw Errors.notResampledInPlace(describe());
  }

  /**
   * Lays out the column value of {@code call} resampled on the CPU with {@code options} at {@code
   * offset} of {@code storage} (see {@link RowCodec#interpolateIntoArrayAt}), {@link #resultBytes}
   * bytes, the result computed in place.
   */
  public void resampleAt(
      Tensor call, InterpolateOptions options, int n, int[] shape, Object storage, long offset) {
    throw Errors.notResampledInPlace(describe());
  }

  /**
   * What {@link #write} needs to know of the input value at {@code ordinal} besides the tensor (an
   * image's origin), copied so it outlives the row; null for most formats.
   */
  public Object carry(InternalRow row, int ordinal) {
    return null;
  }

  /** The column value holding the result {@code y}; {@code carry} is {@link #carry}'s. */
  public abstract Object write(Tensor y, Object carry);

  /** A short description for metadata and messages. */
  public abstract String describe();

  static final class Canonical extends TensorColumn {
    private static final long serialVersionUID = 1L;
    private final Kind kind;

    Canonical(Kind kind) {
      this.kind = kind;
    }

    @Override
    public Kind kind() {
      return kind;
    }

    @Override
    public DataType resultType(DataType in) {
      return kind.resultType();
    }

    @Override
    public Tensor read(InternalRow row, int ordinal, String where) {
      return RowCodec.readCanonical(row.getStruct(ordinal, 2), kind.dtype, where, false);
    }

    @Override
    public Tensor read(InternalRow row, int ordinal, String where, Buffers b) {
      return RowCodec.readCanonical(row.getStruct(ordinal, 2), kind.dtype, where, b.floats, b.doubles);
    }

    @Override
    public Object write(Tensor y, Object carry) {
      return RowCodec.writeCanonical(y);
    }

    @Override
    public boolean resamplesInto() {
      return kind == Kind.FLOAT32 || kind == Kind.FLOAT64;
    }

    @Override
    public long resultBytes(int n, int[] shape, DType dtype) {
      return RowCodec.canonicalBytes(n, dtype.byteSize(), shape.length);
    }

    @Override
    public void resampleAt(
        Tensor call, InterpolateOptions options, int n, int[] shape, Object storage, long offset) {
      RowCodec.resampleCanonicalAt(call, options, n, shape, storage, offset);
    }

    @Override
    public String describe() {
      return kind.describe() + " tensor struct";
    }
  }

  static final class Image extends TensorColumn {
    private static final long serialVersionUID = 1L;

    @Override
    public Kind kind() {
      return Kind.IMAGE;
    }

    @Override
    public DataType resultType(DataType in) {
      return TensorTypes.IMAGE;
    }

    @Override
    public Tensor read(InternalRow row, int ordinal, String where) {
      return RowCodec.readImage(row.getStruct(ordinal, 6), where);
    }

    @Override
    public Object carry(InternalRow row, int ordinal) {
      return RowCodec.imageOrigin(row.getStruct(ordinal, 6));
    }

    @Override
    public Object write(Tensor y, Object origin) {
      return RowCodec.writeImage(origin, y);
    }

    @Override
    public String describe() {
      return "image struct";
    }
  }

  /** {@code .npy} bytes: f8 stays float64, u1 stays uint8, every other dtype is read as float32. */
  static final class NpyBytes extends TensorColumn {
    private static final long serialVersionUID = 1L;

    @Override
    public Kind kind() {
      return Kind.FLOAT32;
    }

    @Override
    public DataType resultType(DataType in) {
      return DataTypes.BinaryType;
    }

    @Override
    public Tensor read(InternalRow row, int ordinal, String where) {
      byte[] b = row.getBinary(ordinal);
      Npy.Header h = Npy.header(b, where);
      DType target =
          h.kind == 'f' && h.itemSize == 8
              ? DType.FLOAT64
              : h.kind == 'u' && h.itemSize == 1 ? DType.UINT8 : DType.FLOAT32;
      return Npy.read(b, target, where);
    }

    @Override
    public Object write(Tensor y, Object carry) {
      return Npy.write(y);
    }

    @Override
    public String describe() {
      return ".npy bytes";
    }
  }

  /** A flat row-major array with one shape for the whole column. */
  public static final class Flat extends TensorColumn {
    private static final long serialVersionUID = 1L;
    private final DType dtype;
    private final int[] shape;

    Flat(DType dtype, int[] shape) {
      this.dtype = dtype;
      this.shape = shape;
    }

    @Override
    public Kind kind() {
      return dtype == DType.FLOAT32 ? Kind.FLOAT32 : Kind.FLOAT64;
    }

    @Override
    public DataType resultType(DataType in) {
      return DataTypes.createArrayType(
          dtype == DType.FLOAT32 ? DataTypes.FloatType : DataTypes.DoubleType, false);
    }

    @Override
    public Tensor read(InternalRow row, int ordinal, String where) {
      return read(row, ordinal, where, null);
    }

    @Override
    public Tensor read(InternalRow row, int ordinal, String where, Buffers b) {
      return RowCodec.readFloating(
          row.getArray(ordinal), dtype, shape, where, b == null ? null : b.floats, b == null ? null : b.doubles);
    }

    @Override
    public Object write(Tensor y, Object carry) {
      return dtype == DType.FLOAT32
          ? UnsafeArrayData.fromPrimitiveArray(y.floatData())
          : UnsafeArrayData.fromPrimitiveArray(y.doubleData());
    }

    @Override
    public boolean resamplesInto() {
      return true;
    }

    @Override
    public long resultBytes(int n, int[] shape, DType dtype) {
      return RowCodec.unsafeArrayBytes(n, dtype.byteSize());
    }

    @Override
    public void resampleAt(
        Tensor call, InterpolateOptions options, int n, int[] shape, Object storage, long offset) {
      RowCodec.interpolateIntoArrayAt(call, options, n, storage, offset);
    }

    @Override
    public String describe() {
      return "flat " + dtype.torchName() + " array of shape " + Arrays.toString(shape);
    }
  }
}
