#!/usr/bin/env python3
# Passoff's test model of the existing claude-codex-handoff `send.py`.
#
# This is NOT the original script and contains none of its code. Passoff's interop tests cannot
# obtain the pinned original, so this model was written from the behaviour that Passoff's mailbox
# specification (mailbox.md, sections 4-5, 11, 12) documents for it: the same flags, the same
# message format (json.dumps(msg, ensure_ascii=False) with Python's default ", " / ": " spacing,
# plus "\n"), the same id/seq rule, lock file, thread and to_session inference, long-summary notes
# and exit codes, including the documented defects: D1 (to_session copied from the sender's own
# message), D7 (an orphan note makes the send crash), D8 (appends onto an unterminated line),
# D11 (a BOM in the seq file crashes), D19 (duplicate replies only warn, over the last 50
# messages), D20 (archives are not searched), D22 (needs a .handoff/ folder next to the runtime).
#
# Python 3.7 or later, standard library only. PEER_LOCK_TIMEOUT (seconds) overrides the 30 s lock
# wait; it exists for the tests only.
import argparse
import json
import os
import re
import sys
import time
from datetime import datetime, timezone

SIDES = ("claude", "codex")
TYPES = ("task", "handoff", "question", "done", "status", "error", "cancel")
PRIORITIES = ("urgent", "normal", "backlog")
STATES = ("claimed", "progress", "blocked", "awaiting-input", "shutdown")
STREAMS = {"claude": "claude-to-codex.jsonl", "codex": "codex-to-claude.jsonl"}

READ_ID = re.compile(r"^(codex|claude)-(\d+)$")
WRITE_ID = re.compile(r"^(codex|claude)-\d{6,}$")
SESSION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
DURATION = re.compile(
    r"^P(?=\d|T\d)(?:\d+D)?(?:T(?:\d+H(?:\d+M)?(?:\d+S)?|\d+M(?:\d+S)?|\d+S))?$"
)

SUMMARY_MAX = 200
SHORT_SUMMARY = 180
MIN_KEPT = 20
DUPLICATE_WINDOW = 50
LOCK_STALE_SECONDS = 600
LOCK_TIMEOUT_SECONDS = 30.0
LOCK_POLL_SECONDS = 0.05


class Fatal(Exception):
    def __init__(self, problems):
        Exception.__init__(self, "; ".join(problems))
        self.problems = list(problems)


