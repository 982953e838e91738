/* boilerstrip._walk: the DOM walk of boilerstrip.html (html._walk, text output) in compiled code.
 *
 * walk(root, skip, split, attr_flags, hiding, shapes, own, tables) -> (texts, columns..., own)
 *
 * The same walk as html._walk without a structure recorder, over libxml2's nodes under the lxml
 * element `root` instead of one Python frame per element: the contexts each open element passes to
 * its text, the subtrees left out, the text gathered into lines and each line's row of html._Lines.
 * What needs Python stays there and is called back, in the order the Python walk calls it:
 *   skip(element, tag) -> bool   html._Skipper, only for the elements it could leave out (`skipped`);
 *   split(line) -> [str]         segment.split_long_line, for a line longer than the long-line limit;
 *   attr_flags(classes, ident) -> int, hiding(classes) -> bool   html's cached class readers.
 * `shapes` is the walk's dict of shape ids (the title's is in it) and `own` the next id of a line
 * without an ancestor that far up; tables = (tag_flags, role_flags, kind_codes, skip_tags,
 * controls, block_tags, unnamed, PRE, BOILER, keep_levels, container_levels, long_line_chars,
 * name_masks: the flags a tag's class and id names may not give, hidden_classes: the class names
 * that hide, so that hiding() is asked only about a class attribute holding one):
 * html's tables, so that they live in one place. Returned: the lines' texts, then their flags,
 * boiler depths, depths, characters, kind codes, link shares, shape ids and container ids as the
 * bytes of html._Lines's arrays, then the next `own`.
 *
 * text_chars(element) -> int: sum(len(t.strip()) for t in element.itertext(with_tail=False)).
 *
 * Nodes the Python walk would meet and this one does not handle (a comment, a processing
 * instruction, an entity reference, a namespaced element, an attribute with entity references)
 * raise Unsupported: the caller then walks in Python, so the output is the same either way.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>
#include <libxml/tree.h>
#include "lxml-version.h"
#include "lxml.etree_api.h"

#define MAX_KEEP 16
#define MAX_LEVELS 16
#define TAG_SLOTS 512
#define MAX_HIDDEN 64 /* class names that hide, at most (html has 13) */ /* the tag names of a walk, by libxml2's interned name (a power of two) */

static PyObject *Unsupported;
static PyTypeObject *Element;  /* lxml.etree._Element */

typedef struct {
    long flags;
    long boiler_depth;
    long kind;  /* the code of the innermost block element's kind */
    PyObject *shape; /* owned */
    int link;
    int block;
    int nblocks;
    long blocks[MAX_KEEP + 1];
} Ctx;

/* A growing column of fixed-size values. */
typedef struct {
    char *data;
    size_t size, capacity;
} Column;

static int
put(Column *c, const void *value, size_t size)
{
    if (c->size + size > c->capacity) {
        size_t capacity = c->capacity ? 2 * c->capacity : 4096;
        while (capacity < c->size + size)
            capacity *= 2;
        char *grown = PyMem_Realloc(c->data, capacity);
        if (grown == NULL)
            return (PyErr_NoMemory(), -1);
        c->data = grown;
        c->capacity = capacity;
    }
    memcpy(c->data + c->size, value, size);
    c->size += size;
    return 0;
}

/* html._Lines's arrays: flags, boiler_depth, depth, chars, kind, link_share, shape, containers. */
enum { FLAGS, BOILER_DEPTH, DEPTH, CHARS, KIND, LINK_SHARE, SHAPE, CONTAINERS, NCOLUMNS };

typedef struct {
    /* html's tables */
    PyObject *tag_flags, *role_flags, *kind_codes, *skip_tags, *controls, *block_tags, *unnamed;
    PyObject *name_masks; /* tag -> the flags its class and id names may not give (the page's own names) */
    /* the class names that hide (html's HIDDEN_CLASSES), ASCII, for the test before html._hiding_classes */
    const char *hidden[MAX_HIDDEN];
    Py_ssize_t hidden_len[MAX_HIDDEN];
    int nhidden, ask_hiding; /* ask_hiding: the names could not be read here, so every class is asked about */
    long pre, boiler;
    int keep, nlevels;
    long levels[MAX_LEVELS];
    Py_ssize_t long_line;
    PyObject *skip, *split, *attr_flags, *hiding;
    struct LxmlDocument *doc;
    /* tag names as str, lower-cased, by the address of libxml2's name */
    const xmlChar *tag_keys[TAG_SLOTS];
    PyObject *tag_values[TAG_SLOTS];
    int tags;
    /* the lines so far */
    PyObject *texts, *shapes;
    long own;
    Column columns[NCOLUMNS];
    /* the open elements */
    Ctx *stack;
    Py_ssize_t depth, capacity;
    long block_id, links;
    /* the line being gathered */
    PyObject *parts;
    Py_ssize_t chars, link_chars;
    int started;
    Ctx start;
    Py_ssize_t start_depth;
} Walk;

