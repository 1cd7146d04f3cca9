#!/usr/bin/env python3
"""Whole-process benchmarks of the mailbox commands (mailbox.md section 13).

For streams of 0, 10,000 and 100,000 lines (about 420 bytes each), runs each command 9 times
and reports the median wall time and the peak resident memory, for `bin/passoff mailbox ...`
and, side by side, for the project's Python model of the existing scripts (the interop suite's
peer). Prints a markdown table and writes the raw figures as JSON.

    bench/mailbox_cli.py --launcher bin/passoff --jar bench/jmh/target/benchmarks.jar \
        --peer store-jsonl/src/test/resources/peer --out bench/results/mailbox-cli.json
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 9


def run_once(cmd, cwd, env):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status >> 8
    return elapsed, usage.ru_maxrss / 1024.0, code, err


def measure(name, cmd, cwd, env, ok=(0,), reset=None, runs=RUNS):
    times, rss = [], []
    for _ in range(runs):
        if reset:
            reset()
        elapsed, mem, code, err = run_once(cmd, cwd, env)
        if code not in ok:
            raise SystemExit(f"{name}: exit {code}: {err.strip()[:300]}")
        times.append(elapsed)
        rss.append(mem)
    return {"name": name, "median_ms": round(statistics.median(times) * 1000, 1),
            "min_ms": round(min(times) * 1000, 1), "max_rss_mib": round(max(rss), 1)}


def prepare(work, lines, jar):
    root = os.path.join(work, f"repo-{lines}")
    if os.path.exists(root):
        shutil.rmtree(root)
    os.makedirs(os.path.join(root, ".handoff"))
    return root


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--launcher", required=True)
    ap.add_argument("--jar", required=True, help="benchmarks.jar (for the stream generator)")
    ap.add_argument("--peer", required=True, help="folder of the peer model scripts")
    ap.add_argument("--out", required=True)
    ap.add_argument("--sizes", default="0,10000,100000")
    ap.add_argument("--work", default=None)
    args = ap.parse_args()

    work = args.work or tempfile.mkdtemp(prefix="passoff-mailbox-bench.")
    home = os.path.join(work, "home")
    os.makedirs(home, exist_ok=True)
    env = dict(os.environ, HOME=home, PASSOFF_MAILBOX_SIDE="")
    env.pop("PASSOFF_MAILBOX_SIDE")
    launcher = os.path.abspath(args.launcher)
    results = []

    for lines in [int(s) for s in args.sizes.split(",")]:
        root = prepare(work, lines, args.jar)
        rt = os.path.join(root, ".handoff-runtime")
        subprocess.run([launcher, "mailbox", "init", "--no-gitignore"], cwd=root, env=env,
                       check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["java", "-cp", args.jar, "dev.passoff.bench.MailboxStreams", rt,
                        str(lines)], check=True)
        c2x = os.path.join(rt, "claude-to-codex.jsonl")
        x2c = os.path.join(rt, "codex-to-claude.jsonl")
        # The pristine streams are kept in files, not in this process: a child forked from a
        # process holding 100 MB of stream bytes would report that as its own peak RSS.
        snapshot = {}
        for p in (c2x, x2c):
            saved = os.path.join(work, f"pristine-{lines}-{os.path.basename(p)}")
            shutil.copyfile(p, saved)
            snapshot[p] = saved
        seqs = {s: open(os.path.join(rt, f".{s}-seq")).read() for s in ("claude", "codex")}

        def restore():
            for p, saved in snapshot.items():
                # Rewrite in place (same inode, as an append-only stream keeps): the index cache
                # stays valid for the restored prefix.
                with open(saved, "rb") as src, open(p, "r+b") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
                    dst.truncate()
            for s, v in seqs.items():
                with open(os.path.join(rt, f".{s}-seq"), "w") as f:
                    f.write(v)
            shutil.rmtree(os.path.join(rt, "notes"), ignore_errors=True)
            os.makedirs(os.path.join(rt, "notes"))

        # One unread message for claude: its cursor sits just before the codex stream's end.
        cursor = max(0, lines - 1)
        os.makedirs(os.path.join(rt, "cursors"), exist_ok=True)
        with open(os.path.join(rt, "cursors", "claude-claude-default"), "w") as f:
            f.write(f"{cursor}\n")
        with open(os.path.join(rt, ".claude-cursor"), "w") as f:
            f.write(f"{cursor}\n")
        # Warm the launcher's class-data archive and the index cache once.
        subprocess.run([launcher, "mailbox", "poll-gate", "--side", "claude"], cwd=root, env=env,
                       stdout=subprocess.DEVNULL)
        subprocess.run([launcher, "mailbox", "send", "--side", "codex", "--type", "status",
                        "--summary", "warm"], cwd=root, env=env, stdout=subprocess.DEVNULL)
        restore()

        target = "claude-%06d" % (max(1, lines - 1))
        peer_dir = os.path.abspath(args.peer)
        peer = lambda script: [sys.executable, os.path.join(peer_dir, script)]
        cases = [
            ("send status", [launcher, "mailbox", "send", "--side", "codex", "--type", "status",
                             "--summary", "progress"], peer("send.py") + [
                "--side", "codex", "--type", "status", "--summary", "progress"], (0,)),
            ("send done --reply-to", [launcher, "mailbox", "send", "--side", "codex", "--type",
                                      "done", "--summary", "finished", "--reply-to", target,
                                      "--allow-duplicate"],
             peer("send.py") + ["--side", "codex", "--type", "done", "--summary", "finished",
                                "--reply-to", target], (0,)),
            ("poll-gate, 1 unread", [launcher, "mailbox", "poll-gate", "--side", "claude"],
             peer("poll_gate.py") + ["--side", "claude"], (0, 20)),
            ("poll --peek, 1 unread", [launcher, "mailbox", "poll", "--side", "claude", "--peek"],
             None, (0,)),
            ("doctor", [launcher, "mailbox", "doctor"], peer("doctor.py"), (0, 1, 2)),
        ]
        for name, ours, theirs, ok in cases:
            row = {"lines": lines, "operation": name}
            row["passoff"] = measure(name, ours, root, env, ok, restore)
            if theirs and lines <= 100000:
                row["peer_model"] = measure(name, theirs, root, env, ok, restore)
            results.append(row)
            print(json.dumps(row), file=sys.stderr)
        if lines > 0:
            # archive: cursors at the end so everything but the newest line moves.
            def archive_reset():
                restore()
                shutil.rmtree(os.path.join(rt, "archive"), ignore_errors=True)
                os.makedirs(os.path.join(rt, "archive"))
                with open(os.path.join(rt, "cursors", "codex-codex-default"), "w") as f:
                    f.write(f"{lines}\n")
                with open(os.path.join(rt, "cursors", "claude-claude-default"), "w") as f:
                    f.write(f"{lines}\n")
            row = {"lines": lines, "operation": "archive (both streams)"}
            row["passoff"] = measure("archive", [launcher, "mailbox", "archive", "--force"], root,
                                     env, (0,), archive_reset, runs=5)
            results.append(row)
            print(json.dumps(row), file=sys.stderr)

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump({"runs": RUNS, "results": results}, f, indent=2)
    print("| lines | operation | passoff median ms | passoff max RSS MiB | peer model median ms |")
    print("|---|---|---|---|---|")
    for r in results:
        p = r["passoff"]
        m = r.get("peer_model")
        print(f"| {r['lines']} | {r['operation']} | {p['median_ms']} | {p['max_rss_mib']} | "
              f"{m['median_ms'] if m else '-'} |")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
