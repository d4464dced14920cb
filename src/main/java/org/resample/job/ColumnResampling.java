package org.resample.job;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.resample.job.input.ForeignTensors;
import org.resample.spark.operator.Resampler;

/**
 * Applies the job's column specs to a dataset: one {@link Resampler} per spec, chained. With
 * on-error fail a bad row fails the query (the message names the column, the row's key and the
 * problem); otherwise the bad row's results are NULL and {@link #ERROR} holds the first error of
 * the row (NULL for a good row).
 */
final class ColumnResampling {
  private ColumnResampling() {}

  /** The error column while the job runs (a name no input is expected to use). */
  static final String ERROR = "__resample_error";

  /** The error column of the quarantined rows. */
  static final String QUARANTINE_ERROR = "resample_error";

  /** {@code `name`}, quoted so that names with dots or spaces work. */
  static Column column(String name) {
    return col("`" + name.replace("`", "``") + "`");
  }

  /** The Resampler of one spec. */
  static Resampler resampler(ColumnSpec spec, String outputColumn, boolean fail, String keyColumn, String backend) {
    Resampler r = new Resampler()
        .setInputCol(spec.column)
        .setOutputCol(outputColumn.equals(spec.column) ? "" : outputColumn)
        .setCompat(spec.compat.id())
        .setMode(spec.filter)
        .setAntialias(spec.antialias)
        .setOnError(fail ? "fail" : "quarantine")
        .setErrorCol(ERROR)
        .setBackend(backend);
    if (spec.size != null) {
      r.setSize(spec.size);
    } else {
      r.setScaleFactor(spec.scale);
    }
    if (spec.alignCorners != null) {
      r.setAlignCorners(spec.alignCorners);
    }
    if (spec.halfPixelCenters != null) {
      r.setHalfPixelCenters(spec.halfPixelCenters);
    }
    if (spec.reducingGap != null) {
      r.setReducingGap(spec.reducingGap);
    }
    if (spec.recomputeScaleFactor != null) {
      r.setRecomputeScaleFactor(spec.recomputeScaleFactor);
    }
    if (spec.torchVersion != null) {
      r.setTorchVersion(spec.torchVersion);
    }
    if (spec.maxOutputElements != null) {
      r.setMaxOutputElements(spec.maxOutputElements);
    }
    if (keyColumn != null) {
      r.setKeyCol(keyColumn);
    }
    return r;
  }

  /**
   * The input with every spec applied, plus {@link #ERROR} unless {@code fail}.
   *
   * @param fail true for on-error fail; false: bad rows get NULL results and an error message
   */
  static Dataset<Row> apply(Dataset<Row> df, List<ColumnSpec> specs, boolean fail, String keyColumn, String backend) {
    Dataset<Row> out = df;
    for (ColumnSpec s : specs) {
      Column converted = ForeignTensors.canonical(column(s.column), out.schema().apply(s.column).dataType());
      if (converted == null) {
        out = resampler(s, s.outputColumn, fail, keyColumn, backend).transform(out);
        continue;
      }
      // A tensor written by another tool (ForeignTensors): resampled from its canonical form; the
      // column as read is kept unless the result replaces it.
      String input = FOREIGN_INPUT + s.column;
      out = out.withColumn(input, converted);
      if (s.inPlace()) {
        out = out.drop(s.column);
      }
      out = resampler(s.reading(input), s.outputColumn, fail, keyColumn, backend).transform(out).drop(input);
    }
    return out;
  }

  /** Prefix of the converted copy of a column written by another tool, while it is resampled. */
  static final String FOREIGN_INPUT = "__resample_input_";
}
