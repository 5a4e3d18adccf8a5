"""Tests for dashboard.ingest.read: encodings, formats, story splitting and metadata."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dashboard.ingest import read as ingest
from dashboard.ingest.decode import normalise_text
from dashboard.ingest.meta import parse_date
from dashboard.ingest.read import ReadError, read_bytes, read_path, read_text
from dashboard.ingest.split import is_headline_like, is_subheading

SEED = "000_eea8246921cdf615.txt"
D = dt.date

# --- encodings ---------------------------------------------------------------------------

WIRE = (
    "NATO’s “eastern flank” will get 1,000 more troops — officials said on Wednesday.\n"
    "The deployment to Kraków and Constanța costs €5 million, the ministry said.\n"
)
LATIN = (
    "Soldiers from España and Zürich met in Kraków on Wednesday, the ministry said.\n"
    "The café near the base was closed; the garçon said troops had left for Århus.\n"
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(WIRE.encode("utf-8"), WIRE.strip(), id="utf-8"),
        pytest.param(WIRE.encode("utf-8-sig"), WIRE.strip(), id="utf-8-bom"),
        pytest.param(WIRE.encode("utf-16"), WIRE.strip(), id="utf-16-bom"),
        pytest.param(WIRE.encode("utf-16-le"), WIRE.strip(), id="utf-16-le-no-bom"),
        pytest.param(WIRE.encode("utf-16-be"), WIRE.strip(), id="utf-16-be-no-bom"),
        pytest.param(WIRE.encode("utf-32"), WIRE.strip(), id="utf-32-bom"),
        pytest.param(
            WIRE.replace("ț", "t").encode("cp1252"), WIRE.replace("ț", "t").strip(), id="cp1252"
        ),
        pytest.param(LATIN.encode("latin-1"), LATIN.strip(), id="latin-1"),
        pytest.param(WIRE.replace("\n", "\r\n").encode(), WIRE.strip(), id="crlf"),
        pytest.param(WIRE.replace("\n", "\r").encode(), WIRE.strip(), id="cr"),
    ],
)
def test_encodings_decode_to_the_same_text(data: bytes, expected: str) -> None:
    (article,) = read_bytes(data, "story.txt")
    assert article.text == expected


@pytest.mark.parametrize("write", [True, False], ids=["read_path", "read_bytes"])
def test_files_on_disk_decode_like_uploads(tmp_path: Path, write: bool) -> None:
    path = tmp_path / "wire.txt"
    path.write_bytes(WIRE.encode("utf-16"))
    articles = read_path(path) if write else read_bytes(path.read_bytes(), path.name)
    assert [a.text for a in articles] == [WIRE.strip()]
    assert articles[0].path == "wire.txt"


# --- files that are not articles -----------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "photo.txt: empty file", id="empty"),
        pytest.param(b"  \r\n\n\t ", "photo.txt: empty file", id="whitespace"),
        pytest.param(b"\xef\xbb\xbf\n\n", "photo.txt: empty file", id="bom-only"),
        pytest.param(
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
            "photo.txt: looks like a binary file, not an article",
            id="png",
        ),
        pytest.param(
            b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200),
            "photo.txt: looks like a binary file, not an article",
            id="jpeg",
        ),
        pytest.param(
            b"Troops moved\x00\x01\x02\x03 to the border" * 20,
            "photo.txt: looks like a binary file, not an article",
            id="nul-bytes",
        ),
        pytest.param(
            bytes(range(1, 32)) * 40,
            "photo.txt: looks like a binary file, not an article",
            id="control-codes",
        ),
    ],
)
def test_binary_and_empty_files_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(ReadError) as error:
        read_bytes(data, "photo.txt")
    assert str(error.value) == message


def test_too_large_upload_names_the_limit() -> None:
    with pytest.raises(ReadError, match=r"big\.txt: file is too large .*limit is .*1,000 bytes"):
        read_bytes(b"Troops arrived. " * 100, "big.txt", max_bytes=1000)


def test_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"Troops arrived. " * 100)
    with pytest.raises(ReadError, match="limit"):
        read_path(path, max_bytes=1000)
    assert read_path(path, max_bytes=10_000)[0].text.startswith("Troops arrived.")


def test_default_limit_is_a_few_megabytes() -> None:
    assert 1_000_000 <= ingest.MAX_BYTES <= 50_000_000


@pytest.mark.parametrize(
    ("name", "setup", "message"),
    [
        ("missing.txt", None, "missing.txt: no such file"),
        ("folder", "dir", "folder: is a folder"),
        ("report.pdf", "file", "report.pdf: .pdf files are not supported"),
        ("report.docx", "file", "report.docx: .docx files are not supported"),
    ],
)
def test_unreadable_paths_give_clear_errors(
    tmp_path: Path, name: str, setup: str | None, message: str
) -> None:
    path = tmp_path / name
    if setup == "dir":
        path.mkdir()
    elif setup == "file":
        path.write_bytes(b"%PDF-1.4 whatever")
    with pytest.raises(ReadError, match=message):
        read_path(path)


# --- HTML ----------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head>
<title>Troops arrive in Poland | Example News</title>
<meta property="og:title" content="Troops arrive in Poland">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2022-02-06T10:00:00Z">
<link rel="canonical" href="https://news.example.org/world/troops-arrive">
<script>var tracker = "SCRIPT_PAYLOAD"; document.write("SCRIPT_WRITE");</script>
<style>body { color: red } .STYLE_RULE {}</style>
</head><body><nav>Home | World | Sport</nav>
<article><h1>Troops arrive in Poland</h1>
<p>The first of 1,700 US soldiers arrived in southeastern Poland on Sunday, officials said.</p>
<p>More troops are expected to follow from Fort Bragg in North Carolina in the coming days,
the Pentagon said in a statement released on Sunday evening.</p>
<script>alert("INLINE_SCRIPT")</script>
</article><footer>Copyright Example News</footer></body></html>"""


