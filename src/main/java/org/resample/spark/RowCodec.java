package org.resample.spark;

import java.util.Arrays;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.Platform;
import org.resample.core.DType;
import org.resample.core.Tensor;

/**
 * Converts between Spark's internal rows and core {@link Tensor}s, checking every row: data and
 * shape present, no null elements, dimensions {@code >= 0}, element count equal to the shape's
 * product. Problems are thrown as {@link ResampleSqlException} with {@code where} as prefix.
 */
final class RowCodec {
  private RowCodec() {}

  /** Largest element count of one tensor (the largest Java array). */
  static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  // -------------------------------------------------------------------------------------------
  // Shapes

  static int[] shape(ArrayData shape, String where) {
    if (shape == null) {
      throw Errors.badRow(where, "shape is NULL");
    }
    checkNoNulls(shape, where, "shape");
    return shape.toIntArray();
  }

  /** Element count of {@code shape}; fails on negative dims and overflow. */
  static long numel(int[] shape, String where) {
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw Errors.badRow(
            where, "shape " + Arrays.toString(shape) + " has a negative dimension (" + d + ")");
      }
    }
    for (int d : shape) {
      if (d == 0) {
        return 0;
      }
      if (n > MAX_ELEMENTS / d) {
        throw Errors.badRow(
            where,
            "shape "
                + Arrays.toString(shape)
                + " has more than "
                + MAX_ELEMENTS
                + " elements (the product overflows)");
      }
      n *= d;
    }
    return n;
  }

  static void checkLength(long length, int[] shape, String where) {
    long n = numel(shape, where);
    if (n != length) {
      throw Errors.badRow(where, Errors.lengthMismatch(length, shape, n));
    }
  }

  static void checkNoNulls(ArrayData a, String where, String what) {
    int n = a.numElements();
    if (a instanceof UnsafeArrayData) {
      UnsafeArrayData u = (UnsafeArrayData) a;
      Object base = u.getBaseObject();
      long words = (n + 63L) / 64;
      long off = u.getBaseOffset() + 8;
      boolean any = false;
      for (long w = 0; w < words; w++) {
        if (Platform.getLong(base, off + 8 * w) != 0) {
          any = true;
          break;
        }
      }
      if (!any) {
        return;
      }
    }
    for (int i = 0; i < n; i++) {
      if (a.isNullAt(i)) {
        throw Errors.badRow(where, what + " has a NULL element at index " + i);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Canonical struct <data, shape>

  /** Reads a canonical tensor row of the given dtype (into fresh arrays). */
  static Tensor readCanonical(InternalRow row, DType dtype, String where) {
    return readCanonical(row, dtype, where, false);
  }

  /** Arrays at least this long are copied into a per-thread scratch buffer when allowed. */
  static final int SCRATCH_MIN = 1 << 12;

  /** Arrays longer than this are never kept as scratch (memory held per thread). */
  static final int SCRATCH_MAX = 1 << 24;

  private static final ThreadLocal<float[][]> FLOAT_SCRATCH = ThreadLocal.withInitial(() -> new float[1][]);
  private static final ThreadLocal<double[][]> DOUBLE_SCRATCH = ThreadLocal.withInitial(() -> new double[1][]);

  /**
   * The elements of {@code d} as a float[]: a per-thread buffer reused from row to row when {@code
   * scratch} (the caller must be done with it before the thread reads the next row), else a new
   * array. Saves allocating one input-sized array per row.
   */
  static float[] floats(ArrayData d, boolean scratch) {
    int n = d.numElements();
    if (scratch && n >= SCRATCH_MIN && n <= SCRATCH_MAX && d instanceof UnsafeArrayData) {
      float[][] holder = FLOAT_SCRATCH.get();
      if (holder[0] == null || holder[0].length != n) {
        holder[0] = new float[n];
      }
      UnsafeArrayData u = (UnsafeArrayData) d;
      Platform.copyMemory(
          u.getBaseObject(),
          u.getBaseOffset() + UnsafeArrayData.calculateHeaderPortionInBytes(n),
          holder[0],
          Platform.FLOAT_ARRAY_OFFSET,
          4L * n);
      return holder[0];
    }
    return d.toFloatArray();
  }

  static double[] doubles(ArrayData d, boolean scratch) {
    int n = d.numElements();
    if (scratch && n >= SCRATCH_MIN && n <= SCRATCH_MAX && d instanceof UnsafeArrayData) {
      double[][] holder = DOUBLE_SCRATCH.get();
      if (holder[0] == null || holder[0].length != n) {
        holder[0] = new double[n];
      }
      UnsafeArrayData u = (UnsafeArrayData) d;
      Platform.copyMemory(
          u.getBaseObject(),
          u.getBaseOffset() + UnsafeArrayData.calculateHeaderPortionInBytes(n),
          holder[0],
          Platform.DOUBLE_ARRAY_OFFSET,
          8L * n);
      return holder[0];
    }
    return d.toDoubleArray();
  }

  /**
   * Reads a canonical tensor row of the given dtype; with {@code scratch} the float data may live in
   * a per-thread buffer (see {@link #floats}).
   */
  static Tensor readCanonical(InternalRow row, DType dtype, String where, boolean scratch) {
    if (row.isNullAt(1)) {
      throw Errors.badRow(where, "shape is NULL");
    }
    int[] shape = shape(row.getArray(1), where);
    if (row.isNullAt(0)) {
      throw Errors.badRow(where, "data is NULL (shape " + Arrays.toString(shape) + ")");
    }
    switch (dtype) {
      case FLOAT32:
        {
          ArrayData d = row.getArray(0);
          checkLength(d.numElements(), shape, where);
          checkNoNulls(d, where, "data");
          return Tensor.ofFloat(floats(d, scratch), shape);
        }
      case FLOAT64:
        {
          ArrayData d = row.getArray(0);
          checkLength(d.numElements(), shape, where);
          checkNoNulls(d, where, "data");
          return Tensor.ofDouble(doubles(d, scratch), shape);
        }
      default:
        {
          byte[] d = row.getBinary(0);
          checkLength(d.length, shape, where);
          return Tensor.ofUint8(d, shape);
        }
    }
  }

  /** Writes a tensor as a canonical row, optionally with a different shape (same numel). */
  static InternalRow writeCanonical(Tensor t, int[] shape) {
    Object data;
    switch (t.dtype()) {
      case FLOAT32:
        data = UnsafeArrayData.fromPrimitiveArray(t.floatData());
        break;
      case FLOAT64:
        data = UnsafeArrayData.fromPrimitiveArray(t.doubleData());
        break;
      default:
        data = t.uint8Data();
    }
    return new GenericInternalRow(
        new Object[] {data, UnsafeArrayData.fromPrimitiveArray(shape == null ? t.shape() : shape)});
  }

  static InternalRow writeCanonical(Tensor t) {
    return writeCanonical(t, null);
  }

  // -------------------------------------------------------------------------------------------
  // Spark image struct <origin, height, width, nChannels, mode, data>: HWC uint8

  /** Channels for an OpenCV mode, or -1. */
  static int channelsOfMode(int mode) {
    switch (mode) {
      case TensorTypes.CV_8UC1:
        return 1;
      case TensorTypes.CV_8UC3:
        return 3;
      case TensorTypes.CV_8UC4:
        return 4;
      default:
        return -1;
    }
  }

  static int modeOfChannels(int c) {
    switch (c) {
      case 1:
        return TensorTypes.CV_8UC1;
      case 3:
        return TensorTypes.CV_8UC3;
      case 4:
        return TensorTypes.CV_8UC4;
      default:
        return -1;
    }
  }

  /** Reads an image row as a uint8 tensor of shape (C, H, W) (channels in stored order). */
  static Tensor readImage(InternalRow row, String where) {
    for (int i = 1; i <= 5; i++) {
      if (row.isNullAt(i)) {
        throw Errors.badRow(where, "image field " + TensorTypes.IMAGE.fields()[i].name() + " is NULL");
      }
    }
    int h = row.getInt(1);
    int w = row.getInt(2);
    int c = row.getInt(3);
    int mode = row.getInt(4);
    byte[] data = row.getBinary(5);
    if (h < 0 || w < 0 || c < 0) {
      throw Errors.badRow(
          where,
          "invalid image (height "
              + h
              + ", width "
              + w
              + ", nChannels "
              + c
              + ", origin '"
              + (row.isNullAt(0) ? "" : row.getUTF8String(0))
              + "'): Spark's image source marks undecodable files this way");
    }
    if (channelsOfMode(mode) != c) {
      throw Errors.badRow(
          where,
          "image mode "
              + mode
              + " does not match nChannels "
              + c
              + "; supported: mode 0 (CV_8UC1, 1 channel), 16 (CV_8UC3, 3), 24 (CV_8UC4, 4)");
    }
    int[] chw = {c, h, w};
    checkLength(data.length, new int[] {h, w, c}, where);
    return Tensor.ofUint8(hwcToChw(data, h, w, c), chw);
  }

  static byte[] hwcToChw(byte[] hwc, int h, int w, int c) {
    byte[] out = new byte[hwc.length];
    int plane = h * w;
    for (int p = 0, i = 0; p < plane; p++) {
      for (int ch = 0; ch < c; ch++) {
        out[ch * plane + p] = hwc[i++];
      }
    }
    return out;
  }

  static byte[] chwToHwc(byte[] chw, int c, int h, int w) {
    byte[] out = new byte[chw.length];
    int plane = h * w;
    for (int p = 0, i = 0; p < plane; p++) {
      for (int ch = 0; ch < c; ch++) {
        out[i++] = chw[ch * plane + p];
      }
    }
    return out;
  }

  /** Writes a uint8 (C, H, W) tensor as an image row. */
  static InternalRow writeImage(Object origin, byte[] chw, int c, int h, int w) {
    return new GenericInternalRow(
        new Object[] {origin, h, w, c, modeOfChannels(c), chwToHwc(chw, c, h, w)});
  }
}
