package io.callqa.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only sequence of floats stored in fixed-size chunks, so that growing it never copies
 * (a growing array would briefly hold 3x its size while doubling) and its footprint stays within one
 * chunk of its length. Used for the per-hop series of long recordings (1.08 M hops per channel for
 * 3 hours at a 10 ms hop).
 */
final class FloatSeries {

  private static final int CHUNK_BITS = 16;
  private static final int CHUNK = 1 << CHUNK_BITS;

  private final List<float[]> chunks = new ArrayList<>();
  private int size;

  void add(float v) {
    int i = size & (CHUNK - 1);
    if (i == 0) {
      chunks.add(new float[CHUNK]);
    }
    chunks.get(chunks.size() - 1)[i] = v;
    size++;
  }

  float get(int index) {
    return chunks.get(index >>> CHUNK_BITS)[index & (CHUNK - 1)];
  }

  int size() {
    return size;
  }

  float[] toArray() {
    float[] out = new float[size];
    for (int c = 0; c < chunks.size(); c++) {
      System.arraycopy(chunks.get(c), 0, out, c * CHUNK, Math.min(CHUNK, size - c * CHUNK));
    }
    return out;
  }
}
