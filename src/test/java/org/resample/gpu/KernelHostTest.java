package org.resample.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.resample.core.DType;
import org.resample.core.Interpolate;
import org.resample.core.InterpolateOptions;
import org.resample.core.ResampleTables;
import org.resample.core.Tensor;
import org.resample.core.TorchVersion;
import org.resample.testing.Golden;
import org.resample.testing.Golden.Comparison;
import org.resample.testing.Golden.FixtureSet;
import org.resample.testing.Golden.GoldenCase;

/**
 * The CUDA kernels' arithmetic without a GPU: {@code src/main/cuda/resample.cu} compiled as host
 * C++ runs the GPU backend's {@link LaunchPlan}s over every PyTorch golden case, and each result
 * must (1) match torch's output within the core's tolerances ({@link Golden#tolerance}) and (2)
 * equal the CPU core's result bit for bit, for every tensor of the batch.
 *
 * <p>Three sets of calls: the fixtures as recorded (PyTorch 1.13 numerics, every mode and dtype
 * they hold); the same calls with {@link TorchVersion#V2} numerics (against the core only); and
 * uint8 versions of the interpolating and area cases, which the fixtures do not hold (torch 1.13
 * has no uint8 kernels for them): bilinear and bicubic take the int16 fixed-point path, linear,
 * trilinear and area the float32 path, compared with the core. Calls go in batches of 1 to 3
 * tensors (one launch per stage for the whole batch), and every other program runs its launches
 * with at most 2 blocks, so the grid-stride loops take several rounds.
 */
class KernelHostTest {
  private static final Path WORK = Paths.get("target", "host-kernels");
  private static HostKernels kernels;

  @BeforeAll
  static void compileKernelsAsHostCpp() throws IOException, InterruptedException {
    kernels = HostKernels.compile(WORK);
  }

  /** One call: tensors of one shape, the options, and torch's output for the first if recorded. */
  private record Call(String group, String id, InterpolateOptions options, Tensor[] inputs,
      GoldenCase golden) {}

  /** Per-group counts, filled after the launcher ran. */
  private static final class GroupResult {
    int calls;
    long elements;
    long tensors;
    long bitIdenticalToCore;
    double maxTorchUlps;
    final List<String> failures = new ArrayList<>();
  }

