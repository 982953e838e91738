"""The one path: input -> segment -> score -> filter -> select -> output.

:func:`run` makes every decision once and returns them all; ``clean`` keeps the text of the
kept blocks, ``explain`` shows the rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from itertools import chain, compress, count, repeat
from operator import ge, is_not, lt, not_, or_
from typing import cast

import numpy as np

from .features import COLUMN, block_words, inline_sections, page_features
from .filter import Reason, flag, toc_entries, veto
from .html import HTML_NAMES, html_page
from .inputs import as_text, looks_like_html
from .options import Options
from .pagetype import page_vector
from .render import markdown
from .score import Scorer, models
from .segment import Page, segment
from .select import (
    comments_header,
    consent_span,
    counted_comments,
    counts_alone,
    drop_title_element,
    duplicates,
    far_heading,
    fill_gaps,
    find_heading,
    find_title,
    main_region,
    names_its_post,
    region_anchors,
    repeats_title,
    reviews_header,
    table_rest,
)
from .structure import Recorder, Structure
from .thresholds import (
    AFTER_FOOTER_MIN_POSITION,
    AFTER_FOOTER_MIN_WORDS_BEFORE,
    AUTHOR_BOX_KEEP_PROBABILITY,
    AUTHOR_BOX_MAX_SHARE,
    BOILER_LINE_MAX_WORDS,
    CLEAN_PAGE_LOW_PROBABILITY,
    CLEAN_PAGE_LOW_WORD_SHARE,
    CLEAN_PAGE_VETO_PROBABILITY,
    COMMENTS_KEEP_PROBABILITY,
    COMMENTS_MAX_FORUM_PROBABILITY,
    COMMENTS_MIN_WORDS_BEFORE,
    CONSENT_BOX_KEEP_PROBABILITY,
    CONSENT_BOX_MAX_SHARE,
    FALLBACK_MIN_PROBABILITY,
    FALLBACK_MIN_WORDS,
    FLOOR_PROBABILITY,
    INLINE_SECTION_MIN_PROBABILITY,
    KEEP_PROBABILITY,
    LIST_PAGE_FALLBACK_WORDS,
    LIST_PAGE_MIN_CARDS,
    LIST_PAGE_SMALL_BODY_WORDS,
    LIST_PAGE_TEASER_PROBABILITY,
    LIST_PAGE_THRESHOLD_DROP,
    LIST_PAGE_TYPE_PROBABILITY,
    LONG_LINE_WORDS,
    NO_CONTENT_BODY_WORDS,
    OUTSIDE_REGION_PROBABILITY,
    POST_KEPT_MIN_SHARE,
    POST_MIN_WORDS,
    POST_MISSED_KEPT_SHARE,
    POST_MISSED_MAX_WORDS,
    POST_MISSED_OWN_SHARE,
    PRODUCT_PAGE_TYPE_PROBABILITY,
    RELATED_BOX_KEEP_PROBABILITY,
    RELATED_BOX_MAX_SHARE,
    RESCUE_BODY_WORDS,
    RESCUE_CANDIDATE_PROBABILITY,
    RESCUE_CANDIDATE_WORDS,
    REVIEW_BOX_KEEP_PROBABILITY,
    REVIEW_BOX_MAX_SHARE,
    SHOP_PAGE_TYPE_PROBABILITY,
    TEMPLATE_KEPT_SHARE,
    TEMPLATE_MAX_GROWTH,
    TEMPLATE_MIN_KEPT,
    TEMPLATE_WORD_SHARE,
    TEXT_LIST_PAGE_PROBABILITY,
    TEXT_OUTSIDE_REGION_PROBABILITY,
    TEXT_THREAD_PROBABILITY,
    TITLE_LOOKBACK,
    VETO_OVERRIDE_PROBABILITY,
)
from .timing import lap
from .votes import votes


class Path(str, Enum):
    """Which way the selection went for the page as a whole."""

    MAIN_REGION = "main region"
    RESCUED = "rescued: the first selection kept almost nothing, so the recall threshold chose"
    FALLBACK = (
        "fallback: no region held content, but lines outside the menus, header and footer score as possible content"
    )
    BARE = (
        "a bare document: a few lines, no menus and no line a rule drops, so all of it but the <title> is the content"
    )
    POST_BODY = "the post's container: the page names one, and the selection had kept little of it"
    NO_CONTENT = "no main content: nothing but a headline or a stray line scored as content"
    EMPTY = "no main content: the page has no text"


@dataclass(frozen=True, slots=True)
class Run:
    """Everything one page's run decided (the internal form behind ``clean`` and ``explain``)."""

    source: str  #: "text" or "html"
    page: Page
    x: np.ndarray  #: base features, one row per block (columns: ``features.BASE_NAMES``)
    extra: np.ndarray | None  #: what the input type adds (HTML features, votes), or None for text
    extra_names: tuple[str, ...]
    words: list[float]
    p1: list[float]
    p2: list[float]
    keep: list[bool]
    reasons: list[Reason]
    title: int | None
    region: tuple[int, int]
    path: Path  #: which way the selection went (shown by ``explain()``)
    markup: str | None = None  #: the HTML itself, for input read as HTML
    structure: Structure | None = None  #: each line's structure, when recorded (HTML input, for markdown)
    kinds: dict[str, float] | None = None  #: the page type, when the selection needed it

    @property
    def has_main_content(self) -> bool:
        return self.path in (Path.MAIN_REGION, Path.RESCUED, Path.FALLBACK, Path.BARE, Path.POST_BODY)

    def page_type(self) -> dict[str, float]:
        """The probability of each page type (:data:`boilerstrip.pagetype.PAGE_TYPES`)."""
        if self.kinds is not None:
            return self.kinds
        return page_type(self.x, self.extra, self.words, self.markup, self.page)

    def text(self) -> str:
        return "\n".join(t for t, k in zip(self.page.texts, self.keep) if k)

    def output(self, options: Options) -> str:
        """What ``clean`` returns: the text, or the markdown, as ``options.output`` asks."""
        out = markdown(self) if options.output == "markdown" else self.text()
        lap("render")
        return out


