package org.resample.job.input;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.resample.spark.codec.TensorTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's inputs besides Parquet: a folder of image files, read recursively, as rows of {@code
 * path} (the file's path) and {@code image} (Spark's image struct: B, G, R(, A) or grey, 8 bits per
 * channel, origin = the path).
 *
 * <ul>
 *   <li>{@link Format#IMAGE}: Spark's image source ({@code spark.read.format("image")}). It keeps
 *       undecodable files as invalid image rows, which the resampler reports as bad rows. Its grey
 *       images of 16 bits keep only the low byte of each sample (Spark's decoder).
 *   <li>{@link Format#BINARY}: Spark's {@code binaryFile} source, decoded by {@link ImageDecoder}
 *       (16-bit samples scaled to 8 bits, grey with alpha kept as 4 channels).
 * </ul>
 *
 * <p>An undecodable file becomes an image row with height, width, nChannels and mode -1 (Spark's
 * image source's marker), so that it follows the job's {@code --on-error} with its path as the key.
 */
public final class ImageInput {
  private static final Logger LOG = LoggerFactory.getLogger(ImageInput.class);

  private ImageInput() {}

  /** How the job reads its input. */
  public enum Format {
    PARQUET,
    IMAGE,
    BINARY;

    public String optionValue() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The column holding each row's file path. */
  public static final String PATH_COLUMN = "path";

  /** The column holding each row's image struct. */
  public static final String IMAGE_COLUMN = "image";

  /** The file names read by default: the extensions javax.imageio and Spark's image source decode. */
  public static final String DEFAULT_GLOB = "*.{png,PNG,jpg,JPG,jpeg,JPEG,bmp,BMP,gif,GIF,wbmp,WBMP}";

  /** Files the automatic detection lists before it decides. */
  static final int DETECT_FILES = 1000;

  /**
   * The format of the input at {@code path}: Parquet if it is a {@code .parquet} file or a
   * directory holding one (among its first {@link #DETECT_FILES} files, names starting with '_' or
   * '.' skipped), {@link Format#BINARY} if it is or holds an image file, else Parquet (whose reader
   * then says what is wrong).
   */
  public static Format detect(Path path, Configuration hadoop) throws IOException {
    FileSystem fs = path.getFileSystem(hadoop);
    FileStatus st = fs.getFileStatus(path);
    if (st.isFile()) {
      return isImageName(path.getName()) ? Format.BINARY : Format.PARQUET;
    }
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(path, true);
    boolean images = false;
    for (int n = 0; it.hasNext() && n < DETECT_FILES; n++) {
      Path p = it.next().getPath();
      String name = p.getName();
      if (name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      if (name.toLowerCase(Locale.ROOT).endsWith(".parquet")) {
        return Format.PARQUET;
      }
      images |= isImageName(name);
    }
    return images ? Format.BINARY : Format.PARQUET;
  }

  static boolean isImageName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".bmp")
        || n.endsWith(".gif") || n.endsWith(".wbmp");
  }

  /**
   * The images below {@code path} (recursively, file names matching {@code glob}) as rows of
   * {@link #PATH_COLUMN} and {@link #IMAGE_COLUMN}.
   */
  public static Dataset<Row> read(SparkSession spark, Format format, String path, String glob) {
    if (format == Format.IMAGE) {
      Dataset<Row> df = spark.read().format("image")
          .option("dropInvalid", "false")
          .option("recursiveFileLookup", "true")
          .option("pathGlobFilter", glob)
          .load(path);
      return df.select(col("image.origin").as(PATH_COLUMN), col("image"));
    }
    if (format != Format.BINARY) {
      throw new IllegalArgumentException("not an image format: " + format);
    }
    Dataset<Row> files = spark.read().format("binaryFile")
        .option("recursiveFileLookup", "true")
        .option("pathGlobFilter", glob)
        .load(path);
    return files.select(col("path").as(PATH_COLUMN), decodeUdf().apply(col("content"), col("path")).as(IMAGE_COLUMN));
  }

  private static UserDefinedFunction decodeUdf() {
    UDF2<byte[], String, Row> decode = ImageInput::decodeRow;
    return functions.udf(decode, TensorTypes.IMAGE).asNonNullable();
  }

  /** Spark's image row of a file's bytes; the invalid-image marker when they cannot be decoded. */
  static Row decodeRow(byte[] content, String path) {
    try {
      ImageDecoder.Decoded d = ImageDecoder.decode(content);
      return RowFactory.create(path, d.height, d.width, d.channels, modeOf(d.channels), d.data);
    } catch (IOException e) {
      LOG.warn("{}: {}", path, e.getMessage());
      return RowFactory.create(path, -1, -1, -1, -1, new byte[0]);
    }
  }

  /** OpenCV's type code of 8-bit images of {@code c} channels, as Spark's image source writes it. */
  static int modeOf(int c) {
    return c == 1 ? 0 : c == 3 ? 16 : 24;
  }
}
