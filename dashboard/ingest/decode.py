"""Turn the bytes of a news file into text: encodings, byte-order marks, newlines, binaries."""

from __future__ import annotations

import codecs
import logging
import unicodedata

from charset_normalizer import from_bytes

__all__ = ["ReadError", "decode_bytes", "normalise_text"]

log = logging.getLogger(__name__)

# Signatures of files people drop by mistake; checked before any decoding is tried.
_BINARY_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"%PDF",
    b"PK\x03\x04",  # zip, docx, odt, xlsx
    b"\xd0\xcf\x11\xe0",  # legacy Office
    b"RIFF",
    b"\x1f\x8b",  # gzip
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF = 4096


class ReadError(ValueError):
    """A file or text that cannot be read as an article; the message is meant for the user."""


# Invisible format characters: zero-width space and joiners, soft hyphen, bidi marks,
# embeddings and isolates, word joiner, byte-order marks, interlinear annotation and tag
# characters. They hide inside names ("Pol\u200band") and make them unreadable.
_INVISIBLE: dict[int, str | None] = dict.fromkeys(
    [
        0x00AD, 0x061C, 0x180E, *range(0x200B, 0x2010), *range(0x202A, 0x202F),
        *range(0x2060, 0x2065), *range(0x2066, 0x2070), 0xFEFF, *range(0xFFF9, 0xFFFC),
        0xE0001, *range(0xE0020, 0xE0080),
    ]
)  # fmt: skip
_INVISIBLE.update({0x2028: "\n", 0x2029: "\n\n"})  # Unicode line and paragraph separators


def normalise_text(text: str) -> str:
    """Text as troopmap reads it: LF newlines, no invisible format characters, NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    return unicodedata.normalize("NFC", text)


def _binary(name: str) -> ReadError:
    return ReadError(f"{name}: looks like a binary file, not an article")


def _utf16_without_bom(head: bytes) -> str | None:
    """Guess UTF-16 without a BOM: mostly-ASCII text leaves every other byte NUL."""
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even_nul = sum(1 for i in range(0, 2 * pairs, 2) if head[i] == 0)
    odd_nul = sum(1 for i in range(1, 2 * pairs, 2) if head[i] == 0)
    if odd_nul >= 0.6 * pairs and even_nul <= 0.05 * pairs:
        return "utf-16-le"
    if even_nul >= 0.6 * pairs and odd_nul <= 0.05 * pairs:
        return "utf-16-be"
    return None


def _detect_encoding(data: bytes) -> tuple[str, bytes] | None:
    """Return the encoding and the payload without its BOM, or None if it looks binary."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, data[len(bom) :]
    utf16 = _utf16_without_bom(data[:_SNIFF])
    if utf16 is not None:
        return utf16, data
    if b"\x00" in data:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8", data
    if _mostly_ascii(data):
        # English news with a few curly quotes, dashes or accented names: cp1252 (a superset
        # of latin-1's printable range) is right far more often than the Central European
        # code pages a detector may prefer on so little evidence.
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            pass
        else:
            return "cp1252", data
    best = from_bytes(data).best()
    if best is None:
        return None
    return best.encoding, data


def _mostly_ascii(data: bytes) -> bool:
    """True when at least 90% of the bytes are ASCII, as in English text."""
    return sum(1 for byte in data if byte < 0x80) >= 0.9 * len(data)


def _looks_binary(text: str) -> bool:
    """True when too many characters are control codes for the text to be prose."""
    sample = text[:_SNIFF]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return controls > 0.02 * len(sample)


def decode_bytes(data: bytes, name: str) -> str:
    """Decode a news file's bytes to normalised text, or raise a ReadError saying why not."""
    if not data.strip():
        raise ReadError(f"{name}: empty file")
    if any(data.startswith(magic) for magic in _BINARY_MAGIC):
        raise _binary(name)
    detected = _detect_encoding(data)
    if detected is None:
        raise _binary(name)
    encoding, payload = detected
    try:
        text = payload.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        text = payload.decode(encoding, errors="replace") if _known(encoding) else ""
        if not text:
            raise _binary(name) from None
    # Latin-1 puts C1 control codes where cp1252 has curly quotes and dashes: news files
    # labelled "latin-1" are nearly always cp1252.
    if any("\x80" <= ch <= "\x9f" for ch in text):
        try:
            text = payload.decode("cp1252")
        except UnicodeDecodeError:
            pass
    log.debug("%s decoded as %s", name, encoding)
    if _looks_binary(text):
        raise _binary(name)
    text = normalise_text(text)
    if not text.strip():
        raise ReadError(f"{name}: empty file")
    return text


def _known(encoding: str) -> bool:
    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    return True
