package org.resample.core;

import java.util.Arrays;

/**
 * A validated call: the input's shape split into planes and spatial sizes, the output sizes, and
 * the scale each axis hands to its kernel. Built once at the boundary by {@link #of}; kernels trust
 * it and check nothing.
 *
 * <p>Checks run in the order of {@code torch/nn/functional.py::interpolate} followed by the C++
 * kernels' own checks, so the first error reported is PyTorch's first error.
 */
final class ResamplePlan {
  final Mode mode;
  final DType dtype;
  final TorchVersion version;
  final boolean alignCorners;
  final boolean antialias;
  /** Batch size N and channels C. */
  final int batch;
  final int channels;
  /** Spatial sizes, outermost (D) first. */
  final int[] inSizes;
  final int[] outSizes;
  /** Per axis: the user's scale factor handed to the kernel, or NaN when none is (size given). */
  final double[] scales;
  final int parallelism;

  private ResamplePlan(
      Mode mode,
      DType dtype,
      TorchVersion version,
      boolean alignCorners,
      boolean antialias,
      int batch,
      int channels,
      int[] inSizes,
      int[] outSizes,
      double[] scales,
      int parallelism) {
    this.mode = mode;
    this.dtype = dtype;
    this.version = version;
    this.alignCorners = alignCorners;
    this.antialias = antialias;
    this.batch = batch;
    this.channels = channels;
    this.inSizes = inSizes;
    this.outSizes = outSizes;
    this.scales = scales;
    this.parallelism = parallelism;
  }

  int spatialDims() {
    return inSizes.length;
  }

  /** N * C: the number of independent planes. */
  int planes() {
    return batch * channels;
  }

  int[] outputShape() {
    int[] s = new int[2 + outSizes.length];
    s[0] = batch;
    s[1] = channels;
    System.arraycopy(outSizes, 0, s, 2, outSizes.length);
    return s;
  }

  static long product(int[] sizes) {
    long p = 1;
    for (int s : sizes) {
      p *= s;
    }
    return p;
  }

  /**
   * True when PyTorch routes this call to its channels-last kernel although the tensor is a plain
   * contiguous NCHW one: that changes nearest's index shortcuts and the rounding of bilinear and
   * trilinear (see README, "PyTorch versions").
   */
  boolean routesToChannelsLast() {
    int k = spatialDims();
    if (k == 1 || antialias) {
      return false;
    }
    long spatial = product(inSizes);
    boolean clContiguous = channels == 1 || spatial == 1;
    if (version == TorchVersion.V1_13) {
      return clContiguous
          && (mode == Mode.NEAREST
              || mode == Mode.NEAREST_EXACT
              || mode == Mode.BILINEAR
              || mode == Mode.TRILINEAR);
    }
    boolean nearestFamily = mode == Mode.NEAREST || mode == Mode.NEAREST_EXACT;
    if (k == 2 && (nearestFamily || mode == Mode.BILINEAR)) {
      return (clContiguous && channels > 3) || outSizes[0] + outSizes[1] <= 128;
    }
    if (k == 3 && (nearestFamily || mode == Mode.TRILINEAR)) {
      return clContiguous && channels > 3;
    }
    return false;
  }

  /**
   * The torch thread count whose kernel choice {@link TorchVersion#V2} reproduces. PyTorch 2.x
   * takes its channels-last bilinear kernel for C == 3 only when it runs on one thread (a
   * DataLoader worker's setting); at more threads that call takes the generic kernel, whose float
   * results differ by a few ulps.
   */
  static final int V2_TORCH_THREADS = 1;

  /** The computations a call can take (see {@link #kernel}). */
  enum Kernel {
    /** nearest / nearest-exact: one gathered source element per output. */
    NEAREST,
    /** area: adaptive average pooling. */
    AREA,
    /** Per-axis tap tables, last axis first (linear family, bicubic, antialias; float paths). */
    SEPARABLE,
    /** PyTorch 1.13's channels-last bilinear / trilinear kernel (float32, corner sums in float64). */
    CHANNELS_LAST_113,
    /** PyTorch 2.x's channels-last bilinear / trilinear kernel ({@link ChannelsLastLinear}). */
    CHANNELS_LAST,
    /** uint8 bilinear / bicubic in PyTorch 2.x's int16 fixed point. */
    UINT8_FIXED_POINT
  }