def now_stamp():
    now = datetime.now(timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (now.microsecond // 1000)


def peer_of(side):
    return "codex" if side == "claude" else "claude"


# ------------------------------------------------------------------------------------------------
# root, session


def find_root():
    here = os.path.abspath(os.getcwd())
    while True:
        if os.path.isdir(os.path.join(here, ".handoff")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            raise Fatal(["no .handoff/ folder found at or above " + os.getcwd()])
        here = parent


def resolve_session(args, runtime, side):
    candidates = [
        ("--session", args.session),
        ("HANDOFF_SESSION_ID", os.environ.get("HANDOFF_SESSION_ID")),
        (side.upper() + "_SESSION_ID", os.environ.get(side.upper() + "_SESSION_ID")),
    ]
    session_file = os.path.join(runtime, "." + side + "-session")
    try:
        with open(session_file, encoding="utf-8") as f:
            candidates.append(("." + side + "-session", f.read().strip()))
    except OSError:
        pass
    for source, value in candidates:
        if value:
            if not SESSION.match(value):
                raise Fatal(["invalid session id %r from %s" % (value, source)])
            return value
    return side + "-default"


# ------------------------------------------------------------------------------------------------
# streams


def read_messages(path):
    """Every JSON object line of a stream, in file order (newline-split, not splitlines)."""
    out = []
    try:
        f = open(path, encoding="utf-8", errors="replace")
    except OSError:
        return out
    with f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            if isinstance(obj, dict):
                out.append(obj)
    return out


def seq_of(message):
    mid = message.get("id")
    if not isinstance(mid, str):
        return None
    m = READ_ID.match(mid)
    return int(m.group(2)) if m else None


def max_seq(messages):
    best = 0
    for message in messages:
        seq = seq_of(message)
        if seq is not None and seq > best:
            best = seq
    return best


def read_seq_file(path):
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read().strip()
    except FileNotFoundError:
        return 0
    if not text:
        return 0
    return int(text)  # a BOM or other junk raises here, as the original crashes (D11)


def find_message(messages, message_id):
    for message in messages:
        if message.get("id") == message_id:
            return message
    return None


# ------------------------------------------------------------------------------------------------
# lock


def lock_timeout():
    value = os.environ.get("PEER_LOCK_TIMEOUT")
    return float(value) if value else LOCK_TIMEOUT_SECONDS


def acquire_lock(runtime, side):
    path = os.path.join(runtime, "locks", side + "-send.lock")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    deadline = time.time() + lock_timeout()
    while True:
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            try:
                age = time.time() - os.path.getmtime(path)
            except OSError:
                continue
            if age >= LOCK_STALE_SECONDS:
                try:
                    os.remove(path)
                except OSError:
                    pass
                continue
            if time.time() >= deadline:
                raise Fatal(["timed out waiting for the send lock " + path])
            time.sleep(LOCK_POLL_SECONDS)
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"side": side, "pid": os.getpid(), "created_at": now_stamp()}, f)
            f.flush()
            os.fsync(f.fileno())
        return path


def release_lock(path):
    try:
        os.remove(path)
    except OSError:
        pass


# ------------------------------------------------------------------------------------------------
# validation (the writer's rules)


def duration_ok(value):
    return isinstance(value, str) and DURATION.match(value) is not None


def note_problem(path, runtime, must_exist=True):
    if not isinstance(path, str):
        return "must be a string"
    if "\\" in path or ":" in path:
        return "must not contain '\\' or ':'"
    if path.startswith("/"):
        return "must be relative"
    parts = path.split("/")
    if parts[0] != "notes" or len(parts) < 2:
        return "must be under notes/"
    if any(part in ("", ".", "..") for part in parts):
        return "must not have empty, '.' or '..' segments"
    notes = os.path.realpath(os.path.join(runtime, "notes"))
    real = os.path.realpath(os.path.join(runtime, path))
    if not real.startswith(notes + os.sep):
        return "must stay inside notes/"
    if must_exist and not os.path.isfile(real):
        return "does not exist"
    return None


def non_empty(value):
    return isinstance(value, str) and value != ""


def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def validate(msg, side, runtime, new_note=None):
    problems = []
    if msg.get("v") != "1.0":
        problems.append('v must be "1.0"')
    mid = msg.get("id")
    if not isinstance(mid, str) or not WRITE_ID.match(mid):
        problems.append("id must be <side>-NNNNNN")
    elif not mid.startswith(side + "-"):
        problems.append("id must start with " + side + "-")
    ts = msg.get("ts")
    if not isinstance(ts, str) or not TIMESTAMP.match(ts):
        problems.append("ts must be UTC with three fraction digits")
    if msg.get("from") != side:
        problems.append("from must be " + side)
    fs = msg.get("from_session")
    if not isinstance(fs, str) or not SESSION.match(fs):
        problems.append("from_session must be a valid session id")
    mtype = msg.get("type")
    if mtype not in TYPES:
        problems.append("type must be one of " + ", ".join(TYPES))
    thread = msg.get("thread")
    if not isinstance(thread, str) or not WRITE_ID.match(thread):
        problems.append("thread must be a message id")
    summary = msg.get("summary")
    if not isinstance(summary, str):
        problems.append("summary is required")
    else:
        if "\n" in summary or "\r" in summary:
            problems.append("summary must be a single line")
        if len(summary) > SUMMARY_MAX:
            problems.append("summary must be at most %d characters" % SUMMARY_MAX)
    if not isinstance(msg.get("blocking"), bool):
        problems.append("blocking must be true or false")
    if not is_int(msg.get("peer_cursor_observed")):
        problems.append("peer_cursor_observed must be an integer")
    refs = msg.get("refs")
    if not isinstance(refs, dict):
        problems.append("refs must be an object")
        refs = {}
    else:
        for key in ("reply_to", "notes_file", "commit"):
            if key not in refs:
                problems.append("refs." + key + " is required")
        reply = refs.get("reply_to")
        if reply is not None and not (isinstance(reply, str) and READ_ID.match(reply)):
            problems.append("refs.reply_to must be null or a message id")
        notes = refs.get("notes_file")
        if notes is not None:
            problem = note_problem(notes, runtime, must_exist=(notes != new_note))
            if problem:
                problems.append("refs.notes_file " + problem)
    if "to_session" in msg:
        to = msg.get("to_session")
        if not isinstance(to, str) or not SESSION.match(to):
            problems.append("to_session must be a valid session id")
    if mtype == "task" and not non_empty(msg.get("goal")) and not non_empty(msg.get("next_action")):
        problems.append("a task needs --goal or --next-action")
    if mtype == "handoff" and not non_empty(msg.get("next_action")):
        problems.append("a handoff needs --next-action")
    if mtype in ("cancel", "done") and not non_empty(refs.get("reply_to")):
        problems.append("a %s needs --reply-to" % mtype)
    if "priority" in msg and msg.get("priority") not in PRIORITIES:
        problems.append("priority must be urgent, normal or backlog")
    for key in ("expected_within", "eta"):
        if key in msg and not duration_ok(msg.get(key)):
            problems.append(key + " must be an ISO 8601 duration (subset)")
    if "state" in msg:
        if mtype not in ("status", "done"):
            problems.append("state is only allowed on status and done")
        elif msg.get("state") not in STATES:
            problems.append("state must be one of " + ", ".join(STATES))
    for key in ("applied", "total_proposed"):
        if key in msg:
            if mtype != "done":
                problems.append(key + " is only allowed on done")
            elif not is_int(msg.get(key)) or msg.get(key) < 0:
                problems.append(key + " must be a non-negative integer")
    if "skipped" in msg:
        if mtype != "done":
            problems.append("skipped is only allowed on done")
        elif not isinstance(msg.get("skipped"), list):
            problems.append("skipped must be a list")
        else:
            for item in msg.get("skipped"):
                reason = item.get("reason") if isinstance(item, dict) else None
                if (
                    not isinstance(item, dict)
                    or not non_empty(item.get("id"))
                    or not non_empty(reason)
                    or "\n" in reason
                    or "\r" in reason
                    or len(reason) > SUMMARY_MAX
                ):
                    problems.append("skipped entries need an id and a one-line reason")
    for key in ("acceptance", "constraints", "context_files", "files_changed"):
        if key in msg and not isinstance(msg.get(key), list):
            problems.append(key + " must be a list")
    if "files_changed" not in msg:
        problems.append("files_changed is required")
    return problems


def validate_line(line, side, runtime):
    """The writer's rules applied to one stream line written by someone else (for the tests)."""
    try:
        msg = json.loads(line)
    except ValueError as e:
        return ["not JSON: %s" % e]
    if not isinstance(msg, dict):
        return ["not a JSON object"]
    return validate(msg, side, runtime)


# ------------------------------------------------------------------------------------------------
# arguments


def parse_skipped(text):
    value = text.strip()
    if value.startswith("{"):
        try:
            obj = json.loads(value)
        except ValueError:
            raise Fatal(["--skipped %r is not valid JSON" % text])
        if not isinstance(obj, dict):
            raise Fatal(["--skipped %r must be an object" % text])
        return {"id": obj.get("id"), "reason": obj.get("reason")}
    for sep in ("=", ":"):
        if sep in value:
            sid, reason = value.split(sep, 1)
            return {"id": sid.strip(), "reason": reason.strip()}
    raise Fatal(["--skipped %r must be JSON {id, reason}, ID=REASON or ID:REASON" % text])


def build_parser():
    p = argparse.ArgumentParser(prog="send.py", description="Append one handoff message.")
    p.add_argument("--side", required=True, choices=SIDES)
    p.add_argument("--type", required=True, choices=TYPES)
    p.add_argument("--summary", required=True)
    p.add_argument("--session")
    p.add_argument("--to-session")
    p.add_argument("--broadcast", action="store_true")
    p.add_argument("--thread")
    p.add_argument("--reply-to")
    p.add_argument("--notes-file")
    p.add_argument("--commit")
    p.add_argument("--context")
    p.add_argument("--context-file")
    p.add_argument("--context-stdin", action="store_true")
    p.add_argument("--next-action")
    p.add_argument("--goal")
    p.add_argument("--priority", choices=PRIORITIES)
    p.add_argument("--blocking", action="store_true")
    p.add_argument("--expected-within")
    p.add_argument("--state", choices=STATES)
    p.add_argument("--eta")
    p.add_argument("--acceptance", action="append", default=[])
    p.add_argument("--constraint", action="append", default=[])
    p.add_argument("--context-file-ref", action="append", default=[])
    p.add_argument("--file-changed", action="append", default=[])
    p.add_argument("--applied", type=int)
    p.add_argument("--total-proposed", type=int)
    p.add_argument("--skipped", action="append", default=[])
    p.add_argument("--peer-cursor-observed", type=int)
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--verify", action="store_true", dest="dry_run")
    return p


def gather_context(args):
    parts = []
    if args.context is not None:
        parts.append(args.context)
    if args.context_file is not None:
        try:
            with open(args.context_file, encoding="utf-8") as f:
                parts.append(f.read())
        except OSError as e:
            raise Fatal(["cannot read --context-file %s: %s" % (args.context_file, e)])
    if args.context_stdin:
        parts.append(sys.stdin.read())
    return "\n\n".join(parts) if parts else None


# ------------------------------------------------------------------------------------------------
# the send


def compose(args, side, session, runtime, seq, own, peer):
    msg_id = "%s-%06d" % (side, seq)
    summary = args.summary
    context = gather_context(args)
    notes_file = args.notes_file
    note = None
    if "\n" in summary or "\r" in summary:
        raise Fatal(["summary must be a single line"])
    if len(summary) > SUMMARY_MAX:
        path = notes_file if notes_file else "notes/%s.md" % msg_id
        text = "## Original summary\n\n" + summary + "\n"
        if context is not None:
            text += "\n## Context\n\n" + context + "\n"
            context = None
        suffix = "... see " + path
        keep = max(MIN_KEPT, SHORT_SUMMARY - len(suffix))
        summary = summary[:keep].rstrip() + suffix
        notes_file = path
        note = (path, text)

    reply_to = args.reply_to
    replied = None
    if reply_to:
        replied = find_message(own, reply_to) or find_message(peer, reply_to)
    if args.thread:
        thread = args.thread
    elif replied is not None and non_empty(replied.get("thread")):
        thread = replied.get("thread")
    elif reply_to:
        thread = reply_to
    else:
        thread = msg_id

    if args.broadcast and args.to_session:
        raise Fatal(["--broadcast cannot be combined with --to-session"])
    to_session = None
    if args.broadcast:
        to_session = None
    elif args.to_session:
        to_session = args.to_session
    elif replied is not None:
        # D1: copied whoever wrote the replied-to message, the sender's own side included.
        origin = replied.get("from_session")
        if isinstance(origin, str) and SESSION.match(origin):
            to_session = origin

    msg = {
        "v": "1.0",
        "id": msg_id,
        "ts": now_stamp(),
        "from": side,
        "from_session": session,
        "type": args.type,
        "thread": thread,
        "summary": summary,
        "blocking": bool(args.blocking),
        "peer_cursor_observed": (
            args.peer_cursor_observed
            if args.peer_cursor_observed is not None
            else max_seq(peer)
        ),
        "refs": {"reply_to": reply_to, "notes_file": notes_file, "commit": args.commit},
    }
    if to_session is not None:
        msg["to_session"] = to_session
    optional = [
        ("context", context),
        ("next_action", args.next_action),
        ("goal", args.goal),
        ("priority", args.priority),
        ("expected_within", args.expected_within),
        ("state", args.state),
        ("eta", args.eta),
        ("applied", args.applied),
    ]
    for key, value in optional:
        if value is not None:
            msg[key] = value
    if args.skipped:
        msg["skipped"] = [parse_skipped(s) for s in args.skipped]
    if args.total_proposed is not None:
        msg["total_proposed"] = args.total_proposed
    if args.acceptance:
        msg["acceptance"] = list(args.acceptance)
    if args.constraint:
        msg["constraints"] = list(args.constraint)
    if args.context_file_ref:
        msg["context_files"] = list(args.context_file_ref)
    msg["files_changed"] = list(args.file_changed)

    problems = validate(msg, side, runtime, new_note=note[0] if note else None)
    if problems:
        raise Fatal(problems)
    return msg, note


def warn_duplicates(msg, own):
    reply_to = msg["refs"].get("reply_to")
    if msg["type"] not in ("done", "error", "cancel") or not reply_to:
        return
    for earlier in own[-DUPLICATE_WINDOW:]:
        refs = earlier.get("refs")
        if (
            earlier.get("type") == msg["type"]
            and isinstance(refs, dict)
            and refs.get("reply_to") == reply_to
        ):
            sys.stderr.write(
                "WARN: recent duplicate %s for %s (%s)\n"
                % (msg["type"], reply_to, earlier.get("id"))
            )
            return


def run(args):
    root = find_root()
    runtime = os.path.join(root, ".handoff-runtime")
    if not os.path.isdir(runtime):
        raise Fatal(["no .handoff-runtime/ folder next to " + os.path.join(root, ".handoff")])
    side = args.side
    session = resolve_session(args, runtime, side)
    own_path = os.path.join(runtime, STREAMS[side])
    peer_path = os.path.join(runtime, STREAMS[peer_of(side)])
    seq_path = os.path.join(runtime, "." + side + "-seq")

    lock = None if args.dry_run else acquire_lock(runtime, side)
    try:
        own = read_messages(own_path)
        peer = read_messages(peer_path)
        seq = max(read_seq_file(seq_path), max_seq(own)) + 1
        msg, note = compose(args, side, session, runtime, seq, own, peer)
        warn_duplicates(msg, own)
        pretty = json.dumps(msg, indent=2, ensure_ascii=False)
        if args.dry_run:
            print(pretty)
            print("DRY-RUN: would write %s to %s" % (msg["id"], os.path.abspath(own_path)))
            if note:
                print("DRY-RUN: would write %s" % note[0])
            return 0
        if note:
            note_path = os.path.join(runtime, note[0])
            os.makedirs(os.path.dirname(note_path), exist_ok=True)
            # Mode "x": an orphan note from a crashed send makes this raise (D7).
            with open(note_path, "x", encoding="utf-8", newline="\n") as f:
                f.write(note[1])
                f.flush()
                os.fsync(f.fileno())
        line = json.dumps(msg, ensure_ascii=False) + "\n"
        with open(own_path, "a", encoding="utf-8", newline="\n") as f:
            f.write(line)
            f.flush()
            os.fsync(f.fileno())
        with open(seq_path, "w", encoding="utf-8", newline="\n") as f:
            f.write(str(seq))
            f.flush()
            os.fsync(f.fileno())
    finally:
        if lock:
            release_lock(lock)
    print(pretty)
    print("WROTE %s to %s" % (msg["id"], os.path.abspath(own_path)))
    return 0


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        return run(args)
    except Fatal as e:
        for problem in e.problems:
            sys.stderr.write("FATAL: " + problem + "\n")
        return 2


if __name__ == "__main__":
    sys.exit(main())
