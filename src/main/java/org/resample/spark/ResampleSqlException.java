package org.resample.spark;

/**
 * The one exception type of the Spark layer. Its message names the function, the column (when
 * known) or argument, the problem, and the offending values, e.g.
 *
 * <pre>{@code
 * resample.interpolate(img): data length 5 does not match shape [1, 2, 3] (6 elements);
 *     set option on_error = 'null' to get NULL for such rows
 * }</pre>
 *
 * <p>Messages never carry secrets or line breaks: they are redacted and escaped by {@link
 * SafeText#line} (a value such as a {@code column} option cannot start a log line of its own).
 *
 * <p>It extends {@link UnsupportedOperationException} because that is the type Spark's analyzer
 * turns into an {@code AnalysisException} when it is thrown from {@code UnboundFunction.bind} (the
 * original is kept as the cause). At run time it reaches the caller as the cause of Spark's task
 * failure; {@link #find(Throwable)} digs it out.
 *
 * @since 0.1
 */
public class ResampleSqlException extends UnsupportedOperationException {
  private static final long serialVersionUID = 1L;

  /** An error with {@code message}, secrets redacted and control characters escaped ({@link SafeText#line}). */
  public ResampleSqlException(String message) {
    super(SafeText.line(message));
  }

  public ResampleSqlException(String message, Throwable cause) {
    super(SafeText.line(message), cause);
  }

  /** The first {@code ResampleSqlException} in {@code t}'s cause chain, or null. */
  public static ResampleSqlException find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ResampleSqlException) {
        return (ResampleSqlException) c;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }
}
