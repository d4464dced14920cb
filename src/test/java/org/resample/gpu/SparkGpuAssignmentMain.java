package org.resample.gpu;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.SparkSession;
import org.resample.core.Backend;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;
import org.resample.spark.operator.SparkTaskResources;

/**
 * Runs {@link GpuBackends}' device choice inside real Spark tasks and prints one line per
 * observation for {@link SparkGpuAssignmentTest} (a separate JVM: a JVM holds one SparkContext, and
 * the other tests' local session must not change). Two applications, one after the other:
 *
 * <ol>
 *   <li>{@code local[1]}, no resources: a task Spark assigned no GPU.
 *   <li>{@code local-cluster[1,2,1024]}: a standalone master and worker in this JVM and an
 *       executor JVM, the worker offering resources found by discovery scripts ({@code gpu}: the
 *       shipped {@code conf/gpu-discovery.sh}, which reports ["3"] from the test's nvidia-smi;
 *       {@code accel} = ["1"], {@code odd} = ["GPU-5e1f"]), each task asking for 0.5 of each. The
 *       stage runs in barrier mode, so Spark must run its two tasks at the same time on the one
 *       address: the fractional amount is what makes that possible.
 * </ol>
 *
 * <p>Output lines: {@code RESULT <app> <partition> <key> <value>}, tab-separated.
 */
public final class SparkGpuAssignmentMain {
  private SparkGpuAssignmentMain() {}

  public static void main(String[] args) throws IOException {
    Path dir = Paths.get(args[0]);
    String jvmFlags = args.length > 1 ? args[1] : "";
    String project = args.length > 2 ? args[2] : ".";
    List<String> lines = new ArrayList<>();

    SparkSession plain = SparkSession.builder().master("local[1]").appName("no-gpu")
        .config("spark.ui.enabled", "false").getOrCreate();
    lines.addAll(new JavaSparkContext(plain.sparkContext())
        .parallelize(Arrays.asList(0), 1).mapPartitions(new Observe("plain")).collect());
    plain.stop();

    String cp = System.getProperty("java.class.path");
    SparkSession.Builder b = SparkSession.builder().master("local-cluster[1,2,1024]")
        .appName("gpu-assignment")
        .config("spark.ui.enabled", "false")
        .config("spark.executor.extraClassPath", cp)
        .config("spark.executor.extraJavaOptions", jvmFlags)
        // The worker launches the executor from this classpath instead of a Spark distribution.
        .config("spark.executorEnv.SPARK_TESTING", "1")
        .config("spark.executorEnv.SPARK_SCALA_VERSION", "2.13");
    for (Map.Entry<String, String> r : Map.of("gpu", "3", "accel", "1", "odd", "GPU-5e1f")
        .entrySet()) {
      // gpu: the shipped conf/gpu-discovery.sh (the test puts an nvidia-smi reporting index 3 on
      // the PATH); the others: one-line scripts reporting the address.
      Path script = dir.resolve("discover-" + r.getKey() + ".sh");
      if (r.getKey().equals("gpu")) {
        script = Paths.get(project, "conf", "gpu-discovery.sh").toAbsolutePath();
      } else {
        Files.writeString(script, "#!/bin/sh\necho '{\"name\": \"" + r.getKey()
            + "\", \"addresses\": [\"" + r.getValue() + "\"]}'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      b.config("spark.worker.resource." + r.getKey() + ".amount", "1")
          .config("spark.worker.resource." + r.getKey() + ".discoveryScript", script.toString())
          .config("spark.executor.resource." + r.getKey() + ".amount", "1")
          .config("spark.task.resource." + r.getKey() + ".amount", "0.5");
    }
    SparkSession cluster = b.getOrCreate();
    RDD<Integer> two = new JavaSparkContext(cluster.sparkContext())
        .parallelize(Arrays.asList(0, 1), 2).rdd();
    RDD<String> seen = two.barrier().mapPartitions(new Barrier(new Observe("cluster")), false,
        ClassTag$.MODULE$.apply(String.class));
    lines.addAll(seen.toJavaRDD().collect());
    cluster.stop();
    for (String l : lines) {
      System.out.println(l);
    }
  }

  /** {@code f} as the Scala function a barrier stage takes. */
  static final class Barrier
      extends AbstractFunction1<scala.collection.Iterator<Integer>, scala.collection.Iterator<String>>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Observe f;

    Barrier(Observe f) {
      this.f = f;
    }

    @Override
    public scala.collection.Iterator<String> apply(scala.collection.Iterator<Integer> in) {
      return CollectionConverters.asScala(f.call(CollectionConverters.asJava(in)));
    }
  }

  /** What one task sees. */
  static final class Observe implements FlatMapFunction<Iterator<Integer>, String> {
    private static final long serialVersionUID = 1L;
    private final String app;

    Observe(String app) {
      this.app = app;
    }

    @Override
    public Iterator<String> call(Iterator<Integer> ignored) {
      TaskContext tc = TaskContext.get();
      if (tc instanceof BarrierTaskContext) {
        // Returns only when every task of the stage runs at the same time.
        ((BarrierTaskContext) tc).barrier();
      }
      List<String> out = new ArrayList<>();
      int p = tc.partitionId();
      out.add(line(p, "resources", tc.resourcesJMap().toString()));
      choice(out, p, "default", Map.of());
      choice(out, p, "rapidsName", Map.of(GpuSettings.RAPIDS_RESOURCE_NAME, "accel"));
      choice(out, p, "ownName", Map.of(GpuSettings.RESOURCE_NAME, "odd"));
      choice(out, p, "device", Map.of(GpuSettings.DEVICE, "2"));
      out.add(line(p, "reason", String.valueOf(GpuBackends.unavailableReason(Map.of(), SparkTaskResources.current()))));
      Backend auto = GpuBackends.open(false, Map.of(), SparkTaskResources.current());
      out.add(line(p, "auto", auto == null ? "null" : auto.name()));
      if (auto != null) {
        auto.close();
      }
      try {
        Backend gpu = GpuBackends.open(true, Map.of(), SparkTaskResources.current());
        out.add(line(p, "required", gpu.name()));
        gpu.close();
      } catch (IllegalStateException e) {
        out.add(line(p, "required", "IllegalStateException: " + e.getMessage()));
      }
      return out.iterator();
    }

    private void choice(List<String> out, int p, String key, Map<String, String> conf) {
      DeviceChoice c = GpuBackends.deviceChoice(conf, SparkTaskResources.current());
      out.add(line(p, key + ".ordinal", Integer.toString(c.ordinal)));
      out.add(line(p, key + ".reason", c.reason));
    }

    private String line(int p, String key, String value) {
      return "RESULT\t" + app + "\t" + p + "\t" + key + "\t" + value.replace('\n', ' ');
    }
  }
}
