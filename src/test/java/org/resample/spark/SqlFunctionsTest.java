package org.resample.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resample.core.DType;
import org.resample.core.Interpolate;
import org.resample.core.InterpolateOptions;
import org.resample.core.Mode;
import org.resample.core.Tensor;
import org.resample.spark.codec.RowCodec;
import org.resample.spark.sql.ResampleFunctions;

/** The SQL functions: code generation, nulls, shapes, and every tensor format through Parquet. */
class SqlFunctionsTest {
  @TempDir static Path dir;
  static SparkSession spark;

  @BeforeAll
  static void setUp() {
    spark = SparkTesting.spark();
    String p = dir.resolve("t").toString();
    spark
        .sql(
            "SELECT id, named_struct('data', transform(sequence(0, 3 * 4 * 5 - 1), i -> CAST(i * 0.5 AS FLOAT)),"
                + " 'shape', array(1, 3, 4, 5)) AS t,"
                + " named_struct('data', transform(sequence(0, 3 * 4 * 5 - 1), i -> CAST(i * 0.25 AS DOUBLE)),"
                + " 'shape', array(3, 4, 5)) AS s,"
                + " named_struct('data', CAST(unhex(repeat('07', 12)) AS BINARY), 'shape', array(1, 1, 3, 4)) AS u"
                + " FROM range(3) AS r(id)")
        .write()
        .parquet(p);
    spark.read().parquet(p).createOrReplaceTempView("tens");
  }

  private static final Pattern STATIC_INVOKE =
      Pattern.compile("static_?invoke\\(org\\.resample\\.spark\\.sql\\.InterpolateFunction\\$SizeF32\\.invoke");

  @Test
  void explain_catalogInterpolate_showsStaticInvoke() {
    String plan =
        spark
            .sql("EXPLAIN EXTENDED SELECT resample.interpolate(t, array(2, 3), 'bilinear') FROM tens")
            .collectAsList()
            .get(0)
            .getString(0);
    assertTrue(STATIC_INVOKE.matcher(plan).find(), plan);
    // ... in the physical plan too, inside whole-stage codegen.
    String physical = plan.substring(plan.indexOf("== Physical Plan =="));
    assertTrue(STATIC_INVOKE.matcher(physical).find(), physical);
    assertTrue(physical.contains("*("), "whole-stage codegen: " + physical);
  }

  @Test
  void explain_everyCatalogFunction_isStaticInvoke() {
    String[] calls = {
      "resample.interpolate_scale(t, 0.5, 'nearest', map('align_corners', 'false'))",
      "resample.interpolate(s, array(2, 2), 'area')",
      "resample.interpolate(u, 3, 'nearest-exact')",
      "resample.tensor(t.data, array(60))",
      "resample.tensor_shape(t)",
      "resample.to_npy(t)",
      "resample.from_npy(resample.to_npy(t))",
      "resample.to_image(u)",
      "resample.from_image(resample.to_image(u))"
    };
    for (String call : calls) {
      String plan =
          spark.sql("EXPLAIN SELECT " + call + " FROM tens").collectAsList().get(0).getString(0);
      assertTrue(plan.matches("(?s).*static_?invoke\\(org\\.resample\\.spark\\..*"), call + ": " + plan);
    }
  }

  @Test
  void columnLabelRule_keepsOutputNamesAndNamesTheColumnInThePlan() {
    Dataset<Row> d = spark.sql("SELECT resample.interpolate(t, array(2, 3), 'nearest') FROM tens");
    String name = d.schema().fieldNames()[0];
    assertTrue(!name.contains("column"), name);
    String plan = d.queryExecution().analyzed().toString();
    assertTrue(plan.contains("column") && plan.contains("SizeF32.invoke"), plan);
  }

  @Test
  void interpolate_matchesCoreDirectly() {
    Row r = spark.sql("SELECT resample.interpolate(t, array(7, 3), 'bicubic', map('align_corners', 'true')) FROM tens WHERE id = 0").first();
    Tensor y = TestRows.tensor(r.getStruct(0), DType.FLOAT32);
    float[] in = new float[60];
    for (int i = 0; i < 60; i++) {
      in[i] = i * 0.5f;
    }
    Tensor expected =
        Interpolate.interpolate(
            Tensor.ofFloat(in, 1, 3, 4, 5),
            InterpolateOptions.builder().size(7, 3).mode(Mode.BICUBIC).alignCorners(true).build());
    assertArrayEquals(expected.shape(), y.shape());
    assertArrayEquals(expected.floatData(), y.floatData());
  }

