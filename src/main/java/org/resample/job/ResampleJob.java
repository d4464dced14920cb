package org.resample.job;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.AtomicType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.resample.job.input.ForeignTensors;
import org.resample.job.input.ImageInput;
import org.resample.job.output.ConsumerOutput;
import org.resample.spark.shim.SparkShim;
import org.resample.spark.sql.ResampleFunctions;
import org.resample.spark.ResampleSqlException;
import org.resample.spark.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.resample.spark.operator.Resampler;

/**
 * The resample job: reads a Parquet dataset, resamples one or more tensor columns with PyTorch's
 * {@code interpolate} semantics, writes a Parquet dataset, and prints a summary (also written as
 * {@code OUTPUT/_resample_summary.json}).
 *
 * <pre>{@code
 * spark-submit --class org.resample.job.ResampleJob spark-resample.jar \
 *     --input s3a://bucket/images --output s3a://bucket/images-224 \
 *     --column image:size=224x224,mode=bilinear,antialias=true
 * }</pre>
 *
 * <p>Options come from the command line, a {@code --config} properties file and {@code
 * spark.resample.*} Spark confs, in that precedence ({@code --help} lists them). They are all
 * checked before Spark starts. Without {@code spark.master} (no spark-submit) the job runs on an
 * embedded local Spark ({@code local[*]}).
 *
 * <p>The output is written through Spark's commit protocol (on S3, the S3A committer configured in
 * {@code conf/spark-defaults.conf}): a run that fails leaves no {@code _SUCCESS} and no summary.
 * Input, output and quarantine must be pairwise disjoint locations ({@link JobPaths}); an output or
 * quarantine that holds anything is replaced only with {@code --write-mode overwrite}, and one that
 * another run is writing is never touched ({@link OutputGuard}).
 *
 * @since 0.1
 */
public final class ResampleJob {
  private static final Logger LOG = LoggerFactory.getLogger(ResampleJob.class);

  /** Exit status: the job finished. */
  public static final int EXIT_OK = 0;
  /**
   * Exit status: the run failed (a row error with on-error fail, an I/O failure, a JVM out of
   * memory on the driver, ...); the output has no _SUCCESS unless the message says otherwise.
   */
  public static final int EXIT_FAILED = 1;
  /**
   * Exit status: invalid options, or input, output and quarantine paths that overlap; nothing was
   * read or written.
   */
  public static final int EXIT_USAGE = 2;
  /**
   * Exit status: the input or output cannot be used (missing, not Parquet, a missing or non-tensor
   * column, a setting that does not fit the data, an output that exists or that another run is
   * writing); nothing was written.
   */
  public static final int EXIT_BAD_INPUT = 3;

  /** Summary file written into the output directory (ignored by Parquet readers: leading '_'). */
  public static final String SUMMARY_FILE = "_resample_summary.json";
  /** Hadoop's switch for the committer's _SUCCESS marker (file and S3A committers). */
  private static final String SUCCESS_MARKER_CONF = "mapreduce.fileoutputcommitter.marksuccessfuljobs";

  /** Report file written into the output directory with {@code --report}. */
  public static final String REPORT_FILE = "_resample_report.html";

