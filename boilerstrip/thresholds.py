"""Every named threshold of the pipeline, in one place.

The learned models live in ``boilerstrip/models/*.json`` (written by ``scripts/fit_weights.py``);
the hand-set limits below are the ones a person reads and argues about.
"""

from __future__ import annotations

# --- input --------------------------------------------------------------------------------------
#: Share of the first bytes that must look like markup before a ``str`` is treated as HTML.
HTML_SNIFF_CHARS = 4096
#: How many tags must open the sniffed prefix before text is taken for HTML.
HTML_MIN_TAGS = 3

# --- segment ------------------------------------------------------------------------------------
#: A glued image placeholder is repaired only when the rest of the line has at least this many words.
GLUE_MIN_WORDS = 6
#: At most this many repair attempts per page (each one scans the page, so the total stays linear).
MAX_REPAIRS_PER_PAGE = 32

# --- score --------------------------------------------------------------------------------------
#: Characters of a CJK/Thai run that count as one word (no spaces to count by).
CJK_CHARS_PER_WORD = 2.0
#: Ratios per token (stop words, capitals, numbers) are read off at most this many leading characters.
RATIO_SAMPLE_CHARS = 400
#: Letters at least in a content word of the cohesion feature (``features._cohesion``: the share of a
#: line's content words that the page's long lines use too): shorter words say little of a topic.
COHESION_MIN_CHARS = 4
#: Words at or above which a line counts as "long text" when looking for the densest stretch.
LONG_LINE_WORDS = 12
#: Words of running text (in long lines) at which a page counts fully as prose (an article) rather
#: than a list page (listing, collection, product); the "prose" feature scales up to it.
PROSE_WORDS = 300
#: Half-width, in blocks, of the window used for neighbourhood features.
NEAR_WINDOW = 2
WIDE_WINDOW = 6

