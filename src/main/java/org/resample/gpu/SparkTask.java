package org.resample.gpu;

import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * The running Spark task's resources ({@code TaskContext.get().resources()}). Only loaded after
 * {@link GpuBackends} has found Spark on the classpath, so the GPU backend works without Spark.
 */
final class SparkTask {
  private SparkTask() {}

  /** The current task's resources, or null when the thread runs no Spark task. */
  static DeviceChoice.TaskResources current() {
    TaskContext tc = TaskContext.get();
    if (tc == null) {
      return null;
    }
    Map<String, ResourceInformation> r = tc.resourcesJMap();
    return new DeviceChoice.TaskResources() {
      @Override
      public String[] addresses(String name) {
        ResourceInformation info = r.get(name);
        return info == null ? new String[0] : info.addresses();
      }

      @Override
      public String[] names() {
        return r.keySet().stream().sorted().toArray(String[]::new);
      }
    };
  }
}
