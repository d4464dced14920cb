package org.resample.core.compat;

import java.util.Arrays;
import org.resample.core.DType;
import org.resample.core.InterpolateException;
import org.resample.core.Tensor;

/**
 * The OpenCV profile: {@code cv2.resize(img, (outWidth, outHeight), interpolation=...)} on each
 * {@code (n, c)} plane of an {@code (N, C, H, W)} tensor, with the numbers of opencv-python
 * (see docs/compat-opencv.md for the version checked and the bounds per filter and dtype).
 *
 * <p>Every plane is resized as OpenCV resizes a single-channel image of that depth: uint8 in
 * OpenCV's fixed point (or, for INTER_CUBIC, as its IPP-backed path does: float then round half
 * to even), float32 and float64 in OpenCV's float and double arithmetic.
 *
 * <pre>{@code
 * Tensor out = OpenCvResize.resize(img, 224, 224, "area");   // == cv2.INTER_AREA
 * }</pre>
 *
 * @since 0.2
 */
public final class OpenCvResize {
  private OpenCvResize() {}

  /**
   * Resizes every {@code (n, c)} plane of {@code input} to {@code outHeight x outWidth} the way
   * {@code cv2.resize} does.
   *
   * @param input (N, C, H, W) tensor of uint8, float32 or float64; not modified
   * @param outHeight output height, {@code > 0}
   * @param outWidth output width, {@code > 0}
   * @param interpolation "nearest", "nearest_exact", "linear", "cubic", "area", "lanczos4" or the
   *     matching {@code INTER_*} name, any case
   * @return a new tensor of shape (N, C, outHeight, outWidth) and the input's dtype
   * @throws InterpolateException if an argument is invalid; the message says how to fix it
   */
  public static Tensor resize(Tensor input, int outHeight, int outWidth, String interpolation) {
    OpenCvInterpolation filter = OpenCvInterpolation.parse(interpolation);
    if (input == null) {
      throw new InterpolateException("OpenCV resize: input must not be null; pass an (N, C, H, W) tensor");
    }
    int[] shape = input.shape();
    if (shape.length != 4) {
      throw new InterpolateException(
          "OpenCV resize: expected an (N, C, H, W) tensor of rank 4, but got shape "
              + Arrays.toString(shape)
              + "; add the missing batch/channel dimensions (e.g. reshape an HxW image to 1x1xHxW)");
    }
    int h = shape[2];
    int w = shape[3];
    if (h <= 0 || w <= 0) {
      throw new InterpolateException(
          "OpenCV resize: the input image is empty (H: " + h + ", W: " + w
              + "); OpenCV asserts !ssize.empty(); pass planes with H > 0 and W > 0");
    }
    if (outHeight <= 0 || outWidth <= 0) {
      throw new InterpolateException(
          "OpenCV resize: output size must be positive, but got (H: " + outHeight + ", W: " + outWidth
              + "); OpenCV asserts !dsize.empty(); pass outHeight > 0 and outWidth > 0");
    }
    long planes = (long) shape[0] * shape[1];
    Tensor out = Tensor.zeros(input.dtype(), shape[0], shape[1], outHeight, outWidth);
    if (planes == 0) {
      return out;
    }
    new OpenCvPlane(filter, input.dtype(), h, w, outHeight, outWidth)
        .run(data(input), data(out), (int) planes);
    return out;
  }

  private static Object data(Tensor t) {
    switch (t.dtype()) {
      case UINT8:
        return t.uint8Data();
      case FLOAT32:
        return t.floatData();
      case FLOAT64:
        return t.doubleData();
      default:
        throw new InterpolateException("OpenCV resize: unsupported dtype " + t.dtype()
            + "; use uint8, float32 or float64");
    }
  }

  /** One call's decision of OpenCV's path and its tables, applied to every plane. */
  private static final class OpenCvPlane {
    private final OpenCvInterpolation filter;
    private final DType dtype;
    private final int sh;
    private final int sw;
    private final int dh;
    private final int dw;

