package org.resample.core.compat;

import org.resample.core.DType;
import org.resample.core.InterpolateException;
import org.resample.core.Tensor;

/**
 * The Pillow profile: {@code PIL.Image.resize(size, resample, reducing_gap=...)} on {@code (N, C,
 * H, W)} tensors, with Pillow's numbers (docs/compat-pillow.md).
 *
 * <p>Each image of the batch is one Pillow image: uint8 with C=1 is mode "L", C=3 "RGB", C=4
 * "RGBA" (alpha in channel 3); float32 is mode "F", one image per channel plane. For RGBA with any
 * filter but nearest, Pillow premultiplies the colour by alpha ("RGBa"), resizes, and divides
 * again; so does this profile. Channel order matters only for where alpha is: every other channel
 * goes through the same arithmetic, so BGR and RGB give the same numbers per channel.
 *
 * <pre>{@code
 * Tensor out = PillowResize.resize(rgb, 224, 224, "bicubic", null);
 * }</pre>
 */
public final class PillowResize {
  private PillowResize() {}

  /**
   * Resizes every image of {@code input} to {@code outHeight x outWidth} as {@code
   * PIL.Image.resize((outWidth, outHeight), filter, reducing_gap=reducingGap)} does.
   *
   * @param input uint8 {@code (N, C, H, W)} with C in {1, 3, 4}, or float32 {@code (N, C, H, W)}
   * @param filter nearest, box, bilinear, hamming, bicubic or lanczos (any case; {@code
   *     "Resampling.BICUBIC"} spellings accepted)
   * @param reducingGap null for Pillow's default (no reduce step), else at least 1.0
   * @return a tensor of the input's dtype, {@code (N, C, outHeight, outWidth)}
   * @throws InterpolateException if the tensor, size, filter or reducing gap is not one Pillow
   *     accepts
   */
  public static Tensor resize(
      Tensor input, int outHeight, int outWidth, String filter, Double reducingGap) {
    PillowFilter f = PillowFilter.parse(filter);
    checkInput(input);
    if (outHeight < 1 || outWidth < 1) {
      throw error(
          "height and width must be > 0 (got outHeight=" + outHeight + ", outWidth=" + outWidth
              + "); ask for an output of at least 1x1");
    }
    if (reducingGap != null && !(reducingGap >= 1.0)) {
      throw error(
          "reducing_gap must be 1.0 or greater (got " + reducingGap
              + "); pass null for no reduce step");
    }
    int n = input.size(0);
    int c = input.size(1);
    int h = input.size(2);
    int w = input.size(3);
    long outElements = (long) n * c * outHeight * outWidth;
    if (outElements > Integer.MAX_VALUE - 8) {
      throw error(
          "output of " + n + "x" + c + "x" + outHeight + "x" + outWidth + " = " + outElements
              + " elements is more than a tensor holds (" + (Integer.MAX_VALUE - 8)
              + "); resize fewer images per call or ask for a smaller size");
    }
    int inImage = h * w;
    int outImage = outHeight * outWidth;
    if (input.dtype() == DType.UINT8) {
      byte[] src = input.uint8Data();
      byte[] dst = null;
      for (int i = 0; i < n; i++) {
        PillowImage im = PillowImage.ofBytes(c, w, h, src, i * c * inImage);
        PillowImage r = imageResize(im, c == 4, outWidth, outHeight, f, reducingGap);
        if (n == 1 && r.bytes != src && r.offset == 0 && r.bytes.length == outElements) {
          return Tensor.ofUint8(r.bytes, 1, c, outHeight, outWidth); // a fresh array: no copy
        }
        if (dst == null) {
          dst = new byte[(int) outElements];
        }
        r.copyTo(dst, i * c * outImage);
      }
      return Tensor.ofUint8(
          dst != null ? dst : new byte[(int) outElements], n, c, outHeight, outWidth);
    } else {
      float[] src = input.floatData();
      float[] dst = null;
      for (int p = 0; p < n * c; p++) {
        PillowImage im = PillowImage.ofFloats(w, h, src, p * inImage);
        PillowImage r = imageResize(im, false, outWidth, outHeight, f, reducingGap);
        if (n * c == 1 && r.floats != src && r.offset == 0 && r.floats.length == outElements) {
          return Tensor.ofFloat(r.floats, 1, 1, outHeight, outWidth); // a fresh array: no copy
        }
        if (dst == null) {
          dst = new float[(int) outElements];
        }
        r.copyTo(dst, p * outImage);
      }
      return Tensor.ofFloat(
          dst != null ? dst : new float[(int) outElements], n, c, outHeight, outWidth);
    }
  }

  private static void checkInput(Tensor input) {
    if (input == null) {
      throw error("input must not be null; pass an (N, C, H, W) tensor");
    }
    if (input.rank() != 4) {
      throw error(
          "input must be 4-D (N, C, H, W), got shape " + java.util.Arrays.toString(input.shape())
              + "; add the batch dimension");
    }
    int c = input.size(1);
    if (input.dtype() == DType.UINT8) {
      if (c != 1 && c != 3 && c != 4) {
        throw error(
            "uint8 input has " + c + " channels; Pillow's 8-bit modes here are L (1 channel), RGB"
                + " (3) and RGBA (4, alpha last): pass 1, 3 or 4 channels, or float32 for other"
                + " counts (each channel resized as mode F)");
      }
    } else if (input.dtype() != DType.FLOAT32) {
      throw error(
          "input dtype " + input.dtype() + " has no Pillow mode; pass uint8 (modes L, RGB, RGBA)"
              + " or float32 (mode F)");
    }
    if (input.size(2) < 1 || input.size(3) < 1) {
      throw error(
          "input height and width must be > 0, got shape "
              + java.util.Arrays.toString(input.shape()) + "; Pillow has no empty images");
    }
  }

