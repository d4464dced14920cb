package org.resample.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.resample.spark.ResampleFunctions;

/**
 * Applies the job's column specs to a dataset: each tensor column resampled into its output
 * column, plus two helper columns, {@link #FAILED} (true when some column of the row could not be
 * resampled) and {@link #ERROR} (what went wrong, NULL for a good row).
 */
final class ColumnResampling {
  private ColumnResampling() {}

  static final String FAILED = "__resample_failed";
  static final String ERROR = "resample_error";

  /** {@code `name`}, quoted so that names with dots or spaces work. */
  static Column column(String name) {
    return col("`" + name.replace("`", "``") + "`");
  }

  /** The resampled value of {@code spec}'s column, NULL for a row that fails unless {@code fail}. */
  static Column resampled(ColumnSpec spec, boolean fail) {
    Map<String, String> options = spec.sqlOptions();
    options.put("on_error", fail ? "fail" : "null");
    options.put("column", spec.column);
    Column in = column(spec.column);
    return spec.size != null
        ? ResampleFunctions.interpolate(in, spec.size, spec.mode.torchName(), options)
        : ResampleFunctions.interpolateScale(in, spec.scale, spec.mode.torchName(), options);
  }

  /**
   * The input with every spec applied, followed by {@link #FAILED} and {@link #ERROR}.
   *
   * @param fail true for on-error fail: a bad row fails the query (with the column, the problem
   *     and the values in the message); false: the row's result is NULL and FAILED is true
   */
  static Dataset<Row> apply(Dataset<Row> df, List<ColumnSpec> specs, boolean fail) {
    Dataset<Row> out = df;
    List<Column> failed = new ArrayList<>();
    List<Column> errors = new ArrayList<>();
    List<String> temps = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      ColumnSpec s = specs.get(i);
      String tmp = "__resample_out_" + i;
      temps.add(tmp);
      out = out.withColumn(tmp, resampled(s, fail));
      Column bad = column(s.column).isNotNull().and(column(tmp).isNull());
      failed.add(bad);
      errors.add(when(bad, lit("column " + s.column + ": the tensor could not be resampled with "
          + s.sizeText() + ", mode " + s.mode + " (malformed tensor or a shape the mode does not accept;"
          + " run with --on-error fail to see the error of the first such row)")));
    }
    Column anyFailed = lit(false);
    for (Column f : failed) {
      anyFailed = anyFailed.or(f);
    }
    out = out.withColumn(FAILED, anyFailed)
        .withColumn(ERROR, when(column(FAILED), concat_ws("; ", errors.toArray(new Column[0]))));
    for (int i = 0; i < specs.size(); i++) {
      ColumnSpec s = specs.get(i);
      out = s.inPlace()
          ? out.withColumn(s.column, column(temps.get(i))).drop(temps.get(i))
          : out.withColumnRenamed(temps.get(i), s.outputColumn);
    }
    return out;
  }
}
