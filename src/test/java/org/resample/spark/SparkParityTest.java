package org.resample.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resample.core.DType;
import org.resample.core.Mode;
import org.resample.core.Tensor;
import org.resample.spark.ParityFixtures.Case;
import org.resample.spark.sql.ResampleFunctions;

/**
 * PyTorch parity through Spark: the fixtures' tensors (torch inputs and outputs, as .npy cells) are
 * written to a Parquet dataset on disk, read back, resampled through SQL (catalog functions and
 * registered UDFs) and the Column API, and compared with torch's outputs. Every mode appears.
 */
class SparkParityTest {
  @TempDir static Path dir;

  static SparkSession spark;
  static List<Case> cases;
  static Map<String, Case> byId;

  @BeforeAll
  static void writeParquet() {
    spark = SparkTesting.spark();
    cases = ParityFixtures.writeTables(spark, dir);
    byId = new HashMap<>();
    for (Case c : cases) {
      byId.put(c.id, c);
    }
  }

  private static Set<String> checkNpyResults(List<Row> rows, String path) {
    Set<String> seen = new TreeSet<>();
    for (Row r : rows) {
      Case c = byId.get(r.getString(0));
      ParityFixtures.assertMatchesTorch(c, ParityFixtures.npy((byte[]) r.get(1), c.dtype()), path);
      seen.add(c.id);
    }
    return seen;
  }

  private static void assertAllModes(Set<String> ids) {
    Set<String> modes = ids.stream().map(i -> byId.get(i).mode).collect(Collectors.toSet());
    for (Mode m : Mode.values()) {
      if (m == Mode.LANCZOS) {
        continue; // not in PyTorch 1.13, whose fixtures these are: LanczosSparkTest checks it
      }
      assertTrue(modes.contains(m.torchName()), "mode " + m + " missing from " + modes);
    }
    assertEquals(cases.size(), ids.size(), "every fixture case checked");
  }

  @Test
  void sqlCatalog_npyParquet_everyCaseMatchesTorch() {
    Set<String> seen = new TreeSet<>();
    for (String[] d : ParityFixtures.DTYPES) {
      String from = "resample." + d[1] + "(input_npy)";
      List<Row> rows =
          spark
              .sql(ParityFixtures.npyResampleQuery(from, "parity_npy", d[0]))
              .collectAsList();
      seen.addAll(checkNpyResults(rows, "SQL catalog"));
    }
    assertAllModes(seen);
  }

  @Test
  void sqlCatalog_canonicalStructParquet_everyCaseMatchesTorch() {
    Set<String> seen = new TreeSet<>();
    for (String[] d : ParityFixtures.DTYPES) {
      List<Row> rows =
          spark
              .sql(
                  "SELECT id, CASE WHEN size IS NOT NULL"
                      + " THEN resample.interpolate(t, size, mode, options)"
                      + " ELSE resample.interpolate_scale(t, scale, mode, options) END"
                      + " FROM parity_" + d[0])
              .collectAsList();
      for (Row r : rows) {
        Case c = byId.get(r.getString(0));
        ParityFixtures.assertMatchesTorch(c, TestRows.tensor(r.getStruct(1), c.dtype()), "SQL struct");
        seen.add(c.id);
      }
    }
    assertAllModes(seen);
  }

  @Test
  void registeredUdfs_npyParquet_everyCaseMatchesTorch() {
    Set<String> seen = new TreeSet<>();
    for (String[] d : ParityFixtures.DTYPES) {
      String from = d[1] + "(input_npy)";
      List<Row> rows =
          spark
              .sql(
                  "SELECT id, to_npy(CASE WHEN size IS NOT NULL"
                      + " THEN interpolate" + d[2] + "(" + from + ", size, mode, options)"
                      + " ELSE interpolate_scale" + d[2] + "(" + from + ", scale, mode, options) END)"
                      + " FROM parity_npy WHERE dtype = '" + d[0] + "'")
              .collectAsList();
      seen.addAll(checkNpyResults(rows, "UDF"));
    }
    assertAllModes(seen);
  }

  @Test
  void columnApi_everyCaseMatchesTorch() {
    Dataset<Row> npy = spark.table("parity_npy");
    Set<String> seen = new TreeSet<>();
    for (Case c : cases) {
      Column in =
          c.dtype() == DType.FLOAT32
              ? ResampleFunctions.fromNpy(col("input_npy"))
              : c.dtype() == DType.FLOAT64
                  ? ResampleFunctions.fromNpyDouble(col("input_npy"))
                  : ResampleFunctions.fromNpyUint8(col("input_npy"));
      Column out =
          c.size != null
              ? ResampleFunctions.interpolate(in, c.size, c.mode, c.sqlOptions())
              : ResampleFunctions.interpolateScale(in, c.scale, c.mode, c.sqlOptions());
      List<Row> rows = npy.filter(col("id").equalTo(c.id)).select(out.as("y")).collectAsList();
      assertEquals(1, rows.size());
      Tensor y = TestRows.tensor(rows.get(0).getStruct(0), c.dtype());
      ParityFixtures.assertMatchesTorch(c, y, "Column API");
      seen.add(c.id);
    }
    assertAllModes(seen);
  }
}
