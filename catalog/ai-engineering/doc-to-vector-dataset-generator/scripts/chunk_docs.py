#!/usr/bin/env python3
"""Split Markdown and text documents into heading-aware chunks as JSONL.

Each output line is one chunk:
  id             stable id: sha256(doc_id, heading path, chunk text), 16 hex digits
  doc_id         path of the source file relative to the input root
  chunk_index    position of the chunk in its document (0-based)
  heading_path   list of headings above the chunk, outermost first
  text           the chunk text (code fences are never split)
  embed_text     heading path joined with " > ", a blank line, then the text
  approx_tokens  ceil(characters / 4), a rough size for budgeting
  content_sha256 hash of the text alone, for de-duplication and change detection

Front matter (a leading block between --- lines) is dropped. Headings inside
code fences are not treated as headings. Paragraphs larger than the limit are
split on lines, then hard-wrapped.

Exit code: 0 ok, 1 --fail-on-oversize and a fence alone exceeds the limit,
2 bad input. Stdlib only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = {".md", ".markdown", ".mdx", ".txt", ".rst"}
MAX_FILE_BYTES = 5_000_000
MAX_FILES = 50_000
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


class InputError(Exception):
    pass


@dataclass
class Block:
    heading_path: tuple[str, ...]
    text: str
    is_code: bool


def approx_tokens(text: str) -> int:
    return math.ceil(len(text) / 4)


def strip_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            newline = text.find("\n", end + 4)
            return "" if newline == -1 else text[newline + 1 :]
    return text


def blocks_of(text: str) -> Iterator[Block]:
    """Yield paragraphs and whole code fences with the headings above them."""
    path: list[str] = []
    levels: list[int] = []
    buffer: list[str] = []
    in_fence = False
    fence_marker = ""

    def flush(is_code: bool = False) -> Iterator[Block]:
        body = "\n".join(buffer).strip("\n")
        buffer.clear()
        if body.strip():
            yield Block(tuple(path), body, is_code)

    for line in text.splitlines():
        fence = FENCE.match(line)
        if in_fence:
            buffer.append(line)
            if fence and fence.group(1) == fence_marker:
                in_fence = False
                yield from flush(is_code=True)
            continue
        if fence:
            yield from flush()
            in_fence, fence_marker = True, fence.group(1)
            buffer.append(line)
            continue
        heading = HEADING.match(line)
        if heading:
            yield from flush()
            level = len(heading.group(1))
            while levels and levels[-1] >= level:
                levels.pop()
                path.pop()
            levels.append(level)
            path.append(heading.group(2))
            continue
        if not line.strip():
            yield from flush()
            continue
        buffer.append(line)
    yield from flush(is_code=in_fence)


def split_large(text: str, max_chars: int) -> list[str]:
    pieces: list[str] = []
    current = ""
    for line in text.splitlines():
        while len(line) > max_chars:
            cut = line.rfind(" ", 0, max_chars)
            cut = cut if cut > max_chars // 2 else max_chars
            pieces.append((current + "\n" + line[:cut]).strip() if current else line[:cut])
            current, line = "", line[cut:].lstrip()
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > max_chars and current:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current.strip():
        pieces.append(current)
    return pieces


def chunk_blocks(
    blocks: list[Block], max_tokens: int, overlap_tokens: int
) -> tuple[list[tuple[tuple[str, ...], str]], int]:
    max_chars = max_tokens * 4
    chunks: list[tuple[tuple[str, ...], str]] = []
    oversize = 0
    current: list[str] = []
    current_path: tuple[str, ...] | None = None

    def emit() -> None:
        if current and current_path is not None:
            chunks.append((current_path, "\n\n".join(current)))

    for block in blocks:
        parts = [block.text]
        if len(block.text) > max_chars:
            if block.is_code:
                oversize += 1
            else:
                parts = split_large(block.text, max_chars)
        for part in parts:
            size = sum(len(p) + 2 for p in current) + len(part)
            if block.heading_path != current_path or (current and size > max_chars):
                emit()
                carried: list[str] = []
                if block.heading_path == current_path and overlap_tokens > 0:
                    budget = min(overlap_tokens * 4, max_chars - len(part) - 2)
                    for previous in reversed(current):
                        if len(previous) > budget:
                            break
                        carried.insert(0, previous)
                        budget -= len(previous)
                current = carried
                current_path = block.heading_path
            current.append(part)
    emit()
    return chunks, oversize


def discover(paths: list[Path]) -> list[tuple[Path, Path]]:
    found: list[tuple[Path, Path]] = []
    for root in paths:
        if root.is_file():
            found.append((root, root.parent))
        elif root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and path.suffix.lower() in SUFFIXES and not path.is_symlink():
                    found.append((path, root))
        else:
            raise InputError(f"{root}: no such file or directory")
        if len(found) > MAX_FILES:
            raise InputError(f"more than {MAX_FILES} files; split the run")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Chunk Markdown/text documents by headings into JSONL for embedding.",
    )
    parser.add_argument("paths", nargs="+", type=Path, help="files or folders to read")
    parser.add_argument("-o", "--output", type=Path, help="JSONL output file (default stdout)")
    parser.add_argument("--max-tokens", type=int, default=400, help="chunk size limit (~tokens)")
    parser.add_argument("--overlap-tokens", type=int, default=0, help="paragraph overlap budget")
    parser.add_argument("--dedup", action="store_true", help="drop chunks whose text repeats")
    parser.add_argument(
        "--fail-on-oversize", action="store_true", help="exit 1 if a code fence exceeds the limit"
    )
    args = parser.parse_args(argv)
    if args.max_tokens < 50 or args.overlap_tokens < 0 or args.overlap_tokens >= args.max_tokens:
        print(
            "error: need --max-tokens >= 50 and 0 <= --overlap-tokens < --max-tokens",
            file=sys.stderr,
        )
        return 2
    try:
        files = discover(args.paths)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    seen: set[str] = set()
    records: list[dict] = []
    duplicates = oversize_total = 0
    for path, root in files:
        if path.stat().st_size > MAX_FILE_BYTES:
            print(f"error: {path}: larger than {MAX_FILE_BYTES} bytes; split it", file=sys.stderr)
            return 2
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            print(f"error: {path}: not UTF-8 text; convert it first", file=sys.stderr)
            return 2
        doc_id = path.relative_to(root).as_posix()
        blocks = list(blocks_of(strip_front_matter(text.replace("\r\n", "\n"))))
        chunks, oversize = chunk_blocks(blocks, args.max_tokens, args.overlap_tokens)
        oversize_total += oversize
        index = 0
        for heading_path, body in chunks:
            content_hash = hashlib.sha256(body.encode()).hexdigest()
            if args.dedup and content_hash in seen:
                duplicates += 1
                continue
            seen.add(content_hash)
            key = json.dumps([doc_id, list(heading_path), body], ensure_ascii=False)
            prefix = " > ".join(heading_path)
            records.append(
                {
                    "id": hashlib.sha256(key.encode()).hexdigest()[:16],
                    "doc_id": doc_id,
                    "chunk_index": index,
                    "heading_path": list(heading_path),
                    "text": body,
                    "embed_text": f"{prefix}\n\n{body}" if prefix else body,
                    "approx_tokens": approx_tokens(body),
                    "content_sha256": content_hash,
                }
            )
            index += 1
    lines = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    if args.output:
        args.output.write_text(lines, encoding="utf-8")
    else:
        sys.stdout.write(lines)
    sizes = sorted(record["approx_tokens"] for record in records) or [0]
    print(
        f"{len(files)} files, {len(records)} chunks, tokens median {sizes[len(sizes) // 2]} "
        f"max {sizes[-1]}, {duplicates} duplicates dropped, {oversize_total} oversize code blocks",
        file=sys.stderr,
    )
    return 1 if args.fail_on_oversize and oversize_total else 0


if __name__ == "__main__":
    sys.exit(main())
