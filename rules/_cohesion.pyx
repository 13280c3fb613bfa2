# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# distutils: language = c++
"""Compiled feature counting for the off-topic rule (O001).

``FeatureCounter.counts`` gives, for the lines of one page, exactly what
``scrapelint.rules.offtopic.feature_counts`` computes in Python with ``features`` and set
operations: per line the number of distinct features and how many of them occur on another line
too, and the number of distinct features of the page — for the two kinds of features (``tokens``
and ``grams``). Features are never built as Python strings: each is a 64-bit hash of its code
points (a CJK character's gram is its code point itself), kept in C++ containers. Two different
features would have to share a 64-bit hash to change a count (about one chance in 10^11 for a
page of 10,000 features); the test suite compares the two implementations on every text it has.

Built when the package is installed with a C++ compiler at hand; without it, the rule uses the
Python implementation and gives the same results, slower.
"""
from libc.math cimport floor, log10
from libc.stdint cimport uint64_t
from libc.string cimport memset
from libcpp.vector cimport vector

cdef extern from *:
    """
    static const uint64_t FNV_PRIME = 0x100000001b3ULL;
    static const uint64_t FNV_OFFSET = 0xcbf29ce484222325ULL;
    """
    const uint64_t FNV_PRIME
    const uint64_t FNV_OFFSET


cdef inline uint64_t _finish(uint64_t h, Py_ssize_t n) noexcept nogil:
    # splitmix64's finaliser over FNV-1a: every bit of the code points reaches every bit.
    h ^= <uint64_t>n * 0x9e3779b97f4a7c15ULL
    h ^= h >> 30
    h *= 0xbf58476d1ce4e5b9ULL
    h ^= h >> 27
    h *= 0x94d049bb133111ebULL
    h ^= h >> 31
    return h


cdef inline uint64_t _hash_run(const Py_UCS4* cps, Py_ssize_t a, Py_ssize_t b) noexcept nogil:
    cdef uint64_t h = FNV_OFFSET
    cdef Py_ssize_t i
    for i in range(a, b):
        h = (h ^ <uint64_t>cps[i]) * FNV_PRIME
    return _finish(h, b - a)


cpdef uint64_t feature_hash(str s):
    """The hash a feature string gets (for the stop lists and for tests)."""
    cdef vector[Py_UCS4] cps
    cdef Py_UCS4 c
    for c in s:
        cps.push_back(c)
    if cps.size() == 0:
        return _finish(FNV_OFFSET, 0)
    return _hash_run(&cps[0], 0, <Py_ssize_t>cps.size())


cdef inline bint _word_char(Py_UCS4 c) noexcept:
    # [^\W\d_] of Python's re module: alphanumeric, not a decimal digit, not the underscore.
    return c != u'_' and c.isalnum() and not c.isdecimal()


cdef inline bint _ascii_letter(Py_UCS4 c) noexcept nogil:
    return (u'a' <= c <= u'z') or (u'A' <= c <= u'Z')


cdef struct _Slot:  # 24 bytes: a page's table stays in the cache
    uint64_t key
    int sets  # how many of the sets hold the feature (0: the slot is free)
    int last  # the last set counted (pass 1), seen (pass 2)
    int rarity  # the feature's rarity in thousandths (-1: none), when weights are asked for


#: The table of ``_count``, kept from call to call (grown when a page needs more) and cleared with
#: one ``memset`` of the part a call uses, instead of a table built and value-initialised a call.
#: A table larger than ``_KEPT_SLOTS`` (3 MB; a page of about 65,000 features) is let go after
#: its call, so that one long document does not leave a process holding its table.
cdef vector[_Slot] _TABLE
cdef size_t _KEPT_SLOTS = 1 << 17


