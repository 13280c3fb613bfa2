# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled character work of ``scrapelint.text`` and ``scrapelint.fold``: counts, the CJK
characters of a string, the character and character-pair prescreens, the folding map — each one
pass over a string's code points with no regular expression. Built when the package is installed
with a C compiler at hand; the two modules fall back to their Python versions (the same results)
without it.
"""
from cpython.mem cimport PyMem_Free, PyMem_Malloc


cdef extern from "Python.h":
    object PyUnicode_FromKindAndData(int kind, const void* buffer, Py_ssize_t size)
    int PyUnicode_4BYTE_KIND


cdef object _rewrite(str s, const unsigned char* keep, const Py_UCS4* mapping):
    """``s`` with only the BMP characters marked in ``keep`` (when given), or with every BMP
    character mapped through ``mapping``: a new string, built in one pass."""
    cdef Py_ssize_t k = 0
    cdef Py_UCS4 c
    cdef Py_UCS4* buf = <Py_UCS4*>PyMem_Malloc((len(s) + 1) * sizeof(Py_UCS4))
    if buf == NULL:
        raise MemoryError()
    try:
        for c in s:
            if keep != NULL:
                if c <= 0xFFFF and keep[c]:
                    buf[k] = c
                    k += 1
            else:
                buf[k] = mapping[c] if c <= 0xFFFF else c
                k += 1
        return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, k)
    finally:
        PyMem_Free(buf)


cdef class CharCounter:
    """The characters of some code point ranges, given at construction: counted, kept, found."""

    cdef unsigned char table[65536]

    def __init__(self, ranges):
        """``ranges``: ``(first, last)`` code points, all in the Basic Multilingual Plane."""
        cdef int c
        for c in range(65536):
            self.table[c] = 0
        for lo, hi in ranges:
            if not 0 <= lo <= hi <= 0xFFFF:
                raise ValueError("ranges must lie in the Basic Multilingual Plane")
            for c in range(lo, hi + 1):
                self.table[c] = 1

    def count(self, str s):
        """How many characters of ``s`` lie in the ranges."""
        cdef Py_ssize_t n = 0
        cdef Py_UCS4 c
        for c in s:
            if c <= 0xFFFF and self.table[c]:
                n += 1
        return n

    def keep(self, str s):
        """The characters of ``s`` that lie in the ranges, in order, as one string."""
        return _rewrite(s, self.table, NULL)

    def any(self, str s):
        """Whether ``s`` holds a character of the ranges (stops at the first)."""
        cdef Py_UCS4 c
        for c in s:
            if c <= 0xFFFF and self.table[c]:
                return True
        return False

    def __reduce__(self):
        raise TypeError("CharCounter is built per process")


def word_count(str s):
    """How many runs of word characters (``\\w+`` of Python's ``re``: alphanumeric or ``_``)."""
    cdef Py_ssize_t n = 0
    cdef bint inside = False, w
    cdef Py_UCS4 c
    for c in s:
        w = c == u'_' or c.isalnum()
        if w and not inside:
            n += 1
        inside = w
    return n


cdef class CharMap:
    """A one-to-one character mapping over the Basic Multilingual Plane (``str.translate`` with a
    list of 65,536 code points, which leaves the characters past it as they are), in one pass."""

    cdef Py_UCS4 table[65536]

    def __init__(self, table):
        """``table[cp]``: the code point that ``cp`` becomes, for every ``cp`` of the BMP."""
        cdef int i
        if len(table) != 65536:
            raise ValueError("the table must hold one code point for each of the 65,536 of the BMP")
        for i in range(65536):
            self.table[i] = <Py_UCS4>table[i]

    def map(self, str s):
        """``s`` with every character mapped."""
        return _rewrite(s, NULL, self.table)

    def __reduce__(self):
        raise TypeError("CharMap is built per process")


cdef class PairScreen:
    """Whether a string holds two characters in a row that one of up to eight pairs of character
    sets allows (``[lead][follow]``): the signature of one codec's mojibake each."""

    cdef unsigned char lead[65536]
    cdef unsigned char follow[65536]

    def __init__(self, pairs):
        """``pairs``: ``(lead characters, following characters)`` of the BMP, at most eight."""
        cdef int c, bit = 1
        cdef Py_UCS4 ch
        if len(pairs) > 8:
            raise ValueError("at most eight pairs of character sets")
        for c in range(65536):
            self.lead[c] = 0
            self.follow[c] = 0
        for leads, follows in pairs:
            for ch in leads:
                if ch > 0xFFFF:
                    raise ValueError("characters must lie in the Basic Multilingual Plane")
                self.lead[ch] |= bit
            for ch in follows:
                if ch > 0xFFFF:
                    raise ValueError("characters must lie in the Basic Multilingual Plane")
                self.follow[ch] |= bit
            bit <<= 1

    def any(self, str s):
        """Whether ``s`` holds such a pair."""
        cdef unsigned char prev = 0
        cdef Py_UCS4 c
        for c in s:
            if c > 0xFFFF:
                prev = 0
                continue
            if prev & self.follow[c]:
                return True
            prev = self.lead[c]
        return False

    def runs(self, str s, int repeat):
        """Whether ``s`` holds ``repeat`` such pairs in a row (of any of the pairs each):
        ``(?:[lead][follow]|…){repeat}``."""
        cdef unsigned char prev = 0
        cdef Py_UCS4 c
        cdef unsigned long long ends = 0  # bit k: a pair ends k characters back
        cdef unsigned long long want = 0
        cdef int k
        if repeat < 1 or repeat > 32:
            raise ValueError("repeat must lie between 1 and 32")
        for k in range(repeat):
            want |= 1ULL << (2 * k)
        for c in s:
            ends <<= 1
            if c > 0xFFFF:
                prev = 0
                continue
            if prev & self.follow[c]:
                ends |= 1
                if ends & want == want:
                    return True
            prev = self.lead[c]
        return False

    def __reduce__(self):
        raise TypeError("PairScreen is built per process")
