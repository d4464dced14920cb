package org.resample.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.resample.testing.Golden;
import org.resample.testing.Golden.FixtureSet;

/**
 * Differential test against the locally installed torch: {@code live_cases.py} draws fresh random
 * cases (seed from {@code -Dresample.live.seed}, else time-based, always printed), torch computes
 * them, and every case must match with the conformance tolerances. Skipped (with the reason
 * printed) when {@code -Dresample.python} (default /usr/bin/python3) cannot import torch.
 *
 * <p>Properties: {@code resample.live.seed}, {@code resample.live.count} (default 150), {@code
 * resample.python}.
 */
class LiveTorchDifferentialTest {
  static final String PYTHON = System.getProperty("resample.python", "/usr/bin/python3");
  static final int COUNT = Integer.getInteger("resample.live.count", 150);
  static final long TIMEOUT_SECONDS = 600;

  @TestFactory
  Stream<DynamicNode> liveTorchCases() throws Exception {
    String why = torchUnavailable();
    if (why != null) {
      System.out.println("LiveTorchDifferentialTest skipped: " + why);
    }
    Assumptions.assumeTrue(why == null, () -> "torch not available: " + why);

    long seed =
        Long.getLong(
            "resample.live.seed",
            (System.nanoTime() ^ System.currentTimeMillis()) & 0x7fff_ffffL);
    System.out.println(
        "LiveTorchDifferentialTest: seed "
            + seed
            + ", "
            + COUNT
            + " cases (reproduce with -Dresample.live.seed="
            + seed
            + ")");

    Path script = projectDir().resolve("src/test/python/live_cases.py");
    assertTrue(Files.isRegularFile(script), "missing " + script);
    Path out = Files.createTempDirectory("resample-live-");
    List<String> cmd = new ArrayList<>();
    cmd.add(PYTHON);
    cmd.add(script.toString());
    cmd.add("--seed");
    cmd.add(Long.toString(seed));
    cmd.add("--count");
    cmd.add(Integer.toString(COUNT));
    cmd.add("--out");
    cmd.add(out.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = Golden.readAll(p.getInputStream());
    boolean done = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    assertTrue(done, "live_cases.py timed out:\n" + log);
    assertEquals(0, p.exitValue(), () -> "live_cases.py failed (seed " + seed + "):\n" + log);
    System.out.print(log);

    FixtureSet set = Golden.loadDirectory(out);
    TorchVersion version = set.version();
    TorchConformanceTest.Stats stats =
        new TorchConformanceTest.Stats(
            "live, seed " + seed + " (torch " + set.torchVersionString() + ", " + version
                + " semantics)");
    Stream<DynamicNode> cases =
        set.cases().stream()
            .map(
                c ->
                    dynamicTest(
                        "seed " + seed + " " + c.describe(),
                        TorchConformanceTest.runCase(c, version, stats)));
    Stream<DynamicNode> summary =
        Stream.of(
            dynamicTest(
                "summary (seed " + seed + ")",
                () -> {
                  stats.printAndCheck(false);
                  deleteTree(out);
                }));
    return Stream.concat(cases, summary);
  }

  /** Null when {@link #PYTHON} can import torch and numpy, else why not. */
  static String torchUnavailable() {
    try {
      Process p =
          new ProcessBuilder(PYTHON, "-c", "import torch, numpy; print(torch.__version__)")
              .redirectErrorStream(true)
              .start();
      String log = Golden.readAll(p.getInputStream());
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return PYTHON + " -c 'import torch' did not finish in 120 s";
      }
      if (p.exitValue() != 0) {
        return PYTHON + " cannot import torch (exit " + p.exitValue() + "): " + log.trim();
      }
      return null;
    } catch (IOException e) {
      return "cannot run " + PYTHON + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  static Path projectDir() {
    String basedir = System.getProperty("basedir");
    if (basedir != null && new File(basedir, "pom.xml").isFile()) {
      return Paths.get(basedir);
    }
    return Paths.get(System.getProperty("user.dir"));
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
