#!/usr/bin/env python3
"""A short client of the portal's API (standard library only).

Lists a district's activities and records one with a personal token (create a token at
/accounts/tokens/). The submission key makes the POST safe to retry: a resend returns the
activity already recorded instead of a duplicate.

    python scripts/api_example.py --base https://portal.example --token bp_… --district 1025
"""

import argparse
import datetime as dt
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid


def call(base, token, path, *, data=None, params=None):
    url = path if path.startswith("http") else base.rstrip("/") + path
    if params:
        url += "?" + urllib.parse.urlencode(params)
    request = urllib.request.Request(
        url,
        data=json.dumps(data).encode() if data is not None else None,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST" if data is not None else "GET",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, json.load(response)


def list_activities(base, token, district, *, limit=1000):
    """Follow the cursor pages until ``limit`` rows."""
    params = {"district": district, "page_size": 500}
    rows, page = [], call(base, token, "/api/v1/activities/", params=params)[1]
    while True:
        rows.extend(page["results"])
        if not page["next"] or len(rows) >= limit:
            return rows[:limit]
        page = call(base, token, page["next"])[1]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=os.environ.get("PORTAL_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--token", default=os.environ.get("PORTAL_TOKEN"), required=False)
    parser.add_argument("--district", default="1025")
    parser.add_argument("--post", action="store_true", help="also record one activity")
    args = parser.parse_args(argv)
    if not args.token:
        parser.error("--token (or PORTAL_TOKEN) is required")

    activities = list_activities(args.base, args.token, args.district)
    print(f"{len(activities)} activities in district {args.district}")
    for row in activities[:10]:
        print(f"  {row['date']}  {row['title']}  ({row['participants_total']} participants)")

    if args.post:
        community = call(
            args.base, args.token, "/api/v1/communities/", params={"district": args.district}
        )[1]["results"][0]
        activity_type = call(args.base, args.token, "/api/v1/activity-types/")[1]["results"][0][
            "id"
        ]
        body = {
            "submission_key": str(uuid.uuid4()),
            "community": community["id"],
            "date": dt.date.today().isoformat(),
            "title": "ประชุมคณะกรรมการชุมชน (ตัวอย่างจาก API)",
            "activity_type": activity_type,
            "model_step": "understand",
            "principles": [],
            "participants_total": 12,
            "participants_women": 7,
            "participants_elderly": 3,
            "participants_disabled": 0,
            "participants_youth": 0,
            "participants_welfare_card": 2,
            "budget": 0,
            "funding_source": "none",
        }
        try:
            status, created = call(args.base, args.token, "/api/v1/activities/", data=body)
            again, repeated = call(args.base, args.token, "/api/v1/activities/", data=body)
        except urllib.error.HTTPError as error:
            print(f"refused ({error.code}): {error.read().decode()}", file=sys.stderr)
            return 1
        print(
            f"recorded activity {created['id']} ({status}); resend gave {repeated['id']} ({again})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
