/**
 * A small JSON reader and writer plus the wire views of the domain (the handoff object, list items,
 * search hits). The views are shared by every edge so that MCP results, CLI {@code --json} output
 * and exports are byte-identical.
 */
@NullMarked
package dev.passoff.core.json;

import org.jspecify.annotations.NullMarked;