    OpenCvPlane(OpenCvInterpolation filter, DType dtype, int sh, int sw, int dh, int dw) {
      this.filter = filter;
      this.dtype = dtype;
      this.sh = sh;
      this.sw = sw;
      this.dh = dh;
      this.dw = dw;
    }

    void run(Object src, Object dst, int planes) {
      int inSize = sh * sw;
      int outSize = dh * dw;
      if (sh == dh && sw == dw) {
        System.arraycopy(src, 0, dst, 0, inSize * planes);
        return;
      }
      if (filter == OpenCvInterpolation.NEAREST || filter == OpenCvInterpolation.NEAREST_EXACT) {
        boolean exact = filter == OpenCvInterpolation.NEAREST_EXACT;
        int[] rows = exact ? OpenCvKernels.nearestExactIndex(sh, dh) : OpenCvKernels.nearestIndex(sh, dh);
        int[] cols = exact ? OpenCvKernels.nearestExactIndex(sw, dw) : OpenCvKernels.nearestIndex(sw, dw);
        for (int p = 0; p < planes; p++) {
          OpenCvKernels.gather(src, p * inSize, sw, dst, p * outSize, rows, cols);
        }
        return;
      }
      // hal::resize: scale = 1 / (dst / src); "fast" area when both scales are integers.
      double scaleX = 1. / ((double) dw / sw);
      double scaleY = 1. / ((double) dh / sh);
      int iscaleX = (int) Math.rint(scaleX);
      int iscaleY = (int) Math.rint(scaleY);
      boolean areaFast = Math.abs(scaleX - iscaleX) < Math.ulp(1.0) && Math.abs(scaleY - iscaleY) < Math.ulp(1.0);
      OpenCvInterpolation f = filter;
      if (ipp() && dtype != DType.UINT8) {
        separable(src, dst, planes, OpenCvAxis.exactPosition(f, sw, dw), OpenCvAxis.exactPosition(f, sh, dh));
        return;
      }
      if (f == OpenCvInterpolation.LINEAR && areaFast && iscaleX == 2 && iscaleY == 2) {
        f = OpenCvInterpolation.AREA; // OpenCV: a 2x linear shrink is the fast area path
      }
      if (f == OpenCvInterpolation.AREA && scaleX >= 1 && scaleY >= 1) {
        if (areaFast) {
          areaFast(src, dst, planes, iscaleX, iscaleY);
        } else {
          area(src, dst, planes);
        }
        return;
      }
      boolean areaMode = f == OpenCvInterpolation.AREA;
      OpenCvInterpolation taps = areaMode ? OpenCvInterpolation.LINEAR : f;
      OpenCvAxis xa = OpenCvAxis.separable(taps, areaMode, sw, dw, true);
      OpenCvAxis ya = OpenCvAxis.separable(taps, areaMode, sh, dh, false);
      if (dtype == DType.UINT8 && ipp()) {
        cubicUint8(src, dst, planes, xa, ya);
      } else {
        separable(src, dst, planes, xa, ya);
      }
    }

    private void separable(Object src, Object dst, int planes, OpenCvAxis xa, OpenCvAxis ya) {
      int inSize = sh * sw;
      int outSize = dh * dw;
      int slots = ya.taps + 1;
      OpenCvKernels.RowRing ring = new OpenCvKernels.RowRing(sh, slots);
      switch (dtype) {
        case UINT8: {
          int[] rows = new int[slots * dw];
          for (int p = 0; p < planes; p++) {
            OpenCvKernels.separableFixed((byte[]) src, p * inSize, (byte[]) dst, p * outSize, xa, ya, rows, ring);
          }
          return;
        }
        case FLOAT32: {
          float[] rows = new float[slots * dw];
          for (int p = 0; p < planes; p++) {
            OpenCvKernels.separableFloat((float[]) src, p * inSize, (float[]) dst, p * outSize, xa, ya, rows, ring);
          }
          return;
        }
        default: {
          double[] rows = new double[slots * dw];
          for (int p = 0; p < planes; p++) {
            OpenCvKernels.separableDouble((double[]) src, p * inSize, (double[]) dst, p * outSize, xa, ya, rows, ring);
          }
        }
      }
    }

