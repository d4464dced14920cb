package org.resample.gpu;

import java.util.Arrays;

/**
 * Which GPU a backend opens, and why: the address Spark assigned to the running task under the
 * configured resource name (as the RAPIDS Accelerator picks it), else {@code
 * spark.resample.gpu.device}, else device 0 outside Spark. A task that Spark assigned no GPU gets
 * none unless a device is configured: the backend never takes a GPU the scheduler did not hand out.
 */
final class DeviceChoice {
  /** The device ordinal, or -1 when there is none (see {@link #reason}). */
  final int ordinal;
  /** Where the ordinal came from, or why there is none. */
  final String reason;

  private DeviceChoice(int ordinal, String reason) {
    this.ordinal = ordinal;
    this.reason = reason;
  }

  boolean found() {
    return ordinal >= 0;
  }

  /**
   * The device for a thread running {@code task} (null outside a Spark task) under {@code s}.
   */
  static DeviceChoice choose(GpuSettings s, TaskResources task) {
    if (task == null) {
      return s.device >= 0
          ? new DeviceChoice(s.device, GpuSettings.DEVICE + "=" + s.device)
          : new DeviceChoice(0, "device 0, the default outside Spark tasks");
    }
    String[] addresses = task.addresses(s.resourceName);
    if (addresses.length > 0) {
      String a = addresses[0].trim();
      int ordinal;
      try {
        ordinal = GpuSettings.parseOrdinal(a, "");
      } catch (IllegalArgumentException e) {
        return new DeviceChoice(-1, "Spark assigned this task GPU address '" + a
            + "' (resource '" + s.resourceName + "'), which is not a device ordinal; make the"
            + " discovery script report ordinals such as nvidia-smi's index");
      }
      String more = addresses.length > 1
          ? " (of " + Arrays.toString(addresses) + "; one GPU per task is used)" : "";
      return new DeviceChoice(ordinal,
          "device " + ordinal + ", assigned to this Spark task as resource '" + s.resourceName
              + "'" + more);
    }
    if (s.device >= 0) {
      return new DeviceChoice(s.device, GpuSettings.DEVICE + "=" + s.device
          + " (this Spark task has no '" + s.resourceName + "' resource)");
    }
    return new DeviceChoice(-1, "Spark assigned this task no '" + s.resourceName
        + "' resource (task resources: " + Arrays.toString(task.names())
        + "); set spark.executor.resource." + s.resourceName + ".amount, spark.task.resource."
        + s.resourceName + ".amount and a discovery script (see conf/spark-defaults-gpu.conf),"
        + " or " + GpuSettings.DEVICE);
  }
}
