package org.resample.job;

import java.util.Locale;

/**
 * The options of {@link ResampleJob}: one table for the command line ({@code --name value} or
 * {@code --name=value}), the config file ({@code name = value}) and Spark confs ({@code
 * spark.resample.name}), and for {@code --help}.
 */
enum JobOption {
  INPUT("input", "PATH", null, null,
      "What to read: a Parquet dataset or a folder of image files (read recursively), a file or a "
          + "directory, local (file:/ or a plain path), hdfs://, s3a://"),
  OUTPUT("output", "PATH", null, null,
      "Where to write the result (a Parquet dataset directory). Holds _SUCCESS, "
          + "_resample_summary.json and (with --report) _resample_report.html once the job succeeds"),
  COLUMN("column", "SPEC", null, null,
      "A tensor column to resample; repeat for several (in a config file or Spark conf: specs "
          + "separated by ';'). SPEC is NAME:key=value,... with keys size=HxW (one value per spatial "
          + "dimension, 'x'-separated, or one value for every axis the mode resamples) or scale=FxF, mode="
          + "nearest|nearest-exact|linear|bilinear|bicubic|trilinear|lanczos|area (lanczos needs "
          + "antialias=true), align_corners=true|false, antialias=true|false, "
          + "recompute_scale_factor=true|false, torch_version=2|1.13, max_output_elements=N (memory limit "
          + "of one row's call in elements of its dtype, result plus tables; default 67108864), "
          + "compat=pytorch|opencv|pillow|tensorflow|tensorflow-v1 (resize as that library does; mode is "
          + "then its filter, e.g. compat=opencv,mode=lanczos4; size=HxW only), half_pixel_centers="
          + "true|false (tensorflow-v1), reducing_gap=G (pillow), "
          + "output=NAME (default: replace "
          + "the column). Example: image:size=224x224,mode=bilinear,antialias=true,output=image_224"),
  INPUT_FORMAT("input-format", "FORMAT", "auto|parquet|image|binary", "auto",
      "How to read --input: parquet; image (Spark's image source); binary (Spark's binaryFile source, "
          + "decoded by the job: 16-bit samples scaled to 8 bits, grey with alpha kept). Images become "
          + "rows of path (the file) and image (Spark's image struct: B, G, R(, A) or grey); a file "
          + "that cannot be decoded is a bad row (--on-error) keyed by its path. auto: parquet when "
          + "the input holds .parquet files, binary when it holds image files"),
  INPUT_GLOB("input-glob", "GLOB", null, org.resample.job.input.ImageInput.DEFAULT_GLOB,
      "With image or binary input: the file names to read (a glob on the name, e.g. '*.jpg')"),
  ON_ERROR("on-error", "POLICY", "fail|null|quarantine", "fail",
      "What a row that cannot be resampled does: fail the job; get NULL in the output column; or "
          + "go, unchanged and with its error, to --quarantine-path instead of the output"),
  QUARANTINE_PATH("quarantine-path", "PATH", null, null,
      "Parquet dataset for the rows that failed (required with --on-error quarantine)"),
  KEY_COLUMN("key-column", "NAME", null, null,
      "Column that identifies a row in error messages and in the report (e.g. an id); with image "
          + "input, path unless given"),
  WRITE_MODE("write-mode", "MODE", "error|overwrite", "error",
      "error: refuse to write when the output (or quarantine) path holds anything; overwrite: replace "
          + "it. A path another run of the job is writing is refused in either mode"),
  PARTITION_BY("partition-by", "COLS", "input|none|COL[,COL...]", "input",
      "Output partitioning: as the input's (its key=value directories), none, or these columns"),
  OUTPUT_FORMAT("output-format", "FORMAT", "spark|arrow|huggingface", "spark",
      "spark: the columns as Spark wrote them; arrow: tensor columns as Arrow's canonical "
          + "fixed_shape_tensor (every row one shape) or variable_shape_tensor (pyarrow, Ray), images as "
          + "Hugging Face Image features; huggingface: images as Hugging Face Image features (PNG "
          + "bytes and path; datasets.load_dataset('parquet', ...) yields images), tensors as structs. "
          + "arrow and huggingface rewrite each file's Parquet footer before _SUCCESS; Spark reads "
          + "every format"),
  COMPRESSION("compression", "CODEC", "snappy|zstd|gzip|lz4|lz4_raw|none", "snappy",
      "Parquet compression codec of the output"),
  BACKEND("backend", "NAME", "auto|cpu|gpu", "auto",
      "Where to compute: auto (GPU when usable, else CPU), cpu, gpu (fail if no GPU is usable)"),
  LIMIT("limit", "N", null, null, "Dry run: resample only the first N rows (N >= 1)"),
  SAMPLE("sample", "FRACTION", null, null,
      "Dry run: resample a random fraction of the rows, 0 < FRACTION <= 1 (see --seed)"),
  SEED("seed", "N", null, "42", "Random seed of --sample"),
  REPORT("report", null, null, "false",
      "Also write an HTML report (before/after thumbnails, value histograms of sampled rows) to "
          + "OUTPUT/_resample_report.html"),
  REPORT_ROWS("report-rows", "N", null, "8", "Number of rows the report shows (1..100)"),
  PROGRESS_INTERVAL("progress-interval", "SECONDS", null, "10",
      "Seconds between progress log lines (rows written so far); 0 turns them off"),
  CONFIG("config", "FILE", null, null,
      "Properties file with any of these options as name = value (command line only)"),
  HELP("help", null, null, null, "Print this help and exit (command line only)");