  /**
   * The one place that decides which computation this call takes; {@code Kernels}, {@link
   * ResampleTables} (and through it the GPU launch plan) read it. Float bilinear / trilinear
   * without antialias take PyTorch's channels-last kernel where PyTorch does for a plain NCHW
   * tensor: 1.13 for float32 with C == 1 (or 1x1 planes); 2.x as {@link #routesToChannelsLast},
   * plus C == 3 bilinear at {@link #V2_TORCH_THREADS} == 1.
   */
  Kernel kernel() {
    switch (mode) {
      case NEAREST:
      case NEAREST_EXACT:
        return Kernel.NEAREST;
      case AREA:
        return Kernel.AREA;
      default:
        break;
    }
    if (dtype == DType.UINT8 && mode.acceptsAntialias()) {
      return Kernel.UINT8_FIXED_POINT;
    }
    if (antialias || dtype == DType.UINT8 || (mode != Mode.BILINEAR && mode != Mode.TRILINEAR)) {
      return Kernel.SEPARABLE;
    }
    if (version == TorchVersion.V1_13) {
      return dtype == DType.FLOAT32 && routesToChannelsLast()
          ? Kernel.CHANNELS_LAST_113 : Kernel.SEPARABLE;
    }
    boolean cl =
        routesToChannelsLast() || (mode == Mode.BILINEAR && channels == 3 && V2_TORCH_THREADS == 1);
    return cl ? Kernel.CHANNELS_LAST : Kernel.SEPARABLE;
  }

  /**
   * True when PyTorch 2.x's separable kernel gives every output row of a plane the value of row 0:
   * 2-D antialias on float input, or uint8 bilinear / bicubic / lanczos with more than 4 channels (the
   * separable uint8 path), with an output width of 1 and a height that changes. Its vertical pass
   * reads the index and weights of the first element of each inner loop, assuming that loop runs
   * along W; with W == 1 the loop runs along H, so every row takes row 0's weights and input rows.
   */
  boolean repeatsFirstRow() {
    if (version != TorchVersion.V2 || spatialDims() != 2 || outSizes[1] != 1
        || outSizes[0] == inSizes[0] || outSizes[0] < 2) {
      return false;
    }
    if (!mode.acceptsAntialias()) {
      return false;
    }
    return dtype == DType.UINT8 ? channels > 4 : antialias;
  }

