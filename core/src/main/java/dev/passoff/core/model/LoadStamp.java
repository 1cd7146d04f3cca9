package dev.passoff.core.model;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who loads a handoff and when.
 *
 * @param client the loader, from the transport
 * @param model model the loader declared (self-declared), or {@code null}
 * @param at load time, millisecond precision
 */
public record LoadStamp(ClientIdentity client, @Nullable String model, Instant at) {
  public LoadStamp {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(at, "at");
  }
}