  @Test
  void largeRows_scratchBuffer_noCrossRowMixing() {
    // >= RowCodec.SCRATCH_MIN elements: the input goes through the per-thread scratch buffer.
    Dataset<Row> big =
        spark.sql(
            "SELECT id, named_struct('data', transform(sequence(0, 3 * 40 * 40 - 1), i -> CAST(sin(i + id * 7) AS FLOAT)),"
                + " 'shape', array(3, 40, 40)) AS f,"
                + " named_struct('data', transform(sequence(0, 3 * 40 * 40 - 1), i -> cos(i * 3 + id)),"
                + " 'shape', array(1, 3, 40, 40)) AS d FROM range(6) AS r(id)");
    String p = dir.resolve("big").toString();
    big.write().parquet(p);
    // Cached: the scan hands out UnsafeRows, whose arrays take the scratch path.
    Dataset<Row> cached = spark.read().parquet(p).cache();
    float[][] holder = new float[1][];
    assertTrue(RowCodec.floats(org.apache.spark.sql.catalyst.expressions.UnsafeArrayData.fromPrimitiveArray(new float[RowCodec.SCRATCH_MIN]), holder)
        == RowCodec.floats(org.apache.spark.sql.catalyst.expressions.UnsafeArrayData.fromPrimitiveArray(new float[RowCodec.SCRATCH_MIN]), holder),
        "one buffer per holder, reused");
    List<Row> rows =
        cached
            .selectExpr(
                "f", "d",
                "resample.interpolate(f, array(17, 23), 'bilinear', map('antialias', 'true')) AS a",
                "resample.interpolate(f, array(50, 9), 'bicubic') AS b",
                "resample.interpolate(d, array(11, 31), 'area') AS c")
            .collectAsList();
    cached.unpersist();
    assertEquals(6, rows.size());
    for (Row r : rows) {
      Tensor f = TestRows.tensor(r.getStruct(0), DType.FLOAT32);
      Tensor d = TestRows.tensor(r.getStruct(1), DType.FLOAT64);
      Tensor f4 = Tensor.ofFloat(f.floatData(), 1, 3, 40, 40);
      Tensor a = Interpolate.interpolate(f4, InterpolateOptions.builder().size(17, 23).mode(Mode.BILINEAR).antialias(true).build());
      Tensor b = Interpolate.interpolate(f4, InterpolateOptions.builder().size(50, 9).mode(Mode.BICUBIC).build());
      Tensor c = Interpolate.interpolate(d, InterpolateOptions.builder().size(11, 31).mode(Mode.AREA).build());
      assertArrayEquals(a.floatData(), TestRows.tensor(r.getStruct(2), DType.FLOAT32).floatData());
      assertArrayEquals(b.floatData(), TestRows.tensor(r.getStruct(3), DType.FLOAT32).floatData());
      assertArrayEquals(c.doubleData(), TestRows.tensor(r.getStruct(4), DType.FLOAT64).doubleData());
    }
  }

  @Test
  void interpolate_sampleRow_keepsRank() {
    Row r = spark.sql("SELECT resample.interpolate(s, array(8, 10), 'nearest'), resample.tensor_shape(s) FROM tens WHERE id = 1").first();
    Tensor y = TestRows.tensor(r.getStruct(0), DType.FLOAT64);
    assertArrayEquals(new int[] {3, 8, 10}, y.shape());
    assertArrayEquals(new int[] {3, 4, 5}, TestRows.ints(r.getList(1)));
  }

  @Test
  void interpolateScale_decimalAndArrayScale() {
    Row r =
        spark
            .sql(
                "SELECT resample.tensor_shape(resample.interpolate_scale(t, 0.5, 'nearest')),"
                    + " resample.tensor_shape(resample.interpolate_scale(t, array(2, 1.5), 'bilinear')),"
                    + " resample.tensor_shape(resample.interpolate(t, 6, 'nearest'))"
                    + " FROM tens WHERE id = 0")
            .first();
    assertArrayEquals(new int[] {1, 3, 2, 2}, TestRows.ints(r.getList(0)));
    assertArrayEquals(new int[] {1, 3, 8, 7}, TestRows.ints(r.getList(1)));
    assertArrayEquals(new int[] {1, 3, 6, 6}, TestRows.ints(r.getList(2)));
  }

  @Test
  void nullInputs_giveNull() {
    Row r =
        spark
            .sql(
                "SELECT resample.interpolate(CAST(NULL AS STRUCT<data: ARRAY<FLOAT>, shape: ARRAY<INT>>), array(2, 2), 'nearest'),"
                    + " resample.interpolate(t, CAST(NULL AS ARRAY<INT>), 'nearest'),"
                    + " resample.interpolate(t, array(2, 2), CAST(NULL AS STRING)),"
                    + " resample.interpolate_scale(t, IF(id > 100, 2.0D, NULL), 'nearest'),"
                    + " resample.from_npy(CAST(NULL AS BINARY)),"
                    + " resample.to_npy(CAST(NULL AS STRUCT<data: ARRAY<DOUBLE>, shape: ARRAY<INT>>)),"
                    + " resample.tensor(CAST(NULL AS ARRAY<FLOAT>), array(1)),"
                    + " interpolate(CAST(NULL AS STRUCT<data: ARRAY<FLOAT>, shape: ARRAY<INT>>), array(2, 2), 'nearest', map())"
                    + " FROM tens WHERE id = 0")
            .first();
    for (int i = 0; i < r.size(); i++) {
      assertNull(r.get(i), "column " + i);
    }
  }

