"""The n-gram expert reproduces scikit-learn's char TF-IDF exactly and survives a save/load."""
from __future__ import annotations

import numpy as np
import pytest

from zhnews.models.ngram import NgramExpert

TEXTS = ["央行宣布下调存款准备金率", "主队在主场以3比1战胜对手", "新款芯片采用5纳米工艺",
         "银行理财产品收益率回落", "国家队公布新一期集训名单", "研究团队发布大模型  ABC",
         "央行 公开市场 操作", "主队 客场 失利"]
LABELS = [0, 1, 2, 0, 1, 2, 0, 1]


@pytest.mark.parametrize("max_n", [2, 3])
def test_features_match_sklearn_and_round_trip(tmp_path, max_n):
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts, labels = TEXTS + ["央行宣布降息", "主队在主场获胜"], LABELS + [0, 1]  # 央行宣 / 主队在 twice
    expert = NgramExpert.fit(texts, labels, 3, max_features=200, ngram_range=(1, max_n))
    assert max(map(len, expert.vocab)) == max_n  # trigrams only when asked for
    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, max_n), sublinear_tf=True, vocabulary=expert.vocab)
    vec.idf_ = expert.idf.astype(np.float64)
    ref = vec.transform(["央行再次宣布下调  存款准备金率ABC", "完全无关的文字"]).toarray()
    for row, text in enumerate(["央行再次宣布下调  存款准备金率ABC", "完全无关的文字"]):
        idx, val = expert.features(text)
        dense = np.zeros(len(expert.vocab))
        dense[idx] = val
        assert np.allclose(dense, ref[row], atol=1e-6)
    expert.save(tmp_path)
    again = NgramExpert.load(tmp_path)
    assert again.ngram_range == (1, max_n)
    assert np.allclose(again.logits(texts), expert.logits(texts), atol=1e-2)
    assert (again.logits(texts).argmax(1) == np.array(labels)).mean() >= 0.75


def test_folder_without_expert_loads_none(tmp_path):
    assert NgramExpert.load(tmp_path) is None


def test_vocabulary_is_stored_as_a_list_and_the_older_map_still_loads(tmp_path):
    import json

    expert = NgramExpert.fit(TEXTS, LABELS, 3, max_features=200)
    expert.save(tmp_path)
    meta = json.loads((tmp_path / "ngram_vocab.json").read_text(encoding="utf-8"))
    assert "vocab" not in meta and [meta["grams"].index(g) for g in expert.vocab] == list(expert.vocab.values())
    # a folder written before the list format: {"vocab": {gram: index}}
    older = {"ngram_range": meta["ngram_range"], "vocab": expert.vocab}
    (tmp_path / "ngram_vocab.json").write_text(json.dumps(older, ensure_ascii=False), encoding="utf-8")
    again = NgramExpert.load(tmp_path)
    assert again.vocab == expert.vocab and np.allclose(again.logits(TEXTS), expert.logits(TEXTS), atol=1e-2)
