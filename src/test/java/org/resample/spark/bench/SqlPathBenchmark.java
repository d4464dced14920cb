package org.resample.spark.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.resample.core.Interpolate;
import org.resample.core.InterpolateOptions;
import org.resample.core.Mode;
import org.resample.core.Tensor;
import org.resample.spark.ResampleCatalog;
import org.resample.spark.TensorTypes;

/**
 * Throughput of {@code resample.interpolate} through Spark SQL versus calling the core directly, for
 * 3x224x224 float32 rows resized to 112x112 bilinear, one thread on each side (local[1]).
 *
 * <p>Not a unit test (surefire ignores *Benchmark). Run: {@code bench/spark SqlPathBenchmark [rows]
 * [rounds] [warmup]}.
 */
public final class SqlPathBenchmark {
  private SqlPathBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 256;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    int c = 3;
    int h = 224;
    int w = 224;
    Random rnd = new Random(42);
    float[][] inputs = new float[rows][];
    for (int r = 0; r < rows; r++) {
      float[] d = new float[c * h * w];
      for (int i = 0; i < d.length; i++) {
        d[i] = rnd.nextFloat();
      }
      inputs[r] = d;
    }
    InterpolateOptions opts = InterpolateOptions.builder().size(112, 112).mode(Mode.BILINEAR).build();

    // Core directly: the same per-row work the SQL function does (one (1, C, H, W) tensor a row);
    // the static invoke Spark's generated code calls, on prebuilt internal rows (core + glue).
    org.apache.spark.sql.catalyst.InternalRow[] structs = new org.apache.spark.sql.catalyst.InternalRow[rows];
    for (int r = 0; r < rows; r++) {
      structs[r] =
          new org.apache.spark.sql.catalyst.expressions.GenericInternalRow(
              new Object[] {
                org.apache.spark.sql.catalyst.expressions.UnsafeArrayData.fromPrimitiveArray(inputs[r]),
                org.apache.spark.sql.catalyst.expressions.UnsafeArrayData.fromPrimitiveArray(new int[] {1, c, h, w})
              });
    }
    org.apache.spark.sql.catalyst.util.ArrayData size =
        org.apache.spark.sql.catalyst.expressions.UnsafeArrayData.fromPrimitiveArray(new int[] {112, 112});
    org.apache.spark.unsafe.types.UTF8String bilinear =
        org.apache.spark.unsafe.types.UTF8String.fromString("bilinear");
    double[] core = new double[rounds];
    double[] glue = new double[rounds];
    long[] sink = {0};

    SparkSession spark =
        SparkSession.builder()
            .master("local[1]")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.catalog.resample", ResampleCatalog.class.getName())
            .config("spark.driver.memory", "6g")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    List<Row> data = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      data.add(RowFactory.create(RowFactory.create(inputs[r], new int[] {1, c, h, w})));
    }
    StructType schema = new StructType().add("t", TensorTypes.FLOAT32);
    Dataset<Row> df = spark.createDataFrame(data, schema).repartition(1).cache();
    df.count();
    df.createOrReplaceTempView("bench_cached");
    Path dir = Files.createTempDirectory("bench");
    String parquet = dir.resolve("t.parquet").toString();
    df.write().parquet(parquet);
    spark.read().parquet(parquet).createOrReplaceTempView("bench_parquet");
    String npyPath = dir.resolve("npy.parquet").toString();
    spark.sql("SELECT resample.to_npy(t) AS npy FROM bench_cached").write().parquet(npyPath);
    spark.read().parquet(npyPath).createOrReplaceTempView("bench_npy");
    String q = "SELECT resample.interpolate(t, array(112, 112), 'bilinear') AS y FROM ";
    double[] sqlCached = new double[rounds];
    double[] sqlParquet = new double[rounds];
    double[] scanCached = new double[rounds];
    double[] sqlNpy = new double[rounds];
    // Rounds interleave every path, so machine noise hits them alike.
    for (int k = -warmup; k < rounds; k++) {
      long t0 = System.nanoTime();
      for (int r = 0; r < rows; r++) {
        Tensor y = Interpolate.interpolate(Tensor.ofFloat(inputs[r], 1, c, h, w), opts);
        sink[0] += y.floatData().length;
      }
      double cr = rows / ((System.nanoTime() - t0) / 1e9);
      t0 = System.nanoTime();
      for (int r = 0; r < rows; r++) {
        sink[0] += org.resample.spark.InterpolateFunction.SizeF32.invoke(structs[r], size, bilinear).numFields();
      }
      double gr = rows / ((System.nanoTime() - t0) / 1e9);
      if (k >= 0) {
        core[k] = cr;
        glue[k] = gr;
      }
      double a = timeRows(spark, q + "bench_cached", rows);
      double b = timeRows(spark, q + "bench_parquet", rows);
      double d = timeRows(spark, "SELECT t FROM bench_cached", rows);
      double e =
          timeRows(
              spark,
              "SELECT resample.interpolate(resample.from_npy(npy), array(112, 112), 'bilinear') AS y"
                  + " FROM bench_npy",
              rows);
      if (k >= 0) {
        sqlNpy[k] = e;
        sqlCached[k] = a;
        sqlParquet[k] = b;
        scanCached[k] = d;
      }
    }
    double coreMed = median(core);
    double cachedMed = median(sqlCached);
    double parquetMed = median(sqlParquet);
    System.out.printf(
        "3x224x224 -> 112x112 bilinear float32, %d rows a round, %d timed rounds after %d warm-up rounds (medians)%n",
        rows, rounds, warmup);
    System.out.printf("core direct        : %8.1f rows/s  %s%n", coreMed, fmt(core));
    System.out.printf("static invoke only : %8.1f rows/s  %s  ratio %.2f%n", median(glue), fmt(glue), median(glue) / coreMed);
    System.out.printf("SQL, cached input  : %8.1f rows/s  %s  ratio %.2f%n", cachedMed, fmt(sqlCached), cachedMed / coreMed);
    System.out.printf("SQL, Parquet input : %8.1f rows/s  %s  ratio %.2f%n", parquetMed, fmt(sqlParquet), parquetMed / coreMed);
    System.out.printf("SQL, Parquet .npy  : %8.1f rows/s  %s  ratio %.2f%n", median(sqlNpy), fmt(sqlNpy), median(sqlNpy) / coreMed);
    System.out.printf("scan only (cached) : %8.1f rows/s  %s%n", median(scanCached), fmt(scanCached));
    System.out.println("(sink " + sink[0] + ")");
    spark.stop();
  }

  private static double timeRows(SparkSession spark, String sql, int rows) {
    long t0 = System.nanoTime();
    spark.sql(sql).write().format("noop").mode("overwrite").save();
    return rows / ((System.nanoTime() - t0) / 1e9);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static String fmt(double[] v) {
    StringBuilder sb = new StringBuilder("[");
    for (double x : v) {
      sb.append(String.format("%.0f ", x));
    }
    return sb.append(']').toString();
  }
}