def test_html_page_gives_main_text_and_metadata() -> None:
    (article,) = read_bytes(PAGE.encode(), "page.html")
    assert article.text.startswith("The first of 1,700 US soldiers")
    assert "Fort Bragg" in article.text
    for unwanted in ("SCRIPT_PAYLOAD", "SCRIPT_WRITE", "INLINE_SCRIPT", "STYLE_RULE", "Sport"):
        assert unwanted not in article.text
    assert article.title == "Troops arrive in Poland"
    assert article.date == D(2022, 2, 6)
    assert article.url == "https://news.example.org/world/troops-arrive"
    assert article.source == "Example News"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param(
            "<html><body><p>Russian forces moved 30,000 troops to Belarus <b>for drills"
            "<p>Second paragraph never closed <div>",
            "30,000 troops to Belarus",
            id="unclosed-tags",
        ),
        pytest.param(
            "<p>Turkish drones reached Kyiv on Thursday, officials said.</p></body></html>",
            "Turkish drones reached Kyiv",
            id="no-head",
        ),
        pytest.param(
            "<html><body><div><p>Marines landed in Norway <<< for the exercise.</p>",
            "Marines landed in Norway",
            id="stray-brackets",
        ),
    ],
)
def test_broken_html_still_gives_text(html: str, expected: str) -> None:
    (article,) = read_bytes(html.encode(), "broken.htm")
    assert expected in article.text


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title></title></head><body></body></html>",
        "<html><body><script>var only = 'script';</script></body></html>",
        "<<<>>>",
    ],
)
def test_html_without_text_is_a_clear_error(html: str) -> None:
    with pytest.raises(ReadError, match=r"^empty\.html: "):
        read_bytes(html.encode(), "empty.html")


def test_pasted_html_is_recognised() -> None:
    (article,) = read_text(PAGE)
    assert article.title == "Troops arrive in Poland"
    assert "SCRIPT_PAYLOAD" not in article.text


