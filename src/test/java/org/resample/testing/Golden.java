package org.resample.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.resample.core.DType;
import org.resample.core.InterpolateOptions;
import org.resample.core.Mode;
import org.resample.core.Tensor;
import org.resample.core.TorchVersion;
import org.resample.spark.codec.Npy;

/**
 * Loader of the PyTorch golden fixtures written by {@code src/test/python/generate_golden.py} (and
 * {@code live_cases.py}): {@code manifest.json}, {@code cases.jsonl}, {@code errors.jsonl} and the
 * {@code arrays-<mode>.npz} files, plus the tolerances the conformance tests apply.
 *
 * <p>Fixture sets live on the test classpath under {@value #RESOURCE_ROOT}/ (one folder per torch
 * release, e.g. {@code golden/torch-1.13}); {@link #loadDirectory} reads a set from any folder.
 * No dependencies: a minimal JSON parser and a minimal {@code .npy} reader are included.
 */
public final class Golden {
  /** Classpath folder holding one sub-folder per fixture set. */
  public static final String RESOURCE_ROOT = "golden";

  /** float32 results may differ from torch by this many ulps of the largest |input| element. */
  public static final int FLOAT32_TOLERANCE_ULPS = 8;

  /**
   * float32 plain bicubic (no antialias) against PyTorch 1.13 only ({@code TorchVersion.V1_13})
   * may differ by this many ulps of the largest |input|. Measured reason: 1.13's x86 build fuses
   * multiply-adds in the cubic index and coefficient arithmetic; the core reproduces the
   * contraction that matches torch bit for bit with align_corners=False, but with
   * align_corners=True a few outputs still differ (largest measured: 21 ulps, 1.3e-6 relative to
   * max|input|). Against PyTorch 2.x every mode is held to {@link #FLOAT32_TOLERANCE_ULPS}.
   */
  public static final int FLOAT32_BICUBIC_113_TOLERANCE_ULPS = 32;

  /** The comparison key of plain bicubic against PyTorch 1.13 (the one wider float32 bound). */
  public static final String BICUBIC_113 = "bicubic-1.13";

  /** float64 results may differ from torch by this fraction of the largest |input| element. */
  public static final double FLOAT64_RELATIVE_TOLERANCE = 1e-12;

  /** Absolute slack for float64 on top of the relative one, for all-zero inputs. */
  public static final double FLOAT64_ABSOLUTE_FLOOR = 1e-300;

  private Golden() {}

  // ---------------------------------------------------------------------------------------------
  // Discovery and loading

