"""Hostile and odd input on the way in: invisible characters, size limits, long stories,
wire datelines and folders with symlink loops."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dashboard import ingest
from dashboard.ingest import limits
from dashboard.ingest import read as reader
from dashboard.ingest.read import ReadError, read_bytes, read_text


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("Pol\u200band", "Poland"),
        ("Bel\u00adarus", "Belarus"),
        ("Uk\u200draine\u200c", "Ukraine"),
        ("\u202eKyiv\u202c and \u2066Lviv\u2069", "Kyiv and Lviv"),
        ("\ufeffTroops in Mari\u200e\u200fupol", "Troops in Mariupol"),
        ("Dnipro\u2060 and Zaporizhzhia", "Dnipro and Zaporizhzhia"),
        ("Cafe\u0301 in Donetsk", "Caf\u00e9 in Donetsk"),  # NFC
    ],
)
@pytest.mark.parametrize("name", ["pasted", "story.txt", "story.md"])
def test_invisible_characters_are_removed_and_text_is_nfc(
    written: str, read: str, name: str
) -> None:
    sentence = f"US troops arrived in {written} on Monday."
    (pasted,) = read_text(sentence, name=name)
    (uploaded,) = read_bytes(sentence.encode("utf-8"), name if "." in name else "s.txt")
    expected = f"US troops arrived in {read} on Monday."
    assert pasted.text == expected and uploaded.text == expected


def test_titles_from_headers_are_normalised_too() -> None:
    (article,) = read_text("Title: Troops in Pol\u200band\n\nUS troops arrived in Poland.")
    assert article.title == "Troops in Poland"


@pytest.mark.parametrize(
    ("opening", "date", "source"),
    [
        ("BERLIN, March 14, 2024 (Reuters) - ", dt.date(2024, 3, 14), "Reuters"),
        ("KYIV, Ukraine, Feb. 2, 2022 (AP) \u2014 ", dt.date(2022, 2, 2), "AP"),
        ("NEW YORK, 5 June 2023 (AFP) \u2013 ", dt.date(2023, 6, 5), "AFP"),
        ("Washington (AFP) - ", None, "AFP"),
    ],
)
@pytest.mark.parametrize("name", ["story.txt", "story.md", "pasted"])
def test_wire_datelines_give_date_and_source(
    opening: str, date: dt.date | None, source: str, name: str
) -> None:
    text = opening + "German troops arrived in Lithuania on Wednesday, officials said."
    (article,) = read_text(text, name=name)
    assert (article.date, article.source) == (date, source)
    assert article.text.startswith(opening.strip()[:6])


@pytest.mark.parametrize(
    "opening",
    [
        "The talks (in Geneva) - which ended - achieved nothing.",
        "In 2022, March 14 (a Monday) - troops left.",
        "the ministry (MoD) - said troops left.",
    ],
)
def test_parentheses_that_are_no_dateline_give_nothing(opening: str) -> None:
    (article,) = read_text(opening)
    assert article.source is None


def test_caller_metadata_wins_over_the_dateline() -> None:
    text = "BERLIN, March 14, 2024 (Reuters) - German troops arrived in Lithuania."
    (article,) = read_text(text, source="My notes", date="2024-03-15")
    assert (article.date, article.source) == (dt.date(2024, 3, 15), "My notes")


def test_limits_are_exported_once_from_ingest() -> None:
    assert ingest.MAX_FILE_BYTES == reader.MAX_BYTES == 5 * 1024 * 1024
    assert ingest.MAX_UPLOAD_BYTES == 2 * 1024 * 1024
    assert ingest.MAX_UPLOAD_FILES >= 1 and ingest.MAX_PASTE_CHARS >= 100_000
    assert ingest.MAX_STORY_CHARS == 2_000_000


def test_too_long_a_paste_is_refused_with_the_limit() -> None:
    with pytest.raises(ReadError, match=r"too long .*the limit is 1,000"):
        read_text("Troops arrived. " * 100, max_chars=1000)
    with pytest.raises(ReadError, match="limit is"):
        read_text("x" * (ingest.MAX_PASTE_CHARS + 1))


def test_too_many_uploads_are_refused() -> None:
    ingest.check_upload_count(ingest.MAX_UPLOAD_FILES)
    with pytest.raises(ReadError, match=f"limit is {ingest.MAX_UPLOAD_FILES}"):
        ingest.check_upload_count(ingest.MAX_UPLOAD_FILES + 1)


def test_a_story_longer_than_the_extractor_reads_is_split_and_reported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reader, "MAX_STORY_CHARS", 200)
    paragraph = "US troops arrived in Poland on Monday, officials said on the day."
    text = "\n\n".join([paragraph] * 9)
    notes: list[str] = []
    articles = read_text(text, title="Long story", notes=notes)
    assert len(articles) > 1 and all(len(a.text) <= 200 for a in articles)
    assert "".join(a.text for a in articles).replace("\n", "") == text.replace("\n", "")
    assert all(text.find(a.text) >= 0 for a in articles)  # exact slices: evidence holds
    assert articles[0].title == "Long story"
    assert articles[1].title == f"Long story (part 2 of {len(articles)})"
    (note,) = notes
    assert "pasted: story 1" in note and f"split into {len(articles)} parts" in note


def test_story_parts_cut_at_paragraphs_then_lines_then_words() -> None:
    assert limits.story_parts("aaaa\n\nbbbb\n\ncccc", 10) == ["aaaa\n\nbbbb", "cccc"]
    assert limits.story_parts("aaaa bbbb cccc", 10) == ["aaaa bbbb", "cccc"]
    assert limits.story_parts("a" * 25, 10) == ["a" * 10, "a" * 10, "a" * 5]


def test_symlink_loops_are_reported_and_the_good_files_kept(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "good.txt").write_text("US troops arrived in Poland.", encoding="utf-8")
    files = list(ingest.iter_article_files([tmp_path]))
    assert [f.name for f in files] == ["a.txt", "b.txt", "good.txt"]
    with pytest.raises(ReadError, match="a.txt: cannot be read"):
        ingest.read_path(files[0])
    (good,) = ingest.read_path(files[2])
    assert good.text == "US troops arrived in Poland."


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("A <!-- hidden --> troops <!-- also --> moved.", "A troops moved."),
        ("Troops <!-- never closed moved.", "Troops <!-- never closed moved."),
        ("Troops <!-- a --> came <!-- b", "Troops came <!-- b"),
    ],
)
def test_markdown_comments(source: str, text: str) -> None:
    (article,) = read_text(source, name="story.md")
    assert article.text == text


@pytest.mark.parametrize(
    ("line", "title"),
    [("# Troops arrive", "Troops arrive"), ("## C# is ##", "C# is"), ("#Hashtag", None),
     ("    # code", None), ("####### seven", None)],
)
def test_atx_headings(line: str, title: str | None) -> None:
    from dashboard.ingest.markup import _atx

    found = _atx(line)
    assert (found[1] if found else None) == title


def test_a_page_with_too_many_tags_is_read_whole_and_said(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dashboard.ingest import markup

    monkeypatch.setattr(markup, "MAX_HTML_TAGS", 100)
    page = "<html><body>" + "<p>US troops arrived in Poland. " * 150 + "</body></html>"
    notes: list[str] = []
    (article,) = read_bytes(page.encode(), "big.html", notes=notes)
    assert article.text.count("US troops arrived in Poland.") == 150
    (note,) = notes
    assert note.startswith("big.html: the page has 154 tags, more than the 100")


def test_a_normal_page_is_still_read_closely() -> None:
    page = ("<html><head><title>Troops arrive</title></head><body><nav>Home | World</nav>"
            "<article><h1>Troops arrive</h1><p>US troops arrived in Poland on Monday, "
            "officials said, as NATO moved forces east.</p></article></body></html>")
    notes: list[str] = []
    (article,) = read_bytes(page.encode(), "page.html", notes=notes)
    assert article.title == "Troops arrive" and "US troops arrived" in article.text
    assert not notes
