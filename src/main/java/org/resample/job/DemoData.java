package org.resample.job;

import java.util.Locale;
import java.util.Random;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.resample.spark.codec.TensorTypes;

/**
 * Writes a synthetic Parquet dataset of tensors: per row an {@code id}, a {@code split}
 * ("train"/"val", the partition column), an {@code image} (3, S, S) with gradients, discs and fine
 * stripes (so aliasing shows), and a {@code volume} (1, D, 2D, 2D) float32 with a blurred ball.
 * Every value is a function of the row id and the seed, so two runs write the same data. With
 * {@code --broken-every N}, every N-th image is malformed (its data one element shorter than its
 * shape), to show what the job does with bad rows.
 *
 * <pre>
 * DemoData --output PATH [--rows 2000] [--image-size 128] [--image-dtype uint8|float32]
 *          [--volume-depth 16 | 0 for none] [--partitions N] [--seed 7] [--broken-every N] [--overwrite]
 * </pre>
 *
 * @since 0.1
 */
public final class DemoData {
  private DemoData() {}

  /** What to generate. */
  public static final class Spec implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    public long rows = 2000;
    public int imageSize = 128;
    public boolean imageFloat = false;
    /** Depth D of the (1, D, 2D, 2D) volume; 0 for no volume column. */
    public int volumeDepth = 16;
    public long seed = 7;
    /** Every n-th row (id % n == n - 1) gets a malformed image (one element short); 0 for none. */
    public long brokenEvery = 0;

