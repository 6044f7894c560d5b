"""Summarises a Schemathesis NDJSON report: per operation, the requests sent and the status codes received.

    python scripts/schemathesis-summary.py <report.ndjson> [--min-requests N]

Shows whether the generated data reached the API's real answers (200s) and not only its 400s and 404s,
and, with --min-requests, fails (exit 3) when fewer requests than that were sent in all.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("report")
    parser.add_argument("--min-requests", type=int, default=0)
    args = parser.parse_args()

    statuses: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    failed_checks: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    seen: set[tuple[str, str]] = set()
    with open(args.report, encoding="utf-8") as lines:
        for line in lines:
            event = json.loads(line)
            finished = event.get("ScenarioFinished")
            if not finished:
                continue
            recorder = finished.get("recorder") or {}
            label = recorder.get("label", "?")
            for case_id, interaction in (recorder.get("interactions") or {}).items():
                if (label, case_id) in seen:
                    continue
                seen.add((label, case_id))
                response = interaction.get("response")
                statuses[label][str(response["status_code"]) if response else "no response"] += 1
            for case_id, checks in (recorder.get("checks") or {}).items():
                for check in checks:
                    if check.get("status") == "failure":
                        failed_checks[label][check["name"]] += 1

    total = sum(sum(c.values()) for c in statuses.values())
    width = max((len(label) for label in statuses), default=10)
    print(f"\n{'operation'.ljust(width)}  requests  status codes")
    for label in sorted(statuses, key=lambda l: (l.split(" ", 1)[1], l)):
        counts = statuses[label]
        codes = ", ".join(f"{code}: {n}" for code, n in sorted(counts.items()))
        failures = failed_checks.get(label)
        extra = f"  (failed checks: {', '.join(f'{k} x{v}' for k, v in sorted(failures.items()))})" if failures else ""
        print(f"{label.ljust(width)}  {sum(counts.values()):8d}  {codes}{extra}")
    ok = sum(c.get("200", 0) for c in statuses.values())
    print(f"\n{total} requests over {len(statuses)} operations; {ok} answered 200")
    if total < args.min_requests:
        print(f"fewer than {args.min_requests} requests were sent", file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
