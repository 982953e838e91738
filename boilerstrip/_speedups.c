/* boilerstrip._speedups: the per-token counting of the text features, in one compiled pass, and the
 * scoring trees' walk.
 *
 * token_counts(lines, low, stop, sample) -> bytes
 *
 * For each line i, over the white-space tokens (str.split()) of lines[i][:sample]: how many, how
 * many are title-cased (str.istitle()) and how many are digits (str.isdigit()); and over the tokens
 * of low[i][:sample] (the line lower-cased), how many are in the set `stop`. Returned as n rows of
 * four native int32. boilerstrip.features has the pure-Python twin, which gives the same numbers:
 * the character tests below are the ones CPython's str methods use. `stop` may be the set's
 * word_table(stop), which finds the same tokens without making a str of each.
 *
 * phrase_table(table) -> capsule, phrase_hits(capsule, lines) -> bytes
 *
 * Whether each line holds a boilerplate phrase where boilerstrip.phrases.LINE_RE would find one:
 * at a word start, a path through the phrases' trie that ends where no word character follows.
 * The trie comes flattened by boilerstrip.phrases.trie_table (int32: node count, edge count, then
 * per node terminal / first edge / edge count / literal edge count, then per edge kind / char /
 * target), and each edge is one of the pattern's atoms: a character, a run of white space other
 * than a line break (a space in the phrase), either apostrophe, or an optional dash or white space
 * (a hyphen in the phrase). Every path is tried, as the regex's backtracking would, so a line is a
 * hit exactly when the pattern matches in it; "word character" is re's own test (alphanumeric or _).
 *
 * date_hits(lines) -> bytes and line_marks(lines, low, separators_max, ends_max) -> bytes
 *
 * Per line, what features._DATE finds, and the separators, links, copyright signs and sentence ends
 * that features.line_marks counts with its patterns (each described where it is defined below).
 *
 * markup_counts(text, plain, bounded, words, groups, located) -> tuple of lists
 *
 * What pagetype.markup_hints counts in a page's markup, in one pass (described below).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

/* CPython's str predicates for one character, ASCII answered inline: outside ASCII each is a call
 * into the Unicode database, and nearly every character of a page is ASCII. Inside it they are the
 * database's own answers (letters and the ten digits; no title-case, numeric or other digit). */
static inline int
ch_upper(Py_UCS4 ch)
{
    return ch < 128 ? ch - 'A' < 26u : Py_UNICODE_ISUPPER(ch);
}

static inline int
ch_lower(Py_UCS4 ch)
{
    return ch < 128 ? ch - 'a' < 26u : Py_UNICODE_ISLOWER(ch);
}

static inline int
ch_title(Py_UCS4 ch)
{
    return ch >= 128 && Py_UNICODE_ISTITLE(ch);
}

static inline int
ch_decimal(Py_UCS4 ch)
{
    return ch < 128 ? ch - '0' < 10u : Py_UNICODE_ISDECIMAL(ch);
}

static inline int
ch_digit(Py_UCS4 ch)
{
    return ch < 128 ? ch - '0' < 10u : Py_UNICODE_ISDIGIT(ch);
}

static inline int
ch_alnum(Py_UCS4 ch)
{
    return ch < 128 ? (ch | 0x20) - 'a' < 26u || ch - '0' < 10u : Py_UNICODE_ISALNUM(ch);
}

static int
is_title(int kind, const void *data, Py_ssize_t start, Py_ssize_t end)
{
    /* str.istitle(): cased characters only after uncased ones when upper/title, after cased ones when lower */
    int cased = 0, previous_is_cased = 0;
    for (Py_ssize_t j = start; j < end; j++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, j);
        if (ch_upper(ch) || ch_title(ch)) {
            if (previous_is_cased)
                return 0;
            previous_is_cased = 1;
            cased = 1;
        }
        else if (ch_lower(ch)) {
            if (!previous_is_cased)
                return 0;
            previous_is_cased = 1;
            cased = 1;
        }
        else
            previous_is_cased = 0;
    }
    return cased;
}

static int
is_digits(int kind, const void *data, Py_ssize_t start, Py_ssize_t end)
{
    for (Py_ssize_t j = start; j < end; j++) {
        if (!ch_digit(PyUnicode_READ(kind, data, j)))
            return 0;
    }
    return end > start;
}

/* ------------------------------------------------------------------ word sets */

/* word_table(words) -> capsule: a frozenset of str as an open-addressing hash table of code points,
 * so a token is looked up where it stands in its line, with no str made for it. A token is in the
 * table exactly when it is in the set (the same code points). */
typedef struct {
    uint64_t hash;
    Py_ssize_t start, len; /* its code points: chars[start:start + len]; len 0: an empty slot */
} word_slot;

typedef struct {
    size_t mask;             /* slots - 1 (a power of two, at least twice the words) */
    Py_ssize_t longest;      /* no longer token can be in the set */
    word_slot *slot;
    Py_UCS4 *chars;
} word_table_t;

static const char WORDS_CAPSULE[] = "boilerstrip._speedups.words";

/* FNV-1a over the code points; the start value for an empty word. */
#define WORD_HASH_START 1469598103934665603ULL
#define WORD_HASH_STEP(h, ch) (((h) ^ (uint64_t)(ch)) * 1099511628211ULL)

static void
free_words(PyObject *capsule)
{
    word_table_t *t = PyCapsule_GetPointer(capsule, WORDS_CAPSULE);
    if (t != NULL) {
        PyMem_Free(t->slot);
        PyMem_Free(t->chars);
        PyMem_Free(t);
    }
}

/* Whether the table holds the code points data[start:end] (of the given kind), hashed to `h`. */
static int
words_hold(const word_table_t *t, int kind, const void *data, Py_ssize_t start, Py_ssize_t end, uint64_t h)
{
    Py_ssize_t len = end - start;
    for (size_t k = (size_t)h & t->mask;; k = (k + 1) & t->mask) {
        const word_slot *s = &t->slot[k];
        if (s->len == 0)
            return 0;
        if (s->hash != h || s->len != len)
            continue;
        Py_ssize_t j = 0;
        while (j < len && t->chars[s->start + j] == PyUnicode_READ(kind, data, start + j))
            j++;
        if (j == len)
            return 1;
    }
}

static PyObject *
word_table(PyObject *module, PyObject *words)
{
    if (!PyFrozenSet_Check(words))
        return PyErr_Format(PyExc_TypeError, "word_table: words must be a frozenset");
    PyObject *list = PySequence_List(words);
    if (list == NULL)
        return NULL;
    Py_ssize_t count = PyList_GET_SIZE(list), total = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        if (!PyUnicode_Check(PyList_GET_ITEM(list, i))) {
            Py_DECREF(list);
            return PyErr_Format(PyExc_TypeError, "word_table: words must be str");
        }
        total += PyUnicode_GET_LENGTH(PyList_GET_ITEM(list, i));
    }
    size_t slots = 16;
    while (slots < 2 * (size_t)count)
        slots *= 2;
    word_table_t *t = PyMem_Calloc(1, sizeof(word_table_t));
    if (t != NULL) {
        t->slot = PyMem_Calloc(slots, sizeof(word_slot));
        t->chars = PyMem_Malloc((size_t)(total ? total : 1) * sizeof(Py_UCS4));
    }
    if (t == NULL || t->slot == NULL || t->chars == NULL) {
        if (t != NULL) {
            PyMem_Free(t->slot);
            PyMem_Free(t->chars);
        }
        PyMem_Free(t);
        Py_DECREF(list);
        return PyErr_NoMemory();
    }
    t->mask = slots - 1;
    Py_ssize_t used = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *word = PyList_GET_ITEM(list, i);
        Py_ssize_t len = PyUnicode_GET_LENGTH(word);
        if (len == 0)
            continue; /* no token is empty */
        uint64_t h = WORD_HASH_START;
        for (Py_ssize_t j = 0; j < len; j++) {
            t->chars[used + j] = PyUnicode_READ_CHAR(word, j);
            h = WORD_HASH_STEP(h, t->chars[used + j]);
        }
        size_t k = (size_t)h & t->mask;
        while (t->slot[k].len != 0)
            k = (k + 1) & t->mask;
        t->slot[k] = (word_slot){h, used, len};
        used += len;
        if (len > t->longest)
            t->longest = len;
    }
    Py_DECREF(list);
    PyObject *capsule = PyCapsule_New(t, WORDS_CAPSULE, free_words);
    if (capsule == NULL) {
        PyMem_Free(t->slot);
        PyMem_Free(t->chars);
        PyMem_Free(t);
    }
    return capsule;
}

/* Count the tokens of `line[:sample]`; with `stop` (a set) or `table` (its word_table), count those
 * in it, else title-cased and digits. */
static int
count_line(PyObject *line, Py_ssize_t sample, PyObject *stop, const word_table_t *table, int32_t *row)
{
    Py_ssize_t length = PyUnicode_GET_LENGTH(line);
    if (length > sample)
        length = sample;
    int kind = PyUnicode_KIND(line);
    const void *data = PyUnicode_DATA(line);
    Py_ssize_t j = 0;
    while (j < length) {
        while (j < length && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j)))
            j++;
        if (j >= length)
            break;
        Py_ssize_t start = j;
        if (table != NULL) {
            uint64_t h = WORD_HASH_START;
            Py_UCS4 ch;
            while (j < length && !Py_UNICODE_ISSPACE(ch = PyUnicode_READ(kind, data, j))) {
                h = WORD_HASH_STEP(h, ch);
                j++;
            }
            row[3] += j - start <= table->longest && words_hold(table, kind, data, start, j, h);
            continue;
        }
        while (j < length && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j)))
            j++;
        if (stop == NULL) {
            row[0] += 1;
            row[1] += is_title(kind, data, start, j);
            row[2] += is_digits(kind, data, start, j);
        }
        else {
            PyObject *token = PyUnicode_Substring(line, start, j);
            if (token == NULL)
                return -1;
            int found = PySet_Contains(stop, token);
            Py_DECREF(token);
            if (found < 0)
                return -1;
            row[3] += found;
        }
    }
    return 0;
}

/* Whether the lists `lines` and `low` (the same lines lower-cased) are as long as each other; else
 * a ValueError naming `who`. */
static int
same_length(PyObject *lines, PyObject *low, const char *who)
{
    if (PyList_GET_SIZE(low) == PyList_GET_SIZE(lines))
        return 1;
    PyErr_Format(PyExc_ValueError, "%s: lines and low differ in length", who);
    return 0;
}

static PyObject *
token_counts(PyObject *module, PyObject *args)
{
    PyObject *lines, *low, *stop;
    Py_ssize_t sample;
    if (!PyArg_ParseTuple(args, "O!O!On:token_counts", &PyList_Type, &lines, &PyList_Type, &low, &stop, &sample))
        return NULL;
    const word_table_t *table = NULL;
    if (PyCapsule_IsValid(stop, WORDS_CAPSULE))
        table = PyCapsule_GetPointer(stop, WORDS_CAPSULE);
    else if (!PyAnySet_Check(stop)) {
        PyErr_SetString(PyExc_TypeError, "token_counts: stop must be a set, a frozenset or its word_table");
        return NULL;
    }
    if (!same_length(lines, low, "token_counts"))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(lines);
    PyObject *out = PyBytes_FromStringAndSize(NULL, n * 4 * (Py_ssize_t)sizeof(int32_t));
    if (out == NULL)
        return NULL;
    int32_t *rows = (int32_t *)PyBytes_AS_STRING(out);
    memset(rows, 0, n * 4 * sizeof(int32_t));
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *line = PyList_GET_ITEM(lines, i), *lowered = PyList_GET_ITEM(low, i);
        if (!PyUnicode_Check(line) || !PyUnicode_Check(lowered)) {
            Py_DECREF(out);
            PyErr_SetString(PyExc_TypeError, "token_counts: lines must be str");
            return NULL;
        }
        if (count_line(line, sample, NULL, NULL, rows + 4 * i) < 0
            || count_line(lowered, sample, table == NULL ? stop : NULL, table, rows + 4 * i) < 0) {
            Py_DECREF(out);
            return NULL;
        }
    }
    return out;
}

/* forest_sum(x, m, roots, first_child, feature, threshold, value, depth) -> bytes
 *
 * The trees of boilerstrip.score.Forest for every row of x (n rows of m native doubles): each tree
 * starts at its root, and `depth` times goes to first_child[node] + (row[feature[node]] >
 * threshold[node]) (a leaf is its own child, its threshold infinite); the leaves' values are added
 * tree by tree, in order, from 0.0 (the Python twin adds them the same way, with numpy's cumsum).
 * roots, first_child and feature are native Py_ssize_t (numpy's intp); threshold and value doubles.
 * Returns n native doubles. The tables are checked once, so no index can leave its array.
 */
typedef struct {
    double threshold;
    int32_t feature;
    int32_t first;
} packed_node;

/* Rows walked a tree at a time (their features, 64 rows of about 200 doubles, stay in the L2
 * cache), and rows walked side by side within it: the fastest of the sizes tried on the dev pages. */
#define FOREST_BLOCK_ROWS 64
#define FOREST_LANES 8

/* Checks every index once and packs each node's three fields side by side (one cache line read per
 * step, not three); -1 when an index would leave its array. */
