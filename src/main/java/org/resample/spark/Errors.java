package org.resample.spark;

import java.util.Arrays;

/** Every user-facing message of the Spark layer is built here (what, the values, how to fix). */
final class Errors {
  private Errors() {}

  static final String ON_ERROR_HINT = "; set option on_error = 'null' to get NULL for such rows";

  /** A malformed row: {@code where} is e.g. {@code "resample.interpolate(img)"}. */
  static ResampleSqlException badRow(String where, String problem) {
    return new ResampleSqlException(where + ": " + problem);
  }

  static ResampleSqlException badRow(String where, String problem, Throwable cause) {
    return new ResampleSqlException(where + ": " + problem, cause);
  }

  static String lengthMismatch(long length, int[] shape, long numel) {
    return "data length "
        + length
        + " does not match shape "
        + Arrays.toString(shape)
        + " ("
        + numel
        + " elements)";
  }

  static ResampleSqlException badArgumentTypes(
      String function, String got, String accepted) {
    return new ResampleSqlException(
        function + " cannot be called with (" + got + "); accepted: " + accepted);
  }

  static ResampleSqlException badOption(String function, String problem) {
    return new ResampleSqlException(function + ": " + problem);
  }
}
