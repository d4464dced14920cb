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
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Spark 4.x (4.0, 4.1, 4.2): the Spark APIs that differ between the supported lines. The Spark 3.5
 * copy (src/shim/spark-3.5) has the same methods. Each entry names the API and the versions it was
 * checked with.
 */
public final class SparkShim {
  private SparkShim() {}

  /** The Spark line this copy is for, for messages. */
  public static final String LINE = "4";

  /**
   * Whether {@code ds} is classic Spark's, whose query plans the batched operator reads; false for
   * a Spark Connect client's. API: {@code org.apache.spark.sql.classic.Dataset}, from 4.0 on (3.5
   * has one {@code Dataset}), tested by name since a Connect client has no classic classes;
   * checked 4.0.1, 4.1.0, 4.2.0.
   */
  public static boolean isClassic(Dataset<?> ds) {
    // by name: a Connect client's JVM has no classic classes to test against
    for (Class<?> c = ds.getClass(); c != null; c = c.getSuperclass()) {
      if (c.getName().equals("org.apache.spark.sql.classic.Dataset")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The executed plan's rows. API: {@code classic.Dataset.queryExecution()} (on the classic class
   * from 4.0 on); checked 4.0.1, 4.1.0, 4.2.0.
   */
  public static QueryExecution queryExecution(Dataset<?> ds) {
    return Classic.queryExecution(ds);
  }

  /**
   * A DataFrame over rows already in Spark's internal format, without a conversion of each row.
   * API: {@code classic.SparkSession.internalCreateDataFrame}, {@code private[sql]} in Scala (no
   * public API takes internal rows; the public {@code createDataFrame} converts every row);
   * checked 4.0.1, 4.1.0, 4.2.0.
   */
  public static Dataset<Row> dataFrameOfInternalRows(
      SparkSession spark, RDD<InternalRow> rows, StructType schema) {
    return Classic.internalCreateDataFrame(spark, rows, schema);
  }

  /**
   * The session's planner additions. API: {@code classic.SparkSession.experimental()} (on the
   * classic class from 4.0 on); checked 4.0.1, 4.1.0, 4.2.0.
   */
  public static ExperimentalMethods experimental(SparkSession spark) {
    return Classic.experimental(spark);
  }

  /**
   * {@code si} calling its method with {@code args} of {@code types}. API: the {@code StaticInvoke}
   * constructor, 9 arguments in 4.x (the last the {@code ScalarFunction}), 8 in 3.5; checked
   * 4.0.1, 4.1.0, 4.2.0.
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
        si.isDeterministic(),
        si.scalarFunction());
  }

  /**
   * The metrics {@code seen} collected, by name, waiting at most {@code timeout}. API: {@code
   * Observation.future()}, from 4.0 on (3.5 has only the blocking {@code get}); it completes with
   * a {@code Map[String, Any]} in 4.0.1 and a {@code Row} in 4.1.0 and 4.2.0, both taken here.
   */
  public static Map<String, Object> observed(Observation seen, long timeout, TimeUnit unit)
      throws Exception {
    scala.concurrent.Future<?> future = seen.future();
    Object r = scala.concurrent.Await.result(
        future, scala.concurrent.duration.Duration.create(timeout, unit));
    Map<String, Object> m = new LinkedHashMap<>();
    if (r instanceof Row) {
      Row row = (Row) r;
      for (StructField f : row.schema().fields()) {
        m.put(f.name(), row.get(row.fieldIndex(f.name())));
      }
    } else {
      @SuppressWarnings("unchecked")
      scala.collection.Map<String, Object> map = (scala.collection.Map<String, Object>) r;
      m.putAll(ScalaShim.asJava(map));
    }
    return m;
  }

  /**
   * The calls that name classic Spark's classes, apart so that {@link #isClassic} works in a Spark
   * Connect client's JVM, which has none of them (loading a class verifies its casts).
   */
  private static final class Classic {
    static QueryExecution queryExecution(Dataset<?> ds) {
      return ((org.apache.spark.sql.classic.Dataset<?>) ds).queryExecution();
    }

    static Dataset<Row> internalCreateDataFrame(
        SparkSession spark, RDD<InternalRow> rows, StructType schema) {
      return ((org.apache.spark.sql.classic.SparkSession) spark)
          .internalCreateDataFrame(rows, schema, false);
    }

    static ExperimentalMethods experimental(SparkSession spark) {
      return ((org.apache.spark.sql.classic.SparkSession) spark).experimental();
    }
  }
}
