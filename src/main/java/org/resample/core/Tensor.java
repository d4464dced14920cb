package org.resample.core;

import java.util.Arrays;

/**
 * A dense, row-major tensor of shape {@code (N, C, d1, ..., dk)} as PyTorch lays it out, holding
 * float32, float64 or uint8 elements. The tensor wraps the array it is given (no copy); callers that
 * keep writing to that array see the change.
 *
 * <pre>{@code
 * Tensor x = Tensor.ofFloat(new float[] {1, 2, 3, 4, 5, 6}, 1, 2, 3);
 * x.shape();   // [1, 2, 3]
 * }</pre>
 *
 * @since 0.1
 */
public final class Tensor {
  private final int[] shape;
  private final DType dtype;
  private final Object data;

  private Tensor(Object data, DType dtype, int[] shape, int length) {
    if (shape == null) {
      throw new InterpolateException("shape must not be null");
    }
    long n = numel(shape);
    if (n != length) {
      throw new InterpolateException(
          "data length "
              + length
              + " does not match shape "
              + Arrays.toString(shape)
              + " (which has "
              + n
              + " elements); pass a data array of exactly the shape's product");
    }
    this.shape = shape.clone();
    this.dtype = dtype;
    this.data = data;
  }

  /** A float32 tensor over {@code data} (not copied). */
  public static Tensor ofFloat(float[] data, int... shape) {
    requireData(data);
    return new Tensor(data, DType.FLOAT32, shape, data.length);
  }

  /** A float64 tensor over {@code data} (not copied). */
  public static Tensor ofDouble(double[] data, int... shape) {
    requireData(data);
    return new Tensor(data, DType.FLOAT64, shape, data.length);
  }

  /** A uint8 tensor over {@code data} (not copied); each byte is read as unsigned 0..255. */
  public static Tensor ofUint8(byte[] data, int... shape) {
    requireData(data);
    return new Tensor(data, DType.UINT8, shape, data.length);
  }

  /** A zero-filled tensor of the given dtype and shape. */
  public static Tensor zeros(DType dtype, int... shape) {
    long n = numel(shape);
    if (n > Integer.MAX_VALUE - 8) {
      throw new InterpolateException(
          "shape " + Arrays.toString(shape) + " has " + n + " elements; a tensor holds at most "
              + (Integer.MAX_VALUE - 8));
    }
    switch (dtype) {
      case FLOAT32:
        return ofFloat(new float[(int) n], shape);
      case FLOAT64:
        return ofDouble(new double[(int) n], shape);
      default:
        return ofUint8(new byte[(int) n], shape);
    }
  }

  private static void requireData(Object data) {
    if (data == null) {
      throw new InterpolateException("data must not be null");
    }
  }

  /**
   * Number of elements of {@code shape}, checked: every dimension must be {@code >= 0} and the
   * product must not overflow a {@code long}.
   */
  static long numel(int[] shape) {
    if (shape == null) {
      throw new InterpolateException("shape must not be null");
    }
    long n = 1;
    boolean zero = false;
    for (int d : shape) {
      if (d < 0) {
        throw new InterpolateException(
            "shape " + Arrays.toString(shape) + " has a negative dimension; dimensions must be >= 0");
      }
      if (d == 0) {
        zero = true;
        continue;
      }
      if (n > Long.MAX_VALUE / d) {
        throw new InterpolateException(
            "shape " + Arrays.toString(shape) + " has more elements than fit in a long");
      }
      n *= d;
    }
    return zero ? 0 : n;
  }

  /** The shape (a copy). */
  public int[] shape() {
    return shape.clone();
  }

  /** Size of dimension {@code dim}. */
  public int size(int dim) {
    return shape[dim];
  }

  /** Number of dimensions. */
  public int rank() {
    return shape.length;
  }

  /** Number of elements. */
  public long numel() {
    return numel(shape);
  }

  /** The element type. */
  public DType dtype() {
    return dtype;
  }

  /** The float32 data (not a copy). */
  public float[] floatData() {
    return (float[]) requireType(DType.FLOAT32);
  }

  /** The float64 data (not a copy). */
  public double[] doubleData() {
    return (double[]) requireType(DType.FLOAT64);
  }

  /** The uint8 data (not a copy); read each byte with {@code b & 0xFF}. */
  public byte[] uint8Data() {
    return (byte[]) requireType(DType.UINT8);
  }

  private Object requireType(DType wanted) {
    if (dtype != wanted) {
      throw new InterpolateException(
          "tensor has dtype " + dtype + ", not " + wanted + "; use the accessor for " + dtype);
    }
    return data;
  }

  /** The backing array, whichever its type. */
  Object rawData() {
    return data;
  }

  /** Element {@code i} (row-major flat index) as a double, whatever the dtype. */
  public double getAsDouble(int i) {
    switch (dtype) {
      case FLOAT32:
        return ((float[]) data)[i];
      case FLOAT64:
        return ((double[]) data)[i];
      default:
        return ((byte[]) data)[i] & 0xFF;
    }
  }

  @Override
  public String toString() {
    return "Tensor(" + dtype + ", shape=" + Arrays.toString(shape) + ")";
  }
}
