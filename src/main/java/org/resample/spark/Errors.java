package org.resample.spark;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Every user-facing message of the Spark layer is built here (what, the values, how to fix). The
 * text is made safe by {@link ResampleSqlException} itself: secrets redacted, control characters
 * escaped ({@link SafeText#line}).
 */
public final class Errors {
  private Errors() {}

  static final String ON_ERROR_HINT = "; set option on_error = 'null' to get NULL for such rows";

  /** Longest key value a message shows. */
  static final int MAX_KEY_CHARS = 64;

  /** A malformed row: {@code where} is e.g. {@code "resample.interpolate(img)"}. */
  public static ResampleSqlException badRow(String where, String problem) {
    return new ResampleSqlException(where + ": " + problem);
  }

  public static ResampleSqlException badRow(String where, String problem, Throwable cause) {
    return new ResampleSqlException(where + ": " + problem, cause);
  }

  public static String lengthMismatch(long length, int[] shape, long numel) {
    return "data length "
        + length
        + " does not match shape "
        + Arrays.toString(shape)
        + " ("
        + numel
        + " elements)";
  }

  public static ResampleSqlException badArgumentTypes(
      String function, String got, String accepted) {
    return new ResampleSqlException(
        function + " cannot be called with (" + got + "); accepted: " + accepted);
  }

  /** A bad argument, option or setting of {@code function} (e.g. {@code "Resampler(image)"}). */
  public static ResampleSqlException badOption(String function, String problem) {
    return new ResampleSqlException(function + ": " + problem);
  }

  public static ResampleSqlException badOption(String function, String problem, Throwable cause) {
    return new ResampleSqlException(function + ": " + problem, cause);
  }

  /** {@code e} with {@code hint} (how to get past such rows) appended to its message. */
  public static ResampleSqlException withHint(ResampleSqlException e, String hint) {
    return new ResampleSqlException(e.getMessage() + hint, e);
  }

  /**
   * A row whose call ran out of memory although it was within its limit (other tasks' rows share
   * the heap): a row error like any other, so the executor survives it.
   */
  public static ResampleSqlException outOfMemory(String where, int[] shape, OutOfMemoryError e) {
    return badRow(
        where,
        "ran out of memory resampling a tensor of shape " + Arrays.toString(shape) + " (" + e.getMessage()
            + "); give the executors more memory or fewer cores, or lower max_output_elements so that"
            + " such rows are refused before they are computed",
        e);
  }

  /** A bad argument of {@code Preview}: a caller's mistake, not a row's. */
  public static IllegalArgumentException previewArgument(String problem, Throwable cause) {
    return new IllegalArgumentException("Preview: " + problem, cause);
  }

  /** A tensor {@code Preview} cannot lay out as a picture. */
  public static IllegalArgumentException cannotDraw(int[] shape) {
    return new IllegalArgumentException(
        "cannot draw a tensor of shape " + Arrays.toString(shape) + " (rank 1 to 5 only)");
  }

  /** A result of {@code n} elements is more than one Spark array holds. */
  public static IllegalArgumentException tooLargeForOneArray(long n) {
    return new IllegalArgumentException(n + " elements do not fit one Spark array");
  }

  /**
   * A column format asked to resample in place although it does not ({@code resamplesInto()} is
   * false): a programming error of the operator.
   */
  public static UnsupportedOperationException notResampledInPlace(String format) {
    return new UnsupportedOperationException(format + " does not resample into the column value");
  }

  /**
   * A row's key value as messages show it: numbers and strings as they are (at most {@value
   * #MAX_KEY_CHARS} characters), dates and timestamps in ISO form, binary values in hex, and only
   * the kind of a struct, array or map (a tensor is no name for a row).
   */
  public static String keyText(Object value, DataType type) {
    if (value == null) {
      return "NULL";
    }
    String s;
    if (value instanceof byte[]) {
      byte[] b = (byte[]) value;
      StringBuilder hex = new StringBuilder("0x");
      for (int i = 0; i < Math.min(b.length, 16); i++) {
        hex.append(String.format("%02x", b[i] & 0xFF));
      }
      return b.length > 16 ? hex + "... (" + b.length + " bytes)" : hex.toString();
    } else if (value instanceof InternalRow) {
      return "<a struct value>";
    } else if (value instanceof ArrayData) {
      return "<an array of " + ((ArrayData) value).numElements() + " elements>";
    } else if (value instanceof MapData) {
      return "<a map of " + ((MapData) value).numElements() + " entries>";
    } else if (type instanceof DateType && value instanceof Integer) {
      s = LocalDate.ofEpochDay((Integer) value).toString();
    } else if ((type instanceof TimestampType || type instanceof TimestampNTZType) && value instanceof Long) {
      long micros = (Long) value;
      s = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L)
          .toString();
    } else {
      s = value.toString();
    }
    return s.length() > MAX_KEY_CHARS ? s.substring(0, MAX_KEY_CHARS) + "... (" + s.length() + " characters)" : s;
  }
}
