"""Class and id name fragments that say what an HTML container holds (data, not code).

Matched as substrings of an element's lower-cased ``class`` and ``id`` (``main-nav``, ``sidebarLeft``,
``related_posts``); fragments of two or three letters that occur inside ordinary words are listed in
:data:`BOILER_WORDS` and must stand as a whole token. Site builders write class names mostly in
English; the other languages we cover add their common words.
"""

from __future__ import annotations

#: Containers of navigation, promotion, sharing and site furniture.
BOILER_FRAGMENTS: tuple[str, ...] = (
    # English
    "navbar", "navigation", "nav-", "-nav", "_nav", "nav_", "menu", "footer", "sidebar", "side-bar", "widget",
    "related", "share", "sharing", "social", "breadcrumb", "crumbs", "promo", "teaser", "advert", "banner",
    "cookie", "consent", "gdpr", "newsletter", "subscribe", "signup", "sign-up", "popup", "modal", "overlay",
    "recommend", "trending", "popular", "most-read", "mostread", "tagcloud", "tag-list", "taglist", "pagination",
    "pager", "toolbar", "masthead", "topbar", "top-bar", "skip-link", "skiplink", "login", "account", "search",
    "outbrain", "taboola", "sponsor", "copyright", "disclaimer", "paywall", "byline-social", "more-stories",
    "read-more", "readmore", "also-read", "see-also", "author-bio", "jump-to", "offcanvas", "off-canvas",
    "dropdown", "mega-", "utility", "site-header", "page-header", "global-header", "site-footer", "legal",
    # other languages
    "werbung", "anzeige", "verwandt", "empfehl", "pied", "publicite", "publicidad", "relacionad", "rodape",
    "relacionado", "pubblicit", "correlat", "gerelateerd", "reklam", "reclame", "stopka", "powiazane",
    "похож", "реклам",
)  # fmt: skip
#: Short names that count only as a whole token of the attribute (``ad`` but not ``header``).
BOILER_WORDS: tuple[str, ...] = (
    "nav", "ad", "ads", "adv", "aside", "tags", "tag", "share", "meta", "header", "top", "bottom", "links",
    "extra", "more", "side", "rail", "right", "left", "sub", "aux", "tools",
)  # fmt: skip
#: Containers of an author box: the writer's portrait and biography beside or under the article
#: (WordPress, Genesis and Drupal themes and BEM-named components write them so, and the author-box
#: plugins: Simple Author Box's ``saboxplugin``, Fancier Author Box's ``ts-fab``, Starbox's ``abh_``,
#: Molongui's, PublishPress Authors').
AUTHOR_FRAGMENTS: tuple[str, ...] = (
    "author-box", "authorbox", "author_box", "author-bio", "author__bio", "author_bio", "authorbio", "author-info",
    "author__info", "author_info", "author-section", "about-author", "about-the-author", "author-card",
    "author__card", "author-details", "author-desc", "author_desc", "author-profile", "author-tooltip",
    "writer-bio", "saboxplugin", "ts-fab-", "abh_box", "molongui-author", "pp-author-boxes",
)  # fmt: skip
#: Containers of links to the site's other pages ("Related", "You might also like", "Read next",
#: "Most read"): their cards carry headlines and excerpts that score like the article's own text.
RELATED_FRAGMENTS: tuple[str, ...] = (
    "related", "recommend", "more-stories", "morestories", "also-read", "alsoread", "you-may", "youmay",
    "you-might", "read-next", "readnext", "up-next", "more-from", "morefrom", "more-articles", "morearticles",
    "further-read", "trending", "most-read", "mostread", "most-popular", "mostpopular", "popular-posts",
    "verwandt", "empfehl", "weitere-artikel", "relacionad", "correlat", "gerelateerd", "powiazane", "похож",
)  # fmt: skip
#: Containers of the customers' reviews of a product (the shop's own, or a review platform's widget:
#: Yotpo, Judge.me, Okendo, Stamped, Bazaarvoice, PowerReviews, Trustpilot, Feefo, Reevoo): boilerplate
#: on a shop's page (a product, a collection), whose content is what the shop says. Whole tokens only
#: (:data:`REVIEW_WORDS`): "preview" and "reviewer-card" name no such box.
REVIEW_FRAGMENTS: tuple[str, ...] = ("yotpo", "jdgm", "judgeme", "okendo", "bazaarvoice", "powerreviews", "trustpilot")
REVIEW_WORDS: tuple[str, ...] = (
    "review", "reviews", "stamped", "feefo", "reevoo", "bewertung", "bewertungen", "kundenbewertungen", "avis",
    "recensioni", "recensies", "reseñas", "resenas", "opinie", "отзывы",
)  # fmt: skip
#: Containers of user comments (content on a forum, boilerplate under most articles).
COMMENT_FRAGMENTS: tuple[str, ...] = (
    "comment", "disqus", "respond", "reply", "replies", "discussion", "kommentar", "commentaire", "comentario",
    "commento", "reactie", "komentarz", "коммент",
)  # fmt: skip
#: Containers of a cookie or consent dialog: the banner and its settings panel, by the names the
#: consent platforms most sites use write (OneTrust, Cookiebot, Didomi, Usercentrics, Quantcast,
#: Sourcepoint, TrustArc, Complianz, Iubenda, Borlabs, Osano) or a banner's plain compound names. Never
#: a page's content, however long its paragraphs of purposes and partners run. (A bare "cookie" or
#: "consent" is no such name: a cookie policy's own page may call its body so.)
CONSENT_FRAGMENTS: tuple[str, ...] = (
    "onetrust", "optanon", "ot-sdk", "didomi", "usercentrics", "qc-cmp", "sp_message", "truste-", "trustarc",
    "cmplz", "iubenda", "borlabs", "osano", "cmpbox", "cookiebot", "cookie-banner", "cookiebanner", "cookie-consent",
    "cookieconsent", "cookie-notice", "cookie-bar", "cookie-law", "cookielaw", "cookie-popup", "cookie-modal",
    "cookie-dialog", "consent-banner", "consent-manager", "consent-modal", "consent-dialog", "gdpr-banner",
    "gdpr-consent", "cc-window", "cc-banner",
)  # fmt: skip
#: Containers of the main text.
CONTENT_FRAGMENTS: tuple[str, ...] = (
    "article", "content", "entry", "post-body", "postbody", "post-content", "story", "main", "body", "text",
    "prose", "markdown", "rich-text", "richtext", "description", "document", "blog-post", "single",
    "artikel", "inhalt", "contenu", "contenido", "conteudo", "contenuto", "testo", "tekst", "tresc", "статья",
    "текст",
)  # fmt: skip
#: Whole class or id names of the one container a blog or news engine puts a post's body in
#: (WordPress themes and tagDiv's, Blogger, Ghost, Substack, Drupal's body field, Vox's Chorus, Shopify
#: blogs, BEM-named templates): the text a reader came for, without its sidebar, its comments or the
#: next post's teasers. A name must match as a whole.
POST_BODY_NAMES: frozenset[str] = frozenset(
    {"entry-content", "entry_content", "entrycontent", "entry__content", "entry-body", "entry-text", "post-body",
     "postbody", "post_body", "post__body", "post-content", "post_content", "postcontent", "post__content",
     "post-entry", "post-text", "article-body", "articlebody", "article_body", "article__body", "article-content",
     "article__content", "story-body", "story-content", "blog-post-body", "single-post-content", "gh-content",
     "post-full-content", "c-entry-content", "article-text", "article__text", "articletext", "story-text",
     "post__text", "blog-post-content", "field--name-body", "node__content", "available-content",
     "td-post-content", "article-body-content", "entry__body", "story__body", "story__content"}
)  # fmt: skip
#: Whole names of the container of a whole post (its headline, byline and body): asked where no
#: POST_BODY_NAMES container is.
POST_NAMES: frozenset[str] = frozenset({"hentry", "h-entry", "entry", "post", "type-post", "blog-post"})
#: Class names that hide an element from sighted readers (screen-reader text, collapsed widgets).
HIDDEN_CLASSES: frozenset[str] = frozenset(
    {"hidden", "hide", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "screenreader",
     "d-none", "is-hidden", "u-hidden", "a11y-hidden", "element-invisible", "offscreen"}
)  # fmt: skip
#: Class and id fragments of a collapsed panel that a reader opens in place (an accordion, an FAQ
#: answer, a "show more" expander): hidden until clicked, yet part of the page's content, so the walk
#: reads it although the page hides it. A tab's panel (``role="tabpanel"``) and an element labelled
#: by its trigger (``aria-labelledby``, as accordions and tabs are) count too.
DISCLOSURE_FRAGMENTS: tuple[str, ...] = (
    "accordion", "collaps", "expander", "faq", "answer", "disclos", "spoiler", "read-more", "readmore",
    "more-text", "moretext", "truncat",
)  # fmt: skip
#: Fragments that make a hidden element site furniture however it is opened (a menu, a dialog, a cart,
#: a carousel's cloned slide): never read, whatever else its names say.
UNDISCLOSED_FRAGMENTS: tuple[str, ...] = (
    "menu", "nav", "modal", "popup", "pop-up", "cookie", "consent", "dialog", "overlay", "search", "login",
    "signin", "newsletter", "subscribe", "cart", "mobile", "offcanvas", "off-canvas", "flyout", "dropdown",
    "mega", "cloned",
)  # fmt: skip
#: ARIA roles of hidden furniture (a hidden element with one of them is never a collapsed panel).
UNDISCLOSED_ROLES: frozenset[str] = frozenset({"dialog", "alertdialog", "menu", "menubar", "navigation"})
