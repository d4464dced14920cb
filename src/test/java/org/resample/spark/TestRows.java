package org.resample.spark;

import java.util.List;
import org.apache.spark.sql.Row;
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

  /** A canonical tensor struct (as collected) as a core tensor. */
  static Tensor tensor(Row r, DType dtype) {
    int[] shape = ints(r.getList(1));
    switch (dtype) {
      case FLOAT32:
        {
          List<?> l = r.getList(0);
          float[] d = new float[l.size()];
          for (int i = 0; i < d.length; i++) {
            d[i] = ((Number) l.get(i)).floatValue();
          }
          return Tensor.ofFloat(d, shape);
        }
      case FLOAT64:
        {
          List<?> l = r.getList(0);
          double[] d = new double[l.size()];
          for (int i = 0; i < d.length; i++) {
            d[i] = ((Number) l.get(i)).doubleValue();
          }
          return Tensor.ofDouble(d, shape);
        }
      default:
        return Tensor.ofUint8((byte[]) r.get(0), shape);
    }
  }
}
