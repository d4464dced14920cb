package org.resample.core.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.resample.core.Tensor;
import org.resample.testing.Golden;

/**
 * TensorFlowResize against TensorFlow itself, live: seeded random cases (every v2 method and v1
 * op, random flags, dtypes, batch, channels and sizes 1..40) run through TensorFlow in the
 * project's venv ({@code <repo>/.venv/bin/python} with {@code
 * src/test/python/compat/requirements-tensorflow.txt}) and compared: uint8 and float64 outputs
 * exactly, float32 within {@value TensorFlowComparison#FLOAT32_TOLERANCE_ULPS} ulps of max|input|.
 * Fails, saying how to install it, when the venv or TensorFlow is missing. Seed: {@code
 * -Dresample.live.seed}, random otherwise (printed).
 */
class TensorFlowLiveTest {
  private static final int COUNT = 150;

  @Test
  void randomCasesAgreeWithTensorFlow() throws Exception {
    Path repo = projectDir();
    Path python = repo.resolve(".venv/bin/python");
    String install =
        "; create it with: python3 -m venv .venv && .venv/bin/pip install -r"
            + " src/test/python/compat/requirements-tensorflow.txt (in "
            + repo
            + ")";
    if (!Files.isExecutable(python)) {
      fail("TensorFlowLiveTest needs " + python + install);
    }
    String[] probe = run(List.of(python.toString(), "-c", "import numpy, tensorflow"), 300);
    if (!probe[0].equals("0")) {
      fail(python + " cannot import tensorflow and numpy: " + probe[1].trim() + install);
    }
    long seed =
        Long.getLong("resample.live.seed", (System.nanoTime() ^ System.currentTimeMillis()) & 0x7fffffffL);
    Path dir = Files.createTempDirectory("tf-live-");
    try {
      Path script = repo.resolve("src/test/python/compat/live_tensorflow.py");
      String[] r =
          run(List.of(python.toString(), script.toString(), dir.toString(), Long.toString(seed),
              Integer.toString(COUNT)), 600);
      assertEquals("0", r[0], () -> "live_tensorflow.py failed (seed " + seed + "):\n" + r[1]);
      Map<String, byte[]> arrays;
      try (InputStream in = Files.newInputStream(dir.resolve("arrays.npz"))) {
        arrays = TensorFlowFixturesTest.npz(in);
      }
      List<Map<String, Object>> cases =
          TensorFlowFixturesTest.parseJsonl(
              new String(Files.readAllBytes(dir.resolve("cases.jsonl")), StandardCharsets.UTF_8));
      assertEquals(COUNT, cases.size());
      TensorFlowComparison cmp = new TensorFlowComparison();
      List<String> failures = new ArrayList<>();
      for (Map<String, Object> c : cases) {
        String id = (String) c.get("id");
        Tensor input =
            Golden.Npy.read(arrays.get(id + "_in.npy"),
                Golden.dtypeOf((String) c.get("dtype")),
                TensorFlowFixturesTest.ints((List<?>) c.get("shape")), id);
        Tensor tf =
            Golden.Npy.read(arrays.get(id + "_out.npy"),
                Golden.dtypeOf((String) c.get("out_dtype")), null, id);
        String f =
            cmp.compare(c, input, tf, TensorFlowComparison.ours(c, input),
                TensorFlowComparison.FLOAT32_TOLERANCE_ULPS);
        if (f != null) {
          failures.add(f + " " + c);
        }
      }
      System.out.println("TensorFlowLiveTest seed " + seed + " (reproduce with -Dresample.live.seed="
          + seed + "):\n" + cmp.report());
      assertEquals(List.of(), failures, "seed " + seed);
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  /** Runs a command; returns {exit code, output}. */
  private static String[] run(List<String> cmd, int timeoutSeconds)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = Golden.readAll(p.getInputStream());
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new String[] {"timeout", log};
    }
    return new String[] {Integer.toString(p.exitValue()), log};
  }

  private static Path projectDir() {
    String basedir = System.getProperty("basedir");
    if (basedir != null && new File(basedir, "pom.xml").isFile()) {
      return Paths.get(basedir);
    }
    Path p = Paths.get("").toAbsolutePath();
    while (p != null && !Files.isRegularFile(p.resolve("pom.xml"))) {
      p = p.getParent();
    }
    assertTrue(p != null, "cannot find the project directory (pom.xml)");
    return p;
  }
}
