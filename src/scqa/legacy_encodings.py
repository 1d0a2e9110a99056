"""Tables for the two legacy Vietnamese font encodings still found in old government files.

Both were typed with 8-bit fonts and, read as Windows-1252 / Latin-1, show as mojibake:

- **TCVN3 (ABC, .VnTime fonts)**: one byte per lowercase letter. Only the seven base capitals
  Ă Â Ê Ô Ơ Ư Đ have codes; a capital with a tone mark was typed with the same byte as the
  lowercase letter and shown in an uppercase font (.VnTimeH), so decoding gives the lowercase
  letter. "Quyết định" reads "QuyÕt ®Þnh".
- **VNI (VNI-Windows)**: an ASCII base letter followed by one or two mark bytes, plus single
  bytes for ơ ư đ and the i/ỵ letters. "Quyết định" reads "Quyeát ñònh".

The tables map Unicode NFC letters to their legacy spelling; `decode_table` inverts them.
"""

from __future__ import annotations

import unicodedata

_TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # none, `, ?, ~, ', .
_BASES = "aăâeêioôơuưy"

# TCVN3 byte (as a cp1252/latin-1 character) per base vowel, tones in _TONES order.
_TCVN3_LOWER = {
    "a": "a\xb5\xb6\xb7\xb8\xb9",
    "ă": "\xa8\xbb\xbc\xbd\xbe\xc6",
    "â": "\xa9\xc7\xc8\xc9\xca\xcb",
    "e": "e\xcc\xce\xcf\xd0\xd1",
    "ê": "\xaa\xd2\xd3\xd4\xd5\xd6",
    "i": "i\xd7\xd8\xdc\xdd\xde",
    "o": "o\xdf\xe1\xe2\xe3\xe4",
    "ô": "\xab\xe5\xe6\xe7\xe8\xe9",
    "ơ": "\xac\xea\xeb\xec\xed\xee",
    "u": "u\xef\xf1\xf2\xf3\xf4",
    "ư": "\xad\xf5\xf6\xf7\xf8\xf9",
    "y": "y\xfa\xfb\xfc\xfd\xfe",
}
_TCVN3_EXTRA = {"đ": "\xae", "Ă": "\xa1", "Â": "\xa2", "Ê": "\xa3", "Ô": "\xa4", "Ơ": "\xa5"}
_TCVN3_EXTRA |= {"Ư": "\xa6", "Đ": "\xa7"}

# VNI: the mark bytes that follow a base letter, lowercase forms, tones in _TONES order.
_VNI_PLAIN_MARKS = ("", "\xf8", "\xfb", "\xf5", "\xf9", "\xef")  # à ả ã á ạ
_VNI_HAT_MARKS = ("\xe2", "\xe0", "\xe5", "\xe3", "\xe1", "\xe4")  # â ầ ẩ ẫ ấ ậ
_VNI_BREVE_MARKS = ("\xea", "\xe8", "\xfa", "\xfc", "\xe9", "\xeb")  # ă ằ ẳ ẵ ắ ặ
_VNI_I = ("i", "\xec", "\xe6", "\xf3", "\xed", "\xf2")  # single bytes for ì ỉ ĩ í ị
_VNI_SINGLE = {"ơ": "\xf4", "ư": "\xf6", "đ": "\xf1", "ỵ": "\xee"}


def _letter(base: str, tone: int) -> str:
    return unicodedata.normalize("NFC", base + _TONES[tone])


def _build_tcvn3() -> dict[str, str]:
    table: dict[str, str] = {}
    for base, codes in _TCVN3_LOWER.items():
        for tone, code in enumerate(codes):
            letter = _letter(base, tone)
            table[letter] = code
            # Toned capitals have no code of their own: the lowercase byte stands in for them.
            if tone or base in "ăâêôơư":
                table.setdefault(letter.upper(), code)
    for letter, code in _TCVN3_EXTRA.items():
        table[letter] = code
    return table


def _build_vni() -> dict[str, str]:
    table: dict[str, str] = {}
    for base in _BASES:
        for tone in range(6):
            letter = _letter(base, tone)
            if base == "i":
                code = _VNI_I[tone]
            elif base in "aeo":
                code = base + _VNI_PLAIN_MARKS[tone]
            elif base in "âêô":
                code = unicodedata.normalize("NFD", base)[0] + _VNI_HAT_MARKS[tone]
            elif base == "ă":
                code = "a" + _VNI_BREVE_MARKS[tone]
            elif base in "ơư":
                code = _VNI_SINGLE[base] + _VNI_PLAIN_MARKS[tone]
            else:  # u, y
                code = base + _VNI_PLAIN_MARKS[tone]
            if letter == "ỵ":
                code = _VNI_SINGLE["ỵ"]
            table[letter] = code
            table[letter.upper()] = code.upper()
    table["đ"] = _VNI_SINGLE["đ"]
    table["Đ"] = _VNI_SINGLE["đ"].upper()
    return {k: v for k, v in table.items() if not (k == v and k.isascii())}


TCVN3_ENCODE: dict[str, str] = {k: v for k, v in _build_tcvn3().items() if not k.isascii()}
VNI_ENCODE: dict[str, str] = _build_vni()


def decode_table(encoding: str) -> dict[str, str]:
    """Legacy spelling → Unicode letter. For TCVN3 the lowercase letter wins (see module doc)."""
    table = TCVN3_ENCODE if encoding == "tcvn3" else VNI_ENCODE
    out: dict[str, str] = {}
    for letter, code in table.items():
        if code not in out or letter.islower():
            out[code] = letter
    return out


# Characters that (almost) only occur in TCVN3 / VNI mojibake, for detection.
TCVN3_MARKERS = frozenset("\xa7\xae\xb5\xb6\xb7\xb8\xb9\xbb\xbc\xbd\xbe\xa8\xa9\xaa\xab\xac\xad")
VNI_MARKERS = frozenset("\xf1\xd1\xf6\xd6\xf4\xd4")
