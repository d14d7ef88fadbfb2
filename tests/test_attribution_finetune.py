"""The fine-tuned attribution tagger's plumbing (train/attribution_finetune.py), on the tiny model: its
character labels reach the right tokens, a training step runs, and every character gets probabilities."""
from __future__ import annotations

import numpy as np
import torch

from zhnews.train.attribution_finetune import FineTuned, encoded, fit, probabilities, window_targets


def article(tokenizer) -> dict:
    text = "王明说：“我们明天出发。” 天气很好。"
    start = text.index("我们")
    a = {"text": text, "speakers": [{"name": "王明", "aliases": [], "spans": [{"start": start, "end": start + 7}]}]}
    a["windows"] = encoded(tokenizer, a)
    return a


def test_labels_land_on_the_characters_tokens_and_every_character_gets_a_row(tiny_model_dir):
    from zhnews.models.model import ZhnewsModel
    from zhnews.models.network import tag_encoder_from

    torch.manual_seed(0)
    model = ZhnewsModel.from_pretrained(tiny_model_dir)
    a = article(model.tokenizer)
    (ids, y), = window_targets(a)
    _, offsets, _ = a["windows"][0]
    labelled = {a["text"][x] for (x, z), row in zip(offsets, y) if z > x and row[0] == 1}
    assert labelled == set("我们明天出发。") and y[[k for k, (x, _) in enumerate(offsets)
                                                 if a["text"][x:x + 1] == "我"][0], 1] == 1
    assert {a["text"][x] for (x, z), row in zip(offsets, y) if z > x and row[2] == 1} == set("王明")
    net = FineTuned(tag_encoder_from(model.net.tag_encoder or model.net.encoder))
    before = [p.detach().clone() for p in net.encoder.encoder.parameters()]
    fit(net, [a], model.tokenizer.pad_token_id, epochs=1)
    assert any(not torch.equal(b, p) for b, p in zip(before, net.encoder.encoder.parameters()))
    p = probabilities(net, a, model.tokenizer.pad_token_id)
    space = a["text"].index(" ")
    assert p.shape == (len(a["text"]), 3) and not np.isnan(p).any() and (p[space] == p[space - 1]).all()
