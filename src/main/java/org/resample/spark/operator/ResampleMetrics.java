package org.resample.spark.operator;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * Row counts of one {@link Resampler#transform} result, as Spark accumulators registered when the
 * transform is called and filled as its rows are computed:
 *
 * <ul>
 *   <li>{@link #rowsOk}: rows resampled;
 *   <li>{@link #rowsFailed}: malformed rows given a null result ({@code onError} null or quarantine);
 *   <li>{@link #rowsNull}: rows whose input was null (the result is null, not an error);
 *   <li>{@link #cpuRetries}: batches an accelerator failed on and the CPU recomputed.
 * </ul>
 *
 * <p>Like every accumulator updated in a transformation, they count each computation of the rows:
 * read them after one action on the result, and expect more when a task is retried or the result is
 * recomputed (cache it, or count the written output, for exact figures).
 *
 * @since 0.1
 */
public final class ResampleMetrics implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LongAccumulator rowsOk;
  private final LongAccumulator rowsFailed;
  private final LongAccumulator rowsNull;
  private final LongAccumulator cpuRetries;

  private ResampleMetrics(SparkContext sc, String name) {
    rowsOk = sc.longAccumulator(name + ".rowsOk");
    rowsFailed = sc.longAccumulator(name + ".rowsFailed");
    rowsNull = sc.longAccumulator(name + ".rowsNull");
    cpuRetries = sc.longAccumulator(name + ".cpuRetries");
  }

  static ResampleMetrics register(SparkContext sc, String name) {
    return new ResampleMetrics(sc, name);
  }

  /** Rows resampled. */
  public LongAccumulator rowsOk() {
    return rowsOk;
  }

  /** Malformed rows that got a null result. */
  public LongAccumulator rowsFailed() {
    return rowsFailed;
  }

  /** Rows whose input tensor was null. */
  public LongAccumulator rowsNull() {
    return rowsNull;
  }

  /** Batches recomputed on the CPU after an accelerator failed on them. */
  public LongAccumulator cpuRetries() {
    return cpuRetries;
  }

  @Override
  public String toString() {
    return "ResampleMetrics(ok="
        + rowsOk.value()
        + ", failed="
        + rowsFailed.value()
        + ", null="
        + rowsNull.value()
        + ", cpuRetries="
        + cpuRetries.value()
        + ")";
  }
}
