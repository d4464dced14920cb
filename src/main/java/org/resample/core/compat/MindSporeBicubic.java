package org.resample.core.compat;

import org.resample.core.DType;
import org.resample.core.Tensor;

/**
 * MindSpore's {@code ResizeBicubic} CPU kernel, which {@code mindspore.ops.interpolate(mode="bicubic")}
 * calls with {@code half_pixel_centers = !align_corners}. The kernel computes as TensorFlow's
 * {@code ResizeBicubic} op: in float32, with the cubic weights read from a 1024-step table;
 * half-pixel centers use Keys' a = -0.5 with out-of-image taps given weight 0 and the rest
 * renormalised, the legacy (align_corners) path uses a = -0.75 with taps clamped to the edge.
 * Rows are interpolated first, then columns, each as {@code v0*w0 + v1*w1 + v2*w2 + v3*w3}.
 */
final class MindSporeBicubic {
  private MindSporeBicubic() {}

  private static final int TABLE_SIZE = 1 << 10;
  private static final float[] KEYS_TABLE = table(-0.5);
  private static final float[] LEGACY_TABLE = table(-0.75);

  /** Taps of one output axis: four source indices and four weights per output position. */
  private static final class Taps {
    final int[] index;
    final float[] weight;

    Taps(int outSize) {
      index = new int[4 * outSize];
      weight = new float[4 * outSize];
    }
  }

  /** interpolate's call: {@code ResizeBicubic(align_corners, half_pixel_centers=not align_corners)}. */
  static Tensor resize(Tensor input, int outH, int outW, boolean alignCorners) {
    return resizeBicubic(input, outH, outW, alignCorners, !alignCorners);
  }

  /** The kernel with both of its attributes, as {@code ops.ResizeBicubic(align_corners, half_pixel_centers)}. */
  static Tensor resizeBicubic(
      Tensor input, int outH, int outW, boolean alignCorners, boolean halfPixelCenters) {
    int[] shape = input.shape();
    int planes = shape[0] * shape[1];
    int inH = shape[2];
    int inW = shape[3];
    Taps ys = taps(inH, outH, alignCorners, halfPixelCenters);
    Taps xs = taps(inW, outW, alignCorners, halfPixelCenters);
    float[] out = new float[planes * outH * outW];
    float[] rows = new float[outH * inW];
    float[] plane = new float[inH * inW];
    for (int p = 0; p < planes; p++) {
      readPlane(input, p * inH * inW, plane);
      for (int y = 0; y < outH; y++) {
        int t = 4 * y;
        int r0 = ys.index[t] * inW;
        int r1 = ys.index[t + 1] * inW;
        int r2 = ys.index[t + 2] * inW;
        int r3 = ys.index[t + 3] * inW;
        float w0 = ys.weight[t];
        float w1 = ys.weight[t + 1];
        float w2 = ys.weight[t + 2];
        float w3 = ys.weight[t + 3];
        int o = y * inW;
        for (int x = 0; x < inW; x++) {
          rows[o + x] = plane[r0 + x] * w0 + plane[r1 + x] * w1 + plane[r2 + x] * w2 + plane[r3 + x] * w3;
        }
      }
      int base = p * outH * outW;
      for (int y = 0; y < outH; y++) {
        int row = y * inW;
        int o = base + y * outW;
        for (int x = 0; x < outW; x++) {
          int t = 4 * x;
          out[o + x] =
              rows[row + xs.index[t]] * xs.weight[t]
                  + rows[row + xs.index[t + 1]] * xs.weight[t + 1]
                  + rows[row + xs.index[t + 2]] * xs.weight[t + 2]
                  + rows[row + xs.index[t + 3]] * xs.weight[t + 3];
        }
      }
    }
    int[] outShape = {shape[0], shape[1], outH, outW};
    if (input.dtype() == DType.FLOAT64) {
      double[] wide = new double[out.length];
      for (int i = 0; i < out.length; i++) {
        wide[i] = out[i];
      }
      return Tensor.ofDouble(wide, outShape);
    }
    return Tensor.ofFloat(out, outShape);
  }

  private static void readPlane(Tensor input, int offset, float[] plane) {
    if (input.dtype() == DType.FLOAT32) {
      System.arraycopy(input.floatData(), offset, plane, 0, plane.length);
    } else {
      double[] d = input.doubleData();
      for (int i = 0; i < plane.length; i++) {
        plane[i] = (float) d[offset + i];
      }
    }
  }

  /** The kernel's scale, in float: (in-1)/(out-1) with aligned corners, else in/out. */
  static float scale(int in, int out, boolean alignCorners) {
    return alignCorners && out > 1 ? (in - 1) / (float) (out - 1) : in / (float) out;
  }

  static Taps taps(int in, int out, boolean alignCorners, boolean halfPixelCenters) {
    float scale = scale(in, out, alignCorners);
    boolean keys = halfPixelCenters;
    float[] table = keys ? KEYS_TABLE : LEGACY_TABLE;
    Taps taps = new Taps(out);
    for (int o = 0; o < out; o++) {
      float loc = keys ? ((float) o + 0.5f) * scale - 0.5f : (float) o * scale;
      long floor = (long) Math.floor(loc);
      float delta = loc - (float) floor;
      int offset = (int) Math.rint(delta * (float) TABLE_SIZE);
      float[] w = {
        table[offset * 2 + 1],
        table[offset * 2],
        table[(TABLE_SIZE - offset) * 2],
        table[(TABLE_SIZE - offset) * 2 + 1]
      };
      int t = 4 * o;
      for (int k = 0; k < 4; k++) {
        long wanted = floor - 1 + k;
        int bounded = (int) Math.min(in - 1, Math.max(0, wanted));
        taps.index[t + k] = bounded;
        taps.weight[t + k] = keys && bounded != wanted ? 0.0f : w[k];
      }
      if (keys) {
        float sum = taps.weight[t] + taps.weight[t + 1] + taps.weight[t + 2] + taps.weight[t + 3];
        if (Math.abs(sum) >= 1000.0f * Float.MIN_NORMAL) {
          float inverse = 1.0f / sum;
          for (int k = 0; k < 4; k++) {
            taps.weight[t + k] *= inverse;
          }
        }
      }
    }
    return taps;
  }

  /** Cubic convolution weights at x = i/1024 (even slots) and x = 1 + i/1024 (odd slots). */
  private static float[] table(double a) {
    float[] table = new float[(TABLE_SIZE + 1) * 2];
    for (int i = 0; i <= TABLE_SIZE; i++) {
      float x = (float) (i * 1.0 / TABLE_SIZE);
      table[i * 2] = (float) (((a + 2) * x - (a + 3)) * x * x + 1);
      x = (float) (x + 1.0);
      table[i * 2 + 1] = (float) (((a * x - 5 * a) * x + 8 * a) * x - 4 * a);
    }
    return table;
  }
}
