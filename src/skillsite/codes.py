"""The rule table: every diagnostic code `skillsite check` reports, in one place.

Each rule has a stable code, a severity, a one-line summary, the default hint (what to
do; a diagnostic may give a more precise one) and a documentation paragraph.
`docs/diagnostics.md` is generated from this table (`skillsite docs-diagnostics`), and
`diagnostic()` is the one way to create a Diagnostic, so a code's severity is written
here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

from skillsite.diagnostics import Diagnostic, Severity

E = Severity.ERROR
W = Severity.WARNING


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    severity: Severity
    summary: str  # one line: what was found
    hint: str  # what to do, when the diagnostic has nothing more precise to say
    doc: str  # a paragraph for docs/diagnostics.md: why it matters, how to fix it
    group: str


# The documentation paragraph every risk-scan rule shares.
_RISK_SCAN_DOC = (
    "A static pattern check over SKILL.md and the skill's files. The finding is shown on "
    "the skill page and in the API; the skill stays published. Allow a reviewed finding "
    "with `<!-- skillsite-allow: CODE: reason -->` (Markdown) or `# skillsite-allow: "
    "CODE: reason` (scripts) on the line or the line above; the reason is shown on the "
    "page. See docs/risk-scan.md."
)

RULES: tuple[Rule, ...] = (
    # --- files and folders ---------------------------------------------------------
    Rule(
        "file-empty",
        E,
        "SKILL.md is empty or only whitespace",
        "start the file with a frontmatter block: ---, name: ..., description: ..., ---",
        "An empty SKILL.md describes nothing: tools cannot list it and the site has no page "
        "to show. Write the frontmatter block and the instructions, or remove the folder.",
        "Files and folders",
    ),
    Rule(
        "file-too-large",
        E,
        "SKILL.md is over the size limit (1 MiB, `--max-file-bytes`)",
        "keep SKILL.md short; move long material into files under references/",
        "Only the first bytes up to the limit are read, so the skill is not checked further "
        "and not published. Agents load SKILL.md whole into their context: keep it short "
        "and put long material in `references/`, which agents open when they need it.",
        "Files and folders",
    ),
    Rule(
        "supporting-file-too-large",
        W,
        "a supporting file is over the size limit",
        "large files make the skill slow to install; keep supporting files small",
        "The file is published, but every install downloads it. Shrink it, or link to "
        "where it lives instead of copying it into the skill. (Until this code existed "
        "this case was reported as a `file-too-large` warning.)",
        "Files and folders",
    ),
    Rule(
        "skill-file-not-regular",
        E,
        "`SKILL.md` is a folder, FIFO, socket or device, or a link to anything but a "
        "regular file named `SKILL.md`",
        "make SKILL.md a plain text file",
        "Such a `SKILL.md` is never opened (reading a FIFO could block the build). Replace "
        "it with a regular text file.",
        "Files and folders",
    ),
    Rule(
        "file-not-regular",
        W,
        "a FIFO, socket or device in a skill folder, or a link to one",
        "remove it from the skill folder",
        "Special files are never read or published; they usually come from a copied "
        "working folder. Remove them.",
        "Files and folders",
    ),
    Rule(
        "file-hard-linked",
        E,
        "a file with more than one hard link",
        "copy the file instead of hard-linking it",
        "Its content may live outside the catalog, so it is never read and the skill is "
        "not published.",
        "Files and folders",
    ),
    Rule(
        "file-name-unsafe",
        E,
        "a file or folder name that cannot be published safely",
        "rename the file to printable UTF-8 text without backslashes (e.g. `git mv`)",
        "The name is not valid UTF-8 or holds a control character, a bidirectional text "
        "control, an invisible format character or a backslash; it is shown with its "
        "bytes escaped, and the skill is not published.",
        "Files and folders",
    ),
    Rule(
        "skill-too-many-files",
        E,
        "a skill has more supporting files than the limit",
        "keep the skill to the files it needs",
        "The limit is 1,000 files (`--max-skill-files`, `extra.skillsite.max_skill_files`); "
        "none is read and the skill is not published.",
        "Files and folders",
    ),
    Rule(
        "skill-too-large",
        E,
        "a skill's files add up to more than the limit",
        "keep the skill small; link to large material instead of copying it",
        "The limit is 50 MiB (`--max-skill-bytes`, `extra.skillsite.max_skill_bytes`); the "
        "files are not read and the skill is not published.",
        "Files and folders",
    ),
    Rule(
        "file-not-installable",
        W,
        "a supporting file's path is one install tools refuse",
        "rename it to ASCII letters, digits, `.`, `_`, `+` and `-`",
        "Spaces, quotes, non-ASCII characters, `..` or an over-long path: the file is left "
        "out of the well-known index, so `npx skills add` installs the skill without it "
        "(the curl command installs it).",
        "Files and folders",
    ),
    Rule(
        "file-unreadable",
        E,
        "a file cannot be opened (permissions)",
        "fix the file's permissions",
        "The message carries the system's reason. Make the file readable by the user that "
        "runs the build (`chmod a+r`).",
        "Files and folders",
    ),
    Rule(
        "folder-unreadable",
        E,
        "a folder cannot be listed (permissions)",
        "fix the folder's permissions",
        "Nothing below the folder is found, so skills in it are missing from the site. "
        "Make it listable (`chmod a+rx`).",
        "Files and folders",
    ),
    Rule(
        "file-name",
        W,
        "the skill file is named `skill.md`, `SKILL.MD`, ` SKILL.md`...",
        "rename it to SKILL.md (exact case, no spaces); tools look for that exact name",
        "The skill is read and published, but installing tools look for the exact name "
        "`SKILL.md` and would miss it on a case-sensitive file system.",
        "Files and folders",
    ),
    Rule(
        "file-not-served",
        W,
        "a supporting file outside the plain types served raw",
        "fine for a file the agent uses; give it a plain type (e.g. `.txt`) if readers "
        "should open it on the site",
        "Only plain text, Markdown, code, JSON, YAML and images (not SVG) are served as raw "
        "files of the site (`published.RAW_SUFFIXES`); anything else ships in the skill's "
        "archive only. Links to it from the page lead nowhere.",
        "Files and folders",
    ),
    Rule(
        "nested-skill",
        W,
        "a skill folder inside another skill folder",
        "move it next to the other skills",
        "Both folders are published as separate skills, and the inner one's files are not "
        "part of the outer skill. Move the inner skill next to the others, or rename its "
        "`SKILL.md` if it is an example.",
        "Files and folders",
    ),
    # --- links in the file system --------------------------------------------------
    Rule(
        "link-broken",
        E,
        "a symbolic link in the catalog points nowhere",
        "remove the link or point it at an existing file inside the catalog",
        "Broken links usually come from copying a skill out of another repository. Remove "
        "the link or copy the file it meant.",
        "Symbolic links",
    ),
    Rule(
        "link-outside",
        E,
        "a symbolic link leads outside the catalog root",
        "copy the file into the skill folder instead of linking to it",
        "Links out of the catalog are never followed: a pull request could otherwise "
        "publish any file of the machine that builds the site.",
        "Symbolic links",
    ),
    Rule(
        "link-not-followed",
        W,
        "a link to a folder, to a file outside its skill folder, or to a dot-file or into "
        "a dot-folder",
        "copy the file into the skill folder instead of linking to it",
        "The target is not published with the skill, so an installed copy would miss it. "
        "Copy what the skill needs into its folder.",
        "Symbolic links",
    ),
    # --- encoding and frontmatter --------------------------------------------------
    Rule(
        "bom",
        W,
        "the file starts with a UTF-8 byte order mark",
        "save the file as UTF-8 without BOM; some tools then miss the frontmatter",
        "The file is read correctly here, but tools that look for `---` on the first line "
        "find the invisible mark first and see no frontmatter.",
        "Encoding and frontmatter",
    ),
    Rule(
        "not-utf8",
        E,
        "the file is not valid UTF-8",
        "re-save the file with UTF-8 encoding",
        "The line and column point at the first byte that is not UTF-8. Re-save the file "
        "as UTF-8 in the editor.",
        "Encoding and frontmatter",
    ),
    Rule(
        "nul-bytes",
        E,
        "the file contains NUL bytes",
        "SKILL.md must be a text file: remove the NUL bytes or re-save it as UTF-8",
        "NUL bytes mean a binary file or a UTF-16 encoding. SKILL.md must be UTF-8 text.",
        "Encoding and frontmatter",
    ),
    Rule(
        "frontmatter-missing",
        E,
        "line 1 is not `---`",
        'put "---" alone on line 1, then name and description, then "---"',
        "Every SKILL.md starts with a YAML frontmatter block between two `---` lines; the "
        "first line of the file must be the opening `---`.",
        "Encoding and frontmatter",
    ),
    Rule(
        "frontmatter-unclosed",
        E,
        "no line `---` closes the frontmatter",
        'add a line with only "---" after the last frontmatter key',
        "Without the closing line the whole file would be YAML. A `---` inside a value does "
        "not close the block; only a line holding nothing else does.",
        "Encoding and frontmatter",
    ),
    Rule(
        "yaml-too-large",
        E,
        "the frontmatter is over 64 KiB",
        "keep the frontmatter short; move long text into the body",
        "Frontmatter holds a name, a description of at most 1024 characters and a few "
        "short fields; a block this large is a mistake or an attack, and is not parsed.",
        "Encoding and frontmatter",
    ),
    Rule(
        "yaml-too-complex",
        E,
        "anchors, aliases, nesting or node count beyond frontmatter",
        "frontmatter is a flat list of keys: remove anchors (&), aliases (*) and deep nesting",
        "Alias bombs and deep nesting make YAML readers use unbounded time and memory; the "
        "block is rejected before it is built.",
        "Encoding and frontmatter",
    ),
    Rule(
        "yaml-invalid",
        E,
        "YAML syntax error",
        "fix the YAML syntax at this place",
        "The line and column point into SKILL.md. Most often an unquoted value holds "
        '`: `, which starts a new key: quote it (`description: "Use when: ..."`) or use a '
        "block scalar (`description: >-`).",
        "Encoding and frontmatter",
    ),
    Rule(
        "yaml-not-mapping",
        E,
        "the frontmatter is a list or a scalar, not `key: value` lines",
        "write the frontmatter as `key: value` lines (name:, description:)",
        "The frontmatter must be a mapping of keys to values.",
        "Encoding and frontmatter",
    ),
    Rule(
        "yaml-duplicate-key",
        E,
        "a key appears twice in one mapping",
        "keep one of the two keys: YAML readers disagree on which one wins",
        "Some readers keep the first value, others the last, so tools would disagree on "
        "what the skill says. Keep one.",
        "Encoding and frontmatter",
    ),
    # --- fields ----------------------------------------------------------------------
    Rule(
        "name-missing",
        E,
        "no `name`",
        "add `name:` with the folder's name",
        "`name` identifies the skill: it is its URL and the folder tools install it to.",
        "Fields",
    ),
    Rule(
        "name-type",
        E,
        "`name` is not a string",
        "write the skill name as text",
        "A name such as `true` or `2024` is read by YAML as a boolean or a number; write "
        "the folder's name.",
        "Fields",
    ),
    Rule(
        "name-format",
        E,
        "`name` is not lowercase a-z, 0-9 and single inner hyphens",
        "use lowercase letters, digits and single hyphens (and the same folder name)",
        "The specification allows 1-64 lowercase letters, digits and hyphens, with no "
        "hyphen at either end and none doubled. The hint suggests a valid name.",
        "Fields",
    ),
    Rule(
        "name-too-long",
        E,
        "`name` is over 64 characters",
        "shorten the name and rename the folder to match",
        "The specification limits names to 64 characters.",
        "Fields",
    ),
    Rule(
        "name-mismatch",
        E,
        "`name` differs from the skill folder's name",
        "rename the folder or change `name` so that they match",
        "Tools install a skill into a folder named after it; when the two differ, what is "
        "installed is not what the catalog shows.",
        "Fields",
    ),
    Rule(
        "name-duplicate",
        E,
        "two skills in the catalog share a name",
        "skill names must be unique across the catalog: rename one of them (and its folder)",
        "Reported on each of them, naming the others. Two skills with one name would share "
        "one page, one archive and one install command.",
        "Fields",
    ),
    Rule(
        "description-missing",
        E,
        "no `description`",
        "add `description:` saying what the skill does and when to use it",
        "Agents decide from the description alone whether to load a skill: say what it "
        "does and when to use it.",
        "Fields",
    ),
    Rule(
        "description-type",
        E,
        "`description` is not a string",
        'quote the description: description: "..."',
        "A description that YAML reads as a list, a mapping or a number cannot be shown. Quote it.",
        "Fields",
    ),
    Rule(
        "description-empty",
        E,
        "`description` is empty",
        "say what the skill does and when to use it",
        "An empty description gives agents nothing to choose the skill by.",
        "Fields",
    ),
    Rule(
        "description-too-long",
        E,
        "`description` is over 1024 characters",
        "shorten the description; move details into the body",
        "The specification limits descriptions to 1024 characters; agents keep every "
        "description in their context.",
        "Fields",
    ),
    Rule(
        "compatibility-type",
        E,
        "`compatibility` is not a string",
        'write it as one quoted sentence: compatibility: "..."',
        "`compatibility` is free text (1-500 characters) naming what the skill needs.",
        "Fields",
    ),
    Rule(
        "compatibility-empty",
        E,
        "`compatibility` is empty",
        "remove the key or say what the skill needs",
        "The key is optional; when present it must say something.",
        "Fields",
    ),
    Rule(
        "compatibility-too-long",
        E,
        "`compatibility` is over 500 characters",
        "shorten it to the essential requirements",
        "The specification limits `compatibility` to 500 characters.",
        "Fields",
    ),
    Rule(
        "metadata-type",
        E,
        "`metadata` is not a mapping",
        "write metadata as indented `key: value` lines under `metadata:`",
        "`metadata` maps string keys to string values.",
        "Fields",
    ),
    Rule(
        "metadata-value-type",
        W,
        "`metadata` has values (or keys) that are not strings",
        'quote each value (version: "1.0"); nested mappings and lists are not allowed',
        "Those entries are not used. Quote numbers and versions; flatten nested mappings.",
        "Fields",
    ),
    Rule(
        "license-type",
        W,
        "`license` is not a string",
        'quote the value: license: "MIT"',
        "The license is not shown. Write it as text, such as an SPDX identifier.",
        "Fields",
    ),
    Rule(
        "allowed-tools-list",
        W,
        "`allowed-tools` is a YAML list",
        'write allowed-tools as one space-separated string: allowed-tools: "Read Grep"',
        "The specification wants a space-separated string. The list is still used here, "
        "but other tools may ignore it.",
        "Fields",
    ),
    Rule(
        "allowed-tools-type",
        W,
        "`allowed-tools` is neither a string nor a list",
        'write allowed-tools: "Read Grep"',
        "The value is not used.",
        "Fields",
    ),
    Rule(
        "unknown-key",
        W,
        "a top-level key the specification does not define",
        "move it under `metadata:`",
        "The specification allows name, description, license, compatibility, metadata and "
        "allowed-tools at the top level; anything else belongs under `metadata:` (as a "
        "string), where tools keep it.",
        "Fields",
    ),
    # --- body ------------------------------------------------------------------------
    Rule(
        "body-too-long",
        W,
        "the body is over 500 lines",
        "move detail into files under references/ and link to them",
        "The specification advises keeping SKILL.md under 500 lines: the agent reads all "
        "of it every time the skill is used.",
        "Body",
    ),
    Rule(
        "fence-unclosed",
        W,
        "a code fence is never closed",
        "close it with a line of the same fence at the same indentation",
        "A fence that never closes is not code: the page shows the fence line and what "
        "follows as plain text.",
        "Body",
    ),
    Rule(
        "body-too-complex",
        E,
        "the body is too big or too deeply nested to render in bounded time",
        "split long paragraphs and flatten deep nesting; the limits are far above what "
        "readable text needs",
        "Rendering Markdown is quadratic on some inputs and recursive on nesting. A body "
        "over 128 KiB or 5,000 lines, nesting deeper than 32 levels, with over 200 `[` in "
        "one paragraph or over 300 headings is not rendered; the skill is not published.",
        "Body",
    ),
    Rule(
        "body-not-rendered",
        E,
        "rendering the body used over 1 s of CPU time (or recursed too deep)",
        "simplify the body (split long paragraphs, flatten nesting) and build again",
        "Reported by the build, not by `check`: the page shows a notice instead of the "
        "text, and `--strict` fails.",
        "Body",
    ),
    Rule(
        "skill-link-missing",
        E,
        "a relative link names another skill (its folder or its `SKILL.md`) that is not published",
        "fix the path (relative to this SKILL.md) to an existing skill, fix the errors of "
        "that skill, or remove the link",
        "A link to another skill's folder or `SKILL.md` becomes a link to that skill's "
        "page; a link to a skill that does not exist or has errors would be broken.",
        "Body",
    ),
    Rule(
        "raw-html",
        W,
        "an HTML tag (or pseudo-tag such as `<HARD-GATE>`) outside code",
        "the page shows it as text, not as HTML; wrap it in backticks (`<tag>`) or a code "
        "block to show it as code",
        "Pages never carry HTML from a skill. Pseudo-tags are common in prompts; put them "
        "in backticks or a code block so that readers see them as written.",
        "Body",
    ),
    Rule(
        "link-missing",
        W,
        "a relative link points to a file the skill does not publish",
        "fix the path (it is relative to SKILL.md) or add the file",
        "The page would carry a broken link, and an installed copy would too.",
        "Body",
    ),
    Rule(
        "link-leaves-skill",
        W,
        "a relative link points outside the skill folder",
        "link only to files inside the skill folder, or use a full https:// URL",
        "Only the skill's own folder is published and installed; `../` leads nowhere in "
        "an installed copy.",
        "Body",
    ),
    # --- categories ------------------------------------------------------------------
    Rule(
        "category-invalid",
        W,
        "a `metadata.category` that is not a valid category key",
        "use lowercase letters, digits and hyphens, e.g. category: db-management",
        "Only for skills directly under the catalog root: the skill is listed under the "
        "category named in the message instead.",
        "Categories",
    ),
    Rule(
        "category-name",
        W,
        "a category folder name is not a valid key",
        "rename the folder (lowercase letters, digits and hyphens)",
        "The folder was turned into a key for URLs; renaming it keeps URLs predictable.",
        "Categories",
    ),
    Rule(
        "category-file-invalid",
        E,
        "`category.yml` cannot be read or has wrongly typed values",
        "fix category.yml",
        "The category is built with its defaults (the folder name as title).",
        "Categories",
    ),
    Rule(
        "category-key-unknown",
        W,
        "`category.yml` has a key other than title, description, icon, order",
        "category.yml knows title, description, icon, order",
        "The key is ignored; a misspelt key is the usual cause.",
        "Categories",
    ),
    Rule(
        "remote-pipe-shell",
        W,
        "risk scan (high): code downloaded and run in one step (`curl` or `wget` piped to "
        "`sh`, `iwr` piped to `iex`, `bash <(curl \u2026)`)",
        "download to a file, show how to check it (checksum, signature), then run it",
        _RISK_SCAN_DOC,
        "Risk scan",
    ),
    Rule(
        "decode-exec",
        W,
        "risk scan (high): encoded text decoded and run (`base64 -d` piped to `sh`, "
        "`exec(b64decode(\u2026))`, `eval(atob(\u2026))`, `powershell -enc`)",
        "show the decoded command in the skill instead of encoding it",
        _RISK_SCAN_DOC,
        "Risk scan",
    ),
    Rule(
        "auto-yes-install",
        W,
        "risk scan (medium): a package run or installed without the user confirming or "
        "pinning it (`npx -y`, `pip install` from a URL or git)",
        "pin the package version and let the user confirm the install",
        _RISK_SCAN_DOC,
        "Risk scan",
    ),
    Rule(
        "write-outside-project",
        W,
        "risk scan (high): a write to `~/.ssh`, shell startup files (`~/.bashrc`, `~/.zshrc`,"
        " `~/.profile`...), `~/.aws/credentials` or `/etc`",
        "write inside the project, or tell the user what will change and ask first",
        _RISK_SCAN_DOC,
        "Risk scan",
    ),
    Rule(
        "secret-exfiltration",
        W,
        "risk scan (high): the whole environment or a credential file sent over the network "
        "(`env` piped to `curl`, `requests.post(\u2026, os.environ)`)",
        "send only the values a request needs; never the whole environment or a credential file",
        _RISK_SCAN_DOC,
        "Risk scan",
    ),
    Rule(
        "agent-directed-text",
        W,
        "risk scan (high): text aimed at the agent, not the user "
        '("ignore previous instructions", "do not tell the user")',
        "address the user, or quote such text as an example to detect, with an allow comment "
        "giving the reason",
        _RISK_SCAN_DOC,
        "Risk scan",
    ),
    Rule(
        "hidden-unicode",
        W,
        "risk scan (high): characters that reorder or hide text (bidi overrides and "
        "isolates, Unicode tags, runs of zero-width characters)",
        "remove the invisible characters; write them as escapes if the skill is about them",
        _RISK_SCAN_DOC,
        "Risk scan",
    ),
    Rule(
        "binary-file",
        W,
        "risk scan: a supporting file that is not text (images, fonts and PDFs excepted); an "
        "executable program is high",
        "ship source files; if a binary is needed, say where it comes from and how to verify it",
        _RISK_SCAN_DOC,
        "Risk scan",
    ),
    Rule(
        "minified-file",
        W,
        "risk scan (medium): a script with a line of packed code over 1,000 characters, or "
        "any line over 10,000",
        "ship the readable source of the script",
        _RISK_SCAN_DOC,
        "Risk scan",
    ),
    Rule(
        "near-duplicate",
        W,
        "another skill has the same description, or a body that is nearly the same",
        "merge the two skills, or make their descriptions say how they differ",
        "Aggregated catalogs often carry the same skill twice under different names. The "
        "skill is still published.",
        "Near-duplicates",
    ),
    Rule(
        "category-icon-unknown",
        W,
        "the `icon` of `category.yml` is not an icon of the theme",
        "use a Material icon such as material/database",
        "Every engine's theme (Material, Zensical) fails the whole build on an icon it does "
        "not ship, so the icon is dropped and the category is shown without it. Icons are "
        "looked up in the site's `overrides/.icons` and in every installed theme.",
        "Categories",
    ),
)

RULE_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
CODES: dict[str, Severity] = {rule.code: rule.severity for rule in RULES}


def diagnostic(
    code: str, path: str, message: str, line: int = 1, column: int = 1, hint: str | None = None
) -> Diagnostic:
    """The one way to report a problem: the severity comes from the table, and the hint
    too unless a more precise one is given."""
    rule = RULE_BY_CODE[code]
    return Diagnostic(
        path, line, column, rule.severity, code, message, rule.hint if hint is None else hint
    )


def markdown_page() -> str:
    """docs/diagnostics.md: every rule, grouped, with its documentation."""
    lines = [
        "# Diagnostics",
        "",
        "<!-- Generated from src/skillsite/codes.py by `skillsite docs-diagnostics`; "
        "do not edit. -->",
        "",
        "`skillsite check` (and every build) reports each problem as "
        "`path:line:column: severity code: message (hint)`. An error keeps the skill off "
        "the site; a warning does not, but `--strict` (and a strict build) fails on both.",
        "",
        "| code | severity | what it means |",
        "| --- | --- | --- |",
    ]
    lines += [f"| [`{r.code}`](#{r.code}) | {r.severity.value} | {r.summary} |" for r in RULES]
    group = ""
    for rule in RULES:
        if rule.group != group:
            group = rule.group
            lines += ["", f"## {group}"]
        lines += [
            "",
            f"### {rule.code}",
            "",
            f"**{rule.severity.value}**: {rule.summary}.",
            "",
            rule.doc,
            "",
            f"What to do: {rule.hint.rstrip('.')}.",
        ]
    return "\n".join(lines) + "\n"
