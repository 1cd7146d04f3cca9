"""Whole-process measurements for bench/run.sh (see passoff.md section 11).

Each measured run starts from a fresh copy of the 10,000-handoff template database. Wall time
is taken around the child process; CPU time is the child's user + sys from getrusage.
"""

import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time

PROJECT = "bench-3f2a1c"
BODY = ("## Current State\n" + "lorem ipsum dolor sit amet " * 8 + "\n\n") * 5


def fresh_db(args, name):
    path = os.path.join(args.work, name)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    shutil.copyfile(args.template, path)
    return path


def env_for(db):
    env = {k: os.environ[k] for k in ("HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER") if k in os.environ}
    env["PASSOFF_DB_PATH"] = db
    return env


def drop_caches():
    try:
        subprocess.run(["sync"], check=True)
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("3\n")
        return True
    except OSError:
        return False


def timed(cmd, env, stdin_data=None):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, input=stdin_data, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd} exited {proc.returncode}: {proc.stderr.decode()[:300]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall * 1000, cpu * 1000


def summary(samples):
    walls = [w for w, _ in samples]
    cpus = [c for _, c in samples]
    return {"wall_median_ms": round(statistics.median(walls), 1), "wall_min_ms": round(min(walls), 1),
            "cpu_median_ms": round(statistics.median(cpus), 1), "runs": len(samples)}


class Server:
    """A `passoff serve` child with one request in flight at a time."""

    def __init__(self, launcher, env, client="bench"):
        self.start = time.perf_counter()
        self.proc = subprocess.Popen([launcher, "serve"], env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.next_id = 0
        self.client = client

    def request(self, method, params=None):
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            msg["params"] = params
        self.proc.stdin.write((json.dumps(msg) + "\n").encode())
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("server closed stdout")
        reply = json.loads(line)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply["result"]

    def initialize(self):
        result = self.request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                             "clientInfo": {"name": self.client, "version": "1"}})
        self.proc.stdin.write(b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n')
        self.proc.stdin.flush()
        return result

    def call(self, name, arguments):
        result = self.request("tools/call", {"name": name, "arguments": arguments})
        if result.get("isError"):
            raise RuntimeError(f"{name}: {result['content'][0]['text'][:200]}")
        return result

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


def cli_list(args, rounds, per_round, cold):
    samples = []
    cold_ok = True
    for _ in range(rounds):
        for _ in range(per_round):
            db = fresh_db(args, "cli.db")
            if cold:
                cold_ok = drop_caches() and cold_ok
            samples.append(timed([args.launcher, "list", "-p", PROJECT], env_for(db)))
    result = summary(samples)
    if cold and not cold_ok:
        result["note"] = "page cache could not be dropped here (needs root on the host)"
    return result


def spawn_to_initialize(args, rounds, per_round, cold):
    walls = []
    for _ in range(rounds * per_round):
        db = fresh_db(args, "spawn.db")
        if cold:
            drop_caches()
        server = Server(args.launcher, env_for(db))
        server.initialize()
        walls.append((time.perf_counter() - server.start) * 1000)
        server.close()
    return {"wall_median_ms": round(statistics.median(walls), 1), "wall_min_ms": round(min(walls), 1),
            "runs": len(walls)}


def mixed_words(db):
    """Rare (in < 1% of documents) and medium (1-10%) words, alternating."""
    counts = {}
    total = 0
    for (content,) in sqlite3.connect(db).execute("SELECT content FROM handoffs"):
        total += 1
        for word in set(w for w in content.split() if not w.startswith("#")):
            counts[word] = counts.get(word, 0) + 1
    rare = sorted(w for w, n in counts.items() if 10 <= n < total * 0.01)[:20]
    medium = sorted(w for w, n in counts.items() if total * 0.01 <= n < total * 0.10)[:20]
    return [w for pair in zip(rare, medium) for w in pair]


def per_call(args, calls, runs):
    """Each operation gets a fresh copy of the database and a fresh server."""
    mixed = mixed_words(fresh_db(args, "stdio.db"))
    ops = {
        "create": lambda i: ("passoff_create", {"title": f"Bench handoff {i}", "content": BODY,
                                                "tags": ["bench", "stdio"], "project": PROJECT}),
        "search_mixed": lambda i: ("passoff_search", {"query": mixed[i % len(mixed)], "project": PROJECT}),
        "search_all_match_10": lambda i: ("passoff_search", {"query": "next steps", "project": PROJECT}),
        "search_all_match_50": lambda i: ("passoff_search", {"query": "next steps", "project": PROJECT,
                                                             "limit": 50}),
        "list_10": lambda i: ("passoff_list", {"project": PROJECT}),
        "load_latest_all": lambda i: ("passoff_load", {"latest": True}),
    }
    out = {}
    for name, make in ops.items():
        server = Server(args.launcher, env_for(fresh_db(args, "stdio.db")))
        server.initialize()
        for i in range(20):
            server.call(*make(i))
        p50s, p99s = [], []
        for _ in range(runs):
            lat = []
            for i in range(calls):
                tool, arguments = make(i)
                start = time.perf_counter()
                server.call(tool, arguments)
                lat.append((time.perf_counter() - start) * 1000)
            lat.sort()
            p50s.append(lat[len(lat) // 2])
            p99s.append(lat[int(len(lat) * 0.99) - 1])
        out[name] = {"p50_ms": round(statistics.median(p50s), 3), "p99_ms": round(statistics.median(p99s), 3),
                     "runs": runs, "calls_per_run": calls}
        server.close()
    return out


def concurrency(args, creates):
    db = fresh_db(args, "concurrency.db")
    before = sqlite3.connect(db).execute("SELECT count(*) FROM handoffs").fetchone()[0]
    errors = []

    def serve_worker(name):
        try:
            server = Server(args.launcher, env_for(db), client=name)
            server.initialize()
            for i in range(creates):
                server.call("passoff_create", {"title": f"{name} {i}", "content": BODY, "project": PROJECT})
                if i % 5 == 4:
                    server.call("passoff_load", {"latest": True, "project": PROJECT})
            server.close()
        except Exception as e:  # noqa: BLE001 - any failure is counted
            errors.append(f"{name}: {e}")

    def list_worker():
        try:
            timed([args.launcher, "list", "-p", PROJECT], env_for(db))
        except Exception as e:  # noqa: BLE001
            errors.append(f"list: {e}")

    threads = [threading.Thread(target=serve_worker, args=(n,)) for n in ("claude-code", "cursor")]
    threads += [threading.Thread(target=list_worker) for _ in range(10)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    after = sqlite3.connect(db).execute("SELECT count(*) FROM handoffs").fetchone()[0]
    return {"wall_s": round(wall, 2), "errors": len(errors), "error_samples": errors[:3],
            "rows_added": after - before, "rows_expected": 2 * creates}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--launcher", required=True)
    parser.add_argument("--template", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    rounds, per_round = (1, 3) if args.quick else (2, 15)
    calls, runs = (200, 2) if args.quick else (1000, 4)

    results = {
        "machine": {"cpus": os.cpu_count(), "load_avg": os.getloadavg()},
        "cli_list_warm": cli_list(args, rounds, per_round, cold=False),
        "cli_list_cold": cli_list(args, rounds, per_round, cold=True),
        "serve_spawn_to_initialize_warm": spawn_to_initialize(args, rounds, per_round, cold=False),
        "serve_spawn_to_initialize_cold": spawn_to_initialize(args, 1, per_round, cold=True),
        "stdio_per_call_10k": per_call(args, calls, runs),
        "concurrency_2x500_plus_10_list": concurrency(args, 500),
    }
    with open(args.out, "w") as f:
        json.dump(results, f, indent=2)
    print(json.dumps(results, indent=2))
    return 0 if results["concurrency_2x500_plus_10_list"]["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
