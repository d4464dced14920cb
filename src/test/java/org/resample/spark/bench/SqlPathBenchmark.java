package org.resample.spark.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.resample.core.Interpolate;
import org.resample.core.InterpolateOptions;
import org.resample.core.Mode;
import org.resample.core.Tensor;
import org.resample.spark.sql.InterpolateFunction;

/**
 * Throughput of {@code resample.interpolate} through Spark SQL versus calling the core directly
 * ({@code Interpolate.interpolate}, a new output per row, and {@code interpolateInto} one reused
 * array), for 3x224x224 float32 rows resized to 112x112 bilinear, one thread on each side
 * (local[1]). A round
 * holds enough rows (default 2048) that Spark's fixed cost of one query is small next to the work;
 * that cost is printed too.
 *
 * <p>Not a unit test (surefire ignores *Benchmark). Run: {@code bench/spark SqlPathBenchmark [rows]
 * [rounds] [warmup]}.
 */
public final class SqlPathBenchmark {
  private SqlPathBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int c = 3;
    int h = 224;
    int w = 224;
    InterpolateOptions opts = InterpolateOptions.builder().size(112, 112).mode(Mode.BILINEAR).build();
    SparkSession spark = BenchRows.localSession();
    BenchRows data = BenchRows.cachedFloat32(spark, rows, 64, 42, 1, c, h, w);
    Dataset<Row> df = data.cached.select("t");
    df.createOrReplaceTempView("bench_cached");

    // Core directly: the same per-row work the SQL function does (one (1, C, H, W) tensor a row);
    // the static invoke Spark's generated code calls, on prebuilt internal rows (core + glue).
    InternalRow[] structs = new InternalRow[data.inputs.length];
    for (int r = 0; r < structs.length; r++) {
      structs[r] =
          new GenericInternalRow(
              new Object[] {
                UnsafeArrayData.fromPrimitiveArray(data.inputs[r]), UnsafeArrayData.fromPrimitiveArray(data.shape)
              });
    }
    ArrayData size = UnsafeArrayData.fromPrimitiveArray(new int[] {112, 112});
    UTF8String bilinear = UTF8String.fromString("bilinear");
    float[] reused = new float[c * 112 * 112];
    long[] sink = {0};
    Path dir = Files.createTempDirectory("bench");
    String parquet = dir.resolve("t.parquet").toString();
    df.write().parquet(parquet);
    spark.read().parquet(parquet).createOrReplaceTempView("bench_parquet");
    String npyPath = dir.resolve("npy.parquet").toString();
    spark.sql("SELECT resample.to_npy(t) AS npy FROM bench_cached").write().parquet(npyPath);
    spark.read().parquet(npyPath).createOrReplaceTempView("bench_npy");
    String q = "SELECT resample.interpolate(t, array(112, 112), 'bilinear') AS y FROM ";
    double[][] rates =
        BenchRows.timeRotated(
            rows,
            rounds,
            warmup,
            () -> {
              for (int r = 0; r < rows; r++) {
                Tensor y = Interpolate.interpolate(Tensor.ofFloat(data.input(r), 1, c, h, w), opts);
                sink[0] += y.floatData().length;
              }
            },
            () -> {
              for (int r = 0; r < rows; r++) {
                Interpolate.interpolateInto(Tensor.ofFloat(data.input(r), 1, c, h, w), opts, reused, 0);
              }
            },
            () -> {
              for (int r = 0; r < rows; r++) {
                sink[0] += InterpolateFunction.SizeF32.invoke(structs[r % structs.length], size, bilinear).numFields();
              }
            },
            () -> noop(spark, q + "bench_cached"),
            () -> noop(spark, q + "bench_parquet"),
            () -> noop(spark, "SELECT t FROM bench_cached"),
            () ->
                noop(
                    spark,
                    "SELECT resample.interpolate(resample.from_npy(npy), array(112, 112), 'bilinear') AS y"
                        + " FROM bench_npy"));
    double[] core = rates[0];
    double[] coreInto = rates[1];
    double[] glue = rates[2];
    double[] sqlCached = rates[3];
    double[] sqlParquet = rates[4];
    double[] scanCached = rates[5];
    double[] sqlNpy = rates[6];
    double coreMed = BenchRows.median(core);
    double cachedMed = BenchRows.median(sqlCached);
    double parquetMed = BenchRows.median(sqlParquet);
    System.out.printf(
        "3x224x224 -> 112x112 bilinear float32, %d rows a round, %d timed rounds after %d warm-up rounds (medians)%n",
        rows, rounds, warmup);
    double intoMed = BenchRows.median(coreInto);
    System.out.printf("core direct        : %8.1f rows/s  %s%n", coreMed, fmt(core));
    System.out.printf(
        "core, reused output: %8.1f rows/s  %s  (interpolateInto one array; SQL, cached = %.2f of it)%n",
        intoMed, fmt(coreInto), cachedMed / intoMed);
    System.out.printf("static invoke only : %8.1f rows/s  %s  ratio %.2f%n", BenchRows.median(glue), fmt(glue), BenchRows.median(glue) / coreMed);
    System.out.printf("SQL, cached input  : %8.1f rows/s  %s  ratio %.2f%n", cachedMed, fmt(sqlCached), cachedMed / coreMed);
    System.out.printf("SQL, Parquet input : %8.1f rows/s  %s  ratio %.2f%n", parquetMed, fmt(sqlParquet), parquetMed / coreMed);
    System.out.printf("SQL, Parquet .npy  : %8.1f rows/s  %s  ratio %.2f%n", BenchRows.median(sqlNpy), fmt(sqlNpy), BenchRows.median(sqlNpy) / coreMed);
    System.out.printf("scan only (cached) : %8.1f rows/s  %s%n", BenchRows.median(scanCached), fmt(scanCached));
    double overhead = data.queryOverheadSeconds(rounds);
    System.out.printf(
        "fixed cost of one query (id column only): %.0f ms, %.1f%% of a core round of %d rows%n",
        overhead * 1e3, 100 * overhead * coreMed / rows, rows);
    System.out.println("(sink " + sink[0] + ")");
    spark.stop();
    try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  private static void noop(SparkSession spark, String sql) {
    spark.sql(sql).write().format("noop").mode("overwrite").save();
  }

  private static String fmt(double[] v) {
    StringBuilder sb = new StringBuilder("[");
    for (double x : v) {
      sb.append(String.format("%.0f ", x));
    }
    return sb.append(']').toString();
  }
}
