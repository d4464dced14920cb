package org.resample.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resample.testing.TorchOracle;

/**
 * The uint8 fixed-point kernels' two implementations, the scalar passes and the Vector API passes,
 * each forced in turn: both give PyTorch 2.x's bytes (libtorch {@value TorchOracle#VERSION} in this
 * JVM) for bilinear and bicubic, with and without antialias, and the same bytes as each other for
 * lanczos (which torch does not have). The shapes cover widths that are not multiples of the vector
 * length, row counts that are not multiples of four, upscales, downscales and downscales too strong
 * for the vector W pass's blocks (which then runs the scalar W pass).
 */
class Uint8PassesTest {
  private static final long SEED = 20261203L;

  @AfterEach
  void backToTheChosenPasses() {
    Uint8FixedPoint.forcePasses(null);
  }

  @Test
  void vectorPassesLoadInTheTestJvm() {
    // surefire's argLine adds jdk.incubator.vector, as Spark's JVM flags do
    Uint8FixedPoint.Passes v = Uint8FixedPoint.vectorPasses();
    assertNotNull(v, "the Vector API passes did not load; is --add-modules jdk.incubator.vector set?");
    assertSame(v.getClass(), Uint8FixedPoint.choosePasses("auto").getClass());
    assertSame(v.getClass(), Uint8FixedPoint.choosePasses("vector").getClass());
    assertSame(Uint8FixedPoint.scalarPasses(), Uint8FixedPoint.choosePasses("scalar"));
  }

  /** The call the child JVM below makes: uint8 bicubic antialias, 1x3x61x83 to 20x27, seeded bytes. */
  private static byte[] childCall() {
    byte[] data = new byte[3 * 61 * 83];
    new Random(SEED).nextBytes(data);
    return Interpolate.interpolate(Tensor.ofUint8(data, 1, 3, 61, 83),
        options("bicubic", new int[] {61, 83, 20, 27}, false, true, 1)).uint8Data();
  }

  /** A child JVM's main: {@link #childCall} twice, then the bytes in hex on stdout. */
  public static void main(String[] args) {
    childCall();
    System.out.println(HexFormat.of().formatHex(childCall()));
  }

  @Test
  void withoutTheModule_theScalarPassesRun_sayItOnceInTheLog_andGiveTheSameBytes(@TempDir Path dir)
      throws Exception {
    // a JVM started without --add-modules jdk.incubator.vector, as a Spark 3.5 executor by default
    String javaBin = System.getProperty("java.home") + "/bin/java";
    Path log = dir.resolve("stderr.txt");
    Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
        Uint8PassesTest.class.getName()).redirectError(log.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    String err = Files.readString(log);
    assertTrue(exit == 0, err);
    String line = "uint8 bilinear/bicubic/lanczos: scalar passes (module jdk.incubator.vector not available"
        + " (add --add-modules=jdk.incubator.vector to the JVM flags for the faster path))";
    assertTrue(err.contains(line), err);
    assertTrue(err.indexOf(line) == err.lastIndexOf(line), "said once: " + err);

    Uint8FixedPoint.forcePasses(Uint8FixedPoint.vectorPasses());
    assertTrue(out.trim().equals(HexFormat.of().formatHex(childCall())), "same bytes as the Vector API passes");
  }

  @Test
  void anUnknownSetting_isSaidAndRunsAuto() {
    assertSame(Uint8FixedPoint.vectorPasses().getClass(), Uint8FixedPoint.choosePasses("fast").getClass());
  }

