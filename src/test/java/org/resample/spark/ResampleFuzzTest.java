package org.resample.spark;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.unsafe.types.UTF8String;
import org.resample.core.InterpolateException;
import org.resample.spark.sql.InterpolateFunction;
import org.resample.spark.sql.ConversionFunction;

/**
 * Coverage-guided fuzz tests (Jazzer) of the code Spark's generated code calls: the static {@code
 * invoke} methods. The only exception allowed out is the library's own {@link
 * ResampleSqlException} (a row or call error); anything else (IndexOutOfBounds, NegativeArraySize,
 * ClassCast, a raw core InterpolateException, ...) is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ=1} these run in regression mode over the inputs in {@code
 * src/test/resources/org/resample/spark/ResampleFuzzTestInputs/<method>/}. To fuzz: {@code
 * JAZZER_FUZZ=1 mvn test -Dtest=ResampleFuzzTest#fromNpy_anyBytes_onlyLibraryErrors}.
 */
class ResampleFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void fromNpy_anyBytes_onlyLibraryErrors(byte[] bytes) {
    call(() -> ConversionFunction.FromNpyF32.invoke(bytes));
    call(() -> ConversionFunction.FromNpyF64.invoke(bytes));
    call(() -> ConversionFunction.FromNpyU8.invoke(bytes));
    // A value that decodes must survive to_npy -> from_npy unchanged.
    InternalRow t;
    try {
      t = ConversionFunction.FromNpyF64.invoke(bytes);
    } catch (ResampleSqlException e) {
      return;
    }
    byte[] again = ConversionFunction.ToNpyF64.invoke(t);
    InternalRow back = ConversionFunction.FromNpyF64.invoke(again);
    if (!java.util.Arrays.equals(t.getArray(1).toIntArray(), back.getArray(1).toIntArray())) {
      throw new AssertionError("shape changed in to_npy/from_npy");
    }
  }

  private static final String[] MODES = {
    "nearest", "nearest-exact", "linear", "bilinear", "bicubic", "trilinear", "area", "Bilinear", "cubic", ""
  };
  private static final String[] KEYS = {
    "align_corners", "recompute_scale_factor", "antialias", "on_error", "torch_version", "column", "bogus"
  };
  private static final String[] VALUES = {"true", "false", "null", "fail", "2", "1.13", "x", ""};

  @FuzzTest(maxDuration = "60s")
  void interpolate_randomStructs_onlyLibraryErrors(FuzzedDataProvider d) {
    int rank = d.consumeInt(0, 6);
    int[] shape = new int[rank];
    for (int i = 0; i < rank; i++) {
      shape[i] = d.consumeInt(-2, 9);
    }
    // Data length: usually the shape's product (when small), sometimes anything.
    long prod = 1;
    for (int s : shape) {
      prod *= Math.max(s, 0);
    }
    int len = d.consumeBoolean() && prod <= 4096 ? (int) prod : d.consumeInt(0, 64);
    float[] data = new float[len];
    for (int i = 0; i < len; i++) {
      data[i] = d.consumeFloat();
    }
    ArrayData dataArray =
        d.consumeBoolean() ? UnsafeArrayData.fromPrimitiveArray(data) : withNull(data, d.consumeInt(0, Math.max(0, len - 1)));
    InternalRow t =
        new GenericInternalRow(new Object[] {dataArray, d.consumeBoolean() ? UnsafeArrayData.fromPrimitiveArray(shape) : null});
    int nSize = d.consumeInt(0, 4);
    int[] size = new int[nSize];
    for (int i = 0; i < nSize; i++) {
      size[i] = d.consumeInt(-1, 12);
    }
    double[] scale = new double[nSize];
    for (int i = 0; i < nSize; i++) {
      scale[i] = d.pickValue(new double[] {0.5, 1.5, 2.0, 0.0, -1.0, 1e-3, 3.7, Double.NaN, 1e9});
    }
    UTF8String mode = UTF8String.fromString(d.pickValue(MODES));
    int nOpts = d.consumeInt(0, 3);
    Object[] keys = new Object[nOpts];
    Object[] vals = new Object[nOpts];
    for (int i = 0; i < nOpts; i++) {
      keys[i] = UTF8String.fromString(d.pickValue(KEYS));
      vals[i] = UTF8String.fromString(d.pickValue(VALUES));
    }
    MapData opts = new ArrayBasedMapData(new GenericArrayData(keys), new GenericArrayData(vals));
    ArrayData sizeArray = UnsafeArrayData.fromPrimitiveArray(size);
    ArrayData scaleArray = UnsafeArrayData.fromPrimitiveArray(scale);
    call(() -> InterpolateFunction.SizeF32.invoke(t, sizeArray, mode, opts));
    call(() -> InterpolateFunction.SizeF32.invoke(t, nSize > 0 ? size[0] : 1, mode));
    call(() -> InterpolateFunction.ScaleF32.invoke(t, scaleArray, mode, opts));
    call(() -> InterpolateFunction.ScaleF32.invoke(t, nSize > 0 ? scale[0] : 1.0, mode));
    call(() -> ConversionFunction.ToNpyF32.invoke(t));
    call(() -> ConversionFunction.ToImageF32.invoke(t));
    call(() -> ConversionFunction.TensorF32.invoke(dataArray, UnsafeArrayData.fromPrimitiveArray(shape)));
  }

  private static ArrayData withNull(float[] data, int at) {
    Object[] boxed = new Object[data.length];
    for (int i = 0; i < data.length; i++) {
      boxed[i] = i == at ? null : data[i];
    }
    return new GenericArrayData(boxed);
  }

  private static void call(Runnable r) {
    try {
      r.run();
    } catch (ResampleSqlException e) {
      // the library's own error: fine
    } catch (InterpolateException e) {
      throw new AssertionError("core exception leaked without the Spark layer's context", e);
    }
  }
}
