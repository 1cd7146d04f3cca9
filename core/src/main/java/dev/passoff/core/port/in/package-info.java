/** Use cases: what the edges (MCP, CLI, relay, dispatcher) may ask of the core. */
@NullMarked
package dev.passoff.core.port.in;

import org.jspecify.annotations.NullMarked;
