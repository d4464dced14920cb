package org.resample.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resample.spark.codec.TensorTypes;

/**
 * No row lost, none duplicated, nothing else touched: for every tensor format, error policy and way
 * of spelling the paths, on input with randomly placed malformed rows, a run either writes output
 * and quarantine that hold exactly the input's keys between them (each once; the failed ones in the
 * quarantine, or with a NULL result) and changes no file outside them, or, when its paths overlap,
 * is refused and changes nothing. The seed is printed (rerun with {@code
 * -Dresample.integrity.seed=S}).
 */
class JobDataIntegrityTest {
  @TempDir static Path dir;
  static long seed;
  static final int ROWS = 36;

  /** The formats, as SQL over a base view (id, part, t float32 (3, 6, 5), bad). */
  static final Map<String, String> FORMATS = Map.of(
      "float32", "IF(bad, named_struct('data', slice(t.data, 1, 89), 'shape', t.shape), t)",
      "float64", "named_struct('data', transform(IF(bad, slice(t.data, 1, 89), t.data), x -> double(x)), 'shape', t.shape)",
      "uint8", "IF(bad, named_struct('data', substring(u.data, 1, 89), 'shape', u.shape), u)",
      "image", "IF(bad, named_struct('origin', 'x', 'height', 7, 'width', img.width, 'nChannels', img.nChannels,"
          + " 'mode', img.mode, 'data', img.data), img)",
      "npy", "IF(bad, substring(resample.to_npy(t), 1, 200), resample.to_npy(t))");

  @BeforeAll
  static void data() {
    seed = Long.getLong("resample.integrity.seed", System.nanoTime());
    System.out.println("JobDataIntegrityTest seed " + seed + " (rerun with -Dresample.integrity.seed=" + seed + ")");
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (long id = 0; id < ROWS; id++) {
      float[] d = new float[3 * 6 * 5];
      for (int i = 0; i < d.length; i++) {
        d[i] = r.nextFloat() * 255;
      }
      rows.add(RowFactory.create(id, (int) (id % 3), RowFactory.create(d, new int[] {3, 6, 5}), r.nextInt(4) == 0));
    }
    StructType schema = new StructType().add("id", DataTypes.LongType).add("part", DataTypes.IntegerType)
        .add("t", TensorTypes.FLOAT32).add("bad", DataTypes.BooleanType);
    JobTesting.spark().createDataFrame(rows, schema)
        .selectExpr("*", "resample.from_image(resample.to_image(t)) AS u", "resample.to_image(t) AS img")
        .createOrReplaceTempView("integrity_base");
    for (Map.Entry<String, String> f : FORMATS.entrySet()) {
      Dataset<Row> df = JobTesting.spark().sql(
          "SELECT id, part, bad, " + f.getValue() + " AS x FROM integrity_base");
      // some formats partitioned (as the job then partitions its output and quarantine)
      var w = df.repartition(3).write();
      if (List.of("float32", "uint8", "npy").contains(f.getKey())) {
        w = w.partitionBy("part");
      }
      w.parquet(dir.resolve("in-" + f.getKey()).toString());
    }
  }

  private static List<Long> keys(String path, String where) {
    List<Long> k = new ArrayList<>();
    for (Row r : JobTesting.spark().read().parquet(path).where(where).select("id").collectAsList()) {
      k.add(r.getLong(0));
    }
    Collections.sort(k);
    return k;
  }

  private static boolean dataFiles(Path p) {
    return JobTesting.filesEndingWith(p, ".parquet") > 0;
  }

