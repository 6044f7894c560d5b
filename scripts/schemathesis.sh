#!/usr/bin/env bash
# `npm run fuzz [-- --ci] [-- <extra schemathesis run options>]`
#
# Property-based API testing with Schemathesis against the committed OpenAPI document
# (openapi/openapi.json) and the live API:
#   1. installs Schemathesis (pinned below) from PyPI into the git-ignored virtualenv .venv-schemathesis/,
#      once; a later run reuses it while the version matches;
#   2. starts the API the way `npm start` does (scripts/start.ts: reuses the local Neo4j or starts it, and
#      then stops it only if it started it; loads data/ only into an empty graph) on 127.0.0.1 and a free
#      port, with the researchers' limits raised (CYPHER_RATE_LIMIT, CYPHER_BUDGET_SECONDS, EXPENSIVE_GET_RATE_LIMIT) so the fuzzer meets no 429s;
#   3. waits for GET /health/ready, and for it to report researchers' database ready, then runs every operation of the document (all GETs, POST /v1/cypher and
#      POST /v1/queries/{name}; the admin routes, off without ADMIN_API_KEY, are left out) through the
#      examples, coverage, fuzzing and stateful phases with these checks: not_a_server_error (no 5xx),
#      status_code_conformance (only declared codes), content_type_conformance and
#      response_schema_conformance (every answer matches its declared media type and schema);
#      scripts/schemathesis-hooks.py mixes the API's real ids, cursors, search words, named-query
#      parameters and read-only Cypher into the generated data, so 200 answers get checked too;
#   4. prints, per operation, the requests sent and the status codes met (scripts/schemathesis-summary.py),
#      stops the API and exits with Schemathesis' exit code (0: no failure; 3: the full mode sent fewer
#      than 1,000 requests).
#
# Modes: full (default; --max-examples 100 per operation and --continue-on-failure: about 5,000 requests,
# a minute and a half on 2 cores) and --ci (bounded: --max-examples 30, about 2,500 requests in under a
# minute). Extra arguments go to `schemathesis run` (a later option wins: `--max-examples 300`).
# Reports (JUnit, NDJSON events) and the API's log go to test/artifacts/schemathesis/ (git-ignored);
# failures print with a curl line to reproduce them (and `cd .venv-schemathesis && bin/st replay <id>`).
#
# Environment: SCHEMATHESIS_PYTHON (default python3, >= 3.11), SCHEMATHESIS_WORKERS (default 1),
# SCHEMATHESIS_SEED (default: random), SCHEMATHESIS_READY_TIMEOUT (seconds, default 300: a first run may
# download Neo4j), and the API's own variables (NEO4J_URI and friends).
set -euo pipefail

SCHEMATHESIS_VERSION=4.32.5

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv-schemathesis"
REPORT_DIR="$ROOT/test/artifacts/schemathesis"
SCHEMA="$ROOT/openapi/openapi.json"
PYTHON=${SCHEMATHESIS_PYTHON:-python3}
# One worker: Schemathesis' threads make CPython 3.11 fail now and then inside Hypothesis
# ("SystemError: AST constructor recursion depth mismatch"), an error of the tool, not of the API.
WORKERS=${SCHEMATHESIS_WORKERS:-1}
READY_TIMEOUT=${SCHEMATHESIS_READY_TIMEOUT:-300}

mode=full
extra=()
for arg in "$@"; do
  case "$arg" in
    --ci) mode=ci ;;
    --full) mode=full ;;
    -h|--help)
      sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
      exit 0
      ;;
    *) extra+=("$arg") ;;
  esac
done

if [[ $mode == ci ]]; then
  max_examples=30
  mode_args=()
else
  max_examples=100
  # Keep generating for an operation after its first failure, so one failure does not hide the next.
  mode_args=(--continue-on-failure)
fi

log() { printf 'fuzz: %s\n' "$*" >&2; }

# --- 1. Schemathesis, pinned, in its own virtualenv ------------------------------------------------
installed_version() { "$VENV/bin/schemathesis" --version 2>/dev/null | sed -n 's/^schemathesis, version //p'; }
if [[ "$(installed_version)" != "$SCHEMATHESIS_VERSION" ]]; then
  "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
    || { log "$PYTHON is $("$PYTHON" --version 2>&1); Schemathesis $SCHEMATHESIS_VERSION needs Python >= 3.11"; exit 2; }
  log "installing schemathesis==$SCHEMATHESIS_VERSION into ${VENV#"$ROOT"/}"
  [[ -x "$VENV/bin/pip" ]] || "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install --disable-pip-version-check --quiet "schemathesis==$SCHEMATHESIS_VERSION"
  [[ "$(installed_version)" == "$SCHEMATHESIS_VERSION" ]] || { log "schemathesis $SCHEMATHESIS_VERSION did not install"; exit 2; }
