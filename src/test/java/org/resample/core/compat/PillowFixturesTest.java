package org.resample.core.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.resample.core.DType;
import org.resample.core.Tensor;
import org.resample.testing.Golden;

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
    Map<String, Object> manifest = json(text("manifest.json"));
    Map<String, byte[]> arrays = npz("arrays.npz");
    PillowTally tally = new PillowTally();
    List<String> failures = new ArrayList<>();
    int count = 0;
    for (String line : text("cases.jsonl").split("\n")) {
      if (line.trim().isEmpty()) {
        continue;
      }
      Map<String, Object> c = json(line);
      String id = (String) c.get("id");
      String filter = (String) c.get("filter");
      DType dtype = "uint8".equals(c.get("dtype")) ? DType.UINT8 : DType.FLOAT32;
      int[] inShape = ints(c.get("in_shape"));
      int outH = ((Number) c.get("out_h")).intValue();
      int outW = ((Number) c.get("out_w")).intValue();
      Object gap = c.get("reducing_gap");
      Double reducingGap = gap == null ? null : ((Number) gap).doubleValue();
      Tensor in = Golden.Npy.read(arrays.get(c.get("input") + ".npy"), dtype, inShape, id);
      Tensor expected = Golden.Npy.read(arrays.get(id + ".out.npy"), dtype,
          new int[] {inShape[0], inShape[1], outH, outW}, id);
      Tensor ours = PillowResize.resize(in, outH, outW, filter, reducingGap);
      double worst = tally.add(filter, in, expected, ours);
      double bound = dtype == DType.UINT8 ? 0 : PillowTally.FLOAT32_ULPS;
      if (!(worst <= bound)) {
        failures.add(id + ": max difference " + worst);
      }
      count++;
    }
    System.out.println("Pillow " + manifest.get("pillow") + " fixtures (" + count + " cases):\n"
        + tally.report());
    assertEquals(((Number) manifest.get("cases")).intValue(), count, "cases read");
    assertTrue(failures.isEmpty(), failures.size() + " cases differ from Pillow "
        + manifest.get("pillow") + ":\n" + String.join("\n", failures) + "\n" + tally.report());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String text) {
    return (Map<String, Object>) Golden.Json.parse(text);
  }

  static int[] ints(Object list) {
    List<?> l = (List<?>) list;
    int[] r = new int[l.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = ((Number) l.get(i)).intValue();
    }
    return r;
  }

  private static InputStream open(String file) throws IOException {
    InputStream in = PillowFixturesTest.class.getClassLoader().getResourceAsStream(ROOT + file);
    if (in == null) {
      throw new IOException("no classpath resource " + ROOT + file
          + "; run src/test/python/compat/generate_pillow.py");
    }
    return in;
  }

  private static String text(String file) throws IOException {
    try (InputStream in = open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Map<String, byte[]> npz(String file) throws IOException {
    Map<String, byte[]> m = new HashMap<>();
    try (ZipInputStream z = new ZipInputStream(open(file))) {
      ZipEntry e;
      while ((e = z.getNextEntry()) != null) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        z.transferTo(b);
        m.put(e.getName(), b.toByteArray());
      }
    }
    return m;
  }
}
