package dev.passoff.store.jsonl;

import dev.passoff.core.error.HandoffException;
import dev.passoff.core.error.Violation;
import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.CursorValue;
import dev.passoff.core.model.mailbox.Finding;
import dev.passoff.core.model.mailbox.Finding.Level;
import dev.passoff.core.model.mailbox.MessageId;
import dev.passoff.core.model.mailbox.MessageType;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.service.mailbox.MailboxTimes;
import dev.passoff.core.service.mailbox.MessageRules;
import dev.passoff.core.service.mailbox.NotePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The mailbox doctor's checks over one runtime (spec §8.2): the existing doctor's checks 0 to 5
 * with their levels, except the D17 downgrades, plus Passoff's own. Read-only; every stream and
 * archive is streamed line by line, so memory grows only with compact per-message state (ids,
 * seqs), never with the bytes of a stream. Each line is first read by a {@link MailboxLineScan};
 * only lines the scan cannot vouch for are parsed in full, which gives the same findings. One
 * instance makes one report.
 */
final class MailboxDoctor {
  private static final Set<String> FOLDERS =
      Set.of("archive", "claims", "cursors", "locks", "notes");
  private static final Pattern SIDE_FILE =
      Pattern.compile("\\.(claude|codex)-(cursor|lastseen|seq|session)");
  private static final Set<String> OTHER_FILES =
      Set.of(
          Side.CLAUDE.outboxFile(),
          Side.CODEX.outboxFile(),
          ".claude-pollgate.json",
          ".codex-pollgate.json",
          "codex-heartbeat-state.json");
  private static final Pattern CURSOR_NAME =
      Pattern.compile("(codex|claude)-[A-Za-z0-9_.:-]{1,64}");
  private static final Pattern CLAIM_NAME = Pattern.compile("(codex|claude)-handles-(.+)\\.json");
  private static final Pattern TEMP_NAME =
      Pattern.compile("(.+\\.passoff-[0-9a-f]+\\.tmp|\\.tmp-passoff-[0-9a-f]+)");

  /** Passoff deletes its own temporary files once they are this old. */
  private static final Duration TEMP_AGE = Duration.ofSeconds(60);

  /** How long a claim without a readable expiry counts as live, judged by its mtime. */
  private static final Duration UNKNOWN_EXPIRY = Duration.ofHours(6);

  /** File system types where exclusive creation and mtimes are unreliable. */
  private static final Pattern REMOTE_FS =
      Pattern.compile(
          "nfs\\d*|cifs|smb\\d*|smbfs|afpfs|davfs|webdav|9p|fuse\\.(sshfs|rclone|s3fs|gcsfuse"
              + "|goofys|davfs2|onedriver|dropbox|googledrive|gdfs|keybase|osxfs|vmhgfs)");

  private static final int MAX_ORPHANS_LISTED = 50;

  /** Claims and locks are tiny; anything larger is not read into memory. */
  private static final long MAX_SMALL_FILE = 1 << 20;

  /** The wire names of the types that end the work on the message they reply to. */
  private static final Set<String> TERMINAL_TYPES =
      Set.of(MessageType.DONE.wire(), MessageType.ERROR.wire());

  /** What the scan of one live stream learned. */
  private static final class StreamFacts {
    int count;
    long maxSeq = -1;
    final MailboxDoctorIds.Set ids = new MailboxDoctorIds.Set();
    final MailboxDoctorIds.Set seqs = new MailboxDoctorIds.Set();
    final Map<String, Integer> directed = new TreeMap<>();

    long max() {
      return Math.max(0, maxSeq);
    }
  }

  private final RuntimeLayout layout;
  private final JsonlMessageStore messages;
  private final Instant now;
  private final List<Finding> out = new ArrayList<>();
  private final Map<Side, StreamFacts> facts = new EnumMap<>(Side.class);
  private final MailboxDoctorIds.Set archived = new MailboxDoctorIds.Set();
  private final Map<Side, MailboxDoctorIds.Set> answered = new EnumMap<>(Side.class);
  private final Set<String> referencedNotes = new HashSet<>();

  /** Whether plain lines take the scanner's shortcut; off only to compare against the full path. */
  private final boolean quick;

  private final MailboxLineScan scan = new MailboxLineScan();
  private final MailboxLineScanRules rules = new MailboxLineScanRules();

  /** The result of {@link #quickLine} for a line it leaves to the full path. */
  private static final long NOT_QUICK = Long.MIN_VALUE;

  /** How many live lines {@link #quickLine} took; tests check that it takes some. */
  private int quickLines;

  MailboxDoctor(RuntimeLayout layout, JsonlMessageStore messages, Instant now) {
    this(layout, messages, now, true);
  }

  /**
   * A doctor whose per-line checks may be told to always parse lines in full ({@code quick} off),
   * which must give the same findings; tests compare the two.
   */
  MailboxDoctor(RuntimeLayout layout, JsonlMessageStore messages, Instant now, boolean quick) {
    this.layout = layout;
    this.messages = messages;
    this.now = now;
    this.quick = quick;
    for (Side side : Side.values()) {
      facts.put(side, new StreamFacts());
      answered.put(side, new MailboxDoctorIds.Set());
    }
  }