# --- story splitting -----------------------------------------------------------------------


def test_seed_holds_two_stories() -> None:
    articles = read_path(ingest.seed_dir() / SEED)
    assert [a.text.split()[:4] for a in articles] == [
        ["The", "United", "States", "on"],
        ["Turkish", "President", "Recep", "Tayyip"],
    ]
    assert articles[0].text.endswith(
        '"will do whatever is necessary to protect and defend all allies."'
    )
    assert "Erdogan eyes Ukraine summit with Putin" not in articles[1].text
    assert "- Diplomatic efforts -" in articles[0].text
    assert "- Special relationship -" in articles[1].text


def test_seed_metadata_comes_from_its_sidecar() -> None:
    articles = read_path(ingest.seed_dir() / SEED)
    assert [(a.title, a.date, a.source) for a in articles] == [
        (
            "US deploys troops to eastern Europe as Scholz, Macron plan Moscow trips",
            D(2022, 2, 2),
            "AFP",
        ),
        ("Erdogan eyes Ukraine summit with Putin", D(2022, 2, 2), "AFP"),
    ]


def test_seed_without_sidecar_has_headline_title_only() -> None:
    text = (ingest.seed_dir() / SEED).read_text(encoding="utf-8")
    first, second = read_text(text)
    assert first.title is None
    assert second.title == "Erdogan eyes Ukraine summit with Putin"


P1 = "Marines from the 2nd Division arrived in Norway on Monday for cold-weather drills."
P2 = "The Norwegian defence ministry said about 800 troops would take part in the exercise."
P3 = "Finland said on Tuesday it would send two companies to the same exercise next month."
P4 = '"We are ready," the Finnish defence minister told reporters in Helsinki.'

SINGLE_STORIES = {
    "dash-subheading": f"{P1}\n{P2}\n- Regional tensions -\n{P3}\n{P4}",
    "em-dash-subheading": f"{P1}\n{P2}\n— What comes next for the alliance —\n{P3}",
    "short-subheading": f"{P1}\n{P2}\nRegional tensions\n{P3}\n{P4}",
    "question-subheading": f"{P1}\n{P2}\nWill the exercise be expanded?\n{P3}",
    "quoted-subheading": f"{P1}\n{P2}\n- 'Ready to respond' -\n{P3}",
    "blank-line-paragraphs": f"{P1}\n\n{P2}\n\n- Regional tensions -\n\n{P3}\n\n{P4}",
    "separator-line": f"{P1}\n{P2}\n* * *\n{P3}\n{P4}",
    "credit-line": f"{P1}\n{P2}\nReporting by Jane Doe in Oslo and John Roe\n{P3}",
    "photo-line": f"{P1}\nPhoto by the Norwegian armed forces press office\n{P2}",
    "headline-after-subheading": (
        f"{P1}\n- Regional tensions -\nFinland joins the exercise next month\n{P3}"
    ),
    "no-body-after": f"{P1}\n{P2}\nFinland joins the exercise next month",
    "lowercase-start": f"{P1}\nand then the troops moved on to Bardufoss\n{P2}",
    "wrapped-lines": (
        "Marines from the 2nd Division arrived in Norway on Monday for\n"
        "cold-weather drills, officials said. They will stay for weeks.\n"
        "Norwegian officials said about 800 troops would take part in\n"
        "the exercise. Finland said on Tuesday it would send two more\n"
        "companies. The drills end in March."
    ),
    "bullet-list": f"{P1}\n- Finland sends two companies north\n{P2}",
    "interrogative-subheading": f"{P1}\n{P2}\nWhat comes next for the alliance\n{P3}",
    "wrapped-continuation": (
        "Officials in Oslo said the marines arrived on Monday.\n"
        "NATO allies have been asked to send more\n"
        "troops to the region, the ministry said.\n"
        "Finland said on Tuesday it would send two companies."
    ),
    "non-latin-lowercase": f"{P1}\nВойска прибыли в Польшу в понедельник\nи затем ушли.",
}


