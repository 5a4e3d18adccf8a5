"""Name normalization shared by the gazetteer and the build: one key per way of writing a name."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize", "tokens", "is_latin"]

MAX_NAME_CHARS = 200

# Letters NFKD does not decompose into a base letter plus a combining mark.
_FOLD = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ŀ": "l",
        "ħ": "h",
        "ŧ": "t",
        "ŋ": "n",
        "ə": "e",
    }
)
_APOSTROPHES = re.compile(r"[\u0027\u2018\u2019\u02bb\u02bc\u02b9\u02be\u02bf\u0060\u00b4\u2032]")
_INITIALS = re.compile(r"(?<![^\W\d_])((?:[^\W\d_]\.){2,})")
_NON_WORD = re.compile(r"[^0-9a-z]+")
# Abbreviated name words: "St. Petersburg", "Ft. Bragg", "Mt. Hermon".
_WORDS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "port"}
_LATIN_RANGES = ((0x0000, 0x024F), (0x1E00, 0x1EFF), (0x0250, 0x02FF), (0x2000, 0x206F))


def _join_initials(match: re.Match[str]) -> str:
    """Turn "U.S." into "US" so that it normalizes to a single token."""
    return match.group(1).replace(".", "") + " "


def normalize(name: str) -> str:
    """Return the lookup key of a name: casefolded ASCII words separated by single spaces."""
    if not isinstance(name, str) or not name:
        return ""
    text = name[:MAX_NAME_CHARS]
    text = _APOSTROPHES.sub("", text)
    text = _INITIALS.sub(_join_initials, text)
    text = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_FOLD)
    words = _NON_WORD.sub(" ", text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(_WORDS.get(word, word) for word in words)


def tokens(key: str) -> int:
    """Return how many words a normalized key has."""
    return key.count(" ") + 1 if key else 0


def is_latin(name: str) -> bool:
    """Tell whether every letter of a name is in a Latin-script Unicode block."""
    for ch in name:
        if ch.isalpha() and not any(lo <= ord(ch) <= hi for lo, hi in _LATIN_RANGES):
            return False
    return True
