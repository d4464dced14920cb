package org.resample.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.resample.core.DType;
import org.resample.spark.shim.ScalaShim;
import org.resample.core.Tensor;
import org.resample.testing.Golden;
import org.resample.spark.codec.Npy;

/**
 * The PyTorch fixtures written by {@code src/test/python/generate_spark_parity.py}, and the
 * tolerances of the comparison (the core's: float32 within 8 ulps of the largest |input|, float64
 * within 1e-12 of it, uint8 exact).
 */
final class ParityFixtures {
  private ParityFixtures() {}

  static final String ROOT = "spark-parity/torch-1.13/";

  /** Per dtype: its name, the catalog function reading {@code .npy} bytes as it, the UDF suffix. */
  static final String[][] DTYPES = {
    {"float32", "from_npy", ""}, {"float64", "from_npy_double", "_double"}, {"uint8", "from_npy_uint8", "_uint8"}
  };

  /**
   * SQL resampling each row of {@code table} whose {@code dtype} column is {@code dtype}: the
   * tensor {@code tensorExpr} through {@code resample.interpolate} (when {@code size} is set) or
   * {@code resample.interpolate_scale}, returned as {@code (id, npy bytes)}.
   */
  static String npyResampleQuery(String tensorExpr, String table, String dtype) {
    return "SELECT id, resample.to_npy(CASE WHEN size IS NOT NULL"
        + " THEN resample.interpolate(" + tensorExpr + ", size, mode, options)"
        + " ELSE resample.interpolate_scale(" + tensorExpr + ", scale, mode, options) END)"
        + " FROM " + table + " WHERE dtype = '" + dtype + "'";
  }

  /** One fixture call. */
  static final class Case {
    String id;
    String dtype;
    int[] size;
    double[] scale;
    String mode;
    Map<String, String> options = new LinkedHashMap<>();
    int[] outputShape;
    boolean sample;
    boolean image;
    byte[] inputNpy;
    byte[] expectedNpy;

    /** The options map the SQL functions get: the fixture's plus torch_version 1.13. */
    Map<String, String> sqlOptions() {
      Map<String, String> m = new LinkedHashMap<>(options);
      m.put("torch_version", "1.13");
      return m;
    }

    DType dtype() {
      return dtype.equals("float32") ? DType.FLOAT32 : dtype.equals("float64") ? DType.FLOAT64 : DType.UINT8;
    }

    @Override
    public String toString() {
      return id;
    }
  }

