#!/usr/bin/env bash
# The first live diagnosis in a JVM against later ones (the cache cleared before each, so every
# one reads AWS), against moto: once in a fresh JVM, once after SnapStart's priming as the
# snapshot holds it. Needs moto_server (pyenv's). Usage: bench/live-first.sh [sample]
set -euo pipefail
cd "$(dirname "$0")/.."
sample=${1:-events/scp-explicit-deny}
. bench/moto.sh
work=$(mktemp -d)
for mode in "" --primed; do
  curl -s -X POST "http://127.0.0.1:$port/moto-api/reset" > /dev/null
  java -cp "$cp" dev.assumeroledoctor.handler.LiveColdBench load "http://127.0.0.1:$port" "$work/world.json" "$sample" 2> /dev/null
  java -XX:TieredStopAtLevel=1 -cp "$cp" dev.assumeroledoctor.handler.LiveColdBench measure "http://127.0.0.1:$port" "$work/world.json" $mode 2> /dev/null
done