static PyObject *
unsupported(const char *what)
{
    PyErr_SetString(Unsupported, what);
    return NULL;
}

/* An attribute's value (NULL when absent, "" when it has no value), as the bytes libxml2 holds. */
static const xmlChar *
attribute(xmlNode *node, const char *name, int *bad)
{
    for (xmlAttr *a = node->properties; a != NULL; a = a->next) {
        if (a->ns != NULL || strcmp((const char *)a->name, name) != 0)
            continue;
        xmlNode *value = a->children;
        if (value == NULL)
            return (const xmlChar *)"";
        if (value->next != NULL || (value->type != XML_TEXT_NODE && value->type != XML_CDATA_SECTION_NODE)) {
            *bad = 1;  /* entity references in a value: lxml joins them; leave it to Python */
            return NULL;
        }
        return value->content != NULL ? value->content : (const xmlChar *)"";
    }
    return NULL;
}

/* The attributes the walk reads, found in one pass (NULL when absent). */
typedef struct {
    const xmlChar *class_, *id, *role, *href, *style, *hidden, *aria_hidden;
} Attrs;

static int
read_attributes(xmlNode *node, Attrs *a)
{
    memset(a, 0, sizeof(*a));
    for (xmlAttr *p = node->properties; p != NULL; p = p->next) {
        if (p->ns != NULL)
            continue;
        const char *name = (const char *)p->name;
        const xmlChar **slot = NULL;
        switch (name[0]) {
        case 'c': slot = strcmp(name, "class") == 0 ? &a->class_ : NULL; break;
        case 'i': slot = strcmp(name, "id") == 0 ? &a->id : NULL; break;
        case 'r': slot = strcmp(name, "role") == 0 ? &a->role : NULL; break;
        case 's': slot = strcmp(name, "style") == 0 ? &a->style : NULL; break;
        case 'h':
            slot = strcmp(name, "href") == 0 ? &a->href : strcmp(name, "hidden") == 0 ? &a->hidden : NULL;
            break;
        case 'a': slot = strcmp(name, "aria-hidden") == 0 ? &a->aria_hidden : NULL; break;
        }
        if (slot == NULL || *slot != NULL)
            continue;  /* (the first of a repeated attribute counts, as in lxml) */
        int bad = 0;
        *slot = attribute(node, name, &bad);
        if (bad)
            return (unsupported("an attribute value with entity references"), -1);
    }
    return 0;
}

static PyObject *
text_of(const xmlChar *s)
{
    return PyUnicode_DecodeUTF8((const char *)s, (Py_ssize_t)strlen((const char *)s), NULL);
}

static PyObject *Space; /* " " */

static int
ascii_space(const xmlChar *s)
{
    for (; *s; s++) {
        if (!(*s == ' ' || (*s >= '\t' && *s <= '\r') || (*s >= 0x1c && *s <= 0x1f)))
            return 0;
    }
    return 1;
}

/* lxml's text of a node run (element.text from the first child, element.tail from the next
 * sibling): the adjacent text and CDATA nodes joined; NULL without an error when there is none.
 * With `collapse`, a run of nothing but white space is " ": outside a <pre> a line's white space
 * is collapsed to one space, so this changes no line, and most runs between tags are such. */
static PyObject *
collect_text(xmlNode *node, int collapse)
{
    size_t total = 0;
    int space = collapse;
    xmlNode *first = NULL;
    for (xmlNode *n = node; n != NULL; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (first == NULL)
                first = n;
            if (n->content != NULL) {
                total += strlen((const char *)n->content);
                space = space && ascii_space(n->content);
            }
        }
        else if (n->type != XML_XINCLUDE_START && n->type != XML_XINCLUDE_END)
            break;
    }
    if (total == 0)
        return NULL;
    if (space) {
        Py_INCREF(Space);
        return Space;
    }
    char *buffer = PyMem_Malloc(total + 1);
    if (buffer == NULL)
        return PyErr_NoMemory();
    size_t at = 0;
    for (xmlNode *n = first; n != NULL; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content != NULL) {
                size_t k = strlen((const char *)n->content);
                memcpy(buffer + at, n->content, k);
                at += k;
            }
        }
        else if (n->type != XML_XINCLUDE_START && n->type != XML_XINCLUDE_END)
            break;
    }
    PyObject *text = PyUnicode_DecodeUTF8(buffer, (Py_ssize_t)total, NULL);
    PyMem_Free(buffer);
    return text;
}

/* Where text.strip() would start and end: [*lo, *hi). */
static void
strip_bounds(PyObject *text, Py_ssize_t *lo, Py_ssize_t *hi)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    *lo = 0;
    *hi = PyUnicode_GET_LENGTH(text);
    while (*lo < *hi && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, *lo)))
        (*lo)++;
    while (*hi > *lo && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, *hi - 1)))
        (*hi)--;
}