  /** Prefix of the Spark confs that carry job options, e.g. {@code spark.resample.on-error}. */
  static final String SPARK_CONF_PREFIX = "spark.resample.";

  final String name;
  final String valueName;
  final String accepted;
  final String defaultValue;
  final String help;

  JobOption(String name, String valueName, String accepted, String defaultValue, String help) {
    this.name = name;
    this.valueName = valueName;
    this.accepted = accepted;
    this.defaultValue = defaultValue;
    this.help = help;
  }

  /** True for a flag: no value on the command line, {@code true|false} elsewhere. */
  boolean isFlag() {
    return valueName == null;
  }

  /** True for the options only the command line may give. */
  boolean commandLineOnly() {
    return this == CONFIG || this == HELP;
  }

  static JobOption byName(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    for (JobOption o : values()) {
      if (o.name.equals(key)) {
        return o;
      }
    }
    return null;
  }

  static String names() {
    StringBuilder sb = new StringBuilder();
    for (JobOption o : values()) {
      sb.append(sb.length() == 0 ? "" : ", ").append("--").append(o.name);
    }
    return sb.toString();
  }

  /** The {@code --help} text. */
  static String help() {
    StringBuilder sb = new StringBuilder();
    sb.append("Usage: ResampleJob --input PATH --output PATH --column SPEC [--column SPEC ...] [options]\n")
        .append("Reads a Parquet dataset or a folder of images, resamples tensor columns with PyTorch's\n")
        .append("interpolate, writes a Parquet dataset, and prints a summary (also written as\n")
        .append("OUTPUT/_resample_summary.json).\n\n")
        .append("Options (precedence: command line > --config file > spark.resample.* Spark confs > default):\n");
    for (JobOption o : values()) {
      sb.append("  --").append(o.name);
      if (!o.isFlag()) {
        sb.append(' ').append(o.valueName);
      }
      sb.append('\n');
      sb.append(wrap(o.help, "      "));
      if (o.accepted != null) {
        sb.append("      accepted: ").append(o.accepted.replace("|", " | ")).append('\n');
      }
      if (o.defaultValue != null) {
        sb.append("      default: ").append(o.defaultValue).append('\n');
      }
    }
    sb.append("\nExit status: 0 done; 1 the run failed (no _SUCCESS unless the message says so);\n")
        .append("2 invalid options, or input, output and quarantine paths that overlap (nothing was read\n")
        .append("or written); 3 unusable input or output (missing path, not Parquet, missing or non-tensor\n")
        .append("column, a setting that does not fit the data, an output that exists or that another run\n")
        .append("is writing). Other statuses come from the JVM or Spark (README, \"Exit status\").\n");
    return sb.toString();
  }

  private static String wrap(String text, String indent) {
    StringBuilder sb = new StringBuilder();
    StringBuilder line = new StringBuilder(indent);
    for (String word : text.split(" ")) {
      if (line.length() > indent.length() && line.length() + 1 + word.length() > 100) {
        sb.append(line).append('\n');
        line = new StringBuilder(indent);
      }
      if (line.length() > indent.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    return sb.append(line).append('\n').toString();
  }
}
