package org.resample.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Behaviour of the public API around the kernels: arguments, limits, options, versions. */
class InterpolateApiTest {

  private static Tensor randomFloat(long seed, int... shape) {
    Random r = new Random(seed);
    float[] d = new float[(int) Tensor.numel(shape)];
    for (int i = 0; i < d.length; i++) {
      d[i] = r.nextFloat() * 255;
    }
    return Tensor.ofFloat(d, shape);
  }

  @Test
  void modeOf_unknownName_listsValidModes() {
    InterpolateException e = assertThrows(InterpolateException.class, () -> Mode.of("cubic"));
    assertTrue(e.getMessage().contains("'cubic'"), e.getMessage());
    assertTrue(e.getMessage().contains(Mode.validNames()), e.getMessage());
  }

  @Test
  void modeOf_torchNames_roundTrip() {
    for (Mode m : Mode.values()) {
      assertEquals(m, Mode.of(m.torchName()));
    }
  }

  @Test
  void tensor_dataLengthNotShapeProduct_failsWithBothNumbers() {
    InterpolateException e =
        assertThrows(InterpolateException.class, () -> Tensor.ofFloat(new float[5], 1, 2, 3));
    assertTrue(e.getMessage().contains("data length 5"), e.getMessage());
    assertTrue(e.getMessage().contains("[1, 2, 3]"), e.getMessage());
  }

  @Test
  void tensor_negativeOrOverflowingShape_fails() {
    assertThrows(InterpolateException.class, () -> Tensor.ofFloat(new float[0], 1, -1, 3));
    assertThrows(
        InterpolateException.class,
        () -> Tensor.ofFloat(new float[1], 1 << 30, 1 << 30, 1 << 30, 1 << 30));
  }

  @Test
  void interpolate_outputAboveElementLimit_failsBeforeAllocating() {
    Tensor x = randomFloat(1, 1, 1, 4, 4);
    InterpolateOptions o =
        InterpolateOptions.builder().size(100, 100).maxOutputElements(9_999).build();
    InterpolateException e =
        assertThrows(InterpolateException.class, () -> Interpolate.interpolate(x, o));
    assertTrue(e.getMessage().contains("9999"), e.getMessage());
  }

  @Test
  void interpolate_outputBeyondIntRange_fails() {
    Tensor x = randomFloat(1, 1, 1, 4, 4);
    InterpolateOptions o = InterpolateOptions.builder().scaleFactor(1e9).build();
    assertThrows(InterpolateException.class, () -> Interpolate.interpolate(x, o));
    InterpolateOptions big = InterpolateOptions.builder().size(70_000, 70_000).build();
    assertThrows(InterpolateException.class, () -> Interpolate.interpolate(x, big));
  }

  @Test
  void options_copyTheirArrays() {
    int[] size = {4, 4};
    InterpolateOptions o = InterpolateOptions.builder().size(size).build();
    size[0] = 99;
    assertArrayEquals(new int[] {4, 4}, o.size());
    assertEquals(o, o.toBuilder().build());
  }

  @Test
  void upsample_appliesItsOptions_andZeroScaleMeansNotGiven() {
    Tensor x = randomFloat(2, 2, 3, 5, 7);
    Upsample up = Upsample.of(null, new double[] {2}, Mode.BILINEAR, null, null);
    assertArrayEquals(
        Interpolate.interpolate(x, up.options()).floatData(), up.apply(x).floatData());
    Upsample zero = Upsample.of(null, new double[] {0}, Mode.NEAREST, null, null);
    InterpolateException e = assertThrows(InterpolateException.class, () -> zero.apply(x));
    assertEquals("either size or scale_factor should be defined", e.getMessage());
  }

  @Test
  void parallelism_givesBitIdenticalResults() {
    Tensor x = randomFloat(3, 2, 4, 61, 47);
    // Large enough that four threads really split the planes (small calls stay on one thread).
    assertTrue(2 * 4 * 200 * 180 >= 4 * Kernels.MIN_OUTPUTS_PER_THREAD);
    for (Mode m : new Mode[] {Mode.NEAREST, Mode.BILINEAR, Mode.BICUBIC, Mode.AREA}) {
      for (boolean aa : new boolean[] {false, true}) {
        if (aa && !(m == Mode.BILINEAR || m == Mode.BICUBIC)) {
          continue;
        }
        InterpolateOptions.Builder b = InterpolateOptions.builder().size(200, 180).mode(m).antialias(aa);
        float[] serial = Interpolate.interpolate(x, b.build()).floatData();
        float[] parallel = Interpolate.interpolate(x, b.parallelism(4).build()).floatData();
        assertArrayEquals(serial, parallel, m + " antialias=" + aa);
      }
    }
  }

