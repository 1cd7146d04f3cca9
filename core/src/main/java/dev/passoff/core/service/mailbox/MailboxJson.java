package dev.passoff.core.service.mailbox;

import dev.passoff.core.model.mailbox.ArchiveReport;
import dev.passoff.core.model.mailbox.Claim;
import dev.passoff.core.model.mailbox.ClaimResult;
import dev.passoff.core.model.mailbox.ClaimState;
import dev.passoff.core.model.mailbox.CompleteResult;
import dev.passoff.core.model.mailbox.CursorPosition;
import dev.passoff.core.model.mailbox.DoctorReport;
import dev.passoff.core.model.mailbox.Finding;
import dev.passoff.core.model.mailbox.GateResult;
import dev.passoff.core.model.mailbox.MailboxMessage;
import dev.passoff.core.model.mailbox.PendingMessage;
import dev.passoff.core.model.mailbox.PollResult;
import dev.passoff.core.model.mailbox.RepairReport;
import dev.passoff.core.model.mailbox.SendResult;
import dev.passoff.core.model.mailbox.SessionReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON views of the mailbox results, shared by the CLI's {@code --json} output and the MCP
 * tools, so both edges answer in the same shapes. Keys are in the documented order.
 */
public final class MailboxJson {
  private MailboxJson() {}

