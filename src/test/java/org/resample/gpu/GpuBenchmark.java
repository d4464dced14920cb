package org.resample.gpu;

import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemGetInfo;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoDAsync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import org.resample.bench.BenchCases;
import org.resample.core.Interpolate;
import org.resample.core.InterpolateOptions;
import org.resample.core.Tensor;
import org.resample.testing.Golden;

/**
 * GPU benchmark (run through {@code bench/gpu} on a machine with an NVIDIA GPU): for each {@link
 * BenchCases} case, the GPU backend's kernel time (CUDA events around its launches) and end-to-end
 * time (a {@link GpuBackend#resample} call: staging, copies both ways, kernels), against PyTorch
 * CUDA's {@code F.interpolate} on the same GPU and shapes (device tensor; host tensor to device and
 * back), and the effective bandwidth ((input + output bytes) / kernel time) as a share of the
 * device-to-device copy bandwidth measured first ({@code cuMemcpyDtoD}, read + write bytes).
 *
 * <pre>
 * bench/gpu [--cases bilinear,area] [--quick] [--repeats 5] [--min-time-s 0.2]
 *           [--torch-python /path/to/python-with-cuda-torch] [--json target/bench/gpu.json]
 * </pre>
 *
 * Each timing is the best per-call time of {@code --repeats} measurements of k calls, k chosen so
 * one measurement lasts about {@code --min-time-s}. Every case's output is checked against the CPU
 * core first. Prints ratios ours / torch (below 1: ours is faster).
 */
