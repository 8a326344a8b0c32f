#!/usr/bin/env bash
# HTML conformance check of local files with the Nu Html Checker (vnu.jar
# from the pinned vnu-jar npm package; needs java 17+ on PATH).
#
# Usage:   tests/tools/vnu.sh FILE.html [FILE.html...]
# Runs:    java -jar tests/tools/node_modules/vnu-jar/build/dist/vnu.jar \
#              --errors-only --format json --stdout FILE.html...
# stdout:  vnu's JSON report, {"version": "...", "messages": [{"type":
#          "error", "url": "file:/...", "lastLine": N, "firstColumn": N,
#          "lastColumn": N, "message": "...", "extract": "...", ...}]}
#          (messages is [] for a clean file).
# exit:    0 no errors, 1 errors found, 2 harness failure (missing file,
#          java or jar missing, vnu crashed or reported a
#          "non-document-error" such as an unreadable file).
#
# Why a wrapper: bare vnu writes its report to stderr unless given
# --stdout, exits 0 with "messages": [] for a path that does not exist,
# and uses exit 1 both for "errors found" and for a crash.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/node_modules/vnu-jar/build/dist/vnu.jar"

die() { echo "vnu.sh: $*" >&2; exit 2; }

[ "$#" -ge 1 ] || die "usage: tests/tools/vnu.sh FILE.html [FILE.html...]"
command -v java >/dev/null || die "java not found (apt-get install default-jre-headless)"
[ -f "$jar" ] || die "$jar missing; run (cd tests/tools && npm ci)"
for f in "$@"; do
  [ -f "$f" ] || die "no such file: $f"
done

rc=0
out="$(java -jar "$jar" --errors-only --format json --stdout "$@")" || rc=$?
printf '%s\n' "$out"
[ "$rc" -le 1 ] || die "vnu exited with status $rc"

# Classify from the report itself rather than trusting the exit status.
VNU_OUT="$out" node -e '
  let r;
  try { r = JSON.parse(process.env.VNU_OUT); } catch (e) { process.exit(2); }
  if (!r || !Array.isArray(r.messages)) process.exit(2);
  if (r.messages.some((m) => m.type === "non-document-error")) process.exit(2);
  process.exit(r.messages.some((m) => m.type === "error") ? 1 : 0);
' || {
  c=$?
  [ "$c" -eq 1 ] && exit 1
  die "vnu gave no usable report (exit status $rc)"
}
