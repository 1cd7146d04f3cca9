/**
 * The baton-pass MCP server over stdio. {@link dev.passoff.mcp.McpStdioServer} reads JSON-RPC 2.0
 * messages one per line, answers {@code initialize}, {@code ping}, {@code tools/list} and {@code
 * tools/call}, and turns each of the seven {@code passoff_*} tool calls into one call of a core use
 * case from {@link dev.passoff.mcp.McpServices}. It validates the tool arguments itself, stamps
 * provenance from the session's {@code initialize} clientInfo, and maps core errors to {@code
 * isError} tool results. Everything except the two public entry points is package-private.
 */
@NullMarked
package dev.passoff.mcp;

import org.jspecify.annotations.NullMarked;
