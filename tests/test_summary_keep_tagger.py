"""The summary keep/drop tagger's plumbing (train/summary_keep_tagger.py), on the tiny model: windows of whole
clauses, keep labels on the characters the gold summary shares, a training step, a probability per character."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from zhnews.train.attribution_finetune import FineTuned, train_char_head
from zhnews.train.summary_keep_tagger import (WINDOW, dropped_words, encode, keep_probabilities, training_rows,
                                              unit_means, windows)


def test_windows_hold_whole_units_of_at_most_the_window_between_them():
    units = ["甲" * 100, "乙" * 100, "丙" * 100, "丁" * 10]
    assert windows(units) == [(0, 2), (2, 4)]
    assert windows(["长" * (WINDOW + 5)]) == [(0, 1)] and windows([]) == []


def test_labels_train_and_probabilities(tiny_model_dir):
    from zhnews.models.model import ZhnewsModel
    from zhnews.models.network import tag_encoder_from

    model = ZhnewsModel.from_pretrained(tiny_model_dir)
    row = {"units": ["我们明天出发，", "天气很好。"], "summary": "明天出发"}
    encode(model.tokenizer, row)
    assert "".join(c for c, k in zip("".join(row["units"]), row["keep"]) if k) == "明天出发"
    (ids, y, counted), = training_rows([row])
    assert y.shape == (len(ids), 1) and counted.sum() == len("".join(row["units"])) and y.sum() == 4
    net = FineTuned(tag_encoder_from(model.net.tag_encoder or model.net.encoder), outputs=1)
    before = [p.detach().clone() for p in net.encoder.encoder.parameters()]
    train_char_head(net, [(ids, y, counted)], model.tokenizer.pad_token_id, epochs=1)
    assert any(not torch.equal(b, p) for b, p in zip(before, net.encoder.encoder.parameters()))
    row["p"] = keep_probabilities(net, row, model.tokenizer.pad_token_id)
    assert row["p"].shape == (len("".join(row["units"])),) and ((row["p"] > 0) & (row["p"] < 1)).all()
    assert unit_means(row).shape == (2,)
    assert dropped_words(row, 0.0) == row["units"]  # nothing under 0: every word stays
    assert all(u for u in dropped_words(row, 1.0))  # a unit never empties (it stays whole)


def test_adapters_only_training_ships_into_a_folder_that_loads_them(tiny_model_dir, tmp_path):
    """`--lora R --ship FOLDER`: only the head's adapters and keep head train (the copied layers stay), and the folder
    then loads them (config.json names the head, metrics.json records how it was fitted)."""
    import json
    import shutil

    from zhnews.models.article_summary import ArticleSummaryHead
    from zhnews.models.model import ZhnewsModel
    from zhnews.train.summary_keep_tagger import FIT, ship

    model = ZhnewsModel.from_pretrained(tiny_model_dir)
    head = ArticleSummaryHead.fresh(model.net.tag_encoder or model.net.encoder, rank=2, length=30)
    row = {"units": ["我们明天出发，", "天气很好。"], "summary": "明天出发"}
    encode(model.tokenizer, row)
    frozen = {n: p.detach().clone() for n, p in head.encoder.named_parameters() if "lora_" not in n}
    adapters = {n: p.detach().clone() for n, p in head.encoder.named_parameters() if "lora_B" in n}
    train_char_head(head, training_rows([row]), model.tokenizer.pad_token_id, epochs=2, lr=1e-2, adapters_only=True)
    assert all(torch.equal(p, frozen[n]) for n, p in head.encoder.named_parameters() if n in frozen)
    assert any(not torch.equal(p, adapters[n]) for n, p in head.encoder.named_parameters() if n in adapters)
    folder = shutil.copytree(tiny_model_dir, tmp_path / "with_head")
    ship(head, str(folder), "python -m zhnews.train.summary_keep_tagger --task article --lora 2")
    assert json.loads((folder / "metrics.json").read_text(encoding="utf-8"))["article_summary"]["fitted_on"] == list(FIT)
    loaded = ZhnewsModel.from_pretrained(folder).article_summary
    text = "".join(row["units"])
    ours, theirs = (h.keep_probabilities(model.tokenizer, [text])[0] for h in (loaded, head.eval()))
    assert np.abs(ours - theirs).max() < 1e-2


def test_the_script_parses_its_options_and_refuses_a_head_for_another_folder(tmp_path):
    """`--help` prints the options (it used to start a training run), and `--ship` without `--lora`, for the speaker
    task or into a folder other than `--model` exits with the reason before any model is loaded."""
    from zhnews.train.summary_keep_tagger import main, parse

    args = parse(["--task", "article", "--lora", "8", "--lr", "1.5e-3", "--epochs", "4"])
    assert (args.task, args.lora, args.lr, args.epochs, args.ship) == ("article", 8, 1.5e-3, 4, None)
    with pytest.raises(SystemExit) as help_exit:
        parse(["--help"])
    assert help_exit.value.code == 0
    for argv in (["--task", "article", "--ship", str(tmp_path)], ["--lora", "8", "--ship", str(tmp_path)],
                 ["--task", "article", "--lora", "8", "--model", str(tmp_path / "a"), "--ship", str(tmp_path)]):
        with pytest.raises(SystemExit) as refused:
            main(argv)
        assert "--ship" in str(refused.value.code)
