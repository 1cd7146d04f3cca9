/**
 * Dagger modules shared by every artifact: the core services built from plain constructors, the
 * run-time settings, and the selection of a store by configuration so that unselected stores are
 * never opened.
 */
@NullMarked
package dev.passoff.distribution.wiring;

import org.jspecify.annotations.NullMarked;
