/**
 * Tensor column formats ({@link org.resample.spark.codec.TensorTypes}): reading and writing tensors
 * in Spark rows, {@code .npy} bytes, image structs, and the call rules (sizes, options, shapes) that
 * the SQL functions and the batched operator share. Depends on no other sub-package of the Spark
 * layer.
 */
package org.resample.spark.codec;
