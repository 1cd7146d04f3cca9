package dev.passoff.mcp;

import dev.passoff.core.port.in.OpenMailboxUseCase;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the server needs for the {@code mailbox_*} tools. The side and session come from the
 * server's configuration (launch options and environment), never from what a model claims.
 *
 * @param opener finds and opens the repository's runtime on every call
 * @param side the configured side as given ({@code --side} or {@code PASSOFF_MAILBOX_SIDE}), if
 *     any; an invalid value makes every mailbox tool fail rather than guess
 * @param session the configured session ({@code --session}), if any
 * @param environment the server's environment: {@code PASSOFF_MAILBOX_ROOT}, {@code
 *     HANDOFF_SESSION_ID} and the side's session variable are read from it
 * @param workingDirectory where the runtime is searched from
 */
public record MailboxSettings(
    OpenMailboxUseCase opener,
    @Nullable String side,
    @Nullable String session,
    Map<String, String> environment,
    Path workingDirectory) {
  /** The environment variable that fixes the side. */
  public static final String SIDE_VARIABLE = "PASSOFF_MAILBOX_SIDE";

  public MailboxSettings {
    Objects.requireNonNull(opener, "opener");
    environment = Map.copyOf(environment);
    Objects.requireNonNull(workingDirectory, "workingDirectory");
  }
}