@dataclass(frozen=True, slots=True)
class Prepared:
    """The page text to segment, where it came from, and the columns its input type adds."""

    text: str
    source: str
    model: Scorer
    extra: np.ndarray | None = None
    containers: np.ndarray | None = None
    markup: str | None = None
    structure: Structure | None = None
    author_box: np.ndarray | None = None  #: HTML: lines inside an author box
    related_box: np.ndarray | None = None  #: HTML: lines inside a box of links to related pages
    consent_box: np.ndarray | None = None  #: HTML: lines inside a cookie or consent dialog
    review_box: np.ndarray | None = None  #: HTML: lines inside a box of customers' reviews
    post_body: np.ndarray | None = None  #: HTML: lines inside the page's one post container
    shapes: np.ndarray | None = None  #: HTML: each line's shape id (see html.HtmlPage.shapes)
    shape_names: tuple[str, ...] = ()  #: HTML: the shapes, by id
    in_pre: np.ndarray | None = None  #: HTML: lines inside a <pre>


def page_type(
    x: np.ndarray, extra: np.ndarray | None, words: list[float], markup: str | None, page: Page
) -> dict[str, float]:
    """The probability of each page type, from the page's block features and its markup's hints (HTML)
    or its text's (page text: the blocks' lines)."""
    if extra is None:
        return models().pagetype_text.probabilities(page_vector(x, words, lines=page.stripped, low=page.lowered()))
    columns = (x, extra[:, : len(HTML_NAMES)])
    return models().pagetype_html.probabilities(page_vector(columns, words, markup or ""))


def prepare(data: object, options: Options, who: str, structure: bool = False) -> Prepared:
    text = as_text(data, who=who)
    is_html = options.input_format == "html" or (options.input_format == "auto" and looks_like_html(text))
    lap("decode")
    if not is_html:
        return Prepared(text, "text", models().text)
    recorder = Recorder(options.links, options.images, options.url) if structure else None
    page = html_page(text, recorder)
    if options.preset == "fast" or not page.text:
        return Prepared(page.text, "html", models().html, page.columns, page.containers, text, page.structure,
                        page.author_box, page.related_box, page.consent_box, page.review_box, page.post_body,
                        page.shapes, page.shape_names, page.in_pre)  # fmt: skip
    extra = np.hstack((page.columns, votes(text, page.text.splitlines())))
    lap("votes")
    return Prepared(page.text, "html+votes", models().votes, extra, page.containers, text, page.structure,
                    page.author_box, page.related_box, page.consent_box, page.review_box, page.post_body,
                    page.shapes, page.shape_names, page.in_pre)  # fmt: skip


def _clean_page_veto(veto: Reason | None, p: float) -> Reason | None:
    if veto is None or veto is Reason.TEASER or p >= CLEAN_PAGE_VETO_PROBABILITY:
        return None
    return Reason.CLEAN_PAGE_VETO


def already_clean(words: list[float], p: list[float]) -> bool:
    """True when almost none of the page's words sit in blocks that score as clear boilerplate."""
    total = sum(words)
    doubtful = sum(compress(words, map(lt, p, repeat(CLEAN_PAGE_LOW_PROBABILITY))))  # (the same additions)
    return total > 0 and doubtful < CLEAN_PAGE_LOW_WORD_SHARE * total


@dataclass(frozen=True, slots=True)
class _Choice:
    """One selection over the scored blocks: what is kept, why, the main region and the headline."""

    keep: list[bool]
    reasons: list[Reason]
    title: int | None
    region: tuple[int, int]

    def body_words(self, words: np.ndarray, outside: np.ndarray) -> float:
        """Words kept besides the headline and the lines marked ``outside`` (the ``<title>`` element)."""
        counted = np.array(self.keep, dtype=bool) & ~outside
        if self.title is not None:
            counted[self.title] = False
        return float(words[counted].sum())


