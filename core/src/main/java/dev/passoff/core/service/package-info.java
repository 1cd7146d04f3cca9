/**
 * Plain implementations of the use cases. They take ports, a {@link java.time.Clock} and an id
 * source through their constructors and carry no framework annotations.
 */
@NullMarked
package dev.passoff.core.service;

import org.jspecify.annotations.NullMarked;
