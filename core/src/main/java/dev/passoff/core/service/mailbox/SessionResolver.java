package dev.passoff.core.service.mailbox;

import dev.passoff.core.error.ValidationException;
import dev.passoff.core.model.mailbox.SessionId;
import dev.passoff.core.model.mailbox.Side;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the session of a side, in the order every command shares: the explicit option, {@code
 * HANDOFF_SESSION_ID}, {@code CLAUDE_SESSION_ID} or {@code CODEX_SESSION_ID}, the runtime's {@code
 * .<side>-session} file, then {@code <side>-default}. The first non-empty candidate decides; an
 * invalid one is an error naming its source, never skipped.
 */
public final class SessionResolver {
  private SessionResolver() {}

  /**
   * Resolves the session.
   *
   * @param side the caller's side
   * @param explicit the {@code --session} option (or MCP launch option)
   * @param environment the process environment
   * @param sessionFile reads {@code .<side>-session}, only when needed
   * @param windows whether {@code :} must be refused because it cannot name a file
   */
  public static SessionId resolve(
      Side side,
      @Nullable String explicit,
      Map<String, String> environment,
      Supplier<Optional<String>> sessionFile,
      boolean windows) {
    String sideVariable = side.wire().toUpperCase(Locale.ROOT) + "_SESSION_ID";
    String[][] candidates = {
      {"--session", explicit},
      {"HANDOFF_SESSION_ID", environment.get("HANDOFF_SESSION_ID")},
      {sideVariable, environment.get(sideVariable)},
    };
    for (String[] candidate : candidates) {
      String value = candidate[1];
      if (value != null && !value.isEmpty()) {
        return check(candidate[0], value, windows);
      }
    }
    Optional<String> file = sessionFile.get();
    if (file.isPresent() && !file.get().isEmpty()) {
      return check(".handoff-runtime/." + side.wire() + "-session", file.get(), windows);
    }
    return SessionId.defaultFor(side);
  }

  private static SessionId check(String source, String value, boolean windows) {
    SessionId id = SessionId.parse(source, value);
    if (windows && value.indexOf(':') >= 0) {
      throw new ValidationException(
          "session",
          "session id '"
              + value
              + "' from "
              + source
              + " contains ':', which cannot name a file on Windows");
    }
    return id;
  }
}
