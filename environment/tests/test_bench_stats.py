"""The benchmark's statistics (bench/stats.py): no timing, no torch, no JVM.

They protect what makes ./course bench honest: every contender runs once per round in a shuffled order,
goals are medians of per-round ratios with their range, "best PyTorch" is the best row of each round,
and runs from two CPUs never meet in one report."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import stats  # noqa: E402

NAMES = ["DJL MXNet · kit", "DJL PyTorch · kit", "PyTorch (Python) · plain", "PyTorch (Python) · fused", "Keras"]


def test_each_round_runs_every_contender_once():
    for order in stats.round_orders(NAMES, 9, seed=1234):
        assert sorted(order) == sorted(NAMES)


def test_orders_differ_between_rounds_and_replay_from_the_seed():
    orders = stats.round_orders(NAMES, 9, seed=1234)
    assert len({tuple(o) for o in orders}) > 1
    assert any(a != b for a, b in zip(orders, orders[1:]))
    assert stats.round_orders(NAMES, 9, seed=1234) == orders
    assert stats.round_orders(NAMES, 9, seed=99) != orders


def test_ratio_medians_are_taken_over_rounds_not_over_medians():
    # The kit is ahead in 2 of 3 rounds; the ratio of the medians (200/200 = 1.0) would hide that.
    kit = [100, 200, 300]
    keras = [50, 400, 150]
    ratios = stats.per_round_ratios(kit, keras)
    assert ratios == [2.0, 0.5, 2.0]
    s = stats.ratio_spread(kit, keras)
    assert (s["median"], s["min"], s["max"], s["n"]) == (2.0, 0.5, 2.0, 3)


def test_ratios_of_times_read_as_speed_and_missing_rounds_stay_aligned():
    xor_mxnet_ms = [2.0, None, 1.0]
    xor_torch_ms = [1.0, 1.0, 0.5]
    assert stats.per_round_ratios(xor_mxnet_ms, xor_torch_ms, lower_is_better=True) == [0.5, None, 0.5]
    assert stats.ratio_spread(xor_mxnet_ms, xor_torch_ms, lower_is_better=True)["n"] == 2


def test_spread_of_throughputs():
    s = stats.spread([3.0, None, 1.0, 2.0])
    assert (s["median"], s["min"], s["max"], s["n"]) == (2.0, 1.0, 3.0, 3)
    assert stats.spread([None]) is None


def test_best_pytorch_is_the_best_row_of_each_round():
    rows = {"plain": [100, 300, None], "channels_last": [150, 200, 90], "fused": [120, 250, 80]}
    best, who = stats.best_per_round(rows)
    assert best == [150, 300, 90]
    assert who == ["channels_last", "plain", "channels_last"]
    best, who = stats.best_per_round({"plain": [1.0, 0.4], "foreach": [0.5, 0.6]}, lower_is_better=True)
    assert best == [0.5, 0.4] and who == ["foreach", "plain"]


def run(cpu):
    return {"machine": {"cpu": cpu}}


def test_runs_from_one_cpu_may_be_reported_together():
    assert stats.same_machine([run("AMD EPYC 9R14"), run("AMD EPYC 9R14")]) == "AMD EPYC 9R14"


def test_the_report_refuses_to_mix_two_cpu_models():
    with pytest.raises(stats.MixedRuns, match="different CPUs"):
        stats.same_machine([run("AMD EPYC 9R14"), run("Intel(R) Xeon(R) Platinum 8375C")])


# The report's side (bench/bench.py, imported without measuring anything).
import bench  # noqa: E402


def synthetic_run(cpu="AMD EPYC 9R14"):
    def row(values):
        return {"values": values, "spread": stats.spread(values), "median": stats.spread(values)["median"]}

    torch_rows = {"PyTorch (Python) · plain": [100, 100, 100], "PyTorch (Python) · fused": [200, 50, 100]}
    best, who = stats.best_per_round(torch_rows)
    cnn = {"_best_pytorch": {"values": best, "who": who}, bench.KERAS_STEP: row([100, 200, 100]),
           bench.KERAS_FIT: row([50, 100, 100]), "DJL PyTorch · engine": dict(row([50, 50, 50]), vs_best_pytorch=stats.ratio_spread([50, 50, 50], best)),
           bench.KIT["MXNet"]: row([150, 100, 90]), **{k: row(v) for k, v in torch_rows.items()}}
    cnn[bench.KIT["PyTorch"]] = dict(row([100, 100, 100]), vs_best_pytorch=stats.ratio_spread([100, 100, 100], best))
    xor = {"_best_pytorch": {"values": [0.5, 0.5, 0.5], "who": ["plain"] * 3}, bench.XOR_KIT: row([1.0, 0.5, 0.25])}
    return {"machine": {"cpu": cpu}, "batches": [32], "cnn": {"32": cnn}, "xor": xor, "goals": []}


def test_goals_are_medians_of_per_round_ratios_on_the_kit_rows():
    goals = {g[0]: g for g in bench.goals(synthetic_run())}
    keras = goals["batch 32: kit (DJL MXNet) ÷ Keras ≥ 1.0"]
    assert keras[1].startswith("0.90 (0.50–1.50), 3 rounds") and keras[2] == "no"
    like = goals["batch 32, like for like: kit (DJL MXNet) ÷ Keras `model.fit` with validation ≥ 1.0"]
    assert like[1].startswith("1.00 (0.90–3.00), 3 rounds") and like[2] == "yes"
    engine = goals["batch 32, like for like: DJL PyTorch on a fixed batch ÷ best PyTorch ≥ 1.0"]
    assert engine[1].startswith("0.50 (0.25–0.50)") and engine[2] == "no"
    torch = goals["batch 32: kit (DJL PyTorch) ÷ best PyTorch ≥ 1.0"]
    assert torch[1].startswith("1.00 (0.50–1.00)") and torch[2] == "yes"
    xor = goals["XOR step time: DJL MXNet (notebook 03's loop) ÷ best PyTorch ≤ 1.0"]
    assert xor[1].startswith("1.00 (0.50–2.00)") and xor[2] == "yes"


def test_before_and_after_refuses_runs_of_another_cpu():
    after = synthetic_run("AMD EPYC 9R14")
    after["goals"] = bench.goals(after)
    assert bench.before_after(synthetic_run("AMD EPYC 9R14"), after)
    with pytest.raises(stats.MixedRuns):
        bench.before_after(synthetic_run("Intel(R) Xeon(R) CPU @ 2.20GHz"), after)


def test_nominal_clock_comes_from_the_model_name():
    assert bench.nominal_mhz("Intel(R) Xeon(R) CPU @ 2.20GHz") == 2200
