# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled line tests of the page model (``scrapelint.rules.page``): the prose test and the label
test, one pass over a line's characters with no regular expression and no new string, and the
page model's pass over a document's lines that applies them to every line in place.

``LineTests`` is built from the page model's own character sets, so the knowledge stays in
``page.py``; ``page.py`` keeps the Python versions and uses them where this module was not built.
The test suite compares the two on every line it has.

Also the pack matcher's first filter of its automaton's hits (``short_line_hits``).
"""
from cpython.mem cimport PyMem_Free, PyMem_Malloc


cdef enum:
    IN_CJK = 1
    IN_FULL_STOP = 2
    IN_SENTENCE_END = 4
    IN_TRAILING = 8
    IN_NOT_A_LABEL = 16
    IN_CLAUSE = 32
    IN_TEASER_STOP = 64


cdef enum:
    CITATION_MAX = 24  # page.CITATION_MAX: the longest reference mark read after a sentence's end


cdef Py_ssize_t _words(str s, Py_ssize_t a, Py_ssize_t n) noexcept:
    """How many whitespace-separated words ``s[a:n]`` holds (``len(s[a:n].split())``)."""
    cdef Py_ssize_t i, words = 0
    cdef bint inside = False
    cdef Py_UCS4 c
    for i in range(a, n):
        c = s[i]
        if c.isspace():
            inside = False
        elif not inside:
            inside = True
            words += 1
    return words


cdef class LineTests:
    """``prose_core`` and ``label`` for folded, stripped lines (see ``page.is_prose`` and
    ``page.is_label``)."""

    cdef unsigned char table[65536]
    cdef Py_UCS4 astral_lo, astral_hi  # the one range of trailing symbols past the BMP

    def __init__(self, cjk_ranges, full_stop, sentence_end, trailing_ranges, not_a_label, clause_marks,
                 teaser_stops):
        cdef int c
        cdef Py_UCS4 ch
        for c in range(65536):
            self.table[c] = 0
        for lo, hi in cjk_ranges:
            for c in range(lo, hi + 1):
                self.table[c] |= IN_CJK
        self.astral_lo, self.astral_hi = 1, 0  # none
        for lo, hi in trailing_ranges:
            if lo > 0xFFFF:
                if self.astral_lo <= self.astral_hi:
                    raise ValueError("one range of trailing symbols past the BMP at most")
                self.astral_lo, self.astral_hi = lo, hi
                continue
            if hi > 0xFFFF:
                raise ValueError("a range of trailing symbols crosses the end of the BMP")
            for c in range(lo, hi + 1):
                self.table[c] |= IN_TRAILING
        for ch in full_stop:
            self.table[ch] |= IN_FULL_STOP
        for ch in sentence_end:
            self.table[ch] |= IN_SENTENCE_END
        for ch in not_a_label:
            self.table[ch] |= IN_NOT_A_LABEL
        for ch in clause_marks:
            self.table[ch] |= IN_CLAUSE
        for ch in teaser_stops:
            self.table[ch] |= IN_TEASER_STOP

    cdef inline unsigned char _flags(self, Py_UCS4 c) noexcept:
        return self.table[c] if c <= 0xFFFF else 0

    cdef inline bint _trailing(self, Py_UCS4 c) noexcept:
        # page._TRAILING_SYMBOLS: whitespace, or a character of the ranges given
        return c.isspace() or (c <= 0xFFFF and self.table[c] & IN_TRAILING) or self.astral_lo <= c <= self.astral_hi

    def prose_core(self, str s):
        """``page.is_prose`` of a non-empty line that is not a statement heading."""
        return self._prose(s, 0, len(s))

    cdef bint _prose(self, str s, Py_ssize_t a, Py_ssize_t n):
        """``prose_core`` of ``s[a:n]`` (non-empty), read in place."""
        cdef Py_ssize_t i, j, cjk = 0, size = 0, stops = 0
        cdef Py_UCS4 last = s[n - 1], c, nxt
        cdef bint is_cjk
        if not last.isalnum() and not self._flags(last) & (IN_SENTENCE_END | IN_FULL_STOP):
            i = n
            while i > a and self._trailing(s[i - 1]):
                i -= 1
            if i > a:  # "… or s": a line of nothing but such symbols stays as it was
                n = i
                last = s[n - 1]
        if last == u']':
            # page._citations_end: reference marks after the sentence's end ("….[12][13]")
            i = n
            while i - a > 2 and s[i - 1] == u']':
                j = i - 2
                while j > a and i - j <= CITATION_MAX + 2 and s[j] != u'[' and s[j] != u']':
                    j -= 1
                if j <= a or j == i - 2 or s[j] != u'[' or i - j > CITATION_MAX + 2:
                    break
                i = j
                if self._flags(s[i - 1]) & (IN_SENTENCE_END | IN_FULL_STOP):
                    n = i
                    last = s[n - 1]
                    break
        for i in range(a, n):
            if self._flags(s[i]) & IN_CJK:
                cjk += 1
        is_cjk = cjk >= (n - a) * 0.3
        size = cjk if is_cjk else _words(s, a, n)
        if is_cjk and (last == u'…' or (last == u'.' and n - a >= 2 and s[n - 2] == u'.')):
            # page.is_teaser: a headline cut short ("…涉案考生达50..."), no stop before the ellipsis.
            i = n
            while i > a and (s[i - 1] == u'.' or s[i - 1] == u'…'):
                i -= 1
            for j in range(a, i):
                if self._flags(s[j]) & IN_TEASER_STOP:
                    break
            else:
                return False
        if self._flags(last) & IN_FULL_STOP:
            return size >= (12 if is_cjk else 8)
        if self._flags(last) & IN_SENTENCE_END:
            return size >= (40 if is_cjk else 12)
        if size < (40 if is_cjk else 20):
            return False
        for i in range(a, n):
            c = s[i]
            if c == u'.' or c == u'!' or c == u'?':
                if is_cjk:
                    stops += 1
                else:
                    nxt = s[i + 1] if i + 1 < n else 0
                    if i + 1 == n or nxt.isspace() or nxt == u'"' or nxt == u'[':
                        stops += 1
        return stops >= 2

    def label(self, str s):
        """``page.is_label``."""
        return self._label(s, 0, len(s))

    cdef bint _label(self, str s, Py_ssize_t a, Py_ssize_t n):
        """``label`` of ``s[a:n]``, read in place."""
        cdef Py_ssize_t i, cjk = 0
        cdef Py_UCS4 c
        if n == a or self._flags(s[n - 1]) & IN_CLAUSE:
            return False
        for i in range(a, n):
            c = s[i]
            if c.isdecimal() or self._flags(c) & IN_NOT_A_LABEL:
                return False
            if self._flags(c) & IN_CJK:
                cjk += 1
        if cjk * 2 >= n - a:
            return 2 <= n - a <= 8
        return n - a <= 30 and _words(s, a, n) <= 4

    def scan(self, str text, str folded, list lines, Py_ssize_t max_heading, statement):
        """The page model's one pass over a document's lines (``page.FoldedPage``): for each line
        (``model.Line``) its start and its span without surrounding white space (in ``text``),
        and, of the non-blank lines, their indexes, sizes, which are prose (``is_prose`` of the
        folded span; ``statement`` is called on a span holding ":"), which are short non-prose
        lines (at most ``max_heading`` characters) and which are labels (``is_label``, a
        ``bytearray`` of all the lines). Returns ``(starts, spans, nonblank, sizes, prose, short,
        labels)``."""
        cdef Py_ssize_t i, k, a, b, start, end, m = len(lines)
        cdef list starts = [], spans = [], nonblank = [], sizes = [], prose = [], short = []
        cdef bytearray labels = bytearray(m)
        cdef bint is_prose, colon
        for i in range(m):
            line = lines[i]
            start = line.start
            end = line.end
            a = start
            while a < end and text[a].isspace():
                a += 1
            b = end
            while b > a and text[b - 1].isspace():
                b -= 1
            starts.append(start)
            if a == b:
                spans.append((start, start))
                continue
            spans.append((a, b))
            nonblank.append(i)
            sizes.append(b - a)
            colon = False
            for k in range(a, b):
                if folded[k] == u':':
                    colon = True
                    break
            if colon and statement(folded[a:b]):
                is_prose = False
            else:
                is_prose = self._prose(folded, a, b)
            if is_prose:
                prose.append(i)
            elif b - a <= max_heading:
                short.append(i)
            labels[i] = self._label(folded, a, b)
        return starts, spans, nonblank, sizes, prose, short, labels

    def __reduce__(self):
        raise TypeError("LineTests is built per process")


def short_line_hits(list hits, list starts, list spans, const long long[:] widest):
    """The pack matcher's first look at the automaton's ``hits`` (``(phrase id, start, end)``):
    each hit's line — the last whose first offset in ``starts`` (sorted) is at or before the hit —
    and only the hits whose line (``spans[line]``: its ``(start, end)``) is no longer than
    ``widest[phrase id]``, as ``(phrase id, start, end, line)``. Most hits of a page are short
    trigger words inside paragraphs ("mon", "out"), passed over here without Python code running
    for each (``matcher._py_short_line_hits`` is the same in Python)."""
    cdef Py_ssize_t n = len(starts), k, lo, hi, mid
    cdef long long pid, s, e, a, b
    cdef long long* first = <long long*>PyMem_Malloc((n + 1) * sizeof(long long))
    cdef long long* size = <long long*>PyMem_Malloc((n + 1) * sizeof(long long))
    if first == NULL or size == NULL:
        PyMem_Free(first)
        PyMem_Free(size)
        raise MemoryError()
    out = []
    try:
        for k in range(n):
            first[k] = starts[k]
            a, b = spans[k]
            size[k] = b - a
        for hit in hits:
            pid, s, e = hit
            lo, hi = 0, n
            while lo < hi:  # bisect_right(starts, s)
                mid = (lo + hi) >> 1
                if first[mid] <= s:
                    lo = mid + 1
                else:
                    hi = mid
            k = lo - 1 if lo else n - 1  # (as Python indexes -1: never, the first line starts at 0)
            if size[k] <= widest[pid]:
                out.append((pid, s, e, k))
    finally:
        PyMem_Free(first)
        PyMem_Free(size)
    return out
