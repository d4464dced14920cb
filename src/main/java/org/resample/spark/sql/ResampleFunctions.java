package org.resample.spark.sql;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.UDFRegistration;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.resample.core.DType;
import org.resample.core.Tensor;
import org.resample.spark.codec.ExternalCodec.Decoded;
import org.resample.spark.codec.TensorTypes.Kind;
import org.resample.spark.codec.TensorTypes;
import org.resample.spark.codec.RowCodec;
import org.resample.spark.codec.Convert;
import org.resample.spark.codec.Npy;
import org.resample.spark.codec.ExternalCodec;
import org.resample.spark.codec.CallSettings;
import org.resample.spark.codec.Ops;
import org.resample.spark.Errors;
import org.resample.spark.ResampleSqlException;

/**
 * The functions as a Java Column API, and under plain names through {@code spark.udf().register}.
 *
 * <pre>{@code
 * ResampleFunctions.register(spark);     // UDF names + the "resample" catalog
 * Dataset<Row> out = df.select(ResampleFunctions.interpolate(
 *     col("t"), new int[] {112, 112}, "bilinear", Map.of("antialias", "true")));
 * spark.sql("SELECT interpolate(t, array(112, 112), 'bilinear', map()) FROM tensors");
 * }</pre>
 *
 * <p>The Column API calls the catalog functions (code-generated, no boxing); mode and options are
 * checked when the Column is built, and the column's name goes into error messages. The registered
 * UDFs box every element (Spark converts values for UDFs) and, because a UDF's result type is fixed,
 * come in one name per result type: {@code interpolate} (float32), {@code interpolate_double},
 * {@code interpolate_uint8}, {@code interpolate_image}, and the same for {@code interpolate_scale};
 * a UDF has a fixed number of arguments, so the options map is required (pass {@code map()} or
 * NULL for none).
 *
 * @since 0.1
 */
public final class ResampleFunctions {
  private ResampleFunctions() {}

  /** Name under which {@link #register} installs {@link ResampleCatalog} if it is absent. */
  public static final String CATALOG = "resample";

  /**
   * Registers the UDF names in {@code spark}, and the {@value #CATALOG} catalog (used by the
   * Column API) unless {@code spark.sql.catalog.resample} is already set.
   */
  public static void register(SparkSession spark) {
    String key = "spark.sql.catalog." + CATALOG;
    if (!spark.conf().contains(key)) {
      spark.conf().set(key, ResampleCatalog.class.getName());
    }
    UDFRegistration u = spark.udf();
    for (Kind k : Kind.values()) {
      String suffix = udfSuffix(k);
      u.register("interpolate" + suffix, new InterpolateUdf("interpolate" + suffix, k, false), k.resultType());
      u.register(
          "interpolate_scale" + suffix,
          new InterpolateUdf("interpolate_scale" + suffix, k, true),
          k.resultType());
    }
    u.register("tensor", new TensorUdf("tensor", DType.FLOAT32), TensorTypes.FLOAT32);
    u.register("tensor_double", new TensorUdf("tensor_double", DType.FLOAT64), TensorTypes.FLOAT64);
    u.register("tensor_uint8", new TensorUdf("tensor_uint8", DType.UINT8), TensorTypes.UINT8);
    u.register(
        "tensor_shape", new ShapeUdf(), DataTypes.createArrayType(DataTypes.IntegerType, false));
    u.register("from_npy", new FromNpyUdf("from_npy", DType.FLOAT32), TensorTypes.FLOAT32);
    u.register(
        "from_npy_double", new FromNpyUdf("from_npy_double", DType.FLOAT64), TensorTypes.FLOAT64);
    u.register("from_npy_uint8", new FromNpyUdf("from_npy_uint8", DType.UINT8), TensorTypes.UINT8);
    u.register("to_npy", new ToNpyUdf(), DataTypes.BinaryType);
    u.register("from_image", new FromImageUdf(), TensorTypes.UINT8);
    u.register("to_image", new ToImageUdf(), TensorTypes.IMAGE);
  }

  /** The UDF names {@link #register} installs. */
  public static List<String> udfNames() {
    List<String> names = new ArrayList<>();
    for (Kind k : Kind.values()) {
      names.add("interpolate" + udfSuffix(k));
      names.add("interpolate_scale" + udfSuffix(k));
    }
    names.addAll(
        List.of(
            "tensor", "tensor_double", "tensor_uint8", "tensor_shape", "from_npy",
            "from_npy_double", "from_npy_uint8", "to_npy", "from_image", "to_image"));
    return names;
  }

