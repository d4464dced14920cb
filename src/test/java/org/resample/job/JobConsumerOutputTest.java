package org.resample.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resample.spark.codec.TensorTypes;

/**
 * The job's {@code --output-format arrow} and {@code huggingface} outputs read by the libraries they
 * are for (read_job_output.py): {@code datasets} yields Image features equal to the resampled
 * pixels; pyarrow reads tensors as {@code arrow.fixed_shape_tensor} / {@code
 * arrow.variable_shape_tensor} with the values of the same job's Spark output; Ray reads the tensors
 * (where Ray installed). Spark reads every output as well.
 */
class JobConsumerOutputTest {
  @TempDir static Path dir;
  static Path images;

  @BeforeAll
  static void copyImages() throws IOException {
    images = JobTesting.copyTestImages(dir.resolve("images"));
  }

  static JobTesting.Run run(String... args) {
    JobTesting.Run r = JobTesting.runInProcess(args);
    assertEquals(0, r.exitCode, r::toString);
    return r;
  }

  @Test
  void huggingfaceOutput_datasetsYieldsImageFeatures_equalToTheResampledPixels() {
    String spark = dir.resolve("hf-reference").toString();
    String hf = dir.resolve("hf").toString();
    List<String> job = List.of("--input", images.toString(), "--column", "image:size=8x6,mode=bilinear,antialias=true",
        "--on-error", "null");
    List<String> a = new ArrayList<>(job);
    a.addAll(List.of("--output", spark));
    run(a.toArray(new String[0]));
    List<String> b = new ArrayList<>(job);
    b.addAll(List.of("--output", hf, "--output-format", "huggingface"));
    JobTesting.Run r = run(b.toArray(new String[0]));
    assertTrue(r.out.contains("(huggingface,"), r::toString);
    assertTrue(Files.exists(Path.of(hf, "_SUCCESS")));

    JsonNode read = Consumers.read(dir, "hf", hf, "image");
    assertEquals("Image", read.get("feature").asText());
    Map<String, Row> expected = new TreeMap<>();
    for (Row row : JobTesting.spark().read().parquet(spark).collectAsList()) {
      expected.put(row.getAs("path"), row.getAs("image"));
    }
    assertEquals(expected.keySet(), iterable(read.get("rows").fieldNames()));
    for (Map.Entry<String, Row> e : expected.entrySet()) {
      JsonNode got = read.get("rows").get(e.getKey());
      Row img = e.getValue();
      if (img == null) {
        assertTrue(got.isNull(), e.getKey());
        continue;
      }
      int h = img.getInt(1);
      int w = img.getInt(2);
      int c = img.getInt(3);
      assertEquals(c == 1 ? "L" : c == 3 ? "RGB" : "RGBA", got.get("mode").asText(), e.getKey());
      byte[] bgr = (byte[]) img.get(5);
      JsonNode data = got.get("data");
      assertEquals(h * w * c, data.size(), e.getKey());
      for (int i = 0; i < h * w; i++) {
        for (int k = 0; k < c; k++) {
          // datasets gives R, G, B(, A); Spark's struct holds B, G, R(, A)
          int from = c == 1 ? 0 : k < 3 ? 2 - k : 3;
          assertEquals(bgr[i * c + from] & 0xFF, data.get(i * c + k).asInt(), e.getKey() + " pixel " + i + " channel " + k);
        }
      }
    }
    assertEquals(List.of(8, 6), List.of(read.get("numpy_format_shape").get(0).asInt(),
        read.get("numpy_format_shape").get(1).asInt()), "numpy/torch format: H x W x C arrays");
    // and the same files stay valid for Spark
    Dataset<Row> back = JobTesting.spark().read().parquet(hf);
    assertEquals(expected.size(), back.count());
    assertEquals("struct<bytes:binary,path:string>", back.schema().apply("image").dataType().simpleString());
  }

  static java.util.Set<String> iterable(java.util.Iterator<String> it) {
    java.util.Set<String> s = new java.util.TreeSet<>();
    it.forEachRemaining(s::add);
    return s;
  }

  /** Float32 tensors of two shapes (1, 6, 8) and (1, 10, 12), with ids. */
  static String variableShapes() {
    List<Row> rows = new ArrayList<>();
    for (int id = 0; id < 12; id++) {
      int h = id % 2 == 0 ? 6 : 10;
      int w = id % 2 == 0 ? 8 : 12;
      float[] data = new float[h * w];
      for (int i = 0; i < data.length; i++) {
        data[i] = (float) Math.sin(0.37 * i + id);
      }
      List<Float> boxed = new ArrayList<>();
      for (float f : data) {
        boxed.add(f);
      }
      rows.add(RowFactory.create((long) id, RowFactory.create(boxed, List.of(1, h, w))));
    }
    StructType schema = new StructType().add("id", DataTypes.LongType).add("t", TensorTypes.FLOAT32);
    String path = dir.resolve("variable-input").toString();
    JobTesting.spark().createDataFrame(rows, schema).coalesce(2).write().parquet(path);
    return path;
  }

