package org.resample.core.compat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

/** Reader of the fixtures of src/test/python/compat/generate_opencv.py (and the live test's). */
final class OpenCvFixtures {
  static final String RESOURCE = "/golden/compat/opencv/";

  /** One resize recorded from OpenCV. */
  static final class Case {
    final String id;
    final String interpolation;
    final DType dtype;
    final Tensor input;
    final Tensor expected;
    final String source;

    Case(String id, String interpolation, DType dtype, Tensor input, Tensor expected, String source) {
      this.id = id;
      this.interpolation = interpolation;
      this.dtype = dtype;
      this.input = input;
      this.expected = expected;
      this.source = source;
    }

    int outHeight() {
      return expected.size(2);
    }

    int outWidth() {
      return expected.size(3);
    }

    String key() {
      return interpolation + "/" + dtype.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
      return id;
    }
  }

  private OpenCvFixtures() {}

  static String resourceText(String name) {
    try (InputStream in = OpenCvFixtures.class.getResourceAsStream(RESOURCE + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + RESOURCE + name
            + "; regenerate with src/test/python/compat/generate_opencv.py");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Case> fromResources() {
    try (InputStream npz = OpenCvFixtures.class.getResourceAsStream(RESOURCE + "arrays.npz")) {
      return read(resourceText("cases.jsonl"), npz);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Case> read(String casesJsonl, InputStream npz) throws IOException {
    Map<String, byte[]> arrays = new HashMap<>();
    try (ZipInputStream zin = new ZipInputStream(npz)) {
      ZipEntry e;
      while ((e = zin.getNextEntry()) != null) {
        arrays.put(e.getName(), zin.readAllBytes());
      }
    }
    List<Case> out = new ArrayList<>();
    for (String line : casesJsonl.split("\n")) {
      if (line.trim().isEmpty()) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> o = (Map<String, Object>) Golden.Json.parse(line);
      String id = (String) o.get("id");
      String input = (String) o.get("input");
      DType dtype = Golden.dtypeOf((String) o.get("dtype"));
      int[] inShape = Golden.Json.intArray(o.get("in_shape"));
      int[] outSize = Golden.Json.intArray(o.get("out_size"));
      int[] outShape = {inShape[0], inShape[1], outSize[0], outSize[1]};
      Tensor in = Golden.Npy.read(array(arrays, input), dtype, inShape, input);
      Tensor exp = Golden.Npy.read(array(arrays, id), dtype, outShape, id);
      out.add(new Case(id, (String) o.get("interpolation"), dtype, in, exp, (String) o.get("source")));
    }
    return out;
  }

  private static byte[] array(Map<String, byte[]> arrays, String name) {
    byte[] b = arrays.get(name + ".npy");
    if (b == null) {
      throw new IllegalStateException("arrays.npz has no entry " + name + ".npy");
    }
    return b;
  }


}
