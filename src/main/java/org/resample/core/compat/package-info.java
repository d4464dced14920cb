/**
 * Compatibility profiles: resize the way another imaging library does, on core tensors. {@link
 * org.resample.core.compat.Compat} names them, {@link org.resample.core.compat.CompatResize} checks a
 * call and hands it to the library's entry point ({@code OpenCvResize}, {@code PillowResize}, {@code
 * TensorFlowResize}, {@code MindSporeResize}).
 */
package org.resample.core.compat;