/* len(text.strip()) */
static Py_ssize_t
stripped_length(PyObject *text)
{
    Py_ssize_t lo, hi;
    strip_bounds(text, &lo, &hi);
    return hi - lo;
}

static int
is_invisible(Py_UCS4 ch)
{
    /* segment's invisible characters and joiners: a line of nothing else is blank */
    return ch == 0xad || ch == 0x200b || ch == 0x2060 || ch == 0xfeff || ch == 0x200c || ch == 0x200d;
}

/* The line of a gathered text: text.rstrip() in a <pre>, else " ".join(text.split()). */
static PyObject *
normalise(PyObject *text, int pre)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    if (pre) {
        Py_ssize_t hi = n;
        while (hi > 0 && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, hi - 1)))
            hi--;
        return PyUnicode_Substring(text, 0, hi);
    }
    char *buffer = PyMem_Malloc((size_t)(n ? n : 1) * (size_t)kind);
    if (buffer == NULL)
        return PyErr_NoMemory();
    Py_ssize_t m = 0;
    int space = 0;
    for (Py_ssize_t j = 0; j < n; j++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, j);
        if (Py_UNICODE_ISSPACE(ch)) {
            space = m > 0;
            continue;
        }
        if (space) {
            PyUnicode_WRITE(kind, buffer, m, ' ');
            m++;
            space = 0;
        }
        PyUnicode_WRITE(kind, buffer, m, ch);
        m++;
    }
    PyObject *line = PyUnicode_FromKindAndData(kind, buffer, m);
    PyMem_Free(buffer);
    return line;
}

static int
has_text(PyObject *line)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(line);
    int kind = PyUnicode_KIND(line);
    const void *data = PyUnicode_DATA(line);
    for (Py_ssize_t j = 0; j < n; j++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, j);
        if (!Py_UNICODE_ISSPACE(ch) && !is_invisible(ch))
            return 1;
    }
    return 0;
}

/* _Lines.add: one line and its row. */
static int
add_line(Walk *w, PyObject *text, const Ctx *c, Py_ssize_t depth, double share, Py_ssize_t chars,
         const long *ancestors)
{
    if (PyList_Append(w->texts, text) < 0)
        return -1;
    PyObject *next = PyLong_FromSsize_t(PyDict_GET_SIZE(w->shapes));
    if (next == NULL)
        return -1;
    PyObject *id = PyDict_SetDefault(w->shapes, c->shape, next);
    Py_DECREF(next);
    if (id == NULL)
        return -1;
    int64_t shape = PyLong_AsLongLong(id), flags = c->flags, boiler_depth = c->boiler_depth, at = depth,
            count = chars;
    int8_t kind = (int8_t)c->kind;
    if (shape == -1 && PyErr_Occurred())
        return -1;
    if (put(&w->columns[FLAGS], &flags, 8) < 0 || put(&w->columns[BOILER_DEPTH], &boiler_depth, 8) < 0 ||
        put(&w->columns[DEPTH], &at, 8) < 0 || put(&w->columns[CHARS], &count, 8) < 0 ||
        put(&w->columns[KIND], &kind, 1) < 0 || put(&w->columns[LINK_SHARE], &share, 8) < 0 ||
        put(&w->columns[SHAPE], &shape, 8) < 0)
        return -1;
    for (int i = 0; i < w->nlevels; i++) {
        int64_t ancestor = ancestors[i];
        if (put(&w->columns[CONTAINERS], &ancestor, 8) < 0)
            return -1;
    }
    return 0;
}

/* _Walker.line: a gathered text becomes a line (none when blank; pieces when over-long). */
static int
finish(Walk *w, PyObject *joined)
{
    Ctx *c = &w->start;
    PyObject *line = normalise(joined, (c->flags & w->pre) != 0);
    if (line == NULL)
        return -1;
    int failed = 0;
    if (has_text(line)) {
        double share = (double)w->link_chars / (double)(w->chars > 1 ? w->chars : 1);
        long ancestors[MAX_LEVELS];
        for (int i = 0; i < w->nlevels; i++)
            ancestors[i] = w->levels[i] < c->nblocks ? c->blocks[w->levels[i]] : w->own--;
        if (PyUnicode_GET_LENGTH(line) > w->long_line) {
            PyObject *pieces = PyObject_CallOneArg(w->split, line);
            PyObject *fast = pieces ? PySequence_Fast(pieces, "split() gives a list") : NULL;
            failed = fast == NULL;
            for (Py_ssize_t i = 0; !failed && i < PySequence_Fast_GET_SIZE(fast); i++) {
                PyObject *piece = PySequence_Fast_GET_ITEM(fast, i);
                failed = !PyUnicode_Check(piece) ||
                         add_line(w, piece, c, w->start_depth, share, stripped_length(piece), ancestors) < 0;
            }
            Py_XDECREF(fast);
            Py_XDECREF(pieces);
        }
        else
            failed = add_line(w, line, c, w->start_depth, share, w->chars, ancestors) < 0;
    }
    Py_DECREF(line);
    return failed ? -1 : 0;
}