  private ResampleJob() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != EXIT_OK) {
      System.exit(status);
    }
  }

  /**
   * Runs the job with {@code args} and returns its exit status instead of exiting. Uses the JVM's
   * active Spark session if there is one (and leaves it running), otherwise starts one and stops it
   * at the end.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    long t0 = System.nanoTime();
    Map<String, String> sparkConfs = sparkConfsFromSystemProperties();
    JobOptions options;
    try {
      options = JobOptions.parse(args, sparkConfs);
    } catch (JobException e) {
      err.println("resample job: " + e.getMessage());
      err.println("(run with --help for every option and its accepted values)");
      return e.exitCode();
    }
    if (options.help) {
      out.print(JobOption.help());
      return EXIT_OK;
    }
    SparkSession existing = SparkSession.getActiveSession().isDefined()
        ? SparkSession.getActiveSession().get()
        : SparkSession.getDefaultSession().isDefined() ? SparkSession.getDefaultSession().get() : null;
    Locations paths;
    try {
      // Paths are checked before Spark starts: a conflict or an existing output costs no cluster.
      paths = Locations.check(options,
          existing != null ? existing.sparkContext().hadoopConfiguration() : JobPaths.hadoopConf(sparkConfs));
    } catch (JobException e) {
      err.println("resample job: " + e.getMessage());
      return e.exitCode();
    }
    long ts = System.nanoTime();
    SparkSession spark = existing != null ? existing : startSpark(options);
    double sparkStartSeconds = (System.nanoTime() - ts) / 1e9;
    try {
      JobSummary summary = execute(spark, options, paths, t0);
      summary.sparkStartSeconds = sparkStartSeconds;
      out.print(summary.toText());
      out.flush();
      return EXIT_OK;
    } catch (JobException e) {
      err.println("resample job: " + e.getMessage());
      return e.exitCode();
    } catch (Exception | Error e) { // Spark's checked SparkException arrives undeclared from Scala
      String output = SafeText.redact(options.output);
      err.println("resample job failed: " + describe(e));
      err.println(committed(spark, options.output)
          ? "the output " + output + " was committed (it has _SUCCESS) before the failure; "
              + "there is no " + SUMMARY_FILE + " of this run"
          : "no _SUCCESS was written to " + output + "; its content is not a complete result");
      LOG.error("resample job failed", SafeText.redacted(e));
      return EXIT_FAILED;
    } finally {
      if (existing == null) {
        spark.stop();
      }
    }
  }

  /** The job's path options as the locations they are, checked before anything is read. */
  static final class Locations {
    final JobPaths.Location output;
    final JobPaths.Location quarantine;

    private Locations(JobPaths.Location output, JobPaths.Location quarantine) {
      this.output = output;
      this.quarantine = quarantine;
    }

    /**
     * Resolves the paths and refuses what cannot work: overlapping locations, a missing input, an
     * output or quarantine that exists (unless overwrite) or that another run is writing.
     */
    static Locations check(JobOptions o, Configuration hadoop) {
      JobPaths.Location in = JobPaths.locate("--input", o.input, hadoop);
      JobPaths.Location out = JobPaths.locate("--output", o.output, hadoop);
      JobPaths.Location q =
          o.quarantinePath == null ? null : JobPaths.locate("--quarantine-path", o.quarantinePath, hadoop);
      JobPaths.checkDisjoint(in, out, q);
      checkInputExists(in, hadoop);
      OutputGuard.checkWritable(out, hadoop, o.overwrite);
      if (q != null) {
        OutputGuard.checkWritable(q, hadoop, o.overwrite);
      }
      return new Locations(out, q);
    }
  }

  private static boolean committed(SparkSession spark, String output) {
    try {
      Path success = new Path(output, "_SUCCESS");
      return success.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(success);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The message a user needs: the library's row error if there is one, else the root cause. */
  static String describe(Throwable e) {
    ResampleSqlException r = ResampleSqlException.find(e);
    if (r != null) {
      // A bad row's message ends with the Resampler's hint, which names its own parameter; the
      // job's is --on-error. Other errors (e.g. no usable GPU) have no such hint.
      String m = r.getMessage();
      String rowHint = "; set onError to ";
      return m.contains(rowHint)
          ? m.substring(0, m.indexOf(rowHint)) + "; use --on-error null or quarantine to keep going past such rows"
          : m;
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    String firstLine = m.split("\n", 2)[0];
    return SafeText.line(root == e ? firstLine : firstLine + " (cause: " + root + ")");
  }

  private static Map<String, String> sparkConfsFromSystemProperties() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String k : System.getProperties().stringPropertyNames()) {
      if (k.startsWith("spark.")) {
        m.put(k, System.getProperty(k));
      }
    }
    return m;
  }

  private static SparkSession startSpark(JobOptions o) {
    SparkSession.Builder b = SparkSession.builder().appName(appName(o));
    if (System.getProperty("spark.master") == null) {
      b.master("local[*]");
    }
    if (System.getProperty("spark.ui.showConsoleProgress") == null) {
      b.config("spark.ui.showConsoleProgress", "true");
    }
    return b.getOrCreate();
  }

  /** The Spark application's name: the output, secrets redacted. */
  static String appName(JobOptions o) {
    return "spark-resample job: " + SafeText.line(o.output);
  }

  // ---------------------------------------------------------------------------------------------

  static JobSummary execute(SparkSession spark, JobOptions o, Locations paths, long t0) {
    ResampleFunctions.register(spark);
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Path inputPath = new Path(o.input);
    Path outputPath = new Path(o.output);
    ImageInput.Format format = inputFormat(o, inputPath, hadoop);
    Dataset<Row> input = format == ImageInput.Format.PARQUET
        ? readParquet(spark, o.input)
        : ImageInput.read(spark, format, o.input, o.inputGlob);
    // Image rows are named by their file.
    String key = o.keyColumn != null || format == ImageInput.Format.PARQUET ? o.keyColumn : ImageInput.PATH_COLUMN;
    StructType schema = input.schema();
    StructType written = checkColumns(schema, o, key);
    List<String> partitionBy = o.partitionLikeInput
        ? format == ImageInput.Format.PARQUET ? inputPartitionColumns(input, inputPath, hadoop) : List.of()
        : o.partitionBy;
    checkPartitioning(partitionBy, written, o);
    String dryRun = null;
    Dataset<Row> rows = input;
    if (o.sample != null) {
      rows = rows.sample(o.sample, o.seed);
      dryRun = "sample " + o.sample + " (seed " + o.seed + ")";
    }
    if (o.limit != null) {
      rows = rows.limit((int) Math.min(Integer.MAX_VALUE, o.limit));
      dryRun = (dryRun == null ? "" : dryRun + ", ") + "limit " + o.limit;
    }
    LOG.info("resampling {} -> {}: {}",
        SafeText.line(o.input), SafeText.line(o.output), SafeText.line(o.columns.toString()));

    boolean fail = o.onError.equals("fail");
    boolean quarantine = o.onError.equals("quarantine");
    Dataset<Row> resampled = ColumnResampling.apply(rows, o.columns, fail, key, o.backend);
    Map<String, String> resampledColumns = new LinkedHashMap<>();
    o.columns.forEach(c -> resampledColumns.put(c.outputColumn, c.column));
    ConsumerOutput consumers = ConsumerOutput.plan(
        ConsumerOutput.Format.of(o.outputFormat), rows, resampled.schema(), resampledColumns);
    Column error = ColumnResampling.column(ColumnResampling.ERROR);
    Observation seen = new Observation("resample_rows");
    List<Column> metrics = new ArrayList<>(consumers.metrics());
    metrics.add((fail ? lit(0L) : sum(when(error.isNotNull(), 1L).otherwise(0L))).as("failed"));
    Dataset<Row> observed = resampled.observe(seen, count(lit(1)).as("rows"), metrics.toArray(new Column[0]));
    Dataset<Row> main = quarantine ? observed.filter(error.isNull()) : observed;
    if (!fail) {
      main = main.drop(ColumnResampling.ERROR);
    }
    main = consumers.convert(main);

    JobSummary s = new JobSummary();
    // The summary and report are read by everyone who reads the data: no secrets in them.
    s.input = SafeText.line(o.input);
    s.output = SafeText.line(o.output);
    s.quarantinePath = SafeText.line(o.quarantinePath);
    s.columns = new ArrayList<>();
    o.columns.forEach(c -> s.columns.add(c.toString()));
    s.onError = o.onError;
    s.inputFormat = format.optionValue();
    s.outputFormat = o.outputFormat;
    s.backend = o.backend;
    s.sparkMaster = spark.sparkContext().master();
    s.dryRun = dryRun;
    s.partitionBy = partitionBy;

    // The output (and quarantine) are held from here until the summary is written.
    try (OutputGuard heldOutput = OutputGuard.hold(paths.output, hadoop, o.overwrite);
        OutputGuard heldQuarantine =
            paths.quarantine == null ? null : OutputGuard.hold(paths.quarantine, hadoop, o.overwrite)) {
      long tw = System.nanoTime();
      s.startSeconds = (tw - t0) / 1e9;
      JobProgress progress = new JobProgress(spark.sparkContext(), o.progressIntervalSeconds);
      try {
        // With quarantine, the output's _SUCCESS waits for the quarantined rows to be written too;
        // with footers to rewrite, for the footers.
        boolean jobMarksSuccess = quarantine || consumers.rewritesFooters();
        write(main, outputPath, o, partitionBy, !jobMarksSuccess);
        Map<String, Object> m = observed(seen);
        s.rowsRead = ((Number) m.get("rows")).longValue();
        Object failed = m.get("failed");
        s.rowsFailed = failed == null ? 0 : ((Number) failed).longValue();
        s.rowsWritten = quarantine ? s.rowsRead - s.rowsFailed : s.rowsRead;
        if (quarantine) {
          s.rowsQuarantined = writeQuarantine(rows, o, partitionBy, s.rowsFailed, key);
        }
        if (consumers.rewritesFooters()) {
          long tf = System.nanoTime();
          try {
            consumers.finish(m, outputPath, hadoop);
          } catch (IOException e) {
            throw new JobException(EXIT_FAILED, "cannot rewrite the Parquet footers of " + s.output + " (--output-format "
                + o.outputFormat + "): " + SafeText.line(e.getMessage()), e);
          }
          s.footerSeconds = (System.nanoTime() - tf) / 1e9;
        }
        if (jobMarksSuccess) {
          writeText(new Path(outputPath, "_SUCCESS"), "", hadoop);
        }
      } finally {
        s.firstRowSeconds = progress.firstRowNanos() < 0 ? -1 : (progress.firstRowNanos() - t0) / 1e9;
        progress.close();
      }
      s.writeSeconds = (System.nanoTime() - tw) / 1e9;
      s.inputBytes = length(inputPath, hadoop);
      s.outputBytes = length(outputPath, hadoop);
      s.outputFiles = countDataFiles(outputPath, hadoop);
      if (o.quarantinePath != null) {
        s.quarantineBytes = length(new Path(o.quarantinePath), hadoop);
      }
      // The report's tables are computed first, so that the summary it shows is the final one.
      String reportTables = o.report ? JobReport.tables(rows, o, key) : null;
      s.wallSeconds = (System.nanoTime() - t0) / 1e9;
      if (reportTables != null) {
        writeText(new Path(outputPath, REPORT_FILE), JobReport.page(s, reportTables), hadoop);
      }
      writeText(new Path(outputPath, SUMMARY_FILE), s.toJson(), hadoop);
      return s;
    }
  }

  private static Map<String, Object> observed(Observation seen) {
    try {
      return SparkShim.observed(seen, 2, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new JobException(EXIT_FAILED, "the output was written but its row counts did not arrive: " + e, e);
    }
  }

  /**
   * Writes {@code df} as Parquet through Spark's commit protocol into {@code path}, which {@link
   * OutputGuard#hold} has prepared (it holds nothing but this run's marker): appending never deletes
   * anything. An output that got no data file (no rows, partitioned) gets one empty file with the
   * schema, so that it reads as an empty dataset.
   *
   * @param markSuccess false: the committer writes no _SUCCESS (the job writes it when everything
   *     else is written too)
   */
  private static void write(
      Dataset<Row> df, Path path, JobOptions o, List<String> partitionBy, boolean markSuccess) {
    var w = writer(df, o, markSuccess);
    if (!partitionBy.isEmpty()) {
      w = w.partitionBy(partitionBy.toArray(new String[0]));
    }
    w.parquet(path.toString());
    SparkSession spark = df.sparkSession();
    if (!partitionBy.isEmpty() && countDataFiles(path, spark.sparkContext().hadoopConfiguration()) == 0) {
      Dataset<Row> empty = spark.createDataFrame(List.of(), df.schema()).coalesce(1);
      writer(empty, o, false).parquet(path.toString());
    }
  }

  private static DataFrameWriter<Row> writer(Dataset<Row> df, JobOptions o, boolean markSuccess) {
    return df.write()
        .mode(SaveMode.Append)
        .option("compression", o.compression)
        // write options reach the committer's Hadoop conf: task commits never publish files (v1)
        .option("mapreduce.fileoutputcommitter.algorithm.version", "1")
        .option(SUCCESS_MARKER_CONF, Boolean.toString(markSuccess));
  }

  /**
   * Writes the failed rows (as read, plus {@code resample_error}) to the quarantine path. The rows
   * are found by resampling the input again, so this second pass runs only when the first one saw
   * failures; otherwise an empty dataset with the quarantine schema is written.
   *
   * @return the number of rows written there
   */
  private static long writeQuarantine(
      Dataset<Row> rows, JobOptions o, List<String> partitionBy, long failed, String key) {
    // Resample into side columns only, so the quarantined rows keep their original values.
    List<ColumnSpec> side = new ArrayList<>();
    for (int i = 0; i < o.columns.size(); i++) {
      side.add(o.columns.get(i).withOutput("__resample_check_" + i));
    }
    Dataset<Row> bad = ColumnResampling.apply(failed == 0 ? rows.limit(0) : rows, side, false, key, o.backend)
        .filter(ColumnResampling.column(ColumnResampling.ERROR).isNotNull());
    for (ColumnSpec c : side) {
      bad = bad.drop(c.outputColumn);
    }
    bad = bad.drop(ColumnResampling.QUARANTINE_ERROR)
        .withColumnRenamed(ColumnResampling.ERROR, ColumnResampling.QUARANTINE_ERROR);
    Observation seen = new Observation("resample_quarantine");
    write(bad.observe(seen, count(lit(1)).as("rows")), new Path(o.quarantinePath), o, partitionBy, true);
    return ((Number) observed(seen).get("rows")).longValue();
  }

  // ---------------------------------------------------------------------------------------------
  // checks before anything is read or written

  private static void checkInputExists(JobPaths.Location in, Configuration hadoop) {
    try {
      FileSystem fs = in.real.getFileSystem(hadoop);
      if (!fs.exists(in.real)) {
        throw new JobException(EXIT_BAD_INPUT, in.describe() + ": no such file or directory");
      }
    } catch (IOException e) {
      throw new JobException(EXIT_BAD_INPUT, in.describe() + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** The input's format: --input-format, or found from the files when it is auto. */
  private static ImageInput.Format inputFormat(JobOptions o, Path input, Configuration hadoop) {
    if (!o.inputFormat.equals("auto")) {
      return ImageInput.Format.valueOf(o.inputFormat.toUpperCase(java.util.Locale.ROOT));
    }
    try {
      return ImageInput.detect(input, hadoop);
    } catch (IOException e) {
      throw new JobException(EXIT_BAD_INPUT, "--input '" + SafeText.redact(o.input) + "' cannot be listed: "
          + SafeText.line(e.getMessage()), e);
    }
  }

  private static Dataset<Row> readParquet(SparkSession spark, String path) {
    try {
      Dataset<Row> df = spark.read().parquet(path);
      df.schema();
      return df;
    } catch (Exception e) { // includes Spark's undeclared SparkException
      throw new JobException(EXIT_BAD_INPUT, "--input '" + path + "' is not a readable Parquet dataset: "
          + describe(e), e);
    }
  }

  /**
   * Checks the column settings against the input's schema, as each column's Resampler does before
   * any row is read, and returns the schema of the rows written to the output.
   */
  private static StructType checkColumns(StructType schema, JobOptions o, String key) {
    List<String> names = Arrays.asList(schema.fieldNames());
    if (key != null && !names.contains(key)) {
      throw new JobException(EXIT_BAD_INPUT, "--key-column: no column '" + key
          + "' in the input; its columns are " + names);
    }
    StructType after = schema;
    for (ColumnSpec c : o.columns) {
      if (!names.contains(c.column)) {
        throw new JobException(EXIT_BAD_INPUT, "--column '" + c + "': no column '" + c.column
            + "' in the input; its columns are " + names);
      }
      try {
        // a tensor another tool wrote is resampled from its canonical form (ForeignTensors)
        DataType canonical = ForeignTensors.canonicalType(after.apply(c.column).dataType());
        if (canonical != null) {
          StructField[] fs = after.fields().clone();
          for (int i = 0; i < fs.length; i++) {
            if (fs[i].name().equals(c.column)) {
              fs[i] = new StructField(c.column, canonical, true, fs[i].metadata());
            }
          }
          after = new StructType(fs);
        }
        after = ColumnResampling.resampler(c, c.outputColumn, false, key, o.backend).transformSchema(after);
      } catch (ResampleSqlException e) {
        throw new JobException(EXIT_BAD_INPUT, "--column '" + c + "': " + e.getMessage(), e);
      }
    }
    List<StructField> kept = new ArrayList<>();
    for (StructField f : after.fields()) {
      if (!f.name().equals(ColumnResampling.ERROR)) {
        kept.add(f);
      }
    }
    return new StructType(kept.toArray(new StructField[0]));
  }

  /**
   * Checks the partition columns as Parquet output needs them, before anything is written: columns
   * of the input (the quarantined rows are partitioned the same way) that no spec writes, of a
   * simple type, and not every column.
   */
  private static void checkPartitioning(List<String> partitionBy, StructType written, JobOptions o) {
    for (String p : partitionBy) {
      StructField f = null;
      for (StructField g : written.fields()) {
        f = g.name().equals(p) ? g : f;
      }
      if (f == null) {
        throw new JobException(EXIT_BAD_INPUT, "--partition-by: no column '" + p + "' in the input; columns: "
            + Arrays.toString(written.fieldNames()));
      }
      for (ColumnSpec c : o.columns) {
        if (c.outputColumn.equals(p)) {
          throw new JobException(EXIT_BAD_INPUT, "--partition-by: column '" + p + "' is written by --column '" + c
              + "'; partition by columns the job does not change");
        }
      }
      if (!(f.dataType() instanceof AtomicType)) {
        throw new JobException(EXIT_BAD_INPUT, "--partition-by: column '" + p + "' has type "
            + f.dataType().simpleString() + ", which cannot name a partition directory; partition by"
            + " columns of a simple type (string, number, date, boolean), or pass --partition-by none");
      }
    }
    if (!partitionBy.isEmpty() && partitionBy.size() >= written.fields().length) {
      throw new JobException(EXIT_BAD_INPUT, "--partition-by " + String.join(",", partitionBy)
          + ": every column of the output would go into directory names, leaving no data; partition by fewer");
    }
  }

  /** The input's partition columns: the {@code key=value} directories between the root and its files. */
  private static List<String> inputPartitionColumns(Dataset<Row> input, Path root, Configuration hadoop) {
    String[] files = input.inputFiles();
    List<String> cols = new ArrayList<>();
    if (files.length == 0) {
      return cols;
    }
    String rootUri;
    try {
      FileSystem fs = root.getFileSystem(hadoop);
      rootUri = fs.makeQualified(root).toUri().getPath();
    } catch (IOException e) {
      return cols;
    }
    String file = new Path(files[0]).toUri().getPath();
    if (!file.startsWith(rootUri)) {
      return cols;
    }
    String[] parts = file.substring(rootUri.length()).split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      int eq = parts[i].indexOf('=');
      if (eq > 0) {
        cols.add(parts[i].substring(0, eq));
      }
    }
    return cols;
  }

  // ---------------------------------------------------------------------------------------------
  // files

  private static long length(Path p, Configuration hadoop) {
    try {
      return p.getFileSystem(hadoop).getContentSummary(p).getLength();
    } catch (IOException e) {
      LOG.warn("cannot measure the size of {}: {}", SafeText.redact(p.toString()), SafeText.line(e.toString()));
      return -1;
    }
  }

  private static int countDataFiles(Path p, Configuration hadoop) {
    try {
      FileSystem fs = p.getFileSystem(hadoop);
      int n = 0;
      var it = fs.listFiles(p, true);
      while (it.hasNext()) {
        String name = it.next().getPath().getName();
        if (!name.startsWith("_") && !name.startsWith(".")) {
          n++;
        }
      }
      return n;
    } catch (IOException e) {
      LOG.warn("cannot list {}: {}", SafeText.redact(p.toString()), SafeText.line(e.toString()));
      return -1;
    }
  }

  private static void writeText(Path p, String text, Configuration hadoop) {
    try (OutputStream os = p.getFileSystem(hadoop).create(p, true)) {
      os.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new JobException(EXIT_FAILED, "cannot write " + p + ": " + e.getMessage(), e);
    }
  }
}
