/**
 * The {@code passoff} artifact: one Dagger component, one {@code main}, one shaded jar. It serves
 * the baton pass over MCP stdio ({@code passoff serve}) and the CLI, on SQLite by default.
 */
@NullMarked
package dev.passoff.distribution.passoff;

import org.jspecify.annotations.NullMarked;
