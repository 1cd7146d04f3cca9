package dev.passoff.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Line-wise editing of Codex's config.toml (item 64's building blocks). */
class CodexTomlTest {
  private static final String TABLE =
      "[mcp_servers.passoff]\ncommand = \"/opt/passoff/bin/passoff\"\nargs = [\"serve\"]\n";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[mcp_servers.passoff]",
        "  [ mcp_servers . passoff ]  ",
        "[mcp_servers.\"passoff\"] # ours",
        "['mcp_servers'.passoff]\r\n"
      })
  void givenPassoffHeaderSpellings_headerKey_readsTheKey(String line) {
    assertThat(CodexToml.headerKey(line)).isEqualTo(List.of("mcp_servers", "passoff"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[[mcp_servers.passoff]]",
        "mcp_servers.passoff = 1",
        "[mcp_servers.passoff] x",
        "[a"
      })
  void givenOtherLines_headerKey_isNotTheTable(String line) {
    assertThat(CodexToml.headerKey(line)).isNotEqualTo(List.of("mcp_servers", "passoff"));
  }

  @Test
  void givenEmptyFile_upsert_writesJustTheTable() {
    assertThat(CodexToml.upsert("", "/opt/passoff/bin/passoff")).isEqualTo(TABLE);
  }

  @Test
  void givenFileWithoutTable_upsertThenRemove_restoresTheBytes() {
    String original = "model = \"o3\"\n\n[profiles.x]\nmodel = \"y\"\n";

    String installed = CodexToml.upsert(original, "/opt/passoff/bin/passoff");
    CodexToml.Removal removal = CodexToml.remove(installed);

    assertThat(installed).isEqualTo(original + "\n" + TABLE);
    assertThat(removal.removed()).isTrue();
    assertThat(removal.text()).isEqualTo(original);
  }

  @Test
  void givenNoTrailingNewline_upsert_appendsAfterOneBlankLine() {
    assertThat(CodexToml.upsert("model = \"o3\"", "/opt/passoff/bin/passoff"))
        .isEqualTo("model = \"o3\"\n\n" + TABLE);
    assertThat(CodexToml.upsert("model = \"o3\"\n\n", "/opt/passoff/bin/passoff"))
        .isEqualTo("model = \"o3\"\n\n" + TABLE);
  }

  @Test
  void givenCrlfFile_upsert_keepsCrlf() {
    String original =
        "a = 1\r\n\r\n[mcp_servers.passoff]\r\ncommand = \"x\"\r\n\r\n[b]\r\nc = 2\r\n";

    assertThat(CodexToml.upsert(original, "/p"))
        .isEqualTo(
            "a = 1\r\n\r\n[mcp_servers.passoff]\r\ncommand = \"/p\"\r\nargs = [\"serve\"]\r\n"
                + "\r\n[b]\r\nc = 2\r\n");
  }

  @Test
  void givenWindowsLauncher_upsert_escapesTheString() {
    String launcher = "C:\\Program Files\\passoff\\bin\\passoff.cmd";

    String text = CodexToml.upsert("", launcher);

    assertThat(text).contains("command = \"C:\\\\Program Files\\\\passoff\\\\bin\\\\passoff.cmd\"");
    assertThat(CodexToml.command(text)).isEqualTo(launcher);
  }

  @Test
  void givenDottedKeyDefinition_upsert_refuses() {
    assertThatThrownBy(() -> CodexToml.upsert("mcp_servers.passoff.command = \"x\"\n", "/p"))
        .isInstanceOf(CommandFailedException.class)
        .hasMessageContaining("edit it by hand");
  }

  @Test
  void givenOnlySubTable_removeAndUpsert_keepTheSubTable() {
    String original = "[mcp_servers.passoff.env]\nA = \"1\"\n";

    CodexToml.Removal removal = CodexToml.remove(original);
    String installed = CodexToml.upsert(original, "/p");

    assertThat(removal.removed()).isFalse();
    assertThat(removal.keptSubTables()).containsExactly("[mcp_servers.passoff.env]");
    assertThat(installed).startsWith(original).endsWith("args = [\"serve\"]\n");
    assertThat(CodexToml.problem(installed)).isNull();
  }

  @Test
  void problem_reportsInvalidToml() {
    assertThat(CodexToml.problem("a = ")).isNotNull();
    assertThat(CodexToml.problem("a = 1")).isNull();
  }
}
