package dev.passoff.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passoff.core.error.InvalidRequestException;
import dev.passoff.core.error.NotFoundException;
import dev.passoff.core.error.ValidationException;
import dev.passoff.core.model.ClientIdentity;
import dev.passoff.core.model.CreateHandoffRequest;
import dev.passoff.core.model.CreatedHandoff;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.HandoffStatus;
import dev.passoff.core.model.ListHandoffsRequest;
import dev.passoff.core.model.LoadHandoffRequest;
import dev.passoff.core.model.SearchHandoffsRequest;
import dev.passoff.core.model.StatusFilter;
import dev.passoff.core.model.ThreadDirection;
import dev.passoff.core.port.out.Workspace;
import dev.passoff.core.testing.InMemoryHandoffStore;
import dev.passoff.core.testing.TestClock;
import dev.passoff.core.testing.TestIds;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandoffServicesTest {
  static final ClientIdentity CLAUDE = new ClientIdentity("claude-code", "1.0.0");
  static final ClientIdentity CURSOR = new ClientIdentity("cursor", "0.50");

  final InMemoryHandoffStore store = new InMemoryHandoffStore();
  final TestClock clock = new TestClock();
  final ProjectResolver projects =
      new ProjectResolver(
          new Workspace() {
            @Override
            public Path workingDirectory() {
              return Path.of("/tmp");
            }

            @Override
            public Optional<String> projectRootOverride() {
              return Optional.of("/x/some-proj");
            }
          });
  final CreateHandoffService create =
      new CreateHandoffService(store, projects, clock, new TestIds(1));
  final LoadHandoffService load = new LoadHandoffService(store, clock);
  final ListHandoffsService list = new ListHandoffsService(store, projects);
  final SearchHandoffsService search = new SearchHandoffsService(store, projects);
  final ThreadHandoffService thread = new ThreadHandoffService(store);
  final ChangeStatusService status = new ChangeStatusService(store);
  final GetHandoffService get = new GetHandoffService(store);
  final ClearHandoffsService clear = new ClearHandoffsService(store, projects);
  final TransferHandoffsService transfer = new TransferHandoffsService(store);

  CreatedHandoff given(String title, String project, String parent) {
    clock.advance(Duration.ofMillis(7));
    return create.create(
        new CreateHandoffRequest(
            title, "## Next Steps\n" + title, List.of("a", "b"), parent, project, "opus"),
        CLAUDE);
  }

  @Test
  void givenNoProject_create_filesUnderResolvedSlugAndStampsCreator() {
    CreatedHandoff c = given("first", null, null);

    Handoff h = get.get(c.id());
    assertThat(c.project()).isEqualTo("some-proj-ab000c");
    assertThat(c.createdAt()).isEqualTo(clock.instant());
    assertThat(h.fromClient()).isEqualTo("claude-code");
    assertThat(h.fromClientVersion()).isEqualTo("1.0.0");
    assertThat(h.fromModel()).isEqualTo("opus");
    assertThat(h.tags()).containsExactly("a", "b");
    assertThat(h.status()).isEqualTo(HandoffStatus.OPEN);
  }

  @Test
  void givenUnknownParent_create_failsWithParentMessage() {
    assertThatThrownBy(() -> given("x", null, "ph_unknown1"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("parent_id not found: ph_unknown1");
  }

  @Test
  void givenLatestWithAndWithoutProject_load_scopesAsSpecified() {
    given("other", "elsewhere-123456", null);
    CreatedHandoff mine = given("mine", null, null);
    given("newest elsewhere", "elsewhere-123456", null);

    assertThat(load.load(LoadHandoffRequest.latest(null, null), CURSOR).title())
        .isEqualTo("newest elsewhere");
    assertThat(load.load(LoadHandoffRequest.latest("*", null), CURSOR).title())
        .isEqualTo("newest elsewhere");
    assertThat(load.load(new LoadHandoffRequest(null, true, " ", null), CURSOR).title())
        .isEqualTo("newest elsewhere");
    assertThat(load.load(LoadHandoffRequest.latest("some-proj-ab000c", null), CURSOR).id())
        .isEqualTo(mine.id());
  }

  @Test
  void givenNothingActive_load_explainsAndPointsToOtherTools() {
    assertThatThrownBy(() -> load.load(LoadHandoffRequest.latest(null, null), CURSOR))
        .isInstanceOf(NotFoundException.class)
        .hasMessageStartingWith("No active handoffs found")
        .hasMessageContaining("passoff_list")
        .hasMessageContaining("passoff_create");
    assertThatThrownBy(() -> load.load(LoadHandoffRequest.latest("p-1", null), CURSOR))
        .hasMessageStartingWith("No active handoffs for project 'p-1'");
  }

  @Test
  void givenNeitherIdNorLatest_load_asksForOne() {
    assertThatThrownBy(() -> load.load(new LoadHandoffRequest(null, false, null, null), CURSOR))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("Must provide either `id` or `latest: true`.");
    assertThatThrownBy(() -> load.load(LoadHandoffRequest.byId("ph_nope0000", null), CURSOR))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Handoff not found: ph_nope0000");
  }

  @Test
  void givenIdAndLatest_load_idWins() {
    CreatedHandoff first = given("first", null, null);
    given("second", null, null);

    Handoff h = load.load(new LoadHandoffRequest(first.id().value(), true, "zzz", "m"), CURSOR);

    assertThat(h.id()).isEqualTo(first.id());
    assertThat(h.toModel()).isEqualTo("m");
    assertThat(h.loadedAt()).isEqualTo(clock.instant());
    assertThat(get.loads(first.id())).hasSize(1);
  }

  @Test
  void givenRowsAThenB_loadingA_movesItToLoadedList() {
    CreatedHandoff a = given("a", null, null);
    given("b", null, null);

    load.load(LoadHandoffRequest.byId(a.id().value(), null), CURSOR);

    assertThat(list.list(new ListHandoffsRequest(null, StatusFilter.OPEN, 10)).items())
        .extracting(s -> s.title())
        .containsExactly("b");
    assertThat(list.list(new ListHandoffsRequest(null, StatusFilter.LOADED, 10)).items())
        .extracting(s -> s.title())
        .containsExactly("a");
  }

  @Test
  void givenStarProject_listAndSearch_coverAllProjects() {
    given("mine login", null, null);
    given("theirs login", "other-000000", null);

    assertThat(list.list(new ListHandoffsRequest("*", StatusFilter.ALL, 10)).items()).hasSize(2);
    assertThat(list.list(new ListHandoffsRequest(null, StatusFilter.ALL, 10)).scope().label())
        .isEqualTo("some-proj-ab000c");
    assertThat(search.search(new SearchHandoffsRequest("login", "*", 10)).hits()).hasSize(2);
    assertThat(search.search(new SearchHandoffsRequest("login", null, 10)).hits()).hasSize(1);
  }

  @Test
  void givenUnknownIds_threadArchiveReopenGet_throwNotFound() {
    HandoffId unknown = HandoffId.of("ph_zzzzzzzz");
    assertThatThrownBy(() -> thread.thread(unknown, ThreadDirection.BOTH))
        .hasMessage("Handoff not found: ph_zzzzzzzz");
    assertThatThrownBy(() -> status.archive(unknown)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> status.reopen(unknown)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> get.get(unknown)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> get.loads(unknown)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void givenOpenHandoffs_clear_archivesOnlyResolvedProject() {
    given("a", null, null);
    given("b", "other-000000", null);

    String project = clear.project(null);

    assertThat(project).isEqualTo("some-proj-ab000c");
    assertThat(clear.countOpen(project)).isEqualTo(1);
    assertThat(clear.clear(project)).isEqualTo(1);
    assertThat(clear.countOpen("other-000000")).isEqualTo(1);
  }

  @Test
  void givenChain_exportJsonLinesThenImport_reproducesStore() {
    CreatedHandoff a = given("a", null, null);
    CreatedHandoff b = given("b", null, a.id().value());
    load.load(LoadHandoffRequest.byId(b.id().value(), "gpt"), CURSOR);
    StringWriter out = new StringWriter();

    assertThat(transfer.exportJsonLines(out)).isEqualTo(2);
    String[] lines = out.toString().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).startsWith("{\"id\":\"" + a.id().value() + "\"");

    InMemoryHandoffStore target = new InMemoryHandoffStore();
    // Children first in the file: import still orders parents before children.
    String reversed = lines[1] + "\n\n" + lines[0] + "\n";
    var report = new TransferHandoffsService(target).importJsonLines(new StringReader(reversed));

    assertThat(report.imported()).isEqualTo(2);
    assertThat(target.find(b.id())).contains(get.get(b.id()));
    assertThat(target.loads(b.id())).isEqualTo(get.loads(b.id()));
  }

  @Test
  void givenBrokenLines_import_reportsLineNumbersAndImportsNothing() {
    String text = "{\"id\":\"ph_1\"}\nnot json\n";

    assertThatThrownBy(
            () -> new TransferHandoffsService(store).importJsonLines(new StringReader(text)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("line 1: project: expected a string")
        .hasMessageContaining("line 2: invalid JSON");
    assertThat(store.inspect().total()).isZero();
  }

  @Test
  void givenHandoffs_exportMarkdown_writesOneSectionEach() {
    given("first", null, null);
    given("second", null, null);
    StringWriter out = new StringWriter();

    assertThat(transfer.exportMarkdown(out)).isEqualTo(2);
    assertThat(out.toString())
        .startsWith("# first\n\n- id: `ph_")
        .contains("\n---\n\n# second\n")
        .contains("- tags: a, b\n");
  }
}