  List<Finding> run() {
    guard("layout", this::checkTopLevel);
    for (Side writer : Side.values()) {
      guard("stream", () -> checkStream(writer));
    }
    for (Side writer : Side.values()) {
      guard("archive", () -> readArchives(writer));
    }
    for (Side side : Side.values()) {
      guard("seq", () -> checkSeqFile(side));
    }
    guard("cursor", this::checkCursors);
    guard("claim", this::checkClaims);
    guard("lock", this::checkLocks);
    guard("note", this::checkNotes);
    guard("archive", this::checkOverlap);
    guard("filesystem", this::checkFileSystem);
    return out;
  }

  /**
   * Runs one check so that a file that cannot be read (permissions, a vanished folder) becomes a
   * finding instead of ending the whole report.
   */
  private void guard(String check, Runnable body) {
    try {
      body.run();
    } catch (HandoffException | UncheckedIOException e) {
      add(
          Level.ERROR,
          check,
          null,
          "the "
              + check
              + " checks stopped: "
              + e.getMessage()
              + "; check the runtime's permissions");
    }
  }

  private void add(Level level, String check, @Nullable String path, String message) {
    out.add(new Finding(level, check, path, null, message));
  }

  private void add(Level level, String check, String path, int line, String message) {
    out.add(new Finding(level, check, path, line, message));
  }

  // ------------------------------------------------------------------------------------------
  // check 1: what sits at the top level

  private void checkTopLevel() {
    for (Path p : list(layout.runtime(), "")) {
      String name = p.getFileName().toString();
      boolean dir = Files.isDirectory(p);
      if (FOLDERS.contains(name)) {
        if (!dir) {
          add(
              Level.WARN,
              "layout",
              name,
              name
                  + " should be a folder but is a file; move the file away and recreate the"
                  + " folder (passoff mailbox init)");
        }
      } else if (dir) {
        add(
            Level.WARN,
            "layout",
            name,
            "unexpected folder; the runtime holds only archive, claims, cursors, locks and notes:"
                + " move it out of .handoff-runtime/");
      } else if (TEMP_NAME.matcher(name).matches()) {
        checkTemp(p, name);
      } else if (!OTHER_FILES.contains(name) && !SIDE_FILE.matcher(name).matches()) {
        add(
            Level.WARN,
            "layout",
            name,
            "unexpected file (a leftover temporary file?); the protocol does not know it: move it"
                + " out of .handoff-runtime/ or delete it");
      }
    }
  }

  /**
   * A temporary file of an atomic replace. The existing doctor warns about any unknown top-level
   * name, so this is a WARN even while young, as level changes other than D17's are not allowed.
   */
  private void checkTemp(Path p, String rel) {
    Optional<Instant> modified = modified(p);
    boolean young = modified.isPresent() && now.isBefore(modified.get().plus(TEMP_AGE));
    add(
        Level.WARN,
        "temp",
        rel,
        young
            ? "temporary file of a write that may still be in progress; if it is still there in a"
                + " minute, delete it"
            : "stale temporary file left by an interrupted write; delete it (Passoff also removes"
                + " its own leftovers on its next write in that folder)");
  }

  // ------------------------------------------------------------------------------------------
  // check 2 and the P line checks: the live streams

  private void checkStream(Side writer) {
    Path file = layout.stream(writer);
    String rel = writer.outboxFile();
    StreamFacts f = facts.get(writer);
    if (!Files.exists(file)) {
      add(
          Level.ERROR,
          "stream",
          rel,
          "stream file missing; run passoff mailbox init to recreate it (empty)");
      return;
    }
    if (!Files.isRegularFile(file)) {
      add(
          Level.ERROR,
          "stream",
          rel,
          "not a regular file; move it away and run passoff mailbox init to recreate the stream");
      return;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MailboxDoctorLines lines = new MailboxDoctorLines(ch, ch.size(), StreamIndex.MAX_LINE);
      long previous = -1;
      while (lines.next()) {
        long seq = quick ? quickLine(writer, rel, lines, previous) : NOT_QUICK;
        previous = seq != NOT_QUICK ? seq : checkLine(writer, rel, lines, previous);
      }
    } catch (IOException e) {
      add(
          Level.ERROR,
          "stream",
          rel,
          "unreadable: " + e.getMessage() + "; check the file's permissions and the disk");
      return;
    }
    add(
        Level.INFO,
        "stream",
        rel,
        f.count + " message(s), max seq " + (f.maxSeq < 0 ? "none" : String.valueOf(f.maxSeq)));
  }

