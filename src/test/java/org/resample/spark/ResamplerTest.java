package org.resample.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resample.core.DType;
import org.resample.spark.shim.ScalaShim;
import org.resample.core.Mode;
import org.resample.core.Tensor;
import org.resample.spark.ParityFixtures.Case;
import org.resample.spark.codec.TensorTypes;
import org.resample.spark.codec.Ops;
import org.resample.spark.operator.Resampler;
import org.resample.spark.operator.CachedRows;
import org.resample.spark.shim.SparkShim;
import org.resample.spark.operator.ResampledScanExec;

/**
 * The batched {@link Resampler}: PyTorch parity on every tensor format, row order and passthrough,
 * batch settings, bounded memory, error policies, persistence and pipelines.
 */
class ResamplerTest {
  @TempDir static Path dir;

  static SparkSession spark;
  static List<Case> cases;

  @BeforeAll
  static void writeParquet() {
    spark = SparkTesting.spark();
    cases = ParityFixtures.writeTables(spark, dir);
  }

  /** The transformer of a fixture case, reading {@code column}, with torch 1.13's numerics. */
  private static Resampler resamplerFor(Case c, String column) {
    Resampler r = new Resampler().setInputCol(column).setMode(c.mode).setTorchVersion("1.13");
    if (c.size != null) {
      r.setSize(c.size);
    } else {
      r.setScaleFactor(c.scale);
    }
    for (Map.Entry<String, String> o : c.options.entrySet()) {
      boolean v = Boolean.parseBoolean(o.getValue());
      switch (o.getKey()) {
        case "align_corners":
          r.setAlignCorners(v);
          break;
        case "antialias":
          r.setAntialias(v);
          break;
        case "recompute_scale_factor":
          r.setRecomputeScaleFactor(v);
          break;
        default:
          throw new IllegalStateException("fixture option " + o.getKey());
      }
    }
    return r;
  }

  private static void assertEveryMode(Set<String> modes) {
    for (Mode m : Mode.values()) {
      if (m == Mode.LANCZOS) {
        continue; // not in PyTorch 1.13, whose fixtures these are: LanczosSparkTest checks it
      }
      assertTrue(modes.contains(m.torchName()), "mode " + m + " missing from " + modes);
    }
  }

  @Test
  void canonicalStructsFromParquet_everyCaseMatchesTorch() {
    Set<String> modes = new TreeSet<>();
    for (Case c : cases) {
      Dataset<Row> in = spark.table("parity_" + c.dtype).filter(col("id").equalTo(c.id));
      Row r = resamplerFor(c, "t").transform(in).select("t").first();
      ParityFixtures.assertMatchesTorch(c, TestRows.tensor(r.getStruct(0), c.dtype()), "Resampler struct");
      modes.add(c.mode);
    }
    assertEveryMode(modes);
  }

  @Test
  void npyBytesAndFlatArrays_everyCaseMatchesTorch() {
    Set<String> modes = new TreeSet<>();
    for (Case c : cases) {
      Dataset<Row> npy = spark.table("parity_npy").filter(col("id").equalTo(c.id));
      Row r = resamplerFor(c, "input_npy").setOutputCol("out").transform(npy).select("out").first();
      ParityFixtures.assertMatchesTorch(c, ParityFixtures.npy((byte[]) r.get(0), c.dtype()), "Resampler npy");
      if (c.dtype() != DType.UINT8) {
        Tensor in = ParityFixtures.npy(c.inputNpy, c.dtype());
        Dataset<Row> flat =
            spark.table("parity_" + c.dtype).filter(col("id").equalTo(c.id)).select(col("t.data").as("flat"));
        List<?> out =
            resamplerFor(c, "flat").setTensorShape(in.shape()).transform(flat).first().getList(0);
        Tensor y =
            c.dtype() == DType.FLOAT32
                ? Tensor.ofFloat(TestRows.floats(out), c.outputShape)
                : Tensor.ofDouble(TestRows.doubles(out), c.outputShape);
        ParityFixtures.assertMatchesTorch(c, y, "Resampler flat");
      }
      modes.add(c.mode);
    }
    assertEveryMode(modes);
  }

