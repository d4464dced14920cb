/**
 * The batched operator: {@link org.resample.spark.operator.Resampler} (an ML {@code Transformer})
 * gathers rows into batches and hands each batch to one backend call; the backend is chosen below
 * Spark ({@link org.resample.gpu.Backends}), given the task's GPU assignment.
 */
package org.resample.spark.operator;
