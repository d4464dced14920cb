package org.resample.spark.preview;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.resample.spark.Errors;
import org.resample.core.DType;
import org.resample.core.Interpolate;
import org.resample.core.InterpolateOptions;
import org.resample.core.Mode;
import org.resample.core.Tensor;
import org.resample.spark.codec.ExternalCodec.Decoded;
import org.resample.spark.codec.TensorTypes.Kind;
import org.resample.spark.codec.ExternalCodec;
import org.resample.spark.ResampleSqlException;

/**
 * Before/after previews of resampled tensor columns: PNG thumbnails of tensors and a self-contained
 * HTML page (PNGs inline, value histograms as inline SVG) for a handful of collected rows.
 *
 * <pre>{@code
 * List<Row> rows = out.select("id", "image", "image_small").limit(8).collectAsList();
 * Files.writeString(Path.of("report.html"), Preview.html(rows, "image", "image_small"));
 * // Zeppelin: print("%html " + Preview.fragment(rows, "image", "image_small", "id"))
 * byte[] png = Preview.png(tensor);   // one thumbnail
 * }</pre>
 *
 * <p>How a tensor becomes a picture: rank 4 is {@code (N, C, H, W)} and rank 5 {@code (N, C, D, H,
 * W)} (the first sample is shown, and of a volume its middle depth slice); rank 3 is one sample
 * {@code (C, H, W)}; ranks 1 and 2 ({@code (W)}, {@code (C, W)}) are drawn as a strip. One channel
 * is grey, three are RGB, four RGBA; any other count shows channel 0 in grey. Spark image structs are
 * BGR(A) and are shown in their true colours. uint8 values map 0..255 directly; float values map
 * {@code [lo, hi]} to black..white (by default the tensor's own min..max; {@link #html} uses the
 * "before" tensor's range for both sides so they compare). Thumbnails larger than {@code maxSide}
 * pixels are reduced with the library's own {@code area} mode.
 *
 * <p>Uses only {@code javax.imageio}; works headless.
 *
 * @since 0.1
 */
public final class Preview {
  private Preview() {}

  /** Largest side, in pixels, of the thumbnails {@link #html} and {@link #png(Tensor)} make. */
  public static final int DEFAULT_MAX_SIDE = 192;

  private static final int HISTOGRAM_BINS = 48;

  // ---------------------------------------------------------------------------------------------
  // PNG

  /**
   * A PNG thumbnail of {@code t} (at most {@value #DEFAULT_MAX_SIDE} pixels a side), uint8 shown
   * as is, floats stretched from their min..max.
   */
  public static byte[] png(Tensor t) {
    double[] range = autoRange(t);
    return png(t, range[0], range[1], DEFAULT_MAX_SIDE);
  }

  /**
   * A PNG thumbnail of {@code t}: values {@code lo..hi} map to 0..255 (clamped), and the picture is
   * reduced (area averaging) so that neither side exceeds {@code maxSide}.
   *
   * @throws IllegalArgumentException if {@code t} is empty, {@code hi <= lo} or {@code maxSide < 1}
   */
  public static byte[] png(Tensor t, double lo, double hi, int maxSide) {
    return encodePng(picture(t, lo, hi, maxSide, false));
  }

  /**
   * A PNG thumbnail of a collected tensor column value: a canonical tensor struct or a Spark image
   * struct (a {@link Row} from {@code collectAsList()}).
   *
   * @throws ResampleSqlException if the value is not a tensor struct or is malformed
   */
  public static byte[] png(Row value) {
    Decoded d = ExternalCodec.decode(value, "Preview.png");
    double[] range = autoRange(d.tensor);
    return encodePng(picture(d.tensor, range[0], range[1], DEFAULT_MAX_SIDE, d.kind == Kind.IMAGE));
  }

  /**
   * The core tensor of a collected tensor column value (a canonical tensor struct, or an image
   * struct as {@code (C, H, W)} uint8 in its stored BGR(A) channel order).
   */
  public static Tensor tensor(Row value) {
    return ExternalCodec.decode(value, "Preview.tensor").tensor;
  }

  // ---------------------------------------------------------------------------------------------
  // HTML

  /**
   * A complete, self-contained HTML page comparing column {@code beforeCol} with {@code afterCol}
   * for each of {@code rows}: thumbnails, shape, dtype, min/max/mean, and a value histogram.
   */
  public static String html(List<Row> rows, String beforeCol, String afterCol) {
    return html("spark-resample preview", rows, beforeCol, afterCol, null);
  }

