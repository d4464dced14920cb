package org.resample.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.resample.testing.Golden;
import org.resample.testing.Golden.GoldenCase;

/** A prepared call gives exactly what {@link Interpolate#interpolate} gives, for every tensor. */
class PreparedInterpolationTest {
  @Test
  void preparedCallsGiveTheSameBitsAsInterpolate() {
    int checked = 0;
    for (GoldenCase c : Golden.loadResource("torch-2.x").cases()) {
      if (c.threads() != 1) {
        continue;
      }
      InterpolateOptions o = c.options(TorchVersion.V2);
      Tensor x = c.input();
      PreparedInterpolation p = Interpolate.prepare(x.shape(), x.dtype(), o);
      Tensor expected = Interpolate.interpolate(x, o);
      assertArrayEquals(expected.shape(), p.outputShape(), c::toString);
      // twice: the prepared call is reusable
      for (int round = 0; round < 2; round++) {
        Tensor y = p.apply(c.input());
        for (int i = 0; i < y.numel(); i++) {
          assertTrue(Golden.bitIdentical(expected, y, i), c + " element " + i);
        }
      }
      if (x.dtype() == DType.FLOAT32) {
        float[] out = new float[(int) expected.numel() + 3];
        p.applyInto(x, out, 3);
        assertArrayEquals(expected.floatData(), Arrays.copyOfRange(out, 3, out.length), c::toString);
      } else if (x.dtype() == DType.FLOAT64) {
        double[] out = new double[(int) expected.numel() + 3];
        p.applyInto(x, out, 3);
        assertArrayEquals(expected.doubleData(), Arrays.copyOfRange(out, 3, out.length), c::toString);
      }
      checked++;
    }
    assertTrue(checked > 4000, "only " + checked + " cases");
  }

  @Test
  void aTensorOfAnotherShapeOrDtypeIsRefused() {
    PreparedInterpolation p =
        Interpolate.prepare(new int[] {1, 3, 8, 8}, DType.FLOAT32,
            InterpolateOptions.builder().size(4, 4).mode(Mode.BILINEAR).build());
    InterpolateException e =
        assertThrows(InterpolateException.class, () -> p.apply(Tensor.zeros(DType.FLOAT32, 1, 3, 8, 9)));
    assertEquals(
        "this call was prepared for a float32 tensor of shape [1, 3, 8, 8]; got float32 [1, 3, 8, 9]"
            + " (prepare one per shape and dtype)",
        e.getMessage());
    assertThrows(InterpolateException.class, () -> p.apply(Tensor.zeros(DType.FLOAT64, 1, 3, 8, 8)));
    assertThrows(InterpolateException.class,
        () -> p.applyInto(Tensor.zeros(DType.FLOAT32, 1, 3, 8, 8), new float[47], 0));
  }

  @Test
  void anInvalidCallFailsWhenPrepared() {
    InterpolateException e =
        assertThrows(InterpolateException.class, () -> Interpolate.prepare(new int[] {1, 1, 4},
            DType.FLOAT32, InterpolateOptions.builder().size(4, 4).mode(Mode.LINEAR).build()));
    assertTrue(e.getMessage().contains("size"), e.getMessage());
  }
}
