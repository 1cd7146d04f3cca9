#!/usr/bin/env python3
"""Concurrent CLI senders on one side of a mailbox (mailbox.md section 13).

Starts W workers, each running `bin/passoff mailbox send` S times in a row on the same side of a
runtime whose streams hold L lines, and reports lock timeouts (exit 4), other failures, the
largest and median send latency, and whether the ids came out gapless and in order.

    bench/mailbox_concurrency.py --launcher bin/passoff --jar bench/jmh/target/benchmarks.jar \
        --workers 8 --sends 200 --lines 100000
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--launcher", required=True)
    ap.add_argument("--jar", required=True)
    ap.add_argument("--workers", type=int, default=8)
    ap.add_argument("--sends", type=int, default=200)
    ap.add_argument("--lines", type=int, default=100000)
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="passoff-mailbox-conc.")
    try:
        home = os.path.join(work, "home")
        root = os.path.join(work, "repo")
        os.makedirs(home)
        os.makedirs(root)
        env = dict(os.environ, HOME=home)
        launcher = os.path.abspath(args.launcher)
        rt = os.path.join(root, ".handoff-runtime")
        subprocess.run([launcher, "mailbox", "init", "--no-gitignore"], cwd=root, env=env,
                       check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["java", "-cp", args.jar, "dev.passoff.bench.MailboxStreams", rt,
                        str(args.lines)], check=True)
        subprocess.run([launcher, "mailbox", "send", "--side", "claude", "--type", "status",
                        "--summary", "warm"], cwd=root, env=env, check=True,
                       stdout=subprocess.DEVNULL)

        latencies, codes, lock = [], [], threading.Lock()

        def worker(n):
            for i in range(args.sends):
                start = time.perf_counter()
                p = subprocess.run(
                    [launcher, "mailbox", "send", "--side", "claude", "--session", f"claude-w{n}",
                     "--type", "status", "--summary", f"worker {n} send {i}"],
                    cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                elapsed = time.perf_counter() - start
                with lock:
                    latencies.append(elapsed)
                    codes.append(p.returncode)

        started = time.perf_counter()
        threads = [threading.Thread(target=worker, args=(n,)) for n in range(args.workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started

        ids = []
        with open(os.path.join(rt, "claude-to-codex.jsonl"), encoding="utf-8") as f:
            for line in f:
                ids.append(int(json.loads(line)["id"].split("-")[1]))
        expected = list(range(1, args.lines + 2 + args.workers * args.sends))
        result = {
            "workers": args.workers, "sends_each": args.sends, "lines": args.lines,
            "wall_s": round(wall, 1),
            "lock_timeouts": codes.count(4),
            "other_failures": sum(1 for c in codes if c not in (0, 4)),
            "max_latency_ms": round(max(latencies) * 1000, 1),
            "median_latency_ms": round(statistics.median(latencies) * 1000, 1),
            "ids_gapless_and_ordered": ids == expected,
            "locks_left": os.listdir(os.path.join(rt, "locks")),
        }
        print(json.dumps(result, indent=2))
        return 0 if result["lock_timeouts"] == 0 and result["other_failures"] == 0 else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
