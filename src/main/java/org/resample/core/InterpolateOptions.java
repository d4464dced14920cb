package org.resample.core;

import java.util.Arrays;
import java.util.Objects;
import org.resample.core.compat.Compat;

/**
 * The arguments of {@code torch.nn.functional.interpolate} other than the input, immutable.
 *
 * <p>Give either {@link Builder#size size} or {@link Builder#scaleFactor scaleFactor}. A single
 * value stands for every spatial dimension, as in PyTorch. {@code null} for {@code alignCorners} and
 * {@code recomputeScaleFactor} means "not given" (PyTorch's {@code None}). Arguments are validated
 * against the input by {@link Interpolate#interpolate}, with PyTorch's messages.
 *
 * <pre>{@code
 * InterpolateOptions o = InterpolateOptions.builder()
 *     .size(224, 224).mode(Mode.BICUBIC).antialias(true).build();
 * }</pre>
 *
 * <p>{@link Builder#compat compat} makes the call another library's resize instead (OpenCV,
 * Pillow, TensorFlow; see {@link Compat}): the mode is then that library's filter name, and only
 * the arguments the library has apply, among them {@link Builder#halfPixelCenters
 * halfPixelCenters} (TensorFlow's v1 ops) and {@link Builder#reducingGap reducingGap} (Pillow).
 *
 * <pre>{@code
 * InterpolateOptions.builder().compat(Compat.PILLOW, "lanczos").size(224, 224).build();
 * }</pre>
 *
 * <p>Serializable, so a Spark task can carry it to executors.
 *
 * @since 0.1
 */
public final class InterpolateOptions implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Default of {@link #maxOutputElements()}: the largest Java array. A call is also never allowed
   * more than the JVM's maximum heap.
   */
  public static final long DEFAULT_MAX_OUTPUT_ELEMENTS = Integer.MAX_VALUE - 8;

  private final int[] size;
  private final double[] scaleFactor;
  private final Mode mode;
  private final Boolean alignCorners;
  private final Boolean recomputeScaleFactor;
  private final boolean antialias;
  private final int parallelism;
  private final long maxOutputElements;
  private final TorchVersion torchVersion;
  private final Compat compat;
  private final String filter;
  private final Boolean halfPixelCenters;
  private final Double reducingGap;

  private InterpolateOptions(Builder b) {
    this.size = b.size == null ? null : b.size.clone();
    this.scaleFactor = b.scaleFactor == null ? null : b.scaleFactor.clone();
    this.mode = b.mode;
    this.alignCorners = b.alignCorners;
    this.recomputeScaleFactor = b.recomputeScaleFactor;
    this.antialias = b.antialias;
    this.parallelism = b.parallelism;
    this.maxOutputElements = b.maxOutputElements;
    this.torchVersion = b.torchVersion;
    this.compat = b.compat;
    this.filter = b.filter;
    this.halfPixelCenters = b.halfPixelCenters;
    this.reducingGap = b.reducingGap;
  }

  /** A builder with PyTorch's defaults: mode nearest, nothing else given. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder initialised from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.size = size;
    b.scaleFactor = scaleFactor;
    b.mode = mode;
    b.alignCorners = alignCorners;
    b.recomputeScaleFactor = recomputeScaleFactor;
    b.antialias = antialias;
    b.parallelism = parallelism;
    b.maxOutputElements = maxOutputElements;
    b.torchVersion = torchVersion;
    b.compat = compat;
    b.filter = filter;
    b.halfPixelCenters = halfPixelCenters;
    b.reducingGap = reducingGap;
    return b;
  }

  /** Output size per spatial dimension (or one for all), or null when not given. */
  public int[] size() {
    return size == null ? null : size.clone();
  }

  /** Scale factor per spatial dimension (or one for all), or null when not given. */
  public double[] scaleFactor() {
    return scaleFactor == null ? null : scaleFactor.clone();
  }

  /** PyTorch's mode; under another {@link #compat()} see {@link #filter()} instead. */
  public Mode mode() {
    return mode;
  }

