/**
 * The GPU backend: the core's numbers computed by CUDA kernels ({@code src/main/cuda/resample.cu},
 * shipped as PTX) through JCuda's driver API. {@link org.resample.gpu.GpuBackends} decides, per
 * task, whether a GPU is usable and opens a {@link org.resample.gpu.GpuBackend}; device failures
 * surface as {@link org.resample.gpu.GpuException}. JCuda (and Spark) are optional at run time:
 * without them this package loads and reports why no GPU is used.
 *
 * <p>Kernels per call (the core's {@link org.resample.core.ResampleTables.Kernel}; every kernel is
 * batched over all tensors of one shape):
 *
 * <table>
 *   <caption>Modes, dtypes and kernels</caption>
 *   <tr><th>mode (rank)</th><th>float32</th><th>float64</th><th>uint8</th></tr>
 *   <tr><td>nearest, nearest-exact (1-3)</td><td>nearest_f32</td><td>nearest_f64</td>
 *       <td>nearest_u8</td></tr>
 *   <tr><td>linear (1), bilinear (2), trilinear (3), bicubic (2), antialias (2, lanczos
 *       included: its Lanczos-3 weights are in the core's antialias tables)</td>
 *       <td>pass_f32 per changed axis, W first (1.13's channels-last bilinear/trilinear:
 *       bilinear2d_cl113_f32, trilinear3d_cl113_f32)</td><td>pass_f64 per axis</td>
 *       <td>bilinear/bicubic/lanczos: pass_u8_fixed per changed axis; linear/trilinear: u8_to_f32,
 *       pass_f32, f32_to_u8</td></tr>
 *   <tr><td>area (1-3)</td><td>area_f32 (one output per plane: area_mean_f32)</td>
 *       <td>area_f64 (area_mean_f64)</td><td>u8_to_f32, area_f32, f32_to_u8</td></tr>
 * </table>
 *
 * <p>Calls that change no axis copy (copy_u8). Kernel names carry the prefix {@code resample_}.
 */
package org.resample.gpu;
