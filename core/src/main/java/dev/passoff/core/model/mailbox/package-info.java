/**
 * The mailbox style's values: sides, sessions, message ids, stream messages, cursors and claims
 * (leases), and the results of the mailbox use cases.
 */
@NullMarked
package dev.passoff.core.model.mailbox;

import org.jspecify.annotations.NullMarked;