# --- select -------------------------------------------------------------------------------------
#: Probability above which a block is content, per focus (precision / balanced / recall).
KEEP_PROBABILITY = {"precision": 0.6, "balanced": 0.42, "recall": 0.28}
#: On a page with no running text (a listing, a collection) the keep threshold is this much lower,
#: scaled by how little prose the page has: there the list is the content, and recall is what fails.
LIST_PAGE_THRESHOLD_DROP = 0.25
#: A page is a list page (its cards are its content) when the page-type model gives listing and
#: collection together at least this probability ...
LIST_PAGE_TYPE_PROBABILITY = 0.5
#: ... and there a line the teaser rules veto (a card's headline, an excerpt cut with "...") is kept
#: when it scores at least this, outside the menus, header and footer.
LIST_PAGE_TEASER_PROBABILITY = 0.3
#: ... where the page has at least this many such lines (one or two are a "related" box, not cards):
#: below it the page type is not even worked out (on HTML it scans the markup).
LIST_PAGE_MIN_CARDS = 5
#: A product page by the page type: on page text, what follows its customers' reviews header goes.
PRODUCT_PAGE_TYPE_PROBABILITY = 0.5
#: A shop's page (a product or a collection of them) by the page type, the two types' probabilities
#: summed: on HTML, the lines of its customers' reviews box go (REVIEW_BOX_KEEP_PROBABILITY). Page
#: text keeps the product bar: there the rule cuts all that follows the header, and a collection's
#: cards go on below a strip of reviews (out of fold: collections too gave +0.0003 on HTML, −0.0006
#: on page text).
SHOP_PAGE_TYPE_PROBABILITY = 0.5
#: On page text (no menus marked) of a list page, every line scoring at least this is kept, inside
#: the main region or not: the cards are spread over the page and look like menu lines to the scores.
TEXT_LIST_PAGE_PROBABILITY = 0.2
#: Blocks scored below this probability can never be pulled into the main region by their neighbours.
FLOOR_PROBABILITY = 0.12
#: Main-region search: what each dropped block costs, per word of its doubt (max-subarray search).
REGION_PENALTY = 0.5
#: ... but where the stretch found holds less than this share of the kept blocks' worth (words times
#: score), the content is spread over the page (a listing's cards, a thread's posts, split by low
#: lines), and the stretch is searched again with the gentler REGION_SPREAD_PENALTY. Out of fold, on
#: three fits' fold models: HTML WCXB +0.0011, +0.0014, +0.0003 (7, 6 and 3 pages up, 1, 0 and 1
#: down), WCEB -0.0001, -0.0003, 0.0000; page text +0.0001 to +0.0005. One penalty of 0.4 on every
#: page gained WCXB about as much but cost WCEB 0.0004 to 0.0006.
REGION_SPREAD_SHARE = 0.5
REGION_SPREAD_PENALTY = 0.4
#: HTML: the main region is built on the kept blocks outside menus, header and footer when these
#: hold at least this many words (else on every kept block).
REGION_ANCHOR_MIN_WORDS = 30
#: A run of at most this many low-score blocks between kept blocks is kept (headings, list items).
GAP_MAX_BLOCKS = 2
#: ... provided each of them scores at least this (out of fold, lines between 0.2 and 0.3 held 18-39%
#: gold words in every fold of WCXB: a caption or a stray label, more often than a heading).
GAP_MIN_PROBABILITY = 0.3
#: HTML: a data table is one unit. Where a run of at least TABLE_MIN_CELLS table cells (outside the
#: menus, header and footer) has TABLE_HEAD_KEPT_SHARE of its first TABLE_HEAD_CELLS kept, the
#: median cell holds at most TABLE_CELL_MAX_WORDS words and TABLE_NUMERIC_SHARE of the cells are
#: numbers, the cells the scores doubt or the region left out come back: a results or figures
#: table, whose numeric cells score low one by one after its header row was kept. (Layout tables
#: of old pages have long cells, and few of them are numbers.)
TABLE_MIN_CELLS = 12
TABLE_HEAD_CELLS = 10
TABLE_HEAD_KEPT_SHARE = 0.5
TABLE_CELL_MAX_WORDS = 3
TABLE_NUMERIC_SHARE = 0.3
#: HTML: a longer run of dropped blocks between kept blocks is kept when most of its words are code
#: (``<pre>`` lines: an example the text explains, often in tabs whose labels score low) and its code
#: lines score at least this on average; its other lines then need GAP_MIN_PROBABILITY each.
CODE_GAP_MIN_PROBABILITY = 0.25
#: ... "most": at least this share of the run's words.
CODE_GAP_MIN_SHARE = 0.7
#: HTML: so is a longer run whose words are at least this share in list items outside the menus,
#: header, footer, asides and boilerplate-named containers (a tutorial's lists of links to its topics).
LIST_GAP_MIN_SHARE = 0.7
#: ... counting only the items that share a container with the kept lines on either side: one of an
#: item's nearest this many block ancestors (its list, the list's parent) ...
LIST_GAP_ITEM_LEVELS = 2
#: ... is one of the kept line's nearest this many (its paragraph's parent, or that one's).
LIST_GAP_TEXT_LEVELS = 2
#: A kept block outside the main region survives when its own probability is at least this ...
OUTSIDE_REGION_PROBABILITY = 0.9
#: ... or on page text at least this: its scores are less sharp (no markup), and out of fold the lines
#: it scored 0.8 to 0.9 outside the region were gold for 0.7 to 1.0 of their words in each WCXB fold.
TEXT_OUTSIDE_REGION_PROBABILITY = 0.8
#: ... and on page text the page-type model takes for a thread with at least this probability, a kept
#: line of running text (LONG_LINE_WORDS) stays wherever it is: the posts are the content, spread over
#: the page, one region each; a short line (a name, a date, the footer) needs the bar above. (At 0.5
#: it also took blogs with long comment threads, whose golds leave the comments out.)
TEXT_THREAD_PROBABILITY = 0.75
#: HTML: a line inside an author box (class names such as ``author-box``, ``about-author``: the
#: writer's biography) is dropped unless it scores at least this. (The larger-leaved HTML trees score
#: a biography's prose 0.95 to 0.97; out of fold 0.95 and 0.98 give the same output on every dev page.)
AUTHOR_BOX_KEEP_PROBABILITY = 0.98
#: ... and only where author-named containers hold at most this share of the page's words.
AUTHOR_BOX_MAX_SHARE = 0.2
#: HTML: a line inside a box of links to related pages (``related-posts``, ``read-next``) is dropped
#: unless it scores at least this (as the author box's: a card's excerpt of whole sentences scores
#: like one) ...
RELATED_BOX_KEEP_PROBABILITY = 0.98
#: ... and only where such containers hold at most this share of the kept words.
RELATED_BOX_MAX_SHARE = 0.5
#: HTML, on a shop's page (SHOP_PAGE_TYPE_PROBABILITY): a line inside a box of customers' reviews
#: (``product-reviews``, a Yotpo or Judge.me widget) is dropped unless it scores at least this ...
REVIEW_BOX_KEEP_PROBABILITY = 1.01
#: ... and only where such containers hold at most this share of the page's words (more, and the name
#: is the page's own: a review site's, or a tab panel that holds the description too).
REVIEW_BOX_MAX_SHARE = 0.5
#: Page text of a product page: a line of a ``REVIEWS`` phrase of at most this many words heads the
#: customers' reviews, and the kept lines after it go whatever they score (REVIEW_BOX_KEEP_PROBABILITY) ...
REVIEWS_HEADER_MAX_WORDS = 6
#: ... where at least this many kept lines of running text come before it (the description; a tab
#: bar's "Reviews" often stands above it) ...
REVIEWS_MIN_PARAGRAPHS = 3
#: ... unless it stands among lines of at most this many words (the two before it, or the one before
#: and the one after): a tab bar or a menu.
REVIEWS_MENU_MAX_WORDS = 3
#: Lines naming a consent purpose that make a consent dialog's list (:func:`select.consent_span`): the
#: list names ten or so, an article that mentions one or two is no such list.
CONSENT_MIN_LINES = 3
#: HTML: a line inside a cookie or consent dialog (``onetrust-consent-sdk``, ``cookie-banner``) is
#: dropped whatever it scores (above 1: no score keeps it) ...
CONSENT_BOX_KEEP_PROBABILITY = 1.01
#: ... unless such containers hold more than this share of the page's words: then the name is a state
#: class ("cookie-banner-visible") on a wrapper of the whole page, and says nothing of any part (those
#: of ``<html>`` and ``<body>`` give no box at all: ``html._NAME_MASKS``).
CONSENT_BOX_MAX_SHARE = 0.95
#: Shortest normalised text (characters) for near-duplicate matching; shorter lines repeat by chance.
NEAR_DUPLICATE_MIN_CHARS = 40
#: A title candidate has at most this many words.
TITLE_MAX_WORDS = 30
#: How many blocks before the main region the title search looks at.
TITLE_LOOKBACK = 12

