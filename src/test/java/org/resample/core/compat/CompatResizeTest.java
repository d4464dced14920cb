package org.resample.core.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.resample.core.DType;
import org.resample.core.Interpolate;
import org.resample.core.InterpolateException;
import org.resample.core.InterpolateOptions;
import org.resample.core.Tensor;
import org.resample.core.TorchVersion;

/**
 * The compat setting in the core: Interpolate with a compat profile gives exactly the profile's
 * entry point (whose numbers the profiles' fixture and live tests check against the libraries),
 * and CompatResize refuses the arguments a library does not have, saying what to do instead.
 */
class CompatResizeTest {
  static Tensor uint8(long seed, int... shape) {
    Random r = new Random(seed);
    byte[] b = new byte[shape[0] * shape[1] * shape[2] * shape[3]];
    r.nextBytes(b);
    return Tensor.ofUint8(b, shape);
  }

  static Tensor float32(long seed, int... shape) {
    Random r = new Random(seed);
    float[] f = new float[shape[0] * shape[1] * shape[2] * shape[3]];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) (r.nextGaussian() * 50);
    }
    return Tensor.ofFloat(f, shape);
  }

  /** Every element as a double (exact for each dtype), to compare results of any dtype. */
  static double[] values(Tensor t) {
    switch (t.dtype()) {
      case UINT8:
        byte[] b = t.uint8Data();
        double[] u = new double[b.length];
        for (int i = 0; i < b.length; i++) {
          u[i] = b[i] & 0xFF;
        }
        return u;
      case FLOAT32:
        float[] f = t.floatData();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
          d[i] = f[i];
        }
        return d;
      default:
        return t.doubleData();
    }
  }

  static InterpolateOptions.Builder compat(Compat c, String filter, int h, int w) {
    return InterpolateOptions.builder().compat(c, filter).size(h, w);
  }

  static String message(Runnable r) {
    return assertThrows(InterpolateException.class, r::run).getMessage();
  }

  @Test
  void interpolate_opencvProfile_isOpenCvResize_everyFilterAndDtype() {
    Tensor u = uint8(1, 2, 3, 19, 23);
    Tensor f = float32(2, 1, 2, 19, 23);
    for (String filter : Compat.OPENCV.filters()) {
      InterpolateOptions o = compat(Compat.OPENCV, filter, 7, 31).build();
      assertArrayEquals(OpenCvResize.resize(u, 7, 31, filter).uint8Data(), Interpolate.interpolate(u, o).uint8Data(), filter);
      assertArrayEquals(OpenCvResize.resize(f, 7, 31, filter).floatData(), Interpolate.interpolate(f, o).floatData(), filter);
      assertArrayEquals(new int[] {2, 3, 7, 31}, Interpolate.outputShape(u.shape(), DType.UINT8, o));
    }
  }

  @Test
  void interpolate_pillowProfile_isPillowResize_withReducingGapAndRgba() {
    Tensor rgba = uint8(3, 1, 4, 40, 36);
    for (String filter : Compat.PILLOW.filters()) {
      for (Double gap : new Double[] {null, 2.0}) {
        InterpolateOptions o = compat(Compat.PILLOW, filter, 9, 11).reducingGap(gap).build();
        assertArrayEquals(
            PillowResize.resize(rgba, 9, 11, filter, gap).uint8Data(),
            Interpolate.interpolate(rgba, o).uint8Data(),
            filter + " gap " + gap);
      }
    }
  }

  @Test
  void interpolate_tensorflowProfiles_areTensorFlowResize_float32ResultsOfUint8() {
    Tensor u = uint8(4, 1, 3, 17, 13);
    for (String m : Compat.TENSORFLOW.filters()) {
      for (boolean aa : new boolean[] {false, true}) {
        InterpolateOptions o = compat(Compat.TENSORFLOW, m, 6, 20).antialias(aa).build();
        Tensor want = TensorFlowResize.resize(u, 6, 20, m, aa);
        Tensor got = Interpolate.interpolate(u, o);
        assertEquals(want.dtype(), got.dtype(), m);
        assertEquals(m.equals("nearest") ? DType.UINT8 : DType.FLOAT32, CompatResize.outputDType(DType.UINT8, o), m);
        assertEquals(want.dtype(), CompatResize.outputDType(DType.UINT8, o), m);
        assertArrayEquals(values(want), values(got), m + " antialias " + aa);
      }
    }
    for (String m : Compat.TENSORFLOW_V1.filters()) {
      InterpolateOptions o = compat(Compat.TENSORFLOW_V1, m, 6, 20).halfPixelCenters(!m.equals("area")).build();
      assertArrayEquals(
          values(TensorFlowResize.resizeV1(u, 6, 20, m, false, !m.equals("area"))),
          values(Interpolate.interpolate(u, o)), m);
      InterpolateOptions aligned = compat(Compat.TENSORFLOW_V1, m, 6, 20).alignCorners(true).build();
      assertArrayEquals(
          values(TensorFlowResize.resizeV1(u, 6, 20, m, true, false)),
          values(Interpolate.interpolate(u, aligned)), m + " align_corners");
    }
  }

  @Test
  void interpolate_mindsporeProfile_isMindSporeResize_withPyTorchsArguments() {
    Tensor f = float32(7, 2, 3, 11, 9);
    for (String mode : new String[] {"bicubic", "bilinear", "nearest", "area", "nearest-exact"}) {
      for (Boolean corners : new Boolean[] {null, true}) {
        if (corners != null && !(mode.equals("bicubic") || mode.equals("bilinear"))) {
          continue;
        }
        InterpolateOptions torch = InterpolateOptions.builder().mode(mode).size(5, 13).alignCorners(corners).build();
        InterpolateOptions ms = compat(Compat.MINDSPORE, mode, 5, 13).alignCorners(corners).build();
        assertEquals(Compat.MINDSPORE, ms.compat());
        assertArrayEquals(
            MindSporeResize.resize(f, torch).floatData(), Interpolate.interpolate(f, ms).floatData(), mode + " " + corners);
      }
    }
    assertTrue(message(() -> InterpolateOptions.builder().compat(Compat.MINDSPORE, "lanczos"))
        .startsWith("unknown mode 'lanczos' for compat 'mindspore' (mindspore.ops.interpolate)"));
    assertTrue(message(() -> Interpolate.interpolate(uint8(8, 1, 1, 4, 4), compat(Compat.MINDSPORE, "bilinear", 2, 2).build()))
        .startsWith("compat 'mindspore' takes float tensors only"));
    assertTrue(message(() -> Interpolate.interpolate(f, compat(Compat.MINDSPORE, "bilinear", 2, 2).antialias(true).build()))
        .startsWith("antialias does not apply to compat 'mindspore'"));
  }

  @Test
  void interpolateInto_tensorflowOnFloat64_writesTensorFlowsFloat32NumbersWidened() {
    Tensor f = float32(5, 1, 2, 9, 9);
    double[] d = new double[f.floatData().length];
    for (int i = 0; i < d.length; i++) {
      d[i] = f.floatData()[i];
    }
    InterpolateOptions o = compat(Compat.TENSORFLOW, "bicubic", 4, 5).build();
    double[] out = new double[3 + 2 * 4 * 5];
    Interpolate.interpolateInto(Tensor.ofDouble(d, 1, 2, 9, 9), o, out, 3);
    float[] want = TensorFlowResize.resize(f, 4, 5, "bicubic", false).floatData();
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], out[3 + i], 0.0, "element " + i);
    }
  }

  @Test
  void compatNames_andFilters_unknownOnes_listTheValidOnes() {
    assertEquals(Compat.TENSORFLOW_V1, Compat.of("TensorFlow_V1"));
    assertEquals(
        "unknown compat 'cv2'; valid values are: pytorch | opencv | pillow | tensorflow | tensorflow-v1"
            + " | mindspore",
        message(() -> Compat.of("cv2")));
    assertEquals(
        "unknown mode 'lanczos4' for compat 'pillow' (PIL.Image.resize); its modes are: nearest | box"
            + " | bilinear | hamming | bicubic | lanczos",
        message(() -> InterpolateOptions.builder().compat(Compat.PILLOW, "lanczos4")));
    assertEquals("lanczos4", compat(Compat.OPENCV, "LANCZOS4", 1, 1).build().filter());
    assertEquals("nearest_exact", compat(Compat.OPENCV, "nearest-exact", 1, 1).build().filter());
    assertEquals(Compat.PYTORCH, compat(Compat.PYTORCH, "bilinear", 1, 1).build().compat());
  }

  @Test
  void argumentsTheLibraryLacks_areRefused_sayingWhatToDo() {
    Tensor u = uint8(6, 1, 3, 8, 8);
    assertEquals(
        "reducing_gap does not apply to compat 'opencv': cv2.resize has no reducing_gap; remove it (it"
            + " applies to compat 'pillow' only)",
        message(() -> Interpolate.interpolate(u, compat(Compat.OPENCV, "area", 4, 4).reducingGap(2.0).build())));
    assertEquals(
        "half_pixel_centers does not apply to compat 'tensorflow': tf.image.resize has no"
            + " half_pixel_centers; remove it (it applies to compat 'tensorflow-v1' only)",
        message(() -> Interpolate.interpolate(u, compat(Compat.TENSORFLOW, "bilinear", 4, 4).halfPixelCenters(true).build())));
    assertTrue(
        message(() -> Interpolate.interpolate(u, compat(Compat.TENSORFLOW, "bilinear", 4, 4).alignCorners(true).build()))
            .contains("use compat 'tensorflow-v1' for the v1 ops"));
    assertEquals(
        "antialias does not apply to compat 'pillow': PIL.Image.resize has no antialias; remove it"
            + " (antialias applies to compat 'pytorch' and 'tensorflow')",
        message(() -> Interpolate.interpolate(u, compat(Compat.PILLOW, "bicubic", 4, 4).antialias(true).build())));
    assertTrue(
        message(() -> Interpolate.interpolate(
                u, InterpolateOptions.builder().compat(Compat.PILLOW, "box").scaleFactor(0.5).build()))
            .endsWith("pass the output size (H, W) instead"));
    assertTrue(
        message(() -> Interpolate.interpolate(
                u, InterpolateOptions.builder().compat(Compat.OPENCV, "area").scaleFactor(0.5).build()))
            .contains("cv2.resize's fx/fy are not reproduced"));
    assertTrue(
        message(() -> Interpolate.interpolate(u, compat(Compat.OPENCV, "area", 4, 4).torchVersion(TorchVersion.V1_13).build()))
            .startsWith("torch_version does not apply to compat 'opencv'"));
    assertTrue(
        message(() -> Interpolate.interpolate(u, compat(Compat.PILLOW, "box", 4, 4).reducingGap(0.5).build()))
            .startsWith("reducing_gap must be 1.0 or greater"));
  }

  @Test
  void tensorsTheLibraryLacks_areRefusedBeforeAnythingRuns() {
    InterpolateOptions cv = compat(Compat.OPENCV, "linear", 4, 4).build();
    assertTrue(message(() -> Interpolate.outputShape(new int[] {1, 1, 4, 4, 4}, DType.FLOAT32, cv))
        .startsWith("compat 'opencv' resizes images: an (N, C, H, W) tensor, but got shape [1, 1, 4, 4, 4]"));
    InterpolateOptions pil = compat(Compat.PILLOW, "bilinear", 4, 4).build();
    assertTrue(message(() -> Interpolate.outputShape(new int[] {1, 2, 8, 8}, DType.UINT8, pil))
        .contains("1 (L), 3 (RGB) or 4 (RGBA, alpha last) channels, but got 2"));
    assertTrue(message(() -> Interpolate.outputShape(new int[] {1, 2, 8, 8}, DType.FLOAT64, pil))
        .contains("no float64 image mode"));
    InterpolateOptions small = compat(Compat.OPENCV, "linear", 100, 100).maxOutputElements(99).build();
    assertTrue(message(() -> Interpolate.outputShape(new int[] {1, 1, 8, 8}, DType.UINT8, small))
        .contains("limit of 99 elements"));
    assertTrue(message(() -> Interpolate.prepare(new int[] {1, 1, 8, 8}, DType.UINT8, cv))
        .startsWith("compat 'opencv' is not PyTorch's interpolate"));
  }
}
