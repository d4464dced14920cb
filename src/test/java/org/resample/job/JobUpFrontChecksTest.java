package org.resample.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resample.spark.codec.TensorTypes;
import org.resample.spark.operator.Resampler;

/**
 * Through the launcher: settings that cannot work are refused before anything is written (exit 2
 * or 3, not exit 1 after Spark has run), rows are checked against their real shape, a row's memory
 * need is a row error under --on-error, empty results are readable datasets, and row errors name a
 * binary or tensor key readably.
 */
class JobUpFrontChecksTest {
  @TempDir static Path dir;
  static final String SPEC = "image:size=8x8,mode=area";

  @BeforeAll
  static void data() {
    JobTesting.demoData(dir.resolve("data"), 20, false, 2, 0); // id, split, image uint8 (3, 24, 24), volume
  }

  @Test
  void anOutputColumnThatExists_orAPartitionColumnOfNoSimpleType_isRefusedBeforeWriting() {
    JobTesting.Launched r = JobTesting.launch(dir, "output-id", "--input", "data", "--output", "o1",
        "--column", "image:size=8x8,mode=area,output=ID");
    assertEquals(ResampleJob.EXIT_BAD_INPUT, r.exitCode, r::toString);
    assertTrue(r.output.contains("outputCol 'ID' already exists (as column 'id')"), r::toString);
    r = JobTesting.launch(dir, "partition-struct", "--input", "data", "--output", "o2", "--column", SPEC,
        "--partition-by", "volume");
    assertEquals(ResampleJob.EXIT_BAD_INPUT, r.exitCode, r::toString);
    assertTrue(r.output.contains("--partition-by: column 'volume' has type struct<data:array<float>,shape:array<int>>,"
        + " which cannot name a partition directory"), r::toString);
    r = JobTesting.launch(dir, "partition-output", "--input", "data", "--output", "o3", "--column", SPEC,
        "--partition-by", "image");
    assertEquals(ResampleJob.EXIT_BAD_INPUT, r.exitCode, r::toString);
    assertTrue(r.output.contains("--partition-by: column 'image' is written by --column"), r::toString);
    for (String o : List.of("o1", "o2", "o3")) {
      assertFalse(Files.exists(dir.resolve(o)), o + " was not created");
    }
  }

  @Test
  void aConfigFileThatIsNoFile_isRefusedAsAnOption() {
    JobTesting.Launched r = JobTesting.launch(dir, "config-zero", "--config", "/dev/zero");
    assertEquals(ResampleJob.EXIT_USAGE, r.exitCode, r::toString);
    assertTrue(r.output.contains("--config: cannot read '/dev/zero': not a regular file"), r::toString);
    assertFalse(r.output.contains("OutOfMemoryError"), r::toString);
  }