  /** Whose resize the call reproduces; {@link Compat#PYTORCH} by default. */
  public Compat compat() {
    return compat;
  }

  /**
   * The mode as the call's library names it: the {@link #compat()} profile's filter (e.g. {@code
   * "lanczos4"}), or PyTorch's mode name.
   */
  public String filter() {
    return filter != null ? filter : mode.torchName();
  }

  /** TensorFlow v1's {@code half_pixel_centers}, or null when not given. */
  public Boolean halfPixelCenters() {
    return halfPixelCenters;
  }

  /** Pillow's {@code reducing_gap}, or null when not given. */
  public Double reducingGap() {
    return reducingGap;
  }

  /** {@code align_corners}, or null when not given. */
  public Boolean alignCorners() {
    return alignCorners;
  }

  /** {@code recompute_scale_factor}, or null when not given. */
  public Boolean recomputeScaleFactor() {
    return recomputeScaleFactor;
  }

  public boolean antialias() {
    return antialias;
  }

  /** Number of threads one call may use (planes are split between them); 1 means the caller only. */
  public int parallelism() {
    return parallelism;
  }

  /**
   * The memory limit of one call, in elements of its dtype: the output plus the index/weight
   * tables and intermediates the call allocates must fit in this many elements' bytes. For an
   * ordinary call the tables are small and this is the largest output; a call with a very long
   * axis, or a uint8 call computed through float32 copies, reaches it sooner.
   */
  public long maxOutputElements() {
    return maxOutputElements;
  }