static int
pack_tables(Py_ssize_t nodes, Py_ssize_t m, const Py_ssize_t *roots, Py_ssize_t ntrees, const Py_ssize_t *first,
            const Py_ssize_t *feature, const double *threshold, packed_node *packed)
{
    for (Py_ssize_t t = 0; t < ntrees; t++) {
        if (roots[t] < 0 || roots[t] >= nodes)
            return -1;
    }
    for (Py_ssize_t k = 0; k < nodes; k++) {
        if (first[k] < 0 || first[k] >= nodes || (first[k] != k && first[k] + 1 >= nodes))
            return -1;
        if (feature[k] < 0 || feature[k] >= m)
            return -1;
        packed[k].threshold = threshold[k];
        packed[k].feature = (int32_t)feature[k];
        packed[k].first = (int32_t)first[k];
    }
    return 0;
}

/* The trees' sums of `count` rows (of m doubles) into sums[0:count], from 0.0. Tree by tree: one
 * tree's nodes and the block's rows stay in the nearest cache, and FOREST_LANES rows walk the tree
 * side by side (independent chains of loads, which the processor overlaps). Each row's sum still
 * adds the trees in order, so it is the same double as a row-by-row walk gives. */
static void
walk_block(const packed_node *packed, const Py_ssize_t *roots, Py_ssize_t ntrees, const double *value,
           Py_ssize_t depth, const double *x, Py_ssize_t m, Py_ssize_t count, double *sums)
{
    for (Py_ssize_t i = 0; i < count; i++)
        sums[i] = 0.0;
    for (Py_ssize_t t = 0; t < ntrees; t++) {
        int32_t root = (int32_t)roots[t];
        Py_ssize_t i = 0;
        for (; i + FOREST_LANES <= count; i += FOREST_LANES) {
            const double *rows = x + i * m;
            int32_t node[FOREST_LANES];
            for (int k = 0; k < FOREST_LANES; k++)
                node[k] = root;
            for (Py_ssize_t d = 0; d < depth; d++)
                for (int k = 0; k < FOREST_LANES; k++) {
                    const packed_node *p = &packed[node[k]];
                    node[k] = p->first + (rows[k * m + p->feature] > p->threshold);
                }
            for (int k = 0; k < FOREST_LANES; k++)
                sums[i + k] += value[node[k]];
        }
        for (; i < count; i++) {
            const double *row = x + i * m;
            int32_t node = root;
            for (Py_ssize_t d = 0; d < depth; d++)
                node = packed[node].first + (row[packed[node].feature] > packed[node].threshold);
            sums[i] += value[node];
        }
    }
}

static PyObject *
forest_sum(PyObject *module, PyObject *args)
{
    Py_buffer xb, rb, fb, featb, thb, vb;
    Py_ssize_t m, depth;
    if (!PyArg_ParseTuple(args, "y*ny*y*y*y*y*n:forest_sum", &xb, &m, &rb, &fb, &featb, &thb, &vb, &depth))
        return NULL;
    PyObject *out = NULL;
    const Py_ssize_t word = (Py_ssize_t)sizeof(Py_ssize_t);
    Py_ssize_t nodes = fb.len / word, ntrees = rb.len / word;
    if (m <= 0 || depth < 0 || xb.len % (m * (Py_ssize_t)sizeof(double)) || rb.len % word || fb.len % word
        || featb.len != fb.len || thb.len != nodes * (Py_ssize_t)sizeof(double) || vb.len != thb.len) {
        PyErr_SetString(PyExc_ValueError, "forest_sum: the rows and the tables do not fit together");
        goto done;
    }
    const double *x = (const double *)xb.buf, *threshold = (const double *)thb.buf, *value = (const double *)vb.buf;
    const Py_ssize_t *roots = (const Py_ssize_t *)rb.buf, *first = (const Py_ssize_t *)fb.buf;
    const Py_ssize_t *feature = (const Py_ssize_t *)featb.buf;
    Py_ssize_t n = xb.len / (m * (Py_ssize_t)sizeof(double));
    if (nodes > INT32_MAX || m > INT32_MAX) {
        PyErr_SetString(PyExc_ValueError, "forest_sum: too many nodes or columns");
        goto done;
    }
    packed_node *packed = PyMem_Malloc((size_t)(nodes ? nodes : 1) * sizeof(packed_node));
    if (packed == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (pack_tables(nodes, m, roots, ntrees, first, feature, threshold, packed) < 0) {
        PyMem_Free(packed);
        PyErr_SetString(PyExc_ValueError, "forest_sum: a node, root or feature index is out of range");
        goto done;
    }
    out = PyBytes_FromStringAndSize(NULL, n * (Py_ssize_t)sizeof(double));
    if (out == NULL) {
        PyMem_Free(packed);
        goto done;
    }
    double *sums = (double *)PyBytes_AS_STRING(out);
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t from = 0; from < n; from += FOREST_BLOCK_ROWS) {
        Py_ssize_t to = from + FOREST_BLOCK_ROWS < n ? from + FOREST_BLOCK_ROWS : n;
        walk_block(packed, roots, ntrees, value, depth, x + from * m, m, to - from, sums + from);
    }
    Py_END_ALLOW_THREADS
    PyMem_Free(packed);
done:
    PyBuffer_Release(&xb);
    PyBuffer_Release(&rb);
    PyBuffer_Release(&fb);
    PyBuffer_Release(&featb);
    PyBuffer_Release(&thb);
    PyBuffer_Release(&vb);
    return out;
}

/* forest_table(roots, first_child, feature, threshold, value, depth, base, interacting, prose, bin_sources,
 *              bin_edges, bin_counts) -> capsule
 * forest_rows(table, base_rows, tail_rows, tail) -> bytes
 *
 * The trees of forest_sum, checked and packed once per model rather than per page, walked over rows
 * that are expanded a block at a time as they are walked: a row is features.expand's row of the
 * page's `base` base features, then `tail` more columns (the input's extra columns, pass 2's
 * neighbourhood). Expanded, a row is the base columns; per interacting column j, base[j] * (1.0 -
 * base[prose]); per binned column (bin_sources, each with bin_counts edges in turn from bin_edges,
 * rising), one-hot bins at np.digitize's place for it (the edges at or below the value; all of them
 * for NaN); then the tail. The same doubles as expand() writes, so the same sums as forest_sum of the
 * whole rows; features.expand's layout is checked against this one where the table is made. */
typedef struct {
    packed_node *packed;
    Py_ssize_t *roots, ntrees, depth, max_feature;
    double *value;
    Py_ssize_t base, prose, ninter, nbins, expanded; /* expanded: the columns before the tail */
    Py_ssize_t *inter, *bin_source, *bin_count;
    double *edges;
} forest_t;

static const char FOREST_CAPSULE[] = "boilerstrip._speedups.forest";

static void
free_forest_parts(forest_t *f)
{
    PyMem_Free(f->packed);
    PyMem_Free(f->roots);
    PyMem_Free(f->value);
    PyMem_Free(f->inter);
    PyMem_Free(f->bin_source);
    PyMem_Free(f->bin_count);
    PyMem_Free(f->edges);
    PyMem_Free(f);
}

static void
free_forest(PyObject *capsule)
{
    forest_t *f = PyCapsule_GetPointer(capsule, FOREST_CAPSULE);
    if (f != NULL)
        free_forest_parts(f);
}

/* A copy of a buffer's bytes (at least one byte allocated), or NULL with the error set. */
static void *
copy_buffer(const Py_buffer *b)
{
    void *out = PyMem_Malloc(b->len ? (size_t)b->len : 1);
    if (out == NULL)
        PyErr_NoMemory();
    else
        memcpy(out, b->buf, (size_t)b->len);
    return out;
}

/* Fills the expansion of `f` from its buffers; -1 with the error set. */
static int
forest_expansion(forest_t *f, const Py_buffer *ib, const Py_buffer *sb, const Py_buffer *eb, const Py_buffer *cb)
{
    const Py_ssize_t word = (Py_ssize_t)sizeof(Py_ssize_t);
    if (ib->len % word || sb->len % word || cb->len != sb->len || eb->len % (Py_ssize_t)sizeof(double)) {
        PyErr_SetString(PyExc_ValueError, "forest_table: the expansion's arrays do not fit together");
        return -1;
    }
    f->ninter = ib->len / word;
    f->nbins = sb->len / word;
    if ((f->inter = copy_buffer(ib)) == NULL || (f->bin_source = copy_buffer(sb)) == NULL
        || (f->bin_count = copy_buffer(cb)) == NULL || (f->edges = copy_buffer(eb)) == NULL)
        return -1;
    Py_ssize_t edges = 0, expanded = f->base + f->ninter;
    int bad = f->base <= 0 || f->prose < 0 || f->prose >= f->base;
    for (Py_ssize_t j = 0; j < f->ninter; j++)
        bad |= f->inter[j] < 0 || f->inter[j] >= f->base;
    for (Py_ssize_t q = 0; q < f->nbins; q++) {
        bad |= f->bin_source[q] < 0 || f->bin_source[q] >= f->base || f->bin_count[q] < 0;
        if (!bad) {
            edges += f->bin_count[q];
            expanded += f->bin_count[q] + 1;
        }
    }
    if (bad || edges * (Py_ssize_t)sizeof(double) != eb->len) {
        PyErr_SetString(PyExc_ValueError, "forest_table: a column of the expansion is out of range");
        return -1;
    }
    f->expanded = expanded;
    return 0;
}

