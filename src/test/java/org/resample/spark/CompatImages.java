package org.resample.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.resample.core.DType;
import org.resample.core.Tensor;
import org.resample.spark.codec.RowCodec;
import org.resample.testing.Golden;

/**
 * Images for the compat tests of the Spark layers: a uint8 case recorded from the real library
 * (src/test/resources/golden/compat/LIB), written as a PNG that {@code spark.read.format("image")}
 * reads back with exactly the case's planes in its stored channel order, and the conversions
 * between Spark's image struct (H x W x C, BGR(A)) and an {@code (1, C, H, W)} tensor.
 */
public final class CompatImages {
  private CompatImages() {}

  /** One uint8 resize recorded from a library: its input, output size and result. */
  public static final class Recorded {
    public final String id;
    public final String filter;
    public final Tensor input;
    public final Tensor expected;

    Recorded(String id, String filter, Tensor input, Tensor expected) {
      this.id = id;
      this.filter = filter;
      this.input = input;
      this.expected = expected;
    }

    public int outHeight() {
      return expected.size(2);
    }

    public int outWidth() {
      return expected.size(3);
    }
  }

  /**
   * The case {@code id} of the fixtures of {@code library} (opencv, pillow): a uint8 (1, C, H, W)
   * input and the library's result.
   */
  @SuppressWarnings("unchecked")
  public static Recorded recorded(String library, String id) {
    String root = "/golden/compat/" + library + "/";
    Map<String, Object> c = null;
    for (String line : text(root + "cases.jsonl").split("\n")) {
      if (!line.isBlank()) {
        Map<String, Object> o = (Map<String, Object>) Golden.Json.parse(line);
        if (id.equals(o.get("id"))) {
          c = o;
        }
      }
    }
    if (c == null) {
      throw new IllegalStateException("no case " + id + " in " + root + "cases.jsonl");
    }
    Map<String, byte[]> arrays = new HashMap<>();
    try (ZipInputStream z = new ZipInputStream(stream(root + "arrays.npz"))) {
      ZipEntry e;
      while ((e = z.getNextEntry()) != null) {
        arrays.put(e.getName(), z.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int[] in = Golden.Json.intArray(c.get("in_shape"));
    int[] out;
    String filter;
    String expectedName;
    if (library.equals("pillow")) {
      out = new int[] {in[0], in[1], ((Number) c.get("out_h")).intValue(), ((Number) c.get("out_w")).intValue()};
      filter = (String) c.get("filter");
      expectedName = id + ".out";
    } else {
      int[] size = Golden.Json.intArray(c.get("out_size"));
      out = new int[] {in[0], in[1], size[0], size[1]};
      filter = (String) c.get("interpolation");
      expectedName = id;
    }
    String inputName = (String) c.get("input");
    Tensor x = Golden.Npy.read(arrays.get(inputName + ".npy"), DType.UINT8, in, inputName);
    Tensor y = Golden.Npy.read(arrays.get(expectedName + ".npy"), DType.UINT8, out, expectedName);
    return new Recorded(id, filter, x, y);
  }


  private static InputStream stream(String resource) {
    InputStream in = CompatImages.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + resource);
    }
    return in;
  }

  private static String text(String resource) {
    try (InputStream in = stream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the (1, C, H, W) uint8 tensor {@code t}, C = 3 or 4, as the PNG {@code file} such that
   * Spark's image source stores plane k as its k-th channel: planes 0, 1, 2 are Spark's B, G, R
   * (and plane 3 alpha).
   */
  public static void writePng(Tensor t, Path file) throws IOException {
    int c = t.size(1);
    int h = t.size(2);
    int w = t.size(3);
    byte[] d = t.uint8Data();
    BufferedImage img =
        new BufferedImage(w, h, c == 4 ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        int b = d[i] & 0xFF;
        int g = d[h * w + i] & 0xFF;
        int r = d[2 * h * w + i] & 0xFF;
        int a = c == 4 ? d[3 * h * w + i] & 0xFF : 255;
        img.setRGB(x, y, (a << 24) | (r << 16) | (g << 8) | b);
      }
    }
    Files.createDirectories(file.getParent());
    ImageIO.write(img, "png", file.toFile());
  }

  /** Spark's image struct as a (1, C, H, W) tensor, channels in stored (BGR(A)) order. */
  public static Tensor tensor(Row image) {
    int h = image.getInt(1);
    int w = image.getInt(2);
    int c = image.getInt(3);
    return Tensor.ofUint8(RowCodec.hwcToChw((byte[]) image.get(5), h, w, c), 1, c, h, w);
  }

  /** Asserts that the image struct {@code image} holds exactly the (1, C, H, W) tensor {@code t}. */
  public static void assertImage(Tensor t, Row image, String what) {
    assertEquals(t.size(2), image.getInt(1), what + ": height");
    assertEquals(t.size(3), image.getInt(2), what + ": width");
    assertEquals(t.size(1), image.getInt(3), what + ": channels");
    assertArrayEquals(t.uint8Data(), tensor(image).uint8Data(), what + ": pixels");
  }
}