  /** The PyTorch release whose numerics are reproduced. */
  public TorchVersion torchVersion() {
    return torchVersion;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof InterpolateOptions)) {
      return false;
    }
    InterpolateOptions that = (InterpolateOptions) o;
    return Arrays.equals(size, that.size)
        && Arrays.equals(scaleFactor, that.scaleFactor)
        && mode == that.mode
        && Objects.equals(alignCorners, that.alignCorners)
        && Objects.equals(recomputeScaleFactor, that.recomputeScaleFactor)
        && antialias == that.antialias
        && parallelism == that.parallelism
        && maxOutputElements == that.maxOutputElements
        && torchVersion == that.torchVersion
        && compat == that.compat
        && Objects.equals(filter, that.filter)
        && Objects.equals(halfPixelCenters, that.halfPixelCenters)
        && Objects.equals(reducingGap, that.reducingGap);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        Arrays.hashCode(size),
        Arrays.hashCode(scaleFactor),
        mode,
        alignCorners,
        recomputeScaleFactor,
        antialias,
        parallelism,
        maxOutputElements,
        torchVersion,
        compat,
        filter,
        halfPixelCenters,
        reducingGap);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("InterpolateOptions(");
    if (size != null) {
      sb.append("size=").append(Arrays.toString(size)).append(", ");
    }
    if (scaleFactor != null) {
      sb.append("scale_factor=").append(Arrays.toString(scaleFactor)).append(", ");
    }
    if (compat != Compat.PYTORCH) {
      sb.append("compat=").append(compat).append(", ");
    }
    sb.append("mode=").append(filter());
    sb.append(", align_corners=").append(alignCorners == null ? "None" : alignCorners);
    sb.append(", recompute_scale_factor=")
        .append(recomputeScaleFactor == null ? "None" : recomputeScaleFactor);
    sb.append(", antialias=").append(antialias);
    if (halfPixelCenters != null) {
      sb.append(", half_pixel_centers=").append(halfPixelCenters);
    }
    if (reducingGap != null) {
      sb.append(", reducing_gap=").append(reducingGap);
    }
    return sb.append(')').toString();
  }

  /** Builder of {@link InterpolateOptions}. */
  public static final class Builder {
    private int[] size;
    private double[] scaleFactor;
    private Mode mode = Mode.NEAREST;
    private Boolean alignCorners;
    private Boolean recomputeScaleFactor;
    private boolean antialias;
    private int parallelism = 1;
    private long maxOutputElements = DEFAULT_MAX_OUTPUT_ELEMENTS;
    private TorchVersion torchVersion = TorchVersion.V2;
    private Compat compat = Compat.PYTORCH;
    private String filter;
    private Boolean halfPixelCenters;
    private Double reducingGap;

    private Builder() {}

    /** Output size: one value for every spatial dimension, or one per dimension; null clears it. */
    public Builder size(int... size) {
      this.size = size == null ? null : size.clone();
      return this;
    }

    /** Scale factor: one value for every spatial dimension, or one per dimension; null clears it. */
    public Builder scaleFactor(double... scaleFactor) {
      this.scaleFactor = scaleFactor == null ? null : scaleFactor.clone();
      return this;
    }

    /** PyTorch's mode; also makes the call PyTorch's ({@link Compat#PYTORCH}). */
    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      this.compat = Compat.PYTORCH;
      this.filter = null;
      return this;
    }

    /**
     * Whose resize to reproduce, and with which of its filters, e.g. {@code compat(Compat.OPENCV,
     * "lanczos4")}; {@code compat(Compat.PYTORCH, "bilinear")} is {@code mode("bilinear")}.
     *
     * @throws InterpolateException when the profile has no filter named {@code filter}
     */
    public Builder compat(Compat compat, String filter) {
      Objects.requireNonNull(compat, "compat");
      String name = compat.filter(filter);
      if (compat.takesTorchModes()) {
        mode(Mode.of(name));
        this.compat = compat;
        return this;
      }
      this.compat = compat;
      this.filter = name;
      return this;
    }

    /** TensorFlow v1's {@code half_pixel_centers} (compat tensorflow-v1); null: not given. */
    public Builder halfPixelCenters(Boolean halfPixelCenters) {
      this.halfPixelCenters = halfPixelCenters;
      return this;
    }

    /** Pillow's {@code reducing_gap} (compat pillow), at least 1.0; null: not given. */
    public Builder reducingGap(Double reducingGap) {
      this.reducingGap = reducingGap;
      return this;
    }

    /** Mode by PyTorch name, e.g. {@code "nearest-exact"}. */
    public Builder mode(String mode) {
      return mode(Mode.of(mode));
    }

    /** {@code align_corners}; null means not given (PyTorch's None). */
    public Builder alignCorners(Boolean alignCorners) {
      this.alignCorners = alignCorners;
      return this;
    }

    /** {@code recompute_scale_factor}; null means not given (PyTorch's None). */
    public Builder recomputeScaleFactor(Boolean recomputeScaleFactor) {
      this.recomputeScaleFactor = recomputeScaleFactor;
      return this;
    }

    public Builder antialias(boolean antialias) {
      this.antialias = antialias;
      return this;
    }

    /**
     * Threads one call may use, splitting the (N*C) planes between them; 1 (the default, right
     * inside Spark tasks) runs on the calling thread only.
     */
    public Builder parallelism(int parallelism) {
      if (parallelism < 1) {
        throw new InterpolateException("parallelism must be >= 1, but got " + parallelism);
      }
      this.parallelism = parallelism;
      return this;
    }

    /**
     * Memory limit of one call, in elements of its dtype (see {@link
     * InterpolateOptions#maxOutputElements()}; default {@value #DEFAULT_MAX_OUTPUT_ELEMENTS}).
     */
    public Builder maxOutputElements(long maxOutputElements) {
      if (maxOutputElements < 0 || maxOutputElements > DEFAULT_MAX_OUTPUT_ELEMENTS) {
        throw new InterpolateException(
            "maxOutputElements must be in [0, "
                + DEFAULT_MAX_OUTPUT_ELEMENTS
                + "], but got "
                + maxOutputElements);
      }
      this.maxOutputElements = maxOutputElements;
      return this;
    }

    /** Which PyTorch release's numerics to reproduce (default {@link TorchVersion#V2}). */
    public Builder torchVersion(TorchVersion torchVersion) {
      this.torchVersion = Objects.requireNonNull(torchVersion, "torchVersion");
      return this;
    }

    public InterpolateOptions build() {
      return new InterpolateOptions(this);
    }
  }
}
