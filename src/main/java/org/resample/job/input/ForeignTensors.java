package org.resample.job.input;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.resample.spark.codec.TensorTypes;

/**
 * Tensor columns as other tools write them, turned into the types the resampler reads:
 *
 * <ul>
 *   <li>Ray's variable-shaped tensors and other {@code STRUCT<data: ARRAY<FLOAT|DOUBLE>, shape:
 *       ARRAY<BIGINT>>}: the shape cast to {@code ARRAY<INT>} (the canonical struct).
 *   <li>Hugging Face {@code Array2D} / {@code Array3D} features, read by Spark as nested arrays
 *       {@code ARRAY<ARRAY<FLOAT|DOUBLE>>} / {@code ARRAY<ARRAY<ARRAY<...>>>}: flattened row-major,
 *       the shape from the first element at each level (a ragged row then fails the resampler's check
 *       of data length against shape, as a bad row). A 2-D array is one channel (1, H, W), a 3-D array
 *       (C, H, W).
 *   <li>Hugging Face {@code Image} features, {@code STRUCT<bytes: BINARY, path: STRING>}: the bytes
 *       decoded by {@link ImageDecoder} into Spark's image struct (origin = path); bytes that do not
 *       decode are an invalid image row, a bad row.
 * </ul>
 */
public final class ForeignTensors {
  private ForeignTensors() {}

  /** The type a column of type {@code t} is converted to, or null when it needs no conversion. */
  public static DataType canonicalType(DataType t) {
    if (isRayStruct(t)) {
      return tensor(((ArrayType) ((StructType) t).apply("data").dataType()).elementType());
    }
    DataType e = nestedElement(t);
    if (e != null) {
      return tensor(e);
    }
    if (isHfImage(t)) {
      return TensorTypes.IMAGE;
    }
    return null;
  }

  /** {@code c}, of type {@code t}, converted to {@link #canonicalType}; null when it needs none. */
  public static Column canonical(Column c, DataType t) {
    DataType to = canonicalType(t);
    if (to == null) {
      return null;
    }
    if (isRayStruct(t)) {
      return when(c.isNotNull(), struct(c.getField("data").as("data"),
          c.getField("shape").cast(DataTypes.createArrayType(DataTypes.IntegerType, true)).as("shape")));
    }
    if (isHfImage(t)) {
      UDF1<Row, Row> decode = ForeignTensors::decodeHfImage;
      return functions.udf(decode, TensorTypes.IMAGE).apply(c);
    }
    int depth = depth(t);
    Column data = depth == 2 ? flatten(c) : flatten(flatten(c));
    Column first = element_at(c, 1);
    Column shape = depth == 2
        ? array(lit(1), size(c), size(first))
        : array(size(c), size(first), size(element_at(first, 1)));
    return when(c.isNotNull(), struct(data.as("data"),
        shape.cast(DataTypes.createArrayType(DataTypes.IntegerType, true)).as("shape")));
  }

  /**
   * The canonical float tensor struct of element type {@code e}, its values nullable as the tools
   * write them (the resampler reads either; a NULL value is a bad row).
   */
  private static StructType tensor(DataType e) {
    return new StructType()
        .add("data", DataTypes.createArrayType(e, true), true)
        .add("shape", DataTypes.createArrayType(DataTypes.IntegerType, true), true);
  }

  /**
   * A Hugging Face image struct as Spark's image row: its bytes decoded, or, when it has only a path
   * (datasets leaves local files unembedded), the file at that path.
   */
  static Row decodeHfImage(Row r) {
    if (r == null) {
      return null;
    }
    String path = r.isNullAt(1) ? null : r.getString(1);
    byte[] bytes = r.isNullAt(0) ? null : (byte[]) r.get(0);
    if (bytes == null && path != null) {
      try {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
        try (java.io.InputStream in = p.getFileSystem(HADOOP).open(p)) {
          bytes = in.readAllBytes();
        }
      } catch (java.io.IOException | RuntimeException e) {
        bytes = new byte[0]; // an invalid image row: a bad row naming the path
      }
    }
    return ImageInput.decodeRow(bytes == null ? new byte[0] : bytes, path);
  }

  /** Hadoop's default configuration, for reading the files of path-only image structs. */
  private static final org.apache.hadoop.conf.Configuration HADOOP = new org.apache.hadoop.conf.Configuration();

  private static boolean isRayStruct(DataType t) {
    if (!(t instanceof StructType) || ((StructType) t).fields().length != 2) {
      return false;
    }
    StructField[] f = ((StructType) t).fields();
    return f[0].name().equals("data") && f[1].name().equals("shape")
        && f[0].dataType() instanceof ArrayType
        && (((ArrayType) f[0].dataType()).elementType() instanceof FloatType
            || ((ArrayType) f[0].dataType()).elementType() instanceof DoubleType)
        && f[1].dataType() instanceof ArrayType
        && ((ArrayType) f[1].dataType()).elementType() instanceof LongType;
  }

  private static boolean isHfImage(DataType t) {
    if (!(t instanceof StructType) || ((StructType) t).fields().length != 2) {
      return false;
    }
    StructField[] f = ((StructType) t).fields();
    return f[0].name().equals("bytes") && f[0].dataType() instanceof BinaryType
        && f[1].name().equals("path") && f[1].dataType() instanceof StringType;
  }

  private static int depth(DataType t) {
    int d = 0;
    while (t instanceof ArrayType) {
      t = ((ArrayType) t).elementType();
      d++;
    }
    return d;
  }

  /** The float or double element of a 2- or 3-deep nested array type, else null. */
  private static DataType nestedElement(DataType t) {
    int d = depth(t);
    if (d != 2 && d != 3) {
      return null;
    }
    DataType e = t;
    while (e instanceof ArrayType) {
      e = ((ArrayType) e).elementType();
    }
    return e instanceof FloatType || e instanceof DoubleType ? e : null;
  }
}
