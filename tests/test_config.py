"""Every file in configs/ parses and validates; bad values are clear errors."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from zhnews.models.config import ConfigError, load_train_config, parse_train_config

CONFIGS = sorted((Path(__file__).resolve().parent.parent / "configs").glob("*.yaml"))


def test_there_are_configs():
    assert {p.name for p in CONFIGS} >= {"default.yaml", "custom.yaml", "tiny.yaml"}


@pytest.mark.parametrize("path", CONFIGS, ids=lambda p: p.name)
def test_every_config_file_validates(path):
    config = load_train_config(path)
    assert config.output_dir
    assert any(s.task == "topic" for s in config.data.sources)
    assert config.train.max_steps > 0 or config.train.init_from


# models/evaluation/splits.py
TRAINING_ONLY_KINDS = ("people_daily_pos", "article_sentences", "speaker_id_text", "people_daily_text")


def test_a_second_stage_keeps_the_first_stages_held_out_rows():
    """A recipe started from another recipe's folder must read the same data: a different draw would
    train on rows the first stage held out, and its figures would no longer be held-out ones."""
    folder = Path(CONFIGS[0]).parent
    stages = [load_train_config(p) for p in CONFIGS if load_train_config(p).train.init_from]
    assert stages, "configs/default_more.yaml starts from runs/default"
    first_stages = {load_train_config(p).output_dir: load_train_config(p) for p in CONFIGS}
    def drawn(data):  # `repeat` weighs a source's training rows, `split_names` reads their tags and `not_against`
        # masks their labels; which rows are held out stays
        return replace(data, sources=[replace(s, repeat=1, split_names=False, not_against=None) for s in data.sources])


    for stage in stages:
        first = first_stages[stage.train.init_from]
        # sources appended after the first stage's may only add training rows (no held-out split of their own), or
        # hold out People's Daily 1998 sentences apart from every earlier training row: the first stage's
        # or be a topic source of a kind new to the chain (configs/default_topics.yaml's annotated People's Daily
        # articles): no earlier stage trained on its labels, so its own held-out rows are held out for the chain
        added = stage.data.sources[len(first.data.sources):]
        new_topics = {s.kind for s in added if s.task == "topic"} - {s.kind for s in first.data.sources}
        assert all(s.kind in TRAINING_ONLY_KINDS or s.val_sentences or s.kind in new_topics for s in added), stage.output_dir
        kept = replace(stage.data, sources=stage.data.sources[:len(first.data.sources)])
        assert drawn(kept) == drawn(first.data) and stage.lora == first.lora
        # the same base, and its depth unless the stage keeps fewer layers (configs/tagger4.yaml, tagger4_mid.yaml)
        count = len(stage.base.layers) if isinstance(stage.base.layers, list) else stage.base.layers
        cut = stage.train.init_first_layers and count < (first.base.layers or 12)
        assert stage.base == (replace(first.base, layers=stage.base.layers) if cut else first.base), stage.output_dir
    assert (folder / "default_more.yaml").exists()


def test_default_recipe_uses_every_labelled_source():
    config = load_train_config(Path(CONFIGS[0]).parent / "default.yaml")
    kinds = {s.kind for s in config.data.sources}
    assert kinds >= {"thucnews_articles", "thucnews_titles", "vocab_coverage", "people_daily_ner", "lcsts"}
    assert len(config.data.labels) == 17


@pytest.mark.parametrize("raw, message", [
    ({"output_dir": "x", "data": {"sources": [{"kind": "file", "path": "a.jsonl"}]}, "trian": {}}, "unknown key"),
    ({"output_dir": "x", "data": {"sources": [{"kind": "nope"}]}}, "kind must be one of"),
    ({"output_dir": "x", "data": {"sources": [{"kind": "file"}]}}, "needs a path"),
    ({"output_dir": "x", "data": {"sources": [{"kind": "people_daily_ner"}]}}, "topic source"),
    ({"output_dir": "x", "data": {"sources": [{"kind": "file", "path": "a"}]}, "train": {"max_steps": 0}}, "max_steps"),
    ({"output_dir": "x", "data": {"sources": [{"kind": "file", "path": "a"}]}, "lora": {"r": -1}}, "positive"),
    ({"data": {"sources": [{"kind": "file", "path": "a"}]}}, "output_dir"),
    ({"output_dir": "x", "data": {"sources": [{"kind": "file", "path": "a"}]}, "names": "spacy"}, "names must be"),
    ({"output_dir": "x", "data": {"sources": [{"kind": "file", "path": "a"}]},
      "train": {"sentence_tokenization": "word"}}, "sentence_tokenization"),
    ({"output_dir": "x", "data": {"sources": [{"kind": "file", "path": "a"}]}, "base": {"layers": 0}}, "layers"),
    ({"output_dir": "x", "data": {"sources": [{"kind": "file", "path": "a"}]}, "base": {"layers": []}}, "layers"),
    ({"output_dir": "x", "data": {"sources": [{"kind": "file", "path": "a"}]}, "base": {"layers": [0, 2, 1]}},
     "ascending"),
    ({"output_dir": "x", "data": {"sources": [{"kind": "file", "path": "a"}]}, "base": {"layers": [0, 0]}}, "ascending"),
    ({"output_dir": "x", "data": {"sources": [{"kind": "file", "path": "a"}]}, "base": {"layers": [-1, 2]}}, "layers"),
    ({"output_dir": "x", "data": {"sources": [{"kind": "file", "path": "a"}]}, "train": {"ngram_max_n": 5}}, "ngram_max_n"),
    ({"output_dir": "x", "data": {"sources": [{"kind": "file", "path": "a"}]}, "train": {"ngram_features": 10}},
     "ngram_features"),
    ({"output_dir": "x", "data": {"sources": [{"kind": "file", "path": "a"}]},
      "train": {"calibration_at_least_one": "yes"}}, "calibration_at_least_one"),
])
def test_bad_values_are_named(raw, message):
    with pytest.raises(ConfigError, match=message):
        parse_train_config(raw)


def test_missing_file_and_bad_yaml(tmp_path):
    with pytest.raises(ConfigError, match="no such config"):
        load_train_config(tmp_path / "absent.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("output_dir: [unclosed\n")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_train_config(bad)


def test_base_layers_keeps_the_first_layers():
    from zhnews.models.config import BaseSpec
    from zhnews.models.network import build_encoder

    random = {"hidden_size": 32, "num_hidden_layers": 3, "num_attention_heads": 2, "intermediate_size": 64}
    full, _ = build_encoder(BaseSpec(random=random))
    cut, _ = build_encoder(BaseSpec(random=random, layers=2))
    assert len(cut.encoder.layer) == cut.config.num_hidden_layers == 2 and len(full.encoder.layer) == 3
    with pytest.raises(ValueError, match="has 3 layers, 4 asked for"):
        build_encoder(BaseSpec(random=random, layers=4))


def test_base_layers_can_name_the_layers_to_keep():
    """`base.layers: [0, 2]` keeps the base's layers 0 and 2, in that order (the very modules, so their
    weights), and a list reaching past the base is refused like a count."""
    import torch

    from zhnews.models.config import BaseSpec
    from zhnews.models.network import build_encoder, keep_layers

    random = {"hidden_size": 32, "num_hidden_layers": 3, "num_attention_heads": 2, "intermediate_size": 64}
    full, _ = build_encoder(BaseSpec(random=random))
    layers = list(full.encoder.layer)
    cut = keep_layers(full, [0, 2])
    assert list(cut.encoder.layer) == [layers[0], layers[2]] and cut.config.num_hidden_layers == 2
    ids = torch.tensor([[0, 5, 6, 2]])
    assert cut(input_ids=ids).last_hidden_state.shape == (1, 4, 32)
    with pytest.raises(ValueError, match="has 2 layers"):
        keep_layers(cut, [0, 2])


def test_default_recipe_is_the_17_label_multi_label_one():
    """configs/default.yaml (issue 14): exactly the 17 labels, multi-label, every topic corpus mapped
    (THUCNews titles and Toutiao / NLPCC headlines by label_map), the extra NER corpora each a source."""
    config = load_train_config(Path(CONFIGS[0]).parent / "default.yaml")
    assert config.data.labels == ["体育", "娱乐", "家居", "教育", "时尚", "时政", "游戏", "科技", "财经", "房产",
                                  "股票", "社会", "汽车", "军事", "国际", "旅游", "文化"]
    assert config.data.topic_mode == "multi"
    kinds = {s.kind for s in config.data.sources}
    assert kinds >= {"thucnews_articles", "thucnews_titles", "thucnews_titles_train", "toutiao", "nlpcc2017",
                     "people_daily_ner", "ner_extra"}
    maps = {s.kind: s.label_map for s in config.data.sources if s.label_map}
    assert maps["toutiao"]["news_car"] == "汽车" and maps["toutiao"]["news_military"] == "军事"
    assert maps["nlpcc2017"]["history"] == "文化" and maps["thucnews_titles"]["finance"] == "财经"
    assert {s.source_name for s in config.data.sources if s.kind == "ner_extra"} == {"msra", "cluener", "weibo"}


@pytest.mark.parametrize("source, message", [
    ({"kind": "toutiao", "label_map": {"news_car": "汽車"}}, "not in data.labels"),
    ({"kind": "toutiao", "label_map": {"news_car": ["汽车"]}}, "label name or null"),
    ({"kind": "toutiao", "label_mapping": {}}, "unknown key"),
    ({"kind": "toutiao", "not_against": ["股價"]}, "not_against labels .* not in data.labels"),
    ({"kind": "toutiao", "not_against": "汽车"}, "non-empty list of labels"),
    ({"kind": "ner_extra", "path": "x.bio", "not_against": ["汽车"]}, "for topic sources"),
    ({"kind": "toutiao", "not_against": {"汽车": ["國際"]}}, "not_against labels .* not in data.labels"),
    ({"kind": "toutiao", "not_against": {"汽車": ["国际"]}}, "not_against labels .* not in data.labels"),
    ({"kind": "toutiao", "not_against": {"汽车": "国际"}}, "or a mapping label -> such a list"),
])
def test_bad_label_maps_are_clear_errors(source, message):
    raw = {"output_dir": "x", "data": {"labels": ["汽车", "国际"], "sources": [source]}}
    with pytest.raises(ConfigError, match=message):
        parse_train_config(raw)
