#!/usr/bin/env python3
# Passoff's test model of the existing claude-codex-handoff `poll-gate.py`.
#
# This is NOT the original script and contains none of its code. Passoff's interop tests cannot
# obtain the pinned original, so this model was written from the behaviour that Passoff's mailbox
# specification (mailbox.md, section 7) documents for it: read-only classification of the peer
# stream after the session's cursor, one JSON line with Python's default spacing and the
# documented key order, exit codes 0 (process), 10 (proactive), 20 (idle) and 2 (error), and the
# state file .<side>-pollgate.json written (without a lock, D16) only with --proactive-every N > 0.
# Invalid session candidates are skipped silently (D18); claims are never consulted (D25).
#
# Python 3.7 or later, standard library only.
import argparse
import json
import os
import re
import sys
import tempfile
from datetime import datetime, timezone

SIDES = ("claude", "codex")
STREAMS = {"claude": "claude-to-codex.jsonl", "codex": "codex-to-claude.jsonl"}
LEASE_TYPES = ("task", "handoff", "question", "cancel", "error")
PURE_TYPES = ("status", "done")
READ_ID = re.compile(r"^(codex|claude)-(\d+)$")
SESSION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")

EXIT = {"process": 0, "proactive": 10, "idle": 20}


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


def resolve_session(args, runtime, side):
    candidates = [
        args.session,
        os.environ.get("HANDOFF_SESSION_ID"),
        os.environ.get(side.upper() + "_SESSION_ID"),
    ]
    try:
        with open(os.path.join(runtime, "." + side + "-session"), encoding="utf-8") as f:
            candidates.append(f.read().strip())
    except OSError:
        pass
    for value in candidates:
        # D18: an invalid candidate is skipped, not reported.
        if value and SESSION.match(value):
            return value
    return side + "-default"


def read_int(path):
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as f:
            text = f.read().strip()
    except OSError:
        return None
    try:
        return int(text)
    except ValueError:
        return None


def read_stream(path):
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
            if not isinstance(obj, dict):
                continue
            mid = obj.get("id")
            if not isinstance(mid, str):
                continue
            m = READ_ID.match(mid)
            if not m:
                continue
            out.append((int(m.group(2)), obj))
    return out


def load_state(path):
    try:
        with open(path, encoding="utf-8") as f:
            state = json.load(f)
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def save_state(path, state):
    folder = os.path.dirname(path)
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(state, indent=2) + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def error(args, reason):
    if not args.quiet:
        print(json.dumps({"decision": "error", "reason": reason}))
    return 2


def run(args):
    runtime = find_runtime()
    if runtime is None:
        return error(args, "no .handoff-runtime/ found at or above " + os.getcwd())
    side = args.side
    peer = "codex" if side == "claude" else "claude"
    session = resolve_session(args, runtime, side)

    cursor = read_int(os.path.join(runtime, "cursors", side + "-" + session))
    if cursor is None:
        cursor = read_int(os.path.join(runtime, "." + side + "-cursor"))
    if cursor is None:
        cursor = 0

    unread = lease = pure = elsewhere = unknown = 0
    stream_max = 0
    for seq, msg in read_stream(os.path.join(runtime, STREAMS[peer])):
        stream_max = max(stream_max, seq)
        if seq <= cursor:
            continue
        unread += 1
        to = msg.get("to_session")
        mtype = msg.get("type")
        if isinstance(to, str) and to and to != session:
            elsewhere += 1
        elif mtype in LEASE_TYPES:
            lease += 1
        elif mtype in PURE_TYPES:
            pure += 1
        else:
            unknown += 1
    for_me = lease + pure + unknown

    every = args.proactive_every
    state_path = os.path.join(runtime, "." + side + "-pollgate.json")
    if for_me > 0:
        decision = "process"
        streak = 0
    elif every <= 0:
        decision = "idle"
        streak = None
    else:
        state = load_state(state_path)
        sessions = state.get("sessions") if isinstance(state.get("sessions"), dict) else {}
        entry = sessions.get(session) if isinstance(sessions.get(session), dict) else {}
        stored = entry.get("idle_streak")
        stored = stored if isinstance(stored, int) and not isinstance(stored, bool) else 0
        if stored + 1 >= every:
            decision = "proactive"
            streak = 0
        else:
            decision = "idle"
            streak = stored + 1
    if every > 0 and streak is not None:
        state = load_state(state_path)
        sessions = state.get("sessions") if isinstance(state.get("sessions"), dict) else {}
        sessions[session] = {
            "idle_streak": streak,
            "last_decision": decision,
            "updated_at": now_stamp(),
        }
        state["sessions"] = sessions
        save_state(state_path, state)

    if not args.quiet:
        result = {
            "side": side,
            "session": session,
            "cursor": cursor,
            "stream_max_seq": stream_max,
            "decision": decision,
            "unread_total": unread,
            "for_me": for_me,
            "for_me_lease": lease,
            "for_me_pure": pure,
            "directed_elsewhere": elsewhere,
        }
        print(json.dumps(result))
    return EXIT[decision]


def main(argv=None):
    p = argparse.ArgumentParser(prog="poll-gate.py", description="Is there anything for me?")
    p.add_argument("--side", required=True, choices=SIDES)
    p.add_argument("--session")
    p.add_argument("--proactive-every", type=int, default=0)
    p.add_argument("--quiet", action="store_true")
    args = p.parse_args(argv)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
