package org.resample.core.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import org.resample.core.Tensor;
import org.resample.testing.Golden;

/**
 * TensorFlowResize against the fixtures TensorFlow itself wrote ({@code
 * src/test/python/compat/generate_tensorflow.py}): every v2 method x antialias x dtype and every
 * v1 op x align_corners/half_pixel_centers x dtype, on up, down, odd and same-size shapes. Every
 * element is required bit-identical (measured: all are, float32 included).
 */
class TensorFlowFixturesTest {
  private static final String DIR = "golden/compat/tensorflow/";

  @Test
  void everyFixtureIsBitIdenticalToTensorFlow() throws IOException {
    Map<String, byte[]> arrays = npz(DIR + "arrays.npz");
    List<Map<String, Object>> cases = jsonl(DIR + "cases.jsonl");
    assertTrue(cases.size() > 300, "fixture cases: " + cases.size());
    TensorFlowComparison cmp = new TensorFlowComparison();
    List<String> failures = new ArrayList<>();
    for (Map<String, Object> c : cases) {
      String id = (String) c.get("id");
      int[] shape = ints((List<?>) c.get("shape"));
      Tensor input =
          Golden.Npy.read(
              arrays.get(id + "_in.npy"), Golden.dtypeOf((String) c.get("dtype")),
              shape, id + " input");
      Tensor tf =
          Golden.Npy.read(
              arrays.get(id + "_out.npy"),
              Golden.dtypeOf((String) c.get("out_dtype")),
              null,
              id + " output");
      String f = cmp.compare(c, input, tf, TensorFlowComparison.ours(c, input), 0);
      if (f != null) {
        failures.add(f);
      }
    }
    System.out.println("TensorFlow " + manifestVersion() + " fixtures:\n" + cmp.report());
    assertEquals(List.of(), failures, cmp.report());
  }

  @Test
  void manifestNamesTheTensorFlowRelease() throws IOException {
    assertTrue(manifestVersion().matches("2\\.\\d+\\.\\d+.*"), manifestVersion());
  }

  private static String manifestVersion() throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> m =
        (Map<String, Object>)
            Golden.Json.parse(new String(resource(DIR + "manifest.json"), StandardCharsets.UTF_8));
    return (String) m.get("tensorflow");
  }

  static int[] ints(List<?> l) {
    int[] a = new int[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = ((Number) l.get(i)).intValue();
    }
    return a;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> parseJsonl(String text) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.trim().isEmpty()) {
        out.add((Map<String, Object>) Golden.Json.parse(line));
      }
    }
    return out;
  }

  private static List<Map<String, Object>> jsonl(String name) throws IOException {
    return parseJsonl(new String(resource(name), StandardCharsets.UTF_8));
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = TensorFlowFixturesTest.class.getClassLoader().getResourceAsStream(name)) {
      assertNotNull(in, "missing test resource " + name);
      return in.readAllBytes();
    }
  }

  static Map<String, byte[]> npz(InputStream raw) throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    try (ZipInputStream zip = new ZipInputStream(raw)) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        zip.transferTo(b);
        out.put(e.getName(), b.toByteArray());
      }
    }
    return out;
  }

  private static Map<String, byte[]> npz(String name) throws IOException {
    return npz(new java.io.ByteArrayInputStream(resource(name)));
  }
}
