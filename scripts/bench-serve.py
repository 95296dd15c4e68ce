#!/usr/bin/env python3
"""Edit-to-output times of `rakeplan serve`: starts the server on a county, makes N edits
to one YAML file and measures, from the moment each edit is written, how long until the
server announces the new HTML and the new PDF (its server-sent events). Prints medians.
Usage: bench-serve.py BIN WORKDIR SLUG FILE [N]"""
import http.client, os, statistics, subprocess, sys, time

bin_, work, slug, file = sys.argv[1:5]
n = int(sys.argv[5]) if len(sys.argv) > 5 else 20
server = subprocess.Popen([bin_, "serve", slug, "--port", "0"], cwd=work,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                          env={**os.environ, "LANG": "C"})
try:
    url = next(w for w in server.stdout.readline().split() if w.startswith("http://"))
    host = url[len("http://"):].split("/")[0]
    conn = http.client.HTTPConnection(host)
    conn.request("GET", "/events", headers={"Host": host})
    stream = conn.getresponse()

    def events():
        kind = None
        while True:
            line = stream.fp.readline().decode()
            if line.startswith("event: "):
                kind = line[7:].strip()
            elif line.startswith("data: ") and kind:
                yield kind, int(line[6:])

    ev = events()
    gens = {}
    while len(gens) < 2:  # the current generations, sent at once
        kind, gen = next(ev)
        gens[kind] = gen
    path = os.path.join(work, file)
    original = open(path, encoding="utf-8").read()
    html_ms, pdf_ms = [], []
    for i in range(n):
        time.sleep(0.3)
        with open(path, "w", encoding="utf-8") as f:
            f.write(original.replace("text: |\n", f"text: |\n  Mittaus {i}.\n\n", 1))
        t0 = time.perf_counter()
        want = {"html": gens["html"] + 1, "pdf": gens["pdf"] + 1}
        while True:
            kind, gen = next(ev)
            gens[kind] = gen
            if kind == "html" and gen == want["html"]:
                html_ms.append((time.perf_counter() - t0) * 1000)
            if kind == "pdf" and gen == want["pdf"]:
                pdf_ms.append((time.perf_counter() - t0) * 1000)
                break
    with open(path, "w", encoding="utf-8") as f:
        f.write(original)
    print(f"{slug}: edit → HTML median {statistics.median(html_ms):.0f} ms, "
          f"edit → PDF median {statistics.median(pdf_ms):.0f} ms ({n} edits)")
finally:
    server.kill()
