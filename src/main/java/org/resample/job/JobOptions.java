package org.resample.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The job's settings, merged from the command line, the {@code --config} properties file and the
 * {@code spark.resample.*} Spark confs (in that precedence), then checked. Everything here is
 * validated before Spark starts; a bad value fails with the option's name, where it came from, and
 * the accepted values.
 */
final class JobOptions {
  final String input;
  /** "auto", "parquet", "image" or "binary". */
  final String inputFormat;
  final String inputGlob;
  /** "spark", "arrow" or "huggingface". */
  final String outputFormat;
  final String output;
  final List<ColumnSpec> columns;
  final String onError;
  final String quarantinePath;
  /** The key column given, or null (the job then uses the file path of image input). */
  final String keyColumn;
  final boolean overwrite;
  /** "input", "none", or the columns. */
  final List<String> partitionBy;
  final boolean partitionLikeInput;
  final String compression;
  final String backend;
  final Long limit;
  final Double sample;
  final long seed;
  final boolean report;
  final int reportRows;
  final int progressIntervalSeconds;
  final boolean help;
  /** Where each option's value came from ("command line", the config file, the Spark conf key). */
  final Map<JobOption, String> sources;

  private JobOptions(Map<JobOption, Value> v) {
    Map<JobOption, String> src = new EnumMap<>(JobOption.class);
    v.forEach((k, val) -> src.put(k, val.source));
    this.sources = Collections.unmodifiableMap(src);
    this.help = v.containsKey(JobOption.HELP);
    if (help) {
      input = output = onError = quarantinePath = keyColumn = compression = backend = null;
      inputFormat = inputGlob = outputFormat = null;
      columns = List.of();
      partitionBy = List.of();
      overwrite = partitionLikeInput = report = false;
      limit = null;
      sample = null;
      seed = reportRows = progressIntervalSeconds = 0;
      return;
    }
    input = required(v, JobOption.INPUT);
    output = required(v, JobOption.OUTPUT);
    inputFormat = choice(v, JobOption.INPUT_FORMAT);
    inputGlob = value(v, JobOption.INPUT_GLOB);
    outputFormat = choice(v, JobOption.OUTPUT_FORMAT);
    Value colValue = v.get(JobOption.COLUMN);
    if (colValue == null) {
      throw usage("--column is required: give at least one tensor column to resample, e.g. "
          + "--column image:size=224x224,mode=bilinear");
    }
    List<ColumnSpec> cols = new ArrayList<>();
    for (String s : colValue.values) {
      for (String one : s.split(";")) {
        if (!one.isBlank()) {
          cols.add(ColumnSpec.parse(one, "--column" + colValue.from()));
        }
      }
    }
    Set<String> outs = new HashSet<>();
    for (ColumnSpec c : cols) {
      if (!outs.add(c.outputColumn.toLowerCase(Locale.ROOT))) {
        throw usage("--column: two specs write the same output column '" + c.outputColumn
            + "'; give each an own output=NAME");
      }
    }
    columns = List.copyOf(cols);
    onError = choice(v, JobOption.ON_ERROR);
    quarantinePath = optional(v, JobOption.QUARANTINE_PATH);
    if (onError.equals("quarantine") && quarantinePath == null) {
      throw usage("--on-error quarantine needs --quarantine-path PATH (where the failed rows go)");
    }
    if (!onError.equals("quarantine") && quarantinePath != null) {
      throw usage("--quarantine-path" + v.get(JobOption.QUARANTINE_PATH).from()
          + " is only used with --on-error quarantine (on-error is " + onError + ")");
    }
    keyColumn = optional(v, JobOption.KEY_COLUMN);
    overwrite = choice(v, JobOption.WRITE_MODE).equals("overwrite");
    String pb = value(v, JobOption.PARTITION_BY).trim();
    partitionLikeInput = pb.equalsIgnoreCase("input");
    if (partitionLikeInput || pb.equalsIgnoreCase("none")) {
      partitionBy = List.of();
    } else {
      List<String> pcols = new ArrayList<>();
      for (String c : pb.split(",")) {
        if (c.isBlank()) {
          throw usage("--partition-by" + v.get(JobOption.PARTITION_BY).from() + ": '" + pb
              + "' has an empty column name; accepted: " + JobOption.PARTITION_BY.accepted.replace("|", " | "));
        }
        pcols.add(c.trim());
      }
      partitionBy = List.copyOf(pcols);
    }
    compression = choice(v, JobOption.COMPRESSION);
    backend = choice(v, JobOption.BACKEND);
    Long lim = v.containsKey(JobOption.LIMIT) ? integer(v, JobOption.LIMIT, 1, Long.MAX_VALUE) : null;
    limit = lim;
    if (v.containsKey(JobOption.SAMPLE)) {
      double f;
      try {
        f = Double.parseDouble(value(v, JobOption.SAMPLE));
      } catch (NumberFormatException e) {
        f = Double.NaN;
      }
      if (!(f > 0 && f <= 1)) {
        throw usage("--sample" + v.get(JobOption.SAMPLE).from() + ": '" + value(v, JobOption.SAMPLE)
            + "' is not a fraction; accepted: a number with 0 < FRACTION <= 1, e.g. 0.01");
      }
      sample = f;
    } else {
      sample = null;
    }
    seed = integer(v, JobOption.SEED, Long.MIN_VALUE, Long.MAX_VALUE);
    report = flag(v, JobOption.REPORT);
    reportRows = (int) integer(v, JobOption.REPORT_ROWS, 1, 100);
    progressIntervalSeconds = (int) integer(v, JobOption.PROGRESS_INTERVAL, 0, 86_400);
  }

