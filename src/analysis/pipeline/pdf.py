"""Print a rendered report (HTML) to PDF with headless Chromium, as Debian packages it.

Without Chromium, :func:`print_to_pdf` prints with WeasyPrint (``analysis.pipeline.pdf_weasyprint``).

The report is data from outside (codings file names, fragments), so the printer trusts nothing in it:

- JavaScript is off (the DevTools command ``Emulation.setScriptExecutionDisabled`` before the page
  loads; the ``--blink-settings=scriptEnabled=false`` switch makes Debian's Chromium 156 print
  nothing at all, and ``--disable-javascript`` is no Chromium switch);
- the page is not opened from disk: Chromium asks for ``http://report.invalid/…`` and this module
  answers every request itself (``Fetch`` interception) with the report's HTML or a file under its
  own ``figures/`` folder, and refuses every other request. An ``http`` page may not load ``file:``
  URLs, so nothing else on the machine is within reach, and no socket or server is opened;
- a Content-Security-Policy (header and ``<meta>``) allows only inline styles and images, so even
  with scripting switched on no script, frame or object would load.

Chromium runs with a fresh temporary profile and no network side traffic, and the PDF goes to a
temporary file that is renamed into place only when it is complete. Print rules (A4, figures and
table rows kept whole, colours kept) are injected into the copy that Chromium sees; the report
file itself is not changed.
"""

from __future__ import annotations

import base64
import fcntl
import json
import mimetypes
import os
import re
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from analysis.pipeline.lifetime import die_with_parent
from analysis.pipeline.print_style import PRINT_RULES

#: Executable names of Chromium on Debian (``chromium``) and Ubuntu/others (``chromium-browser``).
CHROMIUM_NAMES: tuple[str, ...] = ("chromium", "chromium-browser")
#: Flags for a quiet, reproducible headless run that touches no network service of its own.
CHROMIUM_FLAGS: tuple[str, ...] = (
    "--headless",
    "--remote-debugging-pipe",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-proxy-server",
)
#: The origin the report is served under; ``.invalid`` never resolves, and no request leaves anyway.
REPORT_ORIGIN = "http://report.invalid"
#: Only inline styles and images (embedded or from the report's own figures folder).
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:"
)
#: The print rules (shared with the WeasyPrint fallback) as the ``<style>`` element Chromium reads.
PRINT_CSS = f'<style media="print">{PRINT_RULES}</style>'


class PdfUnavailable(RuntimeError):
    """No Chromium to print with, or Chromium did not produce a PDF."""


def find_chromium() -> str:
    """Path of the Chromium executable.

    Raises:
        PdfUnavailable: none of :data:`CHROMIUM_NAMES` is on PATH.
    """
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise PdfUnavailable(
        "printing to PDF needs headless Chromium, which is not installed: "
        "run `apt-get install chromium` (Debian) or put `chromium-browser` on PATH"
    )


def with_print_css(html: str) -> str:
    """The HTML with the content security policy and the print rules at the start of its head.

    The policy goes first, so that it covers everything after it; a second policy inside the report
    could only narrow it (browsers enforce every policy they see).
    """
    head = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">{PRINT_CSS}'
    match = re.search(r"<head[^>]*>", html, re.IGNORECASE)
    if match:
        return html[: match.end()] + head + html[match.end() :]
    return head + html


def sandbox_flags() -> list[str]:
    """Chromium's own sandbox where it can work.

    Chromium refuses to start its sandbox as root, and CI (and these machines) run as root, so there
    it runs with ``--no-sandbox``. That is why the page gets no script and no file access above: the
    sandbox would be a second wall, and as root it is not there.
    """
    return ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


