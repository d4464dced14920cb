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
 * written by src/test/python/compat/generate_opencv.py): bit-identical wherever opencv-python runs
 * OpenCV's own code, and within the bounds of {@link OpenCvAgreement#bound} where it hands the
 * call to IPP (linear on floats, cubic).
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
      double bound = OpenCvAgreement.bound(c.interpolation, c.dtype);
      if (worst > bound) {
        failures.append(c.id).append(": ").append(worst).append(c.dtype == DType.UINT8 ? " levels" : " ulps")
            .append('\n');
      }
    }
    System.out.println("OpenCV profile vs opencv-python fixtures\n" + agreement.table());
    assertEquals("", failures.toString(), "cases beyond the bound:\n" + agreement.table());
    OpenCvAgreement.Row cubic = agreement.rows().get("cubic/uint8");
    assertTrue((double) cubic.identical / cubic.elements >= OpenCvAgreement.UINT8_CUBIC_MIN_IDENTICAL,
        "uint8 cubic identical share " + (double) cubic.identical / cubic.elements);
    for (Map.Entry<String, OpenCvAgreement.Row> e : agreement.rows().entrySet()) {
      if (!e.getKey().startsWith("cubic/") && !e.getKey().startsWith("linear/f")) {
        assertEquals(e.getValue().elements, e.getValue().identical,
            e.getKey() + " runs on OpenCV's own code and must be bit-identical");
      }
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
