package org.resample.core.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.resample.core.DType;
import org.resample.core.Tensor;

/**
 * OpenCvResize against opencv-python's recorded outputs (src/test/resources/golden/compat/opencv,
 * written by src/test/python/compat/generate_opencv.py): uint8 exact, floats within
 * {@value OpenCvAgreement#FLOAT_BOUND_ULPS} ulps of max|input|.
 */
class OpenCvFixturesTest {

  @Test
  void everyRecordedResizeAgreesWithOpenCv() {
    List<OpenCvFixtures.Case> cases = OpenCvFixtures.fromResources();
    assertTrue(cases.size() >= 200, "expected the full fixture set, got " + cases.size());
    OpenCvAgreement agreement = new OpenCvAgreement();
    StringBuilder failures = new StringBuilder();
    for (OpenCvFixtures.Case c : cases) {
      Tensor out = OpenCvResize.resize(c.input, c.outHeight(), c.outWidth(), c.interpolation);
      double worst = agreement.add(c.key(), c.id, c.input, c.expected, out);
      double bound = c.dtype == DType.UINT8 ? 0 : OpenCvAgreement.FLOAT_BOUND_ULPS;
      if (worst > bound) {
        failures.append(c.id).append(": ").append(worst).append(c.dtype == DType.UINT8 ? " levels" : " ulps")
            .append('\n');
      }
    }
    System.out.println("OpenCV profile vs opencv-python fixtures\n" + agreement.table());
    assertEquals("", failures.toString(), "cases beyond the bound:\n" + agreement.table());
    for (Map.Entry<String, OpenCvAgreement.Row> e : agreement.rows().entrySet()) {
      assertTrue(e.getValue().elements > 0, e.getKey());
    }
  }

  @Test
  void everyFilterAndDtypeIsCovered() {
    List<OpenCvFixtures.Case> cases = OpenCvFixtures.fromResources();
    for (OpenCvInterpolation f : OpenCvInterpolation.values()) {
      for (String dt : new String[] {"uint8", "float32", "float64"}) {
        String key = f.shortName + "/" + dt;
        assertTrue(cases.stream().anyMatch(c -> c.key().equals(key)), "no fixture for " + key);
      }
    }
    assertTrue(cases.stream().anyMatch(c -> c.source.startsWith("photo:")), "no photograph");
    for (int channels : new int[] {1, 3, 4}) {
      assertTrue(cases.stream().anyMatch(c -> c.input.size(1) == channels), "no C=" + channels);
    }
  }
}
