"""Static risk scan: patterns in a skill's files that a reader should know about.

A skill is text an agent follows and scripts it runs with the user's permissions. The
scan looks, line by line, for what reviewers of skill catalogs look for: remote code
piped to a shell, decode-and-execute, package runs that answer "yes" for the user,
writes outside the project, the environment sent over the network, text aimed at the
agent rather than the user, invisible characters, and files no one can review (binary or
minified). It also lists the scripts a skill ships, with their sha256.

Work is bounded: a byte search for keywords finds the few candidate lines, only those
(at most `MAX_CANDIDATE_LINES`) run the rules, each rule reads the first `MAX_LINE_CHARS`
of a line with no nested quantifiers, only the first `MAX_SCAN_BYTES` of a file are read,
and at most `MAX_FINDINGS_PER_FILE` findings are kept per file.

A finding is allowed, with a reason, by a comment on its line or on the line above:
`<!-- skillsite-allow: remote-pipe-shell: the vendor's documented installer -->` in
Markdown, `# skillsite-allow: decode-exec: reason` (or `//`) in scripts. Allowed
findings stay on the page with their reason; they are not reported by `skillsite check`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from posixpath import splitext

from ahocorasick_rs import AhoCorasick, BytesAhoCorasick

from skillsite.codes import diagnostic
from skillsite.diagnostics import Diagnostic

MAX_SCAN_BYTES = 1024 * 1024
MAX_LINE_CHARS = 4096
MAX_FINDINGS_PER_FILE = 50
MAX_EXCERPT_CHARS = 160
MINIFIED_LINE_CHARS = 1000
# A long line of prose or data in a string (a message, a list of names) has few of these
# characters; packed code is full of them. Past `PACKED_LINE_CHARS` a line is reported
# whatever it holds.
_CODE_PUNCTUATION = tuple(bytes([char]) for char in b"{}()[];=<>+*&|!?:")
MINIFIED_MIN_PUNCTUATION = 0.08
PACKED_LINE_CHARS = 10_000
MAX_CANDIDATE_LINES = 20_000  # lines per file that run the rules


class Level(StrEnum):
    """How much a finding matters to a reader deciding whether to trust a skill."""

    HIGH = "high"
    MEDIUM = "medium"


@dataclass(frozen=True, slots=True)
class RiskFinding:
    path: str  # relative to the skill folder ("SKILL.md", "scripts/x.sh")
    line: int  # 1-based; 0 for a finding about the whole file
    level: Level
    code: str
    message: str
    excerpt: str = ""  # the line as written (shortened), shown escaped
    allowed: str = ""  # the reason given in a skillsite-allow comment, if any


@dataclass(frozen=True, slots=True)
class ScriptFile:
    path: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    level: Level
    summary: str


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule("remote-pipe-shell", Level.HIGH, "code downloaded and run by a shell in one step"),
        Rule("decode-exec", Level.HIGH, "encoded text decoded and run"),
        Rule("auto-yes-install", Level.MEDIUM, "a package run or installed without asking"),
        Rule("write-outside-project", Level.HIGH, "writes to ~/.ssh, shell startup files or /etc"),
        Rule("secret-exfiltration", Level.HIGH, "the environment or credentials sent out"),
        Rule("agent-directed-text", Level.HIGH, "text telling the agent to deceive or override"),
        Rule("hidden-unicode", Level.HIGH, "invisible or text-reordering characters"),
        Rule("binary-file", Level.MEDIUM, "a file that cannot be read as text"),
        Rule("minified-file", Level.MEDIUM, "a script too dense to review"),
    )
}

# Candidate lines hold one of these words (in lower case) or a hidden character; `str.find`
# over the lowered text is many times faster than one regex alternation of them all.
_HIDDEN = "\u200b\u2060\u2061-\u2064\u180e\u202a-\u202e\u2066-\u2069\ufeff\U000e0000-\U000e007f"
_KEYWORDS = (
    "curl", "wget", "iwr", "irm", "invoke-", "iex", "base64", "b64decode", "atob",
    "powershell", "pwsh", "npx", "npm exec", "pnpm", "bunx", "pip install",
    "pip3 install", "pipx", "uvx",
    "eval", "exec", "~/", "~\\", "$home", "${home}", "userprofile", "/etc/", "/root/",
    "environ", "process.env", "printenv", "env)", "env |", "env|", "env`", "env:",
    "ignore", "disregard",
    "forget", "override", "the user", "silently", "you are now", "skillsite-allow",
)  # fmt: skip
_HIDDEN_CHARS = re.compile("[" + _HIDDEN + "]")
# Characters that reorder text or spell out hidden ASCII: always reported.
_REORDERING = re.compile("[\u202a-\u202e\u2066-\u2069\U000e0000-\U000e007f]")
# Zero-width and invisible-operator characters. One alone is common and harmless (the
# empty anchor `[\u200b](#heading)` of scraped documentation pages, `log\u2061x` in
# mathematics, a stray U+FEFF); a run of two or more can carry a hidden message, so a run
# is reported, counting the joiners U+200C and U+200D that emoji and Persian use singly.
_ZERO_WIDTH = "\u200b\u2060-\u2064\u180e\ufeff"
_ZERO_WIDTH_RUN = re.compile("[\u200b-\u200d" + _ZERO_WIDTH[6:] + "]{2,}")
_ZERO_WIDTH_CHARS = re.compile("[" + _ZERO_WIDTH + "]")

# A command word: at the start, or after whitespace, a backtick, `(` or `;&|`.
_FETCH = re.compile(
    r"(?:^|[\s`(;&|])(?:sudo\s+)?(curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod)(?=\s|$)",
)
_SHELL_HEAD = re.compile(
    r"(?:sudo\s+(?:-\S+\s+)*)?(?:env\s+)?(?:ba|z|da|k|fi|c|tc)?sh\b|iex\b|invoke-expression\b"
    r"|python[0-9.]*\s+-(?:\s|$)|python[0-9.]*\s*$|node\s*$|node\s+-(?:\s|$)|perl\s*$|ruby\s*$",
)
_SUBSTITUTED_FETCH = re.compile(
    r"iex\s*\(\s*(?:iwr|irm|invoke-webrequest|invoke-restmethod|new-object)"
    r"|invoke-expression\s*\(\s*(?:iwr|irm|invoke-webrequest|invoke-restmethod|new-object)"
    r"|downloadstring\s*\([^)]{0,300}\)\s*\|\s*iex",
)
_SHELL_OF_SUBSTITUTION = re.compile(
    r"(?:^|[\s`(;&|])(?:ba|z|da|k)?sh\s+(?:-c\s+)?[\"']?\$\(\s*(?:curl|wget)\s"
    r"|(?:^|[\s`(;&|])(?:ba|z|da|k)?sh\s+<\(\s*(?:curl|wget)\s"
    r"|(?:^|[\s`(;&|])(?:source|\.)\s+<\(\s*(?:curl|wget)\s"
    r"|(?:^|[\s`(;&|])eval\s+[\"']?\$\(\s*(?:curl|wget)\s",
)
_DECODE = re.compile(
    r"base64\s+(?:-d|-D|--decode)\b|b64decode|frombase64string|\batob\s*\(|xxd\s+-r",
)
_DECODE_EXEC = re.compile(
    r"\b(?:exec|eval)\s*\(\s*(?:compile\s*\(\s*)?(?:base64\.b64decode|b64decode|codecs\.decode"
    r"|zlib\.decompress|marshal\.loads|bytes\.fromhex|atob\s*\(|buffer\.from\s*\()"
    r"|\beval\s+[\"']?\$\(\s*(?:echo|printf)\b[^)]{0,400}base64"
    r"|(?:powershell|pwsh)(?:\.exe)?\s+(?:-\w+\s+){0,5}-e(?:nc|ncodedcommand)?\s+[a-z0-9+/]{40,}"
    r"|\[scriptblock\]::create\([^)]{0,200}frombase64",
)
_AUTO_YES = re.compile(
    r"(?:^|[\s`(;&|])(?:npx|npm\s+exec|pnpm\s+dlx|bunx)\s+(?:-\S+\s+)*?(?:-y|--yes)\s+"
    r"(?:--?[a-z-]+(?:[ =][^\s-]\S*)?\s+)*(?P<package>[@a-z0-9][\w@./:+-]*)"
    r"|(?:^|[\s`(;&|])(?:pip3?|python[0-9.]*\s+-m\s+pip|uv\s+pip|pipx)\s+install\s+(?:-\S+\s+)*"
    r"[\"']?(?P<source>(?:git\+|https?://[a-z0-9]|[a-z0-9_.-]+\s*@\s*(?:git\+|https?://))\S*)"
    r"|(?:^|[\s`(;&|])(?:uvx|pipx\s+run)\s+(?:--from\s+)?[\"']?(?P<tool>(?:git\+|https?://)\S*)",
)
# An exact version (`pkg@1.2.3`, a git URL at a tag `@v1.2.3` or at a commit) pins what
# runs; `@latest`, a branch, a major version (`@2`) or nothing does not.
_PINNED = re.compile(
    r"@v?\d+\.\d+\.\d+(?:[-+][\w.]+)?(?:[\"'`#\[]|$)|@[0-9a-f]{7,40}(?:[\"'`#\[]|$)"
)
_SENSITIVE_PATH = re.compile(
    r"(?:~|\$home|\$\{home\}|%userprofile%|\$env:userprofile)[/\\]+\.(?:ssh|bashrc|zshrc|profile"
    r"|bash_profile|bash_login|zprofile|zshenv|zlogin|config[/\\]fish|aws[/\\]credentials|netrc"
    r"|gnupg)\b|/root/\.ssh|(?<![\w.~$/-])/etc/[a-z0-9]",
)
_REDIRECT_TO_SENSITIVE = re.compile(r">>?\s*[\"']?(?:~|\$home|\$\{home\}|/etc/|/root/)")
_WRITE_COMMANDS = frozenset(
    ("cp", "mv", "ln", "install", "rsync", "tee", "chmod", "chown", "touch", "mkdir", "dd")
)
_PATH_METHOD_WRITE = re.compile(r"\.(?:write_text|write_bytes)\s*\(")
_WRITE_APIS = re.compile(
    r"writefile|appendfile|set-content|add-content|out-file"
    r"|open\s*\([^)]{0,300}[\"'](?:w|a|wb|ab|w\+|a\+)[\"']|sed\s+-i",
)
_ENV_DUMP = re.compile(
    r"\$\(\s*(?:env|printenv|set)\s*\)|`(?:env|printenv)`|(?:^|[\s|;&(])(?:env|printenv)\s*(?:\||$)"
    r"|dict\(\s*os\.environ\s*\)|os\.environ\s*[),]|json\.dumps\(\s*(?:dict\()?os\.environ"
    r"|json\.stringify\(\s*process\.env\s*\)|process\.env\s*[),]|get-childitem\s+env:"
    r"|(?:~|\$home)/\.(?:ssh/id_|aws/credentials|netrc)|@(?:~/)?\.env\b",
)
_SENDER = re.compile(
    r"(?:^|[\s`(;&|])(?:curl|wget|nc|ncat|netcat|invoke-webrequest|invoke-restmethod|iwr|irm)\s"
    r"|requests\.(?:post|put|get)\s*\(|urlopen\s*\(|fetch\s*\(|axios\.|http\.request|/dev/tcp/",
)
_AGENT_DIRECTED = re.compile(
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+)?"
    r"(?:previous|prior|above|earlier|preceding|system|original)\s+"
    r"(?:instructions|prompts?|rules|guidelines|messages)"
    r"|\b(?:do\s+not|don'?t|never)\s+(?:tell|inform|notify|alert|mention\s+(?:this\s+|it\s+)?to)"
    r"\s+the\s+user(?!\s+to\b|\s+how\b)"
    r"|\b(?:hide|conceal|keep)\s+(?:this|it|these|that)\s+(?:secret\s+)?from\s+the\s+user"
    r"|(?<!without )(?<!not )(?<!never )(?<!no )"
    r"\bsilently\s+(?:send|upload|exfiltrate|post|transmit)"
    r"|\byou\s+are\s+now\s+in\s+(?:developer|god|dan|unrestricted)\s+mode",
)
_ALLOW = re.compile(
    r"skillsite-allow:\s*(?P<codes>[a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*:\s*(?P<reason>.*?)\s*"
    r"(?:-->|\*/)?\s*$"
)
_ALLOW_ONLY = re.compile(r"^\s*(?:<!--|#|//|/\*|--|;|rem\b)\s*skillsite-allow:")

SCRIPT_SUFFIXES = frozenset(
    (".sh", ".bash", ".zsh", ".fish", ".py", ".js", ".mjs", ".cjs", ".ts", ".mts", ".ps1",
     ".psm1", ".bat", ".cmd", ".rb", ".pl", ".php", ".lua", ".go", ".rs")
)  # fmt: skip
# Binary files a skill may carry as assets without anything to review.
MEDIA_SUFFIXES = frozenset(
    (".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".bmp", ".avif", ".pdf", ".woff",
     ".woff2", ".ttf", ".otf", ".mp3", ".mp4", ".wav", ".ogg", ".webm")
)  # fmt: skip
_EXECUTABLE_MAGIC = (
    b"\x7fELF", b"MZ", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"\0asm"
)  # fmt: skip


def is_script(path: str, data: bytes) -> bool:
    return splitext(path)[1].lower() in SCRIPT_SUFFIXES or data.startswith(b"#!")


def _segments(line: str) -> list[str]:
    """The line split at single `|` (pipes), keeping `||` inside a segment."""
    return re.split(r"(?<!\|)\|(?!\|)", line)


def _names_a_source(piece: str, fetch: re.Match[str]) -> bool:
    """Whether a download command has an argument: `curl | sh` and `curl … | sh` name the
    pattern in prose; a command that runs downloads something."""
    arguments = piece[fetch.end() :].replace("\\", " ").split()
    return any(word.strip("`'\"") not in _PLACEHOLDERS for word in arguments)


_PLACEHOLDERS = frozenset(("", "…", "...", "<url>", "url"))


def _remote_pipe(line: str) -> str | None:
    if _SUBSTITUTED_FETCH.search(line) or _SHELL_OF_SUBSTITUTION.search(line):
        return "downloads code and runs it in the same step"
    if "|" not in line:
        return None
    pieces = _segments(line)
    fetched = False
    for piece in pieces:
        if fetched and _SHELL_HEAD.match(piece.strip(" \t`\"'(")):
            return "downloads code and pipes it into a shell"
        fetch = _FETCH.search(piece)
        fetched = fetched or bool(fetch and _names_a_source(piece, fetch))
    return None


def _decode_exec(line: str) -> str | None:
    if _DECODE_EXEC.search(line):
        return "decodes hidden text and runs it"
    if "|" in line and _DECODE.search(line):
        pieces = _segments(line)
        decoded = False
        for piece in pieces:
            if decoded and _SHELL_HEAD.match(piece.strip(" \t`\"'(")):
                return "decodes text and pipes it into a shell"
            decoded = decoded or bool(_DECODE.search(piece))
    return None


def _auto_yes(line: str) -> str | None:
    for found in _AUTO_YES.finditer(line):
        target = found.group("package") or found.group("source") or found.group("tool") or ""
        if not _PINNED.search(target.rstrip(".,;)")):
            return "runs or installs a package without letting the user confirm or pin it"
    return None


def _write_outside(line: str) -> str | None:
    if not _SENSITIVE_PATH.search(line):
        return None
    redirect = _REDIRECT_TO_SENSITIVE.search(line)
    if redirect and _SENSITIVE_PATH.search(line, redirect.start()):
        return "writes to a file outside the project"
    for piece in re.split(r"[;&|]+", line):
        words = piece.replace("`", " ").split()
        while words and (words[0] in ("sudo", "-E") or "=" in words[0]):
            words = words[1:]
        if not words or words[0] not in _WRITE_COMMANDS:
            continue
        # The target of cp/mv/ln/install/rsync is the last word; for the others, any.
        targets = words[-1:] if words[0] in ("cp", "mv", "ln", "install", "rsync") else words
        if any(_SENSITIVE_PATH.search(word) for word in targets[:50]):
            return "writes to a file outside the project"
    if _WRITE_APIS.search(line):
        return "writes to a file outside the project"
    method = _PATH_METHOD_WRITE.search(line)
    if method and _SENSITIVE_PATH.search(line, 0, method.start()):
        return "writes to a file outside the project"  # the receiver is the path written
    return None


def _exfiltration(line: str) -> str | None:
    if _ENV_DUMP.search(line) and _SENDER.search(line):
        return "sends the environment or a credential file over the network"
    return None


# Words of a sentence that talks about an attack rather than making one.
_ABOUT_ATTACKS = re.compile(
    r"\b(?:e\.g\.|for example|such as|like|inject\w*|attack\w*|malicious|adversarial"
    r"|jailbreak\w*|steer\w*|payloads?|direct|indirect|patterns?|attempts?\s+to|tries\s+to)(?!\w)"
)
_QUOTED = re.compile(r"\"[^\"]*\"?|“[^”]*”?|`[^`]*`?")


def _quoted_example(line: str, found: re.Match[str]) -> bool:
    """The phrase sits in quotes, and the rest of the line speaks about attacks: a guard
    against injection quoting one (`text like "ignore previous instructions"`)."""
    for quote in _QUOTED.finditer(line):
        if quote.start() < found.start() and found.end() <= quote.end():
            outside = line[: quote.start()] + " " + line[quote.end() :]
            return bool(_ABOUT_ATTACKS.search(outside))
    return False


def _agent_directed(line: str) -> str | None:
    for found in _AGENT_DIRECTED.finditer(line):
        if not _quoted_example(line, found):
            return "tells the agent to override its instructions or keep something from the user"
    return None


def _hidden_unicode(line: str) -> str | None:
    found = _REORDERING.search(line)
    if found:
        return f"contains the invisible character U+{ord(found.group(0)):04X}"
    run = _ZERO_WIDTH_RUN.search(line)
    if run:
        codes = " ".join(f"U+{ord(char):04X}" for char in run.group(0)[:4])
        return f"contains a run of {len(run.group(0))} invisible characters ({codes})"
    return None


# Each rule with the words (lowercase) one of which a line needs before the rule runs.
LINE_RULES: tuple[tuple[str, tuple[str, ...], Callable[[str], str | None]], ...] = (
    (
        "remote-pipe-shell",
        ("curl", "wget", "iwr", "irm", "invoke-", "iex", "downloadstring"),
        _remote_pipe,
    ),
    (
        "decode-exec",
        ("base64", "b64decode", "atob", "xxd", "exec", "eval", "powershell", "pwsh"),
        _decode_exec,
    ),
    ("auto-yes-install", ("npx", "npm exec", "pnpm", "bunx", "pip", "uvx"), _auto_yes),
    (
        "write-outside-project",
        ("~", "$home", "${home}", "userprofile", "/etc/", "/root/"),
        _write_outside,
    ),
    ("secret-exfiltration", ("env", "environ", "~/", "$home", "@"), _exfiltration),
    (
        "agent-directed-text",
        ("ignore", "disregard", "forget", "override", "the user", "silently", "you are now"),
        _agent_directed,
    ),
)

# Which line rules a candidate line needs: one search for every rule's words at once
# (overlapping, so a word inside another still counts), rather than a test per word.
_RULE_WORDS = sorted({needle for _, needles, _ in LINE_RULES for needle in needles})
_RULES_OF_WORD = [
    frozenset(index for index, (_, needles, _) in enumerate(LINE_RULES) if word in needles)
    for word in _RULE_WORDS
]
_RULE_WORD_FINDER = AhoCorasick(_RULE_WORDS)


def _rules_for(lowered: str) -> list[int]:
    """Indexes into LINE_RULES of the rules with a word in the line, in table order."""
    found: set[int] = set()
    for word, _, _ in _RULE_WORD_FINDER.find_matches_as_indexes(lowered, overlapping=True):
        found |= _RULES_OF_WORD[word]
    return sorted(found)


def excerpt(line: str) -> str:
    shown = _HIDDEN_CHARS.sub(lambda m: f"<U+{ord(m.group(0)):04X}>", line.strip())
    if len(shown) > MAX_EXCERPT_CHARS:
        shown = shown[: MAX_EXCERPT_CHARS - 1] + "…"
    return shown


# First bytes of the UTF-8 forms of the hidden characters.
_HIDDEN_LEADS = (
    *(
        char.encode()
        for char in "\u200b\u2060\u2061\u2062\u2063\u2064\u180e\u202a\u202b\u202c\u202d"
        "\u202e\u2066\u2067\u2068\u2069\ufeff"
    ),
    b"\xf3\xa0\x80",
    b"\xf3\xa0\x81",
)
_KEYWORD_FINDER = BytesAhoCorasick(
    [keyword.encode() for keyword in _KEYWORDS] + list(_HIDDEN_LEADS)
)


def _candidate_lines(data: bytes) -> Iterator[tuple[int, str]]:
    """(line number, line) for each line holding a keyword or a hidden character.

    One Aho-Corasick pass over the lowered bytes finds every keyword at once (the
    keywords are ASCII, the hidden characters' UTF-8 forms are matched as bytes); a
    `bytes.find` per keyword read the file once per keyword, 60 times.
    """
    lowered = data.lower()
    starts: list[int] = []
    line_end = -1  # end of the last candidate line: later hits on it add nothing
    for _, position, _ in _KEYWORD_FINDER.find_matches_as_indexes(lowered):
        if position < line_end:
            continue
        starts.append(lowered.rfind(b"\n", 0, position) + 1)
        line_end = lowered.find(b"\n", position)
        if line_end < 0 or len(starts) >= MAX_CANDIDATE_LINES:
            break
    number, counted_to = 1, 0
    for start in starts:
        number += data.count(b"\n", counted_to, start)
        counted_to = start
        end = data.find(b"\n", start)
        line = data[start : end if end >= 0 else len(data)]
        text = line.decode("utf-8", errors="replace").removesuffix("\r")
        yield number, text.removeprefix("\ufeff") if start == 0 else text


# Markdown's quote marker: `> /etc/hosts maps names` is a quotation, not a redirect.
_BLOCKQUOTE = re.compile(r" {0,3}(?:>[ \t]?)+")
MARKDOWN_SUFFIXES = frozenset((".md", ".markdown", ".mdx"))

_FENCE_OPEN = re.compile(r" {0,3}(`{3,}|~{3,})")
MAX_ALLOWED_BLOCK_LINES = 200


def _block_end(text: str, line_number: int) -> int:
    """The last line of the fenced code block opening on `line_number`, else that line."""
    lines = text.split("\n", line_number + MAX_ALLOWED_BLOCK_LINES)
    if line_number > len(lines):
        return line_number
    opener = _FENCE_OPEN.match(lines[line_number - 1])
    if not opener:
        return line_number
    fence = opener.group(1)
    for index in range(line_number, min(len(lines), line_number + MAX_ALLOWED_BLOCK_LINES)):
        if lines[index].strip().startswith(fence[0] * len(fence)):
            return index + 1
    return line_number


def _allowances(line: str) -> tuple[set[str], str] | None:
    if "skillsite-allow:" not in line:
        return None  # the common case, without the regex
    match = _ALLOW.search(line)
    if not match:
        return None
    codes = {code.strip() for code in match.group("codes").split(",")}
    return codes, match.group("reason").strip()


def scan_text(
    path: str, text: str, data: bytes | None = None, suffix: str | None = None
) -> list[RiskFinding]:
    """Findings in one text file (a path relative to the skill folder, for reports);
    `data` is the text's UTF-8 bytes and `suffix` the path's lowercased suffix when the
    caller has them."""
    findings: list[RiskFinding] = []
    allow_on: dict[int, tuple[set[str], str]] = {}
    if suffix is None:
        suffix = splitext(path)[1].lower()
    markdown = suffix in MARKDOWN_SUFFIXES
    encoded = text.encode("utf-8", errors="surrogatepass") if data is None else data
    for number, line in _candidate_lines(encoded):
        head = line[:MAX_LINE_CHARS]
        allowed = _allowances(head)
        if allowed:
            allow_on[number] = allowed
            if _ALLOW_ONLY.match(head) and len(allow_on) < MAX_ALLOWED_BLOCK_LINES * 20:
                # A comment on a line of its own covers the next line, or the whole
                # code block that starts there.
                for covered in range(number + 1, _block_end(text, number + 1) + 1):
                    allow_on[covered] = allowed
                continue
        lowered = head.lower()
        if markdown and lowered.lstrip(" ").startswith(">"):
            lowered = _BLOCKQUOTE.sub("", lowered, count=1)
        if not head.isascii():
            lowered = _ZERO_WIDTH_CHARS.sub("", lowered)
        hits = [
            (LINE_RULES[index][0], LINE_RULES[index][2](lowered)) for index in _rules_for(lowered)
        ]
        if not head.isascii():
            hits.append(("hidden-unicode", _hidden_unicode(head)))
        for code, message in hits:
            if message:
                findings.append(
                    RiskFinding(path, number, RULES[code].level, code, message, excerpt(head))
                )
        if len(findings) >= MAX_FINDINGS_PER_FILE:
            break
    return [_apply_allow(finding, allow_on) for finding in findings[:MAX_FINDINGS_PER_FILE]]


def _apply_allow(finding: RiskFinding, allow_on: dict[int, tuple[set[str], str]]) -> RiskFinding:
    allowed = allow_on.get(finding.line)
    if allowed and finding.code in allowed[0] and allowed[1]:
        return RiskFinding(
            finding.path,
            finding.line,
            finding.level,
            finding.code,
            finding.message,
            finding.excerpt,
            allowed[1],
        )
    return finding


def _whole_file(path: str, code: str, message: str, level: Level | None = None) -> RiskFinding:
    return RiskFinding(path, 0, level or RULES[code].level, code, message)


def scan_file(path: str, data: bytes) -> list[RiskFinding]:
    """Findings in one file of a skill, from its bytes."""
    head = data[:MAX_SCAN_BYTES]
    suffix = splitext(path)[1].lower()
    if b"\0" in head[:8192]:
        if head.startswith(_EXECUTABLE_MAGIC):
            return [
                _whole_file(
                    path, "binary-file", "an executable program: it cannot be reviewed", Level.HIGH
                )
            ]
        if suffix in MEDIA_SUFFIXES:
            return []
        return [_whole_file(path, "binary-file", "a binary file: it cannot be reviewed as text")]
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start >= len(head) - 3 and len(data) > MAX_SCAN_BYTES:
            text = head[: error.start].decode("utf-8")  # cut inside a character at the cap
        elif suffix in MEDIA_SUFFIXES:
            return []
        else:
            return [_whole_file(path, "binary-file", "not UTF-8 text: it cannot be reviewed")]
    findings = scan_text(path, text, head, suffix)
    if suffix in SCRIPT_SUFFIXES or data.startswith(b"#!"):  # is_script, suffix known
        longest = _longest_dense_line(head)
        if longest:
            findings.append(
                _whole_file(
                    path,
                    "minified-file",
                    f"a script with a line of {longest} characters: minified or packed code "
                    "cannot be reviewed",
                )
            )
    return findings


def _longest_dense_line(data: bytes) -> int:
    """The length of the longest line that reads as packed code, else 0."""
    longest = 0
    for line in data.split(b"\n"):
        size = len(line)
        if size <= max(MINIFIED_LINE_CHARS, longest):
            continue
        punctuation = sum(line.count(char) for char in _CODE_PUNCTUATION)
        if size > PACKED_LINE_CHARS or punctuation >= size * MINIFIED_MIN_PUNCTUATION:
            longest = size
    return longest


def script_entry(path: str, data: bytes) -> ScriptFile | None:
    if not is_script(path, data):
        return None
    return ScriptFile(path, hashlib.sha256(data).hexdigest(), len(data))


ALLOW_HINT = (
    "review it; if it is intended, say why in a comment on the line or the line above: "
    "`<!-- skillsite-allow: {code}: reason -->` in Markdown, `# skillsite-allow: {code}: "
    "reason` in a script"
)


def risk_diagnostics(folder: str, findings: list[RiskFinding]) -> list[Diagnostic]:
    """The findings `skillsite check` reports: every one not allowed with a reason."""
    prefix = "" if folder in ("", ".") else f"{folder}/"
    return [
        diagnostic(
            finding.code,
            prefix + finding.path,
            f"{finding.level.value} risk: {finding.message}"
            + (f": {finding.excerpt}" if finding.excerpt else ""),
            line=max(finding.line, 1),
            hint=ALLOW_HINT.format(code=finding.code)
            if finding.line
            else "remove the file, or ship its source instead",
        )
        for finding in findings
        if not finding.allowed
    ]
