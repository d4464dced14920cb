package org.resample.core.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.resample.core.DType;
import org.resample.core.InterpolateException;
import org.resample.core.Tensor;

/** The Pillow profile's checks at its entry point, and how it maps tensors onto Pillow images. */
class PillowResizeValidationTest {
  private static Tensor bytes(int n, int c, int h, int w, long seed) {
    byte[] b = new byte[n * c * h * w];
    new Random(seed).nextBytes(b);
    return Tensor.ofUint8(b, n, c, h, w);
  }

  private static Tensor floats(int n, int c, int h, int w, long seed) {
    Random r = new Random(seed);
    float[] f = new float[n * c * h * w];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) r.nextGaussian() * 50;
    }
    return Tensor.ofFloat(f, n, c, h, w);
  }

  private static String message(Runnable call) {
    return assertThrows(InterpolateException.class, call::run).getMessage();
  }

  @Test
  void unknownFilterIsRefusedNamingTheFilters() {
    String m = message(() -> PillowResize.resize(bytes(1, 3, 4, 4, 1), 2, 2, "cubic", null));
    assertTrue(m.contains("Unknown resampling filter (cubic)"), m);
    assertTrue(m.contains("nearest, box, bilinear, hamming, bicubic or lanczos"), m);
    assertTrue(message(() -> PillowResize.resize(bytes(1, 3, 4, 4, 1), 2, 2, null, null))
        .contains("must not be null"));
  }

  @Test
  void pillowSpellingsOfAFilterNameTheSameFilter() {
    Tensor x = bytes(1, 3, 9, 7, 2);
    Tensor plain = PillowResize.resize(x, 4, 5, "bilinear", null);
    for (String name : new String[] {"BILINEAR", "Resampling.BILINEAR",
        "Image.Resampling.BILINEAR", " Bilinear "}) {
      assertArrayEquals(plain.uint8Data(), PillowResize.resize(x, 4, 5, name, null).uint8Data(),
          name);
    }
  }

  @Test
  void reducingGapBelowOneOrNanIsRefused() {
    for (double gap : new double[] {0.5, 0.0, -1, Double.NaN}) {
      String m = message(() -> PillowResize.resize(bytes(1, 1, 8, 8, 3), 2, 2, "box", gap));
      assertTrue(m.contains("reducing_gap must be 1.0 or greater"), m);
    }
  }

  @Test
  void emptyOutputIsRefused() {
    String m = message(() -> PillowResize.resize(bytes(1, 1, 8, 8, 3), 0, 2, "box", null));
    assertTrue(m.contains("height and width must be > 0"), m);
    assertTrue(message(() -> PillowResize.resize(bytes(1, 1, 8, 8, 3), 3, -1, "box", null))
        .contains("height and width must be > 0"));
  }

  @Test
  void tensorsWithoutAPillowModeAreRefused() {
    String two = message(() -> PillowResize.resize(bytes(1, 2, 4, 4, 4), 2, 2, "box", null));
    assertTrue(two.contains("2 channels") && two.contains("L (1 channel), RGB (3) and RGBA"), two);
    String f64 = message(() -> PillowResize.resize(
        Tensor.zeros(DType.FLOAT64, 1, 1, 4, 4), 2, 2, "box", null));
    assertTrue(f64.contains("float64 has no Pillow mode"), f64);
    String rank = message(() -> PillowResize.resize(
        Tensor.zeros(DType.UINT8, 3, 4, 4), 2, 2, "box", null));
    assertTrue(rank.contains("must be 4-D"), rank);
    String empty = message(() -> PillowResize.resize(
        Tensor.zeros(DType.UINT8, 1, 3, 0, 4), 2, 2, "box", null));
    assertTrue(empty.contains("input height and width must be > 0"), empty);
    assertTrue(message(() -> PillowResize.resize(null, 2, 2, "box", null))
        .contains("must not be null"));
  }

  @Test
  void outputKeepsTheInputDtypeAndBatch() {
    Tensor u = PillowResize.resize(bytes(2, 4, 9, 11, 5), 5, 3, "lanczos", null);
    assertEquals(DType.UINT8, u.dtype());
    assertArrayEquals(new int[] {2, 4, 5, 3}, u.shape());
    Tensor f = PillowResize.resize(floats(3, 5, 9, 11, 6), 13, 17, "hamming", 2.0);
    assertEquals(DType.FLOAT32, f.dtype());
    assertArrayEquals(new int[] {3, 5, 13, 17}, f.shape());
  }

  @Test
  void bgrAndRgbGiveTheSameNumbersPerChannelAlphaStaysLast() {
    Tensor rgba = bytes(1, 4, 12, 10, 7);
    byte[] bgra = rgba.uint8Data().clone();
    int plane = 12 * 10;
    System.arraycopy(rgba.uint8Data(), 0, bgra, 2 * plane, plane);
    System.arraycopy(rgba.uint8Data(), 2 * plane, bgra, 0, plane);
    byte[] a = PillowResize.resize(rgba, 5, 7, "bicubic", null).uint8Data();
    byte[] b = PillowResize.resize(Tensor.ofUint8(bgra, 1, 4, 12, 10), 5, 7, "bicubic", null)
        .uint8Data();
    int out = 5 * 7;
    for (int[] pair : new int[][] {{0, 2}, {1, 1}, {2, 0}, {3, 3}}) {
      for (int i = 0; i < out; i++) {
        assertEquals(a[pair[0] * out + i], b[pair[1] * out + i]);
      }
    }
  }

  @Test
  void floatChannelsAreResizedAsSeparateModeFImages() {
    Tensor x = floats(1, 3, 10, 9, 8);
    Tensor all = PillowResize.resize(x, 4, 6, "lanczos", 1.5);
    int in = 10 * 9;
    int out = 4 * 6;
    for (int c = 0; c < 3; c++) {
      float[] one = new float[in];
      System.arraycopy(x.floatData(), c * in, one, 0, in);
      float[] r = PillowResize.resize(Tensor.ofFloat(one, 1, 1, 10, 9), 4, 6, "lanczos", 1.5)
          .floatData();
      for (int i = 0; i < out; i++) {
        assertEquals(Float.floatToRawIntBits(r[i]),
            Float.floatToRawIntBits(all.floatData()[c * out + i]));
      }
    }
  }

  @Test
  void sameSizeIsACopy() {
    Tensor x = bytes(1, 4, 6, 7, 9);
    assertArrayEquals(x.uint8Data(), PillowResize.resize(x, 6, 7, "lanczos", 2.0).uint8Data());
  }
}
