package dev.passoff.core.model;

/**
 * What an import did.
 *
 * @param imported handoffs added
 * @param skipped handoffs whose id was already stored (left as they were)
 */
public record ImportReport(int imported, int skipped) {}
