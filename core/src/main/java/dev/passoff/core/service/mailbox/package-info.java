/**
 * The mailbox use cases: sending with the protocol's id, thread, addressing and note rules,
 * classifying and consuming the peer stream with cursors and claims, and the poll gate. One
 * validator, {@link dev.passoff.core.service.mailbox.MessageRules}, holds the per-type rules.
 */
@NullMarked
package dev.passoff.core.service.mailbox;

import org.jspecify.annotations.NullMarked;
