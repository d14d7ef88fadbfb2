"""Model folders: safetensors only, and every broken folder is a clear error naming the file."""
from __future__ import annotations

import json
import shutil

import pytest

from zhnews.models import Analyzer
from zhnews.models.folder import ModelFolderError


@pytest.fixture
def folder_copy(tiny_model_dir, tmp_path):
    dest = tmp_path / "model"
    shutil.copytree(tiny_model_dir, dest)
    return dest


TEXT = "新华社北京电 国务院新闻办公室今天举行发布会。发言人张明说：“今年经济运行总体平稳。”科技公司发布新款芯片。"


@pytest.mark.parametrize("merge", [True, False])
def test_save_then_load_gives_the_same_model(tiny_model_dir, tiny_analyzer, tmp_path, merge):
    """save_pretrained writes what from_pretrained reads: a loaded (merged or not) model saved again gives
    the same weights, config, card, metrics and analyses."""
    from safetensors.torch import load_file

    from zhnews.models.model import ZhnewsModel

    model = ZhnewsModel.from_pretrained(tiny_model_dir, merge=merge)
    saved = model.save_pretrained(tmp_path / "again")
    before, after = load_file(str(tiny_model_dir / "model.safetensors")), load_file(str(saved / "model.safetensors"))
    assert set(before) == set(after) and all((before[k] == after[k]).all() for k in before)
    for name in ("config.json", "README.md", "metrics.json", "ngram_vocab.json"):
        assert (saved / name).read_bytes() == (tiny_model_dir / name).read_bytes(), name
    again = Analyzer.from_pretrained(saved, threads=1)
    assert again.analyze(TEXT).to_dict() == tiny_analyzer.analyze(TEXT).to_dict()
    texts = ["科技公司发布新款芯片。", "央行宣布降息。"]
    assert abs(again.model.topic_probabilities(texts, again.settings)
               - tiny_analyzer.model.topic_probabilities(texts, tiny_analyzer.settings)).max() < 1e-6


def test_pickle_checkpoint_is_refused(folder_copy):
    (folder_copy / "model.safetensors").unlink()
    (folder_copy / "pytorch_model.bin").write_bytes(b"\x80\x04pickle")
    with pytest.raises(ModelFolderError, match=r"pytorch_model\.bin: refusing to load a pickle"):
        Analyzer.from_pretrained(folder_copy)


def test_truncated_weights_name_the_file(folder_copy):
    path = folder_copy / "model.safetensors"
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(ModelFolderError, match=r"model\.safetensors: corrupted or truncated"):
        Analyzer.from_pretrained(folder_copy)


def test_missing_tokenizer_names_the_file(folder_copy):
    (folder_copy / "tokenizer.json").unlink()
    with pytest.raises(ModelFolderError, match=r"tokenizer\.json: missing"):
        Analyzer.from_pretrained(folder_copy)


def test_labels_that_do_not_match_the_head(folder_copy):
    path = folder_copy / "config.json"
    config = json.loads(path.read_text(encoding="utf-8"))
    config["id2label"]["3"] = "社会"
    path.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ModelFolderError, match=r"config\.json: 4 labels .* has 3 outputs"):
        Analyzer.from_pretrained(folder_copy)


def test_missing_or_broken_config(folder_copy, tmp_path):
    with pytest.raises(ModelFolderError, match="no such directory"):
        Analyzer.from_pretrained(tmp_path / "absent")
    (folder_copy / "config.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelFolderError, match=r"config\.json: not valid JSON"):
        Analyzer.from_pretrained(folder_copy)
