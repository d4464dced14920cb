package org.resample.core;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.resample.testing.Golden;
import org.resample.testing.Golden.Comparison;
import org.resample.testing.Golden.GoldenCase;
import org.resample.testing.TorchOracle;
import org.resample.testing.TorchOracle.Call;

/**
 * Differential test against PyTorch 2.x in this JVM (libtorch {@value TorchOracle#VERSION}, see
 * {@link TorchOracle}): fresh random calls on every run, over every mode, rank and dtype torch
 * takes, each computed by torch at 1 and at 2 threads and compared with {@link
 * Interpolate#interpolate} under the conformance tolerances. The seed is printed; {@code
 * -Dresample.libtorch.seed=S} replays a run and {@code -Dresample.libtorch.count=N} (default 300)
 * sets the number of calls.
 */
class LibTorchDifferentialTest {
  static final int COUNT = Integer.getInteger("resample.libtorch.count", 300);
  static final int[] THREADS = {1, 2};
  /** {@code -Dresample.libtorch.verbose=true} prints every call that is not bit-identical. */
  static final boolean VERBOSE = Boolean.getBoolean("resample.libtorch.verbose");

  static final String[] MODES = {
    "nearest", "nearest-exact", "linear", "bilinear", "bicubic", "trilinear", "area"
  };

