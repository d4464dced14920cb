package org.resample.core.compat;

import java.util.Arrays;
import java.util.Locale;
import org.resample.core.DType;
import org.resample.core.InterpolateException;
import org.resample.core.Tensor;

/**
 * TensorFlow's image resizing on {@code (N, C, H, W)} tensors: {@code tf.image.resize} (v2) and
 * the v1 ops ({@code ResizeBilinear}, {@code ResizeNearestNeighbor}, {@code ResizeBicubic}, {@code
 * ResizeArea}) of {@code tf.compat.v1.image}, reproducing TensorFlow 2.x's CPU kernels.
 *
 * <p>TensorFlow takes NHWC; these take NCHW and give NCHW. Every TensorFlow resize kernel treats
 * each channel independently with the same arithmetic, so the channel order (BGR or RGB) does not
 * change any number. Output dtype is TensorFlow's: float32 for every method but nearest, which
 * keeps the input dtype (uint8, float32 or float64); float64 input to the other methods is read
 * as float32, as TensorFlow's kernels do.
 *
 * <pre>{@code
 * Tensor y = TensorFlowResize.resize(x, 224, 224, "bilinear", true);
 * }</pre>
 */
public final class TensorFlowResize {
  private TensorFlowResize() {}

  /** The methods of {@code tf.image.resize}. */
  private enum Method {
    BILINEAR,
    NEAREST,
    BICUBIC,
    AREA,
    LANCZOS3,
    LANCZOS5,
    GAUSSIAN,
    MITCHELLCUBIC
  }

  private static final String V2_METHODS =
      "bilinear, nearest, bicubic, area, lanczos3, lanczos5, gaussian, mitchellcubic";

  /**
   * {@code tf.image.resize(images, [outHeight, outWidth], method, antialias=antialias)} with
   * {@code preserve_aspect_ratio=False}.
   *
   * @param input {@code (N, C, H, W)} uint8, float32 or float64
   * @param method bilinear, nearest, bicubic, area, lanczos3, lanczos5, gaussian or mitchellcubic,
   *     case-insensitive; {@code "ResizeMethod.BILINEAR"}
   *     style names are accepted too
   * @param antialias widen the filter when downscaling (no effect for nearest and area)
   * @return float32 {@code (N, C, outHeight, outWidth)}, or the input dtype for nearest
   */
  public static Tensor resize(
      Tensor input, int outHeight, int outWidth, String method, boolean antialias) {
    Method m = parseV2(method);
    checkInput(input, outHeight, outWidth);
    switch (m) {
      case NEAREST:
        return nearest(input, outHeight, outWidth, false, true);
      case AREA:
        return area(input, outHeight, outWidth, false);
      case BILINEAR:
        return antialias
            ? spans(input, outHeight, outWidth, TensorFlowAxis.Kernel.TRIANGLE, true)
            : bilinear(input, outHeight, outWidth, false, true);
      case BICUBIC:
        return antialias
            ? spans(input, outHeight, outWidth, TensorFlowAxis.Kernel.KEYSCUBIC, true)
            : bicubic(input, outHeight, outWidth, false, true);
      default:
        return spans(
            input, outHeight, outWidth, TensorFlowAxis.Kernel.valueOf(m.name()), antialias);
    }
  }

