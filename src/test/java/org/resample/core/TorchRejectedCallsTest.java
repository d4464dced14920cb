package org.resample.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.resample.testing.Golden;
import org.resample.testing.Golden.ErrorCase;

/**
 * Every call PyTorch 2.x rejects, as {@code src/test/python/probe_torch_errors.py} recorded it from
 * the torch 2.13 wheel (golden/torch-2.x/rejected-calls.jsonl), is rejected by the core with an
 * {@link InterpolateException} whose message carries the meaning of torch's: each of the record's
 * key words (case-insensitive). The calls torch rejects only for want of a uint8 kernel, which
 * this library computes via float32 (uint8 linear, trilinear and area; README), and those where
 * torch fails an internal assertion (a bug of its uint8 AVX2 kernel) must be accepted; so must the
 * calls at the edge of the rules that torch accepts, with torch's output shape and values.
 */
class TorchRejectedCallsTest {
  static final String RESOURCE = "golden/torch-2.x/rejected-calls.jsonl";

  /**
   * A recorded call: the call, the key words of torch's message, whether it is an extension or a
   * torch internal error, and for a call torch accepts its output (else null).
   */
  record Rejected(ErrorCase call, List<String> keyWords, boolean extension, boolean internalError,
      Tensor torchOutput) {}

  @TestFactory
  Stream<DynamicNode> everyCallTorch2Rejects_isRejectedWithTheSameMeaning() {
    List<Map<String, Object>> lines = jsonLines(RESOURCE);
    Map<String, Object> header = lines.get(0);
    assertNotNull(header.get("torch"), "first line is the probe's header");
    String torch = header.get("torch").toString();
    List<Rejected> calls = new ArrayList<>();
    for (Map<String, Object> o : lines.subList(1, lines.size())) {
      List<String> words = new ArrayList<>();
      if (o.get("key_words") != null) {
        for (Object w : (List<?>) o.get("key_words")) {
          words.add(w.toString());
        }
      }
      ErrorCase e = ErrorCase.of(o);
      Tensor out = null;
      if (Boolean.TRUE.equals(o.get("accepted"))) {
        int[] shape = ((List<?>) o.get("output_shape")).stream()
            .mapToInt(v -> ((Number) v).intValue()).toArray();
        out = Tensor.zeros(Golden.dtypeOf(e.dtype()), shape);
        List<?> values = (List<?>) o.get("output");
        for (int i = 0; i < values.size(); i++) {
          Object v = values.get(i);
          double d = v instanceof Number ? ((Number) v).doubleValue() : Double.NaN;
          if (out.dtype() == DType.FLOAT32) {
            out.floatData()[i] = (float) d;
          } else if (out.dtype() == DType.FLOAT64) {
            out.doubleData()[i] = d;
          } else {
            out.uint8Data()[i] = (byte) d;
          }
        }
      }
      calls.add(new Rejected(e, words, Boolean.TRUE.equals(o.get("extension")),
          Boolean.TRUE.equals(o.get("internal_error")), out));
    }
    long rejected = calls.stream()
        .filter(c -> !c.extension() && !c.internalError() && c.torchOutput() == null).count();
    long accepted = calls.stream().filter(c -> c.torchOutput() != null).count();
    System.out.println("TorchRejectedCallsTest: torch " + torch + ": " + rejected
        + " rejected calls must be rejected with torch's meaning; "
        + calls.stream().filter(Rejected::extension).count() + " are this library's uint8 extension, "
        + calls.stream().filter(Rejected::internalError).count() + " torch internal errors, "
        + accepted + " edge calls torch accepts");
    Stream<DynamicNode> version = Stream.of(dynamicTest("recorded from PyTorch 2.x", () -> {
      assertTrue(torch.startsWith("2."), torch);
      assertTrue(rejected >= 100, "only " + rejected + " rejected calls recorded");
    }));
    return Stream.concat(version, calls.stream().map(c -> dynamicTest(
        c.call().describe() + " | torch: "
            + (c.torchOutput() != null ? "accepts" : shorten(c.call().torchMessage())),
        () -> check(c))));
  }

  static void check(Rejected r) {
    ErrorCase e = r.call();
    Tensor x = e.zeroInput();
    if (r.torchOutput() != null) {
      Tensor y = Interpolate.interpolate(x, e.options(TorchVersion.V2));
      Tensor t = r.torchOutput();
      assertEquals(java.util.Arrays.toString(t.shape()), java.util.Arrays.toString(y.shape()),
          e + ": output shape");
      for (int i = 0; i < t.numel(); i++) {
        assertEquals(t.getAsDouble(i), y.getAsDouble(i), 0.0, e + ": element " + i);
      }
      return;
    }
    if (r.internalError()) {
      assertDoesNotThrow(() -> Interpolate.interpolate(x, e.options(TorchVersion.V2)),
          e + ": torch's internal assertion is a torch bug; the core computes the call");
      return;
    }
    if (r.extension()) {
      assertEquals("uint8", e.dtype(), e + ": only uint8 calls are extensions");
      assertTrue(e.mode().equals("linear") || e.mode().equals("trilinear")
          || e.mode().equals("area"), e + ": only linear, trilinear and area are extensions");
      assertDoesNotThrow(() -> Interpolate.interpolate(x, e.options(TorchVersion.V2)),
          e + ": uint8 " + e.mode() + " is computed via float32");
      return;
    }
    InterpolateException ex = assertThrows(InterpolateException.class,
        () -> Interpolate.interpolate(x, e.options(TorchVersion.V2)),
        () -> e + ": torch rejects the call, the core must throw InterpolateException");
    String ours = ex.getMessage();
    String lower = ours.toLowerCase(Locale.ROOT);
    for (String w : r.keyWords()) {
      assertTrue(lower.contains(w.toLowerCase(Locale.ROOT)),
          () -> e.describe() + ": our message lacks '" + w + "'\n  torch: " + e.torchMessage()
              + "\n  ours:  " + ours);
    }
  }

  static String shorten(String msg) {
    return msg.length() > 90 ? msg.substring(0, 87) + "..." : msg;
  }

  static List<Map<String, Object>> jsonLines(String resource) {
    try (InputStream in = TorchRejectedCallsTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertNotNull(in, "no classpath resource " + resource);
      List<Map<String, Object>> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          @SuppressWarnings("unchecked")
          Map<String, Object> o = (Map<String, Object>) Golden.Json.parse(line);
          out.add(o);
        }
      }
      return out;
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
