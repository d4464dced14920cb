package org.resample.core.compat;

import org.resample.core.DType;
import org.resample.core.Tensor;

/**
 * Source rows of one input as float32 (TensorFlow's static_cast<float>), one row at a time: a
 * float32 input is read in place, uint8 and float64 rows are converted into a reusable row buffer,
 * so kernels that read each source row once need no float copy of the whole input.
 */
final class TensorFlowRows {
  private final int inH;
  private final int inW;
  private final float[] floats;
  private final byte[] bytes;
  private final double[] doubles;
  private final float[] buffer;
  private int offset;

  TensorFlowRows(Tensor input) {
    inH = input.size(2);
    inW = input.size(3);
    floats = input.dtype() == DType.FLOAT32 ? input.floatData() : null;
    doubles = input.dtype() == DType.FLOAT64 ? input.doubleData() : null;
    bytes = input.dtype() == DType.UINT8 ? input.uint8Data() : null;
    buffer = floats == null ? new float[inW] : null;
  }

  /** Row {@code r} of plane {@code plane}; its first element is at {@link #offset()}. */
  float[] load(int plane, int r) {
    int from = (plane * inH + r) * inW;
    if (floats != null) {
      offset = from;
      return floats;
    }
    offset = 0;
    if (doubles != null) {
      for (int i = 0; i < inW; i++) {
        buffer[i] = (float) doubles[from + i];
      }
    } else {
      for (int i = 0; i < inW; i++) {
        buffer[i] = bytes[from + i] & 0xFF;
      }
    }
    return buffer;
  }

  /** Offset of the row {@link #load} returned last. */
  int offset() {
    return offset;
  }
}
