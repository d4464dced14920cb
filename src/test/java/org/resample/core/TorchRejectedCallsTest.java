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
 * this library computes via float32 (uint8 linear, trilinear and area; README), must be accepted.
 */
class TorchRejectedCallsTest {
  static final String RESOURCE = "golden/torch-2.x/rejected-calls.jsonl";

  /** A recorded call: the call, the key words of torch's message, and whether it is an extension. */
  record Rejected(ErrorCase call, List<String> keyWords, boolean extension) {}

  @TestFactory
  Stream<DynamicNode> everyCallTorch2Rejects_isRejectedWithTheSameMeaning() {
    List<Map<String, Object>> lines = jsonLines(RESOURCE);
    Map<String, Object> header = lines.get(0);
    assertNotNull(header.get("torch"), "first line is the probe's header");
    String torch = header.get("torch").toString();
    List<Rejected> calls = new ArrayList<>();
    for (Map<String, Object> o : lines.subList(1, lines.size())) {
      List<String> words = new ArrayList<>();
      for (Object w : (List<?>) o.get("key_words")) {
        words.add(w.toString());
      }
      calls.add(new Rejected(ErrorCase.of(o), words, Boolean.TRUE.equals(o.get("extension"))));
    }
    long rejected = calls.stream().filter(c -> !c.extension()).count();
    System.out.println("TorchRejectedCallsTest: " + calls.size() + " calls torch " + torch
        + " rejects: " + rejected + " must be rejected with torch's meaning, "
        + (calls.size() - rejected) + " are this library's uint8 extension");
    Stream<DynamicNode> version = Stream.of(dynamicTest("recorded from PyTorch 2.x", () -> {
      assertTrue(torch.startsWith("2."), torch);
      assertTrue(rejected >= 100, "only " + rejected + " rejected calls recorded");
    }));
    return Stream.concat(version, calls.stream().map(c -> dynamicTest(
        c.call().describe() + " | torch: " + shorten(c.call().torchMessage()), () -> check(c))));
  }

  static void check(Rejected r) {
    ErrorCase e = r.call();
    Tensor x = e.zeroInput();
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
