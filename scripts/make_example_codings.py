"""Write ``config/codings_example.csv``: made-up codings for the twenty cases, for demos and tests.

The codings are ILLUSTRATIVE. They are drawn at random (fixed seed) with theme weights that are
only loosely plausible; they say nothing about the municipalities. The first line of the file says
so, and :func:`analysis.qual.codings.read_tidy_csv` turns that into ``is_illustrative=True``.

Each segment carries a made-up Dutch fragment (``segment_text``) written for its code(s) in
``config/codings_example_fragments.yaml``, so that quotes and the quote matrix show out of the box;
``start``/``end`` place the fragments one after another in an imagined interview text. A second
coder double-codes whole documents (as a reliability sample would), selecting each fragment a few
characters wider or narrower, so that agreement by position has something to pair.

Run: ``python scripts/make_example_codings.py`` (rewrites the file byte for byte identically).
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
# Runs from a checkout without installing the package.
sys.path.insert(0, str(REPO / "src"))

from analysis.qual.codebook import Codebook, load_codebook  # noqa: E402

SEED = 2017
OUTPUT = REPO / "config" / "codings_example.csv"
FRAGMENTS_FILE = REPO / "config" / "codings_example_fragments.yaml"
HEADER_COMMENT = (
    "# ILLUSTRATIVE / ILLUSTRATIEF: made-up example codings (scripts/make_example_codings.py, "
    f"seed {SEED}); not research findings / geen onderzoeksresultaat\n"
)
COLUMNS = ["gm_code", "document", "segment_id", "code_id", "coder", "segment_text", "start", "end"]
CODERS = ("codeur_A", "codeur_B")

# Loose guesses so that the demo charts show contrasts; not derived from any interview.
THEME_WEIGHTS = {"DEM": 16, "RAAD": 14, "INFO": 14, "ORG": 12, "FIN": 14, "REG": 14, "RIJK": 6, "G32": 10}
DOCUMENT_TYPES = (
    "interview wethouder sociaal domein",
    "interview raadsleden",
    "interview griffie",
    "groepsgesprek ambtenaren",
    "gesprek maatschappelijke partners",
    "interview gemeentesecretaris",
)
SHARE_DOUBLE_CODED = 0.35  # of the documents
SHARE_SKIPPED_BY_SECOND_CODER = 0.05  # segments of a double-coded document the second coder leaves out
MAX_SHIFT_SHARE = 0.1  # the second coder's selection edges move by at most this share of the fragment


def read_cases() -> list[dict[str, str]]:
    """The twenty cases from ``config/cases.csv``."""
    with (REPO / "config" / "cases.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def dirichlet(rng: random.Random, alphas: list[float]) -> list[float]:
    """A draw from a Dirichlet distribution, with the standard library only (stable across versions)."""
    draws = [rng.gammavariate(alpha, 1.0) for alpha in alphas]
    total = sum(draws)
    return [d / total for d in draws]


def draw_codes(rng: random.Random, codebook: Codebook, weights: dict[str, float]) -> list[str]:
    """One to three codes from different themes, themes drawn by weight."""
    n_codes = rng.choices((1, 2, 3), weights=(6, 3, 1))[0]
    themes: list[str] = []
    while len(themes) < n_codes:
        theme = rng.choices(list(weights), weights=list(weights.values()))[0]
        if theme not in themes:
            themes.append(theme)
    return [rng.choice(codebook.descendants(theme)).id for theme in themes]


def second_coder(rng: random.Random, codebook: Codebook, codes: list[str]) -> list[str]:
    """Coder B mostly agrees with A: keeps a code (85%), swaps it within its theme (10%) or drops it."""
    result: list[str] = []
    for code in codes:
        roll = rng.random()
        if roll < 0.85:
            result.append(code)
        elif roll < 0.95:
            siblings = [c.id for c in codebook.descendants(codebook.theme(code).id) if c.id != code]
            result.append(rng.choice(siblings))
    if rng.random() < 0.1:
        result.append(rng.choice([c.id for c in codebook if c.parent is not None]))
    return list(dict.fromkeys(result)) or codes[:1]


def read_fragments() -> dict[str, list[str]]:
    """The made-up fragments per code, from ``config/codings_example_fragments.yaml``."""
    with FRAGMENTS_FILE.open(encoding="utf-8") as handle:
        return {code: list(texts) for code, texts in yaml.safe_load(handle)["fragments"].items()}


def fragment_text(rng: random.Random, fragments: dict[str, list[str]], codes: list[str]) -> str:
    """One made-up fragment per code, joined: a segment with two codes says two things."""
    return " ".join(rng.choice(fragments[code]) for code in codes)


def shifted(rng: random.Random, start: int, end: int) -> tuple[int, int]:
    """The second coder's selection of the same fragment: each edge a little earlier or later."""
    room = max(1, int((end - start) * MAX_SHIFT_SHARE))
    new_start = max(0, start + rng.randint(-room, room))
    return new_start, max(new_start + 1, end + rng.randint(-room, room))


def make_rows(codebook: Codebook) -> list[list[str]]:
    """All rows of the example file, in a fixed order."""
    rng = random.Random(SEED)
    fragments = read_fragments()
    rows: list[list[str]] = []
    for case in read_cases():
        weights = dict(zip(THEME_WEIGHTS, dirichlet(rng, [w * 2.0 for w in THEME_WEIGHTS.values()]), strict=True))
        documents = rng.sample(DOCUMENT_TYPES, rng.randint(3, 5))
        double_coded = {doc for doc in documents if rng.random() < SHARE_DOUBLE_CODED}
        n_segments = rng.randint(15, 40)
        per_document = [documents[i % len(documents)] for i in range(n_segments)]
        position = {doc: 0 for doc in documents}
        counter = {doc: 0 for doc in documents}
        for document_type in per_document:
            counter[document_type] += 1
            document = f"{case['case_label']} - {document_type}"
            segment_id = f"s{counter[document_type]:02d}"
            codes_a = draw_codes(rng, codebook, weights)
            text = fragment_text(rng, fragments, codes_a)
            start = position[document_type] + rng.randint(50, 400)
            end = start + len(text)
            position[document_type] = end
            coded = {CODERS[0]: (codes_a, start, end)}
            if document_type in double_coded and rng.random() >= SHARE_SKIPPED_BY_SECOND_CODER:
                coded[CODERS[1]] = (second_coder(rng, codebook, codes_a), *shifted(rng, start, end))
            for coder, (codes, first, last) in coded.items():
                for code in codes:
                    rows.append([case["gm_code"], document, segment_id, code, coder, text, str(first), str(last)])
    return rows


def main() -> None:
    """Write the example file."""
    rows = make_rows(load_codebook())
    with OUTPUT.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER_COMMENT)
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    print(f"wrote {len(rows)} codings to {OUTPUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