  /**
   * As {@link #html(List, String, String)} with a page title and an optional key column ({@code
   * keyCol} may be null) whose value labels each row.
   */
  public static String html(
      String title, List<Row> rows, String beforeCol, String afterCol, String keyCol) {
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
        + escapeHtml(title)
        + "</title></head>\n<body style=\"font-family: sans-serif; margin: 1.5em\">\n<h1>"
        + escapeHtml(title)
        + "</h1>\n"
        + fragment(rows, beforeCol, afterCol, keyCol)
        + "</body></html>\n";
  }

  /**
   * The comparison table alone (a {@code <div>}), for embedding: Zeppelin's {@code %html}, a
   * Jupyter {@code HTML(...)}, or a larger page. {@code keyCol} may be null.
   *
   * @throws IllegalArgumentException if a named column is not in the rows' schema
   */
  public static String fragment(List<Row> rows, String beforeCol, String afterCol, String keyCol) {
    StringBuilder sb = new StringBuilder();
    sb.append("<div class=\"resample-preview\">\n<style>")
        .append(".resample-preview table{border-collapse:collapse}")
        .append(".resample-preview td,.resample-preview th{border:1px solid #ccc;padding:6px;")
        .append("vertical-align:top;font-size:13px}")
        .append(".resample-preview img{image-rendering:pixelated;background:#eee}")
        .append(".resample-preview .stats{font-family:monospace;white-space:pre}")
        .append("</style>\n<table>\n<tr>");
    if (keyCol != null) {
      sb.append("<th>").append(escapeHtml(keyCol)).append("</th>");
    }
    sb.append("<th>")
        .append(escapeHtml(beforeCol))
        .append(" (before)</th><th>")
        .append(escapeHtml(afterCol))
        .append(" (after)</th><th>values: <span style=\"color:#1f77b4\">before</span> / ")
        .append("<span style=\"color:#ff7f0e\">after</span></th></tr>\n");
    for (Row row : rows) {
      sb.append("<tr>");
      if (keyCol != null) {
        Object key = row.get(fieldIndex(row, keyCol));
        sb.append("<td>").append(escapeHtml(String.valueOf(key))).append("</td>");
      }
      Object before = decodeCell(row, beforeCol);
      Object after = decodeCell(row, afterCol);
      Decoded b = before instanceof Decoded ? (Decoded) before : null;
      Decoded a = after instanceof Decoded ? (Decoded) after : null;
      double[] range = b != null ? autoRange(b.tensor) : a != null ? autoRange(a.tensor) : null;
      sb.append(cell(before, range)).append(cell(after, range));
      sb.append("<td>").append(histogramSvg(b, a)).append("</td></tr>\n");
    }
    sb.append("</table>\n</div>\n");
    return sb.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // internals

  private static int fieldIndex(Row row, String col) {
    try {
      return row.fieldIndex(col);
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      String columns =
          row.schema() == null
              ? " (the rows have no schema: pass rows from collectAsList())"
              : "; columns: " + Arrays.toString(row.schema().fieldNames());
      throw Errors.previewArgument("column '" + col + "' is not in the rows" + columns, e);
    }
  }

  /** The decoded cell, or a String saying why there is no tensor to show. */
  private static Object decodeCell(Row row, String col) {
    Object v = row.get(fieldIndex(row, col));
    if (v == null) {
      return "NULL";
    }
    if (!(v instanceof Row)) {
      return "not a tensor: " + v.getClass().getSimpleName();
    }
    try {
      return ExternalCodec.decode((Row) v, col);
    } catch (ResampleSqlException e) {
      return e.getMessage();
    }
  }

  private static String cell(Object value, double[] range) {
    if (!(value instanceof Decoded)) {
      return "<td><i>" + escapeHtml(String.valueOf(value)) + "</i></td>";
    }
    Decoded d = (Decoded) value;
    Tensor t = d.tensor;
    double[] r = t.dtype() == DType.UINT8 ? new double[] {0, 255} : range;
    String img;
    try {
      byte[] png = encodePng(picture(t, r[0], r[1], DEFAULT_MAX_SIDE, d.kind == Kind.IMAGE));
      img =
          "<img width=\"" + DEFAULT_MAX_SIDE + "\" style=\"object-fit:contain;height:"
              + DEFAULT_MAX_SIDE + "px\" src=\"data:image/png;base64,"
              + Base64.getEncoder().encodeToString(png) + "\">";
    } catch (IllegalArgumentException e) {
      img = "<i>" + escapeHtml(e.getMessage()) + "</i>";
    }
    double[] s = stats(t);
    return "<td>"
        + img
        + "<div class=\"stats\">"
        + escapeHtml(
            (d.kind == Kind.IMAGE ? "image (C,H,W) " : "")
                + Arrays.toString(t.shape()) + " " + t.dtype().torchName()
                + String.format(Locale.ROOT, "\nmin %.4g max %.4g\nmean %.4g", s[0], s[1], s[2]))
        + "</div></td>";
  }

  /** min, max, mean over the finite values. */
  private static double[] stats(Tensor t) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    long n = 0;
    int len = (int) t.numel();
    for (int i = 0; i < len; i++) {
      double v = t.getAsDouble(i);
      if (Double.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
        n++;
      }
    }
    return n == 0 ? new double[] {Double.NaN, Double.NaN, Double.NaN} : new double[] {min, max, sum / n};
  }

