"""The speaker figures of a model folder on every gold set in the repository, written into its
metrics.json and card (the README's figures table reads them from there):

    python -m zhnews.train.speaker_figures runs/default configs/default.yaml

`zhnews train` records them itself at the end of a run (when the gold sets' articles are in the data
directory); this command does it for a folder trained before, or again after a rule change. Each set is
scored as users run the model (`Analyzer` on the fast path) with `speaker_eval`: speaker and statement
P/R/F1, summary ROUGE beside baselines (a)-(c), the article summary beside the lead sentence.
"""
from __future__ import annotations

import sys
from pathlib import Path

from zhnews.models.evaluation.gold import (REPO_ROOT, SPEAKER_GOLD_PATH, SPEAKER_TEST_PATH, SPEECH_CORPUS,
                                           load_speaker_gold_file)
from zhnews.models.evaluation.speakers import speaker_eval

GOLD_SETS = {  # the name a report is recorded under -> its file
    "development": SPEAKER_GOLD_PATH,
    "blind test": SPEAKER_TEST_PATH,
    "speech corpus dev": SPEECH_CORPUS / "dev.jsonl",
    "speech corpus fresh": SPEECH_CORPUS / "fresh.jsonl",  # a second development split (session 14)
    "speech corpus fresh2": SPEECH_CORPUS / "fresh2.jsonl",  # a third, annotated after fresh's rule changes
    "speech corpus fresh3": SPEECH_CORPUS / "fresh3.jsonl",  # a fourth, annotated after fresh2's
    "speech corpus fresh4": SPEECH_CORPUS / "fresh4.jsonl",  # a fifth, annotated after fresh3's (session 16)
    "speech corpus fresh5": SPEECH_CORPUS / "fresh5.jsonl",  # a sixth, annotated after fresh4's (session 17)
    "speech corpus fresh6": SPEECH_CORPUS / "fresh6.jsonl",  # the last 58, annotated after fresh5's (session 18)
    # 60 People's Daily articles of 1998, a second source, annotated after fresh6's changes (session 19)
    "speech corpus people_daily": SPEECH_CORPUS / "people_daily.jsonl",
    "speech corpus people_daily2": SPEECH_CORPUS / "people_daily2.jsonl",  # 60 more, after people_daily's changes
    "speech corpus people_daily3": SPEECH_CORPUS / "people_daily3.jsonl",  # 60 more, after people_daily2's (session 20)
    "speech corpus people_daily4": SPEECH_CORPUS / "people_daily4.jsonl",  # 60 more, after people_daily3's
    "speech corpus lcsts": SPEECH_CORPUS / "lcsts.jsonl",  # 160 Weibo news posts, after people_daily4's (session 20)
    "speech corpus lcsts2": SPEECH_CORPUS / "lcsts2.jsonl",  # 160 more, after lcsts's
    # session 21: a draw of each source after each round of changes
    "speech corpus people_daily5": SPEECH_CORPUS / "people_daily5.jsonl",  # 60 more, after lcsts2's
    "speech corpus lcsts3": SPEECH_CORPUS / "lcsts3.jsonl",  # 160 more, after lcsts2's
    "speech corpus people_daily6": SPEECH_CORPUS / "people_daily6.jsonl",  # after people_daily5's and lcsts3's
    "speech corpus lcsts4": SPEECH_CORPUS / "lcsts4.jsonl",
    "speech corpus people_daily7": SPEECH_CORPUS / "people_daily7.jsonl",  # after people_daily6's and lcsts4's
    "speech corpus lcsts5": SPEECH_CORPUS / "lcsts5.jsonl",
    "speech corpus people_daily8": SPEECH_CORPUS / "people_daily8.jsonl",  # after people_daily7's and lcsts5's
    "speech corpus lcsts6": SPEECH_CORPUS / "lcsts6.jsonl",
    "speech corpus people_daily9": SPEECH_CORPUS / "people_daily9.jsonl",  # after people_daily8's and lcsts6's
    "speech corpus lcsts7": SPEECH_CORPUS / "lcsts7.jsonl",  # the last 146 posts
    "speech corpus people_daily10": SPEECH_CORPUS / "people_daily10.jsonl",  # after people_daily9's and lcsts7's
    "speech corpus people_daily11": SPEECH_CORPUS / "people_daily11.jsonl",  # session 22, before people_daily10 was read
    "speech corpus people_daily12": SPEECH_CORPUS / "people_daily12.jsonl",  # after people_daily10's
    "speech corpus people_daily13": SPEECH_CORPUS / "people_daily13.jsonl",  # after people_daily11's and 12's
    "speech corpus people_daily14": SPEECH_CORPUS / "people_daily14.jsonl",  # after people_daily13's
    "speech corpus people_daily15": SPEECH_CORPUS / "people_daily15.jsonl",  # after people_daily13's
    "speech corpus people_daily16": SPEECH_CORPUS / "people_daily16.jsonl",  # after people_daily14's; read in session 23
    "speech corpus people_daily17": SPEECH_CORPUS / "people_daily17.jsonl",  # session 23, before any change of it
    "speech corpus people_daily18": SPEECH_CORPUS / "people_daily18.jsonl",  # every article over 1,500 characters
    "speech corpus people_daily19": SPEECH_CORPUS / "people_daily19.jsonl",  # 80 short items; not read
    "speech corpus people_daily20": SPEECH_CORPUS / "people_daily20.jsonl",  # 80 more short items; not read
    "speech corpus blind test": SPEECH_CORPUS / "test.jsonl",  # reported only, never used to decide
}


def speaker_figures(model, log=print) -> dict:
    """{"NAME (path)": speaker_eval report} for each gold set whose articles can be read."""
    from zhnews.models.pipeline import Analyzer

    analyzer = Analyzer(model)
    out = {}
    for name, path in GOLD_SETS.items():
        try:
            gold = load_speaker_gold_file(path)
        except FileNotFoundError as exc:  # the shared data is not there: nothing to score against
            log(f"speakers, {name}: skipped ({exc})")
            continue
        report = out[f"{name} ({path.relative_to(REPO_ROOT)})"] = speaker_eval(analyzer, gold)
        m = report["model"]
        log(f"speakers, {name} ({len(gold)} articles): speaker F1 {m['speakers']['f1']:.3f}, statement F1 "
            f"{m['statements']['f1']:.3f}, summary ROUGE-L {m['rouge']['rouge-l']:.3f}")
    return out


def main(argv: list[str]) -> None:
    from zhnews.models.model import ZhnewsModel
    from zhnews.train.card import update_card

    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("config", help="the folder's recipe (for its card)")
    args = parser.parse_args(argv)
    update_card(args.folder, args.config, "speakers", speaker_figures(ZhnewsModel.from_pretrained(args.folder)))


if __name__ == "__main__":
    main(sys.argv[1:])
