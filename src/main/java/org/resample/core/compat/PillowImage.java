package org.resample.core.compat;

/**
 * One Pillow image as the profile sees it: {@code bands} planes of {@code height x width} pixels,
 * either 8-bit (modes L, RGB, RGBA/RGBa; one byte plane per band) or 32-bit float (mode F, one
 * plane). Planes lie one after the other in {@code bytes} or {@code floats} from {@code offset}, so
 * a tensor's image is viewed in place without a copy.
 */
final class PillowImage {
  final int bands;
  final int width;
  final int height;
  final byte[] bytes;
  final float[] floats;
  final int offset;

  private PillowImage(int bands, int width, int height, byte[] bytes, float[] floats, int offset) {
    this.bands = bands;
    this.width = width;
    this.height = height;
    this.bytes = bytes;
    this.floats = floats;
    this.offset = offset;
  }

  static PillowImage ofBytes(int bands, int width, int height, byte[] data, int offset) {
    return new PillowImage(bands, width, height, data, null, offset);
  }

  static PillowImage ofFloats(int width, int height, float[] data, int offset) {
    return new PillowImage(1, width, height, null, data, offset);
  }

  boolean isFloat() {
    return floats != null;
  }

  int planeSize() {
    return width * height;
  }

  /** Offset of band {@code b}'s first pixel. */
  int plane(int b) {
    return offset + b * planeSize();
  }

  /** A new image of the same kind and band count, {@code width x height}, zero-filled. */
  PillowImage blank(int width, int height) {
    int n = Math.multiplyExact(Math.multiplyExact(width, height), bands);
    return isFloat()
        ? ofFloats(width, height, new float[n], 0)
        : ofBytes(bands, width, height, new byte[n], 0);
  }

  /** Copies the pixels into {@code dst} from {@code dstOffset} (planes back to back). */
  void copyTo(Object dst, int dstOffset) {
    System.arraycopy(isFloat() ? floats : bytes, offset, dst, dstOffset, bands * planeSize());
  }

  /** The region {@code [x0, x1) x [y0, y1)} as a new image ({@code ImagingCrop}, inside bounds). */
  PillowImage crop(int x0, int y0, int x1, int y1) {
    PillowImage out = blank(x1 - x0, y1 - y0);
    for (int b = 0; b < bands; b++) {
      for (int y = y0; y < y1; y++) {
        int src = plane(b) + y * width + x0;
        int dst = out.plane(b) + (y - y0) * out.width;
        if (isFloat()) {
          System.arraycopy(floats, src, out.floats, dst, out.width);
        } else {
          System.arraycopy(bytes, src, out.bytes, dst, out.width);
        }
      }
    }
    return out;
  }
}
