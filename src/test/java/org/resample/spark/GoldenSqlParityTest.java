package org.resample.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resample.core.Mode;
import org.resample.spark.shim.ScalaShim;
import org.resample.core.Tensor;
import org.resample.testing.Golden;
import org.resample.testing.Golden.GoldenCase;
import org.resample.spark.codec.Npy;

/**
 * The core's PyTorch 1.13 golden cases (src/test/resources/golden/torch-1.13) through Spark SQL: the
 * cases' .npy cells go into a Parquet dataset on disk with their arguments as columns, one SQL query
 * per dtype resamples them all with {@code resample.interpolate}/{@code interpolate_scale}, and every
 * result is compared with torch's under the conformance suite's tolerances. Cases with inputs larger
 * than {@value #MAX_INPUT_ELEMENTS} elements are left to the core's own conformance test.
 */
class GoldenSqlParityTest {
  static final int MAX_INPUT_ELEMENTS = 4096;

  @TempDir static Path dir;

  @Test
  void sqlCatalog_goldenCases_matchTorch113() {
    SparkSession spark = SparkTesting.spark();
    Golden.FixtureSet set = Golden.loadResource("torch-1.13");
    Map<String, GoldenCase> byId = new HashMap<>();
    List<Row> rows = new ArrayList<>();
    for (GoldenCase c : set.cases()) {
      long n = 1;
      for (int d : c.inputShape()) {
        n *= d;
      }
      if (n > MAX_INPUT_ELEMENTS) {
        continue;
      }
      Map<String, String> o = new LinkedHashMap<>();
      if (c.alignCorners() != null) {
        o.put("align_corners", c.alignCorners().toString());
      }
      if (c.recomputeScaleFactor() != null) {
        o.put("recompute_scale_factor", c.recomputeScaleFactor().toString());
      }
      o.put("antialias", Boolean.toString(c.antialias()));
      o.put("torch_version", "1.13");
      byId.put(c.id(), c);
      rows.add(
          RowFactory.create(
              c.id(),
              c.dtype(),
              set.npy(c.mode(), c.id() + ".in"),
              c.size(),
              c.scaleFactor(),
              c.mode(),
              ScalaShim.asScala(o)));
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
    String p = dir.resolve("golden").toString();
    spark.createDataFrame(rows, schema).write().parquet(p);
    spark.read().parquet(p).createOrReplaceTempView("golden");
    Set<String> modes = new TreeSet<>();
    int checked = 0;
    List<String> failures = new ArrayList<>();
    for (String[] d : ParityFixtures.DTYPES) {
      String t = "resample." + d[1] + "(npy)";
      List<Row> out =
          spark
              .sql(ParityFixtures.npyResampleQuery(t, "golden", d[0]))
              .collectAsList();
      for (Row r : out) {
        GoldenCase c = byId.get(r.getString(0));
        Tensor ours = Npy.read((byte[]) r.get(1), c.dType(), "result");
        Golden.Comparison cmp = Golden.compare(c, ours);
        if (!cmp.passed()) {
          failures.add(c.describe() + ": " + cmp.describe());
        }
        modes.add(c.mode());
        checked++;
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " cases differ, e.g. " + failures.subList(0, Math.min(5, failures.size())));
    assertEquals(byId.size(), checked);
    for (Mode m : Mode.values()) {
      if (m == Mode.LANCZOS) {
        continue; // not in PyTorch 1.13, whose fixtures these are: LanczosSparkTest checks it
      }
      assertTrue(modes.contains(m.torchName()), "mode " + m + " missing");
    }
    System.out.println("GoldenSqlParityTest: " + checked + " golden cases through SQL, modes " + modes);
  }
}
