package org.resample.spark.shim;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Scala 2.13 (Spark 3.5 for Scala 2.13, Spark 4.x): conversions between Java and Scala
 * collections. The Scala 2.12 copy has the same methods.
 *
 * <p>Each entry names what differs between the Scala lines:
 *
 * <ul>
 *   <li>{@code scala.jdk.javaapi.CollectionConverters} exists from Scala 2.13 on (2.12 has {@code
 *       scala.collection.JavaConverters}); checked with Scala 2.13.8 (Spark 3.5.6), 2.13.16
 *       (Spark 4.0.1), 2.13.17 (Spark 4.1.0) and 2.13.18 (Spark 4.2.0).
 *   <li>Spark's {@code Seq} parameters are {@code scala.collection.immutable.Seq} on 2.13 and
 *       {@code scala.collection.Seq} on 2.12: {@link #seq} returns the one this line takes.
 *   <li>{@code Seq.appended} is 2.13 only (2.12: {@code :+}).
 * </ul>
 */
public final class ScalaShim {
  private ScalaShim() {}

  /** A Java view of a Scala sequence. */
  public static <T> List<T> asJava(scala.collection.Seq<T> s) {
    return CollectionConverters.asJava(s);
  }

  /** A Java view of a Scala map. */
  public static <K, V> Map<K, V> asJava(scala.collection.Map<K, V> m) {
    return CollectionConverters.asJava(m);
  }

  /** A Java view of a Scala iterator. */
  public static <T> Iterator<T> asJava(scala.collection.Iterator<T> it) {
    return CollectionConverters.asJava(it);
  }

  /** A Scala view of a Java iterator. */
  public static <T> scala.collection.Iterator<T> asScala(Iterator<T> it) {
    return CollectionConverters.asScala(it);
  }

  /** A Scala (mutable) view of a Java map, as Spark takes a MAP value of an external row. */
  public static <K, V> scala.collection.mutable.Map<K, V> asScala(Map<K, V> m) {
    return CollectionConverters.asScala(m);
  }

  /** The elements as the Seq type Spark's signatures take on this Scala line. */
  public static <T> scala.collection.immutable.Seq<T> seq(List<T> l) {
    return CollectionConverters.asScala(l).toSeq();
  }

  /** The elements as an immutable Scala list. */
  public static <T> scala.collection.immutable.List<T> list(List<T> l) {
    return CollectionConverters.asScala(l).toList();
  }

  /** {@code s} with {@code x} appended, as the Seq type Spark's signatures take. */
  public static <T> scala.collection.immutable.Seq<T> withAppended(scala.collection.Seq<? extends T> s,
      T x) {
    List<T> l = new java.util.ArrayList<>(CollectionConverters.asJava(s));
    l.add(x);
    return seq(l);
  }
}
