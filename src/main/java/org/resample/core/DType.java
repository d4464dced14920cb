package org.resample.core;

/**
 * Element type of a {@link Tensor}: the three dtypes of {@code torch.nn.functional.interpolate} this
 * library supports.
 *
 * @since 0.1
 */
public enum DType {
  /** IEEE float32 ({@code torch.float32}); storage {@code float[]}. */
  FLOAT32("float32", 4),
  /** IEEE float64 ({@code torch.float64}); storage {@code double[]}. */
  FLOAT64("float64", 8),
  /** Unsigned 8-bit ({@code torch.uint8}); storage {@code byte[]} read as 0..255. */
  UINT8("uint8", 1);

  private final String torchName;
  private final int byteSize;

  DType(String torchName, int byteSize) {
    this.torchName = torchName;
    this.byteSize = byteSize;
  }

  /** PyTorch's name for this dtype, e.g. {@code "float32"}. */
  public String torchName() {
    return torchName;
  }

  /** Bytes per element. */
  public int byteSize() {
    return byteSize;
  }

  @Override
  public String toString() {
    return torchName;
  }
}
