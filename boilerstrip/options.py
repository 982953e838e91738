"""The immutable options object of :func:`boilerstrip.clean`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

Focus = Literal["precision", "balanced", "recall"]
InputFormat = Literal["auto", "text", "html"]
Preset = Literal["fast", "accurate"]
Output = Literal["text", "markdown"]

FOCUSES: tuple[Focus, ...] = ("precision", "balanced", "recall")
FORMATS: tuple[InputFormat, ...] = ("auto", "text", "html")
PRESETS: tuple[Preset, ...] = ("fast", "accurate")
OUTPUTS: tuple[Output, ...] = ("text", "markdown")


@dataclass(frozen=True)
class Options:
    """How to clean a page.

    ``focus`` is the one knob for the precision/recall trade-off rather than many booleans:
    ``precision`` drops doubtful blocks, ``recall`` keeps them. ``input_format`` forces text or
    HTML handling when the caller knows better than the sniffer. ``keep_title`` keeps the
    article's headline as the first output line. ``preset`` matters for HTML input only:
    ``fast`` scores blocks by boilerstrip's own features, ``accurate`` adds trafilatura's and
    readability's choice of main content as votes (several times slower: both parse the page again).

    ``output`` is what ``clean`` returns: ``text`` (the kept lines, one a line) or ``markdown``
    (headings, lists, tables, code and quotes kept; for text input, the headline as a heading and
    the lines as paragraphs). ``links`` and ``images`` add markdown links and images (off by
    default: most corpus work wants the words), resolved against the page's ``<base>`` and ``url``.
    """

    focus: Focus = "balanced"
    input_format: InputFormat = "auto"
    keep_title: bool = True
    preset: Preset = "fast"
    output: Output = "text"
    links: bool = False
    images: bool = False
    url: str | None = None  #: the page's address, to make markdown links and images absolute

    def __post_init__(self) -> None:
        if self.focus not in FOCUSES:
            raise ValueError(f"focus must be one of {FOCUSES}, not {self.focus!r}")
        if self.input_format not in FORMATS:
            raise ValueError(f"input_format must be one of {FORMATS}, not {self.input_format!r}")
        if self.preset not in PRESETS:
            raise ValueError(f"preset must be one of {PRESETS}, not {self.preset!r}")
        if self.output not in OUTPUTS:
            raise ValueError(f"output must be one of {OUTPUTS}, not {self.output!r}")
        for name in ("keep_title", "links", "images"):
            value = getattr(self, name)
            if not isinstance(value, bool):
                raise TypeError(f"{name} must be a bool, not {type(value).__name__}")
        if self.url is not None and not isinstance(self.url, str):
            raise TypeError(f"url must be a str or None, not {type(self.url).__name__}")

    def with_changes(self, **changes: Any) -> Options:
        """A copy with some fields changed (the object itself never changes)."""
        return replace(self, **changes)


DEFAULT_OPTIONS = Options()


def resolve(options: Options | None, overrides: dict[str, Any]) -> Options:
    """Merge an options object and keyword overrides, naming any unknown keyword."""
    base = DEFAULT_OPTIONS if options is None else options
    if not isinstance(base, Options):
        raise TypeError(f"options must be a boilerstrip.Options, not {type(base).__name__}")
    if not overrides:
        return base
    known = set(Options.__dataclass_fields__)
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise TypeError(f"unknown option(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return replace(base, **overrides)
