"""The dictionary correction of the tagger's person tags (models/lexicon.py, train/lexicon.py)."""
from __future__ import annotations

import json
import math
import shutil

import numpy as np
import pytest

from zhnews.models.lexicon import FEATURES, PERSON_TAGS, NameLexicon, lexicon_features

NER_LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"]


def active(text: str, i: int) -> set[str]:
    return {name for name, v in zip(FEATURES, lexicon_features(text)[i]) if v}


def test_features_mark_dictionary_words_by_class():
    text = "毛泽东在北京说"
    words = {name for name in FEATURES if name.endswith(("-begin", "-inside", "-end"))}
    assert active(text, 0) & words == {"person-begin"}
    assert active(text, 1) & words == {"person-inside"}
    assert active(text, 2) & words == {"person-end"}
    assert active(text, 3) & words == set()  # 在: no word of two or more characters
    assert active(text, 4) & words == {"place-begin"} and active(text, 5) & words == {"place-end"}
    assert lexicon_features("").shape == (0, len(FEATURES))


def test_features_reach_long_words_past_their_prefixes():
    # 中华人民共和国 (7 characters, a place) is found although 中华人民共和 alone is no word
    feats = lexicon_features("中华人民共和国成立")
    assert feats[0, FEATURES.index("place-begin")] == 1 and feats[6, FEATURES.index("place-end")] == 1
    assert feats[3, FEATURES.index("place-inside")] == 1


@pytest.mark.parametrize("bad", [
    {"scale": 0.0}, {"scale": float("nan")}, {"weights": {"B-PER": [0.0] * len(FEATURES)}},
    {"weights": {t: [0.0] * (len(FEATURES) - 1) for t in PERSON_TAGS}},
    {"weights": {t: [math.inf] * len(FEATURES) for t in PERSON_TAGS}},
])
def test_bad_lexicon_is_refused(bad):
    with pytest.raises(ValueError, match="names_lexicon"):
        NameLexicon(**bad)


def test_config_round_trip_and_other_features_refused():
    lex = NameLexicon(scale=0.9, weights={t: [0.1 * i for i in range(len(FEATURES))] for t in PERSON_TAGS})
    assert NameLexicon.from_config(json.loads(json.dumps(lex.to_config()))) == lex
    with pytest.raises(ValueError, match="features"):
        NameLexicon.from_config({**lex.to_config(), "features": ["person-begin", "bias"]})


def test_apply_moves_only_the_person_columns_of_real_tokens():
    text = "毛泽东说"
    offsets = [(0, 0), (0, 1), (1, 2), (2, 3), (3, 4), (0, 0)]
    rng = np.random.default_rng(0)
    logits = rng.normal(size=(len(offsets), len(NER_LABELS))).astype(np.float32)
    log_probs = logits - np.logaddexp.reduce(logits, axis=1, keepdims=True)
    assert np.allclose(NameLexicon().apply(log_probs, text, offsets, NER_LABELS), log_probs, atol=1e-6)
    push = {t: [0.0] * len(FEATURES) for t in PERSON_TAGS}
    push["B-PER"][FEATURES.index("person-begin")] = 5.0
    out = NameLexicon(weights=push).apply(log_probs, text, offsets, NER_LABELS)
    b_per = NER_LABELS.index("B-PER")
    assert out[1, b_per] > log_probs[1, b_per] + 1  # 毛 begins a dictionary person
    assert np.allclose(out[2:5], log_probs[2:5], atol=1e-6) and np.allclose(out[[0, 5]], log_probs[[0, 5]])
    assert np.allclose(np.exp(out).sum(1), 1, atol=1e-5)


def test_model_applies_saves_and_checks_its_lexicon(tiny_model_dir, tmp_path):
    from zhnews.models.folder import ModelFolderError
    from zhnews.models.model import ZhnewsModel

    model = ZhnewsModel.from_pretrained(tiny_model_dir)
    assert model.lexicon is None
    sentences = ["昨天毛泽东在北京说。", "他说，王伟表示同意。"]
    weights = {t: [0.0] * len(FEATURES) for t in PERSON_TAGS}
    weights["B-PER"][FEATURES.index("person-begin")] = 60.0  # the tiny random tagger all but ignored
    weights["I-PER"][FEATURES.index("person-inside")] = weights["I-PER"][FEATURES.index("person-end")] = 60.0
    model.lexicon = NameLexicon(scale=0.01, weights=weights)
    assert [(e.text, e.label) for e in model.find_names(sentences)[0] if e.label == "PER"] == [("毛泽东", "PER")]
    folder = model.save_pretrained(tmp_path / "with-lexicon")
    again = ZhnewsModel.from_pretrained(folder)
    assert again.lexicon == model.lexicon
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    config["names_lexicon"]["weights"]["B-PER"] = [1.0]
    broken = tmp_path / "broken"
    shutil.copytree(folder, broken)
    (broken / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(ModelFolderError, match="names_lexicon"):
        ZhnewsModel.from_pretrained(broken)


def test_fit_learns_that_dictionary_persons_are_names(tiny_model_dir):
    from zhnews.models.model import ZhnewsModel
    from zhnews.train.lexicon import fit_lexicon

    model = ZhnewsModel.from_pretrained(tiny_model_dir)
    rows = []
    for name in ("毛泽东", "邓小平", "江泽民", "朱镕基"):
        for frame in ("{}在北京说", "记者问{}", "{}表示同意"):
            text = frame.format(name)
            at = text.index(name)
            rows.append((text, ["O"] * at + ["B-PER"] + ["I-PER"] * (len(name) - 1) + ["O"] * (len(text) - at - len(name))))
    lex = fit_lexicon(model, rows, steps=200, log=lambda _m: None)
    assert lex.weights["B-PER"][FEATURES.index("person-begin")] > 0.5
    assert lex.weights["I-PER"][FEATURES.index("person-end")] > 0.5
    # the organisations' and places' scores stay the tagger's: nothing of theirs is stored
    assert set(lex.to_config()["weights"]) == set(PERSON_TAGS)


def test_fitting_command_needs_a_recorded_ner_split(tiny_model_dir, tmp_path):
    from zhnews.train.lexicon import main

    folder = tmp_path / "m"
    shutil.copytree(tiny_model_dir, folder)
    with pytest.raises(SystemExit, match="no recorded NER training split"):
        main([str(folder), "configs/tiny.yaml"])


def test_a_family_name_the_tagger_left_out_comes_back_from_the_dictionary():
    from zhnews.models.schema import Entity

    lex = NameLexicon()
    text = "国家主席习近平在北京会见了马仕先生。"
    found = [Entity(5, 7, "PER", "近平"), Entity(8, 10, "LOC", "北京"), Entity(14, 16, "PER", "仕先")]
    fixed = lex.with_family_names(text, found)
    assert fixed[0] == Entity(4, 7, "PER", "习近平") and fixed[1:] == found[1:]  # 马仕先 is no dictionary person
    # one character only, and never over another mention or a non-person
    assert lex.with_family_names("主席习近平", [Entity(2, 3, "PER", "习"), Entity(3, 5, "PER", "近平")])[1].text == "近平"
    assert lex.with_family_names(text, [Entity(5, 7, "ORG", "近平")]) == [Entity(5, 7, "ORG", "近平")]
    assert lex.with_family_names("近平", [Entity(0, 2, "PER", "近平")]) == [Entity(0, 2, "PER", "近平")]
