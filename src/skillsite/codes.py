# ruff: noqa: E501 - a Markdown table reads best one row per line
r"""Every diagnostic code `skillsite check` reports: stable names, one table.

| code | severity | what it means |
|---|---|---|
| file-empty | error | SKILL.md is empty or only whitespace |
| file-too-large | error | SKILL.md is over the size limit (1 MiB, `--max-file-bytes`); a supporting file over it is a warning |
| skill-file-not-regular | error | `SKILL.md` is a folder, FIFO, socket or device, or a link to anything but a regular file named `SKILL.md`; it is never read |
| file-not-regular | warning | a FIFO, socket or device in a skill folder, or a link to one; it is not read or published (never opened, so it cannot block) |
| file-hard-linked | error | a file with more than one hard link: its content may live outside the catalog, so it is never read and the skill is not published |
| file-name-unsafe | error | a file or folder name that is not valid UTF-8 or holds a control character, a bidirectional text control, an invisible format character or a backslash (shown with its bytes escaped); the skill is not published |
| skill-too-many-files | error | a skill has more supporting files than the limit (1,000, `--max-skill-files`); none is read, the skill is not published |
| skill-too-large | error | a skill's files add up to more than the limit (50 MiB, `--max-skill-bytes`); they are not read, the skill is not published |
| file-unreadable | error | a file cannot be opened (permissions) |
| folder-unreadable | error | a folder cannot be listed (permissions) |
| file-name | warning | the skill file is named `skill.md`, `SKILL.MD`, ` SKILL.md`...: it is used, but should be `SKILL.md` |
| bom | warning | the file starts with a UTF-8 byte order mark (it is read correctly) |
| not-utf8 | error | the file is not valid UTF-8 (line and column of the first bad byte) |
| nul-bytes | error | the file contains NUL bytes |
| frontmatter-missing | error | line 1 is not `---` |
| frontmatter-unclosed | error | no line `---` closes the frontmatter |
| yaml-too-large | error | the frontmatter is over 64 KiB |
| yaml-too-complex | error | anchors/aliases, nesting or node count beyond what frontmatter needs (alias bombs) |
| yaml-invalid | error | YAML syntax error, at the line and column in SKILL.md (an unquoted `: ` most often) |
| yaml-not-mapping | error | the frontmatter is a list or a scalar, not `key: value` lines |
| yaml-duplicate-key | error | a key appears twice in one mapping |
| name-missing | error | no `name` |
| name-type | error | `name` is not a string |
| name-format | error | `name` is not lowercase a-z, 0-9 and single inner hyphens |
| name-too-long | error | `name` is over 64 characters |
| name-mismatch | error | `name` differs from the skill folder's name |
| name-duplicate | error | two skills in the catalog share a name (reported on both, each naming the other) |
| description-missing | error | no `description` |
| description-type | error | `description` is not a string (or has no value) |
| description-empty | error | `description` is empty |
| description-too-long | error | `description` is over 1024 characters |
| compatibility-type | error | `compatibility` is not a string |
| compatibility-empty | error | `compatibility` is empty |
| compatibility-too-long | error | `compatibility` is over 500 characters |
| metadata-type | error | `metadata` is not a mapping |
| metadata-value-type | warning | `metadata` has values (or keys) that are not strings; they are not used |
| license-type | warning | `license` is not a string; it is not used |
| allowed-tools-list | warning | `allowed-tools` is a YAML list; the specification wants a space-separated string |
| allowed-tools-type | warning | `allowed-tools` is neither a string nor a list; it is not used |
| unknown-key | warning | a top-level key outside name, description, license, compatibility, metadata, allowed-tools |
| body-too-long | warning | the body is over 500 lines |
| fence-unclosed | warning | a code fence is never closed |
| raw-html | warning | an HTML tag (or pseudo-tag such as `<HARD-GATE>`) outside code |
| link-missing | warning | a relative Markdown link or image points to a file the skill does not publish |
| link-leaves-skill | warning | a relative Markdown link or image points outside the skill folder |
| link-broken | error | a symbolic link in the catalog points nowhere |
| link-outside | error | a symbolic link leads outside the catalog root; it is not read |
| link-not-followed | warning | a link to a folder, to a file outside its skill folder, or to a dot-file or into a dot-folder: not published with the skill |
| nested-skill | warning | a skill folder inside another skill folder (both are reported as skills) |
| file-not-served | warning | a supporting file outside the plain types served raw (text, Markdown, code, JSON/YAML, images but SVG; `published.RAW_SUFFIXES`): it ships in the skill's archive only |
| file-not-installable | warning | a supporting file's path has characters or a form install tools refuse (spaces, quotes, non-ASCII, `..`, over-long): left out of the well-known index, so `npx skills add` installs the skill without it |
| category-invalid | warning | a skill directly under the root has a `metadata.category` that is not a valid key; it is listed under `uncategorized` |
| category-name | warning | a category folder name is not a valid key and was turned into one |
| category-file-invalid | error | `category.yml` cannot be read or has wrongly typed values (defaults are used) |
| remote-pipe-shell | warning | risk scan (high): code downloaded and run in one step (`curl` or `wget` piped to `sh`, `iwr` piped to `iex`, `bash <(curl …)`) |
| decode-exec | warning | risk scan (high): encoded text decoded and run (`base64 -d` piped to `sh`, `exec(b64decode(…))`, `eval(atob(…))`, `powershell -enc`) |
| auto-yes-install | warning | risk scan (medium): a package run or installed without the user confirming or pinning it (`npx -y`, `pip install` from a URL or git) |
| write-outside-project | warning | risk scan (high): a write to `~/.ssh`, shell startup files (`~/.bashrc`, `~/.zshrc`, `~/.profile`...), `~/.aws/credentials` or `/etc` |
| secret-exfiltration | warning | risk scan (high): the whole environment or a credential file sent over the network (`env` piped to `curl`, `requests.post(…, os.environ)`) |
| agent-directed-text | warning | risk scan (high): text aimed at the agent, not the user ("ignore previous instructions", "do not tell the user") |
| hidden-unicode | warning | risk scan (high): invisible or bidirectional characters (zero-width, bidi overrides and isolates, Unicode tags) |
| binary-file | warning | risk scan: a supporting file that is not text (images, fonts and PDFs excepted); an executable program is high |
| minified-file | warning | risk scan (medium): a script with a line over 1,000 characters, minified or packed |
| near-duplicate | warning | another skill has the same description, or a body that is nearly the same |
| category-key-unknown | warning | `category.yml` has a key other than title, description, icon, order |
"""

from __future__ import annotations

from skillsite.diagnostics import Severity


def _table() -> dict[str, Severity]:
    rows = [line.split("|") for line in (__doc__ or "").splitlines() if line.startswith("| ")]
    return {
        cells[1].strip(): Severity(cells[2].strip())
        for cells in rows
        if cells[2].strip() in ("error", "warning")
    }


CODES: dict[str, Severity] = _table()