  /** Validates a call of interpolate on a tensor of {@code shape} and {@code dtype}. */
  static ResamplePlan of(int[] shape, DType dtype, InterpolateOptions o) {
    if (o.compat() != org.resample.core.compat.Compat.PYTORCH) {
      throw new InterpolateException(
          "compat '" + o.compat() + "' is not PyTorch's interpolate: call Interpolate.interpolate,"
              + " which resizes as " + o.compat().library() + " does (prepared calls and the"
              + " accelerator tables are PyTorch's only)");
    }
    Mode mode = o.mode();
    // 1. align_corners is only for the interpolating modes.
    if (!mode.acceptsAlignCorners() && o.alignCorners() != null) {
      throw new InterpolateException(
          "align_corners option can only be set with the interpolating modes: "
              + "linear | bilinear | bicubic | trilinear");
    }
    boolean alignCorners = o.alignCorners() != null && o.alignCorners();
    int rank = shape.length;
    if (rank < 3 || rank > 5) {
      throw genericRankError(rank, mode, o.torchVersion());
    }
    int dim = rank - 2;
    int[] spatialIn = Arrays.copyOfRange(shape, 2, rank);

    // 2. size / scale_factor normalisation.
    int[] size = o.size();
    double[] scale = o.scaleFactor();
    if (size != null && scale != null) {
      throw new InterpolateException("only one of size or scale_factor should be defined");
    }
    if (size == null && scale == null) {
      throw new InterpolateException("either size or scale_factor should be defined");
    }
    if (size != null) {
      if (size.length == 1) {
        size = repeat(size[0], dim);
      } else if (size.length != dim) {
        throw new InterpolateException(
            "Input and output must have the same number of spatial dimensions, but got input with"
                + " spatial dimensions of "
                + Arrays.toString(spatialIn)
                + " and output size of "
                + tuple(size)
                + ". Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size"
                + " in (o1, o2, ...,oK) format.");
      }
    } else {
      if (scale.length == 1) {
        scale = repeat(scale[0], dim);
      } else if (scale.length != dim) {
        throw new InterpolateException(
            "Input and scale_factor must have the same number of spatial dimensions, but got input"
                + " with spatial dimensions of "
                + Arrays.toString(spatialIn)
                + " and scale_factor of shape "
                + tuple(scale)
                + ". Please provide input tensor in (N, C, d1, d2, ...,dK) format and scale_factor"
                + " in (s1, s2, ...,sK) format.");
      }
      for (int d = 0; d < dim; d++) {
        // area takes a zero scale (an empty output, as adaptive pooling to size 0 gives)
        boolean allowed = scale[d] > 0 || (mode == Mode.AREA && scale[d] == 0);
        if (!allowed || Double.isInfinite(scale[d])) {
          throw new InterpolateException(
              "scale_factor must be a finite number > 0, but got "
                  + scale[d]
                  + " for spatial dimension "
                  + d
                  + " (scale_factor="
                  + tuple(scale)
                  + ")");
        }
      }
    }
    Boolean recomputeOpt = o.recomputeScaleFactor();
    if (Boolean.TRUE.equals(recomputeOpt) && size != null) {
      throw new InterpolateException(
          "recompute_scale_factor is not meaningful with an explicit size.");
    }
    boolean recompute = Boolean.TRUE.equals(recomputeOpt) || (mode == Mode.AREA && scale != null);

    // 3. Output sizes and the scales handed to the kernels.
    int[] outSizes = new int[dim];
    double[] kernelScales = new double[dim];
    Arrays.fill(kernelScales, Double.NaN);
    for (int d = 0; d < dim; d++) {
      if (size != null) {
        outSizes[d] = size[d];
      } else {
        // PyTorch computes in * s in double: Python floors it when recomputing, C++ truncates
        // otherwise; the two agree for the positive products that pass the checks above.
        double product = (double) spatialIn[d] * scale[d];
        double out = recompute ? Math.floor(product) : (double) (long) product;
        if (out > Integer.MAX_VALUE) {
          throw tooLarge(shape, spatialIn, d, out, o.maxOutputElements());
        }
        outSizes[d] = (int) out;
        if (!recompute) {
          kernelScales[d] = scale[d];
        }
      }
    }

    // 4. antialias.
    if (o.antialias() && !(mode.acceptsAntialias() && rank == 4)) {
      throw new InterpolateException(
          "Anti-alias option is restricted to bilinear, bicubic, and lanczos modes and requires a"
              + " 4-D tensor as input");
    }

    // 5. mode x rank dispatch; lanczos' own rules come with its 4-D dispatch.
    if (mode == Mode.LANCZOS && rank == 4) {
      if (alignCorners) {
        throw new InterpolateException("Lanczos mode does not support align_corners=True");
      }
      if (!o.antialias()) {
        throw new InterpolateException("Lanczos mode requires antialias=True");
      }
      if (o.torchVersion() == TorchVersion.V1_13) {
        throw new InterpolateException(
            "mode 'lanczos' exists only in PyTorch 2.x; use TorchVersion.V2 (the default), not"
                + " V1_13");
      }
    }
    int required = mode.requiredSpatialDims();
    if ((mode == Mode.BICUBIC || mode == Mode.LANCZOS) && rank != 4) {
      throw genericRankError(rank, mode, o.torchVersion());
    }
    if (required != 0 && required != dim) {
      throw new InterpolateException(
          "Got " + rank + "D input, but " + mode + " mode needs " + (required + 2) + "D input");
    }

    // 6. The kernels' own checks.
    int batch = shape[0];
    int channels = shape[1];
    boolean outputOk = true;
    boolean meanOnly = true;
    for (int s : outSizes) {
      outputOk &= mode == Mode.AREA ? s >= 0 : s > 0;
      meanOnly &= s == 1;
    }
    if (mode == Mode.AREA && !outputOk) {
      throw new InterpolateException(
          "adaptive_avg_pool"
              + dim
              + "d: elements of output_size must be greater than or equal to 0 but received "
              + Arrays.toString(outSizes).replace('[', '{').replace(']', '}'));
    }
    if (mode == Mode.AREA && !meanOnly) {
      // adaptive_avg_pool1d (a 2-D pool of (N, C, 1, L)) and 2d accept an empty channel
      // dimension, 3d does not; none accepts an empty spatial one. An output of all ones is a
      // mean over the spatial axes, which accepts any (the mean of nothing is NaN).
      int[] pooled = dim == 1 ? new int[] {shape[0], shape[1], 1, shape[2]} : shape;
      for (int d = dim == 3 ? 1 : 2; d < pooled.length; d++) {
        if (pooled[d] == 0) {
          throw new InterpolateException(
              "adaptive_avg_pool"
                  + Math.max(dim, 2)
                  + "d(): Expected input to have non-zero size for non-batch dimensions, but input"
                  + " has sizes "
                  + Arrays.toString(pooled)
                  + " with dimension "
                  + d
                  + " being empty");
        }
      }
    }
    // Every kernel but adaptive average pooling refuses an empty channel dimension.
    if (channels == 0 && mode != Mode.AREA) {
      throw new InterpolateException(
          "Non-empty "
              + rank
              + "D data tensor expected but got a tensor with sizes "
              + Arrays.toString(shape));
    }
    boolean inputOk = true;
    for (int s : spatialIn) {
      inputOk &= s > 0;
    }
    if (mode != Mode.AREA && (!inputOk || !outputOk)) {
      throw new InterpolateException(
          "Input and output sizes should be greater than 0, but got input "
              + axes(spatialIn)
              + (dim == 1 ? " and output " : " output ")
              + axes(outSizes));
    }
    // 7. Memory: the output, tables and intermediates within the call's limit.
    return CallMemory.checked(
        new ResamplePlan(
            mode,
            dtype,
            o.torchVersion(),
            alignCorners,
            o.antialias(),
            batch,
            channels,
            spatialIn,
            outSizes,
            kernelScales,
            o.parallelism()),
        o.maxOutputElements());
  }

