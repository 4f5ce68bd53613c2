#!/usr/bin/env bash
# Calls and waves of one live diagnosis per case, against moto behind a proxy that delays every
# answer by 250 ms (LiveWavesTest): a wave is a round of calls the diagnosis waits for together.
# STS AssumeRole is not counted (a warm container holds those credentials for an hour).
# Needs moto_server (pyenv's). Usage: bench/live-waves.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v moto_server >/dev/null 2>&1; then export PATH="$HOME/.pyenv/shims:$PATH"; fi
mvn -B -q test -Dtest=LiveWavesTest -Dsurefire.failIfNoSpecifiedTests=false 2>/dev/null | grep -oE '(live|cli|iac)-waves .*'