def run(data: object, options: Options, who: str = "clean", structure: bool = False) -> Run:
    """Every decision for one page; ``structure`` records the HTML's structure even for text output."""
    prepared = prepare(data, options, who, structure or options.output != "text")
    page = segment(prepared.text)
    lap("segment")
    x = page_features(page, full=False, cohesion=prepared.extra is None)
    word_array = block_words(x)
    words = word_array.tolist()
    lap("features")
    p1_array, p2_array = prepared.model.score(x, prepared.extra, prepared.containers)
    p1, p2 = p1_array.tolist(), p2_array.tolist()
    lap("pass 2")
    h1 = title_elements = None
    page_title = ""
    headings: list[bool] | None = None
    title_tag = chrome = footer = in_pre = np.zeros(len(page), dtype=bool)
    code = links = items = cells = None
    if prepared.extra is not None and len(page):
        column = dict(zip(prepared.model.extra_names, prepared.extra.T))
        h1, title_elements = np.flatnonzero(column["h_h1"] > 0), np.flatnonzero(column["h_title_tag"] > 0)
        title_tag = column["h_title_tag"] > 0
        page_title = " ".join(page.texts[i] for i in title_elements.tolist())
        headings = (column["h_heading"] > 0).tolist()
        # Code is what sits inside a <pre>, whatever each line's own tag (a <div> per line of code).
        if prepared.in_pre is not None:
            in_pre = prepared.in_pre
        code = in_pre.tolist()
        aside = (column["h_in_aside"] > 0) | (column["h_attr_boiler"] > 0)
        links = (column["h_all_link"] > 0).tolist()
        footer = column["h_in_footer"] > 0
        chrome = (column["h_in_nav"] > 0) | (column["h_in_header"] > 0) | footer
        items = ((column["h_kind_li"] > 0) & ~chrome & ~aside).tolist()
        cells = (column["h_kind_cell"] > 0) & ~chrome

    menus = chrome.tolist()
    kinds: list[dict[str, float]] = []  # the page type, worked out once and only if a decision needs it

    def page_kinds() -> dict[str, float]:
        if not kinds:
            lap("select")
            kinds.append(page_type(x, prepared.extra, words, prepared.markup, page))
            lap("page type")
        return kinds[0]

    def list_page() -> bool:
        return _is_list_page(page_kinds())

    def product_page() -> bool:
        return page_kinds()["product"] >= PRODUCT_PAGE_TYPE_PROBABILITY

    def shop_page() -> bool:
        kinds = page_kinds()
        return kinds["product"] + kinds["collection"] >= SHOP_PAGE_TYPE_PROBABILITY

    # Page text marks no menus, so its cards look like them to the scores: on a text list page every
    # line scoring TEXT_LIST_PAGE_PROBABILITY is kept, wherever it is (cheap: no markup to scan).
    text_list = prepared.extra is None and len(page) > 0 and list_page()
    outside_bar = outside_region_bar(prepared.extra is not None, kinds[0] if kinds else None)
    # Nor does it mark the readers' comments, whose long replies score like the article: on page text
    # that is no thread, what follows a comments header goes, once an article stands above it. HTML
    # marks comment containers: after such a header, their lines go on any page. A forum's replies are seldom so
    # named, and where they are the page type cannot tell them from a blog's comments; a Q&A page's
    # comments under its answers go too (measured out of fold: the page type's word protected one
    # thread and cost fourteen pages).
    count_line: list[int | None] = []  # the page's comment count line, read once and only if asked

    def counted() -> int | None:
        if not count_line:
            count_line.append(counted_comments(page.texts))
        return count_line[0]

    # Where the page's comment count names the post ("59 Comments on “Title”") or stands alone as a
    # heading ("12 Comments"), they are a blog's comments, whatever the type says: a forum's reply
    # count seldom says what it replies to, or stands alone.
    typed_text = prepared.extra is None and bool(kinds)
    named_post = typed_text and names_its_post(page.texts, counted())
    alone = typed_text and not named_post and counts_alone(page.texts, counted())
    cut_comments = typed_text and (named_post or alone or kinds[0]["forum"] < COMMENTS_MAX_FORUM_PROBABILITY)
    comment_box = None if prepared.extra is None or not len(page) else column["h_attr_comment"] > 0
    read_comments = cut_comments or (comment_box is not None and bool(comment_box.any()))

    consent = consent_span(page.texts)
    # Asked only of the short lines a selection could keep by their score (every line would cost 2%
    # of a page's run).
    low = page.lowered()  # (held by the page only when short: asked once here for both rules)
    inline = inline_sections(low, (word_array <= BOILER_LINE_MAX_WORDS) & (p2_array >= INLINE_SECTION_MIN_PROBABILITY))
    contents = toc_entries(x, words, low)
    del low  # a long page's lower-cased copy is as large as its text: not held through the selection

    def choose(threshold_drop: float) -> _Choice:
        keep, reasons = _first_decisions(
            x, words, p2, options, threshold_drop, chrome, list_page, text_list, links, inline, contents
        )
        if threshold_drop:  # a second look lowers the bar for the page's text, not for its menus
            _drop_chrome(keep, reasons, chrome)
        if prepared.author_box is not None:
            _drop_box(keep, reasons, p2, prepared.author_box, word_array, Reason.AUTHOR_BOX)
        if prepared.related_box is not None:  # a listing's cards may sit in a box so named
            _drop_box(keep, reasons, p2, prepared.related_box, word_array, Reason.RELATED, list_page)
        if prepared.consent_box is not None:
            _drop_box(keep, reasons, p2, prepared.consent_box, word_array, Reason.CONSENT)
        if prepared.review_box is not None:  # a shop's reviews; a review article's text is its content
            _drop_box(keep, reasons, p2, prepared.review_box, word_array, Reason.REVIEWS, lambda: not shop_page())
        region = main_region(region_anchors(keep, menus, words), p2_array, word_array, in_pre)
        _restrict_to_region(keep, reasons, p2, region, outside_bar, words)
        fill_gaps(keep, reasons, p2, code, words, items, prepared.containers)
        for i in table_rest(cells, page.texts, word_array, keep) if cells is not None else ():
            if reasons[i] in (Reason.LOW_SCORE, Reason.OUTSIDE_REGION):
                keep[i], reasons[i] = True, Reason.TABLE
        for i in duplicates(page.texts, keep, headings, p2):
            keep[i], reasons[i] = False, Reason.DUPLICATE
        title = _place_title(page, x, words, p2, keep, reasons, options, h1, page_title)
        if title is not None and title_elements is not None:
            drop_title_element(page.texts, title_elements, title, keep, reasons)
        header = comments_header(page.texts, x, words, keep, counted()) if read_comments else None
        if header is not None:
            if cut_comments:  # page text: the comments run to the page's end, once an article stands above
                gone = _comments_to_the_end(keep, header, words)
            else:
                gone = _after_header(keep, p2, header, comment_box, COMMENTS_KEEP_PROBABILITY)
            for i in gone:
                keep[i], reasons[i] = False, Reason.COMMENTS
        for i in range(*consent) if consent is not None else ():
            keep[i], reasons[i] = False, Reason.CONSENT
        if prepared.extra is None and len(page) and product_page():  # (HTML: the review boxes, above)
            reviews = reviews_header(page.texts, words, keep)
            for i in _after_header(keep, p2, reviews, None, REVIEW_BOX_KEEP_PROBABILITY) if reviews is not None else ():
                keep[i], reasons[i] = False, Reason.REVIEWS
        if prepared.post_body is not None:
            _drop_after_post(keep, reasons, prepared.post_body, word_array)
        if prepared.shapes is not None:  # a blog's comments are no template of its post
            comments = comment_box if prepared.post_body is not None else None
            _keep_template(keep, reasons, prepared.shapes, prepared.shape_names, word_array, chrome, comments)
        if prepared.extra is None:  # (HTML marks its footer: there this cost 0.0008 on both files)
            for i in _after_closing_notice(x, page.texts, keep, words):
                keep[i], reasons[i] = False, Reason.AFTER_FOOTER
        return _Choice(keep, reasons, title, region)

    choice, path = choose(0.0), Path.MAIN_REGION
    body = choice.body_words(word_array, title_tag)
    if (
        body < RESCUE_BODY_WORDS
        and word_array[p2_array >= RESCUE_CANDIDATE_PROBABILITY].sum() >= RESCUE_CANDIDATE_WORDS
    ):
        # The selection collapsed (a headline, a skip link, a sidebar line) although the page has text
        # that scores as likely content: look again with the recall threshold.
        second = choose(KEEP_PROBABILITY[options.focus] - KEEP_PROBABILITY["recall"])
        second_body = second.body_words(word_array, title_tag)
        if second_body > body:
            choice, path, body = second, Path.RESCUED, second_body
    if prepared.post_body is not None:
        post = _post_choice(choice, prepared.post_body, word_array, chrome)
        if post is not None:
            choice, path = post, Path.POST_BODY
    # The footer is never the main content: a page keeping nothing else (its links to the group's
    # other sites, say) has none.
    body = choice.body_words(word_array, title_tag | footer)
    collapsed = body < NO_CONTENT_BODY_WORDS
    # A page that kept almost nothing, or a list page that kept a few lines while its cards, doubted
    # one by one, hold many more words, falls back to the text outside its menus (worked out once).
    fallback = None
    if len(page) and body < LIST_PAGE_SMALL_BODY_WORDS and path is not Path.POST_BODY:
        fallback = _fallback(
            x, words, p2, chrome, FALLBACK_MIN_WORDS if collapsed else LIST_PAGE_FALLBACK_WORDS, inline, contents
        )
        if fallback is not None and not collapsed and not list_page():
            fallback = None
    if not len(page):
        path = Path.EMPTY
    elif fallback is not None:
        choice, path = fallback, Path.FALLBACK
    elif path is Path.POST_BODY:
        pass  # a post of a few words (a photo's caption) is the page's content all the same
    elif collapsed and _bare(choice, title_tag, chrome):
        path = Path.BARE  # its <title> names the browser's tab, not a line of the document
        for i, t in enumerate(title_tag.tolist()):
            if t:
                choice.keep[i], choice.reasons[i] = False, Reason.TITLE_TAG
            elif i != choice.title:  # the headline, if one was placed, stays one
                choice.keep[i], choice.reasons[i] = True, Reason.CONTENT
        if choice.title is not None and title_tag[choice.title]:
            choice = replace(choice, title=None)
    elif collapsed:
        path = Path.NO_CONTENT  # nothing but a headline or a stray line: an app shell, a wall, an empty listing
        for i, k in enumerate(choice.keep):
            if k:
                choice.keep[i], choice.reasons[i] = False, Reason.NO_CONTENT
    lap("select")
    return Run(
        prepared.source,
        page,
        x,
        prepared.extra,
        prepared.model.extra_names,
        words,
        p1,
        p2,
        choice.keep,
        choice.reasons,
        choice.title,
        choice.region,
        path,
        prepared.markup,
        prepared.structure,
        kinds[0] if kinds else None,
    )


