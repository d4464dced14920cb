package org.resample.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resample.spark.codec.TensorTypes;

/**
 * Tensors and images as other tools write them (read_job_output.py write-foreign: Hugging Face
 * {@code datasets} with Array3D, Array2D and Image features; Ray's variable-shaped tensors) go
 * through the job and give what the same values as canonical tensor structs (or the same files as
 * image input) give.
 */
class JobForeignInputTest {
  @TempDir static Path dir;
  static JsonNode written;

  @BeforeAll
  static void write() {
    written = Consumers.read(dir, "write-foreign", dir.resolve("foreign").toString());
  }

  static Row canonical(JsonNode values, int[] shape) {
    List<Float> data = new ArrayList<>();
    values.forEach(v -> data.add((float) v.asDouble()));
    List<Integer> s = new ArrayList<>();
    for (int d : shape) {
      s.add(d);
    }
    return RowFactory.create(data, s);
  }

  static Map<Long, Row> byId(String path, String column) {
    Map<Long, Row> m = new TreeMap<>();
    for (Row r : JobTesting.spark().read().parquet(path).collectAsList()) {
      m.put(r.<Long>getAs("id"), r.getAs(column));
    }
    return m;
  }

  static void assertSameTensors(Map<Long, Row> expected, Map<Long, Row> actual, String what) {
    assertEquals(expected.keySet(), actual.keySet(), what);
    for (Long id : expected.keySet()) {
      assertEquals(expected.get(id).getList(1), actual.get(id).getList(1), what + " shape, id " + id);
      assertEquals(expected.get(id).getList(0), actual.get(id).getList(0), what + " data, id " + id);
    }
  }

  @Test
  void huggingfaceArrays_resampleAsTheCanonicalTensors() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      rows.add(RowFactory.create((long) i, canonical(written.get("a3").get(i), new int[] {2, 6, 8}),
          canonical(written.get("a2").get(i), new int[] {1, 6, 8})));
    }
    StructType schema = new StructType().add("id", DataTypes.LongType).add("a3", TensorTypes.FLOAT32)
        .add("a2", TensorTypes.FLOAT32);
    String reference = dir.resolve("arrays-canonical").toString();
    JobTesting.spark().createDataFrame(rows, schema).coalesce(1).write().parquet(reference);
    String[] specs = {"--column", "a3:size=3x4,mode=bilinear,antialias=true", "--column",
      "a2:size=5,mode=bicubic,output=a2_small", "--key-column", "id"};
    String ref = dir.resolve("arrays-reference").toString();
    String out = dir.resolve("arrays-out").toString();
    List<String> a = new ArrayList<>(List.of("--input", reference, "--output", ref));
    a.addAll(List.of(specs));
    assertEquals(0, JobTesting.runInProcess(a.toArray(new String[0])).exitCode);
    List<String> b = new ArrayList<>(List.of("--input", dir.resolve("foreign/hf").toString(), "--output", out));
    b.addAll(List.of(specs));
    JobTesting.Run run = JobTesting.runInProcess(b.toArray(new String[0]));
    assertEquals(0, run.exitCode, run::toString);
    assertSameTensors(byId(ref, "a3"), byId(out, "a3"), "Array3D");
    assertSameTensors(byId(ref, "a2_small"), byId(out, "a2_small"), "Array2D");
    assertEquals("array<array<float>>",
        JobTesting.spark().read().parquet(out).schema().apply("a2").dataType().simpleString(),
        "the column as read is kept");
  }

  @Test
  void huggingfaceImages_resampleAsTheImageFiles() {
    String out = dir.resolve("hf-images").toString();
    JobTesting.Run run = JobTesting.runInProcess("--input", dir.resolve("foreign/hf").toString(), "--output", out,
        "--column", "img:size=5,mode=bilinear,antialias=true", "--key-column", "id");
    assertEquals(0, run.exitCode, run::toString);
    String files = dir.resolve("files").toString();
    Path folder = JobTesting.projectDir().resolve("src/test/resources/images");
    JobTesting.Run ref = JobTesting.runInProcess("--input", folder.toString(), "--input-glob", "*.png", "--output",
        files, "--column", "image:size=5,mode=bilinear,antialias=true", "--partition-by", "none");
    assertEquals(0, ref.exitCode, ref::toString);
    Map<String, Row> expected = new TreeMap<>();
    for (Row r : JobTesting.spark().read().parquet(files).collectAsList()) {
      String p = r.getAs("path");
      expected.put(p.substring(p.lastIndexOf('/') + 1), r.getAs("image"));
    }
    Map<Long, Row> got = byId(out, "img");
    assertEquals(4, got.size());
    for (int i = 0; i < 4; i++) {
      String image = written.get("images").get(i).asText();
      Row e = expected.get(image.substring(image.lastIndexOf('/') + 1));
      Row g = got.get((long) i);
      assertTrue(g.getString(0).endsWith(image.substring(image.lastIndexOf('/') + 1)), g.getString(0));
      for (int f = 1; f <= 4; f++) {
        assertEquals(e.getInt(f), g.getInt(f), image + " field " + f);
      }
      assertArrayEquals((byte[]) e.get(5), (byte[]) g.get(5), image);
    }
  }

  @Test
  void rayVariableShapedTensors_resampleAsTheCanonicalTensors() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      JsonNode t = written.get("t").get(i);
      int[] shape = new int[t.get("shape").size()];
      for (int d = 0; d < shape.length; d++) {
        shape[d] = t.get("shape").get(d).asInt();
      }
      rows.add(RowFactory.create((long) i, canonical(t.get("data"), shape)));
    }
    StructType schema = new StructType().add("id", DataTypes.LongType).add("t", TensorTypes.FLOAT32);
    String reference = dir.resolve("ray-canonical").toString();
    JobTesting.spark().createDataFrame(rows, schema).coalesce(1).write().parquet(reference);
    String ref = dir.resolve("ray-reference").toString();
    String out = dir.resolve("ray-out").toString();
    assertEquals(0, JobTesting.runInProcess("--input", reference, "--output", ref, "--column",
        "t:scale=0.5x0.5,mode=bilinear", "--key-column", "id").exitCode);
    JobTesting.Run run = JobTesting.runInProcess("--input", dir.resolve("foreign/ray").toString(), "--output", out,
        "--column", "t:scale=0.5x0.5,mode=bilinear", "--key-column", "id");
    assertEquals(0, run.exitCode, run::toString);
    assertSameTensors(byId(ref, "t"), byId(out, "t"), "Ray tensor (" + written.get("writer").asText() + ")");
  }
}
