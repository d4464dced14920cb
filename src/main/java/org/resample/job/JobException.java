package org.resample.job;

/**
 * The one exception type of the job layer: an invalid option, an input or output the job cannot
 * use, or a failed run. The message says what was wrong and how to fix it; {@link #exitCode()} is
 * the process exit status {@link ResampleJob#main} ends with.
 *
 * @since 0.1
 */
public class JobException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public JobException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public JobException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** {@link ResampleJob#EXIT_USAGE}, {@link ResampleJob#EXIT_BAD_INPUT} or {@link ResampleJob#EXIT_FAILED}. */
  public int exitCode() {
    return exitCode;
  }
}
