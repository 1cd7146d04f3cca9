package dev.passoff.cli;

import dev.passoff.core.model.ListHandoffsRequest;
import dev.passoff.core.model.StatusFilter;
import dev.passoff.core.model.ThreadDirection;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converters for option values whose range the CLI checks before any use case runs. */
final class OptionValues {
  private OptionValues() {}

  /** {@code -n}: an integer from 1 to 50. */
  static final class Limit implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int limit;
      try {
        limit = Integer.parseInt(value.strip());
      } catch (NumberFormatException e) {
        throw new TypeConversionException(
            "'" + value + "' is not an integer from 1 to " + ListHandoffsRequest.MAX_LIMIT);
      }
      if (limit < 1 || limit > ListHandoffsRequest.MAX_LIMIT) {
        throw new TypeConversionException(
            "'" + value + "' is not an integer from 1 to " + ListHandoffsRequest.MAX_LIMIT);
      }
      return limit;
    }
  }

  /** {@code -s}: open, loaded, archived or all. */
  static final class Status implements ITypeConverter<StatusFilter> {
    @Override
    public StatusFilter convert(String value) {
      for (StatusFilter f : StatusFilter.values()) {
        if (f.wireName().equals(value)) {
          return f;
        }
      }
      throw new TypeConversionException(
          "'" + value + "' is not one of open, loaded, archived, all");
    }
  }

  /** {@code -d}: ancestors, descendants or both. */
  static final class Direction implements ITypeConverter<ThreadDirection> {
    @Override
    public ThreadDirection convert(String value) {
      for (ThreadDirection d : ThreadDirection.values()) {
        if (d.wireName().equals(value)) {
          return d;
        }
      }
      throw new TypeConversionException(
          "'" + value + "' is not one of ancestors, descendants, both");
    }
  }

  /** {@code --format} of export. */
  enum ExportFormat {
    JSONL,
    MD
  }

  /** {@code --format}: jsonl or md. */
  static final class Format implements ITypeConverter<ExportFormat> {
    @Override
    public ExportFormat convert(String value) {
      for (ExportFormat f : ExportFormat.values()) {
        if (f.name().toLowerCase(Locale.ROOT).equals(value)) {
          return f;
        }
      }
      throw new TypeConversionException("'" + value + "' is not one of jsonl, md");
    }
  }

  /** {@code -c}: one client or all. */
  static final class Clients implements ITypeConverter<ClientChoice> {
    @Override
    public ClientChoice convert(String value) {
      for (ClientChoice c : ClientChoice.values()) {
        if (c.label().equals(value)) {
          return c;
        }
      }
      throw new TypeConversionException(
          "'" + value + "' is not one of claude, cursor, codex, windsurf, all");
    }
  }

  /** {@code -s} of install: user or project. */
  static final class Scopes implements ITypeConverter<InstallScope> {
    @Override
    public InstallScope convert(String value) {
      for (InstallScope s : InstallScope.values()) {
        if (s.label().equals(value)) {
          return s;
        }
      }
      throw new TypeConversionException("'" + value + "' is not one of user, project");
    }
  }
}
