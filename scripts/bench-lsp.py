#!/usr/bin/env python3
"""Latency of `rakeplan lsp`: edit -> diagnostics, as an editor sees it.

Starts the server in a repository (default: this one), opens every file of a county
(default: kainuu), then sends N unsaved edits to one file (a slip planted and mended in
turn) and times each from the didChange to the publishDiagnostics of that file. Prints the
figures; asserts nothing (no timed tests).

    scripts/bench-lsp.py [--bin target/release/rakeplan] [--repo .] [--county kainuu] [-n 200]
"""

import argparse
import json
import re
import threading
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def frame(msg):
    body = json.dumps(msg).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read(stream):
    length = 0
    while True:
        line = stream.readline()
        if not line:
            raise EOFError
        line = line.strip()
        if not line:
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(stream.read(length))


def main():
    ap = argparse.ArgumentParser()
    here = Path(__file__).resolve().parent.parent
    target = Path(os.environ.get("CARGO_TARGET_DIR", here / "target"))
    ap.add_argument("--bin", default=None)
    ap.add_argument("--repo", default=str(here))
    ap.add_argument("--county", default="kainuu")
    ap.add_argument("--file", default="sections/focus-areas.yaml")
    ap.add_argument("-n", type=int, default=200)
    args = ap.parse_args()
    binary = args.bin
    if binary is None:
        for kind in ("release", "debug"):
            if (target / kind / "rakeplan").exists():
                binary = str(target / kind / "rakeplan")
                break
    if binary is None:
        sys.exit("build rakeplan first (cargo build --release) or pass --bin")
    repo = Path(args.repo).resolve()
    county = repo / "regions" / args.county
    files = [county / "region.yaml", county / "plan.yaml"] + sorted(
        (county / "sections").glob("*.yaml")
    )
    env = dict(os.environ, LANG="C", RAKEPLAN_LSP_TIMING="1")
    proc = subprocess.Popen(
        [binary, "lsp"], cwd=repo, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, env=env
    )
    server_times = []

    def read_stderr():
        for line in proc.stderr:
            m = re.search(rb"checked \S+ in ([0-9.]+) ms", line)
            if m:
                server_times.append(float(m.group(1)))

    threading.Thread(target=read_stderr, daemon=True).start()
    send = lambda m: (proc.stdin.write(frame(m)), proc.stdin.flush())
    uri = lambda p: p.as_uri()
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
          "params": {"processId": None, "rootUri": uri(repo), "capabilities": {}}})
    while read(proc.stdout).get("id") != 1:
        pass
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    for p in files:
        send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": uri(p), "languageId": "yaml", "version": 1,
                             "text": p.read_text(encoding="utf-8")}}})
    target_file = county / args.file
    target_uri = uri(target_file)

    def wait_for_publish(version):
        while True:
            msg = read(proc.stdout)
            if msg.get("method") == "textDocument/publishDiagnostics" and \
                    msg["params"]["uri"] == target_uri and \
                    msg["params"].get("version") == version:
                return msg["params"]["diagnostics"]

    wait_for_publish(1)
    original = target_file.read_text(encoding="utf-8")
    # A misspelt key: the file's first key with a letter more.
    slipped = re.sub(r"(?m)^(\s*-?\s*)([a-z_]+):", r"\1\2x:", original, count=1)
    time.sleep(0.5)  # the checks of the opened files are not counted
    checks_before = len(server_times)
    times = []
    for i in range(args.n):
        text = slipped if i % 2 == 0 else original
        start = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": target_uri, "version": i + 2},
            "contentChanges": [{"text": text}]}})
        diags = wait_for_publish(i + 2)
        times.append((time.perf_counter() - start) * 1000)
        if i == 0 and not diags:
            print("warning: the planted slip gave no diagnostic", file=sys.stderr)
    send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    send({"jsonrpc": "2.0", "method": "exit"})
    proc.wait(timeout=10)
    times.sort()
    server = sorted(server_times[checks_before:])
    size = sum(p.stat().st_size for p in files)
    print(f"rakeplan lsp, {args.county} ({len(files)} files, {size // 1024} KB), "
          f"{args.n} edits of {args.file}, binary {binary}")
    print(f"edit -> diagnostics: median {statistics.median(times):.1f} ms, "
          f"p90 {times[int(len(times) * 0.9)]:.1f} ms, max {times[-1]:.1f} ms, "
          f"min {times[0]:.1f} ms")
    if server:
        print(f"of which the server's check and conversion: median {statistics.median(server):.1f} ms, "
              f"p90 {server[int(len(server) * 0.9)]:.1f} ms, max {server[-1]:.1f} ms, "
              f"min {server[0]:.1f} ms ({len(server)} checks)")


if __name__ == "__main__":
    main()
