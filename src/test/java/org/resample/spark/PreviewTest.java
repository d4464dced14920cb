package org.resample.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.resample.core.Tensor;
import org.resample.spark.codec.TensorTypes;
import org.resample.spark.preview.Preview;

class PreviewTest {

  private static BufferedImage decode(byte[] png) throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    assertTrue(img != null, "not a PNG");
    return img;
  }

  @Test
  void png_uint8Rgb_keepsEveryPixelAndChannel() throws IOException {
    // (C=3, H=2, W=3): R plane 0..5 * 40, G plane constant 7, B plane 255 - R
    byte[] d = new byte[18];
    for (int i = 0; i < 6; i++) {
      d[i] = (byte) (i * 40);
      d[6 + i] = 7;
      d[12 + i] = (byte) (255 - i * 40);
    }
    BufferedImage img = decode(Preview.png(Tensor.ofUint8(d, 3, 2, 3)));
    assertEquals(3, img.getWidth());
    assertEquals(2, img.getHeight());
    for (int i = 0; i < 6; i++) {
      int rgb = img.getRGB(i % 3, i / 3);
      assertEquals(i * 40, (rgb >> 16) & 0xFF);
      assertEquals(7, (rgb >> 8) & 0xFF);
      assertEquals(255 - i * 40, rgb & 0xFF);
    }
  }

  @Test
  void png_floatRange_mapsLoToBlackAndHiToWhite() throws IOException {
    Tensor t = Tensor.ofFloat(new float[] {-1f, 0f, 1f, 3f}, 1, 1, 2, 2);
    BufferedImage img = decode(Preview.png(t, -1, 1, 64));
    assertEquals(0, img.getRaster().getSample(0, 0, 0));
    assertEquals(128, img.getRaster().getSample(1, 0, 0)); // 127.5 rounds to 128
    assertEquals(255, img.getRaster().getSample(0, 1, 0));
    assertEquals(255, img.getRaster().getSample(1, 1, 0), "values above hi are clamped");
  }

  @Test
  void png_largeTensor_isReducedToMaxSideKeepingAspect() throws IOException {
    Tensor t = Tensor.ofFloat(new float[3 * 400 * 100], 3, 400, 100);
    BufferedImage img = decode(Preview.png(t, 0, 1, 80));
    assertEquals(80, img.getHeight());
    assertEquals(20, img.getWidth());
  }

  @Test
  void png_volume_showsMiddleDepthSlice() throws IOException {
    // (N=1, C=1, D=3, H=1, W=1): slices 10, 20, 30; the middle one is shown
    Tensor t = Tensor.ofFloat(new float[] {10, 20, 30}, 1, 1, 3, 1, 1);
    BufferedImage img = decode(Preview.png(t, 0, 40, 8));
    assertEquals(Math.round(20 * 255 / 40.0), img.getRaster().getSample(0, 0, 0));
  }

  @Test
  void png_imageStruct_showsBgrInTrueColours() throws IOException {
    // one pixel, stored B=200, G=100, R=50 (HWC, BGR)
    Row image = new GenericRowWithSchema(
        new Object[] {"x.png", 1, 1, 3, 16, new byte[] {(byte) 200, 100, 50}}, TensorTypes.IMAGE);
    int rgb = decode(Preview.png(image)).getRGB(0, 0);
    assertEquals(50, (rgb >> 16) & 0xFF);
    assertEquals(100, (rgb >> 8) & 0xFF);
    assertEquals(200, rgb & 0xFF);
  }

  @Test
  void png_badArguments_sayWhatIsWrong() {
    Tensor t = Tensor.ofFloat(new float[4], 1, 2, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Preview.png(t, 1, 1, 10));
    assertTrue(e.getMessage().contains("lo < hi"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Preview.png(t, 0, 1, 0));
    assertTrue(e.getMessage().contains("maxSide"), e.getMessage());
  }

  private static Row canonical(float[] data, int... shape) {
    List<Float> l = new ArrayList<>();
    for (float f : data) {
      l.add(f);
    }
    List<Integer> s = new ArrayList<>();
    for (int i : shape) {
      s.add(i);
    }
    return new GenericRowWithSchema(
        new Object[] {
          scala.jdk.javaapi.CollectionConverters.asScala(l).toSeq(),
          scala.jdk.javaapi.CollectionConverters.asScala(s).toSeq()
        },
        TensorTypes.FLOAT32);
  }

  @Test
  void html_oneThumbnailPerTensorCell_nullsAndKeysShown() throws IOException {
    StructType schema = new StructType()
        .add("id", DataTypes.StringType)
        .add("before", TensorTypes.FLOAT32)
        .add("after", TensorTypes.FLOAT32);
    List<Row> rows = List.of(
        new GenericRowWithSchema(
            new Object[] {"<a&b>", canonical(new float[] {0, 1, 2, 3}, 1, 2, 2), canonical(new float[] {1.5f}, 1, 1, 1)},
            schema),
        new GenericRowWithSchema(new Object[] {"k2", canonical(new float[] {5, 6}, 1, 1, 2), null}, schema));
    String page = Preview.html("report <1>", rows, "before", "after", "id");
    assertTrue(page.startsWith("<!DOCTYPE html>"));
    assertTrue(page.contains("&lt;a&amp;b&gt;"), "key escaped");
    assertTrue(page.contains("report &lt;1&gt;"), "title escaped");
    assertTrue(page.contains("<i>NULL</i>"));
    assertTrue(page.contains("[1, 2, 2] float32"));
    Matcher m = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)").matcher(page);
    int images = 0;
    while (m.find()) {
      decode(Base64.getDecoder().decode(m.group(1)));
      images++;
    }
    assertEquals(3, images);
    assertEquals(2, page.split("<svg").length - 1, "one histogram per row");
  }

  @Test
  void fragment_unknownColumn_namesItAndTheColumns() {
    StructType schema = new StructType().add("a", TensorTypes.FLOAT32);
    List<Row> rows = List.of(new GenericRowWithSchema(new Object[] {null}, schema));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Preview.fragment(rows, "a", "b", null));
    assertTrue(e.getMessage().contains("'b'") && e.getMessage().contains("[a]"), e.getMessage());
  }
}
