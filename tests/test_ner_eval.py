"""Names against BIO gold (models/evaluation/ner.py): entity-level counts and the bootstrap interval of F1."""
from __future__ import annotations

import numpy as np

from zhnews.models.evaluation.ner import _scores, f1_interval
from zhnews.models.schema import Entity


def test_f1_interval_brackets_the_f1_and_narrows_with_more_sentences():
    # per sentence (true positives, predicted, gold): every other sentence misses its one name
    few = np.array([[1, 1, 1], [0, 0, 1]] * 10)
    many = np.array([[1, 1, 1], [0, 0, 1]] * 1000)
    f1 = 2 * 10 / (10 + 20)
    low, high = f1_interval(few)
    assert low < f1 < high
    low_many, high_many = f1_interval(many)
    assert low < low_many < f1 < high_many < high
    assert f1_interval(np.array([[2, 2, 2]] * 5)) == [1.0, 1.0]  # nothing to vary
    assert f1_interval(np.zeros((0, 3))) == [0.0, 0.0]


def test_scores_count_exact_spans_per_type_with_an_interval():
    rows = [("王建军在北京", ["B-PER", "I-PER", "I-PER", "O", "B-LOC", "I-LOC"]), ("李四说", ["B-PER", "I-PER", "O"])]
    predicted = [[Entity(0, 3, "PER", "王建军"), Entity(4, 5, "LOC", "北")], [Entity(0, 2, "PER", "李四")]]
    out = _scores(rows, predicted)
    assert out["PER"]["f1"] == 1.0 and out["PER"]["support"] == 2 and out["PER"]["f1_interval"] == [1.0, 1.0]
    assert out["LOC"]["f1"] == 0.0 and out["LOC"]["support"] == 1  # 北 is not 北京
    assert out["ALL"]["precision"] == 2 / 3 and out["ALL"]["recall"] == 2 / 3
    low, high = out["ALL"]["f1_interval"]
    assert 0.0 <= low <= 2 / 3 <= high <= 1.0


def test_the_card_gives_each_corpus_its_interval_and_persons_and_older_figures_as_they_were():
    from zhnews.train.card import measured_lines

    per = {"precision": 0.9, "recall": 0.9, "f1": 0.9, "support": 112, "f1_interval": [0.851, 0.952]}
    every = {"precision": 0.8, "recall": 0.8, "f1": 0.8, "support": 462}
    report = {"ner": {"PER": per, "ALL": every}, "ner_sources": {"msra": {"PER": per, "ALL": every}}}
    text = "\n".join(measured_lines(report, 3, 1000))
    assert "| msra | 0.900 / 0.900 / 0.900 | 0.851-0.952 | 112 | 0.800 / 0.800 / 0.800 | 462 |" in text
    older = {"msra": {"PER": {k: v for k, v in per.items() if k != "f1_interval"}, "ALL": every}}
    text = "\n".join(measured_lines({**report, "ner_sources": older}, 3, 1000))
    assert "| msra | 0.900 / 0.900 / 0.900 | 0.800 / 0.800 / 0.800 | 462 |" in text and "interval" not in text


def test_a_held_out_sentence_that_is_a_training_sentence_is_not_scored():
    from zhnews.models.evaluation.ner import ner_by_source
    from zhnews.models.evaluation.splits import Splits
    from zhnews.train.card import measured_lines

    class Tagger:  # finds every 王五, nothing else
        def find_names(self, texts, settings=None):
            return [[Entity(t.index("王五"), t.index("王五") + 2, "PER", "王五")] if "王五" in t else [] for t in texts]

    seen, fresh = ("王五来了", ["B-PER", "I-PER", "O", "O"]), ("张三来了", ["B-PER", "I-PER", "O", "O"])
    splits = Splits(labels=[], ner_train=[seen], ner_val=[seen, fresh, fresh],
                    ner_val_sources={"weibo": [seen, fresh], "msra": [fresh]})
    out = ner_by_source(Tagger(), splits)
    # scored with the copy, PER recall would be 1/3; without it, 0 of the two fresh names
    assert out["ner"]["PER"]["support"] == 2 and out["ner"]["PER"]["recall"] == 0.0
    assert out["ner_copies"] == {"weibo": 1} and out["ner_sources"]["weibo"]["PER"]["support"] == 1
    assert "Not scored: held-out sentences that repeat a training sentence word for word (weibo 1)." in \
        "\n".join(measured_lines(out, 3, 1000))
    everything_seen = Splits(labels=[], ner_train=[seen], ner_val=[seen], ner_val_sources={"weibo": [seen]})
    assert ner_by_source(Tagger(), everything_seen) == {}