  /** Checks one line; returns the seq to compare the next line against. */
  private long checkLine(Side writer, String rel, MailboxDoctorLines lines, long previous) {
    int n = lines.lineNo();
    if (lines.tooLong()) {
      add(
          Level.ERROR,
          "stream",
          rel,
          n,
          "line longer than 64 MiB; readers skip it: move its content into a note and rewrite the"
              + " line by hand (keep a copy)");
      if (!lines.terminated()) {
        unterminated(rel, n, false);
      }
      return previous;
    }
    byte[] b = lines.bytes();
    int from = 0;
    int end = lines.kept();
    if (lines.bom()) {
      add(
          Level.ERROR,
          "stream",
          rel,
          n,
          "the stream starts with a UTF-8 byte order mark, which the existing readers choke on;"
              + " run passoff mailbox repair to strip it");
      from = 3;
    }
    if (end > from && b[end - 1] == '\r') {
      end--;
    }
    boolean blank = true;
    for (int i = from; i < end && blank; i++) {
      blank = b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == 0x0b || b[i] == 0x0c;
    }
    StreamIndex.Parsed parsed = blank ? null : StreamIndex.parse(b, from, end - from, writer);
    if (!lines.terminated()) {
      boolean complete =
          parsed != null
              && (parsed.flags() & (StreamIndex.UNUSABLE | StreamIndex.INVALID_UTF8)) == 0;
      unterminated(rel, n, complete);
      if (!complete) {
        return previous;
      }
    }
    if (parsed == null) {
      return previous;
    }
    int flags = parsed.flags();
    if ((flags & StreamIndex.INVALID_UTF8) != 0) {
      add(
          Level.ERROR,
          "stream",
          rel,
          n,
          "not valid UTF-8; readers skip this line: rewrite it as UTF-8 by hand or delete it"
              + " (keep a copy)");
      return previous;
    }
    if ((flags & StreamIndex.BAD_JSON) != 0) {
      List<String> parts =
          StreamRepairer.gluedParts(new String(b, from, end - from, StandardCharsets.UTF_8));
      if (!parts.isEmpty()) {
        add(
            Level.ERROR,
            "stream",
            rel,
            n,
            parts.size()
                + " JSON objects glued onto one line (a write onto an unterminated line); readers"
                + " skip both: "
                + (StreamRepairer.splittable(parts)
                    ? "run passoff mailbox repair to split them"
                    : "split the line by hand, repair cannot because not every part has a valid"
                        + " id"));
      } else {
        add(
            Level.ERROR,
            "stream",
            rel,
            n,
            "not valid JSON; readers skip this line: fix or delete it by hand (keep a copy)");
      }
      return previous;
    }
    if ((flags & StreamIndex.NOT_OBJECT) != 0) {
      add(
          Level.ERROR,
          "stream",
          rel,
          n,
          "not a JSON object; readers skip this line: delete it or rewrite it as a message");
      return previous;
    }
    Map<String, @Nullable Object> object = parsed.object();
    MessageId id = parsed.id();
    if ((flags & StreamIndex.BAD_ID) != 0 || object == null || id == null) {
      add(
          Level.ERROR,
          "stream",
          rel,
          n,
          "id missing or not like "
              + writer.wire()
              + "-000001; readers skip this line: give it the next free id by hand or delete it");
      return previous;
    }
    facts.get(writer).maxSeq = Math.max(facts.get(writer).maxSeq, id.seq());
    if ((flags & StreamIndex.WRONG_SIDE) != 0) {
      add(
          Level.ERROR,
          "stream",
          rel,
          n,
          "id "
              + id
              + " belongs to the other side, but only "
              + writer.wire()
              + " writes this stream; readers skip it: move the line to "
              + writer.peer().outboxFile()
              + " or delete it");
      return previous;
    }
    boolean ok = true;
    if (!writer.wire().equals(object.get("from"))) {
      add(
          Level.ERROR,
          "stream",
          rel,
          n,
          id
              + ": from is "
              + describe(object.get("from"))
              + " but only "
              + writer.wire()
              + " writes this stream; readers skip it: correct the field or delete the line");
      ok = false;
    }
    StreamFacts f = facts.get(writer);
    long key = StreamIndex.key(writer, id.seq());
    boolean duplicate = !f.ids.add(key);
    if (duplicate) {
      add(
          Level.ERROR,
          "stream",
          rel,
          n,
          "duplicate id "
              + id
              + "; readers use only its first occurrence: give this line a new id or delete it");
      ok = false;
    }
    Object refs = object.get("refs");
    if (!(refs instanceof Map<?, ?>)) {
      add(
          Level.ERROR,
          "stream",
          rel,
          n,
          id
              + ": refs is missing or not an object; add"
              + " \"refs\":{\"reply_to\":null,\"notes_file\":null,\"commit\":null}");
      ok = false;
    }
    if (previous >= 0 && id.seq() < previous) {
      add(
          Level.WARN,
          "stream",
          rel,
          n,
          "seq "
              + id.seq()
              + " after seq "
              + previous
              + " (ids must increase in file order); readers sort by seq, but reorder the lines"
              + " by hand to silence this");
    }
    if (refs instanceof Map<?, ?> r) {
      checkNoteRef(rel, n, id, r.get("notes_file"));
    }
    int separators = StreamRepairer.countSeparators(b, from, end);
    if (separators > 0) {
      add(
          Level.WARN,
          "stream",
          rel,
          n,
          id
              + " holds "
              + separators
              + " raw U+2028/U+2029/U+0085, where tools using splitlines() break the line; run"
              + " passoff mailbox repair to escape them");
    }
    if (ok) {
      checkSchema(writer, rel, n, id, object);
      f.count++;
      f.seqs.add(id.seq());
      if (object.get("to_session") instanceof String to && !to.isEmpty()) {
        f.directed.merge(to, 1, Integer::sum);
      }
      remember(writer, object);
    }
    return id.seq();
  }

