"""The learned per-speaker summary (issue 15, item 3): which clauses of a speaker's statements an
editor keeps.

    head = SpeakerSummaryHead.load(folder, config)       # None: the folder has none (the rule then)
    head.summarise("表示", ["“我们会继续努力。”", "…"])    # -> 表示自己…，…。

The statements are compressed (`summarize.compress`), put in reported speech (quote marks dropped,
我 but not 我们 -> 自己, as the corpus's gold summaries write it) and cut after each ，；：. A logistic
regression over hashed cheap features of each clause (statement index, place in the statement,
length, last character, quote, digit, 我们, relative position) scores it; the best clauses are kept
until `length` characters (with `cap`, the summary's: a clause that would run past it is passed over), in
text order, behind the reporting verb. Labels: a clause is kept when
half of its characters lie on the longest common subsequence of the statements with the gold summary.
Fitted by train/speaker_summary.py on the speech corpus; only numpy and scikit-learn's feature hasher
(murmur3, the same columns everywhere) run here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from zhnews.models.summarize import compress, hanging_lead_in

WEIGHTS_FILE = "speaker_summary.safetensors"
N_FEATURES = 2 ** 14
_END = "。！？!?；;…"
_CLAUSE_RE = re.compile(r"(?<=[，；,;：:])")
_BREAKS = "，；,;：:、"
LEAD_IN_CHARS = 8  # a kept clause this short ending in a comma, whose next clause is left out, goes too (`select`)


# 我 + a body the speaker belongs to: 我校 / 我市 … is 该校 / 该市 in reported speech; 我国 / 我军 / 我党 / 我方 stay, as
# news writes them in its own voice (the summaries read 自己国经济 and 自己军: 64 times in 1,661 development speakers' summaries)
_OWN_BODY_RE = re.compile("我([校院厂市省县区])")  # (not 所: 据我所知, 我所做的)
# 我 inside a word or an idiom is no first person: 自我, 忘我, 无我, 敌我, 你追我赶 (自我批评 read 自自己批评)
_NOT_FIRST_PERSON_RE = re.compile("(?<=[自忘无敌本唯])我|我(?=[们国军党方])|(?<=你.)我|(?<=你)我")


def third_person(s: str) -> str:
    """Reported-speech form: quote marks dropped, 我 (not 我们) -> 自己, as the gold summaries write it
    (我自己 -> 自己, not 自己自己); 我校 -> 该校, 我国 stays, 自我 stays."""
    s = _OWN_BODY_RE.sub(r"该\1", re.sub(r"我自己", "我", re.sub(r"[“”‘’「」\"]", "", s)))
    keep = {m.start() for m in _NOT_FIRST_PERSON_RE.finditer(s)}
    return "".join("自己" if c == "我" and i not in keep else c for i, c in enumerate(s))


def reported(statement: str) -> str:
    """A statement as reported speech: compressed, its final stop dropped, in the third person."""
    return third_person(compress(statement).rstrip(_END))


def clauses(statements: list[str]) -> list[tuple[str, list[str]]]:
    """(clause, features) for every clause of the statements, in text order."""
    out = []
    for si, statement in enumerate(statements):
        for k, piece in enumerate(p for p in _CLAUSE_RE.split(reported(statement)) if p):
            rel = int(si / max(1, len(statements)) * 4)
            out.append((piece, [f"si={min(si, 5)}", f"k={min(k, 8)}", f"len={min(len(piece), 30) // 3}",
                                f"first={si == 0 and k == 0}", f"end={piece[-1:]}", f"q={'“' in piece or '”' in piece}",
                                f"digit={bool(re.search(r'[0-9０-９]', piece))}", f"me={'我' in piece}", f"rel={rel}"]))
    return out


def hashed(features: list[list[str]]):
    from sklearn.feature_extraction import FeatureHasher

    return FeatureHasher(N_FEATURES, input_type="string").transform(features)


@lru_cache(maxsize=4096)  # fitting and cross-validation align the same speakers again and again
def lcs_mask(a: str, b: str) -> tuple[int, ...]:
    """1 for each character of `a` on one longest common subsequence with `b`."""
    n, m = len(a), len(b)
    dp = np.zeros((n + 1, m + 1), dtype=np.int32)
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            dp[i, j] = dp[i + 1, j + 1] + 1 if a[i] == b[j] else max(dp[i + 1, j], dp[i, j + 1])
    mask, i, j = [0] * n, 0, 0
    while i < n and j < m:
        if a[i] == b[j]:
            mask[i], i, j = 1, i + 1, j + 1
        elif dp[i + 1, j] >= dp[i, j + 1]:
            i += 1
        else:
            j += 1
    return tuple(mask)


def kept_labels(units: list[str], gold: str) -> list[int]:
    """1 for each unit with at least half of its characters on an LCS of the joined units and `gold`."""
    on = lcs_mask("".join(units), gold)
    out, at = [], 0
    for u in units:
        out.append(int(2 * sum(on[at:at + len(u)]) >= len(u)))
        at += len(u)
    return out


# a clause that says nothing of the speaker's point: thanks, a greeting, an address, a bare yes (…，谢谢大家。/
# 同学们好，/ 诸位，/ 好，…); kept only when nothing else is there
_EMPTY_UNIT_RE = re.compile(r"(?:(?:谢谢|多谢)(?:大家|你们|各位|您)?|[^，,；;：:]{0,3}们好|(?:大家|您|你)好|诸位|各位|"
                            r"哥们|朋友们|好|对|是|嗯|是的|没错)[，,；;：:。！？!?…]*")
# a connective alone joins two kept clauses (…困难，但，目前…); with nothing kept after it, it dangles (…回升，同时。)
_CONNECTIVE_RE = re.compile(r"(?:另外|而|但|但是|不过|所以|因此|同时|那么|然后|而且|并且)[，,；;：:。！？!?…]*")


def select(units: list[str], scores: np.ndarray, verb: str, length: int, cap: bool = False) -> str:
    """The best-scoring units until `length` characters, in text order, behind `verb`; a unit said again
    (a page that repeats its article repeats every statement) is kept once. `cap`: `length` bounds the
    whole summary instead: a unit that would run it past `length` is left out for a lower-scoring one that
    fits (the best unit is always kept), where without it the last unit kept may run on past `length`."""
    kept, used, seen = [], 0, set()
    content = [i for i, u in enumerate(units) if not _EMPTY_UNIT_RE.fullmatch(u)]
    if content and len(content) < len(units):  # (before the lead-in check, which reads the clause after a kept one)
        units, scores = [units[i] for i in content], np.asarray(scores)[content]
    budget = length - len(verb) - 1  # the verb in front and the final stop
    for i in np.argsort(-scores, kind="stable"):
        if used >= (budget if cap else length):
            break
        if (said := units[i].rstrip(_BREAKS + _END)) in seen:
            continue
        if cap and kept and used + len(units[i]) > budget:
            continue
        seen.add(said)
        kept.append(int(i))
        used += len(units[i])
    kept = sorted(kept)
    # a short clause that only leads into the next one (过去几个月，/ 目前，) goes when the next is not kept: the
    # summary ended 为乐园提供服务过去几个月。 (development speakers with gold statements, ROUGE-L +0.0008 THUCNews,
    # +0.0004 People's Daily, LCSTS the same; session 38)
    kept = [i for i in kept if not hanging_lead_in(units, kept, i, LEAD_IN_CHARS)
            and not (_CONNECTIVE_RE.fullmatch(units[i]) and i + 1 not in kept)] or kept
    parts = [units[i] for i in kept]
    # a statement's last clause has lost its stop (`reported`): a comma before the next one kept, or two
    # statements run together (开局之年充分发挥…). Measured on the corpus's development splits, ROUGE-L: the
    # comma +0.003-0.004 on each source, the repeats skipped +0.002 more on THUCNews (session 36)
    # (a clause that ends a sentence inside a statement, …市场中。, takes no comma: it read 市场中。，比如…)
    body = "".join(p if k == len(parts) - 1 or p.endswith(tuple(_BREAKS + _END)) else p + "，"
                   for k, p in enumerate(parts))
    body = body.rstrip(_BREAKS + _END)  # a cut after a clause that ends a sentence inside a statement: one stop
    return f"{verb}{body}。" if body else ""


@dataclass
class SpeakerSummaryHead:
    weights: np.ndarray  # N_FEATURES
    bias: float
    length: int  # characters of clauses kept (the last one may run past it), or of the summary when `cap`
    cap: bool = False  # `select`'s cap; folders before session 48 have none

    def scores(self, features: list[list[str]]) -> np.ndarray:
        return np.asarray(hashed(features) @ self.weights).ravel() + self.bias

    def summarise(self, verb: str, statements: list[str]) -> str:
        units = clauses(statements)
        if not units:
            return ""
        return select([u for u, _ in units], self.scores([f for _, f in units]), verb, self.length, self.cap)

    def config(self) -> dict:
        return {"length": self.length, "features": N_FEATURES, "cap": self.cap}

    def save(self, folder: str | Path) -> dict:
        from safetensors.numpy import save_file

        save_file({"weights": self.weights.astype(np.float32), "bias": np.array([self.bias], np.float32)},
                  str(Path(folder) / WEIGHTS_FILE))
        return self.config()

    @classmethod
    def load(cls, folder: str | Path, config: dict) -> "SpeakerSummaryHead | None":
        spec = config.get("speaker_summary")
        if not spec:
            return None
        from safetensors.numpy import load_file

        path = Path(folder) / WEIGHTS_FILE
        try:
            state = load_file(str(path))
        except (OSError, ValueError) as exc:
            raise ValueError(f"{path}: cannot load the speaker summary head ({exc})") from None
        if state["weights"].shape != (spec["features"],) or spec["features"] != N_FEATURES:
            raise ValueError(f"{path}: {state['weights'].shape[0]} weights, config.json says {spec['features']}")
        return cls(state["weights"].astype(np.float64), float(state["bias"][0]), int(spec["length"]),
                   bool(spec.get("cap", False)))


__all__ = ["SpeakerSummaryHead", "clauses", "kept_labels", "lcs_mask", "select", "reported", "third_person", "WEIGHTS_FILE"]
