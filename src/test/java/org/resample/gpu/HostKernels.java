package org.resample.gpu;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.resample.testing.Golden;

/**
 * The kernels of {@code src/main/cuda/resample.cu} compiled as host C++ with {@code g++} (through
 * {@code src/test/cpp/cuda_host_shim.h}) and run by {@code src/test/cpp/host_launcher.cpp} on
 * {@link LaunchPlan}s: the GPU backend's launches, argument lists and arithmetic, without a GPU.
 *
 * <p>Compiled with {@code -ffp-contract=off}, so the host build computes exactly the arithmetic
 * the source spells out (the PTX is built with {@code --fmad=false} for the same reason), and with
 * AddressSanitizer, so a kernel reading outside its buffers fails the run.
 */
final class HostKernels {
  static final Path CUDA_SOURCE = Paths.get("src/main/cuda/resample.cu");
  static final Path LAUNCHER_SOURCE = Paths.get("src/test/cpp/host_launcher.cpp");

  /** The g++ command line (without the output path). */
  static final List<String> COMPILE =
      List.of(
          "g++", "-std=c++17", "-O2", "-g", "-ffp-contract=off", "-fno-fast-math",
          "-fsanitize=address", "-fno-omit-frame-pointer", "-Wall", "-Wextra", "-Werror",
          "-I", "src/main/cuda", "-I", "src/test/cpp", LAUNCHER_SOURCE.toString());

  private final Path binary;

  private HostKernels(Path binary) {
    this.binary = binary;
  }

  /** Compiles the launcher and the kernels into {@code dir}. */
  static HostKernels compile(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path bin = dir.resolve("host_launcher");
    List<String> cmd = new ArrayList<>(COMPILE);
    cmd.add("-o");
    cmd.add(bin.toString());
    String out = run(cmd, 300);
    if (!Files.isExecutable(bin)) {
      throw new IllegalStateException("g++ produced no " + bin + ":\n" + out);
    }
    return new HostKernels(bin);
  }

  /** A file of programs for one launcher run. */
  static final class Batch {
    private final List<byte[]> programs = new ArrayList<>();
    private long bytes;

    /**
     * Adds {@code plan} on {@code input} (the tensors end to end, native byte order). With {@code
     * fewBlocks} every launch gets at most 2 blocks, so the kernels' grid-stride loops run several
     * rounds.
     */
    void add(LaunchPlan plan, byte[] input, boolean fewBlocks) {
      long size = 128 + input.length + plan.tables.length;
      for (LaunchPlan.Launch l : plan.launches) {
        size += 64 + l.kernel().length() + 16L * l.args().size();
      }
      ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
      LaunchPlan.Buffer[] buffers = LaunchPlan.Buffer.values();
      b.putInt(buffers.length);
      for (LaunchPlan.Buffer buf : buffers) {
        switch (buf) {
          case INPUT:
            b.putLong(input.length).putInt(1).put(input);
            break;
          case TABLES:
            b.putLong(plan.tables.length).putInt(1).put(plan.tables);
            break;
          case OUTPUT:
            b.putLong(plan.outputBytes()).putInt(0);
            break;
          case SCRATCH_A:
            b.putLong(plan.scratchBytes[0]).putInt(0);
            break;
          default:
            b.putLong(plan.scratchBytes[1]).putInt(0);
        }
      }
      b.putInt(LaunchPlan.Buffer.OUTPUT.ordinal());
      b.putInt(plan.launches.size());
      for (LaunchPlan.Launch l : plan.launches) {
        byte[] name = l.kernel().getBytes(StandardCharsets.US_ASCII);
        b.putInt(name.length).put(name);
        b.putInt(fewBlocks ? Math.min(2, l.grid()) : l.grid());
        b.putInt(LaunchPlan.BLOCK);
        b.putInt(l.args().size());
        for (Object a : l.args()) {
          if (a instanceof LaunchPlan.Ptr) {
            LaunchPlan.Ptr p = (LaunchPlan.Ptr) a;
            b.put((byte) 0).putInt(p.buffer().ordinal()).putLong(p.offset());
          } else if (a instanceof Integer) {
            b.put((byte) 1).putInt((Integer) a);
          } else {
            b.put((byte) 2).putLong((Long) a);
          }
        }
      }
      byte[] program = new byte[b.position()];
      b.flip().get(program);
      programs.add(program);
      bytes += program.length;
    }

    int size() {
      return programs.size();
    }

    long bytes() {
      return bytes;
    }
  }

  /** Runs every program of {@code batch}; returns each program's output buffer. */
  List<byte[]> run(Batch batch, Path dir) throws IOException, InterruptedException {
    Path in = Files.createTempFile(dir, "programs", ".bin");
    Path out = Files.createTempFile(dir, "outputs", ".bin");
    try {
      try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(in), 1 << 20)) {
        ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        head.put("RSHK".getBytes(StandardCharsets.US_ASCII)).putInt(1).putInt(batch.size());
        o.write(head.array());
        for (byte[] p : batch.programs) {
          o.write(p);
        }
      }
      run(List.of(binary.toString(), in.toString(), out.toString()), 600);
      ByteBuffer r = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
      List<byte[]> outputs = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        byte[] o = new byte[Math.toIntExact(r.getLong())];
        r.get(o);
        outputs.add(o);
      }
      if (r.hasRemaining()) {
        throw new IllegalStateException(r.remaining() + " unexpected bytes after the outputs");
      }
      return outputs;
    } finally {
      Files.deleteIfExists(in);
      Files.deleteIfExists(out);
    }
  }

  /** Runs {@code cmd}; returns its output; throws with the output when it fails. */
  private static String run(List<String> cmd, long timeoutSeconds)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String[] out = new String[1];
    Thread reader =
        new Thread(
            () -> {
              try {
                out[0] = Golden.readAll(p.getInputStream());
              } catch (IOException e) {
                out[0] = e.toString();
              }
            });
    reader.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", cmd) + " ran longer than "
          + timeoutSeconds + " s");
    }
    reader.join();
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", cmd) + " exited with " + p.exitValue() + ":\n" + out[0]);
    }
    return out[0];
  }
}
