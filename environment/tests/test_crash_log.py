"""A JVM crash leaves its log in the temporary folder, never among the notebooks. The kernel starts in the
notebook's folder, and the JVM writes hs_err_pid*.log into its working folder unless told otherwise: a
tester's MXNet crash once left a 235 KB log inside notebooks/. Here a cell crashes the kernel on purpose."""
import time

import pytest

import kernel_runner

CRASH = """
var field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
field.setAccessible(true);
((sun.misc.Unsafe) field.get(null)).putAddress(0, 42);   // a write to address 0: SIGSEGV, as in a native crash
"""


@pytest.mark.kernel
def test_a_crashed_kernel_writes_its_log_to_the_temporary_folder_not_the_notebooks(kit_kernel, tmp_path):
    from jupyter_client import KernelManager
    notebooks, temporary = tmp_path / "notebooks", tmp_path / "tmp"
    notebooks.mkdir()
    temporary.mkdir()
    kernel_runner.use_kit_kernelspec()
    manager = KernelManager(kernel_name=kernel_runner.KERNEL)
    manager.start_kernel(cwd=str(notebooks), env=dict(kernel_runner.kernel_env("MXNet", "fast"), TMPDIR=str(temporary)))
    client = manager.blocking_client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=kernel_runner.STARTUP_TIMEOUT)
        client.execute(CRASH)
        deadline = time.time() + 60
        while manager.is_alive() and time.time() < deadline:
            time.sleep(0.5)
        assert not manager.is_alive(), "the crash cell did not crash the kernel: the test proves nothing"
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    assert not list(notebooks.rglob("hs_err*")), "the JVM's crash log landed in the notebook's folder"
    assert list(temporary.glob("dl-course-hs_err_pid*.log")), "no crash log in the temporary folder"
