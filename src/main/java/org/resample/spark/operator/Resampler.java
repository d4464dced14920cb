package org.resample.spark.operator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.resample.spark.shim.SparkShim;
import org.resample.core.Interpolate;
import org.resample.core.InterpolateException;
import org.resample.core.InterpolateOptions;
import org.resample.core.Mode;
import org.resample.core.TorchVersion;
import org.resample.core.compat.Compat;
import org.resample.spark.codec.TensorTypes;
import org.resample.spark.codec.TensorColumn;
import org.resample.spark.codec.RowCodec;
import org.resample.spark.codec.CallSettings;
import org.resample.spark.codec.Ops;
import org.resample.spark.Errors;
import org.resample.spark.ResampleSqlException;

/**
 * Resamples a tensor column of a whole dataset, batch by batch: Spark ML's {@link Transformer} over
 * the batched operator.
 *
 * <pre>{@code
 * Dataset<Row> out = new Resampler()
 *     .setInputCol("image").setSize(224, 224).setMode("bilinear").setAntialias(true)
 *     .transform(df);
 * }</pre>
 *
 * <p>The input column holds a canonical tensor struct (float32, float64, uint8), Spark's image
 * struct, {@code .npy} bytes, or a flat {@code ARRAY<FLOAT>}/{@code ARRAY<DOUBLE>} with the shape
 * set by {@link #setTensorShape}; the result has the same format. {@code size} / {@code scaleFactor}
 * follow {@code F.interpolate}: rank - 2 values for an {@code (N, C, d1..dk)} tensor, rank - 1 for a
 * {@code (C, d1..dk)} sample (images are always samples), or one value for every spatial axis.
 *
 * <p>One column per transformer: resample several columns (an image and its mask, with different
 * modes) with one Resampler each, chained in a {@code Pipeline}. All other columns pass through
 * unchanged and in order; the result replaces the input column unless {@code outputCol} names a new
 * one, and its schema metadata (key {@code "resample"}) records how it was made.
 *
 * <p>{@code compat} resizes as another library does ({@code opencv}, {@code pillow}, {@code
 * tensorflow}, {@code tensorflow-v1}; default {@code pytorch}): {@code mode} is then that
 * library's filter name, e.g. {@code setCompat("opencv").setMode("lanczos4")}, and only the
 * library's arguments apply ({@code antialias} for tensorflow, {@code alignCorners} and {@code
 * halfPixelCenters} for tensorflow-v1, {@code reducingGap} for pillow).
 *
 * <p>Malformed rows ({@code onError}): {@code fail} (the default) fails the query with a message
 * naming the column, the row's key ({@code keyCol}) and the problem; {@code null} gives a null
 * result; {@code quarantine} gives a null result and the message in {@code errorCol}. {@link
 * #metrics()} counts the rows.
 *
 * <p>Batches ({@code batchRows}, {@code batchBytes}) bound the memory of a task; one batch is one
 * backend call ({@code backend}: {@code auto} uses a GPU when one is usable, else the CPU).
 *
 * <p>Runs on classic Spark; on Spark Connect use the SQL functions ({@code resample.interpolate}).
 * {@code transform} adds one planner rule to the session ({@code spark.experimental()
 * .extraStrategies()}): it plans the scan of a Resampler's rows so that Spark does not copy them
 * once more, and matches nothing else. Adding it is idempotent: the first {@code transform} on a
 * session adds it, later ones (any Resampler, any thread) find it there and add nothing.
 *
 * @since 0.1
 */
