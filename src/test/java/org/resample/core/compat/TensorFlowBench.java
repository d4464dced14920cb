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
 * Java side of {@code bench/compat/tensorflow}: loads the cases and inputs the Python driver wrote,
 * then for each case id read from stdin times TensorFlowResize on this thread and prints {@code
 * <id> <median ms>}, so the driver can alternate TensorFlow and Java timings of one case.
 */
public final class TensorFlowBench {
  private TensorFlowBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Paths.get(args[0]);
    int repeats = Integer.parseInt(args[1]);
    List<Map<String, Object>> cases =
        TensorFlowFixturesTest.parseJsonl(
            new String(Files.readAllBytes(dir.resolve("cases.jsonl")), StandardCharsets.UTF_8));
    Map<String, Map<String, Object>> byId = new java.util.HashMap<>();
    Map<String, Tensor> inputs = new java.util.HashMap<>();
    for (Map<String, Object> c : cases) {
      String id = (String) c.get("id");
      byId.put(id, c);
      inputs.put(
          id,
          Golden.Npy.read(Files.readAllBytes(dir.resolve(id + ".npy")),
              Golden.dtypeOf((String) c.get("dtype")), null, id));
    }
    System.out.println("ready");
    java.io.BufferedReader in =
        new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String id; (id = in.readLine()) != null && !id.isEmpty(); ) {
      Map<String, Object> c = byId.get(id.trim());
      Tensor input = inputs.get(id.trim());
      long warmEnd = System.nanoTime() + 200_000_000L;
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
      System.out.println(id.trim() + " " + ms[repeats / 2]);
      System.out.flush();
    }
  }
}
