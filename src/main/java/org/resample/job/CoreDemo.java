package org.resample.job;

import java.util.Locale;
import java.util.Random;
import org.resample.core.Interpolate;
import org.resample.core.InterpolateOptions;
import org.resample.core.Mode;
import org.resample.core.Tensor;

/**
 * A small demonstration of the core: resizes generated tensors in every mode and prints shapes,
 * checksums and timings. Run by {@code jobs/demo} until the Spark job lands.
 */
public final class CoreDemo {
  private CoreDemo() {}

  public static void main(String[] args) {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    Tensor x = Tensor.ofFloat(new float[] {1, 2, 3, 4, 5, 6}, 1, 1, 2, 3);
    Tensor y = Interpolate.interpolate(
        x, InterpolateOptions.builder().scaleFactor(2).mode(Mode.BILINEAR).alignCorners(true).build());
    System.out.println("bilinear, scale_factor=2, align_corners=True on [[1,2,3],[4,5,6]]:");
    int w = y.size(3);
    for (int r = 0; r < y.size(2); r++) {
      StringBuilder sb = new StringBuilder("  ");
      for (int c = 0; c < w; c++) {
        sb.append(String.format(Locale.ROOT, "%9.5f", y.floatData()[r * w + c]));
      }
      System.out.println(sb);
    }

    Random random = new Random(42);
    float[] pixels = new float[8 * 3 * 256 * 256];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextFloat() * 255;
    }
    Tensor images = Tensor.ofFloat(pixels, 8, 3, 256, 256);
    System.out.printf(Locale.ROOT, "%nresizing a generated batch %s with %d thread(s):%n",
        java.util.Arrays.toString(images.shape()), threads);
    String[][] calls = {
      {"nearest", "512", "false"}, {"nearest-exact", "512", "false"}, {"bilinear", "512", "false"},
      {"bicubic", "512", "false"}, {"bilinear", "96", "true"}, {"bicubic", "96", "true"},
      {"area", "64", "false"}
    };
    for (String[] c : calls) {
      InterpolateOptions o = InterpolateOptions.builder()
          .size(Integer.parseInt(c[1]))
          .mode(c[0])
          .antialias(Boolean.parseBoolean(c[2]))
          .parallelism(threads)
          .build();
      Interpolate.interpolate(images, o); // warm-up
      long t0 = System.nanoTime();
      Tensor out = Interpolate.interpolate(images, o);
      double ms = (System.nanoTime() - t0) / 1e6;
      double sum = 0;
      for (float v : out.floatData()) {
        sum += v;
      }
      System.out.printf(Locale.ROOT, "  %-14s antialias=%-5s -> %-18s mean %8.4f  %7.1f ms%n",
          c[0], c[2], java.util.Arrays.toString(out.shape()), sum / out.numel(), ms);
    }
  }
}
