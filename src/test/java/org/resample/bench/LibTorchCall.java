package org.resample.bench;

import java.util.Arrays;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
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
import org.bytedeco.pytorch.kTrilinear;
import org.resample.core.Tensor;
import org.resample.testing.TorchOracle;

/**
 * One {@link BenchCases} case as a libtorch call ({@code F::interpolate} of PyTorch 2.x's C++
 * library, the ATen CPU kernels the Python wheel runs) in this JVM, for {@link CompareMain}'s
 * libtorch column. The input is converted to a libtorch tensor once; {@link #call()} times only
 * {@code interpolate} and frees its result. libtorch's thread count is process-wide: {@link
 * #threads(int)} sets it.
 */
final class LibTorchCall implements AutoCloseable {
  /** The libtorch release the column names. */
  static final String VERSION = TorchOracle.VERSION;

  private final PointerScope scope;
  private final org.bytedeco.pytorch.Tensor input;
  private final InterpolateFuncOptions options;
  private final int[] outputShape;

  LibTorchCall(BenchCases c, Tensor x, boolean quick) {
    scope = new PointerScope();
    long[] shape = Arrays.stream(x.shape()).asLongStream().toArray();
    Pointer data;
    torch.ScalarType type;
    switch (x.dtype()) {
      case FLOAT32:
        data = new FloatPointer(x.floatData());
        type = torch.ScalarType.Float;
        break;
      case FLOAT64:
        data = new DoublePointer(x.doubleData());
        type = torch.ScalarType.Double;
        break;
      default:
        data = new BytePointer(x.uint8Data());
        type = torch.ScalarType.Byte;
        break;
    }
    input = torch.from_blob(data, shape, new TensorOptions(type)).clone();
    options = new InterpolateFuncOptions();
    options.size().put(new LongVector(Arrays.stream(c.outputSize(quick)).asLongStream().toArray()));
    options.mode().put(mode(c));
    if (c.alignCorners() != null) {
      options.align_corners().put(c.alignCorners());
    }
    options.antialias().put(c.antialias());
    outputShape = c.outputShape(quick);
  }

  static void threads(int n) {
    torch.set_num_threads(n);
  }

  /** One {@code interpolate} call; returns the number of output elements (checked against the case). */
  long call() {
    try (PointerScope s = new PointerScope()) {
      org.bytedeco.pytorch.Tensor y = torch.interpolate(input, options);
      long n = y.numel();
      if (y.dim() != outputShape.length || y.size(y.dim() - 1) != outputShape[outputShape.length - 1]) {
        throw new IllegalStateException("libtorch returned a tensor of " + y.dim() + " dims");
      }
      return n;
    }
  }

  private static InterpolateMode mode(BenchCases c) {
    switch (c.mode()) {
      case NEAREST:
        return new InterpolateMode(new kNearest());
      case LINEAR:
        return new InterpolateMode(new kLinear());
      case BILINEAR:
        return new InterpolateMode(new kBilinear());
      case BICUBIC:
        return new InterpolateMode(new kBicubic());
      case TRILINEAR:
        return new InterpolateMode(new kTrilinear());
      case AREA:
        return new InterpolateMode(new kArea());
      default:
        throw new IllegalArgumentException("no libtorch mode for " + c.mode());
    }
  }

  @Override
  public void close() {
    scope.close();
  }
}
