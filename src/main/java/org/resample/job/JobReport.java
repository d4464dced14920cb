package org.resample.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.resample.spark.preview.Preview;

/**
 * The {@code --report} page: the run's summary, then for each resampled column a before/after table
 * of the first {@code --report-rows} rows (thumbnails and value histograms, from {@link Preview}).
 */
final class JobReport {
  private JobReport() {}

  static String html(Dataset<Row> rows, JobOptions o, JobSummary summary) {
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
    sb.append("</table>\n");
    Dataset<Row> sample = rows.limit(o.reportRows);
    for (ColumnSpec c : o.columns) {
      List<Column> cols = new ArrayList<>();
      if (o.keyColumn != null) {
        cols.add(ColumnResampling.column(o.keyColumn).as("key"));
      }
      cols.add(ColumnResampling.column(c.column).as("before"));
      ColumnSpec beforeAfter = c.on("before");
      String key = o.keyColumn != null ? "key" : null;
      List<Row> collected =
          ColumnResampling.resampler(beforeAfter, "after", false, key, o.backend)
              .transform(sample.select(cols.toArray(new Column[0])))
              .collectAsList();
      sb.append("<h2>")
          .append(Preview.escapeHtml(c.column + " \u2192 " + c.outputColumn))
          .append("</h2>\n<p style=\"font-family:monospace\">")
          .append(Preview.escapeHtml(c.toString()))
          .append("</p>\n")
          .append(Preview.fragment(collected, "before", "after", key));
    }
    sb.append("</body></html>\n");
    return sb.toString();
  }
}
