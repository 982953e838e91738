"""Named limits for hostile or unusual input: how bytes are read as text.

Kept apart from :mod:`boilerstrip.thresholds` (the scoring pipeline's tuned values): these bound
what the input can cost or how it is read, and none of them was fitted on the development pages.
"""

from __future__ import annotations

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
#: Text decoded as cp1252 looks Western European only when at most this share of its letters are
#: non-ASCII (French or Portuguese: under 10%; a Cyrillic or Greek legacy charset read as cp1252: most).
WESTERN_MAX_ACCENTED_SHARE = 0.25
