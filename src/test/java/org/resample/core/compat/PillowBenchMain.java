package org.resample.core.compat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.resample.core.DType;
import org.resample.core.Tensor;
import org.resample.testing.Golden;

/**
 * Java side of {@code bench/compat/pillow}: times {@link PillowResize#resize} (one thread) on the
 * cases in {@code DIR/cases.json}, inputs in {@code DIR/<id>.npy}, and prints one JSON line per
 * case with the best of 7 samples, in milliseconds per call. Not a test.
 */
public final class PillowBenchMain {
  private PillowBenchMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Paths.get(args[0]);
    double minTime = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
    @SuppressWarnings("unchecked")
    List<Object> cases =
        (List<Object>) Golden.Json.parse(new String(Files.readAllBytes(dir.resolve("cases.json")),
            java.nio.charset.StandardCharsets.UTF_8));
    for (Object o : cases) {
      @SuppressWarnings("unchecked")
      Map<String, Object> c = (Map<String, Object>) o;
      String id = (String) c.get("id");
      DType dtype = "uint8".equals(c.get("dtype")) ? DType.UINT8 : DType.FLOAT32;
      Tensor in = Golden.Npy.read(Files.readAllBytes(dir.resolve(id + ".npy")), dtype, null, id);
      int outH = ((Number) c.get("out_h")).intValue();
      int outW = ((Number) c.get("out_w")).intValue();
      String filter = (String) c.get("filter");
      Object g = c.get("reducing_gap");
      Double gap = g == null ? null : ((Number) g).doubleValue();
      // warm up, then time batches until minTime has passed; report the median batch
      long end = System.nanoTime() + (long) (minTime * 1e9);
      while (System.nanoTime() < end) {
        PillowResize.resize(in, outH, outW, filter, gap);
      }
      int reps = 1;
      long t0 = System.nanoTime();
      PillowResize.resize(in, outH, outW, filter, gap);
      double one = (System.nanoTime() - t0) / 1e9;
      reps = (int) Math.max(1, Math.min(1000, 0.1 / Math.max(one, 1e-9)));
      double[] samples = new double[7];
      for (int s = 0; s < samples.length; s++) {
        long a = System.nanoTime();
        for (int r = 0; r < reps; r++) {
          PillowResize.resize(in, outH, outW, filter, gap);
        }
        samples[s] = (System.nanoTime() - a) / 1e6 / reps;
      }
      java.util.Arrays.sort(samples);
      System.out.println("{\"id\": \"" + id + "\", \"ms\": " + samples[0] + "}");
    }
  }
}
