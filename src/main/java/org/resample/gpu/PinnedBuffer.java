package org.resample.gpu;

import static jcuda.driver.JCudaDriver.cuMemAllocHost;
import static jcuda.driver.JCudaDriver.cuMemFreeHost;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jcuda.Pointer;

/**
 * Page-locked host memory ({@code cuMemAllocHost}) for staging a batch: asynchronous copies need
 * it to overlap with kernels, and it copies at full bus speed. Grows to the largest batch seen and
 * is freed by {@link #close}.
 */
final class PinnedBuffer implements AutoCloseable {
  private Pointer host;
  private ByteBuffer view;
  private long capacity;

  /** A buffer of at least {@code bytes}, positioned at 0, native byte order. */
  ByteBuffer ensure(long bytes) {
    if (bytes > capacity || host == null) {
      close();
      long size = Math.max(bytes, 1L << 20);
      if (size > Integer.MAX_VALUE) {
        throw new GpuException("a batch of " + bytes + " bytes is too large to stage; lower"
            + " batchBytes");
      }
      Pointer p = new Pointer();
      CudaDevice.check(cuMemAllocHost(p, size), "cuMemAllocHost(" + size + " bytes)");
      host = p;
      capacity = size;
      view = p.getByteBuffer(0, size).order(ByteOrder.nativeOrder());
    }
    view.clear();
    return view;
  }

  /** The host pointer {@code offset} bytes in. */
  Pointer at(long offset) {
    return host.withByteOffset(offset);
  }

  @Override
  public void close() {
    if (host != null) {
      cuMemFreeHost(host);
      host = null;
      view = null;
      capacity = 0;
    }
  }
}
