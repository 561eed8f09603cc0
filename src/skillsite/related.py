"""Related skills for each page, and near-duplicates for `skillsite check`.

Related: skills that share rare words of their names, descriptions and tags (weighted by
how rare each word is in the catalog), with a bonus for the same category. Only words
held by at most `MAX_POSTING` skills are compared, so the work grows with the catalog,
not with its square.

Near-duplicates: the same description, or bodies whose lines are nearly the same set
(Jaccard similarity of their normalised lines), found through a bottom-k sketch so that
only skills sharing a sketch value are compared.
"""

from __future__ import annotations

import math
import re
import zlib
from array import array
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from itertools import compress

from skillsite.codes import diagnostic
from skillsite.diagnostics import Diagnostic
from skillsite.model import Catalog, Skill

RELATED_MAX = 5
RELATED_MIN = 3
MAX_POSTING = 40
SAME_CATEGORY_BONUS = 0.15
TAG_WEIGHT = 2.0
_WORD = re.compile(r"[a-z0-9][a-z0-9+#.]*[a-z0-9+#]|[a-z0-9]")
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "for",
        "from",
        "how",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "use",
        "used",
        "uses",
        "using",
        "when",
        "with",
        "without",
        "you",
        "your",
        "what",
        "which",
        "before",
        "after",
        "any",
        "all",
    ]
)


def _terms(skill: Skill) -> dict[str, float]:
    """Term -> raw weight for one skill: name parts, description words, tags."""
    terms: dict[str, float] = defaultdict(float)
    for part in skill.name.split("-"):
        if part and part not in _STOP:
            terms[part] += 1.0
    for word in _WORD.findall(skill.description.lower()[:2048]):
        if len(word) > 2 and word not in _STOP:
            terms[word] += 0.5
    for tag in skill.tags[:50]:
        terms["#" + tag.lower()] += TAG_WEIGHT
    return terms


def related_skills(skills: Sequence[Skill]) -> dict[str, tuple[str, ...]]:
    """Skill name -> 3 to 5 related skill names (fewer only in a catalog that small)."""
    count = len(skills)
    all_terms = [_terms(skill) for skill in skills]
    postings: dict[str, list[int]] = defaultdict(list)
    for index, terms in enumerate(all_terms):
        for term in terms:
            postings[term].append(index)
    weights: list[dict[str, float]] = []
    for terms in all_terms:
        weighted = {
            term: value * math.log(1 + count / len(postings[term])) for term, value in terms.items()
        }
        weights.append(weighted)
    norms = [math.sqrt(sum(w * w for w in weighted.values())) or 1.0 for weighted in weights]
    by_category: dict[str, list[int]] = defaultdict(list)
    for index, skill in enumerate(skills):
        by_category[skill.category].append(index)

    result: dict[str, tuple[str, ...]] = {}
    for index, skill in enumerate(skills):
        scores: dict[int, float] = defaultdict(float)
        for term, weight in weights[index].items():
            holders = postings[term]
            if len(holders) > MAX_POSTING:
                continue
            for other in holders:
                if other != index:
                    scores[other] += weight * weights[other][term]
        ranked = []
        for other, dot in scores.items():
            score = dot / (norms[index] * norms[other])
            if skills[other].category == skill.category:
                score += SAME_CATEGORY_BONUS
            ranked.append((-score, skills[other].name, other))
        ranked.sort()
        chosen = [other for _, _, other in ranked[:RELATED_MAX]]
        if len(chosen) < RELATED_MIN:
            # Too little in common with anyone: fill from the same category, then any.
            fill = [i for i in by_category[skill.category] if i != index and i not in chosen]
            fill += [i for i in range(count) if i != index and i not in chosen and i not in fill]
            chosen += fill[: RELATED_MIN - len(chosen)]
        result[skill.name] = tuple(skills[other].name for other in chosen)
    return result


INDEXED_VALUES = 4
MAX_BUCKET = 50
NEAR_DUPLICATE_JACCARD = 0.8
MIN_BODY_LINES = 5


MIN_LINE_CHARACTERS = 12


