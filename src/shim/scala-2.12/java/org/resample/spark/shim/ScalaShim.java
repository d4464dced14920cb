package org.resample.spark.shim;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import scala.collection.JavaConverters;

/**
 * Scala 2.12 (Spark 3.5 for Scala 2.12): conversions between Java and Scala collections. The
 * Scala 2.13 copy has the same methods.
 *
 * <p>Each entry names what differs between the Scala lines:
 *
 * <ul>
 *   <li>{@code scala.collection.JavaConverters} is the converter on 2.12 ({@code
 *       scala.jdk.javaapi.CollectionConverters} is 2.13 only); checked with Scala 2.12.18 (Spark
 *       3.5.9).
 *   <li>Spark's {@code Seq} parameters are {@code scala.collection.Seq} on 2.12 and {@code
 *       scala.collection.immutable.Seq} on 2.13: {@link #seq} returns the one this line takes.
 *   <li>{@code Seq.appended} is 2.13 only (2.12: {@code :+}); this copy rebuilds the sequence.
 * </ul>
 */
public final class ScalaShim {
  private ScalaShim() {}

  /** A Java view of a Scala sequence. */
  public static <T> List<T> asJava(scala.collection.Seq<T> s) {
    return JavaConverters.seqAsJavaList(s);
  }

  /** A Java view of a Scala map. */
  public static <K, V> Map<K, V> asJava(scala.collection.Map<K, V> m) {
    return JavaConverters.mapAsJavaMap(m);
  }

  /** A Java view of a Scala iterator. */
  public static <T> Iterator<T> asJava(scala.collection.Iterator<T> it) {
    return JavaConverters.asJavaIterator(it);
  }

  /** A Scala view of a Java iterator. */
  public static <T> scala.collection.Iterator<T> asScala(Iterator<T> it) {
    return JavaConverters.asScalaIterator(it);
  }

  /** A Scala (mutable) view of a Java map, as Spark takes a MAP value of an external row. */
  public static <K, V> scala.collection.mutable.Map<K, V> asScala(Map<K, V> m) {
    return JavaConverters.mapAsScalaMap(m);
  }

  /** The elements as the Seq type Spark's signatures take on this Scala line. */
  public static <T> scala.collection.Seq<T> seq(List<T> l) {
    return JavaConverters.asScalaBuffer(l).toList();
  }

  /** The elements as an immutable Scala list. */
  public static <T> scala.collection.immutable.List<T> list(List<T> l) {
    return JavaConverters.asScalaBuffer(l).toList();
  }

  /** {@code s} with {@code x} appended, as the Seq type Spark's signatures take. */
  public static <T> scala.collection.Seq<T> withAppended(scala.collection.Seq<? extends T> s, T x) {
    List<T> l = new java.util.ArrayList<>(JavaConverters.seqAsJavaList(s));
    l.add(x);
    return seq(l);
  }
}
