"""Fit the learned per-speaker summary (models/speaker_summary.py) on the speech corpus.

    python -m zhnews.train.speaker_summary FOLDER [--write]

Rows: every gold speaker of the corpus's development splits (train, fresh, fresh2, fresh3) with its
GOLD statements and summary; the verb in front is the one the pipeline takes (`reporting_verb`). The
blind split is never read, and dev only scored. Prints, leaving each of fresh, fresh2, fresh3
and dev out in turn (fitted on the other development splits), ROUGE-L of the head against the rule the
pipeline uses without it (verb + statements joined, cut at 70) and the baselines (a) first statement,
(b) first 50 characters joined; fresh4, fresh5, fresh6, the People's Daily and LCSTS splits (sessions 16-22) are
scored with the head fitted on all four, the one shipped. `--write`: the head fitted on all four splits goes into FOLDER
(config.json's `speaker_summary`, speaker_summary.safetensors). The regression's C (1.0) and the
clause features are those of train/summary_experiments.py; the kept length is tuned on the rows it
is fitted on.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from zhnews.models import folder as model_folder
from zhnews.models.evaluation.gold import SPEECH_CORPUS, load_speaker_gold
from zhnews.models.evaluation.metrics import rouge_chars
from zhnews.models.speaker_summary import SpeakerSummaryHead, clauses, hashed, kept_labels, select
from zhnews.models.summarize import reporting_verb, summarise_speaker

FIT_SPLITS = ("train", "fresh", "fresh2", "fresh3")
# Adding fresh4 to the fit (446 speakers) moves the tuned length to 70 and lowers each left-out split by
# 0.001-0.004 (session 16), so the shipped head stays the four-split one. Session 22, each THUCNews split left out:
# fitted on every other THUCNews split it is within 0.009 of the four-split head (fresh 0.431 against 0.439, fresh4
# 0.471 against 0.468), and with the People's Daily and LCSTS speakers added (1,212 more) within 0.004 (fresh3
# 0.364 against 0.368, fresh4 0.474 against 0.468): more rows do not move it.
# The length bounds the whole summary (`select`'s cap, session 48), and at most 80 characters: kept until a length, the
# last clause ran on, and the development speakers' summaries (predicted statements) averaged 73 characters, a tenth over
# 98, where an editor's run 30-70 (the gold's average 46). Capped at 80 their ROUGE-L was level (THUCNews 0.4225 ->
# 0.4226, People's Daily 0.4834 -> 0.4826, LCSTS 0.5718 -> 0.5732) at 64 characters on average. Tuned freely on the
# gold statements the cap would go to 100 (+0.001-0.002 there, summaries as long as before).
LENGTHS = (60, 70, 80)
SCORED_ONLY = ("fresh4", "fresh5", "fresh6", *(f"people_daily{k}" for k in ("", *range(2, 21))),
               *(f"lcsts{k}" for k in ("", *range(2, 8))))  # annotated after the head was fitted


def speakers(split: str) -> list[dict]:
    """Gold speakers with statements and a summary: statements, summary, verb, and the article text
    with the statement offsets (for the rule)."""
    out = []
    for art in load_speaker_gold(SPEECH_CORPUS / f"{split}.jsonl"):
        for sp in art["speakers"]:
            if sp["spans"] and sp.get("summary"):
                spans = [(s["start"], s["end"]) for s in sp["spans"]]
                out.append({"text": art["text"], "spans": spans, "summary": sp["summary"],
                            "statements": [art["text"][a:b] for a, b in spans],
                            "verb": reporting_verb(art["text"], spans[0][0])})
    return out


def rouge_l(hyp: str, ref: str) -> float:
    return rouge_chars(hyp, ref)["rouge-l"]["f"]


def fit(rows: list[dict]) -> SpeakerSummaryHead:
    units = [clauses(r["statements"]) for r in rows]
    y = [v for us, r in zip(units, rows) for v in kept_labels([u for u, _ in us], r["summary"])]
    clf = LogisticRegression(C=1.0, max_iter=2000).fit(hashed([f for us in units for _, f in us]), y)
    head = SpeakerSummaryHead(clf.coef_[0].astype(np.float64), float(clf.intercept_[0]), LENGTHS[0], cap=True)
    scores = [head.scores([f for _, f in us]) if us else np.zeros(0) for us in units]

    def mean_at(length: int) -> float:
        return float(np.mean([rouge_l(select([u for u, _ in us], s, r["verb"], length, cap=True), r["summary"])
                              for us, s, r in zip(units, scores, rows)]))

    head.length = max(LENGTHS, key=mean_at)
    return head


def figures(head: SpeakerSummaryHead, rows: list[dict]) -> dict[str, float]:
    return {name: float(np.mean([rouge_l(make(r), r["summary"]) for r in rows])) for name, make in {
        "(a) first statement": lambda r: r["statements"][0].strip(),
        "(b) first 50 characters": lambda r: "".join(s.strip() for s in r["statements"])[:50],
        "rule (verb + joined, cut at 70)": lambda r: summarise_speaker(r["text"], r["spans"]),
        "learned clauses": lambda r: summarise_speaker(r["text"], r["spans"], head=head),
    }.items()}


def write(folder: Path, head: SpeakerSummaryHead) -> None:
    """Put the head into a model folder: its weights file and config.json's `speaker_summary`."""
    config = model_folder.read_config(folder)
    config["speaker_summary"] = head.save(folder)
    (folder / "config.json").write_text(json.dumps(config, ensure_ascii=False, indent=2), encoding="utf-8")


def main(argv: list[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", help="a model folder or shipped name (the default model if left out)")
    parser.add_argument("--write", action="store_true", help="write the head fitted on every split into the folder")
    args = parser.parse_args(argv)
    folder = model_folder.resolve_model(args.folder)
    data = {s: speakers(s) for s in (*FIT_SPLITS, *SCORED_ONLY, "dev")}
    print("speaker summaries from gold statements, ROUGE-L; each split left out, fitted on the others")
    for held in ("fresh", "fresh2", "fresh3", *SCORED_ONLY, "dev"):
        head = fit([r for s in FIT_SPLITS if s != held for r in data[s]])
        shown = ", ".join(f"{k} {v:.3f}" for k, v in figures(head, data[held]).items())
        print(f"{held} ({len(data[held])}): {shown}; length {head.length}")
    head = fit([r for s in FIT_SPLITS for r in data[s]])
    print(f"all {len(FIT_SPLITS)} splits ({sum(len(data[s]) for s in FIT_SPLITS)} speakers): length {head.length}")
    if args.write:
        write(folder, head)
        print(f"wrote {folder / 'speaker_summary.safetensors'}")


if __name__ == "__main__":
    main(sys.argv[1:])
