package org.resample.core.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The Pillow profile against fixtures written by {@code src/test/python/compat/generate_pillow.py}
 * with the Pillow release named in their manifest: every filter x mode (L, RGB, RGBA, F) over up,
 * down, odd and mixed ratios, reducing_gap steps, a very tall image, and photographs. uint8 must be
 * bit-identical; float32 within {@link PillowTally#FLOAT32_ULPS} ulps of max|input|.
 */
class PillowFixturesTest {
  private static final String ROOT = "golden/compat/pillow/";

  @Test
  void everyFixtureMatchesPillow() throws IOException {
    PillowFixtures f = PillowFixtures.run(PillowFixturesTest::open);
    System.out.println("Pillow " + f.pillowVersion() + " fixtures (" + f.count + " cases):\n"
        + f.tally.report());
    assertEquals(f.expectedCount(), f.count, "cases read");
    assertTrue(f.failures.isEmpty(), f.failures.size() + " cases differ from Pillow "
        + f.pillowVersion() + ":\n" + String.join("\n", f.failures) + "\n" + f.tally.report());
  }

  private static InputStream open(String file) throws IOException {
    InputStream in = PillowFixturesTest.class.getClassLoader().getResourceAsStream(ROOT + file);
    if (in == null) {
      throw new IOException("no classpath resource " + ROOT + file
          + "; run src/test/python/compat/generate_pillow.py");
    }
    return in;
  }
}
