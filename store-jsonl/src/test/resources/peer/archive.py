#!/usr/bin/env python3
# Passoff's test model of the existing claude-codex-handoff `archive.py`.
#
# This is NOT the original script and contains none of its code. Passoff's interop tests cannot
# obtain the pinned original, so this model was written from the behaviour that Passoff's mailbox
# specification (mailbox.md, sections 9.1, 9.2 and 11) documents for it. For each stream: the
# archive point is the minimum over the reader side's session cursors (cursors/<reader>-*), or the
# legacy .<reader>-cursor when there are none; nothing happens when it is missing or <= 0. Under
# the writer's send lock, lines whose seq parses, is <= the point and is not the stream's max seq
# move to archive/<stream>.<YYYYMMDDTHHMMSSZ>.jsonl, and the live stream is replaced by the rest.
# The documented defects are kept: str.splitlines() splits lines (D3), names have one-second
# resolution and overwrite each other (D2), an empty or invalid cursor file is ignored, claims
# are not checked (D24), growth by lock-less writers is not detected (D4), and --dry-run takes
# the lock too.
#
# Python 3.7 or later, standard library only. PEER_LOCK_TIMEOUT (seconds) overrides the 30 s lock
# wait; it exists for the tests only.
import argparse
import json
import os
import re
import sys
import tempfile
import time
from datetime import datetime, timezone

STREAMS = (("claude", "codex", "claude-to-codex.jsonl"), ("codex", "claude", "codex-to-claude.jsonl"))
READ_ID = re.compile(r"^(codex|claude)-(\d+)$")
LOCK_STALE_SECONDS = 600
LOCK_TIMEOUT_SECONDS = 30.0
LOCK_POLL_SECONDS = 0.05


class Fatal(Exception):
    pass


def now_stamp():
    now = datetime.now(timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (now.microsecond // 1000)


def find_runtime():
    here = os.path.abspath(os.getcwd())
    while True:
        candidate = os.path.join(here, ".handoff-runtime")
        if os.path.isdir(candidate):
            return candidate
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def read_int(path):
    try:
        with open(path, encoding="utf-8-sig") as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def archive_point(runtime, reader):
    folder = os.path.join(runtime, "cursors")
    values = []
    if os.path.isdir(folder):
        for name in os.listdir(folder):
            if name.startswith(reader + "-"):
                value = read_int(os.path.join(folder, name))
                if value is not None:  # an empty or invalid cursor is ignored
                    values.append(value)
    if values:
        return min(values)
    return read_int(os.path.join(runtime, "." + reader + "-cursor"))


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
                raise Fatal("timed out waiting for the send lock " + path)
            time.sleep(LOCK_POLL_SECONDS)
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"side": side, "pid": os.getpid(), "created_at": now_stamp()}, f)
            f.flush()
            os.fsync(f.fileno())
        return path


def seq_of(line):
    try:
        msg = json.loads(line)
    except ValueError:
        return None
    if not isinstance(msg, dict) or not isinstance(msg.get("id"), str):
        return None
    m = READ_ID.match(msg["id"])
    return int(m.group(2)) if m else None


def write_lines(path, lines, mode):
    with open(path, mode, encoding="utf-8", newline="\n") as f:
        for line in lines:
            f.write(line + "\n")
        f.flush()
        os.fsync(f.fileno())


def archive_stream(runtime, writer, reader, name, dry_run):
    path = os.path.join(runtime, name)
    if not os.path.exists(path):
        return "%s: missing, skipped" % name
    point = archive_point(runtime, reader)
    if point is None or point <= 0:
        return "%s: no %s cursor above 0, skipped" % (name, reader)
    lock = acquire_lock(runtime, writer)
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()  # D3: U+2028, U+2029 and U+0085 split lines too
        seqs = [seq_of(line) for line in lines]
        newest = max([s for s in seqs if s is not None], default=None)
        moved = []
        kept = []
        for line, seq in zip(lines, seqs):
            if seq is not None and seq <= point and seq != newest:
                moved.append(line)
            else:
                kept.append(line)
        if not moved:
            return "%s: nothing to archive (point %d)" % (name, point)
        target = "archive/%s.%s.jsonl" % (name, time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()))
        if dry_run:
            return "DRY-RUN: %s: would archive %d line(s), keep %d -> %s" % (
                name,
                len(moved),
                len(kept),
                target,
            )
        os.makedirs(os.path.join(runtime, "archive"), exist_ok=True)
        write_lines(os.path.join(runtime, target), moved, "w")  # D2: same second overwrites
        fd, tmp = tempfile.mkstemp(prefix="." + name + ".", dir=runtime)
        os.close(fd)
        write_lines(tmp, kept, "w")
        os.replace(tmp, path)
        return "%s: archived %d line(s), kept %d -> %s" % (name, len(moved), len(kept), target)
    finally:
        try:
            os.remove(lock)
        except OSError:
            pass


def main(argv=None):
    p = argparse.ArgumentParser(prog="archive.py", description="Archive consumed messages.")
    p.add_argument("--dry-run", action="store_true")
    args = p.parse_args(argv)
    runtime = find_runtime()
    if runtime is None:
        sys.stderr.write("ERROR: no .handoff-runtime/ found at or above %s\n" % os.getcwd())
        return 2
    try:
        for writer, reader, name in STREAMS:
            print(archive_stream(runtime, writer, reader, name, args.dry_run))
    except Fatal as e:
        sys.stderr.write("ERROR: %s\n" % e)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