  static InterpolateException error(String message) {
    return new InterpolateException("Pillow resize: " + message);
  }

  // ---------------------------------------------------------------------------------------------
  // Image.resize (Image.py): the decisions above the C call.

  private static PillowImage imageResize(
      PillowImage im, boolean rgba, int outW, int outH, PillowFilter f, Double reducingGap) {
    if (im.width == outW && im.height == outH) {
      return im;
    }
    if (rgba && f != PillowFilter.NEAREST) {
      // convert("RGBa"), resize without reducing_gap (Image.py passes none on), convert back.
      PillowImage premultiplied = premultiply(im);
      return unpremultiply(imageResize(premultiplied, false, outW, outH, f, null));
    }
    double[] box = {0, 0, im.width, im.height};
    if (reducingGap != null && f != PillowFilter.NEAREST) {
      int fx = (int) ((box[2] - box[0]) / outW / reducingGap);
      int fy = (int) ((box[3] - box[1]) / outH / reducingGap);
      fx = fx == 0 ? 1 : fx;
      fy = fy == 0 ? 1 : fy;
      if (fx > 1 || fy > 1) {
        int[] reduceBox = safeBox(im, outW, outH, f, box);
        im = PillowKernels.reduce(im, fx, fy, reduceBox);
        box =
            new double[] {
              (box[0] - reduceBox[0]) / fx,
              (box[1] - reduceBox[1]) / fy,
              (box[2] - reduceBox[0]) / fx,
              (box[3] - reduceBox[1]) / fy
            };
      }
    }
    if (im.height > (long) im.width * 100 && outH < im.height) {
      // Pillow resizes very tall images vertically first, as two calls.
      PillowImage tall =
          cResize(im, im.width, outH, f, floats(0, box[1], im.width, box[3]));
      return cResize(tall, outW, outH, f, floats(box[0], 0, box[2], outH));
    }
    return cResize(im, outW, outH, f, floats(box[0], box[1], box[2], box[3]));
  }

  /** {@code Image._get_safe_box}: the box widened by the filter's support, in whole pixels. */
  private static int[] safeBox(PillowImage im, int outW, int outH, PillowFilter f, double[] box) {
    double support = f.support - 0.5;
    double sx = support * ((box[2] - box[0]) / outW);
    double sy = support * ((box[3] - box[1]) / outH);
    return new int[] {
      Math.max(0, (int) (box[0] - sx)),
      Math.max(0, (int) (box[1] - sy)),
      (int) Math.min(im.width, Math.ceil(box[2] + sx)),
      (int) Math.min(im.height, Math.ceil(box[3] + sy))
    };
  }

  /** The box as the C layer receives it: Python floats narrowed to C floats. */
  private static float[] floats(double x0, double y0, double x1, double y1) {
    return new float[] {(float) x0, (float) y0, (float) x1, (float) y1};
  }

  /** {@code _resize} of {@code _imaging.c}: crop, nearest scale, or resample. */
  private static PillowImage cResize(
      PillowImage im, int xsize, int ysize, PillowFilter f, float[] box) {
    if (box[0] - (int) box[0] == 0
        && box[2] - box[0] == xsize
        && box[1] - (int) box[1] == 0
        && box[3] - box[1] == ysize) {
      return im.crop((int) box[0], (int) box[1], (int) box[2], (int) box[3]);
    }
    if (f == PillowFilter.NEAREST) {
      return PillowKernels.nearest(im, xsize, ysize, box);
    }
    return PillowKernels.resample(im, xsize, ysize, f, box);
  }

  // ---------------------------------------------------------------------------------------------
  // RGBA <-> RGBa (Convert.c)

  /** {@code rgbA2rgba}: colour times alpha / 255, rounded as Pillow's MULDIV255. */
  private static PillowImage premultiply(PillowImage im) {
    PillowImage out = im.blank(im.width, im.height);
    int size = im.planeSize();
    int alpha = im.plane(3);
    for (int b = 0; b < 3; b++) {
      int src = im.plane(b);
      int dst = out.plane(b);
      for (int i = 0; i < size; i++) {
        int t = (im.bytes[src + i] & 0xFF) * (im.bytes[alpha + i] & 0xFF) + 128;
        out.bytes[dst + i] = (byte) (((t >> 8) + t) >> 8);
      }
    }
    System.arraycopy(im.bytes, alpha, out.bytes, out.plane(3), size);
    return out;
  }

  /**
   * {@code rgba2rgbA}'s result for every (alpha, colour): colour times 255 / alpha, truncated and
   * clipped; alpha 0 and 255 keep the colour. Indexed {@code alpha << 8 | colour}.
   */
  private static final byte[] UNPREMULTIPLIED = unpremultiplyTable();

  private static byte[] unpremultiplyTable() {
    byte[] t = new byte[256 * 256];
    for (int a = 0; a < 256; a++) {
      for (int c = 0; c < 256; c++) {
        t[a << 8 | c] = (byte) (a == 0 || a == 255 ? c : Math.min(255 * c / a, 255));
      }
    }
    return t;
  }

  /** {@code rgba2rgbA} in place on the colour planes. */
  private static PillowImage unpremultiply(PillowImage im) {
    int size = im.planeSize();
    int alpha = im.plane(3);
    for (int b = 0; b < 3; b++) {
      int p = im.plane(b);
      for (int i = 0; i < size; i++) {
        int a = im.bytes[alpha + i] & 0xFF;
        im.bytes[p + i] = UNPREMULTIPLIED[a << 8 | (im.bytes[p + i] & 0xFF)];
      }
    }
    return im;
  }
}
