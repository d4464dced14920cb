package org.resample.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The committed PTX belongs to the committed CUDA source, on every machine (src/main/cuda/check-ptx
 * additionally regenerates it where nvcc exists).
 */
class PtxManifestTest {
  @Test
  void committedPtx_wasBuiltFromTheCurrentSource() throws IOException, NoSuchAlgorithmException {
    byte[] src = Files.readAllBytes(HostKernels.CUDA_SOURCE);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(src));
    assertEquals(sha, PtxImage.load().sourceSha256(),
        PtxImage.RESOURCE + " was not built from the current " + HostKernels.CUDA_SOURCE
            + "; run src/main/cuda/build-ptx and commit the PTX");
  }

  @Test
  void committedPtx_definesEveryKernelOfTheSource() throws IOException {
    assertEquals(KernelHostTest.kernelNames(), PtxImage.load().entries());
  }

  @Test
  void committedPtx_namesTheDriverItNeeds() {
    PtxImage p = PtxImage.load();
    assertTrue(p.minimumDriverVersion() > 0,
        "PTX ISA " + p.isa() + " is not in PtxImage's ISA-to-CUDA table; add it");
    assertTrue(p.target >= 75, "target sm_" + p.target);
    byte[] z = p.nulTerminated();
    assertEquals(0, z[z.length - 1]);
  }
}
