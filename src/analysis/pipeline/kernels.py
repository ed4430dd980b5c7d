"""A papermill engine that keeps one warm kernel per worker process.

Starting a kernel and importing pandas, geopandas and matplotlib costs about as much as rendering a
report. The ``warm`` engine starts one kernel per worker, imports the report modules once, and
before each notebook clears the user namespace and the execution counter, so that
every report runs as from a fresh start while imported modules and the processed-data cache
(``analysis.core.layers``) stay loaded. A kernel that died is replaced before the next notebook.
Papermill's own engine (``fresh``: a new kernel per notebook) stays available for full isolation.
"""

from __future__ import annotations

import atexit
import logging
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.blocking import BlockingKernelClient
from jupyter_client.manager import AsyncKernelManager, KernelManager, start_new_kernel
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines

from analysis.pipeline.lifetime import die_with_parent

ENGINE_NAME = "warm"
FRESH_ENGINE_NAME = "fresh"
#: What the municipal report imports, loaded once per kernel. The annex's statistics libraries are
#: left out: most kernels only ever render municipal reports. Modules that do not exist (the report
#: package is being rebuilt) are passed over: preloading only saves time, it changes no result.
PRELOAD_MODULES: tuple[str, ...] = (
    "analysis.report.context",
    "analysis.report.render",
    "analysis.report.municipal_sections",
    "analysis.report.municipal_views",
)
PRELOAD = f"""
import importlib as _importlib, importlib.util as _util
for _module in {PRELOAD_MODULES!r}:
    if _util.find_spec(_module) is not None:
        _importlib.import_module(_module)
del _importlib, _util, _module
"""
# What %reset -f does for the user namespace, without the full garbage collection that it and
# ``displayhook.flush`` run (0.08 s per report; Python's own collector still frees the cycles):
# names defined by the previous notebook and its output history go, imported modules stay.
RESET = """
_ip = get_ipython()
for _n in [n for n in _ip.user_ns if not n.startswith("_") and n not in _ip.user_ns_hidden]:
    _ip.user_ns.pop(_n)
for _n in [n for n in _ip.user_ns if n[:1] == "_" and n[1:].isdigit()]:
    _ip.user_ns.pop(_n)
    _ip.user_ns_hidden.pop(_n, None)
_ip.user_ns.get("_oh", {}).clear()
_ip.displayhook._ = _ip.displayhook.__ = _ip.displayhook.___ = ""
_ip.user_ns.update({"_": "", "__": "", "___": ""})
_ip.execution_count = 1
# Statements only: a final expression would be displayed and kept in the history it just cleared.
for _name in ("_n", "_ip"):
    globals().pop(_name, None)
del _name
"""

log = logging.getLogger(__name__)


@dataclass
class WarmKernel:
    """A running kernel with its client."""

    manager: KernelManager
    client: BlockingKernelClient
    kernel_name: str
    notebooks_run: int = 0

    def run_silently(self, code: str, timeout_s: float = 120) -> None:
        """Execute housekeeping code that leaves no trace in history; raise if it fails."""
        reply = self.client.execute_interactive(
            code, store_history=False, timeout=timeout_s, output_hook=lambda _: None
        )
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"kernel housekeeping failed: {reply['content'].get('evalue', '')}")

    def shutdown(self) -> None:
        """Stop the client channels and the kernel process."""
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)


_KERNELS: dict[tuple[str, str], WarmKernel] = {}


def warm_kernel(kernel_name: str, cwd: Path) -> WarmKernel:
    """This process's kernel for ``kernel_name``, started (and preloaded) on first use or after a death."""
    key = (kernel_name, str(cwd))
    kernel = _KERNELS.get(key)
    if kernel is not None and not kernel.manager.is_alive():
        log.warning("kernel died after %d notebooks; starting a new one", kernel.notebooks_run)
        kernel.client.stop_channels()
        kernel = None
    if kernel is None:
        # No history database: restarting the execution counter for every report would make
        # IPython print "Session/line number was not unique" into the report.
        manager, client = start_new_kernel(
            kernel_name=kernel_name,
            cwd=str(cwd),
            extra_arguments=["--HistoryManager.enabled=False"],
            preexec_fn=die_with_parent,  # the kernel dies with its worker, even by SIGKILL
        )
        kernel = WarmKernel(manager, client, kernel_name)
        kernel.run_silently(PRELOAD)
        _KERNELS[key] = kernel
    return kernel


@atexit.register
def _shutdown_kernels() -> None:
    for kernel in _KERNELS.values():
        try:
            kernel.shutdown()
        except Exception:  # noqa: BLE001 - best effort at interpreter exit
            pass
    _KERNELS.clear()


class WarmKernelEngine(NBClientEngine):
    """Papermill engine executing each notebook in this process's warm, freshly reset kernel."""

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man,
        kernel_name,
        log_output=False,
        stdout_file=None,
        stderr_file=None,
        start_timeout=60,
        execution_timeout=None,
        **kwargs,
    ):
        """Reset the warm kernel's namespace, then let papermill's client run the cells in it."""
        _add_metadata(nb_man, kwargs)
        kernel = warm_kernel(kernel_name, Path(kwargs.get("cwd") or Path.cwd()))
        # Papermill saves the output notebook at every cell start and end so that long runs can be
        # watched; a report takes seconds, and papermill writes the result once at the end (and on
        # an error) anyway. Those saves were a seventh of a report's cost.
        nb_man.save = lambda **_: None
        kernel.run_silently(RESET)
        client = PapermillNotebookClient(
            nb_man,
            km=kernel.manager,
            kernel_name=kernel_name,
            timeout=execution_timeout,
            startup_timeout=start_timeout,
            log=logging.getLogger("papermill"),
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
        )
        # A client of our own: nbclient then neither starts nor shuts down the kernel.
        client.kc = kernel.client
        kernel.notebooks_run += 1
        return client.execute()


class MortalKernelManager(AsyncKernelManager):
    """The kernel manager of the ``fresh`` engine: each new kernel dies with the worker that started it."""

    async def start_kernel(self, **kw):  # noqa: D102 - as the parent, plus the parent-death signal
        kw.setdefault("preexec_fn", die_with_parent)
        return await super().start_kernel(**kw)


class FreshKernelEngine(NBClientEngine):
    """Papermill's own engine (a new kernel per notebook) with mortal kernels and ``notebook_metadata``."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
        """Add the metadata, then run as papermill does, in a kernel that dies with this worker."""
        _add_metadata(nb_man, kwargs)
        kwargs.setdefault("kernel_manager_class", MortalKernelManager)
        return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)


def _add_metadata(nb_man, kwargs: dict) -> None:
    """Put the ``notebook_metadata`` engine argument into the notebook papermill writes.

    So the content key is in the executed notebook from papermill's own (single) write.
    """
    nb_man.nb.metadata.update(kwargs.pop("notebook_metadata", None) or {})


def register() -> None:
    """Make ``engine_name="warm"`` and ``"fresh"`` available to ``papermill.execute_notebook`` in this process."""
    papermill_engines.register(ENGINE_NAME, WarmKernelEngine)
    papermill_engines.register(FRESH_ENGINE_NAME, FreshKernelEngine)
