/**
 * Entry points: {@link org.resample.job.ResampleJob}, the Parquet-to-Parquet resample job run by
 * {@code spark-submit} or embedded ({@code jobs/resample}), and {@link org.resample.job.DemoData},
 * the generator of the demo dataset ({@code jobs/demo}).
 */
package org.resample.job;
