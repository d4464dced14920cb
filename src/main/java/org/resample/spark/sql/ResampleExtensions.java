package org.resample.spark.sql;

import java.util.Set;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.expressions.ApplyFunctionExpression;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ScalaUDF;
import org.apache.spark.sql.catalyst.expressions.objects.StaticInvoke;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Function1;
import scala.collection.Seq;
import scala.runtime.BoxedUnit;
import org.resample.spark.codec.TensorTypes;
import org.resample.spark.codec.CallSettings;

/**
 * Optional session extension that checks literal {@code mode} and {@code options} arguments of
 * {@code interpolate} calls (catalog functions and registered UDFs) when the query is analysed, so a
 * typo fails before any task runs, with the list of valid values:
 *
 * <pre>{@code
 * spark.sql.extensions=org.resample.spark.sql.ResampleExtensions
 * }</pre>
 *
 * <p>Without it the same message comes from the first row processed. ({@code UnboundFunction.bind}
 * only sees argument types, not values, hence this check rule.) The extension also names the tensor
 * column in row errors from SQL text (see {@link ColumnLabelRule}).
 *
 * @since 0.1
 */
public class ResampleExtensions implements Function1<SparkSessionExtensions, BoxedUnit> {
  private static final Set<String> UDF_NAMES = Set.copyOf(ResampleFunctions.udfNames());

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    extensions.injectPostHocResolutionRule(session -> new ColumnLabelRule());
    extensions.injectCheckRule(
        session ->
            plan -> {
              check(plan);
              return BoxedUnit.UNIT;
            });
    return BoxedUnit.UNIT;
  }

  /** Validates every interpolate call with literal mode/options in {@code plan}. */
  static void check(LogicalPlan plan) {
    plan.foreach(
        node -> {
          node.expressions()
              .foreach(
                  root -> {
                    root.foreach(
                        e -> {
                          checkExpression(e);
                          return BoxedUnit.UNIT;
                        });
                    return BoxedUnit.UNIT;
                  });
          return BoxedUnit.UNIT;
        });
  }

  private static void checkExpression(Expression e) {
    String fn = null;
    Seq<Expression> args = null;
    if (e instanceof StaticInvoke) {
      StaticInvoke si = (StaticInvoke) e;
      if (InterpolateFunction.Bound.class.isAssignableFrom(si.staticObject())) {
        fn = si.staticObject().getSimpleName().startsWith("Scale") ? InterpolateFunction.C : InterpolateFunction.S;
        args = si.arguments();
      }
    } else if (e instanceof ApplyFunctionExpression) {
      ApplyFunctionExpression a = (ApplyFunctionExpression) e;
      if (a.function() instanceof InterpolateFunction.Bound) {
        InterpolateFunction.Bound b = (InterpolateFunction.Bound) a.function();
        fn = b.fn();
        args = a.children();
      }
    } else if (e instanceof ScalaUDF) {
      ScalaUDF u = (ScalaUDF) e;
      if (u.udfName().isDefined()
          && UDF_NAMES.contains(u.udfName().get())
          && u.udfName().get().startsWith("interpolate")) {
        fn = u.udfName().get();
        args = u.children();
      }
    }
    if (fn == null || args.length() < 3) {
      return;
    }
    Expression mode = args.apply(2);
    Expression options = args.length() > 3 ? args.apply(3) : null;
    if (!mode.foldable() || (options != null && !options.foldable())) {
      return;
    }
    Object m = mode.eval(null);
    Object o = options == null ? null : options.eval(null);
    if (m == null) {
      return;
    }
    CallSettings s = CallSettings.of(fn, ((UTF8String) m).toString(), CallSettings.toJava((MapData) o));
    TensorTypes.Kind kind = TensorTypes.kindOf(args.apply(0).dataType());
    if (kind != null) {
      s.maxOutputElements(kind.dtype);
      s.checkCall(kind, fn.contains("interpolate_scale"));
    }
  }
}