# --- rules (lines short enough to be judged by a phrase) -----------------------------------------
#: A section header ("Related stories") has at most this many words.
SECTION_MAX_WORDS = 6
#: A menu item has at most this many words.
NAV_MAX_WORDS = 4
#: A share/cookie/legal/login line has at most this many words.
BOILER_LINE_MAX_WORDS = 20

#: On HTML, after the readers' comments header, a kept line in a comment container goes unless it
#: scores at least COMMENTS_KEEP_PROBABILITY. On page text, comments are cut where the page type gives
#: forum less than COMMENTS_MAX_FORUM_PROBABILITY, or the comment count names the post ("59 Comments
#: on “Title”") or stands alone ("12 Comments"): see COMMENTS_MIN_WORDS_BEFORE.
COMMENTS_MAX_FORUM_PROBABILITY = 0.3
COMMENTS_KEEP_PROBABILITY = 0.8
#: On page text, a comments header opens the comments only below this many kept words (an article
#: above it); then every kept line from it on goes, whatever it scores (a reader's reply reads like
#: the article: 0.9 and more).
COMMENTS_MIN_WORDS_BEFORE = 100
#: On page text, a dropped copyright notice in the page's second half (its line's place from this
#: share of the lines on) closes the page: the kept lines after it go (a sign-up dialog, a size
#: guide), once this many kept words stand above it.
AFTER_FOOTER_MIN_POSITION = 0.5
AFTER_FOOTER_MIN_WORDS_BEFORE = 50
#: A counted comments header ("12 Comments") opens the comments only after this many kept lines of
#: running text: above the article it is the byline's count.
COMMENT_COUNT_MIN_PARAGRAPHS = 3

