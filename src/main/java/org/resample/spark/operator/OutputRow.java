package org.resample.spark.operator;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.bitset.BitSetMethods;
import org.resample.core.DType;
import org.resample.core.InterpolateOptions;
import org.resample.core.Tensor;
import org.resample.spark.codec.TensorColumn;
import org.resample.spark.codec.RowCodec;
import org.resample.spark.Errors;

/**
 * The {@link BatchOperator}'s output rows at one batch position, in Spark's {@link UnsafeRow}
 * format, so that the scan over the operator ({@link ResampledScanExec}) hands them on without
 * copying them again. Each row lives in storage of this position's own, reused by the position's
 * next row: as Spark's own operators do, a consumer that keeps a row copies it.
 *
 * <p>A result the CPU computes in place ({@link TensorColumn#resamplesInto}) is written straight
 * into the row: the other columns are laid out first, then the result's column value is appended
 * after them, its elements computed by the core where the row holds them.
 */
final class OutputRow {
  private final UnsafeProjection projection;
  private final int resultOrdinal;
  /** Where the result's offset-and-size word is, from the row's start. */
  private final long resultWord;
  private final UnsafeRow row;
  /** A float[] or double[] holding the last in-place row. */
  private Object storage;

  OutputRow(DataType[] types, int resultOrdinal) {
    this.projection = UnsafeProjection.create(types);
    this.resultOrdinal = resultOrdinal;
    this.resultWord = UnsafeRow.calculateBitSetWidthInBytes(types.length) + 8L * resultOrdinal;
    this.row = new UnsafeRow(types.length);
  }

  /** {@code values} as an unsafe row (their data copied into it). */
  UnsafeRow of(InternalRow values) {
    return projection.apply(values);
  }

  /**
   * {@code values}, whose result column is null, with the result column set to {@code call}
   * resampled with {@code options} by {@code format} in place; {@code n} and {@code shape} are the
   * result's element count and its shape as the column holds it. A result too large for one row is
   * refused before any work, with {@code where} as the message's prefix.
   */
  UnsafeRow resampled(
      InternalRow values,
      TensorColumn format,
      Tensor call,
      InterpolateOptions options,
      int n,
      int[] shape,
      String where) {
    UnsafeRow others = projection.apply(values);
    long head = others.getSizeInBytes();
    long value = format.resultBytes(n, shape, call.dtype());
    long total = head + value;
    if (total > RowCodec.MAX_UNSAFE_BYTES) {
      throw Errors.badRow(
          where,
          "the result row would take " + total + " bytes, more than one Spark row holds (2 GiB);"
              + " resample to a smaller size or split the tensor");
    }
    boolean f32 = call.dtype() == DType.FLOAT32;
    Object s = storage(total, f32);
    long base = f32 ? Platform.FLOAT_ARRAY_OFFSET : Platform.DOUBLE_ARRAY_OFFSET;
    Platform.copyMemory(others.getBaseObject(), others.getBaseOffset(), s, base, head);
    BitSetMethods.unset(s, base, resultOrdinal);
    Platform.putLong(s, base + resultWord, (head << 32) | value);
    format.resampleAt(call, options, n, shape, s, base + head);
    row.pointTo(s, base, (int) total);
    return row;
  }

  /** Storage of at least {@code bytes} bytes of the result's element type, reused when it has room. */
  private Object storage(long bytes, boolean f32) {
    if (f32) {
      int length = (int) (bytes / 4);
      if (!(storage instanceof float[]) || ((float[]) storage).length < length) {
        storage = new float[length];
      }
    } else {
      int length = (int) (bytes / 8);
      if (!(storage instanceof double[]) || ((double[]) storage).length < length) {
        storage = new double[length];
      }
    }
    return storage;
  }
}