  @Test
  void arrowOutput_pyarrowReadsFixedAndVariableShapeTensors_withTheValuesSparkWrote() {
    String demo = JobTesting.demoData(dir.resolve("demo"), 30, true, 3, 0);
    String variable = variableShapes();
    // fixed: every demo row has one shape
    List<String[]> jobs = List.of(
        new String[] {demo, "--column", "image:size=12,mode=bicubic,antialias=true,output=image_small",
          "--column", "volume:scale=0.5,mode=trilinear", "demo"},
        new String[] {variable, "--column", "t:scale=0.5x0.5,mode=bilinear", "variable"});
    for (String[] j : jobs) {
      String name = j[j.length - 1];
      List<String> common = new ArrayList<>(List.of("--input", j[0], "--key-column", "id"));
      common.addAll(List.of(j).subList(1, j.length - 1));
      List<String> a = new ArrayList<>(common);
      a.addAll(List.of("--output", dir.resolve(name + "-spark").toString(), "--partition-by", "none"));
      run(a.toArray(new String[0]));
      List<String> b = new ArrayList<>(common);
      b.addAll(List.of("--output", dir.resolve(name + "-arrow").toString(), "--output-format", "arrow",
          "--partition-by", "none"));
      run(b.toArray(new String[0]));
      assertEquals(JobTesting.spark().read().parquet(dir.resolve(name + "-spark").toString()).count(),
          JobTesting.spark().read().parquet(dir.resolve(name + "-arrow").toString()).count(), "Spark reads " + name);
    }
    JsonNode fixed = Consumers.read(dir, "arrow", dir.resolve("demo-arrow").toString(),
        dir.resolve("demo-spark").toString(), "id");
    for (String[] c : new String[][] {{"image_small", "[3,12,12]"}, {"volume", "[1,2,4,4]"}}) {
      JsonNode e = fixed.get(c[0]);
      assertEquals("arrow.fixed_shape_tensor", e.get("extension").asText(), fixed::toString);
      assertEquals(c[1], e.get("shape").toString().replace(" ", ""), fixed::toString);
      assertEquals("float", e.get("value_type").asText(), fixed::toString);
      assertTrue(e.get("equal").asBoolean(), fixed::toString);
      assertEquals(30, e.get("rows").asInt());
    }
    JsonNode var = Consumers.read(dir, "arrow", dir.resolve("variable-arrow").toString(),
        dir.resolve("variable-spark").toString(), "id");
    JsonNode t = var.get("t");
    assertEquals("arrow.variable_shape_tensor", t.get("extension").asText(), var::toString);
    assertEquals(3, t.get("ndim").asInt(), var::toString);
    assertEquals("[[1,3,4],[1,5,6]]", t.get("shapes").toString(), var::toString);
    assertTrue(t.get("equal").asBoolean(), var::toString);
  }

  @Test
  void arrowOutput_rayReadsTheTensors() {
    Assumptions.assumeTrue(Consumers.has("ray"), "Ray is not installed in the consumer venv (.ci/run says why)");
    String demo = JobTesting.demoData(dir.resolve("ray-demo"), 8, true, 1, 0);
    String out = dir.resolve("ray-arrow").toString();
    run("--input", demo, "--output", out, "--column", "volume:scale=0.5,mode=trilinear", "--output-format", "arrow",
        "--partition-by", "none");
    JsonNode read = Consumers.read(dir, "ray", out, "volume");
    assertEquals(8, read.get("count").asInt());
    assertEquals("[[1,2,4,4]]", read.get("shapes").toString());
  }

  @Test
  void sparkOutputFormat_writesNoArrowSchemaKey() throws IOException {
    String out = dir.resolve("plain").toString();
    run("--input", images.toString(), "--output", out, "--column", "image:size=4,mode=nearest", "--on-error", "null");
    for (Path f : dataFiles(Path.of(out))) {
      String footer = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
      assertFalse(footer.contains("ARROW:schema"), f.toString());
    }
  }

  static List<Path> dataFiles(Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(p -> p.getFileName().toString().endsWith(".parquet")).forEach(files::add);
    }
    return files;
  }
}
