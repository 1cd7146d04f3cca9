package dev.passoff.core.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who is calling, as the transport says (MCP {@code initialize} clientInfo, the CLI itself), never
 * as the agent claims.
 *
 * @param name client name; {@code unknown} when the transport gave none
 * @param version client version, or {@code null}
 */
public record ClientIdentity(String name, @Nullable String version) {
  /** The longest name or version kept, in code points. */
  public static final int MAX_LENGTH = 200;

  /** The identity of a caller that never introduced itself. */
  public static final ClientIdentity UNKNOWN = new ClientIdentity("unknown", null);

  public ClientIdentity {
    Objects.requireNonNull(name, "name");
  }

  /** Builds an identity from transport values, truncating each to 200 code points. */
  public static ClientIdentity of(@Nullable String name, @Nullable String version) {
    if (name == null || name.isEmpty()) {
      return version == null ? UNKNOWN : new ClientIdentity("unknown", truncate(version));
    }
    return new ClientIdentity(truncate(name), version == null ? null : truncate(version));
  }

  private static String truncate(String value) {
    if (value.length() <= MAX_LENGTH) {
      return value;
    }
    int count = value.codePointCount(0, value.length());
    if (count <= MAX_LENGTH) {
      return value;
    }
    return value.substring(0, value.offsetByCodePoints(0, MAX_LENGTH));
  }
}
