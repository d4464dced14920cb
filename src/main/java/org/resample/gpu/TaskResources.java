package org.resample.gpu;

/**
 * What the scheduler assigned to the running task: the addresses of each resource name (as Spark's
 * {@code TaskContext.resources()} gives them). The caller that runs inside a scheduler's task
 * passes it to {@link GpuBackends} and {@link Backends}; this package never asks the scheduler
 * itself.
 *
 * @since 0.1
 */
public interface TaskResources {
  /** The addresses of resource {@code name} (empty when the task has none). */
  String[] addresses(String name);

  /** The names of the task's resources, for messages. */
  String[] names();
}