  /** {@code rows} canonical uint8 rows (id, img) of {@code shape}, every {@code badEvery}-th with a byte short. */
  private static String uint8Rows(String name, int rows, int[] shape, int badEvery, boolean binaryKey) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    List<Row> list = new java.util.ArrayList<>();
    for (int i = 0; i < rows; i++) {
      byte[] data = new byte[badEvery > 0 && i % badEvery == badEvery - 1 ? n - 1 : n];
      Object key = binaryKey ? new byte[] {(byte) i, (byte) 0xab} : (Object) (long) i;
      list.add(RowFactory.create(key, RowFactory.create(data, shape)));
    }
    StructType schema = new StructType()
        .add("id", binaryKey ? DataTypes.BinaryType : DataTypes.LongType)
        .add("img", TensorTypes.UINT8);
    Dataset<Row> df = JobTesting.spark().createDataFrame(list, schema);
    String path = dir.resolve(name).toString();
    df.coalesce(1).write().parquet(path);
    return path;
  }

  @Test
  void aRowWhoseTablesWouldFillTheHeap_isARowError_notAnExecutorOutOfMemory() {
    // eight 16-byte images to 1 x 22369621 bicubic: 1.3 GiB of tables each, in a 2 GiB JVM
    String in = uint8Rows("sixteen-bytes", 8, new int[] {1, 4, 4}, 0, false);
    Map<String, String> heap = Map.of("RESAMPLE_DRIVER_MEMORY", "2g");
    JobTesting.Launched r = JobTesting.launch(dir, "tables-fail", heap, List.of("--master", "local[2]"),
        "--input", in, "--output", "t1", "--column", "img:size=1x22369621,mode=bicubic", "--key-column", "id");
    assertEquals(ResampleJob.EXIT_FAILED, r.exitCode, r::toString);
    assertTrue(r.output.contains("index/weight tables"), r::toString);
    assertTrue(r.output.contains("use --on-error null or quarantine to keep going past such rows"), r::toString);
    r = JobTesting.launch(dir, "tables-quarantine", heap, List.of("--master", "local[2]"),
        "--input", in, "--output", "t2", "--column", "img:size=1x22369621,mode=bicubic", "--key-column", "id",
        "--on-error", "quarantine", "--quarantine-path", "t2-bad");
    assertEquals(0, r.exitCode, r::toString);
    assertTrue(r.output.contains("rows quarantined  8"), r::toString);
  }

  @Test
  void planesOverAStandInSize_areResampled() {
    // (3, 16, 16) rows to 2048 x 2048 (12.6 M elements a row) were refused against an 8x8x8x8 stand-in
    List<Row> list = List.of(
        RowFactory.create(1L, RowFactory.create(new float[3 * 16 * 16], new int[] {3, 16, 16})),
        RowFactory.create(2L, RowFactory.create(new float[3 * 16 * 16], new int[] {3, 16, 16})));
    String in = dir.resolve("planes").toString();
    JobTesting.spark().createDataFrame(list, new StructType().add("id", DataTypes.LongType).add("t", TensorTypes.FLOAT32))
        .coalesce(1).write().parquet(in);
    JobTesting.Launched r = JobTesting.launch(dir, "planes", "--input", in, "--output", "planes-out",
        "--column", "t:size=2048x2048,mode=nearest");
    assertEquals(0, r.exitCode, r::toString);
    Row shape = JobTesting.spark().read().parquet(dir.resolve("planes-out").toString()).selectExpr("t.shape").first();
    assertEquals(List.of(3, 2048, 2048), shape.getList(0));
  }

  @Test
  void emptyResultsOfAPartitionedJob_areReadableDatasets() {
    // no bad row: the quarantine is empty; every row bad: the output is empty (both partitioned by split)
    JobTesting.Launched r = JobTesting.launch(dir, "empty-quarantine", "--input", "data", "--output", "e1",
        "--column", SPEC, "--on-error", "quarantine", "--quarantine-path", "e1-bad");
    assertEquals(0, r.exitCode, r::toString);
    Dataset<Row> q = JobTesting.spark().read().parquet(dir.resolve("e1-bad").toString());
    assertEquals(0, q.count());
    assertTrue(List.of(q.columns()).containsAll(List.of("id", "split", "image", ColumnResampling.QUARANTINE_ERROR)),
        List.of(q.columns())::toString);
    String allBad = JobTesting.demoData(dir.resolve("all-bad"), 10, false, 2, 1);
    r = JobTesting.launch(dir, "empty-output", "--input", allBad, "--output", "e2", "--column", SPEC,
        "--on-error", "quarantine", "--quarantine-path", "e2-bad");
    assertEquals(0, r.exitCode, r::toString);
    Dataset<Row> out = JobTesting.spark().read().parquet(dir.resolve("e2").toString());
    assertEquals(0, out.count());
    assertTrue(List.of(out.columns()).containsAll(List.of("id", "split", "image")), List.of(out.columns())::toString);
    assertEquals(10, JobTesting.spark().read().parquet(dir.resolve("e2-bad").toString()).count());
  }

  @Test
  void aBinaryKey_isNamedInHex_inRowErrors() {
    String in = uint8Rows("binary-key", 4, new int[] {1, 4, 4}, 2, true);
    JobTesting.Launched r = JobTesting.launch(dir, "binary-key", "--input", in, "--output", "k1", "--column", "img:size=2x2,mode=area",
        "--key-column", "id");
    assertEquals(ResampleJob.EXIT_FAILED, r.exitCode, r::toString);
    assertTrue(r.output.matches("(?s).*Resampler\\(img\\) row id=0x0[13]ab: data length 15 does not match.*"), r::toString);
    assertFalse(r.output.contains("[B@"), r::toString);
  }
}
