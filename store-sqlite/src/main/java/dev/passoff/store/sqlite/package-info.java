/**
 * The embedded default store: {@link dev.passoff.store.sqlite.SqliteHandoffStore} keeps handoffs in
 * the SQLite file the existing passoff tool uses ({@code ~/.passoff/db.sqlite}), with the same
 * tables, full-text index and triggers, plus Passoff's load history, extra indexes and versioned
 * migrations. Files written here stay readable by the existing tool, and its files open in place.
 */
@NullMarked
package dev.passoff.store.sqlite;

import org.jspecify.annotations.NullMarked;
