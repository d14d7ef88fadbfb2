"""Issue 15, item 3: can a small learned component beat the summary baselines of the speech corpus?

    python -m zhnews.train.summary_experiments [--no-salience]

Speaker summaries are made from the GOLD statements of each gold speaker (attribution left out), and
scored with character ROUGE-L F against the gold summary, on train (5-fold CV: every learned or tuned
piece is fitted on the other four folds) and on dev (fitted on all of train). The blind split is
never read. Prints one table; the figures go to docs/experiments.md.

Compared: (a) first statement, (b) first 50 characters joined, today's `summarise` (with the shipped
model's salience), a reporting verb put in front of (a)/(b) with a tuned length, and two learned
selections: clauses (split at ，；) and jieba words, each labelled by the share of its characters on the
LCS alignment of the statements with the gold summary, scored by a logistic regression over cheap
features, kept best-first up to a tuned length, in text order, behind the speaker's own cue verb.
Article summaries: the lead sentence against compressed / cut / title-led variants."""
from __future__ import annotations

import re
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression

from zhnews.models.evaluation.gold import SPEECH_CORPUS, load_speaker_gold
from zhnews.models.evaluation.metrics import rouge_chars
from zhnews.models.pipeline import prepare
from zhnews.models.speaker_summary import hashed, kept_labels, select, third_person
from zhnews.models.summarize import compress, summarise
from zhnews.train.speaker_summary import speakers

LENGTHS = (20, 25, 30, 35, 40, 45, 50, 60, 70)


def rl(hyp: str, ref: str) -> float:
    return rouge_chars(hyp, ref)["rouge-l"]["f"]


STATES: dict[str, np.ndarray] = {}  # statement text -> per-character frozen encoder states (--states)


def encode_states(model, texts: list[str]) -> None:
    """Frozen last-layer states of the shipped encoder, one row per character (char tokenisation)."""
    import torch

    from zhnews.models.encoding import char_encode, pad_batch

    todo = sorted({t for t in texts if t and t not in STATES}, key=len)
    for b in range(0, len(todo), 32):
        batch = todo[b:b + 32]
        ids, offsets = char_encode(model.tokenizer, batch, 256)
        input_ids, mask = pad_batch(ids, model.tokenizer.pad_token_id)
        with torch.no_grad():
            states = model.net.states(input_ids, mask).float().numpy()
        for row, (t, offs) in enumerate(zip(batch, offsets)):
            per_char = np.zeros((len(t), states.shape[-1]), dtype=np.float32)
            for k, (a, z) in enumerate(offs):
                per_char[a:z] = states[row, k]
            STATES[t] = per_char


def statement_text(st: str, rewrite: bool) -> str:
    st = compress(st).rstrip("。！？!?；;…")
    return third_person(st) if rewrite else st


def units(statements: list[str], kind: str, rewrite: bool = False) -> list[dict]:
    """Clauses or jieba words of the compressed statements, with cheap features."""
    import jieba.posseg as pseg

    out = []
    for si, st in enumerate(statements):
        st = statement_text(st, rewrite)
        pieces = [p for p in re.split(r"(?<=[，；,;：:])", st) if p] if kind == "clause" else \
            [(w.word, w.flag) for w in pseg.cut(st)]
        at = 0
        for k, p in enumerate(pieces):
            word, flag = (p, "") if kind == "clause" else p
            at += len(word)
            if st in STATES:
                out_vec = STATES[st][at - len(word):at].mean(0) if word else None
            out.append({"text": word, "f": [f"si={min(si, 5)}", f"k={min(k, 8 if kind == 'clause' else 30) // (1 if kind == 'clause' else 3)}",
                                           f"len={min(len(word), 30) // 3}", f"pos={flag}", f"first={si == 0 and k == 0}",
                                           f"w={word}" if kind == "word" else f"end={word[-1:]}",
                                           f"q={'“' in word or '”' in word}", f"digit={bool(re.search(r'[0-9０-９]', word))}",
                                           f"me={'我' in word}"],
                        "rel": si / max(1, len(statements))})
            if st in STATES:
                out[-1]["vec"] = out_vec
    return out


def featurise(us: list[dict]):
    from scipy.sparse import csr_matrix, hstack

    sparse = hashed([u["f"] + [f"rel={int(u['rel'] * 4)}"] for u in us])
    if us and all("vec" in u for u in us):
        return hstack([sparse, csr_matrix(np.stack([u["vec"] for u in us]) * 0.5)]).tocsr()
    return sparse


def labels(us: list[dict], gold: str) -> list[int]:
    return kept_labels([u["text"] for u in us], gold)


def decode(us: list[dict], probs, verb: str, limit: int) -> str:
    return select([u["text"] for u in us], probs, verb, limit)


def learned(kind: str, train: list[dict], test: list[dict], rewrite: bool = False) -> tuple[list[str], int]:
    """Fit on `train` speakers, tune the length on train (in-sample), summarise `test`."""
    X = [units(s["statements"], kind, rewrite) for s in train]
    y = [labels(u, s["summary"]) for u, s in zip(X, train)]
    clf = LogisticRegression(C=1.0, max_iter=2000).fit(featurise([u for us in X for u in us]), [v for ys in y for v in ys])
    probs = lambda us: clf.predict_proba(featurise(us))[:, 1] if us else np.zeros(0)  # noqa: E731
    ptrain = [probs(us) for us in X]
    best = max(LENGTHS, key=lambda L: np.mean([rl(decode(us, p, s["verb"], L), s["summary"]) for us, p, s in zip(X, ptrain, train)]))
    return [decode(us, probs(us), s["verb"], best) for us, s in ((units(s["statements"], kind, rewrite), s) for s in test)], best


