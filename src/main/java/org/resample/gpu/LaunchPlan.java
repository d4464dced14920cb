package org.resample.gpu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.resample.core.DType;
import org.resample.core.ResampleTables;
import org.resample.core.Tensor;

/**
 * The kernel launches (names and arguments of {@code src/main/cuda/resample.cu}) that resample a
 * batch of tensors of one shape: the tensors are laid end to end in {@link Buffer#INPUT}, so every
 * launch covers the whole batch. Built from the core's {@link ResampleTables}, whose arrays are
 * packed into {@link Buffer#TABLES}. Pure Java: the JCuda backend executes it on a device, and the
 * host kernel test executes the same plan on the same kernel sources compiled as C++.
 *
 * <p>Stages read the previous stage's output: the first reads {@link Buffer#INPUT}, the last
 * writes {@link Buffer#OUTPUT}, and those in between alternate between {@link Buffer#SCRATCH_A}
 * and {@link Buffer#SCRATCH_B}, so no launch reads the buffer it writes.
 */
final class LaunchPlan {
  /** Threads per block of every launch. */
  static final int BLOCK = 256;
  /** At most this many blocks per launch; the kernels stride over the rest. */
  static final int MAX_GRID = 4096;
  /** Alignment of each table inside {@link Buffer#TABLES}. */
  static final int TABLE_ALIGN = 16;

  /** The device buffers of a plan. */
  enum Buffer {
    INPUT,
    OUTPUT,
    TABLES,
    SCRATCH_A,
    SCRATCH_B
  }

  /** A device pointer argument: {@code offset} bytes into {@code buffer}. */
  static final class Ptr {
    private final Buffer buffer;
    private final long offset;

    Ptr(Buffer buffer, long offset) {
      this.buffer = buffer;
      this.offset = offset;
    }

    Buffer buffer() {
      return buffer;
    }

    long offset() {
      return offset;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Ptr && ((Ptr) o).buffer == buffer && ((Ptr) o).offset == offset;
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(buffer, offset);
    }

    @Override
    public String toString() {
      return "Ptr[buffer=" + buffer + ", offset=" + offset + "]";
    }
  }

  /**
   * One kernel launch over {@code work} items; {@code args} are {@link Ptr}, {@link Integer} (C
   * {@code int}) and {@link Long} (C {@code long long}) in the kernel's parameter order.
   */
  static final class Launch {
    private final String kernel;
    private final long work;
    private final List<Object> args;

    Launch(String kernel, long work, List<Object> args) {
      this.kernel = kernel;
      this.work = work;
      this.args = args;
    }

    String kernel() {
      return kernel;
    }

    long work() {
      return work;
    }