  /**
   * The per-line checks of {@link #checkLine} for the common line: a plain one (see {@link
   * MailboxLineScan}) that the scan proves free of every line finding, except those about its note,
   * which are made by the same code as on the full path. Returns {@link #NOT_QUICK}, having changed
   * nothing, for every other line; the full path then decides as it always did. So the findings,
   * their order and the facts gathered are the same either way.
   */
  private long quickLine(Side writer, String rel, MailboxDoctorLines lines, long previous) {
    if (lines.tooLong() || !lines.terminated() || lines.bom()) {
      return NOT_QUICK;
    }
    byte[] b = lines.bytes();
    int end = lines.kept();
    if (end > 0 && b[end - 1] == '\r') {
      end--;
    }
    if (!scan.scan(b, 0, end) || scan.separator()) {
      return NOT_QUICK;
    }
    long seq = scan.idSeq(MailboxLineScan.ID, writer, 1);
    StreamFacts f = facts.get(writer);
    long key = seq < 0 ? -1 : StreamIndex.key(writer, seq);
    byte note = scan.kind(MailboxLineScan.NOTES_FILE);
    if (seq < 0
        || (previous >= 0 && seq < previous)
        || f.ids.contains(key)
        || !rules.clean(scan, writer)
        || (note != MailboxLineScan.NULL
            && note != MailboxLineScan.ABSENT
            && !scan.rawString(MailboxLineScan.NOTES_FILE))) {
      return NOT_QUICK;
    }
    // clean() has proven id, from and refs right; from here on the line is taken.
    f.maxSeq = Math.max(f.maxSeq, seq);
    f.ids.add(key);
    String notesFile =
        scan.rawString(MailboxLineScan.NOTES_FILE) ? scan.text(MailboxLineScan.NOTES_FILE) : null;
    if (notesFile != null && !notesFile.isEmpty()) {
      MessageId id = new MessageId(scan.text(MailboxLineScan.ID), writer, seq);
      checkNoteRef(rel, lines.lineNo(), id, notesFile);
    }
    f.count++;
    f.seqs.add(seq);
    if (scan.rawString(MailboxLineScan.TO_SESSION)) {
      String to = scan.text(MailboxLineScan.TO_SESSION);
      if (!to.isEmpty()) {
        f.directed.merge(to, 1, Integer::sum);
      }
    }
    rememberScanned(writer, notesFile);
    quickLines++;
    return seq;
  }

  int quickLines() {
    return quickLines;
  }

  /**
   * {@link #remember} for a scanned line whose {@code refs} is an object, whose {@code type} and
   * {@code refs.reply_to} are strings without escapes or not strings, and whose note is {@code
   * notesFile}.
   */
  private void rememberScanned(Side writer, @Nullable String notesFile) {
    if (notesFile != null) {
      referencedNotes.add(notesFile);
    }
    boolean terminal =
        scan.textEquals(MailboxLineScan.TYPE, MessageType.DONE.wire())
            || scan.textEquals(MailboxLineScan.TYPE, MessageType.ERROR.wire());
    Side target = terminal ? scan.idSide(MailboxLineScan.REPLY_TO) : null;
    long seq = target == null ? -1 : scan.idSeq(MailboxLineScan.REPLY_TO, target, 1);
    if (target != null && seq >= 0) {
      answered.get(writer).add(StreamIndex.key(target, seq));
    }
  }

  private void unterminated(String rel, int n, boolean complete) {
    add(
        Level.ERROR,
        "stream",
        rel,
        n,
        complete
            ? "the last line has no final LF, so nothing can be appended; run passoff mailbox"
                + " repair to add it"
            : "the last line has no final LF and is not a complete message (a torn write); readers"
                + " ignore it: run passoff mailbox repair to cut it off (its bytes are saved)");
  }

  private void checkNoteRef(String rel, int n, MessageId id, @Nullable Object value) {
    if (value == null || "".equals(value)) {
      return;
    }
    if (!(value instanceof String path)) {
      add(
          Level.WARN,
          "note",
          rel,
          n,
          id + ": refs.notes_file is not a string; set it to a path like notes/" + id + ".md");
      return;
    }
    referencedNotes.add(path);
    Optional<String> problem = NotePaths.problem(path);
    if (problem.isPresent()) {
      add(
          Level.WARN,
          "note",
          rel,
          n,
          id + ": refs.notes_file '" + path + "' " + problem.get() + "; correct the path");
      return;
    }
    boolean exists;
    try {
      exists = Files.isRegularFile(messages.resolveNote(path));
    } catch (HandoffException e) {
      add(Level.WARN, "note", rel, n, id + ": " + e.getMessage() + "; correct the path");
      return;
    }
    if (!exists) {
      add(
          Level.WARN,
          "note",
          rel,
          n,
          id + ": note " + path + " is missing; restore it from a backup or clear refs.notes_file");
    }
  }

  private void checkSchema(
      Side writer, String rel, int n, MessageId id, Map<String, @Nullable Object> object) {
    List<String> problems = new ArrayList<>();
    for (Violation v : MessageRules.check(object, writer, false)) {
      if (!v.field().equals("refs.notes_file")) {
        problems.add(v.toString());
      }
    }
    if (!problems.isEmpty()) {
      add(
          Level.WARN,
          "schema",
          rel,
          n,
          id
              + " breaks the message rules ("
              + String.join("; ", problems)
              + "); readers may reject it: have the sender send a corrected message");
    }
  }

  /** Records what later checks need from a usable message: notes and terminal replies. */
  private void remember(Side writer, Map<String, @Nullable Object> object) {
    if (!(object.get("refs") instanceof Map<?, ?> refs)) {
      return;
    }
    if (refs.get("notes_file") instanceof String note) {
      referencedNotes.add(note);
    }
    // Set.of(...).contains(null) throws, and a line may have no type.
    boolean terminal = object.get("type") instanceof String type && TERMINAL_TYPES.contains(type);
    if (terminal && refs.get("reply_to") instanceof String target) {
      long key = StreamIndex.key(target);
      if (key >= 0) {
        answered.get(writer).add(key);
      }
    }
  }

  private static String describe(@Nullable Object value) {
    if (value == null) {
      return "missing";
    }
    return value instanceof String s ? "'" + s + "'" : Json.compact(value);
  }

