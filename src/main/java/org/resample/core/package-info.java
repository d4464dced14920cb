/**
 * The interpolation core: {@code torch.nn.functional.interpolate} in pure Java, with PyTorch's
 * numbers, free of Spark and of any accelerator library.
 *
 * <p>Public API:
 *
 * <ul>
 *   <li>{@link org.resample.core.Interpolate}: {@code interpolate}, {@code interpolateInto}, {@code
 *       outputShape}, {@code prepare} and the {@code upsample} aliases;
 *   <li>{@link org.resample.core.PreparedInterpolation}: a call checked once for one input shape
 *       and dtype, applied to many tensors;
 *   <li>{@link org.resample.core.InterpolateOptions} (size or scale factor, {@link
 *       org.resample.core.Mode}, align_corners, recompute_scale_factor, antialias, parallelism,
 *       memory limit, {@link org.resample.core.TorchVersion});
 *   <li>{@link org.resample.core.Tensor} and {@link org.resample.core.DType}; errors are {@link
 *       org.resample.core.InterpolateException}, with PyTorch's messages;
 *   <li>{@link org.resample.core.Backend} and {@link org.resample.core.CpuBackend}: batches of
 *       tensors through one backend (the GPU backend implements it too);
 *   <li>{@link org.resample.core.Upsample}: the {@code nn.Upsample} module;
 *   <li>{@link org.resample.core.compat.Compat}: another library's resize instead of PyTorch's
 *       (OpenCV, Pillow, TensorFlow, MindSpore), set in the options and run by {@code Interpolate}
 *       through {@link org.resample.core.compat.CompatResize}.
 * </ul>
 *
 * <p>For backends only: {@link org.resample.core.ResampleTables}, the per-axis index and weight
 * tables of a call, which the GPU backend uploads so that its kernels give the core's numbers.
 *
 * <p>Everything else is package-private: {@code ResamplePlan} validates a call once and decides
 * which kernel it takes ({@code ResamplePlan.kernel()}); {@code Kernels} runs it on the CPU. The
 * rules the arithmetic follows, and how each was measured against PyTorch, are in {@code
 * docs/pytorch-numerics.md}.
 */
package org.resample.core;