    /**
     * Whether opencv-python hands this call to IPP (its {@code ipp_resize}, tried before OpenCV's
     * own code): float32 and float64 linear from sources of at least 2x2, uint8 and float32 cubic
     * from at least 4x4. Nearest, area, uint8 linear, Lanczos and float64 cubic stay on OpenCV's
     * own code. IPP's uint8 cubic equals OpenCV's own float cubic rounded (see cubicUint8).
     */
    private boolean ipp() {
      switch (filter) {
        case LINEAR:
          return dtype != DType.UINT8 && sw >= 2 && sh >= 2;
        case CUBIC:
          return dtype != DType.FLOAT64 && sw >= 4 && sh >= 4;
        default:
          return false;
      }
    }

    /**
     * uint8 INTER_CUBIC as opencv-python computes it: its IPP-backed cubic equals OpenCV's float
     * cubic on the uint8 values, rounded half to even and saturated.
     */
    private void cubicUint8(Object src, Object dst, int planes, OpenCvAxis xa, OpenCvAxis ya) {
      int inSize = sh * sw;
      int outSize = dh * dw;
      float[] rows = new float[(ya.taps + 1) * dw];
      OpenCvKernels.RowRing ring = new OpenCvKernels.RowRing(sh, ya.taps + 1);
      for (int p = 0; p < planes; p++) {
        OpenCvKernels.separableFloat(src, p * inSize, dst, p * outSize, xa, ya, rows, ring);
      }
    }

    private void areaFast(Object src, Object dst, int planes, int fx, int fy) {
      int inSize = sh * sw;
      int outSize = dh * dw;
      for (int p = 0; p < planes; p++) {
        switch (dtype) {
          case UINT8:
            OpenCvKernels.areaFastUint8((byte[]) src, p * inSize, sw, (byte[]) dst, p * outSize, dh, dw, fx, fy);
            break;
          case FLOAT32:
            OpenCvKernels.areaFastFloat((float[]) src, p * inSize, sw, (float[]) dst, p * outSize, dh, dw, fx, fy);
            break;
          default:
            OpenCvKernels.areaFastDouble((double[]) src, p * inSize, sw, (double[]) dst, p * outSize, dh, dw, fx, fy);
        }
      }
    }

    private void area(Object src, Object dst, int planes) {
      OpenCvAxis.AreaTable xt = OpenCvAxis.AreaTable.of(sw, dw);
      OpenCvAxis.AreaTable yt = OpenCvAxis.AreaTable.of(sh, dh);
      int inSize = sh * sw;
      int outSize = dh * dw;
      if (dtype == DType.FLOAT64) {
        double[] buf = new double[dw];
        double[] sum = new double[dw];
        for (int p = 0; p < planes; p++) {
          OpenCvKernels.areaDouble((double[]) src, p * inSize, sw, (double[]) dst, p * outSize, dw, xt, yt, buf, sum);
        }
        return;
      }
      float[] buf = new float[dw];
      float[] sum = new float[dw];
      if (dtype == DType.FLOAT32) {
        for (int p = 0; p < planes; p++) {
          OpenCvKernels.areaFloat((float[]) src, p * inSize, sw, (float[]) dst, p * outSize, dw, xt, yt, buf, sum);
        }
        return;
      }
      byte[] s = (byte[]) src;
      byte[] d = (byte[]) dst;
      float[] in = new float[inSize];
      float[] out = new float[outSize];
      for (int p = 0; p < planes; p++) {
        for (int i = 0; i < inSize; i++) {
          in[i] = s[p * inSize + i] & 0xFF;
        }
        OpenCvKernels.areaFloat(in, 0, sw, out, 0, dw, xt, yt, buf, sum);
        for (int i = 0; i < outSize; i++) {
          d[p * outSize + i] = (byte) OpenCvKernels.roundToByte(out[i]);
        }
      }
    }
  }
}
