package org.resample.core;

/**
 * Something that runs {@link Interpolate#interpolate} over a batch of tensors: the CPU core ({@link
 * CpuBackend}) or an accelerator. The batched Spark operator gathers rows into a batch and hands it
 * to one backend call, so an implementation can amortise per-call costs (a GPU launch covers every
 * tensor of one shape).
 *
 * <p>Contract: every input has already passed {@link Interpolate#outputShape} with {@code options};
 * the result holds one tensor per input, in input order, with exactly the numbers {@link
 * Interpolate#interpolate} gives (within the core's float tolerance for accelerators). A failure of
 * the backend itself (device out of memory, launch failure) is thrown as an unchecked exception that
 * is not an {@link InterpolateException}; the caller may then retry the batch on the CPU.
 *
 * <p>Instances are used by one thread at a time; {@link #close} releases what they hold and may be
 * called more than once.
 *
 * @since 0.1
 */
public interface Backend extends AutoCloseable {
  /** Short name for logs and metrics: "cpu", "gpu:0". */
  String name();

  /**
   * Resamples every tensor of {@code inputs} with {@code options}.
   *
   * @param inputs tensors of one dtype, possibly of different shapes; not modified
   * @param options the arguments shared by the whole batch
   * @return the outputs, {@code result[i]} for {@code inputs[i]}
   */
  Tensor[] resample(Tensor[] inputs, InterpolateOptions options);

  /** Releases resources; the default holds none. */
  @Override
  default void close() {}
}
