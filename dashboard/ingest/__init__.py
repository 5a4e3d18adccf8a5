"""Reading: bytes, files and pasted text in -> ``Article`` records out.

Decodes any encoding, turns Markdown and HTML into plain text, reads metadata (title, date,
source, URL) from the file, its sidecar or the caller, and splits a file into its stories.
"""

from dashboard.ingest.decode import ReadError
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
    "ReadError",
    "article_id",
    "iter_article_files",
    "read_bytes",
    "read_path",
    "read_text",
    "seed_dir",
]
