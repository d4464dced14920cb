package org.resample.core;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.resample.testing.Golden;
import org.resample.testing.Golden.Comparison;
import org.resample.testing.Golden.FixtureSet;
import org.resample.testing.Golden.GoldenCase;

/**
 * Runs every PyTorch golden case (src/test/resources/golden/torch-*) through {@link
 * Interpolate#interpolate} and compares with torch's output: exact for nearest / nearest-exact /
 * uint8, {@value Golden#FLOAT32_TOLERANCE_ULPS} ulps of max|input| for float32, {@value
 * Golden#FLOAT64_RELATIVE_TOLERANCE} relative to max|input| for float64. 1.x fixture sets run
 * with {@link TorchVersion#V1_13} semantics, 2.x sets with {@link TorchVersion#V2}. Prints a table
 * per (mode, dtype) at the end of each set.
 */
class TorchConformanceTest {
  /** {@code -Dresample.golden.verbose=true} prints every case that is not bit-identical. */
  static final boolean VERBOSE = Boolean.getBoolean("resample.golden.verbose");

  /** The committed fixture set must be at least this large. */
  static final int MIN_CASES = 2000;

  /** float32 modes whose elements must be bit-identical to torch in at least this share. */
  static final double MIN_BIT_IDENTICAL_SHARE = 0.99;

  static final List<String> BIT_IDENTICAL_MODES =
      List.of("linear", "bilinear", "trilinear", "area");

  @TestFactory
  Stream<DynamicNode> torchGoldenCases() {
    List<FixtureSet> sets = Golden.discover();
    assertFalse(sets.isEmpty(), "no fixture sets under golden/ on the test classpath");
    return sets.stream().map(TorchConformanceTest::container);
  }

  private static DynamicNode container(FixtureSet set) {
    TorchVersion version = set.version();
    Stats stats =
        new Stats(
            set.name() + " (torch " + set.torchVersionString() + ", " + version + " semantics)");
    Stream<DynamicNode> count =
        Stream.of(
            dynamicTest(
                "fixture set has at least " + MIN_CASES + " cases",
                () ->
                    assertTrue(
                        set.cases().size() >= MIN_CASES,
                        set + " has only " + set.cases().size() + " cases")));
    Stream<DynamicNode> cases =
        set.cases().stream().map(c -> dynamicTest(c.describe(), runCase(c, version, stats)));
    Stream<DynamicNode> summary =
        Stream.of(
            dynamicTest(
                "summary: float32 " + BIT_IDENTICAL_MODES + " >= 99% bit-identical",
                () -> stats.printAndCheck(true)));
    return dynamicContainer(
        set.name() + " (" + version + ")", Stream.concat(count, Stream.concat(cases, summary)));
  }

  /** The test of one case; also records its numbers in {@code stats}. */
  static Executable runCase(GoldenCase c, TorchVersion version, Stats stats) {
    return () -> {
      Tensor input = c.input();
      Tensor expected = c.expected();
      Tensor ours;
      try {
        ours = Interpolate.interpolate(input, c.options(version));
      } catch (RuntimeException | Error e) {
        stats.recordThrow(c, expected.numel(), e);
        throw e;
      }
      Comparison cmp = Golden.compare(c, ours);
      stats.record(c, cmp);
      if (VERBOSE && cmp.bitIdentical() < cmp.elements()) {
        System.out.printf(Locale.ROOT, "not bit-identical: %s: %.3f%%, %s%n",
            c, 100.0 * cmp.bitIdentical() / cmp.elements(), cmp.describe());
      }
      Tensor fresh = c.input();
      for (int i = 0; i < fresh.numel(); i++) {
        if (!Golden.bitIdentical(fresh, input, i)) {
          fail(c + ": interpolate modified its input at flat index " + i);
        }
      }
      if (cmp.problem() == null && ours.dtype() != DType.UINT8) {
        // The same call into a caller-owned array full of garbage, 5 elements in, gives the same bits.
        int n = (int) ours.numel();
        Tensor into = Tensor.zeros(ours.dtype(), n + 7);
        fillWithGarbage(into);
        int[] shape =
            ours.dtype() == DType.FLOAT32
                ? Interpolate.interpolateInto(c.input(), c.options(version), into.floatData(), 5)
                : Interpolate.interpolateInto(c.input(), c.options(version), into.doubleData(), 5);
        assertArrayEquals(ours.shape(), shape);
        for (int i = 0; i < n + 7; i++) {
          double v = into.getAsDouble(i);
          if (i < 5 || i >= n + 5 ? !Double.isNaN(v) : !bitIdentical(ours, i - 5, into, i)) {
            fail(c + ": interpolateInto at offset 5 differs from interpolate at flat index " + (i - 5));
          }
        }
      }
      if (cmp.problem() != null) {
        assertEquals(
            Arrays.toString(expected.shape()) + " " + expected.dtype(),
            Arrays.toString(ours.shape()) + " " + ours.dtype(),
            c + ": " + cmp.describe());
      }
      assertTrue(
          cmp.passed(),
          () ->
              c
                  + (c.channelsLastRoute() ? " [torch took its channels-last kernel]" : "")
                  + ": "
                  + cmp.describe());
    };
  }