  private static InterpolateException tooLarge(
      int[] shape, int[] spatialIn, int d, double out, long limit) {
    return new InterpolateException(
        "output size "
            + (long) out
            + " for spatial dimension "
            + d
            + " (input size "
            + spatialIn[d]
            + ") is too large: a tensor holds at most "
            + limit
            + " elements; input shape was "
            + Arrays.toString(shape));
  }

  /** PyTorch's last error of interpolate; 2.x lists lanczos among the modes, 1.13 does not. */
  private static InterpolateException genericRankError(int rank, Mode mode, TorchVersion version) {
    String modes = version == TorchVersion.V1_13
        ? "nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact"
        : "nearest | linear | bilinear | bicubic | trilinear | lanczos | area | nearest-exact";
    return new InterpolateException(
        "Input Error: Only 3D, 4D and 5D input Tensors supported (got "
            + rank
            + "D) for the modes: "
            + modes
            + " (got "
            + mode
            + ")");
  }

  private static String axes(int[] sizes) {
    String[] names = sizes.length == 1 ? new String[] {"W"}
        : sizes.length == 2 ? new String[] {"H", "W"} : new String[] {"D", "H", "W"};
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < sizes.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(names[i]).append(": ").append(sizes[i]);
    }
    return sb.append(')').toString();
  }

  private static String tuple(int[] v) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < v.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(v[i]);
    }
    return sb.append(v.length == 1 ? ",)" : ")").toString();
  }

  private static String tuple(double[] v) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < v.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(v[i]);
    }
    return sb.append(v.length == 1 ? ",)" : ")").toString();
  }

  private static int[] repeat(int v, int n) {
    int[] r = new int[n];
    Arrays.fill(r, v);
    return r;
  }

  private static double[] repeat(double v, int n) {
    double[] r = new double[n];
    Arrays.fill(r, v);
    return r;
  }
}
