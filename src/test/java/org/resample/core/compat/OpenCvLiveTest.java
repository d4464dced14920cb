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
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.resample.core.Tensor;

/**
 * Differential test against the installed opencv-python: {@code live_opencv.py} draws random cases
 * (seed from {@code -Dresample.live.seed}, else time-based, always printed), cv2.resize computes
 * them, and OpenCvResize must agree within {@link OpenCvAgreement#bound}. The library must be
 * installed in {@code <project>/.venv} (or {@code -Dresample.opencv.python}); the test fails,
 * saying how to install it, when it is not.
 */
class OpenCvLiveTest {
  static final int COUNT = Integer.getInteger("resample.live.count", 180);
  static final String REQUIREMENTS = "src/test/python/compat/requirements-opencv.txt";

  @Test
  void randomResizesAgreeWithTheInstalledOpenCv() throws Exception {
    Path project = projectDir();
    String python = System.getProperty("resample.opencv.python",
        project.resolve(".venv/bin/python").toString());
    String install = "create it with: python3 -m venv .venv && .venv/bin/pip install -r " + REQUIREMENTS
        + " (run in " + project + ")";
    if (!new File(python).canExecute()) {
      fail("OpenCvLiveTest needs a Python with numpy and opencv-python at " + python + "; " + install);
    }
    String probe = run(project, python, "-c", "import cv2, numpy; print(cv2.__version__)");
    if (probe.startsWith("exit ")) {
      fail(python + " cannot import cv2 and numpy (" + probe.trim() + "); " + install);
    }
    long seed = Long.getLong("resample.live.seed",
        (System.nanoTime() ^ System.currentTimeMillis()) & 0x7fff_ffffL);
    System.out.println("OpenCvLiveTest: opencv " + probe.trim() + ", seed " + seed + ", " + COUNT
        + " cases (reproduce with -Dresample.live.seed=" + seed + ")");
    Path out = Files.createTempDirectory("resample-opencv-live-");
    try {
      String log = run(project, python, project.resolve("src/test/python/compat/live_opencv.py").toString(),
          "--seed", Long.toString(seed), "--count", Integer.toString(COUNT), "--out", out.toString());
      assertTrue(!log.startsWith("exit "), "live_opencv.py failed (seed " + seed + "):\n" + log);
      List<OpenCvFixtures.Case> cases;
      try (InputStream npz = Files.newInputStream(out.resolve("arrays.npz"))) {
        cases = OpenCvFixtures.read(
            new String(Files.readAllBytes(out.resolve("cases.jsonl")), StandardCharsets.UTF_8), npz);
      }
      assertEquals(COUNT, cases.size());
      OpenCvAgreement agreement = new OpenCvAgreement();
      StringBuilder failures = new StringBuilder();
      for (OpenCvFixtures.Case c : cases) {
        Tensor got = OpenCvResize.resize(c.input, c.outHeight(), c.outWidth(), c.interpolation);
        double worst = agreement.add(c.key(), c.id, c.input, c.expected, got);
        if (worst > OpenCvAgreement.bound(c.interpolation, c.dtype)) {
          failures.append(c.id).append(' ').append(java.util.Arrays.toString(c.input.shape()))
              .append(" -> ").append(c.outHeight()).append('x').append(c.outWidth())
              .append(": ").append(worst).append('\n');
        }
      }
      System.out.println("OpenCvLiveTest, seed " + seed + "\n" + agreement.table());
      assertEquals("", failures.toString(), "seed " + seed + ": cases beyond the bound");
    } finally {
      try (Stream<Path> walk = Files.walk(out)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Runs a command; its output, or "exit N: output" when it fails. */
  private static String run(Path dir, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "exit timeout: " + log;
    }
    return p.exitValue() == 0 ? log : "exit " + p.exitValue() + ": " + log;
  }

  private static Path projectDir() {
    String basedir = System.getProperty("basedir");
    if (basedir != null && new File(basedir, "pom.xml").isFile()) {
      return Paths.get(basedir);
    }
    return Paths.get("").toAbsolutePath();
  }
}