  static String udfSuffix(Kind k) {
    switch (k) {
      case FLOAT32:
        return "";
      case FLOAT64:
        return "_double";
      case UINT8:
        return "_uint8";
      default:
        return "_image";
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Column API (calls the catalog functions)

  /** {@code interpolate(tensor, size, mode, options)}; {@code options} may be null or empty. */
  public static Column interpolate(
      Column tensor, int[] size, String mode, Map<String, String> options) {
    return call("interpolate", tensor, lit(size), mode, options);
  }

  /** {@code interpolate(tensor, size, mode)} with one size for every spatial dimension. */
  public static Column interpolate(
      Column tensor, int size, String mode, Map<String, String> options) {
    return call("interpolate", tensor, lit(size), mode, options);
  }

  /** {@code interpolate_scale(tensor, scale_factor, mode, options)}. */
  public static Column interpolateScale(
      Column tensor, double[] scaleFactor, String mode, Map<String, String> options) {
    return call("interpolate_scale", tensor, lit(scaleFactor), mode, options);
  }

  /** {@code interpolate_scale(tensor, scale_factor, mode, options)}, one factor for all dims. */
  public static Column interpolateScale(
      Column tensor, double scaleFactor, String mode, Map<String, String> options) {
    return call("interpolate_scale", tensor, lit(scaleFactor), mode, options);
  }

  private static Column call(
      String fn, Column tensor, Column sizeOrScale, String mode, Map<String, String> options) {
    Map<String, String> o = new LinkedHashMap<>();
    if (options != null) {
      o.putAll(options);
    }
    boolean hasColumn = o.keySet().stream().anyMatch(k -> k != null && k.trim().equalsIgnoreCase("column"));
    if (!hasColumn) {
      o.put("column", tensor.toString());
    }
    // fail now, with the valid values (the result type against the tensor's kind: at analysis)
    CallSettings.of(Ops.CATALOG_PREFIX + fn, mode, o).checkCall(Kind.FLOAT32, fn.equals("interpolate_scale"));
    List<Column> kv = new ArrayList<>();
    for (Map.Entry<String, String> e : o.entrySet()) {
      kv.add(lit(e.getKey()));
      kv.add(lit(e.getValue()));
    }
    Column map = functions.map(kv.toArray(new Column[0]));
    return call_function(CATALOG + "." + fn, tensor, sizeOrScale, lit(mode), map);
  }

  /** {@code tensor(data, shape)}: a flat ARRAY&lt;FLOAT|DOUBLE&gt; or BINARY column plus a fixed shape. */
  public static Column tensor(Column data, int... shape) {
    return call_function(CATALOG + ".tensor", data, lit(shape));
  }

  /** {@code tensor(data, shape)} with a per-row shape column. */
  public static Column tensor(Column data, Column shape) {
    return call_function(CATALOG + ".tensor", data, shape);
  }

  /** {@code tensor_shape(t)}. */
  public static Column tensorShape(Column t) {
    return call_function(CATALOG + ".tensor_shape", t);
  }

  /** {@code from_npy(bytes)}: float32. */
  public static Column fromNpy(Column npy) {
    return call_function(CATALOG + ".from_npy", npy);
  }

  /** {@code from_npy_double(bytes)}: float64. */
  public static Column fromNpyDouble(Column npy) {
    return call_function(CATALOG + ".from_npy_double", npy);
  }

  /** {@code from_npy_uint8(bytes)}: uint8. */
  public static Column fromNpyUint8(Column npy) {
    return call_function(CATALOG + ".from_npy_uint8", npy);
  }

  /** {@code to_npy(t)}. */
  public static Column toNpy(Column t) {
    return call_function(CATALOG + ".to_npy", t);
  }

  /** {@code from_image(img)}. */
  public static Column fromImage(Column img) {
    return call_function(CATALOG + ".from_image", img);
  }

  /** {@code to_image(t)}. */
  public static Column toImage(Column t) {
    return call_function(CATALOG + ".to_image", t);
  }

  // ---------------------------------------------------------------------------------------------
  // UDFs (external values)

  /** interpolate / interpolate_scale for one result kind. */
  static final class InterpolateUdf
      implements UDF4<Row, Object, String, scala.collection.Map<String, String>, Row> {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final Kind kind;
    private final boolean scaleForm;

    InterpolateUdf(String name, Kind kind, boolean scaleForm) {
      this.name = name;
      this.kind = kind;
      this.scaleForm = scaleForm;
    }

    @Override
    public Row call(Row t, Object sizeOrScale, String mode, scala.collection.Map<String, String> o) {
      if (t == null || sizeOrScale == null || mode == null) {
        return null;
      }
      CallSettings s = CallSettings.of(name, mode, ExternalCodec.options(o));
      s.maxOutputElements(kind.dtype); // a setting, not a row: fails the query whatever on_error says
      s.checkCall(kind, scaleForm);
      try {
        Kind got = ExternalCodec.kindOf(t, s.where);
        if (got != kind) {
          String base = scaleForm ? "interpolate_scale" : "interpolate";
          throw Errors.badRow(
              s.where,
              "the tensor is "
                  + got.describe()
                  + " but this UDF returns "
                  + kind.describe()
                  + " results; call "
                  + base
                  + udfSuffix(got)
                  + " (or the catalog function resample."
                  + base
                  + ", whose result type follows its input)");
        }
        Decoded d = ExternalCodec.decode(t, s.where);
        int[] size = null;
        double[] scale = null;
        boolean vector = sizeOrScale instanceof scala.collection.Seq;
        if (scaleForm) {
          scale =
              vector
                  ? ExternalCodec.doubles((scala.collection.Seq<?>) sizeOrScale, s.where, "scale_factor")
                  : new double[] {number(sizeOrScale, s, "scale_factor").doubleValue()};
        } else {
          size =
              vector
                  ? ExternalCodec.ints((scala.collection.Seq<?>) sizeOrScale, s.where, "size")
                  : new int[] {number(sizeOrScale, s, "size").intValue()};
        }
        Tensor y = Ops.resample(s, kind, d.tensor, size, scale, vector);
        if (kind == Kind.IMAGE) {
          return ExternalCodec.image(d.origin, y.uint8Data(), y.size(0), y.size(1), y.size(2));
        }
        return ExternalCodec.canonical(y);
      } catch (ResampleSqlException e) {
        return Ops.fail(s, e);
      }
    }

    private static Number number(Object v, CallSettings s, String what) {
      if (!(v instanceof Number)) {
        throw Errors.badRow(
            s.where, what + " must be a number or an array of numbers, got " + v.getClass().getSimpleName());
      }
      return (Number) v;
    }
  }

  static final class TensorUdf implements UDF2<Object, scala.collection.Seq<Object>, Row> {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final DType dtype;

    TensorUdf(String name, DType dtype) {
      this.name = name;
      this.dtype = dtype;
    }

    @Override
    public Row call(Object data, scala.collection.Seq<Object> shape) {
      if (data == null || shape == null) {
        return null;
      }
      int[] sh = ExternalCodec.ints(shape, name, "shape");
      if (dtype == DType.UINT8) {
        if (!(data instanceof byte[])) {
          throw Errors.badRow(name, "data must be BINARY for a uint8 tensor");
        }
        RowCodec.checkLength(((byte[]) data).length, sh, name);
        return ExternalCodec.canonical(Tensor.ofUint8((byte[]) data, sh));
      }
      if (!(data instanceof scala.collection.Seq)) {
        throw Errors.badRow(name, "data must be an ARRAY of numbers");
      }
      double[] d = ExternalCodec.doubles((scala.collection.Seq<?>) data, name, "data");
      RowCodec.checkLength(d.length, sh, name);
      if (dtype == DType.FLOAT64) {
        return ExternalCodec.canonical(Tensor.ofDouble(d, sh));
      }
      float[] f = new float[d.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) d[i];
      }
      return ExternalCodec.canonical(Tensor.ofFloat(f, sh));
    }
  }

  static final class ShapeUdf implements UDF1<Row, int[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public int[] call(Row t) {
      if (t == null) {
        return null;
      }
      // decoded, so that a malformed value fails here as it would in interpolate
      return ExternalCodec.decode(t, "tensor_shape").tensor.shape();
    }
  }

  static final class FromNpyUdf implements UDF1<byte[], Row> {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final DType dtype;

    FromNpyUdf(String name, DType dtype) {
      this.name = name;
      this.dtype = dtype;
    }

    @Override
    public Row call(byte[] npy) {
      return npy == null ? null : ExternalCodec.canonical(Npy.read(npy, dtype, name));
    }
  }

  static final class ToNpyUdf implements UDF1<Row, byte[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] call(Row t) {
      if (t == null) {
        return null;
      }
      Decoded d = ExternalCodec.decode(t, "to_npy");
      if (d.kind == Kind.IMAGE) {
        return Npy.write(
            Tensor.ofUint8((byte[]) t.get(5), d.tensor.size(1), d.tensor.size(2), d.tensor.size(0)));
      }
      return Npy.write(d.tensor);
    }
  }

  static final class FromImageUdf implements UDF1<Row, Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public Row call(Row img) {
      if (img == null) {
        return null;
      }
      Decoded d = ExternalCodec.decode(img, "from_image");
      if (d.kind != Kind.IMAGE) {
        throw Errors.badRow(
            "from_image", "argument 1 is a " + d.kind.describe() + " tensor, not an image struct");
      }
      return ExternalCodec.canonical(d.tensor);
    }
  }

  static final class ToImageUdf implements UDF1<Row, Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public Row call(Row t) {
      if (t == null) {
        return null;
      }
      Decoded d = ExternalCodec.decode(t, "to_image");
      Tensor x = d.tensor;
      if (d.kind != Kind.IMAGE) {
        org.apache.spark.sql.catalyst.InternalRow r =
            Convert.toImage(d.kind, "to_image", RowCodec.writeCanonical(x));
        return RowFactory.create("", r.getInt(1), r.getInt(2), r.getInt(3), r.getInt(4), r.getBinary(5));
      }
      return ExternalCodec.image(d.origin, x.uint8Data(), x.size(0), x.size(1), x.size(2));
    }
  }
}
