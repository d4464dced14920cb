package org.resample.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.resample.core.ResampleTables;
import org.resample.core.Tensor;

/**
 * The CUDA kernels' arithmetic without a GPU: {@code src/main/cuda/resample.cu} compiled as host
 * C++ ({@link HostKernels}) runs the GPU backend's {@link LaunchPlan}s for every call of {@link
 * GoldenCalls} (every PyTorch golden case, its V2-numerics twin, and uint8 versions), and each
 * result must equal the CPU core's bit for bit and, where recorded, torch's within the core's
 * tolerances. Every other program runs its launches with at most 2 blocks, so the grid-stride
 * loops take several rounds.
 */
class KernelHostTest {
  private static final Path WORK = Paths.get("target", "host-kernels");
  private static HostKernels kernels;

  @BeforeAll
  static void compileKernelsAsHostCpp() throws IOException, InterruptedException {
    kernels = HostKernels.compile(WORK);
  }

  @TestFactory
  Stream<DynamicNode> hostCompiledKernels_matchTorchFixturesAndCore()
      throws IOException, InterruptedException {
    List<GoldenCalls.Call> calls = GoldenCalls.all();
    HostKernels.Batch batch = new HostKernels.Batch();
    List<LaunchPlan> plans = new ArrayList<>();
    List<ResampleTables> coreOnly = new ArrayList<>();
    Set<String> used = new TreeSet<>();
    for (GoldenCalls.Call call : calls) {
      Tensor x = call.inputs()[0];
      ResampleTables t = ResampleTables.of(x.shape(), x.dtype(), call.options());
      if (t.kernel() == ResampleTables.Kernel.CORE) {
        // no device kernel: the backend computes these with the core (GpuBackend does the same)
        coreOnly.add(t);
        plans.add(null);
        continue;
      }
      coreOnly.add(null);
      LaunchPlan plan = LaunchPlan.of(t, x.shape(), call.inputs().length);
      ByteBuffer in = ByteBuffer.allocate(Math.toIntExact(plan.inputBytes()));
      int[] order = new int[call.inputs().length];
      Arrays.setAll(order, k -> k);
      LaunchPlan.pack(call.inputs(), order, 0, order.length, in);
      batch.add(plan, in.array(), plans.size() % 2 == 1);
      plans.add(plan);
      plan.launches.forEach(l -> used.add(l.kernel()));
    }
    List<byte[]> outputs = kernels.run(batch, WORK);

    GoldenCalls.Results results = new GoldenCalls.Results();
    int launched = 0;
    for (int i = 0; i < calls.size(); i++) {
      GoldenCalls.Call call = calls.get(i);
      if (plans.get(i) == null) {
        Tensor[] ours = new Tensor[call.inputs().length];
        for (int j = 0; j < ours.length; j++) {
          ours[j] = coreOnly.get(i).runOnCore(call.inputs()[j]);
        }
        results.check(call, ours);
        continue;
      }
      results.check(call,
          plans.get(i).unpack(ByteBuffer.wrap(outputs.get(launched++)), call.inputs().length));
    }
    List<DynamicNode> tests = results.tests("CUDA kernels compiled as host C++");
    tests.add(dynamicTest("every kernel of resample.cu ran", () ->
        assertEquals(kernelNames(), used, "kernels defined in " + HostKernels.CUDA_SOURCE
            + " vs kernels the launch plans of the fixtures used")));
    return tests.stream();
  }

  /** The {@code extern "C"} kernels the CUDA source defines (macro instances included). */
  static Set<String> kernelNames() throws IOException {
    String src = Files.readString(HostKernels.CUDA_SOURCE);
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("extern \"C\" __global__ void (resample_\\w+)\\(").matcher(src);
    while (m.find()) {
      names.add(m.group(1));
    }
    Matcher macro = Pattern.compile("^RESAMPLE_\\w+\\((resample_\\w+),", Pattern.MULTILINE)
        .matcher(src);
    while (macro.find()) {
      names.add(macro.group(1));
    }
    return names;
  }
}
