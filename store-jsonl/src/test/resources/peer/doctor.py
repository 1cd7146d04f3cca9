#!/usr/bin/env python3
# Passoff's test model of the existing claude-codex-handoff `doctor.py`.
#
# This is NOT the original script and contains none of its code. Passoff's interop tests cannot
# obtain the pinned original, so this model was written from the behaviour that Passoff's mailbox
# specification (mailbox.md, sections 4.2, 8 and 11) documents for it: checks 0 to 5 of section
# 8.2 at the levels listed there, INFO/WARN/ERROR lines and a SUMMARY line, exit 2 on any ERROR,
# 1 with --strict on any WARN, otherwise 0. Its documented defects are kept: files are split with
# str.splitlines() (D3), invalid UTF-8 crashes it (D11), and every claim that is past its
# expires_at or whose message left the live streams is a WARN (D17). expires_at is parsed with
# datetime.fromisoformat, so the accepted fraction digits depend on the Python version.
#
# Python 3.7 or later, standard library only. Read-only.
import argparse
import json
import os
import re
import sys
from datetime import datetime, timezone

STREAMS = (("claude", "claude-to-codex.jsonl"), ("codex", "codex-to-claude.jsonl"))
FOLDERS = ("archive", "claims", "cursors", "locks", "notes")
TOP_FILES = re.compile(
    r"^(claude-to-codex\.jsonl|codex-to-claude\.jsonl"
    r"|\.(claude|codex)-(cursor|lastseen|seq|session)"
    r"|\.claude-pollgate\.json|\.codex-pollgate\.json|codex-heartbeat-state\.json)$"
)
READ_ID = re.compile(r"^(codex|claude)-(\d+)$")
CURSOR_NAME = re.compile(r"^(codex|claude)-[A-Za-z0-9_.:-]{1,64}$")


class Report:
    def __init__(self):
        self.lines = []
        self.counts = {"INFO": 0, "WARN": 0, "ERROR": 0}

    def add(self, level, text):
        self.counts[level] += 1
        self.lines.append("%s: %s" % (level, text))

    def info(self, text):
        self.add("INFO", text)

    def warn(self, text):
        self.add("WARN", text)

    def error(self, text):
        self.add("ERROR", text)


