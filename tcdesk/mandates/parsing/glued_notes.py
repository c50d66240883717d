"""Body text that an extraction glued to the end of a footnote, put back on a line of its own.

Some extractions that join lines into paragraphs run the text that follows a footnote block onto
the last note's line: "3 A/79/88. 4. Decides to include …", "7 See A/57/759, annex I. Taking note
of Security Council resolution 984 (1995) …", "4 A/80/237. levels, on the role of science …" (the
rest of the paragraph that the block interrupted). Read as it stands, everything after the note is
part of it: operative paragraphs vanish into a footnote, or the text is refused as having none.

A note's text ends with a full stop. What follows such a full stop on a note's line (one that ends
no abbreviation: "No.", "vol.", "para.") and reads as body text is put on a line of its own, the
way ``normalise`` puts a rule glued to a line of text on its own line:

- a paragraph number, then an operative lead in any of the three languages ("4. Decides");
- one of the usual opening words of a preambular paragraph, then a lower-case word ("Taking note");
- after a number or a document symbol, a lower-case word opening a long run of text: the rest of
  a sentence ("A/80/237. levels, on the role of …"), which no note's sentence is.

The same extractions also run the page header of the next page onto a note's line, before the body
text: "1 Resolution S-10/2. Possible risks of the integration of artificial intelligence into
distortions in decision-making …" (A/RES/80/23, whose title is the first five words of that header).
``split_running_title_from_notes`` puts the running title on a line of its own between blank lines,
where ``lay_out`` drops it as page furniture, and the body text after it on its own line.

Plain Python, no Django.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .language import LANGUAGES
from .scanning import Rules
from .vocabulary import NOTE_ABBREVIATIONS, USUAL_PREAMBLE_WORDS, operative_lead

# A note's line: its number (or asterisks), spaces, then its text. Matched at a line's start.
_NOTE_OPENING = re.compile(r"[ \t]*(?:\d{1,3}|\*{1,3})[ \t]+(?=\S)")
_FULL_STOP = re.compile(r"\.[”»\"'’]?[ \t]+")
_PARAGRAPH_NUMBER = re.compile(r"\d{1,3}\.[ \t]+")
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
# Preambular openings that a note's sentence may also start with ("Also available …", "Se reporter
# au …") are left out.
_PREAMBLE_OPENERS = frozenset().union(*USUAL_PREAMBLE_WORDS.values()) - {"Also", "Further", "Se"}
# The rest of a sentence glued after a note is long; a short lower-case tail is left alone.
_LONG_REST = 60
_WORD_REACH = 40
_NOTE_REACH = 400  # characters back from a running title to its note's number


def split_body_glued_to_notes(text: str) -> str:
    """The text with each run of body text glued to the end of a note's line on a line of its own."""
    pieces: list[str] = []
    done = 0
    for cut in _glued_cuts(text):
        pieces += [text[done:cut], "\n"]
        done = cut
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def split_running_title_from_notes(text: str, running_title: str, start: int) -> str:
    """The text with the running title glued after a note's full stop (from ``start`` on) put on a
    line of its own between blank lines, and what follows it on the line after.

    The title is looked for as words, whatever the spaces or line breaks between them (a layout
    extraction may wrap it), and taken only inside a note: after a full stop, in a block of lines
    (up to a blank line) or a line that opens like a note a short way back. Why not only under a
    rule, as for body text: the title's first word is rare enough to look at each place it is
    printed, and some extractions drop the rule."""
    words = running_title.split()
    if not words:
        return text
    title: re.Pattern[str] | None = None  # compiled only for a text that has a candidate
    pieces: list[str] = []
    done = 0
    at = text.find(words[0], start)
    while at >= 0:
        # Glued after a note's full stop (not printed at a line's start, as page headers print it), in
        # a note: its number opens the block of lines (or the line) the title is in, a short way back
        # (a note's first sentence is short; looking further back for each candidate would be quadratic).
        if _FULL_STOP.search(text, max(start, at - 4), at) and _NOTE_OPENING.match(text, _block_start(text, at)):
            title = title or re.compile(r"[ \t\n]+".join(re.escape(word) for word in words))
            found = title.match(text, at)
            if found is not None:
                end = found.end()
                while end < len(text) and text[end] in " \t\n":
                    end += 1
                pieces += [text[done:at].rstrip(" \t\n"), "\n\n", found.group(0), "\n\n"]
                done = end
        at = text.find(words[0], max(at + 1, done))
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def _block_start(text: str, at: int) -> int:
    """The start of the block of lines holding ``at`` (after a blank line), or of its line when the
    block starts more than _NOTE_REACH characters back."""
    reach = max(0, at - _NOTE_REACH)
    blank = text.rfind("\n\n", reach, at)
    if blank >= 0:
        return blank + 2
    line_break = text.rfind("\n", reach, at)
    return line_break + 1 if line_break >= 0 else at


def _glued_cuts(text: str) -> Iterator[int]:
    """Where body text glued to a note starts, for each note under a rule line ("___", "---"): the
    lines after each rule, blank lines aside, as long as they open like a note; body text glued to a
    note ends the notes of its rule.

    Why only under a rule: finding every line that opens with a number would cost a scan of the whole
    text, and the extractions that glue text to a note print the rule above it."""
    position = 0
    rules = Rules(text)
    while True:
        rule = rules.next_from(position)
        line_start = text.find("\n", rule) + 1 if rule >= 0 else 0
        if line_start <= 0:
            return
        position = line_start
        while line_start < len(text):
            line_end = text.find("\n", line_start)
            line_end = len(text) if line_end < 0 else line_end
            opening = _NOTE_OPENING.match(text, line_start, line_end)
            if opening is not None:
                cut = _glued_body(text, opening.end(), line_end)
                if cut is not None:
                    yield cut
                    break  # what follows is body text
            elif text[line_start:line_end].strip():
                break  # the notes under this rule end here
            line_start = position = line_end + 1


def _glued_body(text: str, start: int, end: int) -> int | None:
    """Where body text starts in the note text text[start:end], if it holds any (see the module)."""
    for stop in _FULL_STOP.finditer(text, start, end):
        # The word the full stop ends (looked for within a few characters: a long line holds many
        # full stops, and reading back to the line's start from each would be quadratic).
        token = text[max(start, stop.start() - _WORD_REACH) : stop.start() + 1].rsplit(None, 1)[-1]
        if token.lstrip("([«“\"'") in NOTE_ABBREVIATIONS:
            continue
        after = stop.end()
        number = _PARAGRAPH_NUMBER.match(text, after, end)
        if number is not None:
            rest = text[number.end() : min(end, number.end() + _WORD_REACH * 4)]  # a lead is short
            if any(operative_lead(rest, lang)[1] != "other" for lang in LANGUAGES):
                return after
            continue
        word = _WORD.match(text, after, end)
        if word is None:
            continue
        following = text[word.end() : word.end() + 2].lstrip(" \t")[:1]
        if word.group(0) in _PREAMBLE_OPENERS and following.islower():
            return after
        if (
            word.group(0)[0].islower()
            and (token[-2:-1].isdigit() or token[-2:-1] == ")")
            and word.group(0) + "." not in NOTE_ABBREVIATIONS
            and end - after >= _LONG_REST
        ):
            return after
    return None
