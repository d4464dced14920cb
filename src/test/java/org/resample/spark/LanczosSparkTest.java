package org.resample.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resample.core.Tensor;
import org.resample.spark.codec.Npy;
import org.resample.spark.codec.TensorTypes;
import org.resample.spark.operator.Resampler;
import org.resample.testing.Golden;
import org.resample.testing.Golden.GoldenCase;

/**
 * {@code mode='lanczos'} through the Spark layer: every PyTorch 2.x lanczos golden case
 * (golden/torch-2.x/lanczos) through the SQL catalog functions from Parquet, a case of each dtype
 * through the {@link Resampler}, and lanczos' argument rules checked before any row is read.
 */
class LanczosSparkTest {
  @TempDir static Path dir;

  static SparkSession spark;
  static Map<String, GoldenCase> byId = new HashMap<>();

  @BeforeAll
  static void writeParquet() {
    spark = SparkTesting.spark();
    Golden.FixtureSet set = Golden.loadResource("torch-2.x/lanczos");
    List<Row> rows = new ArrayList<>();
    for (GoldenCase c : set.cases()) {
      Map<String, String> o = new LinkedHashMap<>();
      if (c.alignCorners() != null) {
        o.put("align_corners", c.alignCorners().toString());
      }
      if (c.recomputeScaleFactor() != null) {
        o.put("recompute_scale_factor", c.recomputeScaleFactor().toString());
      }
      o.put("antialias", Boolean.toString(c.antialias()));
      byId.put(c.id(), c);
      rows.add(RowFactory.create(c.id(), c.dtype(), set.npy(c.mode(), c.id() + ".in"), c.size(),
          c.scaleFactor(), c.mode(), scala.jdk.javaapi.CollectionConverters.asScala(o)));
    }
    StructType schema =
        new StructType()
            .add("id", DataTypes.StringType)
            .add("dtype", DataTypes.StringType)
            .add("npy", DataTypes.BinaryType)
            .add("size", DataTypes.createArrayType(DataTypes.IntegerType))
            .add("scale", DataTypes.createArrayType(DataTypes.DoubleType))
            .add("mode", DataTypes.StringType)
            .add("options", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
    String p = dir.resolve("lanczos").toString();
    spark.createDataFrame(rows, schema).write().parquet(p);
    spark.read().parquet(p).createOrReplaceTempView("lanczos_golden");
  }

  @Test
  void sqlCatalog_everyLanczosCase_matchesTorch2() {
    Map<String, Integer> checked = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (String[] d : ParityFixtures.DTYPES) {
      List<Row> out =
          spark.sql(ParityFixtures.npyResampleQuery("resample." + d[1] + "(npy)", "lanczos_golden",
              d[0])).collectAsList();
      for (Row r : out) {
        GoldenCase c = byId.get(r.getString(0));
        Golden.Comparison cmp = Golden.compare(c, Npy.read((byte[]) r.get(1), c.dType(), "result"));
        if (!cmp.passed()) {
          failures.add(c.describe() + ": " + cmp.describe());
        }
        checked.merge(c.dtype(), 1, Integer::sum);
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " cases differ, e.g. "
        + failures.subList(0, Math.min(5, failures.size())));
    assertEquals(byId.size(), checked.values().stream().mapToInt(Integer::intValue).sum());
    assertEquals(3, checked.size(), "dtypes " + checked);
    System.out.println("LanczosSparkTest: lanczos golden cases through SQL per dtype " + checked);
  }

  @Test
  void resampler_lanczosOnNpyColumn_matchesTorch2() {
    String[] ids = {"LZ001_u8", "LZ004_f32", "LZ008_f64", "LZ013_u8", "LZ034_f32", "LZ034_f64"};
    for (String id : ids) {
      GoldenCase c = byId.get(id);
      Resampler r = new Resampler().setInputCol("npy").setOutputCol("out").setMode("lanczos")
          .setAntialias(true);
      if (c.size() != null) {
        r.setSize(c.size());
      } else {
        r.setScaleFactor(c.scaleFactor());
      }
      if (c.recomputeScaleFactor() != null) {
        r.setRecomputeScaleFactor(c.recomputeScaleFactor());
      }
      Dataset<Row> in = spark.table("lanczos_golden").filter(col("id").equalTo(id));
      Row row = r.transform(in).select("out").first();
      Tensor ours = Npy.read((byte[]) row.get(0), c.dType(), "Resampler output");
      Golden.Comparison cmp = Golden.compare(c, ours);
      assertTrue(cmp.passed(), c + ": " + cmp.describe());
    }
  }

  @Test
  void lanczosRules_areCheckedBeforeAnyRow() {
    StructType s = new StructType().add("t", TensorTypes.FLOAT32);
    ResampleSqlException e = assertThrows(ResampleSqlException.class,
        () -> new Resampler().setInputCol("t").setSize(2, 2).setMode("lanczos").transformSchema(s));
    assertTrue(e.getMessage().contains("Lanczos mode requires antialias=True"), e.getMessage());
    e = assertThrows(ResampleSqlException.class,
        () -> new Resampler().setInputCol("t").setSize(2, 2).setMode("lanczos").setAntialias(true)
            .setAlignCorners(true).transformSchema(s));
    assertTrue(e.getMessage().contains("Lanczos mode does not support align_corners=True"),
        e.getMessage());
    e = assertThrows(ResampleSqlException.class,
        () -> new Resampler().setInputCol("t").setSize(2, 2, 2).setMode("lanczos")
            .setAntialias(true).transformSchema(s));
    assertTrue(e.getMessage().contains("requires a 4-D tensor"), e.getMessage());
    Exception sql = assertThrows(Exception.class, () -> spark.sql(
        "SELECT resample.interpolate(resample.from_npy(npy), array(3, 3), 'lanczos')"
            + " FROM lanczos_golden").collectAsList());
    assertTrue(String.valueOf(sql.getMessage()).contains("Lanczos mode requires antialias=True"),
        sql.getMessage());
  }
}
