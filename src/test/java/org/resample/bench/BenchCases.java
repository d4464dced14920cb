package org.resample.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.resample.core.DType;
import org.resample.core.InterpolateOptions;
import org.resample.core.Mode;
import org.resample.core.Tensor;

/**
 * The performance cases, defined once and shared by the JMH benchmark ({@link
 * InterpolateBenchmark}), the best-of-N timer ({@link CompareMain}) and, through the JSON that
 * CompareMain writes, the PyTorch / OpenCV / Pillow driver {@code src/test/python/compare_speed.py}:
 * the shapes cannot drift apart between the tools.
 *
 * <p>Each case has a full shape (the real measurement) and a quick shape (tiny, for smoke runs in CI;
 * same dtype, mode, options and roughly the same scale ratio). The case id ({@link #id()}) is the
 * lower-case constant name, e.g. {@code bilinear_aa}; {@link #parse(String)} accepts either spelling.
 */
public enum BenchCases {
  /** nearest, float32, 16x3x512x512 -> 1024x1024. */
  NEAREST(DType.FLOAT32, Mode.NEAREST, null, false,
      shape(16, 3, 512, 512), size(1024, 1024),
      shape(2, 3, 16, 16), size(32, 32)),
  /** bilinear, align_corners=False, float32, 16x3x512x512 -> 1024x1024. */
  BILINEAR(DType.FLOAT32, Mode.BILINEAR, false, false,
      shape(16, 3, 512, 512), size(1024, 1024),
      shape(2, 3, 16, 16), size(32, 32)),
  /** bicubic, align_corners=False, float32, 16x3x512x512 -> 1024x1024. */
  BICUBIC(DType.FLOAT32, Mode.BICUBIC, false, false,
      shape(16, 3, 512, 512), size(1024, 1024),
      shape(2, 3, 16, 16), size(32, 32)),
  /** bilinear antialias (downscale), float32, 16x3x1024x1024 -> 224x224. */
  BILINEAR_AA(DType.FLOAT32, Mode.BILINEAR, false, true,
      shape(16, 3, 1024, 1024), size(224, 224),
      shape(2, 3, 32, 32), size(7, 7)),
  /** area (adaptive average pooling), float32, 16x3x1024x1024 -> 256x256. */
  AREA(DType.FLOAT32, Mode.AREA, null, false,
      shape(16, 3, 1024, 1024), size(256, 256),
      shape(2, 3, 32, 32), size(8, 8)),
  /** trilinear, align_corners=False, float32, 2x4x64x64x64 -> 128x128x128. */
  TRILINEAR(DType.FLOAT32, Mode.TRILINEAR, false, false,
      shape(2, 4, 64, 64, 64), size(128, 128, 128),
      shape(1, 2, 8, 8, 8), size(16, 16, 16)),
  /** linear, align_corners=False, float32, 64x64x8192 -> 16384. */
  LINEAR(DType.FLOAT32, Mode.LINEAR, false, false,
      shape(64, 64, 8192), size(16384),
      shape(2, 4, 64), size(128)),
  /** bilinear antialias (downscale), uint8, 16x3x1024x1024 -> 224x224. */
  U8_BILINEAR_AA(DType.UINT8, Mode.BILINEAR, false, true,
      shape(16, 3, 1024, 1024), size(224, 224),
      shape(2, 3, 32, 32), size(7, 7)),
  /** bicubic antialias (downscale), uint8, 16x3x1024x1024 -> 224x224. */
  U8_BICUBIC_AA(DType.UINT8, Mode.BICUBIC, false, true,
      shape(16, 3, 1024, 1024), size(224, 224),
      shape(2, 3, 32, 32), size(7, 7)),
  /** bilinear, align_corners=False, uint8, 16x3x512x512 -> 1024x1024. */
  U8_BILINEAR(DType.UINT8, Mode.BILINEAR, false, false,
      shape(16, 3, 512, 512), size(1024, 1024),
      shape(2, 3, 16, 16), size(32, 32)),
  /** bicubic, align_corners=False, uint8, 16x3x512x512 -> 1024x1024. */
  U8_BICUBIC(DType.UINT8, Mode.BICUBIC, false, false,
      shape(16, 3, 512, 512), size(1024, 1024),
      shape(2, 3, 16, 16), size(32, 32)),
  /** bilinear antialias, uint8, one photo 1x3x480x640 -> 224x224 (the job's per-row call). */
  U8_BILINEAR_AA_PHOTO(DType.UINT8, Mode.BILINEAR, false, true,
      shape(1, 3, 480, 640), size(224, 224),
      shape(1, 3, 30, 40), size(14, 14)),
  /** nearest, uint8, 16x3x512x512 -> 1024x1024. */
  U8_NEAREST(DType.UINT8, Mode.NEAREST, null, false,
      shape(16, 3, 512, 512), size(1024, 1024),
      shape(2, 3, 16, 16), size(32, 32)),
  /** bilinear, align_corners=False, float64, 16x3x512x512 -> 1024x1024. */
  F64_BILINEAR(DType.FLOAT64, Mode.BILINEAR, false, false,
      shape(16, 3, 512, 512), size(1024, 1024),
      shape(2, 3, 16, 16), size(32, 32)),
  /** bilinear, float32, 1x3x32x32 -> 64x64: per-call overhead (planning, allocation, dispatch). */
  SMALL_BILINEAR(DType.FLOAT32, Mode.BILINEAR, false, false,
      shape(1, 3, 32, 32), size(64, 64),
      shape(1, 3, 32, 32), size(64, 64));

