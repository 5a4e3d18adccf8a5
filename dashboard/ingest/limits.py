"""How much text troopmap reads: one size policy for files, uploads, pastes and stories.

Every limit is here so that the command line, the app and the tests use the same numbers.
A file or paste over its limit is refused with a message naming the limit; a story longer
than ``MAX_STORY_CHARS`` is split into parts at paragraph breaks, and the caller is told.
"""

from __future__ import annotations

from dashboard.ingest.decode import ReadError

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_UPLOAD_BYTES",
    "MAX_UPLOAD_FILES",
    "MAX_PASTE_CHARS",
    "MAX_STORY_CHARS",
    "check_upload_count",
]

# A file read from disk (command line, ``ingest``): 5 MiB.
MAX_FILE_BYTES = 5 * 1024 * 1024
# A file uploaded in the app: 2 MiB, since the upload holds the server while it is read.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
# Files in one upload.
MAX_UPLOAD_FILES = 20
# Pasted text, in characters.
MAX_PASTE_CHARS = 1_000_000
# The most one story holds; the extractor reads this much (about 20 s on one core).
MAX_STORY_CHARS = 2_000_000


def check_upload_count(count: int, limit: int = MAX_UPLOAD_FILES) -> None:
    """Refuse an upload of more than ``limit`` files, with a message saying what to do."""
    if count > limit:
        raise ReadError(
            f"{count} files were uploaded at once; the limit is {limit}: "
            "add them in smaller batches, or use the command line for a folder"
        )


def story_parts(text: str, limit: int = MAX_STORY_CHARS) -> list[str]:
    """``text`` cut into parts of at most ``limit`` characters, at paragraph breaks if it can.

    Each part is an exact slice of ``text`` with its surrounding whitespace trimmed, so every
    offset into a part still points at the words shown as evidence.
    """
    parts: list[str] = []
    start = 0
    while len(text) - start > limit:
        stop = start + limit
        for mark in ("\n\n", "\n", ". ", " "):
            keep = len(mark.rstrip())  # a full stop stays with its sentence
            cut = text.rfind(mark, start + limit // 2, stop + len(mark) - keep)
            if cut >= 0:
                stop = cut + keep
                break
        parts.append(text[start:stop])
        start = stop
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]