static int
flush(Walk *w)
{
    if (!w->started) {
        if (PyList_GET_SIZE(w->parts))
            return PyList_SetSlice(w->parts, 0, PY_SSIZE_T_MAX, NULL);
        return 0;
    }
    PyObject *empty = PyUnicode_New(0, 0);
    PyObject *joined = empty ? PyUnicode_Join(empty, w->parts) : NULL;
    Py_XDECREF(empty);
    int failed = joined == NULL || finish(w, joined) < 0;
    Py_XDECREF(joined);
    Py_CLEAR(w->start.shape);
    w->started = 0;
    w->chars = w->link_chars = 0;
    if (failed)
        return -1;
    return PyList_SetSlice(w->parts, 0, PY_SSIZE_T_MAX, NULL);
}

/* One piece of text (no line break in it when its context is preformatted). */
static int
add_piece(Walk *w, PyObject *text, const Ctx *c, Py_ssize_t depth)
{
    if (PyList_Append(w->parts, text) < 0)
        return -1;
    Py_ssize_t size = stripped_length(text);
    if (size) {
        w->chars += size;
        if (w->links > 0)
            w->link_chars += size;
        if (!w->started) {
            w->start = *c;
            Py_INCREF(c->shape);
            w->start_depth = depth;
            w->started = 1;
        }
    }
    return 0;
}

static int
is_line_break(Py_UCS4 ch)
{
    return ch == '\n' || ch == '\r' || ch == 0x0b || ch == 0x0c || ch == 0x1c || ch == 0x1d || ch == 0x1e ||
           ch == 0x85 || ch == 0x2028 || ch == 0x2029;
}

/* _Walker.add: in a <pre>, each line break ends the line. */
static int
add(Walk *w, PyObject *text, Ctx *c, Py_ssize_t depth)
{
    if (!(c->flags & w->pre))
        return add_piece(w, text, c, depth);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), from = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t j = 0; j < n; j++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, j);
        if (!is_line_break(ch))
            continue;
        PyObject *piece = PyUnicode_Substring(text, from, j);
        if (piece == NULL)
            return -1;
        int failed = add_piece(w, piece, c, depth) < 0 || flush(w) < 0;
        Py_DECREF(piece);
        if (failed)
            return -1;
        if (ch == '\r' && j + 1 < n && PyUnicode_READ(kind, data, j + 1) == '\n')
            j++;
        from = j + 1;
    }
    if (from == 0)
        return add_piece(w, text, c, depth);
    PyObject *piece = PyUnicode_Substring(text, from, n);
    if (piece == NULL)
        return -1;
    int failed = add_piece(w, piece, c, depth);
    Py_DECREF(piece);
    return failed;
}

/* The text run starting at `node` (a text or a tail), added in context `c`. */
static int
add_run(Walk *w, xmlNode *node, Ctx *c, Py_ssize_t depth)
{
    PyObject *text = collect_text(node, !(c->flags & w->pre));
    if (text == NULL)
        return PyErr_Occurred() ? -1 : 0;
    int failed = add(w, text, c, depth);
    Py_DECREF(text);
    return failed;
}

static int
contains(PyObject *set, PyObject *key)
{
    return PySet_Contains(set, key);
}

/* ASCII case-insensitive search (a prefilter: Python decides). */
static int
has_word(const xmlChar *s, const char *word)
{
    size_t k = strlen(word);
    for (const xmlChar *p = s; *p; p++) {
        size_t i = 0;
        while (i < k && p[i] && (p[i] | 0x20) == (unsigned char)word[i])
            i++;
        if (i == k)
            return 1;
    }
    return 0;
}

/* The class names that hide, as ASCII strings (the set outlives the walk, which holds them only
 * while it runs); a name that is not ASCII, or too many, and every class attribute is asked about. */
static int
read_hidden(Walk *w, PyObject *hidden)
{
    PyObject *iterator = PyObject_GetIter(hidden), *name;
    if (iterator == NULL)
        return -1;
    while ((name = PyIter_Next(iterator)) != NULL) {
        Py_ssize_t len;
        const char *utf8 = PyUnicode_Check(name) ? PyUnicode_AsUTF8AndSize(name, &len) : NULL;
        if (utf8 == NULL || !PyUnicode_IS_ASCII(name) || w->nhidden == MAX_HIDDEN)
            w->ask_hiding = 1;
        else {
            w->hidden[w->nhidden] = utf8;
            w->hidden_len[w->nhidden++] = len;
        }
        Py_DECREF(name);
        PyErr_Clear();
    }
    Py_DECREF(iterator);
    return PyErr_Occurred() ? -1 : 0;
}

/* Whether html._hiding_classes could say that `classes` hides its element: one of its names (split
 * as str.split() splits) lower-cased is a name that hides, or a name is not ASCII (its lower case is
 * Python's to work out). 0: surely not, and the cached Python test need not be asked. */
