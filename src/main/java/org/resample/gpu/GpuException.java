package org.resample.gpu;

/**
 * A failure of the GPU itself while resampling a batch (device out of memory, a failed launch or
 * copy, a lost device): never a problem with the input, which the core reports as {@link
 * org.resample.core.InterpolateException} before anything reaches the device. The batched operator
 * retries such a batch once on the CPU and counts it.
 *
 * @since 0.1
 */
public final class GpuException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GpuException(String message) {
    super(message);
  }

  public GpuException(String message, Throwable cause) {
    super(message, cause);
  }
}
