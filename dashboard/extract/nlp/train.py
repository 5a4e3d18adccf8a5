"""Train the dashboard's compact English tagger + dependency parser with spaCy.

Pipeline: tok2vec -> tagger (Penn Treebank XPOS tags) -> dependency parser ->
lookup lemmatizer. The lemma table is copied into the model when the pipeline
is initialised (it comes from the ``spacy-lookups-data`` package, which is
therefore needed for training only, not at runtime).

Steps performed:

1. convert the train/dev/test CoNLL-U files of UD English-EWT and the GUM
   subset in ``--ud`` to spaCy's binary ``.spacy`` format (10 sentences a doc);
2. train with ``config.cfg`` (kept beside this file) on EWT+GUM train,
   selecting the best checkpoint on EWT+GUM dev;
3. save the best pipeline to ``OUT/model`` with ``nlp.to_disk``;
4. evaluate UAS / LAS / tag accuracy on EWT test and GUM test separately, and
   measure parsing speed (words/s, ``nlp.pipe``) and the memory of a fresh
   process after ``spacy.load``;
5. write everything, with data versions, steps and the spaCy version, to
   ``OUT/scores.json``.

Usage::

    python -m dashboard.extract.nlp.train --ud shared/ud --out build/nlp [--max-steps N]

Run it on one core for reproducible timing, e.g.
``OMP_NUM_THREADS=1 taskset -c 1 python -m ...``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.training.converters import conllu_to_docs

TREEBANKS: dict[str, str] = {"en_ewt": "UD_English-EWT", "en_gum": "UD_English-GUM"}
SPLITS = ("train", "dev", "test")
SENTS_PER_DOC = 10
CONFIG_PATH = Path(__file__).resolve().parent / "config.cfg"
DEFAULT_MAX_STEPS = 8000
DEFAULT_EVAL_FREQUENCY = 500


def convert_treebanks(ud_dir: Path, corpus_dir: Path) -> dict[str, int]:
    """Convert every ``<treebank>-<split>.conllu`` into ``corpus_dir/<split>/``.

    Returns the number of syntactic words per converted file (for the record).
    """
    word_counts: dict[str, int] = {}
    for split in SPLITS:
        (corpus_dir / split).mkdir(parents=True, exist_ok=True)
        for treebank in TREEBANKS:
            src = ud_dir / f"{treebank}-{split}.conllu"
            if not src.exists():
                raise FileNotFoundError(src)
            docs = list(
                conllu_to_docs(
                    src.read_text(encoding="utf8"),
                    n_sents=SENTS_PER_DOC,
                    merge_subtokens=False,
                    no_print=True,
                )
            )
            DocBin(docs=docs, store_user_data=False).to_disk(
                corpus_dir / split / f"{treebank}-{split}.spacy"
            )
            word_counts[src.name] = sum(len(doc) for doc in docs)
    return word_counts


def data_versions(ud_dir: Path) -> dict[str, Any]:
    """Read the source commit of each treebank from the UD README and hash the files."""
    readme = (ud_dir / "README.md").read_text(encoding="utf8")
    versions: dict[str, Any] = {}
    for treebank, repo_name in TREEBANKS.items():
        match = re.search(re.escape(repo_name) + r"\s+at\s+([0-9a-f]{40})", readme)
        files = {
            f"{treebank}-{split}.conllu": hashlib.sha256(
                (ud_dir / f"{treebank}-{split}.conllu").read_bytes()
            ).hexdigest()
            for split in SPLITS
        }
        versions[treebank] = {
            "repository": repo_name,
            "commit": match.group(1) if match else None,
            "sha256": files,
        }
    return versions


def run_training(
    config_path: Path,
    corpus_dir: Path,
    train_dir: Path,
    max_steps: int,
    eval_frequency: int,
) -> Path:
    """Train with spaCy's own loop; return the directory of the best checkpoint."""
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import train as train_nlp

    train_dir.mkdir(parents=True, exist_ok=True)
    overrides: dict[str, Any] = {
        "paths.train": str(corpus_dir / "train"),
        "paths.dev": str(corpus_dir / "dev"),
        "training.max_steps": max_steps,
        "training.eval_frequency": eval_frequency,
        "training.logger.output_file": str(train_dir / "training_log.jsonl"),
    }
    config = spacy.util.load_config(config_path, overrides=overrides, interpolate=False)
    nlp = init_nlp(config, use_gpu=-1)
    train_nlp(nlp, train_dir, use_gpu=-1, stdout=sys.stdout, stderr=sys.stderr)
    return train_dir / "model-best"


