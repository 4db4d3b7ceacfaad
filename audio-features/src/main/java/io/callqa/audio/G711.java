package io.callqa.audio;

/** ITU-T G.711 mu-law and A-law expansion to 16-bit linear PCM (the reference algorithm). */
final class G711 {

  private G711() {}

  /** Expands one mu-law byte (0..255) to a linear sample in [-32124, 32124]. */
  static int mulawToLinear(int mulaw) {
    int u = ~mulaw & 0xFF;
    int t = ((u & 0x0F) << 3) + 0x84;
    t <<= (u & 0x70) >> 4;
    return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
  }

  /** Expands one A-law byte (0..255) to a linear sample in [-32256, 32256]. */
  static int alawToLinear(int alaw) {
    int a = (alaw ^ 0x55) & 0xFF;
    int t = (a & 0x0F) << 4;
    int seg = (a & 0x70) >> 4;
    switch (seg) {
      case 0:
        t += 8;
        break;
      case 1:
        t += 0x108;
        break;
      default:
        t += 0x108;
        t <<= seg - 1;
    }
    return (a & 0x80) != 0 ? t : -t;
  }
}