static int
maybe_hiding(const Walk *w, PyObject *classes)
{
    if (w->ask_hiding)
        return 1;
    int kind = PyUnicode_KIND(classes);
    const void *data = PyUnicode_DATA(classes);
    Py_ssize_t n = PyUnicode_GET_LENGTH(classes), i = 0;
    while (i < n) {
        while (i < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)))
            i++;
        Py_ssize_t start = i;
        while (i < n) {
            Py_UCS4 ch = PyUnicode_READ(kind, data, i);
            if (Py_UNICODE_ISSPACE(ch))
                break;
            if (ch >= 128)
                return 1;
            i++;
        }
        for (int k = 0; k < w->nhidden; k++) {
            if (w->hidden_len[k] != i - start)
                continue;
            Py_ssize_t j = 0;
            while (j < i - start) {
                Py_UCS4 ch = PyUnicode_READ(kind, data, start + j);
                if ((ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch) != (Py_UCS4)(unsigned char)w->hidden[k][j])
                    break;
                j++;
            }
            if (j == i - start)
                return 1;
        }
    }
    return 0;
}

/* html._is_mark(element.text) for the element `node`: its text, stripped, is one or two characters
 * and none is a word character (re's \w: alphanumeric or "_"), as a heading's permalink mark
 * ("¶", "#"); 1 when it is, 0 when not, -1 on an error. */
static int
text_is_mark(xmlNode *node)
{
    PyObject *text = collect_text(node->children, 0);
    if (text == NULL)
        return PyErr_Occurred() ? -1 : 0;
    Py_ssize_t lo, hi;
    strip_bounds(text, &lo, &hi);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    int mark = hi > lo && hi - lo <= 2;
    for (Py_ssize_t j = lo; mark && j < hi; j++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, j);
        mark = !(Py_UNICODE_ISALNUM(ch) || ch == '_');
    }
    Py_DECREF(text);
    return mark;
}

/* Whether html._Skipper would leave the element out: decided here where it surely would not
 * (no attribute that hides) or surely would (a script), else asked of the skipper. An in-page
 * link (href="#...") is asked about only when its text is a permalink mark or something else
 * may hide it: the skipper keeps every other one. */
static int
skipped(Walk *w, xmlNode *node, PyObject *tag, const Attrs *a, PyObject *classes)
{
    int in_skip = contains(w->skip_tags, tag);
    if (in_skip < 0)
        return -1;
    int ask = 0;
    if (in_skip) {
        int control = contains(w->controls, tag);
        if (control < 0)
            return -1;
        if (!control)
            return 1;
        ask = 1;
    }
    else if (node->properties == NULL)
        return 0;
    else {
        int anchor = a->href != NULL && a->href[0] == '#' && PyUnicode_CompareWithASCIIString(tag, "a") == 0;
        int aria = a->aria_hidden != NULL && strcmp((const char *)a->aria_hidden, "true") == 0;
        int mark = anchor ? text_is_mark(node) : 0;
        if (mark < 0)
            return -1;
        if (mark || a->hidden != NULL || aria)
            ask = 1;
        else if (a->style != NULL && (has_word(a->style, "none") || has_word(a->style, "hidden")))
            ask = 1;
        else if (PyUnicode_GET_LENGTH(classes) && maybe_hiding(w, classes)) {
            PyObject *hides = PyObject_CallOneArg(w->hiding, classes);
            if (hides == NULL)
                return -1;
            ask = PyObject_IsTrue(hides);
            Py_DECREF(hides);
            if (ask < 0)
                return -1;
        }
    }
    if (!ask)
        return 0;
    PyObject *element = (PyObject *)elementFactory(w->doc, node);
    if (element == NULL)
        return -1;
    PyObject *result = PyObject_CallFunctionObjArgs(w->skip, element, tag, NULL);
    Py_DECREF(element);
    if (result == NULL)
        return -1;
    int yes = PyObject_IsTrue(result);
    Py_DECREF(result);
    return yes;
}

/* An attribute's value as a str, "" when absent. */
static PyObject *
attribute_str(const xmlChar *value)
{
    return text_of(value != NULL ? value : (const xmlChar *)"");
}

static PyObject *element_name(xmlNode *node);

/* The element's tag, lower-cased (a new reference). libxml2 interns a document's names, so one
 * address is one name: each is decoded once a walk. */
static PyObject *
element_tag(Walk *w, xmlNode *node)
{
    size_t slot = ((uintptr_t)node->name >> 3) & (TAG_SLOTS - 1);
    while (w->tag_keys[slot] != NULL) {
        if (w->tag_keys[slot] == node->name && node->ns == NULL) {
            Py_INCREF(w->tag_values[slot]);
            return w->tag_values[slot];
        }
        slot = (slot + 1) & (TAG_SLOTS - 1);
    }
    PyObject *tag = element_name(node);
    if (tag != NULL && w->tags < TAG_SLOTS / 2) {
        w->tag_keys[slot] = node->name;
        w->tag_values[slot] = tag;
        Py_INCREF(tag);
        w->tags++;
    }
    return tag;
}

