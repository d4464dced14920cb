package org.resample.core.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.resample.core.InterpolateOptions;
import org.resample.core.Mode;
import org.resample.core.Tensor;

/**
 * The example outputs printed in MindSpore's own docstrings (mindspore-ai/mindspore), reproduced
 * through this profile. Inputs and outputs are copied from the docstrings, not computed here.
 */
class MindSporeDocumentedExamplesTest {

  /**
   * mindspore/python/mindspore/ops/function/nn_func.py, {@code interpolate} docstring:
   * {@code x = Tensor([[[1, 2, 3], [4, 5, 6]]], mindspore.float32)}, {@code ops.interpolate(x,
   * size=(6,), mode='nearest')} prints {@code [[[1. 1. 2. 2. 3. 3.] [4. 4. 5. 5. 6. 6.]]]}.
   */
  @Test
  void interpolateNearestDocstringExample() {
    Tensor x = Tensor.ofFloat(new float[] {1, 2, 3, 4, 5, 6}, 1, 2, 3);
    Tensor out =
        MindSporeResize.resize(x, InterpolateOptions.builder().size(6).mode(Mode.NEAREST).build());
    assertArrayEquals(new int[] {1, 2, 6}, out.shape());
    assertArrayEquals(new float[] {1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6}, out.floatData());
  }

  /**
   * mindspore/python/mindspore/ops/operations/image_ops.py, {@code ResizeBicubic} docstring:
   * images {@code [1, 2, 3, 4]} reshaped to (1, 2, 2, 1) channels-last (a 2x2 image [[1, 2], [3,
   * 4]]), size {@code [1, 4]}, {@code align_corners=False, half_pixel_centers=False}, prints {@code
   * [1. 1.5 2. 2.09375]}. That is the kernel's legacy path (interpolate itself always passes
   * half_pixel_centers = not align_corners); it checks the kernel's table and legacy scaler.
   */
  @Test
  void resizeBicubicKernelDocstringExample() {
    Tensor image = Tensor.ofFloat(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
    Tensor out = TensorFlowResize.resizeV1(image, 1, 4, "bicubic", false, false);
    assertArrayEquals(new int[] {1, 1, 1, 4}, out.shape());
    assertArrayEquals(new float[] {1f, 1.5f, 2f, 2.09375f}, out.floatData());
  }
}
