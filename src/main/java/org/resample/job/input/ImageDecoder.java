package org.resample.job.input;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Decodes an image file's bytes (PNG, JPEG, BMP, GIF, WBMP: what {@code javax.imageio} reads) into
 * the layout of Spark's image struct: rows of pixels, channels interleaved, 8 bits per channel.
 *
 * <ul>
 *   <li>Grey without alpha: 1 channel. Samples of other bit depths (1, 2, 4 and 16 bits) are scaled
 *       to 8 bits as {@code round(v * 255 / (2^bits - 1))}.
 *   <li>Grey with alpha: 4 channels (B = G = R = the grey value, then alpha), scaled the same way.
 *   <li>Colour (RGB, palette): 3 channels in the order B, G, R, or 4 (B, G, R, A) when the image
 *       has alpha (a palette with a transparent entry counts); 16-bit channels become 8 bits by the
 *       colour model's rounding ({@code round(v * 255 / 65535)}).
 *   <li>Not applied: EXIF orientation, embedded ICC profiles other than sRGB / linear grey
 *       conversions Java does itself. CMYK JPEGs are not supported (a decoding error).
 * </ul>
 */
public final class ImageDecoder {
  private ImageDecoder() {}

  /** One decoded image: {@code height x width x channels} bytes, B, G, R(, A) or grey. */
  public static final class Decoded {
    public final int height;
    public final int width;
    public final int channels;
    public final byte[] data;

    Decoded(int height, int width, int channels, byte[] data) {
      this.height = height;
      this.width = width;
      this.channels = channels;
      this.data = data;
    }
  }

  /**
   * Decodes {@code bytes}.
   *
   * @throws IOException saying why the bytes are no image this decoder reads
   */
  public static Decoded decode(byte[] bytes) throws IOException {
    BufferedImage img;
    try {
      img = ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      throw new IOException("cannot decode the image: " + e.getMessage(), e);
    }
    if (img == null) {
      throw new IOException("not an image format javax.imageio reads (PNG, JPEG, BMP, GIF, WBMP)");
    }
    int h = img.getHeight();
    int w = img.getWidth();
    if ((long) h * w * 4 > Integer.MAX_VALUE - 8) {
      throw new IOException("image of " + w + "x" + h + " pixels is too large");
    }
    ColorModel cm = img.getColorModel();
    Raster raster = img.getRaster();
    boolean grey = !(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    if (grey) {
      int bits = raster.getSampleModel().getSampleSize(0);
      long max = (1L << bits) - 1;
      boolean alpha = cm.hasAlpha() && raster.getNumBands() > 1;
      int c = alpha ? 4 : 1;
      byte[] out = new byte[h * w * c];
      int[] px = new int[raster.getNumBands()];
      int alphaBits = alpha ? raster.getSampleModel().getSampleSize(1) : 0;
      long alphaMax = (1L << alphaBits) - 1;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          raster.getPixel(x, y, px);
          byte v = scale(px[0], max);
          int i = (y * w + x) * c;
          if (alpha) {
            out[i] = v;
            out[i + 1] = v;
            out[i + 2] = v;
            out[i + 3] = scale(px[1], alphaMax);
          } else {
            out[i] = v;
          }
        }
      }
      return new Decoded(h, w, c, out);
    }
    if (cm.getNumColorComponents() != 3 && !(cm instanceof IndexColorModel)) {
      throw new IOException("unsupported colour space with " + cm.getNumColorComponents()
          + " components (e.g. CMYK); convert the file to RGB or grey");
    }
    boolean alpha = cm.hasAlpha();
    int c = alpha ? 4 : 3;
    byte[] out = new byte[h * w * c];
    int[] argb = new int[w];
    for (int y = 0; y < h; y++) {
      img.getRGB(0, y, w, 1, argb, 0, w);
      for (int x = 0; x < w; x++) {
        int p = argb[x];
        int i = (y * w + x) * c;
        out[i] = (byte) p; // B
        out[i + 1] = (byte) (p >> 8); // G
        out[i + 2] = (byte) (p >> 16); // R
        if (alpha) {
          out[i + 3] = (byte) (p >>> 24);
        }
      }
    }
    return new Decoded(h, w, c, out);
  }

  private static byte scale(int v, long max) {
    if (max == 255) {
      return (byte) v;
    }
    return (byte) ((v * 255L * 2 + max) / (2 * max)); // round(v * 255 / max), halves up
  }
}
