package dev.passoff.store.jsonl.log;

import static dev.passoff.core.testing.TestHandoffs.T0;
import static dev.passoff.core.testing.TestHandoffs.aHandoff;
import static dev.passoff.core.testing.TestHandoffs.childOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.passoff.core.error.StoreUnavailableException;
import dev.passoff.core.model.ClientIdentity;
import dev.passoff.core.model.ExportedHandoff;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.HandoffStatus;
import dev.passoff.core.model.HandoffSummary;
import dev.passoff.core.model.HealthCheck;
import dev.passoff.core.model.LoadStamp;
import dev.passoff.core.model.ProjectScope;
import dev.passoff.core.model.StatusFilter;
import dev.passoff.core.model.StoreReport;
import dev.passoff.core.model.ThreadDirection;
import dev.passoff.core.testing.TestIds;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What the log adds to the contract: sharing one file, replay, damaged lines and file modes. */
class JsonlHandoffLogTest {
  private static final ProjectScope PROJ = ProjectScope.of("proj-abc123");
  private static final LoadStamp CURSOR =
      new LoadStamp(new ClientIdentity("cursor", "0.50"), "gpt-5", T0.plusSeconds(60));

  @TempDir Path dir;
  private Path file;
  private final List<String> notices = new CopyOnWriteArrayList<>();
  private final List<JsonlHandoffStore> opened = new ArrayList<>();
  private final TestIds ids = new TestIds(11);

  @BeforeEach
  void pickFile() {
    file = dir.resolve("handoffs.jsonl");
  }

  @AfterEach
  void closeStores() {
    opened.forEach(JsonlHandoffStore::close);
  }

  private JsonlHandoffStore givenStore() {
    JsonlHandoffStore store = JsonlHandoffStore.open(file, notices::add);
    opened.add(store);
    return store;
  }

