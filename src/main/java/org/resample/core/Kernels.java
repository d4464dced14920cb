package org.resample.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a validated plan: builds the per-axis tables once, then resamples the planes, split between
 * {@code parallelism} threads when asked.
 */
final class Kernels {
  private Kernels() {}

  /** Body of a parallel loop over planes {@code [p0, p1)}. */
  interface PlaneRange {
    void run(int p0, int p1);
  }

  private static final ExecutorService POOL =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "resample-worker");
            t.setDaemon(true);
            return t;
          });

  static Tensor run(ResamplePlan plan, Tensor input) {
    return run(plan, input, Tensor.zeros(plan.dtype, plan.outputShape()));
  }

  /** Runs {@code plan} into {@code output} (of the plan's shape and dtype); every element is written. */
  static Tensor run(ResamplePlan plan, Tensor input, Tensor output) {
    if (output.numel() == 0) {
      return output;
    }
    Object src = input.rawData();
    Object dst = output.rawData();
    int[] in = plan.inSizes;
    int[] out = plan.outSizes;
    switch (plan.kernel()) {
      case NEAREST:
        {
          int[][] idx = nearestIndices(plan);
          forPlanes(plan, (p0, p1) -> NearestKernel.run(src, dst, in, out, idx, p0, p1));
          return output;
        }
      case AREA:
        if (plan.dtype == DType.FLOAT64) {
          forPlanes(plan, (p0, p1) ->
              AreaKernel.runDouble((double[]) src, (double[]) dst, in, out, p0, p1));
          return output;
        }
        return viaFloat(plan, input, output, (s, d) ->
            forPlanes(plan, (p0, p1) -> AreaKernel.runFloat(s, d, in, out, p0, p1)));
      case UINT8_FIXED_POINT:
        {
          Uint8FixedPoint.Table[] t = uint8Tables(plan);
          Uint8FixedPoint.Table th = t[0];
          Uint8FixedPoint.Table tw = t[1];
          forPlanes(plan, (p0, p1) ->
              Uint8FixedPoint.run((byte[]) src, (byte[]) dst, in[0], in[1], th, tw, p0, p1));
          repeatFirstRow(plan, dst, 0);
          return output;
        }
      case CHANNELS_LAST_113:
        {
          AxisTable[] t = separableTables(plan);
          return viaFloat(plan, input, output, (s, d) -> {
            if (in.length == 2) {
              forPlanes(plan, (p0, p1) ->
                  ChannelsLast113.bilinear(s, d, in[0], in[1], t[0], t[1], p0, p1));
            } else {
              forPlanes(plan, (p0, p1) ->
                  ChannelsLast113.trilinear(s, d, in, t[0], t[1], t[2], p0, p1));
            }
          });
        }
      default:
        if (plan.dtype == DType.UINT8) {
          // this library's uint8 extension of linear / trilinear: the float32 path
          AxisTable[] t = separableTables(plan);
          return viaFloat(plan, input, output, (s, d) -> separableInto(plan, t, s, d, 0));
        }
        runInto(plan, input, dst, 0);
        return output;
    }
  }

  /**
   * Runs {@code plan} into {@code dst} (a float[] or double[] of the plan's dtype) from index {@code
   * dstBase}: the separable and 2.x channels-last kernels write there directly; the others compute
   * a tensor that is then copied in.
   */
  static void runInto(ResamplePlan plan, Tensor input, Object dst, int dstBase) {
    ResamplePlan.Kernel k = plan.kernel();
    boolean direct = k == ResamplePlan.Kernel.SEPARABLE || k == ResamplePlan.Kernel.CHANNELS_LAST;
    if (direct && plan.dtype != DType.UINT8 && ResamplePlan.product(plan.outputShape()) > 0) {
      AxisTable[] tables = separableTables(plan);
      if (k == ResamplePlan.Kernel.CHANNELS_LAST) {
        channelsLastInto(plan, tables, input.rawData(), dst, dstBase);
      } else {
        separableInto(plan, tables, input.rawData(), dst, dstBase);
      }
      repeatFirstRow(plan, dst, dstBase);
      return;
    }
    Tensor y = run(plan, input);
    System.arraycopy(y.rawData(), 0, dst, dstBase, (int) y.numel());
  }

  /**
   * The separable passes of float32 or float64 {@code src} into {@code dst} from index {@code
   * dstBase} (the generic kernels, not 1.13's channels-last ones).
   */
  private static void separableInto(
      ResamplePlan plan, AxisTable[] tables, Object src, Object dst, int dstBase) {
    int[] in = plan.inSizes;
    int[] out = plan.outSizes;
    if (src instanceof double[]) {
      forPlanes(plan, (p0, p1) ->
          SeparableDouble.run((double[]) src, (double[]) dst, dstBase, in, out, tables, p0, p1));
    } else {
      forPlanes(plan, (p0, p1) ->
          SeparableFloat.run((float[]) src, (float[]) dst, dstBase, in, out, tables, p0, p1));
    }
  }

  /**
   * Where {@link ResamplePlan#repeatsFirstRow} holds, copies output row 0 of every plane of {@code
   * dst} (from {@code dstBase}) over the plane's other rows.
   */
  private static void repeatFirstRow(ResamplePlan plan, Object dst, int dstBase) {
    if (!plan.repeatsFirstRow()) {
      return;
    }
    int rows = plan.outSizes[0];
    int planes = plan.planes();
    for (int p = 0; p < planes; p++) {
      int base = dstBase + p * rows;
      for (int h = 1; h < rows; h++) {
        System.arraycopy(dst, base, dst, base + h, 1);
      }
    }
  }

  /** PyTorch 2.x's channels-last linear kernels on float32 or float64 {@code src}. */
  private static void channelsLastInto(
      ResamplePlan plan, AxisTable[] tables, Object src, Object dst, int dstBase) {
    int[] in = plan.inSizes;
    int c = plan.channels;
    if (src instanceof double[]) {
      forPlanes(plan, (p0, p1) ->
          ChannelsLastLinear.runDouble((double[]) src, (double[]) dst, dstBase, c, in, tables, p0, p1));
    } else {
      forPlanes(plan, (p0, p1) ->
          ChannelsLastLinear.runFloat((float[]) src, (float[]) dst, dstBase, c, in, tables, p0, p1));
    }
  }

  /** Per-axis source indices of nearest / nearest-exact (generic or channels-last rule). */
  static int[][] nearestIndices(ResamplePlan plan) {
    int[] in = plan.inSizes;
    int[] out = plan.outSizes;
    boolean f32 = plan.dtype != DType.FLOAT64;
    boolean cl = plan.routesToChannelsLast();
    int[][] idx = new int[in.length][];
    for (int d = 0; d < in.length; d++) {
      idx[d] =
          plan.mode == Mode.NEAREST
              ? AxisTable.nearest(in[d], out[d], plan.scales[d], f32, cl)
              : AxisTable.nearestExact(in[d], out[d], plan.scales[d], f32, cl, plan.version);
    }
    return idx;
  }

  /** The (H, W) fixed-point tables of uint8 bilinear / bicubic / lanczos; null for an unchanged axis. */
  static Uint8FixedPoint.Table[] uint8Tables(ResamplePlan plan) {
    Uint8FixedPoint.Table[] t = new Uint8FixedPoint.Table[2];
    for (int d = 0; d < 2; d++) {
      t[d] = Uint8FixedPoint.table(plan.inSizes[d], plan.outSizes[d], plan.alignCorners,
          plan.scales[d], plan.mode, plan.antialias);
    }
    return t;
  }

  /** The per-axis tables of the separable modes; null for an axis that is copied. */
  static AxisTable[] separableTables(ResamplePlan plan) {
    int[] in = plan.inSizes;
    int[] out = plan.outSizes;
    int k = in.length;
    boolean f32 = plan.dtype != DType.FLOAT64;
    AxisTable[] tables = new AxisTable[k];
    for (int d = 0; d < k; d++) {
      double s = plan.scales[d];
      if (plan.antialias) {
        boolean skip = plan.version == TorchVersion.V2 && in[d] == out[d];
        tables[d] = skip ? null
            : AxisTable.antialias(in[d], out[d], plan.alignCorners, s, f32,
                AxisTable.AaFilter.of(plan.mode));
      } else if (plan.mode == Mode.BICUBIC) {
        tables[d] = AxisTable.cubic(in[d], out[d], plan.alignCorners, s, f32, plan.version);
      } else {
        tables[d] = AxisTable.linear(in[d], out[d], plan.alignCorners, s, f32, plan.version);
      }
    }
    return tables;
  }

  /** A float32 computation on float32 arrays. */
  interface FloatBody {
    void run(float[] src, float[] dst);
  }

  /**
   * Runs {@code body} on float32 data: directly for float32 tensors; for uint8 (this library's
   * extension for modes PyTorch has no uint8 kernel for) on a float32 copy, rounding the result
   * half to even and saturating to 0..255.
   */
  private static Tensor viaFloat(ResamplePlan plan, Tensor input, Tensor output, FloatBody body) {
    if (plan.dtype == DType.FLOAT32) {
      body.run(input.floatData(), output.floatData());
      return output;
    }
    byte[] bytes = input.uint8Data();
    float[] src = new float[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      src[i] = bytes[i] & 0xFF;
    }
    byte[] outBytes = output.uint8Data();
    float[] dst = new float[outBytes.length];
    body.run(src, dst);
    for (int i = 0; i < dst.length; i++) {
      float v = (float) Math.rint(dst[i]);
      outBytes[i] = (byte) (v <= 0 ? 0 : (v >= 255 ? 255 : (int) v));
    }
    return output;
  }

  static final long MIN_OUTPUTS_PER_THREAD = 1 << 16;

  /** Runs {@code body} over all planes, split into {@code plan.parallelism} contiguous chunks. */
  static void forPlanes(ResamplePlan plan, PlaneRange body) {
    int planes = plan.planes();
    // Below about 64K output elements per thread, handing work to another thread costs more than
    // it saves (small_bilinear, 1x3x32x32 -> 64x64: 0.03 ms on one thread, 0.065 ms on two).
    long outputs = (long) planes * ResamplePlan.product(plan.outSizes);
    int worthwhile = (int) Math.max(1, Math.min(Integer.MAX_VALUE, outputs / MIN_OUTPUTS_PER_THREAD));
    int threads = Math.min(Math.min(plan.parallelism, planes), worthwhile);
    if (threads <= 1) {
      body.run(0, planes);
      return;
    }
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 1; t < threads; t++) {
      int p0 = (int) ((long) planes * t / threads);
      int p1 = (int) ((long) planes * (t + 1) / threads);
      futures.add(POOL.submit(() -> body.run(p0, p1)));
    }
    body.run(0, (int) ((long) planes / threads));
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while resampling", e);
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof RuntimeException) {
          throw (RuntimeException) c;
        }
        throw new IllegalStateException(c);
      }
    }
  }
}
