package org.resample.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.resample.testing.Golden;

/**
 * The two classic {@code interpolate} examples. Expected values are PyTorch's, written by {@code
 * src/test/python/classic_examples.py} into {@code golden/classic-examples.json}.
 */
class ClassicExamplesTest {

  @Test
  void nearestSize6_onTwoChannelSignal_matchesTorch() throws Exception {
    Map<String, Object> c = torchCase("nearest_size6");
    Tensor x = Tensor.ofFloat(floats(c.get("input")), ints(c.get("input_shape")));
    Tensor y =
        Interpolate.interpolate(
            x,
            InterpolateOptions.builder().size(6).mode("nearest").torchVersion(version(c)).build());
    assertArrayEquals(ints(c.get("output_shape")), y.shape());
    assertArrayEquals(floats(c.get("output")), y.floatData());
  }

  @Test
  void bilinearScale2AlignCorners_on2x3Image_matchesTorch() throws Exception {
    Map<String, Object> c = torchCase("bilinear_scale2_align_corners");
    Tensor x = Tensor.ofFloat(floats(c.get("input")), ints(c.get("input_shape")));
    InterpolateOptions.Builder options =
        InterpolateOptions.builder().scaleFactor(2).mode(Mode.BILINEAR).alignCorners(true);
    Tensor y = Interpolate.interpolate(x, options.torchVersion(version(c)).build());
    assertArrayEquals(ints(c.get("output_shape")), y.shape());
    assertArrayEquals(floats(c.get("output")), y.floatData());
    // upsample_bilinear is the same call (align_corners=True), as in PyTorch.
    assertArrayEquals(
        Interpolate.interpolate(x, options.torchVersion(TorchVersion.V2).build()).floatData(),
        Interpolate.upsampleBilinear(x, null, new double[] {2}).floatData());
  }

  /** The numerics of the torch release that wrote the file (1.13 on Debian 12). */
  private static TorchVersion version(Map<String, Object> c) {
    return Golden.torchVersion((String) c.get("torch"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> torchCase(String name) throws Exception {
    try (InputStream in =
        ClassicExamplesTest.class.getResourceAsStream("/golden/classic-examples.json")) {
      Map<String, Object> doc = (Map<String, Object>) Golden.Json.parse(Golden.readAll(in));
      for (Object o : (List<Object>) doc.get("cases")) {
        Map<String, Object> c = (Map<String, Object>) o;
        if (name.equals(c.get("name"))) {
          c.put("torch", doc.get("torch"));
          return c;
        }
      }
    }
    throw new AssertionError("no case " + name + " in classic-examples.json");
  }

  private static float[] floats(Object list) {
    List<?> l = (List<?>) list;
    float[] f = new float[l.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = ((Number) l.get(i)).floatValue();
    }
    return f;
  }

  private static int[] ints(Object list) {
    List<?> l = (List<?>) list;
    int[] v = new int[l.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = ((Number) l.get(i)).intValue();
    }
    assertEquals(l.size(), v.length);
    return v;
  }
}
