package org.resample.testing;

import java.util.Arrays;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.DoubleVector;
import org.bytedeco.pytorch.InterpolateFuncOptions;
import org.bytedeco.pytorch.InterpolateMode;
import org.bytedeco.pytorch.LongVector;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.kArea;
import org.bytedeco.pytorch.kBicubic;
import org.bytedeco.pytorch.kBilinear;
import org.bytedeco.pytorch.kLinear;
import org.bytedeco.pytorch.kNearest;
import org.bytedeco.pytorch.kNearestExact;
import org.bytedeco.pytorch.kTrilinear;
import org.resample.core.Tensor;

/**
 * PyTorch 2.x in the test JVM: {@code torch.nn.functional.interpolate} of libtorch (the C++
 * frontend's {@code F::interpolate}, which runs the same ATen CPU kernels as the Python wheel),
 * through the JavaCPP presets (test scope only). The build unpacks libtorch's natives into
 * JavaCPP's cache before the tests run (see pom.xml), because loading them from an empty cache can
 * crash the JVM.
 *
 * <p>Every call frees its native tensors ({@link PointerScope}). libtorch's thread count is global
 * to the process; {@link #interpolate} sets it for each call, so callers serialise on this class.
 */
public final class TorchOracle {
  /** The libtorch release on the test classpath. */
  public static final String VERSION = "2.10.0";

  private TorchOracle() {}

  /** One call's arguments, as {@code F.interpolate} takes them (null = not passed). */
  public record Call(
      String mode,
      int[] size,
      double[] scaleFactor,
      Boolean alignCorners,
      Boolean recomputeScaleFactor,
      boolean antialias) {
    @Override
    public String toString() {
      return mode + Golden.arguments(size, scaleFactor, alignCorners, recomputeScaleFactor, antialias);
    }
  }

  /**
   * {@code F.interpolate(x, ...)} computed by libtorch with {@code threads} intra-op threads.
   *
   * @throws RuntimeException with ATen's message (first line) when torch rejects the call
   */
  public static synchronized Tensor interpolate(Tensor x, Call call, int threads) {
    try (PointerScope scope = new PointerScope()) {
      torch.set_num_threads(threads);
      long[] shape = Arrays.stream(x.shape()).asLongStream().toArray();
      org.bytedeco.pytorch.Tensor in = toTorch(x, shape);
      InterpolateFuncOptions o = new InterpolateFuncOptions();
      if (call.size() != null) {
        o.size().put(new LongVector(Arrays.stream(call.size()).asLongStream().toArray()));
      }
      if (call.scaleFactor() != null) {
        o.scale_factor().put(new DoubleVector(call.scaleFactor()));
      }
      o.mode().put(mode(call.mode()));
      if (call.alignCorners() != null) {
        o.align_corners().put(call.alignCorners());
      }
      if (call.recomputeScaleFactor() != null) {
        o.recompute_scale_factor().put(call.recomputeScaleFactor());
      }
      o.antialias().put(call.antialias());
      org.bytedeco.pytorch.Tensor y;
      try {
        y = torch.interpolate(in, o).contiguous();
      } catch (RuntimeException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        throw new RuntimeException(nl < 0 ? m : m.substring(0, nl), e);
      }
      int[] outShape = new int[(int) y.dim()];
      for (int d = 0; d < outShape.length; d++) {
        outShape[d] = (int) y.size(d);
      }
      int n = (int) y.numel();
      switch (x.dtype()) {
        case FLOAT32: {
          float[] out = new float[n];
          if (n > 0) {
            new FloatPointer(y.data_ptr_float()).get(out);
          }
          return Tensor.ofFloat(out, outShape);
        }
        case FLOAT64: {
          double[] out = new double[n];
          if (n > 0) {
            new DoublePointer(y.data_ptr_double()).get(out);
          }
          return Tensor.ofDouble(out, outShape);
        }
        default: {
          byte[] out = new byte[n];
          if (n > 0) {
            new BytePointer(y.data_ptr_byte()).get(out);
          }
          return Tensor.ofUint8(out, outShape);
        }
      }
    }
  }

  private static org.bytedeco.pytorch.Tensor toTorch(Tensor x, long[] shape) {
    switch (x.dtype()) {
      case FLOAT32:
        return torch.from_blob(
                new FloatPointer(x.floatData()), shape, new TensorOptions(torch.ScalarType.Float))
            .clone();
      case FLOAT64:
        return torch.from_blob(
                new DoublePointer(x.doubleData()), shape, new TensorOptions(torch.ScalarType.Double))
            .clone();
      case UINT8:
        return torch.from_blob(
                new BytePointer(x.uint8Data()), shape, new TensorOptions(torch.ScalarType.Byte))
            .clone();
      default:
        throw new IllegalArgumentException("dtype " + x.dtype());
    }
  }

  private static InterpolateMode mode(String name) {
    switch (name) {
      case "nearest":
        return new InterpolateMode(new kNearest());
      case "nearest-exact":
        return new InterpolateMode(new kNearestExact());
      case "linear":
        return new InterpolateMode(new kLinear());
      case "bilinear":
        return new InterpolateMode(new kBilinear());
      case "bicubic":
        return new InterpolateMode(new kBicubic());
      case "trilinear":
        return new InterpolateMode(new kTrilinear());
      case "area":
        return new InterpolateMode(new kArea());
      default:
        throw new IllegalArgumentException("libtorch " + VERSION + " has no mode " + name);
    }
  }
}
