"""The versioned codebook of themes and codes (``config/codebook.yaml``).

A codebook is a tree: root codes are the themes, every other code names its ``parent``. Loading
validates the whole file and reports every problem at once, each naming the file and the code, so
that a researcher editing the YAML can fix it in one pass.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from analysis.core.paths import CONFIG_DIR

DEFAULT_CODEBOOK: Path = CONFIG_DIR / "codebook.yaml"
MAX_DEPTH = 3
# The project's codebook is some 20 kB; a megabyte leaves room for any hand-written one.
MAX_CODEBOOK_BYTES = 1024 * 1024
ID_PATTERN = re.compile(r"^[A-Z][A-Z0-9_]*(\.[A-Z0-9_]+)*$")

_REQUIRED_FIELDS = ("id", "label_nl", "label_en", "definition")
_OPTIONAL_FIELDS = ("parent", "source", "guid")
_TOP_LEVEL_KEYS = {"version", "codes", "sources"}


class CodebookError(ValueError):
    """The codebook file cannot be read or breaks one of its rules."""


class _AliasRefused(Exception):
    """A YAML alias was met; carries the line for the message."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


class _NoAliasLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` without aliases.

    A hand-written codebook never needs ``*alias``, and nested aliases let a file of a few hundred
    bytes expand into billions of nodes (the "billion laughs" bomb), so the first one stops the load
    before anything is expanded.
    """

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise _AliasRefused(self.peek_event().start_mark.line + 1)
        return super().compose_node(parent, index)


def normalize_label(text: str) -> str:
    """Fold a label for matching: no accents, case-insensitive, single spaces.

    Args:
        text: a label, id or name as typed by a researcher or a QDA program.

    Returns:
        The folded form; ``"Hiërarchische  Opstelling"`` becomes ``"hierarchische opstelling"``.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


@dataclass(frozen=True)
class Code:
    """One code of the codebook."""

    id: str
    parent: str | None
    label_nl: str
    label_en: str
    definition: str
    source: str | None = None
    guid: str | None = None

    def label(self, lang: str = "nl") -> str:
        """The Dutch (``"nl"``) or English (``"en"``) label."""
        return self.label_en if lang == "en" else self.label_nl


@dataclass(frozen=True)
class Codebook:
    """A validated codebook; build it with :func:`load_codebook` or :func:`codebook_from_dict`."""

    version: str
    codes: tuple[Code, ...]
    path: Path | None = None
    sources: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    _by_id: dict[str, Code] = field(init=False, repr=False, compare=False)
    _by_label: dict[str, str] = field(init=False, repr=False, compare=False)
    _by_guid: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {code.id: code for code in self.codes})
        by_label: dict[str, str] = {}
        for code in self.codes:
            for text in (code.id, code.label_nl, code.label_en):
                by_label.setdefault(normalize_label(text), code.id)
        object.__setattr__(self, "_by_label", by_label)
        object.__setattr__(self, "_by_guid", {code.guid.casefold(): code.id for code in self.codes if code.guid})

    def __len__(self) -> int:
        return len(self.codes)

    def __iter__(self) -> Iterator[Code]:
        return iter(self.codes)

    def __contains__(self, code_id: object) -> bool:
        return code_id in self._by_id

    def __getitem__(self, code_id: str) -> Code:
        try:
            return self._by_id[code_id]
        except KeyError:
            raise KeyError(f"code {code_id!r} is not in codebook {self.name}") from None

    @property
    def name(self) -> str:
        """The file the codebook came from (or ``<memory>``) with its version, for messages."""
        where = self.path.name if self.path else "<memory>"
        return f"{where} v{self.version}"

    @property
    def ids(self) -> list[str]:
        """All code ids in file order."""
        return [code.id for code in self.codes]

    def roots(self) -> list[Code]:
        """The themes: codes without a parent, in file order."""
        return [code for code in self.codes if code.parent is None]

    def children(self, code_id: str | None) -> list[Code]:
        """Direct children of ``code_id`` in file order (``None`` gives the roots)."""
        if code_id is not None and code_id not in self:
            raise KeyError(f"code {code_id!r} is not in codebook {self.name}")
        return [code for code in self.codes if code.parent == code_id]

    def descendants(self, code_id: str) -> list[Code]:
        """All codes below ``code_id`` (depth first, file order)."""
        found: list[Code] = []
        for child in self.children(code_id):
            found.append(child)
            found.extend(self.descendants(child.id))
        return found

    def ancestors(self, code_id: str) -> list[Code]:
        """Parents of ``code_id`` from the nearest up to the root (empty for a root)."""
        chain: list[Code] = []
        parent = self[code_id].parent
        while parent is not None:
            code = self[parent]
            chain.append(code)
            parent = code.parent
        return chain

    def theme(self, code_id: str) -> Code:
        """The root (theme) a code belongs to; a root is its own theme."""
        ancestors = self.ancestors(code_id)
        return ancestors[-1] if ancestors else self[code_id]

    def depth(self, code_id: str) -> int:
        """1 for a theme, 2 for its children, and so on."""
        return len(self.ancestors(code_id)) + 1

    def lookup(self, text: str) -> Code | None:
        """Find a code by id, Dutch or English label, ignoring case and accents.

        Args:
            text: e.g. ``"kaderstellen"``, ``"Framing (setting policy frameworks)"`` or ``"raad.volgen"``.

        Returns:
            The code, or ``None`` when nothing matches.
        """
        code_id = self._by_label.get(normalize_label(text))
        return None if code_id is None else self[code_id]

    def by_guid(self, guid: str) -> Code | None:
        """The code whose optional ``guid`` equals ``guid`` (case-insensitive), if any."""
        code_id = self._by_guid.get(guid.casefold())
        return None if code_id is None else self[code_id]

    def to_frame(self) -> pd.DataFrame:
        """One row per code: id, parent, theme, depth, labels, definition, source, guid."""
        return pd.DataFrame(
            {
                "code_id": [c.id for c in self.codes],
                "parent": [c.parent for c in self.codes],
                "theme": [self.theme(c.id).id for c in self.codes],
                "depth": [self.depth(c.id) for c in self.codes],
                "label_nl": [c.label_nl for c in self.codes],
                "label_en": [c.label_en for c in self.codes],
                "definition": [c.definition for c in self.codes],
                "source": [c.source for c in self.codes],
                "guid": [c.guid for c in self.codes],
            }
        )


_LOADED: dict[tuple[str, int] | None, Codebook] = {}


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Read and validate a codebook YAML file.

    Args:
        path: the YAML file; defaults to ``config/codebook.yaml``.

    Returns:
        The validated codebook.

    Raises:
        CodebookError: the file is missing, is not YAML, or breaks a rule. The message lists every
            problem, each with the file name and the offending code.
    """
    path = Path(path) if path is not None else DEFAULT_CODEBOOK
    # Reports in a warm kernel ask for the same codebook hundreds of times; parse it once per version.
    key = (str(path.resolve()), path.stat().st_mtime_ns) if path.exists() else None
    if key in _LOADED:
        return _LOADED[key]
    try:
        if path.stat().st_size > MAX_CODEBOOK_BYTES:
            raise CodebookError(
                f"{path}: {path.stat().st_size} bytes is more than the {MAX_CODEBOOK_BYTES} a codebook may have"
            )
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CodebookError(f"{path}: codebook file not found") from None
    except UnicodeDecodeError as exc:
        raise CodebookError(f"{path}: not UTF-8 at byte {exc.start}; re-save it as UTF-8") from None
    except OSError as exc:
        raise CodebookError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    try:
        data = yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader without aliases
    except _AliasRefused as refused:
        raise CodebookError(
            f"{path}: line {refused.line}: YAML aliases (*name) are not allowed in a codebook; write the "
            "values out (aliases can blow a small file up into billions of entries)"
        ) from None
    except yaml.YAMLError as exc:
        raise CodebookError(f"{path}: not valid YAML: {exc}") from None
    codebook = codebook_from_dict(data, path=path)
    _LOADED[key] = codebook
    return codebook


def codebook_from_dict(data: Any, path: str | Path | None = None) -> Codebook:
    """Validate a parsed codebook (``{"version": ..., "codes": [...]}``) and build it.

    Args:
        data: the parsed YAML document.
        path: where it came from, used in error messages.

    Returns:
        The validated codebook.

    Raises:
        CodebookError: listing every problem found.
    """
    where = str(path) if path is not None else "<codebook>"
    if not isinstance(data, dict):
        raise CodebookError(f"{where}: expected a mapping with 'version' and 'codes' at the top")
    errors: list[str] = []
    unknown = sorted(set(data) - _TOP_LEVEL_KEYS)
    if unknown:
        errors.append(f"unknown top-level key(s) {unknown}; allowed: {sorted(_TOP_LEVEL_KEYS)}")
    version = data.get("version")
    if not isinstance(version, str) or not version.strip():
        # An unquoted 1.10 would silently become the float 1.1, so only strings are accepted.
        errors.append("'version' must be a non-empty quoted string, e.g. version: \"1.0.0\"")
    sources = data.get("sources") or {}
    if not isinstance(sources, dict):
        errors.append("'sources' must be a mapping of key -> {title, seed}")
        sources = {}
    entries = data.get("codes")
    if not isinstance(entries, list) or not entries:
        errors.append("'codes' must be a non-empty list")
        entries = []

    codes = _parse_entries(entries, sources, errors)
    _check_tree(codes, errors)
    if errors:
        raise CodebookError(
            f"{where}: {len(errors)} problem(s) in the codebook:\n" + "\n".join(f"  - {e}" for e in errors)
        )
    return Codebook(
        version=str(version),
        codes=tuple(codes),
        path=Path(path) if path is not None else None,
        sources={str(k): dict(v or {}) for k, v in sources.items()},
    )


def _parse_entries(entries: list[Any], sources: Mapping[str, Any], errors: list[str]) -> list[Code]:
    codes: list[Code] = []
    seen_ids: dict[str, int] = {}
    seen_labels: dict[str, str] = {}
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            errors.append(f"entry {number}: expected a mapping, got {type(entry).__name__}")
            continue
        code_id = entry.get("id")
        name = f"code {code_id!r} (entry {number})"
        unknown = sorted(set(entry) - set(_REQUIRED_FIELDS) - set(_OPTIONAL_FIELDS))
        if unknown:
            errors.append(f"{name}: unknown field(s) {unknown}")
        if "parent" not in entry:
            errors.append(f"{name}: field 'parent' is missing (use null for a theme)")
        problems = [f for f in _REQUIRED_FIELDS if not isinstance(entry.get(f), str) or not entry[f].strip()]
        if problems:
            errors.append(f"{name}: required field(s) empty or not text: {problems}")
            continue
        if not ID_PATTERN.match(code_id):
            errors.append(f"{name}: id must be upper-case ASCII words joined by dots, e.g. DEM.KEUKENTAFEL")
        if code_id in seen_ids:
            errors.append(f"{name}: duplicate id, first used in entry {seen_ids[code_id]}")
            continue
        seen_ids[code_id] = number
        parent = entry.get("parent")
        if parent is not None and (not isinstance(parent, str) or not parent.strip()):
            errors.append(f"{name}: parent must be a code id or null")
            parent = None
        source = entry.get("source")
        if source is not None and source not in sources:
            errors.append(f"{name}: source {source!r} is not listed under 'sources'")
        guid = entry.get("guid")
        if guid is not None and (not isinstance(guid, str) or not guid.strip()):
            errors.append(f"{name}: guid must be text when given")
            guid = None
        for label in {normalize_label(entry["label_nl"]), normalize_label(entry["label_en"])}:
            # Labels double as lookup keys for QDA code names, so they must identify one code.
            other = seen_labels.setdefault(label, code_id)
            if other != code_id:
                errors.append(f"{name}: label {label!r} is also used by code {other!r}")
        codes.append(
            Code(
                id=code_id,
                parent=parent,
                label_nl=entry["label_nl"].strip(),
                label_en=entry["label_en"].strip(),
                definition=" ".join(entry["definition"].split()),
                source=source,
                guid=guid.strip() if guid else None,
            )
        )
    return codes


def _check_tree(codes: list[Code], errors: list[str]) -> None:
    by_id = {code.id: code for code in codes}
    for code in codes:
        if code.parent is not None and code.parent not in by_id:
            errors.append(f"code {code.id!r}: parent {code.parent!r} does not exist")
    for code in codes:
        chain = [code.id]
        parent = code.parent
        while parent is not None and parent in by_id:
            if parent in chain:
                errors.append(f"code {code.id!r}: cycle in parents: {' -> '.join([*chain, parent])}")
                break
            chain.append(parent)
            parent = by_id[parent].parent
        else:
            if len(chain) > MAX_DEPTH:
                errors.append(f"code {code.id!r}: depth {len(chain)} exceeds the maximum of {MAX_DEPTH}")
