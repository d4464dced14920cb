package org.resample.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The committed PTX of the kernels ({@value #RESOURCE}, written by {@code src/main/cuda/build-ptx}
 * from {@code src/main/cuda/resample.cu}): its text, and what a driver needs to load it.
 */
final class PtxImage {
  static final String RESOURCE = "/org/resample/gpu/resample.ptx";

  private static final Pattern VERSION = Pattern.compile("(?m)^\\.version (\\d+)\\.(\\d+)\\s*$");
  private static final Pattern TARGET = Pattern.compile("(?m)^\\.target sm_(\\d+)\\s*$");
  private static final Pattern ENTRY = Pattern.compile("(?m)^\\.visible \\.entry (\\w+)\\(");
  private static final Pattern SOURCE = Pattern.compile("(?m)^// source-sha256: ([0-9a-f]{64})$");
  private static final Pattern NVCC = Pattern.compile("(?m)^// nvcc: (.*)$");

  final String text;
  final int isaMajor;
  final int isaMinor;
  /** The {@code .target}: 75 for sm_75, i.e. compute capability 7.5 and newer. */
  final int target;

  private PtxImage(String text) {
    this.text = text;
    Matcher v = VERSION.matcher(text);
    Matcher t = TARGET.matcher(text);
    if (!v.find() || !t.find()) {
      throw new IllegalStateException(RESOURCE + " has no .version or .target line");
    }
    this.isaMajor = Integer.parseInt(v.group(1));
    this.isaMinor = Integer.parseInt(v.group(2));
    this.target = Integer.parseInt(t.group(1));
  }

  private static volatile PtxImage loaded;

  /** The PTX on the classpath (read once). */
  static PtxImage load() {
    PtxImage p = loaded;
    if (p == null) {
      try (InputStream in = PtxImage.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("no " + RESOURCE + " on the classpath");
        }
        p = new PtxImage(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
      loaded = p;
    }
    return p;
  }

  /** The kernels ({@code .visible .entry}) the PTX defines. */
  Set<String> entries() {
    Set<String> s = new TreeSet<>();
    Matcher m = ENTRY.matcher(text);
    while (m.find()) {
      s.add(m.group(1));
    }
    return s;
  }

  /** SHA-256 of the {@code resample.cu} the PTX was built from (hex), or null. */
  String sourceSha256() {
    Matcher m = SOURCE.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  /** The nvcc release line recorded by build-ptx, or "unknown nvcc". */
  String compiler() {
    Matcher m = NVCC.matcher(text);
    return m.find() ? m.group(1) : "unknown nvcc";
  }

  /** "9.0" */
  String isa() {
    return isaMajor + "." + isaMinor;
  }

  /**
   * The oldest CUDA version whose driver JIT-compiles this PTX ISA, as {@code cuDriverGetVersion}
   * reports it (major * 1000 + minor * 10): each ISA came with one toolkit release (PTX ISA
   * release notes). 0 when the ISA is newer than this table (the load itself will tell).
   */
  int minimumDriverVersion() {
    int isa = isaMajor * 10 + isaMinor;
    if (isa >= 70 && isa <= 78) {
      return 11000 + (isa - 70) * 10; // 7.0 = CUDA 11.0 ... 7.8 = CUDA 11.8
    }
    if (isa >= 80 && isa <= 85) {
      return 12000 + (isa - 80) * 10; // 8.0 = CUDA 12.0 ... 8.5 = CUDA 12.5 (and 12.6)
    }
    if (isa >= 86 && isa <= 88) {
      return 12070 + (isa - 86) * 10; // 8.6 = CUDA 12.7 ... 8.8 = CUDA 12.9
    }
    if (isa == 90) {
      return 13000;
    }
    return 0;
  }

  /** "13.0" for 13000. */
  static String cudaVersion(int driverVersion) {
    return driverVersion / 1000 + "." + (driverVersion % 1000) / 10;
  }

  /** The text with the terminating NUL that {@code cuModuleLoadData} expects. */
  byte[] nulTerminated() {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    byte[] z = new byte[b.length + 1];
    System.arraycopy(b, 0, z, 0, b.length);
    return z;
  }
}
