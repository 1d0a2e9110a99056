"""Vietnamese syllable structure: onset + rhyme (glide, nucleus, coda) + one tone.

Used to tell damaged or mis-decoded Vietnamese from good text, and unaccented Vietnamese from
English. `is_syllable` checks a marked syllable (tone count and placement, vowel marks, the rule
that stop codas p/t/c/ch take only the acute or dot-below tone); `is_folded_syllable` checks the
shape of a syllable typed without marks ("duoc", "nghiep"). `damage_score` uses both to spot text
whose diacritics were lost (letters dropped with them) or never typed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from scqa.stopwords import UNACCENTED_HINTS


def _words(s: str) -> list[str]:
    return s.split()


TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VOWEL_MARKS = frozenset("\u0302\u0306\u031b")
_STOP_TONES = frozenset("\u0301\u0323")
VOWELS = frozenset("aăâeêioôơuưy")

_ONSETS = (
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
)  # fmt: skip
_CODAS = ("ch", "ng", "nh", "c", "m", "n", "p", "t")
_STOP_CODAS = frozenset(("c", "ch", "p", "t"))

# Vowel groups: those that must be open (no coda), that need a coda, and that take either.
_OPEN_ONLY = _words(
    "ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu oai oay oao oeo uây uôi ươi ươu iêu "
    "yêu uya uyu ưu uơ"
)
_CODA_NEEDED = ["ă", "â", "iê", "yê", "uô", "ươ", "oă", "uâ", "uyê", "oo"]
_EITHER = ["a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe", "uê", "uy"]
_PALATAL_OK = frozenset(("a", "ê", "i", "y", "oa", "uê", "uy"))  # may take -ch / -nh


def _rhymes() -> frozenset[str]:
    rhymes: set[str] = set(_OPEN_ONLY) | set(_EITHER)
    for nucleus in _CODA_NEEDED + _EITHER:
        for coda in _CODAS:
            if coda in ("ch", "nh") and nucleus not in _PALATAL_OK:
                continue
            rhymes.add(nucleus + coda)
    return frozenset(rhymes)


RHYMES = _rhymes()


def _strip_marks(s: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    return base.replace("đ", "d")


FOLDED_RHYMES = frozenset(_strip_marks(r) for r in RHYMES)
_FOLDED_ONSETS = tuple(sorted({_strip_marks(o) for o in _ONSETS}, key=len, reverse=True))


def _split_tone(token: str) -> tuple[str, list[str]] | None:
    """(NFC letters without tone, tone marks) or None if a mark sits where it cannot."""
    letters: list[str] = []
    tones: list[str] = []
    for ch in unicodedata.normalize("NFD", token):
        if ch in TONE_MARKS:
            if not letters or letters[-1] not in "aeiouy\u0302\u0306\u031b":
                return None
            tones.append(ch)
        elif ch in _VOWEL_MARKS:
            if not letters or letters[-1] not in "aeou":
                return None
            letters.append(ch)
        elif unicodedata.combining(ch):
            return None
        else:
            letters.append(ch)
    return unicodedata.normalize("NFC", "".join(letters)), tones


@lru_cache(maxsize=65536)
def is_syllable(token: str) -> bool:
    """True when `token` (any case) is a well-formed Vietnamese syllable with its marks."""
    split = _split_tone(token.lower())
    if split is None:
        return False
    base, tones = split
    if len(tones) > 1 or not base.isalpha():
        return False
    for onset in _ONSETS:
        if not base.startswith(onset):
            continue
        rhyme = base[len(onset) :]
        if onset in ("qu", "gi") and rhyme == "":
            rhyme = onset[-1]  # "gì", "qu" alone is not a word but "gi" is
        if rhyme not in RHYMES:
            continue
        coda = next((c for c in _CODAS if rhyme.endswith(c)), "")
        if coda in _STOP_CODAS and tones and tones[0] not in _STOP_TONES:
            continue
        if coda in _STOP_CODAS and not tones:
            continue  # a stop coda needs the acute or dot-below tone
        return True
    return False


@lru_cache(maxsize=65536)
def is_folded_syllable(token: str) -> bool:
    """True when `token` has the shape of a Vietnamese syllable written without any marks."""
    t = token.lower()
    if not t.isascii() or not t.isalpha():
        return False
    for onset in _FOLDED_ONSETS:
        if t.startswith(onset) and (t[len(onset) :] in FOLDED_RHYMES or t in ("gi", "qu")):
            return True
    return False


_VOWEL_RE = re.compile(r"[aăâeêioôơuưy]", re.IGNORECASE)


def has_vowel(token: str) -> bool:
    return bool(_VOWEL_RE.search(_strip_marks(token.lower())))


# ---------------------------------------------------------------------------- damage
DAMAGE_THRESHOLD = 0.08  # document-level score at or above which text counts as damaged
_WORD = re.compile(r"[^\W\d_]+")
_NOT_DAMAGE = frozenset(_words("mr mrs ms dr st jr sr vs pp km kg kwh mw gw ha m2 tp"))


def _token_counts(s: str) -> tuple[int, int, int, int, int]:
    """(good syllables, damaged, foreign words, words with marks, unaccented hint words)."""
    good = bad = foreign = marked = hints = 0
    for tok in _WORD.findall(s):
        if sum(c.isupper() for c in tok) >= 2 or (len(tok) == 1 and tok.isupper()):
            continue  # acronyms ("UBND", "TTg") and initials
        if not tok.isascii():
            marked += 1
        elif tok.lower() in UNACCENTED_HINTS:
            hints += 1
        if is_syllable(tok) or is_folded_syllable(tok):
            good += 1
        elif tok.lower() in _NOT_DAMAGE:
            continue
        elif not has_vowel(tok) or not tok.isascii():
            bad += 1  # "tnh", "ngh": letters left where marked vowels were lost
        else:
            foreign += 1  # "Summit", "Startup"
    return good, bad, foreign, marked, hints


def _score(counts: tuple[int, int, int, int, int]) -> float:
    good, bad, foreign, marked, hints = counts
    words = good + bad + foreign
    invalid = bad / words if words >= 10 else 0.0
    unaccented = 0.0
    if hints >= 3 and hints >= 0.1 * words:
        unaccented = hints / (hints + marked)
    return max(invalid, unaccented)


def _paragraph_spans(s: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer(r"\n\s*\n", s):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(s)))
    return [(a, b) for a, b in spans if s[a:b].strip()]


def damaged_spans(s: str, threshold: float = 0.2) -> list[tuple[int, int]]:
    """Paragraph ranges (start, end) of at least 10 words whose damage score reaches threshold."""
    out = []
    for a, b in _paragraph_spans(s):
        counts = _token_counts(s[a:b])
        if sum(counts[:3]) >= 10 and _score(counts) >= threshold:
            out.append((a, b))
    return out


def damage_score(s: str) -> float:
    """0..1: the share of words that cannot be Vietnamese syllables (letters lost with their
    marks), or the share of Vietnamese typed without any marks, whichever is larger."""
    return round(_score(_token_counts(s)), 4)


def is_damaged(s: str) -> bool:
    return damage_score(s) >= DAMAGE_THRESHOLD