static PyObject *
forest_table(PyObject *module, PyObject *args)
{
    Py_buffer rb, fb, featb, thb, vb, ib, sb, eb, cb;
    Py_ssize_t depth, base, prose;
    if (!PyArg_ParseTuple(args, "y*y*y*y*y*nny*ny*y*y*:forest_table", &rb, &fb, &featb, &thb, &vb, &depth, &base, &ib,
                          &prose, &sb, &eb, &cb))
        return NULL;
    PyObject *capsule = NULL;
    const Py_ssize_t word = (Py_ssize_t)sizeof(Py_ssize_t);
    Py_ssize_t nodes = fb.len / word;
    forest_t *f = PyMem_Calloc(1, sizeof(forest_t));
    if (f == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    f->base = base;
    f->prose = prose;
    f->depth = depth;
    f->ntrees = rb.len / word;
    if (depth < 0 || rb.len % word || fb.len % word || featb.len != fb.len || thb.len != nodes * (Py_ssize_t)sizeof(double)
        || vb.len != thb.len || nodes > INT32_MAX) {
        PyErr_SetString(PyExc_ValueError, "forest_table: the trees' tables do not fit together");
        goto fail;
    }
    if (forest_expansion(f, &ib, &sb, &eb, &cb) < 0)
        goto fail;
    f->packed = PyMem_Malloc((size_t)(nodes ? nodes : 1) * sizeof(packed_node));
    if (f->packed == NULL || (f->roots = copy_buffer(&rb)) == NULL || (f->value = copy_buffer(&vb)) == NULL) {
        if (!PyErr_Occurred())
            PyErr_NoMemory();
        goto fail;
    }
    const Py_ssize_t *feature = (const Py_ssize_t *)featb.buf;
    if (pack_tables(nodes, INT32_MAX, f->roots, f->ntrees, (const Py_ssize_t *)fb.buf, feature,
                    (const double *)thb.buf, f->packed) < 0) {
        PyErr_SetString(PyExc_ValueError, "forest_table: a node, root or feature index is out of range");
        goto fail;
    }
    for (Py_ssize_t k = 0; k < nodes; k++)
        f->max_feature = feature[k] > f->max_feature ? feature[k] : f->max_feature;
    capsule = PyCapsule_New(f, FOREST_CAPSULE, free_forest);
    if (capsule != NULL)
        goto done;
fail:
    free_forest_parts(f);
done:
    PyBuffer_Release(&rb);
    PyBuffer_Release(&fb);
    PyBuffer_Release(&featb);
    PyBuffer_Release(&thb);
    PyBuffer_Release(&vb);
    PyBuffer_Release(&ib);
    PyBuffer_Release(&sb);
    PyBuffer_Release(&eb);
    PyBuffer_Release(&cb);
    return capsule;
}

/* One row as features.expand writes it, then its tail: f->expanded + tail doubles into `row`. */
static void
expand_row(const forest_t *f, const double *base, const double *tail, Py_ssize_t ntail, double *row)
{
    memcpy(row, base, (size_t)f->base * sizeof(double));
    double *out = row + f->base;
    const double rest = 1.0 - base[f->prose];
    for (Py_ssize_t j = 0; j < f->ninter; j++)
        *out++ = base[f->inter[j]] * rest;
    const double *edge = f->edges;
    for (Py_ssize_t q = 0; q < f->nbins; q++) {
        Py_ssize_t count = f->bin_count[q], at = 0;
        double v = base[f->bin_source[q]];
        while (at < count && !(v < edge[at])) /* searchsorted(side="right"); NaN past every edge */
            at++;
        for (Py_ssize_t c = 0; c <= count; c++)
            out[c] = c == at ? 1.0 : 0.0;
        out += count + 1;
        edge += count;
    }
    memcpy(out, tail, (size_t)ntail * sizeof(double));
}

static PyObject *
forest_rows(PyObject *module, PyObject *args)
{
    PyObject *capsule;
    Py_buffer bb, tb;
    Py_ssize_t ntail;
    if (!PyArg_ParseTuple(args, "Oy*y*n:forest_rows", &capsule, &bb, &tb, &ntail))
        return NULL;
    PyObject *out = NULL;
    forest_t *f = PyCapsule_GetPointer(capsule, FOREST_CAPSULE);
    if (f == NULL)
        goto done;
    const Py_ssize_t row_bytes = f->base * (Py_ssize_t)sizeof(double);
    Py_ssize_t n = bb.len / row_bytes, m = f->expanded + ntail;
    if (ntail < 0 || bb.len % row_bytes || tb.len != n * ntail * (Py_ssize_t)sizeof(double) || f->max_feature >= m) {
        PyErr_SetString(PyExc_ValueError, "forest_rows: the rows do not fit the table");
        goto done;
    }
    double *scratch = PyMem_Malloc((size_t)FOREST_BLOCK_ROWS * (size_t)m * sizeof(double));
    if (scratch == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    out = PyBytes_FromStringAndSize(NULL, n * (Py_ssize_t)sizeof(double));
    if (out != NULL) {
        const double *base = (const double *)bb.buf, *tail = (const double *)tb.buf;
        double *sums = (double *)PyBytes_AS_STRING(out);
        Py_BEGIN_ALLOW_THREADS
        for (Py_ssize_t from = 0; from < n; from += FOREST_BLOCK_ROWS) {
            Py_ssize_t count = from + FOREST_BLOCK_ROWS < n ? FOREST_BLOCK_ROWS : n - from;
            for (Py_ssize_t i = 0; i < count; i++)
                expand_row(f, base + (from + i) * f->base, tail + (from + i) * ntail, ntail, scratch + i * m);
            walk_block(f->packed, f->roots, f->ntrees, f->value, f->depth, scratch, m, count, sums + from);
        }
        Py_END_ALLOW_THREADS
    }
    PyMem_Free(scratch);
done:
    PyBuffer_Release(&bb);
    PyBuffer_Release(&tb);
    return out;
}

/* best_stretch(values) -> (start, end): score.best_stretch of n native doubles (Kadane), adding and
 * comparing the same doubles in the same order as its Python loop, so the same run. */
static PyObject *
best_stretch(PyObject *module, PyObject *arg)
{
    Py_buffer vb;
    if (PyObject_GetBuffer(arg, &vb, PyBUF_SIMPLE) < 0)
        return NULL;
    if (vb.len % (Py_ssize_t)sizeof(double)) {
        PyBuffer_Release(&vb);
        PyErr_SetString(PyExc_ValueError, "best_stretch: not a buffer of doubles");
        return NULL;
    }
    const double *v = (const double *)vb.buf;
    Py_ssize_t n = vb.len / (Py_ssize_t)sizeof(double), start = 0, best_start = 0, best_end = 0;
    double best = 0.0, total = 0.0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (total <= 0) {
            total = v[i];
            start = i;
        }
        else
            total += v[i];
        if (total > best) {
            best = total;
            best_start = start;
            best_end = i + 1;
        }
    }
    PyBuffer_Release(&vb);
    return Py_BuildValue("(nn)", best_start, best_end);
}

/* ------------------------------------------------------------------ flattened tables */

enum { FLAT_OK = 0, FLAT_RAISED = -1, FLAT_BAD = -2, FLAT_MEMORY = -3 };

/* Copies of the node and edge rows of a flattened int32 table, as html and features write them: node
 * count (at least 1), edge count, then `node_size` bytes a node and `edge_size` bytes an edge. FLAT_OK,
 * or FLAT_RAISED (the argument is no buffer; the error is set), FLAT_BAD (its shape is wrong) or
 * FLAT_MEMORY; nothing is left allocated but on FLAT_OK, where the caller owns both copies. */
static int
copy_flat_table(PyObject *arg, size_t node_size, size_t edge_size, Py_ssize_t *nodes, Py_ssize_t *edges,
                void **node, void **edge)
{
    Py_buffer b;
    if (PyObject_GetBuffer(arg, &b, PyBUF_SIMPLE) < 0)
        return FLAT_RAISED;
    const int32_t *v = b.buf;
    Py_ssize_t words = b.len / (Py_ssize_t)sizeof(int32_t);
    Py_ssize_t node_words = (Py_ssize_t)(node_size / sizeof(int32_t)), edge_words = (Py_ssize_t)(edge_size / sizeof(int32_t));
    int status = FLAT_BAD;
    if (b.len % (Py_ssize_t)sizeof(int32_t) == 0 && words >= 2 && v[0] >= 1 && v[1] >= 0
        && words == 2 + node_words * (Py_ssize_t)v[0] + edge_words * (Py_ssize_t)v[1]) {
        *nodes = v[0];
        *edges = v[1];
        *node = PyMem_Malloc((size_t)*nodes * node_size);
        *edge = PyMem_Malloc((size_t)(*edges ? *edges : 1) * edge_size);
        if (*node == NULL || *edge == NULL) {
            PyMem_Free(*node);
            PyMem_Free(*edge);
            status = FLAT_MEMORY;
        } else {
            memcpy(*node, v + 2, (size_t)*nodes * node_size);
            memcpy(*edge, v + 2 + node_words * *nodes, (size_t)*edges * edge_size);
            status = FLAT_OK;
        }
    }
    PyBuffer_Release(&b);
    return status;
}

/* ------------------------------------------------------------------ phrase tries */

enum { ATOM_CHAR, ATOM_SPACES, ATOM_QUOTE, ATOM_DASH };

typedef struct {
    int32_t terminal, first, count, literals;
} trie_node;

typedef struct {
    int32_t kind, ch, target;
} trie_edge;

typedef struct {
    Py_ssize_t nodes, edges;
    trie_node *node;
    trie_edge *edge;
} trie_table;

static const char TRIE_CAPSULE[] = "boilerstrip._speedups.trie";

static void
free_trie(PyObject *capsule)
{
    trie_table *t = PyCapsule_GetPointer(capsule, TRIE_CAPSULE);
    if (t != NULL) {
        PyMem_Free(t->node);
        PyMem_Free(t->edge);
        PyMem_Free(t);
    }
}

/* Checks every index of a flattened trie once and keeps a copy. */
static PyObject *
phrase_table(PyObject *module, PyObject *arg)
{
    trie_table *t = PyMem_Calloc(1, sizeof(trie_table));
    if (t == NULL)
        return PyErr_NoMemory();
    void *node = NULL, *edge = NULL;
    int status = copy_flat_table(arg, sizeof(trie_node), sizeof(trie_edge), &t->nodes, &t->edges, &node, &edge);
    t->node = node;
    t->edge = edge;
    if (status == FLAT_MEMORY || status == FLAT_RAISED) {
        PyMem_Free(t);
        return status == FLAT_MEMORY ? PyErr_NoMemory() : NULL;
    }
    if (status != FLAT_OK)
        goto bad;
    for (Py_ssize_t k = 0; k < t->nodes; k++) {
        const trie_node *nd = &t->node[k];
        if (nd->first < 0 || nd->count < 0 || nd->literals < 0 || nd->literals > nd->count ||
            (Py_ssize_t)nd->first + nd->count > t->edges)
            goto bad;
        for (int32_t e = nd->first; e < nd->first + nd->count; e++) {
            const trie_edge *ed = &t->edge[e];
            /* a node's own edges: characters first, ascending, then the other atoms; targets deeper */
            if (ed->target <= k || ed->target >= t->nodes || ed->kind < ATOM_CHAR || ed->kind > ATOM_DASH ||
                ((e < nd->first + nd->literals) != (ed->kind == ATOM_CHAR)) ||
                (e > nd->first && e < nd->first + nd->literals && t->edge[e - 1].ch >= ed->ch))
                goto bad;
        }
    }
    PyObject *capsule = PyCapsule_New(t, TRIE_CAPSULE, free_trie);
    if (capsule == NULL) {
        PyMem_Free(t->node);
        PyMem_Free(t->edge);
        PyMem_Free(t);
    }
    return capsule;
bad:
    PyMem_Free(t->node);
    PyMem_Free(t->edge);
    PyMem_Free(t);
    PyErr_SetString(PyExc_ValueError, "phrase_table: not a flattened trie");
    return NULL;
}

static inline int
is_word(Py_UCS4 ch)
{
    return ch_alnum(ch) || ch == '_';
}

static inline int
is_blank(Py_UCS4 ch)
{
    return ch != '\n' && Py_UNICODE_ISSPACE(ch);
}

/* Where a phrase may end on a line, as the four patterns built from the phrase lists require. */
enum { ANYWHERE, WHOLE_LINE_SEPARATED_TAIL, WHOLE_LINE_MARKS_TAIL, LINE_START_LINKED };

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t n;
    int mode, bounded;        /* bounded: no word character may follow the phrase (spaced phrases) */
    Py_ssize_t tail_max;      /* WHOLE_LINE_SEPARATED_TAIL: characters after the separator, at most */
    Py_ssize_t marks_from;    /* WHOLE_LINE_MARKS_TAIL: from here on, the line is marks and underscores */
} line_view;

/* The marks between a section's name and its one link in phrases.INLINE_SECTION_RE, [:：|»›>–—]. */
static inline int
is_link_mark(Py_UCS4 ch)
{
    return ch == ':' || ch == 0xFF1A || ch == '|' || ch == 0xBB || ch == 0x203A || ch == '>' || ch == 0x2013 ||
           ch == 0x2014;
}

/* A character of the whole-line patterns' prefix and marks tail, (?:[^\w\n]|_). */
static inline int
is_mark(Py_UCS4 ch)
{
    return ch != '\n' && !ch_alnum(ch);
}

/* Whether a phrase ending at `pos` completes a match: the boundary, then the tail to the line's end. */
static int
accepts(const line_view *v, Py_ssize_t pos)
{
    Py_UCS4 next = pos < v->n ? PyUnicode_READ(v->kind, v->data, pos) : 0;
    if (v->bounded && pos < v->n && is_word(next))
        return 0;
    switch (v->mode) {
    case WHOLE_LINE_SEPARATED_TAIL: /* (?:[^\w\n].{0,tail_max})?$ */
        return pos == v->n || (!is_word(next) && next != '\n' && v->n - pos - 1 <= v->tail_max);
    case WHOLE_LINE_MARKS_TAIL: /* (?:[^\w\n]|_)*$ */
        return pos >= v->marks_from;
    case LINE_START_LINKED: { /* [^\S\n]*[:：|»›>–—][^\S\n]*\w */
        Py_ssize_t j = pos;
        while (j < v->n && is_blank(PyUnicode_READ(v->kind, v->data, j)))
            j++;
        if (j >= v->n || !is_link_mark(PyUnicode_READ(v->kind, v->data, j)))
            return 0;
        for (j++; j < v->n && is_blank(PyUnicode_READ(v->kind, v->data, j)); j++)
            ;
        return j < v->n && is_word(PyUnicode_READ(v->kind, v->data, j));
    }
    default:
        return 1;
    }
}

/* Whether a path from `node` matches the line from `pos` to a phrase's end that `accepts`. */
static int
match_from(const trie_table *t, int32_t node, const line_view *v, Py_ssize_t pos)
{
    const trie_node *nd = &t->node[node];
    if (nd->terminal && accepts(v, pos))
        return 1;
    Py_ssize_t n = v->n;
    Py_UCS4 ch = pos < n ? PyUnicode_READ(v->kind, v->data, pos) : 0;
    if (pos < n && nd->literals) {
        int32_t lo = nd->first, hi = nd->first + nd->literals;
        while (lo < hi) {
            int32_t mid = lo + (hi - lo) / 2;
            if ((Py_UCS4)t->edge[mid].ch < ch)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < nd->first + nd->literals && (Py_UCS4)t->edge[lo].ch == ch &&
            match_from(t, t->edge[lo].target, v, pos + 1))
            return 1;
    }
    for (int32_t e = nd->first + nd->literals; e < nd->first + nd->count; e++) {
        int32_t target = t->edge[e].target;
        switch (t->edge[e].kind) {
        case ATOM_SPACES:
            for (Py_ssize_t j = pos; j < n && is_blank(PyUnicode_READ(v->kind, v->data, j)); j++) {
                if (match_from(t, target, v, j + 1))
                    return 1;
            }
            break;
        case ATOM_QUOTE:
            if (pos < n && (ch == '\'' || ch == 0x2019) && match_from(t, target, v, pos + 1))
                return 1;
            break;
        case ATOM_DASH:
            if (pos < n && (ch == '-' || ch == 0x2013 || is_blank(ch)) && match_from(t, target, v, pos + 1))
                return 1;
            if (match_from(t, target, v, pos))
                return 1;
            break;
        }
    }
    return 0;
}

