"""Resolution parser of the ``mandates`` app: plain Python, no Django import.

Public API::

    parse_resolution(text, lang="auto", *, source_name=None) -> ParsedResolution
    apply_corrections(document, corrections) -> document   (the review step's corrections)
    decode_text(data: bytes) -> str
    extract_pdf_text(data: bytes, *, max_bytes, max_pages, max_seconds, …) -> str
    detect_language(text) -> "en" | "fr" | "es"
    parse_ordinal(words) -> int | None
    ParseError (a ValueError)

``ParsedResolution.to_dict()`` is the JSON printed by ``tcdesk parse_resolution --json``: the
contract keys, ``annexes`` (``annex`` is the first of them), ``warnings`` (what the parser is
unsure of, naming the paragraphs concerned) and ``leftovers`` (text that belongs to no paragraph).

The modules run compiled (``native.py``: mypyc, built by ``make install``) when a build of the
current sources is present, interpreted otherwise; ``PARSER_MODE`` says which.
"""

# First, before any other module of the package: importing ``native`` chooses where they come from.
from . import native
from .corrections import CorrectionError, apply_corrections
from .decoding import decode_text, extract_pdf_text
from .errors import ParseError
from .header import symbol_from_filename
from .language import detect_language
from .ordinals import parse_ordinal
from .parsed import ParsedResolution
from .parser import parse_resolution
from .vocabulary import KINDS

PARSER_MODE = native.PARSER_MODE

__all__ = [
    "KINDS",
    "PARSER_MODE",
    "CorrectionError",
    "apply_corrections",
    "ParseError",
    "ParsedResolution",
    "decode_text",
    "detect_language",
    "extract_pdf_text",
    "parse_ordinal",
    "parse_resolution",
    "symbol_from_filename",
]