_TEASERS = (Reason.TEASER, Reason.ELLIPSIS_TEASER)


def _keep_template(
    keep: list[bool],
    reasons: list[Reason],
    shapes: np.ndarray,
    names: tuple[str, ...],
    words: np.ndarray,
    chrome: np.ndarray,
    comments: np.ndarray | None,
) -> None:
    """The other instances of a template the selection kept: a thread's posts, a category's cards, a
    tutorial's tabs share their markup (the shape: tag and classes of the line's block element and its
    two block ancestors), and the main region holds one stretch of them while the rest score low or
    lie outside it. A shape counts where the selection kept TEMPLATE_MIN_KEPT of its lines, at least
    TEMPLATE_KEPT_SHARE of them and TEMPLATE_WORD_SHARE of the kept words, and its element or their
    parent is named by class (bare ``div/ul/li`` shapes are everywhere); its lines dropped only for a
    low score, for lying outside the region or for an ellipsis come back, but not in the menus,
    header or footer, nor in ``comments``, unless that would add TEMPLATE_MAX_GROWTH times what was
    kept."""
    kept = np.asarray(keep, dtype=bool)
    total = words[kept].sum()
    if not kept.any() or total <= 0:
        return
    n = len(names)
    lines = np.bincount(shapes, minlength=n)
    held = np.bincount(shapes[kept], minlength=n)
    held_words = np.bincount(shapes[kept], weights=words[kept], minlength=n)
    candidates = (held >= TEMPLATE_MIN_KEPT) & (held >= TEMPLATE_KEPT_SHARE * lines) & (held < lines)
    candidates &= held_words >= TEMPLATE_WORD_SHARE * total
    good = np.zeros(n, dtype=bool)
    for s in np.flatnonzero(candidates).tolist():
        good[s] = _CLASS_NAMED.search("/".join(names[s].split("/")[-2:])) is not None
    if not good.any():
        return
    back = good[shapes] & ~kept & ~chrome
    if comments is not None:
        back &= ~comments
    add = [i for i in np.flatnonzero(back).tolist() if reasons[i] in _TEMPLATE_MISSED]
    if not add or words[add].sum() > TEMPLATE_MAX_GROWTH * total:
        return
    for i in add:
        keep[i], reasons[i] = True, Reason.TEMPLATE


