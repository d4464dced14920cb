package org.resample.gpu;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuMemGetInfo;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One GPU, set up once per JVM: the device's primary context (the one the CUDA runtime, RMM and the
 * RAPIDS Accelerator use; never a private context, so device pointers are interchangeable and no
 * extra context memory is spent), the kernels' PTX module loaded with {@code cuModuleLoadData},
 * the device memory source, and a semaphore bounding the tasks that use the GPU at once.
 *
 * <p>The primary context is retained for the life of the JVM and never reset: the module and the
 * memory pool live in it, and other libraries of the executor share it.
 */
final class CudaDevice {
  private static final Logger LOG = LoggerFactory.getLogger(CudaDevice.class);

  final int ordinal;
  final String name;
  final CUcontext context;
  final Map<String, CUfunction> kernels;
  final DeviceMemory memory;
  final Semaphore permits;
  final int concurrentTasks;

  private CudaDevice(int ordinal, String name, CUcontext context, Map<String, CUfunction> kernels,
      DeviceMemory memory, int concurrentTasks) {
    this.ordinal = ordinal;
    this.name = name;
    this.context = context;
    this.kernels = kernels;
    this.memory = memory;
    this.permits = new Semaphore(concurrentTasks, true);
    this.concurrentTasks = concurrentTasks;
  }

  /**
   * Sets up device {@code ordinal}.
   *
   * @throws GpuException saying why the device cannot run the kernels
   */
  static CudaDevice open(int ordinal, GpuSettings s) {
    int[] count = new int[1];
    check(cuDeviceGetCount(count), "cuDeviceGetCount");
    if (ordinal >= count[0]) {
      throw new GpuException("device " + ordinal + " does not exist: " + count[0]
          + " GPU(s) are visible to this process (CUDA_VISIBLE_DEVICES renumbers them from 0)");
    }
    CUdevice dev = new CUdevice();
    check(cuDeviceGet(dev, ordinal), "cuDeviceGet(" + ordinal + ")");
    byte[] nameBytes = new byte[256];
    check(cuDeviceGetName(nameBytes, nameBytes.length, dev), "cuDeviceGetName");
    String name = new String(nameBytes, StandardCharsets.US_ASCII).trim().replace("\0", "");
    int[] major = new int[1];
    int[] minor = new int[1];
    check(cuDeviceGetAttribute(major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR,
        dev), "cuDeviceGetAttribute");
    check(cuDeviceGetAttribute(minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR,
        dev), "cuDeviceGetAttribute");
    PtxImage ptx = PtxImage.load();
    if (major[0] * 10 + minor[0] < ptx.target) {
      throw new GpuException("device " + ordinal + " (" + name + ") has compute capability "
          + major[0] + "." + minor[0] + "; the kernels' PTX targets sm_" + ptx.target
          + " and newer");
    }
    CUcontext ctx = new CUcontext();
    check(cuDevicePrimaryCtxRetain(ctx, dev), "cuDevicePrimaryCtxRetain(" + ordinal + ")");
    check(cuCtxSetCurrent(ctx), "cuCtxSetCurrent");
    CUmodule module = new CUmodule();
    int rc = cuModuleLoadData(module, ptx.nulTerminated());
    if (rc != CUresult.CUDA_SUCCESS) {
      throw new GpuException("cuModuleLoadData of the kernels' PTX (ISA " + ptx.isa() + ", "
          + ptx.compiler() + ") failed on device " + ordinal + " (" + name + ") with "
          + CUresult.stringFor(rc)
          + (rc == CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION
              ? "; the driver is older than the PTX: upgrade it to one supporting CUDA "
                  + PtxImage.cudaVersion(ptx.minimumDriverVersion())
                  + " or rebuild the PTX with an older nvcc"
              : ""));
    }
    Map<String, CUfunction> kernels = new HashMap<>();
    for (String entry : ptx.entries()) {
      CUfunction f = new CUfunction();
      check(cuModuleGetFunction(f, module, entry), "cuModuleGetFunction(" + entry + ")");
      kernels.put(entry, f);
    }
    long[] free = new long[1];
    long[] total = new long[1];
    check(cuMemGetInfo(free, total), "cuMemGetInfo");
    DeviceMemory memory = DeviceMemory.choose(ordinal, s, free[0]);
    LOG.info("GPU backend: device {} ({}, compute capability {}.{}), kernels loaded from PTX ISA {}"
            + " ({}); {} of {} MiB free; memory: {}; at most {} tasks at once",
        ordinal, name, major[0], minor[0], ptx.isa(), ptx.compiler(), free[0] >> 20,
        total[0] >> 20, memory.describe(), s.concurrentTasks);
    return new CudaDevice(ordinal, name, ctx, kernels, memory, s.concurrentTasks);
  }

  /** Makes this device's primary context current on the calling thread. */
  void makeCurrent() {
    check(cuCtxSetCurrent(context), "cuCtxSetCurrent(device " + ordinal + ")");
  }

  /** Throws a {@link GpuException} naming {@code what} and the driver's error when rc fails. */
  static void check(int rc, String what) {
    if (rc != CUresult.CUDA_SUCCESS) {
      throw new GpuException(what + " failed with " + CUresult.stringFor(rc));
    }
  }
}
