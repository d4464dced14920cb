package org.resample.core.compat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import org.resample.core.Tensor;

/**
 * Times OpenCvResize (one thread) on the cases that bench/compat/opencv writes, and prints one
 * line per case: {@code id median_seconds max_diff}. Run through bench/compat/opencv, which times
 * cv2.resize on the same inputs and prints the ratios.
 */
public final class OpenCvBench {
  private OpenCvBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Paths.get(args[0]);
    double minTime = args.length > 1 ? Double.parseDouble(args[1]) : 0.3;
    List<OpenCvFixtures.Case> cases;
    try (InputStream npz = Files.newInputStream(dir.resolve("arrays.npz"))) {
      cases = OpenCvFixtures.read(
          new String(Files.readAllBytes(dir.resolve("cases.jsonl")), StandardCharsets.UTF_8), npz);
    }
    for (OpenCvFixtures.Case c : cases) {
      Tensor out = OpenCvResize.resize(c.input, c.outHeight(), c.outWidth(), c.interpolation);
      double diff = new OpenCvAgreement().add(c.key(), c.id, c.input, c.expected, out);
      // warm up, then the median of 7 timed batches of at least minTime / 7 seconds each
      long end = System.nanoTime() + (long) (minTime * 1e9);
      int calls = 0;
      while (System.nanoTime() < end || calls < 3) {
        OpenCvResize.resize(c.input, c.outHeight(), c.outWidth(), c.interpolation);
        calls++;
      }
      int batch = Math.max(1, calls / 7);
      double[] t = new double[7];
      for (int r = 0; r < t.length; r++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < batch; i++) {
          OpenCvResize.resize(c.input, c.outHeight(), c.outWidth(), c.interpolation);
        }
        t[r] = (System.nanoTime() - t0) / 1e9 / batch;
      }
      Arrays.sort(t);
      System.out.println(c.id + " " + t[t.length / 2] + " " + diff);
    }
  }
}
