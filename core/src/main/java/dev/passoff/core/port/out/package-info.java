/**
 * Ports the core needs from the outside world: storage, id generation and the working directory.
 * Each port has a contract suite in core's test-jar that every implementation runs.
 */
@NullMarked
package dev.passoff.core.port.out;

import org.jspecify.annotations.NullMarked;
