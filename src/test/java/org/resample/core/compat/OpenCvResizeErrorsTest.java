package org.resample.core.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.resample.core.DType;
import org.resample.core.InterpolateException;
import org.resample.core.Tensor;

/** The OpenCV profile's entry point: what it accepts and how it refuses bad calls. */
class OpenCvResizeErrorsTest {
  private static final Tensor IMAGE = Tensor.zeros(DType.UINT8, 1, 3, 8, 10);

  @Test
  void unknownInterpolationIsRefusedNamingTheChoices() {
    InterpolateException e = assertThrows(InterpolateException.class,
        () -> OpenCvResize.resize(IMAGE, 4, 5, "bilinear"));
    assertTrue(e.getMessage().contains("'bilinear'"), e.getMessage());
    assertTrue(e.getMessage().contains("Unknown interpolation method"), e.getMessage());
    assertTrue(e.getMessage().contains("linear/INTER_LINEAR"), e.getMessage());
    assertThrows(InterpolateException.class, () -> OpenCvResize.resize(IMAGE, 4, 5, "INTER_LINEAR_EXACT"));
    assertThrows(InterpolateException.class, () -> OpenCvResize.resize(IMAGE, 4, 5, null));
  }

  @Test
  void interpolationNamesAreCaseInsensitiveAndAcceptOpenCvFlagNames() {
    Tensor a = OpenCvResize.resize(IMAGE, 4, 5, "INTER_AREA");
    Tensor b = OpenCvResize.resize(IMAGE, 4, 5, "Area");
    Tensor c = OpenCvResize.resize(IMAGE, 4, 5, "inter_lanczos4");
    assertArrayEquals(new int[] {1, 3, 4, 5}, a.shape());
    assertArrayEquals(a.uint8Data(), b.uint8Data());
    assertArrayEquals(new int[] {1, 3, 4, 5}, c.shape());
  }

  @Test
  void nonPositiveOutputSizeIsRefusedWithOpenCvsAssertion() {
    InterpolateException e = assertThrows(InterpolateException.class,
        () -> OpenCvResize.resize(IMAGE, 0, 5, "linear"));
    assertTrue(e.getMessage().contains("!dsize.empty()"), e.getMessage());
    assertTrue(e.getMessage().contains("H: 0, W: 5"), e.getMessage());
    assertThrows(InterpolateException.class, () -> OpenCvResize.resize(IMAGE, 4, -1, "linear"));
  }

  @Test
  void emptyImageIsRefused() {
    Tensor empty = Tensor.zeros(DType.FLOAT32, 1, 1, 0, 4);
    InterpolateException e = assertThrows(InterpolateException.class,
        () -> OpenCvResize.resize(empty, 2, 2, "nearest"));
    assertTrue(e.getMessage().contains("!ssize.empty()"), e.getMessage());
  }

  @Test
  void onlyFourDimensionalTensorsAreAccepted() {
    Tensor hw = Tensor.zeros(DType.UINT8, 8, 10);
    InterpolateException e = assertThrows(InterpolateException.class,
        () -> OpenCvResize.resize(hw, 4, 5, "linear"));
    assertTrue(e.getMessage().contains("(N, C, H, W)"), e.getMessage());
    assertTrue(e.getMessage().contains("[8, 10]"), e.getMessage());
    assertThrows(InterpolateException.class, () -> OpenCvResize.resize(null, 4, 5, "linear"));
  }

  @Test
  void outputKeepsTheDtypeAndAnEmptyBatchStaysEmpty() {
    Tensor f64 = Tensor.zeros(DType.FLOAT64, 0, 2, 5, 5);
    Tensor out = OpenCvResize.resize(f64, 3, 3, "cubic");
    assertSame(DType.FLOAT64, out.dtype());
    assertArrayEquals(new int[] {0, 2, 3, 3}, out.shape());
  }

  @Test
  void sameSizeIsACopyAsInOpenCv() {
    float[] data = {1.5f, -2f, 3.25f, 4f};
    Tensor in = Tensor.ofFloat(data, 1, 1, 2, 2);
    Tensor out = OpenCvResize.resize(in, 2, 2, "lanczos4");
    assertArrayEquals(data, out.floatData());
    out.floatData()[0] = 9;
    assertEquals(1.5f, data[0], "the output must not alias the input");
  }
}
