/**
 * Spark glue for {@code org.resample.core}: the {@link org.resample.spark.ResampleCatalog}
 * function catalog, {@link org.resample.spark.ResampleFunctions} (Column API and
 * {@code udf().register}), and the tensor column formats ({@link org.resample.spark.TensorTypes}).
 * See the README section "Spark SQL functions and tensor columns".
 */
package org.resample.spark;