    /** The dataset's schema. */
    public StructType schema() {
      StructType s = new StructType()
          .add("id", DataTypes.LongType, false)
          .add("split", DataTypes.StringType, false)
          .add("image", imageFloat ? TensorTypes.FLOAT32 : TensorTypes.UINT8, true);
      return volumeDepth > 0 ? s.add("volume", TensorTypes.FLOAT32, true) : s;
    }
  }

  public static void main(String[] args) {
    Spec spec = new Spec();
    String output = null;
    int partitions = 0;
    boolean overwrite = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--overwrite")) {
        overwrite = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value");
      }
      String v = args[++i];
      switch (a) {
        case "--output":
          output = v;
          break;
        case "--rows":
          spec.rows = Long.parseLong(v);
          break;
        case "--image-size":
          spec.imageSize = Integer.parseInt(v);
          break;
        case "--image-dtype":
          if (!v.equals("uint8") && !v.equals("float32")) {
            throw new IllegalArgumentException("--image-dtype must be uint8 or float32, got " + v);
          }
          spec.imageFloat = v.equals("float32");
          break;
        case "--volume-depth":
          spec.volumeDepth = Integer.parseInt(v);
          break;
        case "--partitions":
          partitions = Integer.parseInt(v);
          break;
        case "--seed":
          spec.seed = Long.parseLong(v);
          break;
        case "--broken-every":
          spec.brokenEvery = Long.parseLong(v);
          break;
        default:
          throw new IllegalArgumentException(
              "unknown option " + a + "; options: --output --rows --image-size --image-dtype "
                  + "--volume-depth --partitions --seed --broken-every --overwrite");
      }
    }
    if (output == null) {
      throw new IllegalArgumentException("--output PATH is required");
    }
    SparkSession.Builder b = SparkSession.builder().appName("spark-resample demo data");
    if (System.getProperty("spark.master") == null) {
      b.master("local[*]");
    }
    SparkSession spark = b.getOrCreate();
    try {
      long t0 = System.nanoTime();
      write(spark, spec, output, partitions, overwrite);
      System.out.printf(Locale.ROOT, "generated %d rows (image %s 3x%dx%d%s) in %s (%.1f s)%n",
          spec.rows, spec.imageFloat ? "float32" : "uint8", spec.imageSize, spec.imageSize,
          spec.volumeDepth > 0
              ? String.format(Locale.ROOT, ", volume float32 1x%dx%dx%d", spec.volumeDepth,
                  2 * spec.volumeDepth, 2 * spec.volumeDepth)
              : "",
          output, (System.nanoTime() - t0) / 1e9);
    } finally {
      spark.stop();
    }
  }

  /**
   * Writes the dataset to {@code output} as Parquet partitioned by {@code split}.
   *
   * @param partitions number of Spark partitions (0: Spark's default parallelism)
   */
  public static void write(SparkSession spark, Spec spec, String output, int partitions, boolean overwrite) {
    int parts = partitions > 0 ? partitions : spark.sparkContext().defaultParallelism();
    spark.range(0, spec.rows, 1, parts)
        .map((MapFunction<Long, Row>) id -> row(spec, id), Encoders.row(spec.schema()))
        .write()
        .mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists)
        .partitionBy("split")
        .parquet(output);
  }

  /** The row with id {@code id}. */
  public static Row row(Spec spec, long id) {
    Random r = new Random(spec.seed * 1_000_003L + id);
    int s = spec.imageSize;
    float[] img = image(r, s);
    if (spec.brokenEvery > 0 && id % spec.brokenEvery == spec.brokenEvery - 1) {
      img = java.util.Arrays.copyOf(img, img.length - 1);
    }
    Object image;
    int[] shape = {3, s, s};
    if (spec.imageFloat) {
      image = RowFactory.create(img, shape);
    } else {
      byte[] b = new byte[img.length];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) Math.max(0, Math.min(255, Math.round(img[i])));
      }
      image = RowFactory.create(b, shape);
    }
    String split = id % 5 == 4 ? "val" : "train";
    if (spec.volumeDepth <= 0) {
      return RowFactory.create(id, split, image);
    }
    int d = spec.volumeDepth;
    Object volume = RowFactory.create(volume(r, d, 2 * d, 2 * d), new int[] {1, d, 2 * d, 2 * d});
    return RowFactory.create(id, split, image, volume);
  }

  /** (3, s, s) values in 0..255: a colour gradient, a few discs, a patch of fine stripes. */
  static float[] image(Random r, int s) {
    float[] px = new float[3 * s * s];
    float[] c0 = {r.nextFloat() * 255, r.nextFloat() * 255, r.nextFloat() * 255};
    float[] c1 = {r.nextFloat() * 255, r.nextFloat() * 255, r.nextFloat() * 255};
    double angle = r.nextDouble() * Math.PI * 2;
    double dx = Math.cos(angle);
    double dy = Math.sin(angle);
    for (int y = 0; y < s; y++) {
      for (int x = 0; x < s; x++) {
        double t = 0.5 + ((x - s / 2.0) * dx + (y - s / 2.0) * dy) / (s * 1.5);
        for (int c = 0; c < 3; c++) {
          px[c * s * s + y * s + x] = (float) (c0[c] * (1 - t) + c1[c] * t);
        }
      }
    }
    int discs = 2 + r.nextInt(3);
    for (int k = 0; k < discs; k++) {
      double cx = r.nextDouble() * s;
      double cy = r.nextDouble() * s;
      double rad = s * (0.08 + r.nextDouble() * 0.2);
      float[] col = {r.nextFloat() * 255, r.nextFloat() * 255, r.nextFloat() * 255};
      for (int y = 0; y < s; y++) {
        for (int x = 0; x < s; x++) {
          if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= rad * rad) {
            for (int c = 0; c < 3; c++) {
              px[c * s * s + y * s + x] = col[c];
            }
          }
        }
      }
    }
    // fine stripes (period 2-3 pixels) in one quadrant: aliasing shows without antialias
    int qx = r.nextBoolean() ? 0 : s / 2;
    int qy = r.nextBoolean() ? 0 : s / 2;
    int period = 2 + r.nextInt(2);
    for (int y = qy; y < qy + s / 2; y++) {
      for (int x = qx; x < qx + s / 2; x++) {
        float v = ((x + y) / period) % 2 == 0 ? 255f : 0f;
        for (int c = 0; c < 3; c++) {
          px[c * s * s + y * s + x] = v;
        }
      }
    }
    return px;
  }

  /** (d, h, w) float32: a ball of random centre and radius with a soft edge, plus noise. */
  static float[] volume(Random r, int d, int h, int w) {
    float[] v = new float[d * h * w];
    double cz = d * (0.3 + 0.4 * r.nextDouble());
    double cy = h * (0.3 + 0.4 * r.nextDouble());
    double cx = w * (0.3 + 0.4 * r.nextDouble());
    double rad = Math.min(d, Math.min(h, w)) * (0.2 + 0.2 * r.nextDouble());
    for (int z = 0; z < d; z++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double dist = Math.sqrt((z - cz) * (z - cz) + (y - cy) * (y - cy) + (x - cx) * (x - cx));
          double inside = 1 / (1 + Math.exp((dist - rad) * 1.5));
          v[(z * h + y) * w + x] = (float) (inside + 0.05 * r.nextGaussian());
        }
      }
    }
    return v;
  }
}
