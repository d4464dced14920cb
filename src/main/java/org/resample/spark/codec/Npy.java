package org.resample.spark.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.resample.core.DType;
import org.resample.core.Tensor;
import org.resample.spark.Errors;
import org.resample.spark.ResampleSqlException;

/**
 * NumPy {@code .npy} bytes (Petastorm's {@code NdarrayCodec} cell format): reads versions 1.0, 2.0
 * and 3.0 by parsing the header dictionary; writes version 1.0. Nothing is ever unpickled: object
 * dtypes are rejected.
 *
 * <p>Reading converts the stored dtype to the requested one: {@code <f4} to float32 and {@code <f8}
 * to float64 are exact; integers and booleans are converted to float; uint8 accepts only {@code u1}
 * and {@code b1}.
 */
public final class Npy {
  private Npy() {}

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  static final String SUPPORTED_DTYPES = "f4, f8, f2, i1, i2, i4, i8, u1, u2, u4, u8, b1 (any byte order)";

  /** A parsed header. */
  static final class Header {
    final char kind; // 'f', 'i', 'u', 'b'
    final int itemSize;
    final ByteOrder order;
    final boolean fortran;
    final int[] shape;
    final int dataOffset;
    final String descr;

    Header(char kind, int itemSize, ByteOrder order, boolean fortran, int[] shape, int dataOffset, String descr) {
      this.kind = kind;
      this.itemSize = itemSize;
      this.order = order;
      this.fortran = fortran;
      this.shape = shape;
      this.dataOffset = dataOffset;
      this.descr = descr;
    }
  }

