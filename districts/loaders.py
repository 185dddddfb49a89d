"""Load the 50 districts from the CSVs shipped in districts/data (used by the data migration)."""

import csv
from pathlib import Path

from django.utils.text import slugify

DATA_DIR = Path(__file__).resolve().parent / "data"
PILOT_CODES = ["1025", "1030", "1020", "1032", "1037", "1024", "1034"]
ORIGINAL_PILOT_CODE = "1025"  # Bang Phlat


def read_districts() -> list[dict]:
    with open(DATA_DIR / "districts.csv", encoding="utf-8") as fh:
        rows = {row["code"]: row for row in csv.DictReader(fh)}
    with open(DATA_DIR / "district_geo.csv", encoding="utf-8") as fh:
        for geo in csv.DictReader(fh):
            rows[geo["code"]].update(geo)
    return list(rows.values())


def load_districts(ZoneGroup, District) -> None:
    """Idempotent: create or update every zone group and district from the CSVs."""
    groups = {}
    for row in read_districts():
        name_th = row["zone_group_th"]
        if name_th not in groups:
            groups[name_th], _ = ZoneGroup.objects.update_or_create(
                name_th=name_th,
                defaults={
                    "name_en": row["zone_group_en"],
                    "slug": slugify(row["zone_group_en"]),
                },
            )
        District.objects.update_or_create(
            code=row["code"],
            defaults={
                "name_th": row["name_th"],
                "name_en": row["name_en"],
                "zone_group": groups[name_th],
                "is_pilot": row["code"] in PILOT_CODES,
                "is_original_pilot": row["code"] == ORIGINAL_PILOT_CODE,
                "lat": row["lat"],
                "lon": row["lon"],
                "tile_col": int(row["tile_col"]),
                "tile_row": int(row["tile_row"]),
            },
        )


def set_pilot_stages(District) -> None:
    """Pilots start as implementing; Bang Phlat, the original, is already mentor-ready.
    Only districts still at the default stage are touched."""
    District.objects.filter(is_pilot=True, rollout_stage="not_started").update(
        rollout_stage="implementing"
    )
    District.objects.filter(is_original_pilot=True, rollout_stage="implementing").update(
        rollout_stage="mentor_ready"
    )


def ensure_districts() -> None:
    """The reference loader this app registers (bangphlat/reference.py), on current models."""
    from districts.models import District, ZoneGroup

    load_districts(ZoneGroup, District)
    set_pilot_stages(District)
