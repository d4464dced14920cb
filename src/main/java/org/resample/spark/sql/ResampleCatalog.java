package org.resample.spark.sql;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.catalyst.analysis.NoSuchFunctionException;
import org.apache.spark.sql.connector.catalog.FunctionCatalog;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.functions.UnboundFunction;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A function-only catalog holding this library's SQL functions. Register it under any name (the
 * docs use {@code resample}):
 *
 * <pre>{@code
 * spark.sql.catalog.resample=org.resample.spark.sql.ResampleCatalog
 *
 * SELECT resample.interpolate(t, array(112, 112), 'bilinear') FROM tensors
 * }</pre>
 *
 * <p>Functions live in the root namespace (also reachable as {@code resample.system.<fn>}); names
 * are case-insensitive.
 *
 * @since 0.1
 */
public class ResampleCatalog implements FunctionCatalog {
  private static final Map<String, Supplier<UnboundFunction>> FUNCTIONS;

  static {
    Map<String, Supplier<UnboundFunction>> m = new LinkedHashMap<>();
    m.put(InterpolateFunction.SIZE_NAME, InterpolateFunction::size);
    m.put(InterpolateFunction.SCALE_NAME, InterpolateFunction::scale);
    for (ConversionFunction.Which w : ConversionFunction.Which.values()) {
      m.put(w.sqlName, () -> new ConversionFunction(w));
    }
    FUNCTIONS = Collections.unmodifiableMap(m);
  }

  private String name = "resample";

  @Override
  public void initialize(String name, CaseInsensitiveStringMap options) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  /** The function names this catalog holds. */
  public static java.util.Set<String> functionNames() {
    return FUNCTIONS.keySet();
  }

  private static boolean rootOrSystem(String[] namespace) {
    return namespace.length == 0
        || (namespace.length == 1 && namespace[0].equalsIgnoreCase("system"));
  }

  @Override
  public Identifier[] listFunctions(String[] namespace) {
    if (!rootOrSystem(namespace)) {
      return new Identifier[0];
    }
    return FUNCTIONS.keySet().stream()
        .map(n -> Identifier.of(namespace, n))
        .toArray(Identifier[]::new);
  }

  @Override
  public UnboundFunction loadFunction(Identifier ident) throws NoSuchFunctionException {
    Supplier<UnboundFunction> f =
        rootOrSystem(ident.namespace())
            ? FUNCTIONS.get(ident.name().toLowerCase(Locale.ROOT))
            : null;
    if (f == null) {
      throw new NoSuchFunctionException(ident);
    }
    return f.get();
  }
}