class _DevTools:
    """The DevTools protocol over ``--remote-debugging-pipe``: JSON messages ended by NUL bytes."""

    def __init__(self, to_chromium: int, from_chromium: int, answer_request) -> None:
        self._write = to_chromium
        self._read = from_chromium
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict] = []
        self._answer_request = answer_request

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> int:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            data = data[os.write(self._write, data) :]
        return self._next_id

    def call(self, method: str, params: dict | None = None, session: str | None = None, deadline: float = 0) -> dict:
        """Send a command and wait for its result, answering page requests meanwhile."""
        wanted = self.send(method, params, session)
        while True:
            message = self._receive(deadline)
            if message.get("id") == wanted:
                if "error" in message:
                    raise PdfUnavailable(f"Chromium refused {method}: {message['error'].get('message', '')}")
                return message.get("result", {})

    def wait_event(self, method: str, deadline: float) -> dict:
        """Wait for the event ``method``, answering page requests meanwhile."""
        while True:
            for index, event in enumerate(self._events):
                if event.get("method") == method:
                    return self._events.pop(index)
            self._receive(deadline)

    def _receive(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise PdfUnavailable("Chromium did not answer in time")
            ready, _, _ = select.select([self._read], [], [], remaining)
            if ready:
                chunk = os.read(self._read, 1 << 20)
                if not chunk:
                    raise PdfUnavailable("Chromium ended before the PDF was printed")
                self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message = json.loads(raw)
        if message.get("method") == "Fetch.requestPaused":
            self._answer_request(self, message)
        elif "method" in message:
            self._events.append(message)
        return message


class _ReportServer:
    """Answers Chromium's requests: the printable HTML, files under the report's figures folder, nothing else."""

    def __init__(self, html: str, report_dir: Path) -> None:
        self.html = html.encode("utf-8")
        self.figures = (report_dir / "figures").resolve()
        self.refused: list[str] = []

    def body_for(self, url: str) -> tuple[bytes, str] | None:
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != REPORT_ORIGIN:
            return None
        path = unquote(parts.path)
        if path == "/report.html":
            return self.html, "text/html; charset=utf-8"
        if path.startswith("/figures/"):
            target = (self.figures / path.removeprefix("/figures/")).resolve()
            # resolve() follows symbolic links, so a link out of the folder is caught here too
            if target.is_relative_to(self.figures) and target.is_file():
                return target.read_bytes(), mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        return None

    def __call__(self, devtools: _DevTools, message: dict) -> None:
        params = message["params"]
        session = message.get("sessionId")
        found = self.body_for(params["request"]["url"])
        if found is None:
            self.refused.append(params["request"]["url"])
            devtools.send(
                "Fetch.failRequest", {"requestId": params["requestId"], "errorReason": "BlockedByClient"}, session
            )
            return
        body, content_type = found
        headers = [
            {"name": "Content-Type", "value": content_type},
            {"name": "Content-Security-Policy", "value": CONTENT_SECURITY_POLICY},
        ]
        devtools.send(
            "Fetch.fulfillRequest",
            {
                "requestId": params["requestId"],
                "responseCode": 200,
                "responseHeaders": headers,
                "body": base64.b64encode(body).decode("ascii"),
            },
            session,
        )


def _print_with_chromium(chromium: str, server: _ReportServer, profile: Path, timeout: float) -> bytes:
    """Start Chromium, load the report from ``server`` with scripts off, and return the PDF bytes."""
    to_chromium_read, to_chromium_write = os.pipe()
    from_chromium_read, from_chromium_write = os.pipe()

    def child_setup() -> None:  # runs in the child before exec: the pipe ends Chromium expects on fds 3 and 4
        # Copied above 10 first, so that neither end is overwritten when it already sits on 3 or 4.
        reading = fcntl.fcntl(to_chromium_read, fcntl.F_DUPFD, 10)
        writing = fcntl.fcntl(from_chromium_write, fcntl.F_DUPFD, 10)
        os.dup2(reading, 3)
        os.dup2(writing, 4)
        die_with_parent()  # a killed run leaves no browser behind

    command = [chromium, *CHROMIUM_FLAGS, *sandbox_flags(), f"--user-data-dir={profile}", "about:blank"]
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(3, 4),  # subprocess closes every other descriptor after child_setup
        preexec_fn=child_setup,  # noqa: PLW1509 - only dup2 and prctl, no locks taken
    )
    os.close(to_chromium_read)
    os.close(from_chromium_write)
    devtools = _DevTools(to_chromium_write, from_chromium_read, server)
    deadline = time.monotonic() + timeout
    try:
        target = devtools.call("Target.createTarget", {"url": "about:blank"}, deadline=deadline)["targetId"]
        session = devtools.call("Target.attachToTarget", {"targetId": target, "flatten": True}, deadline=deadline)[
            "sessionId"
        ]
        devtools.call("Emulation.setScriptExecutionDisabled", {"value": True}, session, deadline)
        devtools.call("Fetch.enable", {"patterns": [{"urlPattern": "*"}]}, session, deadline)
        devtools.call("Page.enable", {}, session, deadline)
        navigation = devtools.call("Page.navigate", {"url": f"{REPORT_ORIGIN}/report.html"}, session, deadline)
        if navigation.get("errorText"):
            raise PdfUnavailable(f"Chromium could not open the report: {navigation['errorText']}")
        devtools.wait_event("Page.loadEventFired", deadline)
        printed = devtools.call(
            "Page.printToPDF",
            {"printBackground": True, "preferCSSPageSize": True, "displayHeaderFooter": False},
            session,
            deadline,
        )
        return base64.b64decode(printed["data"])
    finally:
        try:
            devtools.send("Browser.close")
        except OSError:
            pass
        os.close(to_chromium_write)
        os.close(from_chromium_read)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def print_to_pdf(html_path: Path, pdf_path: Path, timeout: float = 180.0) -> Path:
    """Print an HTML report to PDF with headless Chromium, scripts off and no access beyond the report.

    Args:
        html_path: the rendered report; files it links under its folder's ``figures/`` may be shown.
        pdf_path: where the PDF goes; written to a temporary name first, then renamed.
        timeout: seconds Chromium may take before it is stopped.

    Returns:
        ``pdf_path``.

    Raises:
        PdfUnavailable: Chromium failed or wrote no PDF, or there is no Chromium and WeasyPrint failed too.
    """
    html_path, pdf_path = Path(html_path), Path(pdf_path)
    try:
        chromium = find_chromium()
    except PdfUnavailable as no_chromium:
        # Chromium stays the first choice; a fresh machine has only what pip installs.
        from analysis.pipeline.pdf_weasyprint import WeasyPrintUnavailable, print_with_weasyprint

        try:
            return print_with_weasyprint(html_path, pdf_path)
        except WeasyPrintUnavailable as also_failed:
            raise PdfUnavailable(f"{no_chromium}; and without it: {also_failed}") from None
    server = _ReportServer(with_print_css(html_path.read_text(encoding="utf-8")), html_path.parent)
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=pdf_path.parent, prefix=f".{pdf_path.name}.", suffix=".pdf")
    os.close(handle)
    try:
        with tempfile.TemporaryDirectory(prefix="annex-pdf-") as work:
            try:
                data = _print_with_chromium(chromium, server, Path(work) / "profile", timeout)
            except PdfUnavailable as error:
                raise PdfUnavailable(f"Chromium did not print {html_path}: {error}") from None
        if not data.startswith(b"%PDF-"):
            raise PdfUnavailable(f"Chromium did not print {html_path}: no PDF came back")
        Path(partial).write_bytes(data)
        os.chmod(partial, 0o644)  # mkstemp creates 0600; the PDF is for every reader
        os.replace(partial, pdf_path)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return pdf_path
