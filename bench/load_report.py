"""Summarise a bench_load.sh run: requests/s, p50/p95/p99 per page, errors by status, and
whether every successful submit made exactly one activity (and no refused one made any)."""

import csv
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402,F401  (Django set-up)

from communities.models import Activity  # noqa: E402

TARGET_P95_MS = 500
# Users think 1–3 s (2 s on average) between requests (bench/locustfile.py): the most a crowd
# of USERS can offer is USERS / 2 requests/s, whatever the server could do.
MEAN_THINK_SECONDS = 2.0
KEPT_UP = 0.9


def rows(path: Path):
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def main(out: Path) -> int:
    stats = rows(out / "load_stats.csv")
    failures = rows(out / "load_failures.csv") if (out / "load_failures.csv").exists() else []
    total = next(r for r in stats if r["Name"] == "Aggregated")
    print("| page | requests | failures | p50 ms | p95 ms | p99 ms |")
    print("|---|---|---|---|---|---|")
    worst_p95 = 0
    for row in stats:
        if row["Name"] == "Aggregated":
            continue
        p95 = float(row["95%"])
        if "export" not in row["Name"]:
            worst_p95 = max(worst_p95, p95)
        print(
            f"| {row['Type']} {row['Name']} | {row['Request Count']} | {row['Failure Count']} "
            f"| {row['50%']} | {row['95%']} | {row['99%']} |"
        )
    rps = float(total["Requests/s"])
    offered = int(os.environ.get("USERS", "50")) / MEAN_THINK_SECONDS
    print(
        f"\nall pages: {total['Request Count']} requests, {rps:.1f} requests/s of at most "
        f"~{offered:.0f} the users offer, {total['Failure Count']} failures; p50 {total['50%']} "
        f"ms, p95 {total['95%']} ms, p99 {total['99%']} ms"
    )
    for failure in failures:
        print(
            f"failure: {failure['Method']} {failure['Name']}: {failure['Error']} × {failure['Occurrences']}"
        )

    lines = [line.split("\t", 1) for line in (out / "submits.txt").read_text().splitlines()]
    saved = {title for outcome, title in lines if outcome == "saved"}
    refused = {title for outcome, title in lines if outcome == "refused"}
    titles = list(
        Activity.objects.filter(title__startswith=os.environ["LOAD_RUN_ID"]).values_list(
            "title", flat=True
        )
    )
    lost = saved - set(titles)
    duplicated = len(titles) - len(set(titles))
    wrongly_saved = refused & set(titles)
    in_flight = set(titles) - saved - refused  # cut off by the end of the run
    print(
        f"activity submits: {len(saved)} saved, {len(refused)} refused; activities created: "
        f"{len(titles)} ({len(in_flight)} from requests still in flight when the run ended); "
        f"lost {len(lost)}, duplicated {duplicated}, saved although refused {len(wrongly_saved)}"
    )
    checks = {
        "no failed request": int(total["Failure Count"]) == 0,
        "no lost or duplicate write": not lost and not duplicated and not wrongly_saved,
        f"page p95 ≤ {TARGET_P95_MS} ms (export excluded)": worst_p95 <= TARGET_P95_MS,
        f"kept up: ≥ {KEPT_UP:.0%} of the ~{offered:.0f} requests/s offered": rps
        >= KEPT_UP * offered,
    }
    for name, passed in checks.items():
        print(f"{'PASS' if passed else 'MISS'}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
