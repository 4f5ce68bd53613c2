#!/usr/bin/env bash
# The first live diagnosis in a JVM against later ones (the cache cleared before each, so every
# one reads AWS), against moto: once in a fresh JVM, once after SnapStart's priming as the
# snapshot holds it. Needs moto_server (pyenv's). Usage: bench/live-first.sh [sample]
set -euo pipefail
cd "$(dirname "$0")/.."
sample=${1:-events/scp-explicit-deny}
if ! command -v moto_server >/dev/null 2>&1; then export PATH="$HOME/.pyenv/shims:$PATH"; fi
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$port" > /dev/null 2>&1 &
moto=$!
work=$(mktemp -d)
trap 'kill $moto; rm -rf "$work"' EXIT
until curl -s "http://127.0.0.1:$port/moto-api/" > /dev/null; do sleep 0.2; done
for mode in "" --primed; do
  curl -s -X POST "http://127.0.0.1:$port/moto-api/reset" > /dev/null
  java -cp "$cp" dev.assumeroledoctor.handler.LiveColdBench load "http://127.0.0.1:$port" "$work/world.json" "$sample" 2> /dev/null
  java -XX:TieredStopAtLevel=1 -cp "$cp" dev.assumeroledoctor.handler.LiveColdBench measure "http://127.0.0.1:$port" "$work/world.json" $mode 2> /dev/null
done