    List<Object> args() {
      return args;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Launch)) {
        return false;
      }
      Launch l = (Launch) o;
      return kernel.equals(l.kernel) && work == l.work && args.equals(l.args);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(kernel, work, args);
    }

    @Override
    public String toString() {
      return "Launch[kernel=" + kernel + ", work=" + work + ", args=" + args + "]";
    }

    /** Blocks of {@link #BLOCK} threads: enough for one item per thread, at most MAX_GRID. */
    int grid() {
      return (int) Math.max(1, Math.min(MAX_GRID, (work + BLOCK - 1) / BLOCK));
    }
  }

  final DType dtype;
  final int tensors;
  final int[] inputShape;
  final int[] outputShape;
  final long inputBytesPerTensor;
  final long outputBytesPerTensor;
  final long[] scratchBytes = new long[2];
  final byte[] tables;
  final List<Launch> launches;

  private LaunchPlan(ResampleTables t, int[] inputShape, int tensors, Builder b) {
    this.dtype = t.dtype();
    this.tensors = tensors;
    this.inputShape = inputShape.clone();
    this.outputShape = t.outputShape();
    this.inputBytesPerTensor = numel(inputShape) * dtype.byteSize();
    this.outputBytesPerTensor = numel(outputShape) * dtype.byteSize();
    this.tables = b.tables();
    this.launches = Collections.unmodifiableList(b.wire(this));
  }

  /** The plan for {@code tensors} tensors of {@code inputShape} described by {@code t}. */
  static LaunchPlan of(ResampleTables t, int[] inputShape, int tensors) {
    if (t.kernel() == ResampleTables.Kernel.CORE) {
      throw new IllegalStateException("no GPU stages for kernel CORE: compute it with runOnCore");
    }
    Builder b = new Builder();
    long planes = t.planes() * tensors;
    if (planes * product(t.outSizes()) > 0) {
      stages(t, planes, b);
    }
    return new LaunchPlan(t, inputShape, tensors, b);
  }

  long inputBytes() {
    return inputBytesPerTensor * tensors;
  }

  long outputBytes() {
    return outputBytesPerTensor * tensors;
  }

  /** Device bytes the plan needs: input, output, tables and scratch. */
  long deviceBytes() {
    return inputBytes() + outputBytes() + tables.length + scratchBytes[0] + scratchBytes[1];
  }

  /** Device bytes per tensor of a plan like this one, for sizing batches (tables excluded). */
  long deviceBytesPerTensor() {
    return (deviceBytes() - tables.length) / Math.max(1, tensors);
  }

  // ---------------------------------------------------------------------------------------------
  // Stages

  private static void stages(ResampleTables t, long planes, Builder b) {
    int[] in = t.inSizes();
    int[] out = t.outSizes();
    int k = in.length;
    DType dt = t.dtype();
    switch (t.kernel()) {
      case NEAREST:
        {
          int[] in3 = pad3(in);
          int[] out3 = pad3(out);
          Ptr[] idx = new Ptr[3];
          for (int d = 0; d < 3; d++) {
            int src = d - (3 - k);
            idx[d] = b.table(src >= 0 ? t.axis(src).index() : new int[] {0});
          }
          b.stage("resample_nearest_" + suffix(dt), planes * product(out),
              planes * product(out) * dt.byteSize(),
              args(planes, in3[0], in3[1], in3[2], out3[0], out3[1], out3[2], idx[0], idx[1],
                  idx[2]));
          return;
        }
      case AREA:
        {
          boolean viaFloat = t.viaFloat32();
          String sfx = dt == DType.FLOAT64 ? "f64" : "f32";
          if (viaFloat) {
            b.toFloat32(planes * product(in));
          }
          if (t.areaMean()) {
            b.stage("resample_area_mean_" + sfx, planes, planes * (dt == DType.FLOAT64 ? 8 : 4),
                args(planes, product(in)));
          } else {
            int[] in3 = pad3(in);
            int[] out3 = pad3(out);
            List<Object> a = args(planes, in3[0], in3[1], in3[2], out3[0], out3[1], out3[2]);
            for (int d = 0; d < 3; d++) {
              int src = d - (3 - k);
              a.add(b.table(src >= 0 ? t.axis(src).index() : new int[] {0}));
              a.add(b.table(src >= 0 ? t.axis(src).count() : new int[] {1}));
            }
            a.add(k == 3 ? 1 : 0);
            b.stage("resample_area_" + sfx, planes * product(out),
                planes * product(out) * (dt == DType.FLOAT64 ? 8 : 4), a);
          }
          if (viaFloat) {
            b.fromFloat32(planes * product(out));
          }
          return;
        }
      case BILINEAR_CHANNELS_LAST_113:
      case TRILINEAR_CHANNELS_LAST_113:
        {
          List<Object> a = args(planes);
          for (int s : in) {
            a.add(s);
          }
          for (int s : out) {
            a.add(s);
          }
          for (int d = 0; d < k; d++) {
            a.add(b.table(t.axis(d).index()));
            a.add(b.table(t.axis(d).weights32()));
          }
          String name = k == 2 ? "resample_bilinear2d_cl113_f32" : "resample_trilinear3d_cl113_f32";
          b.stage(name, planes * product(out), planes * product(out) * 4, a);
          return;
        }
      case UINT8_FIXED_POINT:
      case SEPARABLE:
        passes(t, planes, b);
        return;
      default:
        throw new IllegalStateException("no GPU stages for kernel " + t.kernel());
    }
  }

  /** Separable passes, last axis first; a plain copy when every axis is unchanged. */
  private static void passes(ResampleTables t, long planes, Builder b) {
    int[] cur = t.inSizes();
    int k = cur.length;
    boolean fixed = t.kernel() == ResampleTables.Kernel.UINT8_FIXED_POINT;
    boolean any = false;
    for (int d = 0; d < k; d++) {
      any |= t.axis(d) != null;
    }
    if (!any) {
      long bytes = planes * product(cur) * t.dtype().byteSize();
      b.stage("resample_copy_u8", bytes, bytes, args(bytes));
      return;
    }
    boolean viaFloat = t.viaFloat32();
    if (viaFloat) {
      b.toFloat32(planes * product(cur));
    }
    int elem = fixed ? 1 : (t.dtype() == DType.FLOAT64 ? 8 : 4);
    for (int d = k - 1; d >= 0; d--) {
      ResampleTables.Axis ax = t.axis(d);
      if (ax == null) {
        continue;
      }
      long outer = planes * product(Arrays.copyOfRange(cur, 0, d));
      long inner = product(Arrays.copyOfRange(cur, d + 1, k));
      int inLen = cur[d];
      cur[d] = ax.outSize();
      long work = outer * ax.outSize() * inner;
      List<Object> a = args(outer, inLen, ax.outSize(), Math.toIntExact(inner), ax.taps());
      a.add(b.table(ax.index()));
      a.add(b.table(ax.count()));
      if (fixed) {
        a.add(b.table(ax.fixedWeights()));
        a.add(ax.precision());
        b.stage("resample_pass_u8_fixed", work, work, a);
      } else if (elem == 8) {
        a.add(b.table(ax.weights64()));
        b.stage("resample_pass_f64", work, work * 8, a);
      } else {
        a.add(b.table(ax.weights32()));
        b.stage("resample_pass_f32", work, work * 4, a);
      }
    }
    if (viaFloat) {
      b.fromFloat32(planes * product(cur));
    }
  }

  /**
   * A stage's arguments after its source and destination pointers (which {@link Builder#wire}
   * puts first): {@code long} values become C {@code long long}, {@code int} values C {@code int}.
   */
  private static List<Object> args(Object... rest) {
    return new ArrayList<>(Arrays.asList(rest));
  }

  private static String suffix(DType dt) {
    switch (dt) {
      case FLOAT32:
        return "f32";
      case FLOAT64:
        return "f64";
      default:
        return "u8";
    }
  }

  static int[] pad3(int[] s) {
    int[] r = {1, 1, 1};
    System.arraycopy(s, 0, r, 3 - s.length, s.length);
    return r;
  }

  static long product(int[] s) {
    long p = 1;
    for (int v : s) {
      p *= v;
    }
    return p;
  }

  static long numel(int[] shape) {
    return product(shape);
  }

  // ---------------------------------------------------------------------------------------------
  // Host staging: tensors <-> the byte layout of INPUT / OUTPUT

  /** Writes tensors {@code [from, from + count)} end to end into {@code dst} at its position. */
  static void pack(Tensor[] tensors, int[] order, int from, int count, ByteBuffer dst) {
    ByteBuffer b = dst.order(ByteOrder.nativeOrder());
    for (int i = from; i < from + count; i++) {
      Tensor x = tensors[order[i]];
      switch (x.dtype()) {
        case FLOAT32:
          {
            float[] f = x.floatData();
            b.asFloatBuffer().put(f);
            b.position(b.position() + 4 * f.length);
            break;
          }
        case FLOAT64:
          {
            double[] d = x.doubleData();
            b.asDoubleBuffer().put(d);
            b.position(b.position() + 8 * d.length);
            break;
          }
        default:
          b.put(x.uint8Data());
      }
    }
  }

  /** Reads {@code count} outputs of this plan's shape from {@code src} at its position. */
  Tensor[] unpack(ByteBuffer src, int count) {
    ByteBuffer b = src.order(ByteOrder.nativeOrder());
    Tensor[] out = new Tensor[count];
    int n = Math.toIntExact(numel(outputShape));
    for (int i = 0; i < count; i++) {
      switch (dtype) {
        case FLOAT32:
          {
            float[] f = new float[n];
            b.asFloatBuffer().get(f);
            b.position(b.position() + 4 * n);
            out[i] = Tensor.ofFloat(f, outputShape);
            break;
          }
        case FLOAT64:
          {
            double[] d = new double[n];
            b.asDoubleBuffer().get(d);
            b.position(b.position() + 8 * n);
            out[i] = Tensor.ofDouble(d, outputShape);
            break;
          }
        default:
          {
            byte[] u = new byte[n];
            b.get(u);
            out[i] = Tensor.ofUint8(u, outputShape);
          }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------

  /** Collects tables and stages, then wires the stages to buffers. */
  private static final class Builder {
    private ByteBuffer tables = ByteBuffer.allocate(1024).order(ByteOrder.nativeOrder());
    private final List<String> kernels = new ArrayList<>();
    private final List<Long> works = new ArrayList<>();
    private final List<Long> outBytes = new ArrayList<>();
    private final List<List<Object>> stageArgs = new ArrayList<>();

    void stage(String kernel, long work, long bytesOut, List<Object> args) {
      kernels.add(kernel);
      works.add(work);
      outBytes.add(bytesOut);
      stageArgs.add(args);
    }

    void toFloat32(long n) {
      stage("resample_u8_to_f32", n, 4 * n, args(n));
    }

    void fromFloat32(long n) {
      stage("resample_f32_to_u8", n, n, args(n));
    }

    private ByteBuffer reserve(long bytes) {
      int start = (tables.position() + TABLE_ALIGN - 1) / TABLE_ALIGN * TABLE_ALIGN;
      long need = start + bytes;
      if (need > tables.capacity()) {
        ByteBuffer grown =
            ByteBuffer.allocate(Math.toIntExact(Math.max(need, 2L * tables.capacity())))
                .order(ByteOrder.nativeOrder());
        tables.flip();
        grown.put(tables);
        tables = grown;
      }
      tables.position(start);
      return tables;
    }

    Ptr table(int[] a) {
      return append(4L * a.length, b -> b.asIntBuffer().put(a));
    }

    Ptr table(float[] a) {
      return append(4L * a.length, b -> b.asFloatBuffer().put(a));
    }

    Ptr table(double[] a) {
      return append(8L * a.length, b -> b.asDoubleBuffer().put(a));
    }

    /** Appends {@code bytes} bytes written by {@code write} (at the aligned position). */
    private Ptr append(long bytes, java.util.function.Consumer<ByteBuffer> write) {
      ByteBuffer b = reserve(bytes);
      Ptr p = new Ptr(Buffer.TABLES, b.position());
      write.accept(b);
      b.position(Math.toIntExact(b.position() + bytes));
      return p;
    }

    byte[] tables() {
      byte[] out = new byte[tables.position()];
      tables.duplicate().flip().get(out);
      return out;
    }

    /** Source and destination of each stage; records the scratch sizes in {@code plan}. */
    List<Launch> wire(LaunchPlan plan) {
      List<Launch> out = new ArrayList<>();
      int n = kernels.size();
      for (int i = 0; i < n; i++) {
        Buffer src = i == 0 ? Buffer.INPUT : (i % 2 == 1 ? Buffer.SCRATCH_A : Buffer.SCRATCH_B);
        Buffer dst;
        if (i == n - 1) {
          dst = Buffer.OUTPUT;
        } else {
          dst = i % 2 == 0 ? Buffer.SCRATCH_A : Buffer.SCRATCH_B;
          int s = dst == Buffer.SCRATCH_A ? 0 : 1;
          plan.scratchBytes[s] = Math.max(plan.scratchBytes[s], outBytes.get(i));
        }
        List<Object> a = new ArrayList<>();
        a.add(new Ptr(src, 0));
        a.add(new Ptr(dst, 0));
        a.addAll(stageArgs.get(i));
        out.add(new Launch(kernels.get(i), works.get(i), Collections.unmodifiableList(a)));
      }
      return out;
    }
  }
}
