package org.resample.core.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.resample.core.DType;
import org.resample.core.InterpolateException;
import org.resample.core.InterpolateOptions;
import org.resample.core.Mode;
import org.resample.core.Tensor;

/**
 * Calls that {@code mindspore.ops.interpolate} (r2.0) refuses are refused with its messages
 * (mindspore/python/mindspore/ops/function/nn_func.py, {@code interpolate}: {@code supported_dict}
 * and the checks after it).
 */
class MindSporeRefusedCallsTest {
  private static final Tensor X3 = Tensor.zeros(DType.FLOAT32, 1, 2, 5);
  private static final Tensor X4 = Tensor.zeros(DType.FLOAT32, 1, 2, 5, 6);
  private static final Tensor X5 = Tensor.zeros(DType.FLOAT32, 1, 1, 3, 4, 5);

  private static void refused(Tensor x, Consumer<InterpolateOptions.Builder> call, String message) {
    InterpolateOptions.Builder b = InterpolateOptions.builder();
    call.accept(b);
    InterpolateException e =
        assertThrows(InterpolateException.class, () -> MindSporeResize.resize(x, b.build()));
    assertEquals(message, e.getMessage());
  }

  @Test
  void lanczosIsNotAMindSporeMode() {
    refused(X4, b -> b.mode(Mode.LANCZOS).size(3, 3),
        "For 'interpolate', 'mode' must be in '['nearest', 'linear', 'bilinear', 'bicubic', 'trilinear',"
            + " 'area', 'nearest-exact']', but got lanczos");
  }

  @Test
  void eachModeRefusesTheRanksMindSporeDoesNotSupport() {
    refused(X4, b -> b.mode(Mode.LINEAR).size(3, 3),
        "For 'interpolate', linear only support '[3]'D, but got 4D");
    refused(X3, b -> b.mode(Mode.BICUBIC).size(3),
        "For 'interpolate', bicubic only support '[4]'D, but got 3D");
    refused(X5, b -> b.mode(Mode.NEAREST_EXACT).size(2, 2, 2),
        "For 'interpolate', nearest-exact only support '[3, 4]'D, but got 5D");
    refused(X4, b -> b.mode(Mode.TRILINEAR).size(3, 3),
        "For 'interpolate', trilinear only support '[5]'D, but got 4D");
  }

  @Test
  void scaleFactorIsRefusedWhereMindSporeTakesOnlySize() {
    refused(X4, b -> b.mode(Mode.BICUBIC).scaleFactor(2.0, 2.0),
        "For 'interpolate', 'scale_factor' option cannot currently be set with the mode = bicubic and dim = 4D.");
    refused(X4, b -> b.mode(Mode.BILINEAR).scaleFactor(1.5),
        "For 'interpolate', 'scale_factor' option cannot currently be set with the mode = bilinear and dim = 4D.");
    refused(X3, b -> b.mode(Mode.NEAREST).scaleFactor(2.0),
        "For 'interpolate', 'scale_factor' option cannot currently be set with the mode = nearest and dim = 3D.");
  }

  @Test
  void alignCornersIsRefusedForModesWithoutIt() {
    refused(X4, b -> b.mode(Mode.NEAREST).size(3, 3).alignCorners(false),
        "For 'interpolate', 'align_corners' option cannot currently be set with the mode = nearest, and dim = 4D");
    refused(X4, b -> b.mode(Mode.AREA).size(3, 3).alignCorners(true),
        "For 'interpolate', 'align_corners' option cannot currently be set with the mode = area, and dim = 4D");
  }

  @Test
  void recomputeScaleFactorWithAnExplicitSizeIsRefused() {
    refused(X4, b -> b.mode(Mode.BILINEAR).size(3, 3).recomputeScaleFactor(true),
        "For 'interpolate', 'recompute_scale_factor' is not meaningful with an explicit size");
  }

  @Test
  void sizeAndScaleFactorMustBeExactlyOne() {
    refused(X4, b -> b.mode(Mode.NEAREST),
        "For 'interpolate', either 'size' or 'scale_factor' should be defined");
    refused(X4, b -> b.mode(Mode.NEAREST).size(3, 3).scaleFactor(2.0),
        "For 'interpolate', only one of size or scale_factor should be defined");
    refused(X4, b -> b.mode(Mode.NEAREST).size(3, 3, 3),
        "For 'interpolate', 'x' and 'size' must have same number of spatial dimensions,"
            + " but got 'x' is 2D, 'size' is 3D");
  }

  @Test
  void antialiasDoesNotExistInMindSporeInterpolate() {
    refused(X4, b -> b.mode(Mode.BILINEAR).size(3, 3).antialias(true),
        "For 'interpolate', 'antialias' does not exist in MindSpore r2.0's interpolate; pass antialias=False");
  }

  @Test
  void uint8IsRefusedAsInterpolateTakesFloat() {
    refused(Tensor.zeros(DType.UINT8, 1, 1, 4, 4), b -> b.mode(Mode.NEAREST).size(2, 2),
        "For 'interpolate', 'x' must have data type of float (float16, float32 or float64),"
            + " but got uint8; convert the tensor to float32 first");
  }
}