/* Whether `line` holds a phrase of `spaced` (word-bounded) or `spaceless` (may be NULL) as `mode` wants. */
static int
line_hit(const trie_table *spaced, const trie_table *spaceless, PyObject *line, int mode, Py_ssize_t tail_max)
{
    line_view v = {PyUnicode_KIND(line), PyUnicode_DATA(line), PyUnicode_GET_LENGTH(line), mode, 1, tail_max, 0};
    if (mode == ANYWHERE) {  /* (?<!\w)phrase(?!\w), anywhere */
        for (Py_ssize_t p = 0; p < v.n; p++) {
            if ((p == 0 || !is_word(PyUnicode_READ(v.kind, v.data, p - 1))) && match_from(spaced, 0, &v, p))
                return 1;
        }
        return 0;
    }
    if (mode == LINE_START_LINKED) { /* most lines hold no link mark: no phrase need be tried */
        Py_ssize_t j = 0;
        while (j < v.n && !is_link_mark(PyUnicode_READ(v.kind, v.data, j)))
            j++;
        if (j == v.n)
            return 0;
    }
    /* ^(?:[^\w\n]|_)*(?:spaced(?!\w)|spaceless)tail$ (or, linked, the mark and a word after the phrase):
     * the phrase starts anywhere in the leading marks */
    v.marks_from = v.n;
    while (v.marks_from > 0 && is_mark(PyUnicode_READ(v.kind, v.data, v.marks_from - 1)))
        v.marks_from--;
    for (Py_ssize_t p = 0; p <= v.n; p++) {
        v.bounded = 1;
        if (match_from(spaced, 0, &v, p))
            return 1;
        v.bounded = 0;
        if (spaceless != NULL && match_from(spaceless, 0, &v, p))
            return 1;
        if (p == v.n || !is_mark(PyUnicode_READ(v.kind, v.data, p)))
            break;
    }
    return 0;
}

/* One byte per line of the list `lines`: 1 where `test(line, how)` holds. */
typedef int (*line_test)(PyObject *line, const void *how);

static PyObject *
hits_per_line(PyObject *lines, const char *who, line_test test, const void *how)
{
    if (!PyList_Check(lines))
        return PyErr_Format(PyExc_TypeError, "%s: lines must be a list", who);
    Py_ssize_t count = PyList_GET_SIZE(lines);
    PyObject *out = PyBytes_FromStringAndSize(NULL, count);
    if (out == NULL)
        return NULL;
    char *hits = PyBytes_AS_STRING(out);
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *line = PyList_GET_ITEM(lines, i);
        if (!PyUnicode_Check(line)) {
            Py_DECREF(out);
            return PyErr_Format(PyExc_TypeError, "%s: lines must be str", who);
        }
        hits[i] = (char)test(line, how);
    }
    return out;
}

typedef struct {
    const trie_table *spaced, *spaceless;
    int mode;
    Py_ssize_t tail_max;
} phrase_query;

static int
phrase_line(PyObject *line, const void *how)
{
    const phrase_query *q = how;
    return line_hit(q->spaced, q->spaceless, line, q->mode, q->tail_max);
}

/* phrase_hits(spaced, lines[, mode, spaceless, tail_max]) -> bytes */
static PyObject *
phrase_hits(PyObject *module, PyObject *args)
{
    PyObject *capsule, *lines, *other = Py_None;
    int mode = ANYWHERE;
    Py_ssize_t tail_max = 0;
    if (!PyArg_ParseTuple(args, "OO|iOn:phrase_hits", &capsule, &lines, &mode, &other, &tail_max))
        return NULL;
    if (mode < ANYWHERE || mode > LINE_START_LINKED) {
        PyErr_SetString(PyExc_ValueError, "phrase_hits: unknown mode");
        return NULL;
    }
    trie_table *spaced = PyCapsule_GetPointer(capsule, TRIE_CAPSULE);
    trie_table *spaceless = other == Py_None ? NULL : PyCapsule_GetPointer(other, TRIE_CAPSULE);
    if (spaced == NULL || (other != Py_None && spaceless == NULL))
        return NULL;
    phrase_query query = {spaced, spaceless, mode, tail_max};
    return hits_per_line(lines, "phrase_hits", phrase_line, &query);
}

/* ------------------------------------------------------------------ dates */

/* date_hits(lines) -> bytes: per line, 1 where boilerstrip.features._DATE finds a match: at a word
 * start holding a decimal digit or a month's first letter, one of "12.3.2024" (1-4, 1-2 and 1+
 * digits split by . / -), "jan[uary][.] 5", "märz[.] 5" (a whole other name), "5 jan[uary]", "5[.] [de]
 * may" (whole names of MONTH_NAMES), "5 days ago" (minutes to years, s or not) or "9:30".
 * Each part is a run the pattern can only take whole, so no backtracking is needed. */

static inline Py_UCS4
at(int kind, const void *data, Py_ssize_t n, Py_ssize_t i)
{
    return i < n ? PyUnicode_READ(kind, data, i) : 0;
}

static int
is_decimal(Py_UCS4 ch)
{
    return ch_decimal(ch);
}

static int
is_blank_char(Py_UCS4 ch)
{
    return is_blank(ch);
}

/* How many characters from i on pass `test`. */
static Py_ssize_t
run_of(int kind, const void *data, Py_ssize_t n, Py_ssize_t i, int (*test)(Py_UCS4))
{
    Py_ssize_t j = i;
    while (j < n && test(PyUnicode_READ(kind, data, j)))
        j++;
    return j - i;
}

#define digit_run(kind, data, n, i) run_of(kind, data, n, i, is_decimal)
#define blank_run(kind, data, n, i) run_of(kind, data, n, i, is_blank_char)

/* Whether the ASCII text `w` stands at i. */
static int
word_at(int kind, const void *data, Py_ssize_t n, Py_ssize_t i, const char *w)
{
    for (; *w; w++, i++) {
        if (i >= n || PyUnicode_READ(kind, data, i) != (Py_UCS4)(unsigned char)*w)
            return 0;
    }
    return 1;
}

static const char *const MONTHS[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
static const char *const SPANS[] = {"minute", "hour", "day", "week", "month", "year"};

static int
month_at(int kind, const void *data, Py_ssize_t n, Py_ssize_t i)
{
    for (int m = 0; m < 12; m++) {
        if (word_at(kind, data, n, i, MONTHS[m]))
            return 1;
    }
    return 0;
}

/* features.ENGLISH_MONTHS, then features.MONTH_NAMES in UTF-8 (none holds a character beyond two
 * bytes); the other names start at OTHER_FROM. */
static const char *const MONTH_NAMES[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "m\xc3\xa4rz", "m\xc3\xa4r", "mai", "okt", "oktober", "dez", "dezember", "j\xc3\xa4nner",
    "f\xc3\xa9vrier", "f\xc3\xa9vr", "f\xc3\xa9v", "avril", "avr", "juin", "juillet", "juil", "ao\xc3\xbbt",
    "d\xc3\xa9" "cembre", "d\xc3\xa9" "c", "enero", "abril", "abr", "agosto", "setiembre", "diciembre",
    "gennaio", "maggio", "giugno", "giu", "luglio", "lug", "settembre", "ottobre", "ott",
    "fevereiro", "fev", "mar\xc3\xa7o", "maio", "setembro", "outubro", "dezembro",
    "maart", "mrt", "mei",
};
#define OTHER_FROM 24
#define MONTH_COUNT (sizeof(MONTH_NAMES) / sizeof(MONTH_NAMES[0]))

/* How many characters the UTF-8 text `w` (one- and two-byte characters) spans at i; 0 where it
 * does not stand there. */
static Py_ssize_t
utf8_at(int kind, const void *data, Py_ssize_t n, Py_ssize_t i, const char *w)
{
    Py_ssize_t start = i;
    for (const unsigned char *c = (const unsigned char *)w; *c; i++) {
        Py_UCS4 ch = *c++;
        if (ch >= 0x80)
            ch = ((ch & 0x1F) << 6) | (*c++ & 0x3F);
        if (i >= n || PyUnicode_READ(kind, data, i) != ch)
            return 0;
    }
    return i - start;
}

/* For each ASCII letter, the MONTH_NAMES starting with it (all start with one), ending with -1:
 * filled by index_month_names at import. */
#define MAX_NAMES_PER_LETTER 16
static signed char NAMES_BY_FIRST[128][MAX_NAMES_PER_LETTER + 1];

static void
index_month_names(void)
{
    int counts[128] = {0};
    for (size_t m = 0; m < MONTH_COUNT; m++) {
        unsigned char c = (unsigned char)MONTH_NAMES[m][0];
        if (c < 128 && counts[c] < MAX_NAMES_PER_LETTER)
            NAMES_BY_FIRST[c][counts[c]++] = (signed char)m;
    }
    for (int c = 0; c < 128; c++)
        NAMES_BY_FIRST[c][counts[c]] = -1;
}

/* The length of the whole word at i that is one of MONTH_NAMES[from:], else 0 (at most one of them
 * can be a whole word there). */
static Py_ssize_t
named_month_at(int kind, const void *data, Py_ssize_t n, Py_ssize_t i, size_t from)
{
    Py_UCS4 first = at(kind, data, n, i);
    if (first >= 128)
        return 0;
    for (const signed char *m = NAMES_BY_FIRST[first]; *m >= 0; m++) {
        if ((size_t)*m < from)
            continue;
        Py_ssize_t len = utf8_at(kind, data, n, i, MONTH_NAMES[*m]);
        if (len && !is_word(at(kind, data, n, i + len)))
            return len;
    }
    return 0;
}

static int
date_at(int kind, const void *data, Py_ssize_t n, Py_ssize_t p)
{
    Py_ssize_t digits = digit_run(kind, data, n, p);
    if (digits) {
        Py_ssize_t j = p + digits;
        Py_UCS4 next = at(kind, data, n, j);
        if (digits <= 4 && (next == '.' || next == '/' || next == '-')) { /* 12.3.2024 */
            Py_ssize_t middle = digit_run(kind, data, n, j + 1), k = j + 1 + middle;
            Py_UCS4 sep = at(kind, data, n, k);
            if (middle >= 1 && middle <= 2 && (sep == '.' || sep == '/' || sep == '-') &&
                digit_run(kind, data, n, k + 1) >= 1)
                return 1;
        }
        if (digits <= 2 && next == ':' && digit_run(kind, data, n, j + 1) >= 2) /* 9:30 */
            return 1;
        Py_ssize_t blanks = blank_run(kind, data, n, j);
        if (digits <= 2 && blanks && month_at(kind, data, n, j + blanks)) /* 5 jan */
            return 1;
        if (digits <= 2) { /* 5. may, 5 märz, 5 de marzo: whole names */
            Py_ssize_t k = j + (next == '.');
            Py_ssize_t gap = blank_run(kind, data, n, k);
            if (gap && named_month_at(kind, data, n, k + gap, 0))
                return 1;
            if (gap && word_at(kind, data, n, k + gap, "de")) {
                Py_ssize_t after = blank_run(kind, data, n, k + gap + 2);
                if (after && named_month_at(kind, data, n, k + gap + 2 + after, 0))
                    return 1;
            }
        }
        if (blanks) {
            Py_ssize_t k = j + blanks;
            for (int u = 0; u < 6; u++) { /* 5 days ago */
                if (!word_at(kind, data, n, k, SPANS[u]))
                    continue;
                Py_ssize_t e = k + (Py_ssize_t)strlen(SPANS[u]);
                if (at(kind, data, n, e) == 's')
                    e++;
                Py_ssize_t gap = blank_run(kind, data, n, e);
                if (gap && word_at(kind, data, n, e + gap, "ago"))
                    return 1;
            }
        }
        return 0;
    }
    Py_ssize_t j;
    if (month_at(kind, data, n, p)) { /* jan[uary][.] 5 */
        j = p + 3;
        while (j < n && PyUnicode_READ(kind, data, j) >= 'a' && PyUnicode_READ(kind, data, j) <= 'z')
            j++;
        if (at(kind, data, n, j) == '.')
            j++;
        Py_ssize_t blanks = blank_run(kind, data, n, j);
        if (blanks && digit_run(kind, data, n, j + blanks) >= 1)
            return 1;
    }
    Py_ssize_t other = named_month_at(kind, data, n, p, OTHER_FROM); /* märz[.] 5 */
    if (!other)
        return 0;
    j = p + other;
    if (at(kind, data, n, j) == '.')
        j++;
    Py_ssize_t blanks = blank_run(kind, data, n, j);
    return blanks && digit_run(kind, data, n, j + blanks) >= 1;
}

/* Whether a line holds a date: at a word start that holds a decimal digit or a month's first letter. */
static int
date_line(PyObject *line, const void *how)
{
    int kind = PyUnicode_KIND(line);
    const void *data = PyUnicode_DATA(line);
    Py_ssize_t n = PyUnicode_GET_LENGTH(line);
    for (Py_ssize_t p = 0; p < n; p++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, p);
        if (!ch_decimal(ch) && !(ch != 0 && ch < 128 && strchr("jfmasondegl", (int)ch) != NULL))
            continue;
        if (p > 0 && is_word(PyUnicode_READ(kind, data, p - 1)))
            continue; /* \b: the character before is no word character */
        if (date_at(kind, data, n, p))
            return 1;
    }
    return 0;
}

static PyObject *
date_hits(PyObject *module, PyObject *lines)
{
    return hits_per_line(lines, "date_hits", date_line, NULL);
}

/* ------------------------------------------------------------------ short lines' tests */

/* line_tests(low, words, short_max, section_max, nav_max, line_trie, section_spaced, section_spaceless,
 *            section_tail, nav_spaced, nav_spaceless, bylines) -> bytes
 *
 * The tests features.page_features runs on its short lines, in one pass: five bytes per line of
 * `low` (the lines lower-cased), each 1 where the line's word count (`words`, n native doubles) is
 * within its limit and the test finds its pattern, as phrase_hits and date_hits would on the lines
 * so chosen: a date (short_max), a boilerplate phrase anywhere (line_trie, short_max), the whole
 * line a section header (section_max) or a navigation item (nav_max), and a byline (short_max):
 * the line starts with a word of `bylines`, then white space, then a character that is none, as
 * features._BYLINE's match at the line's start requires. */