  /**
   * The op {@code tf.compat.v1.image.resize_*} calls: {@code ResizeBilinear}, {@code
   * ResizeNearestNeighbor}, {@code ResizeBicubic} (all with align_corners and half_pixel_centers)
   * or {@code ResizeArea} (align_corners only).
   *
   * @param method bilinear, nearest (or nearest_neighbor), bicubic or area, case-insensitive;
   *     the op names ({@code "ResizeBilinear"}, ...) and {@code "ResizeMethodV1.X"} names too
   * @return float32, or the input dtype for nearest
   */
  public static Tensor resizeV1(
      Tensor input,
      int outHeight,
      int outWidth,
      String method,
      boolean alignCorners,
      boolean halfPixelCenters) {
    Method m = parseV1(method);
    if (m == Method.AREA && halfPixelCenters) {
      throw new InterpolateException(
          "ResizeArea has no half_pixel_centers attribute (tf.compat.v1.image.resize_area takes"
              + " align_corners only); pass halfPixelCenters=false for area");
    }
    if (halfPixelCenters && alignCorners) {
      throw new InterpolateException(
          "If half_pixel_centers is True, align_corners must be False.");
    }
    checkInput(input, outHeight, outWidth);
    switch (m) {
      case NEAREST:
        return nearest(input, outHeight, outWidth, alignCorners, halfPixelCenters);
      case AREA:
        return area(input, outHeight, outWidth, alignCorners);
      case BILINEAR:
        return bilinear(input, outHeight, outWidth, alignCorners, halfPixelCenters);
      default:
        return bicubic(input, outHeight, outWidth, alignCorners, halfPixelCenters);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Validation

  private static String normalise(String method) {
    String s = method.trim().toLowerCase(Locale.ROOT);
    int dot = s.lastIndexOf('.');
    if (s.startsWith("resizemethod") && dot >= 0) {
      s = s.substring(dot + 1);
    }
    return s;
  }

  private static Method parseV2(String method) {
    if (method == null) {
      throw new InterpolateException(
          "Resize method is not implemented: None; pass one of " + V2_METHODS);
    }
    switch (normalise(method)) {
      case "bilinear":
        return Method.BILINEAR;
      case "nearest":
      case "nearest_neighbor":
        return Method.NEAREST;
      case "bicubic":
        return Method.BICUBIC;
      case "area":
        return Method.AREA;
      case "lanczos3":
        return Method.LANCZOS3;
      case "lanczos5":
        return Method.LANCZOS5;
      case "gaussian":
        return Method.GAUSSIAN;
      case "mitchellcubic":
        return Method.MITCHELLCUBIC;
      default:
        throw new InterpolateException(
            "Resize method is not implemented: " + method + "; pass one of " + V2_METHODS);
    }
  }

  private static Method parseV1(String method) {
    String s = method == null ? "" : normalise(method);
    switch (s) {
      case "bilinear":
      case "resizebilinear":
        return Method.BILINEAR;
      case "nearest":
      case "nearest_neighbor":
      case "resizenearestneighbor":
        return Method.NEAREST;
      case "bicubic":
      case "resizebicubic":
        return Method.BICUBIC;
      case "area":
      case "resizearea":
        return Method.AREA;
      default:
        throw new InterpolateException(
            "Resize method is not implemented: "
                + method
                + "; the v1 ops are bilinear, nearest, bicubic and area (for lanczos3, lanczos5,"
                + " gaussian or mitchellcubic use resize, tf.image.resize v2)");
    }
  }

  /** Checks the tensor and the size as TensorFlow's ImageResizerState does; returns the shape. */
  private static int[] checkInput(Tensor input, int outHeight, int outWidth) {
    if (input == null) {
      throw new InterpolateException("input must not be null; pass an (N, C, H, W) tensor");
    }
    int[] s = input.shape();
    if (s.length != 4) {
      throw new InterpolateException(
          "input must be 4-dimensional (N, C, H, W), got shape "
              + Arrays.toString(s)
              + "; TensorFlow's resize takes a batch of images (add a batch dimension)");
    }
    if (s[1] <= 0) {
      throw new InterpolateException(
          "image must have at least one channel (got shape " + Arrays.toString(s) + ")");
    }
    if (s[2] <= 0 || s[3] <= 0) {
      throw new InterpolateException(
          "input image must be of non-zero size (got shape " + Arrays.toString(s) + ")");
    }
    if (outHeight <= 0 || outWidth <= 0) {
      throw new InterpolateException(
          "output dimensions must be positive (got "
              + outHeight
              + " x "
              + outWidth
              + "); pass a height and width of at least 1");
    }
    long n = (long) s[0] * s[1] * outHeight * outWidth;
    if (n > Integer.MAX_VALUE - 8) {
      throw new InterpolateException(
          "output of "
              + n
              + " elements is too large for one tensor (at most "
              + (Integer.MAX_VALUE - 8)
              + "); resize fewer images or to a smaller size");
    }
    return s;
  }

  // ---------------------------------------------------------------------------------------------
  // Dispatch: one plane (n, c) at a time

  /**
   * The input as float32 (TensorFlow's static_cast<float>), converting only the rows a kernel
   * reads ({@code rowNeeded}, per plane); float32 input is used as it is.
   */
  private static float[] asFloat(Tensor input, boolean[] rowNeeded) {
    if (input.dtype() == DType.FLOAT32) {
      return input.floatData();
    }
    int inH = input.size(2);
    int inW = input.size(3);
    int planes = input.size(0) * input.size(1);
    float[] f = new float[planes * inH * inW];
    double[] d = input.dtype() == DType.FLOAT64 ? input.doubleData() : null;
    byte[] b = d == null ? input.uint8Data() : null;
    for (int p = 0; p < planes; p++) {
      for (int r = 0; r < inH; r++) {
        if (!rowNeeded[r]) {
          continue;
        }
        int from = (p * inH + r) * inW;
        if (d != null) {
          for (int i = from; i < from + inW; i++) {
            f[i] = (float) d[i];
          }
        } else {
          for (int i = from; i < from + inW; i++) {
            f[i] = b[i] & 0xFF;
          }
        }
      }
    }
    return f;
  }

  private static Tensor bilinear(
      Tensor input, int outH, int outW, boolean alignCorners, boolean halfPixelCenters) {
    int planes = input.size(0) * input.size(1);
    int inH = input.size(2);
    int inW = input.size(3);
    float[] out = new float[planes * outH * outW];
    if (inH == outH && inW == outW) {
      // TensorFlow's no-op resize: a cast to float.
      boolean[] all = new boolean[inH];
      Arrays.fill(all, true);
      System.arraycopy(asFloat(input, all), 0, out, 0, out.length);
    } else {
      TensorFlowAxis.Linear ys =
          new TensorFlowAxis.Linear(
              inH, outH, TensorFlowAxis.resizeScale(inH, outH, alignCorners), halfPixelCenters);
      TensorFlowAxis.Linear xs =
          new TensorFlowAxis.Linear(
              inW, outW, TensorFlowAxis.resizeScale(inW, outW, alignCorners), halfPixelCenters);
      boolean[] rowNeeded = TensorFlowAxis.needed(inH, ys.lower, ys.upper);
      TensorFlowRows source = new TensorFlowRows(input);
      float[] rows = new float[inH * outW];
      for (int p = 0; p < planes; p++) {
        TensorFlowKernels.bilinear(source, p, ys, xs, rowNeeded, rows, out, p * outH * outW);
      }
    }
    return Tensor.ofFloat(out, input.size(0), input.size(1), outH, outW);
  }

  private static Tensor bicubic(
      Tensor input, int outH, int outW, boolean alignCorners, boolean halfPixelCenters) {
    int planes = input.size(0) * input.size(1);
    int inH = input.size(2);
    int inW = input.size(3);
    float[] out = new float[planes * outH * outW];
    TensorFlowAxis.Cubic ys =
        new TensorFlowAxis.Cubic(
            inH, outH, TensorFlowAxis.resizeScale(inH, outH, alignCorners),
            halfPixelCenters);
    TensorFlowAxis.Cubic xs =
        new TensorFlowAxis.Cubic(
            inW, outW, TensorFlowAxis.resizeScale(inW, outW, alignCorners),
            halfPixelCenters);
    float[] in = asFloat(input, TensorFlowAxis.needed(inH, ys.index));
    float[] column = new float[inW];
    for (int p = 0; p < planes; p++) {
      TensorFlowKernels.bicubic(in, p * inH * inW, inW, ys, xs, column, out, p * outH * outW);
    }
    return Tensor.ofFloat(out, input.size(0), input.size(1), outH, outW);
  }

  private static Tensor area(Tensor input, int outH, int outW, boolean alignCorners) {
    int planes = input.size(0) * input.size(1);
    int inH = input.size(2);
    int inW = input.size(3);
    float[] out = new float[planes * outH * outW];
    TensorFlowAxis.Area ys =
        new TensorFlowAxis.Area(inH, outH, TensorFlowAxis.resizeScale(inH, outH, alignCorners));
    TensorFlowAxis.Area xs =
        new TensorFlowAxis.Area(inW, outW, TensorFlowAxis.resizeScale(inW, outW, alignCorners));
    boolean[] rowNeeded = TensorFlowAxis.neededRanges(inH, ys.start, ys.end);
    TensorFlowRows source = new TensorFlowRows(input);
    float[] rowSums = new float[inH * outW];
    for (int p = 0; p < planes; p++) {
      TensorFlowKernels.area(
          source, p, inH, inW, ys, xs, rowNeeded, rowSums, out, p * outH * outW);
    }
    return Tensor.ofFloat(out, input.size(0), input.size(1), outH, outW);
  }

  private static Tensor spans(
      Tensor input, int outH, int outW, TensorFlowAxis.Kernel kernel, boolean antialias) {
    int planes = input.size(0) * input.size(1);
    int inH = input.size(2);
    int inW = input.size(3);
    float[] out = new float[planes * outH * outW];
    // tf.image.resize passes scale = float32(out) / float32(in) and translation 0.
    TensorFlowAxis.Spans ys =
        new TensorFlowAxis.Spans(kernel, inH, outH, (float) outH / (float) inH, antialias);
    TensorFlowAxis.Spans xs =
        new TensorFlowAxis.Spans(kernel, inW, outW, (float) outW / (float) inW, antialias);
    int[] spanEnd = new int[outH];
    for (int y = 0; y < outH; y++) {
      spanEnd[y] = ys.start[y] + ys.spanSize;
    }
    float[] in = asFloat(input, TensorFlowAxis.neededRanges(inH, ys.start, spanEnd));
    float[] mid = new float[outH * inW];
    for (int p = 0; p < planes; p++) {
      TensorFlowKernels.spans(in, p * inH * inW, inH, inW, ys, xs, mid, out, p * outH * outW);
    }
    return Tensor.ofFloat(out, input.size(0), input.size(1), outH, outW);
  }

  private static Tensor nearest(
      Tensor input, int outH, int outW, boolean alignCorners, boolean halfPixelCenters) {
    int inH = input.size(2);
    int inW = input.size(3);
    if (inH >= (1 << 24) || inW >= (1 << 24)) {
      throw new InterpolateException("nearest neighbor requires max height & width of 2^24");
    }
    int planes = input.size(0) * input.size(1);
    int[] ys =
        TensorFlowAxis.nearest(
            inH, outH, TensorFlowAxis.resizeScale(inH, outH, alignCorners), alignCorners,
            halfPixelCenters);
    int[] xs =
        TensorFlowAxis.nearest(
            inW, outW, TensorFlowAxis.resizeScale(inW, outW, alignCorners), alignCorners,
            halfPixelCenters);
    // Source element of each output element of one plane; the copy below is dtype-agnostic.
    int[] src = new int[outH * outW];
    for (int y = 0; y < outH; y++) {
      for (int x = 0; x < outW; x++) {
        src[y * outW + x] = ys[y] * inW + xs[x];
      }
    }
    Tensor out = Tensor.zeros(input.dtype(), input.size(0), input.size(1), outH, outW);
    Object from = data(input);
    Object to = data(out);
    for (int p = 0; p < planes; p++) {
      gather(from, p * inH * inW, src, to, p * outH * outW, input.dtype());
    }
    return out;
  }

  private static Object data(Tensor t) {
    switch (t.dtype()) {
      case FLOAT32:
        return t.floatData();
      case FLOAT64:
        return t.doubleData();
      default:
        return t.uint8Data();
    }
  }

  private static void gather(Object from, int inOff, int[] src, Object to, int outOff, DType t) {
    int n = src.length;
    switch (t) {
      case FLOAT32:
        {
          float[] a = (float[]) from;
          float[] b = (float[]) to;
          for (int i = 0; i < n; i++) {
            b[outOff + i] = a[inOff + src[i]];
          }
          return;
        }
      case FLOAT64:
        {
          double[] a = (double[]) from;
          double[] b = (double[]) to;
          for (int i = 0; i < n; i++) {
            b[outOff + i] = a[inOff + src[i]];
          }
          return;
        }
      default:
        {
          byte[] a = (byte[]) from;
          byte[] b = (byte[]) to;
          for (int i = 0; i < n; i++) {
            b[outOff + i] = a[inOff + src[i]];
          }
        }
    }
  }
}