  private List<String> lines() throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  private void givenAppended(String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  private static HealthCheck check(StoreReport report, String name) {
    return report.checks().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check named " + name + " in " + report));
  }

  private static List<String> titles(List<ExportedHandoff> exported) {
    return exported.stream().map(e -> e.handoff().title()).toList();
  }

  private static List<ExportedHandoff> exportOf(JsonlHandoffStore store) {
    List<ExportedHandoff> out = new ArrayList<>();
    store.exportAll(out::add);
    return out;
  }

  // --- sharing one file ---

  @Test
  void givenTwoStoresOnOneFile_writeInEither_otherSeesIt() {
    JsonlHandoffStore first = givenStore();
    JsonlHandoffStore second = givenStore();
    Handoff a = first.create(aHandoff("a", 0), ids);

    assertThat(second.find(a.id())).contains(a);
    second.setStatus(a.id(), HandoffStatus.ARCHIVED);
    Handoff b = second.create(childOf(a.id(), aHandoff("b", 1)), ids);

    assertThat(first.find(a.id()).orElseThrow().status()).isEqualTo(HandoffStatus.ARCHIVED);
    assertThat(first.thread(a.id(), ThreadDirection.DESCENDANTS).orElseThrow())
        .extracting(Handoff::title)
        .containsExactly("a", "b");
    assertThat(first.loadLatest(PROJ, CURSOR).orElseThrow().id()).isEqualTo(b.id());
    assertThat(second.loads(b.id())).hasSize(1);
  }

  @Test
  void givenStoreWithHistory_reopen_replaysTheSameState() {
    JsonlHandoffStore store = givenStore();
    Handoff a = store.create(aHandoff("a", 0), ids);
    Handoff b = store.create(childOf(a.id(), aHandoff("b", 1)), ids);
    Handoff c = store.create(childOf(b.id(), aHandoff("c", 2)), ids);
    store.create(aHandoff("other-111111", "d", "elsewhere", 3), ids);
    store.loadById(a.id(), CURSOR);
    store.archiveOpen("proj-abc123");
    store.delete(b.id(), true);
    Handoff imported =
        aHandoff("imported", 4).toHandoff(HandoffId.of("ph_imported")).stampedBy(CURSOR);
    store.importAll(List.of(new ExportedHandoff(imported, List.of())));
    List<ExportedHandoff> before = exportOf(store);
    List<HandoffSummary> listed = store.list(PROJ, StatusFilter.ALL, 10);
    store.close();

    JsonlHandoffStore reopened = givenStore();

    assertThat(exportOf(reopened)).isEqualTo(before);
    assertThat(titles(before)).containsExactly("a", "c", "d", "imported");
    assertThat(reopened.find(c.id()).orElseThrow().parentId()).isEqualTo(a.id());
    assertThat(reopened.list(PROJ, StatusFilter.ALL, 10)).isEqualTo(listed);
    assertThat(reopened.search(List.of("working"), PROJ, 10)).hasSize(3);
    assertThat(notices).isEmpty();
  }

  @Test
  void givenFileReplacedByAnother_read_replaysFromScratch() throws IOException {
    JsonlHandoffStore store = givenStore();
    Handoff a = store.create(aHandoff("a", 0), ids);
    Path other = dir.resolve("other.jsonl");
    try (JsonlHandoffStore elsewhere = JsonlHandoffStore.open(other)) {
      elsewhere.create(aHandoff("x", 5), ids);
      elsewhere.create(aHandoff("y", 6), ids);
    }

    // As a git checkout does: a new file renamed over the old one.
    Files.move(other, file, StandardCopyOption.REPLACE_EXISTING);

    assertThat(store.find(a.id())).isEmpty();
    assertThat(store.list(PROJ, StatusFilter.ALL, 10))
        .extracting(s -> s.title())
        .containsExactly("y", "x");
  }

  @Test
  void givenFileRewrittenInPlaceAndLonger_read_replaysFromScratch() throws IOException {
    JsonlHandoffStore store = givenStore();
    Handoff a = store.create(aHandoff("a", 0), ids);
    Path other = dir.resolve("other.jsonl");
    try (JsonlHandoffStore elsewhere = JsonlHandoffStore.open(other)) {
      elsewhere.create(aHandoff("x", 5), ids);
      elsewhere.create(aHandoff("y", 6), ids);
      elsewhere.create(aHandoff("z", 7), ids);
    }

    // Same inode, more bytes than were read: only the bytes before the read position differ.
    Files.write(file, Files.readAllBytes(other), StandardOpenOption.TRUNCATE_EXISTING);

    assertThat(store.find(a.id())).isEmpty();
    assertThat(store.list(PROJ, StatusFilter.ALL, 10)).hasSize(3);
  }

  @Test
  void givenLastAppendCutAtAnyByte_nextWrite_repairsAndKeepsEverythingElse() throws IOException {
    JsonlHandoffStore store = givenStore();
    store.create(aHandoff("a", 0), ids);
    store.create(aHandoff("b", 1), ids);
    long kept = Files.size(file);
    store.archiveOpen("proj-abc123");
    byte[] whole = Files.readAllBytes(file);
    byte[] lock = Files.readAllBytes(dir.resolve("handoffs.jsonl.lock"));

    for (long cut = kept + 1; cut < whole.length; cut += 7) {
      Files.write(file, Arrays.copyOf(whole, (int) cut));
      Files.write(dir.resolve("handoffs.jsonl.lock"), lock);
      JsonlHandoffStore later = JsonlHandoffStore.open(file);

      assertThat(later.countOpen("proj-abc123")).as("cut at %d", cut).isEqualTo(2);
      later.create(aHandoff("c", 2), ids);

      assertThat(later.countOpen("proj-abc123")).as("cut at %d", cut).isEqualTo(3);
      assertThat(later.inspect().checks())
          .as("cut at %d", cut)
          .extracting(HealthCheck::level)
          .containsOnly(HealthCheck.Level.OK);
      assertThat(lines()).as("cut at %d", cut).hasSize(3);
      later.close();
    }
  }

  @Test
  void givenFileDeleted_read_isEmpty() throws IOException {
    JsonlHandoffStore store = givenStore();
    store.create(aHandoff("a", 0), ids);

    Files.delete(file);

    assertThat(store.list(PROJ, StatusFilter.ALL, 10)).isEmpty();
    assertThat(store.inspect().exists()).isFalse();
  }

  @Test
  @Timeout(60)
  void givenTwoStoresAndManyThreads_create_everyEntryLandsOnItsOwnLine() throws Exception {
    List<JsonlHandoffStore> stores = List.of(givenStore(), givenStore());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      JsonlHandoffStore store = stores.get(t % 2);
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 25; i++) {
                  Handoff h = store.create(aHandoff("t" + thread + "-" + i, i), ids);
                  store.loadById(h.id(), CURSOR);
                }
              }));
    }
    for (Future<?> f : done) {
      f.get(50, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(stores.get(0).list(PROJ, StatusFilter.LOADED, 1000)).hasSize(100);
    assertThat(stores.get(1).list(PROJ, StatusFilter.LOADED, 1000)).hasSize(100);
    assertThat(lines()).hasSize(200);
    assertThat(check(givenStore().inspect(), "log lines").level()).isEqualTo(HealthCheck.Level.OK);
  }

  @Test
  void givenLockHeldByAnotherWriter_write_failsUnavailableAndReadsStillWork() throws IOException {
    JsonlHandoffStore store = JsonlHandoffStore.open(file, notices::add, Duration.ofMillis(200));
    opened.add(store);
    Handoff a = store.create(aHandoff("a", 0), ids);
    Path lockFile = dir.resolve("handoffs.jsonl.lock");

    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        FileLock held = channel.lock()) {
      assertThatThrownBy(() -> store.create(aHandoff("b", 1), ids))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("locked by another writer");
      assertThat(store.find(a.id())).isPresent();
      assertThat(held.isValid()).isTrue();
    }
    assertThat(store.create(aHandoff("b", 1), ids).title()).isEqualTo("b");
  }

  // --- damaged files ---

  @Test
  void givenTornLastLine_read_ignoresIt() throws IOException {
    JsonlHandoffStore store = givenStore();
    Handoff a = store.create(aHandoff("a", 0), ids);
    String torn = "{\"op\":\"create\",\"id\":\"ph_torn0000\",\"pro";
    givenAppended(torn);

    assertThat(store.list(PROJ, StatusFilter.ALL, 10))
        .extracting(s -> s.id())
        .containsExactly(a.id());
    assertThat(givenStore().find(a.id())).contains(a);
    StoreReport report = store.inspect();
    assertThat(check(report, "log end").level()).isEqualTo(HealthCheck.Level.WARN);
    assertThat(check(report, "log end").detail())
        .contains("incomplete line of " + torn.length() + " bytes");
    assertThat(check(report, "log lines").level()).isEqualTo(HealthCheck.Level.OK);
    assertThat(notices).isEmpty();
  }

  @Test
  void givenTornLineThatPassoffDidNotWrite_write_refusesAndLeavesFileAlone() throws IOException {
    JsonlHandoffStore store = givenStore();
    store.create(aHandoff("a", 0), ids);
    long end = Files.size(file);
    String torn = "{\"op\":\"status\",\"id\":\"ph_x\"";
    givenAppended(torn);
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> store.create(aHandoff("b", 1), ids))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining(
            "ends with an incomplete line (" + torn.length() + " bytes at byte " + end + ")")
        .hasMessageContaining("Passoff did not write");

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    givenAppended("\n"); // the user ends the line: it is then a corrupt line, and writes go on
    assertThat(store.create(aHandoff("b", 1), ids).title()).isEqualTo("b");
    assertThat(store.list(PROJ, StatusFilter.ALL, 10)).hasSize(2);
  }

  @Test
  void givenAppendInterruptedMidLine_nextWrite_cutsItOffAndAppendsWholeLine() throws IOException {
    JsonlHandoffStore store = givenStore();
    Handoff a = store.create(aHandoff("a", 0), ids);
    Handoff lost = store.create(aHandoff("lost", 1), ids);
    long whole = Files.size(file);
    // What a crash during the second append leaves: only part of its line reached the disk.
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(whole - 40);
    }

    JsonlHandoffStore later = givenStore();
    assertThat(later.find(lost.id())).isEmpty();
    Handoff b = later.create(aHandoff("b", 2), ids);

    assertThat(lines()).hasSize(2);
    assertThat(lines().get(1)).startsWith("{\"op\":\"create\",\"id\":\"" + b.id().value());
    assertThat(later.list(PROJ, StatusFilter.ALL, 10))
        .extracting(s -> s.title())
        .containsExactly("b", "a");
    assertThat(store.find(a.id())).isPresent();
    assertThat(store.find(b.id())).isPresent();
    assertThat(notices).anyMatch(n -> n.contains("interrupted write"));
    assertThat(check(later.inspect(), "log end").level()).isEqualTo(HealthCheck.Level.OK);
  }

  @Test
  void givenMultiLineAppendInterrupted_nextWrite_removesAllOfItsLines() throws IOException {
    JsonlHandoffStore store = givenStore();
    store.create(aHandoff("a", 0), ids);
    store.create(aHandoff("b", 1), ids);
    store.create(aHandoff("c", 2), ids);
    long before = Files.size(file);
    assertThat(store.archiveOpen("proj-abc123")).isEqualTo(3);
    // Two of the three lines and part of the third reached the disk.
    List<String> all = lines();
    int kept = all.get(3).length() + all.get(4).length() + 2 + 10;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(before + kept);
    }

    JsonlHandoffStore later = givenStore();
    assertThat(later.countOpen("proj-abc123")).isEqualTo(3);
    later.create(aHandoff("d", 3), ids);

    assertThat(lines()).hasSize(4);
    assertThat(later.countOpen("proj-abc123")).isEqualTo(4);
    assertThat(check(later.inspect(), "replay").level()).isEqualTo(HealthCheck.Level.OK);
  }

  @Test
  void givenCorruptMiddleLine_read_skipsItWithNoticeAndKeepsTheRest() throws IOException {
    JsonlHandoffStore writer = givenStore();
    writer.create(aHandoff("a", 0), ids);
    writer.create(aHandoff("b", 1), ids);
    writer.create(aHandoff("c", 2), ids);
    List<String> lines = new ArrayList<>(lines());
    lines.set(1, "{\"op\":\"create\",\"id\": garbage");
    Files.write(file, lines, StandardCharsets.UTF_8);

    JsonlHandoffStore reader = givenStore();

    assertThat(reader.list(PROJ, StatusFilter.ALL, 10))
        .extracting(s -> s.title())
        .containsExactly("c", "a");
    assertThat(notices).singleElement().asString().contains("line 2").contains("corrupt");
    HealthCheck check = check(reader.inspect(), "log lines");
    assertThat(check.level()).isEqualTo(HealthCheck.Level.WARN);
    assertThat(check.detail()).startsWith("1 corrupt line(s) skipped (line 2: not JSON");
    reader.create(aHandoff("d", 3), ids);
    assertThat(givenStore().list(PROJ, StatusFilter.ALL, 10)).hasSize(3);
  }

  @Test
  void givenInvalidUtf8Line_read_skipsIt() throws IOException {
    JsonlHandoffStore store = givenStore();
    store.create(aHandoff("a", 0), ids);
    Files.write(file, new byte[] {'{', (byte) 0xC3, '}', '\n'}, StandardOpenOption.APPEND);
    store.create(aHandoff("b", 1), ids);

    assertThat(givenStore().list(PROJ, StatusFilter.ALL, 10)).hasSize(2);
    assertThat(notices).anyMatch(n -> n.contains("line 2: not UTF-8"));
  }

  @Test
  void givenHandEditedFileWithBomCrlfAndBlankLines_read_acceptsIt() throws IOException {
    String create =
        "{\"op\":\"create\",\"id\":\"ph_handmade\",\"project\":\"proj-abc123\",\"title\":\"by"
            + " hand\",\"content\":\"c\",\"tags\":null,\"from_client\":\"vim\",\"created_at\":0}";
    Files.write(
        file,
        ("\uFEFF"
                + create
                + "\r\n\r\n{\"op\":\"status\",\"id\":\"ph_handmade\",\"status\":\"x\"}\r\n")
            .getBytes(StandardCharsets.UTF_8));

    Handoff h = givenStore().find(HandoffId.of("ph_handmade")).orElseThrow();

    assertThat(h.title()).isEqualTo("by hand");
    assertThat(h.status().value()).isEqualTo("x");
    assertThat(h.fromModel()).isNull();
    assertThat(notices).isEmpty();
  }

  @Test
  void givenEntriesForMissingHandoffs_read_ignoresThemAndSaysSo() throws IOException {
    JsonlHandoffStore store = givenStore();
    Handoff a = store.create(aHandoff("a", 0), ids);
    String again = lines().get(0);
    givenAppended(again + "\n{\"op\":\"status\",\"id\":\"ph_gone0000\",\"status\":\"archived\"}\n");

    assertThat(store.list(PROJ, StatusFilter.ALL, 10)).hasSize(1);
    assertThat(store.find(a.id())).isPresent();
    HealthCheck check = check(store.inspect(), "replay");
    assertThat(check.level()).isEqualTo(HealthCheck.Level.WARN);
    assertThat(check.detail()).startsWith("2 entr(y/ies) named a handoff");
  }

  @Test
  void givenUnknownEntryType_read_skipsItAndInspectWarns() throws IOException {
    JsonlHandoffStore store = givenStore();
    store.create(aHandoff("a", 0), ids);
    givenAppended("{\"op\":\"pin\",\"id\":\"ph_whatever\"}\n");

    assertThat(store.list(PROJ, StatusFilter.ALL, 10)).hasSize(1);
    HealthCheck check = check(store.inspect(), "entry types");
    assertThat(check.level()).isEqualTo(HealthCheck.Level.WARN);
    assertThat(check.detail()).contains("line 2: op \"pin\"");
  }

  @Test
  void givenUnfinishedMultiLineAppend_read_holdsItBackUntilItsLastLine() throws IOException {
    JsonlHandoffStore store = givenStore();
    Handoff a = store.create(aHandoff("a", 0), ids);
    Handoff b = store.create(aHandoff("b", 1), ids);
    String tx = "\"tx\":\"abcd0001\",\"parts\":2,";
    givenAppended(
        "{\"op\":\"status\","
            + tx.replace(",\"parts\"", ",\"part\":1,\"parts\"")
            + "\"id\":\""
            + a.id().value()
            + "\",\"status\":\"archived\"}\n");

    assertThat(store.countOpen("proj-abc123")).isEqualTo(2);
    assertThat(check(store.inspect(), "log end").detail()).contains("unfinished multi-line append");

    givenAppended(
        "{\"op\":\"status\","
            + tx.replace(",\"parts\"", ",\"part\":2,\"parts\"")
            + "\"id\":\""
            + b.id().value()
            + "\",\"status\":\"archived\"}\n");

    assertThat(store.countOpen("proj-abc123")).isZero();
  }

  @Test
  void givenMultiLineAppendInterruptedByAnotherLine_read_skipsItWhole() throws IOException {
    JsonlHandoffStore store = givenStore();
    Handoff a = store.create(aHandoff("a", 0), ids);
    givenAppended(
        "{\"op\":\"status\",\"tx\":\"abcd0002\",\"part\":1,\"parts\":2,\"id\":\""
            + a.id().value()
            + "\",\"status\":\"archived\"}\n");
    store.create(aHandoff("b", 1), ids);

    assertThat(store.find(a.id()).orElseThrow().status()).isEqualTo(HandoffStatus.OPEN);
    assertThat(store.list(PROJ, StatusFilter.ALL, 10)).hasSize(2);
    assertThat(check(store.inspect(), "replay").detail())
        .contains("1 interrupted multi-line append(s)");
  }

  @Test
  void givenFolderAtThePath_anyCall_failsUnavailable() throws IOException {
    Files.createDirectory(file);
    JsonlHandoffStore store = givenStore();

    assertThatThrownBy(() -> store.list(PROJ, StatusFilter.ALL, 10))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("is a folder");
    assertThatThrownBy(() -> store.create(aHandoff("a", 0), ids))
        .isInstanceOf(StoreUnavailableException.class);
  }

  // --- files ---

  @Test
  void givenNoFile_open_touchesNothingUntilTheFirstWrite() throws IOException {
    Path nested = dir.resolve("a/b/handoffs.jsonl");
    JsonlHandoffStore store = JsonlHandoffStore.open(nested);
    opened.add(store);

    assertThat(store.list(PROJ, StatusFilter.ALL, 10)).isEmpty();
    StoreReport report = store.inspect();
    assertThat(report.exists()).isFalse();
    assertThat(report.checks()).extracting(HealthCheck::level).containsOnly(HealthCheck.Level.WARN);
    assertThat(dir.resolve("a")).doesNotExist();

    // Writes that change nothing touch nothing either.
    assertThat(store.loadLatest(PROJ, CURSOR)).isEmpty();
    assertThat(store.setStatus(HandoffId.of("ph_nothere0"), HandoffStatus.ARCHIVED)).isEmpty();
    assertThat(store.archiveOpen("proj-abc123")).isZero();
    assertThat(dir.resolve("a")).doesNotExist();

    store.create(aHandoff("a", 0), ids);

    assertThat(nested).exists();
  }

  @Test
  void givenPosixFileSystem_firstWrite_createsOwnerOnlyFilesAndFolders() throws IOException {
    assumeTrue(OwnerOnly.supported(dir), "needs POSIX permissions");
    Path nested = dir.resolve("new/folder/handoffs.jsonl");
    JsonlHandoffStore store = JsonlHandoffStore.open(nested);
    opened.add(store);

    store.create(aHandoff("a", 0), ids);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(nested.resolveSibling("handoffs.jsonl.lock"))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("new"))))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("new/folder"))))
        .isEqualTo("rwx------");
    assertThat(check(store.inspect(), "file modes").level()).isEqualTo(HealthCheck.Level.OK);
  }

  @Test
  void givenWiderModeFromACheckout_inspect_warns() throws IOException {
    assumeTrue(OwnerOnly.supported(dir), "needs POSIX permissions");
    JsonlHandoffStore store = givenStore();
    store.create(aHandoff("a", 0), ids);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    HealthCheck check = check(store.inspect(), "file modes");

    assertThat(check.level()).isEqualTo(HealthCheck.Level.WARN);
    assertThat(check.detail()).contains("is 0644");
  }

  @Test
  void givenLineSeparatorsInText_create_writesThemEscapedOnOneLine() throws IOException {
    JsonlHandoffStore store = givenStore();
    String odd = "one\u2028two\u2029three\u0085four\nfive";
    Handoff h = store.create(aHandoff("proj-abc123", "odd", odd, 0), ids);

    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("\u2028", "\u2029", "\u0085");
    assertThat(text).contains("one\\u2028two\\u2029three\\u0085four\\nfive");
    assertThat(text.split("\n", -1)).hasSize(2);
    assertThat(givenStore().find(h.id()).orElseThrow().content()).isEqualTo(odd);
  }

  @Test
  void givenClosedStore_anyCall_fails() {
    JsonlHandoffStore store = givenStore();
    store.close();
    store.close();

    assertThatThrownBy(() -> store.find(HandoffId.of("ph_any00000")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void givenOperations_log_holdsOneCompactLinePerChangeWithKeysInOrder() throws IOException {
    JsonlHandoffStore store = givenStore();
    ids.thenRandom(List.of("ph_AAAAAAAA", "ph_BBBBBBBB"));
    Handoff a = store.create(aHandoff("a", 0), ids);
    store.create(childOf(a.id(), aHandoff("b", 1)), ids);
    store.loadById(a.id(), CURSOR);
    store.setStatus(a.id(), HandoffStatus.ARCHIVED);
    store.setStatus(a.id(), HandoffStatus.ARCHIVED); // no change, no line
    store.delete(a.id(), true);

    List<String> lines = lines();

    assertThat(lines.subList(0, 4))
        .containsExactly(
            "{\"op\":\"create\",\"id\":\"ph_AAAAAAAA\",\"project\":\"proj-abc123\",\"title\":\"a\","
                + "\"content\":\"## Current State\\nworking on a\",\"tags\":[\"test\"],"
                + "\"from_client\":\"claude-code\",\"from_client_ver\":\"1.0.0\","
                + "\"from_model\":\"claude-opus-4-1\",\"parent_id\":null,"
                + "\"created_at\":1763762400000}",
            "{\"op\":\"create\",\"id\":\"ph_BBBBBBBB\",\"project\":\"proj-abc123\",\"title\":\"b\","
                + "\"content\":\"## Current State\\nworking on b\",\"tags\":[\"test\"],"
                + "\"from_client\":\"claude-code\",\"from_client_ver\":\"1.0.0\","
                + "\"from_model\":\"claude-opus-4-1\",\"parent_id\":\"ph_AAAAAAAA\","
                + "\"created_at\":1763762400001}",
            "{\"op\":\"load\",\"id\":\"ph_AAAAAAAA\",\"client\":\"cursor\",\"client_ver\":\"0.50\","
                + "\"model\":\"gpt-5\",\"loaded_at\":1763762460000}",
            "{\"op\":\"status\",\"id\":\"ph_AAAAAAAA\",\"status\":\"archived\"}");
    Matcher reparent =
        Pattern.compile(
                "\\{\"op\":\"reparent\",\"tx\":\"([0-9a-f]{8})\",\"part\":1,\"parts\":2,"
                    + "\"id\":\"ph_BBBBBBBB\",\"parent_id\":null}")
            .matcher(lines.get(4));
    Matcher delete =
        Pattern.compile(
                "\\{\"op\":\"delete\",\"tx\":\"([0-9a-f]{8})\",\"part\":2,\"parts\":2,"
                    + "\"id\":\"ph_AAAAAAAA\"}")
            .matcher(lines.get(5));
    assertThat(reparent.matches()).as(lines.get(4)).isTrue();
    assertThat(delete.matches()).as(lines.get(5)).isTrue();
    assertThat(delete.group(1)).isEqualTo(reparent.group(1));
    assertThat(lines).hasSize(6);
    assertThat(Files.readAllBytes(file)[0]).isEqualTo((byte) '{');
  }
}
