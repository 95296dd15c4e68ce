#!/usr/bin/env python3
"""Reads the import graph of src/ and fails on an import cycle between modules or an import
that goes up the layers written in the architecture notes (README "How it works").

A module is a top-level module of the library (`src/<name>.rs` or `src/<name>/`). Every
`crate::<name>` path in a module's files counts as an import of <name>, whether in a `use`
line or inline. Run with `--graph` to print the edges, `--sizes` for the functions over 80 lines and the
size of each command file (what a reader of the import graph also looks at)."""
import pathlib
import re
import sys

# From the bottom up; a module may import only from its own layer or below.
LAYERS = [
    ["text", "i18n", "names", "fswrite", "fsread", "diagnostic", "markdown", "yaml", "console", "date", "numbers", "fonts", "digest"],
    ["template", "items", "model", "followup", "facts"],
    ["load", "builtin", "limits", "validate", "lifecycle", "schema", "scaffold", "values"],
    ["figures"],
    ["document", "diff", "redline", "bilingual", "compare"],
    ["render", "engine"],
    ["store", "lock", "revision", "site", "export"],
    ["project"],
    ["cli", "cmd", "lsp", "serve"],
]
LAYER = {m: i for i, ms in enumerate(LAYERS) for m in ms}

src = pathlib.Path(__file__).resolve().parent.parent / "src"
edges = {}
for path in sorted(src.rglob("*.rs")):
    rel = path.relative_to(src)
    if rel.name in ("lib.rs", "main.rs"):
        continue
    module = rel.parts[0].removesuffix(".rs")
    text = path.read_text()
    # Comments and doc comments name modules without importing them.
    code = "\n".join(re.sub(r"//.*", "", line) for line in text.splitlines())
    targets = set(re.findall(r"\bcrate::([a-z_]+)", code))
    # `use crate::{a, b::c}` groups.
    for group in re.findall(r"\bcrate::\{([^;]*?)\};", code, re.S):
        depth, name, names = 0, "", []
        for ch in group:
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            elif ch == "," and depth == 0:
                names.append(name)
                name = ""
                continue
            name += ch if depth == 0 else ""
        names.append(name)
        targets |= {n.strip().split("::")[0] for n in names if n.strip()}
    targets = {t for t in targets if (src / f"{t}.rs").exists() or (src / t).is_dir()}
    targets.discard(module)
    # Macros exported at the crate root (tr!, outln!) live in their defining modules.
    for t in targets:
        edges.setdefault(module, {}).setdefault(t, []).append(str(rel))

problems = []
for m in sorted(set(edges) | {t for ts in edges.values() for t in ts}):
    if m not in LAYER:
        problems.append(f"module `{m}` has no layer in scripts/check-layers.py")
for m, ts in sorted(edges.items()):
    for t, files in sorted(ts.items()):
        if m in LAYER and t in LAYER and LAYER[t] > LAYER[m]:
            problems.append(
                f"upward import: {m} (layer {LAYER[m] + 1}) uses {t} (layer {LAYER[t] + 1}) in {', '.join(sorted(set(files)))}"
            )

# Strongly connected components (Tarjan).
index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]
def visit(v):
    index[v] = low[v] = counter[0]
    counter[0] += 1
    stack.append(v)
    on.add(v)
    for w in edges.get(v, {}):
        if w not in index:
            visit(w)
            low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop()
            on.discard(w)
            comp.append(w)
            if w == v:
                break
        sccs.append(comp)
sys.setrecursionlimit(10000)
for v in list(edges):
    if v not in index:
        visit(v)
for comp in sccs:
    if len(comp) > 1:
        problems.append("import cycle: " + " ↔ ".join(sorted(comp)))

if "--graph" in sys.argv:
    for m, ts in sorted(edges.items()):
        print(m, "->", " ".join(sorted(ts)))
if "--sizes" in sys.argv:
    long = []
    for path in sorted(src.rglob("*.rs")):
        lines = path.read_text().splitlines()
        for i, line in enumerate(lines):
            m = re.match(r"^(\s*)(pub(\([a-z]+\))? )?fn (\w+)", line)
            if not m or line.rstrip().endswith(";"):
                continue
            indent, j = m.group(1), i + 1
            while j < len(lines) and lines[j].rstrip() != indent + "}":
                j += 1
            if j - i + 1 > 80:
                long.append((j - i + 1, str(path.relative_to(src)), m.group(4)))
    for n, path, name in sorted(long, reverse=True):
        print(f"{n:5} {path} {name}")
    for path in sorted((src / "cmd").glob("*.rs")):
        print(f"{len(path.read_text().splitlines()):5} lines  cmd/{path.name}")
for p in problems:
    print(p, file=sys.stderr)
if problems:
    sys.exit(1)
print(f"layers: {len(edges)} modules, {sum(len(t) for t in edges.values())} imports, no cycle, none upward")
