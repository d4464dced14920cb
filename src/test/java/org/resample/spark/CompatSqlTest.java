package org.resample.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resample.core.DType;
import org.resample.core.Tensor;
import org.resample.core.compat.Compat;
import org.resample.core.InterpolateOptions;
import org.resample.core.compat.MindSporeResize;
import org.resample.core.compat.OpenCvResize;
import org.resample.core.compat.PillowResize;
import org.resample.core.compat.TensorFlowResize;
import org.resample.spark.CompatImages.Recorded;
import org.resample.spark.sql.ResampleFunctions;

/**
 * The compat option of the SQL functions on images read by {@code spark.read.format("image")}:
 * PNGs holding inputs recorded from OpenCV and Pillow, resized by the catalog function, the UDF
 * and the Column API, give the libraries' recorded results (uint8, exact) and the profiles' entry
 * points on the image as Spark stores it (BGR(A)); the option's mistakes fail the query with
 * messages naming the function, the column and the value.
 */
class CompatSqlTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static final String OPENCV = "g01.uint8.";
  static Recorded pillowRgb;
  static Recorded pillowRgba;

  @BeforeAll
  static void writeImages() throws IOException {
    spark = SparkTesting.spark();
    CompatImages.writePng(CompatImages.recorded("opencv", OPENCV + "linear").input, dir.resolve("opencv/g01.png"));
    pillowRgb = CompatImages.recorded("pillow", "RGB-down-bicubic");
    pillowRgba = CompatImages.recorded("pillow", "RGBA-up-bilinear");
    CompatImages.writePng(pillowRgb.input, dir.resolve("pillow-rgb/rgb.png"));
    CompatImages.writePng(pillowRgba.input, dir.resolve("pillow-rgba/rgba.png"));
    images("opencv").createOrReplaceTempView("cv_images");
    images("pillow-rgb").createOrReplaceTempView("pil_rgb");
    images("pillow-rgba").createOrReplaceTempView("pil_rgba");
  }

  static Dataset<Row> images(String sub) {
    return spark.read().format("image").load(dir.resolve(sub).toString());
  }

  /** The messages of a failure and its causes. */
  static String failure(Runnable r) {
    Throwable t = assertThrows(Throwable.class, r::run);
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c.getMessage()).append('\n');
    }
    return sb.toString();
  }

  @Test
  void interpolate_compatOpencv_onSparkImages_givesOpenCvsNumbers_everyFilter() {
    StringBuilder sql = new StringBuilder("SELECT image");
    for (String f : Compat.OPENCV.filters()) {
      sql.append(", resample.interpolate(image, array(10, 15), '").append(f).append("', map('compat', 'opencv')) AS ").append(f);
    }
    Row r = spark.sql(sql + " FROM cv_images").first();
    Tensor asRead = CompatImages.tensor(r.getStruct(0));
    for (String f : Compat.OPENCV.filters()) {
      Row out = r.getAs(f);
      CompatImages.assertImage(OpenCvResize.resize(asRead, 10, 15, f), out, "opencv " + f + " vs OpenCvResize");
      if (!f.equals("cubic")) { // uint8 INTER_CUBIC is bounded, not exact (docs/compat-opencv.md)
        Recorded rec = CompatImages.recorded("opencv", OPENCV + f);
        CompatImages.assertImage(rec.expected, out, "opencv " + f + " vs cv2.resize");
      }
      assertTrue(out.getString(0).endsWith("g01.png"), "origin kept");
    }
  }

  @Test
  void catalogUdfAndColumnApi_compatPillow_rgbAndRgba_givePillowsNumbers() {
    String size = "array(" + pillowRgb.outHeight() + ", " + pillowRgb.outWidth() + ")";
    Row catalog = spark.sql("SELECT resample.interpolate(image, " + size + ", 'bicubic', map('compat', 'pillow')) FROM pil_rgb").first();
    Row udf = spark.sql("SELECT interpolate_image(image, " + size + ", 'BICUBIC', map('compat', 'Pillow')) FROM pil_rgb").first();
    Row column = images("pillow-rgb")
        .select(ResampleFunctions.interpolate(
            col("image"), new int[] {pillowRgb.outHeight(), pillowRgb.outWidth()}, "bicubic", Map.of("compat", "pillow")))
        .first();
    for (Row r : new Row[] {catalog, udf, column}) {
      CompatImages.assertImage(pillowRgb.expected, r.getStruct(0), "pillow RGB bicubic vs PIL");
    }
    // RGBA: Spark's BGRA has alpha last, as Pillow's RGBA: premultiplied the same way
    Row rgba = spark.sql("SELECT image, resample.interpolate(image, array(" + pillowRgba.outHeight() + ", "
        + pillowRgba.outWidth() + "), 'bilinear', map('compat', 'pillow')) FROM pil_rgba").first();
    assertEquals(4, rgba.getStruct(0).getInt(3));
    CompatImages.assertImage(pillowRgba.expected, rgba.getStruct(1), "pillow RGBA bilinear vs PIL");
    Tensor asRead = CompatImages.tensor(rgba.getStruct(0));
    CompatImages.assertImage(
        PillowResize.resize(asRead, pillowRgba.outHeight(), pillowRgba.outWidth(), "bilinear", 2.0),
        spark.sql("SELECT resample.interpolate(image, array(" + pillowRgba.outHeight() + ", " + pillowRgba.outWidth()
            + "), 'bilinear', map('compat', 'pillow', 'reducing_gap', '2')) FROM pil_rgba").first().getStruct(0),
        "pillow reducing_gap 2");
  }

  @Test
  void compatTensorflow_nearestOnImages_andFloat32ResultsWidenedInFloat64Columns() {
    Row r = spark.sql("SELECT image, resample.interpolate(image, array(7, 9), 'nearest', map('compat', 'tensorflow'))"
        + " FROM cv_images").first();
    Tensor asRead = CompatImages.tensor(r.getStruct(0));
    CompatImages.assertImage(TensorFlowResize.resize(asRead, 7, 9, "nearest", false), r.getStruct(1), "tf nearest");
    double[] d = new double[2 * 5 * 6];
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) Math.sin(i * 0.7) * 100;
      d[i] = f[i];
    }
    StringBuilder arr = new StringBuilder("array(");
    for (int i = 0; i < d.length; i++) {
      arr.append(i == 0 ? "" : ", ").append("CAST(").append(d[i]).append(" AS DOUBLE)");
    }
    Row t = spark.sql("SELECT resample.interpolate(resample.tensor(" + arr + "), array(1, 2, 5, 6)), array(3, 4),"
        + " 'lanczos3', map('compat', 'tensorflow', 'antialias', 'true')).data").first();
    float[] want = TensorFlowResize.resize(Tensor.ofFloat(f, 1, 2, 5, 6), 3, 4, "lanczos3", true).floatData();
    double[] got = t.getList(0).stream().mapToDouble(v -> (Double) v).toArray();
    double[] wanted = new double[want.length];
    for (int i = 0; i < want.length; i++) {
      wanted[i] = want[i];
    }
    assertArrayEquals(wanted, got, 0.0);
  }

  @Test
  void compatMindspore_onFloat32Tensors_isMindSporeResize_andRefusesImages() {
    StringBuilder arr = new StringBuilder("array(");
    float[] f = new float[3 * 6 * 7];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) Math.cos(i * 0.3) * 40;
      arr.append(i == 0 ? "" : ", ").append("CAST(").append(f[i]).append(" AS FLOAT)");
    }
    Row r = spark.sql("SELECT resample.interpolate(resample.tensor(" + arr + "), array(3, 6, 7)), array(4, 9),"
        + " 'bicubic', map('compat', 'mindspore', 'align_corners', 'false')).data").first();
    float[] want = MindSporeResize.resize(Tensor.ofFloat(f, 1, 3, 6, 7),
        InterpolateOptions.builder().mode("bicubic").size(4, 9).alignCorners(false).build()).floatData();
    float[] got = new float[want.length];
    for (int i = 0; i < got.length; i++) {
      got[i] = (Float) r.getList(0).get(i);
    }
    assertArrayEquals(want, got);
    String images = failure(() -> spark.sql(
        "SELECT resample.interpolate(image, array(4, 4), 'bilinear', map('compat', 'mindspore')) FROM cv_images").collect());
    assertTrue(images.contains("compat 'mindspore' takes float tensors only"), images);
  }

  @Test
  void optionMistakes_failTheQuery_namingFunctionColumnAndValue() {
    String bad = failure(() -> spark.sql(
        "SELECT resample.interpolate(image, array(4, 4), 'area', map('compat', 'cv2')) FROM cv_images").collect());
    assertTrue(bad.contains("resample.interpolate") && bad.contains("invalid value 'cv2' for option 'compat'")
        && bad.contains("'pytorch' | 'opencv' | 'pillow' | 'tensorflow' | 'tensorflow-v1' | 'mindspore'"), bad);
    String filter = failure(() -> spark.sql(
        "SELECT resample.interpolate(image, array(4, 4), 'lanczos4', map('compat', 'pillow')) FROM cv_images").collect());
    assertTrue(filter.contains("resample.interpolate(image)") && filter.contains("unknown mode 'lanczos4' for compat 'pillow'")
        && filter.contains("nearest | box | bilinear | hamming | bicubic | lanczos"), filter);
    String gap = failure(() -> images("opencv")
        .select(ResampleFunctions.interpolate(col("image"), new int[] {4, 4}, "area", Map.of("compat", "opencv", "reducing_gap", "2")))
        .collect());
    assertTrue(gap.contains("resample.interpolate(image)")
        && gap.contains("reducing_gap does not apply to compat 'opencv'"), gap);
    String hpc = failure(() -> spark.sql("SELECT resample.interpolate(image, array(4, 4), 'bilinear',"
        + " map('compat', 'tensorflow', 'half_pixel_centers', 'true', 'column', 'photo')) FROM cv_images").collect());
    assertTrue(hpc.contains("resample.interpolate(photo)")
        && hpc.contains("half_pixel_centers does not apply to compat 'tensorflow'"), hpc);
    String scale = failure(() -> spark.sql(
        "SELECT resample.interpolate_scale(image, 0.5, 'area', map('compat', 'opencv')) FROM cv_images").collect());
    assertTrue(scale.contains("scale_factor does not apply to compat 'opencv'")
        && scale.contains("call resample.interpolate with the output size"), scale);
    String onError = failure(() -> spark.sql("SELECT resample.interpolate(image, array(4, 4), 'bilinear',"
        + " map('compat', 'tensorflow', 'on_error', 'null')) FROM cv_images").collect());
    assertTrue(onError.contains("compat 'tensorflow' with mode 'bilinear' returns float32")
        && onError.contains("use mode 'nearest'"), onError);
  }
}