#: A shape's element or parent named by class: a class attribute that opens with three letters.
_CLASS_NAMED = re.compile(r"\.[A-Za-z_-]{3}")
#: What a line of a kept template may have been dropped for and still come back (see _keep_template).
_TEMPLATE_MISSED = frozenset({Reason.LOW_SCORE, Reason.OUTSIDE_REGION, Reason.ELLIPSIS_TEASER})


def _drop_after_post(keep: list[bool], reasons: list[Reason], inside: np.ndarray, words: np.ndarray) -> None:
    """Where most of what the selection kept lies in the page's one post container, the kept lines
    after the post's last kept line and outside it go: what follows a post's body on a blog or a news
    page (the sidebar, the next posts' teasers, the comments) is not the post. Lines before it stay:
    the headline and byline often sit above the body's container."""
    kept = np.asarray(keep, dtype=bool)
    within = kept & inside
    if not within.any() or words[within].sum() < POST_KEPT_MIN_SHARE * words[kept].sum():
        return
    for i in range(int(np.flatnonzero(within)[-1]) + 1, len(keep)):
        if keep[i] and not inside[i]:
            keep[i], reasons[i] = False, Reason.AFTER_POST


def _post_choice(choice: _Choice, inside: np.ndarray, words: np.ndarray, chrome: np.ndarray) -> _Choice | None:
    """The post's container instead of a selection that missed it: a photo, video or quote post of a
    few lines scores low, or a section header above it vetoes it as teasers, and the selection lands
    on a sidebar's "about" box or the comments. Asked where the selection kept few words
    (POST_MISSED_MAX_WORDS besides the headline), few of them in the container, and little of the
    container's own words. The container's lines come back but for those in menus and those a rule
    other than the teaser rules drops (a share line, a consent dialog); the headline stays."""
    kept = np.asarray(choice.keep, dtype=bool)
    if choice.title is not None:
        kept = kept.copy()
        kept[choice.title] = False
    total, within, own = words[kept].sum(), words[kept & inside].sum(), words[inside].sum()
    if (
        total >= POST_MISSED_MAX_WORDS
        or within >= POST_MISSED_KEPT_SHARE * total
        or own < POST_MIN_WORDS
        or within >= POST_MISSED_OWN_SHARE * own
    ):
        return None
    keep, reasons = list(choice.keep), list(choice.reasons)
    for i, (k, r, a, c) in enumerate(zip(choice.keep, choice.reasons, inside.tolist(), chrome.tolist())):
        if i == choice.title:
            continue
        if a and not c and (k or r in _POST_MISSED):
            keep[i], reasons[i] = True, Reason.CONTENT
        elif k and not a:
            keep[i], reasons[i] = False, Reason.OUTSIDE_POST
    if words[np.asarray(keep, dtype=bool) & inside].sum() < POST_MIN_WORDS:
        return None  # the container's words are its menus' or a rule's: no post to go back to
    return _Choice(keep, reasons, choice.title, choice.region)


