package org.resample.core.compat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.resample.core.Tensor;
import org.resample.testing.Golden;

/**
 * Java side of {@code bench/compat/tensorflow}: times TensorFlowResize (this thread only) on the
 * cases and inputs the Python driver wrote, printing {@code <id> <median ms>} per case.
 */
public final class TensorFlowBench {
  private TensorFlowBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Paths.get(args[0]);
    int repeats = Integer.parseInt(args[1]);
    List<Map<String, Object>> cases =
        TensorFlowFixturesTest.parseJsonl(
            new String(Files.readAllBytes(dir.resolve("cases.jsonl")), StandardCharsets.UTF_8));
    for (Map<String, Object> c : cases) {
      String id = (String) c.get("id");
      Tensor input =
          Golden.Npy.read(Files.readAllBytes(dir.resolve(id + ".npy")),
              TensorFlowComparison.dtype((String) c.get("dtype")), null, id);
      long warmEnd = System.nanoTime() + 300_000_000L;
      int warm = 0;
      while (warm < 5 || System.nanoTime() < warmEnd) {
        TensorFlowComparison.ours(c, input);
        warm++;
      }
      double[] ms = new double[repeats];
      for (int r = 0; r < repeats; r++) {
        long t = System.nanoTime();
        TensorFlowComparison.ours(c, input);
        ms[r] = (System.nanoTime() - t) / 1e6;
      }
      Arrays.sort(ms);
      System.out.println(id + " " + ms[repeats / 2]);
    }
  }
}