  /** Seed of the random inputs. */
  public static final long DEFAULT_SEED = 20240601L;

  private final DType dtype;
  private final Mode mode;
  private final Boolean alignCorners;
  private final boolean antialias;
  private final int[] fullInput;
  private final int[] fullSize;
  private final int[] quickInput;
  private final int[] quickSize;

  BenchCases(DType dtype, Mode mode, Boolean alignCorners, boolean antialias,
      int[] fullInput, int[] fullSize, int[] quickInput, int[] quickSize) {
    this.dtype = dtype;
    this.mode = mode;
    this.alignCorners = alignCorners;
    this.antialias = antialias;
    this.fullInput = fullInput;
    this.fullSize = fullSize;
    this.quickInput = quickInput;
    this.quickSize = quickSize;
  }

  private static int[] shape(int... s) {
    return s;
  }

  private static int[] size(int... s) {
    return s;
  }

  /** The case id: the lower-case constant name, e.g. {@code u8_bicubic_aa}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public DType dtype() {
    return dtype;
  }

  public Mode mode() {
    return mode;
  }

  /** {@code align_corners} as passed (null: not given, as for nearest and area). */
  public Boolean alignCorners() {
    return alignCorners;
  }

  public boolean antialias() {
    return antialias;
  }

  /** Input shape {@code (N, C, d1..dk)}. */
  public int[] inputShape(boolean quick) {
    return (quick ? quickInput : fullInput).clone();
  }

  /** Output spatial size {@code (d1'..dk')}. */
  public int[] outputSize(boolean quick) {
    return (quick ? quickSize : fullSize).clone();
  }

  /** Output shape {@code (N, C, d1'..dk')}. */
  public int[] outputShape(boolean quick) {
    int[] in = quick ? quickInput : fullInput;
    int[] sz = quick ? quickSize : fullSize;
    int[] out = new int[2 + sz.length];
    out[0] = in[0];
    out[1] = in[1];
    System.arraycopy(sz, 0, out, 2, sz.length);
    return out;
  }

  /** Bytes one call reads (the input) plus writes (the output): the numerator of effective GB/s. */
  public long bytesMoved(boolean quick) {
    return (numel(inputShape(quick)) + numel(outputShape(quick))) * dtype.byteSize();
  }

  /** The interpolate options of this case, with {@code threads} as parallelism. */
  public InterpolateOptions options(boolean quick, int threads) {
    return InterpolateOptions.builder()
        .size(outputSize(quick))
        .mode(mode)
        .alignCorners(alignCorners)
        .antialias(antialias)
        .parallelism(threads)
        .build();
  }

  /** A seeded random input: floats uniform in [0, 1), bytes uniform in 0..255. */
  public Tensor newInput(boolean quick, long seed) {
    int[] shape = inputShape(quick);
    int n = Math.toIntExact(numel(shape));
    SplittableRandom rnd = new SplittableRandom(seed ^ ordinal());
    switch (dtype) {
      case FLOAT32: {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
          a[i] = (float) rnd.nextDouble();
        }
        return Tensor.ofFloat(a, shape);
      }
      case FLOAT64: {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
          a[i] = rnd.nextDouble();
        }
        return Tensor.ofDouble(a, shape);
      }
      case UINT8: {
        byte[] a = new byte[n];
        rnd.nextBytes(a);
        return Tensor.ofUint8(a, shape);
      }
      default:
        throw new IllegalStateException("dtype " + dtype);
    }
  }

  /** The case as a JSON object (the form compare_speed.py reads). */
  public String toJson(boolean quick) {
    return "{\"name\": \"" + id() + "\""
        + ", \"dtype\": \"" + dtype.torchName() + "\""
        + ", \"mode\": \"" + mode.torchName() + "\""
        + ", \"align_corners\": " + (alignCorners == null ? "null" : alignCorners.toString())
        + ", \"antialias\": " + antialias
        + ", \"input_shape\": " + Arrays.toString(inputShape(quick))
        + ", \"output_size\": " + Arrays.toString(outputSize(quick))
        + ", \"output_shape\": " + Arrays.toString(outputShape(quick))
        + ", \"bytes_moved\": " + bytesMoved(quick)
        + "}";
  }

  /** One case by id or constant name, case-insensitive ({@code '-'} is accepted for {@code '_'}). */
  public static BenchCases of(String name) {
    String key = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (BenchCases c : values()) {
      if (c.name().equals(key)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "unknown case '" + name + "'; the cases are: " + Arrays.toString(ids()));
  }

  /**
   * The cases named in a comma-separated list, in the list's order; null, empty or {@code "all"}
   * gives every case.
   */
  public static List<BenchCases> parse(String list) {
    List<BenchCases> out = new ArrayList<>();
    if (list == null || list.isBlank() || list.trim().equalsIgnoreCase("all")) {
      out.addAll(Arrays.asList(values()));
      return out;
    }
    for (String s : list.split(",")) {
      if (!s.isBlank()) {
        BenchCases c = of(s);
        if (!out.contains(c)) {
          out.add(c);
        }
      }
    }
    return out;
  }

  /** All case ids. */
  public static String[] ids() {
    return Arrays.stream(values()).map(BenchCases::id).toArray(String[]::new);
  }

  static long numel(int[] shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }
}
