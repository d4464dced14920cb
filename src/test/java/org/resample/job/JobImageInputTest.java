package org.resample.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resample.job.input.ImageDecoder;

/**
 * The job on a folder of real image files (src/test/resources/images, written by Pillow: RGB, RGBA,
 * grey, grey with alpha, 16-bit grey and palette PNGs, RGB and grey JPEGs, one file in a sub-folder,
 * one file that is no image, one text file): the pixels are Pillow's, in the documented layout; the
 * folder is found to be images, every file is a row keyed by its path, the broken one a bad row.
 */
class JobImageInputTest {
  @TempDir static Path dir;
  static Path images;
  /** Pillow's pixels of every file, laid out as the job documents (read_job_output.py pixels). */
  static JsonNode pillow;

  /** Largest difference from Pillow (libjpeg-turbo) allowed for JPEG files (javax.imageio's IDCT differs). */
  static final int JPEG_TOLERANCE = 2;

  @BeforeAll
  static void copyImages() throws IOException {
    images = JobTesting.copyTestImages(dir.resolve("images"));
    pillow = Consumers.read(dir, "pixels", images.toString());
  }

  /** The image files (relative paths) Pillow decodes. */
  static TreeSet<String> decodable() {
    TreeSet<String> names = new TreeSet<>();
    for (Iterator<String> it = pillow.fieldNames(); it.hasNext(); ) {
      String n = it.next();
      if (pillow.get(n).has("shape")) {
        names.add(n);
      }
    }
    return names;
  }

  static void assertPixels(String name, int h, int w, int c, byte[] data, String what) {
    JsonNode ref = pillow.get(name);
    assertEquals(List.of(h, w, c), List.of(ref.get("shape").get(0).asInt(), ref.get("shape").get(1).asInt(),
        ref.get("shape").get(2).asInt()), what + " " + name + ": height, width, channels");
    int tolerance = name.endsWith(".jpg") ? JPEG_TOLERANCE : 0;
    int worst = 0;
    for (int i = 0; i < data.length; i++) {
      worst = Math.max(worst, Math.abs((data[i] & 0xFF) - ref.get("data").get(i).asInt()));
    }
    assertTrue(worst <= tolerance, what + " " + name + ": differs from Pillow by up to " + worst);
  }

  @Test
  void decoder_everyColourLayout_isPillowsPixelsInTheDocumentedOrder() throws IOException {
    for (String name : decodable()) {
      ImageDecoder.Decoded d = ImageDecoder.decode(Files.readAllBytes(images.resolve(name)));
      assertPixels(name, d.height, d.width, d.channels, d.data, "decoder");
    }
    assertThrows(IOException.class, () -> ImageDecoder.decode(Files.readAllBytes(images.resolve("broken.jpg"))));
  }

  /** The output's image structs by file name (relative to the folder); rows with a NULL image left out. */
  static Map<String, Row> imagesByName(String output) {
    Map<String, Row> m = new TreeMap<>();
    String root = images.toUri().getPath();
    for (Row r : JobTesting.spark().read().parquet(output).collectAsList()) {
      String path = r.getAs("path");
      Row img = r.getAs("image");
      if (img == null) {
        assertTrue(path.endsWith("/broken.jpg"), path);
        continue;
      }
      assertEquals(path, img.getString(0), "the image's origin is its path");
      m.put(java.net.URI.create(path).getPath().substring(root.length()), img);
    }
    return m;
  }

