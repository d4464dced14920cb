package org.resample.job;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resample.core.DType;
import org.resample.core.Tensor;
import org.resample.spark.sql.ResampleFunctions;
import org.resample.testing.Golden;
import org.resample.spark.operator.Resampler;

/**
 * The job end to end on an embedded local Spark: a generated Parquet dataset (float32 images and
 * volumes, partitioned by split) resampled in two columns, checked against PyTorch, with its
 * summary, report, partitioning, compression, dry runs and error policies.
 */
class ResampleJobLocalTest {
  @TempDir static Path dir;

  static final String PYTHON = System.getProperty("resample.python", "/usr/bin/python3");
  static final String IMAGE_SPEC =
      "image:size=16x12,mode=bilinear,antialias=true,torch_version=1.13,output=image_small";
  static final String VOLUME_SPEC = "volume:scale=0.5x0.5x0.5,mode=trilinear,align_corners=true,torch_version=1.13";

  static String input;
  static String output;
  static JobTesting.Run run;

  @BeforeAll
  static void runJob() {
    input = JobTesting.demoData(dir.resolve("input"), 60, true, 3, 0);
    output = dir.resolve("output").toString();
    run = JobTesting.runInProcess(
        "--input", input, "--output", output, "--column", IMAGE_SPEC, "--column", VOLUME_SPEC,
        "--key-column", "id", "--report", "--report-rows", "3", "--compression", "zstd",
        "--progress-interval", "1");
    assertEquals(0, run.exitCode, run::toString);
  }


  @Test
  void localRun_outputMatchesPyTorchOnSampledRows() throws Exception {
    String why = torchUnavailable();
    Assumptions.assumeTrue(why == null, () -> "torch not available: " + why);
    ResampleFunctions.register(JobTesting.spark());
    Dataset<Row> in = JobTesting.spark().read().parquet(input).where("id % 5 = 0")
        .select(col("id"), ResampleFunctions.toNpy(col("image")).as("image"),
            ResampleFunctions.toNpy(col("volume")).as("volume"));
    Dataset<Row> out = JobTesting.spark().read().parquet(output)
        .select(col("id"), ResampleFunctions.toNpy(col("image_small")).as("image_small"),
            ResampleFunctions.toNpy(col("volume")).as("volume_small"));
    List<Row> rows = in.join(out, "id").orderBy("id").collectAsList();
    assertEquals(12, rows.size());

    Path work = Files.createDirectories(dir.resolve("torch"));
    List<Map<String, Object>> cases = new ArrayList<>();
    Map<String, byte[]> ours = new LinkedHashMap<>();
    for (Row r : rows) {
      long id = r.getLong(0);
      String img = "image-" + id;
      String vol = "volume-" + id;
      Files.write(work.resolve("in-" + img + ".npy"), (byte[]) r.getAs("image"));
      Files.write(work.resolve("in-" + vol + ".npy"), (byte[]) r.getAs("volume"));
      ours.put(img, r.getAs("image_small"));
      ours.put(vol, r.getAs("volume_small"));
      cases.add(torchCase(img, "bilinear", List.of(16, 12), null, null, true, true));
      cases.add(torchCase(vol, "trilinear", null, List.of(0.5, 0.5, 0.5), true, false, true));
    }
    new ObjectMapper().writeValue(work.resolve("cases.json").toFile(), cases);
    Process p = new ProcessBuilder(PYTHON, JobTesting.projectDir().resolve("src/test/python/job_parity.py").toString(),
        work.toString()).redirectErrorStream(true).redirectOutput(work.resolve("python.log").toFile()).start();
    assertEquals(0, JobTesting.exitCode(p, Duration.ofMinutes(3), work.resolve("python.log")),
        () -> JobTesting.tail(work.resolve("python.log")));

    for (Map<String, Object> c : cases) {
      String name = ((String) c.get("input")).substring(3).replace(".npy", "");
      String mode = (String) c.get("mode");
      Tensor input = Golden.Npy.read(Files.readAllBytes(work.resolve((String) c.get("input"))), DType.FLOAT32, null, name);
      Tensor torch = Golden.Npy.read(Files.readAllBytes(work.resolve((String) c.get("expected"))), DType.FLOAT32, null, name);
      Tensor job = Golden.Npy.read(ours.get(name), DType.FLOAT32, torch.shape(), name + " (job)");
      Golden.Comparison cmp = Golden.compare(mode, input, torch, job);
      assertTrue(cmp.passed(), () -> name + ": " + cmp);
    }
  }

