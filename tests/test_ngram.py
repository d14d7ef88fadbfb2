"""The n-gram expert reproduces scikit-learn's char TF-IDF exactly and survives a save/load."""
from __future__ import annotations

import numpy as np

from zhnews.models.ngram import NgramExpert

TEXTS = ["央行宣布下调存款准备金率", "主队在主场以3比1战胜对手", "新款芯片采用5纳米工艺",
         "银行理财产品收益率回落", "国家队公布新一期集训名单", "研究团队发布大模型  ABC",
         "央行 公开市场 操作", "主队 客场 失利"]
LABELS = [0, 1, 2, 0, 1, 2, 0, 1]


def test_features_match_sklearn_and_round_trip(tmp_path):
    from sklearn.feature_extraction.text import TfidfVectorizer

    expert = NgramExpert.fit(TEXTS, LABELS, 3, max_features=200)
    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True, vocabulary=expert.vocab)
    vec.idf_ = expert.idf.astype(np.float64)
    ref = vec.transform(["央行再次宣布下调  存款准备金率ABC", "完全无关的文字"]).toarray()
    for row, text in enumerate(["央行再次宣布下调  存款准备金率ABC", "完全无关的文字"]):
        idx, val = expert.features(text)
        dense = np.zeros(len(expert.vocab))
        dense[idx] = val
        assert np.allclose(dense, ref[row], atol=1e-6)
    expert.save(tmp_path)
    again = NgramExpert.load(tmp_path)
    assert np.allclose(again.logits(TEXTS), expert.logits(TEXTS), atol=1e-2)
    assert (again.logits(TEXTS).argmax(1) == np.array(LABELS)).mean() >= 0.75


def test_folder_without_expert_loads_none(tmp_path):
    assert NgramExpert.load(tmp_path) is None