  // ------------------------------------------------------------------------------------------
  // archives: read for ids, notes and replies, never reported line by line

  private void readArchives(Side writer) {
    List<Path> files;
    try {
      files = JsonlMessageStore.archivesOf(layout, writer);
    } catch (HandoffException e) {
      add(Level.WARN, "archive", "archive", "cannot list the archive: " + e.getMessage());
      return;
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (name.contains(".pre-repair-")) {
        continue; // a backup made by repair holds live lines, not archived ones
      }
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        MailboxDoctorLines lines = new MailboxDoctorLines(ch, ch.size(), StreamIndex.MAX_LINE);
        while (lines.next()) {
          if (lines.tooLong() || lines.blank()) {
            continue;
          }
          byte[] b = lines.bytes();
          int from = lines.bom() ? 3 : 0;
          int end = lines.kept();
          if (end > from && b[end - 1] == '\r') {
            end--;
          }
          if (quick && lines.terminated() && quickArchived(writer, b, from, end)) {
            continue;
          }
          StreamIndex.Parsed p = StreamIndex.parse(b, from, end - from, writer);
          Map<String, @Nullable Object> object = p.object();
          MessageId id = p.id();
          if (!lines.terminated()
              || id == null
              || object == null
              || (p.flags() & (StreamIndex.UNUSABLE | StreamIndex.WRONG_SIDE)) != 0) {
            continue;
          }
          archived.add(StreamIndex.key(writer, id.seq()));
          remember(writer, object);
        }
      } catch (IOException e) {
        add(
            Level.WARN,
            "archive",
            "archive/" + name,
            "unreadable archive: " + e.getMessage() + "; check its permissions");
      }
    }
  }

  /**
   * What {@link #readArchives} does with a terminated archived line, from the scan alone; {@code
   * false}, having changed nothing, when the line is not plain or a string it needs holds an
   * escape.
   */
  private boolean quickArchived(Side writer, byte[] b, int from, int end) {
    if (!scan.scan(b, from, end)
        || scan.escapedString(MailboxLineScan.ID)
        || scan.escapedString(MailboxLineScan.TYPE)
        || scan.escapedString(MailboxLineScan.REPLY_TO)
        || scan.escapedString(MailboxLineScan.NOTES_FILE)) {
      return false;
    }
    long seq = scan.idSeq(MailboxLineScan.ID, writer, 1);
    if (seq < 0) {
      return true; // no id, or one of the other side: the full path skips the line too
    }
    archived.add(StreamIndex.key(writer, seq));
    if (scan.kind(MailboxLineScan.REFS) == MailboxLineScan.OBJECT) {
      rememberScanned(
          writer,
          scan.rawString(MailboxLineScan.NOTES_FILE)
              ? scan.text(MailboxLineScan.NOTES_FILE)
              : null);
    }
    return true;
  }

  // ------------------------------------------------------------------------------------------
  // check 3: seq files

  private void checkSeqFile(Side side) {
    Path file = layout.seqFile(side);
    String rel = file.getFileName().toString();
    StreamFacts f = facts.get(side);
    byte[] bytes;
    try {
      Optional<byte[]> read =
          Files.isRegularFile(file) && Files.size(file) > MAX_SMALL_FILE
              ? Optional.of(new byte[] {'?'})
              : FileOps.readIfExists(file);
      if (read.isEmpty()) {
        add(
            Level.ERROR,
            "seq",
            rel,
            "seq file missing; write the stream's max seq into it (" + f.max() + ")");
        return;
      }
      bytes = read.get();
    } catch (IOException e) {
      add(Level.ERROR, "seq", rel, "unreadable: " + e.getMessage() + "; check its permissions");
      return;
    }
    if (FileOps.decodeTolerant(bytes).isBlank()) {
      add(
          Level.WARN,
          "seq",
          rel,
          "seq file is empty, which Passoff reads as 0 but older tools reject; the next send"
              + " rewrites it, or write "
              + f.max()
              + " into it");
      return;
    }
    var value = FileOps.parseNumber(bytes);
    if (value.isEmpty()) {
      add(
          Level.ERROR,
          "seq",
          rel,
          "seq file does not hold an integer; write the stream's max seq into it ("
              + f.max()
              + ")");
      return;
    }
    long seq = value.getAsLong();
    if (seq < f.max()) {
      add(
          Level.WARN,
          "seq",
          rel,
          "seq file "
              + seq
              + " is behind the stream max "
              + f.max()
              + " (a send stopped before its last step); the next send corrects it");
    } else if (seq > f.max()) {
      add(
          Level.INFO,
          "seq",
          rel,
          "seq file " + seq + " is ahead of the stream max " + f.max() + " (ids may have gaps)");
    }
  }

  // ------------------------------------------------------------------------------------------
  // check 4: cursors, and directed messages without a cursor (P)

  private void checkCursors() {
    Path dir = layout.cursors();
    if (!Files.isDirectory(dir)) {
      add(
          Level.WARN,
          "cursor",
          "cursors",
          "cursors/ folder missing; run passoff mailbox init to recreate it");
      return;
    }
    Map<Side, List<String>> sessions = new EnumMap<>(Side.class);
    for (Side side : Side.values()) {
      sessions.put(side, new ArrayList<>());
    }
    for (Path p : list(dir, "cursors/")) {
      String name = p.getFileName().toString();
      String rel = "cursors/" + name;
      if (TEMP_NAME.matcher(name).matches()) {
        checkTemp(p, rel);
        continue;
      }
      if (!CURSOR_NAME.matcher(name).matches()) {
        add(
            Level.WARN,
            "cursor",
            rel,
            "not a cursor name (<side>-<session id>); rename it to the session's cursor or delete"
                + " it");
        continue;
      }
      if (!Files.isRegularFile(p)) {
        add(Level.WARN, "cursor", rel, "not a regular file; delete it");
        continue;
      }
      Side side = name.startsWith("claude-") ? Side.CLAUDE : Side.CODEX;
      String session = name.substring(side.wire().length() + 1);
      sessions.get(side).add(session);
      if (session.indexOf(':') >= 0) {
        add(
            Level.WARN,
            "session",
            rel,
            "session id '"
                + session
                + "' contains ':', which cannot name a file on Windows; use a session id without"
                + " ':'");
      }
      CursorValue value = cursorValue(p, rel);
      if (value == null) {
        continue;
      }
      StreamFacts peer = facts.get(side.peer());
      if (value instanceof CursorValue.Invalid invalid) {
        add(
            Level.ERROR,
            "cursor",
            rel,
            "cursor does not hold an integer ("
                + abbreviate(invalid.content())
                + "); readers fall back to ."
                + side.wire()
                + "-cursor: write the last consumed seq into it (passoff mailbox cursor --set)");
      } else if (value instanceof CursorValue.Valid valid) {
        long seq = valid.seq();
        if (seq > peer.max()) {
          add(
              Level.WARN,
              "cursor",
              rel,
              "cursor "
                  + seq
                  + " is ahead of "
                  + side.peer().outboxFile()
                  + " (max seq "
                  + peer.max()
                  + "), so new messages up to it will be missed; set it back with passoff mailbox"
                  + " cursor --set");
        } else if (seq < peer.max()) {
          add(
              Level.INFO,
              "cursor",
              rel,
              "session "
                  + session
                  + " has "
                  + peer.seqs.countAbove(seq)
                  + " unread message(s) (cursor "
                  + seq
                  + ", max seq "
                  + peer.max()
                  + ")");
        }
      }
    }
    for (Side side : Side.values()) {
      if (sessions.get(side).isEmpty()) {
        add(
            Level.INFO,
            "cursor",
            "cursors",
            "no session cursor of "
                + side.wire()
                + " yet; its first poll creates one, starting at ."
                + side.wire()
                + "-cursor");
      }
      checkLegacyCursor(side);
    }
    for (Side writer : Side.values()) {
      Side reader = writer.peer();
      for (Map.Entry<String, Integer> e : facts.get(writer).directed.entrySet()) {
        String session = e.getKey();
        if (!sessions.get(reader).contains(session)) {
          add(
              Level.INFO,
              "session",
              writer.outboxFile(),
              e.getValue()
                  + " message(s) are addressed to session "
                  + session
                  + " of "
                  + reader.wire()
                  + ", which has no cursor file (renamed or not started?); another session can"
                  + " pick them up with poll --also-session "
                  + session);
        }
      }
    }
  }

  /** A cursor file read tolerantly; an oversized or unreadable one is reported and invalid. */
  private @Nullable CursorValue cursorValue(Path file, String rel) {
    try {
      if (Files.isRegularFile(file) && Files.size(file) > MAX_SMALL_FILE) {
        return new CursorValue.Invalid("(larger than 1 MiB)");
      }
      return JsonlCursorStore.read(file);
    } catch (IOException | HandoffException e) {
      add(Level.ERROR, "cursor", rel, "unreadable: " + e.getMessage() + "; check its permissions");
      return null;
    }
  }

  private void checkLegacyCursor(Side side) {
    Path file = layout.legacyCursor(side);
    String rel = file.getFileName().toString();
    CursorValue value = cursorValue(file, rel);
    if (value == null) {
      return;
    }
    long peerMax = facts.get(side.peer()).max();
    if (value instanceof CursorValue.Missing) {
      add(
          Level.WARN,
          "cursor",
          rel,
          "legacy cursor missing; new sessions start at 0: write 0 (or the smallest session"
              + " cursor) into it");
    } else if (value instanceof CursorValue.Invalid invalid) {
      add(
          Level.WARN,
          "cursor",
          rel,
          "legacy cursor does not hold an integer ("
              + abbreviate(invalid.content())
              + "); write 0 (or the smallest session cursor) into it");
    } else if (value instanceof CursorValue.Valid valid && valid.seq() > peerMax) {
      add(
          Level.WARN,
          "cursor",
          rel,
          "legacy cursor "
              + valid.seq()
              + " is ahead of "
              + side.peer().outboxFile()
              + " (max seq "
              + peerMax
              + "); set it to at most "
              + peerMax);
    }
  }

  // ------------------------------------------------------------------------------------------
  // check 5: claims

  private void checkClaims() {
    Path dir = layout.claims();
    if (!Files.isDirectory(dir)) {
      add(
          Level.WARN,
          "claim",
          "claims",
          "claims/ folder missing; run passoff mailbox init to recreate it");
      return;
    }
    int count = 0;
    List<Path> asides = new ArrayList<>();
    for (Path p : list(dir, "claims/")) {
      String name = p.getFileName().toString();
      String rel = "claims/" + name;
      if (TEMP_NAME.matcher(name).matches()) {
        checkTemp(p, rel);
      } else if (name.contains(".json.expired-")) {
        asides.add(p);
      } else if (name.endsWith(".json") && Files.isRegularFile(p)) {
        count++;
        checkClaim(p, name, rel);
      }
    }
    for (Path aside : asides) {
      checkAside(aside);
    }
    add(Level.INFO, "claim", "claims", count + " claim file(s)");
  }

  private void checkClaim(Path p, String name, String rel) {
    byte[] bytes;
    try {
      if (Files.size(p) > MAX_SMALL_FILE) {
        add(
            Level.ERROR,
            "claim",
            rel,
            "claim file larger than 1 MiB, so not a claim; delete it if no session is working on"
                + " the message");
        return;
      }
      bytes = Files.readAllBytes(p);
    } catch (IOException e) {
      add(Level.ERROR, "claim", rel, "unreadable: " + e.getMessage() + "; check its permissions");
      return;
    }
    Object value = bytes.length == 0 ? null : StreamRepairer.parseOrNull(decode(bytes));
    if (value == null) {
      add(
          Level.ERROR,
          "claim",
          rel,
          (bytes.length == 0 ? "empty claim" : "claim is not valid JSON")
              + " (an interrupted write?); nobody owns the message until the file is 6 h old:"
              + " delete it if no session is working on it");
      return;
    }
    if (!(value instanceof Map<?, ?> claim)) {
      add(
          Level.ERROR,
          "claim",
          rel,
          "claim is not a JSON object; delete it if no session is working on the message");
      return;
    }
    if (!(claim.get("message_id") instanceof String messageId)) {
      add(
          Level.ERROR,
          "claim",
          rel,
          "claim has no message_id string; rewrite it with the message id of its name, or delete"
              + " it");
      return;
    }
    Matcher m = CLAIM_NAME.matcher(name);
    Side reader = null;
    List<String> disagree = new ArrayList<>();
    if (!m.matches()) {
      disagree.add("the name is not <side>-handles-<message id>.json");
    } else {
      reader = Side.find(m.group(1)).orElse(null);
      if (!m.group(2).equals(messageId)) {
        disagree.add("the name names " + m.group(2) + " but message_id is " + messageId);
      }
    }
    Object side = claim.get("side");
    if (side != null && reader != null && !reader.wire().equals(side)) {
      disagree.add("the name names side " + reader.wire() + " but side is " + describe(side));
    }
    if (!disagree.isEmpty()) {
      add(
          Level.WARN,
          "claim",
          rel,
          "claim name and content disagree ("
              + String.join("; ", disagree)
              + "); readers go by the name: correct the content or delete the claim");
    }
    Optional<MessageId> id = MessageId.read(messageId);
    long key = id.map(i -> StreamIndex.key(i.side(), i.seq())).orElse(-1L);
    boolean live = id.isPresent() && facts.get(id.get().side()).ids.contains(key);
    if (!live) {
      if (archived.contains(key)) {
        add(
            Level.INFO,
            "claim",
            rel,
            messageId + " is archived; the claim is kept as an audit record");
      } else {
        add(
            Level.WARN,
            "claim",
            rel,
            messageId
                + " is in no live stream (nor in archive/); delete the claim if the message is"
                + " gone for good");
      }
    }
    Object expires = claim.get("expires_at");
    Optional<Instant> expiry =
        expires instanceof String s ? MailboxTimes.parse(s) : Optional.empty();
    if (expiry.isEmpty()) {
      add(
          Level.WARN,
          "claim",
          rel,
          "expires_at is missing or not a timestamp; readers judge the claim by its mtime + 6 h:"
              + " rewrite it as yyyy-MM-ddTHH:mm:ss.SSSZ");
    } else if (!now.isBefore(expiry.get())) {
      boolean done =
          key >= 0
              && (reader != null
                  ? answered.get(reader).contains(key)
                  : answered.values().stream().anyMatch(s -> s.contains(key)));
      if (done) {
        add(
            Level.INFO,
            "claim",
            rel,
            "expired at " + expires + " after " + messageId + " was answered; an audit record");
      } else {
        add(
            Level.WARN,
            "claim",
            rel,
            "expired at "
                + expires
                + " and "
                + messageId
                + " has no done or error reply; the next poll offers it for reclaim");
      }
    }
  }

  /** A claim set aside by a reclaim that is still live, while a new claim exists too. */
  private void checkAside(Path aside) {
    String name = aside.getFileName().toString();
    String base = name.substring(0, name.indexOf(".json.expired-") + ".json".length());
    if (!Files.exists(layout.claims().resolve(base))) {
      return;
    }
    byte[] bytes;
    try {
      bytes = Files.size(aside) > MAX_SMALL_FILE ? new byte[0] : Files.readAllBytes(aside);
    } catch (IOException e) {
      return;
    }
    Optional<Instant> expiry = Optional.empty();
    if (StreamRepairer.parseOrNull(decode(bytes)) instanceof Map<?, ?> m
        && m.get("expires_at") instanceof String s) {
      expiry = MailboxTimes.parse(s);
    }
    Optional<Instant> modified = modified(aside);
    boolean live =
        expiry.isPresent()
            ? now.isBefore(expiry.get())
            : modified.isPresent() && now.isBefore(modified.get().plus(UNKNOWN_EXPIRY));
    if (live) {
      add(
          Level.ERROR,
          "claim",
          "claims/" + name,
          "two claims on one message: this unexpired claim was moved aside by a failed reclaim"
              + " and claims/"
              + base
              + " exists too; keep the claim of the session doing the work and delete the other");
    }
  }

  // ------------------------------------------------------------------------------------------
  // P: locks, notes, archive overlap, file system

  private void checkLocks() {
    Path dir = layout.locks();
    if (!Files.isDirectory(dir)) {
      return;
    }
    for (Path p : list(dir, "locks/")) {
      String name = p.getFileName().toString();
      String rel = "locks/" + name;
      if (name.contains(".stale-")) {
        add(
            Level.WARN,
            "lock",
            rel,
            "left by an aborted takeover of a stale lock; delete it once no send is running");
      } else if (name.endsWith(".lock") && Files.isRegularFile(p)) {
        checkLock(p, rel);
      } else if (TEMP_NAME.matcher(name).matches()) {
        checkTemp(p, rel);
      }
    }
  }

  private void checkLock(Path p, String rel) {
    byte[] bytes;
    Optional<Instant> modified = modified(p);
    try {
      bytes = Files.size(p) > MAX_SMALL_FILE ? new byte[0] : Files.readAllBytes(p);
    } catch (IOException e) {
      return; // released meanwhile
    }
    Object parsed = StreamRepairer.parseOrNull(decode(bytes));
    String holder =
        parsed instanceof Map<?, ?> m
            ? "pid " + m.get("pid") + " since " + m.get("created_at")
            : "an unknown holder";
    // The lock's own rule decides; the age only picks the explanation.
    boolean stale = RuntimeLock.stale(p, now);
    boolean old = modified.isPresent() && !now.isBefore(modified.get().plus(RuntimeLock.STALE_AGE));
    if (stale && old) {
      add(
          Level.WARN,
          "lock",
          rel,
          "stale lock (older than 600 s, held by "
              + holder
              + "); the next send takes it over, or delete it if no process holds it");
    } else if (stale) {
      add(
          Level.WARN,
          "lock",
          rel,
          "stale lock: its holder ("
              + holder
              + ") on this host is no longer running; the next send takes it over");
    } else {
      add(
          Level.INFO,
          "lock",
          rel,
          "held by " + holder + " (a send, archive or repair in progress)");
    }
  }

  private void checkNotes() {
    Path dir = layout.notes();
    if (!Files.isDirectory(dir)) {
      return;
    }
    int orphans = 0;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
        if (!Files.isRegularFile(p)) {
          continue;
        }
        String rel = layout.runtime().relativize(p).toString().replace('\\', '/');
        if (referencedNotes.contains(rel)) {
          continue;
        }
        orphans++;
        if (orphans <= MAX_ORPHANS_LISTED) {
          add(
              Level.INFO,
              "note",
              rel,
              "orphan note: no live or archived message references it (left by an interrupted"
                  + " send?); delete it if nobody needs it");
        }
      }
    } catch (IOException | UncheckedIOException e) {
      add(Level.WARN, "note", "notes", "cannot list notes/: " + e.getMessage());
    }
    if (orphans > MAX_ORPHANS_LISTED) {
      add(
          Level.INFO,
          "note",
          "notes",
          (orphans - MAX_ORPHANS_LISTED) + " more orphan note(s) not listed");
    }
  }

  private void checkOverlap() {
    for (Side writer : Side.values()) {
      StreamFacts f = facts.get(writer);
      long[] overlap = {0, -1}; // how many, and the smallest
      f.seqs.forEach(
          seq -> {
            if (archived.contains(StreamIndex.key(writer, seq))) {
              overlap[0]++;
              overlap[1] = overlap[1] < 0 ? seq : Math.min(overlap[1], seq);
            }
          });
      long both = overlap[0];
      long example = overlap[1];
      if (both > 0) {
        add(
            Level.INFO,
            "archive",
            writer.outboxFile(),
            both
                + " message(s), e.g. "
                + MessageId.of(writer, example)
                + ", are both in the live stream and in archive/ (an archive run stopped between"
                + " its two writes); harmless, readers deduplicate by id");
      }
    }
  }

  private void checkFileSystem() {
    try {
      FileStore store = Files.getFileStore(layout.runtime());
      String type = store.type().toLowerCase(Locale.ROOT);
      if (REMOTE_FS.matcher(type).matches()) {
        add(
            Level.WARN,
            "filesystem",
            null,
            "the runtime is on a "
                + type
                + " file system, where exclusive creation and mtimes are unreliable; keep"
                + " .handoff-runtime/ on a local disk");
      }
    } catch (IOException | RuntimeException e) {
      // not knowing the file system type is no finding
    }
  }

  // ------------------------------------------------------------------------------------------
  // helpers

  /** The entries of a folder in name order; a listing failure becomes a finding. */
  private List<Path> list(Path dir, String rel) {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        entries.add(p);
      }
    } catch (IOException | UncheckedIOException e) {
      add(
          Level.ERROR,
          "layout",
          rel.isEmpty() ? null : rel,
          "cannot list the folder: " + e.getMessage() + "; check its permissions");
    }
    entries.sort(java.util.Comparator.comparing(p -> p.getFileName().toString()));
    return entries;
  }

  private static Optional<Instant> modified(Path p) {
    try {
      return Optional.of(Files.getLastModifiedTime(p).toInstant());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String decode(byte[] bytes) {
    return FileOps.decodeTolerant(bytes);
  }

  private static String abbreviate(String s) {
    String one = s.strip().replaceAll("\\s+", " ");
    return "'" + (one.length() > 20 ? one.substring(0, 20) + "..." : one) + "'";
  }
}
