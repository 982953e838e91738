"""The two HTML presets as extractor functions for the bench's evaluate.py (run from the project root).

python ../shared/bench/evaluate.py --mode html --extractor scripts.presets:fast
python ../shared/bench/evaluate.py --mode html --extractor scripts.presets:accurate
"""

from __future__ import annotations

import boilerstrip


def fast(html: str) -> str:
    return boilerstrip.clean_html(html, preset="fast")


def accurate(html: str) -> str:
    return boilerstrip.clean_html(html, preset="accurate")
