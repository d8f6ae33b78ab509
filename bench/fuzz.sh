#!/usr/bin/env bash
# Coverage-guided fuzzing of the zoo's readers with Jazzer (JUnit 5 integration).
#
#   bench/fuzz.sh [DURATION] [TARGET...]
#
# Runs the fuzz targets of zoo-api (dev.zoo.api.fuzz.*FuzzTest: IDX files, image files, image
# folders, text corpora, CSV tables, checkpoints, byte-pair merges, character vocabularies) one
# after another, each in fuzzing mode (JAZZER_FUZZ=1) for DURATION (minutes, or seconds with an
# "s": 10 is ten minutes, the default; 20s is twenty seconds), with a
# 512 MB heap and one native thread, and prints per target: the executions, libFuzzer's coverage
# (cov: edges of the instrumented zoo code; ft: features, i.e. edges with hit counts and
# comparisons) from the seeds and at the end, the corpus size, and the finding if there is one.
# TARGET names a class, e.g. CsvTableFuzzTest; by default every target runs.
#
# A finding stops that target: Jazzer writes the input (crash-*, timeout-*) into
# zoo-api/src/test/resources/dev/zoo/api/fuzz/<Target>Inputs/<method>/, next to the seeds, where
# `./mvnw verify` replays it in regression mode. Fix the reader, keep the file (rename it to say
# what it is) and commit both. Inputs that reached new coverage accumulate in
# zoo-api/.cifuzz-corpus/ (not committed) and seed the next run. Full logs: zoo-api/target/fuzz/.
#
# Maven: MVN (default "./mvnw -B -ntp"); add -o for an offline machine, e.g.
#   MVN="./mvnw -B -ntp -o" bench/fuzz.sh 5
# The machine is shared: run one fuzzing session at a time (each keeps one core busy).
set -euo pipefail

cd "$(dirname "$0")/.."
duration="${1:-10}"
shift || true
if ! [[ "$duration" =~ ^[0-9]+s?$ ]] || [ "${duration%s}" -lt 1 ]; then
  echo "Usage: bench/fuzz.sh [DURATION] [TARGET...] (DURATION minutes, or seconds as 20s; at least 1)" >&2
  exit 2
fi
[[ "$duration" == *s ]] || duration="${duration}m"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in zoo-api/src/test/java/dev/zoo/api/fuzz/*FuzzTest.java; do
    targets+=("$(basename "$f" .java)")
  done
fi
mvn=(${MVN:-./mvnw -B -ntp})
logs=zoo-api/target/fuzz
export OMP_NUM_THREADS=1

"${mvn[@]}" -q -pl zoo-api test-compile
mkdir -p "$logs"

printf '%-26s %6s %12s %9s %11s %11s %9s  %s\n' \
  target time executions exec/s "cov seeds" "cov end" corpus finding
status=0
for target in "${targets[@]}"; do
  log="$logs/$target.log"
  JAZZER_FUZZ=1 "${mvn[@]}" -pl zoo-api surefire:test@fuzz \
    -Dtest="dev.zoo.api.fuzz.$target" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.max_duration="$duration" -Djunit.jupiter.execution.timeout.mode=disabled \
    >"$log" 2>&1 || true
  # libFuzzer's status lines: "#<runs> <EVENT> cov: <edges> ft: <features> corp: <n>/<size> ..."
  inited=$(grep -m1 -E '^#[0-9]+[[:space:]]+INITED' "$log" | sed -E 's/.*cov: ([0-9]+) ft: ([0-9]+).*/\1\/\2/' || true)
  last=$(grep -E '^#[0-9]+[[:space:]]+[A-Z]+[[:space:]]+cov:' "$log" | tail -1 || true)
  runs=$(sed -nE 's/^Done ([0-9]+) runs in.*/\1/p' "$log" | tail -1)
  [ -n "$runs" ] || runs=$(sed -E 's/^#([0-9]+).*/\1/' <<<"$last")
  cov=$(sed -E 's/.*cov: ([0-9]+) ft: ([0-9]+).*/\1\/\2/' <<<"$last")
  corpus=$(sed -E 's/.*corp: ([0-9]+)\/.*/\1/' <<<"$last")
  speed=$(sed -nE 's/.*exec\/s: ([0-9]+).*/\1/p' <<<"$last")
  finding=$(grep -m1 -oE '(FuzzTestFindingException|ERROR: libFuzzer): .*' "$log" \
    | sed -E 's/^FuzzTestFindingException: //' | cut -c1-160 || true)
  written=$(grep -m1 -oE "Test unit written to [^ ]+" "$log" | sed 's/Test unit written to //' || true)
  if [ -z "$last" ]; then
    finding="no fuzzing statistics; see $log"
    status=1
  elif [ -n "$finding$written" ]; then
    finding="${finding:-finding} -> ${written:-see $log}"
    status=1
  else
    finding=none
  fi
  printf '%-26s %6s %12s %9s %11s %11s %9s  %s\n' \
    "$target" "$duration" "${runs:-?}" "${speed:-?}" "${inited:-?}" "${cov:-?}" "${corpus:-?}" "$finding"
done
exit $status