static PyObject *
element_name(xmlNode *node)
{
    if (node->ns != NULL)
        return unsupported("a namespaced element");
    PyObject *name = text_of(node->name);
    if (name == NULL)
        return NULL;
    int lower = PyUnicode_IS_ASCII(name);
    for (Py_ssize_t j = 0; lower && j < PyUnicode_GET_LENGTH(name); j++) {
        Py_UCS1 ch = PyUnicode_1BYTE_DATA(name)[j];
        lower = !(ch >= 'A' && ch <= 'Z');
    }
    if (lower)
        return name;
    PyObject *low = PyObject_CallMethod(name, "lower", NULL);
    Py_DECREF(name);
    return low;
}

/* "/".join((*shape.split("/")[-2:], tag + "." + classes)) */
static PyObject *
next_shape(PyObject *shape, PyObject *tag, PyObject *classes)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(shape), cut = 0, seen = 0;
    for (Py_ssize_t j = n - 1; j >= 0; j--) {
        if (PyUnicode_READ_CHAR(shape, j) == '/' && ++seen == 2) {
            cut = j + 1;
            break;
        }
    }
    PyObject *tail = PyUnicode_Substring(shape, cut, n);
    if (tail == NULL)
        return NULL;
    PyObject *result = PyUnicode_FromFormat("%U/%U.%U", tail, tag, classes);
    Py_DECREF(tail);
    return result;
}

static int
push(Walk *w)
{
    if (w->depth == w->capacity) {
        Py_ssize_t capacity = w->capacity * 2;
        Ctx *grown = PyMem_Realloc(w->stack, (size_t)capacity * sizeof(Ctx));
        if (grown == NULL)
            return (PyErr_NoMemory(), -1);
        w->stack = grown;
        w->capacity = capacity;
    }
    w->depth++;
    return 0;
}

/* The start of an element: 1 when it is walked into, 0 when skipped, -1 on an error. */
static int
start(Walk *w, xmlNode *node)
{
    PyObject *tag = element_tag(w, node), *classes = NULL, *ident = NULL, *role = NULL;
    int result = -1;
    Attrs a;
    if (tag == NULL)
        return -1;
    if (read_attributes(node, &a) < 0)
        goto done;
    classes = attribute_str(a.class_);
    if (classes == NULL)
        goto done;
    int skip = skipped(w, node, tag, &a, classes);
    if (skip != 0) {
        result = skip < 0 ? -1 : 0;
        goto done;
    }
    Ctx *parent = &w->stack[w->depth - 1];
    Py_ssize_t depth = w->depth;
    long own = 0;
    PyObject *value = PyDict_GetItemWithError(w->tag_flags, tag);
    if (value != NULL)
        own = PyLong_AsLong(value);
    else if (PyErr_Occurred())
        goto done;
    if (a.role != NULL && a.role[0]) {
        role = attribute_str(a.role);
        if (role == NULL)
            goto done;
        PyObject *low = PyObject_CallMethod(role, "lower", NULL);
        if (low == NULL)
            goto done;
        value = PyDict_GetItemWithError(w->role_flags, low);
        Py_DECREF(low);
        if (value != NULL)
            own |= PyLong_AsLong(value);
        else if (PyErr_Occurred())
            goto done;
    }
    long boiler_depth = parent->boiler_depth;
    int unnamed = contains(w->unnamed, tag);
    if (unnamed < 0)
        goto done;
    if (unnamed)
        ident = PyUnicode_New(0, 0);
    else
        ident = attribute_str(a.id);
    if (ident == NULL)
        goto done;
    if (PyUnicode_GET_LENGTH(ident) || (PyUnicode_GET_LENGTH(classes) && !unnamed)) {
        PyObject *flags = PyObject_CallFunctionObjArgs(w->attr_flags, classes, ident, NULL);
        if (flags == NULL)
            goto done;
        long named = PyLong_AsLong(flags);
        Py_DECREF(flags);
        if (PyErr_Occurred())
            goto done;
        PyObject *mask = PyDict_GetItemWithError(w->name_masks, tag);
        if (mask == NULL && PyErr_Occurred())
            goto done;
        if (mask != NULL) {
            named &= ~PyLong_AsLong(mask);
            if (PyErr_Occurred())
                goto done;
        }
        own |= named;
        if (own & w->boiler)
            boiler_depth = depth;
    }
    int block = contains(w->block_tags, tag);
    if (block < 0)
        goto done;
    Ctx ctx;
    ctx.flags = parent->flags | own;
    ctx.boiler_depth = boiler_depth;
    ctx.kind = parent->kind;
    ctx.nblocks = parent->nblocks;
    memcpy(ctx.blocks, parent->blocks, sizeof(ctx.blocks));
    if (block) {
        if (flush(w) < 0)
            goto done;
        parent = &w->stack[w->depth - 1];  /* (flush calls Python, which cannot touch the stack) */
        value = PyDict_GetItemWithError(w->kind_codes, tag);
        if (value == NULL && PyErr_Occurred())
            goto done;
        ctx.kind = value != NULL ? PyLong_AsLong(value) : 0;  /* 0: "other" */
        ctx.shape = next_shape(parent->shape, tag, classes);
        if (ctx.shape == NULL)
            goto done;
        w->block_id++;
        int keep = parent->nblocks < w->keep ? parent->nblocks : w->keep;
        ctx.blocks[0] = w->block_id;
        memcpy(ctx.blocks + 1, parent->blocks, (size_t)keep * sizeof(long));
        ctx.nblocks = keep + 1;
    }
    else {
        ctx.shape = parent->shape;
        Py_INCREF(ctx.shape);
    }
    ctx.block = block;
    ctx.link = 0;
    if (PyUnicode_CompareWithASCIIString(tag, "a") == 0)
        ctx.link = !(a.href == NULL || a.href[0] == '\0' || a.href[0] == '#');
    w->links += ctx.link;
    if (push(w) < 0) {
        Py_DECREF(ctx.shape);
        goto done;
    }
    w->stack[w->depth - 1] = ctx;
    result = add_run(w, node->children, &w->stack[w->depth - 1], depth) < 0 ? -1 : 1;
done:
    Py_XDECREF(tag);
    Py_XDECREF(classes);
    Py_XDECREF(ident);
    Py_XDECREF(role);
    return result;
}

