/**
 * The handoff log: {@link dev.passoff.store.jsonl.log.JsonlHandoffStore} keeps handoffs as an
 * append-only JSON Lines file of events ({@code create}, {@code load}, {@code status}, {@code
 * reparent}, {@code delete}, {@code import}) whose replay gives the current state. The file is
 * meant to live in a repository: lines are compact with keys in a fixed order, writers only ever
 * append, several processes share one file under an OS lock on a sibling {@code .lock} file, and
 * each reader catches up by reading only the bytes appended since its last look.
 */
@NullMarked
package dev.passoff.store.jsonl.log;

import org.jspecify.annotations.NullMarked;
