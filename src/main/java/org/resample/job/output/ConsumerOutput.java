package org.resample.job.output;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.to_json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.ArrowUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's output in the layout its consumers read natively ({@code --output-format}).
 *
 * <ul>
 *   <li>{@code spark}: the columns as the resampler wrote them.
 *   <li>{@code huggingface}: image columns as Hugging Face {@code Image} features ({@link HfImages}),
 *       described in the {@code huggingface} key of each file's footer.
 *   <li>{@code arrow}: as huggingface, and float tensor columns as Arrow's canonical extension types,
 *       described in the {@code ARROW:schema} key: {@code arrow.fixed_shape_tensor} (the data array
 *       alone, stored as a list, the shape in the type) when every input row has one shape, else
 *       {@code arrow.variable_shape_tensor} (the struct of data and shape, every field nullable)
 *       when every row has the same number of dimensions; otherwise the struct stays as it is.
 * </ul>
 *
 * <p>The plan is made before the write ({@link #plan}), the columns converted in the written
 * dataset ({@link #convert}), the shapes observed while it is written ({@link #metrics}), and the
 * footers rewritten once every file is written, before {@code _SUCCESS} ({@link #finish}).
 */
public final class ConsumerOutput {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumerOutput.class);

  /** Spark's key of the row schema in a Parquet footer. */
  static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

  /** The {@code --output-format} values. */
  public enum Format {
    SPARK,
    ARROW,
    HUGGINGFACE;

    public static Format of(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }

  private enum Layout {
    HF_IMAGE,
    FIXED_TENSOR,
    VARIABLE_TENSOR
  }

  /** One output column and how it is written. */
  private static final class Planned {
    final String column;
    final Layout layout;
    final int ndim;

    Planned(String column, Layout layout, int ndim) {
      this.column = column;
      this.layout = layout;
      this.ndim = ndim;
    }
  }

  private final Format format;
  private final List<Planned> planned;
  /** Fixed shapes found by {@link #finish}, by column. */
  private final Map<String, long[]> shapes = new LinkedHashMap<>();

  private ConsumerOutput(Format format, List<Planned> planned) {
    this.format = format;
    this.planned = planned;
  }

  /**
   * Decides how each resampled column is written.
   *
   * @param input the rows the job resamples (their tensor shapes decide fixed or variable)
   * @param written the schema of the resampled rows
   * @param resampled each resampled output column and the input column it is computed from
   */
  public static ConsumerOutput plan(Format format, Dataset<Row> input, StructType written, Map<String, String> resampled) {
    List<Planned> planned = new ArrayList<>();
    if (format != Format.SPARK) {
      for (Map.Entry<String, String> e : resampled.entrySet()) {
        DataType t = written.apply(e.getKey()).dataType();
        if (isImage(t)) {
          planned.add(new Planned(e.getKey(), Layout.HF_IMAGE, 0));
        } else if (format == Format.ARROW && isFloatTensor(t) && isFloatTensor(input.schema().apply(e.getValue()).dataType())) {
          Column shape = quoted(e.getValue()).getField("shape");
          Dataset<Row> present = input.where(quoted(e.getValue()).isNotNull()).select(shape.as("s"));
          if (present.distinct().limit(2).count() <= 1) {
            planned.add(new Planned(e.getKey(), Layout.FIXED_TENSOR, 0));
          } else {
            List<Row> ndims = present.select(size(col("s"))).distinct().limit(2).collectAsList();
            if (ndims.size() == 1) {
              planned.add(new Planned(e.getKey(), Layout.VARIABLE_TENSOR, ndims.get(0).getInt(0)));
            } else {
              LOG.warn("--output-format arrow: column {} holds tensors of different numbers of dimensions; it is"
                  + " written as a struct of data and shape, not as an Arrow tensor type", e.getKey());
            }
          }
        }
      }
    }
    return new ConsumerOutput(format, planned);
  }

  /** True when the footers are rewritten. */
  public boolean rewritesFooters() {
    return !planned.isEmpty();
  }

  /** Aggregates to observe on the resampled rows (before {@link #convert}): each fixed column's shapes. */
  public List<Column> metrics() {
    List<Column> m = new ArrayList<>();
    for (Planned p : planned) {
      if (p.layout == Layout.FIXED_TENSOR) {
        Column s = to_json(quoted(p.column).getField("shape"));
        m.add(min(s).as(metric(p, "min")));
        m.add(max(s).as(metric(p, "max")));
      }
    }
    return m;
  }

  /** The rows as written: every planned column converted, the others as they are. */
  public Dataset<Row> convert(Dataset<Row> rows) {
    if (planned.isEmpty()) {
      return rows;
    }
    List<Column> cols = new ArrayList<>();
    for (StructField f : rows.schema().fields()) {
      Planned p = find(f.name());
      Column c = quoted(f.name());
      if (p == null) {
        cols.add(c);
      } else if (p.layout == Layout.HF_IMAGE) {
        cols.add(HfImages.of(c).as(f.name()));
      } else if (p.layout == Layout.FIXED_TENSOR) {
        // pyarrow restores the extension type only when the storage is exactly the type's, whose values
        // are nullable. (A cast of the array alone that only makes its elements nullable is dropped by
        // Spark's optimizer; one of the struct is kept.)
        cols.add(c.cast(nullable(f.dataType())).getField("data").as(f.name()));
      } else {
        cols.add(c.cast(nullable(f.dataType())).as(f.name()));
      }
    }
    return rows.select(cols.toArray(new Column[0]));
  }

  /**
   * Rewrites the footer of every data file below {@code output} (the shapes of fixed columns from
   * {@code observed}, the values of {@link #metrics}).
   */
  public void finish(Map<String, Object> observed, Path output, Configuration hadoop) throws IOException {
    if (planned.isEmpty()) {
      return;
    }
    for (Planned p : planned) {
      if (p.layout != Layout.FIXED_TENSOR) {
        continue;
      }
      Object lo = observed.get(metric(p, "min"));
      Object hi = observed.get(metric(p, "max"));
      if (lo == null) {
        LOG.warn("--output-format arrow: column {} has no non-NULL row; its type says no shape", p.column);
        continue;
      }
      if (!lo.equals(hi)) {
        throw new IllegalStateException("column " + p.column + ": rows of one input shape got different shapes "
            + lo + " and " + hi);
      }
      shapes.put(p.column, new ObjectMapper().readValue(lo.toString(), long[].class));
    }
    List<Path> files = ParquetFooters.dataFiles(output, hadoop);
    LOG.info("--output-format {}: rewriting the Parquet footers of {} files", format.name().toLowerCase(Locale.ROOT),
        files.size());
    for (Path f : files) {
      ParquetFooters.rewrite(f, hadoop, this::footerKeys);
    }
  }

  /** The keys added to a footer whose existing keys are {@code kv}. */
  Map<String, String> footerKeys(Map<String, String> kv) {
    String sparkSchema = kv.get(SPARK_SCHEMA_KEY);
    if (sparkSchema == null) {
      throw new IllegalStateException("a data file without Spark's schema key " + SPARK_SCHEMA_KEY);
    }
    StructType st = (StructType) DataType.fromJson(sparkSchema);
    Schema arrow = ArrowUtils.toArrowSchema(st, "UTC", false, false);
    List<Field> fields = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    ObjectNode features = json.createObjectNode();
    for (Field f : arrow.getFields()) {
      Planned p = find(f.getName());
      if (p == null) {
        fields.add(f);
      } else if (p.layout == Layout.HF_IMAGE) {
        fields.add(f);
        features.putObject(f.getName()).put("_type", "Image");
      } else if (p.layout == Layout.FIXED_TENSOR) {
        long[] shape = shapes.get(p.column);
        if (shape == null) {
          fields.add(f);
          continue;
        }
        long n = 1;
        for (long d : shape) {
          n *= d;
        }
        fields.add(extension(f.getName(), f.isNullable(), new ArrowType.FixedSizeList((int) n), f.getChildren(),
            "arrow.fixed_shape_tensor", "{\"shape\":" + json.valueToTree(shape) + "}"));
      } else {
        Field data = f.getChildren().get(0);
        Field shapeList = f.getChildren().get(1);
        Field shape = new Field(shapeList.getName(),
            new FieldType(shapeList.isNullable(), new ArrowType.FixedSizeList(p.ndim), null),
            shapeList.getChildren());
        fields.add(extension(f.getName(), f.isNullable(), ArrowType.Struct.INSTANCE, List.of(data, shape),
            "arrow.variable_shape_tensor", "{}"));
      }
    }
    // pyarrow takes a file's schema metadata from ARROW:schema when there is one: the huggingface
    // key goes into both.
    Map<String, String> out = new LinkedHashMap<>();
    if (features.size() > 0) {
      ObjectNode hf = json.createObjectNode();
      hf.putObject("info").set("features", features);
      out.put("huggingface", hf.toString());
    }
    out.put("ARROW:schema", serialize(new Schema(fields, new LinkedHashMap<>(out))));
    return out;
  }

  private static Field extension(
      String name, boolean nullable, ArrowType storage, List<Field> children, String extName, String extMeta) {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("ARROW:extension:name", extName);
    meta.put("ARROW:extension:metadata", extMeta);
    return new Field(name, new FieldType(nullable, storage, null, meta), children);
  }

  /** An Arrow schema as the {@code ARROW:schema} footer key holds it: the IPC message, base64. */
  static String serialize(Schema schema) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      MessageSerializer.serialize(new WriteChannel(Channels.newChannel(bytes)), schema);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  private Planned find(String column) {
    for (Planned p : planned) {
      if (p.column.equals(column)) {
        return p;
      }
    }
    return null;
  }

  private static String metric(Planned p, String which) {
    return "__resample_shape_" + which + "_" + p.column;
  }

  private static Column quoted(String name) {
    return col("`" + name.replace("`", "``") + "`");
  }

  /** Spark's image struct (field names as its image source writes them). */
  static boolean isImage(DataType t) {
    if (!(t instanceof StructType) || ((StructType) t).fields().length != 6) {
      return false;
    }
    String[] names = ((StructType) t).fieldNames();
    return String.join(",", names).equalsIgnoreCase("origin,height,width,nChannels,mode,data");
  }

  /** A canonical float32 / float64 tensor struct. */
  static boolean isFloatTensor(DataType t) {
    if (!(t instanceof StructType) || ((StructType) t).fields().length != 2) {
      return false;
    }
    StructField[] f = ((StructType) t).fields();
    if (!f[0].name().equalsIgnoreCase("data") || !f[1].name().equalsIgnoreCase("shape")
        || !(f[0].dataType() instanceof ArrayType) || !(f[1].dataType() instanceof ArrayType)) {
      return false;
    }
    DataType e = ((ArrayType) f[0].dataType()).elementType();
    return (e instanceof FloatType || e instanceof DoubleType)
        && ((ArrayType) f[1].dataType()).elementType() instanceof IntegerType;
  }

  /** {@code t} with every struct field and array element nullable. */
  static DataType nullable(DataType t) {
    if (t instanceof StructType) {
      List<StructField> fs = new ArrayList<>();
      for (StructField f : ((StructType) t).fields()) {
        fs.add(DataTypes.createStructField(f.name(), nullable(f.dataType()), true));
      }
      return DataTypes.createStructType(fs);
    }
    if (t instanceof ArrayType) {
      return DataTypes.createArrayType(nullable(((ArrayType) t).elementType()), true);
    }
    return t;
  }

  public Format format() {
    return format;
  }
}
