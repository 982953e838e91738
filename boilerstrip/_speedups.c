/* boilerstrip._speedups: the per-token counting of the text features, in one compiled pass, and the
 * scoring trees' walk.
 *
 * token_counts(lines, low, stop, sample) -> bytes
 *
 * For each line i, over the white-space tokens (str.split()) of lines[i][:sample]: how many, how
 * many are title-cased (str.istitle()) and how many are digits (str.isdigit()); and over the tokens
 * of low[i][:sample] (the line lower-cased), how many are in the set `stop`. Returned as n rows of
 * four native int32. boilerstrip.features has the pure-Python twin, which gives the same numbers:
 * the character tests below are the ones CPython's str methods use.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

static int
is_title(int kind, const void *data, Py_ssize_t start, Py_ssize_t end)
{
    /* str.istitle(): cased characters only after uncased ones when upper/title, after cased ones when lower */
    int cased = 0, previous_is_cased = 0;
    for (Py_ssize_t j = start; j < end; j++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, j);
        if (Py_UNICODE_ISUPPER(ch) || Py_UNICODE_ISTITLE(ch)) {
            if (previous_is_cased)
                return 0;
            previous_is_cased = 1;
            cased = 1;
        }
        else if (Py_UNICODE_ISLOWER(ch)) {
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
        if (!Py_UNICODE_ISDIGIT(PyUnicode_READ(kind, data, j)))
            return 0;
    }
    return end > start;
}

/* Count the tokens of `line[:sample]`; with `stop`, count those in it, else title-cased and digits. */
static int
count_line(PyObject *line, Py_ssize_t sample, PyObject *stop, int32_t *row)
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

static PyObject *
token_counts(PyObject *module, PyObject *args)
{
    PyObject *lines, *low, *stop;
    Py_ssize_t sample;
    if (!PyArg_ParseTuple(args, "O!O!On:token_counts", &PyList_Type, &lines, &PyList_Type, &low, &stop, &sample))
        return NULL;
    if (!PyAnySet_Check(stop)) {
        PyErr_SetString(PyExc_TypeError, "token_counts: stop must be a set or frozenset");
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(lines);
    if (PyList_GET_SIZE(low) != n) {
        PyErr_SetString(PyExc_ValueError, "token_counts: lines and low differ in length");
        return NULL;
    }
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
        if (count_line(line, sample, NULL, rows + 4 * i) < 0 || count_line(lowered, sample, stop, rows + 4 * i) < 0) {
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
    for (Py_ssize_t i = 0; i < n; i++) {
        const double *row = x + i * m;
        double total = 0.0;
        Py_ssize_t t = 0;
        /* Four trees at a time: their walks are independent chains of loads, which the processor
         * overlaps. The sum keeps the trees' order, so it is the same double. */
        for (; t + 4 <= ntrees; t += 4) {
            int32_t a = (int32_t)roots[t], b = (int32_t)roots[t + 1], c = (int32_t)roots[t + 2];
            int32_t e = (int32_t)roots[t + 3];
            for (Py_ssize_t d = 0; d < depth; d++) {
                a = packed[a].first + (row[packed[a].feature] > packed[a].threshold);
                b = packed[b].first + (row[packed[b].feature] > packed[b].threshold);
                c = packed[c].first + (row[packed[c].feature] > packed[c].threshold);
                e = packed[e].first + (row[packed[e].feature] > packed[e].threshold);
            }
            total += value[a];
            total += value[b];
            total += value[c];
            total += value[e];
        }
        for (; t < ntrees; t++) {
            int32_t node = (int32_t)roots[t];
            for (Py_ssize_t d = 0; d < depth; d++)
                node = packed[node].first + (row[packed[node].feature] > packed[node].threshold);
            total += value[node];
        }
        sums[i] = total;
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

static PyMethodDef methods[] = {
    {"token_counts", token_counts, METH_VARARGS,
     "token_counts(lines, low, stop, sample) -> bytes: per line, int32 tokens, title-cased, digits, stop words"},
    {"forest_sum", forest_sum, METH_VARARGS,
     "forest_sum(x, m, roots, first_child, feature, threshold, value, depth) -> bytes: per row, the trees' sum"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_speedups", "boilerstrip's compiled counting and trees.", -1, methods};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    return PyModule_Create(&module);
}
