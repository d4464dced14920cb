package org.resample.job.output;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Rewrites the footer of Parquet files: the row groups are copied byte for byte, the schema kept, and
 * key-value metadata added. A file is rewritten into a hidden sibling ({@code .footer.NAME}, which
 * Parquet readers skip), then moved over the original; a run stopped in between leaves a dataset
 * without {@code _SUCCESS}.
 */
public final class ParquetFooters {
  private ParquetFooters() {}

  /** The data files below {@code dir}: every file whose name and directories start with neither '_' nor '.'. */
  public static List<Path> dataFiles(Path dir, Configuration hadoop) throws IOException {
    FileSystem fs = dir.getFileSystem(hadoop);
    List<Path> files = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    String root = fs.makeQualified(dir).toUri().getPath();
    while (it.hasNext()) {
      Path p = it.next().getPath();
      String rel = p.toUri().getPath().substring(Math.min(root.length(), p.toUri().getPath().length()));
      boolean hidden = false;
      for (String part : rel.split("/")) {
        hidden |= part.startsWith("_") || part.startsWith(".");
      }
      if (!hidden) {
        files.add(p);
      }
    }
    return files;
  }

  /**
   * Rewrites {@code file} with the key-value metadata {@code extra(existing)} added to (or
   * replacing) its own.
   */
  // The writer's constructor without ParquetProperties: deprecated in parquet-java 1.14+, the one
  // every Spark line's parquet-java (1.13 with Spark 3.5) has.
  @SuppressWarnings("deprecation")
  public static void rewrite(
      Path file, Configuration hadoop, Function<Map<String, String>, Map<String, String>> extra) throws IOException {
    FileSystem fs = file.getFileSystem(hadoop);
    HadoopInputFile in = HadoopInputFile.fromPath(file, hadoop);
    ParquetMetadata footer;
    try (ParquetFileReader r = ParquetFileReader.open(in)) {
      footer = r.getFooter();
    }
    FileMetaData meta = footer.getFileMetaData();
    Map<String, String> kv = new LinkedHashMap<>(meta.getKeyValueMetaData());
    kv.putAll(extra.apply(meta.getKeyValueMetaData()));
    Path tmp = new Path(file.getParent(), ".footer." + file.getName());
    ParquetFileWriter w = new ParquetFileWriter(
        HadoopOutputFile.fromPath(tmp, hadoop), meta.getSchema(), ParquetFileWriter.Mode.OVERWRITE,
        ParquetWriter.DEFAULT_BLOCK_SIZE, ParquetWriter.MAX_PADDING_SIZE_DEFAULT);
    w.start();
    try (SeekableInputStream s = in.newStream()) {
      w.appendRowGroups(s, footer.getBlocks(), false);
    }
    w.end(kv);
    if (!fs.delete(file, false) || !fs.rename(tmp, file)) {
      throw new IOException("cannot move " + tmp + " to " + file);
    }
  }
}
