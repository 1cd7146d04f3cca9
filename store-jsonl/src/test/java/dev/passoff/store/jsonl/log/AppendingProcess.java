package dev.passoff.store.jsonl.log;

import dev.passoff.core.model.ClientIdentity;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.LoadStamp;
import dev.passoff.core.model.NewHandoff;
import dev.passoff.core.model.ProjectScope;
import dev.passoff.core.model.StatusFilter;
import dev.passoff.core.testing.TestIds;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A child process for {@link JsonlMultiProcessIT}: creates, loads and lists handoffs in the log
 * given as its first argument. Exits 0 when every step saw its own writes, 1 otherwise; it prints
 * nothing.
 */
final class AppendingProcess {
  private AppendingProcess() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    String name = args[1];
    int count = Integer.parseInt(args[2]);
    TestIds ids = new TestIds(name.hashCode());
    LoadStamp stamp = new LoadStamp(new ClientIdentity(name, null), null, Instant.EPOCH);
    boolean ok = true;
    try (JsonlHandoffStore store = JsonlHandoffStore.open(file)) {
      for (int i = 0; i < count; i++) {
        NewHandoff draft =
            new NewHandoff(
                "shared",
                name + "-" + i,
                "written by " + name,
                List.of(name),
                new ClientIdentity(name, "1"),
                null,
                null,
                Instant.ofEpochMilli(i));
        Handoff h = store.create(draft, ids);
        ok &= store.loadById(h.id(), stamp).isPresent();
        ok &= store.find(h.id()).isPresent();
        ok &= !store.list(ProjectScope.of("shared"), StatusFilter.ALL, 1).isEmpty();
      }
    }
    System.exit(ok ? 0 : 1);
  }
}
