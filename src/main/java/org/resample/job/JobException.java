package org.resample.job;

import org.resample.spark.SafeText;

/**
 * The one exception type of the job layer: an invalid option, an input or output the job cannot
 * use, or a failed run. The message says what was wrong and how to fix it, never a secret or a
 * line break; {@link #exitCode()} is the process exit status {@link ResampleJob#main} ends with.
 *
 * @since 0.1
 */
public class JobException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  /** An error with {@code message}, secrets redacted and control characters escaped ({@link SafeText#line}). */
  public JobException(int exitCode, String message) {
    super(SafeText.line(message));
    this.exitCode = exitCode;
  }

  public JobException(int exitCode, String message, Throwable cause) {
    super(SafeText.line(message), cause);
    this.exitCode = exitCode;
  }

  /** {@link ResampleJob#EXIT_USAGE}, {@link ResampleJob#EXIT_BAD_INPUT} or {@link ResampleJob#EXIT_FAILED}. */
  public int exitCode() {
    return exitCode;
  }
}