@pytest.mark.parametrize("text", SINGLE_STORIES.values(), ids=SINGLE_STORIES.keys())
def test_subheadings_do_not_start_stories(text: str) -> None:
    articles = read_text(text)
    assert len(articles) == 1
    assert articles[0].text == text.strip()
    assert articles[0].title is None


H1 = "Marines arrive in Norway for Arctic drills"
H2 = "Finland to send troops to joint exercise"
H3 = "Baltic states ask for more air defence"
P5 = "Estonia, Latvia and Lithuania asked NATO on Friday for more Patriot batteries."

MULTI_STORIES = {
    "seed-style": (f"{P1}\n{P2}\n{H2}\n{P3}\n{P4}", [None, H2], [P1, P3]),
    "headline-first": (f"{H1}\n{P1}\n{P2}\n{H2}\n{P3}\n{P4}", [H1, H2], [P1, P3]),
    "single-with-headline": (f"{H1}\n{P1}\n{P2}", [H1], [P1]),
    "non-latin": (
        f"{P1}\n{P2}\nВойска прибыли в Польшу в понедельник\nОфициальные лица сообщили это.",
        [None, "Войска прибыли в Польшу в понедельник"],
        [P1, "Официальные"],
    ),
    "three-stories": (f"{H1}\n{P1}\n{H2}\n{P3}\n{H3}\n{P5}", [H1, H2, H3], [P1, P3, P5]),
    "blank-lines": (f"{H1}\n\n{P1}\n\n{P2}\n\n\n{H2}\n\n{P3}\n\n{P4}\n", [H1, H2], [P1, P3]),
    "byline": (f"{P1}\n{P2}\n{H2}\nBy Jane Doe\n{P3}", [None, H2], [P1, "By Jane Doe"]),
    "separator-then-headline": (f"{P1}\n{P2}\n---\n{H2}\n{P3}", [None, H2], [P1, P3]),
    "subheadings-inside": (
        f"{H1}\n{P1}\n- Regional tensions -\n{P2}\n{H2}\n{P3}\n- 'Ready' -\n{P4}",
        [H1, H2],
        [P1, P3],
    ),
    "wrapped-with-blank-lines": (
        f"{H1}\n\nMarines from the 2nd Division arrived in Norway on Monday\n"
        f"for cold-weather drills, officials said.\n\n{H2}\n\nFinland said on Tuesday it\n"
        "would send two companies to the exercise.\n",
        [H1, H2],
        ["Marines from", "Finland said"],
    ),
}


@pytest.mark.parametrize(
    ("text", "titles", "starts"), MULTI_STORIES.values(), ids=MULTI_STORIES.keys()
)
def test_headlines_between_paragraphs_start_stories(
    text: str, titles: list[str | None], starts: list[str]
) -> None:
    articles = read_text(text)
    assert [a.title for a in articles] == titles
    assert [a.text[: len(s)] for a, s in zip(articles, starts, strict=True)] == starts
    for article in articles:
        assert article.title is None or article.title not in article.text
        assert article.text == article.text.strip()


@pytest.mark.parametrize(
    ("line", "headline", "subheading"),
    [
        ("Erdogan eyes Ukraine summit with Putin", True, False),
        ("3,000 US troops head to Poland and Romania", True, False),
        ("- Diplomatic efforts -", False, True),
        ("- 'Imminent' invasion? -", False, True),
        ("Diplomatic efforts", False, True),
        ("Is an invasion imminent now?", False, True),
        ("The troops arrived on Monday.", False, False),
        ("'Imminent' invasion of Ukraine feared", False, False),
        ("Reporting by Jane Doe; Editing by John Roe", False, False),
        ("Photo: US soldiers board a plane", False, False),
        ("Title: Troops head east", False, False),
        ("1. Troops head east to Poland", False, False),
        ("Officials said. Troops left the base", False, False),
        ("x " * 20, False, False),
    ],
)
def test_line_classification(line: str, headline: bool, subheading: bool) -> None:
    assert is_headline_like(line) is headline
    assert is_subheading(line) is subheading


