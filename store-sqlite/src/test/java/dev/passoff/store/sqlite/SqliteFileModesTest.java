package dev.passoff.store.sqlite;

import static dev.passoff.core.testing.TestHandoffs.aHandoff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.model.HealthCheck;
import dev.passoff.core.model.StoreReport;
import dev.passoff.core.testing.TestIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Item 67: owner-only folders and database files, created so and tightened on open. */
class SqliteFileModesTest {
  @TempDir Path dir;
  private final List<String> notices = new ArrayList<>();

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void givenNoFolders_firstWrite_createsOwnerOnlyFoldersAndFiles() throws Exception {
    Path passoff = dir.resolve("home").resolve("nested").resolve(".passoff");
    Path db = passoff.resolve("db.sqlite");

    try (SqliteHandoffStore store = SqliteHandoffStore.open(db, notices::add)) {
      store.create(aHandoff("x", 0), new TestIds());

      assertThat(mode(dir.resolve("home"))).isEqualTo("rwx------");
      assertThat(mode(dir.resolve("home").resolve("nested"))).isEqualTo("rwx------");
      assertThat(mode(passoff)).isEqualTo("rwx------");
      assertThat(mode(db)).isEqualTo("rw-------");
      assertThat(mode(passoff.resolve("db.sqlite-wal"))).isEqualTo("rw-------");
      assertThat(mode(passoff.resolve("db.sqlite-shm"))).isEqualTo("rw-------");
      assertThat(check(store.inspect()).level()).isEqualTo(HealthCheck.Level.OK);
    }
    assertThat(notices).isEmpty();
  }

  @Test
  void givenWorldReadableDatabase_open_tightensItOnceWithOneNotice() throws Exception {
    Path passoff = Files.createDirectories(dir.resolve(".passoff"));
    Path db = passoff.resolve("db.sqlite");
    try (RawSql raw = RawSql.open(db)) {
      raw.exec(LegacyDatabase.DDL.toArray(String[]::new));
    }
    Files.setPosixFilePermissions(passoff, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));

    try (SqliteHandoffStore store = SqliteHandoffStore.open(db, notices::add)) {
      HealthCheck before = check(store.inspect());
      assertThat(before.level()).isEqualTo(HealthCheck.Level.WARN);
      assertThat(before.detail()).contains(db + " is 0644", passoff + " is 0755");
      assertThat(mode(db)).isEqualTo("rw-r--r--");

      store.create(aHandoff("x", 0), new TestIds());
      store.create(aHandoff("y", 1), new TestIds(2));

      assertThat(mode(db)).isEqualTo("rw-------");
      assertThat(mode(passoff)).isEqualTo("rwx------");
      assertThat(mode(passoff.resolve("db.sqlite-wal"))).isEqualTo("rw-------");
      assertThat(mode(passoff.resolve("db.sqlite-shm"))).isEqualTo("rw-------");
      assertThat(check(store.inspect()).level()).isEqualTo(HealthCheck.Level.OK);
    }
    assertThat(notices).hasSize(1);
    assertThat(notices.get(0)).contains(db + " (0644 → 0600)", passoff + " (0755 → 0700)");
  }

  @Test
  void givenDatabaseInSomeoneElsesFolder_open_leavesThatFolderAlone() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("shared"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));

    try (SqliteHandoffStore store =
        SqliteHandoffStore.open(folder.resolve("db.sqlite"), notices::add)) {
      store.create(aHandoff("x", 0), new TestIds());
    }

    assertThat(mode(folder)).isEqualTo("rwxr-xr-x");
    assertThat(mode(folder.resolve("db.sqlite"))).isEqualTo("rw-------");
    assertThat(notices).isEmpty();
  }

  private static HealthCheck check(StoreReport report) {
    return report.checks().stream()
        .filter(c -> c.name().equals("file modes"))
        .findFirst()
        .orElseThrow();
  }
}
