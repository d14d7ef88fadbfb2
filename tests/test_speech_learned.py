"""The learned continuation head (models/speech/continuation.py): what it changes in the walk, how a
model folder carries it, and that a folder without one attributes exactly as the rules do. The heads
here are tiny hand-made weight vectors (no fit on the corpus); every article is invented."""
from __future__ import annotations

import json

import numpy as np
import pytest

from tests.test_speech import CONTINUATION, with_sentences
from zhnews.models.speech import attribute, jieba_name_finder
from zhnews.models.speech.continuation import ENCODER, WEIGHTS_FILE, ContinuationHead
from zhnews.models.text import split_paragraphs

AFTER_QUOTE = "王建军说：“今年经济稳步增长。”消费的贡献也很突出，投资保持稳定。\n"
NEXT_PARAGRAPH = "王建军表示，今年经济稳步增长。\n消费的贡献也很突出，投资保持稳定。\n"
NARRATION = "王建军表示，今年经济稳步增长。随后，王建军参观了当地的新能源工厂。\n"


def said(text: str, head=None, vectors=None) -> dict[str, list[str]]:
    speakers = attribute(text, with_sentences(text, split_paragraphs(text)), jieba_name_finder, None, head, vectors)
    return {sp.name: [st.text for st in sp.statements] for sp in speakers}


def after_quote_head(**kw) -> ContinuationHead:
    """Continues where the last statement was a quote (flow only) and nowhere else the rules stop:
    sigmoid(10 - 5) = 0.99 against sigmoid(-5) = 0.007."""
    return ContinuationHead(np.array([10.0]), -5.0, ["flow_only"], threshold=0.5, **kw)


def test_the_head_takes_a_continuation_the_rules_leave():
    assert said(AFTER_QUOTE) == {"王建军": ["今年经济稳步增长。"]}
    assert said(AFTER_QUOTE, after_quote_head()) == {"王建军": ["今年经济稳步增长。", "消费的贡献也很突出，投资保持稳定。"]}
    # a narrative sentence (随后, a person as subject) stays narration for this head
    assert said(NARRATION, after_quote_head()) == said(NARRATION) == {"王建军": ["今年经济稳步增长。"]}


def test_across_a_paragraph_only_a_head_fitted_there_decides():
    # the speech corpus has no paragraph breaks: a head fitted on it leaves the next paragraph to the rules
    assert said(NEXT_PARAGRAPH, after_quote_head()) == said(NEXT_PARAGRAPH) == {"王建军": ["今年经济稳步增长。"]}
    assert said(NEXT_PARAGRAPH, after_quote_head(cross_paragraph=True))["王建军"] == [
        "今年经济稳步增长。", "消费的贡献也很突出，投资保持稳定。"]


def test_a_head_deciding_alone_can_also_stop_what_the_rules_continue():
    rules = said(CONTINUATION)
    assert rules["付凌晖"][-1] == "服务业恢复势头较好，接触型服务消费增长较快。"
    never = ContinuationHead(np.zeros(1), -20.0, ["dist1"], mode="alone")
    assert "服务业恢复势头较好，接触型服务消费增长较快。" not in said(CONTINUATION, never)["付凌晖"]
    # in "combine" mode the same head leaves every rule decision as it was: the walk is the rules'
    assert said(CONTINUATION, ContinuationHead(np.zeros(1), -20.0, ["dist1"])) == rules


def test_encoder_features_come_from_the_sentence_vectors():
    # the head reads the candidate sentence's vector: a positive first component continues
    head = ContinuationHead(np.array([0.0, 10.0, 0.0]), -5.0, ["flow_only", ENCODER], encoder_dim=2)
    up, down = np.array([1.0, 0.0], np.float32), np.array([-1.0, 0.0], np.float32)
    assert len(said(AFTER_QUOTE, head, lambda ss: [up for _ in ss])["王建军"]) == 2
    assert len(said(AFTER_QUOTE, head, lambda ss: [down for _ in ss])["王建军"]) == 1
    assert len(said(AFTER_QUOTE, head, None)["王建军"]) == 1  # no vectors: no evidence to continue


def test_bad_heads_are_refused():
    with pytest.raises(ValueError, match="weight has 2 values"):
        ContinuationHead(np.zeros(2), 0.0, ["dist1"])
    with pytest.raises(ValueError, match="unknown continuation features"):
        ContinuationHead(np.zeros(1), 0.0, ["no_such_feature"])
    with pytest.raises(ValueError, match="mode"):
        ContinuationHead(np.zeros(1), 0.0, ["dist1"], mode="sometimes")