#: What a line of the post's container may have been dropped for and still come back (see _post_choice).
_POST_MISSED = frozenset({Reason.LOW_SCORE, Reason.TEASER, Reason.ELLIPSIS_TEASER, Reason.OUTSIDE_REGION, Reason.GAP})


def _bare(choice: _Choice, title_tag: np.ndarray, chrome: np.ndarray) -> bool:
    """True when the page has lines besides its ``<title>`` and its headline, none in a menu, header
    or footer, and no rule dropped any of them (each is kept, or only scores low): nothing on the
    page reads as furniture, so the few words it has are its content (a note, a stub, a test page).
    An app shell's or a wall's line is dropped by a rule ("enable JavaScript", "Loading…"), and a
    page of menus has chrome."""
    tag = title_tag.tolist()
    return (
        any(not t and i != choice.title for i, t in enumerate(tag))
        and not chrome.any()
        and all(k or t or r is Reason.LOW_SCORE for k, t, r in zip(choice.keep, tag, choice.reasons))
    )


def _first_decisions(
    x: np.ndarray,
    words: list[float],
    p2: list[float],
    options: Options,
    threshold_drop: float = 0.0,
    chrome: np.ndarray | None = None,
    list_page: Callable[[], bool] | None = None,
    text_list: bool = False,
    links: list[bool] | None = None,
    inline: list[bool] | None = None,
    contents: Collection[int] = (),
) -> tuple[list[bool], list[Reason]]:
    """Keep what scores above the threshold and no rule vetoes; an already clean page is kept whole.

    On a listing or a collection (``list_page``) the cards are the content: a line a teaser rule
    matched (overruled by its score or not) is kept when it scores at least
    :data:`LIST_PAGE_TEASER_PROBABILITY`, unless it is in the page's menus, header or footer; the page
    type is asked only when :data:`LIST_PAGE_MIN_CARDS` such lines exist. On a text list page
    (``text_list``) the bar is at most :data:`TEXT_LIST_PAGE_PROBABILITY`.
    """
    lap("select")
    vetoes, matched = flag(x, words, p2, inline, contents)
    lap("filter")
    menus = chrome.tolist() if chrome is not None else [False] * len(p2)
    if already_clean(words, p2):
        # Nothing on the page looks like boilerplate: it is an article already. Keep it whole but for
        # lines a rule flags and the score doubts too, and the lines of its menus and the lines that
        # are all links (a blog's sidebar outside any <nav>) that the score doubts: a long article, or
        # a long thread of replies, outweighs them.
        for i in _flagged(vetoes):
            vetoes[i] = _clean_page_veto(vetoes[i], p2[i])
        doubted = menus if links is None else list(map(or_, menus, links))
        thresholds = list(map((0.0, CLEAN_PAGE_LOW_PROBABILITY).__getitem__, doubted))
    else:
        prose = float(x[0, COLUMN["prose"]]) if len(x) else 1.0
        base = KEEP_PROBABILITY[options.focus] - threshold_drop
        # On a page with little prose the list is the content, so the bar is lower; but not for the
        # lines of the page's menus, header and footer, which a listing has too.
        list_drop = LIST_PAGE_THRESHOLD_DROP * (1.0 - prose)
        thresholds = list(map((base - list_drop, base).__getitem__, menus))
        cards = [
            i
            for i in _flagged(matched)
            if matched[i] in _TEASERS and p2[i] >= LIST_PAGE_TEASER_PROBABILITY and not menus[i]
        ]
        if len(cards) >= LIST_PAGE_MIN_CARDS and list_page is not None and list_page():
            for i in cards:
                vetoes[i], thresholds[i] = None, min(thresholds[i], LIST_PAGE_TEASER_PROBABILITY)
        if text_list:
            thresholds = list(map(min, thresholds, repeat(TEXT_LIST_PAGE_PROBABILITY)))
    return _kept_by_score(vetoes, p2, thresholds)


def _flagged(reasons: list[Reason | None]) -> list[int]:
    """The lines a rule marked (a C-level pass: most lines have no rule)."""
    return list(compress(count(), map(is_not, reasons, repeat(None))))


def _kept_by_score(
    vetoes: list[Reason | None], p2: list[float], thresholds: list[float]
) -> tuple[list[bool], list[Reason]]:
    """Keep what reaches its threshold and no rule vetoes; the reason for each line. A few C-level
    passes over the page and a visit to each vetoed line only, rather than a Python step a line."""
    keep = list(map(ge, p2, thresholds))
    reasons = list(map(_BY_SCORE.__getitem__, keep))
    for i in _flagged(vetoes):
        keep[i], reasons[i] = False, cast(Reason, vetoes[i])  # (a flagged line's veto is a reason)
    return keep, reasons


