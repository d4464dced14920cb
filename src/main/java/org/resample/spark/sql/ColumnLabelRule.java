package org.resample.spark.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.expressions.ApplyFunctionExpression;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.ScalaUDF;
import org.apache.spark.sql.catalyst.expressions.objects.StaticInvoke;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.types.AbstractDataType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.unsafe.types.UTF8String;
import org.resample.spark.shim.ScalaShim;
import org.resample.spark.shim.SparkShim;
import scala.Function1;
import scala.runtime.AbstractPartialFunction;
import org.resample.spark.codec.CallSettings;

/**
 * Post-hoc resolution rule of {@link ResampleExtensions}: gives every {@code interpolate} call whose
 * options are literal (or absent) a {@code column} option naming its tensor argument, so row errors
 * from SQL text name the column as the Column API's do. Calls that already carry a {@code column}
 * option, or whose options are computed per row, are left alone.
 */
final class ColumnLabelRule extends Rule<LogicalPlan> {
  static final MapType OPTIONS_TYPE =
      DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true);

  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return plan.transformAllExpressions(
        new AbstractPartialFunction<Expression, Expression>() {
          @Override
          public boolean isDefinedAt(Expression e) {
            return rewrite(e) != null;
          }

          @Override
          public <A1 extends Expression, B1> B1 applyOrElse(A1 e, Function1<A1, B1> otherwise) {
            Expression r = rewrite(e);
            @SuppressWarnings("unchecked")
            B1 out = r != null ? (B1) r : otherwise.apply(e);
            return out;
          }
        });
  }

  static Expression rewrite(Expression e) {
    if (e instanceof StaticInvoke) {
      StaticInvoke si = (StaticInvoke) e;
      if (!InterpolateFunction.Bound.class.isAssignableFrom(si.staticObject())) {
        return null;
      }
      List<Expression> args = new ArrayList<>(ScalaShim.asJava(si.arguments()));
      if (args.size() == 4) {
        Literal labelled = labelled(args.get(3), args.get(0));
        if (labelled == null) {
          return null;
        }
        args.set(3, labelled);
        return si.withNewChildren(ScalaShim.seq(args));
      }
      if (args.size() == 3) {
        args.add(labelled(null, args.get(0)));
        List<AbstractDataType> types = new ArrayList<>(ScalaShim.asJava(si.inputTypes()));
        types.add(OPTIONS_TYPE);
        return SparkShim.withArguments(si, args, types);
      }
      return null;
    }
    if (e instanceof ApplyFunctionExpression
        && ((ApplyFunctionExpression) e).function() instanceof InterpolateFunction.Bound) {
      // the row-at-a-time form (a nullable scalar size or scale)
      ApplyFunctionExpression a = (ApplyFunctionExpression) e;
      InterpolateFunction.Bound b = (InterpolateFunction.Bound) a.function();
      List<Expression> args = new ArrayList<>(ScalaShim.asJava(a.children()));
      Literal labelled = labelled(args.size() == 4 ? args.get(3) : null, args.get(0));
      if (labelled == null || args.size() < 3) {
        return null;
      }
      if (args.size() == 4) {
        args.set(3, labelled);
        return a.withNewChildren(ScalaShim.seq(args));
      }
      args.add(labelled);
      DataType[] inputs = java.util.Arrays.copyOf(b.inputTypes(), 4);
      inputs[3] = OPTIONS_TYPE;
      return new ApplyFunctionExpression(
          new InterpolateFunction.Generic(b.kind, b.scaleForm, b.vector, inputs),
          ScalaShim.seq(args));
    }
    if (e instanceof ScalaUDF) {
      ScalaUDF u = (ScalaUDF) e;
      if (!u.udfName().isDefined()
          || !u.udfName().get().startsWith("interpolate")
          || !ResampleFunctions.udfNames().contains(u.udfName().get())
          || u.children().length() != 4) {
        return null;
      }
      List<Expression> args = new ArrayList<>(ScalaShim.asJava(u.children()));
      Literal labelled = labelled(args.get(3), args.get(0));
      if (labelled == null) {
        return null;
      }
      args.set(3, labelled);
      return u.withNewChildren(ScalaShim.seq(args));
    }
    return null;
  }

  /** The options literal with {@code column} added, or null to leave the call alone. */
  private static Literal labelled(Expression options, Expression tensor) {
    Map<String, String> m;
    if (options == null) {
      m = new java.util.LinkedHashMap<>();
    } else {
      if (!options.foldable() || !(options.dataType() instanceof MapType || options.dataType() == DataTypes.NullType)) {
        return null;
      }
      Object v = options.eval(null);
      if (v != null && !(((MapType) options.dataType()).keyType() == DataTypes.StringType
          || ((MapType) options.dataType()).keyType() == DataTypes.NullType)) {
        return null;
      }
      try {
        m = CallSettings.toJava((MapData) v);
      } catch (RuntimeException notStrings) {
        return null;
      }
    }
    for (String k : m.keySet()) {
      if (k == null || k.trim().equalsIgnoreCase("column")) {
        return null;
      }
    }
    m.put("column", label(tensor));
    Object[] keys = new Object[m.size()];
    Object[] vals = new Object[m.size()];
    int i = 0;
    for (Map.Entry<String, String> kv : m.entrySet()) {
      keys[i] = UTF8String.fromString(kv.getKey());
      vals[i++] = kv.getValue() == null ? null : UTF8String.fromString(kv.getValue());
    }
    return new Literal(
        new ArrayBasedMapData(new GenericArrayData(keys), new GenericArrayData(vals)), OPTIONS_TYPE);
  }

  static String label(Expression tensor) {
    String s = tensor instanceof NamedExpression ? ((NamedExpression) tensor).name() : tensor.sql();
    return s.length() > 100 ? s.substring(0, 97) + "..." : s;
  }
}
