"""The image's kernel manager: a student clicking from notebook to notebook leaves a Java kernel behind each
(250-450 MiB idle, about 1 GB after notebook 04), and Binder's 2 GB covers all of them and the server. Before a
kernel starts, the least recently used idle kernels are shut down, oldest first, until what the server and its
kernels hold plus one notebook at its peak fits the session's memory limit. A shut-down kernel loses its
variables, never its notebook: the student picks the kernel again and re-runs the cells (docs/docker.md).

Configured in jupyter_server_config.json (ServerApp.kernel_manager_class); the limit is the one limits.sh
reads (the cgroup's, then JupyterHub's MEM_LIMIT), or MemoryBudgetKernelManager.memory_limit. No limit: no
budget, only the idle culling.
"""

import os
import subprocess
from pathlib import Path

import psutil
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Int

LIMITS = Path(__file__).resolve().parent.parent / "limits.sh"
MiB = 1 << 20


def session_memory_limit():
    """The session's memory limit in bytes (limits.sh memory), or 0 if it has none."""
    out = subprocess.run(["bash", str(LIMITS), "memory"], capture_output=True, text=True).stdout.strip()
    return int(out) if out.isdigit() else 0


def memory_in_use(pid=None, count_kernels=False):
    """Resident memory of the server and every process it started (kernels and their children), in bytes;
    with count_kernels, (bytes, number of Java kernels). A process that ends while it is read counts as gone."""
    server = psutil.Process(pid or os.getpid())
    try:
        processes = [server, *server.children(recursive=True)]
    except psutil.Error:
        processes = [server]
    total = kernels = 0
    for process in processes:
        try:
            total += process.memory_info().rss
            kernels += process.name().startswith("java")
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return (total, kernels) if count_kernels else total


def kernels_to_shut_down(idle_kernels, in_use, room_needed, limit):
    """Which idle kernels to shut down, least recently used first, so that in_use + room_needed <= limit.
    idle_kernels: (kernel id, last activity, resident bytes) tuples."""
    chosen = []
    for kernel_id, _, resident in sorted(idle_kernels, key=lambda k: k[1]):
        if in_use + room_needed <= limit:
            break
        chosen.append(kernel_id)
        in_use -= resident
    return chosen


class MemoryBudgetKernelManager(AsyncMappingKernelManager):
    memory_limit = Int(0, config=True,
                       help="The session's memory in bytes; 0: the cgroup's limit, then MEM_LIMIT (limits.sh).")
    notebook_peak = Int(1200 * MiB, config=True,
                        help="Room kept for the kernel being started: the most one notebook holds (04: ~1.1 GB).")

    async def start_kernel(self, *args, **kwargs):
        await self._make_room()
        return await super().start_kernel(*args, **kwargs)

    async def _make_room(self):
        limit = self.memory_limit or session_memory_limit()
        if not limit:
            return
        idle = []
        for kernel_id in self.list_kernel_ids():
            kernel = self.get_kernel(kernel_id)
            if getattr(kernel, "execution_state", None) == "idle":
                idle.append((kernel_id, kernel.last_activity, self._resident(kernel)))
        in_use = memory_in_use()
        resident = {kernel_id: size for kernel_id, _, size in idle}
        for kernel_id in kernels_to_shut_down(idle, in_use, self.notebook_peak, limit):
            self.log.warning("Memory budget: %d MiB in use of %d MiB, a new kernel needs up to %d MiB: shutting "
                             "down the idle kernel %s (least recently used, %d MiB); its notebook is kept.",
                             in_use // MiB, limit // MiB, self.notebook_peak // MiB, kernel_id,
                             resident[kernel_id] // MiB)
            await self.shutdown_kernel(kernel_id)
            in_use -= resident[kernel_id]

    @staticmethod
    def _resident(kernel):
        """The kernel process's resident memory and its children's, in bytes (0 if it is gone)."""
        pid = getattr(kernel.provisioner, "pid", None) if getattr(kernel, "provisioner", None) else None
        try:
            return memory_in_use(pid) if pid else 0
        except psutil.NoSuchProcess:
            return 0
