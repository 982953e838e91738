"""Named limits for hostile or unusual input: how bytes are read as text, over-long lines, deep nesting.

Kept apart from :mod:`boilerstrip.thresholds` (the scoring pipeline's tuned values): these bound
what the input can cost or how it is read, and none of them was fitted on the development pages.
"""

from __future__ import annotations

# --- page type ----------------------------------------------------------------------------------
#: The page-type model reads the markup's conventions from at most this many characters at each end
#: of the page (a 1 MB page took 32 ms to scan whole; the median page is under 2 x this).
HINT_END_CHARS = 131_072

# --- bytes ---------------------------------------------------------------------------------------
#: Leading bytes inspected for the byte-level signs of UTF-16 without a BOM, or of binary data.
SNIFF_BYTES = 4096
#: BOM-less UTF-16: at least this share of the high bytes of the sniffed code units are NUL (markup
#: and Latin text are mostly ASCII, whose UTF-16 high byte is 0) ...
UTF16_MIN_NUL_SHARE = 0.3
#: ... and at most this share of the low bytes are (ASCII text in UTF-8 or a legacy charset has none).
UTF16_MAX_LOW_NUL_SHARE = 0.02
#: Bytes whose sniffed head holds at least this share of control bytes (not tab, line ends, form feed
#: or escape) are not text: random or compressed data holds about 11%, text next to none.
BINARY_CONTROL_SHARE = 0.08
#: The charset detector reads at most this many bytes (its cost grows with the input).
DETECT_BYTES = 1 << 20
#: Its answer is checked against the single-byte charsets on at most this many bytes (a per-character
#: scan in Python: a whole megabyte would cost ten times the detector's own time).
CHARSET_CHECK_BYTES = 1 << 16
#: Text decoded as cp1252 looks Western European only when at most this share of its letters are
#: non-ASCII (French or Portuguese: under 10%; a Cyrillic or Greek legacy charset read as cp1252: most).
WESTERN_MAX_ACCENTED_SHARE = 0.25

# --- lines ---------------------------------------------------------------------------------------
#: A line longer than this (characters) is cut into blocks of whole sentences: as one block it is out
#: of every distribution the models saw (an article pasted as one line) and is kept or lost whole.
#: Lines this long are rare on real pages: 10 of the 815,000 page-text lines of the development
#: files, and 3 of 776 of their pages' HTML walks.
LONG_LINE_CHARS = 5000
#: The blocks cut from an over-long line hold whole sentences, as many as fit in this many characters
#: (about a paragraph; a longer sentence is cut at a space, or anywhere when it has none). On 623 dev
#: golds of 1,000+ words (every second one) pasted as one line, word recall goes from 0.90 (63 lost
#: whole) to 0.991 (4 lost: lists with few sentence ends, see below); pieces of 200 characters or
#: 2,000 change it by under 0.005.
LINE_PIECE_CHARS = 1000
#: ... provided it reads as sentences: at least one sentence end per this many characters on average.
#: Articles have one every 60 to 150 characters; the long lines of the development pages that are not
#: prose (a build log, a list of 600 programming languages, ZIP codes, JSON) one every 500 or more,
#: and cut into blocks they passed for running text.
SPLIT_MAX_CHARS_PER_SENTENCE = 300

# --- HTML ----------------------------------------------------------------------------------------
#: libxml2 stops parsing (even with ``huge_tree``) at 2,048 open elements and drops the rest of the
#: page; a page that deep is re-parsed with its tags beyond this depth left out (their text stays).
MAX_TAG_DEPTH = 1000

# --- markdown ------------------------------------------------------------------------------------
#: A code block's language name longer than this is not a language name (a class list gone wrong).
MARKDOWN_MAX_LANGUAGE_CHARS = 24
#: A cell's ``colspan`` and ``rowspan`` count up to this (HTML's own limits are 1,000 and 65,534:
#: a hostile table would otherwise cover millions of cells).
MARKDOWN_MAX_SPAN = 50
#: A table wider than this many columns is written as paragraphs (no reader reads such a pipe table,
#: and its rows would grow with the width).
MARKDOWN_MAX_TABLE_COLS = 64
#: Cells a table may mark as covered by row spans from above; past it, spans reach no further.
MARKDOWN_MAX_COVERED_CELLS = 20_000
#: Lists and quotes nested deeper than this are written at this depth (each level indents every
#: line it holds: a page of thousands of nested lists would give lines of thousands of spaces).
MARKDOWN_MAX_DEPTH = 8

# --- select --------------------------------------------------------------------------------------
#: Lines whose ends are normalised in one regex pass (near-duplicates): larger batches cost fewer
#: calls, smaller ones less memory on a page of hundreds of thousands of lines.
NORMALISE_BATCH_LINES = 4096
