"""A quiet terminal: log records, Python warnings and the kernels' output go to the run's log file.

The terminal keeps the progress bar and the summary; the summary names the log file
(``<output>/run.log``), which holds each report's outcome and reason, tracebacks of failures, and
what third-party libraries print (the kernels' "running over TCP without encryption" warnings).
"""

from __future__ import annotations

import logging
import os
import warnings
from pathlib import Path

from analysis.pipeline import lifetime


class log_to:  # noqa: N801 - used as a context manager like a function
    """Send this process's log records and Python warnings to ``path`` for the ``with`` block."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> Path:
        self.path.write_text("", encoding="utf-8")  # a new log per run
        # Append mode: the workers write into the same file (O_APPEND), and a handler that kept its
        # own offset would overwrite their lines.
        self.handler = logging.FileHandler(self.path, mode="a", encoding="utf-8")
        self.handler.setFormatter(logging.Formatter("%(asctime)s %(processName)s %(name)s %(levelname)s %(message)s"))
        self.root = logging.getLogger()
        self.old_level = self.root.level
        self.root.addHandler(self.handler)
        self.root.setLevel(logging.INFO)
        logging.captureWarnings(True)
        return self.path

    def __exit__(self, *_exc: object) -> None:
        logging.captureWarnings(False)
        self.root.removeHandler(self.handler)
        self.root.setLevel(self.old_level)
        self.handler.close()


def init_worker(parent_pid: int, log_path: str | None, shared_codings: str = "") -> None:
    """Worker start: die with the main process; its and its kernels' output go to the run's log.

    ``shared_codings``: the run's one checked copy of the codings (``analysis.qual.codings_cache``),
    named in the environment the worker's kernels inherit.
    """
    lifetime.init_worker(parent_pid)
    if shared_codings:
        from analysis.qual.codings_cache import CACHE_ENV

        os.environ[CACHE_ENV] = shared_codings
    if log_path:
        descriptor = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        os.dup2(descriptor, 1)  # kernels inherit these descriptors: their warnings land in the log too
        os.dup2(descriptor, 2)
        os.close(descriptor)
        logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(name)s %(levelname)s %(message)s")
        logging.captureWarnings(True)
    warnings.simplefilter("default")
