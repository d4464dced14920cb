package org.resample.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The memory limit of a call counts everything the call allocates: the estimate bounds what the
 * kernels really allocate (measured per thread), and a call over the limit is refused before
 * anything is allocated, with the parts named.
 */
class CallMemoryTest {
  /** One call of the sample: input shape, dtype, options. */
  private record Case(String name, int[] shape, DType dtype, InterpolateOptions options) {}

  private static InterpolateOptions.Builder opt(Mode mode) {
    return InterpolateOptions.builder().mode(mode);
  }

  private static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    c.add(new Case("f32 bilinear", new int[] {2, 3, 64, 64}, DType.FLOAT32, opt(Mode.BILINEAR).size(128, 96).build()));
    c.add(new Case("f64 bicubic", new int[] {1, 2, 40, 30}, DType.FLOAT64, opt(Mode.BICUBIC).size(80, 70).build()));
    c.add(new Case("f32 bilinear aa", new int[] {1, 3, 256, 256}, DType.FLOAT32,
        opt(Mode.BILINEAR).antialias(true).size(32, 40).build()));
    c.add(new Case("f64 bicubic aa", new int[] {1, 1, 300, 200}, DType.FLOAT64,
        opt(Mode.BICUBIC).antialias(true).size(20, 150).build()));
    c.add(new Case("u8 bilinear", new int[] {1, 3, 64, 64}, DType.UINT8, opt(Mode.BILINEAR).size(100, 30).build()));
    c.add(new Case("u8 bicubic aa", new int[] {1, 3, 200, 200}, DType.UINT8,
        opt(Mode.BICUBIC).antialias(true).size(30, 30).build()));
    c.add(new Case("u8 trilinear", new int[] {1, 2, 8, 16, 16}, DType.UINT8, opt(Mode.TRILINEAR).size(16, 32, 8).build()));
    c.add(new Case("u8 area", new int[] {1, 3, 100, 100}, DType.UINT8, opt(Mode.AREA).size(7, 9).build()));
    c.add(new Case("f32 area", new int[] {2, 2, 50, 60}, DType.FLOAT32, opt(Mode.AREA).size(10, 11).build()));
    c.add(new Case("f64 nearest 3d", new int[] {1, 3, 20, 20, 20}, DType.FLOAT64, opt(Mode.NEAREST).size(40, 10, 30).build()));
    c.add(new Case("f32 nearest-exact 1d", new int[] {1, 2, 500}, DType.FLOAT32, opt(Mode.NEAREST_EXACT).size(1200).build()));
    c.add(new Case("f32 linear", new int[] {4, 3, 1000}, DType.FLOAT32, opt(Mode.LINEAR).size(3333).build()));
    c.add(new Case("f32 trilinear", new int[] {1, 2, 16, 16, 16}, DType.FLOAT32, opt(Mode.TRILINEAR).size(32, 8, 24).build()));
    c.add(new Case("f32 bilinear 1.13 channels-last", new int[] {1, 1, 40, 40}, DType.FLOAT32,
        opt(Mode.BILINEAR).torchVersion(TorchVersion.V1_13).size(80, 80).build()));
    c.add(new Case("f32 bicubic long axis", new int[] {1, 1, 1, 4}, DType.FLOAT32, opt(Mode.BICUBIC).size(1, 200_000).build()));
    c.add(new Case("u8 bicubic long axis", new int[] {1, 1, 4, 4}, DType.UINT8, opt(Mode.BICUBIC).size(1, 100_000).build()));
    c.add(new Case("f32 bilinear aa 64x downscale", new int[] {1, 1, 2048, 64}, DType.FLOAT32,
        opt(Mode.BILINEAR).antialias(true).size(32, 64).build()));
    c.add(new Case("f32 lanczos 8x downscale", new int[] {1, 3, 256, 256}, DType.FLOAT32,
        opt(Mode.LANCZOS).antialias(true).size(32, 32).build()));
    c.add(new Case("f64 lanczos upscale", new int[] {1, 2, 40, 30}, DType.FLOAT64,
        opt(Mode.LANCZOS).antialias(true).size(90, 70).build()));
    c.add(new Case("u8 lanczos", new int[] {1, 3, 200, 200}, DType.UINT8,
        opt(Mode.LANCZOS).antialias(true).size(30, 50).build()));
    c.add(new Case("u8 lanczos one-column output, C=6", new int[] {1, 6, 90, 40}, DType.UINT8,
        opt(Mode.LANCZOS).antialias(true).size(30, 1).build()));
    return c;
  }

  private static Tensor input(int[] shape, DType dtype) {
    int n = Math.toIntExact(ResamplePlan.product(shape));
    switch (dtype) {
      case FLOAT32:
        return Tensor.ofFloat(new float[n], shape);
      case FLOAT64:
        return Tensor.ofDouble(new double[n], shape);
      default:
        return Tensor.ofUint8(new byte[n], shape);
    }
  }

  /** Bytes the calling thread allocates while {@code r} runs. */
  private static long allocatedBy(Runnable r) {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(id);
    r.run();
    return mx.getThreadAllocatedBytes(id) - before;
  }

  @Test
  void estimate_boundsWhatEachCallAllocates_onAFreshThread_withTheScalarPasses() throws InterruptedException {
    estimateBoundsWhatEachCallAllocates(Uint8FixedPoint.scalarPasses());
  }

  /**
   * The Vector API passes of the uint8 kernels, once compiled: until the JIT compiles them, the
   * interpreter boxes each vector (short-lived garbage, not memory a call holds), so a uint8 case is
   * repeated until a call allocates within the estimate, at most {@value #JIT_WARM_CALLS} times; the
   * estimate must also stay close to that call's allocation.
   */
  @Test
  void estimate_boundsWhatEachCallAllocates_onAFreshThread_withTheVectorPasses() throws InterruptedException {
    Uint8FixedPoint.Passes vector = Uint8FixedPoint.vectorPasses();
    assertTrue(vector != null, "the Vector API passes load in the test JVM (surefire adds the module)");
    estimateBoundsWhatEachCallAllocates(vector);
  }

  private static final int JIT_WARM_CALLS = 5000;

  /** Bytes one call of {@code c} allocates on a new thread, whose scratch rings the call allocates, as in a fresh Spark task thread. */
  private static long allocatedOnAFreshThread(Tensor x, Case c) throws InterruptedException {
    AtomicLong measured = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        measured.set(allocatedBy(() -> Interpolate.interpolate(x, c.options)));
      } catch (Throwable e) {
        failure.set(e);
      }
    });
    t.start();
    t.join();
    assertEquals(null, failure.get(), c.name);
    return measured.get();
  }

  /** Small objects (plan, tensor wrappers, lambdas) are not counted by the estimate. */
  private static final long SMALL_OBJECTS = 16 * 1024;

  private static void estimateBoundsWhatEachCallAllocates(Uint8FixedPoint.Passes passes)
      throws InterruptedException {
    Uint8FixedPoint.forcePasses(passes);
    try {
      boolean jitted = passes != Uint8FixedPoint.scalarPasses();
      for (Case c : cases()) {
        if (jitted && c.dtype != DType.UINT8) {
          continue; // the passes run only uint8 calls: the scalar run covers the others
        }
        Tensor x = input(c.shape, c.dtype);
        long estimate = CallMemory.of(ResamplePlan.of(c.shape.clone(), c.dtype, c.options)).total();
        Interpolate.interpolate(x, c.options); // classes loaded and initialised before measuring
        int calls = 0;
        long measured;
        do {
          measured = allocatedOnAFreshThread(x, c);
          calls++;
        } while (jitted && measured > estimate + SMALL_OBJECTS && calls < JIT_WARM_CALLS);
        String what = passes.describe() + ", " + c.name + " " + Arrays.toString(c.shape) + ": estimate "
            + estimate + ", allocated " + measured + " (call " + calls + ")";
        assertTrue(measured <= estimate + SMALL_OBJECTS, what);
        assertTrue(estimate <= measured * 3 / 2 + 256 * 1024, "the estimate is close too: " + what);
      }
    } finally {
      Uint8FixedPoint.forcePasses(null);
    }
  }

  @Test
  void longBicubicAxis_underTheOutputLimit_isRefusedForItsTables() {
    Tensor x = Tensor.ofFloat(new float[4], 1, 1, 1, 4);
    InterpolateOptions o = opt(Mode.BICUBIC).size(1, 1 << 26).maxOutputElements(1L << 26).build();
    InterpolateException e = assertThrows(InterpolateException.class, () -> Interpolate.interpolate(x, o));
    assertTrue(e.getMessage().contains("[1, 1, 1, 67108864]"), e.getMessage());
    assertTrue(e.getMessage().contains("output 256.0 MiB, index/weight tables 4."), e.getMessage());
    assertTrue(e.getMessage().contains("maxOutputElements 67108864 x 4-byte float32"), e.getMessage());
  }

  @Test
  void uint8ThroughFloat32_countsItsFloatCopies() {
    // area on uint8 runs on float32 copies of input and output: 4 bytes per element each
    int[] shape = {1, 3, 1000, 1000};
    InterpolateOptions small = opt(Mode.AREA).size(10, 10).maxOutputElements(13_000_000).build();
    CallMemory m = CallMemory.of(ResamplePlan.of(shape, DType.UINT8, small));
    assertEquals(300, m.output);
    assertTrue(m.intermediates >= 4L * 3_000_000, "float copy of the input: " + m.intermediates);
    InterpolateOptions tight = opt(Mode.AREA).size(10, 10).maxOutputElements(11_000_000).build();
    assertThrows(InterpolateException.class, () -> ResamplePlan.of(shape, DType.UINT8, tight));
  }

  @Test
  void outputBeyondTheHeap_isRefusedUnderTheDefaultLimit() {
    long heap = Runtime.getRuntime().maxMemory();
    Assumptions.assumeTrue(heap < 8L << 30, "the test JVM's heap is below 8 GiB (pom.xml: -Xmx2g)");
    Tensor x = Tensor.ofFloat(new float[16], 1, 1, 4, 4);
    InterpolateOptions o = opt(Mode.NEAREST).size(46340, 46340).build();
    InterpolateException e = assertThrows(InterpolateException.class, () -> Interpolate.interpolate(x, o));
    assertTrue(e.getMessage().contains("more than this JVM's maximum heap"), e.getMessage());
    assertTrue(e.getMessage().contains("needs 8.0 GiB"), e.getMessage());
  }

  @Test
  void scratchRings_keptPerThread_stayWithinTheirBound() throws InterruptedException {
    // a (2, 4096, 4096) volume slice: each ring row holds 16 Mi elements, more than a thread keeps
    Tensor x = Tensor.ofFloat(new float[2 * 64 * 64], 1, 1, 2, 64, 64);
    InterpolateOptions o = opt(Mode.TRILINEAR).size(2, 4096, 4096).build();
    AtomicLong kept = new AtomicLong();
    Thread t = new Thread(() -> {
      Interpolate.interpolate(x, o);
      float[][] ring = Scratch.get().floatRing(2, 1, 1); // the kept ring, or a new 1x1 one
      kept.set((long) ring.length * ring[0].length);
    });
    t.start();
    t.join();
    assertTrue(kept.get() <= Scratch.MAX_CACHED_ELEMENTS, "kept " + kept.get());
  }

  @Test
  void bytes_readable() {
    assertEquals("1000 bytes", CallMemory.bytes(1000));
    assertEquals("1.0 KiB", CallMemory.bytes(1024));
    assertEquals("256.0 MiB", CallMemory.bytes(256L << 20));
    assertEquals("more than 8 EiB", CallMemory.bytes(Long.MAX_VALUE));
  }
}