# --- Markdown ------------------------------------------------------------------------------

MARKDOWN_CASES = {
    "emphasis": (
        "Troops **arrived** in *Poland* and __Romania__ and _Latvia_.",
        None,
        "Troops arrived in Poland and Romania and Latvia.",
    ),
    "links": (
        'See [the Pentagon statement](https://example.org/a "t") and [NATO][n].\n\n'
        "[n]: https://nato.int",
        None,
        "See the Pentagon statement and NATO.",
    ),
    "images": (
        "![A tank](tank.jpg) Tanks crossed the river on Monday.",
        None,
        "Tanks crossed the river on Monday.",
    ),
    "wrapped-paragraph": (
        "Troops arrived in\nPoland on Monday,\nofficials said.",
        None,
        "Troops arrived in Poland on Monday, officials said.",
    ),
    "h1-is-title": (
        "# Troops arrive in Poland\n\nThe first soldiers landed on Monday.",
        "Troops arrive in Poland",
        "The first soldiers landed on Monday.",
    ),
    "setext-title": (
        "Troops arrive in Poland\n=======================\n\nThey landed.",
        "Troops arrive in Poland",
        "They landed.",
    ),
    "h2-is-subheading": (
        "# Troops arrive\n\nThey landed on Monday.\n\n## What comes next "
        "for the alliance\n\nMore will follow.",
        "Troops arrive",
        "They landed on Monday.\n\nWhat comes next for the alliance\n\nMore will follow.",
    ),
    "lists-and-quotes": (
        'Units sent:\n\n- 82nd Airborne\n* 18th Corps\n\n> "We are ready," he said.',
        None,
        'Units sent:\n\n82nd Airborne\n\n18th Corps\n\n"We are ready," he said.',
    ),
    "code-and-escapes": (
        "Troops use `Patriot` systems \\*not\\* S-400s.",
        None,
        "Troops use Patriot systems *not* S-400s.",
    ),
    "snake_case-kept": (
        "The file troop_moves_2022 lists units.",
        None,
        "The file troop_moves_2022 lists units.",
    ),
    "comments-and-rules": (
        "Troops left.<!-- editor note -->\n\n---\n\nThey returned.",
        None,
        "Troops left.\n\nThey returned.",
    ),
    "wire-subheading": (
        "Troops left on Monday.\n- Diplomatic efforts -\nTalks resumed.",
        None,
        "Troops left on Monday.\n\n- Diplomatic efforts -\n\nTalks resumed.",
    ),
}


@pytest.mark.parametrize(
    ("source", "title", "text"), MARKDOWN_CASES.values(), ids=MARKDOWN_CASES.keys()
)
def test_markdown_becomes_clean_text(source: str, title: str | None, text: str) -> None:
    (article,) = read_text(source, name="story.md")
    assert (article.title, article.text) == (title, text)


def test_markdown_h1_headings_split_stories() -> None:
    source = f"# {H1}\n\n{P1}\n\n## Regional tensions ahead\n\n{P2}\n\n# {H2}\n\n{P3}\n"
    first, second = read_text(source, name="two.md")
    assert (first.title, second.title) == (H1, H2)
    assert first.text == f"{P1}\n\nRegional tensions ahead\n\n{P2}"
    assert second.text == P3


