package org.resample.gpu;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUresult;

/**
 * Where the backend takes device memory: the RAPIDS Accelerator's RMM pool when the accelerator
 * runs in the executor (so the two share one pool and its accounting instead of competing for the
 * GPU), otherwise a bounded pool of its own holding at most a configured fraction of the memory
 * that was free when the device was first opened.
 */
abstract class DeviceMemory {
  /** A block of device memory; {@link #close} gives it back. */
  static final class Block implements AutoCloseable {
    final CUdeviceptr ptr;
    final long bytes;
    private final Runnable release;
    private boolean closed;

    Block(CUdeviceptr ptr, long bytes, Runnable release) {
      this.ptr = ptr;
      this.bytes = bytes;
      this.release = release;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        release.run();
      }
    }
  }

  /**
   * A block of at least {@code bytes} bytes.
   *
   * @throws GpuException when the memory is not available
   */
  abstract Block allocate(long bytes);

  /** For the log line of the device. */
  abstract String describe();

  /** Bytes a batch may plan to use (a part of the pool, or of free memory under RMM). */
  abstract long budget();

  /** The memory source for device {@code ordinal} under {@code s}. */
  static DeviceMemory choose(int ordinal, GpuSettings s, long freeBytes) {
    String rmm = Rmm.unusableReason(ordinal);
    if (s.rmm == GpuSettings.Rmm.TRUE && rmm != null) {
      throw new GpuException(GpuSettings.RMM + "=true but " + rmm);
    }
    if (s.rmm != GpuSettings.Rmm.FALSE && rmm == null) {
      return new Rmm(freeBytes);
    }
    return new Pool((long) (freeBytes * s.memoryFraction), s.memoryFraction);
  }

  /**
   * The backend's own pool: blocks are kept for reuse by size class and cached blocks are freed
   * when a new one would pass the budget. Shared by every task on the device.
   */
  static final class Pool extends DeviceMemory {
    private static final long SMALL = 1L << 21;
    private final long limit;
    private final double fraction;
    private final TreeMap<Long, Deque<CUdeviceptr>> cached = new TreeMap<>();
    private long held;

    Pool(long limit, double fraction) {
      this.limit = limit;
      this.fraction = fraction;
    }

    /** Size classes: powers of two below 2 MiB, multiples of 2 MiB above. */
    static long sizeClass(long bytes) {
      if (bytes <= SMALL) {
        return Math.max(4096, Long.highestOneBit(Math.max(1, bytes - 1)) << 1);
      }
      return (bytes + SMALL - 1) / SMALL * SMALL;
    }

    @Override
    synchronized Block allocate(long bytes) {
      long size = sizeClass(bytes);
      Deque<CUdeviceptr> free = cached.get(size);
      CUdeviceptr p = free == null ? null : free.poll();
      if (p == null) {
        if (held + size > limit) {
          trim(held + size - limit);
        }
        if (held + size > limit) {
          throw new GpuException("the GPU backend's device memory pool (" + (limit >> 20)
              + " MiB, " + GpuSettings.MEMORY_FRACTION + "=" + fraction + " of free memory) cannot"
              + " hold " + (size >> 20) + " MiB more; lower the batch size (batchBytes) or raise "
              + GpuSettings.MEMORY_FRACTION);
        }
        p = new CUdeviceptr();
        int rc = cuMemAlloc(p, size);
        if (rc == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
          trim(Long.MAX_VALUE);
          rc = cuMemAlloc(p, size);
        }
        CudaDevice.check(rc, "cuMemAlloc(" + size + " bytes)");
        held += size;
      }
      CUdeviceptr block = p;
      return new Block(block, size, () -> giveBack(size, block));
    }

    private synchronized void giveBack(long size, CUdeviceptr p) {
      cached.computeIfAbsent(size, k -> new ArrayDeque<>()).push(p);
    }

    /** Frees cached blocks, largest first, until {@code bytes} were freed or none is left. */
    private void trim(long bytes) {
      long freed = 0;
      while (freed < bytes && !cached.isEmpty()) {
        Map.Entry<Long, Deque<CUdeviceptr>> e = cached.lastEntry();
        CUdeviceptr p = e.getValue().poll();
        if (p == null) {
          cached.remove(e.getKey());
          continue;
        }
        cuMemFree(p);
        held -= e.getKey();
        freed += e.getKey();
      }
    }

    @Override
    String describe() {
      return "own pool of at most " + (limit >> 20) + " MiB (" + GpuSettings.MEMORY_FRACTION + "="
          + fraction + ")";
    }

    @Override
    long budget() {
      return limit;
    }
  }

  /**
   * RMM through cuDF's Java API ({@code ai.rapids.cudf.DeviceMemoryBuffer}), called reflectively:
   * cuDF is on the executor's classpath only when the RAPIDS Accelerator is.
   */
  static final class Rmm extends DeviceMemory {
    private static final String BUFFER = "ai.rapids.cudf.DeviceMemoryBuffer";
    private final long freeAtOpen;
    private final Method allocate;
    private final Method address;
    private final Method close;

    Rmm(long freeAtOpen) {
      this.freeAtOpen = freeAtOpen;
      try {
        Class<?> c = Class.forName(BUFFER);
        allocate = c.getMethod("allocate", long.class);
        address = c.getMethod("getAddress");
        close = c.getMethod("close");
      } catch (ReflectiveOperationException e) {
        throw new GpuException("cuDF's " + BUFFER + " is not usable: " + e, e);
      }
    }

    /** Null when RMM is initialised on device {@code ordinal}, otherwise why it cannot be used. */
    static String unusableReason(int ordinal) {
      try {
        Class<?> rmm = Class.forName("ai.rapids.cudf.Rmm");
        if (!(Boolean) rmm.getMethod("isInitialized").invoke(null)) {
          return "RMM is not initialised in this executor (is the RAPIDS Accelerator,"
              + " spark.plugins=com.nvidia.spark.SQLPlugin, active?)";
        }
        Class<?> cuda = Class.forName("ai.rapids.cudf.Cuda");
        int device = (Integer) cuda.getMethod("getDevice").invoke(null);
        if (device != ordinal) {
          return "RMM serves device " + device + ", this task uses device " + ordinal;
        }
        return null;
      } catch (ClassNotFoundException e) {
        return "cuDF (ai.rapids.cudf) is not on the classpath";
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        return "cuDF's RMM could not be queried: " + e;
      }
    }

    @Override
    Block allocate(long bytes) {
      Object buffer;
      long addr;
      try {
        buffer = allocate.invoke(null, bytes);
        addr = (Long) address.invoke(buffer);
      } catch (InvocationTargetException e) {
        throw new GpuException("RMM could not allocate " + bytes + " bytes: " + e.getCause(),
            e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new GpuException("RMM could not allocate " + bytes + " bytes: " + e, e);
      }
      // JCuda cannot wrap a raw address in a CUdeviceptr (its constructors are protected), but a
      // pointer's address is its native value plus its byte offset: null plus the address.
      CUdeviceptr p = new CUdeviceptr().withByteOffset(addr);
      return new Block(p, bytes, () -> {
        try {
          close.invoke(buffer);
        } catch (ReflectiveOperationException e) {
          throw new GpuException("RMM could not free a buffer: " + e, e);
        }
      });
    }

    @Override
    String describe() {
      return "RMM pool of the RAPIDS Accelerator (cuDF DeviceMemoryBuffer)";
    }

    @Override
    long budget() {
      // RMM's pool has its own limit; plan batches within a quarter of what was free at open.
      return Math.max(256L << 20, freeAtOpen / 4);
    }
  }
}
