package org.resample.spark.codec;

import java.util.Locale;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.resample.core.DType;

/**
 * The tensor column types the functions read and write.
 *
 * <ul>
 *   <li>Canonical tensor, the storage layout of Arrow's {@code variable_shape_tensor}: {@code
 *       STRUCT<data: ARRAY<FLOAT>, shape: ARRAY<INT>>} (float32), {@code ARRAY<DOUBLE>} data for
 *       float64, {@code BINARY} data for uint8. Row-major data; shape {@code (N, C, d1..dk)} or
 *       {@code (C, d1..dk)}.
 *   <li>Spark's image struct ({@code spark.read.format("image")}): origin, height, width,
 *       nChannels, mode, data (HWC, BGR(A), uint8).
 * </ul>
 *
 * <pre>{@code
 * StructType schema = new StructType().add("t", TensorTypes.FLOAT32);
 * }</pre>
 *
 * @since 0.1
 */
public final class TensorTypes {
  private TensorTypes() {}

  /** {@code STRUCT<data: ARRAY<FLOAT>, shape: ARRAY<INT>>}. */
  public static final StructType FLOAT32 = canonical(DataTypes.createArrayType(DataTypes.FloatType, false));

  /** {@code STRUCT<data: ARRAY<DOUBLE>, shape: ARRAY<INT>>}. */
  public static final StructType FLOAT64 = canonical(DataTypes.createArrayType(DataTypes.DoubleType, false));

  /** {@code STRUCT<data: BINARY, shape: ARRAY<INT>>} (uint8). */
  public static final StructType UINT8 = canonical(DataTypes.BinaryType);

  /** Spark's image struct, as {@code org.apache.spark.ml.image.ImageSchema.columnSchema}. */
  public static final StructType IMAGE =
      new StructType(
          new StructField[] {
            DataTypes.createStructField("origin", DataTypes.StringType, true),
            DataTypes.createStructField("height", DataTypes.IntegerType, true),
            DataTypes.createStructField("width", DataTypes.IntegerType, true),
            DataTypes.createStructField("nChannels", DataTypes.IntegerType, true),
            DataTypes.createStructField("mode", DataTypes.IntegerType, true),
            DataTypes.createStructField("data", DataTypes.BinaryType, true)
          });

  /** OpenCV type codes Spark's image source writes: CV_8UC1, CV_8UC3, CV_8UC4. */
  static final int CV_8UC1 = 0;

  static final int CV_8UC3 = 16;
  static final int CV_8UC4 = 24;

  /** Canonical tensor type of a dtype. */
  public static StructType of(DType dtype) {
    switch (dtype) {
      case FLOAT32:
        return FLOAT32;
      case FLOAT64:
        return FLOAT64;
      default:
        return UINT8;
    }
  }

  private static StructType canonical(DataType dataType) {
    return new StructType(
        new StructField[] {
          DataTypes.createStructField("data", dataType, false),
          DataTypes.createStructField(
              "shape", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
        });
  }

  /** What a column holds, as far as the functions are concerned. */
  public enum Kind {
    FLOAT32(DType.FLOAT32),
    FLOAT64(DType.FLOAT64),
    UINT8(DType.UINT8),
    IMAGE(DType.UINT8);

    public final DType dtype;

    Kind(DType dtype) {
      this.dtype = dtype;
    }

    /** The type of a tensor result for an input of this kind. */
    public StructType resultType() {
      return this == IMAGE ? TensorTypes.IMAGE : TensorTypes.of(dtype);
    }

    public String describe() {
      return this == IMAGE ? "image" : dtype.torchName();
    }
  }

  /** Human-readable list of the accepted tensor types, for bind errors. */
  public static final String ACCEPTED_TENSORS =
      "STRUCT<data: ARRAY<FLOAT>, shape: ARRAY<INT>> (float32), "
          + "STRUCT<data: ARRAY<DOUBLE>, shape: ARRAY<INT>> (float64), "
          + "STRUCT<data: BINARY, shape: ARRAY<INT>> (uint8), "
          + "or Spark's image struct STRUCT<origin: STRING, height: INT, width: INT, nChannels: INT, "
          + "mode: INT, data: BINARY>";

  /**
   * The kind of a column type (nullability ignored; field names case-insensitive, field order as
   * documented), or null when it is not a tensor type.
   */
  public static Kind kindOf(DataType t) {
    if (!(t instanceof StructType)) {
      return null;
    }
    StructField[] f = ((StructType) t).fields();
    if (f.length == 2 && named(f[0], "data") && named(f[1], "shape") && isIntArray(f[1].dataType())) {
      DataType d = f[0].dataType();
      if (d instanceof BinaryType) {
        return Kind.UINT8;
      }
      if (d instanceof ArrayType) {
        DataType e = ((ArrayType) d).elementType();
        if (e instanceof FloatType) {
          return Kind.FLOAT32;
        }
        if (e instanceof DoubleType) {
          return Kind.FLOAT64;
        }
      }
      return null;
    }
    if (f.length == 6
        && named(f[0], "origin")
        && f[0].dataType() instanceof StringType
        && named(f[1], "height")
        && f[1].dataType() instanceof IntegerType
        && named(f[2], "width")
        && f[2].dataType() instanceof IntegerType
        && named(f[3], "nChannels")
        && f[3].dataType() instanceof IntegerType
        && named(f[4], "mode")
        && f[4].dataType() instanceof IntegerType
        && named(f[5], "data")
        && f[5].dataType() instanceof BinaryType) {
      return Kind.IMAGE;
    }
    return null;
  }

  public static boolean isIntArray(DataType t) {
    return t instanceof ArrayType && ((ArrayType) t).elementType() instanceof IntegerType;
  }

  private static boolean named(StructField f, String name) {
    return f.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT));
  }
}