/* The end of a walked element: its context closes, then its tail is read. */
static int
end(Walk *w, xmlNode *node)
{
    Ctx closed = w->stack[--w->depth];
    w->links -= closed.link;
    int failed = closed.block && flush(w) < 0;
    Py_DECREF(closed.shape);
    if (failed)
        return -1;
    return add_run(w, node->next, &w->stack[w->depth - 1], w->depth - 1);
}

/* The next node the walk visits among `node` and its following siblings: an element, or NULL. */
static int
next_element(xmlNode *node, xmlNode **out)
{
    for (; node != NULL; node = node->next) {
        if (node->type == XML_ELEMENT_NODE) {
            *out = node;
            return 0;
        }
        if (node->type == XML_COMMENT_NODE || node->type == XML_PI_NODE || node->type == XML_ENTITY_REF_NODE)
            return (unsupported("a comment, processing instruction or entity reference"), -1);
    }
    *out = NULL;
    return 0;
}

static int
run(Walk *w, xmlNode *root)
{
    xmlNode *node = root;
    for (;;) {
        int entered = start(w, node);
        if (entered < 0)
            return -1;
        xmlNode *child = NULL;
        if (entered && next_element(node->children, &child) < 0)
            return -1;
        if (child != NULL) {
            node = child;
            continue;
        }
        /* climb: close `node` and every ancestor without a next element */
        for (;;) {
            if (entered) {
                if (end(w, node) < 0)
                    return -1;
            }
            else if (w->depth && add_run(w, node->next, &w->stack[w->depth - 1], w->depth - 1) < 0)
                return -1;
            if (node == root)
                return 0;
            xmlNode *sibling = NULL;
            if (next_element(node->next, &sibling) < 0)
                return -1;
            if (sibling != NULL) {
                node = sibling;
                break;
            }
            node = node->parent;
            entered = 1;
        }
    }
}

static void
release(Walk *w)
{
    while (w->depth > 0)
        Py_DECREF(w->stack[--w->depth].shape);
    Py_CLEAR(w->start.shape);
    PyMem_Free(w->stack);
    Py_XDECREF(w->parts);
    Py_XDECREF(w->texts);
    for (int i = 0; i < NCOLUMNS; i++)
        PyMem_Free(w->columns[i].data);
    for (int i = 0; i < TAG_SLOTS; i++)
        Py_XDECREF(w->tag_values[i]);
}