cdef Py_ssize_t _count(vector[vector[uint64_t]]& sets, list n_out, list shared_out,
                       _Rarity rarity=None, vector[vector[uint64_t]]* rarity_keys=NULL, double chance=0.0,
                       list weight_out=None, list shared_weight_out=None):
    """Per set: its distinct features, and how many of them occur in another set too; returns the
    number of distinct features of all the sets. One open-addressing table, two passes, no sort.

    With ``rarity`` (and, per set, each feature's key in it: ``FeatureCounter._rarity_key``): per
    set too, the weight of its distinct features and of those shared, each weighing its rarity
    (looked up once per distinct feature) less the log10 of (the sets' features, counted once
    per set, times ``chance``), in thousandths, or nothing below it
    (``offtopic.feature_counts``)."""
    cdef size_t i, j, total = 0, cap = 16, mask, pos
    cdef _Slot* table
    cdef _Slot* slot
    cdef uint64_t h
    cdef Py_ssize_t distinct = 0, n, k, per_set = 0
    cdef long long w, ws, x, floor_q = 0
    cdef bint weigh = rarity is not None and rarity_keys != NULL
    for i in range(sets.size()):
        total += sets[i].size()
    while cap < 2 * total:
        cap <<= 1
    mask = cap - 1
    if _TABLE.size() < cap:
        _TABLE.resize(cap)
    table = &_TABLE[0]
    memset(table, 0, cap * sizeof(_Slot))  # every slot free
    for i in range(sets.size()):
        for j in range(sets[i].size()):
            h = sets[i][j]
            pos = <size_t>h & mask
            while table[pos].sets and table[pos].key != h:
                pos = (pos + 1) & mask
            slot = &table[pos]
            if not slot.sets:
                slot.key = h
                slot.last = -1
                distinct += 1
                if weigh:
                    slot.rarity = rarity.of(rarity_keys[0][i][j])
            if slot.last != <int>i:
                slot.last = <int>i
                slot.sets += 1
                per_set += 1
    if weigh and per_set:
        floor_q = <long long>floor(log10(per_set * chance) * 1000.0 + 0.5)
    for i in range(sets.size()):
        n = k = 0
        w = ws = 0
        for j in range(sets[i].size()):
            h = sets[i][j]
            pos = <size_t>h & mask
            while table[pos].key != h:
                pos = (pos + 1) & mask
            slot = &table[pos]
            if slot.last != -2 - <int>i:  # first time in this set on the second pass
                slot.last = -2 - <int>i
                n += 1
                x = 0
                if weigh and slot.rarity >= 0:
                    x = slot.rarity - floor_q
                    if x < 0:
                        x = 0
                w += x
                if slot.sets > 1:
                    k += 1
                    ws += x
        n_out.append(n)
        shared_out.append(k)
        if weigh:
            weight_out.append(w)
            shared_weight_out.append(ws)
    if _TABLE.size() > _KEPT_SLOTS:
        _TABLE.clear()
        _TABLE.shrink_to_fit()
    return distinct


cdef struct _Entry:  # key and value side by side: one cache line a probe
    uint64_t key
    int value
    int used


cdef class _HashTable:
    """64-bit hashes (with a value each), open addressing in a power-of-two table: a look-up is a
    mask and a probe or two, where ``unordered_set`` divides and follows a pointer (the stop lists
    are asked once per bigram and per word of every line)."""

    cdef vector[_Entry] slots
    cdef size_t mask

    def __init__(self, keys, values=None):
        cdef size_t cap = 16, pos
        cdef uint64_t h
        cdef Py_ssize_t i
        keys = list(keys)
        while cap < 4 * len(keys):
            cap <<= 1
        self.mask = cap - 1
        self.slots.resize(cap)
        for i in range(len(keys)):
            h = keys[i]
            pos = <size_t>h & self.mask
            while self.slots[pos].used and self.slots[pos].key != h:
                pos = (pos + 1) & self.mask
            self.slots[pos].used = 1
            self.slots[pos].key = h
            self.slots[pos].value = 0 if values is None else values[i]

    cdef inline bint has(self, uint64_t h) noexcept nogil:
        cdef size_t pos = <size_t>h & self.mask
        while self.slots[pos].used:
            if self.slots[pos].key == h:
                return True
            pos = (pos + 1) & self.mask
        return False

    cdef inline int get(self, uint64_t h, int default) noexcept nogil:
        cdef size_t pos = <size_t>h & self.mask
        while self.slots[pos].used:
            if self.slots[pos].key == h:
                return self.slots[pos].value
            pos = (pos + 1) & self.mask
        return default