def test_model_folder_round_trip(tiny_model_dir, tmp_path):
    from zhnews.models.model import ZhnewsModel
    from zhnews.models.pipeline import Analyzer

    model = ZhnewsModel.from_pretrained(tiny_model_dir)
    assert model.continuation is None  # an old folder: no head, rules alone
    assert not (tiny_model_dir / WEIGHTS_FILE).exists()
    dim = model.net.encoder.config.hidden_size
    weight = np.r_[[10.0], np.linspace(-0.01, 0.01, dim)]
    model.continuation = ContinuationHead(weight, -5.0, ["flow_only", ENCODER], encoder_dim=dim)
    model.save_pretrained(tmp_path / "with-head")
    config = json.loads((tmp_path / "with-head" / "config.json").read_text(encoding="utf-8"))
    assert config["continuation"]["features"] == ["flow_only", ENCODER]
    loaded = ZhnewsModel.from_pretrained(tmp_path / "with-head").continuation
    assert loaded.features == ["flow_only", ENCODER] and loaded.encoder_dim == dim
    assert np.allclose(loaded.weight, weight, atol=1e-6) and loaded.bias == pytest.approx(-5.0)
    assert (loaded.threshold, loaded.mode, loaded.cross_paragraph) == (0.5, "combine", False)
    # the pipeline hands the head the vectors of the pass that finds names (the tiny model's tagger finds
    # none: jieba with its HMM finds 王建军)
    with_head = ZhnewsModel.from_pretrained(tmp_path / "with-head")
    analyzer = Analyzer(with_head, with_head.default_settings(fast={"jieba_hmm": True}))
    statements = [st.text for sp in analyzer.analyze(AFTER_QUOTE).speakers for st in sp.statements]
    assert "消费的贡献也很突出，投资保持稳定。" in statements
    # a head that reads sentence states gets long sentences read whole as well; a folder without one, pieces
    assert analyzer.speech_config.ner_whole_sentences
    assert not Analyzer(ZhnewsModel.from_pretrained(tiny_model_dir)).speech_config.ner_whole_sentences
    # a folder saved without a head drops the section again; a missing weights file is a clear error
    model.continuation = None
    model.save_pretrained(tmp_path / "without")
    assert "continuation" not in json.loads((tmp_path / "without" / "config.json").read_text(encoding="utf-8"))
    (tmp_path / "with-head" / WEIGHTS_FILE).unlink()
    from zhnews.models.folder import ModelFolderError

    with pytest.raises(ModelFolderError, match=WEIGHTS_FILE):
        ZhnewsModel.from_pretrained(tmp_path / "with-head")


def test_sentence_vectors_come_from_the_same_pass(tiny_model_dir):
    from zhnews.models.model import ZhnewsModel

    model = ZhnewsModel.from_pretrained(tiny_model_dir)
    sentences = ["王建军表示，今年经济稳步增长。", "消费的贡献也很突出。"]
    entities, salience = model.sentence_features(sentences)
    entities2, salience2, vectors = model.sentence_features(sentences, vectors=True)
    assert entities2 == entities and salience2 == salience
    assert vectors.shape == (2, model.net.encoder.config.hidden_size) and vectors.dtype == np.float32


def test_a_folder_without_a_head_analyses_exactly_as_the_rules(tiny_model_dir):
    from zhnews.models.model import ZhnewsModel
    from zhnews.models.pipeline import Analyzer

    texts = [AFTER_QUOTE, NEXT_PARAGRAPH, NARRATION, CONTINUATION]
    plain = Analyzer(ZhnewsModel.from_pretrained(tiny_model_dir))
    silent_model = ZhnewsModel.from_pretrained(tiny_model_dir)
    silent_model.continuation = ContinuationHead(np.zeros(1), -20.0, ["dist1"])  # consulted, never fires
    silent = Analyzer(silent_model)
    assert [a.to_dict() for a in plain.analyze_batch(texts)] == [a.to_dict() for a in silent.analyze_batch(texts)]


def test_page_furniture_ends_the_speech_whatever_the_head_says():
    always = ContinuationHead(np.zeros(1), 20.0, ["dist1"], mode="alone")
    text = "王建军表示，今年经济稳步增长。相关新闻：多地出台促消费政策。消费的贡献也很突出，投资保持稳定。\n"
    assert said(text, always) == {"王建军": ["今年经济稳步增长。"]}


def test_the_fit_folds_standardisation_into_the_weights(tiny_model_dir, tmp_path):
    import shutil

    from sklearn.linear_model import LogisticRegression

    from zhnews.models.model import ZhnewsModel
    from zhnews.train.continuation import fit_lr, write

    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 3)) * [1.0, 10.0, 0.1] + [0.0, 5.0, -1.0]
    y = X[:, 0] + X[:, 1] / 10 > 0.5
    w, b = fit_lr(X, y, C=1.0)
    mu, sd = X.mean(0), X.std(0)
    ref = LogisticRegression(C=1.0, max_iter=2000).fit((X - mu) / sd, y)
    assert np.allclose(1 / (1 + np.exp(-(X @ w + b))), ref.predict_proba((X - mu) / sd)[:, 1], atol=1e-6)
    # `write` puts the head into an existing folder: weights file + config.json section
    folder = tmp_path / "model"
    shutil.copytree(tiny_model_dir, folder)
    write(folder, ContinuationHead(w, b, ["dist1", "log_len", "digits"], threshold=0.4, mode="alone"))
    head = ZhnewsModel.from_pretrained(folder).continuation
    assert head.features == ["dist1", "log_len", "digits"] and head.threshold == 0.4 and head.mode == "alone"
    assert np.allclose(head.weight, w, atol=1e-5)


@pytest.mark.parametrize("split", ["test", "people_daily19", "dev", "double_fresh"])
def test_the_head_never_fits_on_a_blind_or_reported_split(tiny_model_dir, split):
    from zhnews.train.continuation import fit

    with pytest.raises(SystemExit, match=f"never fits on .*{split}"):
        fit(tiny_model_dir, corpus=("train", split), log=lambda _m: None)