  static Header header(byte[] b, String where) {
    if (b.length < 10) {
      throw Errors.badRow(where, "not a .npy value: " + b.length + " bytes, fewer than the 10-byte preamble");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (b[i] != MAGIC[i]) {
        throw Errors.badRow(
            where,
            "not a .npy value: the first bytes are "
                + hex(b, 6)
                + ", expected the magic \\x93NUMPY");
      }
    }
    int major = b[6] & 0xFF;
    int minor = b[7] & 0xFF;
    long headerLen;
    int start;
    if (major == 1) {
      headerLen = (b[8] & 0xFF) | ((b[9] & 0xFF) << 8);
      start = 10;
    } else if (major == 2 || major == 3) {
      if (b.length < 12) {
        throw Errors.badRow(where, ".npy version " + major + "." + minor + " value truncated in the preamble");
      }
      headerLen =
          (b[8] & 0xFFL) | ((b[9] & 0xFFL) << 8) | ((b[10] & 0xFFL) << 16) | ((b[11] & 0xFFL) << 24);
      start = 12;
    } else {
      throw Errors.badRow(
          where, "unsupported .npy format version " + major + "." + minor + "; supported: 1.0, 2.0, 3.0");
    }
    if (start + headerLen > b.length) {
      throw Errors.badRow(
          where,
          ".npy header length "
              + headerLen
              + " runs past the end of the value ("
              + b.length
              + " bytes)");
    }
    String text =
        new String(
            b, start, (int) headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    HeaderParser p = new HeaderParser(text, where);
    p.parseDict();
    if (p.descr == null || p.fortran == null || p.shape == null) {
      throw Errors.badRow(
          where,
          "bad .npy header " + quote(text) + ": it must have the keys 'descr', 'fortran_order' and 'shape'");
    }
    String d = p.descr;
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    String body = d;
    if (!d.isEmpty() && "<>|=".indexOf(d.charAt(0)) >= 0) {
      if (d.charAt(0) == '>') {
        order = ByteOrder.BIG_ENDIAN;
      } else if (d.charAt(0) == '=') {
        order = ByteOrder.nativeOrder();
      }
      body = d.substring(1);
    }
    char kind = body.isEmpty() ? '?' : body.charAt(0);
    // The item size as NumPy reads it: ASCII digits, an optional '+' (np.dtype('<f+4') is float32)
    String digits = body.length() > 1 && body.charAt(1) == '+' ? body.substring(2) : body.substring(Math.min(1, body.length()));
    int size = digits.matches("[0-9]{1,3}") ? Integer.parseInt(digits) : -1;
    boolean ok =
        (kind == 'f' && (size == 2 || size == 4 || size == 8))
            || ((kind == 'i' || kind == 'u') && (size == 1 || size == 2 || size == 4 || size == 8))
            || (kind == 'b' && size == 1);
    if (!ok) {
      throw Errors.badRow(
          where,
          "unsupported .npy dtype '"
              + d
              + "'"
              + (kind == 'O' ? " (pickled Python objects are never loaded)" : "")
              + "; supported: "
              + SUPPORTED_DTYPES);
    }
    return new Header(kind, size, order, p.fortran, p.shape, start + (int) headerLen, d);
  }

  /** Decodes {@code .npy} bytes into a tensor of {@code target} dtype. */
  public static Tensor read(byte[] b, DType target, String where) {
    Header h = header(b, where);
    long n = RowCodec.numel(h.shape, where);
    long need = n * h.itemSize;
    long have = b.length - (long) h.dataOffset;
    if (have != need) {
      throw Errors.badRow(
          where,
          ".npy payload has "
              + have
              + " bytes but shape "
              + Arrays.toString(h.shape)
              + " of dtype '"
              + h.descr
              + "' needs "
              + need);
    }
    if (target == DType.UINT8 && !(h.itemSize == 1 && (h.kind == 'u' || h.kind == 'b'))) {
      throw Errors.badRow(
          where,
          ".npy dtype '" + h.descr + "' cannot be read as uint8 without loss; use from_npy (float32) or from_npy_double");
    }
    ByteBuffer buf = ByteBuffer.wrap(b, h.dataOffset, (int) need).slice().order(h.order);
    int count = (int) n;
    int[] perm = h.fortran ? fortranToC(h.shape) : null;
    if (perm == null) { // the common case: a bulk copy, no per-element conversion
      if (target == DType.FLOAT32 && h.kind == 'f' && h.itemSize == 4) {
        float[] out = new float[count];
        buf.asFloatBuffer().get(out);
        return Tensor.ofFloat(out, h.shape);
      }
      if (target == DType.FLOAT64 && h.kind == 'f' && h.itemSize == 8) {
        double[] out = new double[count];
        buf.asDoubleBuffer().get(out);
        return Tensor.ofDouble(out, h.shape);
      }
      if (target == DType.UINT8 && h.kind == 'u') {
        byte[] out = new byte[count];
        buf.get(out);
        return Tensor.ofUint8(out, h.shape);
      }
    }
    switch (target) {
      case FLOAT32:
        {
          float[] out = new float[count];
          for (int i = 0; i < count; i++) {
            out[perm == null ? i : perm[i]] = (float) element(buf, h, i);
          }
          return Tensor.ofFloat(out, h.shape);
        }
      case FLOAT64:
        {
          double[] out = new double[count];
          for (int i = 0; i < count; i++) {
            out[perm == null ? i : perm[i]] = element(buf, h, i);
          }
          return Tensor.ofDouble(out, h.shape);
        }
      default:
        {
          byte[] out = new byte[count];
          for (int i = 0; i < count; i++) {
            byte v = buf.get(i);
            out[perm == null ? i : perm[i]] = h.kind == 'b' ? (byte) (v != 0 ? 1 : 0) : v;
          }
          return Tensor.ofUint8(out, h.shape);
        }
    }
  }

  private static double element(ByteBuffer buf, Header h, int i) {
    int at = i * h.itemSize;
    switch (h.kind) {
      case 'f':
        switch (h.itemSize) {
          case 2:
            return halfToFloat(buf.getShort(at));
          case 4:
            return buf.getFloat(at);
          default:
            return buf.getDouble(at);
        }
      case 'b':
        return buf.get(at) != 0 ? 1 : 0;
      case 'i':
        switch (h.itemSize) {
          case 1:
            return buf.get(at);
          case 2:
            return buf.getShort(at);
          case 4:
            return buf.getInt(at);
          default:
            return buf.getLong(at);
        }
      default: // 'u'
        switch (h.itemSize) {
          case 1:
            return buf.get(at) & 0xFF;
          case 2:
            return buf.getShort(at) & 0xFFFF;
          case 4:
            return buf.getInt(at) & 0xFFFFFFFFL;
          default:
            long v = buf.getLong(at);
            return v >= 0 ? (double) v : ((double) (v >>> 1)) * 2.0 + (v & 1);
        }
    }
  }

  /** IEEE binary16 to float (exact). */
  static float halfToFloat(short h) {
    int bits = h & 0xFFFF;
    int sign = (bits >>> 15) << 31;
    int exp = (bits >>> 10) & 0x1F;
    int mant = bits & 0x3FF;
    if (exp == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
    }
    if (exp == 0) {
      float v = mant * 0x1p-24f;
      return sign != 0 ? -v : v;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }

  /** perm[f] = C-order index of the element stored at Fortran-order position f. */
  private static int[] fortranToC(int[] shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    int[] perm = new int[n];
    int r = shape.length;
    int[] idx = new int[r];
    int[] cStride = new int[r];
    int s = 1;
    for (int k = r - 1; k >= 0; k--) {
      cStride[k] = s;
      s *= shape[k];
    }
    for (int f = 0; f < n; f++) {
      int c = 0;
      for (int k = 0; k < r; k++) {
        c += idx[k] * cStride[k];
      }
      perm[f] = c;
      for (int k = 0; k < r; k++) { // Fortran order: first index varies fastest
        if (++idx[k] < shape[k]) {
          break;
        }
        idx[k] = 0;
      }
    }
    return perm;
  }

  /** Encodes a tensor as version 1.0 {@code .npy} bytes (little-endian, C order). */
  public static byte[] write(Tensor t) {
    return write(t.dtype(), t.shape(), t);
  }

  public static byte[] write(DType dtype, int[] shape, Tensor t) {
    String descr = dtype == DType.FLOAT32 ? "<f4" : dtype == DType.FLOAT64 ? "<f8" : "|u1";
    StringBuilder sh = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      sh.append(shape[i]);
      if (shape.length == 1 || i < shape.length - 1) {
        sh.append(shape.length == 1 ? "," : ", ");
      }
    }
    sh.append(')');
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + sh + ", }";
    int total = 10 + dict.length() + 1;
    int pad = (64 - total % 64) % 64;
    StringBuilder header = new StringBuilder(dict);
    for (int i = 0; i < pad; i++) {
      header.append(' ');
    }
    header.append('\n');
    byte[] hb = header.toString().getBytes(StandardCharsets.ISO_8859_1);
    if (hb.length > 0xFFFF) {
      throw Errors.badRow("to_npy", "shape " + Arrays.toString(shape) + " makes a header too long for .npy 1.0");
    }
    int n = (int) t.numel();
    ByteBuffer out =
        ByteBuffer.allocate(10 + hb.length + n * dtype.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) hb.length).put(hb);
    switch (dtype) {
      case FLOAT32:
        out.asFloatBuffer().put(t.floatData());
        break;
      case FLOAT64:
        out.asDoubleBuffer().put(t.doubleData());
        break;
      default:
        out.put(t.uint8Data());
    }
    return out.array();
  }

