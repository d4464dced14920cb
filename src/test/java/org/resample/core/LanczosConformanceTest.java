package org.resample.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.resample.testing.Golden;
import org.resample.testing.Golden.FixtureSet;
import org.resample.testing.Golden.GoldenCase;

/**
 * {@code mode='lanczos'} against PyTorch 2.x: every case of {@code golden/torch-2.x/lanczos}
 * (written by {@code src/test/python/generate_lanczos_golden.py} from the torch 2.13 wheel) through
 * {@link Interpolate#interpolate}, with the conformance suite's checks and tolerances (uint8 exact,
 * float32 within {@value Golden#FLOAT32_TOLERANCE_ULPS} ulps of max|input|, float64 within {@value
 * Golden#FLOAT64_RELATIVE_TOLERANCE} of max|input|). Prints, per dtype, the case count, the share
 * of bit-identical elements and the largest error in ulps.
 */
class LanczosConformanceTest {
  static final String FIXTURES = "torch-2.x/lanczos";

  @TestFactory
  Stream<DynamicNode> lanczosGoldenCases() {
    FixtureSet set = Golden.loadResource(FIXTURES);
    TorchConformanceTest.Stats stats =
        new TorchConformanceTest.Stats(
            set.name() + " (torch " + set.torchVersionString() + ", V2 semantics)");
    Stream<DynamicNode> coverage =
        Stream.of(dynamicTest("fixtures come from PyTorch 2.x and cover every dtype", () -> {
          assertEquals(TorchVersion.V2, set.version(), set.toString());
          Map<String, Integer> perDtype = new TreeMap<>();
          for (GoldenCase c : set.cases()) {
            assertEquals("lanczos", c.mode(), c.toString());
            perDtype.merge(c.dtype(), 1, Integer::sum);
          }
          assertEquals(3, perDtype.size(), "dtypes: " + perDtype);
          perDtype.forEach((dtype, n) ->
              assertTrue(n >= 100, dtype + ": only " + n + " lanczos cases"));
        }));
    Stream<DynamicNode> cases =
        set.cases().stream()
            .map(c -> dynamicTest(c.describe(),
                TorchConformanceTest.runCase(c, TorchVersion.V2, stats)));
    Stream<DynamicNode> summary =
        Stream.of(dynamicTest("summary per dtype", () -> stats.printAndCheck(false)));
    return Stream.concat(coverage, Stream.concat(cases, summary));
  }
}