public final class GpuBenchmark {
  private GpuBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = new HashMap<>(Map.of("--cases", "all", "--repeats", "5",
        "--min-time-s", "0.2", "--torch-python", "/usr/bin/python3"));
    boolean quick = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--quick")) {
        quick = true;
      } else if (opt.containsKey(args[i]) || args[i].equals("--json")) {
        opt.put(args[i], args[++i]);
      } else {
        throw new IllegalArgumentException("unknown argument " + args[i] + "; see the Javadoc of "
            + GpuBenchmark.class.getName());
      }
    }
    List<BenchCases> cases = BenchCases.parse(opt.get("--cases"));
    int repeats = Integer.parseInt(opt.get("--repeats"));
    double minTime = Double.parseDouble(opt.get("--min-time-s"));

    // -Dspark.resample.gpu.device=N (and the other spark.resample.gpu.* settings) apply.
    Map<String, String> conf = new HashMap<>();
    System.getProperties().stringPropertyNames().stream()
        .filter(k -> k.startsWith(GpuSettings.PREFIX))
        .forEach(k -> conf.put(k, System.getProperty(k)));
    GpuBackend gpu = (GpuBackend) GpuBackends.open(true, conf);
    System.err.println("device: " + gpu.name() + " (" + gpu.deviceName() + ")");
    double copyGbs = deviceCopyBandwidth(gpu, repeats);
    System.err.printf(Locale.ROOT, "device-to-device copy: %.1f GB/s (read + write)%n", copyGbs);

    Map<String, Map<String, Object>> torch = torchTimings(opt.get("--torch-python"), cases, quick,
        repeats, minTime);

    StringBuilder json = new StringBuilder("{\"device\": \"" + gpu.deviceName()
        + "\", \"copy_gbs\": " + copyGbs + ", \"cases\": [");
    System.out.printf(Locale.ROOT, "%-16s %10s %10s %7s %10s %10s %7s %9s %7s%n", "case",
        "kernel ms", "torch", "ratio", "e2e ms", "torch", "ratio", "GB/s", "%copy");
    for (BenchCases c : cases) {
      Tensor x = c.newInput(quick, BenchCases.DEFAULT_SEED);
      InterpolateOptions o = c.options(quick, 1);
      Tensor[] in = {x};
      Tensor y = gpu.resample(in, o)[0];
      if (GoldenCalls.firstDifference(Interpolate.interpolate(x, o), y) >= 0) {
        throw new IllegalStateException(c.id() + ": the GPU output differs from the CPU core's");
      }
      double e2e = best(() -> gpu.resample(in, o), repeats, minTime);
      gpu.recordKernelTime(true);
      gpu.takeKernelNanos();
      double kernel = Double.MAX_VALUE;
      int k = calls(() -> gpu.resample(in, o), minTime);
      for (int r = 0; r < repeats; r++) {
        for (int i = 0; i < k; i++) {
          gpu.resample(in, o);
        }
        kernel = Math.min(kernel, gpu.takeKernelNanos() / 1e6 / k);
      }
      gpu.recordKernelTime(false);
      double gbs = c.bytesMoved(quick) / (kernel / 1e3) / 1e9;
      Map<String, Object> t = torch.getOrDefault(c.id(), Map.of());
      double tk = t.get("kernel_ms") instanceof Number ? ((Number) t.get("kernel_ms"))
          .doubleValue() : Double.NaN;
      double te = t.get("end_to_end_ms") instanceof Number ? ((Number) t.get("end_to_end_ms"))
          .doubleValue() : Double.NaN;
      System.out.printf(Locale.ROOT, "%-16s %10.3f %10.3f %7.2f %10.3f %10.3f %7.2f %9.1f %6.1f%%%s%n",
          c.id(), kernel, tk, kernel / tk, e2e, te, e2e / te, gbs, 100 * gbs / copyGbs,
          t.containsKey("error") ? "  (torch: " + t.get("error") + ")" : "");
      json.append(json.charAt(json.length() - 1) == '[' ? "" : ", ")
          .append(String.format(Locale.ROOT, "{\"name\": \"%s\", \"kernel_ms\": %s, "
              + "\"end_to_end_ms\": %s, \"torch_kernel_ms\": %s, \"torch_end_to_end_ms\": %s, "
              + "\"effective_gbs\": %s}", c.id(), kernel, e2e, num(tk), num(te), gbs));
    }
    gpu.close();
    if (opt.containsKey("--json")) {
      Path p = Paths.get(opt.get("--json"));
      if (p.getParent() != null) {
        Files.createDirectories(p.getParent());
      }
      Files.writeString(p, json.append("]}\n").toString());
    }
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "null" : Double.toString(v);
  }

  /** Calls per measurement so that one lasts about {@code minTime} seconds (after 2 warm-ups). */
  private static int calls(Runnable r, double minTime) {
    r.run();
    long t0 = System.nanoTime();
    r.run();
    double one = Math.max(1e-6, (System.nanoTime() - t0) / 1e9);
    return (int) Math.max(1, Math.ceil(minTime / one));
  }

  /** Best per-call milliseconds of {@code repeats} measurements. */
  private static double best(Runnable r, int repeats, double minTime) {
    int k = calls(r, minTime);
    double best = Double.MAX_VALUE;
    for (int rep = 0; rep < repeats; rep++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < k; i++) {
        r.run();
      }
      best = Math.min(best, (System.nanoTime() - t0) / 1e6 / k);
    }
    return best;
  }

  /** GB/s of cuMemcpyDtoD (bytes read + bytes written), best of {@code repeats}. */
  static double deviceCopyBandwidth(GpuBackend gpu, int repeats) {
    CudaDevice d = gpu.device();
    d.makeCurrent();
    long[] free = new long[1];
    long[] total = new long[1];
    CudaDevice.check(cuMemGetInfo(free, total), "cuMemGetInfo");
    long bytes = Math.min(1L << 30, free[0] / 4);
    CUdeviceptr a = new CUdeviceptr();
    CUdeviceptr b = new CUdeviceptr();
    CudaDevice.check(cuMemAlloc(a, bytes), "cuMemAlloc");
    CudaDevice.check(cuMemAlloc(b, bytes), "cuMemAlloc");
    CUevent start = new CUevent();
    CUevent stop = new CUevent();
    CudaDevice.check(cuEventCreate(start, 0), "cuEventCreate");
    CudaDevice.check(cuEventCreate(stop, 0), "cuEventCreate");
    double best = 0;
    for (int r = 0; r <= repeats; r++) {
      CudaDevice.check(cuEventRecord(start, null), "cuEventRecord");
      for (int i = 0; i < 10; i++) {
        CudaDevice.check(cuMemcpyDtoDAsync(b, a, bytes, null), "cuMemcpyDtoDAsync");
      }
      CudaDevice.check(cuEventRecord(stop, null), "cuEventRecord");
      CudaDevice.check(cuEventSynchronize(stop), "cuEventSynchronize");
      float[] ms = new float[1];
      CudaDevice.check(cuEventElapsedTime(ms, start, stop), "cuEventElapsedTime");
      if (r > 0) {
        best = Math.max(best, 2.0 * bytes * 10 / (ms[0] / 1e3) / 1e9);
      }
    }
    cuEventDestroy(start);
    cuEventDestroy(stop);
    cuMemFree(a);
    cuMemFree(b);
    return best;
  }

  /** PyTorch CUDA's timings by case name; empty (with the reason printed) without CUDA torch. */
  private static Map<String, Map<String, Object>> torchTimings(String python,
      List<BenchCases> cases, boolean quick, int repeats, double minTime)
      throws IOException, InterruptedException {
    Map<String, Map<String, Object>> byName = new HashMap<>();
    String check = run(List.of(python, "src/test/python/torch_cuda.py", "check"));
    Map<String, Object> status = object(Golden.Json.parse(check.trim()));
    if (!Boolean.TRUE.equals(status.get("available"))) {
      System.err.println("PyTorch CUDA not available through " + python + ": "
          + status.get("reason") + "; torch columns are NaN (use --torch-python)");
      return byName;
    }
    System.err.println("PyTorch " + status.get("torch") + " on " + status.get("device"));
    Path file = Files.createTempFile("gpu-bench-cases", ".json");
    List<String> defs = new ArrayList<>();
    for (BenchCases c : cases) {
      defs.add(c.toJson(quick));
    }
    Files.writeString(file, "[" + String.join(",\n", defs) + "]");
    String out = run(List.of(python, "src/test/python/torch_cuda.py", "bench", file.toString(),
        "--repeats", Integer.toString(repeats), "--min-time-s", Double.toString(minTime)));
    Files.deleteIfExists(file);
    for (Object o : (List<?>) Golden.Json.parse(out.trim())) {
      Map<String, Object> m = object(o);
      byName.put((String) m.get("name"), m);
    }
    return byName;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object o) {
    return (Map<String, Object>) o;
  }

  private static String run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = Golden.readAll(p.getInputStream());
    if (!p.waitFor(1800, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
    }
    return out;
  }
}
