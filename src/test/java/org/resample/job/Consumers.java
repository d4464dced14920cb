package org.resample.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The libraries that consume the job's output, run as they are: Python with pyarrow, datasets,
 * numpy and Pillow (and Ray where it installed) from the project's {@code .venv}, which {@code
 * .ci/run} creates; {@code -Dresample.consumers.python=...} names another interpreter. Each call runs
 * src/test/python/read_job_output.py and returns the JSON it wrote.
 */
final class Consumers {
  private Consumers() {}

  static String python() {
    String p = System.getProperty("resample.consumers.python");
    Path py = p != null ? Path.of(p) : JobTesting.projectDir().resolve(".venv/bin/python");
    if (!Files.isExecutable(py)) {
      fail("no Python with the consumer libraries at " + py + ": run .ci/run, or create it with "
          + "python3 -m venv .venv && .venv/bin/pip install pyarrow datasets numpy pillow");
    }
    return py.toString();
  }

  /** True when {@code module} imports in {@link #python()}. */
  static boolean has(String module) {
    try {
      Process pr = new ProcessBuilder(python(), "-c", "import " + module).redirectErrorStream(true).start();
      pr.getInputStream().readAllBytes();
      return pr.waitFor(2, TimeUnit.MINUTES) && pr.exitValue() == 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs {@code read_job_output.py COMMAND ARGS... OUT.json} and returns the JSON. */
  static JsonNode read(Path work, String command, String... args) {
    Path out = work.resolve(command + "-" + System.nanoTime() + ".json");
    List<String> cmd = new ArrayList<>(List.of(python(),
        JobTesting.projectDir().resolve("src/test/python/read_job_output.py").toString(), command));
    cmd.addAll(List.of(args));
    cmd.add(out.toString());
    Path log = work.resolve(command + "-" + System.nanoTime() + ".log");
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.redirectOutput(log.toFile());
      pb.environment().put("HF_DATASETS_CACHE", work.resolve("hf-cache").toString());
      pb.environment().put("HF_HUB_OFFLINE", "1");
      Process p = pb.start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        fail(command + " did not finish in 5 minutes:\n" + JobTesting.tail(log));
      }
      assertEquals(0, p.exitValue(), () -> "read_job_output.py " + command + " failed:\n" + JobTesting.tail(log));
      return new ObjectMapper().readTree(Files.readString(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
