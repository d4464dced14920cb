package org.resample.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run did: counts, bytes, time. Printed at the end of the job and written as JSON to
 * {@code OUTPUT/_resample_summary.json}.
 */
final class JobSummary {
  String input;
  String output;
  String quarantinePath;
  List<String> columns;
  String onError;
  String inputFormat;
  String outputFormat;
  String backend;
  String sparkMaster;
  String dryRun;
  long rowsRead;
  long rowsWritten;
  long rowsFailed;
  long rowsQuarantined;
  long inputBytes;
  long outputBytes;
  long quarantineBytes;
  int outputFiles;
  List<String> partitionBy;
  double wallSeconds;
  double writeSeconds;
  /** From the job's start to the SparkSession (0 when the job ran on an existing session). */
  double sparkStartSeconds;
  /** From the job's start to the write's start: options, paths, Spark, the input's schema, checks. */
  double startSeconds;
  /** From the job's start to the first task that wrote rows; -1 when none did. */
  double firstRowSeconds = -1;
  /** Rewriting the Parquet footers (--output-format arrow or huggingface). */
  double footerSeconds;

  double rowsPerSecond() {
    return wallSeconds > 0 ? rowsRead / wallSeconds : 0;
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", "succeeded");
    m.put("input", input);
    m.put("output", output);
    if (quarantinePath != null) {
      m.put("quarantine_path", quarantinePath);
    }
    m.put("columns", columns);
    m.put("on_error", onError);
    m.put("input_format", inputFormat);
    m.put("output_format", outputFormat);
    m.put("backend", backend);
    m.put("spark_master", sparkMaster);
    if (dryRun != null) {
      m.put("dry_run", dryRun);
    }
    m.put("partition_by", partitionBy);
    m.put("rows_read", rowsRead);
    m.put("rows_written", rowsWritten);
    m.put("rows_failed", rowsFailed);
    m.put("rows_quarantined", rowsQuarantined);
    m.put("input_bytes", inputBytes);
    m.put("output_bytes", outputBytes);
    m.put("output_files", outputFiles);
    if (quarantinePath != null) {
      m.put("quarantine_bytes", quarantineBytes);
    }
    m.put("wall_seconds", round(wallSeconds));
    m.put("write_seconds", round(writeSeconds));
    m.put("spark_start_seconds", round(sparkStartSeconds));
    m.put("start_seconds", round(startSeconds));
    m.put("first_row_seconds", round(firstRowSeconds));
    m.put("footer_seconds", round(footerSeconds));
    m.put("rows_per_second", round(rowsPerSecond()));
    return m;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  String toJson() {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toMap()) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The lines printed at the end of the job. */
  String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append("resample job summary\n");
    line(sb, "input", input + " (" + inputFormat + ", " + bytes(inputBytes) + ")");
    line(sb, "output", output + " (" + outputFormat + ", " + bytes(outputBytes) + " in " + outputFiles + " files)");
    if (quarantinePath != null) {
      line(sb, "quarantine", quarantinePath + " (" + bytes(quarantineBytes) + ")");
    }
    for (String c : columns) {
      line(sb, "column", c);
    }
    if (dryRun != null) {
      line(sb, "dry run", dryRun);
    }
    line(sb, "rows read", String.valueOf(rowsRead));
    line(sb, "rows written", String.valueOf(rowsWritten));
    line(sb, "rows failed", rowsFailed + " (on-error " + onError + ")");
    line(sb, "rows quarantined", String.valueOf(rowsQuarantined));
    line(sb, "wall time", String.format(Locale.ROOT, "%.2f s (writing %.2f s)", wallSeconds, writeSeconds));
    line(sb, "start-up", String.format(Locale.ROOT,
        "%.2f s before writing (Spark session %.2f s); first rows written at %s", startSeconds,
        sparkStartSeconds, firstRowSeconds < 0 ? "-" : String.format(Locale.ROOT, "%.2f s", firstRowSeconds)));
    if (footerSeconds > 0) {
      line(sb, "footers", String.format(Locale.ROOT, "%.2f s (%s)", footerSeconds, outputFormat));
    }
    line(sb, "throughput", String.format(Locale.ROOT, "%.1f rows/s", rowsPerSecond()));
    return sb.toString();
  }

  private static void line(StringBuilder sb, String key, String value) {
    sb.append(String.format(Locale.ROOT, "  %-17s %s%n", key, value));
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
