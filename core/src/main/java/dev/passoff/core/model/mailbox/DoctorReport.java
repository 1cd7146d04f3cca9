package dev.passoff.core.model.mailbox;

import java.util.List;

/**
 * The mailbox doctor's findings.
 *
 * @param root absolute project root
 * @param runtime absolute runtime folder
 * @param findings in the order found
 */
public record DoctorReport(String root, String runtime, List<Finding> findings) {
  public DoctorReport {
    findings = List.copyOf(findings);
  }

  public long count(Finding.Level level) {
    return findings.stream().filter(f -> f.level() == level).count();
  }

  /** 2 with any ERROR; 1 with {@code strict} and any WARN; otherwise 0. */
  public int exitCode(boolean strict) {
    if (count(Finding.Level.ERROR) > 0) {
      return 2;
    }
    return strict && count(Finding.Level.WARN) > 0 ? 1 : 0;
  }
}
