package org.resample.core;

/**
 * Which PyTorch release's CPU numerics to reproduce. The two differ only in rounding details and in
 * a few kernel-routing shortcuts (see README, "PyTorch versions"):
 *
 * <ul>
 *   <li>{@link #V2} (default): PyTorch 2.x. Linear source indices in float32, antialias skips axes
 *       whose size does not change, nearest shortcuts follow 2.x's channels-last routing.
 *   <li>{@link #V1_13}: PyTorch 1.13 (the version Debian 12 ships). Linear source indices in
 *       float64, antialias resamples every axis, and NCHW tensors with one channel take the
 *       channels-last kernels (nearest shortcuts, float64 accumulation for bilinear/trilinear).
 * </ul>
 *
 * @since 0.1
 */
public enum TorchVersion {
  V1_13,
  V2
}
