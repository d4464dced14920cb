package org.resample.gpu;

import java.util.Locale;
import java.util.Map;

/**
 * The GPU backend's settings, read from Spark confs ({@code spark.resample.gpu.*}, with defaults
 * taken from the RAPIDS Accelerator's {@code spark.rapids.*} where it has the same notion). Every
 * value is checked here, once; a bad one fails with the key, the value and the valid form.
 */
final class GpuSettings {
  static final String PREFIX = "spark.resample.gpu.";
  /** Device ordinal outside Spark tasks, or for tasks that Spark assigned no GPU. */
  static final String DEVICE = PREFIX + "device";
  /** Spark resource name of the GPU; default {@value #RAPIDS_RESOURCE_NAME} or "gpu". */
  static final String RESOURCE_NAME = PREFIX + "resourceName";
  static final String RAPIDS_RESOURCE_NAME = "spark.rapids.gpu.resourceName";
  /** Fraction of the device's free memory the backend's own pool may hold (not with RMM). */
  static final String MEMORY_FRACTION = PREFIX + "memoryFraction";
  /** auto | true | false: allocate through the RAPIDS Accelerator's RMM pool. */
  static final String RMM = PREFIX + "rmm";
  /** Tasks of one executor using one GPU at the same time; default mirrors RAPIDS. */
  static final String CONCURRENT_TASKS = PREFIX + "concurrentTasks";
  static final String RAPIDS_CONCURRENT_TASKS = "spark.rapids.sql.concurrentGpuTasks";

  static final double DEFAULT_MEMORY_FRACTION = 0.5;
  static final int DEFAULT_CONCURRENT_TASKS = 2;

  /** How to take device memory. */
  enum Rmm {
    AUTO,
    TRUE,
    FALSE
  }

  /** The configured device ordinal, or -1 when none is configured. */
  final int device;
  final String resourceName;
  final double memoryFraction;
  final Rmm rmm;
  final int concurrentTasks;

  private GpuSettings(int device, String resourceName, double memoryFraction, Rmm rmm,
      int concurrentTasks) {
    this.device = device;
    this.resourceName = resourceName;
    this.memoryFraction = memoryFraction;
    this.rmm = rmm;
    this.concurrentTasks = concurrentTasks;
  }

  /**
   * Reads the settings from {@code conf} (null = all defaults).
   *
   * @throws IllegalArgumentException naming the key, the value and the valid form
   */
  static GpuSettings of(Map<String, String> conf) {
    Map<String, String> c = conf == null ? Map.of() : conf;
    int device = -1;
    String d = trimmed(c.get(DEVICE));
    if (d != null) {
      device = parseOrdinal(d, DEVICE + " must be a GPU ordinal (0, 1, ...)");
    }
    String name = trimmed(c.get(RESOURCE_NAME));
    if (name == null) {
      name = trimmed(c.get(RAPIDS_RESOURCE_NAME));
    }
    if (name == null) {
      name = "gpu";
    }
    double fraction = DEFAULT_MEMORY_FRACTION;
    String f = trimmed(c.get(MEMORY_FRACTION));
    if (f != null) {
      try {
        fraction = Double.parseDouble(f);
      } catch (NumberFormatException e) {
        fraction = Double.NaN;
      }
      if (!(fraction > 0 && fraction <= 1)) {
        throw new IllegalArgumentException(MEMORY_FRACTION + " must be a number in (0, 1], got '"
            + f + "'");
      }
    }
    Rmm rmm = Rmm.AUTO;
    String r = trimmed(c.get(RMM));
    if (r != null) {
      try {
        rmm = Rmm.valueOf(r.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(RMM + " must be auto, true or false, got '" + r + "'",
            e);
      }
    }
    int tasks = DEFAULT_CONCURRENT_TASKS;
    String key = c.containsKey(CONCURRENT_TASKS) ? CONCURRENT_TASKS : RAPIDS_CONCURRENT_TASKS;
    String t = trimmed(c.get(key));
    if (t != null) {
      tasks = parseOrdinal(t, key + " must be a whole number >= 1");
      if (tasks < 1) {
        throw new IllegalArgumentException(key + " must be a whole number >= 1, got '" + t + "'");
      }
    }
    return new GpuSettings(device, name, fraction, rmm, tasks);
  }

  /** A non-negative int, or IllegalArgumentException with {@code what} and the value. */
  static int parseOrdinal(String s, String what) {
    try {
      int v = Integer.parseInt(s.trim());
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(what + ", got '" + s + "'");
  }

  private static String trimmed(String s) {
    return s == null || s.trim().isEmpty() ? null : s.trim();
  }
}
