#!/usr/bin/env bash
# Run every benchmark; --quick runs them on small databases (a smoke check, not a figure).
# Figures are printed as tables and appended to bench/out/results.jsonl.
set -u
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
export QT_QPA_PLATFORM=offscreen

if [[ "${1:-}" == "--quick" ]]; then
  big=(--households 5000); mid=(--households 5000); demo=(--households 5000)
  hub=(--households 5000)
else
  big=(--households 1000000); mid=(--households 100000); demo=(--households 1000000)
  hub=(--households 45000)  # ~100,000 documents
fi

status=0
run() {
  echo "== $*"
  "$PY" "$@" || status=1  # a MISS (exit 1) or a crash; carry on with the others
}
run bench/bench_startup.py "${mid[@]}"
run bench/bench_search.py "${big[@]}"
run bench/bench_save.py "${mid[@]}"
run bench/bench_memory.py "${big[@]}"
run bench/bench_security.py "${mid[@]}"
run bench/bench_documents.py "${mid[@]}"
run bench/bench_sync.py "${mid[@]}"
run bench/bench_hub.py "${hub[@]}"
run bench/bench_monitoring.py "${big[@]}"
run bench/bench_demo.py "${demo[@]}"  # last: its 2 x 1.2 GB of writes push the others' data out of the OS cache
exit $status
