package dev.passoff.core.service;

import dev.passoff.core.error.StoreUnavailableException;
import dev.passoff.core.error.ValidationException;
import dev.passoff.core.error.Violation;
import dev.passoff.core.json.HandoffJson;
import dev.passoff.core.json.Json;
import dev.passoff.core.model.ExportedHandoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.ImportReport;
import dev.passoff.core.port.in.TransferHandoffsUseCase;
import dev.passoff.core.port.out.HandoffStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Exports handoffs as JSON Lines or markdown, and imports JSON Lines. */
public final class TransferHandoffsService implements TransferHandoffsUseCase {
  private final HandoffStore store;

  public TransferHandoffsService(HandoffStore store) {
    this.store = store;
  }

  @Override
  public long exportJsonLines(Writer out) {
    long[] count = {0};
    write(
        () ->
            store.exportAll(
                e -> {
                  append(out, Json.compact(HandoffJson.exported(e)));
                  append(out, "\n");
                  count[0]++;
                }));
    flush(out);
    return count[0];
  }

  @Override
  public long exportMarkdown(Writer out) {
    long[] count = {0};
    write(
        () ->
            store.exportAll(
                e -> {
                  if (count[0] > 0) {
                    append(out, "\n---\n\n");
                  }
                  append(out, HandoffMarkdown.render(e.handoff()));
                  count[0]++;
                }));
    flush(out);
    return count[0];
  }

  @Override
  public ImportReport importJsonLines(Reader in) {
    List<ExportedHandoff> parsed = new ArrayList<>();
    List<Violation> problems = new ArrayList<>();
    try (BufferedReader lines = new BufferedReader(in)) {
      String line;
      int number = 0;
      while ((line = lines.readLine()) != null) {
        number++;
        if (number == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (line.isBlank()) {
          continue;
        }
        try {
          parsed.add(HandoffJson.parseExported(Json.parse(line)));
        } catch (IllegalArgumentException e) {
          problems.add(new Violation("line " + number, e.getMessage()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the import", e);
    }
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
    return store.importAll(parentsFirst(parsed));
  }

  /** Orders the handoffs so that every parent in the list comes before its children. */
  static List<ExportedHandoff> parentsFirst(List<ExportedHandoff> items) {
    Map<HandoffId, ExportedHandoff> byId = new LinkedHashMap<>();
    for (ExportedHandoff e : items) {
      byId.putIfAbsent(e.handoff().id(), e);
    }
    Map<HandoffId, List<ExportedHandoff>> children = new HashMap<>();
    List<ExportedHandoff> roots = new ArrayList<>();
    for (ExportedHandoff e : byId.values()) {
      HandoffId parent = e.handoff().parentId();
      if (parent != null && byId.containsKey(parent) && !parent.equals(e.handoff().id())) {
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(e);
      } else {
        roots.add(e);
      }
    }
    List<ExportedHandoff> ordered = new ArrayList<>(byId.size());
    Set<HandoffId> placed = new HashSet<>();
    for (ExportedHandoff root : roots) {
      place(root, children, ordered, placed);
    }
    // Handoffs caught in a parent cycle have no root; keep them in file order.
    for (ExportedHandoff e : byId.values()) {
      place(e, children, ordered, placed);
    }
    return ordered;
  }

  private static void place(
      ExportedHandoff start,
      Map<HandoffId, List<ExportedHandoff>> children,
      List<ExportedHandoff> ordered,
      Set<HandoffId> placed) {
    List<ExportedHandoff> queue = new ArrayList<>();
    queue.add(start);
    for (int i = 0; i < queue.size(); i++) {
      ExportedHandoff e = queue.get(i);
      if (placed.add(e.handoff().id())) {
        ordered.add(e);
        queue.addAll(children.getOrDefault(e.handoff().id(), List.of()));
      }
    }
  }

  private interface Body {
    void run();
  }

  private static void write(Body body) {
    try {
      body.run();
    } catch (UncheckedIOException e) {
      throw new StoreUnavailableException(
          "cannot write the export: " + e.getCause().getMessage(), e);
    }
  }

  private static void append(Writer out, String text) {
    try {
      out.write(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void flush(Writer out) {
    try {
      out.flush();
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot write the export: " + e.getMessage(), e);
    }
  }
}
