"""`train.init_from`: a recipe that starts from a trained folder's adapters and heads."""
from __future__ import annotations

from pathlib import Path

import pytest
import torch

from zhnews.models.config import ConfigError, load_train_config, parse_train_config
from zhnews.models.folder import load_weights, read_config
from zhnews.train.warmstart import WarmStartMismatch, init_from_folder

from tests.conftest import train_tag_stage

REPO = Path(__file__).resolve().parents[1]


def _labels(folder) -> list[str]:
    id2label = read_config(folder)["id2label"]
    return [id2label[str(i)] for i in range(len(id2label))]


def _tiny_net(r: int = 4, layers: int | None = None):
    from zhnews.train.loop import build_model

    config = load_train_config(REPO / "configs" / "tiny.yaml")
    config.lora.r, config.base.layers = r, layers
    return config, build_model(config, 3)[0]


def test_init_from_is_validated():
    with pytest.raises(ConfigError, match="max_steps must be > 0"):
        parse_train_config({"output_dir": "out", "train": {"max_steps": 0}})
    config = parse_train_config({"output_dir": "out", "train": {"max_steps": 0, "init_from": "default"}})
    assert config.train.init_from == "default"
    with pytest.raises(ConfigError, match="choose one"):
        parse_train_config({"output_dir": "out", "train": {"init_from": "default"},
                            "distil": {"teacher": "default", "init_lora": True}})


def test_every_trained_tensor_is_copied(tiny_model_dir):
    _, net = _tiny_net()
    labels = _labels(tiny_model_dir)
    copied, with_head = init_from_folder(net, str(tiny_model_dir), labels)
    trained = load_weights(tiny_model_dir)
    own = dict(net.named_parameters())
    assert with_head and copied == len(trained)
    for name, value in trained.items():
        assert torch.equal(own[name].detach(), value.to(own[name].dtype)), name


def test_other_labels_keep_their_own_topic_head(tiny_model_dir):
    _, net = _tiny_net()
    before = net.topic_head.weight.detach().clone()
    copied, with_head = init_from_folder(net, str(tiny_model_dir), ["甲", "乙", "丙"])
    assert not with_head and copied == len(load_weights(tiny_model_dir)) - 2
    assert torch.equal(net.topic_head.weight.detach(), before)


def test_another_rank_is_refused_not_half_copied(tiny_model_dir):
    _, net = _tiny_net(r=2)
    with pytest.raises(WarmStartMismatch, match="LoRA r"):
        init_from_folder(net, str(tiny_model_dir), _labels(tiny_model_dir))


def test_a_shallower_recipe_takes_the_first_layers_only_when_asked(tiny_model_dir):
    """`train.init_first_layers` (issue 16): a 1-layer recipe from the 2-layer tiny folder gets the
    folder's layer 0 exactly and nothing of layer 1; without the flag the depth is refused."""
    _, net = _tiny_net(layers=1)
    with pytest.raises(WarmStartMismatch, match="layers"):
        init_from_folder(net, str(tiny_model_dir), _labels(tiny_model_dir))
    _, net = _tiny_net(layers=1)
    copied, _ = init_from_folder(net, str(tiny_model_dir), _labels(tiny_model_dir), first_layers=True)
    trained, own = load_weights(tiny_model_dir), dict(net.named_parameters())
    deeper = [n for n in trained if ".layer.1." in n]
    assert deeper and copied == len(trained) - len(deeper)
    assert all(torch.equal(own[n].detach(), v.to(own[n].dtype)) for n, v in trained.items() if n not in deeper)
    _, same = _tiny_net()  # nothing to drop: a same-depth folder is not what the flag is for
    with pytest.raises(WarmStartMismatch, match="not deeper"):
        init_from_folder(same, str(tiny_model_dir), _labels(tiny_model_dir), first_layers=True)
    with pytest.raises(ConfigError, match="needs init_from"):
        parse_train_config({"output_dir": "out", "train": {"init_first_layers": True}})


def test_a_recipe_can_take_chosen_layers_renumbered(tiny_model_dir):
    """`base.layers: [1]` with `init_first_layers` (configs/tagger4_mid.yaml): the 1-layer recipe's layer 0
    is the folder's layer 1 exactly (both passes' stacks), and nothing of the folder's layer 0 is copied."""
    _, net = _tiny_net(layers=[1])
    copied, _ = init_from_folder(net, str(tiny_model_dir), _labels(tiny_model_dir), first_layers=True, layers=[1])
    trained, own = load_weights(tiny_model_dir), dict(net.named_parameters())
    second = {n.replace(".layer.1.", ".layer.0."): v for n, v in trained.items() if ".layer.1." in n}
    first = [n for n in trained if ".layer.0." in n]
    assert second and copied == len(trained) - len(first)
    assert all(torch.equal(own[n].detach(), v.to(own[n].dtype)) for n, v in second.items())


