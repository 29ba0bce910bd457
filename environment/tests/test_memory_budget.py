"""The image's kernel manager (environment/docker/memory_budget.py) shuts down idle kernels, least recently
used first, only as far as one more notebook needs to fit the session's memory limit."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docker"))
import memory_budget  # noqa: E402

MiB = 1 << 20
LIMIT = 2000 * MiB
PEAK = 1200 * MiB
# (kernel id, last activity, resident bytes): "b" is the least recently used.
IDLE = [("a", 20, 400 * MiB), ("b", 10, 300 * MiB), ("c", 30, 500 * MiB)]


def test_nothing_is_shut_down_while_one_more_notebook_fits():
    assert memory_budget.kernels_to_shut_down(IDLE, 800 * MiB, PEAK, LIMIT) == []


def test_the_least_recently_used_idle_kernels_go_first_and_only_as_many_as_needed():
    # 1,400 MiB in use + 1,200 for the new kernel: 600 too many; b (300) then a (400) free enough.
    assert memory_budget.kernels_to_shut_down(IDLE, 1400 * MiB, PEAK, LIMIT) == ["b", "a"]


def test_when_even_all_idle_kernels_are_not_enough_all_go_and_the_kernel_still_starts():
    assert memory_budget.kernels_to_shut_down(IDLE, 3000 * MiB, PEAK, LIMIT) == ["b", "a", "c"]


def test_the_server_counts_itself_and_every_process_it_started():
    assert memory_budget.memory_in_use() > 10 * MiB


def test_the_servers_configuration_names_this_kernel_manager_and_it_imports():
    import json
    config = json.loads((Path(memory_budget.__file__).parent / "jupyter_server_config.json").read_text())
    module, name = config["ServerApp"]["kernel_manager_class"].rsplit(".", 1)
    assert module == "memory_budget" and hasattr(memory_budget, name)
