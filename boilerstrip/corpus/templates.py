"""Site templates: lines a host repeats on many of its pages (menus, footers, bylines of the site).

One page cannot tell its site's furniture from its content; a corpus can. After the job has
cleaned every record, a first pass counts, per host, on how many pages each normalised kept line
occurs (an 8-byte hash per line, as CCNet does); a second pass drops the lines that occur on at
least :data:`TEMPLATE_MIN_PAGES` pages and :data:`TEMPLATE_MIN_SHARE` of the host's pages. Memory
is one counter entry per distinct (host, line) pair: see the README for what that costs.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

#: A line is a template line when at least this many pages of its host keep it ...
TEMPLATE_MIN_PAGES = 3
#: ... and they are at least this share of the host's pages in the corpus.
TEMPLATE_MIN_SHARE = 0.3
_NORMALISE = re.compile(r"\d+|\W+")


def host_of(url: object) -> str:
    if not isinstance(url, str) or not url:
        return ""
    try:
        return (urlsplit(url).hostname or "").removeprefix("www.")
    except ValueError:
        return ""


def line_key(line: str) -> bytes:
    """An 8-byte hash of the line, lower-cased with digits and punctuation gone (dates, counters)."""
    return hashlib.blake2b(_NORMALISE.sub(" ", line.lower()).strip().encode("utf-8"), digest_size=8).digest()


class SiteTemplates:
    """Counts of kept lines per host, then the filter they imply."""

    def __init__(self) -> None:
        self.pages: Counter[str] = Counter()
        self.lines: Counter[tuple[str, bytes]] = Counter()

    def learn(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            host = host_of(row.get("url"))
            text = row.get("text") or ""
            if not host or not text:
                continue
            self.pages[host] += 1
            self.lines.update({(host, line_key(line)) for line in text.splitlines() if line.strip()})

    def is_template(self, host: str, line: str) -> bool:
        count = self.lines.get((host, line_key(line)), 0)
        return count >= TEMPLATE_MIN_PAGES and count >= TEMPLATE_MIN_SHARE * self.pages[host]

    def apply(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for row in rows:
            host = host_of(row.get("url"))
            text = row.get("text") or ""
            if host and text and self.pages[host] >= TEMPLATE_MIN_PAGES:
                kept = [line for line in text.splitlines() if not self.is_template(host, line)]
                row = {**row, "text": "\n".join(kept)}
            yield row
