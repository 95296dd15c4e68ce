#!/usr/bin/env bash
# Runs the CI files `rakeplan init` writes, here, without a CI service: packs the rakeplan
# just built the way .github/workflows/release.yml does, puts it in a local release mirror
# (file://), makes a county repository with `rakeplan init`, and runs every shell step of
# its GitHub Actions workflow and its GitLab CI job in order, with RAKEPLAN_REPO pointing at
# the mirror. What cannot run here (actions/checkout, cache, upload-artifact, Pages, the
# real download host) is skipped and named. Usage: scripts/try-county-ci.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/debian-packages.sh
need_packages python3:python3 git:git curl:curl
python3 -c 'import yaml' 2>/dev/null || need_packages python3-yaml-missing:python3-yaml
cargo build --quiet --locked
bin="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/debug/rakeplan"
version="$("$bin" --version | awk '{print $2}')"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The release, as the release workflow packs it.
asset="rakeplan-$version-x86_64-unknown-linux-gnu.tar.gz"
release="$work/mirror/releases/download/v$version"
mkdir -p "$release" "$work/pack"
cp "$bin" README.md "$work/pack/"
tar -czf "$release/$asset" -C "$work/pack" rakeplan README.md
(cd "$release" && sha256sum "$asset" >"$asset.sha256")

run_steps() { # $1: name, $2: county folder, then the YAML file and how to read its steps
  local name="$1" county="$2" steps="$3"
  local home="$work/home-$name" n=0
  mkdir -p "$home" "$work/tmp-$name"
  : >"$work/path-$name"
  : >"$work/output-$name"
  while IFS= read -r -d '' step; do
    n=$((n + 1))
    echo "--- $name step $n" >&2
    (
      cd "$county"
      export HOME="$home" RUNNER_TEMP="$work/tmp-$name" GITHUB_PATH="$work/path-$name"
      export GITHUB_OUTPUT="$work/output-$name"
      export CI_PROJECT_DIR="$county" RAKEPLAN_REPO="file://$work/mirror"
      export RAKEPLAN_VERSION="$version" PATH="$(paste -sd: "$work/path-$name"):$PATH"
      export PATH="${PATH#:}"
      bash -euo pipefail -c "$step"
    )
  done < <(python3 - "$steps" <<'PY'
import sys, yaml
path = sys.argv[1]
doc = yaml.safe_load(open(path, encoding="utf-8"))
out = sys.stdout
if "jobs" in doc:
    for step in doc["jobs"]["plan"]["steps"]:
        if "run" in step:
            # The one condition run here: the steps that need a county.
            guard = ""
            if "steps.counties.outputs.found == 'yes'" in str(step.get("if", "")):
                guard = 'grep -qx found=yes "$GITHUB_OUTPUT" || { echo "skipped: no county"; exit 0; }\n'
            out.write(guard + step["run"] + "\0")
        else:
            print(f"skipped (not run here): {step.get('uses')}", file=sys.stderr)
else:
    # GitLab runs a job's before_script and script lines in one shell.
    job = doc["plan"]
    out.write("\n".join(job.get("before_script", []) + job["script"]) + "\0")
    print("skipped (not run here): the cache, the artifacts and the pages job", file=sys.stderr)
PY
)
  echo "$name: $n steps ran" >&2
}

# A repository committed before its first county: both pass with a note, nothing built.
for ci in github gitlab; do
  county="$work/empty-$ci"
  "$bin" init "$county" --rakeplan-url "file://$work/mirror" >/dev/null
  git -C "$county" add .
  git -C "$county" -c user.name=ci -c user.email=ci@example.invalid commit -qm "init"
  case $ci in
    github) run_steps github-empty "$county" "$county/.github/workflows/rakeplan.yml" ;;
    gitlab) run_steps gitlab-empty "$county" "$county/.gitlab-ci.yml" ;;
  esac
  test ! -e "$county/output/site"
done
for ci in github gitlab; do
  county="$work/county-$ci"
  "$bin" init "$county" --county savo --name "Savon hyvinvointialue" >/dev/null
  git -C "$county" add .
  git -C "$county" -c user.name=ci -c user.email=ci@example.invalid commit -qm "init"
  case $ci in
    github) run_steps github "$county" "$county/.github/workflows/rakeplan.yml" ;;
    gitlab) run_steps gitlab "$county" "$county/.gitlab-ci.yml" ;;
  esac
  test -f "$county/output/site/index.html"
  test -f "$county/output/savo/draft/plan.pdf"
done
# What ran is the released binary, not one compiled on the way.
cmp "$work/home-github/.rakeplan-bin/rakeplan" "$bin"
cmp "$work/county-gitlab/.rakeplan-bin/rakeplan" "$bin"
echo "both county CI files ran: rakeplan $version installed from the release mirror, then check, verify, schemas, build, publish"
