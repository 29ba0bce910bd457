"""The benchmark's arithmetic, apart from any measuring (so that environment/tests/test_bench_stats.py can check it
without torch, a JVM or a clock): shuffled round orders, per-round ratios, "best PyTorch" per round, and the rule
that runs from two different CPUs are never mixed in one report."""

import random
import statistics


def round_orders(names, rounds, seed):
    """One freshly shuffled order of `names` per round, from `seed` (printed by the harness, so a run can be replayed).

    Shuffling, not rotating: with a fixed rotation a contender always follows the same neighbour, whose leftover
    heat, caches or spinning threads then bias it the same way in every round."""
    rng = random.Random(seed)
    orders = []
    for _ in range(rounds):
        order = list(names)
        rng.shuffle(order)
        orders.append(order)
    return orders


def spread(values):
    """Median and range of the numbers given (None ignored): {"median", "min", "max", "n"}, or None if there are none."""
    found = [v for v in values if v is not None]
    if not found:
        return None
    return {"median": statistics.median(found), "min": min(found), "max": max(found), "n": len(found)}


def per_round_ratios(mine, theirs, lower_is_better=False):
    """mine ÷ theirs round by round, as "times as fast" (inverted for times, where lower is better);
    a round where either is missing gives None, so the rounds stay aligned."""
    ratios = []
    for a, b in zip(mine, theirs):
        if not a or not b:
            ratios.append(None)
        else:
            ratios.append(b / a if lower_is_better else a / b)
    return ratios


def best_per_round(rows, lower_is_better=False):
    """The best of several contenders in each round: rows is {name: [value per round]}; returns
    ([best value per round], [name of the best per round]). A missing value (None) never wins."""
    rounds = max((len(v) for v in rows.values()), default=0)
    best, who = [], []
    for r in range(rounds):
        found = [(v[r], name) for name, v in rows.items() if r < len(v) and v[r]]
        if not found:
            best.append(None)
            who.append(None)
            continue
        value, name = (min if lower_is_better else max)(found)
        best.append(value)
        who.append(name)
    return best, who


def ratio_spread(mine, theirs, lower_is_better=False):
    """Median and range of the per-round ratios mine ÷ theirs (see per_round_ratios)."""
    return spread(per_round_ratios(mine, theirs, lower_is_better))


class MixedRuns(ValueError):
    """Two runs measured on different CPUs were about to be put in one report."""


def same_machine(runs):
    """The CPU model all `runs` were measured on; raises MixedRuns if they differ (numbers from two machines
    are not comparable, and a report that mixes them says nothing)."""
    models = {run["machine"]["cpu"] for run in runs}
    if len(models) != 1:
        raise MixedRuns("these runs come from different CPUs (" + ", ".join(sorted(models)) +
                        "): compare runs from one machine only.")
    return models.pop()
