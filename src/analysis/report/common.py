"""What the municipal report and the annex share: data root, sources panel, banner, codings line.

Each piece comes in two halves, as every section of the reports: a function that gathers the facts
(a frozen dataclass, no words) and a view that turns them into blocks in one language. File names
and other text from inputs only ever reach the page inside blocks, which the renderer escapes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from analysis.core import paths
from analysis.core.format import Language, format_number
from analysis.narrative import say
from analysis.qual.codebook import Codebook, load_codebook
from analysis.qual.codings import CodingImport
from analysis.qual.project_codebook import ProjectCodebook
from analysis.report.blocks import Banner, Block, Bullets, Group, Heading, Paragraph
from analysis.sources import raw

#: How much of a sha256 the panel shows; the full checksum is in the manifest.
SHA256_SHOWN = 16


def use_data_dir(data_dir: str) -> None:
    """Point this process at another data root (a notebook parameter; empty keeps the default)."""
    if data_dir:
        os.environ[paths.DATA_ENV] = str(Path(data_dir).expanduser().resolve())


def codebook_in_use(coded: CodingImport) -> Codebook:
    """The codebook the codings were checked against: the project's own when the import carries one.

    An import of a researcher's QDA project may carry that project's codebook (``coded.codebook``);
    otherwise the codings were checked against the default ``config/codebook.yaml``.
    """
    return coded.codebook if coded.codebook is not None else load_codebook()


# --- the illustrative banner --------------------------------------------------------------------


def illustrative_banner(language: Language = "nl") -> Banner:
    """The red box on every page (and above every figure) drawn from illustrative codings."""
    return Banner(say("common.banner.illustrative", language))


# --- where the codings come from ----------------------------------------------------------------


@dataclass(frozen=True)
class CodingsOrigin:
    """The codings file a report read, and what became of its codings."""

    file_name: str  #: the file's name only (never the folder: it may reveal a user's home)
    codebook_version: str  #: as the import recorded it (``codebook.yaml v1.0.0``); for messages, not pages
    n_read: int
    n_accepted: int
    n_rejected: int
    is_illustrative: bool
    project_codebook_file: str = ""  #: the QDA export whose own codebook was used, else ""


def _project_codebook_file(coded: CodingImport) -> str:
    """The file a QDA project's own codebook came from (the export itself when not recorded), else ""."""
    if not isinstance(coded.codebook, ProjectCodebook):
        return ""
    return (coded.codebook.path or Path(coded.source)).name


def codings_origin(coded: CodingImport) -> CodingsOrigin:
    """The facts of one codings import that a report states beside its themes and sources."""
    return CodingsOrigin(
        file_name=Path(coded.source).name,
        codebook_version=coded.codebook_version,
        # A project codebook's ``name`` carries a fixed English-Dutch suffix; the page words it instead.
        project_codebook_file=_project_codebook_file(coded),
        n_read=int(coded.n_read),
        n_accepted=len(coded.accepted),
        n_rejected=len(coded.rejected),
        is_illustrative=bool(coded.is_illustrative),
    )


def codebook_label(origin: CodingsOrigin, language: Language = "nl") -> str:
    """The codebook the codings were checked against, in words: a QDA project's own, or the versioned file."""
    if origin.project_codebook_file and origin.project_codebook_file == origin.file_name:  # its own codebook
        return say("common.codings.own_project_codebook", language)
    if origin.project_codebook_file:
        return say("common.codings.project_codebook", language, file_name=origin.project_codebook_file)
    return origin.codebook_version or say("common.codings.no_codebook_version", language)


def codings_origin_paragraph(origin: CodingsOrigin, language: Language = "nl") -> Paragraph:
    """One paragraph: the file, the codebook, how many codings were read, accepted and rejected."""
    sentences = [
        say(
            "common.codings.origin",
            language,
            file_name=origin.file_name,
            codebook=codebook_label(origin, language),
        ),
        say(
            "common.codings.counts_one" if origin.n_read == 1 else "common.codings.counts",
            language,
            n_read=format_number(origin.n_read, 0, language),
            n_accepted=format_number(origin.n_accepted, 0, language),
            n_rejected=format_number(origin.n_rejected, 0, language),
        ),
    ]
    if origin.n_rejected:
        sentences.append(say("common.codings.rejected_hint", language))
    if origin.is_illustrative:
        sentences.append(say("common.codings.illustrative", language))
    return Paragraph(" ".join(sentences), lead=say("common.codings.lead", language))


# --- the sources panel --------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceFile:
    """One raw file as the manifest records it."""

    key: str  #: ``<source>/<file>``
    retrieved_utc: str
    origin: str
    sha256: str


@dataclass(frozen=True)
class SourceRecord:
    """One source a report used: how to cite it and the raw files it came in."""

    name: str
    title: str
    citation: str  #: the publisher's attribution without the leading "Bron: "
    online: str
    files: tuple[SourceFile, ...]


def source_records(names: Iterable[str] | None = None) -> tuple[SourceRecord, ...]:
    """The sources ``names`` (default: every source of the raw layer) with their manifest entries.

    Raises:
        KeyError: a name is not a source of :data:`analysis.sources.raw.SOURCES`.
    """
    manifest = raw.read_manifest()
    records = []
    for name in list(raw.SOURCES) if names is None else list(names):
        source = raw.SOURCES[name]
        files = tuple(
            SourceFile(key, str(entry["retrieved_utc"]), str(entry["origin"]), str(entry["sha256"]))
            for key, entry in sorted(manifest.items())
            if key.startswith(f"{name}/") and not key.endswith("PROVENANCE.md")
        )
        records.append(
            SourceRecord(
                name=name,
                title=source.title,
                citation=source.citation.removeprefix("Bron: "),
                online=source.online,
                files=files,
            )
        )
    return tuple(records)


def sources_blocks(
    records: Iterable[SourceRecord], codings: CodingsOrigin | None = None, language: Language = "nl"
) -> list[Block]:
    """The sources panel: per source its citation and origin, its raw files with date and sha256.

    ``codings`` adds the codings file (its name as plain text) and its codebook.
    """
    blocks: list[Block] = [
        Heading(say("common.sources.heading", language)),
        Paragraph(say("common.sources.intro", language)),
    ]
    for record in records:
        citation = say("common.sources.citation", language, citation=record.citation)
        files = [
            say(
                "common.sources.file",
                language,
                file=f.key,
                retrieved=f.retrieved_utc,
                origin=f.origin,
                sha256=f.sha256[:SHA256_SHOWN],
            )
            for f in record.files
        ] or [say("common.sources.file_missing", language, name=record.name)]
        files.append(say("common.sources.provenance", language, name=record.name))
        blocks.append(
            Group(
                (
                    Paragraph(
                        say("common.sources.source", language, citation=citation, online=record.online),
                        lead=f"{record.title}.",
                    ),
                    Bullets(files),
                )
            )
        )
    if codings is not None:
        blocks.append(codings_origin_paragraph(codings, language))
    return blocks
