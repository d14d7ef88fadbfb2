"""Which shared articles the speech corpus annotates, and in which split: reproducible, by seed.

    python tests/data/speech_corpus/selection.py > /tmp/selection.json
    python tests/data/speech_corpus/selection.py people_daily > /tmp/people_daily.json
    python tests/data/speech_corpus/selection.py lcsts > /tmp/lcsts.json

THUCNews articles (`thucnews_articles/train.tsv`, one article a line) not already in the older gold
sets (`tests/data/speakers_{gold,test}.jsonl`), drawn per label in turn so every topic is represented;
an article with no named speaker is kept (it tests that nothing is invented). The first `TEST` drawn
are the blind test split, the next `DEV` the development split, the rest training; `DOUBLE` of the
development articles are annotated twice, independently, for the agreement figures. The next `FRESH`
drawn (session 14) are a second development split, annotated after the rules had been fitted to train and
dev and before any change was made from it: first reported as it stood, then read for errors. The next
`FRESH` again (`fresh2`) were annotated the same way after the rule changes made from `fresh`, and the
next `FRESH` (`fresh3`) after those made from `fresh2`, `fresh4` (session 16) after those made from
`fresh3`, `fresh5` (session 17) after those made from `fresh4`, and `fresh6` (session 18) after those
made from `fresh5`: the last 58 articles, since the file holds 778 outside the older gold sets.
"""
from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
SEED, TEST, DEV, DOUBLE, FRESH = 15, 40, 40, 30, 80
TRAIN = 240
FRESHES = ("fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6")
TOTAL = TEST + DEV + TRAIN + len(FRESHES) * FRESH  # 800 asked: 778 exist, fresh6 gets 58