# --- metadata ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-02-02", D(2022, 2, 2)),
        ("2022-02-02T10:15:00+01:00", D(2022, 2, 2)),
        ("2022/2/2", D(2022, 2, 2)),
        ("Feb. 2, 2022", D(2022, 2, 2)),
        ("February 2, 2022", D(2022, 2, 2)),
        ("Wednesday, February 2, 2022", D(2022, 2, 2)),
        ("2 February 2022", D(2022, 2, 2)),
        ("2nd Feb 2022", D(2022, 2, 2)),
        ("Sept 30, 2021 10:00 GMT", D(2021, 9, 30)),
        ("Wed 2 Feb 2022", D(2022, 2, 2)),
        (D(2022, 2, 2), D(2022, 2, 2)),
        (dt.datetime(2022, 2, 2, 23, 0), D(2022, 2, 2)),
        ("2022-02-30", None),
        ("Smarch 2, 2022", None),
        ("02/03/2022", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value: object, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


HEADER = "Title: Header title\nDate: Feb. 1, 2022\nSource: Header Wire\nURL: https://h.example\n\n"


def _write(tmp_path: Path, name: str, text: str, sidecar: object | None = None) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    if sidecar is not None:
        (tmp_path / f"{name}.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("sidecar", "kwargs", "expected"),
    [
        pytest.param(
            None,
            {},
            ("Header title", D(2022, 2, 1), "Header Wire", "https://h.example"),
            id="file-only",
        ),
        pytest.param(
            {"title": "Side", "date": "2022-02-03"},
            {},
            ("Side", D(2022, 2, 3), "Header Wire", "https://h.example"),
            id="sidecar",
        ),
        pytest.param(
            {"title": "Side", "source": "Side Wire"},
            {"source": "Caller", "date": "4 February 2022"},
            ("Side", D(2022, 2, 4), "Caller", "https://h.example"),
            id="caller",
        ),
        pytest.param(
            {"stories": [{"url": "https://s.example"}]},
            {"title": "Caller title"},
            ("Caller title", D(2022, 2, 1), "Header Wire", "https://s.example"),
            id="stories-list",
        ),
    ],
)
def test_metadata_priority(
    tmp_path: Path, sidecar: object, kwargs: dict[str, str], expected: tuple[object, ...]
) -> None:
    path = _write(tmp_path, "story.txt", HEADER + P1 + "\n" + P2, sidecar)
    (article,) = read_path(path, **kwargs)
    assert (article.title, article.date, article.source, article.url) == expected
    assert article.text == f"{P1}\n{P2}"


def test_sidecar_stories_apply_in_order(tmp_path: Path) -> None:
    sidecar = {"source": "Wire", "stories": [{"title": "One"}, {"date": "2022-02-05"}]}
    path = _write(tmp_path, "two.txt", f"{P1}\n{H2}\n{P3}", sidecar)
    first, second = read_path(path)
    assert (first.title, first.date, first.source) == ("One", None, "Wire")
    assert (second.title, second.date, second.source) == (H2, D(2022, 2, 5), "Wire")


def test_file_wide_title_names_only_the_first_story(tmp_path: Path) -> None:
    path = _write(tmp_path, "two.txt", f"{P1}\n{H2}\n{P3}", {"title": "Whole", "source": "W"})
    first, second = read_path(path)
    assert (first.title, second.title) == ("Whole", H2)
    assert first.source == second.source == "W"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Feb. 2, 2022", D(2022, 2, 2)),
        ("Published: 2 February 2022", D(2022, 2, 2)),
        ("Updated on Wednesday, February 2, 2022 10:31 GMT", D(2022, 2, 2)),
        ("2022-02-02", D(2022, 2, 2)),
        ("By Jane Doe", None),
        ("Published by the ministry of defence of the Republic in 2022", None),
    ],
)
def test_date_line_under_headline_dates_the_story(line: str, expected: dt.date | None) -> None:
    _, second = read_text(f"{P1}\n{H2}\n{line}\n{P3}")
    assert (second.title, second.date) == (H2, expected)
    assert second.text.startswith(line)


def test_header_block_needs_short_values() -> None:
    text = "Source: " + "the defence ministry said on Monday that troops had arrived " * 6
    (article,) = read_text(text)
    assert (article.source, article.text) == (None, text.strip())


