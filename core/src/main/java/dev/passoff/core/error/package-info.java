/**
 * The one exception hierarchy of Passoff. Every exception carries an {@link
 * dev.passoff.core.error.ErrorCode} that each edge maps exactly once.
 */
@NullMarked
package dev.passoff.core.error;

import org.jspecify.annotations.NullMarked;