def find_root():
    here = os.path.abspath(os.getcwd())
    while True:
        if os.path.isdir(os.path.join(here, ".handoff-runtime")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return os.path.abspath(os.getcwd())
        here = parent


def read_int(path):
    """(value, problem): an empty file counts as 0; a BOM is tolerated."""
    with open(path, encoding="utf-8-sig") as f:
        text = f.read().strip()
    if not text:
        return 0, None
    try:
        return int(text), None
    except ValueError:
        return None, "not an integer: %r" % text[:40]


def note_problem(path, runtime):
    if not isinstance(path, str):
        return "is not a string"
    if "\\" in path or ":" in path:
        return "contains '\\' or ':'"
    if path.startswith("/") or os.path.isabs(path):
        return "is absolute"
    parts = path.split("/")
    if parts[0] != "notes" or len(parts) < 2:
        return "is not under notes/"
    if any(part in ("", ".", "..") for part in parts):
        return "has an empty, '.' or '..' segment"
    if not os.path.isfile(os.path.join(runtime, path)):
        return "does not exist"
    return None


def parse_time(text):
    if not isinstance(text, str):
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value


def check_layout(report, runtime):
    for name in sorted(os.listdir(runtime)):
        path = os.path.join(runtime, name)
        if os.path.isdir(path):
            if name not in FOLDERS:
                report.warn("unexpected folder %s/" % name)
        elif not TOP_FILES.match(name):
            report.warn("unexpected file %s (a leftover temporary file?)" % name)


def check_stream(report, runtime, writer, name):
    path = os.path.join(runtime, name)
    ids = set()
    max_seq = 0
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()  # invalid UTF-8 raises here (D11)
    except OSError as e:
        report.error("%s: missing or unreadable (%s)" % (name, e.__class__.__name__))
        return ids, max_seq, False
    count = 0
    previous = None
    for number, line in enumerate(text.splitlines(), 1):  # D3: splits at U+2028 too
        if not line.strip():
            continue
        where = "%s line %d" % (name, number)
        try:
            msg = json.loads(line)
        except ValueError as e:
            report.error("%s: invalid JSON (%s)" % (where, e.msg))
            continue
        if not isinstance(msg, dict):
            report.error("%s: not a JSON object" % where)
            continue
        mid = msg.get("id")
        m = READ_ID.match(mid) if isinstance(mid, str) else None
        if not m:
            report.error("%s: bad id %r" % (where, mid))
            continue
        count += 1
        seq = int(m.group(2))
        if m.group(1) != writer:
            report.error("%s: id %s is not a %s id" % (where, mid, writer))
        if msg.get("from") != writer:
            report.error("%s: from is %r, not %s" % (where, msg.get("from"), writer))
        if mid in ids:
            report.error("%s: duplicate id %s" % (where, mid))
        ids.add(mid)
        if previous is not None and seq < previous:
            report.warn("%s: seq %d is lower than the previous line's %d" % (where, seq, previous))
        previous = seq
        max_seq = max(max_seq, seq)
        refs = msg.get("refs")
        if not isinstance(refs, dict):
            report.error("%s: refs missing or not an object" % where)
            continue
        notes = refs.get("notes_file")
        if notes is not None and notes != "":
            problem = note_problem(notes, runtime)
            if problem:
                report.warn("%s: notes_file %r %s" % (where, notes, problem))
    report.info("%s: %d message(s), max seq %d" % (name, count, max_seq))
    return ids, max_seq, True


def check_seq(report, runtime, side, stream_max):
    name = "." + side + "-seq"
    path = os.path.join(runtime, name)
    if not os.path.exists(path):
        report.error("%s missing" % name)
        return
    value, problem = read_int(path)
    if problem:
        report.error("%s %s" % (name, problem))
    elif value < stream_max:
        report.warn("%s is %d, behind the stream max %d" % (name, value, stream_max))
    elif value > stream_max:
        report.info("%s is %d, above the stream max %d" % (name, value, stream_max))


def check_cursors(report, runtime, maxima):
    folder = os.path.join(runtime, "cursors")
    if not os.path.isdir(folder):
        report.warn("cursors/ missing")
        return
    seen = {"claude": 0, "codex": 0}
    for name in sorted(n for n in os.listdir(folder) if not n.startswith(".")):
        if not CURSOR_NAME.match(name):
            report.warn("cursors/%s: unexpected cursor name" % name)
            continue
        side = name.split("-", 1)[0]
        seen[side] += 1
        value, problem = read_int(os.path.join(folder, name))
        if problem:
            report.error("cursors/%s: %s" % (name, problem))
            continue
        peer_max = maxima["codex" if side == "claude" else "claude"]
        if value > peer_max:
            report.warn("cursors/%s is %d, ahead of the stream max %d" % (name, value, peer_max))
        elif value < peer_max:
            report.info("cursors/%s: %d unread" % (name, peer_max - value))
    for side in ("claude", "codex"):
        if not seen[side]:
            report.info("no session cursor for %s" % side)
        name = "." + side + "-cursor"
        path = os.path.join(runtime, name)
        if not os.path.exists(path):
            report.warn("%s missing" % name)
            continue
        value, problem = read_int(path)
        peer_max = maxima["codex" if side == "claude" else "claude"]
        if problem:
            report.warn("%s %s" % (name, problem))
        elif value > peer_max:
            report.warn("%s is %d, ahead of the stream max %d" % (name, value, peer_max))


def check_claims(report, runtime, live_ids):
    folder = os.path.join(runtime, "claims")
    if not os.path.isdir(folder):
        report.warn("claims/ missing")
        return
    now = datetime.now(timezone.utc)
    names = sorted(n for n in os.listdir(folder) if n.endswith(".json") and not n.startswith("."))
    for name in names:
        where = "claims/" + name
        try:
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                claim = json.load(f)
        except (OSError, ValueError) as e:
            report.error("%s: unparseable (%s)" % (where, e.__class__.__name__))
            continue
        if not isinstance(claim, dict):
            report.error("%s: not a JSON object" % where)
            continue
        message_id = claim.get("message_id")
        if not isinstance(message_id, str):
            report.error("%s: message_id missing or not a string" % where)
            continue
        if message_id not in live_ids:
            report.warn("%s: message %s is not in the live streams" % (where, message_id))
        expires = parse_time(claim.get("expires_at"))
        if expires is None:
            report.warn("%s: expires_at missing or unparseable" % where)
        elif expires <= now:
            report.warn("%s: expired at %s" % (where, claim.get("expires_at")))
    report.info("%d claim file(s)" % len(names))


def run(args):
    root = find_root()
    runtime = os.path.join(root, ".handoff-runtime")
    report = Report()
    print("INFO: project root: " + root)
    print("INFO: runtime: " + runtime)
    if not os.path.isdir(runtime):
        report.error("runtime folder %s missing" % runtime)
    else:
        check_layout(report, runtime)
        live_ids = set()
        maxima = {}
        for writer, name in STREAMS:
            ids, max_seq, _ = check_stream(report, runtime, writer, name)
            live_ids |= ids
            maxima[writer] = max_seq
        for writer, _ in STREAMS:
            check_seq(report, runtime, writer, maxima[writer])
        check_cursors(report, runtime, maxima)
        check_claims(report, runtime, live_ids)
    for line in report.lines:
        print(line)
    print(
        "SUMMARY: %d error(s), %d warning(s), %d info"
        % (report.counts["ERROR"], report.counts["WARN"], report.counts["INFO"] + 2)
    )
    if report.counts["ERROR"]:
        return 2
    if args.strict and report.counts["WARN"]:
        return 1
    return 0


def main(argv=None):
    p = argparse.ArgumentParser(prog="doctor.py", description="Check .handoff-runtime/.")
    p.add_argument("--strict", action="store_true", help="exit 1 on any warning")
    args = p.parse_args(argv)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