  @TestFactory
  Stream<DynamicNode> libtorchAgreesOnRandomCalls() {
    long seed =
        Long.getLong(
            "resample.libtorch.seed", (System.nanoTime() ^ System.currentTimeMillis()) & 0x7fff_ffffL);
    System.out.println(
        "LibTorchDifferentialTest: seed " + seed + ", " + COUNT + " calls at torch threads 1 and 2"
            + " (reproduce with -Dresample.libtorch.seed=" + seed + ")");
    Random rnd = new Random(seed);
    List<RandomCall> calls = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      calls.add(RandomCall.draw(rnd, i, MODES[i % MODES.length]));
    }
    List<DynamicNode> tests = new ArrayList<>();
    List<TorchConformanceTest.Stats> stats = new ArrayList<>();
    for (int threads : THREADS) {
      TorchConformanceTest.Stats s =
          new TorchConformanceTest.Stats(
              "live libtorch " + TorchOracle.VERSION + ", " + threads + " thread(s), seed " + seed);
      stats.add(s);
      for (RandomCall c : calls) {
        tests.add(
            dynamicTest(
                "seed " + seed + " threads " + threads + " " + c,
                () -> check(c, threads, s)));
      }
    }
    tests.add(
        dynamicTest(
            "summary (seed " + seed + ")",
            () -> {
              for (TorchConformanceTest.Stats s : stats) {
                s.printAndCheck(false);
              }
            }));
    return tests.stream();
  }

  private static void check(RandomCall c, int threads, TorchConformanceTest.Stats stats) {
    Tensor torchOut;
    try {
      torchOut = TorchOracle.interpolate(c.input, c.call, threads);
    } catch (RuntimeException e) {
      if (String.valueOf(e.getMessage()).contains("INTERNAL ASSERT FAILED")) {
        // a bug of torch's uint8 antialias kernel, not an argument check: the library computes the
        // call, as TorchRejectedCallsTest requires of the internal errors torch 2.13 records
        Interpolate.interpolate(c.input, c.options());
        return;
      }
      // torch rejected the call: the library must reject it too
      boolean rejected;
      try {
        Interpolate.interpolate(c.input, c.options());
        rejected = false;
      } catch (InterpolateException expected) {
        rejected = true;
      }
      assertTrue(rejected, c + ": torch raised " + e.getMessage() + " but interpolate returned");
      return;
    }
    Tensor ours = Interpolate.interpolate(c.input, c.options());
    Comparison cmp = Golden.compare(c.call.mode(), c.input, torchOut, ours);
    stats.record(c.asCase(torchOut.shape()), cmp);
    if (VERBOSE && cmp.bitIdentical() < cmp.elements()) {
      System.out.printf(java.util.Locale.ROOT, "not bit-identical at %d thread(s): %s: %.3f%%, %s%n",
          threads, c, 100.0 * cmp.bitIdentical() / cmp.elements(), cmp.describe());
    }
    assertTrue(cmp.passed(), () -> c + " at " + threads + " torch thread(s): " + cmp.describe());
  }

  /** One random call: its input and its arguments. */
  static final class RandomCall {
    final String id;
    final Tensor input;
    final Call call;

    RandomCall(String id, Tensor input, Call call) {
      this.id = id;
      this.input = input;
      this.call = call;
    }

    InterpolateOptions options() {
      InterpolateOptions.Builder b =
          InterpolateOptions.builder()
              .mode(call.mode())
              .alignCorners(call.alignCorners())
              .recomputeScaleFactor(call.recomputeScaleFactor())
              .antialias(call.antialias());
      if (call.size() != null) {
        b.size(call.size());
      }
      if (call.scaleFactor() != null) {
        b.scaleFactor(call.scaleFactor());
      }
      return b.build();
    }

    GoldenCase asCase(int[] outputShape) {
      return new GoldenCase(
          id, "live", call.mode(), input.dtype().torchName(), input.shape(), call.size(),
          call.scaleFactor(), call.alignCorners(), call.recomputeScaleFactor(), call.antialias(),
          outputShape, TorchOracle.VERSION, false, "", 1, null, null);
    }

    static RandomCall draw(Random rnd, int index, String mode) {
      int spatial;
      switch (mode) {
        case "linear":
          spatial = 1;
          break;
        case "bilinear":
        case "bicubic":
          spatial = 2;
          break;
        case "trilinear":
          spatial = 3;
          break;
        default:
          spatial = 1 + rnd.nextInt(3);
      }
      boolean uint8Ok =
          mode.equals("nearest") || mode.equals("nearest-exact") || mode.equals("bilinear")
              || mode.equals("bicubic");
      DType dtype =
          uint8Ok && rnd.nextInt(3) == 0 ? DType.UINT8 : rnd.nextBoolean() ? DType.FLOAT32 : DType.FLOAT64;
      int[] channelChoices = {1, 2, 3, 4, 5, 8};
      int n = 1 + rnd.nextInt(2);
      int c = channelChoices[rnd.nextInt(channelChoices.length)];
      int[] shape = new int[2 + spatial];
      shape[0] = n;
      shape[1] = c;
      // a budget of about 60k input elements; one axis is sometimes long (vectorized paths)
      int perAxis = spatial == 1 ? 400 : spatial == 2 ? 70 : 16;
      for (int d = 0; d < spatial; d++) {
        shape[2 + d] = 1 + rnd.nextInt(rnd.nextInt(5) == 0 ? 2 : perAxis);
      }
      if (spatial < 3 && rnd.nextInt(4) == 0) {
        shape[1 + spatial] = 1 + rnd.nextInt(spatial == 1 ? 3000 : 300);
      }
      boolean interpolating = !mode.equals("nearest") && !mode.equals("nearest-exact") && !mode.equals("area");
      boolean aaMode = mode.equals("bilinear") || mode.equals("bicubic");
      boolean antialias = aaMode && rnd.nextBoolean();
      Boolean alignCorners = interpolating ? pick(rnd) : null;
      int[] size = null;
      double[] scale = null;
      Boolean recompute = null;
      if (rnd.nextBoolean()) {
        size = new int[spatial];
        for (int d = 0; d < spatial; d++) {
          int in = shape[2 + d];
          int r = rnd.nextInt(6);
          size[d] =
              r == 0 ? 1 : r == 1 ? in : r == 2 ? Math.max(1, in / (8 + rnd.nextInt(8)))
                  : 1 + rnd.nextInt(Math.max(1, Math.min(3 * in + 3, 4000 / spatial)));
        }
      } else {
        scale = new double[spatial];
        double[] scales = {0.1, 0.125, 0.25, 0.3, 0.5, 0.75, 1.0, 1.3, 1.5, 2.0, 2.5, 3.0};
        for (int d = 0; d < spatial; d++) {
          scale[d] =
              rnd.nextInt(3) == 0 ? 0.1 + 2.9 * rnd.nextDouble() : scales[rnd.nextInt(scales.length)];
          if (shape[2 + d] * scale[d] < 1) {
            scale[d] = 1.0;
          }
        }
        recompute = pick(rnd);
      }
      Tensor input = randomInput(rnd, dtype, shape);
      String id = String.format(java.util.Locale.ROOT, "lt%04d", index);
      return new RandomCall(id, input, new Call(mode, size, scale, alignCorners, recompute, antialias));
    }

    private static Boolean pick(Random rnd) {
      int r = rnd.nextInt(3);
      return r == 0 ? null : r == 1 ? Boolean.TRUE : Boolean.FALSE;
    }

    private static Tensor randomInput(Random rnd, DType dtype, int[] shape) {
      Tensor t = Tensor.zeros(dtype, shape);
      int kind = rnd.nextInt(3);
      int len = (int) t.numel();
      for (int i = 0; i < len; i++) {
        double v =
            kind == 0 ? rnd.nextDouble() : kind == 1 ? 2 * rnd.nextDouble() - 1 : 255 * rnd.nextDouble();
        switch (dtype) {
          case FLOAT32:
            t.floatData()[i] = (float) v;
            break;
          case FLOAT64:
            t.doubleData()[i] = v;
            break;
          default:
            t.uint8Data()[i] = (byte) rnd.nextInt(256);
        }
      }
      return t;
    }

    @Override
    public String toString() {
      return id + " " + input.dtype().torchName() + " " + java.util.Arrays.toString(input.shape())
          + " " + call;
    }
  }
}