  /** {@code {"id","stream","note","message"}}, plus {@code "dry_run": true} for a dry run. */
  public static Map<String, @Nullable Object> sent(SendResult r) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("id", r.message().id().text());
    m.put("stream", r.stream());
    m.put("note", r.note());
    m.put("message", r.message().fields());
    if (r.dryRun()) {
      m.put("dry_run", true);
    }
    return m;
  }

  public static Map<String, @Nullable Object> poll(PollResult r) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("side", r.side().wire());
    m.put("session", r.session().value());
    m.put("cursor", r.cursor());
    m.put("advanced_from", r.advancedFrom());
    m.put("stream_max_seq", r.streamMaxSeq());
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("elsewhere", r.counts().elsewhere());
    counts.put("answered", r.counts().answered());
    counts.put("held", r.counts().held());
    counts.put("owner_unknown", r.counts().ownerUnknown());
    m.put("counts", counts);
    List<Map<String, @Nullable Object>> messages = new ArrayList<>();
    for (PendingMessage p : r.messages()) {
      Map<String, @Nullable Object> item = new LinkedHashMap<>();
      item.put("seq", p.seq());
      item.put("handling", p.handling().wire());
      if (p.claim() != null) {
        item.put("claim", claimState(p.claim()));
      }
      item.put("message", p.message().fields());
      if (p.noteText() != null) {
        item.put("note_text", p.noteText());
      }
      messages.add(item);
    }
    m.put("messages", messages);
    m.put("more", r.more());
    m.put("diagnostics", r.diagnostics());
    return m;
  }

  /** A claim file's content as JSON: the claim, or what is wrong with an unreadable one. */
  public static Map<String, @Nullable Object> claimState(ClaimState state) {
    if (state instanceof ClaimState.Held held) {
      return claim(held.claim());
    }
    ClaimState.Unreadable bad = (ClaimState.Unreadable) state;
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("message_id", bad.messageId());
    m.put("unreadable", bad.problem());
    m.put("modified", MailboxTimes.format(bad.modified()));
    return m;
  }

  public static Map<String, @Nullable Object> claim(Claim c) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("side", c.side().wire());
    m.put("session", c.session());
    m.put("message_id", c.messageId());
    m.put("run_id", c.runId());
    m.put("created_at", c.createdAt() == null ? null : MailboxTimes.format(c.createdAt()));
    m.put("expires_at", c.expiresAt() == null ? null : MailboxTimes.format(c.expiresAt()));
    if (c.completedBy() != null) {
      m.put("completed_by", c.completedBy());
    }
    return m;
  }

  /** {@code {"outcome","claim"}}, plus {@code "reply"} when the message is answered. */
  public static Map<String, @Nullable Object> claimResult(ClaimResult r) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("outcome", r.outcome().wire());
    m.put("claim", r.claim() == null ? null : claim(r.claim()));
    if (r.reply() != null) {
      m.put("reply", r.reply());
    }
    return m;
  }

  /** {@code {"reply_id","cursor","blocked_by"?,"reply"}}. */
  public static Map<String, @Nullable Object> completed(CompleteResult r) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("reply_id", r.reply().message().id().text());
    m.put("cursor", r.cursor());
    if (r.blockedBy() != null) {
      m.put("blocked_by", r.blockedBy());
    }
    m.put("reply", sent(r.reply()));
    return m;
  }

  /** {@code {"cursor","source"}}, plus {@code "problem"} when the cursor file was ignored. */
  public static Map<String, @Nullable Object> cursor(CursorPosition c) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("cursor", c.seq());
    m.put("source", c.source().wire());
    if (c.problem() != null) {
      m.put("problem", c.problem());
    }
    return m;
  }

  /** The poll gate's line, keys in the existing script's order, then {@code unknown_type}. */
  public static Map<String, @Nullable Object> gate(GateResult g) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("side", g.side().wire());
    m.put("session", g.session().value());
    m.put("cursor", g.cursor());
    m.put("stream_max_seq", g.streamMaxSeq());
    m.put("decision", g.decision().wire());
    m.put("unread_total", g.unreadTotal());
    m.put("for_me", g.forMe());
    m.put("for_me_lease", g.forMeLease());
    m.put("for_me_pure", g.forMePure());
    m.put("directed_elsewhere", g.directedElsewhere());
    m.put("unknown_type", g.unknownType());
    return m;
  }

  public static Map<String, @Nullable Object> doctor(DoctorReport r) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("root", r.root());
    m.put("runtime", r.runtime());
    List<Map<String, @Nullable Object>> findings = new ArrayList<>();
    for (Finding f : r.findings()) {
      Map<String, @Nullable Object> item = new LinkedHashMap<>();
      item.put("level", f.level().name());
      item.put("check", f.check());
      item.put("path", f.path());
      if (f.line() != null) {
        item.put("line", f.line());
      }
      item.put("message", f.message());
      findings.add(item);
    }
    m.put("findings", findings);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("errors", r.count(Finding.Level.ERROR));
    summary.put("warnings", r.count(Finding.Level.WARN));
    summary.put("info", r.count(Finding.Level.INFO));
    m.put("summary", summary);
    return m;
  }

  /** {@code {"messages": [...]}}: the messages of a thread, each as written. */
  public static Map<String, @Nullable Object> thread(List<MailboxMessage> messages) {
    List<Map<String, @Nullable Object>> list = new ArrayList<>(messages.size());
    for (MailboxMessage m : messages) {
      list.add(m.fields());
    }
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    out.put("messages", list);
    return out;
  }

  public static Map<String, @Nullable Object> sessions(SessionReport r) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("side", r.side().wire());
    m.put("stream_max_seq", r.streamMaxSeq());
    m.put("legacy_cursor", r.legacy());
    List<Map<String, @Nullable Object>> sessions = new ArrayList<>();
    for (SessionReport.Session s : r.sessions()) {
      Map<String, @Nullable Object> item = new LinkedHashMap<>();
      item.put("session", s.session());
      item.put("cursor", s.cursor());
      item.put("modified", s.modified());
      item.put("unread", s.unread());
      sessions.add(item);
    }
    m.put("sessions", sessions);
    List<Map<String, Object>> orphaned = new ArrayList<>();
    for (SessionReport.Orphaned o : r.orphaned()) {
      orphaned.add(Map.of("message_id", o.messageId(), "to_session", o.toSession()));
    }
    m.put("orphaned", orphaned);
    m.put("last_seen", r.lastSeen());
    m.put("peer_last_seen", r.peerLastSeen());
    return m;
  }

  public static Map<String, @Nullable Object> archive(ArchiveReport r) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("dry_run", r.dryRun());
    List<Map<String, @Nullable Object>> streams = new ArrayList<>();
    for (ArchiveReport.StreamArchive s : r.streams()) {
      Map<String, @Nullable Object> item = new LinkedHashMap<>();
      item.put("stream", s.stream());
      item.put("point", s.point());
      item.put("archived", s.archived());
      item.put("kept", s.kept());
      item.put("archive_file", s.archiveFile());
      item.put("skipped", s.skipped());
      streams.add(item);
    }
    m.put("streams", streams);
    return m;
  }

  public static Map<String, @Nullable Object> repair(RepairReport r) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("dry_run", r.dryRun());
    List<Map<String, @Nullable Object>> streams = new ArrayList<>();
    for (RepairReport.StreamRepair s : r.streams()) {
      Map<String, @Nullable Object> item = new LinkedHashMap<>();
      item.put("stream", s.stream());
      item.put("changes", s.changes());
      item.put("backup", s.backup());
      streams.add(item);
    }
    m.put("streams", streams);
    return m;
  }
}
