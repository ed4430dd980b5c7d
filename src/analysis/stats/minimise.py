"""Boolean minimisation by Quine-McCluskey: prime implicants and their minimal covers.

A configuration (minterm) is a tuple of 0/1 per condition; an implicant a tuple of 0, 1 or
None ("either") per condition. Small problems only (QCA on n = 20 has at most a few
conditions), so covers are found by exhaustive search over sets of prime implicants of
increasing size, which returns every minimal solution, as the QCA package's models M1, M2, ...
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

__all__ = [
    "Implicant",
    "covers",
    "expression",
    "minimal_covers",
    "prime_implicants",
    "subsumes",
]

Implicant = tuple[int | None, ...]


def covers(implicant: Implicant, minterm: Sequence[int]) -> bool:
    """True when ``minterm`` lies in ``implicant`` (agrees on every fixed condition)."""
    return all(v is None or v == m for v, m in zip(implicant, minterm, strict=True))


def subsumes(general: Implicant, specific: Implicant) -> bool:
    """True when every literal of ``general`` is also in ``specific`` (general is a superset)."""
    return all(g is None or g == s for g, s in zip(general, specific, strict=True))


def prime_implicants(ones: Iterable[Sequence[int]], dont_cares: Iterable[Sequence[int]] = ()) -> list[Implicant]:
    """Prime implicants of the function that is 1 on ``ones`` and free on ``dont_cares``.

    Only primes that cover at least one of ``ones`` are returned, sorted by the number of
    literals and then by value, so that results are reproducible.
    """
    ones_set = {tuple(m) for m in ones}
    current: set[Implicant] = ones_set | {tuple(m) for m in dont_cares}
    primes: set[Implicant] = set()
    while current:
        merged: set[Implicant] = set()
        used: set[Implicant] = set()
        for a, b in itertools.combinations(sorted(current, key=_sort_key), 2):
            combined = _combine(a, b)
            if combined is not None:
                merged.add(combined)
                used.update((a, b))
        primes |= current - used
        current = merged
    useful = [p for p in primes if any(covers(p, m) for m in ones_set)]
    return sorted(useful, key=_sort_key)


def _combine(a: Implicant, b: Implicant) -> Implicant | None:
    """The implicant merging ``a`` and ``b`` when they differ in exactly one fixed condition."""
    difference = None
    for i, (x, y) in enumerate(zip(a, b, strict=True)):
        if x == y:
            continue
        if x is None or y is None or difference is not None:
            return None
        difference = i
    if difference is None:
        return None
    return a[:difference] + (None,) + a[difference + 1 :]


def _sort_key(implicant: Implicant) -> tuple:
    literals = sum(v is not None for v in implicant)
    return (literals, tuple(2 if v is None else 1 - v for v in implicant))


def minimal_covers(implicants: Sequence[Implicant], ones: Iterable[Sequence[int]]) -> list[list[Implicant]]:
    """Every smallest set of ``implicants`` that covers all of ``ones``.

    Among sets of equal size, those with the fewest literals come first. An empty ``ones``
    gives ``[[]]``; an uncoverable one ``[]``.
    """
    targets = [tuple(m) for m in ones]
    if not targets:
        return [[]]
    candidates = [p for p in implicants if any(covers(p, m) for m in targets)]
    # Essential implicants (the only cover of some minterm) are in every cover: take them first,
    # so that the exhaustive search only runs over what is left.
    essential = []
    for m in targets:
        covering = [p for p in candidates if covers(p, m)]
        if not covering:
            return []
        if len(covering) == 1 and covering[0] not in essential:
            essential.append(covering[0])
    rest = [m for m in targets if not any(covers(p, m) for p in essential)]
    optional = [p for p in candidates if p not in essential and any(covers(p, m) for m in rest)]
    for size in range(0, len(optional) + 1):
        found = [
            essential + list(combo)
            for combo in itertools.combinations(optional, size)
            if all(any(covers(p, m) for p in combo) for m in rest)
        ]
        if found:
            return sorted(found, key=lambda combo: (sum(_sort_key(p)[0] for p in combo), sorted(map(_sort_key, combo))))
    return []


def expression(implicant: Implicant, conditions: Sequence[str]) -> str:
    """``"A*~B"`` for an implicant over ``conditions`` (``"1"`` for the empty conjunction)."""
    literals = [("~" if v == 0 else "") + c for v, c in zip(implicant, conditions, strict=True) if v is not None]
    return "*".join(literals) or "1"