  @Test
  void imageFolder_foundAutomatically_everyFileARowWithItsPath_theBrokenOneQuarantinedByPath() {
    String out = dir.resolve("binary").toString();
    String q = dir.resolve("binary-quarantine").toString();
    JobTesting.Run run = JobTesting.runInProcess("--input", images.toString(), "--output", out,
        "--column", "image:scale=1,mode=nearest", "--on-error", "quarantine", "--quarantine-path", q);
    assertEquals(0, run.exitCode, run::toString);
    assertTrue(run.out.contains("(binary,"), run::toString);
    Map<String, Row> got = imagesByName(out);
    assertEquals(decodable(), got.keySet(), "one row per image file (notes.txt is not read)");
    // scale 1, nearest: the decoded pixels themselves
    for (Map.Entry<String, Row> e : got.entrySet()) {
      Row img = e.getValue();
      assertPixels(e.getKey(), img.getInt(1), img.getInt(2), img.getInt(3), (byte[]) img.get(5), "job");
    }
    List<Row> bad = JobTesting.spark().read().parquet(q).collectAsList();
    assertEquals(1, bad.size());
    String path = bad.get(0).getAs("path");
    assertTrue(path.endsWith("/broken.jpg"), path);
    String error = bad.get(0).getAs(ColumnResampling.QUARANTINE_ERROR);
    assertTrue(error.contains("row path=" + path) && error.contains("could not be decoded as an image"), error);
  }

  @Test
  void sparkImageSource_sameRowsAsBinary_butGreyAlphaDropsAlphaAndSixteenBitGreyKeepsTheLowByte() {
    String binary = dir.resolve("binary-nearest").toString();
    String image = dir.resolve("image-nearest").toString();
    for (String[] f : new String[][] {{"binary", binary}, {"image", image}}) {
      JobTesting.Run run = JobTesting.runInProcess("--input", images.toString(), "--input-format", f[0],
          "--output", f[1], "--column", "image:scale=1,mode=nearest", "--on-error", "null");
      assertEquals(0, run.exitCode, run::toString);
      assertTrue(run.out.contains("rows failed       1"), run::toString);
    }
    Map<String, Row> b = imagesByName(binary);
    Map<String, Row> s = imagesByName(image);
    assertEquals(b.keySet(), s.keySet());
    for (String name : b.keySet()) {
      if (name.equals("grey_alpha.png") || name.equals("grey16.png")) {
        continue;
      }
      for (int f = 1; f <= 4; f++) {
        assertEquals(b.get(name).getInt(f), s.get(name).getInt(f), name + " field " + f);
      }
      assertArrayEquals((byte[]) b.get(name).get(5), (byte[]) s.get(name).get(5), name);
    }
    assertEquals(1, s.get("grey_alpha.png").getInt(3), "Spark's image source: grey with alpha is 1 channel");
    assertEquals(4, b.get("grey_alpha.png").getInt(3));
    // 16-bit grey: the binary input scales to 8 bits; Spark's image source keeps the low byte
    byte[] scaled = (byte[]) b.get("grey16.png").get(5);
    byte[] spark = (byte[]) s.get("grey16.png").get(5);
    JsonNode ref = pillow.get("grey16.png").get("data");
    assertPixels("grey16.png", 5, 6, 1, scaled, "binary");
    boolean differs = false;
    for (int i = 0; i < scaled.length; i++) {
      differs |= scaled[i] != spark[i];
    }
    assertTrue(differs && ref.size() == spark.length, "Spark's image source reads 16-bit grey differently");
  }

  @Test
  void undecodableFile_onErrorFail_failsNamingTheFile() {
    JobTesting.Run run = JobTesting.runInProcess("--input", images.toString(), "--input-glob", "*.jpg",
        "--output", dir.resolve("failed").toString(), "--column", "image:size=4,mode=bilinear");
    assertEquals(ResampleJob.EXIT_FAILED, run.exitCode, run::toString);
    assertTrue(run.err.contains("broken.jpg") && run.err.contains("could not be decoded as an image"), run::toString);
  }

  @Test
  void singleSize_resizesEveryAxis() {
    String out = dir.resolve("size-one").toString();
    JobTesting.Run run = JobTesting.runInProcess("--input", images.toString(), "--output", out,
        "--column", "image:size=6,mode=bicubic,antialias=true", "--on-error", "null");
    assertEquals(0, run.exitCode, run::toString);
    for (Row img : imagesByName(out).values()) {
      assertArrayEquals(new int[] {6, 6}, new int[] {img.getInt(1), img.getInt(2)});
    }
  }
}