#: A line no rule vetoes goes for its score or stays as content (indexed by whether it is kept).
_BY_SCORE = (Reason.LOW_SCORE, Reason.CONTENT)


def _drop_chrome(keep: list[bool], reasons: list[Reason], chrome: np.ndarray) -> None:
    """Drop the kept lines of the page's menus, header and footer (HTML input)."""
    for i in np.flatnonzero(chrome).tolist():
        if keep[i]:
            keep[i], reasons[i] = False, Reason.NAVIGATION


def _fallback(
    x: np.ndarray,
    words: list[float],
    p2: list[float],
    chrome: np.ndarray,
    min_words: float = FALLBACK_MIN_WORDS,
    inline: list[bool] | None = None,
    contents: Collection[int] = (),
) -> _Choice | None:
    """When no region holds content: the lines outside the menus, header and footer that no rule vetoes
    and that score at least :data:`FALLBACK_MIN_PROBABILITY`, if they hold at least
    ``min_words`` (:data:`FALLBACK_MIN_WORDS`: a listing the scores doubt line by line); else ``None``.

    An app shell, a wall or an empty listing has a few such words at most; a page whose text the
    scores doubt throughout has more, and its text beats an empty answer.
    """
    vetoes = veto(x, words, p2, inline, contents)
    keep = [v is None and q >= FALLBACK_MIN_PROBABILITY and not c for v, q, c in zip(vetoes, p2, chrome.tolist())]
    if sum(w for w, k in zip(words, keep) if k) < min_words:
        return None
    reasons = [v if v is not None else (Reason.FALLBACK if k else Reason.LOW_SCORE) for v, k in zip(vetoes, keep)]
    return _Choice(keep, reasons, None, (0, len(keep)))


#: The boxes beside an article that :func:`_drop_box` drops: their bar, and the largest share of the
#: page's words (author boxes, consent dialogs) or of its kept words (related links) they may hold.
_BOXES = {
    Reason.AUTHOR_BOX: (AUTHOR_BOX_KEEP_PROBABILITY, AUTHOR_BOX_MAX_SHARE, False),
    Reason.RELATED: (RELATED_BOX_KEEP_PROBABILITY, RELATED_BOX_MAX_SHARE, True),
    Reason.CONSENT: (CONSENT_BOX_KEEP_PROBABILITY, CONSENT_BOX_MAX_SHARE, False),
    Reason.REVIEWS: (REVIEW_BOX_KEEP_PROBABILITY, REVIEW_BOX_MAX_SHARE, False),
}


#: A copyright notice, in a line the has_copyright column marks (a "©" or "(c)" in it): the sign
#: standing as a word ("© 2026 Name", "Copyright (c) 2026"), or the word "Copyright" beside a sign
#: inside a name; "SPECweb©2005" alone is no notice.
_NOTICE = re.compile(r"(?<!\w)(?:©|\([cC]\)|[Cc]opyright)")


def _comments_to_the_end(keep: list[bool], header: int, words: list[float]) -> list[int]:
    """On page text, the comments header and every kept line after it, where at least
    :data:`COMMENTS_MIN_WORDS_BEFORE` kept words stand above it; else nothing.

    A reader's reply reads like the article and scores like it, so no score tells them apart after
    the header; and a header with no article above it is a menu's or a byline's "Comments".
    """
    before = sum(compress(words[:header], keep[:header]))
    if before < COMMENTS_MIN_WORDS_BEFORE:
        return []
    return list(compress(range(header, len(keep)), keep[header:]))


def _after_closing_notice(x: np.ndarray, texts: Sequence[str], keep: list[bool], words: list[float]) -> list[int]:
    """On page text, the kept lines after the page's closing copyright notice: the first dropped line
    of at most :data:`BOILER_LINE_MAX_WORDS` words in the page's second half (from
    :data:`AFTER_FOOTER_MIN_POSITION`) that holds a copyright sign and reads as a notice
    (:data:`_NOTICE`), with at least :data:`AFTER_FOOTER_MIN_WORDS_BEFORE` kept words above it.

    Today's renderers put a page's dialogs after its footer (a newsletter sign-up, a size guide, the
    privacy policy); they read as prose, and page text has no markup to tell them from the article.
    """
    last = len(keep) - 1
    for c in np.flatnonzero(x[:, COLUMN["has_copyright"]] > 0).tolist() if last > 0 else ():
        if c / last < AFTER_FOOTER_MIN_POSITION or keep[c] or not 0 < words[c] <= BOILER_LINE_MAX_WORDS:
            continue
        if not _NOTICE.search(texts[c]):
            continue
        if sum(compress(words[:c], keep[:c])) < AFTER_FOOTER_MIN_WORDS_BEFORE:
            return []
        return list(compress(range(c + 1, len(keep)), keep[c + 1 :]))
    return []


def _after_header(keep: list[bool], p2: list[float], header: int, box: np.ndarray | None, bar: float) -> list[int]:
    """On HTML, the header, if kept (a count line such as "12 Comments", whatever it scores), and the
    kept lines after it inside the comment containers ``box`` that score below ``bar``: the readers'
    comments (page text: :func:`_comments_to_the_end`)."""
    after = [i for i in range(header + 1, len(keep)) if keep[i] and (box is None or box[i]) and p2[i] < bar]
    return [header, *after] if keep[header] else after


