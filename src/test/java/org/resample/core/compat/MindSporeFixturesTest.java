package org.resample.core.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.resample.core.DType;
import org.resample.core.InterpolateOptions;
import org.resample.core.Mode;
import org.resample.core.Tensor;
import org.resample.testing.Golden;

/**
 * MindSpore's bicubic (the ResizeBicubic kernel, TensorFlow's ResizeBicubic op) against fixtures
 * written by TensorFlow's op itself: src/test/python/compat/generate_mindspore.py.
 */
class MindSporeFixturesTest {
  private static final String DIR = "/golden/compat/mindspore/";

  @Test
  void bicubicMatchesTensorFlowResizeBicubicBitForBit() throws IOException {
    Map<String, byte[]> arrays = npz(DIR + "arrays.npz");
    List<Map<String, Object>> cases = cases();
    assertTrue(cases.size() >= 100, "expected at least 100 fixture cases, found " + cases.size());
    Map<String, long[]> stats = new HashMap<>();
    List<String> failures = new ArrayList<>();
    for (Map<String, Object> c : cases) {
      String id = (String) c.get("id");
      DType dtype = "float64".equals(c.get("dtype")) ? DType.FLOAT64 : DType.FLOAT32;
      int[] inShape = Golden.Json.intArray(c.get("input_shape"));
      int[] size = Golden.Json.intArray(c.get("size"));
      int[] outShape = Golden.Json.intArray(c.get("output_shape"));
      boolean align = Boolean.TRUE.equals(c.get("align_corners"));
      Tensor input = Golden.Npy.read(arrays.get(id + "_in.npy"), dtype, inShape, id + " input");
      Tensor expected = Golden.Npy.read(arrays.get(id + "_out.npy"), DType.FLOAT32, outShape, id + " output");
      InterpolateOptions options =
          InterpolateOptions.builder().mode(Mode.BICUBIC).size(size).alignCorners(align).build();
      Tensor ours = MindSporeResize.resize(input, options);
      assertArrayEquals(outShape, ours.shape(), id + " shape");
      double maxAbs = 0;
      for (int i = 0; i < input.numel(); i++) {
        maxAbs = Math.max(maxAbs, Math.abs((float) input.getAsDouble(i)));
      }
      float ulp = Math.ulp((float) maxAbs);
      long identical = 0;
      double worst = 0;
      for (int i = 0; i < expected.numel(); i++) {
        float e = expected.floatData()[i];
        float o = (float) ours.getAsDouble(i);
        if (Float.floatToIntBits(e) == Float.floatToIntBits(o)) {
          identical++;
        }
        worst = Math.max(worst, Math.abs(e - o) / ulp);
      }
      String key = (align ? "align_corners=True" : "align_corners=False") + " " + dtype;
      long[] s = stats.computeIfAbsent(key, k -> new long[3]);
      s[0] += identical;
      s[1] += expected.numel();
      s[2] = Math.max(s[2], (long) Math.ceil(worst));
      if (identical != expected.numel()) {
        failures.add(id + " (" + c.get("note") + "): " + (expected.numel() - identical)
            + " elements differ, max " + worst + " ulp of max|input|");
      }
    }
    stats.forEach((k, s) -> System.out.printf(
        "MindSpore bicubic %s: %.2f%% bit-identical to TensorFlow ResizeBicubic, max %d ulp of max|input|%n",
        k, 100.0 * s[0] / s[1], s[2]));
    assertEquals(List.of(), failures, "cases not bit-identical to TensorFlow's ResizeBicubic");
  }

  @Test
  void bicubicDiffersFromPyTorchBicubicAsMindSporeDocuments() throws IOException {
    Map<String, byte[]> arrays = npz(DIR + "arrays.npz");
    for (boolean align : new boolean[] {false, true}) {
      double worst = 0;
      for (Map<String, Object> c : cases()) {
        if (!"float32".equals(c.get("dtype")) || align != Boolean.TRUE.equals(c.get("align_corners"))) {
          continue;
        }
        String id = (String) c.get("id");
        Tensor input = Golden.Npy.read(
            arrays.get(id + "_in.npy"), DType.FLOAT32, Golden.Json.intArray(c.get("input_shape")), id);
        InterpolateOptions options = InterpolateOptions.builder()
            .mode(Mode.BICUBIC).size(Golden.Json.intArray(c.get("size"))).alignCorners(align).build();
        Tensor mindSpore = MindSporeResize.resize(input, options);
        Tensor torch = org.resample.core.Interpolate.interpolate(input, options);
        for (int i = 0; i < torch.numel(); i++) {
          worst = Math.max(worst, Math.abs(torch.floatData()[i] - mindSpore.floatData()[i]));
        }
      }
      System.out.printf("MindSpore bicubic vs PyTorch bicubic, align_corners=%s: max |difference| %.4g"
          + " (inputs in [-3, 5] and photo 0..255)%n", align, worst);
      assertTrue(worst > 1e-3, "bicubic align_corners=" + align + " should differ from PyTorch's");
    }
  }


  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> cases() throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    String text = new String(bytes(DIR + "cases.jsonl"), StandardCharsets.UTF_8);
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        out.add((Map<String, Object>) Golden.Json.parse(line));
      }
    }
    return out;
  }

  private static Map<String, byte[]> npz(String resource) throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    try (InputStream in = MindSporeFixturesTest.class.getResourceAsStream(resource)) {
      assertNotNull(in, resource + " is missing: run src/test/python/compat/generate_mindspore.py");
      ZipInputStream zip = new ZipInputStream(in);
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        out.put(e.getName(), zip.readAllBytes());
      }
    }
    return out;
  }

  private static byte[] bytes(String resource) throws IOException {
    try (InputStream in = MindSporeFixturesTest.class.getResourceAsStream(resource)) {
      assertNotNull(in, resource + " is missing: run src/test/python/compat/generate_mindspore.py");
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      in.transferTo(b);
      return b.toByteArray();
    }
  }
}
