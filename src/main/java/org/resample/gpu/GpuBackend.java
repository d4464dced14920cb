package org.resample.gpu;

import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoHAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamDestroy;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUfunction;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import org.resample.core.Backend;
import org.resample.core.InterpolateOptions;
import org.resample.core.ResampleTables;
import org.resample.core.Tensor;

/**
 * The GPU {@link Backend}: the core's tables ({@link ResampleTables}) and the CUDA kernels of
 * {@code src/main/cuda/resample.cu}, run through JCuda's driver API on one device's primary
 * context ({@link CudaDevice}).
 *
 * <p>A call groups its tensors by shape; each group runs as chunks of whole tensors, sized to the
 * device memory budget, and each chunk is one {@link LaunchPlan}: one kernel launch per stage
 * covers every tensor of the chunk. Chunks alternate between two slots, each with its own explicit
 * stream, pinned host staging buffers and device blocks, so that packing and uploading one chunk
 * overlaps the kernels of the previous one, and unpacking a chunk overlaps the next one's work.
 *
 * <p>A driver error (out of memory, failed launch or copy) is thrown as {@link GpuException}; the
 * batched operator recomputes the batch on the CPU. Used by one thread at a time; {@link #close}
 * frees the streams and staging buffers (idempotent).
 *
 * @since 0.1
 */
public final class GpuBackend implements Backend {
  private final CudaDevice device;
  private final Slot[] slots = {new Slot(), new Slot()};
  private boolean started;
  private boolean closed;
  private boolean timing;
  private long kernelNanos;

  GpuBackend(CudaDevice device) {
    this.device = device;
  }

  @Override
  public String name() {
    return "gpu:" + device.ordinal;
  }

  /** The device's name, e.g. "NVIDIA H100 80GB HBM3". */
  public String deviceName() {
    return device.name;
  }

  /** The device this backend runs on. */
  CudaDevice device() {
    return device;
  }

  /** Records kernel time with CUDA events from now on (benchmarks); see {@link #takeKernelNanos}. */
  void recordKernelTime(boolean on) {
    this.timing = on;
  }

  /** Kernel time recorded since the last call of this method (events around each chunk). */
  long takeKernelNanos() {
    long k = kernelNanos;
    kernelNanos = 0;
    return k;
  }

  /** A group of tensors of one shape resampled by one launch plan. */
  private static final class Chunk {
    final ResampleTables tables;
    final int[] shape;
    final int[] order;
    final int from;
    final int count;

    Chunk(ResampleTables tables, int[] shape, int[] order, int from, int count) {
      this.tables = tables;
      this.shape = shape;
      this.order = order;
      this.from = from;
      this.count = count;
    }
  }

  /** A stream with its staging buffers and the chunk in flight on it. */
  private static final class Slot {
    CUstream stream;
    CUevent start;
    CUevent stop;
    final PinnedBuffer in = new PinnedBuffer();
    final PinnedBuffer out = new PinnedBuffer();
    final List<DeviceMemory.Block> blocks = new ArrayList<>();
    Chunk chunk;
    LaunchPlan plan;
    boolean timed;
  }

  @Override
  public Tensor[] resample(Tensor[] inputs, InterpolateOptions options) {
    if (closed) {
      throw new IllegalStateException("GPU backend " + name() + " is closed");
    }
    if (options.compat() != org.resample.core.compat.Compat.PYTORCH) {
      // the compat profiles (OpenCV, Pillow, TensorFlow) run on the CPU only
      return org.resample.core.CpuBackend.INSTANCE.resample(inputs, options);
    }
    Tensor[] out = new Tensor[inputs.length];
    if (inputs.length == 0) {
      return out;
    }
    // Tables first: an invalid call fails here, as InterpolateException, before the device.
    List<Chunk> chunks = chunks(inputs, options);
    try {
      device.permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GpuException("interrupted while waiting for GPU " + device.ordinal, e);
    }
    try {
      device.makeCurrent();
      start();
      int next = 0;
      for (Chunk c : chunks) {
        Slot s = slots[next];
        next = 1 - next;
        if (s.chunk != null) {
          complete(s, out);
        }
        submit(s, c, inputs, out);
      }
      complete(slots[next], out);
      complete(slots[1 - next], out);
    } catch (RuntimeException e) {
      drain();
      throw e;
    } finally {
      device.permits.release();
    }
    return out;
  }