  @Test
  void imageStructs_matchTorchAndKeepOrigin() {
    Tensor hwc = ParityFixtures.npy(ParityFixtures.resource("image-hwc.npy"), DType.UINT8);
    int h = hwc.size(0);
    int w = hwc.size(1);
    Dataset<Row> images =
        spark.createDataFrame(
            List.of(RowFactory.create(RowFactory.create("file:/x/fixture.png", h, w, 3, 16, hwc.uint8Data()))),
            new StructType().add("image", TensorTypes.IMAGE));
    int checked = 0;
    for (Case c : ParityFixtures.cases()) {
      if (!c.image) {
        continue;
      }
      Row img = resamplerFor(c, "image").transform(images).first().getStruct(0);
      assertEquals("file:/x/fixture.png", img.getString(0));
      assertEquals(c.size[0], img.getInt(1));
      assertEquals(c.size[1], img.getInt(2));
      ParityFixtures.assertMatchesTorch(
          c, Tensor.ofUint8((byte[]) img.get(5), c.size[0], c.size[1], 3), "Resampler image");
      checked++;
    }
    assertTrue(checked > 0, "the fixtures hold image cases");
  }

  // ------------------------------------------------------------------------------------------
  // Order, passthrough, batching

  static final StructType MIXED =
      new StructType()
          .add("id", DataTypes.LongType, false)
          .add("label", DataTypes.StringType, true)
          .add("t", TensorTypes.FLOAT32, true)
          .add(
              "meta",
              new StructType()
                  .add("tags", DataTypes.createArrayType(DataTypes.StringType), true)
                  .add("counts", DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType), true),
              true);

  /** Rows with ids, labels (some null), tensors of varying shapes (every 5th null), nested values. */
  private static Dataset<Row> mixedRows(int n, int partitions) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Row t = null;
      if (i % 5 != 3) {
        int c = 1 + i % 3;
        int hh = 2 + i % 4;
        int ww = 3 + i % 5;
        float[] data = new float[c * hh * ww];
        for (int k = 0; k < data.length; k++) {
          data[k] = (float) Math.sin(i * 31 + k * 0.7);
        }
        t = TestRows.canonical(Tensor.ofFloat(data, c, hh, ww));
      }
      Row meta =
          i % 4 == 1
              ? null
              : RowFactory.create(
                  Arrays.asList("a" + i, null, "c"), ScalaShim.asScala(Map.of("k" + i, i)));
      rows.add(RowFactory.create((long) i, i % 7 == 2 ? null : "label-" + i, t, meta));
    }
    return spark.createDataFrame(rows, MIXED).repartition(partitions);
  }

  @Test
  void rowsComeOutInOrder_withEveryOtherColumnUntouched() {
    Dataset<Row> in = mixedRows(53, 3).cache();
    List<Row> before = in.collectAsList();
    Resampler r = new Resampler().setInputCol("t").setOutputCol("y").setSize(4, 6).setMode("bilinear").setBatchRows(4);
    Dataset<Row> out = r.transform(in);
    List<Row> after = out.collectAsList();
    assertEquals(before.size(), after.size());
    for (int i = 0; i < before.size(); i++) {
      Row b = before.get(i);
      Row a = after.get(i);
      for (int f = 0; f < 4; f++) {
        assertEquals(b.get(f), a.get(f), "row " + i + " column " + MIXED.fields()[f].name());
      }
      if (b.isNullAt(2)) {
        assertTrue(a.isNullAt(4), "null tensor gives a null result (row " + i + ")");
      } else {
        Tensor x = TestRows.tensor(b.getStruct(2), DType.FLOAT32);
        Tensor expected =
            org.resample.core.Interpolate.interpolate(
                Ops.reshape(x, Ops.prepend1(x.shape())),
                org.resample.core.InterpolateOptions.builder().size(4, 6).mode(Mode.BILINEAR).build());
        Tensor y = TestRows.tensor(a.getStruct(4), DType.FLOAT32);
        assertArrayEquals(expected.floatData(), y.floatData(), "row " + i);
      }
    }
    assertEquals(43, r.metrics().rowsOk().value());
    assertEquals(10, r.metrics().rowsNull().value());
    assertEquals(0, r.metrics().rowsFailed().value());
  }

  @Test
  void outputRowsAreScannedAsTheyAre_andHoldUpThroughCodegenShuffleSortCacheJoinAndParquet() {
    Dataset<Row> in = mixedRows(41, 3).cache();
    for (String outputCol : new String[] {"", "y"}) {
      Dataset<Row> out =
          new Resampler().setInputCol("t").setOutputCol(outputCol).setSize(5, 3).setMode("bicubic").transform(in);
      assertTrue(
          out.queryExecution().sparkPlan().find(p -> p instanceof ResampledScanExec).isDefined(),
          out.queryExecution().sparkPlan().toString());
      String result = outputCol.isEmpty() ? "t" : outputCol;
      List<Row> expected = out.orderBy("id").collectAsList();
      assertEquals(41, expected.size());
      // Whole-stage code reading the rows, a shuffle, a sort, the cache.
      assertEquals(expected, out.filter(col("id").geq(0)).orderBy("id").collectAsList(), "codegen");
      assertEquals(expected, out.repartition(4).orderBy("id").collectAsList(), "shuffle");
      List<Row> descending = new ArrayList<>(expected);
      java.util.Collections.reverse(descending);
      assertEquals(descending, out.orderBy(col("id").desc()).collectAsList(), "sort");
      Dataset<Row> cached = out.cache();
      assertEquals(expected, cached.orderBy("id").collectAsList(), "cache");
      cached.unpersist(true);
      // A self-join pairs every row with itself.
      Dataset<Row> joined = out.join(out.select(col("id"), col(result).as("again")), "id");
      assertEquals(41, joined.count());
      for (Row r : joined.collectAsList()) {
        assertEquals(r.get(r.fieldIndex(result)), r.get(r.fieldIndex("again")), "row " + r.getLong(0));
      }
      String path = dir.resolve("scanned-" + result).toString();
      out.write().parquet(path);
      assertEquals(expected, spark.read().parquet(path).orderBy("id").collectAsList(), "Parquet");
    }
  }

  /** A column of every type Spark's cache stores, a tensor among them. */
  static final StructType EVERY_TYPE =
      new StructType()
          .add("id", DataTypes.LongType, false)
          .add("flag", DataTypes.BooleanType)
          .add("b", DataTypes.ByteType)
          .add("s", DataTypes.ShortType)
          .add("i", DataTypes.IntegerType)
          .add("f", DataTypes.FloatType)
          .add("d", DataTypes.DoubleType)
          .add("label", DataTypes.StringType)
          .add("bin", DataTypes.BinaryType)
          .add("day", DataTypes.DateType)
          .add("at", DataTypes.TimestampType)
          .add("small", DataTypes.createDecimalType(10, 2))
          .add("big", DataTypes.createDecimalType(30, 5))
          .add("t", TensorTypes.FLOAT32)
          .add("u8", TensorTypes.UINT8)
          .add("ints", DataTypes.createArrayType(DataTypes.IntegerType))
          .add("m", DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType))
          .add("meta", MIXED.apply("meta").dataType());

  /** Rows of {@link #EVERY_TYPE}, each column null in about one row of six. */
  private static List<Row> everyTypeRows(int n) {
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      float[] data = new float[2 * (2 + r % 3) * 4];
      for (int k = 0; k < data.length; k++) {
        data[k] = (float) Math.cos(r * 13 + k * 0.3);
      }
      Object[] v = {
        (long) r,
        r % 2 == 0,
        (byte) r,
        (short) (r * 300),
        r * 70_000,
        r / 3f,
        r / 7.0,
        "label-" + r,
        new byte[] {(byte) r, 1, 2},
        java.sql.Date.valueOf("2024-01-01").toLocalDate().plusDays(r),
        java.sql.Timestamp.valueOf("2024-01-01 10:00:00").toInstant().plusSeconds(r),
        java.math.BigDecimal.valueOf(r * 101, 2),
        new java.math.BigDecimal("123456789012345678901.5").add(java.math.BigDecimal.valueOf(r)),
        TestRows.canonical(Tensor.ofFloat(data, 2, 2 + r % 3, 4)),
        TestRows.canonical(Tensor.ofUint8(new byte[] {(byte) r, 7, (byte) (3 * r), 0, 1, (byte) 250}, 1, 2, 3)),
        Arrays.asList(r, null, -r),
        ScalaShim.asScala(Map.of("k" + r, r)),
        RowFactory.create(Arrays.asList("a" + r), ScalaShim.asScala(Map.of("c", r)))
      };
      for (int c = 1; c < v.length; c++) {
        if ((r + c) % 6 == 0) {
          v[c] = null;
        }
      }
      rows.add(RowFactory.create(v));
    }
    return rows;
  }

  @Test
  void cachedInput_isReadFromTheCacheBuffers_givingWhatSparksScanGives_forEveryColumnType() {
    List<Row> rows = everyTypeRows(37);
    String batchSize = "spark.sql.inMemoryColumnarStorage.batchSize";
    spark.conf().set(batchSize, "4");
    spark.conf().set("spark.sql.datetime.java8API.enabled", "true");
    try {
      Dataset<Row> plain = spark.createDataFrame(rows, EVERY_TYPE).repartition(3);
      Dataset<Row> cached = spark.createDataFrame(rows, EVERY_TYPE).repartition(3).cache();
      assertNotNull(CachedRows.of(cached), "a cached Dataset is read from its buffers");
      assertEquals(null, CachedRows.of(plain), "an uncached Dataset is scanned by Spark");
      assertEquals(null, CachedRows.of(cached.select("t", "id")), "so is a projection over a cache");
      // Float32 rows are resampled one at a time straight into their output rows; uint8 ones a batch
      // at a time, their values copied out of the input rows.
      for (String[] call : new String[][] {{"t", ""}, {"t", "y"}, {"u8", ""}, {"u8", "y"}}) {
        String outputCol = call[1];
        Resampler r =
            new Resampler().setInputCol(call[0]).setOutputCol(outputCol).setSize(3, 5).setMode("bilinear")
                .setBatchRows(3);
        List<Row> expected = r.transform(plain).orderBy("id").collectAsList();
        assertEquals(37, expected.size());
        List<Row> got = r.transform(cached).orderBy("id").collectAsList();
        assertEquals(expected.size(), got.size(), "rows, " + Arrays.toString(call));
        assertEquals(expected, got, Arrays.toString(call));
      }
      // Several cached batches per partition, all of them read.
      long batches =
          ((org.apache.spark.sql.execution.columnar.InMemoryRelation) SparkShim.queryExecution(cached).optimizedPlan())
              .cacheBuilder().cachedColumnBuffers().count();
      assertTrue(batches >= 9, batches + " cached batches");
      // Dropping the cache after transform recomputes the rows: none is lost.
      Resampler r = new Resampler().setInputCol("t").setSize(3, 5).setMode("bilinear");
      Dataset<Row> out = r.transform(cached);
      List<Row> before = out.orderBy("id").collectAsList();
      cached.unpersist(true);
      assertEquals(before, out.orderBy("id").collectAsList(), "after unpersist");
      // A column type the reader does not take (TIMESTAMP_NTZ): Spark's own scan, same rows.
      Dataset<Row> ntz = plain.withColumn("local", org.apache.spark.sql.functions.expr("to_timestamp_ntz(at)"));
      Dataset<Row> ntzCached = ntz.cache();
      assertEquals(null, CachedRows.of(ntzCached));
      assertEquals(
          r.transform(ntz.select("*")).orderBy("id").collectAsList(),
          r.transform(ntzCached).orderBy("id").collectAsList());
      ntzCached.unpersist(true);
    } finally {
      spark.conf().unset(batchSize);
      spark.conf().unset("spark.sql.datetime.java8API.enabled");
    }
  }


  @Test
  void batchRows_1_7_10000_giveIdenticalRows() {
    Dataset<Row> in = mixedRows(40, 2).cache();
    List<Row> reference = null;
    for (int batch : new int[] {1, 7, 10_000}) {
      List<Row> rows =
          new Resampler().setInputCol("t").setScaleFactor(1.7, 0.6).setMode("bicubic").setBatchRows(batch)
              .transform(in).collectAsList();
      if (reference == null) {
        reference = rows;
      } else {
        assertEquals(reference, rows, "batchRows " + batch);
      }
    }
    // A byte budget smaller than one row still makes progress, one row per batch.
    assertEquals(
        reference,
        new Resampler().setInputCol("t").setScaleFactor(1.7, 0.6).setMode("bicubic").setBatchBytes(1)
            .transform(in).collectAsList());
  }

  @Test
  void partitionLargerThanTheHeap_streamsThroughInBoundedMemory() {
    int rows = 150;
    long outputBytes = rows * 2048L * 2048L * 4L;
    assertTrue(
        outputBytes > Runtime.getRuntime().maxMemory(),
        "the partition's results (" + outputBytes + " bytes) must exceed the heap for this test to mean anything");
    Dataset<Row> in =
        spark.range(0, rows, 1, 1)
            .selectExpr(
                "id",
                "resample.tensor(transform(sequence(0, 65535), i -> cast((i * (id + 1)) % 251 AS FLOAT)),"
                    + " array(1, 1, 256, 256)) AS t");
    Resampler r = new Resampler().setInputCol("t").setScaleFactor(8).setMode("bilinear").setBatchBytes(64L << 20);
    r.transform(in).write().format("noop").mode("overwrite").save();
    assertEquals(rows, r.metrics().rowsOk().value());
  }

  // ------------------------------------------------------------------------------------------
  // Malformed rows

  static final StructType KEYED = new StructType().add("key", DataTypes.StringType, false).add("t", TensorTypes.FLOAT32, true);

  /** 20 rows: 17 good (2x5x6), and bad ones at keys r3 (length), r9 (negative dim), r15 (rank). */
  private static Dataset<Row> plantedBadRows() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Row t;
      if (i == 3) {
        t = TestRows.canonical(Tensor.ofFloat(new float[59], 59));
        t = RowFactory.create(t.get(0), new int[] {2, 5, 6});
      } else if (i == 9) {
        t = RowFactory.create(List.of(), new int[] {2, -5, 6});
      } else if (i == 15) {
        t = TestRows.canonical(Tensor.ofFloat(new float[8], 8));
      } else {
        float[] d = new float[60];
        Arrays.fill(d, i);
        t = TestRows.canonical(Tensor.ofFloat(d, 2, 5, 6));
      }
      rows.add(RowFactory.create("r" + i, t));
    }
    return spark.createDataFrame(rows, KEYED).repartition(3);
  }

  private static Resampler badRowResampler(String policy) {
    return new Resampler().setInputCol("t").setSize(4, 4).setMode("bilinear").setKeyCol("key").setOnError(policy).setBatchRows(5);
  }

  @Test
  void onErrorFail_failsTheQueryNamingColumnKeyAndProblem() {
    Exception e = assertThrows(Exception.class, () -> badRowResampler("fail").transform(plantedBadRows()).collectAsList());
    ResampleSqlException cause = ResampleSqlException.find(e);
    assertNotNull(cause, "the task failure carries the library's exception: " + e);
    String m = cause.getMessage();
    assertTrue(m.startsWith("Resampler(t) row key=r"), m);
    assertTrue(
        m.contains("data length 59 does not match shape [2, 5, 6]")
            || m.contains("negative dimension (-5)")
            || m.contains("rank"),
        m);
    assertTrue(m.contains("set onError to 'null' or 'quarantine'"), m);
  }

  @Test
  void onErrorNull_givesNullForExactlyTheBadRows() {
    Resampler r = badRowResampler("null");
    List<Row> out = r.transform(plantedBadRows()).collectAsList();
    assertEquals(20, out.size());
    Set<String> keys = new TreeSet<>();
    Set<String> nulls = new TreeSet<>();
    for (Row row : out) {
      keys.add(row.getString(0));
      if (row.isNullAt(1)) {
        nulls.add(row.getString(0));
      }
    }
    assertEquals(20, keys.size(), "no row lost or duplicated");
    assertEquals(Set.of("r3", "r9", "r15"), nulls);
    assertEquals(2, out.get(0).schema().size(), "no error column without quarantine");
    assertEquals(17, r.metrics().rowsOk().value());
    assertEquals(3, r.metrics().rowsFailed().value());
  }

  @Test
  void onErrorQuarantine_putsTheMessageInTheErrorColumn_soBadRowsCanBeWrittenApart() {
    Resampler r = badRowResampler("quarantine");
    Dataset<Row> out = r.transform(plantedBadRows()).cache();
    assertEquals(List.of("key", "t", "resample_error"), Arrays.asList(out.columns()));
    List<Row> bad = out.filter(col("resample_error").isNotNull()).orderBy("key").collectAsList();
    List<Row> good = out.filter(col("resample_error").isNull()).collectAsList();
    assertEquals(3, bad.size());
    assertEquals(17, good.size());
    assertEquals("r15", bad.get(0).getString(0));
    assertTrue(bad.get(0).getString(2).contains("Resampler(t) row key=r15: size [4, 4] has 2 values"), bad.get(0).getString(2));
    assertTrue(bad.get(1).getString(2).contains("data length 59 does not match shape [2, 5, 6]"), bad.get(1).getString(2));
    assertTrue(bad.get(2).getString(2).contains("negative dimension (-5)"), bad.get(2).getString(2));
    for (Row g : good) {
      assertFalse(g.isNullAt(1));
      assertArrayEquals(new int[] {2, 4, 4}, TestRows.tensor(g.getStruct(1), DType.FLOAT32).shape());
    }
    // A second Resampler in the chain keeps the first one's messages.
    Dataset<Row> again = badRowResampler("quarantine").setInputCol("t").setSize(2, 2).transform(out);
    assertEquals(3, again.filter(col("resample_error").isNotNull()).count());
    assertEquals(3, again.columns().length);
  }

  // ------------------------------------------------------------------------------------------
  // Schema, metadata, persistence, pipelines

  private static void assertRejected(Consumer<StructType> call, StructType schema, String... parts) {
    ResampleSqlException e = assertThrows(ResampleSqlException.class, () -> call.accept(schema));
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should contain '" + p + "'");
    }
  }

  @Test
  void transformSchema_rejectsBadSettingsWithWhatAndHowToFix() {
    StructType s =
        new StructType()
            .add("t", TensorTypes.FLOAT32)
            .add("flat", DataTypes.createArrayType(DataTypes.FloatType))
            .add("n", DataTypes.IntegerType);
    assertRejected(x -> new Resampler().setSize(2).transformSchema(x), s, "inputCol is not set");
    assertRejected(x -> new Resampler().setInputCol("img").setSize(2).transformSchema(x), s, "inputCol 'img' is not a column", "t, flat, n");
    assertRejected(x -> new Resampler().setInputCol("n").setSize(2).transformSchema(x), s, "type int", "accepted:", "STRUCT<data: ARRAY<FLOAT>");
    assertRejected(x -> new Resampler().setInputCol("t").transformSchema(x), s, "set one of size");
    assertRejected(x -> new Resampler().setInputCol("flat").setSize(2).transformSchema(x), s, "setTensorShape");
    assertRejected(x -> new Resampler().setInputCol("t").setSize(2, 2).setAlignCorners(true).transformSchema(x), s, "align_corners option can only be set with the interpolating modes");
    assertRejected(x -> new Resampler().setInputCol("t").setSize(2, 2).setMode("trilinear").transformSchema(x), s, "trilinear");
    assertRejected(x -> new Resampler().setInputCol("t").setOutputCol("n").setSize(2).transformSchema(x), s, "outputCol 'n' already exists");
    assertRejected(x -> new Resampler().setInputCol("flat").setTensorShape(1, 3, 4).setSize(9, 9, 9).setMode("trilinear").transformSchema(x), s, "tensorShape [1, 3, 4]");
    StructType images = new StructType().add("image", TensorTypes.IMAGE);
    assertRejected(x -> new Resampler().setInputCol("image").setSize(4, 4, 4).transformSchema(x), images, "an image column takes 1 or 2");
    assertRejected(x -> new Resampler().setInputCol("image").setSize(4).setMode("trilinear").transformSchema(x), images, "trilinear");
    assertRejected(x -> new Resampler().setInputCol("image").setSize(4).setMode("linear").transformSchema(x), images, "linear");
    ResampleSqlException e = assertThrows(ResampleSqlException.class, () -> new Resampler().setMode("bilnear"));
    assertTrue(e.getMessage().contains("bilinear"), e.getMessage());
    e = assertThrows(ResampleSqlException.class, () -> new Resampler().setOnError("skip"));
    assertEquals("Resampler: invalid onError 'skip'; valid values: fail | null | quarantine", e.getMessage());
    e = assertThrows(ResampleSqlException.class, () -> new Resampler().setBackend("tpu"));
    assertEquals("Resampler: invalid backend 'tpu'; valid values: auto | cpu | gpu", e.getMessage());
    e = assertThrows(ResampleSqlException.class, () -> new Resampler().setBatchRows(0));
    assertEquals("Resampler: batchRows must be >= 1, got 0", e.getMessage());
  }

  @Test
  void planesBeyondAStandInShape_areAccepted_andArgumentsAreCheckedOnRealShapes() {
    // (3, 16, 16) rows to 2048x2048: 12.6 M elements a row, within the default limit of 2^26
    float[] d = new float[3 * 16 * 16];
    Arrays.fill(d, 0.5f);
    Dataset<Row> in = spark.createDataFrame(
        List.of(RowFactory.create("a", TestRows.canonical(Tensor.ofFloat(d, 3, 16, 16)))), KEYED);
    Resampler r = new Resampler().setInputCol("t").setSize(2048, 2048).setMode("bilinear");
    Row out = r.transform(in).select(col("t.shape"), functions.element_at(col("t.data"), 2048 * 2048 * 3))
        .first();
    assertEquals(List.of(3, 2048, 2048), out.getList(0));
    assertEquals(0.5f, out.getFloat(1));
    StructType s = new StructType().add("t", TensorTypes.FLOAT32).add("flat", DataTypes.createArrayType(DataTypes.FloatType));
    // what only a row's sizes decide is left to the row: a small scale factor is not refused up front
    new Resampler().setInputCol("t").setScaleFactor(0.01).setMode("bilinear").transformSchema(s);
    ResampleSqlException e = assertThrows(ResampleSqlException.class,
        () -> new Resampler().setInputCol("t").setSize(0, 5).setMode("bilinear").transformSchema(s));
    assertEquals("Resampler(t): size [0, 5] must be positive integers", e.getMessage());
    // a flat column's rows all have its tensorShape: the whole call is checked on that shape
    e = assertThrows(ResampleSqlException.class, () -> new Resampler().setInputCol("flat").setTensorShape(3, 16, 16)
        .setSize(8192, 8192).setMode("bilinear").transformSchema(s));
    assertTrue(e.getMessage().startsWith("Resampler(flat): resampling to shape [1, 3, 8192, 8192] (bilinear, float32)"
        + " needs "), e.getMessage());
    assertTrue(e.getMessage().endsWith("(tensorShape [3, 16, 16])"), e.getMessage());
    new Resampler().setInputCol("flat").setTensorShape(3, 16, 16).setSize(2048, 2048).setMode("bilinear").transformSchema(s);
  }

  @Test
  void settingsThatCannotWork_areRefusedBeforeAnyRowIsRead() {
    StructType s = new StructType().add("id", DataTypes.LongType).add("t", TensorTypes.FLOAT32)
        .add("note", DataTypes.StringType);
    // an unrelated STRING column is not an error column; an earlier Resampler's may be shared
    assertRejected(x -> new Resampler().setInputCol("t").setSize(2, 2).setOnError("quarantine").setErrorCol("note")
        .transformSchema(x), s, "Resampler(t): errorCol 'note' exists as column 'note' of type string that no Resampler made");
    StructType after = new Resampler().setInputCol("t").setOutputCol("a").setSize(2, 2).setOnError("quarantine")
        .setErrorCol("err").transformSchema(s);
    new Resampler().setInputCol("t").setOutputCol("b").setSize(3, 3).setOnError("quarantine").setErrorCol("err")
        .transformSchema(after);
    // column names collide as Spark resolves them (case-insensitively by default)
    assertRejected(x -> new Resampler().setInputCol("t").setOutputCol("ID").setSize(2, 2).transformSchema(x), s,
        "outputCol 'ID' already exists (as column 'id')");
    // a row limit above what one Spark row holds of the column's dtype
    assertRejected(x -> new Resampler().setInputCol("t").setSize(2, 2).setMaxOutputElements(600_000_000L)
        .transformSchema(x), s, "maxOutputElements 600000000 is more than one Spark row holds for float32 results;"
        + " give at most 520602074");
    ResampleSqlException e = assertThrows(ResampleSqlException.class, () -> new Resampler().setTensorShape(65536, 65536, 65536));
    assertEquals("Resampler: tensorShape [65536, 65536, 65536] has more than 2147483639 elements, more than one Spark"
        + " array holds", e.getMessage());
    e = assertThrows(ResampleSqlException.class, () -> new Resampler().setTensorShape(3, -1, 4));
    assertTrue(e.getMessage().contains("negative dimension"), e.getMessage());
    e = assertThrows(ResampleSqlException.class, () -> new Resampler().setTensorShape(12));
    assertTrue(e.getMessage().contains("2 to 5 dimensions"), e.getMessage());
  }

  @Test
  void aKeyThatIsNoScalar_isNamedShortly_inRowErrors() {
    StructType schema = new StructType().add("k", DataTypes.BinaryType).add("t", TensorTypes.FLOAT32)
        .add("kt", TensorTypes.FLOAT32);
    Row bad = TestRows.canonical(Tensor.ofFloat(new float[4], 1, 1, 2, 2));
    Row malformed = RowFactory.create(List.of(1f, 2f, 3f), new int[] {1, 1, 2, 2});
    Dataset<Row> in = spark.createDataFrame(List.of(RowFactory.create(new byte[] {1, 2, (byte) 0xff}, malformed, bad)), schema);
    Exception e = assertThrows(Exception.class,
        () -> new Resampler().setInputCol("t").setSize(3, 3).setMode("bilinear").setKeyCol("k").transform(in).collect());
    assertTrue(ResampleSqlException.find(e).getMessage().startsWith("Resampler(t) row k=0x0102ff: data length 3"),
        ResampleSqlException.find(e).getMessage());
    e = assertThrows(Exception.class,
        () -> new Resampler().setInputCol("t").setSize(3, 3).setMode("bilinear").setKeyCol("kt").transform(in).collect());
    assertTrue(ResampleSqlException.find(e).getMessage().startsWith("Resampler(t) row kt=<a struct value>: data length 3"),
        ResampleSqlException.find(e).getMessage());
  }

  @Test
  void resultMetadata_recordsTheCall_andSurvivesParquet() {
    String path = dir.resolve("with-metadata").toString();
    new Resampler().setInputCol("t").setOutputCol("small").setSize(3, 3).setMode("bicubic").setAlignCorners(true)
        .transform(mixedRows(6, 1))
        .write()
        .parquet(path);
    Metadata m = spark.read().parquet(path).schema().apply("small").metadata().getMetadata(Resampler.METADATA_KEY);
    assertEquals("bicubic", m.getString("mode"));
    assertArrayEquals(new long[] {3, 3}, m.getLongArray("size"));
    assertTrue(m.getBoolean("align_corners"));
    assertFalse(m.getBoolean("antialias"));
    assertEquals("t", m.getString("source_column"));
    assertEquals(Resampler.VERSION, m.getString("library_version"));
    assertFalse(Resampler.VERSION.contains("$"), "version filtered by the build: " + Resampler.VERSION);
  }

  @Test
  void savedAndLoaded_withMlPersistence_givesTheSameResult() throws Exception {
    Resampler r = new Resampler().setInputCol("t").setOutputCol("y").setScaleFactor(0.5, 1.5).setMode("bilinear")
        .setAntialias(true).setOnError("null").setBatchRows(3).setBackend("cpu");
    String path = dir.resolve("resampler").toString();
    r.write().overwrite().save(path);
    Resampler loaded = Resampler.load(path);
    assertEquals(r.uid(), loaded.uid());
    for (org.apache.spark.ml.param.Param<?> param : r.params()) {
      @SuppressWarnings("unchecked")
      org.apache.spark.ml.param.Param<Object> p = (org.apache.spark.ml.param.Param<Object>) param;
      assertEquals(r.isSet(p), loaded.isSet(loaded.getParam(p.name())), p.name());
      if (r.isDefined(p)) {
        assertEquals(p.jsonEncode(r.getOrDefault(p)), p.jsonEncode(loaded.getOrDefault(loaded.getParam(p.name()))), p.name());
      }
    }
    assertFalse(loaded.isSet(loaded.size()));
    Dataset<Row> in = mixedRows(12, 2).cache();
    assertEquals(r.transform(in).collectAsList(), loaded.transform(in).collectAsList());
  }

  @Test
  void inAPipeline_withAnotherStage_savesAndLoads() throws Exception {
    SQLTransformer tag = new SQLTransformer().setStatement("SELECT *, id * 2 AS twice FROM __THIS__");
    Resampler image = new Resampler().setInputCol("t").setSize(5, 5).setMode("area");
    Resampler mask = new Resampler().setInputCol("t").setOutputCol("t_nearest").setSize(5, 5).setMode("nearest");
    Pipeline p = new Pipeline().setStages(new PipelineStage[] {tag, mask, image});
    Dataset<Row> in = mixedRows(9, 2).cache();
    PipelineModel model = p.fit(in);
    String path = dir.resolve("pipeline").toString();
    model.write().overwrite().save(path);
    List<Row> a = model.transform(in).collectAsList();
    List<Row> b = PipelineModel.load(path).transform(in).collectAsList();
    assertEquals(a, b);
    assertEquals(List.of("id", "label", "t", "meta", "twice", "t_nearest"), Arrays.asList(model.transform(in).columns()));
    for (Row row : a) {
      if (!row.isNullAt(2)) {
        int[] shape = TestRows.tensor(row.getStruct(2), DType.FLOAT32).shape();
        assertArrayEquals(new int[] {5, 5}, Arrays.copyOfRange(shape, 1, 3), "area result in place");
        assertArrayEquals(shape, TestRows.tensor(row.getStruct(5), DType.FLOAT32).shape());
      }
    }
  }

  @Test
  void backendGpu_withoutAGpu_failsWithTheReason_andAutoRunsOnTheCpu() {
    Dataset<Row> in = mixedRows(4, 1);
    Exception e =
        assertThrows(
            Exception.class,
            () -> new Resampler().setInputCol("t").setSize(2, 2).setBackend("gpu").transform(in).collectAsList());
    ResampleSqlException cause = ResampleSqlException.find(e);
    assertNotNull(cause, e.toString());
    assertTrue(cause.getMessage().startsWith("Resampler(t): backend = gpu but "), cause.getMessage());
    List<Row> auto = new Resampler().setInputCol("t").setSize(2, 2).setBackend("auto").transform(in).collectAsList();
    List<Row> cpu = new Resampler().setInputCol("t").setSize(2, 2).setBackend("cpu").transform(in).collectAsList();
    assertEquals(cpu, auto);
  }
}