typedef struct {
    const trie_table *line, *section, *section_spaceless, *nav, *nav_spaceless;
    Py_ssize_t section_tail;
    PyObject *bylines;
} short_tests;

static int word_at_span(int kind, const void *data, Py_ssize_t from, Py_ssize_t to, PyObject *word);

enum { TEST_DATE, TEST_PHRASE, TEST_SECTION, TEST_NAV, TEST_BYLINE, LINE_TESTS };

static int
byline_at_start(PyObject *line, PyObject *bylines)
{
    int kind = PyUnicode_KIND(line);
    const void *data = PyUnicode_DATA(line);
    Py_ssize_t n = PyUnicode_GET_LENGTH(line);
    for (Py_ssize_t w = 0; w < PyTuple_GET_SIZE(bylines); w++) {
        PyObject *word = PyTuple_GET_ITEM(bylines, w);
        Py_ssize_t len = PyUnicode_GET_LENGTH(word);
        if (len >= n || !word_at_span(kind, data, 0, n, word))
            continue;
        Py_ssize_t blanks = run_of(kind, data, n, len, is_blank_char);
        if (blanks > 0 && len + blanks < n && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, len + blanks)))
            return 1;
    }
    return 0;
}

static void
test_line(const short_tests *q, PyObject *line, double words, double short_max, double section_max, double nav_max,
          char *row)
{
    int is_short = words <= short_max;
    row[TEST_DATE] = (char)(is_short && date_line(line, NULL));
    row[TEST_PHRASE] = (char)(is_short && line_hit(q->line, NULL, line, ANYWHERE, 0));
    row[TEST_SECTION] = (char)(words <= section_max
                               && line_hit(q->section, q->section_spaceless, line, WHOLE_LINE_SEPARATED_TAIL,
                                           q->section_tail));
    row[TEST_NAV] = (char)(words <= nav_max && line_hit(q->nav, q->nav_spaceless, line, WHOLE_LINE_MARKS_TAIL, 0));
    row[TEST_BYLINE] = (char)(is_short && byline_at_start(line, q->bylines));
}

/* A trie of a capsule, or NULL (an error set) where it is none; Py_None gives NULL and no error. */
static const trie_table *
trie_of(PyObject *capsule)
{
    return capsule == Py_None ? NULL : PyCapsule_GetPointer(capsule, TRIE_CAPSULE);
}

static PyObject *
line_tests(PyObject *module, PyObject *args)
{
    PyObject *low, *tries[5];
    Py_buffer wb;
    double short_max, section_max, nav_max;
    short_tests q;
    if (!PyArg_ParseTuple(args, "O!y*dddOOOnOOO!:line_tests", &PyList_Type, &low, &wb, &short_max, &section_max,
                          &nav_max, &tries[0], &tries[1], &tries[2], &q.section_tail, &tries[3], &tries[4],
                          &PyTuple_Type, &q.bylines))
        return NULL;
    PyObject *out = NULL;
    Py_ssize_t n = PyList_GET_SIZE(low);
    q.line = trie_of(tries[0]);
    q.section = trie_of(tries[1]);
    q.section_spaceless = trie_of(tries[2]);
    q.nav = trie_of(tries[3]);
    q.nav_spaceless = trie_of(tries[4]);
    if (PyErr_Occurred())
        goto done;
    if (q.line == NULL || q.section == NULL || q.nav == NULL || wb.len != n * (Py_ssize_t)sizeof(double)) {
        PyErr_SetString(PyExc_ValueError, "line_tests: a trie is missing or the word counts do not fit the lines");
        goto done;
    }
    for (Py_ssize_t w = 0; w < PyTuple_GET_SIZE(q.bylines); w++)
        if (!PyUnicode_Check(PyTuple_GET_ITEM(q.bylines, w))) {
            PyErr_SetString(PyExc_TypeError, "line_tests: bylines must be str");
            goto done;
        }
    out = PyBytes_FromStringAndSize(NULL, n * LINE_TESTS);
    if (out == NULL)
        goto done;
    const double *words = (const double *)wb.buf;
    char *rows = PyBytes_AS_STRING(out);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *line = PyList_GET_ITEM(low, i);
        if (!PyUnicode_Check(line)) {
            Py_CLEAR(out);
            PyErr_SetString(PyExc_TypeError, "line_tests: lines must be str");
            goto done;
        }
        test_line(&q, line, words[i], short_max, section_max, nav_max, rows + LINE_TESTS * i);
    }
done:
    PyBuffer_Release(&wb);
    return out;
}

/* ------------------------------------------------------------------ marks */

/* line_marks(lines, low, separators_max, ends_max) -> bytes: four bytes per line, what
 * boilerstrip.features.line_marks counts with its patterns: separators ([|•·»›], at most
 * separators_max) in low[i]; 1 where low[i] holds a
 * link ("http:", "https:", "www.", or ".com" that no word character follows); 1 where low[i] holds
 * "©" or "(c)"; and sentence ends in lines[i] (at most SENTENCE_ENDS_MAX): a terminator, any closing
 * quotes or brackets, then white space or the line's end (at most ends_max). A terminator's match
 * takes only closing marks and one white space after it, never another terminator, so counting the
 * positions counts re.findall's non-overlapping matches. Both caps are below 128. */

static int
is_separator(Py_UCS4 ch)
{
    return ch == '|' || ch == 0x2022 || ch == 0x00B7 || ch == 0x00BB || ch == 0x203A;
}

static int
is_terminator(Py_UCS4 ch)
{
    return ch == '.' || ch == '!' || ch == '?' || ch == 0x3002 || ch == 0xFF01 || ch == 0xFF1F;
}

static int
is_closing(Py_UCS4 ch)
{
    return ch == '"' || ch == '\'' || ch == 0x201D || ch == 0x2019 || ch == 0x00BB || ch == ')' || ch == ']';
}

static void
mark_low(PyObject *line, int separators_max, char *row)
{
    int kind = PyUnicode_KIND(line);
    const void *data = PyUnicode_DATA(line);
    Py_ssize_t n = PyUnicode_GET_LENGTH(line);
    int separators = 0, link = 0, copyright = 0;
    for (Py_ssize_t p = 0; p < n; p++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, p);
        if (is_separator(ch))
            separators += separators < separators_max;
        else if (ch == 0x00A9 || (ch == '(' && word_at(kind, data, n, p, "(c)")))
            copyright = 1;
        else if (!link && ch == 'h')
            link = word_at(kind, data, n, p, "http:") || word_at(kind, data, n, p, "https:");
        else if (!link && ch == 'w')
            link = word_at(kind, data, n, p, "www.");
        else if (!link && ch == '.')
            link = word_at(kind, data, n, p, ".com") && (p + 4 >= n || !is_word(PyUnicode_READ(kind, data, p + 4)));
    }
    row[0] = (char)separators;
    row[1] = (char)link;
    row[2] = (char)copyright;
}

static int
sentence_ends(PyObject *line, int ends_max)
{
    int kind = PyUnicode_KIND(line);
    const void *data = PyUnicode_DATA(line);
    Py_ssize_t n = PyUnicode_GET_LENGTH(line);
    int ends = 0;
    for (Py_ssize_t p = 0; p < n && ends < ends_max; p++) {
        if (!is_terminator(PyUnicode_READ(kind, data, p)))
            continue;
        Py_ssize_t q = p + 1;
        while (q < n && is_closing(PyUnicode_READ(kind, data, q)))
            q++;
        if (q == n || Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, q))) {
            ends++;
            p = q;
        }
    }
    return ends;
}

static PyObject *
line_marks(PyObject *module, PyObject *args)
{
    PyObject *lines, *low;
    int separators_max, ends_max;
    if (!PyArg_ParseTuple(args, "O!O!ii:line_marks", &PyList_Type, &lines, &PyList_Type, &low, &separators_max,
                          &ends_max))
        return NULL;
    if (separators_max < 0 || separators_max > 127 || ends_max < 0 || ends_max > 127) {
        PyErr_SetString(PyExc_ValueError, "line_marks: caps must be 0 to 127");
        return NULL;
    }
    if (!same_length(lines, low, "line_marks"))
        return NULL;
    Py_ssize_t count = PyList_GET_SIZE(lines);
    PyObject *out = PyBytes_FromStringAndSize(NULL, 4 * count);
    if (out == NULL)
        return NULL;
    char *rows = PyBytes_AS_STRING(out);
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *line = PyList_GET_ITEM(lines, i), *lowered = PyList_GET_ITEM(low, i);
        if (!PyUnicode_Check(line) || !PyUnicode_Check(lowered)) {
            Py_DECREF(out);
            return PyErr_Format(PyExc_TypeError, "line_marks: lines must be str");
        }
        mark_low(lowered, separators_max, rows + 4 * i);
        rows[4 * i + 3] = (char)sentence_ends(line, ends_max);
    }
    return out;
}

/* ------------------------------------------------------------------ line shapes */

/* line_shapes(lines, raws, quotes, ends, colons, bullets, indents, ellipses) -> bytes
 *
 * What features.line_shapes reads off each line with str methods, in one pass over it, as n rows
 * of SHAPE_COLUMNS native doubles: its length, its spaces and commas (str.count), whether it ends a sentence
 * (the line less its closing quotes, str.rstrip(quotes), or the line when nothing is left, ends in
 * one of `ends` and not in an ellipsis), ends in an ellipsis (str.endswith(ellipses) of the same),
 * ends in one of `colons`, is upper-cased (str.isupper), its raw line starts with one of `indents`
 * or is empty (raw[:1] in indents), and it starts with one of `bullets`. */
enum { SHAPE_CHARS, SHAPE_SPACES, SHAPE_COMMAS, SHAPE_SENTENCE, SHAPE_ELLIPSIS, SHAPE_COLON, SHAPE_UPPER, SHAPE_INDENTED,
       SHAPE_BULLETED, SHAPE_COLUMNS };

static inline int
holds(PyObject *chars, Py_UCS4 ch)
{
    return PyUnicode_FindChar(chars, ch, 0, PyUnicode_GET_LENGTH(chars), 1) >= 0;
}

/* str.isupper(): a cased character, and none lower-cased or title-cased. */
static int
is_upper(int kind, const void *data, Py_ssize_t n)
{
    if (n == 1)
        return ch_upper(PyUnicode_READ(kind, data, 0)) != 0;
    int cased = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch_lower(ch) || ch_title(ch))
            return 0;
        cased = cased || ch_upper(ch);
    }
    return cased;
}

/* One line's row; -1 on an error. */
static int
shape_line(PyObject *line, PyObject *raw, PyObject *const *marks, PyObject *ellipses, double *row)
{
    PyObject *quotes = marks[0], *ends = marks[1], *colons = marks[2], *bullets = marks[3], *indents = marks[4];
    int kind = PyUnicode_KIND(line);
    const void *data = PyUnicode_DATA(line);
    Py_ssize_t n = PyUnicode_GET_LENGTH(line), spaces = 0, commas = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        spaces += ch == ' ';
        commas += ch == ',';
    }
    Py_ssize_t core = n; /* the end of line.rstrip(quotes) or line */
    while (core > 0 && holds(quotes, PyUnicode_READ(kind, data, core - 1)))
        core--;
    if (core == 0)
        core = n;
    int ellipsis = 0;
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(ellipses) && !ellipsis; k++) {
        Py_ssize_t found = PyUnicode_Tailmatch(line, PyTuple_GET_ITEM(ellipses, k), 0, core, 1);
        if (found < 0)
            return -1;
        ellipsis = (int)found;
    }
    row[SHAPE_CHARS] = (double)n;
    row[SHAPE_SPACES] = (double)spaces;
    row[SHAPE_COMMAS] = (double)commas;
    row[SHAPE_SENTENCE] = core > 0 && holds(ends, PyUnicode_READ(kind, data, core - 1)) && !ellipsis;
    row[SHAPE_ELLIPSIS] = ellipsis;
    row[SHAPE_COLON] = n > 0 && holds(colons, PyUnicode_READ(kind, data, n - 1));
    row[SHAPE_UPPER] = is_upper(kind, data, n);
    row[SHAPE_INDENTED] = PyUnicode_GET_LENGTH(raw) == 0 || holds(indents, PyUnicode_READ_CHAR(raw, 0));
    row[SHAPE_BULLETED] = n > 0 && holds(bullets, PyUnicode_READ(kind, data, 0));
    return 0;
}

static PyObject *
line_shapes(PyObject *module, PyObject *args)
{
    PyObject *lines, *raws, *marks[5], *ellipses;
    if (!PyArg_ParseTuple(args, "O!O!UUUUUO!:line_shapes", &PyList_Type, &lines, &PyList_Type, &raws, &marks[0],
                          &marks[1], &marks[2], &marks[3], &marks[4], &PyTuple_Type, &ellipses))
        return NULL;
    if (PyList_GET_SIZE(raws) != PyList_GET_SIZE(lines)) {
        PyErr_SetString(PyExc_ValueError, "line_shapes: lines and raws differ in length");
        return NULL;
    }
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(ellipses); k++)
        if (!PyUnicode_Check(PyTuple_GET_ITEM(ellipses, k))) {
            PyErr_SetString(PyExc_TypeError, "line_shapes: ellipses must be str");
            return NULL;
        }
    Py_ssize_t count = PyList_GET_SIZE(lines);
    PyObject *out = PyBytes_FromStringAndSize(NULL, count * SHAPE_COLUMNS * (Py_ssize_t)sizeof(double));
    if (out == NULL)
        return NULL;
    double *rows = (double *)PyBytes_AS_STRING(out);
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *line = PyList_GET_ITEM(lines, i), *raw = PyList_GET_ITEM(raws, i);
        if (!PyUnicode_Check(line) || !PyUnicode_Check(raw)) {
            Py_DECREF(out);
            return PyErr_Format(PyExc_TypeError, "line_shapes: lines must be str");
        }
        if (shape_line(line, raw, marks, ellipses, rows + SHAPE_COLUMNS * i) < 0) {
            Py_DECREF(out);
            return NULL;
        }
    }
    return out;
}

