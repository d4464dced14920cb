package org.resample.core.compat;

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
import org.resample.core.DType;
import org.resample.core.Tensor;
import org.resample.testing.Golden;

/**
 * A set of Pillow cases as {@code pillow_oracle.write_fixtures} writes them (arrays.npz,
 * cases.jsonl, manifest.json), run through {@link PillowResize} and compared with Pillow's outputs.
 */
final class PillowFixtures {
  /** Opens one file of the set. */
  interface Opener {
    InputStream open(String file) throws IOException;
  }

  final Map<String, Object> manifest;
  final PillowTally tally = new PillowTally();
  final List<String> failures = new ArrayList<>();
  int count;

  private PillowFixtures(Map<String, Object> manifest) {
    this.manifest = manifest;
  }

  /** Runs every case of the set; cases beyond the bounds are listed in {@link #failures}. */
  static PillowFixtures run(Opener opener) throws IOException {
    PillowFixtures f = new PillowFixtures(json(text(opener, "manifest.json")));
    Map<String, byte[]> arrays = npz(opener, "arrays.npz");
    for (String line : text(opener, "cases.jsonl").split("\n")) {
      if (!line.trim().isEmpty()) {
        f.runCase(json(line), arrays);
      }
    }
    return f;
  }

  private void runCase(Map<String, Object> c, Map<String, byte[]> arrays) {
    String id = (String) c.get("id");
    String filter = (String) c.get("filter");
    DType dtype = "uint8".equals(c.get("dtype")) ? DType.UINT8 : DType.FLOAT32;
    int[] inShape = Golden.Json.intArray(c.get("in_shape"));
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
      failures.add(id + " (" + filter + ", " + dtype + " " + java.util.Arrays.toString(inShape)
          + " -> " + outH + "x" + outW + ", reducing_gap " + reducingGap
          + "): max difference " + worst);
    }
    count++;
  }

  String pillowVersion() {
    return String.valueOf(manifest.get("pillow"));
  }

  int expectedCount() {
    return ((Number) manifest.get("cases")).intValue();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String text) {
    return (Map<String, Object>) Golden.Json.parse(text);
  }


  private static String text(Opener opener, String file) throws IOException {
    try (InputStream in = opener.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Map<String, byte[]> npz(Opener opener, String file) throws IOException {
    Map<String, byte[]> m = new HashMap<>();
    try (ZipInputStream z = new ZipInputStream(opener.open(file))) {
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
