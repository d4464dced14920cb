package org.resample.core;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.resample.testing.Golden;
import org.resample.testing.Golden.ErrorCase;
import org.resample.testing.Golden.FixtureSet;

/**
 * Every invalid call in errors.jsonl (each one checked against torch by generate_golden.py) must
 * throw {@link InterpolateException}. Where this library means to use PyTorch's wording, our
 * message must contain torch's message.
 */
class TorchErrorCasesTest {
  /** Torch messages (by prefix) that ours must contain verbatim. */
  static final List<String> TORCH_WORDING =
      List.of(
          "only one of size or scale_factor should be defined",
          "either size or scale_factor should be defined",
          "Input and output must have the same number of spatial dimensions",
          "Input and scale_factor must have the same number of spatial dimensions",
          "align_corners option can only be set with the interpolating modes",
          "recompute_scale_factor is not meaningful with an explicit size",
          "Input and output sizes should be greater than 0",
          "Non-empty ",
          "Input Error: Only 3D, 4D and 5D input Tensors supported");

  /** "Got 4D input, but linear mode needs 3D input" and the like: ours must contain it. */
  static final Pattern RANK_FOR_MODE = Pattern.compile("Got \\d+D input, but \\S+ mode needs \\d+D input");

  /**
   * The antialias rule: 1.13 says "... only supported for bilinear and bicubic modes", we (like
   * 2.x) say "... restricted to bilinear and bicubic modes and requires a 4-D tensor as input".
   */
  static final String ANTIALIAS_PREFIX = "Anti-alias option";

  @TestFactory
  Stream<DynamicNode> torchErrorCases() {
    List<FixtureSet> sets = Golden.discover();
    assertTrue(
        sets.stream().anyMatch(FixtureSet::recordsErrors),
        "no fixture set under golden/ on the test classpath records error cases");
    return sets.stream()
        .filter(FixtureSet::recordsErrors)
        .map(
            set ->
                dynamicContainer(
                    set.name() + " errors (" + set.errors().size() + ")",
                    Stream.concat(
                        Stream.of(
                            dynamicTest(
                                "fixture set has error cases",
                                () ->
                                    assertTrue(
                                        set.errors().size() >= 50,
                                        set + ": expected at least 50 error cases"))),
                        set.errors().stream()
                            .map(e -> dynamicTest(displayName(e), () -> check(e, set))))));
  }

  static String displayName(ErrorCase e) {
    String msg = e.torchMessage();
    if (msg.length() > 110) {
      msg = msg.substring(0, 107) + "...";
    }
    return e.describe() + " | torch " + e.torchException() + ": " + msg;
  }

  static void check(ErrorCase e, FixtureSet set) {
    TorchVersion version = set.version();
    Tensor x = e.zeroInput();
    InterpolateException ex =
        assertThrows(
            InterpolateException.class,
            () -> Interpolate.interpolate(x, e.options(version)),
            () -> e + ": torch raised, we must throw InterpolateException");
    String ours = ex.getMessage();
    String torch = e.torchMessage();
    System.out.println(
        e.id() + " (" + e.note() + ")\n  torch: " + e.torchException() + ": " + torch
            + "\n  ours:  " + ours);
    switch (wording(e)) {
      case VERBATIM:
        assertTrue(
            ours.contains(torch),
            () -> e.describe() + ": our message should contain torch's.\n  torch: " + torch
                + "\n  ours:  " + ours);
        break;
      case ANTIALIAS:
        assertTrue(
            ours.startsWith(ANTIALIAS_PREFIX),
            () -> e.describe() + ": expected the antialias rule message, got: " + ours);
        break;
      default:
        break;
    }
  }

  enum Wording {
    VERBATIM,
    ANTIALIAS,
    OWN
  }

  /** How our message must relate to torch's for this case. */
  static Wording wording(ErrorCase e) {
    String torch = e.torchMessage();
    if (torch.startsWith(ANTIALIAS_PREFIX)) {
      return Wording.ANTIALIAS;
    }
    if (RANK_FOR_MODE.matcher(torch).matches()) {
      return Wording.VERBATIM;
    }
    for (String prefix : TORCH_WORDING) {
      if (!torch.startsWith(prefix)) {
        continue;
      }
      if (prefix.startsWith("Input Error") && !isMode(e.mode())) {
        return Wording.OWN; // we name the unknown mode instead
      }
      if (prefix.startsWith("Input and output sizes") && !positiveFiniteScales(e)) {
        return Wording.OWN; // we reject scale <= 0 / non-finite before computing sizes
      }
      return Wording.VERBATIM;
    }
    return Wording.OWN;
  }

  static boolean isMode(String name) {
    for (Mode m : Mode.values()) {
      if (m.torchName().equals(name)) {
        return true;
      }
    }
    return false;
  }

  static boolean positiveFiniteScales(ErrorCase e) {
    if (e.scaleFactor() == null) {
      return true;
    }
    for (double s : e.scaleFactor()) {
      if (!(s > 0) || Double.isInfinite(s)) {
        return false;
      }
    }
    return true;
  }
}
