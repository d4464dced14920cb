package org.resample.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.resample.core.Interpolate;
import org.resample.core.InterpolateOptions;
import org.resample.core.Tensor;

/**
 * Times this library on the {@link BenchCases} cases, best-of-N after warm-up, and writes the
 * results as JSON: the Java half of {@code bench/compare} (whose Python half,
 * {@code src/test/python/compare_speed.py}, times PyTorch, OpenCV and Pillow the same way on the
 * shapes this writes, and prints the comparison table).
 *
 * <p>Method, per case and thread count (the Python side does exactly the same):
 *
 * <ol>
 *   <li>warm-up: call until at least 2 calls and at least {@code --warmup-s} seconds have passed;
 *   <li>calibrate: {@code k = max(1, ceil(min-time / mean warm-up call))} calls per measurement, so
 *       that the tiny cases are not timed one {@link System#nanoTime()} tick at a time;
 *   <li>measure {@code --repeats} times {@code k} calls; report the best (and the median) per-call
 *       time.
 * </ol>
 *
 * <pre>
 * java -Xmx4g -cp target/classes:target/test-classes org.resample.bench.CompareMain \
 *     [--threads 1,2] [--repeats 5] [--warmup-s 1.0] [--min-time-s 0.1] [--cases a,b,c] \
 *     [--quick] [--seed S] [--json FILE] [--list]
 * </pre>
 *
 * {@code --list} writes only the case definitions. The JSON goes to {@code --json FILE}, or to
 * stdout when none is given; progress goes to stderr.
 */
public final class CompareMain {

  /** What to run. */
  public static final class Config {
    List<BenchCases> cases = new ArrayList<>(Arrays.asList(BenchCases.values()));
    int[] threads = {1, 2};
    int repeats = 5;
    double warmupSeconds = 1.0;
    double minTimeSeconds = 0.1;
    boolean quick;
    long seed = BenchCases.DEFAULT_SEED;
    String jsonPath;
    boolean listOnly;
    boolean libtorch;

    public Config cases(List<BenchCases> v) {
      cases = new ArrayList<>(v);
      return this;
    }

    public Config threads(int... v) {
      threads = v.clone();
      return this;
    }

    public Config repeats(int v) {
      repeats = v;
      return this;
    }

    public Config warmupSeconds(double v) {
      warmupSeconds = v;
      return this;
    }

    public Config minTimeSeconds(double v) {
      minTimeSeconds = v;
      return this;
    }

    public Config quick(boolean v) {
      quick = v;
      return this;
    }

    public Config seed(long v) {
      seed = v;
      return this;
    }

    /** Also time libtorch (PyTorch 2.x's C++ library, on the classpath) on each case, alternating. */
    public Config libtorch(boolean v) {
      libtorch = v;
      return this;
    }
  }

  /** The timing of one case at one thread count. */
  public static final class Result {
    public final BenchCases benchCase;
    public final int threads;
    /** Calls per measurement. */
    public final int callsPerRepeat;
    /** Per-call milliseconds of each measurement. */
    public final double[] runsMs;
    /** The shape the call returned. */
    public final int[] outputShape;
    /** libtorch's calls per measurement (0: libtorch not timed). */
    public final int torchCallsPerRepeat;
    /** libtorch's per-call milliseconds of each measurement, each right after ours (null: not timed). */
    public final double[] torchRunsMs;

    Result(BenchCases benchCase, int threads, int callsPerRepeat, double[] runsMs, int[] outputShape,
        int torchCallsPerRepeat, double[] torchRunsMs) {
      this.benchCase = benchCase;
      this.threads = threads;
      this.callsPerRepeat = callsPerRepeat;
      this.runsMs = runsMs;
      this.outputShape = outputShape;
      this.torchCallsPerRepeat = torchCallsPerRepeat;
      this.torchRunsMs = torchRunsMs;
    }

    public double bestMs() {
      return best(runsMs);
    }

    public double medianMs() {
      return median(runsMs);
    }

    /** libtorch's best per-call milliseconds (NaN when not timed). */
    public double torchBestMs() {
      return torchRunsMs == null ? Double.NaN : best(torchRunsMs);
    }

    public double torchMedianMs() {
      return torchRunsMs == null ? Double.NaN : median(torchRunsMs);
    }

    private static double best(double[] runs) {
      return Arrays.stream(runs).min().orElse(Double.NaN);
    }

    private static double median(double[] runs) {
      double[] s = runs.clone();
      Arrays.sort(s);
      int n = s.length;
      return n == 0 ? Double.NaN : (n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2);
    }
  }

  /** Keeps results reachable so the JIT cannot drop the calls. */
  private static volatile long sink;

  private CompareMain() {}

  public static void main(String[] args) throws IOException {
    System.exit(execute(args, System.out, System.err));
  }

