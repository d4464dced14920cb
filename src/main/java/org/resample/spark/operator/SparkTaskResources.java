package org.resample.spark.operator;

import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.resample.gpu.TaskResources;

/**
 * The running Spark task's resources ({@code TaskContext.get().resources()}), as the GPU backend
 * takes them: the Spark side hands the task's GPU assignment down, the backend never asks Spark.
 */
public final class SparkTaskResources {
  private SparkTaskResources() {}

  /** The current task's resources, or null when the thread runs no Spark task. */
  public static TaskResources current() {
    TaskContext tc = TaskContext.get();
    if (tc == null) {
      return null;
    }
    Map<String, ResourceInformation> r = tc.resourcesJMap();
    return new TaskResources() {
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
