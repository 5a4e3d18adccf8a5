import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.extract.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", ["One.", "Two."]),
        ("The U.S. sent troops. They arrived.", ["The U.S. sent troops.", "They arrived."]),
        ("Troops left Fort Bragg, N.C., on Monday. More followed.",
         ["Troops left Fort Bragg, N.C., on Monday.", "More followed."]),
        ("Gen. Mark Milley said so. Then he left.", ["Gen. Mark Milley said so.", "Then he left."]),
        ('"We are ready," he said. Next.', ['"We are ready," he said.', "Next."]),
        ("Headline without stop\nBody sentence one. Body two?",
         ["Headline without stop", "Body sentence one.", "Body two?"]),
        ("John F. Kennedy spoke.", ["John F. Kennedy spoke."]),
        # a web page's links on lines of their own stay inside their sentence
        ("It sent tanks into\nRafah\nand took the\nborder crossing\nwith\nEgypt. Next.",
         ["It sent tanks into\nRafah\nand took the\nborder crossing\nwith\nEgypt.", "Next."]),
        ("Troops left Kabul,\nGhazni and Herat.", ["Troops left Kabul,\nGhazni and Herat."]),
        ("Troops moved to the\n\nNext paragraph.", ["Troops moved to the", "Next paragraph."]),
        ("Pakistan moves troops\nBy Reuters", ["Pakistan moves troops", "By Reuters"]),
        ("", []),
        ("   \n\n  ", []),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


@given(st.text(max_size=400))
def test_spans_slice_text(text: str) -> None:
    sentences = split_sentences(text, "a")
    for sentence in sentences:
        assert text[sentence.start:sentence.end] == sentence.text
    assert [s.index for s in sentences] == list(range(len(sentences)))
    assert all(a.end <= b.start for a, b in itertools.pairwise(sentences))
