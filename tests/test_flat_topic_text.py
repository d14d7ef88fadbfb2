"""Topics read without the text's layout (`train.flat_topic_text`, session 43): a training source whose
articles break every paragraph must not teach the line break as a topic feature, and a folder trained so
reads a user's text the same way, so its topics do not move with where the lines break."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch
import yaml

from zhnews.models.encoding import flat_text
from zhnews.models.settings import InferenceSettings, SettingsError

REPO = Path(__file__).resolve().parent.parent


def test_flat_text_drops_breaks_and_spaces_but_keeps_latin_words_apart():
    assert flat_text("科技部召开会议\n\n会议指出，  要加快\t创新。\r\n") == "科技部召开会议会议指出，要加快创新。"
    assert flat_text("苹果 发布 iPhone 15 Pro\n新机") == "苹果发布iPhone 15 Pro新机"
    assert flat_text("New York\n纽约") == "New York纽约"
    assert flat_text(" \n ") == "" and flat_text(flat_text("甲 乙\n丙")) == flat_text("甲 乙\n丙")


def test_the_setting_is_validated_and_off_for_older_folders():
    assert InferenceSettings.for_model({"inference": {}}).flat_topic_text is False
    assert InferenceSettings.for_model({"inference": {"flat_topic_text": True}}, fast=False).flat_topic_text
    with pytest.raises(SettingsError, match="flat_topic_text must be true or false"):
        InferenceSettings.for_model({"inference": {"flat_topic_text": "yes"}})


@pytest.fixture(scope="module")
def flat_model_dir(tmp_path_factory) -> Path:
    """A tiny multi-label model whose one source breaks every paragraph of its 时政 rows, the other none."""
    from zhnews.models.config import parse_train_config
    from zhnews.train.loop import run_training

    torch.set_num_threads(1)
    data = tmp_path_factory.mktemp("flat-data")
    rows = [{"text": f"国务院第{i}次常务会议召开。\n会议研究了有关事项。\n", "labels": ["时政"]} for i in range(10)]
    rows += [{"text": f"第{i}款手机发布，芯片性能提升。", "labels": ["科技"]} for i in range(10)]
    (data / "a.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    raw = yaml.safe_load((REPO / "configs" / "tiny.yaml").read_text(encoding="utf-8"))
    raw["output_dir"] = str(tmp_path_factory.mktemp("flat-model"))
    raw["data"] = {"data_dir": str(data), "topic_mode": "multi", "labels": ["时政", "科技"], "val_fraction": 0.2,
                   "sources": [{"kind": "file", "path": "a.jsonl", "name": "a"}]}
    raw["train"]["flat_topic_text"] = True
    return run_training(parse_train_config(raw), log=lambda _m: None)


def test_a_flat_recipe_fits_on_flat_rows_and_its_folder_reads_texts_flat(flat_model_dir, tmp_path):
    from zhnews.models.model import ZhnewsModel

    config = json.loads((flat_model_dir / "config.json").read_text(encoding="utf-8"))
    assert config["inference"]["flat_topic_text"] is True
    model = ZhnewsModel.from_pretrained(flat_model_dir)
    assert model.ngram is not None and not any(g != g.strip() or "\n" in g for g in model.ngram.vocab)
    broken, joined = "国务院召开会议。\n会议指出，\n要加快创新。", "国务院召开会议。会议指出，要加快创新。"
    for fast in (True, False):
        settings = model.default_settings(fast)
        assert np.allclose(model.topic_logits([broken], settings), model.topic_logits([joined], settings))
    metrics = json.loads((flat_model_dir / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["topic_path"]["flat_text"] is True
    assert "layout gone" in (flat_model_dir / "README.md").read_text(encoding="utf-8")
    # the same weights read as given (a folder written before the setting): the break changes the logits
    folder = tmp_path / "as-given"
    shutil.copytree(flat_model_dir, folder)
    (folder / "config.json").write_text(json.dumps({**config, "inference": {
        k: v for k, v in config["inference"].items() if k != "flat_topic_text"}}), encoding="utf-8")
    given = ZhnewsModel.from_pretrained(folder)
    assert given.topic_inputs([broken]) == [broken] and model.topic_inputs([broken]) == [joined]
    assert not np.allclose(given.topic_logits([broken]), given.topic_logits([joined]))
