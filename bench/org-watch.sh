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
. bench/moto.sh
java -Dsun.net.httpserver.nodelay=true -cp "$cp" dev.assumeroledoctor.inspect.OrgWatchBench "http://127.0.0.1:$port" "$n" 2> /dev/null \
  | grep -E '^[0-9]+ accounts in'