fi

# --- 2. The API on 127.0.0.1 ------------------------------------------------------------------------
mkdir -p "$REPORT_DIR"
PORT=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
BASE="http://127.0.0.1:$PORT"
API_LOG="$REPORT_DIR/api.log"

cd "$ROOT"
HOST=127.0.0.1 PORT="$PORT" LOG_LEVEL="${LOG_LEVEL:-warn}" CYPHER_RATE_LIMIT=100000 CYPHER_BUDGET_SECONDS=3600 EXPENSIVE_GET_RATE_LIMIT=100000 \
  node --import tsx scripts/start.ts >"$API_LOG" 2>&1 &
api_pid=$!

stop_api() {
  if kill -0 "$api_pid" 2>/dev/null; then
    kill -TERM "$api_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$api_pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$api_pid" 2>/dev/null && { log "the API did not stop in 30 s; killing it"; kill -KILL "$api_pid" 2>/dev/null || true; }
  fi
  wait "$api_pid" 2>/dev/null || true
}
trap stop_api EXIT
trap 'exit 130' INT TERM

log "starting the API on $BASE (log: ${API_LOG#"$ROOT"/})"
# Ready means /health/ready answers and, since researchers' queries run on a Neo4j of their own
# (scripts/start.ts starts it behind the API), that it reports that database ready (or shared): until it
# holds the API's dataset version the research doors answer 503 by design, and the fuzzer checks the
# API, not that start-up window.
research_state() {
  curl -fsS --max-time 2 "$BASE/health/ready" 2>/dev/null \
    | "$PYTHON" -c 'import json, sys; print(json.load(sys.stdin)["research"]["database"]["state"])' 2>/dev/null || true
}
deadline=$((SECONDS + READY_TIMEOUT))
until [[ "$(research_state)" =~ ^(ready|shared)$ ]]; do
  if ! kill -0 "$api_pid" 2>/dev/null; then
    log "the API exited before it was ready:"
    tail -n 30 "$API_LOG" >&2
    exit 2
  fi
  if ((SECONDS >= deadline)); then
    log "the API was not ready after ${READY_TIMEOUT} s (researchers' database: $(research_state)):"
    tail -n 30 "$API_LOG" >&2
    exit 2
  fi
  sleep 1
done
log "ready: $(curl -fsS --max-time 2 "$BASE/health/ready")"

# --- 3. Schemathesis -------------------------------------------------------------------------------
seed_args=()
[[ -n "${SCHEMATHESIS_SEED:-}" ]] && seed_args=(--seed "$SCHEMATHESIS_SEED")

log "mode $mode: --max-examples $max_examples per operation, $WORKERS workers"
set +e
# From inside the virtualenv: Schemathesis keeps its replay cache in ./.schemathesis/ (so
# `cd .venv-schemathesis && bin/st replay <test case id>` replays a failure printed below).
cd "$VENV"
SCHEMATHESIS_HOOKS="$ROOT/scripts/schemathesis-hooks.py" SCHEMATHESIS_API_BASE="$BASE" \
"$VENV/bin/schemathesis" run "$SCHEMA" \
  --url "$BASE" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --phases examples,coverage,fuzzing,stateful \
  --exclude-path-regex '^/(v1/admin|metrics)(/|$)' \
  --max-examples "$max_examples" \
  --workers "$WORKERS" \
  --request-timeout 15 \
  --suppress-health-check too_slow,filter_too_much \
  --generation-database "$VENV/examples.db" \
  --report junit,ndjson \
  --report-dir "$REPORT_DIR" \
  --no-color \
  "${mode_args[@]}" \
  "${seed_args[@]}" \
  "${extra[@]}"
status=$?
set -e
cd "$ROOT"

# Which answers the generated requests reached, per operation (and, in full mode, at least 1,000 requests).
report=$(ls -t "$REPORT_DIR"/ndjson-*.ndjson 2>/dev/null | head -n 1 || true)
if [[ -n "$report" ]]; then
  min_requests=0
  [[ $mode == full ]] && min_requests=1000
  "$VENV/bin/python" "$ROOT/scripts/schemathesis-summary.py" "$report" --min-requests "$min_requests" || { [[ $status -eq 0 ]] && status=3; }
fi

if grep -Eq '"level": ?"(error|fatal)"|"level": ?(50|60)' "$API_LOG" 2>/dev/null; then
  log "the API logged errors during the run; see ${API_LOG#"$ROOT"/}"
fi
log "schemathesis exit code $status; reports in ${REPORT_DIR#"$ROOT"/}/"
exit "$status"
