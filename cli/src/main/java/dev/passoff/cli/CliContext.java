package dev.passoff.cli;

import dev.passoff.core.model.ClientIdentity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** What every command shares: the services and standard input. */
final class CliContext {
  private final CliServices services;
  private final InputStream in;
  private @Nullable BufferedReader lines;

  CliContext(CliServices services, InputStream in) {
    this.services = services;
    this.in = in;
  }

  CliServices services() {
    return services;
  }

  InputStream in() {
    return in;
  }

  /** The provenance CLI commands stamp on what they create or load. */
  ClientIdentity client() {
    return new ClientIdentity("passoff-cli", services.version());
  }

  /** Reads one answer line from standard input; {@code null} at end of input. */
  @Nullable String readLine() {
    try {
      if (lines == null) {
        lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      }
      return lines.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read standard input", e);
    }
  }

  /** Reads the rest of standard input as strict UTF-8. */
  String readAll(String what) {
    try {
      byte[] bytes = in.readAllBytes();
      return decode(bytes, what);
    } catch (IOException e) {
      throw new CommandFailedException("cannot read " + what + ": " + e.getMessage());
    }
  }

  /** Decodes UTF-8, refusing malformed input rather than storing replacement characters. */
  static String decode(byte[] bytes, String what) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CommandFailedException(what + " is not valid UTF-8");
    }
  }
}
