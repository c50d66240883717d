"""Normalise text extracted from a PDF or a web page before its layout is read.

Unify newlines, spaces and letters; turn page breaks into lines of their own; join words broken
with soft hyphens; put footnote rules glued to a line of text, and body text glued to the end of a
footnote (``glued_notes``), and the closing line glued to the last paragraph, on a line of their own;
remove italics markup around paragraph openings.
Plain Python, no Django.
"""

from __future__ import annotations

import re

from .glued_notes import split_body_glued_to_notes
from .header import split_glued_closing
from .scanning import Rules

# Characters that PDF and HTML extractions use where a plain text would have something else.
_SPACE_LIKE = "\u00a0\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u205f\u3000\u1680"
_LINE_BREAKS = "\x0b\x1c\x1d\x1e\x85\u2028\u2029"  # str.splitlines breaks there too
_INVISIBLE = "\x00\x01\u200b\u2060\ufeff"
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_REPLACEMENTS = {
    **dict.fromkeys(_SPACE_LIKE, " "),
    **dict.fromkeys(_LINE_BREAKS, "\n"),
    **dict.fromkeys(_INVISIBLE, ""),
    **_LIGATURES,
}
# The whitespace characters that normalise() leaves, besides the space and the line end (a test
# checks every whitespace character of Unicode).
OTHER_SPACES = ("\t", "\x1f")
_UNUSUAL = re.compile("[" + re.escape("".join(_REPLACEMENTS)) + "\r\f\u00ad]")
_ALL_UNUSUAL = [*_REPLACEMENTS, "\r", "\f", "\u00ad"]
_ASCII_UNUSUAL = [char for char in _ALL_UNUSUAL if char.isascii()]
# A form feed (page break) becomes a line of its own holding PAGE_BREAK, which lay_out drops
# like page furniture: a line break, not a blank line ("…\n\f" or "\f\n" included).
PAGE_BREAK = "\x01"
_PAGE_BREAK = re.compile(r"\n?\f\n?")
# A word hyphenated with a soft hyphen at the end of a line is one word. normalise() drops the
# soft hyphens inside lines and ends such a line with SOFT_BREAK; lay_out() joins the line to
# the next line of text once page furniture is dropped, so the blank lines (doubled line endings,
# "\r\r", give one after every line), page breaks and page headers between the halves go too.
SOFT_BREAK = "\u00ad\n"
# A soft hyphen then spaces inside a line is what a line-joining extraction leaves of a word broken
# at a line end ("uni\u00ad ème"): the halves are one word.
_INNER_SOFT_HYPHEN = re.compile(r"\u00ad(?:[ \t]+(?=[^\W\d_]))?(?![\u00ad \t]*\n)")
_SOFT_HYPHEN_LINE_END = re.compile(r"\u00ad[\u00ad \t]*\n")
_NEWLINE_RUN = re.compile(r"\n+")
_HTML_ITALICS = re.compile(r"(?i)</?(?:i|em)>")
# "*Recalling* its …", "_Recalling_ its …", "1. *Requests* …": italics marked around the lead.
# Cheap tests first (a literal leads, so the engine's fast search applies): a marker before a letter.
_STAR_BEFORE_LETTER = re.compile(r"\*[^\W\d_]")
_UNDERSCORE_BEFORE_LETTER = re.compile(r"_[^\W\d_]")
_MARKED_LEAD = re.compile(r"(\n[ \t]*(?:\d{1,3}\.[ \t]*)?)([*_])([^\W\d_](?:[^\n*_]|\u00ad\n){0,80}?)\2(?=[\s,;:.]|$)")


