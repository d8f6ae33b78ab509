#!/usr/bin/env bash
# Soak: many predictions and generations on one loaded model per family, through the application
# API (dev.zoo.cli.Soak in zoo-cli's tests), printing resident memory (VmRSS) every 10,000 calls.
#
#   bench/soak.sh [FAMILY...]          (default: cnn tabular vae gan rnn transformer)
#
# PREDICTIONS (default 100000) and GENERATIONS (default 5000) set the counts per family; what a
# call is for each family is said in Soak's Javadoc. The Java heap is fixed and touched at start
# (-Xms = -Xmx = HEAP, default 256m, -XX:+AlwaysPreTouch), so growth of the resident memory after
# warm-up is native memory or class metadata, which a leak per call would show. Each family runs
# in its own JVM. Maven: MVN (default "./mvnw -B -ntp"); add -o for an offline machine.
set -euo pipefail

cd "$(dirname "$0")/.."
mvn=(${MVN:-./mvnw -B -ntp})
predictions="${PREDICTIONS:-100000}"
generations="${GENERATIONS:-5000}"
heap="${HEAP:-256m}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
families=("$@")
if [ ${#families[@]} -eq 0 ]; then
  families=(cnn tabular vae gan rnn transformer)
fi

"${mvn[@]}" -q -pl zoo-cli -am -DskipTests package
for family in "${families[@]}"; do
  java -Djava.awt.headless=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Xms"$heap" -Xmx"$heap" -XX:+AlwaysPreTouch \
    -cp "zoo-cli/target/test-classes:zoo-cli/target/zoo-cli.jar:zoo-cli/target/lib/*" \
    dev.zoo.cli.Soak "$family" "$predictions" "$generations"
done
