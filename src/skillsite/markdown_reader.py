"""One reading of a skill body: where code is, where raw HTML and links are, how deep it nests.

`skillsite check` (validate.py) and the page renderer (body_html.py) both take their view
of a body from `read_markdown`, so what `check` reports is what the page shows. The rules
follow the renderer (Python-Markdown with pymdownx.superfences, tab length 4):

- a fence opens at the indentation of its container's content (column 0 at top level,
  4 per list item or admonition level, or the text column of a list item) and closes at
  the same indentation with a run of the same character at least as long; a fence that
  never closes is plain text;
- a line indented 4 or more past its container's content, after a blank line (or another
  such line), is indented code; without the blank line it continues the paragraph;
- inside a paragraph, a run of n backticks opens a code span that the next run of exactly
  n backticks closes (across lines); a backslash escapes a backtick.

One pass over the lines, and one over the backtick runs of each paragraph that holds a
tag or a link: linear in the input, whatever it holds. Plain prose lines (starting with a
letter) change nothing after the first of a run, so only the other lines are looked at
one by one; code spans and line numbers are worked out only where something asks.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate

TAB_LENGTH = 4
# Rendering time grows with size faster than linearly for some inputs: bodies past these
# are not read further or rendered (the SKILL.md size limit alone allows 1 MiB).
MAX_BODY_CHARACTERS = 128 * 1024
MAX_LINES = 5_000
# Deeper than this, Python-Markdown recurses past Python's stack (nested lists, quotes).
MAX_NESTING = 32
# Each `[` makes the renderer scan ahead for its `]`: quadratic in a block holding many.
MAX_BRACKETS_PER_BLOCK = 200
MAX_HEADINGS = 300
# Fences longer than this are compared as this long (keeps the closing-fence index small).
_FENCE_LENGTH_CAP = 64

_FENCE = re.compile(r"(`{3,}|~{3,})(.*)")
_CONTAINER = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)|(?:!!!|\?\?\?\+?|===)[ \t]")
_QUOTE = re.compile(r"(?: {0,3}>[ ]?)+")
_BACKTICKS = re.compile(r"\\*`+")
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>")
_INLINE_LINK = re.compile(r"\]\(\s*(<[^>\n]*>|[^)\s]+)")
# A link reference definition; `[^note]:` is a footnote, not a link.
_REFERENCE = re.compile(r"^[ ]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.M)
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")


@dataclass(frozen=True, slots=True)
class Excess:
    """A construct past a bound the renderer needs: the body is not rendered."""

    offset: int
    what: str


@dataclass(slots=True)
class MarkdownReading:
    body: str
    code_blocks: list[tuple[int, int]] = field(default_factory=list)  # (start, end) offsets
    unclosed_fences: list[int] = field(default_factory=list)
    prose_blocks: list[tuple[int, int]] = field(default_factory=list)
    excesses: list[Excess] = field(default_factory=list)
    _line_starts: list[int] | None = None
    _block_spans: dict[int, list[tuple[int, int]]] = field(default_factory=dict)

    def locate(self, offset: int) -> tuple[int, int]:
        """0-based line index and 1-based column of an offset."""
        if self._line_starts is None:
            # Each line's start is the sum of the lengths (newline included) before it.
            lengths = map((1).__add__, map(len, self.body.split("\n")[:-1]))
            self._line_starts = [0, *accumulate(lengths)]
        index = bisect_right(self._line_starts, offset) - 1
        return index, offset - self._line_starts[index] + 1

    def is_code(self, offset: int) -> bool:
        index = bisect_right(self.code_blocks, (offset, len(self.body) + 1)) - 1
        if index >= 0 and offset < self.code_blocks[index][1]:
            return True
        block = bisect_right(self.prose_blocks, (offset, len(self.body) + 1)) - 1
        if block < 0 or offset >= self.prose_blocks[block][1]:
            return False
        spans = self._code_spans_of(block)
        index = bisect_right(spans, (offset, len(self.body) + 1)) - 1
        return index >= 0 and offset < spans[index][1]

    def _code_spans_of(self, block: int) -> list[tuple[int, int]]:
        spans = self._block_spans.get(block)
        if spans is None:
            start, end = self.prose_blocks[block]
            text = self.body[start:end]
            spans = _code_spans(text, start) if "`" in text else []
            self._block_spans[block] = spans
        return spans

    def _blocks_holding(self, marker: str) -> list[int]:
        """Indexes of the prose blocks that contain `marker`, in order."""
        starts = self.prose_blocks
        blocks: list[int] = []
        position = self.body.find(marker)
        while position >= 0:
            block = bisect_right(starts, (position, len(self.body) + 1)) - 1
            if block >= 0 and position < starts[block][1]:
                if not blocks or blocks[-1] != block:
                    blocks.append(block)
                # Later occurrences in the same block add nothing: go past it.
                position = self.body.find(marker, starts[block][1])
            else:
                following = block + 1
                if following >= len(starts):
                    break
                position = self.body.find(marker, max(position + 1, starts[following][0]))
        return blocks

    def raw_html_tags(self) -> list[tuple[int, str]]:
        """(offset, tag name) of every HTML tag outside code."""
        found: list[tuple[int, str]] = []
        for block in self._blocks_holding("<"):
            start, end = self.prose_blocks[block]
            for match in _TAG.finditer(self.body, start, end):
                if not self.is_code(match.start()):
                    found.append((match.start(), match.group(1)))
        return found

    def link_targets(self) -> list[tuple[int, str]]:
        """(offset, raw target) of every inline link or reference definition outside code."""
        found: list[tuple[int, str]] = []
        for marker, regex in (("](", _INLINE_LINK), ("]:", _REFERENCE)):
            for block in self._blocks_holding(marker):
                start, end = self.prose_blocks[block]
                for match in regex.finditer(self.body[start:end]):
                    offset = start + match.start(1)
                    if not self.is_code(offset):
                        found.append((offset, match.group(1)))
        found.sort()
        return found


def _indentation(line: str) -> tuple[int, int]:
    """(columns, characters) of leading whitespace, a tab counting to the next stop."""
    columns = characters = 0
    for character in line:
        if character == " ":
            columns += 1
        elif character == "\t":
            columns += TAB_LENGTH - columns % TAB_LENGTH
        else:
            break
        characters += 1
    return columns, characters


@dataclass(slots=True)  # not frozen: a frozen dataclass is slow to create, one per line
class _Line:
    start: int  # offset of the line's first character in the body
    text: str  # without the newline and without blockquote markers
    text_start: int  # offset of `text` in the body
    quote_depth: int
    indent: int  # columns
    blank: bool
    fence: tuple[str, int, bool] | None  # (character, length, nothing after it)


_WHITESPACE_STARTS = (" ", "\t")
_CONTAINER_STARTS = frozenset("-*+!?=0123456789")
_FENCE_STARTS = ("`", "~")
# A line that may matter on its own: blank, indented, a quote, a fence, a list item or
# admonition, a heading. Any other line is prose, and after the first of a run of them
# the rest change nothing. Found from the newline before it: the regex engine skips to
# each newline at C speed (a `^` pattern is tried at every character).
_SIGNIFICANT_FIRST = re.compile(r"[^\S\n]|[>`~*+!?=#0-9-]|\n")
_NEWLINE_BEFORE_SIGNIFICANT = re.compile(r"\n(?=[^\S\n]|[>`~*+!?=#0-9-]|\n|\Z)")


def _significant_starts(body: str) -> Iterator[int]:
    if not body or _SIGNIFICANT_FIRST.match(body):
        yield 0
    for match in _NEWLINE_BEFORE_SIGNIFICANT.finditer(body):
        yield match.end()


def _prose_line(body: str, start: int) -> _Line:
    end = body.find("\n", start)
    text = body[start:] if end < 0 else body[start:end]
    return _Line(start, text, start, 0, 0, False, None)


def _split_lines(body: str) -> list[_Line]:
    """The significant lines of the body, and the first line of each run of prose lines."""
    lines: list[_Line] = []
    following = 0  # where the line after the last significant one starts
    for start in _significant_starts(body):
        if start > following:
            lines.append(_prose_line(body, following))
        end = body.find("\n", start)
        if end < 0:
            end = len(body)
        raw = body[start:end]
        following = end + 1
        if not raw or raw.isspace():
            # A blank line: nothing else about it is ever looked at.
            lines.append(_Line(start, raw, start, 0, 0, True, None))
            continue
        text, text_start, depth = raw, start, 0
        if ">" in raw[:4]:
            quote = _QUOTE.match(raw)
            if quote:
                depth = quote.group(0).count(">")
                text, text_start = raw[quote.end() :], start + quote.end()
        if text[:1] in _WHITESPACE_STARTS:
            rest = text.lstrip(" \t")
            characters = len(text) - len(rest)
            if "\t" in text[:characters]:
                columns, characters = _indentation(text)
                rest = text[characters:]
            else:
                columns = characters
        else:
            columns, rest = 0, text
        fence = None
        if rest[:1] in _FENCE_STARTS:
            fence_match = _FENCE.match(rest)
            if fence_match and not (fence_match.group(1)[0] == "`" and "`" in fence_match.group(2)):
                run = fence_match.group(1)
                fence = (run[0], min(len(run), _FENCE_LENGTH_CAP), not fence_match.group(2).strip())
        blank = not rest or rest.isspace()
        lines.append(_Line(start, text, text_start, depth, columns, blank, fence))
    if following < len(body):
        lines.append(_prose_line(body, following))
    return lines


def _closing_fences(lines: list[_Line]) -> list[int | None]:
    """For each fence line, the index of the first later line that would close it."""
    closes: list[int | None] = [None] * len(lines)
    # (character, indent, quote depth) -> next closing line index per fence length
    upcoming: dict[tuple[str, int, int], list[int | None]] = {}
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if line.fence is None:
            continue
        character, length, bare = line.fence
        key = (character, line.indent, line.quote_depth)
        table = upcoming.get(key)
        if table is not None:
            closes[index] = table[length]
        if bare:
            table = upcoming.setdefault(key, [None] * (_FENCE_LENGTH_CAP + 1))
            for shorter in range(3, length + 1):
                table[shorter] = index
    return closes


def _code_spans(text: str, offset: int) -> list[tuple[int, int]]:
    """Code spans of one paragraph: a run of n backticks closed by the next run of n."""
    runs: list[tuple[int, int]] = []
    for match in _BACKTICKS.finditer(text):
        slashes = len(match.group(0)) - len(match.group(0).lstrip("\\"))
        start = match.start() + slashes + (slashes % 2)  # an escaped backtick is text
        if start < match.end():
            runs.append((start, match.end()))
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        start, end = runs[index]
        partners = by_length[end - start]
        later = bisect_right(partners, index)
        if later < len(partners):
            closing = partners[later]
            spans.append((offset + start, offset + runs[closing][1]))
            index = closing + 1
        else:
            index += 1
    return spans


def read_markdown(body: str) -> MarkdownReading:
    line_count = body.count("\n") + 1
    if len(body) > MAX_BODY_CHARACTERS or line_count > MAX_LINES:
        # Too big to render in bounded time: say so and read no further.
        # Nothing past offset 0 is ever located: no line table for a body this size.
        too_big = MarkdownReading(body, _line_starts=[0])
        what = (
            f"{len(body) // 1024} KiB of text (at most {MAX_BODY_CHARACTERS // 1024} KiB)"
            if len(body) > MAX_BODY_CHARACTERS
            else f"{line_count} lines (at most {MAX_LINES})"
        )
        too_big.excesses.append(Excess(0, what))
        return too_big
    lines = _split_lines(body)
    reading = MarkdownReading(body)
    # No paragraph can hold more `[` than the whole body: most bodies skip the count.
    count_brackets = body.count("[") > MAX_BRACKETS_PER_BLOCK
    closes = _closing_fences(lines)
    container_base = 0  # columns at which the innermost container's content starts
    previous_blank = True
    previous_code = False
    paragraph_start: int | None = None
    headings = 0
    depth_reported = False

    def end_paragraph(end: int) -> None:
        nonlocal paragraph_start
        if paragraph_start is not None and end > paragraph_start:
            reading.prose_blocks.append((paragraph_start, end))
            if count_brackets:
                _count_brackets(reading, paragraph_start, end)
        paragraph_start = None

    index = 0
    while index < len(lines):
        line = lines[index]
        if line.blank:
            if paragraph_start is not None:
                end_paragraph(line.start)
            previous_blank = True
            index += 1
            continue
        # In a list item or admonition, a fence may sit anywhere from the item's text
        # column (3 for "1. ") to its content column.
        container_fence = (
            line.fence is not None
            and container_base > 0
            and container_base - TAB_LENGTH < line.indent < container_base + TAB_LENGTH
        )
        # A line indented less than the content but more than the level above (a list
        # item's text column, a lazy continuation) stays in the container.
        if line.indent <= container_base - TAB_LENGTH and not container_fence:
            container_base = (line.indent // TAB_LENGTH) * TAB_LENGTH
        relative = 0 if container_fence else max(0, line.indent - container_base)
        nesting = container_base // TAB_LENGTH + line.quote_depth
        if nesting > MAX_NESTING and not depth_reported:
            reading.excesses.append(
                Excess(line.start, f"nesting {nesting} levels deep (at most {MAX_NESTING})")
            )
            depth_reported = True
        if relative >= TAB_LENGTH and (previous_blank or previous_code) and paragraph_start is None:
            # Indented code: runs over blank lines while lines stay indented.
            end = index
            while end + 1 < len(lines) and (
                lines[end + 1].blank or lines[end + 1].indent - container_base >= TAB_LENGTH
            ):
                end += 1
            while lines[end].blank:
                end -= 1
            reading.code_blocks.append((line.start, _line_end(body, lines, end)))
            previous_code, previous_blank = True, False
            index = end + 1
            continue
        previous_code = False
        closing = closes[index] if line.fence and relative == 0 else None
        if closing is not None:
            end_paragraph(line.start)
            reading.code_blocks.append((line.start, _line_end(body, lines, closing)))
            previous_blank = False
            index = closing + 1
            continue
        if line.fence and relative == 0:
            reading.unclosed_fences.append(line.text_start + line.indent)
        stripped = line.text.lstrip(" \t")
        if stripped[:1] in _CONTAINER_STARTS and _CONTAINER.match(stripped):
            end_paragraph(line.start)
            container_base = (line.indent // TAB_LENGTH) * TAB_LENGTH + TAB_LENGTH
        if "#" in line.text[:4] and _HEADING.match(line.text):
            headings += 1
            if headings == MAX_HEADINGS + 1:
                reading.excesses.append(Excess(line.start, f"more than {MAX_HEADINGS} headings"))
        if paragraph_start is None:
            paragraph_start = line.start
        previous_blank = False
        index += 1
    end_paragraph(len(body))
    reading.code_blocks.sort()
    reading.prose_blocks.sort()
    return reading


def _line_end(body: str, lines: list[_Line], index: int) -> int:
    following = lines[index + 1].start if index + 1 < len(lines) else len(body) + 1
    return following - 1


def _count_brackets(reading: MarkdownReading, start: int, end: int) -> None:
    brackets = reading.body.count("[", start, end)
    if brackets > MAX_BRACKETS_PER_BLOCK:
        reading.excesses.append(
            Excess(start, f"{brackets} `[` in one paragraph (at most {MAX_BRACKETS_PER_BLOCK})")
        )
