"""Tests for dashboard.cli: extract, toponyms, ingest and export, exit codes and messages."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import types
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import Point

import geodata
from dashboard.cli import main
from dashboard.records import Article, Event, Extraction, Mention, Place, Sentence

REPO = Path(__file__).resolve().parents[1]
KYIV = Place("gn:703448", "Kyiv", "city", 50.45, 30.52, country="UA")


def _fake_extract(article: Article, gazetteer: object) -> Extraction:
    """One presence event per 'troops' in the text; 'crash' makes it fail."""
    if "crash" in article.text:
        raise RuntimeError("extractor broke")
    sentence = Sentence(article.id, 0, 0, len(article.text), article.text)
    events = tuple(
        Event(
            f"{article.id}-e{i}",
            article.id,
            "presence" if i % 2 == 0 else "deployment",
            "asserted" if i % 2 == 0 else "negated",
            sentence,
            actor="RU",
            date=article.date,
            geometry=Point(30.52, 50.45),
        )
        for i in range(article.text.count("troops"))
    )
    return Extraction(article, (sentence,), events=events)


def _fake_toponyms(text: str, gazetteer: object) -> list[Mention]:
    """'Kyiv' resolved, 'Nowhere' unresolved."""
    out = []
    for word, place in (("Kyiv", KYIV), ("Nowhere", None)):
        start = text.find(word)
        if start >= 0:
            out.append(Mention("", start, start + len(word), word, place))
    return out


@pytest.fixture(autouse=True)
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Replace the extraction pipeline and gazetteer with small fakes."""
    gazetteer = types.ModuleType("geodata.gazetteer")
    gazetteer.load_gazetteer = lambda: object()  # type: ignore[attr-defined]
    monkeypatch.setattr("dashboard.extract.extract_article", _fake_extract)
    monkeypatch.setattr("dashboard.extract.predict_toponyms", _fake_toponyms)
    monkeypatch.setattr("dashboard.extract.EXTRACTOR_VERSION", "test")
    monkeypatch.setitem(sys.modules, "geodata.gazetteer", gazetteer)
    monkeypatch.setattr(geodata, "gazetteer", gazetteer, raising=False)
    monkeypatch.setattr("dashboard.store.writer._gazetteer", None)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder with two readable articles and one unsupported file."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Russian troops massed near Kyiv, and more troops came.\n")
    (folder / "b.md").write_text("# Drills\n\nTroops drilled. The troops left on Friday.\n")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    return folder


def test_extract_writes_one_feature_per_event(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    assert main(["extract", str(corpus), "-o", str(out)]) == 0
    features = json.loads(out.read_text())["features"]
    assert len(features) == 3
    assert {f["properties"]["actor"] for f in features} == {"RU"}
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [30.52, 50.45]}


def test_extract_skips_unreadable_files_and_goes_on(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.txt"
    code = main(["extract", str(corpus / "a.txt"), str(missing), "-o", str(tmp_path / "o.csv")])
    assert code == 1  # the output is written, and the exit code says something failed
    err = capsys.readouterr().err
    assert "skipped missing.txt" in err and "1 file or story failed" in err
    with (tmp_path / "o.csv").open(newline="") as stream:
        assert len(list(csv.DictReader(stream))) == 2


@pytest.mark.parametrize(
    ("inputs", "expected"),
    [(["missing.txt"], 1), (["empty"], 1), (["crash.txt"], 1), (["crash.txt", "a.txt"], 1),
     (["a.txt"], 0)],
)
def test_extract_exit_codes(tmp_path: Path, inputs: list[str], expected: int) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "crash.txt").write_text("The troops crash the extractor.\n")
    (tmp_path / "a.txt").write_text("Some troops moved.\n")
    paths = [str(tmp_path / name) for name in inputs]
    assert main(["extract", *paths, "-o", str(tmp_path / "out.geojson")]) == expected


def test_extract_to_stdout(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(corpus / "a.txt"), "-o", "-"]) == 0
    assert len(json.loads(capsys.readouterr().out)["features"]) == 2


@pytest.mark.parametrize(
    ("output", "message"),
    [("out.shp", "must end in"), ("nowhere/out.geojson", "does not exist")],
)
def test_extract_refuses_bad_outputs_before_working(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str, message: str
) -> None:
    assert main(["extract", str(corpus), "-o", str(tmp_path / output)]) == 2
    assert message in capsys.readouterr().err


