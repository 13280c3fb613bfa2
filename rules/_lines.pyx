# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled line tests of the page model (``scrapelint.rules.page``): the prose test and the label
test, one pass over a line's characters with no regular expression and no new string.

``LineTests`` is built from the page model's own character sets, so the knowledge stays in
``page.py``; ``page.py`` keeps the Python versions and uses them where this module was not built.
The test suite compares the two on every line it has.
"""


cdef enum:
    IN_CJK = 1
    IN_FULL_STOP = 2
    IN_SENTENCE_END = 4
    IN_TRAILING = 8
    IN_NOT_A_LABEL = 16
    IN_CLAUSE = 32


cdef Py_ssize_t _words(str s, Py_ssize_t n) noexcept:
    """How many whitespace-separated words ``s[:n]`` holds (``len(s[:n].split())``)."""
    cdef Py_ssize_t i, words = 0
    cdef bint inside = False
    cdef Py_UCS4 c
    for i in range(n):
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

    def __init__(self, cjk_ranges, full_stop, sentence_end, trailing_ranges, not_a_label, clause_marks):
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

    cdef inline unsigned char _flags(self, Py_UCS4 c) noexcept:
        return self.table[c] if c <= 0xFFFF else 0

    cdef inline bint _trailing(self, Py_UCS4 c) noexcept:
        # page._TRAILING_SYMBOLS: whitespace, or a character of the ranges given
        return c.isspace() or (c <= 0xFFFF and self.table[c] & IN_TRAILING) or self.astral_lo <= c <= self.astral_hi

    def prose_core(self, str s):
        """``page.is_prose`` of a non-empty line that is not a statement heading."""
        cdef Py_ssize_t n = len(s), i, cjk = 0, size = 0, stops = 0
        cdef Py_UCS4 last = s[n - 1], c, nxt
        cdef bint is_cjk
        if not last.isalnum() and not self._flags(last) & (IN_SENTENCE_END | IN_FULL_STOP):
            i = n
            while i > 0 and self._trailing(s[i - 1]):
                i -= 1
            if i > 0:  # "… or s": a line of nothing but such symbols stays as it was
                n = i
                last = s[n - 1]
        for i in range(n):
            if self._flags(s[i]) & IN_CJK:
                cjk += 1
        is_cjk = cjk >= n * 0.3
        size = cjk if is_cjk else _words(s, n)
        if self._flags(last) & IN_FULL_STOP:
            return size >= (12 if is_cjk else 8)
        if self._flags(last) & IN_SENTENCE_END:
            return size >= (40 if is_cjk else 12)
        if size < (40 if is_cjk else 20):
            return False
        for i in range(n):
            c = s[i]
            if c == u'.' or c == u'!' or c == u'?':
                if is_cjk:
                    stops += 1
                else:
                    nxt = s[i + 1] if i + 1 < n else 0
                    if i + 1 == n or nxt.isspace() or nxt == u'"':
                        stops += 1
        return stops >= 2

    def label(self, str s):
        """``page.is_label``."""
        cdef Py_ssize_t n = len(s), i, cjk = 0
        cdef Py_UCS4 c
        if n == 0 or self._flags(s[n - 1]) & IN_CLAUSE:
            return False
        for i in range(n):
            c = s[i]
            if c.isdecimal() or self._flags(c) & IN_NOT_A_LABEL:
                return False
            if self._flags(c) & IN_CJK:
                cjk += 1
        if cjk * 2 >= n:
            return 2 <= n <= 8
        return n <= 30 and _words(s, n) <= 4

    def __reduce__(self):
        raise TypeError("LineTests is built per process")
