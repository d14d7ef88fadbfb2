"""Issue 15, item 2: attribution as a classifier over (sentence, named candidate) pairs, and whether
the novel corpus of quote -> speaker (`speaker_id_wp2021`) helps it.

    python -m zhnews.train.attribution_pairs [--model default] [--blind]

Every sentence of an article (cut at sentence ends outside quotes and at line breaks) is paired with
every person the article names (the tagger's PER mentions and the rules' speakers; a short form that
starts or ends a longer name found is that person). A gradient-boosted classifier says whether the
sentence is a statement of that person, from features of the pair (the person named inside the
sentence, followed by a reporting verb, sentences since the person was last named or last spoke,
recency rank among the persons, 他/她 + verb, share of the sentence inside quotes, paragraph, the
rules' owner of this and the previous sentence) and the frozen encoder's mean states of the sentence
and of the person's last mention (16 principal components each).

- model alone: each sentence goes to its most probable person when p > t (no rule feature).
- combination: the rules' statements stay; a sentence no rule statement covers goes to the model's
  person when p > t (rule features in); variant `filter` also drops the rules' statements whose
  sentence the model gives its rule owner p < 0.1.
- wp2021: its centre quotes (2,000 training instances of a novel, candidates: the novel's name list
  found in the 11 lines around the quote) are added to the news pairs (a source flag tells them
  apart) or used alone; accuracy on its 298 test quotes is printed for orientation.

Fit on train, fresh, fresh2, fresh4-6, people_daily(2); thresholds on dev + fresh3; reported on the
older gold sets and, with `--blind`, once on the blind splits. Figures: docs/experiments.md.
"""
from __future__ import annotations

import pickle
import re
import sys
from pathlib import Path

import numpy as np
import torch
from sklearn.decomposition import PCA
from sklearn.ensemble import HistGradientBoostingClassifier

from zhnews.models.data import data_dir
from zhnews.models.evaluation.gold import SPEECH_CORPUS, load_speaker_gold
from zhnews.models.evaluation.metrics import overlaps_enough
from zhnews.models.speech.vocab import REPORTING_VERBS
from zhnews.train.attribution_experiments import char_states, score, sentences_in, shown

SPLITS = {n: SPEECH_CORPUS / f"{n}.jsonl" for n in (
    "train", "fresh", "fresh2", "fresh4", "fresh5", "fresh6", "people_daily", "people_daily2", "dev", "fresh3", "test")}
SPLITS["older dev gold"] = SPEECH_CORPUS.parent / "speakers_gold.jsonl"
SPLITS["older blind"] = SPEECH_CORPUS.parent / "speakers_test.jsonl"
FIT = ("train", "fresh", "fresh2", "fresh4", "fresh5", "fresh6", "people_daily", "people_daily2")
SELECT = ("dev", "fresh3")
BLIND = ("test", "older blind")
VERB = "(?:" + "|".join(sorted(REPORTING_VERBS, key=len, reverse=True)) + ")"
AFTER_NAME_RE = re.compile(r"^[^，,。；;“”！？!?]{0,10}?" + VERB)
PRONOUN_VERB_RE = re.compile(r"[他她][^，,。；;“”]{0,8}?" + VERB)
VERB_RE = re.compile(VERB)
CAP = 20  # sentences: "long ago"
N_PCA = 16
N_FEATURES = 21  # the structural features of `pairs`; 17-19 are the rules'


