package org.resample.gpu;

import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import org.resample.core.Backend;

/**
 * {@link GpuRuntime} on JCuda's driver API. Initialises the driver once per JVM and each device
 * once ({@link CudaDevice}: primary context, PTX module, memory); a failure is remembered, so every
 * later call gives the same reason without touching the driver again.
 */
final class JCudaRuntime implements GpuRuntime {
  private static String driverReason;
  private static boolean driverChecked;
  private static final Map<Integer, Object> DEVICES = new HashMap<>();

  @Override
  public String unavailableReason(int ordinal, GpuSettings settings) {
    Object d = device(ordinal, settings);
    return d instanceof String ? (String) d : null;
  }

  @Override
  public Backend open(int ordinal, GpuSettings settings) {
    Object d = device(ordinal, settings);
    if (d instanceof String) {
      throw new GpuException((String) d);
    }
    return new GpuBackend((CudaDevice) d);
  }

  /** The device, or the reason it cannot be used (a String). */
  private static synchronized Object device(int ordinal, GpuSettings settings) {
    String r = driver();
    if (r != null) {
      return r;
    }
    return DEVICES.computeIfAbsent(ordinal, o -> {
      try {
        return CudaDevice.open(o, settings);
      } catch (GpuException e) {
        return e.getMessage();
      }
    });
  }

  /** Loads the natives and initialises the driver once; null when both worked. */
  private static String driver() {
    if (driverChecked) {
      return driverReason;
    }
    driverChecked = true;
    try {
      // The first use of JCudaDriver loads libJCudaDriver, which needs the driver's libcuda.so.1.
      JCudaDriver.setExceptionsEnabled(false);
    } catch (LinkageError e) {
      driverReason = "the JCuda natives could not be loaded (" + condense(e) + "); the node needs"
          + " the NVIDIA driver (libcuda.so.1), and java.io.tmpdir must allow executables, as"
          + " JCuda extracts its natives there";
      return driverReason;
    }
    int rc = cuInit(0);
    if (rc != CUresult.CUDA_SUCCESS) {
      driverReason = "cuInit failed with " + CUresult.stringFor(rc)
          + (rc == CUresult.CUDA_ERROR_NO_DEVICE
              ? " (no NVIDIA GPU is visible to this process; check CUDA_VISIBLE_DEVICES)" : "");
      return driverReason;
    }
    int[] version = new int[1];
    rc = cuDriverGetVersion(version);
    PtxImage ptx = PtxImage.load();
    int need = ptx.minimumDriverVersion();
    if (rc == CUresult.CUDA_SUCCESS && need > 0 && version[0] < need) {
      driverReason = "the NVIDIA driver supports CUDA " + PtxImage.cudaVersion(version[0])
          + " but the kernels' PTX (ISA " + ptx.isa() + ", " + ptx.compiler() + ") needs CUDA "
          + PtxImage.cudaVersion(need) + "; upgrade the driver, or rebuild the PTX with an older"
          + " nvcc (NVCC=... src/main/cuda/build-ptx)";
    }
    return driverReason;
  }

  private static final Pattern MISSING_LIBRARY =
      Pattern.compile("([\\w.+-]+\\.so[\\w.]*): cannot open shared object file[^\\n]*");

  /** The useful line of JCuda's long native-loading message. */
  static String condense(Throwable e) {
    String m = String.valueOf(e.getMessage());
    Matcher missing = MISSING_LIBRARY.matcher(m);
    if (missing.find()) {
      return missing.group(0).trim();
    }
    int nl = m.indexOf('\n');
    return e.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl)).trim();
  }
}
