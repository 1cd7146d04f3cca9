package dev.passoff.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The Codex plugin manifest and the marketplace entry that makes Codex install it. */
final class CodexPlugin {
  static final String NAME = "passoff";
  static final String MARKETPLACE_NAME = "passoff-local";

  // Project metadata shown in Codex's plugin directory.
  private static final String HOMEPAGE = "https://github.com/passoff-dev/passoff";
  private static final String LICENSE = "MIT";
  private static final String AUTHOR = "Passoff contributors";

  private CodexPlugin() {}

  /** {@code .codex-plugin/plugin.json}. */
  static Map<String, @Nullable Object> manifest(String version) {
    Map<String, @Nullable Object> author = new LinkedHashMap<>();
    author.put("name", AUTHOR);
    author.put("url", HOMEPAGE);

    Map<String, @Nullable Object> ui = new LinkedHashMap<>();
    ui.put("displayName", "Passoff");
    ui.put("shortDescription", "Hand work from one coding agent to the next");
    ui.put(
        "longDescription",
        "Write a structured handoff (current state, decisions, open questions, next steps,"
            + " relevant files) at the end of a session and load it in the next one, in Codex,"
            + " Claude Code, Cursor or Windsurf. Handoffs stay on your machine, with who wrote"
            + " and who loaded each one.");
    ui.put("developerName", AUTHOR);
    ui.put("category", "Productivity");
    ui.put("capabilities", List.of("Interactive", "Write"));
    ui.put("websiteURL", HOMEPAGE);
    ui.put("privacyPolicyURL", HOMEPAGE);
    ui.put("termsOfServiceURL", HOMEPAGE);
    ui.put(
        "defaultPrompt",
        List.of(
            "Hand off this work with /passoff:create",
            "Pick up the latest handoff with /passoff:load",
            "Show recent handoffs with /passoff:list"));
    ui.put("brandColor", "#2F6FEB");

    Map<String, @Nullable Object> manifest = new LinkedHashMap<>();
    manifest.put("name", NAME);
    manifest.put("version", version);
    manifest.put(
        "description",
        "Slash commands to write and load handoffs between coding agents through the passoff MCP"
            + " server.");
    manifest.put("author", author);
    manifest.put("homepage", HOMEPAGE);
    manifest.put("repository", HOMEPAGE);
    manifest.put("license", LICENSE);
    manifest.put("keywords", List.of("handoff", "context", "agents", "mcp", "productivity"));
    manifest.put("interface", ui);
    return manifest;
  }

  /** A new marketplace file's content, before the entry is added. */
  static Map<String, @Nullable Object> emptyMarketplace() {
    Map<String, @Nullable Object> ui = new LinkedHashMap<>();
    ui.put("displayName", "Passoff Local");
    Map<String, @Nullable Object> marketplace = new LinkedHashMap<>();
    marketplace.put("name", MARKETPLACE_NAME);
    marketplace.put("interface", ui);
    marketplace.put("plugins", new ArrayList<>());
    return marketplace;
  }

  /** The marketplace entry pointing at {@code ./plugins/passoff}. */
  static Map<String, @Nullable Object> marketplaceEntry() {
    Map<String, @Nullable Object> source = new LinkedHashMap<>();
    source.put("source", "local");
    source.put("path", "./plugins/passoff");
    Map<String, @Nullable Object> policy = new LinkedHashMap<>();
    policy.put("installation", "INSTALLED_BY_DEFAULT");
    policy.put("authentication", "ON_INSTALL");
    Map<String, @Nullable Object> entry = new LinkedHashMap<>();
    entry.put("name", NAME);
    entry.put("source", source);
    entry.put("policy", policy);
    entry.put("category", "Productivity");
    return entry;
  }

  /**
   * Removes every entry named {@code passoff} and appends the current one.
   *
   * @throws CommandFailedException when {@code plugins} is present but not an array
   */
  static void upsert(Map<String, @Nullable Object> marketplace) {
    List<@Nullable Object> plugins = plugins(marketplace);
    plugins.removeIf(CodexPlugin::isOurs);
    plugins.add(marketplaceEntry());
  }

  /** Removes every entry named {@code passoff}; returns whether there was one. */
  static boolean removeEntry(Map<String, @Nullable Object> marketplace) {
    if (!marketplace.containsKey("plugins")) {
      return false;
    }
    return plugins(marketplace).removeIf(CodexPlugin::isOurs);
  }

  /** Whether the file holds no plugins and is still the one Passoff created. */
  static boolean isEmptyOwnMarketplace(Map<String, @Nullable Object> marketplace) {
    return MARKETPLACE_NAME.equals(marketplace.get("name"))
        && (!marketplace.containsKey("plugins") || plugins(marketplace).isEmpty());
  }

  @SuppressWarnings("unchecked") // Json.parse builds arrays as List<Object>
  private static List<@Nullable Object> plugins(Map<String, @Nullable Object> marketplace) {
    Object plugins = marketplace.get("plugins");
    if (plugins == null) {
      List<@Nullable Object> created = new ArrayList<>();
      marketplace.put("plugins", created);
      return created;
    }
    if (!(plugins instanceof List<?> list)) {
      throw new CommandFailedException("\"plugins\" is not an array");
    }
    // Parsed lists may be immutable in other readers; copy once so edits always work.
    List<@Nullable Object> copy = new ArrayList<>((List<@Nullable Object>) list);
    marketplace.put("plugins", copy);
    return copy;
  }

  private static boolean isOurs(@Nullable Object entry) {
    return entry instanceof Map<?, ?> map && NAME.equals(map.get("name"));
  }
}
