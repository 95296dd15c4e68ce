#!/usr/bin/env bash
# Checks that the README's two commands (`cargo run -- build`, then `scripts/test.sh`)
# compile the dependencies, typst above all, once and not twice. They do when `cargo test`
# links the very same dependency builds as `cargo build`; a test-only dependency that
# switches on another feature of a shared crate (serde_json, hashbrown, bitflags, ...)
# forks that crate and everything above it, typst included (issue 13).
#
# Two checks:
# 1. features, on paper, for every platform the release workflow builds: `cargo tree` with
#    and without the dev-dependencies must give every shared crate the same features;
# 2. artifacts, for real, on this machine: every dependency file `cargo build` links must be
#    the one `cargo test --no-run` links (same crate, same hash). On a warm cache this
#    compiles nothing; on a cold one it builds what the tests build anyway.
# Exits 1 naming the crates that would be compiled twice.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/debian-packages.sh
need_packages python3:python3

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0

targets="x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu x86_64-pc-windows-msvc x86_64-apple-darwin aarch64-apple-darwin"
for target in $targets; do
  features() { # package and its features, one line each, as cargo resolves them
    cargo tree --locked --target "$target" --prefix none --format '{p} [{f}]' -e "$1" \
      | grep -v ' (\*)$' | sort -u
  }
  features normal,build >"$work/build.txt"
  features normal,build,dev >"$work/test.txt"
  # Lines only in the build's list: a crate whose features the dev-dependencies change.
  forked="$(comm -23 "$work/build.txt" "$work/test.txt")"
  if [ -n "$forked" ]; then
    echo "error: on $target the dev-dependencies change the features of:" >&2
    while read -r name version _; do
      grep "^$name $version " "$work/test.txt" | sed 's/^/    test:  /' >&2
      grep "^$name $version " "$work/build.txt" | sed 's/^/    build: /' >&2
    done <<<"$forked"
    status=1
  fi
done

cargo build --locked --message-format json >"$work/build.json"
cargo test --locked --no-run --message-format json >"$work/test.json"
python3 - "$work/build.json" "$work/test.json" <<'EOF' || status=1
import json, os, sys

def units(path):
    """(package, target name, kinds) -> the files cargo produced for it, dependencies only."""
    out = {}
    for line in open(path, encoding="utf-8"):
        if not line.startswith("{"):
            continue
        msg = json.loads(line)
        if msg.get("reason") != "compiler-artifact":
            continue
        if os.path.samefile(msg["manifest_path"], "Cargo.toml"):
            continue  # our own crate: built with --test for the tests, of course it differs
        key = (msg["package_id"], msg["target"]["name"], tuple(msg["target"]["kind"]))
        out.setdefault(key, set()).update(msg["filenames"])
    return out

build, test = units(sys.argv[1]), units(sys.argv[2])
twice = sorted(
    # A crate may be built for the build scripts as well (host) and appear twice in the test
    # build: what matters is that every file `cargo build` made is one `cargo test` uses.
    {key[0].rsplit("#", 1)[-1] for key in build.keys() & test.keys() if not build[key] <= test[key]}
)
shared = len(build.keys() & test.keys())
if twice:
    typst = [name for name in twice if name.startswith("typst")]
    print(f"error: {len(twice)} of {shared} dependencies are built twice, once for "
          f"`cargo build` and once for `cargo test` ({len(typst)} typst crates): "
          + ", ".join(twice), file=sys.stderr)
    print("  = hint: give the crate in [dependencies] the features the dev-dependencies "
          "switch on (see Cargo.toml)", file=sys.stderr)
    sys.exit(1)
print(f"one compile: cargo build and cargo test share all {shared} dependency builds")
EOF
exit "$status"