  @Test
  void scalarAndVectorPassesGiveTorchsBytes() {
    Random rnd = new Random(SEED);
    List<int[]> shapes = new ArrayList<>();
    // (inH, inW, outH, outW): the benchmark's ratios, odd sizes, one-pixel axes, strong downscales
    shapes.add(new int[] {96, 96, 21, 21});
    shapes.add(new int[] {64, 64, 128, 128});
    shapes.add(new int[] {48, 64, 22, 22});
    shapes.add(new int[] {37, 53, 100, 11});
    shapes.add(new int[] {37, 53, 11, 100});
    shapes.add(new int[] {5, 301, 7, 9});
    shapes.add(new int[] {9, 300, 3, 17});
    shapes.add(new int[] {1, 40, 1, 33});
    shapes.add(new int[] {40, 1, 19, 1});
    shapes.add(new int[] {33, 70, 33, 70});
    for (int i = 0; i < 30; i++) {
      shapes.add(new int[] {1 + rnd.nextInt(80), 1 + rnd.nextInt(150), 1 + rnd.nextInt(80),
          1 + rnd.nextInt(150)});
    }
    Uint8FixedPoint.Passes vector = Uint8FixedPoint.vectorPasses();
    assertNotNull(vector);
    int calls = 0;
    for (int[] s : shapes) {
      for (String mode : new String[] {"bilinear", "bicubic"}) {
        for (boolean aa : new boolean[] {false, true}) {
          boolean alignCorners = rnd.nextInt(4) == 0;
          int n = 1 + rnd.nextInt(2);
          int c = 1 + rnd.nextInt(3);
          byte[] data = new byte[n * c * s[0] * s[1]];
          rnd.nextBytes(data);
          Tensor x = Tensor.ofUint8(data, n, c, s[0], s[1]);
          TorchOracle.Call call = new TorchOracle.Call(mode, new int[] {s[2], s[3]}, null,
              alignCorners, null, aa);
          byte[] expected = TorchOracle.interpolate(x, call, 1).uint8Data();
          for (Uint8FixedPoint.Passes p : new Uint8FixedPoint.Passes[] {
              Uint8FixedPoint.scalarPasses(), vector}) {
            Uint8FixedPoint.forcePasses(p);
            for (int threads : new int[] {1, 2}) {
              byte[] got = Interpolate.interpolate(x, options(mode, s, alignCorners, aa, threads))
                  .uint8Data();
              assertArrayEquals(expected, got, p.describe() + ", " + threads + " thread(s): "
                  + n + "x" + c + "x" + s[0] + "x" + s[1] + " " + call);
            }
          }
          calls++;
        }
      }
    }
    assertTrue(calls >= 160);
  }

  @Test
  void scalarAndVectorPassesAgreeOnLanczos() {
    Random rnd = new Random(SEED + 1);
    Uint8FixedPoint.Passes vector = Uint8FixedPoint.vectorPasses();
    assertNotNull(vector);
    for (int i = 0; i < 40; i++) {
      int[] s = {1 + rnd.nextInt(90), 1 + rnd.nextInt(160), 1 + rnd.nextInt(90), 1 + rnd.nextInt(160)};
      byte[] data = new byte[3 * s[0] * s[1]];
      rnd.nextBytes(data);
      Tensor x = Tensor.ofUint8(data, 1, 3, s[0], s[1]);
      InterpolateOptions o = options("lanczos", s, false, true, 1);
      Uint8FixedPoint.forcePasses(Uint8FixedPoint.scalarPasses());
      byte[] scalar = Interpolate.interpolate(x, o).uint8Data();
      Uint8FixedPoint.forcePasses(vector);
      byte[] vec = Interpolate.interpolate(x, o).uint8Data();
      assertArrayEquals(scalar, vec, "lanczos 1x3x" + s[0] + "x" + s[1] + " -> " + s[2] + "x" + s[3]);
    }
  }

  private static InterpolateOptions options(String mode, int[] s, boolean alignCorners, boolean aa,
      int threads) {
    return InterpolateOptions.builder()
        .size(s[2], s[3])
        .mode(mode)
        .alignCorners(mode.equals("lanczos") ? null : alignCorners)
        .antialias(aa)
        .parallelism(threads)
        .build();
  }
}