def normalise(text: str) -> str:
    """Unify newlines, spaces and letters; page breaks become line breaks.

    Carriage returns, form feeds and other line separators become newlines (a form feed next
    to a newline does not add a blank line); no-break, narrow and other typographic spaces
    become spaces; ligatures (ﬁ, ﬂ, ﬃ…) become their letters; soft hyphens inside a line
    vanish, and a line ending in one ends in SOFT_BREAK (lay_out joins the word's halves, page
    furniture between them dropped); zero-width characters and NULs are dropped; italics
    markup around a paragraph's opening words (``<i>…</i>``, ``*…*``, ``_…_``) is removed;
    Markdown footnotes (``[^1]`` and ``[^1]: …``) are written as a page prints them.
    """
    if "\r" in text:
        doubled = "\n" not in text and "\r\r" in text
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        runs = _NEWLINE_RUN.findall(text) if doubled else []
        # Only a text of page-width lines: a joined-lines text has blank lines between long paragraphs.
        if (
            len(runs) > 2
            and all(len(run) % 2 == 0 for run in runs)
            and (len(text) / len(runs) < 120 or any(len(run) >= 4 for run in runs))
        ):
            # Doubled line endings (CR-only files where each CR LF became CR CR): every line break
            # came out twice.
            text = _NEWLINE_RUN.sub(lambda run: "\n" * (len(run.group(0)) // 2), text)
    # An ASCII text (English often is) can hold only the control characters.
    # One substring test per unusual character: each is a C-speed scan, far quicker than a regular
    # expression trying a character class at every position of the text.
    unusual = {char for char in (_ASCII_UNUSUAL if text.isascii() else _ALL_UNUSUAL) if char in text}
    if unusual:
        for char in unusual:
            if char in _REPLACEMENTS:
                text = text.replace(char, _REPLACEMENTS[char])
        if "\f" in unusual:
            text = _PAGE_BREAK.sub("\n" + PAGE_BREAK + "\n", text)
        # After the page breaks: a soft hyphen before a form feed ends its line like one before a newline.
        if "\u00ad" in unusual:
            text = _SOFT_HYPHEN_LINE_END.sub(SOFT_BREAK, _INNER_SOFT_HYPHEN.sub("", text))
    if "[^" in text:
        text = _markdown_footnotes(text)
    text = _split_glued_rules(text)  # returns the text itself when it holds no rule
    text = split_body_glued_to_notes(text)  # after the rules: a rule glued to a note's line is apart
    text = split_glued_closing(text)
    if "<" in text:
        text = _HTML_ITALICS.sub("", text)
    if ("*" in text and _STAR_BEFORE_LETTER.search(text)) or _UNDERSCORE_BEFORE_LETTER.search(text):
        text = _MARKED_LEAD.sub(r"\1\3", "\n" + text)[1:]
    return text


# Markdown footnotes, as text converted to Markdown writes them: "Nations[^1] are", and the notes
# gathered at the end as "[^1]: United Nations, Treaty Series, …". The page writes "Nations1 are"
# and "1 United Nations, …": a marker glued to its word, a note opening with its number.
_MARKDOWN_NOTE = re.compile(r"\[\^(\d{1,4}|\*{1,3})\]:[ \t]*")
_MARKDOWN_CALL = re.compile(r"\[\^(\d{1,3}|\*{1,3})\]")


def _markdown_footnotes(text: str) -> str:
    """Write Markdown footnotes as a page prints them: ``[^3]`` becomes ``3`` and ``[^3]:`` (which
    opens a note) ``3``. A converter may also turn a line of a note's text
    that opens with a year into a note of its own ("[^2013]: (S/INF/68)."): that line is given
    back its year, and the note before it goes on (a note's number has at most three digits)."""
    # Anywhere in a line, not only at its start: a text whose lines were joined runs a note into the
    # line before it ("…31 July [^2013]: (S/INF/68).").
    return _MARKDOWN_CALL.sub(r"\1", _MARKDOWN_NOTE.sub(r"\1 ", text))


_GLUED_RULE_END = re.compile(r"[ \t]*(?:_{3,}|-{3,})[ \t]*$")
_GLUED_RULE_START = re.compile(r"^([ \t]*(?:_{3,}|-{3,}))[ \t]*(?=\d{1,3}[ \t])")


def _split_glued_rules(text: str) -> str:
    """Put a footnote rule glued to the end of a line of text ("…Development,10 ---"), or to the
    start of the first footnote ("___1 Resolution 60/1."), on a line of its own.

    Each line holding a rule is looked at once (the search resumes after it), so the work is
    linear in the text.
    """
    pieces: list[str] = []
    done = 0
    position = 0
    length = len(text)
    rules = Rules(text)
    while True:
        found = rules.next_from(position)
        if found < 0:
            break
        line_start = text.rfind("\n", 0, found) + 1
        line_end = text.find("\n", found)
        line_end = length if line_end < 0 else line_end
        line = text[line_start:line_end]
        end_rule = _GLUED_RULE_END.search(line)
        if end_rule and line[: end_rule.start()].strip() and not line[: end_rule.start()].rstrip().endswith(("_", "-")):
            pieces.append(text[done : line_start + end_rule.start()])
            pieces.append("\n")
            done = line_start + end_rule.start()
            while done < line_end and text[done] in " \t":
                done += 1
        else:
            start_rule = _GLUED_RULE_START.match(line)
            if start_rule:
                pieces.append(text[done : line_start + start_rule.end(1)])
                pieces.append("\n")
                done = line_start + start_rule.end(1)
        position = line_end + 1
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)