  /** Runs the command line {@code args}; returns the exit status. */
  public static int execute(String[] args, PrintStream out, PrintStream log) throws IOException {
    Config cfg;
    try {
      cfg = parseArgs(args);
    } catch (IllegalArgumentException e) {
      log.println("CompareMain: " + e.getMessage());
      return 2;
    }
    String json;
    if (cfg.listOnly) {
      json = toJson(cfg, List.of());
    } else {
      json = toJson(cfg, run(cfg, log));
    }
    if (cfg.jsonPath != null) {
      Path p = Paths.get(cfg.jsonPath);
      if (p.toAbsolutePath().getParent() != null) {
        Files.createDirectories(p.toAbsolutePath().getParent());
      }
      Files.write(p, json.getBytes(StandardCharsets.UTF_8));
    } else {
      out.println(json);
    }
    return 0;
  }

  static Config parseArgs(String[] args) {
    Config c = new Config();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--threads":
          c.threads = Arrays.stream(value(args, ++i, a).split(","))
              .filter(s -> !s.isBlank())
              .mapToInt(s -> Integer.parseInt(s.trim()))
              .toArray();
          if (c.threads.length == 0 || Arrays.stream(c.threads).anyMatch(t -> t < 1)) {
            throw new IllegalArgumentException("--threads needs positive integers, e.g. 1,2");
          }
          break;
        case "--repeats":
          c.repeats = Integer.parseInt(value(args, ++i, a));
          if (c.repeats < 1) {
            throw new IllegalArgumentException("--repeats must be >= 1");
          }
          break;
        case "--warmup-s":
          c.warmupSeconds = Double.parseDouble(value(args, ++i, a));
          break;
        case "--min-time-s":
          c.minTimeSeconds = Double.parseDouble(value(args, ++i, a));
          break;
        case "--cases":
          c.cases = BenchCases.parse(value(args, ++i, a));
          break;
        case "--seed":
          c.seed = Long.parseLong(value(args, ++i, a));
          break;
        case "--json":
          c.jsonPath = value(args, ++i, a);
          break;
        case "--quick":
          c.quick = true;
          break;
        case "--list":
          c.listOnly = true;
          break;
        case "--libtorch":
          c.libtorch = true;
          break;
        default:
          throw new IllegalArgumentException(
              "unknown argument '" + a + "'; usage: [--threads 1,2] [--repeats N] [--warmup-s S]"
                  + " [--min-time-s S] [--cases a,b] [--quick] [--seed S] [--json FILE] [--list] [--libtorch]");
      }
    }
    return c;
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  /** Times every case at every thread count of {@code cfg}; progress lines go to {@code log}. */
  public static List<Result> run(Config cfg, PrintStream log) {
    List<Result> results = new ArrayList<>();
    for (BenchCases c : cfg.cases) {
      Tensor input = c.newInput(cfg.quick, cfg.seed);
      try (LibTorchCall torchCall = cfg.libtorch ? new LibTorchCall(c, input, cfg.quick) : null) {
        for (int t : cfg.threads) {
          Result r = time(c, input, c.options(cfg.quick, t), t, cfg, torchCall);
          results.add(r);
          if (log != null) {
            log.printf(Locale.ROOT, "ours  %-22s threads=%d  best %10.3f ms  median %10.3f ms  (%d x %d calls)%n",
                c.id(), t, r.bestMs(), r.medianMs(), cfg.repeats, r.callsPerRepeat);
            if (torchCall != null) {
              log.printf(Locale.ROOT, "torch %-22s threads=%d  best %10.3f ms  median %10.3f ms  (%d x %d calls)"
                      + "  ours/torch %.2f%n",
                  c.id(), t, r.torchBestMs(), r.torchMedianMs(), cfg.repeats, r.torchCallsPerRepeat,
                  r.bestMs() / r.torchBestMs());
            }
          }
        }
      }
    }
    return results;
  }

  /**
   * Times ours and, when {@code torchCall} is given, libtorch: both warmed up and calibrated, then
   * {@code repeats} measurements taken alternately (ours, libtorch, ours, ...), so that both see the
   * same machine.
   */
  private static Result time(BenchCases c, Tensor input, InterpolateOptions opts, int threads,
      Config cfg, LibTorchCall torchCall) {
    Tensor[] out = new Tensor[1];
    Runnable ours = () -> {
      out[0] = Interpolate.interpolate(input, opts);
      consume(out[0]);
    };
    Runnable torch = torchCall == null ? null : () -> sink += torchCall.call();
    if (torch != null) {
      LibTorchCall.threads(threads);
    }
    int k = calibrate(ours, cfg);
    int kt = torch == null ? 0 : calibrate(torch, cfg);
    double[] runs = new double[cfg.repeats];
    double[] torchRuns = torch == null ? null : new double[cfg.repeats];
    for (int r = 0; r < cfg.repeats; r++) {
      runs[r] = measure(ours, k);
      if (torch != null) {
        torchRuns[r] = measure(torch, kt);
      }
    }
    return new Result(c, threads, k, runs, out[0].shape(), kt, torchRuns);
  }

  /** Warm-up (at least 2 calls and at least warmupSeconds); returns the calls per measurement. */
  private static int calibrate(Runnable call, Config cfg) {
    long warmNs = (long) (cfg.warmupSeconds * 1e9);
    long start = System.nanoTime();
    int warmCalls = 0;
    long elapsed;
    do {
      call.run();
      warmCalls++;
      elapsed = System.nanoTime() - start;
    } while (warmCalls < 2 || elapsed < warmNs);
    double perCallNs = (double) elapsed / warmCalls;
    return (int) Math.max(1, Math.min(1_000_000, Math.ceil(cfg.minTimeSeconds * 1e9 / perCallNs)));
  }

  /** Per-call milliseconds of {@code k} calls. */
  private static double measure(Runnable call, int k) {
    long t0 = System.nanoTime();
    for (int i = 0; i < k; i++) {
      call.run();
    }
    return (System.nanoTime() - t0) / 1e6 / k;
  }

  private static void consume(Tensor t) {
    long h = t.numel();
    switch (t.dtype()) {
      case FLOAT32:
        h += Float.floatToRawIntBits(t.floatData()[0]);
        break;
      case FLOAT64:
        h += Double.doubleToRawLongBits(t.doubleData()[0]);
        break;
      default:
        h += t.uint8Data()[0];
        break;
    }
    sink += h;
  }

  /** The JSON document: settings, case definitions and results. */
  public static String toJson(Config cfg, List<Result> results) {
    StringBuilder sb = new StringBuilder();
    sb.append("{\n  \"tool\": \"org.resample.bench.CompareMain\",\n");
    sb.append("  \"java_version\": \"").append(System.getProperty("java.version")).append("\",\n");
    sb.append("  \"available_processors\": ").append(Runtime.getRuntime().availableProcessors()).append(",\n");
    sb.append("  \"quick\": ").append(cfg.quick).append(",\n");
    sb.append("  \"repeats\": ").append(cfg.repeats).append(",\n");
    sb.append("  \"warmup_s\": ").append(num(cfg.warmupSeconds)).append(",\n");
    sb.append("  \"min_time_s\": ").append(num(cfg.minTimeSeconds)).append(",\n");
    sb.append("  \"seed\": ").append(cfg.seed).append(",\n");
    sb.append("  \"threads\": ").append(Arrays.toString(cfg.threads)).append(",\n");
    sb.append("  \"libtorch\": ").append(cfg.libtorch ? "\"" + LibTorchCall.VERSION + "\"" : "null")
        .append(",\n");
    sb.append("  \"cases\": [");
    for (int i = 0; i < cfg.cases.size(); i++) {
      sb.append(i == 0 ? "\n    " : ",\n    ").append(cfg.cases.get(i).toJson(cfg.quick));
    }
    sb.append("\n  ],\n  \"results\": [");
    for (int i = 0; i < results.size(); i++) {
      Result r = results.get(i);
      sb.append(i == 0 ? "\n    " : ",\n    ")
          .append("{\"case\": \"").append(r.benchCase.id()).append("\"")
          .append(", \"threads\": ").append(r.threads)
          .append(", \"best_ms\": ").append(num(r.bestMs()))
          .append(", \"median_ms\": ").append(num(r.medianMs()))
          .append(", \"calls_per_repeat\": ").append(r.callsPerRepeat)
          .append(", \"runs_ms\": [");
      for (int j = 0; j < r.runsMs.length; j++) {
        sb.append(j == 0 ? "" : ", ").append(num(r.runsMs[j]));
      }
      sb.append("], \"output_shape\": ").append(Arrays.toString(r.outputShape));
      if (r.torchRunsMs != null) {
        sb.append(", \"libtorch_best_ms\": ").append(num(r.torchBestMs()))
            .append(", \"libtorch_median_ms\": ").append(num(r.torchMedianMs()))
            .append(", \"libtorch_calls_per_repeat\": ").append(r.torchCallsPerRepeat)
            .append(", \"libtorch_runs_ms\": [");
        for (int j = 0; j < r.torchRunsMs.length; j++) {
          sb.append(j == 0 ? "" : ", ").append(num(r.torchRunsMs[j]));
        }
        sb.append("]");
      }
      sb.append("}");
    }
    sb.append("\n  ]\n}\n");
    return sb.toString();
  }

  private static String num(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "null";
    }
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
