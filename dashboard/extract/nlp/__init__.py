"""The project's own English tagger, lemmatizer and dependency parser (spaCy, CPU).

Trained on Universal Dependencies English treebanks by ``python -m dashboard.extract.nlp.train``
(see ``MODEL.md`` beside this file); the trained pipeline ships in ``model/`` as package data
and is loaded once, lazily, the first time a sentence needs parsing.
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # spaCy takes about a second to import: only when a parse is asked for
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["load_parser", "parse"]


@functools.cache
def load_parser() -> Language:
    """The trained pipeline (tok2vec, tagger, parser, lemmatizer), loaded once."""
    import spacy

    model = importlib.resources.files("dashboard.extract.nlp") / "model"
    with importlib.resources.as_file(model) as path:
        return spacy.load(path)


def parse(texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    """Parsed docs of ``texts``, in order."""
    nlp: Any = load_parser()
    yield from nlp.pipe(texts, batch_size=batch_size)