public class Resampler extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  /** The valid values of {@code onError}. */
  public static final List<String> ON_ERROR = List.of("fail", "null", "quarantine");

  /** The valid values of {@code backend}. */
  public static final List<String> BACKENDS = List.of("auto", "cpu", "gpu");

  /** The valid values of {@code torchVersion}. */
  public static final List<String> TORCH_VERSIONS = List.of("2", "1.13");

  /** Key of the result column's metadata. */
  public static final String METADATA_KEY = "resample";

  private final String uid;
  private transient ResampleMetrics metrics;

  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final IntArrayParam size;
  private final DoubleArrayParam scaleFactor;
  private final Param<String> mode;
  private final BooleanParam alignCorners;
  private final BooleanParam recomputeScaleFactor;
  private final BooleanParam antialias;
  private final Param<String> onError;
  private final Param<String> errorCol;
  private final Param<String> keyCol;
  private final IntArrayParam tensorShape;
  private final IntParam batchRows;
  private final LongParam batchBytes;
  private final Param<String> backend;
  private final Param<String> torchVersion;
  private final LongParam maxOutputElements;
  private final Param<String> compat;
  private final BooleanParam halfPixelCenters;
  private final DoubleParam reducingGap;

  public Resampler(String uid) {
    // Params name their parent by uid, so they are made after it is set.
    this.uid = uid;
    inputCol = new Param<>(this, "inputCol", "tensor column to resample");
    outputCol = new Param<>(this, "outputCol", "result column; empty: replace the input column");
    size = new IntArrayParam(this, "size", "output size (exclusive with scaleFactor)");
    scaleFactor = new DoubleArrayParam(this, "scaleFactor", "scale factor (exclusive with size)");
    mode = new Param<>(this, "mode", "nearest | nearest-exact | linear | bilinear | bicubic | trilinear | lanczos | area,"
        + " or the compat library's filter");
    compat = new Param<>(this, "compat", "whose resize: " + Compat.validNames());
    halfPixelCenters = new BooleanParam(this, "halfPixelCenters", "half_pixel_centers of compat tensorflow-v1; unset: false");
    reducingGap = new DoubleParam(this, "reducingGap", "reducing_gap of compat pillow (>= 1.0); unset: none");
    alignCorners = new BooleanParam(this, "alignCorners", "align_corners; unset is PyTorch's default (None)");
    recomputeScaleFactor = new BooleanParam(this, "recomputeScaleFactor", "recompute_scale_factor; unset is PyTorch's default");
    antialias = new BooleanParam(this, "antialias", "antialias (bilinear, bicubic; lanczos requires it)");
    onError = new Param<>(this, "onError", "malformed rows: fail | null | quarantine");
    errorCol = new Param<>(this, "errorCol", "quarantine: STRING column with the row's error, null when ok");
    keyCol = new Param<>(this, "keyCol", "column whose value names a row in errors; empty: none");
    tensorShape = new IntArrayParam(this, "tensorShape", "shape of every row of a flat ARRAY<FLOAT>/ARRAY<DOUBLE> column");
    batchRows = new IntParam(this, "batchRows", "rows per backend call (>= 1)");
    batchBytes = new LongParam(this, "batchBytes", "input plus output tensor bytes per backend call (>= 1)");
    backend = new Param<>(this, "backend", "auto | cpu | gpu");
    torchVersion = new Param<>(this, "torchVersion", "numerics of PyTorch 2 (default) or 1.13");
    maxOutputElements = new LongParam(this, "maxOutputElements",
        "memory limit of one row's call, in elements of its dtype: result plus tables and intermediates");
    setDefault(outputCol, "");
    setDefault(mode, "nearest");
    setDefault(antialias, false);
    setDefault(onError, "fail");
    setDefault(errorCol, "resample_error");
    setDefault(keyCol, "");
    setDefault(batchRows, 32);
    setDefault(batchBytes, 128L << 20);
    setDefault(backend, "auto");
    setDefault(torchVersion, "2");
    setDefault(maxOutputElements, CallSettings.DEFAULT_MAX_OUTPUT_ELEMENTS);
    setDefault(compat, Compat.PYTORCH.id());
  }

  public Resampler() {
    this(Identifiable.randomUID("resampler"));
  }

  @Override
  public String uid() {
    return uid;
  }

  // ------------------------------------------------------------------------------------------
  // Params (the accessors Spark ML discovers by reflection) and setters

  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public IntArrayParam size() {
    return size;
  }

  public DoubleArrayParam scaleFactor() {
    return scaleFactor;
  }

  public Param<String> mode() {
    return mode;
  }

  public BooleanParam alignCorners() {
    return alignCorners;
  }

  public BooleanParam recomputeScaleFactor() {
    return recomputeScaleFactor;
  }

  public BooleanParam antialias() {
    return antialias;
  }

  public Param<String> onError() {
    return onError;
  }

  public Param<String> errorCol() {
    return errorCol;
  }

  public Param<String> keyCol() {
    return keyCol;
  }

  public IntArrayParam tensorShape() {
    return tensorShape;
  }

  public IntParam batchRows() {
    return batchRows;
  }

  public LongParam batchBytes() {
    return batchBytes;
  }

  public Param<String> backend() {
    return backend;
  }

  public Param<String> torchVersion() {
    return torchVersion;
  }

  public LongParam maxOutputElements() {
    return maxOutputElements;
  }

  public Param<String> compat() {
    return compat;
  }

  public BooleanParam halfPixelCenters() {
    return halfPixelCenters;
  }

  public DoubleParam reducingGap() {
    return reducingGap;
  }

  public Resampler setInputCol(String value) {
    set(inputCol, value);
    return this;
  }

  public Resampler setOutputCol(String value) {
    set(outputCol, value);
    return this;
  }

  /** The output size; clears {@code scaleFactor}. */
  public Resampler setSize(int... value) {
    set(size, value);
    clear(scaleFactor);
    return this;
  }

  /** The scale factor; clears {@code size}. */
  public Resampler setScaleFactor(double... value) {
    set(scaleFactor, value);
    clear(size);
    return this;
  }

  /**
   * PyTorch's mode, or the {@link #setCompat compat} library's filter name (checked against the
   * compat when the transformer plans its call).
   */
  public Resampler setMode(String value) {
    set(mode, checkModeName(value));
    return this;
  }

  /** Whose resize to reproduce: {@code "pytorch"} (default), {@code "opencv"}, {@code "pillow"}, ... */
  public Resampler setCompat(String value) {
    try {
      set(compat, Compat.of(value).id());
    } catch (InterpolateException e) {
      throw bad(e.getMessage());
    }
    return this;
  }

  /** TensorFlow v1's {@code half_pixel_centers} (compat {@code tensorflow-v1}). */
  public Resampler setHalfPixelCenters(boolean value) {
    set(halfPixelCenters, value);
    return this;
  }

  /** Pillow's {@code reducing_gap}, at least 1.0 (compat {@code pillow}). */
  public Resampler setReducingGap(double value) {
    if (!(value >= 1.0) || Double.isInfinite(value)) {
      throw bad("reducingGap must be a number >= 1.0 (Pillow's rule), got " + value);
    }
    set(reducingGap, value);
    return this;
  }

  public Resampler setAlignCorners(boolean value) {
    set(alignCorners, value);
    return this;
  }

  public Resampler setRecomputeScaleFactor(boolean value) {
    set(recomputeScaleFactor, value);
    return this;
  }

  public Resampler setAntialias(boolean value) {
    set(antialias, value);
    return this;
  }

  /** {@code "fail"}, {@code "null"} or {@code "quarantine"}. */
  public Resampler setOnError(String value) {
    set(onError, oneOf("onError", value, ON_ERROR));
    return this;
  }

  public Resampler setErrorCol(String value) {
    set(errorCol, value);
    return this;
  }

  public Resampler setKeyCol(String value) {
    set(keyCol, value);
    return this;
  }

  /**
   * The shape of every row of a flat column: {@code (C, d1..dk)} or {@code (N, C, d1..dk)}, k = 1,
   * 2 or 3, each dimension {@code >= 0}, at most as many elements as one Spark array holds.
   */
  public Resampler setTensorShape(int... value) {
    if (value == null || value.length < 2 || value.length > 5) {
      throw bad("tensorShape needs 2 to 5 dimensions ((C, d1..dk) or (N, C, d1..dk)), got "
          + (value == null ? "null" : Arrays.toString(value)));
    }
    long n = 1;
    for (int d : value) {
      if (d < 0) {
        throw bad("tensorShape " + Arrays.toString(value) + " has a negative dimension");
      }
      n = Math.min(n * d, RowCodec.MAX_ELEMENTS + 1);
    }
    if (n > RowCodec.MAX_ELEMENTS) {
      throw bad("tensorShape " + Arrays.toString(value) + " has more than " + RowCodec.MAX_ELEMENTS
          + " elements, more than one Spark array holds");
    }
    set(tensorShape, value.clone());
    return this;
  }

  /**
   * The memory limit of one row's call, in elements of its dtype (default 2^26): the result plus
   * the index/weight tables and intermediates it allocates. A row that needs more is a row error
   * (under {@code onError}) instead of an executor out of memory. At most what one Spark row holds
   * of the column's dtype.
   */
  public Resampler setMaxOutputElements(long value) {
    if (value < 0 || value > RowCodec.MAX_ELEMENTS) {
      throw bad("maxOutputElements must be in [0, " + RowCodec.MAX_ELEMENTS + "], got " + value);
    }
    set(maxOutputElements, value);
    return this;
  }

  public Resampler setBatchRows(int value) {
    set(batchRows, positive("batchRows", value));
    return this;
  }

  public Resampler setBatchBytes(long value) {
    set(batchBytes, positive("batchBytes", value));
    return this;
  }

  /** {@code "auto"}, {@code "cpu"} or {@code "gpu"}. */
  public Resampler setBackend(String value) {
    set(backend, oneOf("backend", value, BACKENDS));
    return this;
  }

  /** {@code "2"} (default) or {@code "1.13"}. */
  public Resampler setTorchVersion(String value) {
    set(torchVersion, oneOf("torchVersion", value, TORCH_VERSIONS));
    return this;
  }

  /**
   * The row counts of the last {@link #transform} result (filled as its rows are computed), or null
   * before the first transform.
   */
  public ResampleMetrics metrics() {
    return metrics;
  }

  // ------------------------------------------------------------------------------------------
  // Validation (once, before any row is read)

  private static ResampleSqlException bad(String problem) {
    return Errors.badOption("Resampler", problem);
  }

  /** A setting that does not fit the column {@code column}. */
  private static ResampleSqlException bad(String column, String problem) {
    return Errors.badOption("Resampler(" + column + ")", problem);
  }

  /** A mode name some profile has (PyTorch's modes in PyTorch's spelling), or PyTorch's error. */
  private static String checkModeName(String value) {
    try {
      return Mode.of(value).torchName();
    } catch (InterpolateException e) {
      for (Compat c : Compat.values()) {
        try {
          return c.filter(value);
        } catch (InterpolateException other) {
          // not this profile's
        }
      }
      throw bad(e.getMessage() + "; with setCompat, the library's filter names ("
          + String.join("; ", compatFilters()) + ")");
    }
  }

  private static List<String> compatFilters() {
    List<String> out = new java.util.ArrayList<>();
    for (Compat c : Compat.values()) {
      if (c != Compat.PYTORCH) {
        out.add(c.id() + ": " + String.join(" | ", c.filters()));
      }
    }
    return out;
  }

  private static String oneOf(String param, String value, List<String> valid) {
    String v = value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    if (v == null || !valid.contains(v)) {
      throw bad("invalid " + param + " '" + value + "'; valid values: " + String.join(" | ", valid));
    }
    return v;
  }

  private static <T extends Number> T positive(String param, T value) {
    if (value.longValue() < 1) {
      throw bad(param + " must be >= 1, got " + value);
    }
    return value;
  }

  /** Everything about one call that does not depend on the rows. */
  private static final class Call {
    String column;
    int tensorOrdinal;
    TensorColumn format;
    InterpolateOptions options;
    boolean vector;
    BatchOperator.OnError policy;
    String backend;
    StructType outputSchema;
    BatchOperator.Layout layout;
  }

  private Call plan(StructType schema) {
    Call c = new Call();
    if (!isDefined(inputCol) || $(inputCol).isEmpty()) {
      throw bad("inputCol is not set; call setInputCol with the tensor column's name");
    }
    c.column = $(inputCol);
    c.tensorOrdinal = fieldIndex(schema, c.column, "inputCol");
    DataType inType = schema.fields()[c.tensorOrdinal].dataType();
    int[] flatShape = isDefined(tensorShape) ? $(tensorShape) : null;
    c.format = TensorColumn.of(inType, flatShape);
    if (c.format == null) {
      throw bad(c.column,
          "column '" + c.column + "' has type " + inType.simpleString() + "; accepted: " + TensorColumn.ACCEPTED);
    }
    if (c.format instanceof TensorColumn.Flat && flatShape == null) {
      throw bad(c.column,
          "column '" + c.column + "' is a flat " + inType.simpleString()
              + "; set its shape with setTensorShape (e.g. 3, 224, 224 for (C, H, W) rows)");
    }
    boolean hasSize = isDefined(size);
    boolean hasScale = isDefined(scaleFactor);
    if (hasSize == hasScale) {
      throw bad(c.column,
          hasSize
              ? "only one of size or scaleFactor should be set"
              : "set one of size (setSize) or scaleFactor (setScaleFactor)");
    }
    Compat profile = Compat.of($(compat));
    String filter;
    try {
      filter = profile.filter($(mode));
    } catch (InterpolateException e) {
      throw bad(c.column, e.getMessage());
    }
    long limit = RowCodec.rowLimit(
        "Resampler(" + c.column + ")", "maxOutputElements", (Long) $(maxOutputElements), c.format.kind().dtype);
    InterpolateOptions.Builder b =
        InterpolateOptions.builder()
            .compat(profile, filter)
            .antialias((Boolean) $(antialias))
            .torchVersion(
                oneOf("torchVersion", $(torchVersion), TORCH_VERSIONS).equals("2")
                    ? TorchVersion.V2
                    : TorchVersion.V1_13)
            .maxOutputElements(limit);
    if (isDefined(alignCorners)) {
      b.alignCorners((Boolean) $(alignCorners));
    }
    if (isDefined(recomputeScaleFactor)) {
      b.recomputeScaleFactor((Boolean) $(recomputeScaleFactor));
    }
    if (isDefined(halfPixelCenters)) {
      b.halfPixelCenters((Boolean) $(halfPixelCenters));
    }
    if (isDefined(reducingGap)) {
      b.reducingGap((Double) $(reducingGap));
    }
    if (profile != Compat.PYTORCH && isSet(torchVersion)) {
      throw bad(c.column, "torchVersion does not apply to compat '" + profile + "' (" + profile.call()
          + " is not PyTorch's interpolate); clear it");
    }
    int given;
    if (hasSize) {
      b.size($(size));
      given = $(size).length;
    } else {
      b.scaleFactor($(scaleFactor));
      given = $(scaleFactor).length;
    }
    c.options = b.build();
    // One value broadcasts over the spatial axes of an (N, C, ...) tensor, except for a rank-2
    // (C, L) sample, which only the vector reading fits.
    c.vector = given > 1 || (flatShape != null && flatShape.length == 2);
    checkArguments(c, given, flatShape);
    c.policy = BatchOperator.OnError.valueOf(oneOf("onError", $(onError), ON_ERROR).toUpperCase(Locale.ROOT));
    c.backend = oneOf("backend", $(backend), BACKENDS);
    positive("batchRows", (Integer) $(batchRows));
    positive("batchBytes", (Long) $(batchBytes));

    // Output layout.
    BatchOperator.Layout l = new BatchOperator.Layout();
    StructField[] in = schema.fields();
    l.inputTypes = new DataType[in.length];
    for (int i = 0; i < in.length; i++) {
      l.inputTypes[i] = in[i].dataType();
    }
    l.tensorOrdinal = c.tensorOrdinal;
    String out = $(outputCol);
    StructField result =
        new StructField(
            out.isEmpty() ? in[c.tensorOrdinal].name() : out,
            c.format.resultType(inType),
            true,
            metadata(in[c.tensorOrdinal].metadata(), c, given));
    StructType outSchema = new StructType();
    for (StructField f : in) {
      outSchema = outSchema.add(f);
    }
    if (out.isEmpty() || out.equals(in[c.tensorOrdinal].name())) {
      l.resultOrdinal = c.tensorOrdinal;
      StructField[] f = outSchema.fields().clone();
      f[c.tensorOrdinal] = result;
      outSchema = new StructType(f);
    } else {
      int existing = columnIndex(schema, out);
      if (existing >= 0) {
        throw bad(c.column,
            "outputCol '" + out + "' already exists (as column '" + schema.fieldNames()[existing]
                + "'); choose another name, or leave outputCol empty to replace '" + c.column + "'");
      }
      l.resultOrdinal = in.length;
      outSchema = outSchema.add(result);
    }
    if (c.policy == BatchOperator.OnError.QUARANTINE) {
      String err = $(errorCol);
      if (err == null || err.isEmpty()) {
        throw bad(c.column, "errorCol must name a column for onError = 'quarantine'");
      }
      int at = columnIndex(outSchema, err);
      if (at >= 0) {
        StructField f = outSchema.fields()[at];
        if (at == l.resultOrdinal || !isErrorColumn(f)) {
          throw bad(c.column,
              "errorCol '" + err + "' exists as column '" + f.name() + "' of type "
                  + f.dataType().simpleString() + " that no Resampler made; choose a new name (an"
                  + " earlier Resampler's error column may be shared)");
        }
        l.errorOrdinal = at;
        l.errorColumnIsInput = true;
      } else {
        l.errorOrdinal = outSchema.fields().length;
        outSchema = outSchema.add(err, DataTypes.StringType, true, ERROR_COLUMN_METADATA);
      }
    }
    String key = $(keyCol);
    if (key != null && !key.isEmpty()) {
      l.keyOrdinal = fieldIndex(schema, key, "keyCol");
      l.keyName = key;
    }
    l.outputWidth = outSchema.fields().length;
    l.outputTypes = new DataType[l.outputWidth];
    for (int i = 0; i < l.outputWidth; i++) {
      l.outputTypes[i] = outSchema.fields()[i].dataType();
    }
    c.layout = l;
    c.outputSchema = outSchema;
    return c;
  }

  /** Metadata of an error column a Resampler adds: marks it as one a later Resampler may share. */
  static final Metadata ERROR_COLUMN_METADATA =
      new MetadataBuilder()
          .putMetadata(METADATA_KEY, new MetadataBuilder().putBoolean("error_column", true).build())
          .build();

  private static boolean isErrorColumn(StructField f) {
    Metadata m = f.metadata();
    return f.dataType() instanceof StringType
        && m.contains(METADATA_KEY)
        && m.getMetadata(METADATA_KEY).contains("error_column")
        && m.getMetadata(METADATA_KEY).getBoolean("error_column");
  }

  /**
   * Checks the arguments before any row is read: what does not depend on the tensor's sizes for
   * every format (see {@link Ops#argumentProblem}), and, for a flat column whose rows all have the
   * shape {@code tensorShape}, the whole call on that real shape, memory limit included. Other
   * formats have their shape per row and are checked row by row against it.
   */
  private static void checkArguments(Call c, int given, int[] flatShape) {
    boolean image = c.format.kind() == TensorTypes.Kind.IMAGE;
    if (image && given > 2) {
      throw bad(c.column, "an image column takes 1 or 2 size/scaleFactor values (H, W), got " + given);
    }
    String problem = Ops.argumentProblem(c.options, given, image ? 2 : c.vector ? given : 0);
    if (problem == null) {
      problem = c.options.compat().dtypeProblem(c.format.kind().dtype);
    }
    if (problem == null) {
      problem = CallSettings.resultTypeProblem(c.options.compat(), c.options.filter(), c.format.kind().dtype);
    }
    if (problem != null) {
      throw bad(c.column, problem);
    }
    if (flatShape != null) {
      boolean sample = Ops.isSample(c.format.kind(), flatShape.length, given, c.vector);
      try {
        Interpolate.outputShape(sample ? Ops.prepend1(flatShape) : flatShape, c.format.kind().dtype, c.options);
      } catch (InterpolateException e) {
        throw bad(c.column, e.getMessage() + " (tensorShape " + Arrays.toString(flatShape) + ")");
      }
    }
  }

  /** The position of the column named {@code name} as Spark resolves names (case rules), or -1. */
  private static int columnIndex(StructType schema, String name) {
    boolean caseSensitive = SQLConf.get().caseSensitiveAnalysis();
    String[] names = schema.fieldNames();
    for (int i = 0; i < names.length; i++) {
      if (caseSensitive ? names[i].equals(name) : names[i].equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  private static int fieldIndex(StructType schema, String name, String param) {
    int i = Arrays.asList(schema.fieldNames()).indexOf(name);
    if (i < 0) {
      throw bad(
          param + " '" + name + "' is not a column; the columns are: "
              + String.join(", ", schema.fieldNames()));
    }
    return i;
  }

  private Metadata metadata(Metadata existing, Call c, int given) {
    InterpolateOptions o = c.options;
    MetadataBuilder m = new MetadataBuilder()
        .putString("mode", o.filter())
        .putBoolean("antialias", o.antialias())
        .putString("source_column", c.column)
        .putString("format", c.format.describe())
        .putString("library_version", VERSION);
    if (o.size() != null) {
      m.putLongArray("size", Arrays.stream(o.size()).asLongStream().toArray());
    } else {
      m.putDoubleArray("scale_factor", o.scaleFactor());
    }
    if (o.alignCorners() != null) {
      m.putBoolean("align_corners", o.alignCorners());
    }
    if (o.recomputeScaleFactor() != null) {
      m.putBoolean("recompute_scale_factor", o.recomputeScaleFactor());
    }
    if (o.compat() != Compat.PYTORCH) {
      m.putString("compat", o.compat().id());
    } else {
      m.putString("torch_version", $(torchVersion));
    }
    if (o.halfPixelCenters() != null) {
      m.putBoolean("half_pixel_centers", o.halfPixelCenters());
    }
    if (o.reducingGap() != null) {
      m.putDouble("reducing_gap", o.reducingGap());
    }
    return new MetadataBuilder().withMetadata(existing).putMetadata(METADATA_KEY, m.build()).build();
  }

  /** This library's version (Maven's project version). */
  public static final String VERSION = readVersion();

  private static String readVersion() {
    try (InputStream in = Resampler.class.getResourceAsStream("/org/resample/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Transformer

  @Override
  public StructType transformSchema(StructType schema) {
    return plan(schema).outputSchema;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    // first: a Spark Connect client's JVM has none of the classes that planning the call needs
    if (!SparkShim.isClassic(dataset)) {
      throw bad(
          "the batched Resampler works on classic Spark's query plans and this is a "
              + dataset.getClass().getName()
              + " (Spark Connect); use the SQL functions resample.interpolate / interpolate_scale,"
              + " which work over Spark Connect");
    }
    Call c = plan(dataset.schema());
    SparkSession spark = dataset.sparkSession();
    metrics = ResampleMetrics.register(spark.sparkContext(), "Resampler(" + c.column + ")");
    BatchOperator op =
        new BatchOperator(
            c.layout,
            c.format,
            c.options,
            c.vector,
            c.policy,
            (Integer) $(batchRows),
            (Long) $(batchBytes),
            c.backend,
            backendConf(spark),
            c.column,
            metrics);
    ResampledScanExec.register(spark);
    // A cached Dataset is read from the cache's buffers, without Spark's copy of every row.
    RDD<InternalRow> input = CachedRows.of(dataset);
    RDD<InternalRow> out =
        new ResampledRows(input != null ? input : SparkShim.queryExecution(dataset).toRdd(), op);
    return SparkShim.dataFrameOfInternalRows(spark, out, c.outputSchema);
  }

  /** The Spark confs the GPU backend reads ({@code spark.resample.gpu.*}, {@code spark.rapids.*}). */
  private static Map<String, String> backendConf(SparkSession spark) {
    Map<String, String> m = new LinkedHashMap<>();
    for (scala.Tuple2<String, String> kv : spark.sparkContext().getConf().getAll()) {
      if (kv._1().startsWith("spark.resample.") || kv._1().startsWith("spark.rapids.")) {
        m.put(kv._1(), kv._2());
      }
    }
    return m;
  }

  @Override
  public Resampler copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  /** Reads a Resampler saved with {@code write().save(path)}. */
  public static Resampler load(String path) {
    return read().load(path);
  }

  public static MLReader<Resampler> read() {
    return new DefaultParamsReader<>();
  }
}
