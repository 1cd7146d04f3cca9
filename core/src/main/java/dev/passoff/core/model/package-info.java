/**
 * The domain values of Passoff: handoffs, their provenance and lineage, typed ids and the request
 * records that use cases validate on construction.
 */
@NullMarked
package dev.passoff.core.model;

import org.jspecify.annotations.NullMarked;