/* ------------------------------------------------------------------ markup */

/* markup_counts(text, plain, bounded, words, groups, located) -> (list, list, list, list, list)
 *
 * What boilerstrip.pagetype.markup_hints reads in a page's lower-cased markup, in one pass:
 * - per needle of `plain` (a tuple of str), its non-overlapping occurrences (str.count);
 * - per needle of `bounded`, those that no word character follows (the pattern "<pre\b");
 * - per word of `words`, the matches of [\"/]([a-z]+)\" that capture it, scanning as re.findall
 *   does (a match takes the closing quote, so the next one starts after it);
 * - per tuple of words in `groups`, the class attributes that hold one as a class name:
 *   class=["'][^"']*\b(?:word|...)[-_\s"'], counted per attribute (pagetype._class_pattern says why
 *   that is re.findall's count);
 * - per needle of `located`, the list of every place it occurs, overlapping ones too (str.find from
 *   one past the last).
 * A needle is tried only at a position holding its first character, through a table of the needles
 * by their first character (ASCII), or a short list (others). */

enum { PLAIN, BOUNDED, LOCATED };

typedef struct {
    Py_UCS4 *chars;
    Py_ssize_t len, next_ok;
    long count;
    int role;
    PyObject *places; /* LOCATED: a list of positions */
} needle;

static int
needle_at(int kind, const void *data, Py_ssize_t n, Py_ssize_t p, const needle *k)
{
    if (p < k->next_ok || p + k->len > n)
        return 0;
    for (Py_ssize_t j = 1; j < k->len; j++)
        if (PyUnicode_READ(kind, data, p + j) != k->chars[j])
            return 0;
    return k->role != BOUNDED || p + k->len == n || !is_word(PyUnicode_READ(kind, data, p + k->len));
}

/* Whether the str `word` stands at text[from:], wholly before `to`. */
static int
word_at_span(int kind, const void *data, Py_ssize_t from, Py_ssize_t to, PyObject *word)
{
    Py_ssize_t len = PyUnicode_GET_LENGTH(word);
    if (from + len > to)
        return 0;
    for (Py_ssize_t j = 0; j < len; j++)
        if (PyUnicode_READ_CHAR(word, j) != PyUnicode_READ(kind, data, from + j))
            return 0;
    return 1;
}

/* The index in `words` of the word that is exactly text[from:to], or -1. */
static Py_ssize_t
word_index(int kind, const void *data, Py_ssize_t from, Py_ssize_t to, PyObject *words)
{
    for (Py_ssize_t w = 0; w < PyTuple_GET_SIZE(words); w++) {
        PyObject *word = PyTuple_GET_ITEM(words, w);
        if (PyUnicode_GET_LENGTH(word) == to - from && word_at_span(kind, data, from, to, word))
            return w;
    }
    return -1;
}

static int
is_ascii_lower(Py_UCS4 ch)
{
    return ch >= 'a' && ch <= 'z';
}

/* After a quote or slash at p: the end of the [a-z]+ run when a quote closes it, else 0. */
static Py_ssize_t
quoted_word_end(int kind, const void *data, Py_ssize_t n, Py_ssize_t p)
{
    Py_ssize_t q = p + 1 + run_of(kind, data, n, p + 1, is_ascii_lower);
    return q > p + 1 && q < n && PyUnicode_READ(kind, data, q) == '"' ? q : 0;
}

/* Whether the class value text[from:end] (`end` at a quote, or the text's end `n`) holds a word of
 * `group` at a word start, followed by -, _, white space or the closing quote. */
static int
class_holds(int kind, const void *data, Py_ssize_t n, Py_ssize_t from, Py_ssize_t end, PyObject *group)
{
    for (Py_ssize_t j = from; j < end; j++) {
        if (j > from && is_word(PyUnicode_READ(kind, data, j - 1)))
            continue;
        for (Py_ssize_t w = 0; w < PyTuple_GET_SIZE(group); w++) {
            PyObject *word = PyTuple_GET_ITEM(group, w);
            Py_ssize_t after = j + PyUnicode_GET_LENGTH(word);
            if (!word_at_span(kind, data, j, end, word))
                continue;
            if (after < end) {
                Py_UCS4 c = PyUnicode_READ(kind, data, after);
                if (c == '-' || c == '_' || Py_UNICODE_ISSPACE(c))
                    return 1;
            }
            else if (end < n) /* the closing quote */
                return 1;
        }
    }
    return 0;
}

static PyObject *
count_list(const long *counts, Py_ssize_t size)
{
    PyObject *out = PyList_New(size);
    for (Py_ssize_t i = 0; out != NULL && i < size; i++) {
        PyObject *v = PyLong_FromLong(counts[i]);
        if (v == NULL) {
            Py_CLEAR(out);
            break;
        }
        PyList_SET_ITEM(out, i, v);
    }
    return out;
}

static int
check_strs(PyObject *tuple, int nonempty, const char *what)
{
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(tuple); i++) {
        PyObject *s = PyTuple_GET_ITEM(tuple, i);
        if (!PyUnicode_Check(s) || (nonempty && PyUnicode_GET_LENGTH(s) == 0)) {
            PyErr_Format(PyExc_ValueError, "markup_counts: %s must be non-empty str", what);
            return -1;
        }
    }
    return 0;
}

static PyObject *
markup_counts(PyObject *module, PyObject *args)
{
    PyObject *text, *plain, *bounded, *words, *groups, *located, *result = NULL;
    if (!PyArg_ParseTuple(args, "UO!O!O!O!O!:markup_counts", &text, &PyTuple_Type, &plain, &PyTuple_Type, &bounded,
                          &PyTuple_Type, &words, &PyTuple_Type, &groups, &PyTuple_Type, &located))
        return NULL;
    PyObject *roles[3] = {plain, bounded, located};
    Py_ssize_t total = 0, ngroups = PyTuple_GET_SIZE(groups), nw = PyTuple_GET_SIZE(words);
    for (int r = 0; r < 3; r++) {
        if (check_strs(roles[r], 1, "needles") < 0)
            return NULL;
        total += PyTuple_GET_SIZE(roles[r]);
    }
    if (check_strs(words, 1, "words") < 0)
        return NULL;
    for (Py_ssize_t g = 0; g < ngroups; g++)
        if (!PyTuple_Check(PyTuple_GET_ITEM(groups, g)) || check_strs(PyTuple_GET_ITEM(groups, g), 1, "groups") < 0) {
            PyErr_SetString(PyExc_ValueError, "markup_counts: groups must be tuples of non-empty str");
            return NULL;
        }
    Py_ssize_t slots = total ? total : 1;
    needle *needles = PyMem_Calloc(slots, sizeof(needle));
    Py_ssize_t *table = PyMem_Calloc(128 * slots, sizeof(Py_ssize_t)); /* ASCII-led needles by first char */
    Py_ssize_t *wide = PyMem_Calloc(slots, sizeof(Py_ssize_t));        /* the others */
    long *counts = PyMem_Calloc(slots + nw + ngroups, sizeof(long));
    Py_ssize_t filled[128] = {0}, nwide = 0;
    if (needles == NULL || table == NULL || wide == NULL || counts == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0, r = 0, k = 0; i < total; i++, k++) {
        while (k >= PyTuple_GET_SIZE(roles[r]))
            r++, k = 0;
        PyObject *s = PyTuple_GET_ITEM(roles[r], k);
        needles[i].chars = PyUnicode_AsUCS4Copy(s);
        if (needles[i].chars == NULL)
            goto done;
        needles[i].len = PyUnicode_GET_LENGTH(s);
        needles[i].role = (int)r;
        if (r == LOCATED && (needles[i].places = PyList_New(0)) == NULL)
            goto done;
        Py_UCS4 first = needles[i].chars[0];
        if (first < 128)
            table[first * slots + filled[first]++] = i;
        else
            wide[nwide++] = i;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), word_from = 0;
    for (Py_ssize_t p = 0; p < n; p++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, p);
        Py_ssize_t candidates = ch < 128 ? filled[ch] : nwide;
        const Py_ssize_t *which = ch < 128 ? table + ch * slots : wide;
        if ((ch == '"' || ch == '/') && p >= word_from) {
            Py_ssize_t q = quoted_word_end(kind, data, n, p);
            if (q) {
                Py_ssize_t w = word_index(kind, data, p + 1, q, words);
                if (w >= 0)
                    counts[slots + w]++;
                word_from = q + 1;
            }
        }
        else if (ch == 'c' && ngroups && p + 7 <= n && word_at(kind, data, n, p, "class=")) {
            Py_UCS4 quote = PyUnicode_READ(kind, data, p + 6);
            if (quote == '"' || quote == '\'') {
                Py_ssize_t end = p + 7;
                while (end < n && PyUnicode_READ(kind, data, end) != '"' && PyUnicode_READ(kind, data, end) != '\'')
                    end++;
                for (Py_ssize_t g = 0; g < ngroups; g++)
                    counts[slots + nw + g] += class_holds(kind, data, n, p + 7, end, PyTuple_GET_ITEM(groups, g));
            }
        }
        for (Py_ssize_t f = 0; f < candidates; f++) {
            needle *k = &needles[which[f]];
            if (k->chars[0] != ch || !needle_at(kind, data, n, p, k))
                continue;
            if (k->role == LOCATED) {
                PyObject *at = PyLong_FromSsize_t(p);
                int failed = at == NULL || PyList_Append(k->places, at) < 0;
                Py_XDECREF(at);
                if (failed)
                    goto done;
            }
            else {
                k->count++;
                k->next_ok = p + k->len;
            }
        }
    }
    for (Py_ssize_t i = 0; i < total; i++)
        counts[i] = needles[i].count;
    Py_ssize_t np_ = PyTuple_GET_SIZE(plain), nb = PyTuple_GET_SIZE(bounded);
    PyObject *places = PyList_New(PyTuple_GET_SIZE(located));
    for (Py_ssize_t i = 0; places != NULL && i < PyTuple_GET_SIZE(located); i++) {
        PyList_SET_ITEM(places, i, needles[np_ + nb + i].places);
        needles[np_ + nb + i].places = NULL; /* the list owns it now */
    }
    PyObject *a = count_list(counts, np_), *b = count_list(counts + np_, nb), *c = count_list(counts + slots, nw);
    PyObject *d = count_list(counts + slots + nw, ngroups);
    if (a != NULL && b != NULL && c != NULL && d != NULL && places != NULL)
        result = PyTuple_Pack(5, a, b, c, d, places);
    Py_XDECREF(a);
    Py_XDECREF(b);
    Py_XDECREF(c);
    Py_XDECREF(d);
    Py_XDECREF(places);
done:
    for (Py_ssize_t i = 0; needles != NULL && i < total; i++) {
        PyMem_Free(needles[i].chars);
        Py_XDECREF(needles[i].places);
    }
    PyMem_Free(needles);
    PyMem_Free(table);
    PyMem_Free(wide);
    PyMem_Free(counts);
    return result;
}

/* ------------------------------------------------------------------ normal forms */

/* alnum_only(text) -> str: text with every character dropped that is neither alphanumeric (str.isalnum,
 * which is what re's \w tests besides "_") nor a line break: what select._normal_lines's
 * pattern [^\w\n]+ leaves of a text whose "_" are gone, in one pass and one copy. */
/* 0 when `text` is a str, else -1 with a TypeError naming the function `who`. */
static int
require_str(PyObject *text, const char *who)
{
    if (PyUnicode_Check(text))
        return 0;
    PyErr_Format(PyExc_TypeError, "%s: text must be a str", who);
    return -1;
}

static PyObject *
alnum_only(PyObject *module, PyObject *text)
{
    if (require_str(text, "alnum_only") < 0)
        return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), k = 0;
    void *kept = PyMem_Malloc((size_t)(n ? n : 1) * (size_t)kind); /* the text's own width */
    if (kept == NULL)
        return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch == '\n' || ch_alnum(ch))
            PyUnicode_WRITE(kind, kept, k++, ch);
    }
    PyObject *out = PyUnicode_FromKindAndData(kind, kept, k); /* narrowed where it can be */
    PyMem_Free(kept);
    return out;
}

/* ------------------------------------------------------------------ character ranges */

/* in_ranges(lines, bounds) -> bool: whether a character of a line lies in one of the ranges `bounds`
 * gives as pairs of characters (first, last, first, last, ...): what a search of the character class
 * [first-last...] over the lines says (features._spaceless_counts asks it of the CJK and Thai blocks).
 * A line whose widest possible character (by its storage: ASCII, one byte, two) lies below every range
 * is not read: most pages' lines. */
#define MAX_RANGES 16