  @Test
  void antialias_unchangedAxes_skippedInTorch2_resampledInTorch113() {
    // PyTorch 2.x skips axes whose size does not change; 1.13 resamples them with the given scale.
    Tensor x = Tensor.ofFloat(new float[] {0, 1, 2, 3, 4}, 1, 1, 1, 5);
    InterpolateOptions.Builder b =
        InterpolateOptions.builder().scaleFactor(1.0, 1.1).mode(Mode.BILINEAR).antialias(true);
    float[] v2 = Interpolate.interpolate(x, b.torchVersion(TorchVersion.V2).build()).floatData();
    float[] v113 =
        Interpolate.interpolate(x, b.torchVersion(TorchVersion.V1_13).build()).floatData();
    assertArrayEquals(x.floatData(), v2);
    assertNotEquals(x.floatData()[1], v113[1]);
  }

  @Test
  void uint8_linearAndArea_areFloatResultsRoundedHalfEvenAndSaturated() {
    Random r = new Random(5);
    byte[] bytes = new byte[2 * 3 * 11];
    r.nextBytes(bytes);
    float[] asFloat = new float[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      asFloat[i] = bytes[i] & 0xFF;
    }
    for (Mode m : new Mode[] {Mode.LINEAR, Mode.AREA}) {
      InterpolateOptions o = InterpolateOptions.builder().size(7).mode(m).build();
      byte[] u8 = Interpolate.interpolate(Tensor.ofUint8(bytes, 2, 3, 11), o).uint8Data();
      float[] f = Interpolate.interpolate(Tensor.ofFloat(asFloat, 2, 3, 11), o).floatData();
      for (int i = 0; i < f.length; i++) {
        long expected = Math.max(0, Math.min(255, (long) Math.rint(f[i])));
        assertEquals(expected, u8[i] & 0xFF, m + " at " + i);
      }
    }
  }

  @Test
  void interpolate_doesNotModifyInput_andKeepsDtype() {
    Tensor x = randomFloat(7, 1, 2, 6, 6);
    float[] before = x.floatData().clone();
    Tensor y = Interpolate.interpolate(x, InterpolateOptions.builder().size(3).mode("bicubic").build());
    assertArrayEquals(before, x.floatData());
    assertEquals(DType.FLOAT32, y.dtype());
    assertArrayEquals(new int[] {1, 2, 3, 3}, y.shape());
  }

  @Test
  void interpolateInto_rejectsAShortArrayAWrongDtypeOrTheInputsArray() {
    Tensor x = Tensor.ofFloat(new float[2 * 3 * 4], 1, 2, 3, 4);
    InterpolateOptions o = InterpolateOptions.builder().size(6, 8).mode(Mode.BILINEAR).build();
    InterpolateException e =
        assertThrows(InterpolateException.class, () -> Interpolate.interpolateInto(x, o, new float[98], 3));
    assertEquals(
        "output array of length 98 cannot hold 96 elements from offset 3 (output shape [1, 2, 6, 8])",
        e.getMessage());
    e = assertThrows(InterpolateException.class, () -> Interpolate.interpolateInto(x, o, new double[96], 0));
    assertEquals("input tensor has dtype float32; this interpolateInto takes float64", e.getMessage());
    InterpolateOptions same = InterpolateOptions.builder().size(3, 4).mode(Mode.BILINEAR).build();
    e = assertThrows(InterpolateException.class, () -> Interpolate.interpolateInto(x, same, x.floatData(), 0));
    assertEquals("the output array must not be the input tensor's array", e.getMessage());
    float[] out = new float[99];
    assertArrayEquals(new int[] {1, 2, 6, 8}, Interpolate.interpolateInto(x, o, out, 3));
    assertArrayEquals(new int[] {1, 2, 6, 8}, Interpolate.outputShape(x.shape(), DType.FLOAT32, o));
  }
}