  /** A value and where it came from. */
  private static final class Value {
    final List<String> values;
    final String source;

    Value(List<String> values, String source) {
      this.values = values;
      this.source = source;
    }

    String from() {
      return source.equals("command line") ? "" : " (from " + source + ")";
    }
  }

  /**
   * Parses and checks the options.
   *
   * @param args the command line
   * @param sparkConfs the Spark confs visible before Spark starts (spark-submit passes them as
   *     system properties); only {@code spark.resample.<option>} keys are read
   * @throws JobException (exit status {@link ResampleJob#EXIT_USAGE}) for anything invalid
   */
  static JobOptions parse(String[] args, Map<String, String> sparkConfs) {
    Map<JobOption, List<String>> cli = parseCommandLine(args);
    Map<JobOption, Value> merged = new EnumMap<>(JobOption.class);
    if (cli.containsKey(JobOption.HELP)) {
      merged.put(JobOption.HELP, new Value(List.of("true"), "command line"));
      return new JobOptions(merged);
    }
    for (Map.Entry<String, String> e : sparkConfs.entrySet()) {
      if (e.getKey().startsWith(JobOption.SPARK_CONF_PREFIX)) {
        JobOption o = JobOption.byName(e.getKey().substring(JobOption.SPARK_CONF_PREFIX.length()));
        // Other spark.resample.* keys (e.g. spark.resample.gpu.*) are the library's, not the job's.
        if (o != null && !o.commandLineOnly()) {
          merged.put(o, new Value(List.of(e.getValue()), e.getKey()));
        }
      }
    }
    if (cli.containsKey(JobOption.CONFIG)) {
      String file = cli.get(JobOption.CONFIG).get(0);
      merged.putAll(readConfigFile(Path.of(file)));
    }
    cli.forEach((o, vals) -> merged.put(o, new Value(vals, "command line")));
    merged.remove(JobOption.CONFIG);
    return new JobOptions(merged);
  }

