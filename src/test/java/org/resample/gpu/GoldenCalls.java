package org.resample.gpu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DynamicNode;
import org.resample.core.DType;
import org.resample.core.Interpolate;
import org.resample.core.InterpolateOptions;
import org.resample.core.Tensor;
import org.resample.core.TorchVersion;
import org.resample.testing.Golden;
import org.resample.testing.Golden.Comparison;
import org.resample.testing.Golden.FixtureSet;
import org.resample.testing.Golden.GoldenCase;

/**
 * The calls on which the GPU kernels are checked (compiled as host C++ by {@link KernelHostTest},
 * on a device by {@link GpuSuiteTest}), and the checks: every result must equal the CPU core's bit
 * for bit, and where torch's output was recorded, match it within the core's tolerances.
 *
 * <p>Three sets: the PyTorch fixtures as recorded (every mode and dtype they hold, with the fixture
 * set's numerics, and the lanczos fixtures of {@code golden/torch-2.x/lanczos}); the same calls with {@link TorchVersion#V2} numerics; and uint8 versions of the
 * float32 interpolating and area cases, which torch 1.13 has no kernels for (bilinear and bicubic
 * take the int16 fixed-point path, linear, trilinear and area the float32 path). Each call is a
 * batch of 1 to 3 tensors of one shape.
 */
final class GoldenCalls {
  private GoldenCalls() {}

  /** Tensors of one shape, the options, and torch's output for the first if recorded. */
  record Call(String group, String id, InterpolateOptions options, Tensor[] inputs,
      GoldenCase golden) {}

  /** Every call, in a fixed order. */
  static List<Call> all() {
    List<FixtureSet> sets = new ArrayList<>(Golden.discover());
    assertFalse(sets.isEmpty(), "no fixture sets under golden/ on the test classpath");
    // mode='lanczos' (PyTorch 2.x) has its own fixture folder, inside torch-2.x
    sets.add(Golden.loadResource("torch-2.x/lanczos"));
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
    return calls;
  }

  /** Per-group counts and the first failures. */
  static final class Results {
    private static final class Group {
      int calls;
      long elements;
      long tensors;
      long bitIdenticalToCore;
      double maxTorchUlps;
      final List<String> failures = new ArrayList<>();
    }

    private final Map<String, Group> groups = new TreeMap<>();

    /** Checks {@code ours}, the backend's outputs for {@code call}. */
    void check(Call call, Tensor[] ours) {
      Group g = groups.computeIfAbsent(call.group(), k -> new Group());
      g.calls++;
      for (int k = 0; k < ours.length; k++) {
        Tensor core = Interpolate.interpolate(call.inputs()[k], call.options());
        g.tensors++;
        g.elements += core.numel();
        int diff = firstDifference(core, ours[k]);
        if (diff < 0) {
          g.bitIdenticalToCore += core.numel();
        } else if (g.failures.size() < 5) {
          g.failures.add(call.id() + " tensor " + k + ": differs from the core at flat index "
              + diff + " (" + describe(ours[k], diff) + ", core " + describe(core, diff) + ")");
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

    private static String describe(Tensor t, int i) {
      return i < t.numel() ? Double.toString(t.getAsDouble(i)) : "shape " + Arrays.toString(
          t.shape()) + " " + t.dtype();
    }

    /** One test per group, and the table printed. */
    List<DynamicNode> tests(String title) {
      List<DynamicNode> tests = new ArrayList<>();
      StringBuilder table = new StringBuilder("\n=== " + title + " ===\n");
      table.append(String.format(Locale.ROOT, "%-62s %6s %7s %10s %9s %9s%n", "group", "calls",
          "tensors", "elements", "core-bit%", "torch ulp"));
      for (Map.Entry<String, Group> e : groups.entrySet()) {
        Group g = e.getValue();
        table.append(String.format(Locale.ROOT, "%-62s %6d %7d %10d %8.3f%% %9.3f%n", e.getKey(),
            g.calls, g.tensors, g.elements,
            g.elements == 0 ? 100.0 : 100.0 * g.bitIdenticalToCore / g.elements, g.maxTorchUlps));
        tests.add(dynamicTest(e.getKey(), () -> assertTrue(g.failures.isEmpty(),
            () -> e.getKey() + ": " + String.join("\n  ", g.failures))));
      }
      System.out.print(table);
      return tests;
    }
  }

  /** {@code x} and {@code n - 1} variants of it with other values, all of x's shape. */
  static Tensor[] batch(Tensor x, int n) {
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
  static Tensor toUint8(Tensor x) {
    int n = Math.toIntExact(x.numel());
    byte[] u = new byte[n];
    for (int i = 0; i < n; i++) {
      u[i] = (byte) Math.floorMod((long) Math.floor(x.getAsDouble(i) * 97.0), 256L);
    }
    return Tensor.ofUint8(u, x.shape());
  }

  /** First flat index where the tensors' bits differ, -1 when equal; 0 for a shape mismatch. */
  static int firstDifference(Tensor expected, Tensor actual) {
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
