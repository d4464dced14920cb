package org.resample.core;

/**
 * The one exception type of the core: an invalid argument to {@link Interpolate#interpolate}, an
 * invalid tensor, or an output that would be too large. Messages follow PyTorch's wording where
 * PyTorch has one, and otherwise say what was wrong and how to fix it.
 *
 * @since 0.1
 */
public class InterpolateException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InterpolateException(String message) {
    super(message);
  }
}
