"""Reading: bytes, files and pasted text in -> ``Article`` records out.

Decodes any encoding, turns Markdown and HTML into plain text, reads metadata (title, date,
source, URL) from the file, its sidecar or the caller, and splits a file into its stories.
Text is normalised on the way in (newlines, invisible format characters, NFC), and the size
limits every caller shares are here (``MAX_*``; see ``dashboard.ingest.limits``).
"""

from dashboard.ingest.decode import ReadError, normalise_text
from dashboard.ingest.limits import (
    MAX_FILE_BYTES,
    MAX_PASTE_CHARS,
    MAX_STORY_CHARS,
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_FILES,
    check_upload_count,
)
from dashboard.ingest.read import (
    MAX_BYTES,
    article_id,
    iter_article_files,
    read_bytes,
    read_path,
    read_text,
    seed_dir,
)

__all__ = [
    "MAX_BYTES",
    "MAX_FILE_BYTES",
    "MAX_PASTE_CHARS",
    "MAX_STORY_CHARS",
    "MAX_UPLOAD_BYTES",
    "MAX_UPLOAD_FILES",
    "ReadError",
    "check_upload_count",
    "normalise_text",
    "article_id",
    "iter_article_files",
    "read_bytes",
    "read_path",
    "read_text",
    "seed_dir",
]