  private static Map<JobOption, List<String>> parseCommandLine(String[] args) {
    Map<JobOption, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw usage("unexpected argument '" + a + "'; options look like --name value; run with --help");
      }
      String name = a.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      JobOption o = JobOption.byName(name);
      if (o == null) {
        throw usage("unknown option '--" + name + "'; valid options: " + JobOption.names());
      }
      if (o.isFlag()) {
        if (value != null && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
          throw usage("--" + o.name + " is a flag: give it without a value (or =true / =false)");
        }
        value = value == null ? "true" : value;
      } else if (value == null) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          throw usage("--" + o.name + " needs a value: --" + o.name + " " + o.valueName
              + (o.accepted != null ? " (accepted: " + o.accepted.replace("|", " | ") + ")" : ""));
        }
        value = args[++i];
      }
      List<String> vals = out.computeIfAbsent(o, k -> new ArrayList<>());
      if (!vals.isEmpty() && o != JobOption.COLUMN) {
        throw usage("--" + o.name + " is given more than once (only --column may repeat)");
      }
      vals.add(value);
    }
    return out;
  }

  /** Largest --config file read: a properties file of options is a few KiB. */
  static final int MAX_CONFIG_BYTES = 1 << 20;

  private static Map<JobOption, Value> readConfigFile(Path file) {
    Properties p = new Properties();
    if (!Files.isRegularFile(file)) {
      throw usage("--config: cannot read '" + file + "': " + (Files.exists(file) ? "not a regular file" : "no such file")
          + "; give a properties file of options (name = value)");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_CONFIG_BYTES + 1);
      if (bytes.length > MAX_CONFIG_BYTES) {
        throw usage("--config: cannot read '" + file + "': larger than " + (MAX_CONFIG_BYTES >> 20)
            + " MiB; give a properties file of options (name = value)");
      }
      p.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
    } catch (IOException | IllegalArgumentException e) {
      throw usage("--config: cannot read '" + file + "' (" + e.getMessage() + "); give a readable properties file");
    }
    Map<JobOption, Value> out = new EnumMap<>(JobOption.class);
    for (String key : p.stringPropertyNames()) {
      JobOption o = JobOption.byName(key.trim());
      if (o == null || o.commandLineOnly()) {
        throw usage("--config " + file + ": unknown option '" + key + "'; valid names: "
            + JobOption.names().replace("--", "").replace(", config", "").replace(", help", ""));
      }
      out.put(o, new Value(List.of(p.getProperty(key).trim()), file.toString()));
    }
    return out;
  }

  private static String optional(Map<JobOption, Value> v, JobOption o) {
    Value val = v.get(o);
    if (val == null || val.values.get(0).isBlank()) {
      return null;
    }
    return val.values.get(0).trim();
  }

  private static String required(Map<JobOption, Value> v, JobOption o) {
    String s = optional(v, o);
    if (s == null) {
      throw usage("--" + o.name + " " + o.valueName + " is required (" + o.help + ")");
    }
    return s;
  }

  private static String value(Map<JobOption, Value> v, JobOption o) {
    String s = optional(v, o);
    return s != null ? s : o.defaultValue;
  }

  private static String choice(Map<JobOption, Value> v, JobOption o) {
    String s = value(v, o).toLowerCase(Locale.ROOT);
    for (String ok : o.accepted.split("\\|")) {
      if (ok.equals(s)) {
        return s;
      }
    }
    throw usage("--" + o.name + from(v, o) + ": invalid value '" + value(v, o) + "'; accepted: "
        + o.accepted.replace("|", " | "));
  }

  private static boolean flag(Map<JobOption, Value> v, JobOption o) {
    String s = value(v, o);
    if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(s.toLowerCase(Locale.ROOT));
    }
    throw usage("--" + o.name + from(v, o) + ": invalid value '" + s + "'; accepted: true | false");
  }

  private static long integer(Map<JobOption, Value> v, JobOption o, long min, long max) {
    String s = value(v, o);
    long n;
    try {
      n = Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      throw usage("--" + o.name + from(v, o) + ": '" + s + "' is not an integer; accepted: " + range(min, max));
    }
    if (n < min || n > max) {
      throw usage("--" + o.name + from(v, o) + ": " + n + " is out of range; accepted: " + range(min, max));
    }
    return n;
  }

  private static String range(long min, long max) {
    if (max == Long.MAX_VALUE) {
      return min == Long.MIN_VALUE ? "any integer" : "an integer >= " + min;
    }
    return "an integer from " + min + " to " + max;
  }

  private static String from(Map<JobOption, Value> v, JobOption o) {
    Value val = v.get(o);
    return val == null ? "" : val.from();
  }

  private static JobException usage(String message) {
    return new JobException(ResampleJob.EXIT_USAGE, message);
  }
}
