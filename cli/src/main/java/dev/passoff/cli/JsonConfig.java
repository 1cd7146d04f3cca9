package dev.passoff.cli;

import dev.passoff.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A user's JSON configuration file, read before any edit so that a broken one stays untouched. */
final class JsonConfig {
  private JsonConfig() {}

  /** What reading found. */
  sealed interface Read permits Missing, Parsed, Broken {}

  /** No file there. */
  record Missing() implements Read {}

  /** A JSON object, keys in file order. */
  record Parsed(Map<String, @Nullable Object> root) implements Read {}

  /** A file that cannot be read or is not a JSON object. */
  record Broken(String problem) implements Read {}

  @SuppressWarnings("unchecked") // Json.parse builds objects as Map<String, Object>
  static Read read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new Missing();
    } catch (IOException e) {
      return new Broken(AtomicFiles.describe(e));
    }
    String text;
    try {
      text = CliContext.decode(bytes, "the file");
    } catch (CommandFailedException e) {
      return new Broken("not valid UTF-8");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.isBlank()) {
      // An empty file holds nothing that an edit could lose.
      return new Parsed(new LinkedHashMap<>());
    }
    Object value;
    try {
      value = Json.parse(text);
    } catch (Json.ParseException e) {
      return new Broken(e.getMessage());
    }
    if (!(value instanceof Map<?, ?> map)) {
      return new Broken("the top level is not a JSON object");
    }
    return new Parsed((Map<String, @Nullable Object>) map);
  }

  /** The file text: two-space indent, keys in order, trailing newline. */
  static String render(Map<String, @Nullable Object> root) {
    return Json.pretty(root) + "\n";
  }

  /** The {@code mcpServers.passoff} entry that starts {@code <launcher> serve}. */
  static Map<String, @Nullable Object> serverEntry(String launcher) {
    Map<String, @Nullable Object> entry = new LinkedHashMap<>();
    entry.put("command", launcher);
    entry.put("args", java.util.List.of("serve"));
    return entry;
  }
}
