/* boilerstrip._speedups: the per-token counting of the text features, in one compiled pass.
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

static PyMethodDef methods[] = {
    {"token_counts", token_counts, METH_VARARGS,
     "token_counts(lines, low, stop, sample) -> bytes: per line, int32 tokens, title-cased, digits, stop words"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_speedups", "boilerstrip's compiled counting.", -1, methods};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    return PyModule_Create(&module);
}