  private static double[] autoRange(Tensor t) {
    if (t.dtype() == DType.UINT8) {
      return new double[] {0, 255};
    }
    double[] s = stats(t);
    if (!(s[1] > s[0])) {
      double v = Double.isFinite(s[0]) ? s[0] : 0;
      return new double[] {v - 0.5, v + 0.5};
    }
    return new double[] {s[0], s[1]};
  }

  /** Layout of a tensor as a picture: channels, height, width, and the flat offset of the plane. */
  private static int[] layout(int[] shape) {
    switch (shape.length) {
      case 1:
        return new int[] {1, 1, shape[0], 0};
      case 2:
        return new int[] {shape[0], 1, shape[1], 0};
      case 3:
        return new int[] {shape[0], shape[1], shape[2], 0};
      case 4:
        return new int[] {shape[1], shape[2], shape[3], 0};
      case 5:
        {
          int c = shape[1];
          int d = shape[2];
          int h = shape[3];
          int w = shape[4];
          // middle depth slice of sample 0: element (0, ch, d/2, y, x) = ch*d*h*w + (d/2)*h*w + ...
          return new int[] {c, h, w, (d / 2) * h * w, d};
        }
      default:
        throw Errors.cannotDraw(shape);
    }
  }

  /**
   * The picture as a (1, C', H', W') float tensor of display values 0..255, C' = 1, 3 or 4 in RGB(A)
   * order, reduced to at most maxSide.
   */
  private static Tensor picture(Tensor t, double lo, double hi, int maxSide, boolean bgr) {
    if (!(hi > lo) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
      throw Errors.previewArgument("need finite lo < hi, got lo " + lo + ", hi " + hi, null);
    }
    if (maxSide < 1) {
      throw Errors.previewArgument("maxSide must be >= 1, got " + maxSide, null);
    }
    int[] shape = t.shape();
    int[] lay = layout(shape);
    int c = lay[0];
    int h = lay[1];
    int w = lay[2];
    int offset = lay[3];
    int depth = lay.length > 4 ? lay[4] : 1;
    if ((long) c * h * w == 0) {
      throw Errors.previewArgument("cannot draw an empty tensor " + Arrays.toString(shape), null);
    }
    int outC = (c == 1 || c == 3 || c == 4) ? c : 1;
    long channelStride = (long) depth * h * w;
    float[] px = new float[outC * h * w];
    double scale = 255.0 / (hi - lo);
    for (int oc = 0; oc < outC; oc++) {
      int srcC = (bgr && oc < 3 && outC >= 3) ? 2 - oc : oc;
      long base = offset + srcC * channelStride;
      for (int i = 0; i < h * w; i++) {
        double v = (t.getAsDouble((int) (base + i)) - lo) * scale;
        px[oc * h * w + i] = (float) (Double.isNaN(v) ? 0 : Math.max(0, Math.min(255, v)));
      }
    }
    Tensor pic = Tensor.ofFloat(px, 1, outC, h, w);
    int longest = Math.max(h, w);
    if (longest > maxSide) {
      int nh = Math.max(1, (int) ((long) h * maxSide / longest));
      int nw = Math.max(1, (int) ((long) w * maxSide / longest));
      pic = Interpolate.interpolate(pic, InterpolateOptions.builder().size(nh, nw).mode(Mode.AREA).build());
    }
    return pic;
  }

