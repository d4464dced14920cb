package org.resample.job.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.resample.job.DemoData;
import org.resample.job.ResampleJob;

/**
 * Throughput of the resample job against a passthrough job over the same data: the passthrough
 * reads the Parquet dataset and writes it again (same codec, same partitioning), the resample job
 * does the same with one tensor column resampled. Both run in one local Spark session, alternating,
 * and the medians are compared.
 *
 * <p>Not a unit test (surefire ignores *Benchmark). Run with {@code bench/job} (see there).
 */
public final class JobBenchmark {
  private JobBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = 512;
    int rounds = 5;
    int size = 512;
    String dtype = "uint8";
    String spec = "image:size=256x256,mode=bilinear,antialias=true";
    String threads = "*";
    Path dir = Path.of("target/bench/job");
    for (int i = 0; i < args.length; i += 2) {
      String v = i + 1 < args.length ? args[i + 1] : null;
      if (v == null) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      switch (args[i]) {
        case "--rows": rows = Integer.parseInt(v); break;
        case "--rounds": rounds = Integer.parseInt(v); break;
        case "--image-size": size = Integer.parseInt(v); break;
        case "--dtype": dtype = v; break;
        case "--column": spec = v; break;
        case "--threads": threads = v; break;
        case "--dir": dir = Path.of(v); break;
        default:
          throw new IllegalArgumentException("unknown option " + args[i]
              + "; options: --rows --rounds --image-size --dtype uint8|float32 --column SPEC --threads --dir");
      }
    }
    SparkSession spark = SparkSession.builder().master("local[" + threads + "]").appName("job benchmark")
        .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false").getOrCreate();
    int cores = spark.sparkContext().defaultParallelism();
    String input = dir.resolve(String.format(Locale.ROOT, "input-%d-%s-%d", rows, dtype, size)).toString();
    if (!Files.exists(Path.of(input, "_SUCCESS"))) {
      DemoData.Spec d = new DemoData.Spec();
      d.rows = rows;
      d.imageSize = size;
      d.imageFloat = dtype.equals("float32");
      d.volumeDepth = 0;
      DemoData.write(spark, d, input, 4 * cores, true);
    }
    String passthroughOut = dir.resolve("passthrough").toString();
    String resampleOut = dir.resolve("resampled").toString();
    String[] job = {"--input", input, "--output", resampleOut, "--column", spec, "--write-mode", "overwrite",
        "--progress-interval", "0"};

    System.out.printf(Locale.ROOT, "job benchmark: %d rows of 3x%dx%d %s, %s, local[%s] (%d cores), %d rounds%n",
        rows, size, size, dtype, spec, threads, cores, rounds);
    // warm-up: one of each
    passthrough(spark, input, passthroughOut);
    runJob(job);
    double[] pass = new double[rounds];
    double[] resample = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      if (r % 2 == 0) {
        pass[r] = passthrough(spark, input, passthroughOut);
        resample[r] = runJob(job);
      } else {
        resample[r] = runJob(job);
        pass[r] = passthrough(spark, input, passthroughOut);
      }
      System.out.printf(Locale.ROOT, "  round %d: passthrough %.2f s, resample %.2f s%n", r + 1, pass[r], resample[r]);
    }
    double p = median(pass);
    double q = median(resample);
    System.out.printf(Locale.ROOT, "%n| job | median s | rows/s |%n|---|---|---|%n");
    System.out.printf(Locale.ROOT, "| passthrough (read + write) | %.2f | %.1f |%n", p, rows / p);
    System.out.printf(Locale.ROOT, "| resample (%s) | %.2f | %.1f |%n", spec, q, rows / q);
    System.out.printf(Locale.ROOT, "%nresample / passthrough = %.2f (target <= 1.5)%n", q / p);
    spark.stop();
  }

  /** Seconds to read the dataset and write it again, as the job writes (partitioned, snappy). */
  static double passthrough(SparkSession spark, String input, String output) {
    long t0 = System.nanoTime();
    spark.read().parquet(input).write().mode(SaveMode.Overwrite).option("compression", "snappy")
        .partitionBy("split").parquet(output);
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Seconds of a whole job run (checks, resample and write, counts, summary). */
  static double runJob(String[] args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long t0 = System.nanoTime();
    int code = ResampleJob.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    double s = (System.nanoTime() - t0) / 1e9;
    if (code != 0) {
      throw new IllegalStateException("the job failed (exit " + code + ")");
    }
    String text = out.toString(StandardCharsets.UTF_8);
    int at = text.indexOf("wall time");
    System.out.println("    job: " + (at >= 0 ? text.substring(at, text.indexOf('\n', at)).trim() : text));
    return s;
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

}