  /** Groups the inputs by shape and splits each group into chunks that fit the memory budget. */
  private List<Chunk> chunks(Tensor[] inputs, InterpolateOptions options) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < inputs.length; i++) {
      Tensor x = inputs[i];
      groups.computeIfAbsent(x.dtype() + Arrays.toString(x.shape()), k -> new ArrayList<>())
          .add(i);
    }
    // Two chunks in flight per task, and up to concurrentTasks tasks on the device.
    long budget = Math.max(1, device.memory.budget() / (2L * device.concurrentTasks));
    List<Chunk> chunks = new ArrayList<>();
    for (List<Integer> g : groups.values()) {
      Tensor first = inputs[g.get(0)];
      int[] shape = first.shape();
      ResampleTables t = ResampleTables.of(shape, first.dtype(), options);
      long perTensor =
          t.kernel() == ResampleTables.Kernel.CORE
              ? 1
              : Math.max(1, LaunchPlan.of(t, shape, 1).deviceBytesPerTensor());
      int per = (int) Math.max(1, Math.min(Integer.MAX_VALUE, budget / perTensor));
      int[] order = g.stream().mapToInt(Integer::intValue).toArray();
      for (int from = 0; from < order.length; from += per) {
        chunks.add(new Chunk(t, shape, order, from, Math.min(per, order.length - from)));
      }
    }
    return chunks;
  }

  private void start() {
    if (started) {
      return;
    }
    for (Slot s : slots) {
      s.stream = new CUstream();
      // Blocking streams: ordered after work on the legacy default stream, where cuDF's RMM
      // allocates when the RAPIDS Accelerator is active.
      CudaDevice.check(cuStreamCreate(s.stream, CUstream_flags.CU_STREAM_DEFAULT),
          "cuStreamCreate");
      s.start = new CUevent();
      s.stop = new CUevent();
      CudaDevice.check(cuEventCreate(s.start, 0), "cuEventCreate");
      CudaDevice.check(cuEventCreate(s.stop, 0), "cuEventCreate");
    }
    started = true;
  }

  /** Stages, uploads and launches chunk {@code c} on slot {@code s} (asynchronously). */
  private void submit(Slot s, Chunk c, Tensor[] inputs, Tensor[] out) {
    if (c.tables.kernel() == ResampleTables.Kernel.CORE) {
      // No device kernel has this call's PyTorch 2.x rounding yet: the core computes it.
      for (int i = 0; i < c.count; i++) {
        int k = c.order[c.from + i];
        out[k] = c.tables.runOnCore(inputs[k]);
      }
      return;
    }
    LaunchPlan plan = LaunchPlan.of(c.tables, c.shape, c.count);
    if (plan.launches.isEmpty()) {
      // Empty outputs (a zero-sized dimension): nothing to compute.
      place(plan.unpack(ByteBuffer.allocate(0), c.count), c, out);
      return;
    }
    long tablesBytes = (plan.tables.length + 255L) / 256 * 256;
    ByteBuffer staged = s.in.ensure(tablesBytes + plan.inputBytes());
    staged.put(plan.tables);
    staged.position((int) tablesBytes);
    LaunchPlan.pack(inputs, c.order, c.from, c.count, staged);

    Map<LaunchPlan.Buffer, CUdeviceptr> dev = new EnumMap<>(LaunchPlan.Buffer.class);
    allocate(s, dev, LaunchPlan.Buffer.INPUT, plan.inputBytes());
    allocate(s, dev, LaunchPlan.Buffer.OUTPUT, plan.outputBytes());
    allocate(s, dev, LaunchPlan.Buffer.TABLES, plan.tables.length);
    allocate(s, dev, LaunchPlan.Buffer.SCRATCH_A, plan.scratchBytes[0]);
    allocate(s, dev, LaunchPlan.Buffer.SCRATCH_B, plan.scratchBytes[1]);

    if (plan.tables.length > 0) {
      CudaDevice.check(cuMemcpyHtoDAsync(dev.get(LaunchPlan.Buffer.TABLES), s.in.at(0),
          plan.tables.length, s.stream), "cuMemcpyHtoDAsync (tables)");
    }
    CudaDevice.check(cuMemcpyHtoDAsync(dev.get(LaunchPlan.Buffer.INPUT), s.in.at(tablesBytes),
        plan.inputBytes(), s.stream), "cuMemcpyHtoDAsync (" + plan.inputBytes() + " bytes)");
    s.timed = timing;
    if (s.timed) {
      CudaDevice.check(cuEventRecord(s.start, s.stream), "cuEventRecord");
    }
    for (LaunchPlan.Launch l : plan.launches) {
      CUfunction f = device.kernels.get(l.kernel());
      if (f == null) {
        throw new GpuException("the loaded PTX has no kernel " + l.kernel()
            + "; rebuild it with src/main/cuda/build-ptx");
      }
      CudaDevice.check(cuLaunchKernel(f, l.grid(), 1, 1, LaunchPlan.BLOCK, 1, 1, 0, s.stream,
          parameters(l, dev), null), "cuLaunchKernel(" + l.kernel() + ")");
    }
    if (s.timed) {
      CudaDevice.check(cuEventRecord(s.stop, s.stream), "cuEventRecord");
    }
    s.out.ensure(plan.outputBytes());
    CudaDevice.check(cuMemcpyDtoHAsync(s.out.at(0), dev.get(LaunchPlan.Buffer.OUTPUT),
        plan.outputBytes(), s.stream), "cuMemcpyDtoHAsync (" + plan.outputBytes() + " bytes)");
    s.chunk = c;
    s.plan = plan;
  }

  private void allocate(Slot s, Map<LaunchPlan.Buffer, CUdeviceptr> dev, LaunchPlan.Buffer b,
      long bytes) {
    if (bytes > 0) {
      DeviceMemory.Block block = device.memory.allocate(bytes);
      s.blocks.add(block);
      dev.put(b, block.ptr);
    }
  }

  /** The kernel parameter array of launch {@code l}: pointers into the chunk's blocks, values. */
  private static Pointer parameters(LaunchPlan.Launch l, Map<LaunchPlan.Buffer, CUdeviceptr> dev) {
    Pointer[] p = new Pointer[l.args().size()];
    for (int i = 0; i < p.length; i++) {
      Object a = l.args().get(i);
      if (a instanceof LaunchPlan.Ptr) {
        LaunchPlan.Ptr ptr = (LaunchPlan.Ptr) a;
        CUdeviceptr base = dev.get(ptr.buffer());
        if (base == null) {
          throw new IllegalStateException(l.kernel() + " argument " + i + " points into the empty "
              + ptr.buffer() + " buffer");
        }
        p[i] = Pointer.to(base.withByteOffset(ptr.offset()));
      } else if (a instanceof Integer) {
        p[i] = Pointer.to(new int[] {(Integer) a});
      } else {
        p[i] = Pointer.to(new long[] {(Long) a});
      }
    }
    return Pointer.to(p);
  }

  /** Waits for slot {@code s}'s chunk, unpacks its outputs and frees its device blocks. */
  private void complete(Slot s, Tensor[] out) {
    if (s.chunk == null) {
      return;
    }
    CudaDevice.check(cuStreamSynchronize(s.stream), "cuStreamSynchronize (" + name() + ")");
    if (s.timed) {
      float[] ms = new float[1];
      CudaDevice.check(cuEventElapsedTime(ms, s.start, s.stop), "cuEventElapsedTime");
      kernelNanos += (long) (ms[0] * 1e6);
    }
    ByteBuffer staged = s.out.ensure(s.plan.outputBytes());
    place(s.plan.unpack(staged, s.chunk.count), s.chunk, out);
    release(s);
  }

  private static void place(Tensor[] results, Chunk c, Tensor[] out) {
    for (int i = 0; i < c.count; i++) {
      out[c.order[c.from + i]] = results[i];
    }
  }

  private static void release(Slot s) {
    for (DeviceMemory.Block b : s.blocks) {
      b.close();
    }
    s.blocks.clear();
    s.chunk = null;
    s.plan = null;
  }

  /** After a failure: waits for what is in flight (ignoring errors) and frees it. */
  private void drain() {
    for (Slot s : slots) {
      if (s.stream != null) {
        cuStreamSynchronize(s.stream);
      }
      release(s);
    }
  }

  /** Frees streams, events and staging buffers; never throws (a failed device frees nothing). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      device.makeCurrent();
    } catch (GpuException e) {
      // The context is gone with the device; the calls below then fail harmlessly.
    }
    if (started) {
      drain();
      for (Slot s : slots) {
        cuStreamDestroy(s.stream);
        cuEventDestroy(s.start);
        cuEventDestroy(s.stop);
      }
    }
    for (Slot s : slots) {
      s.in.close();
      s.out.close();
    }
  }
}
