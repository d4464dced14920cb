package org.resample.gpu;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.resample.core.Backend;
import org.resample.core.CpuBackend;
import org.resample.core.InterpolateException;
import org.resample.core.InterpolateOptions;
import org.resample.core.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides which backend a caller computes on, and falls back to the CPU: {@code
 * cpu} is the CPU; {@code gpu} is the GPU or an error saying why none can be used; {@code auto} is
 * the GPU where one is usable, else the CPU (the reason logged once per JVM).
 *
 * @since 0.1
 */
public final class Backends {
  private Backends() {}

  /** The accepted values of a backend setting, for messages. */
  public static final String CHOICES = "auto, cpu, gpu";

  private static final Logger LOG = LoggerFactory.getLogger(Backends.class);
  private static final AtomicBoolean LOGGED_FALLBACK = new AtomicBoolean();

  /**
   * Opens the backend {@code choice} names for the calling thread.
   *
   * @param choice {@code auto}, {@code cpu} or {@code gpu} (case-insensitive)
   * @param conf {@code spark.resample.gpu.*} settings; null for the defaults
   * @param task what the running task was assigned, or null outside a scheduler's task
   * @return the backend; the caller closes it when done (closing the CPU backend does nothing)
   * @throws IllegalStateException for {@code gpu} when no GPU can be used, saying why
   * @throws IllegalArgumentException for an unknown choice or a malformed setting
   */
  public static Backend open(String choice, Map<String, String> conf, TaskResources task) {
    String c = choice == null ? "auto" : choice.trim().toLowerCase(Locale.ROOT);
    switch (c) {
      case "cpu":
        return CpuBackend.INSTANCE;
      case "gpu":
        return GpuBackends.open(true, conf, task);
      case "auto":
        Backend b = GpuBackends.open(false, conf, task);
        if (b != null) {
          return b;
        }
        if (LOGGED_FALLBACK.compareAndSet(false, true)) {
          LOG.info("backend auto runs on the CPU: {}", GpuBackends.unavailableReason(conf, task));
        }
        return CpuBackend.INSTANCE;
      default:
        throw new IllegalArgumentException(
            "backend must be one of " + CHOICES + ", got '" + choice + "'");
    }
  }

  /**
   * Resamples {@code inputs} on {@code backend}; when an accelerator fails on the batch itself
   * (device out of memory, launch failure: not an {@link InterpolateException}), logs it, calls
   * {@code onCpuRetry} and recomputes the batch on the CPU.
   *
   * @param what who is computing, for the log line (e.g. {@code "Resampler(image)"})
   */
  public static Tensor[] resampleOrRetryOnCpu(
      Backend backend, Tensor[] inputs, InterpolateOptions options, String what,
      Runnable onCpuRetry) {
    if (backend == CpuBackend.INSTANCE) {
      return backend.resample(inputs, options);
    }
    try {
      return backend.resample(inputs, options);
    } catch (InterpolateException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warn("{}: backend {} failed on a batch of {} tensors ({}); recomputing it on the CPU",
          what, backend.name(), inputs.length, e.toString());
      onCpuRetry.run();
      return CpuBackend.INSTANCE.resample(inputs, options);
    }
  }
}
