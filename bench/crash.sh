#!/usr/bin/env bash
# Crash consistency of training runs: kills `zoo train` with SIGKILL at random moments.
#
#   bench/crash.sh [TRIALS] [FAMILY...]
#
# Each trial starts a short `zoo train FAMILY` (the runs of dev.zoo.cli.CrashTrials.JOBS) in a child
# JVM, kills it with SIGKILL at a moment drawn from the seed (one trial in ten during the start-up,
# the others during training, up to just after the run would have ended), then checks that the
# run directory holds a
# checkpoint that opens (format, every checksum) and that `zoo eval` loads, or none when the kill
# came before the first; that `--resume` (or, without a checkpoint, a fresh start) into the same
# directory completes despite the lock file the killed process left; that the resumed run's
# metrics, epoch by epoch, and its final checkpoint files, byte for byte, equal those of one
# uninterrupted run per family; and that nothing unfinished is left in the directory. One line
# per trial, then a summary; exit status 1 when a trial failed.
#
# TRIALS defaults to 50; they go round the families (default: tabular cnn vae gan rnn
# transformer). SEED (default 42) draws the kill moments; runs go into CRASH_DIR (default
# zoo-cli/target/crash, emptied first). Maven: MVN (default "./mvnw -B -ntp"); add -o for an
# offline machine, e.g.  MVN="./mvnw -B -ntp -o" bench/crash.sh 12 tabular cnn
set -euo pipefail

cd "$(dirname "$0")/.."
trials="${1:-50}"
shift || true
if ! [[ "$trials" =~ ^[0-9]+$ ]] || [ "$trials" -lt 1 ]; then
  echo "Usage: bench/crash.sh [TRIALS] [FAMILY...] (TRIALS a whole number, at least 1)" >&2
  exit 2
fi
mvn=(${MVN:-./mvnw -B -ntp})
seed="${SEED:-42}"
dir="${CRASH_DIR:-zoo-cli/target/crash}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"

# The zoo command with its test classes (CrashTrials), as the launcher builds it.
"${mvn[@]}" -q -pl zoo-cli -am -DskipTests package
rm -rf "$dir"
mkdir -p "$dir"
echo "Seed $seed, $trials trials, runs in $dir."
exec java -Djava.awt.headless=true \
  -cp "zoo-cli/target/test-classes:zoo-cli/target/zoo-cli.jar:zoo-cli/target/lib/*" \
  dev.zoo.cli.CrashTrials "$trials" "$seed" "$dir" "$@"