  private static boolean bitIdentical(Tensor a, int i, Tensor b, int j) {
    return a.dtype() == DType.FLOAT32
        ? Float.floatToRawIntBits(a.floatData()[i]) == Float.floatToRawIntBits(b.floatData()[j])
        : Double.doubleToRawLongBits(a.doubleData()[i]) == Double.doubleToRawLongBits(b.doubleData()[j]);
  }

  private static void fillWithGarbage(Tensor t) {
    switch (t.dtype()) {
      case FLOAT32:
        Arrays.fill(t.floatData(), Float.NaN);
        break;
      case FLOAT64:
        Arrays.fill(t.doubleData(), Double.NaN);
        break;
      default:
        Arrays.fill(t.uint8Data(), (byte) 0x5A);
    }
  }

  /** Per (mode, dtype) numbers of one fixture set. */
  static final class Stats {
    final String title;
    final Map<String, Row> rows = new TreeMap<>();

    Stats(String title) {
      this.title = title;
    }

    private Row row(GoldenCase c) {
      // calls recorded with torch at several threads get rows of their own ("float32 t4")
      String dtype = c.threads() > 1 ? c.dtype() + " t" + c.threads() : c.dtype();
      String key =
          String.format(Locale.ROOT, "%d %s", Arrays.asList(MODES).indexOf(c.mode()), dtype);
      return rows.computeIfAbsent(key, k -> new Row(c.mode(), dtype));
    }

    synchronized void record(GoldenCase c, Comparison cmp) {
      Row r = row(c);
      r.cases++;
      if (cmp.passed()) {
        r.passed++;
      }
      r.elements += cmp.elements();
      if (cmp.problem() == null) {
        r.bitIdentical += cmp.bitIdentical();
        if (cmp.maxErrorUlps() > r.maxUlps || r.worst == null) {
          r.maxUlps = Math.max(r.maxUlps, cmp.maxErrorUlps());
          r.worst = c.id();
        }
      } else {
        r.mismatched++;
      }
    }

    synchronized void recordThrow(GoldenCase c, long elements, Throwable e) {
      Row r = row(c);
      r.cases++;
      r.threw++;
      r.elements += elements;
      if (r.firstThrow == null) {
        r.firstThrow = c.id() + ": " + e;
      }
    }

    synchronized void printAndCheck(boolean assertShares) {
      StringBuilder sb = new StringBuilder();
      sb.append("\n=== Torch conformance: ").append(title).append(" ===\n");
      sb.append(
          String.format(
              Locale.ROOT,
              "%-14s %-11s %6s %6s %6s %10s %9s %12s  %s%n",
              "mode",
              "dtype",
              "cases",
              "passed",
              "threw",
              "elements",
              "bit-ident",
              "max err ulp",
              "worst case"));
      long totalCases = 0;
      long totalPassed = 0;
      for (Row r : rows.values()) {
        totalCases += r.cases;
        totalPassed += r.passed;
        sb.append(
            String.format(
                Locale.ROOT,
                "%-14s %-11s %6d %6d %6d %10d %8.3f%% %12.3f  %s%n",
                r.mode,
                r.dtype,
                r.cases,
                r.passed,
                r.threw,
                r.elements,
                100.0 * r.share(),
                r.maxUlps,
                r.worst == null ? "-" : r.worst));
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "total: %d cases, %d passed (max err in ulps of max|input|; uint8 in units)%n",
              totalCases,
              totalPassed));
      for (Row r : rows.values()) {
        if (r.firstThrow != null) {
          sb.append("first exception for ")
              .append(r.mode)
              .append(' ')
              .append(r.dtype)
              .append(": ")
              .append(r.firstThrow)
              .append('\n');
        }
      }
      System.out.println(sb);
      if (!assertShares) {
        return;
      }
      List<Executable> checks = new ArrayList<>();
      for (String mode : BIT_IDENTICAL_MODES) {
        Row r = rows.get(String.format(Locale.ROOT, "%d float32", Arrays.asList(MODES).indexOf(mode)));
        if (r == null) {
          continue;
        }
        checks.add(
            () ->
                assertTrue(
                    r.share() >= MIN_BIT_IDENTICAL_SHARE,
                    String.format(
                        Locale.ROOT,
                        "%s float32: only %.3f%% of %d elements bit-identical to torch (need %.0f%%)",
                        mode,
                        100.0 * r.share(),
                        r.elements,
                        100.0 * MIN_BIT_IDENTICAL_SHARE)));
      }
      assertAll(checks.stream());
    }
  }

  static final String[] MODES = {
    "nearest", "nearest-exact", "linear", "bilinear", "bicubic", "trilinear", "area"
  };

  static final class Row {
    final String mode;
    final String dtype;
    long cases;
    long passed;
    long threw;
    long mismatched;
    long elements;
    long bitIdentical;
    double maxUlps;
    String worst;
    String firstThrow;

    Row(String mode, String dtype) {
      this.mode = mode;
      this.dtype = dtype;
    }

    double share() {
      return elements == 0 ? 1.0 : (double) bitIdentical / elements;
    }
  }
}
