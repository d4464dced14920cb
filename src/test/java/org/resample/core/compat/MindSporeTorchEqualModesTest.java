package org.resample.core.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.resample.core.DType;
import org.resample.core.InterpolateException;
import org.resample.core.Mode;
import org.resample.core.Tensor;
import org.resample.core.TorchVersion;
import org.resample.testing.Golden;

/**
 * The modes MindSpore's interpolate computes as PyTorch does (every mode but bicubic), run through
 * the MindSpore entry point on the PyTorch 2.x fixtures (golden/torch-2.x, written by PyTorch) that
 * MindSpore accepts, must meet the PyTorch fixtures' own tolerances.
 */
class MindSporeTorchEqualModesTest {

  @Test
  void acceptedPyTorchFixturesAgreeThroughTheMindSporeEntryPoint() {
    Golden.FixtureSet set = Golden.loadResource("torch-2.x");
    TorchVersion version = set.version();
    Map<Mode, int[]> counts = new EnumMap<>(Mode.class);
    List<String> failures = new ArrayList<>();
    for (Golden.GoldenCase c : set.cases()) {
      Mode mode = c.modeEnum();
      if (mode == Mode.BICUBIC || mode == Mode.LANCZOS || c.dType() == DType.UINT8 || c.antialias()) {
        continue;
      }
      int[] n = counts.computeIfAbsent(mode, m -> new int[2]);
      Tensor ours;
      try {
        ours = MindSporeResize.resize(c.input(), c.options(version));
      } catch (InterpolateException refusedByMindSpore) {
        n[1]++;
        continue;
      }
      n[0]++;
      Golden.Comparison cmp = Golden.compare(c, ours);
      if (!cmp.passed()) {
        failures.add(c.id() + ": " + cmp.describe());
      }
    }
    counts.forEach((m, n) -> System.out.printf(
        "MindSpore profile, %s: %d PyTorch fixtures agree, %d refused as MindSpore refuses them%n",
        m.torchName(), n[0], n[1]));
    for (Mode m : new Mode[] {Mode.NEAREST, Mode.NEAREST_EXACT, Mode.LINEAR, Mode.BILINEAR,
        Mode.TRILINEAR, Mode.AREA}) {
      assertTrue(counts.containsKey(m) && counts.get(m)[0] >= 3,
          "too few accepted PyTorch fixtures for " + m.torchName());
    }
    assertEquals(List.of(), failures);
  }
}