def test_cli_init_from_overrides_the_recipe_and_reports_a_misfit(tiny_model_dir, tmp_path, monkeypatch):
    """`zhnews train --init-from`: the folder is used as if the recipe named it (its adapters kept), and
    a folder of another shape is a clear exit 2, not a traceback."""
    from typer.testing import CliRunner

    from zhnews.cli import app

    monkeypatch.chdir(REPO)
    out = tmp_path / "warm"
    args = ["train", str(REPO / "configs" / "tiny.yaml"), "--output-dir", str(out), "--init-from", str(tiny_model_dir)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert read_config(out)["training"]["init_from"] == str(tiny_model_dir)
    wide = tmp_path / "wide.yaml"
    wide.write_text((REPO / "configs" / "tiny.yaml").read_text(encoding="utf-8").replace("r: 4, alpha: 8", "r: 2, alpha: 4"),
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["train", str(wide), "--output-dir", str(tmp_path / "w2"), "--init-from",
                                      str(tiny_model_dir)])
    assert result.exit_code == 2 and "LoRA r" in result.output, result.output


def test_a_recipe_with_no_steps_keeps_the_folders_adapters(tiny_model_dir, tmp_path):
    from zhnews.train.loop import run_training

    torch.set_num_threads(1)
    config = load_train_config(REPO / "configs" / "tiny.yaml")
    config.output_dir = str(tmp_path / "warm")
    config.data.data_dir = str(REPO / "tests" / "data")
    config.train.max_steps, config.train.init_from = 0, str(tiny_model_dir)
    logged: list[str] = []
    folder = run_training(config, log=logged.append)
    assert any("started from" in line for line in logged)
    theirs, ours = load_weights(tiny_model_dir), load_weights(folder)
    adapters = [n for n in theirs if ".lora_" in n]
    assert adapters and all(torch.equal(theirs[n], ours[n]) for n in adapters)
    assert read_config(folder)["training"]["init_from"] == str(tiny_model_dir)


def test_a_tag_adapter_stage_trains_names_and_leaves_the_topic_pass(tiny_model_dir, tmp_path):
    """`train.tag_adapter` (issue 16): NER steps on a folder without tag adapters start the tagging
    pass's own adapters at its shared ones and train only those; the topic pass keeps the folder's."""
    from zhnews.models.model import ZhnewsModel

    folder = train_tag_stage(tiny_model_dir, tmp_path)
    theirs, ours = load_weights(tiny_model_dir), load_weights(folder)
    adapters = [n for n in theirs if ".lora_" in n and n.startswith("encoder.")]
    # stored at half precision (write_folder): equal to the folder's after the same rounding
    assert adapters and all(torch.equal(theirs[n].half(), ours[n]) for n in adapters)
    tags = [n for n in ours if n.startswith("tag_encoder.") and ".lora_" in n]
    assert len(tags) == len(adapters)
    assert any(not torch.equal(ours[n], theirs["encoder." + n[len("tag_encoder."):]].half()) for n in tags)
    assert read_config(folder)["tag_adapter"] is True
    _, plain = _tiny_net()  # a recipe without tag adapters would drop the trained tagger: refused by name
    with pytest.raises(WarmStartMismatch, match="tag_adapter: true"):
        init_from_folder(plain, str(folder), _labels(folder))
    model, before = ZhnewsModel.from_pretrained(folder), ZhnewsModel.from_pretrained(tiny_model_dir)
    texts = ["新华社北京电 国务院总理李强主持召开国务院常务会议。", "中国男足客场1比0战胜对手。"]
    assert model.net.tag_encoder is not None
    assert model.net.tag_encoder.embeddings is model.net.encoder.embeddings  # shared, not copied
    ids, mask = model._pad([[0, 5, 6, 7, 2]])
    topic, tag = model.net.states(ids, mask, "topic"), model.net.states(ids, mask, "ner")
    assert not torch.allclose(topic, tag)
    old = before.net.states(ids, mask, "topic")
    assert torch.allclose(topic, old, atol=1e-2)  # the topic pass: the folder's, up to fp16 storage
    assert len(model.sentence_features(texts)[0]) == 2
    model.quantise_int8()  # the int8 fast path quantises both passes
    assert model.net.tag_encoder is not model.net.encoder and len(model.sentence_features(texts)[0]) == 2
    assert any("quantized" in type(m).__module__ for m in model.net.tag_encoder.modules())
