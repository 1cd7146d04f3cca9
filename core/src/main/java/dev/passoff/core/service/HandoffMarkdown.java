package dev.passoff.core.service;

import dev.passoff.core.model.Handoff;

/** Renders a handoff as a Markdown document. */
public final class HandoffMarkdown {
  private HandoffMarkdown() {}

  /**
   * The handoff as Markdown: the title as a heading, a list of its metadata, then the body. Used by
   * the markdown export and for the note of a mailbox message that carries a handoff.
   */
  public static String render(Handoff h) {
    StringBuilder md = new StringBuilder(h.content().length() + 512);
    md.append("# ").append(h.title()).append("\n\n");
    md.append("- id: `").append(h.id().value()).append("`\n");
    md.append("- project: ").append(h.project()).append('\n');
    md.append("- status: ").append(h.status().value()).append('\n');
    md.append("- from: ").append(h.fromClient());
    if (h.fromModel() != null) {
      md.append(" / ").append(h.fromModel());
    }
    md.append('\n');
    if (h.toClient() != null) {
      md.append("- to: ").append(h.toClient());
      if (h.toModel() != null) {
        md.append(" / ").append(h.toModel());
      }
      md.append('\n');
    }
    md.append("- created_at: ").append(h.createdAt()).append('\n');
    if (h.parentId() != null) {
      md.append("- parent_id: `").append(h.parentId().value()).append("`\n");
    }
    if (!h.tags().isEmpty()) {
      md.append("- tags: ").append(String.join(", ", h.tags())).append('\n');
    }
    md.append('\n').append(h.content());
    if (!h.content().endsWith("\n")) {
      md.append('\n');
    }
    return md.toString();
  }
}