  private static String hex(byte[] b, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(n, b.length); i++) {
      sb.append(String.format("%02x", b[i] & 0xFF));
    }
    return sb.toString();
  }

  static String quote(String s) {
    String t = s.length() > 120 ? s.substring(0, 120) + "..." : s;
    return "\"" + t.replace("\n", "\\n") + "\"";
  }

  /** Parser of the Python-literal header dictionary (strings, True/False, tuples of ints). */
  private static final class HeaderParser {
    private final String s;
    private final String where;
    private int i;
    String descr;
    Boolean fortran;
    int[] shape;

    HeaderParser(String s, String where) {
      this.s = s;
      this.where = where;
    }

    private ResampleSqlException bad(String what) {
      return Errors.badRow(where, "bad .npy header " + quote(s) + ": " + what + " at offset " + i);
    }

    private void ws() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private boolean eat(char c) {
      ws();
      if (i < s.length() && s.charAt(i) == c) {
        i++;
        return true;
      }
      return false;
    }

    void parseDict() {
      if (!eat('{')) {
        throw bad("expected '{'");
      }
      while (true) {
        if (eat('}')) {
          break;
        }
        String key = string();
        if (!eat(':')) {
          throw bad("expected ':'");
        }
        switch (key) {
          case "descr":
            ws();
            if (i < s.length() && s.charAt(i) == '[') {
              throw bad("structured dtypes are not supported (supported: " + SUPPORTED_DTYPES + ")");
            }
            descr = string();
            break;
          case "fortran_order":
            fortran = bool();
            break;
          case "shape":
            shape = tuple();
            break;
          default:
            throw bad("unexpected key '" + key + "'");
        }
        if (eat(',')) {
          continue;
        }
        if (eat('}')) {
          break;
        }
        throw bad("expected ',' or '}'");
      }
      ws();
      if (i != s.length()) {
        throw bad("unexpected text after the dictionary");
      }
    }

    private String string() {
      ws();
      if (i >= s.length() || (s.charAt(i) != '\'' && s.charAt(i) != '"')) {
        throw bad("expected a quoted string");
      }
      char q = s.charAt(i++);
      int start = i;
      while (i < s.length() && s.charAt(i) != q) {
        if (s.charAt(i) == '\\') {
          throw bad("escapes are not supported in header strings");
        }
        i++;
      }
      if (i >= s.length()) {
        throw bad("unterminated string");
      }
      return s.substring(start, i++);
    }

    private boolean bool() {
      ws();
      if (s.startsWith("True", i)) {
        i += 4;
        return true;
      }
      if (s.startsWith("False", i)) {
        i += 5;
        return false;
      }
      throw bad("expected True or False");
    }

    private int[] tuple() {
      if (!eat('(')) {
        throw bad("expected '(' starting the shape tuple");
      }
      List<Integer> dims = new ArrayList<>();
      while (true) {
        if (eat(')')) {
          break;
        }
        ws();
        int start = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') { // Python's digits only
          i++;
        }
        if (start == i) {
          throw bad("expected a non-negative integer dimension");
        }
        long v;
        try {
          v = Long.parseLong(s.substring(start, i));
        } catch (NumberFormatException e) {
          v = Long.MAX_VALUE;
        }
        if (v > Integer.MAX_VALUE) {
          throw bad("dimension " + s.substring(start, i) + " is larger than " + Integer.MAX_VALUE);
        }
        if (i < s.length() && s.charAt(i) == 'L') {
          i++; // Python 2 long suffix
        }
        dims.add((int) v);
        if (eat(',')) {
          continue;
        }
        if (eat(')')) {
          break;
        }
        throw bad("expected ',' or ')' in the shape tuple");
      }
      if (dims.size() > 64) {
        throw bad("shape has " + dims.size() + " dimensions (at most 64)");
      }
      int[] out = new int[dims.size()];
      for (int k = 0; k < out.length; k++) {
        out[k] = dims.get(k);
      }
      return out;
    }
  }
}
