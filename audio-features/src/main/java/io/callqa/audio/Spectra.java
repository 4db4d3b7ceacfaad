package io.callqa.audio;

/** The packed real-FFT layout of TarsosDSP's {@code FFT.forwardTransform} (JTransforms' realForward). */
final class Spectra {
  private Spectra() {}

  /** |X(k)|^2 for bin {@code k} in {@code 0..n/2} of a transformed frame of {@code n} samples. */
  static double power(float[] a, int k, int n) {
    if (k == 0) {
      return a[0] * a[0];
    }
    if (k == n / 2) {
      return a[1] * a[1];
    }
    return a[2 * k] * a[2 * k] + a[2 * k + 1] * a[2 * k + 1];
  }

  /** Multiplies bin {@code k} (real and imaginary part) by {@code g}. */
  static void scale(float[] a, int k, int n, float g) {
    if (k == 0) {
      a[0] *= g;
    } else if (k == n / 2) {
      a[1] *= g;
    } else {
      a[2 * k] *= g;
      a[2 * k + 1] *= g;
    }
  }
}