def read_training_log(log_path: Path) -> dict[str, Any]:
    """Summarise the JSONL training log: last step, best step and its dev scores."""
    if not log_path.exists():
        return {}
    rows: list[dict[str, Any]] = [
        json.loads(line)
        for line in log_path.read_text(encoding="utf8").splitlines()
        if line.strip()
    ]
    if not rows:
        return {}
    best = max(rows, key=lambda row: row.get("score", 0.0))
    return {
        "steps_run": rows[-1].get("step"),
        "epochs": rows[-1].get("epoch"),
        "best_step": best.get("step"),
        "best_dev_scores_percent": {
            key: best.get("scores", {}).get(key)
            for key in ("dep_uas", "dep_las", "tag_acc", "sents_f")
        },
    }


def export_model(best_dir: Path, model_dir: Path) -> spacy.language.Language:
    """Load the best checkpoint and save a lean copy for runtime use."""
    nlp = spacy.load(best_dir)
    nlp.meta.update(
        {
            "name": "dashboard_en_parser",
            "version": "0.1.0",
            "description": "Tagger (PTB tags), dependency parser and lookup lemmatizer "
            "trained on UD English-EWT + the CC BY part of UD English-GUM.",
            "license": "CC BY-SA 4.0",
            "sources": [
                {
                    "name": "UD English-EWT",
                    "author": "Silveira et al. 2014",
                    "license": "CC BY-SA 4.0",
                },
                {
                    "name": "UD English-GUM (CC BY genres)",
                    "author": "Zeldes 2017",
                    "license": "CC BY 4.0",
                },
            ],
        }
    )
    # Dev-set scores and training-time sections are not needed at runtime.
    nlp.meta.pop("performance", None)
    if model_dir.exists():
        shutil.rmtree(model_dir)
    nlp.to_disk(model_dir)
    return nlp


def evaluate(nlp: spacy.language.Language, docbin_path: Path) -> dict[str, float]:
    """Score a pipeline on one converted test file (raw text in, gold analysis aligned)."""
    gold_docs = list(DocBin().from_disk(docbin_path).get_docs(nlp.vocab))
    examples = [Example(nlp.make_doc(doc.text), doc) for doc in gold_docs]
    scores = nlp.evaluate(examples)
    return {
        "uas": round(float(scores["dep_uas"]), 4),
        "las": round(float(scores["dep_las"]), 4),
        "tag_acc": round(float(scores["tag_acc"]), 4),
        "sents_f": round(float(scores["sents_f"]), 4),
        "lemma_acc": round(float(scores.get("lemma_acc") or 0.0), 4),
        "words": sum(len(doc) for doc in gold_docs),
    }


def evaluate_gold_segmentation(nlp: spacy.language.Language, docbin_path: Path) -> dict[str, float]:
    """Score with gold tokens and gold sentence boundaries (one sentence per doc).

    This isolates the parser/tagger from tokenisation and sentence-splitting errors.
    """
    gold_docs = DocBin().from_disk(docbin_path).get_docs(nlp.vocab)
    examples: list[Example] = []
    for doc in gold_docs:
        for sent in doc.sents:
            reference = sent.as_doc()
            predicted = Doc(
                nlp.vocab,
                words=[token.text for token in reference],
                spaces=[bool(token.whitespace_) for token in reference],
            )
            examples.append(Example(predicted, reference))
    scores = nlp.evaluate(examples)
    return {
        "uas": round(float(scores["dep_uas"]), 4),
        "las": round(float(scores["dep_las"]), 4),
        "tag_acc": round(float(scores["tag_acc"]), 4),
    }


def conllu_sentences(path: Path) -> list[str]:
    """Return the ``# text =`` sentence strings of a CoNLL-U file."""
    prefix = "# text = "
    return [
        line[len(prefix) :]
        for line in path.read_text(encoding="utf8").splitlines()
        if line.startswith(prefix)
    ]


def peak_rss_mb() -> float | None:
    """Peak resident memory of this process image (Linux ``VmHWM``), in MB.

    Unlike ``ru_maxrss``, it is reset by ``exec``, so a child started by a big
    parent process does not report the parent's peak.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def measure_runtime(model_dir: Path, conllu_path: Path, repeats: int = 3) -> dict[str, Any]:
    """Load the model and parse the sentences of a CoNLL-U file (run in a fresh process)."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    nlp = spacy.load(model_dir)
    load_seconds = time.perf_counter() - start
    after_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    hwm_after_load = peak_rss_mb()
    texts = conllu_sentences(conllu_path)
    list(nlp.pipe(texts[:64], batch_size=64))  # warm-up
    best_rate = 0.0
    words = 0
    for _ in range(repeats):
        start = time.perf_counter()
        words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
        best_rate = max(best_rate, words / (time.perf_counter() - start))
    return {
        "sentences": len(texts),
        "words": words,
        "words_per_second": round(best_rate),
        "batch_size": 64,
        "load_seconds": round(load_seconds, 2),
        "maxrss_mb_before_load": round(before / 1024, 1),
        "maxrss_mb_after_load": round(after_load / 1024, 1),
        "maxrss_mb_after_parsing": round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
        ),
        "vmhwm_mb_after_load": hwm_after_load,
        "vmhwm_mb_after_parsing": peak_rss_mb(),
        "cpu_affinity": sorted(os.sched_getaffinity(0)),
    }


