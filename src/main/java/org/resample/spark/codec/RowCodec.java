package org.resample.spark.codec;

import java.util.Arrays;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;
import org.resample.core.DType;
import org.resample.core.Interpolate;
import org.resample.core.InterpolateOptions;
import org.resample.core.Tensor;
import org.resample.spark.Errors;
import org.resample.spark.ResampleSqlException;

/**
 * Converts between Spark's internal rows and core {@link Tensor}s, checking every row: data and
 * shape present, no null elements, dimensions {@code >= 0}, element count equal to the shape's
 * product. Problems are thrown as {@link ResampleSqlException} with {@code where} as prefix.
 */
public final class RowCodec {
  private RowCodec() {}

  /** Largest element count of one tensor (the largest Java array). */
  public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

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
  public static long numel(int[] shape, String where) {
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

  public static void checkLength(long length, int[] shape, String where) {
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
  public static Tensor readCanonical(InternalRow row, DType dtype, String where) {
    return readCanonical(row, dtype, where, false);
  }

  /** Arrays at least this long are copied into a per-thread scratch buffer when allowed. */
  public static final int SCRATCH_MIN = 1 << 12;

  /**
   * Arrays longer than this are never kept as scratch: a thread keeps at most 16 MiB of float32 and
   * 32 MiB of float64 input between rows, and only until its Spark task ends.
   */
  static final int SCRATCH_MAX = 1 << 22;

  /** A thread's scratch input buffers, emptied when the Spark task that filled them ends. */
  private static final class ThreadScratch {
    final float[][] floats = new float[1][];
    final double[][] doubles = new double[1][];
    long taskAttempt = -1;

    ThreadScratch inTask() {
      TaskContext tc = TaskContext.get();
      if (tc != null && tc.taskAttemptId() != taskAttempt) {
        taskAttempt = tc.taskAttemptId();
        tc.addTaskCompletionListener(
            (org.apache.spark.util.TaskCompletionListener)
                ctx -> {
                  floats[0] = null;
                  doubles[0] = null;
                  taskAttempt = -1;
                });
      }
      return this;
    }
  }

  private static final ThreadLocal<ThreadScratch> SCRATCH = ThreadLocal.withInitial(ThreadScratch::new);

  /** Elements of input this thread keeps between rows (at most {@link #SCRATCH_MAX} of each type). */
  public static long scratchHeldElements() {
    ThreadScratch s = SCRATCH.get();
    return (s.floats[0] == null ? 0 : s.floats[0].length) + (s.doubles[0] == null ? 0 : s.doubles[0].length);
  }

  /**
   * The elements of {@code d} in {@code holder[0]}, reused when it has the right length (else
   * replaced by a new array, kept only up to {@link #SCRATCH_MAX} elements).
   */
  public static float[] floats(ArrayData d, float[][] holder) {
    int n = d.numElements();
    if (n > SCRATCH_MAX || !(d instanceof UnsafeArrayData)) {
      return d.toFloatArray();
    }
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

  static double[] doubles(ArrayData d, double[][] holder) {
    int n = d.numElements();
    if (n > SCRATCH_MAX || !(d instanceof UnsafeArrayData)) {
      return d.toDoubleArray();
    }
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

  /**
   * A canonical tensor row holding {@code call} resampled with {@code options} straight into its
   * data array (see {@link #interpolateIntoArray}); {@code shape} is the shape the row records.
   */
  static InternalRow resampledCanonical(
      Tensor call, InterpolateOptions options, int n, int[] shape, Object[] holder) {
    return new GenericInternalRow(
        new Object[] {
          interpolateIntoArray(call, options, n, holder), UnsafeArrayData.fromPrimitiveArray(shape)
        });
  }

  /** Bytes of an {@link UnsafeArrayData} of {@code n} elements of {@code elementSize} bytes. */
  static long unsafeArrayBytes(int n, int elementSize) {
    return UnsafeArrayData.calculateHeaderPortionInBytes(n) + (((long) elementSize * n + 7) & ~7L);
  }

  /** The most bytes one of Spark's unsafe rows or arrays holds. */
  public static final long MAX_UNSAFE_BYTES = Integer.MAX_VALUE - 15;

  /**
   * The most elements of {@code dtype} one result can have: what a canonical tensor struct in one
   * Spark row holds (its data array, shape and offsets under {@link #MAX_UNSAFE_BYTES}), and never
   * more than one Java array: 520,602,074 float32, 264,305,668 float64 or 1,908,874,272 uint8
   * elements.
   */
  public static long maxRowElements(DType dtype) {
    return MAX_ROW_ELEMENTS[dtype.ordinal()];
  }

  /**
   * {@code limit}, the setting {@code setting} of {@code function} (a memory limit in elements of
   * {@code dtype}), after refusing it when it asks for more than one Spark row holds of that dtype.
   */
  public static long rowLimit(String function, String setting, long limit, DType dtype) {
    if (limit > maxRowElements(dtype)) {
      throw Errors.badOption(function, setting + " " + limit + " is more than one Spark row holds for " + dtype
          + " results; give at most " + maxRowElements(dtype));
    }
    return limit;
  }

  private static final long[] MAX_ROW_ELEMENTS = new long[DType.values().length];

  static {
    for (DType d : DType.values()) {
      MAX_ROW_ELEMENTS[d.ordinal()] = largestFittingRow(d);
    }
  }

  private static long largestFittingRow(DType dtype) {
    long lo = 0;
    long hi = MAX_ELEMENTS;
    while (lo < hi) { // the largest n that fits, by bisection
      long mid = (lo + hi + 1) >>> 1;
      if (canonicalBytes((int) mid, dtype.byteSize(), 5) <= MAX_UNSAFE_BYTES) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** Whether {@code n} elements of {@code elementSize} bytes fit one {@link UnsafeArrayData}. */
  static boolean fitsUnsafeArray(int n, int elementSize) {
    return unsafeArrayBytes(n, elementSize) <= MAX_UNSAFE_BYTES;
  }

  /**
   * Resamples {@code x} straight into the storage of an {@link UnsafeArrayData}: {@code holder[0]},
   * a float[] or double[] of the tensor's dtype reused when its length fits, holds the array
   * header (element count, null bits) followed by the result's {@code n} elements, the same bytes
   * {@code UnsafeArrayData.fromPrimitiveArray} makes, with no intermediate array and no copy. The
   * result is valid until the holder is used again.
   */
  static UnsafeArrayData interpolateIntoArray(
      Tensor x, InterpolateOptions options, int n, Object[] holder) {
    boolean f32 = x.dtype() == DType.FLOAT32;
    int elementSize = f32 ? 4 : 8;
    if (!fitsUnsafeArray(n, elementSize)) {
      throw Errors.tooLargeForOneArray(n);
    }
    long bytes = unsafeArrayBytes(n, elementSize);
    int length = (int) (bytes / elementSize);
    Object buf = holder[0];
    if (f32 ? !(buf instanceof float[]) || ((float[]) buf).length != length
        : !(buf instanceof double[]) || ((double[]) buf).length != length) {
      buf = f32 ? new float[length] : new double[length];
      holder[0] = buf;
    }
    long base = f32 ? Platform.FLOAT_ARRAY_OFFSET : Platform.DOUBLE_ARRAY_OFFSET;
    interpolateIntoArrayAt(x, options, n, buf, base);
    UnsafeArrayData u = new UnsafeArrayData();
    u.pointTo(buf, base, (int) bytes);
    return u;
  }

  /**
   * Resamples {@code x} into an {@link UnsafeArrayData} laid out at {@code offset} of {@code
   * storage}, a float[] (float32) or double[] (float64) with room for {@link #unsafeArrayBytes}
   * bytes there; {@code offset} is an address as {@link Platform} takes it, a multiple of 8 from the
   * array's base offset. The core writes the {@code n} elements in place.
   */
  static void interpolateIntoArrayAt(
      Tensor x, InterpolateOptions options, int n, Object storage, long offset) {
    boolean f32 = x.dtype() == DType.FLOAT32;
    long bytes = unsafeArrayBytes(n, f32 ? 4 : 8);
    long header = writeArrayHeader(storage, offset, n, bytes);
    if (f32) {
      long first = offset + header - Platform.FLOAT_ARRAY_OFFSET;
      Interpolate.interpolateInto(x, options, (float[]) storage, (int) (first / 4));
    } else {
      long first = offset + header - Platform.DOUBLE_ARRAY_OFFSET;
      Interpolate.interpolateInto(x, options, (double[]) storage, (int) (first / 8));
    }
  }

  /**
   * Writes the header of an {@link UnsafeArrayData} of {@code n} non-null elements taking {@code
   * bytes} in all at {@code offset} of {@code storage}, zeroing the padding after the elements;
   * returns the header's length in bytes.
   */
  private static long writeArrayHeader(Object storage, long offset, int n, long bytes) {
    long header = UnsafeArrayData.calculateHeaderPortionInBytes(n);
    Platform.putLong(storage, offset + bytes - 8, 0L); // the padding after an odd 4-byte count
    Platform.putLong(storage, offset, n);
    for (long o = 8; o < header; o += 8) {
      Platform.putLong(storage, offset + o, 0L);
    }
    return header;
  }

  /** Bytes of a canonical tensor struct {@code <data, shape>} in Spark's unsafe row layout. */
  static long canonicalBytes(int n, int elementSize, int rank) {
    return CANONICAL_FIXED_BYTES + unsafeArrayBytes(n, elementSize) + unsafeArrayBytes(rank, 4);
  }

  /** A two-field unsafe row's null bits and its two offset-and-size words. */
  private static final long CANONICAL_FIXED_BYTES = 24;

  /**
   * Lays out at {@code offset} of {@code storage} (as {@link #interpolateIntoArrayAt} takes them)
   * the canonical struct {@code <data, shape>} of {@code x} resampled into its data array, with
   * {@code shape} as its recorded shape: {@link #canonicalBytes} bytes in Spark's unsafe row layout.
   */
  static void resampleCanonicalAt(
      Tensor x, InterpolateOptions options, int n, int[] shape, Object storage, long offset) {
    long data = unsafeArrayBytes(n, x.dtype() == DType.FLOAT32 ? 4 : 8);
    long shapeBytes = unsafeArrayBytes(shape.length, 4);
    long dataAt = CANONICAL_FIXED_BYTES;
    long shapeAt = dataAt + data;
    Platform.putLong(storage, offset, 0L); // neither field is null
    Platform.putLong(storage, offset + 8, (dataAt << 32) | data);
    Platform.putLong(storage, offset + 16, (shapeAt << 32) | shapeBytes);
    interpolateIntoArrayAt(x, options, n, storage, offset + dataAt);
    long header = writeArrayHeader(storage, offset + shapeAt, shape.length, shapeBytes);
    for (int i = 0; i < shape.length; i++) {
      Platform.putInt(storage, offset + shapeAt + header + 4L * i, shape[i]);
    }
  }

  /**
   * Reads a canonical tensor row of the given dtype; with {@code scratch} the float data (of at least
   * {@link #SCRATCH_MIN} elements) lives in a per-thread buffer reused from row to row, so the
   * caller must be done with it before the thread reads the next row.
   */
  public static Tensor readCanonical(InternalRow row, DType dtype, String where, boolean scratch) {
    if (!scratch) {
      return readCanonical(row, dtype, where, null, null);
    }
    ThreadScratch s = SCRATCH.get().inTask();
    return readCanonical(row, dtype, where, s.floats, s.doubles);
  }

  /**
   * Reads a canonical tensor row of the given dtype, its data into {@code floats[0]} / {@code
   * doubles[0]} when those holders are given and the data has at least {@link #SCRATCH_MIN}
   * elements (see {@link #floats(ArrayData, float[][])}), else into a new array.
   */
  public static Tensor readCanonical(
      InternalRow row, DType dtype, String where, float[][] floats, double[][] doubles) {
    int[] shape = canonicalShape(row, dtype, where);
    return dtype == DType.UINT8
        ? Tensor.ofUint8(row.getBinary(0), shape)
        : floating(row.getArray(0), dtype, shape, floats, doubles);
  }

  /**
   * The float32 or float64 tensor of {@code shape} whose elements {@code d} holds, after checking
   * its length and that it has no nulls: in {@code floats[0]} / {@code doubles[0]} when those
   * holders are given and it has at least {@link #SCRATCH_MIN} elements, else in a new array.
   */
  static Tensor readFloating(
      ArrayData d, DType dtype, int[] shape, String where, float[][] floats, double[][] doubles) {
    checkLength(d.numElements(), shape, where);
    checkNoNulls(d, where, "data");
    return floating(d, dtype, shape, floats, doubles);
  }

  /** {@link #readFloating} of data already checked. */
  private static Tensor floating(ArrayData d, DType dtype, int[] shape, float[][] floats, double[][] doubles) {
    boolean large = d.numElements() >= SCRATCH_MIN;
    return dtype == DType.FLOAT32
        ? Tensor.ofFloat(large && floats != null ? floats(d, floats) : d.toFloatArray(), shape)
        : Tensor.ofDouble(large && doubles != null ? doubles(d, doubles) : d.toDoubleArray(), shape);
  }

  /** Writes a tensor as a canonical row, optionally with a different shape (same numel). */
  public static InternalRow writeCanonical(Tensor t, int[] shape) {
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

  public static InternalRow writeCanonical(Tensor t) {
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
    int[] chw = imageShape(row, where);
    return Tensor.ofUint8(hwcToChw(row.getBinary(5), chw[1], chw[2], chw[0]), chw);
  }

  /**
   * The (C, H, W) shape of a valid image row, without decoding it: every field but origin present,
   * sizes {@code >= 0}, a supported mode matching nChannels, and H x W x C bytes of data.
   */
  static int[] imageShape(InternalRow row, String where) {
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
              + "'): the file could not be decoded as an image (Spark's image source marks such files this way)");
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
    checkLength(data.length, new int[] {h, w, c}, where);
    return new int[] {c, h, w};
  }

  /**
   * The shape of a valid canonical tensor row of {@code dtype}, without copying its data: shape
   * and data present, no NULL elements, dimensions {@code >= 0} and as many elements as the shape.
   */
  static int[] canonicalShape(InternalRow row, DType dtype, String where) {
    if (row.isNullAt(1)) {
      throw Errors.badRow(where, "shape is NULL");
    }
    int[] shape = shape(row.getArray(1), where);
    if (row.isNullAt(0)) {
      throw Errors.badRow(where, "data is NULL (shape " + Arrays.toString(shape) + ")");
    }
    if (dtype == DType.UINT8) {
      checkLength(row.getBinary(0).length, shape, where);
    } else {
      ArrayData d = row.getArray(0);
      checkLength(d.numElements(), shape, where);
      checkNoNulls(d, where, "data");
    }
    return shape;
  }

  public static byte[] hwcToChw(byte[] hwc, int h, int w, int c) {
    byte[] out = new byte[hwc.length];
    int plane = h * w;
    for (int p = 0, i = 0; p < plane; p++) {
      for (int ch = 0; ch < c; ch++) {
        out[ch * plane + p] = hwc[i++];
      }
    }
    return out;
  }

  public static byte[] chwToHwc(byte[] chw, int c, int h, int w) {
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

  /** Writes a resampled image, a uint8 (C, H, W) tensor, as an image row with {@code origin}. */
  static InternalRow writeImage(Object origin, Tensor chw) {
    return writeImage(origin, chw.uint8Data(), chw.size(0), chw.size(1), chw.size(2));
  }

  /** The origin of image row {@code img}, copied so it outlives the row; null when it is null. */
  static UTF8String imageOrigin(InternalRow img) {
    return img.isNullAt(0) ? null : img.getUTF8String(0).clone();
  }
}
