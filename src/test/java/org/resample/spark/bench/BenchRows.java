package org.resample.spark.bench;

import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.types.StructType;
import org.resample.spark.sql.ResampleCatalog;
import org.resample.spark.codec.TensorTypes;

/**
 * The input of the Spark-side benchmarks: a cached, single-partition DataFrame {@code (id BIGINT, t
 * float32 tensor)} of {@code rows} rows whose tensors cycle through {@code distinct} random ones, and
 * those same tensors as Java arrays for calling the core directly. Rows are built as internal rows on
 * the executor, so a dataset of gigabytes needs no boxed copy on the driver.
 *
 * <p>A round of a benchmark must hold enough rows that Spark's fixed cost of one query (planning,
 * scheduling, tens of milliseconds on local[1]) is small next to the rows' work;
 * {@link #queryOverheadSeconds} measures that cost on the same cached data.
 */
final class BenchRows {
  final Dataset<Row> cached;
  final float[][] inputs;
  final int[] shape;

  private BenchRows(Dataset<Row> cached, float[][] inputs, int[] shape) {
    this.cached = cached;
    this.inputs = inputs;
    this.shape = shape;
  }

  /** The input of row {@code r}, as the core takes it. */
  float[] input(int r) {
    return inputs[r % inputs.length];
  }

  /** One-thread local Spark with the resample catalog, as every Spark benchmark runs. */
  static SparkSession localSession() {
    SparkSession spark =
        SparkSession.builder()
            .master("local[1]")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.catalog.resample", ResampleCatalog.class.getName())
            // A cached batch holds each column in one byte array, at most 2 GiB: the default batch
            // (10,000 rows) would put a whole round of 12 MB tensors in one, too large past about
            // 160 rows; batches of 32 rows hold 400 MB.
            .config("spark.sql.inMemoryColumnarStorage.batchSize", "32")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  static BenchRows cachedFloat32(SparkSession spark, int rows, int distinct, long seed, int... shape) {
    int numel = 1;
    for (int d : shape) {
      numel *= d;
    }
    float[][] inputs = new float[distinct][];
    for (int i = 0; i < distinct; i++) {
      inputs[i] = random(seed + i, numel);
    }
    int n = numel;
    JavaRDD<InternalRow> rdd =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(LongStream.range(0, rows).boxed().collect(Collectors.toList()), 1)
            .map(
                id ->
                    (InternalRow)
                        new GenericInternalRow(
                            new Object[] {
                              id,
                              new GenericInternalRow(
                                  new Object[] {
                                    UnsafeArrayData.fromPrimitiveArray(random(seed + id % distinct, n)),
                                    UnsafeArrayData.fromPrimitiveArray(shape)
                                  })
                            }));
    StructType schema = new StructType().add("id", "long", false).add("t", TensorTypes.FLOAT32);
    Dataset<Row> df =
        ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(rdd.rdd(), schema, false).cache();
    long count = df.count();
    if (count != rows) {
      throw new IllegalStateException("cached " + count + " rows, expected " + rows);
    }
    return new BenchRows(df, inputs, shape);
  }

  /**
   * Median seconds of a query that reads only the id column of the cached rows and writes them to
   * the no-op sink: the fixed cost every timed query pays whatever it computes.
   */
  double queryOverheadSeconds(int times) {
    double[] s = new double[times];
    for (int i = 0; i < times; i++) {
      long t0 = System.nanoTime();
      cached.select("id").write().format("noop").mode("overwrite").save();
      s[i] = (System.nanoTime() - t0) / 1e9;
    }
    return median(s);
  }

  void release() {
    cached.unpersist(true);
  }

  /**
   * Rows per second of each path over {@code rounds} timed rounds, after {@code warmup}, as {@code
   * rates[path][round]}; each path handles {@code rows} rows a run. Rounds interleave the paths, so
   * machine noise hits them alike, and each round starts with the next path, so that none always
   * runs after the same one (a Spark query leaves garbage and cold caches behind for whatever comes
   * next).
   */
  static double[][] timeRotated(int rows, int rounds, int warmup, Runnable... paths) {
    double[][] rates = new double[paths.length][rounds];
    for (int k = -warmup; k < rounds; k++) {
      for (int j = 0; j < paths.length; j++) {
        int p = Math.floorMod(k + j, paths.length);
        long t0 = System.nanoTime();
        paths[p].run();
        double rate = rows / ((System.nanoTime() - t0) / 1e9);
        if (k >= 0) {
          rates[p][k] = rate;
        }
      }
    }
    return rates;
  }

  /** The median of a benchmark's rounds (the upper middle one for an even count). */
  static double median(double[] v) {
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    return s[s.length / 2];
  }

  private static float[] random(long seed, int n) {
    Random rnd = new Random(seed);
    float[] d = new float[n];
    for (int i = 0; i < n; i++) {
      d[i] = rnd.nextFloat();
    }
    return d;
  }
}