def verb_cut(train, test, source) -> tuple[list[str], int]:
    make = lambda s, L: f"{s['verb']}{source(s)[:L].rstrip('，；,;：:、。')}。"  # noqa: E731
    best = max(LENGTHS, key=lambda L: np.mean([rl(make(s, L), s["summary"]) for s in train]))
    return [make(s, best) for s in test], best


def speakers_of(split: str, analyzer, states: bool = False) -> list[dict]:
    out = speakers(split)
    if analyzer is not None and states:
        encode_states(analyzer.model, [statement_text(t, r) for s in out for t in s["statements"] for r in (False, True)])
    if analyzer is not None:
        flat = [t for s in out for t in s["statements"]]
        _, sal = analyzer.model.sentence_features(flat, analyzer.settings)
        for s in out:
            s["scores"], sal = sal[: len(s["statements"])], sal[len(s["statements"]):]
    return out


def methods(train: list[dict], test: list[dict]) -> dict[str, tuple[list[str], object]]:
    first = lambda s: compress(s["statements"][0])  # noqa: E731
    joined = lambda s: "".join(compress(t) for t in s["statements"])  # noqa: E731
    return {
        "(a) first statement": ([s["statements"][0].strip() for s in test], None),
        "(b) first 50 chars joined": (["".join(t.strip() for t in s["statements"])[:50] for s in test], None),
        "today's summarise": ([summarise(s["statements"], s.get("scores")) for s in test], None),
        "verb + first statement, cut": verb_cut(train, test, first),
        "verb + statements joined, cut": verb_cut(train, test, joined),
        "learned clauses + verb": learned("clause", train, test),
        "learned words + verb": learned("word", train, test),
        "verb + joined, 3rd person, cut": verb_cut(train, test, lambda s: third_person(joined(s))),
        "learned clauses + verb, 3rd person": learned("clause", train, test, True),
        "learned words + verb, 3rd person": learned("word", train, test, True),
    }


def article_rows(split: str) -> dict[str, float]:
    arts = [a for a in load_speaker_gold(SPEECH_CORPUS / f"{split}.jsonl") if a.get("summary")]
    rows: dict[str, list[float]] = {}
    for a in arts:
        prep = prepare(a["text"])
        lead = prep.norm.text[prep.sentences[0].start:prep.sentences[0].end] if prep.sentences else ""
        title = prep.norm.text[prep.page.title.start:prep.page.title.end] if prep.page.title else ""
        two = "".join(prep.norm.text[s.start:s.end] for s in prep.sentences[:2])
        for name, hyp in {"(c) lead sentence": lead, "lead compressed": compress(lead),
                          "lead compressed, first 60": compress(lead)[:60], "lead compressed, first 80": compress(lead)[:80],
                          "title + lead compressed, 80": (title + "，" + compress(lead))[:80],
                          "two sentences compressed, 80": compress(two)[:80]}.items():
            rows.setdefault(name, []).append(rl(hyp, a["summary"]))
    return {k: float(np.mean(v)) for k, v in rows.items()}


def main(argv: list[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-salience", action="store_true", help="leave out the salience baseline (no model load)")
    parser.add_argument("--states", action="store_true", help="add the encoder's states to the learned features")
    args = parser.parse_args(argv)
    analyzer = None
    if not args.no_salience:
        from zhnews.models import Analyzer

        analyzer = Analyzer.from_pretrained("default")
    train, dev = speakers_of("train", analyzer, args.states), speakers_of("dev", analyzer, args.states)
    folds = np.arange(len(train)) % 5
    cv: dict[str, list[float]] = {}
    for f in range(5):
        tr, te = [s for s, k in zip(train, folds) if k != f], [s for s, k in zip(train, folds) if k == f]
        for name, (hyps, _) in methods(tr, te).items():
            cv.setdefault(name, []).extend(rl(h, s["summary"]) for h, s in zip(hyps, te))
    on_dev = methods(train, dev)
    print(f"speaker summaries from gold statements: train {len(train)} (5-fold CV), dev {len(dev)}")
    print(f"{'method':34s} {'train CV':>8s} {'dev':>6s}  tuned length (dev fit)")
    for name, (hyps, tuned) in on_dev.items():
        print(f"{name:34s} {np.mean(cv[name]):8.3f} {np.mean([rl(h, s['summary']) for h, s in zip(hyps, dev)]):6.3f}  {tuned or ''}")
    print("\narticle summaries (no learning):")
    tr_a, dev_a = article_rows("train"), article_rows("dev")
    for name in tr_a:
        print(f"{name:34s} {tr_a[name]:8.3f} {dev_a[name]:6.3f}")
    for s, (h, _) in list(zip(dev, zip(on_dev["learned clauses + verb"][0], on_dev["learned words + verb"][0])))[:5]:
        print("\nGOLD", s["summary"], "\nCL  ", h, "\nWD  ", _)


if __name__ == "__main__":
    main(sys.argv[1:])