  static final StructType NPY_TABLE_SCHEMA =
      new StructType()
          .add("id", DataTypes.StringType, false)
          .add("dtype", DataTypes.StringType, false)
          .add("input_npy", DataTypes.BinaryType, false)
          .add("size", DataTypes.createArrayType(DataTypes.IntegerType, false), true)
          .add("scale", DataTypes.createArrayType(DataTypes.DoubleType, false), true)
          .add("mode", DataTypes.StringType, false)
          .add("options", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), false);

  /**
   * Writes the non-image cases as Parquet datasets under {@code dir} and registers them as views:
   * {@code parity_npy} (the inputs as .npy bytes, every dtype) and {@code parity_float32}, {@code
   * parity_float64}, {@code parity_uint8} (canonical tensor structs in column {@code t}); each with
   * the call's {@code id, size, scale, mode, options}.
   *
   * @return the cases written
   */
  static List<Case> writeTables(SparkSession spark, Path dir) {
    List<Case> cases = cases().stream().filter(c -> !c.image).collect(Collectors.toList());
    List<Row> rows = new ArrayList<>();
    for (Case c : cases) {
      rows.add(
          RowFactory.create(
              c.id,
              c.dtype,
              c.inputNpy,
              c.size,
              c.scale,
              c.mode,
              ScalaShim.asScala(c.sqlOptions())));
    }
    String npyPath = dir.resolve("parity-npy").toString();
    spark.createDataFrame(rows, NPY_TABLE_SCHEMA).coalesce(1).write().parquet(npyPath);
    spark.read().parquet(npyPath).createOrReplaceTempView("parity_npy");
    for (String[] d : DTYPES) {
      String p = dir.resolve("parity-" + d[0]).toString();
      spark
          .sql(
              "SELECT id, resample." + d[1] + "(input_npy) AS t, size, scale, mode, options"
                  + " FROM parity_npy WHERE dtype = '" + d[0] + "'")
          .write()
          .parquet(p);
      spark.read().parquet(p).createOrReplaceTempView("parity_" + d[0]);
    }
    return cases;
  }

  static byte[] resource(String name) {
    try (InputStream in = ParityFixtures.class.getClassLoader().getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "missing fixture " + ROOT + name + "; run /usr/bin/python3 src/test/python/generate_spark_parity.py");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    ObjectMapper om = new ObjectMapper();
    String text = new String(resource("cases.jsonl"), StandardCharsets.UTF_8);
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode n = om.readTree(line);
        Case c = new Case();
        c.id = n.get("id").asText();
        c.dtype = n.get("dtype").asText();
        c.mode = n.get("mode").asText();
        c.sample = n.get("sample").asBoolean();
        c.image = n.has("image") && n.get("image").asBoolean();
        if (!n.get("size").isNull()) {
          c.size = ints(n.get("size"));
        }
        if (!n.get("scale_factor").isNull()) {
          JsonNode s = n.get("scale_factor");
          c.scale = new double[s.size()];
          for (int i = 0; i < s.size(); i++) {
            c.scale[i] = s.get(i).asDouble();
          }
        }
        c.outputShape = ints(n.get("output_shape"));
        Iterator<Map.Entry<String, JsonNode>> it = n.get("options").fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          c.options.put(e.getKey(), e.getValue().asText());
        }
        if (c.image) {
          c.inputNpy = resource("image-hwc.npy");
          c.expectedNpy = resource("image-" + c.id + ".out.npy");
        } else {
          c.inputNpy = resource(c.id + ".in.npy");
          c.expectedNpy = resource(c.id + ".out.npy");
        }
        out.add(c);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  private static int[] ints(JsonNode a) {
    int[] r = new int[a.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = a.get(i).asInt();
    }
    return r;
  }

  static Tensor npy(byte[] b, DType dtype) {
    return Npy.read(b, dtype, "fixture");
  }

  /** Asserts {@code actual} equals torch's output of case {@code c} within the tolerance. */
  static void assertMatchesTorch(Case c, Tensor actual, String path) {
    Tensor expected = npy(c.expectedNpy, c.dtype());
    Tensor input = npy(c.inputNpy, c.dtype());
    assertArrayEquals(expected.shape(), actual.shape(), path + " " + c.id + ": shape");
    assertEquals(expected.dtype(), actual.dtype(), path + " " + c.id + ": dtype");
    double maxIn = Golden.maxAbs(input);
    // The core's bounds, at 8 ulps for every float32 mode (these fixtures need no bicubic slack).
    double tol;
    switch (c.dtype()) {
      case FLOAT32:
        tol = Golden.FLOAT32_TOLERANCE_ULPS * Math.ulp((float) maxIn);
        break;
      case FLOAT64:
        tol = Golden.FLOAT64_RELATIVE_TOLERANCE * maxIn + Golden.FLOAT64_ABSOLUTE_FLOOR;
        break;
      default:
        tol = 0;
    }
    double worst = 0;
    int at = -1;
    for (int i = 0; i < expected.numel(); i++) {
      double d = Math.abs(expected.getAsDouble(i) - actual.getAsDouble(i));
      if (!(d <= worst)) {
        worst = d;
        at = i;
      }
    }
    final double w = worst;
    final int a = at;
    assertTrue(
        worst <= tol,
        () ->
            path + " " + c.id + ": max |torch - ours| = " + w + " at " + a + " > tolerance " + tol);
  }
}
