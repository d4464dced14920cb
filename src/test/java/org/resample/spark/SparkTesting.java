package org.resample.spark;

import org.apache.spark.sql.SparkSession;
import org.resample.spark.sql.ResampleFunctions;
import org.resample.spark.sql.ResampleCatalog;
import org.resample.spark.sql.ResampleExtensions;

/** One local SparkSession shared by every Spark test in the JVM (started on first use). */
public final class SparkTesting {
  private SparkTesting() {}

  private static SparkSession session;

  public static synchronized SparkSession spark() {
    if (session == null) {
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("spark-resample-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.sql.session.timeZone", "UTC")
              .config("spark.sql.catalog.resample", ResampleCatalog.class.getName())
              .config("spark.sql.extensions", ResampleExtensions.class.getName())
              .getOrCreate();
      ResampleFunctions.register(session);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> session.stop()));
    }
    return session;
  }
}
