package io.callqa.audio;

/** A span of envelope hops {@code [from, to)}, the internal unit of segments before they get times. */
record HopSpan(int from, int to) {

  int length() {
    return to - from;
  }
}
