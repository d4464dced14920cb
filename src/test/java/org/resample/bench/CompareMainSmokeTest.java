package org.resample.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of the benchmark harness: {@link CompareMain} runs every {@link BenchCases} case on the
 * quick (tiny) shapes and reports one result per case and thread count. Nothing about time is
 * asserted.
 */
class CompareMainSmokeTest {

  @Test
  void quickRunGivesOneResultPerCaseAndThreadCount() {
    CompareMain.Config cfg = new CompareMain.Config()
        .quick(true)
        .threads(1, 2)
        .repeats(1)
        .warmupSeconds(0)
        .minTimeSeconds(0);
    List<CompareMain.Result> results = CompareMain.run(cfg, null);

    assertEquals(BenchCases.values().length * 2, results.size());
    Set<BenchCases> seen1 = EnumSet.noneOf(BenchCases.class);
    Set<BenchCases> seen2 = EnumSet.noneOf(BenchCases.class);
    for (CompareMain.Result r : results) {
      assertTrue(r.threads == 1 ? seen1.add(r.benchCase) : seen2.add(r.benchCase),
          "duplicate result for " + r.benchCase.id() + " threads " + r.threads);
      assertArrayEquals(r.benchCase.outputShape(true), r.outputShape, r.benchCase.id());
      assertEquals(1, r.runsMs.length, r.benchCase.id());
      assertTrue(r.callsPerRepeat >= 1, r.benchCase.id());
    }
    assertEquals(EnumSet.allOf(BenchCases.class), seen1);
    assertEquals(EnumSet.allOf(BenchCases.class), seen2);
  }

  @Test
  void libtorchIsTimedOnTheSameCasesWhenAsked() {
    CompareMain.Config cfg = new CompareMain.Config()
        .cases(List.of(BenchCases.U8_BILINEAR_AA, BenchCases.BILINEAR))
        .quick(true)
        .threads(1, 2)
        .repeats(2)
        .warmupSeconds(0)
        .minTimeSeconds(0)
        .libtorch(true);
    List<CompareMain.Result> results = CompareMain.run(cfg, null);

    assertEquals(4, results.size());
    for (CompareMain.Result r : results) {
      assertEquals(2, r.torchRunsMs.length, r.benchCase.id());
      assertTrue(r.torchCallsPerRepeat >= 1, r.benchCase.id());
      assertTrue(r.torchBestMs() > 0, r.benchCase.id());
    }
    assertTrue(CompareMain.toJson(cfg, results).contains("\"libtorch_best_ms\": "));
  }

  @Test
  void commandLineWritesJsonWithEveryCase(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("out.json");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    int rc = CompareMain.execute(
        new String[] {"--quick", "--threads", "1", "--repeats", "1", "--warmup-s", "0",
            "--min-time-s", "0", "--json", json.toString()},
        System.out, new PrintStream(log, true, StandardCharsets.UTF_8));

    assertEquals(0, rc, log.toString(StandardCharsets.UTF_8));
    String text = Files.readString(json);
    for (BenchCases c : BenchCases.values()) {
      assertTrue(text.contains("{\"case\": \"" + c.id() + "\", \"threads\": 1,"),
          "no result for " + c.id() + " in\n" + text);
      assertTrue(text.contains("{\"name\": \"" + c.id() + "\""), "no definition of " + c.id());
    }
  }

  @Test
  void casesParseByIdOrConstantName() throws Exception {
    assertEquals(List.of(BenchCases.BILINEAR_AA, BenchCases.AREA), BenchCases.parse("bilinear_aa,AREA"));
    assertEquals(Arrays.asList(BenchCases.values()), BenchCases.parse("all"));
    PrintStream devNull = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertEquals(2, CompareMain.execute(new String[] {"--cases", "nope"}, devNull, devNull));
  }
}