  /** Every fixture set found under {@value #RESOURCE_ROOT}/ on the classpath, sorted by name. */
  public static List<FixtureSet> discover() {
    TreeSet<String> names = new TreeSet<>();
    ClassLoader cl = classLoader();
    try {
      Enumeration<URL> roots = cl.getResources(RESOURCE_ROOT);
      while (roots.hasMoreElements()) {
        URL url = roots.nextElement();
        if ("file".equals(url.getProtocol())) {
          Path root = Paths.get(url.toURI());
          try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(d -> Files.isRegularFile(d.resolve("cases.jsonl")))
                .forEach(d -> names.add(d.getFileName().toString()));
          }
        } else if ("jar".equals(url.getProtocol())) {
          URLConnection c = url.openConnection();
          if (c instanceof JarURLConnection) {
            try (JarFile jar = ((JarURLConnection) c).getJarFile()) {
              Enumeration<JarEntry> entries = jar.entries();
              Pattern p = Pattern.compile(Pattern.quote(RESOURCE_ROOT) + "/([^/]+)/cases\\.jsonl");
              while (entries.hasMoreElements()) {
                Matcher m = p.matcher(entries.nextElement().getName());
                if (m.matches()) {
                  names.add(m.group(1));
                }
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<FixtureSet> sets = new ArrayList<>();
    for (String n : names) {
      sets.add(loadResource(n));
    }
    return sets;
  }

  /** The fixture set in classpath folder {@value #RESOURCE_ROOT}/{@code name}. */
  public static FixtureSet loadResource(String name) {
    String prefix = RESOURCE_ROOT + "/" + name + "/";
    return new FixtureSet(
        name,
        file -> {
          InputStream in = classLoader().getResourceAsStream(prefix + file);
          if (in == null) {
            throw new IOException("no classpath resource " + prefix + file);
          }
          return in;
        },
        file -> classLoader().getResource(prefix + file) != null);
  }

  /** The fixture set in folder {@code dir} (as written by live_cases.py). */
  public static FixtureSet loadDirectory(Path dir) {
    return new FixtureSet(
        dir.getFileName().toString(),
        file -> Files.newInputStream(dir.resolve(file)),
        file -> Files.isRegularFile(dir.resolve(file)));
  }

  private static ClassLoader classLoader() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return cl != null ? cl : Golden.class.getClassLoader();
  }

  /** Opens one file of a fixture set. */
  @FunctionalInterface
  interface Opener {
    InputStream open(String file) throws IOException;
  }

  /** Whether a fixture set has a file. */
  @FunctionalInterface
  interface Exists {
    boolean exists(String file);
  }

  /** The raw {@code .npy} bytes of one array of a fixture set. */
  @FunctionalInterface
  public interface ArraySource {
    byte[] npy(String mode, String entry);
  }

  /** One fixture folder: manifest, valid cases, error cases, arrays (loaded lazily per mode). */
  public static final class FixtureSet implements ArraySource {
    private final String name;
    private final Opener opener;
    private final Map<String, Object> manifest;
    private final List<GoldenCase> cases;
    private final List<ErrorCase> errors;
    private final boolean recordsErrors;
    private final Map<String, Map<String, byte[]>> arrays = new ConcurrentHashMap<>();

    FixtureSet(String name, Opener opener, Exists exists) {
      this.name = name;
      this.opener = opener;
      try {
        this.manifest =
            exists.exists("manifest.json")
                ? Json.object(Json.parse(readText("manifest.json")))
                : Collections.emptyMap();
        List<GoldenCase> cs = new ArrayList<>();
        for (Map<String, Object> o : readJsonLines("cases.jsonl")) {
          cs.add(GoldenCase.of(o, this));
        }
        this.cases = Collections.unmodifiableList(cs);
        List<ErrorCase> es = new ArrayList<>();
        this.recordsErrors = exists.exists("errors.jsonl");
        if (recordsErrors) {
          for (Map<String, Object> o : readJsonLines("errors.jsonl")) {
            es.add(ErrorCase.of(o));
          }
        }
        this.errors = Collections.unmodifiableList(es);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read fixture set " + name, e);
      }
    }

    /** Folder name, e.g. {@code torch-1.13}. */
    public String name() {
      return name;
    }

    public Map<String, Object> manifest() {
      return manifest;
    }

    public List<GoldenCase> cases() {
      return cases;
    }

    public List<ErrorCase> errors() {
      return errors;
    }

    /** Whether the set was generated with its error cases (it has an {@code errors.jsonl}). */
    public boolean recordsErrors() {
      return recordsErrors;
    }

    /** {@code torch.__version__} of the generator (from the manifest, else from the cases). */
    public String torchVersionString() {
      Object v = manifest.get("torch");
      if (v != null) {
        return v.toString();
      }
      if (!cases.isEmpty()) {
        return cases.get(0).torch();
      }
      return name.startsWith("torch-") ? name.substring("torch-".length()) : name;
    }

    /** The semantics to test against: {@link TorchVersion#V1_13} for 1.x, V2 for 2.x. */
    public TorchVersion version() {
      return torchVersion(torchVersionString());
    }

    @Override
    public byte[] npy(String mode, String entry) {
      Map<String, byte[]> m = arrays.computeIfAbsent(mode, this::readNpz);
      byte[] b = m.get(entry + ".npy");
      if (b == null) {
        throw new IllegalStateException(
            "fixture set " + name + ": arrays-" + mode + ".npz has no entry " + entry + ".npy");
      }
      return b;
    }

    private Map<String, byte[]> readNpz(String mode) {
      String file = "arrays-" + mode + ".npz";
      Map<String, byte[]> m = new HashMap<>();
      try (ZipInputStream zin = new ZipInputStream(opener.open(file))) {
        ZipEntry e;
        while ((e = zin.getNextEntry()) != null) {
          m.put(e.getName(), zin.readAllBytes());
        }
      } catch (IOException ex) {
        throw new UncheckedIOException("cannot read " + file + " of fixture set " + name, ex);
      }
      return m;
    }

    private String readText(String file) throws IOException {
      try (InputStream in = opener.open(file)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }

    private List<Map<String, Object>> readJsonLines(String file) throws IOException {
      List<Map<String, Object>> out = new ArrayList<>();
      String[] lines = readText(file).split("\n");
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].trim();
        if (line.isEmpty()) {
          continue;
        }
        try {
          out.add(Json.object(Json.parse(line)));
        } catch (RuntimeException e) {
          throw new IllegalStateException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
        }
      }
      return out;
    }

    @Override
    public String toString() {
      return "FixtureSet(" + name + ", torch " + torchVersionString() + ", " + cases.size()
          + " cases, " + errors.size() + " error cases)";
    }
  }

  /** {@link TorchVersion#V1_13} for a 1.x version string, {@link TorchVersion#V2} otherwise. */
  public static TorchVersion torchVersion(String torchVersion) {
    return torchVersion.startsWith("1.") ? TorchVersion.V1_13 : TorchVersion.V2;
  }

  // ---------------------------------------------------------------------------------------------
  // Cases

  /** One valid call recorded from torch, with its input and torch's output. */
  public record GoldenCase(
      String id,
      String group,
      String mode,
      String dtype,
      int[] inputShape,
      int[] size,
      double[] scaleFactor,
      Boolean alignCorners,
      Boolean recomputeScaleFactor,
      boolean antialias,
      int[] outputShape,
      String torch,
      boolean channelsLastRoute,
      String note,
      int threads,
      String inputId,
      ArraySource arrays) {

    static GoldenCase of(Map<String, Object> o, ArraySource arrays) {
      return new GoldenCase(
          Json.string(o, "id"),
          Json.string(o, "group"),
          Json.string(o, "mode"),
          Json.string(o, "dtype"),
          Json.intArray(o.get("input_shape")),
          Json.intArray(o.get("size")),
          Json.doubleArray(o.get("scale_factor")),
          (Boolean) o.get("align_corners"),
          (Boolean) o.get("recompute_scale_factor"),
          Boolean.TRUE.equals(o.get("antialias")),
          Json.intArray(o.get("output_shape")),
          Json.string(o, "torch"),
          Boolean.TRUE.equals(o.get("channels_last_route")),
          o.get("note") == null ? "" : o.get("note").toString(),
          o.get("threads") == null ? 1 : ((Number) o.get("threads")).intValue(),
          o.get("input_id") == null ? null : o.get("input_id").toString(),
          arrays);
    }

    public DType dType() {
      return dtypeOf(dtype);
    }

    public Mode modeEnum() {
      return Mode.of(mode);
    }

    /** The input tensor (a fresh copy on each call). */
    public Tensor input() {
      String in = (inputId == null ? id : inputId) + ".in";
      return Npy.read(arrays.npy(mode, in), dType(), inputShape, in);
    }

    /** Torch's output (a fresh copy on each call). */
    public Tensor expected() {
      return Npy.read(arrays.npy(mode, id + ".out"), dType(), outputShape, id + ".out");
    }

    /** The options exactly as the case was recorded, with the given numerics version. */
    public InterpolateOptions options(TorchVersion version) {
      return buildOptions(
          mode, size, scaleFactor, alignCorners, recomputeScaleFactor, antialias, version);
    }

    /** Short description: id, mode, dtype, shapes and arguments. */
    public String describe() {
      StringBuilder sb = new StringBuilder(id).append(' ').append(mode).append(' ').append(dtype);
      sb.append(' ').append(shape(inputShape)).append("->").append(shape(outputShape));
      sb.append(arguments(size, scaleFactor, alignCorners, recomputeScaleFactor, antialias));
      if (channelsLastRoute) {
        sb.append(" CL");
      }
      if (threads > 1) {
        sb.append(" torch-threads=").append(threads);
      }
      return sb.toString();
    }

    @Override
    public String toString() {
      return describe() + (note.isEmpty() ? "" : " (" + note + ")");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof GoldenCase && ((GoldenCase) o).id.equals(id);
    }

    @Override
    public int hashCode() {
      return id.hashCode();
    }
  }

  /** One invalid call and what torch raised for it. */
  public record ErrorCase(
      String id,
      int[] inputShape,
      String dtype,
      int[] size,
      double[] scaleFactor,
      String mode,
      Boolean alignCorners,
      Boolean recomputeScaleFactor,
      boolean antialias,
      String torchException,
      String torchMessage,
      String note) {

    /** The call of one errors.jsonl record (fields beyond those of the record are ignored). */
    public static ErrorCase of(Map<String, Object> o) {
      return new ErrorCase(
          Json.string(o, "id"),
          Json.intArray(o.get("input_shape")),
          Json.string(o, "dtype"),
          Json.intArray(o.get("size")),
          Json.doubleArray(o.get("scale_factor")),
          Json.string(o, "mode"),
          (Boolean) o.get("align_corners"),
          (Boolean) o.get("recompute_scale_factor"),
          Boolean.TRUE.equals(o.get("antialias")),
          Json.string(o, "torch_exception"),
          Json.string(o, "torch_message"),
          o.get("note") == null ? "" : o.get("note").toString());
    }

    /** A zero tensor of the recorded shape and dtype. */
    public Tensor zeroInput() {
      return Tensor.zeros(dtypeOf(dtype), inputShape);
    }

    /**
     * The options as recorded; throws {@link org.resample.core.InterpolateException} itself when
     * the mode string is not a mode.
     */
    public InterpolateOptions options(TorchVersion version) {
      return buildOptions(
          mode, size, scaleFactor, alignCorners, recomputeScaleFactor, antialias, version);
    }

    public String describe() {
      return id + ' ' + mode + ' ' + dtype + ' ' + shape(inputShape)
          + arguments(size, scaleFactor, alignCorners, recomputeScaleFactor, antialias);
    }

    @Override
    public String toString() {
      return describe() + " -> " + torchException + ": " + torchMessage;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ErrorCase && ((ErrorCase) o).id.equals(id);
    }

    @Override
    public int hashCode() {
      return id.hashCode();
    }
  }

  static InterpolateOptions buildOptions(
      String mode,
      int[] size,
      double[] scaleFactor,
      Boolean alignCorners,
      Boolean recomputeScaleFactor,
      boolean antialias,
      TorchVersion version) {
    InterpolateOptions.Builder b =
        InterpolateOptions.builder()
            .mode(mode)
            .alignCorners(alignCorners)
            .recomputeScaleFactor(recomputeScaleFactor)
            .antialias(antialias)
            .torchVersion(version);
    if (size != null) {
      b.size(size);
    }
    if (scaleFactor != null) {
      b.scaleFactor(scaleFactor);
    }
    return b.build();
  }

  public static DType dtypeOf(String torchName) {
    for (DType d : DType.values()) {
      if (d.torchName().equals(torchName)) {
        return d;
      }
    }
    throw new IllegalArgumentException("unknown dtype " + torchName);
  }

  static String shape(int[] s) {
    return Arrays.toString(s).replace(" ", "");
  }

  static String arguments(
      int[] size, double[] scale, Boolean ac, Boolean rc, boolean aa) {
    StringBuilder sb = new StringBuilder();
    if (size != null) {
      sb.append(" size=").append(shape(size));
    }
    if (scale != null) {
      sb.append(" scale=").append(Arrays.toString(scale).replace(" ", ""));
    }
    if (ac != null) {
      sb.append(" ac=").append(ac);
    }
    if (rc != null) {
      sb.append(" rc=").append(rc);
    }
    if (aa) {
      sb.append(" aa");
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Tolerances and comparison

  /** True when the case must match torch exactly: nearest modes, and every uint8 case. */
  public static boolean exactRequired(String mode, DType dtype) {
    return dtype == DType.UINT8 || mode.equals("nearest") || mode.equals("nearest-exact");
  }

  /** Largest |x| over the tensor's elements (0 for an empty tensor). */
  public static double maxAbs(Tensor t) {
    double m = 0;
    long n = t.numel();
    for (int i = 0; i < n; i++) {
      m = Math.max(m, Math.abs(t.getAsDouble(i)));
    }
    return m;
  }

  /** One ulp of {@code maxAbsInput} in the dtype (1 for uint8). */
  public static double ulpOf(DType dtype, double maxAbsInput) {
    switch (dtype) {
      case FLOAT32:
        return Math.ulp((float) maxAbsInput);
      case FLOAT64:
        return Math.ulp(maxAbsInput);
      default:
        return 1.0;
    }
  }

  /** The allowed |ours - torch| for a case of this mode and dtype with this largest |input|. */
  public static double tolerance(String mode, DType dtype, double maxAbsInput) {
    if (exactRequired(mode, dtype)) {
      return 0.0;
    }
    if (dtype == DType.FLOAT32) {
      int ulps = mode.equals(BICUBIC_113) ? FLOAT32_BICUBIC_113_TOLERANCE_ULPS : FLOAT32_TOLERANCE_ULPS;
      return ulps * (double) Math.ulp((float) maxAbsInput);
    }
    return FLOAT64_RELATIVE_TOLERANCE * maxAbsInput + FLOAT64_ABSOLUTE_FLOOR;
  }

  /** |ours - torch| in ulps of the largest |input| (in units for uint8). */
  public static double errorUlps(DType dtype, double ours, double torch, double maxAbsInput) {
    double diff = Math.abs(ours - torch);
    if (diff == 0) {
      return 0;
    }
    if (Double.isNaN(diff)) {
      return Double.POSITIVE_INFINITY;
    }
    return diff / ulpOf(dtype, maxAbsInput);
  }

  /** Whether element {@code i} of two tensors of the same dtype has the same bits. */
  public static boolean bitIdentical(Tensor a, Tensor b, int i) {
    if (a.dtype() != b.dtype()) {
      return false;
    }
    switch (a.dtype()) {
      case FLOAT32:
        return Float.floatToRawIntBits(a.floatData()[i]) == Float.floatToRawIntBits(b.floatData()[i]);
      case FLOAT64:
        return Double.doubleToRawLongBits(a.doubleData()[i])
            == Double.doubleToRawLongBits(b.doubleData()[i]);
      default:
        return a.uint8Data()[i] == b.uint8Data()[i];
    }
  }

  /** Compares our output for a case with torch's. */
  public static Comparison compare(GoldenCase c, Tensor ours) {
    boolean bicubic113 =
        c.mode().equals("bicubic") && !c.antialias() && torchVersion(c.torch()) == TorchVersion.V1_13;
    return compare(bicubic113 ? BICUBIC_113 : c.mode(), c.input(), c.expected(), ours);
  }

  /**
   * Compares {@code ours} with {@code torch}'s output of the same call on {@code input}; {@code
   * mode} is the PyTorch mode name, or {@link #BICUBIC_113} for plain bicubic against PyTorch 1.13.
   */
  public static Comparison compare(String mode, Tensor input, Tensor torch, Tensor ours) {
    Comparison r = new Comparison();
    r.expectedShape = torch.shape();
    r.expectedDtype = torch.dtype();
    r.elements = torch.numel();
    r.maxAbsInput = maxAbs(input);
    r.tolerance = tolerance(mode, torch.dtype(), r.maxAbsInput);
    r.exact = exactRequired(mode, torch.dtype());
    if (ours == null) {
      r.problem = "no output";
      return r;
    }
    r.actualShape = ours.shape();
    r.actualDtype = ours.dtype();
    if (ours.dtype() != torch.dtype()) {
      r.problem = "dtype " + ours.dtype() + ", torch " + torch.dtype();
      return r;
    }
    if (!Arrays.equals(ours.shape(), torch.shape())) {
      r.problem = "shape " + shape(ours.shape()) + ", torch " + shape(torch.shape());
      return r;
    }
    int n = (int) r.elements;
    for (int i = 0; i < n; i++) {
      double o = ours.getAsDouble(i);
      double t = torch.getAsDouble(i);
      if (bitIdentical(ours, torch, i)) {
        r.bitIdentical++;
        continue;
      }
      double diff = Math.abs(o - t);
      boolean ok = r.exact ? o == t : diff <= r.tolerance;
      if (Double.isNaN(o) != Double.isNaN(t)) {
        ok = false;
        diff = Double.POSITIVE_INFINITY;
      }
      double ulps = errorUlps(torch.dtype(), o, t, r.maxAbsInput);
      if (!ok) {
        r.failures++;
        if (r.firstFailure < 0) {
          r.firstFailure = i;
        }
      }
      if (r.worstIndex < 0 || ulps > r.maxErrorUlps) {
        r.maxErrorUlps = ulps;
        r.maxAbsError = diff;
        r.worstIndex = i;
        r.worstOurs = o;
        r.worstTorch = t;
      }
    }
    return r;
  }

  /** The outcome of one comparison. */
  public static final class Comparison {
    int[] expectedShape;
    int[] actualShape;
    DType expectedDtype;
    DType actualDtype;
    long elements;
    long bitIdentical;
    long failures;
    int firstFailure = -1;
    int worstIndex = -1;
    double worstOurs;
    double worstTorch;
    double maxErrorUlps;
    double maxAbsError;
    double maxAbsInput;
    double tolerance;
    boolean exact;
    String problem;

    /** True when shape and dtype match and every element is within tolerance. */
    public boolean passed() {
      return problem == null && failures == 0;
    }

    public long elements() {
      return elements;
    }

    public long bitIdentical() {
      return bitIdentical;
    }

    public long failures() {
      return failures;
    }

    /** Largest |ours - torch| in ulps of the largest |input| (units for uint8). */
    public double maxErrorUlps() {
      return maxErrorUlps;
    }

    public double maxAbsError() {
      return maxAbsError;
    }

    public double tolerance() {
      return tolerance;
    }

    /** Why shape or dtype did not match, or null. */
    public String problem() {
      return problem;
    }

    public String describe() {
      if (problem != null) {
        return "mismatch: " + problem;
      }
      StringBuilder sb = new StringBuilder();
      sb.append(passed() ? "ok" : "FAILED").append(": ").append(elements).append(" elements, ");
      sb.append(bitIdentical).append(" bit-identical, ").append(failures).append(" outside ");
      sb.append(exact ? "exact match" : String.format(Locale.ROOT, "tolerance %.3g", tolerance));
      if (worstIndex >= 0) {
        sb.append(
            String.format(
                Locale.ROOT,
                "; worst at flat index %d: ours %s, torch %s (|diff| %.3g = %.2f ulp of max|input|"
                    + " %s)",
                worstIndex,
                repr(worstOurs),
                repr(worstTorch),
                maxAbsError,
                maxErrorUlps,
                repr(maxAbsInput)));
      }
      if (firstFailure >= 0 && firstFailure != worstIndex) {
        sb.append("; first failure at flat index ").append(firstFailure);
      }
      return sb.toString();
    }

    private String repr(double v) {
      return expectedDtype == DType.FLOAT32 ? Float.toString((float) v) : Double.toString(v);
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // .npy

  /** Minimal reader of NumPy .npy v1/v2/v3: little-endian '<f4', '<f8', '|u1', C order. */
  public static final class Npy {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** Parses {@code npy}, checking its dtype and shape against the expected ones. */
    public static Tensor read(byte[] npy, DType dtype, int[] expectedShape, String what) {
      ByteBuffer bb = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
      byte[] magic = new byte[6];
      bb.get(magic);
      if (magic[0] != (byte) 0x93
          || !new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
        throw new IllegalStateException(what + ": not a .npy array");
      }
      int major = bb.get() & 0xFF;
      bb.get(); // minor
      int headerLen = major == 1 ? bb.getShort() & 0xFFFF : bb.getInt();
      byte[] hb = new byte[headerLen];
      bb.get(hb);
      String header =
          new String(hb, major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
      String descr = group(DESCR, header, what);
      if (group(FORTRAN, header, what).equals("True")) {
        throw new IllegalStateException(what + ": Fortran-order arrays are not supported");
      }
      String shapeText = group(SHAPE, header, what).trim();
      List<Integer> dims = new ArrayList<>();
      for (String s : shapeText.split(",")) {
        if (!s.trim().isEmpty()) {
          dims.add(Integer.parseInt(s.trim()));
        }
      }
      int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
      if (expectedShape != null && !Arrays.equals(shape, expectedShape)) {
        throw new IllegalStateException(
            what + ": shape " + shape(shape) + " but the case says " + shape(expectedShape));
      }
      long count = 1;
      for (int d : shape) {
        count *= d;
      }
      int n = Math.toIntExact(count);
      String wanted =
          dtype == DType.FLOAT32 ? "<f4" : dtype == DType.FLOAT64 ? "<f8" : "|u1";
      if (!descr.equals(wanted) && !(dtype == DType.UINT8 && descr.equals("<u1"))) {
        throw new IllegalStateException(
            what + ": descr '" + descr + "' but dtype " + dtype + " needs '" + wanted + "'");
      }
      if (bb.remaining() != (long) n * dtype.byteSize()) {
        throw new IllegalStateException(
            what + ": " + bb.remaining() + " data bytes for " + n + " elements of " + dtype);
      }
      switch (dtype) {
        case FLOAT32:
          {
            float[] f = new float[n];
            bb.asFloatBuffer().get(f);
            return Tensor.ofFloat(f, shape);
          }
        case FLOAT64:
          {
            double[] d = new double[n];
            bb.asDoubleBuffer().get(d);
            return Tensor.ofDouble(d, shape);
          }
        default:
          {
            byte[] b = new byte[n];
            bb.get(b);
            return Tensor.ofUint8(b, shape);
          }
      }
    }

    private static String group(Pattern p, String header, String what) {
      Matcher m = p.matcher(header);
      if (!m.find()) {
        throw new IllegalStateException(what + ": bad .npy header " + header);
      }
      return m.group(1);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // JSON

  /**
   * Minimal JSON parser: objects (LinkedHashMap), arrays (ArrayList), strings, numbers (Long when
   * integral in form, else Double, parsed with Double.parseDouble so Python's repr round-trips),
   * booleans and null.
   */
  public static final class Json {
    private final String s;
    private int pos;

    private Json(String s) {
      this.s = s;
    }

    public static Object parse(String text) {
      Json p = new Json(text);
      p.ws();
      Object v = p.value();
      p.ws();
      if (p.pos != p.s.length()) {
        throw p.error("trailing characters");
      }
      return v;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object o) {
      if (!(o instanceof Map)) {
        throw new IllegalStateException("expected a JSON object");
      }
      return (Map<String, Object>) o;
    }

    static String string(Map<String, Object> o, String key) {
      Object v = o.get(key);
      if (!(v instanceof String)) {
        throw new IllegalStateException("key '" + key + "' must be a string, got " + v);
      }
      return (String) v;
    }

    public static int[] intArray(Object v) {
      if (v == null) {
        return null;
      }
      List<?> l = (List<?>) v;
      int[] a = new int[l.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = Math.toIntExact(((Number) l.get(i)).longValue());
      }
      return a;
    }

    /** Numbers, or the strings "nan", "inf", "-inf". */
    static double[] doubleArray(Object v) {
      if (v == null) {
        return null;
      }
      List<?> l = (List<?>) v;
      double[] a = new double[l.size()];
      for (int i = 0; i < a.length; i++) {
        Object e = l.get(i);
        if (e instanceof Number) {
          a[i] = ((Number) e).doubleValue();
        } else {
          switch (String.valueOf(e).toLowerCase(Locale.ROOT)) {
            case "nan":
              a[i] = Double.NaN;
              break;
            case "inf":
            case "+inf":
            case "infinity":
              a[i] = Double.POSITIVE_INFINITY;
              break;
            case "-inf":
            case "-infinity":
              a[i] = Double.NEGATIVE_INFINITY;
              break;
            default:
              throw new IllegalStateException("not a number: " + e);
          }
        }
      }
      return a;
    }

    private Object value() {
      if (pos >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(pos);
      switch (c) {
        case '{':
          return obj();
        case '[':
          return arr();
        case '"':
          return str();
        case 't':
          return literal("true", Boolean.TRUE);
        case 'f':
          return literal("false", Boolean.FALSE);
        case 'n':
          return literal("null", null);
        default:
          return num();
      }
    }

    private Map<String, Object> obj() {
      Map<String, Object> m = new LinkedHashMap<>();
      pos++;
      ws();
      if (peek() == '}') {
        pos++;
        return m;
      }
      while (true) {
        ws();
        String k = str();
        ws();
        expect(':');
        ws();
        m.put(k, value());
        ws();
        char c = next();
        if (c == '}') {
          return m;
        }
        if (c != ',') {
          throw error("expected , or }");
        }
      }
    }

    private List<Object> arr() {
      List<Object> l = new ArrayList<>();
      pos++;
      ws();
      if (peek() == ']') {
        pos++;
        return l;
      }
      while (true) {
        ws();
        l.add(value());
        ws();
        char c = next();
        if (c == ']') {
          return l;
        }
        if (c != ',') {
          throw error("expected , or ]");
        }
      }
    }

    private String str() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return sb.toString();
        }
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        char e = next();
        switch (e) {
          case '"':
          case '\\':
          case '/':
            sb.append(e);
            break;
          case 'b':
            sb.append('\b');
            break;
          case 'f':
            sb.append('\f');
            break;
          case 'n':
            sb.append('\n');
            break;
          case 'r':
            sb.append('\r');
            break;
          case 't':
            sb.append('\t');
            break;
          case 'u':
            if (pos + 4 > s.length()) {
              throw error("bad \\u escape");
            }
            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            pos += 4;
            break;
          default:
            throw error("bad escape \\" + e);
        }
      }
    }

    private Object num() {
      int start = pos;
      boolean integral = true;
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == '.' || c == 'e' || c == 'E') {
          integral = false;
        } else if (!(c == '-' || c == '+' || (c >= '0' && c <= '9'))) {
          break;
        }
        pos++;
      }
      String t = s.substring(start, pos);
      if (t.isEmpty()) {
        throw error("unexpected character");
      }
      try {
        return integral ? (Object) Long.parseLong(t) : (Object) Double.parseDouble(t);
      } catch (NumberFormatException e) {
        throw error("bad number " + t);
      }
    }

    private Object literal(String word, Object v) {
      if (!s.startsWith(word, pos)) {
        throw error("unexpected token");
      }
      pos += word.length();
      return v;
    }

    private void ws() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    private char peek() {
      if (pos >= s.length()) {
        throw error("unexpected end");
      }
      return s.charAt(pos);
    }

    private char next() {
      char c = peek();
      pos++;
      return c;
    }

    private void expect(char c) {
      if (next() != c) {
        pos--;
        throw error("expected " + c);
      }
    }

    private IllegalStateException error(String what) {
      return new IllegalStateException("JSON: " + what + " at offset " + pos);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Misc

  /** Reads a whole stream (for process output). */
  public static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
