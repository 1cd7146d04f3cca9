package dev.passoff.core.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a store says about itself: where it lives, how many handoffs it holds per status, and the
 * outcome of its own health checks.
 *
 * @param location a path or URL a user recognises
 * @param statusCounts handoffs per stored status value, in a stable order
 */
public record StoreReport(
    String location, boolean exists, Map<String, Long> statusCounts, List<HealthCheck> checks) {
  public StoreReport {
    Objects.requireNonNull(location, "location");
    statusCounts = Map.copyOf(statusCounts);
    checks = List.copyOf(checks);
  }

  /** All handoffs together. */
  public long total() {
    return statusCounts.values().stream().mapToLong(Long::longValue).sum();
  }
}
