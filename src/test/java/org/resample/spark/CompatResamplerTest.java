package org.resample.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.Metadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resample.core.Tensor;
import org.resample.core.compat.OpenCvResize;
import org.resample.core.compat.TensorFlowResize;
import org.resample.spark.CompatImages.Recorded;
import org.resample.spark.operator.Resampler;

/**
 * The Resampler's compat setting on images read by {@code spark.read.format("image")}: Pillow's and
 * OpenCV's recorded numbers through the batched operator, the setting in the result's metadata, and
 * the settings a library lacks refused before any row is read.
 */
class CompatResamplerTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static Recorded pillow;
  static Recorded opencv;

  @BeforeAll
  static void writeImages() throws IOException {
    spark = SparkTesting.spark();
    pillow = CompatImages.recorded("pillow", "RGB-down-lanczos");
    opencv = CompatImages.recorded("opencv", "g04.uint8.area");
    CompatImages.writePng(pillow.input, dir.resolve("pillow/a.png"));
    CompatImages.writePng(opencv.input, dir.resolve("opencv/b.png"));
  }

  static Dataset<Row> images(String sub) {
    return spark.read().format("image").load(dir.resolve(sub).toString());
  }

  static String failure(Runnable r) {
    return CompatSqlTest.failure(r);
  }

  @Test
  void resampler_compatPillow_onSparkImages_givesPillowsNumbers_andRecordsTheSetting() {
    Resampler r = new Resampler().setInputCol("image").setOutputCol("small")
        .setCompat("pillow").setMode("lanczos").setSize(pillow.outHeight(), pillow.outWidth());
    Dataset<Row> out = r.transform(images("pillow"));
    Row row = out.first();
    CompatImages.assertImage(pillow.expected, row.getAs("small"), "Resampler pillow lanczos vs PIL");
    Metadata m = out.schema().apply("small").metadata().getMetadata(Resampler.METADATA_KEY);
    assertEquals("pillow", m.getString("compat"));
    assertEquals("lanczos", m.getString("mode"));
  }

  @Test
  void resampler_compatOpencvAndTensorflowV1_onSparkImages_areTheProfiles() {
    Dataset<Row> in = images("opencv");
    Row cv = new Resampler().setInputCol("image").setOutputCol("y").setBatchRows(1)
        .setCompat("opencv").setMode("area").setSize(opencv.outHeight(), opencv.outWidth())
        .transform(in).first();
    CompatImages.assertImage(opencv.expected, cv.getAs("y"), "Resampler opencv area vs cv2.resize");
    Tensor asRead = CompatImages.tensor(cv.getAs("image"));
    CompatImages.assertImage(OpenCvResize.resize(asRead, opencv.outHeight(), opencv.outWidth(), "area"), cv.getAs("y"),
        "vs OpenCvResize");
    Row tf = new Resampler().setInputCol("image").setOutputCol("y").setCompat("tensorflow-v1").setMode("nearest")
        .setHalfPixelCenters(true).setSize(5, 7).transform(in).first();
    CompatImages.assertImage(TensorFlowResize.resizeV1(asRead, 5, 7, "nearest", false, true), tf.getAs("y"),
        "tensorflow-v1 nearest half_pixel_centers");
  }

  @Test
  void resampler_compatMindspore_aCallMindSporeRefusesWhenItRuns_isARowError() {
    Dataset<Row> in = spark.sql("SELECT 'a' AS k, resample.tensor(array(CAST(1 AS FLOAT), 2, 3, 4), array(1, 1, 2, 2)) AS t");
    Resampler r = new Resampler().setInputCol("t").setKeyCol("k").setCompat("mindspore").setMode("nearest")
        .setScaleFactor(2.0, 2.0);
    String failed = failure(() -> r.transform(in).collect());
    assertTrue(failed.contains("Resampler(t) row k=a") && failed.contains("'scale_factor' option cannot currently be set"
        + " with the mode = nearest and dim = 4D") && failed.contains("nearest (compat mindspore)"), failed);
    Row quarantined = r.setOnError("quarantine").transform(in).first();
    assertTrue(quarantined.isNullAt(quarantined.fieldIndex("t")), "the refused row's result is null");
    assertTrue(((String) quarantined.getAs("resample_error")).contains("'scale_factor' option cannot currently be set"));
  }

  @Test
  void resampler_settingsTheLibraryLacks_areRefusedBeforeAnyRow() {
    Dataset<Row> in = images("opencv");
    String name = assertThrows(RuntimeException.class, () -> new Resampler().setCompat("cv")).getMessage();
    assertTrue(name.contains("unknown compat 'cv'; valid values are: pytorch | opencv | pillow"), name);
    String filter = failure(() -> new Resampler().setInputCol("image").setCompat("opencv").setMode("bicubic")
        .setSize(4, 4).transform(in));
    assertTrue(filter.contains("Resampler(image)") && filter.contains("unknown mode 'bicubic' for compat 'opencv'"), filter);
    String gap = failure(() -> new Resampler().setInputCol("image").setCompat("tensorflow").setMode("area")
        .setReducingGap(3).setSize(4, 4).transform(in));
    assertTrue(gap.contains("Resampler(image)") && gap.contains("reducing_gap does not apply to compat 'tensorflow'"), gap);
    String scale = failure(() -> new Resampler().setInputCol("image").setCompat("pillow").setMode("box")
        .setScaleFactor(0.5).transform(in));
    assertTrue(scale.contains("scale_factor does not apply to compat 'pillow'"), scale);
    String type = failure(() -> new Resampler().setInputCol("image").setCompat("tensorflow").setMode("gaussian")
        .setSize(4, 4).transform(in));
    assertTrue(type.contains("returns float32") && type.contains("this column holds uint8"), type);
    String torch = failure(() -> new Resampler().setInputCol("image").setCompat("opencv").setMode("linear")
        .setTorchVersion("1.13").setSize(4, 4).transform(in));
    assertTrue(torch.contains("torchVersion does not apply to compat 'opencv'"), torch);
    String unknown = assertThrows(RuntimeException.class, () -> new Resampler().setMode("lanczos7")).getMessage();
    assertTrue(unknown.contains("unknown interpolation mode 'lanczos7'") && unknown.contains("opencv: nearest"), unknown);

  }
}