# ------------------------------------------------------------------ units
def sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph number) of each sentence, whitespace trimmed."""
    out = []
    for k, para in enumerate(re.finditer(r"[^\n]+", text)):
        for x, y in sentences_in(text, para.start(), para.end()):
            while x < y and text[x].isspace():
                x += 1
            while y > x and text[y - 1].isspace():
                y -= 1
            if y > x:
                out.append((x, y, k))
    return out


def person_mentions(text: str, names: set[str]) -> tuple[dict[str, str], list[tuple[int, int, str]]]:
    """Canonical form of each name (the longest found name it starts or ends) and the mentions, longest first."""
    names = {n.strip() for n in names if len(n.strip()) >= 2}
    canon = {n: max((m for m in names if m != n and (m.endswith(n) or m.startswith(n))), key=len, default=n)
             for n in names}
    taken, found = np.zeros(len(text), bool), []
    for n in sorted(names, key=len, reverse=True):
        for m in re.finditer(re.escape(n), text):
            if not taken[m.start():m.end()].any():
                taken[m.start():m.end()] = True
                found.append((m.start(), m.end(), canon[n]))
    return canon, sorted(found)


def quote_depth(text: str) -> np.ndarray:
    inside, depth = np.zeros(len(text), np.float32), 0
    for i, ch in enumerate(text):
        depth += ch in "“「『"
        inside[i] = min(depth, 1)
        depth = max(0, depth - (ch in "”」』"))
    return inside


# ------------------------------------------------------------------ pairs
def pairs(doc: dict) -> tuple[list[tuple[int, str]], np.ndarray, np.ndarray, np.ndarray]:
    """Rows (sentence index, person), structural features, sentence states, mention states."""
    text, sents, mentions = doc["text"], doc["sentences"], doc["mentions"]
    people = sorted({c for _, _, c in mentions})
    inside_q, states = quote_depth(text), doc["states"].astype(np.float32)
    rule_owner = [doc["rule_owner"].get(i) for i in range(len(sents))]
    last_named, last_spoke, last_para, last_pos, last_state = {}, {}, {}, {}, {}
    rows, feats, s_states, m_states = [], [], [], []
    for i, (x, y, para) in enumerate(sents):
        here = [m for m in mentions if x <= m[0] < y]
        sentence = text[x:y]
        s_vec = states[x:y].mean(0)
        pron = bool(PRONOUN_VERB_RE.search(sentence))
        order = sorted(last_pos, key=lambda p: -last_pos[p])
        for c in people:
            own = [m for m in here if m[2] == c]
            others = [m for m in here if m[2] != c]
            spoke_here = any(AFTER_NAME_RE.search(text[z:y]) for _, z, _ in own)
            if not own and c not in last_named and not doc.get("candidates_only"):
                continue  # not named yet: cannot be this sentence's speaker in news
            m_vec = states[own[0][0]:own[0][1]].mean(0) if own else last_state.get(c, np.full(states.shape[1], np.nan))
            rows.append((i, c))
            feats.append([
                len(own), spoke_here, (own[0][0] - x) / max(1, y - x) if own else 1.5, len(others),
                bool(others) and others[0][0] < (own[0][0] if own else y),
                min(CAP, i - last_named[c]) if c in last_named else CAP + 1,
                min(CAP, i - last_spoke[c]) if c in last_spoke else CAP + 1,
                order.index(c) if c in order else 99, last_para.get(c) == para,
                pron, bool(VERB_RE.search(sentence)), float(inside_q[x:y].mean()), "：“" in sentence or ":“" in sentence,
                sentence[:1] in "“「", i == 0 or sents[i - 1][2] != para, np.log1p(y - x), len(people),
                rule_owner[i] == c, rule_owner[i] is not None and rule_owner[i] != c,
                i > 0 and rule_owner[i - 1] == c, doc.get("novel", 0),
            ])
            s_states.append(s_vec)
            m_states.append(m_vec)
        for a, z, c in here:
            last_named[c], last_para[c], last_pos[c], last_state[c] = i, para, a, states[a:z].mean(0)
            if AFTER_NAME_RE.search(text[z:y]):
                last_spoke[c] = i
    d = states.shape[1]
    as_array = (lambda v: np.asarray(v, np.float32) if v else np.zeros((0, d), np.float32))
    return rows, np.asarray(feats, np.float32).reshape(len(rows), N_FEATURES), as_array(s_states), as_array(m_states)


def labels(doc: dict, rows: list[tuple[int, str]]) -> np.ndarray:
    """1 when a gold statement of the person (by name or alias, through the canonical form) overlaps the sentence."""
    owner_spans: dict[str, list[tuple[int, int]]] = {}
    for sp in doc["speakers"]:
        names = {sp["name"], *sp.get("aliases", [])}
        for raw, c in doc["canon"].items():
            if raw in names or c in names:
                owner_spans.setdefault(c, []).extend((s["start"], s["end"]) for s in sp["spans"])
    sents = doc["sentences"]
    return np.asarray([any(overlaps_enough(sents[i][:2], s) for s in owner_spans.get(c, ())) for i, c in rows], np.float32)


# ------------------------------------------------------------------ data
def prepare(doc: dict, analysis: dict, states: np.ndarray, names: set[str] | None = None) -> dict:
    text = doc["text"]
    found = names if names is not None else (
        {e["text"] for e in analysis["entities"] if e["label"] == "PER"} | {sp["name"] for sp in analysis["speakers"] if sp["name"]})
    doc["canon"], doc["mentions"] = person_mentions(text, found)
    doc["sentences"], doc["states"], doc["rules"] = sentences(text), states.astype(np.float16), analysis["speakers"]
    doc["rule_owner"] = {}
    for sp in analysis["speakers"]:
        c = doc["canon"].get(sp["name"].strip(), sp["name"])
        for st in sp["statements"]:
            for i, (x, y, _) in enumerate(doc["sentences"]):
                if overlaps_enough((x, y), (st["start"], st["end"])):
                    doc["rule_owner"].setdefault(i, c)
    return doc


def load_news(split: str, analyzer) -> list[dict]:
    docs = load_speaker_gold(SPLITS[split])
    for d, r in zip(docs, analyzer.analyze_batch([d["text"] for d in docs])):
        prepare(d, r.to_dict(), char_states(analyzer.model, d["text"]))
    return docs


def load_novel(part: str, analyzer, limit: int | None = None) -> list[dict]:
    """wp2021 instances: the 11 lines around the centre quote (index 5), the name list's aliases as candidates."""
    root = Path(data_dir()) / "speaker_id_wp2021"
    aliases = [line.split()[1:] for line in (root / "name_list.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = []
    for block in (root / f"{part}_unsplit.txt").read_text(encoding="utf-8").split("\n\n")[:limit]:
        lines = [s for s in block.strip().splitlines() if s.strip()]
        if len(lines) < 24:
            continue
        context, who = lines[6:17], int(lines[-2].split(":")[1])
        text = "\n".join(context)
        present = {a for names in aliases for a in names if a in text}
        docs.append({"text": text, "who": aliases[who], "centre": sum(len(s) + 1 for s in context[:5]),
                     "names": present})
    for d, r in zip(docs, analyzer.analyze_batch([d["text"] for d in docs])):
        text = d["text"]
        prepare(d, r.to_dict(), char_states(analyzer.model, text), d["names"])
        d["canon"] = {a: names[0] for names in aliases for a in names if a in d["names"]}
        d["mentions"] = [(a, z, d["canon"].get(text[a:z], c)) for a, z, c in d["mentions"]]
        d["rule_owner"] = {i: d["canon"].get(c, c) for i, c in d["rule_owner"].items()}
        end = d["centre"] + len(d["text"].split("\n")[5])
        d["centre_sentences"] = {i for i, (x, y, _) in enumerate(d["sentences"]) if d["centre"] <= x and y <= end}
        d["novel"], d["candidates_only"] = 1, True
        d["speakers"] = [{"name": d["who"][0], "aliases": d["who"][1:],
                          "spans": [{"start": d["centre"], "end": d["centre"] + len(d["text"].split("\n")[5])}]}]
    return docs


# ------------------------------------------------------------------ fit and decode
class PairModel:
    def __init__(self, with_rules: bool):
        self.with_rules = with_rules

    def matrix(self, f: np.ndarray, s: np.ndarray, m: np.ndarray) -> np.ndarray:
        if not self.with_rules:
            f = np.delete(f, [17, 18, 19], axis=1)
        m_pc = np.full((len(m), N_PCA), np.nan, np.float32)
        ok = ~np.isnan(m).any(1)
        if ok.any():
            m_pc[ok] = self.pca_m.transform(m[ok])
        return np.concatenate([f, self.pca_s.transform(s), m_pc], 1)

    def fit(self, docs: list[dict], novel_only_rows: bool = False) -> "PairModel":
        parts = [(pairs(d), d) for d in docs]
        f = np.concatenate([p[1] for p, _ in parts])
        s = np.concatenate([p[2] for p, _ in parts])
        m = np.concatenate([p[3] for p, _ in parts])
        y = np.concatenate([labels(d, p[0]) for p, d in parts])
        centre = np.concatenate([[i in d.get("centre_sentences", ()) or not d.get("novel") for i, _ in p[0]]
                                 for p, d in parts]).astype(bool)
        f, s, m, y = f[centre], s[centre], m[centre], y[centre]  # novel: only the centre quote is labelled
        self.pca_s = PCA(N_PCA, random_state=0).fit(s)
        self.pca_m = PCA(N_PCA, random_state=0).fit(m[~np.isnan(m).any(1)])
        self.clf = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05, max_leaf_nodes=31,
                                                  l2_regularization=1.0, random_state=0)
        self.clf.fit(self.matrix(f, s, m), y)
        print(f"  fitted on {len(y)} pairs ({int(y.sum())} positive)", flush=True)
        return self

    def scores(self, doc: dict) -> list[tuple[int, str, float]]:
        rows, f, s, m = pairs(doc)
        if not rows:
            return []
        p = self.clf.predict_proba(self.matrix(f, s, m))[:, 1]
        return [(i, c, float(q)) for (i, c), q in zip(rows, p)]


def best_per_sentence(scored: list[tuple[int, str, float]]) -> dict[int, tuple[str, float]]:
    best: dict[int, tuple[str, float]] = {}
    for i, c, q in scored:
        if q > best.get(i, ("", -1.0))[1]:
            best[i] = (c, q)
    return best


def decode_alone(doc: dict, scored, t: float) -> list[dict]:
    out: dict[str, list[dict]] = {}
    for i, (c, q) in sorted(best_per_sentence(scored).items()):
        if q > t:
            x, y, _ = doc["sentences"][i]
            out.setdefault(c, []).append({"start": x, "end": y})
    return [{"name": n, "statements": s} for n, s in out.items()]


def decode_combined(doc: dict, scored, t: float, drop: float | None = None) -> list[dict]:
    speakers = [{"name": sp["name"], "statements": [dict(s) for s in sp["statements"]]} for sp in doc["rules"]]
    by_canon = {doc["canon"].get(sp["name"].strip(), sp["name"]): sp for sp in speakers}
    p_of = {(i, c): q for i, c, q in scored}
    if drop is not None:
        for c, sp in by_canon.items():
            sp["statements"] = [s for s in sp["statements"] if not any(
                overlaps_enough((x, y), (s["start"], s["end"])) and p_of.get((i, c), 1.0) < drop
                for i, (x, y, _) in enumerate(doc["sentences"]))]
    for i, (c, q) in sorted(best_per_sentence(scored).items()):
        x, y, _ = doc["sentences"][i]
        if q <= t or i in doc["rule_owner"]:
            continue
        owner = by_canon.setdefault(c, {"name": c, "statements": []})
        if owner not in speakers:
            speakers.append(owner)
        owner["statements"].append({"start": x, "end": y})
    return [sp for sp in speakers if sp["statements"]]


def novel_accuracy(model: PairModel, docs: list[dict]) -> float:
    right = 0
    for d in docs:
        centre = [(c, q) for i, c, q in model.scores(d) if i in d["centre_sentences"]]
        right += bool(centre) and max(centre, key=lambda t: t[1])[0] == d["who"][0]
    return right / len(docs)


# ------------------------------------------------------------------ the run
def main(argv: list[str]) -> None:
    from zhnews.models import Analyzer

    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="default")
    parser.add_argument("--cache", type=Path, help="a pickle of the analysed splits: read if present, else written")
    parser.add_argument("--blind", action="store_true", help="also report the blind splits (once)")
    args = parser.parse_args(argv)
    torch.set_num_threads(2)
    name, cache = args.model, args.cache
    if cache and cache.is_file():
        with open(cache, "rb") as fh:  # our own cache, written below
            data = pickle.load(fh)
    else:
        analyzer = Analyzer.from_pretrained(name)
        data = {s: load_news(s, analyzer) for s in SPLITS}
        data["novel train"], data["novel test"] = load_novel("train", analyzer), load_novel("test", analyzer)
        if cache:
            with open(cache, "wb") as fh:
                pickle.dump(data, fh)
    run(data, args.blind)