# --- filter -------------------------------------------------------------------------------------
#: A veto is overruled when the block's final probability is at least this. The scorer reads the same
#: phrase flags, so what it still rates this high is the article's own sentence that says "share" or
#: "register" or trails off in "…" (out of fold, 0.8 to 1.0 of such lines' words were gold in each fold).
#: The short lines just before the headline (a kicker, a date) yield to it likewise.
VETO_OVERRIDE_PROBABILITY = 0.8
#: A boilerplate phrase in a line of running text (LONG_LINE_WORDS or more, ending a sentence) yields at
#: this lower probability: "Sign up for an account. When prompted, click Continue." is a tutorial's
#: step, and a login or share link is a few words (out of fold: HTML WCXB +0.0001 and WCEB +0.0003,
#: page text ±0.0000 and +0.0001; 74 pages up and 53 down over both files and inputs).
SENTENCE_PHRASE_OVERRIDE_PROBABILITY = 0.5
#: After a boilerplate section header, at most this many following blocks count as its teaser list.
SECTION_RUN_MAX_BLOCKS = 40
#: A section header that is an entry of the page's table of contents ("See also" in a list of the
#: page's own headings) opens no teaser run: the sections it names follow. It is one when at least
#: TOC_MIN_ENTRIES of the short lines (at most TOC_ENTRY_MAX_WORDS words) beside it, within
#: TOC_WINDOW lines either way, come again further down in the same order, the header too, and
#: their copies are spread over at least TOC_MIN_SPREAD times the lines the list takes.
TOC_MIN_ENTRIES = 3
TOC_MIN_SPREAD = 2.0
TOC_ENTRY_MAX_WORDS = 8
TOC_WINDOW = 12
#: Only a page's first TOC_MAX_HEADERS section headers are asked whether they are contents entries
#: (each may scan the page once for its later copy).
TOC_MAX_HEADERS = 64
#: Inside a teaser run, the first block scoring at least this is content again and ends the run.
SECTION_EXIT_PROBABILITY = 0.75
#: The run's last line, right above that content, is its headline when it scores at least this
#: (always when it is the run's only line): a teaser list's last title scores lower.
SECTION_HEADLINE_PROBABILITY = 0.3
#: Under a section header, only headline-like blocks count as teasers: at most this many words, or
#: no sentence end (a paragraph of content ends one).
TEASER_HEADLINE_MAX_WORDS = 15
#: A line ending in an ellipsis with at most this many words is a teaser excerpt ...
TEASER_MAX_WORDS = 60
#: ... unless it has at least this many words and follows running text that scores as content (at
#: least PROSE_PROBABILITY): then it is the article's last paragraph, cut by a paywall.
CUT_PARAGRAPH_MIN_WORDS = 20
PROSE_PROBABILITY = 0.5

# --- already clean pages -------------------------------------------------------------------------
#: A block scoring below this counts as clear boilerplate when judging whether a page is clean ...
CLEAN_PAGE_LOW_PROBABILITY = 0.3
#: ... and a page is already clean (an article, nothing around it) when such blocks hold less than
#: this share of its words: it then comes back whole. Chosen on the dev pages: 85% of gold articles
#: fed in pass it, 10% of real pages (mostly content already) do.
CLEAN_PAGE_LOW_WORD_SHARE = 0.05
#: On a clean page a rule's veto stands only for blocks scoring below this.
CLEAN_PAGE_VETO_PROBABILITY = 0.5

# --- the page as a whole: collapsed selections and pages without main content ----------------------
#: A selection keeping fewer words than this besides the headline has collapsed, if the page has ...
RESCUE_BODY_WORDS = 30
#: ... at least this many words in blocks scoring at least RESCUE_CANDIDATE_PROBABILITY: then the
#: selection is made again with the recall threshold, and the larger one is taken.
RESCUE_CANDIDATE_WORDS = 60
RESCUE_CANDIDATE_PROBABILITY = 0.2
#: A final selection with fewer words than this besides the headline is no main content: ``""``.
#: (A short real page, a note of two sentences, has more.)
NO_CONTENT_BODY_WORDS = 8
#: Before answering ``""``: the lines outside the menus, header and footer that no rule vetoes and
#: that score at least this are kept, when they hold at least FALLBACK_MIN_WORDS (a listing or a thread
#: the scores doubt line by line; an app shell or a consent wall has far fewer such words).
FALLBACK_MIN_PROBABILITY = 0.1
#: The inline section rule ("Related: <headline>") is asked only of short lines scoring at least this:
#: no selection keeps a lower line by its score.
INLINE_SECTION_MIN_PROBABILITY = FALLBACK_MIN_PROBABILITY
FALLBACK_MIN_WORDS = 40
#: A list page (LIST_PAGE_TYPE_PROBABILITY) whose selection keeps fewer words than this besides the
#: headline falls back the same way when such lines hold at least LIST_PAGE_FALLBACK_WORDS.
LIST_PAGE_SMALL_BODY_WORDS = 60
LIST_PAGE_FALLBACK_WORDS = 200

