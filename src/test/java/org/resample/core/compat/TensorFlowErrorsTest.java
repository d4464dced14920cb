package org.resample.core.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.resample.core.DType;
import org.resample.core.InterpolateException;
import org.resample.core.Tensor;

/**
 * The entry points' validation: TensorFlow's own messages (checked against TensorFlow 2.21's
 * errors for the same calls) plus how to fix the call.
 */
class TensorFlowErrorsTest {
  private static final Tensor IMAGE = Tensor.zeros(DType.FLOAT32, 1, 3, 4, 4);

  private static String message(Executable call) {
    return assertThrows(InterpolateException.class, call).getMessage();
  }

  @Test
  void unknownMethodIsRefusedWithTensorFlowsMessageAndTheChoices() {
    String m = message(() -> TensorFlowResize.resize(IMAGE, 3, 3, "cubic", false));
    assertTrue(m.startsWith("Resize method is not implemented: cubic"), m);
    assertTrue(m.contains("mitchellcubic"), m);
    assertTrue(
        message(() -> TensorFlowResize.resize(IMAGE, 3, 3, null, false))
            .startsWith("Resize method is not implemented"));
  }

  @Test
  void methodNamesAreCaseInsensitiveAndTakeTheEnumSpelling() {
    Tensor a = TensorFlowResize.resize(IMAGE, 3, 5, "bilinear", false);
    Tensor b = TensorFlowResize.resize(IMAGE, 3, 5, "ResizeMethod.BILINEAR", false);
    Tensor c = TensorFlowResize.resize(IMAGE, 3, 5, "BILINEAR", false);
    assertArrayEquals(a.floatData(), b.floatData());
    assertArrayEquals(a.floatData(), c.floatData());
    assertEquals(DType.FLOAT32, TensorFlowResize.resizeV1(IMAGE, 2, 2, "ResizeBicubic", true, false).dtype());
  }

  @Test
  void v1RefusesTheScaleAndTranslateMethods() {
    String m = message(() -> TensorFlowResize.resizeV1(IMAGE, 3, 3, "lanczos3", false, false));
    assertTrue(m.startsWith("Resize method is not implemented: lanczos3"), m);
    assertTrue(m.contains("use resize"), m);
  }

  @Test
  void halfPixelCentersWithAlignCornersIsRefusedAsTensorFlowDoes() {
    for (String op : new String[] {"bilinear", "nearest", "bicubic"}) {
      assertEquals(
          "If half_pixel_centers is True, align_corners must be False.",
          message(() -> TensorFlowResize.resizeV1(IMAGE, 3, 3, op, true, true)));
    }
  }

  @Test
  void areaHasNoHalfPixelCenters() {
    String m = message(() -> TensorFlowResize.resizeV1(IMAGE, 3, 3, "area", false, true));
    assertTrue(m.contains("half_pixel_centers"), m);
    assertTrue(m.contains("halfPixelCenters=false"), m);
  }

  @Test
  void nonPositiveOutputSizeIsRefused() {
    assertTrue(
        message(() -> TensorFlowResize.resize(IMAGE, 0, 3, "bilinear", false))
            .startsWith("output dimensions must be positive"));
    assertTrue(
        message(() -> TensorFlowResize.resizeV1(IMAGE, 3, -1, "area", false, false))
            .startsWith("output dimensions must be positive"));
  }

  @Test
  void emptyImagesAndNoChannelsAreRefused() {
    assertTrue(
        message(() -> TensorFlowResize.resize(Tensor.zeros(DType.UINT8, 1, 3, 0, 4), 2, 2,
                "area", false))
            .startsWith("input image must be of non-zero size"));
    assertTrue(
        message(() -> TensorFlowResize.resize(Tensor.zeros(DType.UINT8, 1, 0, 4, 4), 2, 2,
                "area", false))
            .startsWith("image must have at least one channel"));
  }

  @Test
  void onlyBatchesOfImagesAreTaken() {
    String m = message(() -> TensorFlowResize.resize(Tensor.zeros(DType.FLOAT32, 3, 4, 4), 2, 2,
        "nearest", false));
    assertTrue(m.contains("4-dimensional"), m);
    assertTrue(message(() -> TensorFlowResize.resize(null, 2, 2, "nearest", false))
        .contains("must not be null"));
  }

  @Test
  void anEmptyBatchGivesAnEmptyOutputAsTensorFlowDoes() {
    Tensor out = TensorFlowResize.resize(Tensor.zeros(DType.UINT8, 0, 3, 4, 4), 3, 3, "lanczos3", true);
    assertArrayEquals(new int[] {0, 3, 3, 3}, out.shape());
    assertEquals(DType.FLOAT32, out.dtype());
  }
}
