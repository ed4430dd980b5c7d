"""Child processes that die with the process that started them.

A report run is a tree: the main process, its worker processes, each worker's kernel, and Chromium
for the PDF. When the main process is killed (SIGKILL, an OOM kill), nothing runs its clean-up, so
each child must learn of the death itself. On Linux the kernel does that for us: a child that asked
for a parent-death signal (``prctl(PR_SET_PDEATHSIG)``) receives it the moment the thread that
started it ends. The workers also watch their parent's pid from a thread, for the (non-Linux)
systems without prctl and for the short window between fork and the prctl call.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time
from functools import cache

#: ``PR_SET_PDEATHSIG`` from ``<linux/prctl.h>``.
PR_SET_PDEATHSIG = 1


@cache
def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    name = ctypes.util.find_library("c")
    return ctypes.CDLL(name, use_errno=True) if name else None


def die_with_parent(sig: int = signal.SIGKILL) -> bool:
    """Ask the kernel to send ``sig`` to this process when its parent ends.

    Safe to call in ``preexec_fn`` (between fork and exec), where it applies to the program started.

    Returns:
        True when the request was accepted (Linux), False where the system has no such request.
    """
    libc = _libc()
    if libc is None:
        return False
    return libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0


def watch_parent(parent_pid: int, interval_s: float = 0.5) -> threading.Thread:
    """Start a daemon thread that ends this process (and its process group children) when ``parent_pid`` is gone.

    Covers the fork-to-prctl window and systems without a parent-death signal: the parent pid
    changes (to init or a subreaper) as soon as the parent dies.
    """

    def watch() -> None:
        while True:
            if os.getppid() != parent_pid:
                os._exit(1)  # no clean-up: the run this process served is gone
            time.sleep(interval_s)

    thread = threading.Thread(target=watch, name="parent-watch", daemon=True)
    thread.start()
    return thread


def init_worker(parent_pid: int) -> None:
    """Initializer of the report worker processes: die with the main process, by signal and by watch."""
    die_with_parent()
    if os.getppid() != parent_pid:  # the parent died before the request above was in place
        os._exit(1)
    watch_parent(parent_pid)
