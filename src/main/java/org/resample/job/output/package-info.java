/**
 * The job's output in the layouts its consumers read natively ({@link
 * org.resample.job.output.ConsumerOutput}): Arrow's canonical tensor types and Hugging Face image
 * features, declared in a Parquet footer rewritten with the row groups unchanged ({@link
 * org.resample.job.output.ParquetFooters}).
 */
package org.resample.job.output;