  private static Map<String, Object> torchCase(
      String name, String mode, List<Integer> size, List<Double> scale, Boolean alignCorners, boolean antialias,
      boolean sample) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("input", "in-" + name + ".npy");
    c.put("expected", "torch-" + name + ".npy");
    c.put("mode", mode);
    c.put("size", size);
    c.put("scale", scale);
    c.put("align_corners", alignCorners);
    c.put("antialias", antialias);
    c.put("sample", sample);
    return c;
  }

  /** Null when {@link #PYTHON} can import torch, else why not. */
  static String torchUnavailable() throws IOException, InterruptedException {
    Process p = new ProcessBuilder(PYTHON, "-c", "import torch, numpy").redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    return p.waitFor() == 0 ? null : PYTHON + " cannot import torch: " + log.trim();
  }

  @Test
  void localRun_printsSummaryAndWritesItAsJsonNextToTheData() throws IOException {
    assertTrue(run.out.contains("rows read         60"), run::toString);
    assertTrue(run.out.contains("rows written      60"), run::toString);
    assertTrue(Files.exists(Path.of(output, "_SUCCESS")));
    JsonNode s = new ObjectMapper().readTree(Path.of(output, ResampleJob.SUMMARY_FILE).toFile());
    assertEquals("succeeded", s.get("status").asText());
    assertEquals(60, s.get("rows_read").asLong());
    assertEquals(60, s.get("rows_written").asLong());
    assertEquals(0, s.get("rows_failed").asLong());
    assertEquals(0, s.get("rows_quarantined").asLong());
    assertTrue(s.get("output_bytes").asLong() > 0);
    assertTrue(s.get("input_bytes").asLong() > s.get("output_bytes").asLong() / 4);
    assertTrue(s.get("rows_per_second").asDouble() > 0);
    assertEquals(60, JobTesting.spark().read().parquet(output).count());
  }

  @Test
  void localRun_keepsInputPartitioningAndUsesTheCodec() throws IOException {
    assertTrue(Files.isDirectory(Path.of(output, "split=train")));
    assertTrue(Files.isDirectory(Path.of(output, "split=val")));
    try (Stream<Path> files = Files.walk(Path.of(output))) {
      List<String> data = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".parquet") && !n.startsWith(".")).toList();
      assertFalse(data.isEmpty());
      assertTrue(data.stream().allMatch(n -> n.endsWith(".zstd.parquet")), data::toString);
    }
    Dataset<Row> out = JobTesting.spark().read().parquet(output);
    assertEquals(12, out.where("split = 'val'").count());
    assertTrue(List.of(out.columns()).containsAll(List.of("id", "split", "image", "image_small", "volume")));
    Row r = out.where("id = 7").select(col("image_small.shape"), col("volume.shape")).first();
    assertEquals(List.of(3, 16, 12), r.getList(0));
    assertEquals(List.of(1, 2, 4, 4), r.getList(1));
  }

  @Test
  void report_showsBeforeAndAfterOfSampledRows() throws IOException {
    String html = Files.readString(Path.of(output, ResampleJob.REPORT_FILE));
    Matcher m = Pattern.compile("data:image/png;base64,").matcher(html);
    int images = 0;
    while (m.find()) {
      images++;
    }
    assertEquals(3 * 2 * 2, images, "3 rows x 2 columns x before/after");
    assertTrue(html.contains("image \u2192 image_small") && html.contains("volume \u2192 volume"));
    assertTrue(html.contains("rows_written"));
    // the columns' own names head the tables, rows are labelled by the key column
    assertTrue(html.contains(">image (before)<") && html.contains(">image_small (after)<")
        && html.contains(">volume resampled (after)<") && !html.contains("before (before)"), html);
    assertTrue(html.contains("<th>id</th>"), html);
    // the report shows the final summary: the wall time and rate the JSON has
    JsonNode s = new ObjectMapper().readTree(Path.of(output, ResampleJob.SUMMARY_FILE).toFile());
    assertTrue(s.get("wall_seconds").asDouble() > 0 && s.get("rows_per_second").asDouble() > 0);
    for (String k : List.of("wall_seconds", "rows_per_second", "first_row_seconds")) {
      assertTrue(html.contains("<b>" + k + "</b></td><td style=\"font-family:monospace\">" + s.get(k).asText() + "<"),
          k + " " + s.get(k).asText());
    }
    assertTrue(s.get("first_row_seconds").asDouble() >= s.get("start_seconds").asDouble()
        && s.get("start_seconds").asDouble() > 0, s::toString);
  }

  @Test
  void dryRuns_limitAndSampleReadOnlyPartOfTheInput() throws IOException {
    String limited = dir.resolve("limited").toString();
    JobTesting.Run r = JobTesting.runInProcess("--input", input, "--output", limited, "--column", IMAGE_SPEC,
        "--limit", "7", "--partition-by", "none", "--report", "--report-rows", "2");
    assertEquals(0, r.exitCode, r::toString);
    assertEquals(7, JobTesting.spark().read().parquet(limited).count());
    // without a key column the report labels its rows by number
    String html = Files.readString(Path.of(limited, ResampleJob.REPORT_FILE));
    assertTrue(html.contains("<th>row</th>") && html.contains("<td>1</td>") && html.contains("<td>2</td>"), html);
    assertFalse(Files.exists(Path.of(limited, "split=train")), "--partition-by none");
    assertTrue(r.out.contains("limit 7"), r::toString);

    String sampled = dir.resolve("sampled").toString();
    r = JobTesting.runInProcess("--input", input, "--output", sampled, "--column", IMAGE_SPEC,
        "--sample", "0.5", "--seed", "3");
    assertEquals(0, r.exitCode, r::toString);
    long expected = JobTesting.spark().read().parquet(input).sample(0.5, 3).count();
    assertTrue(expected > 10 && expected < 50);
    assertEquals(expected, JobTesting.spark().read().parquet(sampled).count());
    JsonNode s = new ObjectMapper().readTree(Path.of(sampled, ResampleJob.SUMMARY_FILE).toFile());
    assertEquals(expected, s.get("rows_read").asLong());
  }

  /** 40 uint8 rows; ids 9, 19, 29, 39 have a malformed image. */
  static String brokenInput() {
    Path p = dir.resolve("broken-input");
    return Files.exists(p) ? p.toString() : JobTesting.demoData(p, 40, false, 2, 10);
  }

  @Test
  void onErrorNull_givesNullForBadRowsAndCountsThem() throws IOException {
    String out = dir.resolve("null-policy").toString();
    JobTesting.Run r = JobTesting.runInProcess("--input", brokenInput(), "--output", out,
        "--column", "image:size=12x12,mode=area,output=small", "--on-error", "null", "--key-column", "id");
    assertEquals(0, r.exitCode, r::toString);
    JsonNode s = new ObjectMapper().readTree(Path.of(out, ResampleJob.SUMMARY_FILE).toFile());
    assertEquals(40, s.get("rows_read").asLong());
    assertEquals(40, s.get("rows_written").asLong());
    assertEquals(4, s.get("rows_failed").asLong());
    List<Row> nulls = JobTesting.spark().read().parquet(out).where("small IS NULL").orderBy("id").select("id").collectAsList();
    assertEquals(List.of(9L, 19L, 29L, 39L), nulls.stream().map(x -> x.getLong(0)).toList());
    assertFalse(List.of(JobTesting.spark().read().parquet(out).columns()).contains(ColumnResampling.ERROR));
  }

  @Test
  void onErrorQuarantine_movesBadRowsUnchangedWithTheirError() throws IOException {
    String out = dir.resolve("quarantine-out").toString();
    String q = dir.resolve("quarantine").toString();
    JobTesting.Run r = JobTesting.runInProcess("--input", brokenInput(), "--output", out,
        "--column", "image:size=12x12,mode=area", "--on-error", "quarantine", "--quarantine-path", q,
        "--key-column", "id");
    assertEquals(0, r.exitCode, r::toString);
    assertTrue(r.out.contains("rows quarantined  4"), r::toString);
    assertTrue(Files.exists(Path.of(out, "_SUCCESS")), "written once the quarantined rows are");
    assertEquals(36, JobTesting.spark().read().parquet(out).count());
    assertEquals(0, JobTesting.spark().read().parquet(out).where("id % 10 = 9").count());
    Dataset<Row> quarantined = JobTesting.spark().read().parquet(q);
    assertEquals(4, quarantined.count());
    Row bad = quarantined.where("id = 19").first();
    String error = bad.getAs(ColumnResampling.QUARANTINE_ERROR);
    assertNotNull(error);
    assertTrue(error.contains("id=19") && error.contains("1727") && error.contains("1728"), error);
    Row original = JobTesting.spark().read().parquet(brokenInput()).where("id = 19").first();
    assertEquals(original.getAs("image"), (Object) bad.getAs("image"), "quarantined rows are kept as read");
    JsonNode s = new ObjectMapper().readTree(Path.of(out, ResampleJob.SUMMARY_FILE).toFile());
    assertEquals(36, s.get("rows_written").asLong());
    assertEquals(4, s.get("rows_failed").asLong());
    assertEquals(4, s.get("rows_quarantined").asLong());
  }

  @Test
  void onErrorFail_failsNamingColumnAndKey_andLeavesNoSuccessMarker() {
    String out = dir.resolve("fail-policy").toString();
    JobTesting.Run r = JobTesting.runInProcess("--input", brokenInput(), "--output", out,
        "--column", "image:size=12x12,mode=area", "--key-column", "id");
    assertEquals(ResampleJob.EXIT_FAILED, r.exitCode, r::toString);
    assertTrue(r.err.matches("(?s).*Resampler\\(image\\) row id=\\d*9: .*"), r::toString);
    assertTrue(r.err.contains("use --on-error null or quarantine"), r::toString);
    assertTrue(r.err.contains("does not match shape"), r::toString);
    assertFalse(Files.exists(Path.of(out, "_SUCCESS")));
    assertFalse(Files.exists(Path.of(out, ResampleJob.SUMMARY_FILE)));
  }
}