static PyObject *
walk(PyObject *self, PyObject *args)
{
    PyObject *root, *tables, *levels;
    Walk w;
    memset(&w, 0, sizeof(w));
    if (!PyArg_ParseTuple(args, "OOOOOO!lO!", &root, &w.skip, &w.split, &w.attr_flags, &w.hiding, &PyDict_Type,
                          &w.shapes, &w.own, &PyTuple_Type, &tables))
        return NULL;
    PyObject *hidden;
    if (!PyArg_ParseTuple(tables, "O!O!O!O!O!O!O!lliO!nO!O!", &PyDict_Type, &w.tag_flags, &PyDict_Type, &w.role_flags,
                          &PyDict_Type, &w.kind_codes, &PyFrozenSet_Type, &w.skip_tags, &PyFrozenSet_Type,
                          &w.controls, &PyFrozenSet_Type, &w.block_tags, &PyFrozenSet_Type, &w.unnamed, &w.pre,
                          &w.boiler, &w.keep, &PyTuple_Type, &levels, &w.long_line, &PyDict_Type, &w.name_masks,
                          &PyFrozenSet_Type, &hidden))
        return NULL;
    if (read_hidden(&w, hidden) < 0)
        return NULL;
    w.nlevels = (int)PyTuple_GET_SIZE(levels);
    if (w.keep < 0 || w.keep > MAX_KEEP || w.nlevels > MAX_LEVELS)
        return unsupported("too many container levels");
    for (int i = 0; i < w.nlevels; i++) {
        w.levels[i] = PyLong_AsLong(PyTuple_GET_ITEM(levels, i));
        if (w.levels[i] == -1 && PyErr_Occurred())
            return NULL;
    }
    if (!PyObject_TypeCheck(root, Element))
        return PyErr_Format(PyExc_TypeError, "walk() takes an lxml element, not %T", root);
    struct LxmlElement *element = (struct LxmlElement *)root;
    if (element->_c_node == NULL || element->_c_node->type != XML_ELEMENT_NODE)
        return unsupported("an element without a node");
    w.doc = element->_doc;
    w.capacity = 256;
    w.stack = PyMem_Malloc((size_t)w.capacity * sizeof(Ctx));
    w.parts = PyList_New(0);
    w.texts = PyList_New(0);
    PyObject *shape = PyUnicode_New(0, 0);
    if (w.stack == NULL || w.parts == NULL || w.texts == NULL || shape == NULL) {
        Py_XDECREF(shape);
        release(&w);
        return PyErr_Occurred() ? NULL : PyErr_NoMemory();
    }
    Ctx *base = &w.stack[0];
    memset(base, 0, sizeof(Ctx));
    base->boiler_depth = -1;
    base->shape = shape;
    w.depth = 1;
    PyObject *result = NULL;
    if (run(&w, element->_c_node) == 0 && flush(&w) == 0) {
        result = PyTuple_New(2 + NCOLUMNS);
        for (int i = 0; result != NULL && i < NCOLUMNS; i++) {
            PyObject *bytes = PyBytes_FromStringAndSize(w.columns[i].data, (Py_ssize_t)w.columns[i].size);
            if (bytes == NULL)
                Py_CLEAR(result);
            else
                PyTuple_SET_ITEM(result, 1 + i, bytes);
        }
        PyObject *own = result != NULL ? PyLong_FromLong(w.own) : NULL;
        if (own == NULL)
            Py_CLEAR(result);
        else {
            PyTuple_SET_ITEM(result, 0, w.texts);
            w.texts = NULL;
            PyTuple_SET_ITEM(result, 1 + NCOLUMNS, own);
        }
    }
    release(&w);
    return result;
}

/* sum(len(t.strip()) for t in element.itertext(with_tail=False)): the text of every element of the
 * subtree (no tails: itertext leaves them out without its tail flag), read by html._Skipper. */
static PyObject *
text_chars(PyObject *self, PyObject *root)
{
    if (!PyObject_TypeCheck(root, Element))
        return PyErr_Format(PyExc_TypeError, "text_chars() takes an lxml element, not %T", root);
    xmlNode *top = ((struct LxmlElement *)root)->_c_node, *node = top;
    Py_ssize_t total = 0;
    if (top == NULL || top->type != XML_ELEMENT_NODE)
        return unsupported("not an element");
    while (node != NULL) {
        PyObject *text = collect_text(node->children, 1);
        if (text != NULL) {
            total += stripped_length(text);
            Py_DECREF(text);
        }
        else if (PyErr_Occurred())
            return NULL;
        xmlNode *next = NULL;
        if (next_element(node->children, &next) < 0)
            return NULL;
        while (next == NULL && node != top) {
            if (next_element(node->next, &next) < 0)
                return NULL;
            if (next == NULL)
                node = node->parent;
        }
        node = next;
    }
    return PyLong_FromSsize_t(total);
}

static PyMethodDef methods[] = {
    {"walk", walk, METH_VARARGS, "walk(root, skip, split, attr_flags, hiding, shapes, own, tables): html._walk."},
    {"text_chars", text_chars, METH_O, "text_chars(element): characters of the subtree's text, tails left out."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_walk", "boilerstrip's compiled DOM walk.", -1, methods};

PyMODINIT_FUNC
PyInit__walk(void)
{
    if (import_lxml__etree() < 0)
        return NULL;
    PyObject *etree = PyImport_ImportModule("lxml.etree");
    Element = etree ? (PyTypeObject *)PyObject_GetAttrString(etree, "_Element") : NULL;
    Py_XDECREF(etree);
    if (Element == NULL)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL)
        return NULL;
    Space = PyUnicode_FromString(" ");
    if (Space == NULL)
        return NULL;
    Unsupported = PyErr_NewException("boilerstrip._walk.Unsupported", NULL, NULL);
    if (Unsupported == NULL || PyModule_AddObjectRef(m, "Unsupported", Unsupported) < 0 ||
        PyModule_AddStringConstant(m, "LXML_VERSION", LXML_VERSION_STRING) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