cdef class _Rarity(_HashTable):
    """Rarity key → rarity in thousandths (``FeatureCounter._rarity_key``); a key it lacks has
    ``unlisted_bigram`` (CJK text: the key's lowest bit set) or ``unlisted``."""

    cdef int unlisted
    cdef int unlisted_bigram

    def __init__(self, list keys, list values, int unlisted, int unlisted_bigram):
        _HashTable.__init__(self, keys, values)
        self.unlisted = unlisted
        self.unlisted_bigram = unlisted_bigram

    cdef inline int of(self, uint64_t key) noexcept nogil:
        return self.get(key, self.unlisted_bigram if key & 1 else self.unlisted)


cdef class FeatureCounter:
    """The features of ``offtopic.features``, counted: built once with the rule's tables."""

    cdef unsigned char content[65536]
    cdef _HashTable stop_bigrams
    cdef _HashTable stop_words
    cdef _Rarity rarity
    cdef double chance
    cdef Py_UCS4 fold[65536]

    def __init__(self, content_ranges, excluded, stop_bigrams, stop_words, rarity=None, int unlisted=0,
                 int unlisted_bigram=-1, double chance=1.0, fold=None):
        """``content_ranges``: the code point ranges (of the BMP) whose characters, less those of
        ``excluded``, make the runs that give bigrams. ``rarity``: feature → rarity in thousandths
        (``offtopic.rare_weights``); a feature the table lacks has ``unlisted_bigram`` if it opens
        with a content character (a bigram; -1: no weight), else ``unlisted``; ``chance``: the
        page's factor; ``fold``: the code point each character of the BMP is looked up as in
        ``rarity`` (``scrapelint.fold.fold_table``: traditional characters as simplified ones)."""
        cdef Py_UCS4 c
        cdef int i, lo, hi
        for i in range(65536):
            self.content[i] = 0
        for lo, hi in content_ranges:
            if not 0 <= lo <= hi <= 0xFFFF:
                raise ValueError("content ranges must lie in the Basic Multilingual Plane")
            for i in range(lo, hi + 1):
                self.content[i] = 1
        for c in excluded:
            if c <= 0xFFFF:
                self.content[c] = 0
        self.stop_bigrams = _HashTable([feature_hash(s) for s in stop_bigrams])
        self.stop_words = _HashTable([feature_hash(s) for s in stop_words])
        self.chance = chance
        for i in range(65536):
            self.fold[i] = i
        if fold is not None:
            if len(fold) != 65536:
                raise ValueError("fold must map every code point of the Basic Multilingual Plane")
            for i in range(65536):
                self.fold[i] = fold[i]
        self.rarity = None
        if rarity is not None:
            keys = []
            for key in rarity:
                cps = [ord(c) for c in key]
                keys.append(self._key_of(cps))
            self.rarity = _Rarity(keys, list(rarity.values()), unlisted, unlisted_bigram)

    def _key_of(self, list cps):
        """``_rarity_key`` of a feature given as a list of code points (for the table)."""
        cdef vector[Py_UCS4] v
        for c in cps:
            v.push_back(c)
        return self._rarity_key(&v[0], 0, <Py_ssize_t>v.size())

    cdef inline bint _is_content(self, Py_UCS4 c) noexcept nogil:
        return c <= 0xFFFF and self.content[c]

    cdef inline uint64_t _rarity_key(self, const Py_UCS4* cps, Py_ssize_t a, Py_ssize_t b) noexcept:
        """Where a feature is looked up in the rarity table: the hash of its characters, folded
        (traditional as simplified) when it opens with a content character (CJK text), with the
        lowest bit telling the two apart (set: CJK text, whose default rarity is another)."""
        cdef uint64_t h = FNV_OFFSET
        cdef Py_ssize_t i
        cdef Py_UCS4 c
        cdef bint content = self._is_content(cps[a])
        for i in range(a, b):
            c = cps[i]
            if content and c <= 0xFFFF:
                c = self.fold[c]
            h = (h ^ <uint64_t>c) * FNV_PRIME
        h = _finish(h, b - a)
        return (h & ~(<uint64_t>1)) | (1 if content else 0)

    cdef void _features(self, str text, bint cjk, vector[uint64_t]& toks, vector[uint64_t]& grams,
                        vector[uint64_t]& rare):
        cdef vector[Py_UCS4] cps
        cdef vector[Py_UCS4] low
        cdef Py_UCS4* w  # the text lower-cased, where the words are read
        cdef Py_UCS4 c
        cdef Py_ssize_t n, i, j, a, b, k
        cdef uint64_t h
        cdef bint ascii = text.isascii()
        cdef bint letters  # words are runs of ASCII letters (CJK or ASCII text)
        cps.reserve(len(text))
        for c in text:
            cps.push_back(c)
        n = <Py_ssize_t>cps.size()
        if n == 0:
            return
        # At most a token and a gram a character: the vectors grow once.
        toks.reserve(toks.size() + n)
        grams.reserve(grams.size() + n)
        if self.rarity is not None:
            rare.reserve(rare.size() + n)
        # CJK bigrams inside runs of two or more content characters, less the stock ones (none
        # in ASCII text).
        i = 0
        while i < n and not ascii:
            if not self._is_content(cps[i]):
                i += 1
                continue
            j = i
            while j < n and self._is_content(cps[j]):
                j += 1
            if j - i >= 2:
                for k in range(i, j - 1):
                    h = _hash_run(&cps[0], k, k + 2)
                    if not self.stop_bigrams.has(h):
                        toks.push_back(h)
                        if self.rarity is not None:
                            rare.push_back(self._rarity_key(&cps[0], k, k + 2))
            if cjk:
                # A character is its own gram: its code point stands for it (the other grams,
                # hashes of four letters, fall below 2^21 about once in 10^13).
                for k in range(i, j):
                    grams.push_back(<uint64_t>cps[k])
            i = j
        # Words: Latin words of CJK text; any letters of other text, lower-cased first. (ASCII
        # text is lower-cased in place: its letters are its word characters, as for CJK text.)
        letters = cjk or ascii
        if letters:
            for i in range(n):
                if u'A' <= cps[i] <= u'Z':
                    cps[i] = <Py_UCS4>(<unsigned int>cps[i] + 32)
            w = &cps[0]
        else:
            for c in text.lower():
                low.push_back(c)
            n = <Py_ssize_t>low.size()
            if n == 0:
                return
            w = &low[0]
        i = 0
        while i < n:
            c = w[i]
            if not (_ascii_letter(c) if letters else _word_char(c)):
                i += 1
                continue
            j = i + 1
            while j < n and (_ascii_letter(w[j]) if letters else _word_char(w[j])):
                j += 1
            a, b = i, j
            i = j
            if b - a < 2:
                continue
            if w[b - 1] == u's' and b - a > 3:
                b -= 1
            h = _hash_run(w, a, b)
            if self.stop_words.has(h):
                continue
            toks.push_back(h)
            if self.rarity is not None:
                rare.push_back(self._rarity_key(w, a, b))
            if not cjk:
                for k in range(a, b - 3):
                    grams.push_back(_hash_run(w, k, k + 4))

    def counts(self, list texts, list cjk):
        """``(tokens, shared tokens, distinct tokens of the page, grams, shared grams, weight,
        shared weight)`` for the lines ``texts`` (``cjk[i]``: line ``i`` is counted as CJK text):
        per-line lists, and one number for the page; the weights (of the tokens, by rarity) are
        ``None`` for a counter built without a rarity table."""
        cdef vector[vector[uint64_t]] toks
        cdef vector[vector[uint64_t]] grams
        cdef vector[vector[uint64_t]] rare
        cdef Py_ssize_t i, size, n = len(texts)
        if len(cjk) != n:
            raise ValueError("texts and cjk differ in length")
        toks.resize(n)
        grams.resize(n)
        rare.resize(n)
        for i in range(n):
            self._features(texts[i], cjk[i], toks[i], grams[i], rare[i])
        tok_n, tok_shared, gram_n, gram_shared = [], [], [], []
        if self.rarity is None:
            size = _count(toks, tok_n, tok_shared)
            weight = shared_weight = None
        else:
            weight, shared_weight = [], []
            size = _count(toks, tok_n, tok_shared, self.rarity, &rare, self.chance, weight, shared_weight)
        _count(grams, gram_n, gram_shared)
        return tok_n, tok_shared, size, gram_n, gram_shared, weight, shared_weight

    def __reduce__(self):
        raise TypeError("FeatureCounter is built per process from the rule's tables")
