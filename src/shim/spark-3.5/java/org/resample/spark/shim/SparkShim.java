package org.resample.spark.shim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.ExperimentalMethods;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.objects.StaticInvoke;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.types.AbstractDataType;
import org.apache.spark.sql.types.StructType;

/**
 * Spark 3.5: the Spark APIs that differ between the supported lines. The Spark 4.x copy
 * (src/shim/spark-4) has the same methods. Each entry names the API and the versions it was
 * checked with.
 */
public final class SparkShim {
  private SparkShim() {}

  /** The Spark line this copy is for, for messages. */
  public static final String LINE = "3.5";

  /**
   * Whether {@code ds} is classic Spark's, whose query plans the batched operator reads; false for
   * a Spark Connect client's. API: {@code org.apache.spark.sql.classic.Dataset}, from 4.0 on; 3.5
   * has one {@code Dataset} class, classic (its Connect client is another jar with its own {@code
   * Dataset}, never on the same classpath); checked 3.5.6, 3.5.9.
   */
  public static boolean isClassic(Dataset<?> ds) {
    return true;
  }

  /**
   * The executed plan's rows. API: {@code Dataset.queryExecution()} (on {@code classic.Dataset}
   * from 4.0 on); checked 3.5.6, 3.5.9.
   */
  public static QueryExecution queryExecution(Dataset<?> ds) {
    return ds.queryExecution();
  }

  /**
   * A DataFrame over rows already in Spark's internal format, without a conversion of each row.
   * API: {@code SparkSession.internalCreateDataFrame}, {@code private[sql]} in Scala (no public API
   * takes internal rows; the public {@code createDataFrame} converts every row); checked 3.5.6,
   * 3.5.9.
   */
  public static Dataset<Row> dataFrameOfInternalRows(
      SparkSession spark, RDD<InternalRow> rows, StructType schema) {
    return spark.internalCreateDataFrame(rows, schema, false);
  }

  /**
   * The session's planner additions. API: {@code SparkSession.experimental()} (on {@code
   * classic.SparkSession} from 4.0 on); checked 3.5.6, 3.5.9.
   */
  public static ExperimentalMethods experimental(SparkSession spark) {
    return spark.experimental();
  }

  /**
   * {@code si} calling its method with {@code args} of {@code types}. API: the {@code StaticInvoke}
   * constructor, 8 arguments in 3.5, 9 in 4.x (the {@code ScalarFunction} added); checked 3.5.6,
   * 3.5.9.
   */
  public static StaticInvoke withArguments(
      StaticInvoke si, List<Expression> args, List<AbstractDataType> types) {
    return new StaticInvoke(
        si.staticObject(),
        si.dataType(),
        si.functionName(),
        ScalaShim.list(args),
        ScalaShim.list(types),
        si.propagateNull(),
        si.returnNullable(),
        si.isDeterministic());
  }

  /**
   * The metrics {@code seen} collected, by name. API: {@code Observation.getAsJava()}, which waits
   * without a limit ({@code Observation.future()} with its timeout is 4.0 on); the job calls it
   * after its write returned, when the metrics are there. Checked 3.5.6, 3.5.9.
   */
  public static Map<String, Object> observed(Observation seen, long timeout, TimeUnit unit)
      throws Exception {
    return new LinkedHashMap<>(seen.getAsJava());
  }
}
