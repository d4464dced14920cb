/** {@link org.resample.spark.preview.Preview}: tensors of collected rows as HTML and PNG pictures. */
package org.resample.spark.preview;
