package dev.passoff.cli;

import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffListing;
import dev.passoff.core.model.HandoffSummary;
import dev.passoff.core.model.LoadRecord;
import dev.passoff.core.model.SearchHit;
import dev.passoff.core.model.SearchResults;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The human-readable layouts of §5: list table, show, thread and search. */
final class HandoffText {
  static final int ID_WIDTH = 13;
  static final int CREATED_WIDTH = 18;
  static final int STATUS_WIDTH = 10;
  static final int FROM_TO_WIDTH = 26;
  static final String NOBODY = "—";

  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final int LABEL_WIDTH = 13;

  private HandoffText() {}

  /** The {@code list} table, or {@code (no handoffs)}. */
  static String list(HandoffListing listing) {
    StringBuilder text = new StringBuilder(256);
    text.append("Project: ").append(listing.scope().label()).append('\n');
    if (listing.items().isEmpty()) {
      return text.append("(no handoffs)\n").toString();
    }
    String header =
        cell("ID", ID_WIDTH)
            + cell("CREATED (UTC)", CREATED_WIDTH)
            + cell("STATUS", STATUS_WIDTH)
            + cell("FROM → TO", FROM_TO_WIDTH)
            + "TITLE";
    text.append(header).append('\n');
    text.append("-".repeat(header.length())).append('\n');
    for (HandoffSummary s : listing.items()) {
      String toClient = s.toClient() == null || s.toClient().isEmpty() ? NOBODY : s.toClient();
      text.append(cell(s.id().value(), ID_WIDTH))
          .append(cell(minutes(s.createdAt()), CREATED_WIDTH))
          .append(cell(s.status().value(), STATUS_WIDTH))
          .append(cell(s.fromClient() + " → " + toClient, FROM_TO_WIDTH))
          .append(s.title())
          .append('\n');
    }
    return text.toString();
  }

  /** The {@code show} layout; with {@code loads}, the load history follows the metadata. */
  static String show(Handoff h, @Nullable List<LoadRecord> loads) {
    StringBuilder text = new StringBuilder(h.content().length() + 512);
    text.append("# ").append(h.title()).append("\n\n");
    field(text, "id", h.id().value());
    field(text, "project", h.project());
    field(text, "status", h.status().value());
    field(text, "from", party(h.fromClient(), h.fromClientVersion(), h.fromModel()));
    field(
        text,
        "to",
        h.toClient() == null || h.toClient().isEmpty()
            ? NOBODY
            : party(h.toClient(), h.toClientVersion(), h.toModel()));
    field(text, "created_at", iso(h.createdAt()));
    if (h.loadedAt() != null) {
      field(text, "loaded_at", iso(h.loadedAt()));
    }
    if (h.parentId() != null) {
      field(text, "parent_id", h.parentId().value());
    }
    if (!h.tags().isEmpty()) {
      field(text, "tags", String.join(", ", h.tags()));
    }
    if (loads != null) {
      text.append("loads:\n");
      if (loads.isEmpty()) {
        text.append("  (none)\n");
      }
      for (LoadRecord r : loads) {
        text.append("  ")
            .append(iso(r.loadedAt()))
            .append("  ")
            .append(party(r.client(), r.clientVersion(), r.model()))
            .append('\n');
      }
    }
    text.append("\n---\n\n").append(h.content());
    if (!h.content().endsWith("\n")) {
      text.append('\n');
    }
    return text.toString();
  }

  /** The ASCII lineage drawing of {@code thread}; {@code *} marks the anchor. */
  static String thread(List<Handoff> chain, String anchor) {
    StringBuilder text = new StringBuilder(chain.size() * 96);
    for (int i = 0; i < chain.size(); i++) {
      Handoff h = chain.get(i);
      boolean last = i == chain.size() - 1;
      if (i > 0) {
        text.append("|\n");
      }
      text.append(h.id().value().equals(anchor) ? '*' : 'o')
          .append(' ')
          .append(h.id().value())
          .append("  ")
          .append(h.title())
          .append('\n');
      text.append(last ? "   " : "|  ").append(h.fromClient());
      if (h.toClient() != null && !h.toClient().isEmpty()) {
        text.append(" -> ").append(h.toClient());
      }
      text.append("  [").append(h.status().value()).append("]\n");
    }
    return text.toString();
  }

  /** The {@code search} layout: a line per hit and its snippet indented by four spaces. */
  static String search(SearchResults results) {
    StringBuilder text = new StringBuilder(256);
    text.append("Project: ").append(results.scope().label()).append('\n');
    if (results.hits().isEmpty()) {
      return text.append("(no matches)\n").toString();
    }
    for (SearchHit hit : results.hits()) {
      text.append(cell(hit.id().value(), ID_WIDTH))
          .append(cell(minutes(hit.createdAt()), CREATED_WIDTH))
          .append(cell(hit.status().value(), STATUS_WIDTH))
          .append(hit.title())
          .append('\n');
      text.append("    ").append(flatten(hit.snippet())).append('\n');
    }
    return text.toString();
  }

  /**
   * Pads a value to the column width, or cuts it to width − 1 characters plus {@code …} when it is
   * at least as long as the column. Lengths count code points, so no surrogate pair is split.
   */
  static String cell(String value, int width) {
    int length = value.codePointCount(0, value.length());
    if (length >= width) {
      return value.substring(0, value.offsetByCodePoints(0, width - 1)) + "…";
    }
    return value + " ".repeat(width - length);
  }

  static String minutes(Instant at) {
    return MINUTES.format(at);
  }

  static String iso(Instant at) {
    return ISO_MILLIS.format(at);
  }

  private static void field(StringBuilder text, String label, String value) {
    text.append(cell(label + ":", LABEL_WIDTH)).append(value).append('\n');
  }

  private static String party(String client, @Nullable String version, @Nullable String model) {
    StringBuilder who = new StringBuilder(client);
    if (version != null && !version.isEmpty()) {
      who.append(" (").append(version).append(')');
    }
    if (model != null && !model.isEmpty()) {
      who.append(" / ").append(model);
    }
    return who.toString();
  }

  /** Snippets come from multi-line bodies; one output line per hit keeps the layout readable. */
  private static String flatten(String snippet) {
    return snippet.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
