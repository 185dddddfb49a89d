"""The suggested pairings are exactly optimal: smallest largest load, then most same-group
pairs, ties by district code; active pairings are kept."""

import itertools
import random

import pytest
from django.core.management import call_command

from districts.models import District
from mentoring import pairing, services
from mentoring.models import Pairing, PairingStatus

pytestmark = pytest.mark.django_db


def test_from_scratch_every_non_pilot_gets_one_pilot_with_largest_load_7_and_39_same_group():
    proposals = services.suggested_pairings()
    assert len(proposals) == 43
    assert len({p.mentee_code for p in proposals}) == 43
    pilots = set(District.objects.pilots().values_list("code", flat=True))
    assert {p.mentor_code for p in proposals} <= pilots
    assert not {p.mentee_code for p in proposals} & pilots
    assert max(p.mentor_load for p in proposals) == 7
    assert sum(p.same_group for p in proposals) == 39


def test_the_suggestion_is_deterministic():
    assert services.suggested_pairings() == services.suggested_pairings()


def test_active_pairings_are_kept_and_count_towards_the_loads(strategy):
    bangphlat, chatuchak = District.objects.get(code="1025"), District.objects.get(code="1030")
    # Bang Phlat already mentors five districts outside its group.
    for code in ["1001", "1002", "1003", "1004", "1005"]:
        Pairing.objects.create(
            mentor=bangphlat,
            mentee=District.objects.get(code=code),
            start_date="2024-01-01",
            status=PairingStatus.ACTIVE,
        )
    Pairing.objects.create(
        mentor=chatuchak,
        mentee=District.objects.get(code="1029"),
        start_date="2024-01-01",
        status=PairingStatus.ACTIVE,
    )
    proposals = services.suggested_pairings()
    assert len(proposals) == 37
    assert not {"1001", "1002", "1003", "1004", "1005", "1029"} & {p.mentee_code for p in proposals}
    assert max(p.mentor_load for p in proposals) == 7  # 49 slots still suffice for 43
    # Optimal for the rest: compare with an exhaustive count of same-group capacity.
    mentors = [
        (d.code, d.zone_group.slug) for d in District.objects.pilots().select_related("zone_group")
    ]
    mentees = [
        (p.mentee_code, District.objects.get(code=p.mentee_code).zone_group.slug) for p in proposals
    ]
    loads = {"1025": 5, "1030": 1}
    assert sum(p.same_group for p in proposals) == best_same_group(mentors, mentees, loads, 7)
    services.pairings_apply(proposals=proposals, by=strategy)
    assert Pairing.objects.active().count() == 43
    assert set(
        Pairing.objects.filter(mentee__code="1001").values_list("mentor__code", flat=True)
    ) == {"1025"}


def best_same_group(mentors, mentees, loads, max_load):
    """Brute force over how many mentees each group sends to each same-group mentor."""
    capacity = {code: max_load - loads.get(code, 0) for code, _g in mentors}
    by_group = {}
    for _code, group in mentees:
        by_group[group] = by_group.get(group, 0) + 1
    best = 0
    groups = sorted(by_group)
    mentor_groups = {g: [c for c, mg in mentors if mg == g] for g in groups}
    options = []
    for group in groups:
        choices = []
        for split in itertools.product(*(range(capacity[c] + 1) for c in mentor_groups[group])):
            if sum(split) <= by_group[group]:
                choices.append(dict(zip(mentor_groups[group], split, strict=True)))
        options.append(choices)
    for combo in itertools.product(*options):
        used = {}
        for split in combo:
            for code, n in split.items():
                used[code] = used.get(code, 0) + n
        if all(used.get(c, 0) <= capacity[c] for c in capacity):
            best = max(best, sum(sum(split.values()) for split in combo))
    return best


@pytest.mark.parametrize("seed", range(25))
def test_random_small_instances_match_an_exhaustive_search(seed):
    rng = random.Random(seed)
    groups = ["a", "b", "c"]
    mentors = [(f"M{i}", rng.choice(groups)) for i in range(3)]
    mentees = [(f"E{i:02d}", rng.choice(groups)) for i in range(rng.randint(1, 7))]
    loads = {code: rng.randint(0, 2) for code, _g in mentors}
    result = pairing.suggest(mentors=mentors, mentees=mentees, existing_loads=loads)
    best = None
    for choice in itertools.product([c for c, _g in mentors], repeat=len(mentees)):
        final = dict(loads)
        for code in choice:
            final[code] += 1
        same = sum(dict(mentors)[m] == g for m, (_c, g) in zip(choice, mentees, strict=True))
        key = (max(final.values()), -same)
        best = key if best is None or key < best else best
    got = (max(p.mentor_load for p in result), -sum(p.same_group for p in result))
    assert got == best


def test_command_prints_proposals_and_applies_them_only_with_apply(capsys, strategy):
    call_command("suggest_pairings")
    out = capsys.readouterr().out
    assert "43 proposals, 39 in the same zone group, largest load 7" in out
    assert "same group" in out and Pairing.objects.count() == 0
    call_command("suggest_pairings", "--apply")
    assert Pairing.objects.active().count() == 43