def selection(total: int = TOTAL) -> list[dict]:
    from zhnews.models.data import data_dir

    taken = set()
    for name in ("speakers_gold.jsonl", "speakers_test.jsonl"):
        for line in (ROOT / "tests" / "data" / name).read_text(encoding="utf-8").splitlines():
            source = json.loads(line)["source"]
            if source["file"].startswith("thucnews_articles"):
                taken.add(source["line"])
    lines = (data_dir() / "thucnews_articles" / "train.tsv").read_text(encoding="utf-8").split("\n")
    by_label: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if line and i not in taken:
            by_label.setdefault(line.split("\t", 1)[0], []).append(i)
    rng = random.Random(SEED)
    for ids in by_label.values():
        rng.shuffle(ids)
    order = []
    while len(order) < total and any(by_label.values()):
        for label in sorted(by_label):
            if by_label[label] and len(order) < total:
                order.append((label, by_label[label].pop()))
    out = []
    for k, (label, line) in enumerate(order):
        split = "test" if k < TEST else "dev" if k < TEST + DEV else "train" if k < TEST + DEV + TRAIN \
            else FRESHES[(k - TEST - DEV - TRAIN) // FRESH]
        out.append({"id": f"thuc-{line:03d}", "line": line, "label": label, "split": split,
                    "double": TEST <= k < TEST + DOUBLE})
    return out


# People's Daily, January 1998 (session 19): a second source, so that the rules are measured on news they
# were not written on. The file has paragraphs, not articles: an article starts at a title-like line (<= 40
# characters, no closing punctuation) followed by a dateline (本报… / 新华社… / 据新华社…) and runs to the
# line before the next title-like line or the next dateline (a second news item of a roundup).
PD_SEED, PD_COUNT, PD_MIN_CHARS, PD_MAX_CHARS = 19, 60, 300, 1500
PD_FILE = "people_daily_199801/199801.txt"
PD_SHORT_MIN_CHARS, PD_SHORT_COUNT = 150, 80  # people_daily19 and 20: short news items
_DATELINE = re.compile(r"^(本报|新华社|据新华社|人民日报)")
_CLOSED = re.compile(r"[。！？”：；]$")


def _title_like(paragraph: str) -> bool:
    return 0 < len(paragraph) <= 40 and not _CLOSED.search(paragraph)


def people_daily_selection() -> list[dict]:
    """`PD_COUNT` articles of 300-1,500 characters drawn at random (seed `PD_SEED`), none overlapping the
    People's Daily articles of the older gold sets: the split `people_daily`; then `PD_COUNT` more of the
    rest (seed `PD_SEED` + 1): `people_daily2`, annotated after the changes made from the first; then
    `PD_COUNT` more (seed `PD_SEED` + 2): `people_daily3` (session 20), annotated after the second's, and
    `PD_COUNT` more (seed `PD_SEED` + 3): `people_daily4`, annotated after the third's, and (session 21)
    `PD_COUNT` more (seed `PD_SEED` + 4): `people_daily5`, annotated after the fourth's, `PD_COUNT` more
    (seed `PD_SEED` + 5): `people_daily6`, after the fifth's, (seed `PD_SEED` + 6) `people_daily7`, after the sixth's,
    (seed `PD_SEED` + 7) `people_daily8`, after the seventh's, (seed `PD_SEED` + 8) `people_daily9`, after the eighth's,
    (seed `PD_SEED` + 9) `people_daily10`, after the ninth's, and (session 22) (seed `PD_SEED` + 10) `people_daily11`,
    after the changes made from the tenth's, and (seed `PD_SEED` + 11) `people_daily12`, after those made from the
    tenth's (its rules committed before it was drawn), and (seed `PD_SEED` + 12) `people_daily13`, after those made
    from the eleventh's and twelfth's, (seed `PD_SEED` + 13) `people_daily14`, after the thirteenth's, and (seed
    `PD_SEED` + 14) `people_daily15`, drawn with people_daily14 and annotated while people_daily14 was read, and (seed
    `PD_SEED` + 15) `people_daily16`, annotated while people_daily15 was read, and (session 23) (seed `PD_SEED` + 16)
    `people_daily17`, drawn and annotated before any change of the session: the last 56 of 300-1,500 characters;
    then `people_daily18`, every article longer than 1,500 characters (no sample), annotated with people_daily17, and
    `people_daily19`, 80 short items of 150-299 characters, annotated after the changes made from 16 and 17, and
    (session 24) `people_daily20`, 80 more of them."""
    from zhnews.models.data import data_dir
    from zhnews.models.evaluation.gold import people_daily_plain

    taken = set()
    for name in ("speakers_gold.jsonl", "speakers_test.jsonl"):
        for line in (ROOT / "tests" / "data" / name).read_text(encoding="utf-8").splitlines():
            source = json.loads(line)["source"]
            if source["file"] == PD_FILE:
                taken.update(range(source["line"], source.get("last_line", source["line"]) + 1))
    paragraphs = [people_daily_plain(line) for line in
                  (data_dir() / PD_FILE).read_text(encoding="utf-8").split("\n")]
    articles, longer, shorter = [], [], []
    for start in range(len(paragraphs) - 1):
        if not (_title_like(paragraphs[start]) and _DATELINE.match(paragraphs[start + 1])):
            continue
        last = start + 1
        while (last + 1 < len(paragraphs) and paragraphs[last + 1] and not _title_like(paragraphs[last + 1])
               and not _DATELINE.match(paragraphs[last + 1])):
            last += 1
        chars = len("\n".join(paragraphs[start : last + 1]))
        if taken.intersection(range(start, last + 1)):
            continue
        if PD_MIN_CHARS <= chars <= PD_MAX_CHARS:
            articles.append({"id": f"pd-{start:05d}", "line": start, "last_line": last, "split": "people_daily"})
        elif chars > PD_MAX_CHARS:
            longer.append({"id": f"pd-{start:05d}", "line": start, "last_line": last, "split": "people_daily18"})
        elif PD_SHORT_MIN_CHARS <= chars:
            shorter.append({"id": f"pd-{start:05d}", "line": start, "last_line": last, "split": "people_daily19"})
    first = sorted(random.Random(PD_SEED).sample(articles, PD_COUNT), key=lambda a: a["line"])
    rest = [a for a in articles if a not in first]
    second = sorted(random.Random(PD_SEED + 1).sample(rest, PD_COUNT), key=lambda a: a["line"])
    out = first + [{**a, "split": "people_daily2"} for a in second]
    for k, split in ((2, "people_daily3"), (3, "people_daily4"), (4, "people_daily5"),
                      (5, "people_daily6"), (6, "people_daily7"), (7, "people_daily8"),
                      (8, "people_daily9"), (9, "people_daily10"), (10, "people_daily11"),
                      (11, "people_daily12"), (12, "people_daily13"), (13, "people_daily14"),
                      (14, "people_daily15"), (15, "people_daily16"),
                      (16, "people_daily17")):  # each after the last one's changes
        drawn = {b["line"] for b in out}
        rest = [a for a in rest if a["line"] not in drawn]
        out += [{**a, "split": split} for a in
                sorted(random.Random(PD_SEED + k).sample(rest, min(PD_COUNT, len(rest))), key=lambda a: a["line"])]
    # session 23, the 300-1,500 ones all drawn: every article over PD_MAX_CHARS (people_daily18), then PD_SHORT_COUNT of
    # 150-299 characters (seed PD_SEED + 18: people_daily19), annotated after the changes made from people_daily16 and 17
    short = sorted(random.Random(PD_SEED + 18).sample(shorter, PD_SHORT_COUNT), key=lambda a: a["line"])
    # session 24: PD_SHORT_COUNT more of them (seed PD_SEED + 19: people_daily20), annotated after the changes made from
    # every development split's errors, and only scored
    rest = [a for a in shorter if a not in short]
    short20 = sorted(random.Random(PD_SEED + 19).sample(rest, PD_SHORT_COUNT), key=lambda a: a["line"])
    return out + longer + short + [{**a, "split": "people_daily20"} for a in short20]


# LCSTS part III (session 20): Weibo news posts of 2013-2015 (~108 characters, via:新闻晨报), a third source of
# the blind split's decade; every post, drawn at random.
LCSTS_SEED, LCSTS_COUNT, LCSTS_FILE = 23, 160, "lcsts_part3/PART_III.txt"


def lcsts_selection() -> list[dict]:
    """`LCSTS_COUNT` posts (the line after each <short_text>) drawn at random (seed `LCSTS_SEED`): `lcsts`;
    then `LCSTS_COUNT` of the rest (seed `LCSTS_SEED` + 1): `lcsts2`, annotated after the changes made from the first,
    and (session 21) `LCSTS_COUNT` more (seed `LCSTS_SEED` + 2): `lcsts3`, after the changes made from the second,
    `LCSTS_COUNT` more (seed `LCSTS_SEED` + 3): `lcsts4`, after those made from the third, (seed `LCSTS_SEED` + 4)
    `lcsts5`, after those made from the fourth, (seed `LCSTS_SEED` + 5) `lcsts6`, after those made from the fifth, and
    (seed `LCSTS_SEED` + 6) `lcsts7`, after those made from the sixth: the last posts the file has."""
    from zhnews.models.data import data_dir

    lines = (data_dir() / LCSTS_FILE).read_text(encoding="utf-8").split("\n")
    posts = [k for k in range(1, len(lines)) if lines[k - 1].strip() == "<short_text>" and lines[k].strip()]
    first = sorted(random.Random(LCSTS_SEED).sample(posts, LCSTS_COUNT))
    draws = [("lcsts", first)]
    for k, split in ((1, "lcsts2"), (2, "lcsts3"), (3, "lcsts4"), (4, "lcsts5"), (5, "lcsts6"), (6, "lcsts7")):
        drawn = {line for _, chosen in draws for line in chosen}
        rest = [line for line in posts if line not in drawn]
        draws.append((split, sorted(random.Random(LCSTS_SEED + k).sample(rest, min(LCSTS_COUNT, len(rest))))))
    return [{"id": f"lcsts-{k:05d}", "line": k, "split": split} for split, chosen in draws for k in chosen]


if __name__ == "__main__":
    chosen = {"people_daily": people_daily_selection, "lcsts": lcsts_selection}.get(
        (sys.argv[1:] or [""])[0], selection)()
    json.dump(chosen, sys.stdout, ensure_ascii=False, indent=0)
