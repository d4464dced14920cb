package org.resample.spark.bench;

import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.resample.core.Interpolate;
import org.resample.core.InterpolateOptions;
import org.resample.core.Mode;
import org.resample.core.Tensor;
import org.resample.spark.operator.Resampler;
import org.resample.spark.operator.CachedRows;

/**
 * Throughput of the batched {@link Resampler} on cached in-memory rows against calling the core
 * directly on the same tensors ({@code Interpolate.interpolate}, a new output per row, and {@code
 * interpolateInto} one reused array) and against the per-row SQL function, one thread on every side
 * (local[1]), for 3x512x512 -> 1024x1024 bilinear and 3x1024x1024 -> 224x224 bilinear antialias
 * float32 rows. Every path's output is consumed by Spark's {@code noop} sink (the core's by a sum of
 * lengths). A round holds enough rows (default 256, 3 GB of cached input) that Spark's fixed cost
 * of one query (25-45 ms) is small next to the work; that cost is printed too, and so is Spark's
 * own scan of the cached rows alone: the core's time plus that scan's is what an operator reading
 * the rows through Spark's scan would take if it added no cost of its own. The Resampler reads a
 * cached Dataset from the cache's buffers instead ({@code CachedRows}), without that scan's copy
 * of every row.
 *
 * <p>Not a unit test. Run: {@code bench/spark OperatorBenchmark [rows] [rounds] [warmup]}.
 */
public final class OperatorBenchmark {
  private OperatorBenchmark() {}

  public static void main(String[] args) {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 256;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    SparkSession spark = BenchRows.localSession();
    System.out.printf(
        "%d rows a round, %d timed rounds after %d warm-up rounds, local[1], float32; medians (rows/s)%n",
        rows, rounds, warmup);
    run(spark, "bilinear 3x512x512 -> 1024x1024", 512, new int[] {1024, 1024}, false, rows, rounds, warmup);
    run(spark, "bilinear antialias 3x1024x1024 -> 224x224", 1024, new int[] {224, 224}, true, rows, rounds, warmup);
    spark.stop();
  }

  private static void run(
      SparkSession spark, String name, int side, int[] size, boolean antialias, int rows, int rounds, int warmup) {
    BenchRows data = BenchRows.cachedFloat32(spark, rows, 16, 7, 3, side, side);
    Dataset<Row> df = data.cached;
    df.createOrReplaceTempView("bench_rows");
    InterpolateOptions opts =
        InterpolateOptions.builder().size(size).mode(Mode.BILINEAR).antialias(antialias).build();
    Resampler resampler =
        new Resampler().setInputCol("t").setSize(size).setMode("bilinear").setAntialias(antialias).setBackend("cpu");
    String sql =
        "SELECT id, resample.interpolate(t, array(" + size[0] + ", " + size[1] + "), 'bilinear', map('antialias', '"
            + antialias + "')) AS t FROM bench_rows";
    float[] reused = new float[3 * size[0] * size[1]];
    long[] sink = {0};
    // The paths, each timed over one round of rows: core, core into one array, Resampler, SQL, scan.
    Runnable[] paths = {
      () -> {
        for (int r = 0; r < rows; r++) {
          sink[0] += Interpolate.interpolate(Tensor.ofFloat(data.input(r), 1, 3, side, side), opts).floatData().length;
        }
      },
      () -> {
        for (int r = 0; r < rows; r++) {
          Interpolate.interpolateInto(Tensor.ofFloat(data.input(r), 1, 3, side, side), opts, reused, 0);
        }
      },
      () -> resampler.transform(df).write().format("noop").mode("overwrite").save(),
      () -> spark.sql(sql).write().format("noop").mode("overwrite").save(),
      () -> df.write().format("noop").mode("overwrite").save()
    };
    double[][] rates = BenchRows.timeRotated(rows, rounds, warmup, paths);
    double[] core = rates[0];
    double[] coreInto = rates[1];
    double[] operator = rates[2];
    double[] perRow = rates[3];
    double[] scan = rates[4];
    double overhead = data.queryOverheadSeconds(rounds);
    data.release();
    double cm = BenchRows.median(core);
    System.out.println(name);
    double im = BenchRows.median(coreInto);
    System.out.printf("  core direct         : %7.1f  %s%n", cm, Arrays.toString(round(core)));
    System.out.printf(
        "  core, reused output : %7.1f  %s  (interpolateInto one array; Resampler = %.2f of it)%n",
        im, Arrays.toString(round(coreInto)), BenchRows.median(operator) / im);
    System.out.printf(
        "  Resampler (batched) : %7.1f  %s  = %.2f of core%n", BenchRows.median(operator), Arrays.toString(round(operator)), BenchRows.median(operator) / cm);
    System.out.printf(
        "  SQL per-row function: %7.1f  %s  = %.2f of core%n", BenchRows.median(perRow), Arrays.toString(round(perRow)), BenchRows.median(perRow) / cm);
    double sm = BenchRows.median(scan);
    System.out.printf("  Spark's scan alone  : %7.1f  %s%n", sm, Arrays.toString(round(scan)));
    // The core's time plus Spark's time to scan the cached rows: what an operator reading them
    // through that scan would take if it added no cost of its own.
    double bound = 1 / (1 / cm + 1 / sm);
    System.out.printf(
        "  core + Spark's scan : %7.1f  = %.2f of core (an operator over Spark's scan adding nothing);"
            + " Resampler = %.2f of it%n",
        bound, bound / cm, BenchRows.median(operator) / bound);
    System.out.printf(
        "  fixed cost of one query (id column only): %.0f ms, %.1f%% of a core round of %d rows%n",
        overhead * 1e3, 100 * overhead * cm / rows, rows);
    System.out.println("  (sink " + sink[0] + ")");
  }

  private static long[] round(double[] v) {
    return Arrays.stream(v).mapToLong(Math::round).toArray();
  }
}
