#!/usr/bin/env bash
# Checks the CI files with a second YAML parser (PyYAML; the test suite parses them with
# rakeplan's own): the county templates `rakeplan init` writes (county-repo/*.yml) and this
# repository's workflows (.github/workflows/). Each must parse and have jobs; the county
# files must install rakeplan, never compile a copy of it. No CI service is contacted.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/debian-packages.sh
need_packages python3:python3
# PyYAML is a module, not a command: name a command that is never there to install it.
python3 -c 'import yaml' 2>/dev/null || need_packages python3-yaml-missing:python3-yaml
python3 - county-repo/*.yml .github/workflows/*.yml <<'PY'
import sys, yaml

failed = False
for path in sys.argv[1:]:
    try:
        doc = yaml.safe_load(open(path, encoding="utf-8"))
    except yaml.YAMLError as err:
        print(f"error: {path} does not parse: {err}", file=sys.stderr)
        failed = True
        continue
    if "jobs" in doc:  # GitHub Actions (PyYAML reads the key `on` as True)
        jobs = doc["jobs"]
        bad = [n for n, j in jobs.items() if "runs-on" not in j or "steps" not in j]
    else:  # GitLab CI: a mapping with a script is a job
        jobs = {n: j for n, j in doc.items() if isinstance(j, dict) and "script" in j}
        bad = [] if jobs else ["(none)"]
    if bad:
        print(f"error: {path}: jobs without runs-on/steps or script: {bad}", file=sys.stderr)
        failed = True
    text = open(path, encoding="utf-8").read()
    if path.startswith("county-repo/") and ("cargo run" in text or "rakeplan check" not in text):
        print(f"error: {path} must install rakeplan and run it, not compile it", file=sys.stderr)
        failed = True
    print(f"{path}: {len(jobs)} job(s)")
sys.exit(1 if failed else 0)
PY
