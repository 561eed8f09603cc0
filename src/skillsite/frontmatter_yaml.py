"""YAML for frontmatter: safe, libyaml-backed, bounded in time and memory.

Frontmatter never needs anchors, aliases or deep nesting, so a cheap scan decides
whether the text could be hostile; only then is it walked event by event (libyaml's
event parser keeps its own heap stack, so nesting depth cannot exhaust ours) before
anything builds nodes. Duplicate keys are errors, which PyYAML alone would hide.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 32
MAX_ALIASES = 32
MAX_EVENTS = 20_000
# Below these counts of the characters that start flow collections, anchors and
# aliases, the text cannot nest deeply or multiply itself; skip the event walk.
_SCAN_THRESHOLD = 24


@dataclass(frozen=True, slots=True)
class YamlProblem:
    code: str  # yaml-invalid, yaml-duplicate-key, yaml-too-complex
    message: str
    line: int  # 0-based within the YAML text
    column: int  # 0-based
    hint: str = ""


@dataclass(frozen=True, slots=True)
class YamlResult:
    data: Any = None
    key_lines: dict[str, int] = field(default_factory=dict)  # top-level key -> 0-based line
    problem: YamlProblem | None = None


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


class _FrontmatterLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    # First characters for which an implicit tag (int, bool, null, date...) may apply.
    _implicit_first = frozenset(key for key in _BaseLoader.yaml_implicit_resolvers if key)

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        # Most frontmatter scalars are quoted or start with a letter no implicit type
        # starts with: they are strings, decided here without the resolver's regexes.
        if kind is yaml.ScalarNode and (
            not implicit[0] or (value and value[0] not in self._implicit_first)
        ):
            return _STR
        return super().resolve(kind, value, implicit)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set[tuple[str, str]] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = (key_node.tag, key_node.value)
                if key in seen:
                    raise _DuplicateKey(
                        None,
                        None,
                        f"duplicate key {key_node.value!r}",
                        key_node.start_mark,
                    )
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _looks_hostile(text: str) -> bool:
    return (
        text.count("[") + text.count("{") > _SCAN_THRESHOLD
        or text.count("*") > _SCAN_THRESHOLD
        or text.count("&") > _SCAN_THRESHOLD
        # compact nesting such as "- - - - x" or "? ? ? x" builds a level per two bytes
        or text.count("- ") + text.count("? ") + text.count("-\t") + text.count("?\t")
        > _SCAN_THRESHOLD
    )


def _complexity_problem(text: str) -> YamlProblem | None:
    depth = aliases = events = 0
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            events += 1
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return _too_complex(f"nesting deeper than {MAX_DEPTH} levels", event)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    return _too_complex(f"more than {MAX_ALIASES} aliases", event)
            if events > MAX_EVENTS:
                return _too_complex(f"more than {MAX_EVENTS} YAML nodes", event)
    except yaml.MarkedYAMLError as error:
        return _invalid(error)
    except yaml.YAMLError as error:
        return YamlProblem("yaml-invalid", str(error), 0, 0)
    return None


def _too_complex(what: str, event: yaml.Event) -> YamlProblem:
    mark = event.start_mark
    return YamlProblem(
        "yaml-too-complex",
        f"frontmatter YAML has {what}",
        mark.line if mark else 0,
        mark.column if mark else 0,
        "frontmatter is a flat list of keys: remove anchors (&), aliases (*) and deep nesting",
    )


_QUOTE_HINT = (
    'quote the value: a ": " inside an unquoted value starts a new key, '
    'write description: "..." (or use a block scalar: description: >-)'
)


def _invalid(error: yaml.MarkedYAMLError) -> YamlProblem:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or "invalid YAML"
    hint = "fix the YAML syntax at this place"
    if "mapping values are not allowed" in problem:
        hint = _QUOTE_HINT
    elif "found character '\\t'" in problem or "found character '\t'" in problem:
        hint = "indent YAML with spaces, not tabs"
    elif "could not find expected ':'" in problem:
        hint = "each line needs `key: value`; quote values that span lines"
    elif "found undefined alias" in problem or "found unacceptable" in problem:
        hint = "quote the value"
    message = problem if not error.context else f"{error.context}: {problem}"
    return YamlProblem(
        "yaml-invalid", message, mark.line if mark else 0, mark.column if mark else 0, hint
    )


class _NotPlain(Exception):
    """The document holds more than strings, mappings and lists of them."""


def _construct_plain(node: yaml.Node) -> Any:
    """Build the common case (strings in mappings and lists) without the generic constructor.

    Anything else (numbers, booleans, dates, merge keys, tags) raises `_NotPlain` and the
    whole document goes through the full safe constructor instead.
    """
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR:
            return node.value
        raise _NotPlain
    if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                raise _NotPlain
            if key_node.value in result:
                raise _DuplicateKey(
                    None, None, f"duplicate key {key_node.value!r}", key_node.start_mark
                )
            result[key_node.value] = _construct_plain(value_node)
        return result
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
        return [_construct_plain(item) for item in node.value]
    raise _NotPlain


def load_frontmatter(text: str) -> YamlResult:
    """Parse YAML text; never raises for any input string."""
    if _looks_hostile(text):
        problem = _complexity_problem(text)
        if problem is not None:
            return YamlResult(problem=problem)
    loader = _FrontmatterLoader(text)
    try:
        node = loader.get_single_node()
        key_lines: dict[str, int] = {}
        if isinstance(node, yaml.MappingNode):
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    key_lines.setdefault(key_node.value, key_node.start_mark.line)
        data = None
        if node is not None:
            try:
                data = _construct_plain(node)
            except _NotPlain:
                data = loader.construct_document(node)
        return YamlResult(data=data, key_lines=key_lines)
    except _DuplicateKey as error:
        mark = error.problem_mark
        return YamlResult(
            problem=YamlProblem(
                "yaml-duplicate-key",
                error.problem or "duplicate key",
                mark.line if mark else 0,
                mark.column if mark else 0,
                "keep one of the two keys: YAML readers disagree on which one wins",
            )
        )
    except yaml.MarkedYAMLError as error:
        return YamlResult(problem=_invalid(error))
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as error:
        # e.g. a timestamp such as 2024-02-30 matches the resolver but not the calendar
        return YamlResult(
            problem=YamlProblem(
                "yaml-invalid", f"frontmatter YAML cannot be read: {error}", 0, 0, "quote the value"
            )
        )
    finally:
        loader.dispose()