  private static byte[] encodePng(Tensor pic) {
    int c = pic.size(1);
    int h = pic.size(2);
    int w = pic.size(3);
    float[] px = pic.floatData();
    int plane = h * w;
    BufferedImage img =
        new BufferedImage(
            w, h, c == 1 ? BufferedImage.TYPE_BYTE_GRAY : c == 3 ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        if (c == 1) {
          img.getRaster().setSample(x, y, 0, Math.round(px[i]));
        } else {
          int r = Math.round(px[i]);
          int g = Math.round(px[plane + i]);
          int b = Math.round(px[2 * plane + i]);
          int a = c == 4 ? Math.round(px[3 * plane + i]) : 255;
          img.setRGB(x, y, (a << 24) | (r << 16) | (g << 8) | b);
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Histogram of the before and after values over their joint range, as inline SVG. */
  private static String histogramSvg(Decoded before, Decoded after) {
    if (before == null && after == null) {
      return "";
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Decoded d : new Decoded[] {before, after}) {
      if (d != null) {
        double[] s = stats(d.tensor);
        if (Double.isFinite(s[0])) {
          lo = Math.min(lo, s[0]);
          hi = Math.max(hi, s[1]);
        }
      }
    }
    if (!(hi >= lo)) {
      return "<i>no finite values</i>";
    }
    if (hi == lo) {
      hi = lo + 1;
    }
    double[][] freq = {histogram(before, lo, hi), histogram(after, lo, hi)};
    double peak = 0;
    for (double[] f : freq) {
      for (double v : f == null ? new double[0] : f) {
        peak = Math.max(peak, v);
      }
    }
    int width = 2 * HISTOGRAM_BINS * 3;
    int height = 110;
    StringBuilder sb = new StringBuilder();
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
        .append("\" height=\"").append(height + 18).append("\">");
    String[] colours = {"#1f77b4", "#ff7f0e"};
    for (int k = 0; k < 2; k++) {
      if (freq[k] == null) {
        continue;
      }
      StringBuilder pts = new StringBuilder();
      for (int b = 0; b < HISTOGRAM_BINS; b++) {
        double y = height - (peak > 0 ? freq[k][b] / peak : 0) * (height - 4);
        double x0 = (double) b * width / HISTOGRAM_BINS;
        double x1 = (double) (b + 1) * width / HISTOGRAM_BINS;
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f %.1f,%.1f ", x0, y, x1, y));
      }
      sb.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(colours[k])
          .append("\" points=\"").append(pts.toString().trim()).append("\"/>");
    }
    sb.append(String.format(Locale.ROOT,
        "<text x=\"0\" y=\"%d\" font-size=\"11\">%.4g</text>"
            + "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%.4g</text>",
        height + 14, lo, width, height + 14, hi));
    sb.append("</svg>");
    return sb.toString();
  }

  /** Fraction of the tensor's finite values in each bin of [lo, hi], or null for no tensor. */
  private static double[] histogram(Decoded d, double lo, double hi) {
    if (d == null) {
      return null;
    }
    double[] bins = new double[HISTOGRAM_BINS];
    int len = (int) d.tensor.numel();
    long n = 0;
    double scale = HISTOGRAM_BINS / (hi - lo);
    for (int i = 0; i < len; i++) {
      double v = d.tensor.getAsDouble(i);
      if (Double.isFinite(v)) {
        int b = (int) ((v - lo) * scale);
        bins[Math.max(0, Math.min(HISTOGRAM_BINS - 1, b))]++;
        n++;
      }
    }
    if (n > 0) {
      for (int b = 0; b < bins.length; b++) {
        bins[b] /= n;
      }
    }
    return bins;
  }

  /** {@code s} with {@code < > & "} escaped, for text put around a {@link #fragment} (null gives ""). */
  public static String escapeHtml(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '<':
          sb.append("&lt;");
          break;
        case '>':
          sb.append("&gt;");
          break;
        case '&':
          sb.append("&amp;");
          break;
        case '"':
          sb.append("&quot;");
          break;
        default:
          sb.append(ch);
      }
    }
    return sb.toString();
  }
}
