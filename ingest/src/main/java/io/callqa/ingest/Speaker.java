package io.callqa.ingest;

/** Who spoke, as written in the {@code speaker} columns. */
public enum Speaker {
  AGENT("agent"),
  CUSTOMER("customer"),
  /** Both parties on one channel: per-party measures are not possible. */
  MONO("mono");

  private final String column;

  Speaker(String column) {
    this.column = column;
  }

  /** The value stored in Parquet. */
  public String column() {
    return column;
  }

  public static Speaker fromColumn(String value) {
    for (Speaker s : values()) {
      if (s.column.equals(value)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown speaker '" + value + "'");
  }

  /**
   * The speaker of channel {@code channel} of a recording with {@code channels} channels.
   *
   * @param agentChannel the channel that holds the agent (0 = left)
   */
  public static Speaker ofChannel(int channel, int channels, int agentChannel) {
    if (channels == 1) {
      return MONO;
    }
    return channel == agentChannel ? AGENT : CUSTOMER;
  }
}
