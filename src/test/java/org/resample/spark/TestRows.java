package org.resample.spark;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.resample.core.DType;
import org.resample.core.Tensor;

/** Test helpers: external rows to tensors. */
final class TestRows {
  private TestRows() {}

  static int[] ints(List<?> l) {
    int[] out = new int[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) l.get(i)).intValue();
    }
    return out;
  }

  static float[] floats(List<?> l) {
    float[] d = new float[l.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = ((Number) l.get(i)).floatValue();
    }
    return d;
  }

  static double[] doubles(List<?> l) {
    double[] d = new double[l.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = ((Number) l.get(i)).doubleValue();
    }
    return d;
  }

  /** A canonical tensor struct (as collected) as a core tensor. */
  static Tensor tensor(Row r, DType dtype) {
    int[] shape = ints(r.getList(1));
    switch (dtype) {
      case FLOAT32:
        return Tensor.ofFloat(floats(r.getList(0)), shape);
      case FLOAT64:
        return Tensor.ofDouble(doubles(r.getList(0)), shape);
      default:
        return Tensor.ofUint8((byte[]) r.get(0), shape);
    }
  }

  /** A core tensor as an external canonical struct row (data as a boxed list, shape as int[]). */
  static Row canonical(Tensor t) {
    Object data;
    switch (t.dtype()) {
      case FLOAT32:
        {
          Float[] boxed = new Float[(int) t.numel()];
          for (int i = 0; i < boxed.length; i++) {
            boxed[i] = t.floatData()[i];
          }
          data = java.util.Arrays.asList(boxed);
          break;
        }
      case FLOAT64:
        {
          Double[] boxed = new Double[(int) t.numel()];
          for (int i = 0; i < boxed.length; i++) {
            boxed[i] = t.doubleData()[i];
          }
          data = java.util.Arrays.asList(boxed);
          break;
        }
      default:
        data = t.uint8Data();
    }
    return RowFactory.create(data, t.shape());
  }
}