def run(data: dict[str, list[dict]], blind: bool) -> None:
    fit_docs = [d for s in FIT for d in data[s]]
    held = [d for s in SELECT for d in data[s]]
    print(f"fit {len(fit_docs)} articles, select {len(held)}; speaker F1 / statement P / R / F1")
    print(f"rules, dev + fresh3: {shown(score(held, [d['rules'] for d in held]))}")
    variants = {
        "alone": PairModel(False).fit(fit_docs),
        "alone + novel": PairModel(False).fit(fit_docs + data["novel train"]),
        "novel only": PairModel(False).fit(data["novel train"]),
        "combination": PairModel(True).fit(fit_docs),
        "combination + novel": PairModel(True).fit(fit_docs + data["novel train"]),
    }
    for k in ("alone + novel", "novel only", "combination + novel"):
        print(f"  {k}: wp2021 test centre-quote accuracy {novel_accuracy(variants[k], data['novel test']):.3f}")
    chosen = {}
    for k, model in variants.items():
        scored = [model.scores(d) for d in held]
        grid = (0.3, 0.5, 0.7) if "combination" not in k else (0.5, 0.7, 0.85, 0.95)
        figures = {}
        for t in grid:
            decode = decode_alone if "combination" not in k else decode_combined
            figures[(t, None)] = score(held, [decode(d, sc, t) for d, sc in zip(held, scored)])
            if "combination" in k:
                figures[(t, 0.1)] = score(held, [decode_combined(d, sc, t, 0.1) for d, sc in zip(held, scored)])
        for key, f in figures.items():
            print(f"  {k} t={key[0]} drop={key[1]}: {shown(f)}")
        chosen[k] = max(figures, key=lambda key: figures[key][-1])
    print(f"chosen on dev + fresh3: {chosen}")
    print("| split (articles) | rules | " + " | ".join(variants) + " |")
    for split in ("older dev gold", "fresh3", "dev", *(BLIND if blind else ())):
        docs, cells = data[split], []
        for k, model in variants.items():
            t, drop = chosen[k]
            scored = [model.scores(d) for d in docs]
            decoded = ([decode_alone(d, sc, t) for d, sc in zip(docs, scored)] if "combination" not in k
                       else [decode_combined(d, sc, t, drop) for d, sc in zip(docs, scored)])
            cells.append(shown(score(docs, decoded)))
        print(f"| {split} ({len(docs)}) | {shown(score(docs, [d['rules'] for d in docs]))} | " + " | ".join(cells) + " |",
              flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
