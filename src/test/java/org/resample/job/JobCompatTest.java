package org.resample.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resample.core.compat.PillowResize;
import org.resample.spark.CompatImages;
import org.resample.spark.CompatImages.Recorded;

/**
 * The job's {@code compat} column key on a folder of images read with Spark's image source: the
 * results are the library's recorded numbers, and a key the library lacks is a usage error naming
 * the spec.
 */
class JobCompatTest {
  @TempDir static Path dir;
  static Recorded opencv;
  static Recorded pillowRgba;

  @BeforeAll
  static void writeImages() throws IOException {
    opencv = CompatImages.recorded("opencv", "g01.uint8.lanczos4");
    CompatImages.writePng(opencv.input, dir.resolve("in/opencv.png"));
    pillowRgba = CompatImages.recorded("pillow", "RGBA-up-hamming");
  }

  @Test
  void job_compatOpencv_onTheImageSource_writesOpenCvsNumbers() {
    String out = dir.resolve("out").toString();
    JobTesting.Run run = JobTesting.runInProcess("--input", dir.resolve("in").toString(), "--input-format", "image",
        "--output", out, "--column",
        "image:size=" + opencv.outHeight() + "x" + opencv.outWidth() + ",compat=opencv,mode=lanczos4");
    assertEquals(0, run.exitCode, run::toString);
    List<Row> rows = JobTesting.spark().read().parquet(out).collectAsList();
    assertEquals(1, rows.size());
    CompatImages.assertImage(opencv.expected, rows.get(0).getAs("image"), "job opencv lanczos4 vs cv2.resize");
  }

  @Test
  void job_compatPillowWithReducingGap_onRgba_isThePillowProfile() throws IOException {
    Path in = dir.resolve("rgba");
    CompatImages.writePng(pillowRgba.input, in.resolve("rgba.png"));
    String out = dir.resolve("out-rgba").toString();
    JobTesting.Run run = JobTesting.runInProcess("--input", in.toString(), "--input-format", "image",
        "--output", out, "--column", "image:size=5x6,compat=pillow,mode=hamming,reducing_gap=1.5,output=small");
    assertEquals(0, run.exitCode, run::toString);
    Row r = JobTesting.spark().read().parquet(out).first();
    CompatImages.assertImage(
        PillowResize.resize(CompatImages.tensor(r.getAs("image")), 5, 6, "hamming", 1.5), r.getAs("small"),
        "job pillow hamming reducing_gap 1.5");
  }

  @Test
  void job_compatKeysTheLibraryLacks_areUsageErrorsNamingTheSpec() {
    String in = dir.resolve("in").toString();
    String[][] cases = {
      {"image:size=4x4,compat=opencv,mode=lanczos", "unknown mode 'lanczos' for compat 'opencv'"},
      {"image:size=4x4,compat=caffe,mode=linear", "unknown compat 'caffe'; accepted: pytorch | opencv"},
      {"image:size=4x4,compat=opencv,mode=linear,reducing_gap=2", "reducing_gap does not apply to compat 'opencv'"},
      {"image:scale=0.5,compat=pillow,mode=box", "compat=pillow takes size=HxW"},
      {"image:size=4x4,mode=bilinear,half_pixel_centers=true", "half_pixel_centers goes with compat=tensorflow-v1"},
    };
    for (String[] c : cases) {
      JobTesting.Run run = JobTesting.runInProcess("--input", in, "--output", dir.resolve("never").toString(),
          "--column", c[0]);
      assertEquals(ResampleJob.EXIT_USAGE, run.exitCode, run::toString);
      assertTrue(run.err.contains(c[0]) && run.err.contains(c[1]), run::toString);
    }
  }
}
