"""The load test's figures: requests per second overall, and per kind of request the count,
the median and 95th percentile in milliseconds, and what went wrong."""

import math

from tools.loadtest.session import Recorder, Sample


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of ``values`` (sorted or not); 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def is_error(sample: Sample) -> bool:
    """A server error or no response at all: what fails the load test."""
    return sample.status is None or sample.status >= 500


def summarise(recorder: Recorder, elapsed: float) -> dict:
    """The figures of a run, as a dictionary ready for printing or JSON."""
    samples = list(recorder.samples)
    kinds: dict[str, list[Sample]] = {}
    for sample in samples:
        kinds.setdefault(sample.kind, []).append(sample)
    rows = []
    for kind, group in sorted(kinds.items()):
        times = [sample.seconds * 1000 for sample in group]
        rows.append(
            {
                "kind": kind,
                "count": len(group),
                "p50_ms": round(percentile(times, 0.50), 1),
                "p95_ms": round(percentile(times, 0.95), 1),
                "errors": sum(is_error(sample) for sample in group),
                "unexpected": sum(sample.unexpected and not is_error(sample) for sample in group),
                "statuses": sorted({str(sample.status) for sample in group}),
            }
        )
    return {
        "seconds": round(elapsed, 1),
        "requests": len(samples),
        "requests_per_second": round(len(samples) / elapsed, 1) if elapsed else 0.0,
        "server_errors": sum(1 for s in samples if s.status is not None and s.status >= 500),
        "connection_errors": sum(1 for s in samples if s.status is None),
        "unexpected": sum(row["unexpected"] for row in rows),
        "kinds": rows,
        "events": dict(sorted(recorder.notes.items())),
    }


def table(summary: dict) -> str:
    """The summary as a plain-text table."""
    lines = [
        f"{'kind':<28} {'count':>7} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6} {'unexp.':>6}  "
        "statuses"
    ]
    for row in summary["kinds"]:
        lines.append(
            f"{row['kind']:<28} {row['count']:>7} {row['p50_ms']:>8} {row['p95_ms']:>8} "
            f"{row['errors']:>6} {row['unexpected']:>6}  {','.join(row['statuses'])}"
        )
    lines.append(
        f"{summary['requests']} requests in {summary['seconds']} s: "
        f"{summary['requests_per_second']} requests/s; {summary['server_errors']} server "
        f"errors (5xx), {summary['connection_errors']} connection errors, "
        f"{summary['unexpected']} other unexpected statuses"
    )
    for event, count in summary["events"].items():
        lines.append(f"  {event}: {count}")
    if any(event.startswith("client error") for event in summary["events"]):
        lines.append("WARNING: the client itself failed on some steps (see 'client error' above).")
    return "\n".join(lines)
