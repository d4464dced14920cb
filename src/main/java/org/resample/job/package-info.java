/**
 * Entry points: {@link org.resample.job.ResampleJob}, the resample job (Parquet or a folder of images in,
 * Parquet out, readable by Spark, pyarrow, Hugging Face datasets and Ray) run by
 * {@code spark-submit} or embedded ({@code jobs/resample}), and {@link org.resample.job.DemoData},
 * the generator of the demo dataset ({@code jobs/demo}).
 */
package org.resample.job;
