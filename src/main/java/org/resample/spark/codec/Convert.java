package org.resample.spark.codec;

import java.util.Arrays;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.resample.core.DType;
import org.resample.core.Tensor;
import org.resample.spark.codec.TensorTypes.Kind;
import org.resample.spark.Errors;

/** The conversion functions' work on internal values: tensor, tensor_shape, npy, image. */
public final class Convert {
  private Convert() {}

  /** {@code tensor(data, shape)} for float32/float64 data (copied). */
  public static InternalRow tensor(DType dtype, String fn, ArrayData data, ArrayData shape) {
    if (data == null || shape == null) {
      return null;
    }
    int[] sh = RowCodec.shape(shape, fn);
    RowCodec.checkLength(data.numElements(), sh, fn);
    RowCodec.checkNoNulls(data, fn, "data");
    Object d =
        dtype == DType.FLOAT32
            ? UnsafeArrayData.fromPrimitiveArray(data.toFloatArray())
            : UnsafeArrayData.fromPrimitiveArray(data.toDoubleArray());
    return new GenericInternalRow(new Object[] {d, UnsafeArrayData.fromPrimitiveArray(sh)});
  }

  /** {@code tensor(data BINARY, shape)}: uint8. */
  public static InternalRow tensor(String fn, byte[] data, ArrayData shape) {
    if (data == null || shape == null) {
      return null;
    }
    int[] sh = RowCodec.shape(shape, fn);
    RowCodec.checkLength(data.length, sh, fn);
    return new GenericInternalRow(
        new Object[] {data.clone(), UnsafeArrayData.fromPrimitiveArray(sh)});
  }

  /**
   * {@code tensor_shape(t)}: the shape of a canonical tensor, or (C, H, W) of an image, once the
   * value is known to be valid (a malformed one fails as it would in interpolate).
   */
  public static ArrayData shape(Kind kind, String fn, InternalRow t) {
    if (t == null) {
      return null;
    }
    return UnsafeArrayData.fromPrimitiveArray(
        kind == Kind.IMAGE ? RowCodec.imageShape(t, fn) : RowCodec.canonicalShape(t, kind.dtype, fn));
  }

  /** {@code from_npy*(bytes)}. */
  public static InternalRow fromNpy(DType target, String fn, byte[] npy) {
    if (npy == null) {
      return null;
    }
    return RowCodec.writeCanonical(Npy.read(npy, target, fn));
  }

  /** {@code to_npy(t)}; an image becomes an (H, W, C) uint8 array, as OpenCV/NumPy hold it. */
  public static byte[] toNpy(Kind kind, String fn, InternalRow t) {
    if (t == null) {
      return null;
    }
    if (kind == Kind.IMAGE) {
      Tensor chw = RowCodec.readImage(t, fn);
      int c = chw.size(0);
      int h = chw.size(1);
      int w = chw.size(2);
      return Npy.write(Tensor.ofUint8(t.getBinary(5), h, w, c));
    }
    return Npy.write(RowCodec.readCanonical(t, kind.dtype, fn));
  }

  /** {@code from_image(img)}: a uint8 (C, H, W) tensor, channels in stored (BGR(A)) order. */
  public static InternalRow fromImage(String fn, InternalRow img) {
    if (img == null) {
      return null;
    }
    return RowCodec.writeCanonical(RowCodec.readImage(img, fn));
  }

  /**
   * {@code to_image(t)}: (C, H, W) or (1, C, H, W), C in {1, 3, 4}, channels taken as BGR(A).
   * Float values are rounded half to even and clamped to [0, 255].
   */
  public static InternalRow toImage(Kind kind, String fn, InternalRow t) {
    if (t == null) {
      return null;
    }
    if (kind == Kind.IMAGE) {
      RowCodec.imageShape(t, fn); // an image is returned as it is, once it is known to be valid
      return t.copy();
    }
    Tensor x = RowCodec.readCanonical(t, kind.dtype, fn);
    int[] s = x.shape();
    int[] chw;
    if (s.length == 3) {
      chw = s;
    } else if (s.length == 4 && s[0] == 1) {
      chw = Arrays.copyOfRange(s, 1, 4);
    } else {
      throw Errors.badRow(
          fn,
          "to_image needs a (C, H, W) or (1, C, H, W) tensor, got shape " + Arrays.toString(s));
    }
    if (RowCodec.modeOfChannels(chw[0]) < 0) {
      throw Errors.badRow(
          fn,
          "to_image needs 1, 3 or 4 channels (CV_8UC1/3/4), got "
              + chw[0]
              + " (shape "
              + Arrays.toString(s)
              + ")");
    }
    byte[] bytes;
    switch (x.dtype()) {
      case UINT8:
        bytes = x.uint8Data();
        break;
      case FLOAT32:
        {
          float[] f = x.floatData();
          bytes = new byte[f.length];
          for (int i = 0; i < f.length; i++) {
            bytes[i] = saturate(f[i]);
          }
          break;
        }
      default:
        {
          double[] f = x.doubleData();
          bytes = new byte[f.length];
          for (int i = 0; i < f.length; i++) {
            bytes[i] = saturate(f[i]);
          }
        }
    }
    return RowCodec.writeImage(UTF8String.fromString(""), bytes, chw[0], chw[1], chw[2]);
  }

  private static byte saturate(double v) {
    if (!(v > 0)) {
      return 0; // also NaN
    }
    if (v >= 255) {
      return (byte) 255;
    }
    return (byte) (int) Math.rint(v);
  }
}
