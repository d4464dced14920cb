package org.resample.spark.codec;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.resample.core.DType;
import org.resample.core.Tensor;
import org.resample.spark.codec.TensorTypes.Kind;
import scala.collection.Iterator;
import org.resample.spark.Errors;

/**
 * Converts the external values a registered UDF receives ({@link Row}, Scala {@code Seq}s of boxed
 * numbers, {@code byte[]}, Scala maps) to core tensors and back. This is the slow path (Spark boxes
 * every element before the UDF sees it); the catalog functions avoid it.
 */
public final class ExternalCodec {
  private ExternalCodec() {}

  /** A decoded tensor argument. */
  public static final class Decoded {
    public final Kind kind;
    public final Tensor tensor;
    public final String origin;

    Decoded(Kind kind, Tensor tensor, String origin) {
      this.kind = kind;
      this.tensor = tensor;
      this.origin = origin;
    }
  }

  public static Kind kindOf(Row r, String where) {
    StructType schema = r.schema();
    Kind k = schema == null ? null : TensorTypes.kindOf(schema);
    if (k == null) {
      throw Errors.badRow(
          where,
          "argument 1 (tensor) has type "
              + (schema == null ? "<unknown>" : schema.simpleString())
              + "; accepted: "
              + TensorTypes.ACCEPTED_TENSORS);
    }
    return k;
  }

  public static Decoded decode(Row r, String where) {
    Kind k = kindOf(r, where);
    if (k == Kind.IMAGE) {
      for (int i = 1; i <= 5; i++) {
        if (r.isNullAt(i)) {
          throw Errors.badRow(where, "image field " + TensorTypes.IMAGE.fields()[i].name() + " is NULL");
        }
      }
      int h = r.getInt(1);
      int w = r.getInt(2);
      int c = r.getInt(3);
      int mode = r.getInt(4);
      byte[] data = (byte[]) r.get(5);
      String origin = r.isNullAt(0) ? null : r.getString(0);
      if (h < 0 || w < 0 || c < 0) {
        throw Errors.badRow(
            where,
            "invalid image (height " + h + ", width " + w + ", nChannels " + c + ", origin '"
                + (origin == null ? "" : origin)
                + "'): Spark's image source marks undecodable files this way");
      }
      if (RowCodec.channelsOfMode(mode) != c) {
        throw Errors.badRow(
            where,
            "image mode " + mode + " does not match nChannels " + c
                + "; supported: mode 0 (CV_8UC1, 1 channel), 16 (CV_8UC3, 3), 24 (CV_8UC4, 4)");
      }
      RowCodec.checkLength(data.length, new int[] {h, w, c}, where);
      return new Decoded(k, Tensor.ofUint8(RowCodec.hwcToChw(data, h, w, c), c, h, w), origin);
    }
    if (r.isNullAt(1)) {
      throw Errors.badRow(where, "shape is NULL");
    }
    int[] shape = ints(r.getSeq(1), where, "shape");
    if (r.isNullAt(0)) {
      throw Errors.badRow(where, "data is NULL (shape " + Arrays.toString(shape) + ")");
    }
    if (k == Kind.UINT8) {
      byte[] d = (byte[]) r.get(0);
      RowCodec.checkLength(d.length, shape, where);
      return new Decoded(k, Tensor.ofUint8(d, shape), null);
    }
    scala.collection.Seq<?> seq = r.getSeq(0);
    RowCodec.checkLength(seq.length(), shape, where);
    if (k == Kind.FLOAT32) {
      float[] d = new float[seq.length()];
      Iterator<?> it = seq.iterator();
      for (int i = 0; it.hasNext(); i++) {
        Object o = it.next();
        if (o == null) {
          throw Errors.badRow(where, "data has a NULL element at index " + i);
        }
        d[i] = ((Number) o).floatValue();
      }
      return new Decoded(k, Tensor.ofFloat(d, shape), null);
    }
    double[] d = new double[seq.length()];
    Iterator<?> it = seq.iterator();
    for (int i = 0; it.hasNext(); i++) {
      Object o = it.next();
      if (o == null) {
        throw Errors.badRow(where, "data has a NULL element at index " + i);
      }
      d[i] = ((Number) o).doubleValue();
    }
    return new Decoded(k, Tensor.ofDouble(d, shape), null);
  }

  public static int[] ints(scala.collection.Seq<?> seq, String where, String what) {
    int[] out = new int[seq.length()];
    Iterator<?> it = seq.iterator();
    for (int i = 0; it.hasNext(); i++) {
      Object o = it.next();
      if (o == null) {
        throw Errors.badRow(where, what + " has a NULL element at index " + i);
      }
      out[i] = ((Number) o).intValue();
    }
    return out;
  }

  public static double[] doubles(scala.collection.Seq<?> seq, String where, String what) {
    double[] out = new double[seq.length()];
    Iterator<?> it = seq.iterator();
    for (int i = 0; it.hasNext(); i++) {
      Object o = it.next();
      if (o == null) {
        throw Errors.badRow(where, what + " has a NULL element at index " + i);
      }
      out[i] = ((Number) o).doubleValue();
    }
    return out;
  }

  /** A canonical row for a tensor (optionally converted to {@code dtype}). */
  public static Row canonical(Tensor t) {
    switch (t.dtype()) {
      case FLOAT32:
        return RowFactory.create(t.floatData(), t.shape());
      case FLOAT64:
        return RowFactory.create(t.doubleData(), t.shape());
      default:
        return RowFactory.create(t.uint8Data(), t.shape());
    }
  }

  public static Row image(String origin, byte[] chw, int c, int h, int w) {
    return RowFactory.create(
        origin, h, w, c, RowCodec.modeOfChannels(c), RowCodec.chwToHwc(chw, c, h, w));
  }

  public static Map<String, String> options(scala.collection.Map<?, ?> m) {
    Map<String, String> out = new LinkedHashMap<>();
    if (m != null) {
      Iterator<? extends scala.Tuple2<?, ?>> it = m.iterator();
      while (it.hasNext()) {
        scala.Tuple2<?, ?> kv = it.next();
        out.put(
            kv._1() == null ? null : kv._1().toString(), kv._2() == null ? null : kv._2().toString());
      }
    }
    return out;
  }

  static DType dtypeOf(Kind k) {
    return k.dtype;
  }
}