def measure_in_fresh_process(model_dir: Path, conllu_path: Path) -> dict[str, Any]:
    """Run :func:`measure_runtime` in a new interpreter so memory figures are clean."""
    if __spec__ is not None and __spec__.name != "__main__":
        entry = ["-m", __spec__.name]
    else:
        entry = [str(Path(__file__).resolve())]
    cmd = [sys.executable, *entry, "--measure", str(model_dir), str(conllu_path)]
    result = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def dir_size_bytes(path: Path) -> int:
    """Total size of the files under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ud", type=Path, help="folder with en_{ewt,gum}-{train,dev,test}.conllu")
    parser.add_argument("--out", type=Path, help="output folder (model/, scores.json, work/)")
    parser.add_argument("--max-steps", type=int, default=DEFAULT_MAX_STEPS)
    parser.add_argument("--eval-frequency", type=int, default=DEFAULT_EVAL_FREQUENCY)
    parser.add_argument("--config", type=Path, default=CONFIG_PATH)
    parser.add_argument(
        "--trained",
        type=Path,
        help="skip training and export/evaluate this spaCy training output folder "
        "(containing model-best/ and optionally training_log.jsonl)",
    )
    parser.add_argument(
        "--train-seconds", type=float, help="with --trained: wall-clock training time to record"
    )
    parser.add_argument(
        "--keep-work", action="store_true", help="keep converted data and checkpoints"
    )
    parser.add_argument("--measure", nargs=2, metavar=("MODEL", "CONLLU"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.measure and (args.ud is None or args.out is None):
        parser.error("--ud and --out are required")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.measure:
        print(json.dumps(measure_runtime(Path(args.measure[0]), Path(args.measure[1]))))
        return 0

    ud_dir: Path = args.ud.resolve()
    out_dir: Path = args.out.resolve()
    work_dir = out_dir / "work"
    corpus_dir = work_dir / "corpus"
    model_dir = out_dir / "model"
    out_dir.mkdir(parents=True, exist_ok=True)

    word_counts = convert_treebanks(ud_dir, corpus_dir)

    train_seconds: float | None = None
    if args.trained:
        train_dir = args.trained.resolve()
        train_seconds = args.train_seconds
    else:
        train_dir = work_dir / "training"
        start = time.perf_counter()
        run_training(args.config, corpus_dir, train_dir, args.max_steps, args.eval_frequency)
        train_seconds = round(time.perf_counter() - start, 1)
    log_summary = read_training_log(train_dir / "training_log.jsonl")

    nlp = export_model(train_dir / "model-best", model_dir)
    test_scores = {
        treebank: evaluate(nlp, corpus_dir / "test" / f"{treebank}-test.spacy")
        for treebank in TREEBANKS
    }
    gold_segmentation_scores = {
        treebank: evaluate_gold_segmentation(nlp, corpus_dir / "test" / f"{treebank}-test.spacy")
        for treebank in TREEBANKS
    }
    runtime = measure_in_fresh_process(model_dir, ud_dir / "en_gum-test.conllu")

    scores: dict[str, Any] = {
        "test": test_scores,
        "test_gold_tokens_and_sentences": gold_segmentation_scores,
        "training": {
            "config": args.config.name,
            "max_steps": args.max_steps,
            "eval_frequency": args.eval_frequency,
            "train_seconds": train_seconds,
            "train_files": ["en_ewt-train.conllu", "en_gum-train.conllu"],
            "dev_files": ["en_ewt-dev.conllu", "en_gum-dev.conllu"],
            **log_summary,
        },
        "data": {"versions": data_versions(ud_dir), "words": word_counts},
        "model": {
            "pipeline": nlp.pipe_names,
            "size_bytes": dir_size_bytes(model_dir),
        },
        "runtime_gum_test": runtime,
        "spacy_version": spacy.__version__,
        "python_version": sys.version.split()[0],
    }
    (out_dir / "scores.json").write_text(json.dumps(scores, indent=2) + "\n", encoding="utf8")
    if not args.keep_work and not args.trained:
        shutil.rmtree(work_dir / "training", ignore_errors=True)
    if not args.keep_work:
        shutil.rmtree(corpus_dir, ignore_errors=True)
    print(json.dumps({"test": scores["test"], "gold_seg": gold_segmentation_scores}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