def test_extract_gpkg(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.gpkg"
    assert main(["extract", str(corpus), "-o", str(out)]) == 0
    assert len(gpd.read_file(out, layer="events")) == 3


def test_toponyms_writes_scorer_lines_and_skips_bad_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "gold.jsonl"
    lines = [
        json.dumps({"id": "A", "text": "Shelling near Kyiv and Nowhere.", "toponyms": []}),
        "{not json",
        json.dumps({"id": "B"}),
        "",
        json.dumps({"id": 7, "text": "Nothing here."}),
        json.dumps({"id": "C", "text": "Line\u2028Kyiv"}, ensure_ascii=False),
    ]
    gold.write_text("\n".join(lines) + "\r\n", encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    assert main(["toponyms", str(gold), "-o", str(pred)]) == 0
    records = [json.loads(line) for line in pred.read_text().splitlines()]
    assert records == [
        {
            "id": "A",
            "toponyms": [
                {"start": 14, "end": 18, "lat": 50.45, "lon": 30.52},
                {"start": 23, "end": 30, "lat": None, "lon": None},
            ],
        },
        {"id": "7", "toponyms": []},
        {"id": "C", "toponyms": [{"start": 5, "end": 9, "lat": 50.45, "lon": 30.52}]},
    ]
    err = capsys.readouterr().err
    assert "gold.jsonl:2: skipped" in err and "gold.jsonl:3: skipped (missing 'text')" in err


def test_toponyms_with_an_unreadable_file(tmp_path: Path) -> None:
    assert main(["toponyms", str(tmp_path / "none.jsonl"), "-o", str(tmp_path / "p")]) == 2


def test_ingest_then_again_then_export(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "store.gpkg")
    pdf = str(corpus / "notes.pdf")  # named explicitly: a folder walk passes it over
    assert main(["ingest", str(corpus), pdf, "--store", store, "--no-seed"]) == 1
    out = capsys.readouterr().out
    assert "added 2, unchanged 0, re-extracted 0, failed 1" in out
    assert "notes.pdf" in out
    assert main(["ingest", str(corpus), "--store", store, "--workers", "2"]) == 0
    assert "added 0, unchanged 2" in capsys.readouterr().out
    target = tmp_path / "export.geojson"
    assert main(["export", "--store", store, "-o", str(target), "--modality", "asserted"]) == 0
    features = json.loads(target.read_text())["features"]
    assert [f["properties"]["modality"] for f in features] == ["asserted", "asserted"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "--store", "{tmp}/none.gpkg", "-o", "-"], "no store at"),
        (["export", "--store", "{tmp}/bad.gpkg", "-o", "-"], "not a troopmap store"),
        (["ingest", "{tmp}", "--store", "{tmp}/bad.gpkg"], "not a troopmap store"),
        (["ingest", "{tmp}", "--workers", "0"], "--workers must be at least 1"),
    ],
)
def test_user_errors_get_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    (tmp_path / "bad.gpkg").write_text("not a database at all")
    assert main([a.format(tmp=tmp_path) for a in args]) == 2
    assert message in capsys.readouterr().err


def test_bad_date_filter_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["export", "-o", "-", "--since", "yesterday"])
    assert info.value.code == 2
    assert "is not a date like" in capsys.readouterr().err


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "--help"], capture_output=True, text=True, cwd=REPO
    )
    assert result.returncode == 0
    assert "extract" in result.stdout and "toponyms" in result.stdout


def _pipeline_ready() -> bool:
    """True when the real pipeline and its geographic data can be imported."""
    result = subprocess.run(
        [sys.executable, "-c", "import dashboard.extract.pipeline, geodata.gazetteer"],
        capture_output=True,
        cwd=REPO,
    )
    return result.returncode == 0


@pytest.mark.skipif(not _pipeline_ready(), reason="the extraction pipeline cannot be imported")
def test_real_pipeline_on_the_seed(tmp_path: Path) -> None:
    out = tmp_path / "seed.geojson"
    seed = REPO / "seeds"
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "extract", str(seed), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    features = json.loads(out.read_text())["features"]
    assert features
    for feature in features:
        props = feature["properties"]
        assert {"id", "type", "modality", "actor", "sentence", "start", "end"} <= set(props)


def test_extract_writes_to_stdout_without_an_output(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(corpus / "a.txt")]) == 0
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)["features"]) == 2
    assert "wrote 2 events from 1 story to standard output" in captured.err


def test_every_exported_event_names_its_file(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert main(["extract", str(corpus), "-o", str(out)]) == 0
    with out.open(newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert sorted({row["source"] for row in rows}) == ["a.txt", "b.md"]
    assert "publisher" in rows[0]


def test_a_failing_story_is_named_with_its_file_and_the_rest_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "crash.txt").write_text("The troops crash the extractor.\n")
    (tmp_path / "a.txt").write_text("Some troops moved.\n")
    out = tmp_path / "out.geojson"
    assert main(["extract", str(tmp_path), "-o", str(out)]) == 1
    assert "skipped crash.txt: story " in capsys.readouterr().err
    assert len(json.loads(out.read_text())["features"]) == 1


def test_a_symlink_loop_is_skipped_and_the_good_files_kept(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus / "loop1.txt").symlink_to(corpus / "loop2.txt")
    (corpus / "loop2.txt").symlink_to(corpus / "loop1.txt")
    out = tmp_path / "events.geojson"
    assert main(["extract", str(corpus), "-o", str(out)]) == 1
    assert "loop1.txt: cannot be read" in capsys.readouterr().err
    assert len(json.loads(out.read_text())["features"]) == 3
    store = str(tmp_path / "store.gpkg")
    assert main(["ingest", str(corpus), "--store", store, "--no-seed"]) == 1
    assert "added 2, unchanged 0, re-extracted 0, failed 2" in capsys.readouterr().out


def test_a_story_too_long_for_the_extractor_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("dashboard.ingest.read.MAX_STORY_CHARS", 100)
    (tmp_path / "long.txt").write_text("Some troops moved to Kyiv today.\n\n" * 10)
    assert main(["extract", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "long.txt: story 1 has 338 characters" in err and "split into 5 parts" in err


def test_a_broken_pipe_ends_quietly() -> None:
    script = "import sys; from dashboard.cli import main; sys.exit(main(sys.argv[1:]))"
    with subprocess.Popen(
        [sys.executable, "-c", script, "extract", str(REPO / "seeds")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.read(10)
        proc.stdout.close()
        err = proc.stderr.read().decode()
        proc.wait()
    assert "Traceback" not in err and "BrokenPipeError" not in err