  @Test
  void canonicalTensors_roundTripThroughParquet() {
    String p = dir.resolve("canon").toString();
    spark.sql("SELECT id, t, s, u FROM tens").write().parquet(p);
    List<Row> a = spark.sql("SELECT id, t, s, u FROM tens ORDER BY id").collectAsList();
    List<Row> b = spark.read().parquet(p).orderBy("id").collectAsList();
    assertEquals(a, b);
    // and a resampled result written and read back
    String q = dir.resolve("resampled").toString();
    spark.sql("SELECT id, resample.interpolate(t, array(5, 5), 'area') AS y FROM tens").write().parquet(q);
    Row back = spark.read().parquet(q).where("id = 2").first();
    Row direct = spark.sql("SELECT id, resample.interpolate(t, array(5, 5), 'area') AS y FROM tens WHERE id = 2").first();
    assertEquals(direct, back);
  }

  @Test
  void npy_roundTripThroughParquet_andMatchesNumpyBytes() {
    // to_npy writes what np.save writes: the fixture cell survives from_npy -> to_npy byte for byte.
    byte[] numpy = ParityFixtures.resource("bilinear_up.in.npy");
    Dataset<Row> df =
        spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create((Object) numpy)),
            new org.apache.spark.sql.types.StructType().add("npy", "binary"));
    String p = dir.resolve("npy").toString();
    df.select(ResampleFunctions.toNpy(ResampleFunctions.fromNpy(col("npy"))).as("npy")).write().parquet(p);
    byte[] back = (byte[]) spark.read().parquet(p).first().get(0);
    assertArrayEquals(numpy, back);
    for (String t : new String[] {"t", "s", "u"}) {
      String from = t.equals("s") ? "from_npy_double" : t.equals("u") ? "from_npy_uint8" : "from_npy";
      Row r = spark.sql("SELECT " + t + ", resample." + from + "(resample.to_npy(" + t + ")) FROM tens WHERE id = 1").first();
      assertEquals(r.get(0), r.get(1), t);
    }
  }

  @Test
  void fixedShapeFlatArrays_roundTripThroughParquet() {
    // A flat ARRAY<FLOAT> column with one shape for the whole column (Arrow fixed_shape_tensor).
    String p = dir.resolve("flat").toString();
    spark.sql("SELECT id, t.data AS pixels FROM tens").write().parquet(p);
    Dataset<Row> flat = spark.read().parquet(p);
    Dataset<Row> out =
        flat.select(
            col("id"),
            ResampleFunctions.interpolate(
                    ResampleFunctions.tensor(col("pixels"), 3, 4, 5), new int[] {2, 2}, "bilinear", Map.of())
                .getField("data")
                .as("small"));
    String q = dir.resolve("flat-out").toString();
    out.write().parquet(q);
    Row r = spark.read().parquet(q).where("id = 0").first();
    Row viaStruct = spark.sql("SELECT resample.interpolate(s, array(2, 2), 'bilinear') FROM tens WHERE id = 0").first();
    assertEquals(12, r.getList(1).size());
    Tensor fromStruct = TestRows.tensor(viaStruct.getStruct(0), DType.FLOAT64);
    for (int i = 0; i < 12; i++) {
      // t = 2 * s elementwise, and bilinear is linear
      assertEquals(2 * fromStruct.doubleData()[i], ((Number) r.getList(1).get(i)).doubleValue(), 1e-5);
    }
  }

  @Test
  void uint8Tensor_imageStruct_roundTrip() {
    Row r = spark.sql("SELECT resample.to_image(u), resample.from_image(resample.to_image(u)), u FROM tens WHERE id = 0").first();
    Row img = r.getStruct(0);
    assertEquals(3, img.getInt(1)); // height
    assertEquals(4, img.getInt(2)); // width
    assertEquals(1, img.getInt(3)); // nChannels
    assertEquals(0, img.getInt(4)); // CV_8UC1
    Row back = r.getStruct(1);
    assertArrayEquals(new int[] {1, 3, 4}, TestRows.ints(back.getList(1)));
    assertArrayEquals((byte[]) r.getStruct(2).get(0), (byte[]) back.get(0));
  }

  @Test
  void registeredUdfs_conversions() {
    Row r =
        spark
            .sql(
                "SELECT tensor_shape(t), tensor_shape(tensor(t.data, array(60))),"
                    + " tensor_shape(interpolate_double(s, array(2, 3), 'nearest-exact', NULL)),"
                    + " tensor_shape(from_npy(to_npy(t))), tensor_shape(from_image(to_image(u)))"
                    + " FROM tens WHERE id = 0")
            .first();
    assertArrayEquals(new int[] {1, 3, 4, 5}, TestRows.ints(r.getList(0)));
    assertArrayEquals(new int[] {60}, TestRows.ints(r.getList(1)));
    assertArrayEquals(new int[] {3, 2, 3}, TestRows.ints(r.getList(2)));
    assertArrayEquals(new int[] {1, 3, 4, 5}, TestRows.ints(r.getList(3)));
    assertArrayEquals(new int[] {1, 3, 4}, TestRows.ints(r.getList(4)));
  }
}
