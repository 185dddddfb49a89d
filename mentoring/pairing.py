"""Suggested pairings: an exact solution of a small assignment problem.

Every unpaired non-pilot district gets one pilot mentor. Objectives, in order:
1. the largest mentor load (existing active pairings included) is as small as possible;
2. as many mentees as possible get a mentor from their own zone group;
3. ties are broken deterministically by district code.

(1) has a closed form: with capacities ``L - load``, any L whose capacities add up to the
number of mentees is feasible, because every mentee may go to every pilot. For (2) and (3)
we solve a min-cost flow (successive shortest paths) on source → mentee → mentor → sink,
with cost ``BIG`` for a cross-group edge plus a small tie-break by mentor order. ``BIG``
exceeds any sum of tie-breaks, so minimising cost maximises same-group pairs first.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Proposal:
    mentee_code: str
    mentor_code: str
    same_group: bool
    mentor_load: int  # the mentor's load once every proposal is applied


def suggest(
    *,
    mentors: list[tuple[str, str]],
    mentees: list[tuple[str, str]],
    existing_loads: dict[str, int],
) -> list[Proposal]:
    """``mentors`` and ``mentees`` are (code, zone group) pairs; ``existing_loads`` maps a
    mentor code to its number of active mentees, which are never touched."""
    mentors = sorted(mentors)
    mentees = sorted(mentees)
    if not mentees:
        return []
    if not mentors:
        raise ValueError("no pilot district to mentor")
    loads = {code: existing_loads.get(code, 0) for code, _group in mentors}
    target = max(loads.values())
    while sum(max(0, target - load) for load in loads.values()) < len(mentees):
        target += 1
    capacity = {code: target - loads[code] for code, _group in mentors}
    assignment = _min_cost_assignment(mentors, mentees, capacity)
    final_loads = dict(loads)
    for mentor_code in assignment.values():
        final_loads[mentor_code] += 1
    groups = dict(mentors) | dict(mentees)
    return [
        Proposal(
            mentee_code=mentee,
            mentor_code=mentor,
            same_group=groups[mentee] == groups[mentor],
            mentor_load=final_loads[mentor],
        )
        for mentee, mentor in sorted(assignment.items())
    ]


def _min_cost_assignment(mentors, mentees, capacity) -> dict[str, str]:
    big = (len(mentors) + 1) * (len(mentees) + 1)
    # Nodes: 0 source, 1..m mentees, then mentors, then sink.
    n_mentees, n_mentors = len(mentees), len(mentors)
    source, sink = 0, 1 + n_mentees + n_mentors
    graph: list[list[list[int]]] = [[] for _ in range(sink + 1)]  # edges: [to, cap, cost, rev]

    def add_edge(u, v, cap, cost):
        graph[u].append([v, cap, cost, len(graph[v])])
        graph[v].append([u, 0, -cost, len(graph[u]) - 1])

    for i, (_code, group) in enumerate(mentees, start=1):
        add_edge(source, i, 1, 0)
        for j, (_mentor_code, mentor_group) in enumerate(mentors):
            add_edge(i, 1 + n_mentees + j, 1, (0 if group == mentor_group else big) + j)
    for j, (code, _group) in enumerate(mentors):
        add_edge(1 + n_mentees + j, sink, capacity[code], 0)

    for _ in range(n_mentees):  # one unit of flow per mentee
        # Bellman-Ford (costs can be negative on residual edges); the graph is tiny.
        dist = [float("inf")] * (sink + 1)
        prev: list[tuple[int, int] | None] = [None] * (sink + 1)
        dist[source] = 0
        for _round in range(sink + 1):
            changed = False
            for u in range(sink + 1):
                if dist[u] == float("inf"):
                    continue
                for index, (v, cap, cost, _rev) in enumerate(graph[u]):
                    if cap > 0 and dist[u] + cost < dist[v]:
                        dist[v] = dist[u] + cost
                        prev[v] = (u, index)
                        changed = True
            if not changed:
                break
        if dist[sink] == float("inf"):
            raise ValueError("not enough mentor capacity")
        v = sink
        while v != source:
            u, index = prev[v]
            edge = graph[u][index]
            edge[1] -= 1
            graph[v][edge[3]][1] += 1
            v = u

    assignment = {}
    for i, (code, _group) in enumerate(mentees, start=1):
        for v, cap, _cost, _rev in graph[i]:
            if 1 + n_mentees <= v < sink and cap == 0:
                assignment[code] = mentors[v - 1 - n_mentees][0]
    return assignment