# --- select (more) ------------------------------------------------------------------------------
#: An exact repeat of a kept line is dropped only when it has at least this many words.
DUPLICATE_MIN_WORDS = 6
#: An exact repeat that scores at least this stays: the scorer is sure it is the article's own text (a
#: refrain, a step repeated, a paragraph the page prints twice), where a layout copy (a teaser of the
#: lead, a mobile menu) scores lower.
REPEAT_KEEP_PROBABILITY = 0.9
#: A title has at least this many words.
TITLE_MIN_WORDS = 2
#: An ``<h1>`` far before the article text is its headline when it holds this share of the words of
#: the page's ``<title>`` ("Headline | Site"; a logo's ``<h1>`` holds the site's name only).
TITLE_SHARE_OF_TAG = 0.5
#: The pull of a section header on the blocks after it halves about every this many blocks (x ln 2).
SECTION_DECAY_BLOCKS = 8.0

# --- HTML: the post's container and the page's templates ---------------------------------------
#: The page's one post container (a blog's ``entry-content``, a news page's ``article-body``): where it
#: holds this share of the kept words, the kept lines after it go.
POST_KEPT_MIN_SHARE = 0.5
#: A selection that kept fewer words than this besides the headline, less than POST_MISSED_KEPT_SHARE
#: of them inside the post container and less than POST_MISSED_OWN_SHARE of the container's words,
#: missed the post: the container (of POST_MIN_WORDS at least) is taken instead.
POST_MISSED_MAX_WORDS = 200
POST_MISSED_KEPT_SHARE = 0.3
POST_MISSED_OWN_SHARE = 0.5
POST_MIN_WORDS = 5

#: A template the selection kept (see pipeline._keep_template): TEMPLATE_MIN_KEPT of its lines or more,
#: at least TEMPLATE_KEPT_SHARE of them and TEMPLATE_WORD_SHARE of the kept words; its other lines come
#: back unless they would add more than TEMPLATE_MAX_GROWTH times the kept words.
TEMPLATE_MIN_KEPT = 3
TEMPLATE_KEPT_SHARE = 0.2
TEMPLATE_WORD_SHARE = 0.1
TEMPLATE_MAX_GROWTH = 3.0

# --- HTML input -----------------------------------------------------------------------------------
#: A line with at least this share of its characters inside links counts as all link (a menu item).
ALL_LINK_SHARE = 0.9
#: A boiler-named container (``class="related"``) counts as near a line within this many levels up.
ATTR_NEAR_LEVELS = 3
#: DOM depths are divided by this to give features of the same scale as the others.
DEPTH_SCALE = 20.0
#: The log count of lines sharing a line's element shape is divided by this (about 1 at 50 repeats).
SHAPE_LOG_SCALE = 4.0
#: Pass 2 on HTML reads the mean first-pass score of the lines that share a block ancestor this many
#: block elements up (1: the parent, as paragraphs of one article body or items of one menu).
CONTAINER_LEVELS = (1, 2, 3, 4)
#: A form control (``<button>``, ``<select>``) holding at least this many characters of text is not
#: skipped: the parser has nested part of the page inside an unclosed one.
CONTROL_MAX_CHARS = 500
#: An element hidden by its style or class is read all the same when it holds at least this many
#: characters and this share of the page's text: an anti-flicker wrapper, shown once scripts run.
WRAPPER_MIN_CHARS = 1000
WRAPPER_MIN_SHARE = 0.5
#: At most this many subtree text measurements per page for the two checks above (each reads a subtree).
SKIP_CHECK_BUDGET = 64
#: Tree ensembles are evaluated this many rows at a time (memory: rows x trees x 8 bytes a step).
FOREST_ROWS = 2048
#: Pass 2 groups the lines by their ancestors' ids with a count per id value (no sort) while the ids
#: span at most this many values per line; wider (a page of many empty blocks), it sorts them.
GROUP_SPAN_PER_LINE = 8

# --- render -------------------------------------------------------------------------------------
#: A table is rendered as a markdown table (else its cells are paragraphs: a layout table) when it has
#: at least this many rows and columns, ...
TABLE_MIN_ROWS = 2
TABLE_MIN_COLS = 2
#: ... at least this many rows when it has no header cell (a small table without ``<th>`` lays out), ...
TABLE_MIN_ROWS_WITHOUT_HEADER = 3
#: ... and no kept cell holds more words than this (a cell holding an article is layout).
TABLE_MAX_CELL_WORDS = 80