static PyObject *
in_ranges(PyObject *module, PyObject *args)
{
    PyObject *lines, *bounds;
    if (!PyArg_ParseTuple(args, "O!U:in_ranges", &PyList_Type, &lines, &bounds))
        return NULL;
    Py_ssize_t k = PyUnicode_GET_LENGTH(bounds);
    if (k % 2 || k / 2 > MAX_RANGES) {
        PyErr_SetString(PyExc_ValueError, "in_ranges: bounds must be at most 16 pairs of characters");
        return NULL;
    }
    Py_UCS4 first[MAX_RANGES], last[MAX_RANGES], lowest = 0x10FFFF;
    for (Py_ssize_t r = 0; r < k / 2; r++) {
        first[r] = PyUnicode_READ_CHAR(bounds, 2 * r);
        last[r] = PyUnicode_READ_CHAR(bounds, 2 * r + 1);
        if (first[r] < lowest)
            lowest = first[r];
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(lines); i++) {
        PyObject *line = PyList_GET_ITEM(lines, i);
        if (require_str(line, "in_ranges") < 0)
            return NULL;
        int kind = PyUnicode_KIND(line);
        Py_UCS4 widest = PyUnicode_IS_ASCII(line) ? 0x7F : kind == PyUnicode_1BYTE_KIND ? 0xFF
                         : kind == PyUnicode_2BYTE_KIND ? 0xFFFF : 0x10FFFF;
        if (widest < lowest)
            continue;
        const void *data = PyUnicode_DATA(line);
        for (Py_ssize_t p = 0, n = PyUnicode_GET_LENGTH(line); p < n; p++) {
            Py_UCS4 ch = PyUnicode_READ(kind, data, p);
            if (ch < lowest)
                continue;
            for (Py_ssize_t r = 0; r < k / 2; r++)
                if (first[r] <= ch && ch <= last[r])
                    Py_RETURN_TRUE;
        }
    }
    Py_RETURN_FALSE;
}

/* ------------------------------------------------------------------ JSON strings */

/* json_string(text) -> str: the text as a JSON string, quotes included, exactly as
 * json.dumps(text, ensure_ascii=False) writes it: '"' and '\\' escaped, \b \f \n \r \t by their
 * letters, other characters below U+0020 as \u00XX, everything else (lone surrogates too) as it is.
 * The corpus job writes a row's text with it: the json module's own escaper walks a page's text at
 * about 200 MB/s; one counting pass and one copying pass here go several times faster. */
static Py_ssize_t
json_extra(Py_UCS4 ch)
{
    if (ch == '"' || ch == '\\')
        return 1;
    if (ch >= 0x20)
        return 0;
    return (ch == '\b' || ch == '\f' || ch == '\n' || ch == '\r' || ch == '\t') ? 1 : 5;
}

static const char json_hex[] = "0123456789abcdef";

/* One kind's counting pass: how many more characters the escapes take. */
#define JSON_COUNT(TYPE)                                                              \
    do {                                                                              \
        const TYPE *p = (const TYPE *)data;                                           \
        for (Py_ssize_t i = 0; i < n; i++)                                            \
            if (p[i] < 0x20 || p[i] == '"' || p[i] == '\\')                           \
                extra += json_extra(p[i]);                                            \
    } while (0)

/* One kind's copying pass: runs that need no escape copied whole, each escape written out. */
#define JSON_COPY(TYPE)                                                               \
    do {                                                                              \
        const TYPE *p = (const TYPE *)data;                                           \
        TYPE *o = (TYPE *)odata;                                                      \
        Py_ssize_t run = 0;                                                           \
        o[k++] = '"';                                                                 \
        for (Py_ssize_t i = 0; i < n; i++) {                                          \
            TYPE ch = p[i];                                                           \
            if (ch >= 0x20 && ch != '"' && ch != '\\')                                \
                continue;                                                             \
            memcpy(o + k, p + run, (size_t)(i - run) * sizeof(TYPE));                 \
            k += i - run;                                                             \
            run = i + 1;                                                              \
            o[k++] = '\\';                                                            \
            switch (ch) {                                                             \
            case '"': o[k++] = '"'; break;                                            \
            case '\\': o[k++] = '\\'; break;                                          \
            case '\b': o[k++] = 'b'; break;                                           \
            case '\f': o[k++] = 'f'; break;                                           \
            case '\n': o[k++] = 'n'; break;                                           \
            case '\r': o[k++] = 'r'; break;                                           \
            case '\t': o[k++] = 't'; break;                                           \
            default:                                                                  \
                o[k++] = 'u';                                                         \
                o[k++] = '0';                                                         \
                o[k++] = '0';                                                         \
                o[k++] = (TYPE)json_hex[(ch >> 4) & 0xf];                             \
                o[k++] = (TYPE)json_hex[ch & 0xf];                                    \
            }                                                                         \
        }                                                                             \
        memcpy(o + k, p + run, (size_t)(n - run) * sizeof(TYPE));                     \
        k += n - run;                                                                 \
        o[k++] = '"';                                                                 \
    } while (0)

static PyObject *
json_string(PyObject *module, PyObject *text)
{
    if (require_str(text, "json_string") < 0)
        return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), extra = 0, k = 0;
    if (kind == PyUnicode_1BYTE_KIND)
        JSON_COUNT(Py_UCS1);
    else if (kind == PyUnicode_2BYTE_KIND)
        JSON_COUNT(Py_UCS2);
    else
        JSON_COUNT(Py_UCS4);
    if (n > PY_SSIZE_T_MAX / 4 - 2 - extra)
        return PyErr_NoMemory();
    /* the escapes are ASCII: the copy has the text's widest character, so its kind */
    PyObject *out = PyUnicode_New(n + 2 + extra, PyUnicode_MAX_CHAR_VALUE(text));
    if (out == NULL)
        return NULL;
    void *odata = PyUnicode_DATA(out);
    if (kind == PyUnicode_1BYTE_KIND)
        JSON_COPY(Py_UCS1);
    else if (kind == PyUnicode_2BYTE_KIND)
        JSON_COPY(Py_UCS2);
    else
        JSON_COPY(Py_UCS4);
    assert(k == n + 2 + extra);
    return out;
}

#undef JSON_COUNT
#undef JSON_COPY

/* ------------------------------------------------------------------ class and id names */

/* name_table(table) -> capsule, name_flags(capsule, class_only, classes, ident) -> int
 *
 * The flags html._attr_flags gives an element's class and id names, without a pattern per flag.
 * The table (html._name_table, int32) is a trie of every fragment: node count, edge count, then per
 * node the flags of a fragment ending there anywhere / only as a whole token ([a-z0-9] on neither
 * side, as html's word pattern says) / only as the whole name / first edge / edge count, then per
 * edge character / target;
 * a node's edges come by character, ascending, and lead deeper. Each white-space separated name is
 * lower-cased on its own (str.lower(), asked of Python where a name is not ASCII) and every place
 * in it is tried; `class_only` is the flags only class names may give (not an id's). */
typedef struct {
    int32_t any, word, whole, first, count;
} name_node;

typedef struct {
    int32_t ch, target;
} name_edge;

typedef struct {
    Py_ssize_t nodes, edges;
    name_node *node;
    name_edge *edge;
    int32_t root[128]; /* the root's child by ASCII character, -1 for none */
} name_trie;

static const char NAME_CAPSULE[] = "boilerstrip._speedups.names";

static void
drop_name_trie(name_trie *t)
{
    if (t != NULL) {
        PyMem_Free(t->node);
        PyMem_Free(t->edge);
        PyMem_Free(t);
    }
}

static void
free_name_trie(PyObject *capsule)
{
    drop_name_trie(PyCapsule_GetPointer(capsule, NAME_CAPSULE));
}

/* Checks every index of a flattened name trie once and keeps a copy. */
static PyObject *
name_table(PyObject *module, PyObject *arg)
{
    name_trie *t = PyMem_Calloc(1, sizeof(name_trie));
    if (t == NULL)
        return PyErr_NoMemory();
    void *node = NULL, *edge = NULL;
    int status = copy_flat_table(arg, sizeof(name_node), sizeof(name_edge), &t->nodes, &t->edges, &node, &edge);
    t->node = node;
    t->edge = edge;
    if (status == FLAT_MEMORY || status == FLAT_RAISED) {
        drop_name_trie(t);
        return status == FLAT_MEMORY ? PyErr_NoMemory() : NULL;
    }
    if (status != FLAT_OK)
        goto bad;
    for (Py_ssize_t k = 0; k < t->nodes; k++) {
        const name_node *nd = &t->node[k];
        if (nd->first < 0 || nd->count < 0 || (Py_ssize_t)nd->first + nd->count > t->edges)
            goto bad;
        for (int32_t e = nd->first; e < nd->first + nd->count; e++) {
            const name_edge *ed = &t->edge[e];
            if (ed->target <= k || ed->target >= t->nodes || ed->ch < 0 || (e > nd->first && t->edge[e - 1].ch >= ed->ch))
                goto bad;
        }
    }
    for (int c = 0; c < 128; c++)
        t->root[c] = -1;
    for (int32_t e = t->node[0].first; e < t->node[0].first + t->node[0].count; e++)
        if (t->edge[e].ch < 128)
            t->root[t->edge[e].ch] = t->edge[e].target;
    PyObject *capsule = PyCapsule_New(t, NAME_CAPSULE, free_name_trie);
    if (capsule == NULL)
        drop_name_trie(t);
    return capsule;
bad:
    drop_name_trie(t);
    PyErr_SetString(PyExc_ValueError, "name_table: not a flattened name trie");
    return NULL;
}

/* [a-z0-9]: what may not stand beside a whole-token fragment. */
static inline int
is_token_char(Py_UCS4 ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
}

static inline Py_UCS4
ascii_lower(Py_UCS4 ch)
{
    return ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch;
}

/* The flags of one lower-cased name: every fragment at every place. `fold` lower-cases ASCII as read. */
static long
flags_of_name(const name_trie *t, int kind, const void *data, Py_ssize_t start, Py_ssize_t end, int fold)
{
    long flags = 0;
    for (Py_ssize_t i = start; i < end; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (fold)
            ch = ascii_lower(ch);
        int32_t node = ch < 128 ? t->root[ch] : -1;
        if (ch >= 128) { /* a wide first character: the root's edges, in order */
            const name_node *root = &t->node[0];
            for (int32_t e = root->first; e < root->first + root->count && t->edge[e].ch <= (int32_t)ch; e++)
                if (t->edge[e].ch == (int32_t)ch)
                    node = t->edge[e].target;
        }
        Py_ssize_t j = i + 1;
        while (node >= 0) {
            const name_node *nd = &t->node[node];
            flags |= nd->any;
            if (nd->whole && i == start && j == end)
                flags |= nd->whole;
            if (nd->word) {
                int before = i > start ? is_token_char(fold ? ascii_lower(PyUnicode_READ(kind, data, i - 1))
                                                            : PyUnicode_READ(kind, data, i - 1)) : 0;
                int after = j < end ? is_token_char(fold ? ascii_lower(PyUnicode_READ(kind, data, j))
                                                         : PyUnicode_READ(kind, data, j)) : 0;
                if (!before && !after)
                    flags |= nd->word;
            }
            if (j == end)
                break;
            Py_UCS4 next = PyUnicode_READ(kind, data, j);
            if (fold)
                next = ascii_lower(next);
            int32_t to = -1;
            for (int32_t e = nd->first; e < nd->first + nd->count && t->edge[e].ch <= (int32_t)next; e++)
                if (t->edge[e].ch == (int32_t)next)
                    to = t->edge[e].target;
            node = to;
            j++;
        }
    }
    return flags;
}

/* The flags of every name in `names` (split as str.split() splits), or -1 on an error. */
static long
flags_of_names(const name_trie *t, PyObject *names)
{
    int kind = PyUnicode_KIND(names);
    const void *data = PyUnicode_DATA(names);
    Py_ssize_t n = PyUnicode_GET_LENGTH(names), i = 0;
    int ascii = PyUnicode_IS_ASCII(names);
    long flags = 0;
    while (i < n) {
        while (i < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)))
            i++;
        Py_ssize_t start = i;
        int wide = 0;
        while (i < n) {
            Py_UCS4 ch = PyUnicode_READ(kind, data, i);
            if (Py_UNICODE_ISSPACE(ch))
                break;
            wide |= ch >= 128;
            i++;
        }
        if (i == start)
            break;
        if (ascii || !wide) {
            flags |= flags_of_name(t, kind, data, start, i, 1);
            continue;
        }
        /* str.lower() of a name with other than ASCII: its length and characters may change */
        PyObject *name = PyUnicode_Substring(names, start, i);
        PyObject *low = name != NULL ? PyObject_CallMethod(name, "lower", NULL) : NULL;
        Py_XDECREF(name);
        if (low == NULL)
            return -1;
        flags |= flags_of_name(t, PyUnicode_KIND(low), PyUnicode_DATA(low), 0, PyUnicode_GET_LENGTH(low), 0);
        Py_DECREF(low);
    }
    return flags;
}

