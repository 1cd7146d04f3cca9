#!/usr/bin/env python3
# Test harness for Passoff's peer model; it is not part of the model. It runs many calls of one
# peer script in a single Python process, so that corpus tests need one process start instead of
# hundreds. It reads JSON on stdin:
#
#   {"script": "send", "calls": [CALL, ...]}
#
# where CALL is either {"argv": [...], "cwd": DIR?, "env": {NAME: VALUE-or-null}?, "capture":
# [FILE, ...]?}, which runs the script's main(argv) in DIR with those environment variables set
# (null removes one) and then reads the FILEs, or {"function": NAME, "args": [...]}, which calls
# one of the script's functions. It prints a JSON list with one result per call, in order:
# {"exit", "stdout", "stderr", "files": {FILE: text-or-null}} or {"value": ...}.
#
# Python 3.7 or later, standard library only.
import contextlib
import importlib
import io
import json
import os
import sys


def run_main(module, call):
    saved_cwd = os.getcwd()
    saved_env = {}
    for name, value in (call.get("env") or {}).items():
        saved_env[name] = os.environ.get(name)
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    out = io.StringIO()
    err = io.StringIO()
    try:
        if call.get("cwd"):
            os.chdir(call["cwd"])
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = module.main(list(call["argv"]))
            except SystemExit as e:
                code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        files = {}
        for name in call.get("capture") or []:
            try:
                with open(name, encoding="utf-8") as f:
                    files[name] = f.read()
            except OSError:
                files[name] = None
    finally:
        os.chdir(saved_cwd)
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return {"exit": code, "stdout": out.getvalue(), "stderr": err.getvalue(), "files": files}


def main():
    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    module = importlib.import_module(request["script"])
    results = []
    for call in request["calls"]:
        if "function" in call:
            results.append({"value": getattr(module, call["function"])(*call.get("args", []))})
        else:
            results.append(run_main(module, call))
    sys.stdout.write(json.dumps(results, ensure_ascii=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
