package org.resample.job.output;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Spark's image struct as a Hugging Face {@code Image} feature: {@code STRUCT<bytes: BINARY, path:
 * STRING>}, every field nullable, the bytes a PNG of the pixels (grey, RGB or RGBA: Spark's B, G,
 * R(, A) order turned into the file's R, G, B(, A)), the path the image's origin.
 */
public final class HfImages {
  private HfImages() {}

  /** The feature's storage type, as {@code datasets.Image().pa_type}. */
  public static final StructType TYPE =
      new StructType(
          new StructField[] {
            DataTypes.createStructField("bytes", DataTypes.BinaryType, true),
            DataTypes.createStructField("path", DataTypes.StringType, true)
          });

  /** {@code image} (a Spark image struct column) as the feature; NULL stays NULL. */
  public static Column of(Column image) {
    UDF1<Row, Row> f = HfImages::encode;
    return functions.udf(f, TYPE).apply(image);
  }

  static Row encode(Row img) {
    if (img == null) {
      return null;
    }
    String origin = img.isNullAt(0) ? null : img.getString(0);
    if (img.isNullAt(1) || img.isNullAt(2) || img.isNullAt(3) || img.isNullAt(5) || img.getInt(1) < 1) {
      return RowFactory.create(null, origin);
    }
    return RowFactory.create(png(img.getInt(1), img.getInt(2), img.getInt(3), (byte[]) img.get(5)), origin);
  }

  /** PNG bytes of {@code h x w x c} interleaved B, G, R(, A) or grey bytes. */
  public static byte[] png(int h, int w, int c, byte[] data) {
    int type = c == 1 ? BufferedImage.TYPE_BYTE_GRAY : c == 3 ? BufferedImage.TYPE_3BYTE_BGR : BufferedImage.TYPE_4BYTE_ABGR;
    BufferedImage img = new BufferedImage(w, h, type);
    byte[] raster = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    if (c == 4) { // B, G, R, A -> A, B, G, R
      for (int i = 0; i < h * w; i++) {
        raster[4 * i] = data[4 * i + 3];
        raster[4 * i + 1] = data[4 * i];
        raster[4 * i + 2] = data[4 * i + 1];
        raster[4 * i + 3] = data[4 * i + 2];
      }
    } else { // grey, or B, G, R: the raster's own order
      System.arraycopy(data, 0, raster, 0, h * w * c);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
