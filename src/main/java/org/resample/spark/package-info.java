/**
 * The Spark layer over {@code org.resample.core}, laid out by what it does:
 *
 * <ul>
 *   <li>{@link org.resample.spark.sql}: the SQL functions ({@link
 *       org.resample.spark.sql.ResampleCatalog}, {@link org.resample.spark.sql.ResampleFunctions},
 *       {@link org.resample.spark.sql.ResampleExtensions});
 *   <li>{@link org.resample.spark.codec}: the tensor column formats and the call rules (shapes,
 *       options) that the SQL functions and the operator share;
 *   <li>{@link org.resample.spark.operator}: the batched operator and {@link
 *       org.resample.spark.operator.Resampler};
 *   <li>{@link org.resample.spark.preview}: the HTML/PNG preview;
 *   <li>{@code org.resample.spark.shim}: the only sources that name Spark or Scala APIs that differ
 *       between the supported Spark lines (one copy per line, chosen by the build).
 * </ul>
 *
 * <p>This package holds what all of them use: every user-facing error of the layer is built in
 * {@link org.resample.spark.Errors}, and {@link org.resample.spark.ResampleSqlException} makes its
 * text safe.
 */
package org.resample.spark;