static PyObject *
name_flags(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4 || !PyUnicode_Check(args[2]) || !PyUnicode_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError, "name_flags(table, class_only: int, classes: str, ident: str)");
        return NULL;
    }
    name_trie *t = PyCapsule_GetPointer(args[0], NAME_CAPSULE);
    long class_only = PyLong_AsLong(args[1]);
    if (t == NULL || (class_only == -1 && PyErr_Occurred()))
        return NULL;
    long classes = flags_of_names(t, args[2]);
    if (classes < 0)
        return NULL;
    long ident = flags_of_names(t, args[3]);
    if (ident < 0)
        return NULL;
    return PyLong_FromLong(classes | (ident & ~class_only));
}

/* ------------------------------------------------------------------ windowed means */

/* windowed_mean(values, half, include_self) -> bytes: features.windowed_mean's numbers (n native
 * doubles) in one pass, from the same prefix sums added in the same order as numpy's cumsum (the
 * first sum is the first value itself), the same differences and the same divisions, so each is the
 * same double; 0.0 where a value has no neighbours. */
static PyObject *
windowed_mean(PyObject *module, PyObject *args)
{
    Py_buffer vb;
    Py_ssize_t half;
    int include_self;
    if (!PyArg_ParseTuple(args, "y*np:windowed_mean", &vb, &half, &include_self))
        return NULL;
    PyObject *out = NULL;
    if (vb.len % (Py_ssize_t)sizeof(double) || half < 0) {
        PyErr_SetString(PyExc_ValueError, "windowed_mean: values must be doubles, half at least 0");
        goto done;
    }
    Py_ssize_t n = vb.len / (Py_ssize_t)sizeof(double);
    const double *values = vb.buf;
    double *prefix = PyMem_Malloc((size_t)(n + 1) * sizeof(double));
    if (prefix == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    prefix[0] = 0.0;
    for (Py_ssize_t i = 0; i < n; i++)
        prefix[i + 1] = i ? prefix[i] + values[i] : values[0];
    out = PyBytes_FromStringAndSize(NULL, n * (Py_ssize_t)sizeof(double));
    if (out != NULL) {
        double *means = (double *)PyBytes_AS_STRING(out);
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_ssize_t lo = i - half > 0 ? i - half : 0, hi = n - i - 1 > half ? i + half + 1 : n;
            double total = prefix[hi] - prefix[lo], count = (double)(hi - lo);
            if (!include_self) {
                total = total - values[i];
                count = count - 1;
            }
            means[i] = count > 0 ? total / count : 0.0;
        }
    }
    PyMem_Free(prefix);
done:
    PyBuffer_Release(&vb);
    return out;
}

/* ------------------------------------------------------------------ cohesion */

/* cohesion(low, longs, stop, min_chars) -> bytes: per line a double, features._cohesion: the share of
 * its content words that a long line other than itself holds too. A content word is a run of at
 * least `min_chars` characters that the pattern [^\W\d_] reads as letters (a letter, or a numeric
 * character that is no decimal digit), not in `stop` (a word_table); `longs` has a byte per line,
 * nonzero for a long line. Words are hashed where they stand, as word_table's are: no str is made. */
typedef struct {
    uint64_t hash;
    PyObject *line; /* borrowed from `low`; NULL: an empty slot */
    Py_ssize_t start, len;
    Py_ssize_t count, last; /* how many long lines hold the word; the last of them */
} cohesion_slot;

static inline int
content_char(Py_UCS4 ch)
{
    if (ch < 128)
        return (Py_UCS4)((ch | 32) - 'a') < 26;
    return Py_UNICODE_ISALPHA(ch) || (Py_UNICODE_ISNUMERIC(ch) && !Py_UNICODE_ISDECIMAL(ch));
}

/* The slot holding the word line[start:start + len] (hashed to h), or the empty slot it would take. */
static cohesion_slot *
cohesion_find(cohesion_slot *slot, size_t mask, PyObject *line, Py_ssize_t start, Py_ssize_t len, uint64_t h)
{
    int kind = PyUnicode_KIND(line);
    const void *data = PyUnicode_DATA(line);
    for (size_t k = (size_t)h & mask;; k = (k + 1) & mask) {
        cohesion_slot *s = &slot[k];
        if (s->line == NULL)
            return s;
        if (s->hash != h || s->len != len)
            continue;
        int other_kind = PyUnicode_KIND(s->line);
        const void *other = PyUnicode_DATA(s->line);
        Py_ssize_t j = 0;
        while (j < len && PyUnicode_READ(other_kind, other, s->start + j) == PyUnicode_READ(kind, data, start + j))
            j++;
        if (j == len)
            return s;
    }
}

/* Calls `visit` on each content word of a line that is no stop word; returns how many there were. */
typedef void (*word_visit)(void *state, PyObject *line, Py_ssize_t start, Py_ssize_t len, uint64_t h);

static Py_ssize_t
content_words(PyObject *line, const word_table_t *stop, Py_ssize_t min_chars, word_visit visit, void *state)
{
    Py_ssize_t length = PyUnicode_GET_LENGTH(line), found = 0, j = 0;
    int kind = PyUnicode_KIND(line);
    const void *data = PyUnicode_DATA(line);
    while (j < length) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, j);
        if (!content_char(ch)) {
            j++;
            continue;
        }
        Py_ssize_t start = j;
        uint64_t h = WORD_HASH_START;
        while (j < length && content_char(ch = PyUnicode_READ(kind, data, j))) {
            h = WORD_HASH_STEP(h, ch);
            j++;
        }
        if (j - start < min_chars || (j - start <= stop->longest && words_hold(stop, kind, data, start, j, h)))
            continue;
        found++;
        if (visit != NULL)
            visit(state, line, start, j - start, h);
    }
    return found;
}

typedef struct {
    cohesion_slot *slot;
    size_t mask, used;
    Py_ssize_t line; /* the line's index */
    int is_long, failed;
    Py_ssize_t hits;
} cohesion_state;

/* Doubles the table (its words are all distinct: each goes to the first empty slot of its probe). */
static int
cohesion_grow(cohesion_state *c)
{
    size_t slots = 2 * (c->mask + 1);
    cohesion_slot *grown = PyMem_Calloc(slots, sizeof(cohesion_slot));
    if (grown == NULL)
        return -1;
    for (size_t k = 0; k <= c->mask; k++) {
        if (c->slot[k].line == NULL)
            continue;
        size_t j = (size_t)c->slot[k].hash & (slots - 1);
        while (grown[j].line != NULL)
            j = (j + 1) & (slots - 1);
        grown[j] = c->slot[k];
    }
    PyMem_Free(c->slot);
    c->slot = grown;
    c->mask = slots - 1;
    return 0;
}

static void
cohesion_count(void *state, PyObject *line, Py_ssize_t start, Py_ssize_t len, uint64_t h)
{
    cohesion_state *c = state;
    if (c->failed)
        return;
    if (2 * (c->used + 1) > c->mask + 1 && cohesion_grow(c) < 0) {
        c->failed = 1;
        return;
    }
    cohesion_slot *s = cohesion_find(c->slot, c->mask, line, start, len, h);
    if (s->line == NULL) {
        *s = (cohesion_slot){h, line, start, len, 1, c->line};
        c->used++;
    }
    else if (s->last != c->line) {
        s->count++;
        s->last = c->line;
    }
}

static void
cohesion_hit(void *state, PyObject *line, Py_ssize_t start, Py_ssize_t len, uint64_t h)
{
    cohesion_state *c = state;
    cohesion_slot *s = cohesion_find(c->slot, c->mask, line, start, len, h);
    c->hits += s->line != NULL && s->count >= (c->is_long ? 2 : 1);
}

/* The table starts this small and doubles as it fills to half: a page's distinct words, not its words. */
#define COHESION_FIRST_SLOTS 1024

static PyObject *
cohesion(PyObject *module, PyObject *args)
{
    PyObject *low, *capsule;
    Py_buffer longs;
    Py_ssize_t min_chars;
    if (!PyArg_ParseTuple(args, "O!y*On:cohesion", &PyList_Type, &low, &longs, &capsule, &min_chars))
        return NULL;
    PyObject *out = NULL;
    cohesion_state state = {NULL, COHESION_FIRST_SLOTS - 1, 0, 0, 0, 0, 0};
    Py_ssize_t n = PyList_GET_SIZE(low);
    const word_table_t *stop = PyCapsule_IsValid(capsule, WORDS_CAPSULE) ? PyCapsule_GetPointer(capsule, WORDS_CAPSULE) : NULL;
    if (stop == NULL || longs.len != n || min_chars < 1) {
        PyErr_SetString(PyExc_ValueError, "cohesion: stop must be a word_table, longs a byte per line, min_chars at least 1");
        goto done;
    }
    const unsigned char *is_long = longs.buf;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (!PyUnicode_Check(PyList_GET_ITEM(low, i))) {
            PyErr_SetString(PyExc_TypeError, "cohesion: low must hold str");
            goto done;
        }
    }
    state.slot = PyMem_Calloc(COHESION_FIRST_SLOTS, sizeof(cohesion_slot));
    if (state.slot == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n && !state.failed; i++) {
        if (is_long[i]) {
            state.line = i;
            content_words(PyList_GET_ITEM(low, i), stop, min_chars, cohesion_count, &state);
        }
    }
    if (state.failed) {
        PyErr_NoMemory();
        goto done;
    }
    out = PyBytes_FromStringAndSize(NULL, n * (Py_ssize_t)sizeof(double));
    if (out == NULL)
        goto done;
    double *share = (double *)PyBytes_AS_STRING(out);
    for (Py_ssize_t i = 0; i < n; i++) {
        state.is_long = is_long[i] != 0;
        state.hits = 0;
        Py_ssize_t words = content_words(PyList_GET_ITEM(low, i), stop, min_chars, cohesion_hit, &state);
        share[i] = words ? (double)state.hits / (double)words : 0.0;
    }
done:
    PyMem_Free(state.slot);
    PyBuffer_Release(&longs);
    return out;
}

static PyMethodDef methods[] = {
    {"token_counts", token_counts, METH_VARARGS,
     "token_counts(lines, low, stop, sample) -> bytes: per line, int32 tokens, title-cased, digits, stop words"},
    {"cohesion", cohesion, METH_VARARGS,
     "cohesion(low, longs, stop, min_chars) -> bytes: per line, features._cohesion's share as a double"},
    {"word_table", word_table, METH_O,
     "word_table(words) -> capsule: a frozenset of str as a table token_counts looks tokens up in"},
    {"forest_sum", forest_sum, METH_VARARGS,
     "forest_sum(x, m, roots, first_child, feature, threshold, value, depth) -> bytes: per row, the trees' sum"},
    {"best_stretch", best_stretch, METH_O,
     "best_stretch(values) -> (start, end): score.best_stretch of a buffer of doubles"},
    {"forest_table", forest_table, METH_VARARGS,
     "forest_table(roots, first_child, feature, threshold, value, depth, base, interacting, prose, bin_sources, "
     "bin_edges, bin_counts) -> capsule: the trees, packed once, and how a row expands from the base features"},
    {"forest_rows", forest_rows, METH_VARARGS,
     "forest_rows(table, base_rows, tail_rows, tail) -> bytes: per row, the trees' sum over its expanded row"},
    {"phrase_table", phrase_table, METH_O, "phrase_table(table) -> capsule: a flattened phrase trie, checked"},
    {"phrase_hits", phrase_hits, METH_VARARGS,
     "phrase_hits(spaced, lines[, mode, spaceless, tail_max]) -> bytes: per line, 1 where a phrase is"},
    {"line_tests", line_tests, METH_VARARGS,
     "line_tests(low, words, short_max, section_max, nav_max, line_trie, section_spaced, section_spaceless, "
     "section_tail, nav_spaced, nav_spaceless, bylines) -> bytes: per line, the short lines' five tests"},
    {"date_hits", date_hits, METH_O, "date_hits(lines) -> bytes: per line, 1 where features._DATE finds a date"},
    {"line_marks", line_marks, METH_VARARGS,
     "line_marks(lines, low, separators_max, ends_max) -> bytes: per line, separators, link, copyright sign, sentence ends"},
    {"line_shapes", line_shapes, METH_VARARGS,
     "line_shapes(lines, raws, quotes, ends, colons, bullets, indents, ellipses) -> bytes: per line, "
     "features.line_shapes's nine columns"},
    {"markup_counts", markup_counts, METH_VARARGS,
     "markup_counts(text, plain, bounded, words, groups, located) -> (list, list, list, list, list): "
     "what pagetype.markup_hints reads, in one pass"},
    {"json_string", json_string, METH_O,
     "json_string(text) -> str: the text as json.dumps(text, ensure_ascii=False) writes it"},
    {"alnum_only", alnum_only, METH_O,
     "alnum_only(text) -> str: the text's alphanumeric characters and line breaks, nothing else"},
    {"in_ranges", in_ranges, METH_VARARGS,
     "in_ranges(lines, bounds) -> bool: whether a line holds a character of the ranges (pairs of characters)"},
    {"windowed_mean", windowed_mean, METH_VARARGS,
     "windowed_mean(values, half, include_self) -> bytes: features.windowed_mean's means, as n doubles"},
    {"name_table", name_table, METH_O, "name_table(table) -> capsule: a flattened trie of class and id fragments, checked"},
    {"name_flags", (PyCFunction)(void (*)(void))name_flags, METH_FASTCALL,
     "name_flags(table, class_only, classes, ident) -> int: the flags html._attr_flags gives the names"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_speedups",
                                    "boilerstrip's compiled counting, phrase tries and trees.", -1, methods};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    index_month_names();
    return PyModule_Create(&module);
}
