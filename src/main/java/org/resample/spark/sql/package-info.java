/**
 * The SQL functions: the {@code resample.*} function catalog ({@link
 * org.resample.spark.sql.ResampleCatalog}), the Column API and registered UDFs ({@link
 * org.resample.spark.sql.ResampleFunctions}), and the session extension that labels their result
 * columns ({@link org.resample.spark.sql.ResampleExtensions}). See the README section "Spark SQL
 * functions and tensor columns".
 */
package org.resample.spark.sql;