  /**
   * Where one run writes: {@code spelling} picks how its output and quarantine are named, some of
   * them the same location as another path or inside it (the job must refuse those, exit 2).
   */
  private static String[] locations(String format, String policy, int spelling) {
    String base = format + "-" + policy;
    String out = dir.resolve("out-" + base).toString();
    String q = dir.resolve("q-" + base).toString();
    switch (spelling) {
      case 1: // the quarantine is the output, spelled as a URI
        return new String[] {out, "file://" + out};
      case 2: // the quarantine inside the output
        return new String[] {out, out + "/bad"};
      case 3: // the quarantine holds the output
        return new String[] {dir.resolve("nest-" + base + "/out").toString(), dir.resolve("nest-" + base).toString()};
      case 4: // the output inside the input
        return new String[] {dir.resolve("in-" + format + "/out-" + policy).toString(), q};
      default: // disjoint, spelled with a trailing '/' and a '.'
        return new String[] {out + "/", dir.resolve(".").resolve("q-" + base).toString()};
    }
  }

  @Test
  void outputPlusQuarantine_isTheInput_byKey_forEveryFormatPolicyAndPathSpelling() {
    int run = 0;
    for (String format : new TreeSet<>(FORMATS.keySet())) {
      String in = dir.resolve("in-" + format).toString();
      List<Long> all = keys(in, "true");
      List<Long> bad = keys(in, "bad");
      assertEquals(ROWS, all.size());
      assertEquals(ROWS, new TreeSet<>(all).size());
      String spec = "x:size=4x3,mode=" + (format.equals("npy") ? "area" : "bilinear");
      for (String policy : List.of("quarantine", "null", "fail")) {
        // every spelling comes up (five formats), overlapping ones with each policy
        int spelling = policy.equals("quarantine") ? run % 5 : (run % 5 == 4 ? 4 : 0);
        run++;
        String[] where = locations(format, policy, spelling);
        String out = where[0];
        String q = where[1];
        String what = format + " / " + policy + " / output " + out + ", quarantine " + q + " (seed " + seed
            + ", bad rows " + bad + ")";
        List<String> args = new ArrayList<>(List.of("--input", in, "--output", out, "--column", spec,
            "--key-column", "id", "--on-error", policy));
        if (policy.equals("quarantine")) {
          args.addAll(List.of("--quarantine-path", q));
        }
        Map<String, String> before = JobTesting.snapshot(dir);
        JobTesting.Run result = JobTesting.runInProcess(args.toArray(new String[0]));
        Map<String, String> after = JobTesting.snapshot(dir);
        assertTrue(keys(in, "true").equals(all), what + ": the input is as it was");
        if (spelling != 0) {
          assertEquals(ResampleJob.EXIT_USAGE, result.exitCode, () -> what + "\n" + result);
          assertEquals(before, after, what + ": nothing written");
          continue;
        }
        String outDir = dir.relativize(Path.of(out)).toString();
        String qDir = dir.relativize(Path.of(q).normalize()).toString();
        JobTesting.assertChangedOnlyBelow(before, after, outDir, qDir);
        switch (policy) {
          case "quarantine":
            assertEquals(0, result.exitCode, () -> what + "\n" + result);
            List<Long> written = keys(out, "true");
            List<Long> quarantined = keys(q, "true");
            List<Long> both = new ArrayList<>(written);
            both.addAll(quarantined);
            Collections.sort(both);
            assertEquals(all, both, what + ": output + quarantine = input, each key once");
            assertEquals(bad, quarantined, what);
            assertEquals(List.of(), keys(out, "x IS NULL"), what);
            break;
          case "null":
            assertEquals(0, result.exitCode, () -> what + "\n" + result);
            assertEquals(all, keys(out, "true"), what);
            assertEquals(bad, keys(out, "x IS NULL"), what);
            break;
          default:
            if (bad.isEmpty()) {
              assertEquals(0, result.exitCode, () -> what + "\n" + result);
              assertEquals(all, keys(out, "true"), what);
            } else {
              assertEquals(ResampleJob.EXIT_FAILED, result.exitCode, () -> what + "\n" + result);
              assertFalse(Files.exists(Path.of(out, "_SUCCESS")), what);
              assertFalse(dataFiles(Path.of(out)), what + ": a failed run publishes no data file");
            }
        }
      }
    }
  }
}
