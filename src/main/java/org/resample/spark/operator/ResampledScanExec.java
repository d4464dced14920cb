package org.resample.spark.operator;

import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.ExperimentalMethods;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeSet;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.SparkStrategy;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.sql.execution.metric.SQLMetrics;
import org.resample.spark.shim.LeafExec;
import org.resample.spark.shim.ScalaShim;
import org.resample.spark.shim.SparkShim;
import scala.collection.immutable.Map;
import scala.collection.immutable.Seq;

/**
 * Spark's plan node for scanning a {@link Resampler}'s output; not part of this library's API
 * (public only because Spark copies plan nodes by reflection). Spark's own scan of an RDD of rows
 * projects every row into a new {@code UnsafeRow}, a copy of each result tensor; the operator's
 * rows already are unsafe rows ({@link ResampledRows}), so this scan hands them on as they are
 * (under whole-stage code generation, through the input adapter Spark puts over a node that
 * generates no code). The {@link Strategy} plans it for any scan of a {@link ResampledRows}; where
 * it is not registered, Spark's own scan runs, slower but alike.
 */
public final class ResampledScanExec extends LeafExec {
  private static final long serialVersionUID = 1L;

  private final Seq<Attribute> output;
  private final RDD<InternalRow> rdd;
  private Map<String, SQLMetric> metrics;

  public ResampledScanExec(scala.collection.Seq<Attribute> output, RDD<InternalRow> rdd) {
    this.output = ScalaShim.list(ScalaShim.asJava(output));
    this.rdd = rdd;
  }

  @Override
  public Seq<Attribute> output() {
    return output;
  }

  @Override
  public AttributeSet producedAttributes() {
    return outputSet();
  }

  /** Made on first use, on the driver, as Spark's own scan makes its metrics. */
  @Override
  public synchronized Map<String, SQLMetric> metrics() {
    if (metrics == null) {
      metrics =
          scala.collection.immutable.Map$.MODULE$
              .<String, SQLMetric>empty()
              .updated("numOutputRows", SQLMetrics.createMetric(sparkContext(), "number of output rows"));
    }
    return metrics;
  }

  @Override
  public String nodeName() {
    return "Scan Resampler";
  }

  @Override
  public String simpleString(int maxFields) {
    return nodeName() + output.mkString("[", ",", "]");
  }

  @Override
  public RDD<InternalRow> doExecute() {
    SQLMetric rows = longMetric("numOutputRows");
    return rdd.toJavaRDD()
        .mapPartitions(
            it ->
                new java.util.Iterator<InternalRow>() {
                  @Override
                  public boolean hasNext() {
                    return it.hasNext();
                  }

                  @Override
                  public InternalRow next() {
                    rows.add(1);
                    return it.next();
                  }
                },
            true)
        .rdd();
  }

  @Override
  public int productArity() {
    return 2;
  }

  @Override
  public Object productElement(int n) {
    switch (n) {
      case 0:
        return output;
      case 1:
        return rdd;
      default:
        throw new IndexOutOfBoundsException(String.valueOf(n));
    }
  }

  @Override
  public boolean canEqual(Object that) {
    return that instanceof ResampledScanExec;
  }

  /** Plans a scan of a {@link ResampledRows} as a {@link ResampledScanExec}. */
  static final class Strategy extends SparkStrategy {
    @Override
    public Seq<SparkPlan> apply(LogicalPlan plan) {
      if (plan instanceof LogicalRDD && ((LogicalRDD) plan).rdd() instanceof ResampledRows) {
        LogicalRDD r = (LogicalRDD) plan;
        SparkPlan scan = new ResampledScanExec(r.output(), r.rdd());
        return ScalaShim.list(java.util.Collections.singletonList(scan));
      }
      return scala.collection.immutable.List$.MODULE$.empty();
    }
  }

  /** Adds the {@link Strategy} to {@code spark}'s planner, once. */
  static void register(SparkSession spark) {
    ExperimentalMethods methods = SparkShim.experimental(spark);
    synchronized (methods) {
      if (!methods.extraStrategies().exists(s -> s instanceof Strategy)) {
        methods.extraStrategies_$eq(ScalaShim.withAppended(methods.extraStrategies(), new Strategy()));
      }
    }
  }
}