def test_front_matter_in_markdown() -> None:
    source = '---\ntitle: "Front title"\ndate: 2022-02-02\ntags:\n  - nato\n---\n\nBody text.'
    (article,) = read_text(source, name="story.md")
    assert (article.title, article.date, article.text) == (
        "Front title",
        D(2022, 2, 2),
        "Body text.",
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", r"story\.txt\.meta\.json: not valid JSON \(line 1"),
        ("[1, 2]", r"story\.txt\.meta\.json: expected a JSON object"),
        ('{"stories": {"title": "x"}}', r'"stories" must be a list'),
    ],
)
def test_bad_sidecar_is_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = _write(tmp_path, "story.txt", P1)
    (tmp_path / "story.txt.meta.json").write_text(content, encoding="utf-8")
    with pytest.raises(ReadError, match=message):
        read_path(path)


def test_unreadable_caller_date_is_a_clear_error() -> None:
    with pytest.raises(ReadError, match=r"pasted: could not read the date 'soon'"):
        read_text(P1, date="soon")


def test_story_without_a_date_still_reads() -> None:
    (article,) = read_text(P1)
    assert (article.date, article.title, article.source, article.url) == (None, None, None, None)
    assert article.path == "pasted"


# --- ids, files and folders ----------------------------------------------------------------


def test_ids_are_stable_content_hashes() -> None:
    (a,) = read_text(P1, name="a.txt", title="A")
    (b,) = read_text("\n\n" + P1 + "\n", name="b.txt", title="B")
    (c,) = read_text(P2)
    assert a.id == b.id != c.id
    assert len(a.id) == 12 and int(a.id, 16) >= 0


def test_iter_article_files(tmp_path: Path) -> None:
    for rel in [
        "b.txt",
        "a.md",
        "sub/c.html",
        "sub/deep/d.htm",
        "sub/e.markdown",
        "x.txt.meta.json",
        ".hidden.txt",
        ".git/f.txt",
        "notes.pdf",
        "image.png",
    ]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in ingest.iter_article_files(tmp_path)]
    assert found == ["a.md", "b.txt", "sub/c.html", "sub/deep/d.htm", "sub/e.markdown"]
    explicit = list(
        ingest.iter_article_files([tmp_path / "notes.pdf", tmp_path, tmp_path / "b.txt"])
    )
    assert explicit[0].name == "notes.pdf" and len(explicit) == 6


def test_seed_dir_holds_the_seed() -> None:
    assert (ingest.seed_dir() / SEED).is_file()
    assert SEED in [p.name for p in ingest.iter_article_files(ingest.seed_dir())]


# --- properties ----------------------------------------------------------------------------


def _normalised(text: str) -> str:
    """What a story's text is a slice of: the text with newlines, invisibles and NFC settled."""
    return normalise_text(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.text(),
            st.sampled_from([P1, P2, H1, H2, "- Subheading -", "", "---", "Title: T", "# H"]),
        ),
        max_size=12,
    ).map("\n".join)
)
def test_read_text_never_crashes_and_keeps_stories_in_order(text: str) -> None:
    assume(not text.lstrip().lower().startswith(("<!doctype html", "<html")))
    try:
        articles = read_text(text)
    except ReadError as error:
        assert str(error).startswith("pasted: ")
        return
    source, position = _normalised(text), 0
    for article in articles:
        found = source.find(article.text, position)
        assert found >= 0 and article.text
        position = found + len(article.text)


@settings(max_examples=100, deadline=None)
@given(st.text(), st.sampled_from(["story.md", "page.html"]))
def test_markdown_and_html_never_crash(text: str, name: str) -> None:
    try:
        articles = read_text(text, name=name)
    except ReadError as error:
        assert str(error).startswith(f"{name}: ")
        return
    assert all(article.text.strip() for article in articles)