def _drop_box(
    keep: list[bool],
    reasons: list[Reason],
    p2: list[float],
    box: np.ndarray,
    words: np.ndarray,
    reason: Reason,
    exempt: Callable[[], bool] | None = None,
) -> None:
    """Drop the lines of a box beside the article (the writer's biography, the links to related
    pages) unless their score is near certain.

    Such a box is a small part of the page: where containers so named hold much of its text, or of
    what the page keeps (a theme that names the whole page so, a shop whose grid is "related-product"),
    the names say nothing and the rule stands back; so it does where ``exempt()`` says (asked only
    when a line would go).
    """
    bar, max_share, of_kept = _BOXES[reason]
    if not box.any():
        return
    kept = np.array(keep, dtype=bool) if of_kept else np.ones(len(keep), dtype=bool)
    if words[box & kept].sum() > max_share * words[kept].sum():
        return
    doomed = [i for i in np.flatnonzero(box).tolist() if keep[i] and p2[i] < bar]
    if doomed and (exempt is None or not exempt()):
        for i in doomed:
            keep[i], reasons[i] = False, reason


def _is_list_page(kinds: dict[str, float]) -> bool:
    """A listing or a collection, by the page type: its cards are its content."""
    return kinds["listing"] + kinds["collection"] >= LIST_PAGE_TYPE_PROBABILITY


def outside_region_bar(html: bool, kinds: dict[str, float] | None) -> tuple[float, float]:
    """The score a kept line outside the main region needs to stay, for a short line and for a line of
    running text: near certain on HTML; a little less on page text, whose scores are less sharp; on a
    text list page the list's bar, since its cards are spread over the page; on a text thread nothing
    for running text, since its posts are too (a short line there is a name, a date or the footer,
    and needs the usual bar). HTML marks cards and posts, so its scores find them."""
    if html:
        return OUTSIDE_REGION_PROBABILITY, OUTSIDE_REGION_PROBABILITY
    if kinds is not None and _is_list_page(kinds):
        return TEXT_LIST_PAGE_PROBABILITY, TEXT_LIST_PAGE_PROBABILITY
    if kinds is not None and kinds["forum"] >= TEXT_THREAD_PROBABILITY:
        return TEXT_OUTSIDE_REGION_PROBABILITY, 0.0
    return TEXT_OUTSIDE_REGION_PROBABILITY, TEXT_OUTSIDE_REGION_PROBABILITY


def _restrict_to_region(
    keep: list[bool],
    reasons: list[Reason],
    p2: list[float],
    region: tuple[int, int],
    bars: tuple[float, float],
    words: list[float],
) -> None:
    """Drop kept blocks outside the main region unless their score reaches the bar
    (:func:`outside_region_bar`: the first for short lines, the second for running text)."""
    start, end = region
    short_bar, long_bar = bars
    n = len(keep)
    for i in chain(range(min(start, n)), range(max(start, end), n)):  # the lines outside it only
        if keep[i] and p2[i] < (long_bar if words[i] >= LONG_LINE_WORDS else short_bar):
            keep[i], reasons[i] = False, Reason.OUTSIDE_REGION


def _place_title(
    page: Page,
    x: np.ndarray,
    words: list[float],
    p2: list[float],
    keep: list[bool],
    reasons: list[Reason],
    options: Options,
    h1: np.ndarray | None = None,
    page_title: str = "",
) -> int | None:
    """Keep the headline once (or drop it, with keep_title off); the article starts there."""
    dropped = dict(compress(enumerate(reasons), map(not_, keep)))
    heading = find_heading(h1, words, keep) if h1 is not None else None
    title = heading if heading is not None else find_title(page.texts, x, words, keep, dropped, page_title)
    if heading is None and h1 is not None and (title is None or not repeats_title(page.texts[title], page_title)):
        heading = far_heading(h1, words, keep, page.texts, page_title)
        if heading is not None:
            title = heading
    if title is None:
        return None
    if not options.keep_title:
        keep[title], reasons[title] = False, Reason.TITLE_NOT_KEPT
        return title
    # an <h1> is the headline however low it scores (the scorer learned that golds often leave the
    # headline out), unless it reads as a sentence: then it is a banner's line, as any other low line
    if p2[title] < FLOOR_PROBABILITY and (heading is None or page.texts[title].rstrip().endswith(".")):
        return None
    if reasons[title] is Reason.DUPLICATE:  # the headline repeats a line above (a banner's copy): that goes
        key = page.texts[title].strip().lower()
        for i in range(title):
            if keep[i] and page.texts[i].strip().lower() == key:
                keep[i], reasons[i] = False, Reason.DUPLICATE
    keep[title], reasons[title] = True, Reason.TITLE
    for i in range(max(0, title - TITLE_LOOKBACK), title):
        if keep[i] and words[i] < LONG_LINE_WORDS and p2[i] < VETO_OVERRIDE_PROBABILITY:
            keep[i], reasons[i] = False, Reason.BEFORE_TITLE
    return title
