/**
 * The {@code passoff} command line: picocli commands that parse arguments into core requests, call
 * one use case each and print the result as text or JSON, plus the installer that puts
 * slash-command templates and MCP server registrations into Claude Code, Cursor, Windsurf and
 * Codex. The store is reached only through core use cases, and nothing here loads the MCP stack;
 * {@link dev.passoff.cli.PassoffCli} is the entry point and {@link dev.passoff.cli.CliServices}
 * what the composition root supplies.
 */
@NullMarked
package dev.passoff.cli;

import org.jspecify.annotations.NullMarked;
