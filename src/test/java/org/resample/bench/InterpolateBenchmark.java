package org.resample.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.resample.core.Interpolate;
import org.resample.core.InterpolateOptions;
import org.resample.core.Tensor;

/**
 * JMH benchmark of {@link Interpolate#interpolate} over the {@link BenchCases} cases (all of them
 * by default: {@code benchCase} is an enum parameter) at {@code threads} = 1 and 2 (passed as {@link
 * InterpolateOptions.Builder#parallelism}). The input is generated once per trial (seeded random);
 * the output tensor is returned, so JMH's Blackhole consumes it. Time is average microseconds per
 * call. Surefire does not run this class (it is no {@code *Test}).
 *
 * <p>Build, then run (22 trials of ~20 s: about 8 minutes; narrow it with {@code -p}):
 *
 * <pre>
 * mvn -q -B test-compile
 * mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
 * java -cp target/classes:target/test-classes:$(cat target/test.classpath) \
 *     org.resample.bench.InterpolateBenchmark -prof gc
 * </pre>
 *
 * (or just {@code bench/jmh -prof gc}, which does the three steps). {@code -prof gc} adds {@code
 * gc.alloc.rate.norm}: bytes allocated per call ("bytes/op"), the number to watch for scratch and
 * output allocation. Any JMH option works, e.g.
 *
 * <pre>
 * bench/jmh -p benchCase=BILINEAR,U8_BILINEAR_AA -p threads=1 -prof gc
 * bench/jmh -p shapes=quick -wi 1 -i 1 -w 200ms -r 200ms      # smoke run, tiny shapes
 * bench/jmh -rf json -rff target/jmh.json                     # machine-readable results
 * </pre>
 *
 * Parameters: {@code benchCase} (the {@link BenchCases} constant names), {@code threads}, and {@code
 * shapes} ({@code full}, the default, or {@code quick}: the tiny smoke shapes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class InterpolateBenchmark {

  /** The case; no values listed, so JMH runs every {@link BenchCases} constant. */
  @Param
  public BenchCases benchCase;

  /** Threads one call may use ({@code parallelism}). */
  @Param({"1", "2"})
  public int threads;

  /** {@code full} (the real shapes) or {@code quick} (the tiny smoke shapes). */
  @Param({"full"})
  public String shapes;

  private Tensor input;
  private InterpolateOptions options;

  @Setup(Level.Trial)
  public void setup() {
    boolean quick;
    switch (shapes) {
      case "full":
        quick = false;
        break;
      case "quick":
        quick = true;
        break;
      default:
        throw new IllegalArgumentException("shapes must be full or quick, got " + shapes);
    }
    input = benchCase.newInput(quick, BenchCases.DEFAULT_SEED);
    options = benchCase.options(quick, threads);
  }

  @Benchmark
  public Tensor interpolate() {
    return Interpolate.interpolate(input, options);
  }

  /**
   * Runs this benchmark class with JMH; the arguments are JMH's command-line options ({@code -prof
   * gc}, {@code -p benchCase=...}, {@code -f}, {@code -wi}, {@code -i}, {@code -rf json}, ...).
   */
  public static void main(String[] args) throws RunnerException, CommandLineOptionException {
    CommandLineOptions cli = new CommandLineOptions(args);
    OptionsBuilder builder = new OptionsBuilder();
    if (cli.getIncludes().isEmpty()) {
      builder.include(InterpolateBenchmark.class.getName());
    }
    new Runner(builder.parent(cli).build()).run();
  }
}
