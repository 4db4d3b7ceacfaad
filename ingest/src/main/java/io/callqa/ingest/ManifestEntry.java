package io.callqa.ingest;

import java.io.Serializable;
import java.time.Instant;

/**
 * Metadata about one recording from the manifest CSV. Every field may be {@code null} (not given).
 *
 * @param agentChannel the channel holding the agent (0 = left, 1 = right), overriding the run's default
 */
public record ManifestEntry(String agentId, String queue, String direction, Instant startedAt,
    Integer agentChannel) implements Serializable {

  public static final ManifestEntry NONE = new ManifestEntry(null, null, null, null, null);
}