def body_line_hashes(body: str) -> bytes:
    """CRC-32s of the body's meaningful lines (lowercased, stripped, 12 characters or
    more), unique, packed as unsigned 32-bit numbers. CRC-32 rather than `hash()`: the
    same in every process, so skills loaded by different workers compare."""
    # Built from C-level calls only (no Python per line): this runs over every line of
    # every body in `check`.
    lines = list(map(bytes.strip, body.lower().encode("utf-8", "surrogatepass").split(b"\n")))
    long_enough = map((MIN_LINE_CHARACTERS - 1).__lt__, map(len, lines))
    return array("I", sorted(set(map(zlib.crc32, compress(lines, long_enough))))).tobytes()


def _fingerprint(skill: Skill) -> array[int]:
    packed = array("I")
    packed.frombytes(skill.body_fingerprint or body_line_hashes(skill.body))
    return packed


def _normal_description(text: str) -> str:
    return " ".join(text.casefold().split())


def near_duplicate_diagnostics(skills: Sequence[Skill]) -> dict[int, list[Diagnostic]]:
    """Index into `skills` -> near-duplicate warnings for that skill."""
    found: dict[int, set[int]] = defaultdict(set)
    reasons: dict[tuple[int, int], str] = {}

    by_description: dict[str, list[int]] = defaultdict(list)
    for index, skill in enumerate(skills):
        if skill.description.strip():
            by_description[_normal_description(skill.description)].append(index)
    for indexes in by_description.values():
        for a in indexes:
            for b in indexes[:MAX_BUCKET]:
                if a != b and skills[a].name != skills[b].name:
                    found[a].add(b)
                    reasons[(a, b)] = "has the same description as"

    # Fingerprints are sorted: their first values are each body's bottom-k sketch. Sets
    # are built only for the skills that share a sketch value (8,000 sets of 100 lines
    # would take 60 MB).
    fingerprints = [_fingerprint(skill) for skill in skills]
    buckets: dict[int, list[int]] = defaultdict(list)
    for index, fingerprint in enumerate(fingerprints):
        if len(fingerprint) >= MIN_BODY_LINES:
            for value in fingerprint[:INDEXED_VALUES]:
                buckets[value].append(index)
    line_sets: dict[int, frozenset[int]] = {}

    def line_set(index: int) -> frozenset[int]:
        if index not in line_sets:
            line_sets[index] = frozenset(fingerprints[index])
        return line_sets[index]

    for members in buckets.values():
        if len(members) > MAX_BUCKET:
            continue  # a line every other skill has (a shared template) says nothing
        for position, a in enumerate(members):
            for b in members[position + 1 :]:
                if (a, b) in reasons or skills[a].name == skills[b].name:
                    continue
                union = len(line_set(a) | line_set(b))
                similarity = len(line_set(a) & line_set(b)) / union
                if similarity >= NEAR_DUPLICATE_JACCARD:
                    reason = f"has a body {round(similarity * 100)}% the same as"
                    for x, y in ((a, b), (b, a)):
                        found[x].add(y)
                        reasons[(x, y)] = reason

    diagnostics: dict[int, list[Diagnostic]] = {}
    for index, others in found.items():
        diagnostics[index] = [
            diagnostic(
                "near-duplicate",
                skills[index].skill_file,
                f"{reasons[(index, other)]} {skills[other].skill_file}",
                hint="aggregated catalogs collect copies: keep one skill, or say in the "
                "description what sets each apart",
            )
            for other in sorted(others, key=lambda i: skills[i].skill_file)
        ]
    return diagnostics


def with_near_duplicates(catalog: Catalog) -> Catalog:
    """The catalog with near-duplicate warnings added (what `skillsite check` reports)."""
    found = near_duplicate_diagnostics(catalog.skills)
    if not found:
        return catalog
    skills = list(catalog.skills)
    added: list[Diagnostic] = []
    for index, extra in found.items():
        skill = skills[index]
        diagnostics = tuple(sorted((*skill.diagnostics, *extra), key=Diagnostic.sort_key))
        skills[index] = replace(skill, diagnostics=diagnostics)
        added.extend(extra)
    return replace(
        catalog,
        skills=tuple(skills),
        diagnostics=tuple(sorted((*catalog.diagnostics, *added), key=Diagnostic.sort_key)),
    )
