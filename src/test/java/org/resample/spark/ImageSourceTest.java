package org.resample.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resample.core.DType;
import org.resample.core.Interpolate;
import org.resample.core.InterpolateOptions;
import org.resample.core.Mode;
import org.resample.core.Tensor;
import org.resample.spark.ParityFixtures.Case;
import org.resample.spark.codec.RowCodec;
import org.resample.spark.sql.ResampleFunctions;

/**
 * The image path on real PNG files: written with javax.imageio, read with {@code
 * spark.read.format("image")}, resampled as image structs, compared with torch (nearest modes, which
 * torch 1.13 has for uint8) and with the core (every mode), and written through Parquet.
 */
class ImageSourceTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static byte[] bgr; // H x W x 3, the fixture image in Spark's stored order
  static final int H = 13;
  static final int W = 17;

  @BeforeAll
  static void writePngs() throws IOException {
    spark = SparkTesting.spark();
    Tensor hwc = ParityFixtures.npy(ParityFixtures.resource("image-hwc.npy"), DType.UINT8);
    assertArrayEquals(new int[] {H, W, 3}, hwc.shape());
    bgr = hwc.uint8Data();
    Path rgbDir = Files.createDirectories(dir.resolve("rgb"));
    BufferedImage rgb = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        int i = (y * W + x) * 3;
        int b = bgr[i] & 0xFF;
        int g = bgr[i + 1] & 0xFF;
        int r = bgr[i + 2] & 0xFF;
        rgb.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    ImageIO.write(rgb, "png", rgbDir.resolve("fixture.png").toFile());
    // RGBA and grey images for the 4- and 1-channel paths.
    Path otherDir = Files.createDirectories(dir.resolve("other"));
    BufferedImage rgba = new BufferedImage(9, 7, BufferedImage.TYPE_INT_ARGB);
    BufferedImage grey = new BufferedImage(8, 6, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 7; y++) {
      for (int x = 0; x < 9; x++) {
        rgba.setRGB(x, y, ((x * 29 + 11) << 24) | ((y * 31) << 16) | ((x * 17) << 8) | (x * y * 3));
      }
    }
    for (int y = 0; y < 6; y++) {
      for (int x = 0; x < 8; x++) {
        grey.getRaster().setSample(x, y, 0, (x * 37 + y * 11) & 0xFF);
      }
    }
    ImageIO.write(rgba, "png", otherDir.resolve("rgba.png").toFile());
    ImageIO.write(grey, "png", otherDir.resolve("grey.png").toFile());
  }

  private static Dataset<Row> images(String sub) {
    return spark.read().format("image").load(dir.resolve(sub).toString());
  }

  @Test
  void imageSource_fromImage_isTheFixtureInBgrChw() {
    Row r = images("rgb").select(ResampleFunctions.fromImage(col("image"))).first();
    Tensor chw = TestRows.tensor(r.getStruct(0), DType.UINT8);
    assertArrayEquals(new int[] {3, H, W}, chw.shape());
    assertArrayEquals(RowCodec.hwcToChw(bgr, H, W, 3), chw.uint8Data());
  }

  @Test
  void interpolateImage_nearestModes_matchTorch() {
    images("rgb").createOrReplaceTempView("png_rgb");
    for (Case c : ParityFixtures.cases()) {
      if (!c.image) {
        continue;
      }
      String sql =
          "SELECT resample.interpolate(image, array(" + c.size[0] + ", " + c.size[1] + "), '" + c.mode
              + "', map('torch_version', '1.13')) FROM png_rgb";
      Row udf =
          spark
              .sql(
                  "SELECT interpolate_image(image, array(" + c.size[0] + ", " + c.size[1] + "), '" + c.mode
                      + "', map('torch_version', '1.13')) FROM png_rgb")
              .first();
      Row col =
          images("rgb")
              .select(ResampleFunctions.interpolate(col("image"), c.size, c.mode, c.sqlOptions()))
              .first();
      for (Row r : List.of(spark.sql(sql).first(), udf, col)) {
        Row img = r.getStruct(0);
        assertTrue(img.getString(0).endsWith("fixture.png"), "origin kept: " + img.getString(0));
        assertEquals(c.size[0], img.getInt(1));
        assertEquals(c.size[1], img.getInt(2));
        assertEquals(3, img.getInt(3));
        assertEquals(16, img.getInt(4));
        Tensor hwc = Tensor.ofUint8((byte[]) img.get(5), c.size[0], c.size[1], 3);
        ParityFixtures.assertMatchesTorch(c, hwc, "image " + c.mode);
      }
    }
  }

  @Test
  void interpolateImage_everyChannelCountAndMode_matchesCore() {
    Dataset<Row> all = images("other").union(images("rgb"));
    for (Mode m : new Mode[] {Mode.NEAREST, Mode.NEAREST_EXACT, Mode.BILINEAR, Mode.BICUBIC, Mode.AREA}) {
      Map<String, String> opts = m == Mode.BILINEAR ? Map.of("antialias", "true") : Map.of();
      List<Row> rows =
          all.select(col("image"), ResampleFunctions.interpolate(col("image"), new int[] {5, 4}, m.torchName(), opts))
              .collectAsList();
      assertEquals(3, rows.size());
      for (Row r : rows) {
        Row in = r.getStruct(0);
        Row out = r.getStruct(1);
        int c = in.getInt(3);
        Tensor x = Tensor.ofUint8(RowCodec.hwcToChw((byte[]) in.get(5), in.getInt(1), in.getInt(2), c), 1, c, in.getInt(1), in.getInt(2));
        Tensor y =
            Interpolate.interpolate(
                x, InterpolateOptions.builder().size(5, 4).mode(m).antialias(m == Mode.BILINEAR).build());
        assertEquals(c, out.getInt(3));
        assertEquals(in.getInt(4), out.getInt(4));
        assertArrayEquals(RowCodec.chwToHwc(y.uint8Data(), c, 5, 4), (byte[]) out.get(5), m + " " + in.getString(0));
      }
    }
  }

  @Test
  void imageStructs_roundTripThroughParquet() {
    String p = dir.resolve("images.parquet").toString();
    images("other")
        .select(
            col("image"),
            ResampleFunctions.interpolateScale(col("image"), 0.5, "area", Map.of()).as("half"),
            ResampleFunctions.toNpy(col("image")).as("npy"))
        .write()
        .parquet(p);
    Dataset<Row> back = spark.read().parquet(p);
    back.createOrReplaceTempView("img_back");
    List<Row> rows =
        spark
            .sql(
                "SELECT image, half, resample.tensor_shape(half), resample.tensor_shape(resample.from_npy_uint8(npy)),"
                    + " resample.to_image(resample.from_image(image)) FROM img_back")
            .collectAsList();
    assertEquals(2, rows.size());
    for (Row r : rows) {
      Row img = r.getStruct(0);
      int c = img.getInt(3);
      assertArrayEquals(new int[] {c, img.getInt(1) / 2, img.getInt(2) / 2}, TestRows.ints(r.getList(2)));
      assertArrayEquals(new int[] {img.getInt(1), img.getInt(2), c}, TestRows.ints(r.getList(3)));
      Row again = r.getStruct(4);
      assertArrayEquals((byte[]) img.get(5), (byte[]) again.get(5));
      assertEquals(img.getInt(4), again.getInt(4));
    }
  }
}
