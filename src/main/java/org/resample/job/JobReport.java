package org.resample.job;

import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.row_number;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.resample.job.input.ForeignTensors;
import org.resample.spark.preview.Preview;

/**
 * The {@code --report} page: the run's summary, then for each resampled column a before/after table
 * of the first {@code --report-rows} rows (thumbnails and value histograms, from {@link Preview}),
 * headed by the input and output column names, each row labelled by its key (or its number in the
 * sample when the job has no key column).
 */
final class JobReport {
  private JobReport() {}

  /** The label column of a report without a key column. */
  static final String ROW_LABEL = "row";

  /** The before/after tables of every column (this runs Spark jobs: call before the summary is final). */
  static String tables(Dataset<Row> rows, JobOptions o, String keyColumn) {
    StringBuilder sb = new StringBuilder();
    Dataset<Row> sample = rows.limit(o.reportRows);
    for (ColumnSpec c : o.columns) {
      String before = c.column;
      String after = c.inPlace() ? c.column + " resampled" : c.outputColumn;
      String key = keyColumn != null ? keyColumn : ROW_LABEL;
      List<Column> cols = new ArrayList<>();
      if (keyColumn != null) {
        cols.add(ColumnResampling.column(keyColumn).as(key));
      } else {
        cols.add(row_number().over(Window.orderBy(monotonically_increasing_id())).as(key));
      }
      Column converted = ForeignTensors.canonical(ColumnResampling.column(c.column),
          sample.schema().apply(c.column).dataType());
      cols.add((converted != null ? converted : ColumnResampling.column(c.column)).as(before));
      List<Row> collected =
          ColumnResampling.resampler(c.on(before), after, false, key, o.backend)
              .transform(sample.select(cols.toArray(new Column[0])))
              .collectAsList();
      sb.append("<h2>")
          .append(Preview.escapeHtml(c.column + " \u2192 " + c.outputColumn))
          .append("</h2>\n<p style=\"font-family:monospace\">")
          .append(Preview.escapeHtml(c.toString()))
          .append("</p>\n")
          .append(Preview.fragment(collected, before, after, key));
    }
    return sb.toString();
  }

  /** The page: the summary as it is now, then {@code tables}. */
  static String page(JobSummary summary, String tables) {
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>resample job report</title>")
        .append("</head>\n<body style=\"font-family: sans-serif; margin: 1.5em\">\n")
        .append("<h1>resample job report</h1>\n<table style=\"border-collapse:collapse\">\n");
    for (Map.Entry<String, Object> e : summary.toMap().entrySet()) {
      sb.append("<tr><td style=\"padding:2px 12px 2px 0\"><b>")
          .append(Preview.escapeHtml(e.getKey()))
          .append("</b></td><td style=\"font-family:monospace\">")
          .append(Preview.escapeHtml(String.valueOf(e.getValue())))
          .append("</td></tr>\n");
    }
    sb.append("</table>\n").append(tables).append("</body></html>\n");
    return sb.toString();
  }
}
