package org.resample.spark;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.resample.spark.operator.Resampler;

/**
 * A Spark Connect client (run by {@link SparkConnectTest} in its own JVM, with the JVM Connect
 * client and no classic Spark on the class path): runs each query given and prints its one string
 * value, then tries the batched Resampler on a Connect DataFrame and prints what it says.
 */
public final class ConnectClientMain {
  private ConnectClientMain() {}

  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().remote(args[0]).getOrCreate();
    System.out.println("SESSION\t" + spark.getClass().getName());
    for (int i = 1; i < args.length; i++) {
      List<Row> rows = spark.sql(args[i]).collectAsList();
      System.out.println("RESULT\t" + i + "\t" + rows.get(0).getString(0));
    }
    Dataset<Row> df =
        spark.sql("SELECT named_struct('data', array(1f, 2f, 3f, 4f), 'shape', array(1, 1, 2, 2)) AS t");
    try {
      new Resampler().setInputCol("t").setSize(3, 3).setMode("bilinear").transform(df);
      System.out.println("RESAMPLER\tno error");
    } catch (RuntimeException e) {
      System.out.println("RESAMPLER\t" + e.getClass().getName() + ": " + e.getMessage());
    }
    spark.stop();
  }
}
