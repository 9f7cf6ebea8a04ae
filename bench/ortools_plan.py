#!/usr/bin/env python3
"""Bench-only reference: plans an instance (docs/PLANNING-FORMAT.md) with Google OR-Tools' routing solver.

Every truck-day is a vehicle; every request a node that may be dropped at a penalty of its priority times a
large constant (so OR-Tools serves as many, by priority, as it can, then saves km). Fairness is not modelled:
this is the "schools, then km" reference the km search is measured against. Prints the plan JSON (exchange
format) on stdout; the times of each route are the earliest ones for its order. Not a runtime dependency:
bench/ortools.ts runs it when python3 and ortools are there, and skips with a notice otherwise.

Usage: python3 bench/ortools_plan.py INSTANCE.json SECONDS [guided|tabu|sa]
"""
import json
import math
import sys
from datetime import date, timedelta

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

EARTH_RADIUS_KM = 6371.0088
DROP_PENALTY = 10_000_000


def road_km(a, b, travel):
    lng1, lat1 = map(math.radians, a)
    lng2, lat2 = map(math.radians, b)
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h))) * travel["roadFactor"]


def minutes(hhmm):
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def hhmm(x):
    return f"{x // 60:02d}:{x % 60:02d}"


def main():
    inst = json.load(open(sys.argv[1]))
    seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    meta = sys.argv[3] if len(sys.argv) > 3 else "guided"
    travel = inst["travel"]
    depots = {d["id"]: d for d in inst["depots"]}
    schools = {s["id"]: s for s in inst["schools"]}
    closed = set(inst["closedDates"])
    d0 = date.fromisoformat(inst["horizon"]["from"])
    d1 = date.fromisoformat(inst["horizon"]["to"])
    days = []  # (truck, iso date)
    day = d0
    while day <= d1:
        iso = day.isoformat()
        if iso not in closed:
            for t in inst["trucks"]:
                if day.isoweekday() in t["weekdays"] and iso not in t["unavailableDates"]:
                    days.append((t, iso))
        day += timedelta(days=1)

    reqs = inst["requests"]
    # locations: one per depot, then one per request
    depot_ids = list(depots)
    locs = [depots[d]["location"] for d in depot_ids] + [schools[r["school"]]["location"] for r in reqs]
    n_dep = len(depot_ids)
    n = len(locs)
    km = [[road_km(locs[i], locs[j], travel) for j in range(n)] for i in range(n)]
    tmin = [[math.ceil(km[i][j] / travel["speedKmh"] * 60 - 1e-9) for j in range(n)] for i in range(n)]

    def allowed(r, t, iso):
        if not any(w["from"] <= iso <= w["to"] for w in r["windows"]):
            return False
        if iso in r["excludedDates"]:
            return False
        return True

    # keep only truck-days some request may use
    cand = {i: [] for i in range(len(reqs))}
    used_days = []
    for t, iso in days:
        vs = [i for i, r in enumerate(reqs) if allowed(r, t, iso)]
        if vs:
            v = len(used_days)
            used_days.append((t, iso))
            for i in vs:
                cand[i].append(v)
    nv = len(used_days)
    starts = [depot_ids.index(t["depot"]) for t, _ in used_days]
    manager = pywrapcp.RoutingIndexManager(n, nv, starts, starts)
    routing = pywrapcp.RoutingModel(manager)

    def node_of(index):
        return manager.IndexToNode(index)

    km_m = [[int(round(km[i][j] * 1000)) for j in range(n)] for i in range(n)]
    dist_cb = routing.RegisterTransitCallback(lambda a, b: km_m[node_of(a)][node_of(b)])
    routing.SetArcCostEvaluatorOfAllVehicles(dist_cb)

    def service_after(node):  # minutes from the session start at node to leaving it
        if node < n_dep:
            return 0
        r = reqs[node - n_dep]
        return r["sessionMinutes"] + r["teardownMinutes"]

    def setup_of(node):
        return 0 if node < n_dep else reqs[node - n_dep]["setupMinutes"]

    def time_cb(a, b):
        i, j = node_of(a), node_of(b)
        return service_after(i) + tmin[i][j] + setup_of(j)

    time_idx = routing.RegisterTransitCallback(time_cb)
    routing.AddDimension(time_idx, 24 * 60, 24 * 60, False, "Time")
    time_dim = routing.GetDimensionOrDie("Time")
    for v, (t, _) in enumerate(used_days):
        s, e = minutes(t["shift"]["start"]), minutes(t["shift"]["end"])
        time_dim.CumulVar(routing.Start(v)).SetRange(s, e)
        time_dim.CumulVar(routing.End(v)).SetRange(s, e)
    count_idx = routing.RegisterUnaryTransitCallback(lambda a: 0 if node_of(a) < n_dep else 1)
    routing.AddDimensionWithVehicleCapacity(count_idx, 0, [t["maxVisitsPerDay"] for t, _ in used_days], True, "Count")

    for i, r in enumerate(reqs):
        index = manager.NodeToIndex(n_dep + i)
        lo = minutes(r["earliestStart"])
        hi = minutes(r["latestEnd"]) - r["sessionMinutes"]
        vs = cand[i]
        if hi < lo or not vs:
            routing.AddDisjunction([index], DROP_PENALTY * r["priority"])
            routing.VehicleVar(index).SetValues([-1])
            continue
        time_dim.CumulVar(index).SetRange(lo, hi)
        routing.VehicleVar(index).SetValues([-1] + vs)
        routing.AddDisjunction([index], DROP_PENALTY * r["priority"])

    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION
    params.local_search_metaheuristic = {
        "guided": routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH,
        "tabu": routing_enums_pb2.LocalSearchMetaheuristic.TABU_SEARCH,
        "sa": routing_enums_pb2.LocalSearchMetaheuristic.SIMULATED_ANNEALING,
    }[meta]
    params.time_limit.seconds = seconds
    sol = routing.SolveWithParameters(params)
    if sol is None:
        print("ortools: no solution", file=sys.stderr)
        sys.exit(1)

    routes = []
    served = set()
    for v, (t, iso) in enumerate(used_days):
        index = routing.Start(v)
        seq = []
        index = sol.Value(routing.NextVar(index))
        while not routing.IsEnd(index):
            seq.append(node_of(index) - n_dep)
            index = sol.Value(routing.NextVar(index))
        if not seq:
            continue
        dep = depot_ids.index(t["depot"])
        clock = minutes(t["shift"]["start"])
        prev = dep
        stops = []
        for i in seq:
            r = reqs[i]
            arrive = clock + tmin[prev][n_dep + i]
            start = max(arrive + r["setupMinutes"], minutes(r["earliestStart"]))
            end = start + r["sessionMinutes"]
            leave = end + r["teardownMinutes"]
            stops.append({"request": r["id"], "arrive": hhmm(arrive), "start": hhmm(start), "end": hhmm(end), "leave": hhmm(leave)})
            served.add(i)
            clock = leave
            prev = n_dep + i
        routes.append({"truck": t["id"], "date": iso, "depart": t["shift"]["start"], "return": hhmm(clock + tmin[prev][dep]), "stops": stops})
    unassigned = [{"request": r["id"], "reason": "not planned by OR-Tools"} for i, r in enumerate(reqs) if i not in served]
    json.dump({"format": "techniekwagen-plan/1", "instance": inst["name"], "routes": routes, "unassigned": unassigned}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
