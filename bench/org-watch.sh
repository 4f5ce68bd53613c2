#!/usr/bin/env bash
# The change watch at organization scale: an organization of N accounts in moto, each with a recent
# AssumeRole success in its own event history (a local LookupEvents endpoint), an SCP denying
# sts:AssumeRole attached at the root, and the change run through the function and its watch
# workers as Lambda runs them (SQS batches of ten, parts gathered in DynamoDB): inspect.OrgWatchBench.
# Prints wall time, calls per account and the warning's attributes. Needs moto_server (pyenv's).
# Usage: bench/org-watch.sh [N]   (60 by default; the test suite runs 60 too)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-60}
if ! command -v moto_server >/dev/null 2>&1; then export PATH="$HOME/.pyenv/shims:$PATH"; fi
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$port" > /dev/null 2>&1 &
moto=$!
trap 'kill $moto' EXIT
until curl -s "http://127.0.0.1:$port/moto-api/" > /dev/null; do sleep 0.2; done
java -Dsun.net.httpserver.nodelay=true -cp "$cp" dev.assumeroledoctor.inspect.OrgWatchBench "http://127.0.0.1:$port" "$n" 2> /dev/null \
  | grep -E '^[0-9]+ accounts in'
