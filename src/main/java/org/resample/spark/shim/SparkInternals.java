package org.resample.spark.shim;

import java.nio.ByteBuffer;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.columnar.ColumnAccessor;
import org.apache.spark.sql.types.DataType;

/**
 * Spark internals that every supported line has alike, kept here so that no other source names
 * them. Each entry says why no public API serves.
 */
public final class SparkInternals {
  private SparkInternals() {}

  /** Reads one column of a cached batch, value after value, into a row. */
  public interface ColumnDecoder {
    /** Writes the next value into {@code row} at {@code ordinal}. */
    void extractTo(InternalRow row, int ordinal);
  }

  /**
   * A decoder of one column buffer of Spark's default cache format ({@code DefaultCachedBatch}).
   * API: {@code org.apache.spark.sql.execution.columnar.ColumnAccessor}, {@code
   * private[columnar]} in Scala: Spark's own decoder of that format (compression schemes
   * included), which no public API exposes; checked 3.5.6, 3.5.9, 4.0.1, 4.1.0, 4.2.0.
   */
  public static ColumnDecoder columnDecoder(DataType type, ByteBuffer buffer) {
    ColumnAccessor a = ColumnAccessor.apply(type, buffer);
    return a::extractTo;
  }
}
