package org.resample.core;

import java.util.Arrays;
import java.util.Locale;

/**
 * The memory one call allocates, in bytes, counted before anything is allocated: its output, the
 * per-axis index and weight tables, and the intermediates (uint8 float copies, fixed-point
 * temporaries, the scratch rows of the separable passes, per thread). It is an upper bound of what
 * {@link Kernels} allocates for the plan, and the one place that decides whether a call fits its
 * memory limit ({@link #checked}, called by {@link ResamplePlan#of}).
 *
 * <p>The limit is {@link InterpolateOptions#maxOutputElements()} elements of the call's dtype, and
 * never more than the JVM's maximum heap: a call whose output alone stays under the limit but whose
 * tables do not (a very long bicubic axis costs 68 bytes of tables per output along it) is refused
 * too, with the parts named.
 */
final class CallMemory {
  final long output;
  final long tables;
  final long intermediates;

  private CallMemory(long output, long tables, long intermediates) {
    this.output = output;
    this.tables = tables;
    this.intermediates = intermediates;
  }

  long total() {
    return add(add(output, tables), intermediates);
  }

  /** What {@code plan} allocates when it runs. */
  static CallMemory of(ResamplePlan p) {
    int[] in = p.inSizes;
    int[] out = p.outSizes;
    int k = in.length;
    long planes = (long) p.batch * p.channels;
    long inElements = mul(planes, product(in));
    long outElements = mul(planes, product(out));
    long output = mul(outElements, p.dtype.byteSize());
    if (outElements == 0) {
      return new CallMemory(0, 0, 0);
    }
    long threads = Math.max(1, Math.min(p.parallelism, planes));
    int outW = out[k - 1];
    long tables = 0;
    long perThread = 0;
    long copies = 0;
    switch (p.mode) {
      case NEAREST:
      case NEAREST_EXACT:
        for (int d = 0; d < k; d++) {
          tables = add(tables, 4L * out[d]); // one source index per output
        }
        break;
      case AREA:
        for (int d = 0; d < k; d++) {
          // start, end and count (ResampleTables) per output; each thread's windows again
          tables = add(tables, 12L * out[d]);
          perThread = add(perThread, 8L * out[d]);
        }
        perThread = add(perThread, (p.dtype == DType.FLOAT64 ? 8L : 4L) * outW); // one row of sums
        copies = viaFloatCopies(p.dtype, inElements, outElements);
        break;
      default:
        if (p.dtype == DType.UINT8 && p.mode.acceptsAntialias()) {
          for (int d = 0; d < k; d++) {
            if (in[d] != out[d]) {
              // double weights while they are built (with an antialias table's index, float
              // weights and count), int weights, start and count
              long taps = taps(p, d);
              long perOutput = p.antialias ? add(mul(taps, 20), 12) : add(mul(taps, 12), 8);
              tables = add(tables, mul(out[d], perOutput));
            }
          }
          // the (H_in, W_out) pass between W and H, one int row of sums, and what the W pass
          // builds for itself (the Vector API passes' blocks and packed rows)
          perThread = add(mul(in[0], outW), 4L * outW);
          if (in[k - 1] != outW) {
            perThread = add(perThread,
                Uint8FixedPoint.passes().horizontalBytes(in[k - 1], outW, taps(p, k - 1)));
          }
        } else {
          int ring = p.dtype == DType.FLOAT64 ? 8 : 4;
          long[] taps = new long[k];
          for (int d = 0; d < k; d++) {
            boolean copied = p.antialias && p.version == TorchVersion.V2 && in[d] == out[d];
            taps[d] = copied ? 0 : taps(p, d);
            // int index, double and float weights per tap; int count per output
            tables = add(tables, mul(out[d], add(mul(taps[d], 16), 4)));
          }
          if (k >= 2 && taps[k - 2] > 0) {
            // the rows of the W pass an H window needs, three spare when antialiased
            perThread = mul(mul(taps[k - 2] + 3, outW), ring);
          }
          if (k == 3) {
            perThread = add(perThread, mul(mul(taps[0], (long) out[1] * outW), ring));
          }
          copies = viaFloatCopies(p.dtype, inElements, outElements);
        }
    }
    long intermediates = add(copies, mul(perThread, threads));
    return new CallMemory(output, tables, intermediates);
  }

  /** Taps per output along axis {@code d} of a linear, cubic or antialias table. */
  private static long taps(ResamplePlan p, int d) {
    if (!p.antialias) {
      return p.mode == Mode.BICUBIC ? 4 : 2;
    }
    // AxisTable.antialias: the filter's support, stretched by the scale when downsampling
    double scale =
        SourceIndex.pixelScale(p.inSizes[d], p.outSizes[d], p.alignCorners, p.scales[d], false);
    double support = AxisTable.AaFilter.of(p.mode).interpSize * 0.5 * Math.max(scale, 1.0);
    double taps = Math.ceil(support) * 2 + 1;
    return taps >= Long.MAX_VALUE / 64 ? Long.MAX_VALUE / 64 : (long) taps;
  }

  /** uint8 resampled in float32: a float copy of the input and one of the output. */
  private static long viaFloatCopies(DType dtype, long inElements, long outElements) {
    return dtype == DType.UINT8 ? mul(add(inElements, outElements), 4) : 0;
  }

  /**
   * {@code p}, after refusing it when it needs more than {@code maxOutputElements} elements of its
   * dtype, or more than the JVM's maximum heap.
   */
  static ResamplePlan checked(ResamplePlan p, long maxOutputElements) {
    of(p).check(p, maxOutputElements);
    return p;
  }

  private void check(ResamplePlan p, long maxOutputElements) {
    long limit = mul(maxOutputElements, p.dtype.byteSize());
    long heap = Runtime.getRuntime().maxMemory();
    long total = total();
    if (total <= limit && total <= heap) {
      return;
    }
    String parts = "output " + bytes(output)
        + (tables > 0 ? ", index/weight tables " + bytes(tables) : "")
        + (intermediates > 0 ? ", intermediates " + bytes(intermediates) : "");
    String why = limit <= heap
        ? "the limit of one call, " + bytes(limit) + " (maxOutputElements " + maxOutputElements + " x "
            + p.dtype.byteSize() + "-byte " + p.dtype + " elements)"
        : "this JVM's maximum heap, " + bytes(heap);
    throw new InterpolateException(
        "resampling to shape " + Arrays.toString(p.outputShape()) + " (" + p.mode
            + (p.antialias ? ", antialias" : "") + ", " + p.dtype + ") needs " + bytes(total) + " ("
            + parts + "), more than " + why + "; use a smaller size or scale_factor, or split the batch");
  }

  /** {@code n} bytes for messages: exact below 1 KiB, else in KiB, MiB or GiB with one decimal. */
  static String bytes(long n) {
    if (n == Long.MAX_VALUE) {
      return "more than 8 EiB";
    }
    if (n < 1024) {
      return n + " bytes";
    }
    String[] unit = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int u = (63 - Long.numberOfLeadingZeros(n)) / 10;
    return String.format(Locale.ROOT, "%.1f %s", n / Math.pow(1024, u), unit[u - 1]);
  }

  private static long product(int[] sizes) {
    long p = 1;
    for (int s : sizes) {
      p = mul(p, s);
    }
    return p;
  }

  /** Saturating arithmetic on counts ({@code >= 0}): a count too large for a long is Long.MAX_VALUE. */
  private static long mul(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }

  private static long add(long a, long b) {
    long s = a + b;
    return s < 0 ? Long.MAX_VALUE : s;
  }
}
