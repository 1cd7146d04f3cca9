/**
 * The JSONL file store: the mailbox protocol's streams, cursors, claims, locks and notes under a
 * repository's {@code .handoff-runtime/}, byte-compatible with the existing protocol.
 */
@NullMarked
package dev.passoff.store.jsonl;

import org.jspecify.annotations.NullMarked;