  @TestFactory
  Stream<DynamicNode> hostCompiledKernels_matchTorchFixturesAndCore()
      throws IOException, InterruptedException {
    List<FixtureSet> sets = Golden.discover();
    assertFalse(sets.isEmpty(), "no fixture sets under golden/ on the test classpath");
    List<Call> calls = new ArrayList<>();
    for (FixtureSet set : sets) {
      TorchVersion version = set.version();
      int i = 0;
      for (GoldenCase c : set.cases()) {
        int tensors = 1 + (i++ % 3);
        String key = c.mode() + " " + c.dtype() + (c.antialias() ? " antialias" : "");
        calls.add(new Call(set.name() + " fixtures (" + version + "): " + key, c.id(),
            c.options(version), batch(c.input(), tensors), c));
        calls.add(new Call("core, " + TorchVersion.V2 + " numerics: " + key, c.id(),
            c.options(TorchVersion.V2), batch(c.input(), tensors), null));
        if (c.dType() == DType.FLOAT32 && !c.mode().startsWith("nearest")) {
          calls.add(new Call("core, uint8 " + version + ": " + key.replace("float32", "uint8"),
              c.id(), c.options(version), batch(toUint8(c.input()), tensors), null));
        }
      }
    }

    HostKernels.Batch batch = new HostKernels.Batch();
    List<LaunchPlan> plans = new ArrayList<>();
    Set<String> used = new TreeSet<>();
    for (Call call : calls) {
      Tensor x = call.inputs()[0];
      ResampleTables t = ResampleTables.of(x.shape(), x.dtype(), call.options());
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

    Map<String, GroupResult> groups = new TreeMap<>();
    for (int i = 0; i < calls.size(); i++) {
      Call call = calls.get(i);
      GroupResult g = groups.computeIfAbsent(call.group(), k -> new GroupResult());
      g.calls++;
      Tensor[] ours = plans.get(i).unpack(ByteBuffer.wrap(outputs.get(i)), call.inputs().length);
      for (int k = 0; k < ours.length; k++) {
        Tensor core = Interpolate.interpolate(call.inputs()[k], call.options());
        g.tensors++;
        g.elements += core.numel();
        int diff = firstDifference(core, ours[k]);
        if (diff < 0) {
          g.bitIdenticalToCore += core.numel();
        } else if (g.failures.size() < 5) {
          g.failures.add(call.id() + " tensor " + k + ": differs from the core at flat index "
              + diff + " (host kernels " + ours[k].getAsDouble(diff) + ", core "
              + core.getAsDouble(diff) + ")");
        }
      }
      if (call.golden() != null) {
        Comparison cmp = Golden.compare(call.golden(), ours[0]);
        g.maxTorchUlps = Math.max(g.maxTorchUlps, cmp.maxErrorUlps());
        if (!cmp.passed() && g.failures.size() < 5) {
          g.failures.add(call.golden() + ": " + cmp.describe());
        }
      }
    }

    List<DynamicNode> tests = new ArrayList<>();
    StringBuilder table = new StringBuilder("\n=== CUDA kernels compiled as host C++ ===\n");
    table.append(String.format(Locale.ROOT, "%-62s %6s %7s %10s %9s %9s%n", "group", "calls",
        "tensors", "elements", "core-bit%", "torch ulp"));
    for (Map.Entry<String, GroupResult> e : groups.entrySet()) {
      GroupResult g = e.getValue();
      table.append(String.format(Locale.ROOT, "%-62s %6d %7d %10d %8.3f%% %9.3f%n", e.getKey(),
          g.calls, g.tensors, g.elements,
          g.elements == 0 ? 100.0 : 100.0 * g.bitIdenticalToCore / g.elements, g.maxTorchUlps));
      tests.add(dynamicTest(e.getKey(), () -> assertTrue(g.failures.isEmpty(),
          () -> e.getKey() + ": " + String.join("\n  ", g.failures))));
    }
    System.out.print(table);
    tests.add(dynamicTest("every kernel of resample.cu ran", () ->
        assertEquals(kernelNames(), used, "kernels defined in " + HostKernels.CUDA_SOURCE
            + " vs kernels the launch plans of the fixtures used")));
    return tests.stream().map(t -> (DynamicNode) t);
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

  /** {@code x} and {@code n - 1} variants of it with other values, all of x's shape. */
  private static Tensor[] batch(Tensor x, int n) {
    Tensor[] b = new Tensor[n];
    b[0] = x;
    for (int k = 1; k < n; k++) {
      b[k] = variant(x, k);
    }
    return b;
  }

  private static Tensor variant(Tensor x, int k) {
    int n = Math.toIntExact(x.numel());
    switch (x.dtype()) {
      case FLOAT32:
        {
          float[] f = x.floatData().clone();
          for (int i = 0; i < n; i++) {
            f[i] = f[i] * (-0.5f * k) + k;
          }
          return Tensor.ofFloat(f, x.shape());
        }
      case FLOAT64:
        {
          double[] d = x.doubleData().clone();
          for (int i = 0; i < n; i++) {
            d[i] = d[i] * (-0.5 * k) + k;
          }
          return Tensor.ofDouble(d, x.shape());
        }
      default:
        {
          byte[] u = x.uint8Data().clone();
          for (int i = 0; i < n; i++) {
            u[i] = (byte) (255 - (u[i] & 0xFF) - k);
          }
          return Tensor.ofUint8(u, x.shape());
        }
    }
  }

  /** A uint8 tensor of x's shape whose bytes spread over 0..255 (saturation included). */
  private static Tensor toUint8(Tensor x) {
    int n = Math.toIntExact(x.numel());
    byte[] u = new byte[n];
    for (int i = 0; i < n; i++) {
      u[i] = (byte) Math.floorMod((long) Math.floor(x.getAsDouble(i) * 97.0), 256L);
    }
    return Tensor.ofUint8(u, x.shape());
  }

  /** First flat index where the tensors' bits differ, -1 when equal; 0 for a shape mismatch. */
  private static int firstDifference(Tensor expected, Tensor actual) {
    if (expected.dtype() != actual.dtype()
        || !Arrays.equals(expected.shape(), actual.shape())) {
      return 0;
    }
    for (int i = 0; i < expected.numel(); i++) {
      if (!Golden.bitIdentical(expected, actual, i)) {
        return i;
      }
    }
    return -1;
  }
}
