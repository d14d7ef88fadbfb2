"""The learned article summary (models/article_summary.py): its clauses, its decoding, its folder round trip and
its place in the pipeline (the rule where a folder has none)."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from zhnews.models.article_summary import (WEIGHTS_FILE, WINDOW, ArticleSummaryHead, balanced_quotes, lead_units,
                                           pick, unit_means)

ARTICLE = ("新华社北京4月25日电 近日，国家发展改革委发布通知，要求各地做好春耕备耕工作。通知指出，今年粮食生产任务艰巨。"
           "各地要落实“藏粮于地、藏粮于技”战略，确保粮食播种面积稳定。专家认为，这将有助于稳定市场预期。")


def test_lead_units_are_the_compressed_clauses_of_the_lead_within_the_window():
    sentences = [s + "。" for s in ARTICLE.rstrip("。").split("。")] * 20  # far past the window
    units = lead_units(sentences)
    assert units and sum(map(len, units)) <= WINDOW
    assert all(u[-1] in "，；,;：:。！？!?" for u in units)  # cut after clause punctuation
    assert "国家发展改革委发布通知，" in units
    assert lead_units([]) == [] and lead_units(["", "  "]) == []


def test_pick_keeps_the_best_clauses_in_text_order_and_pairs_quotes():
    units = ["近日，", "甲公司发布了新产品，", "“这是第一步，", "我们还会继续”。"]
    assert pick(units, np.array([0.1, 0.9, 0.2, 0.8]), 12) == "甲公司发布了新产品，我们还会继续。"  # its ” dropped
    assert pick(units, np.array([0.1, 0.9, 0.8, 0.7]), 24) == "甲公司发布了新产品，“这是第一步，我们还会继续”。"
    assert pick([], np.array([]), 50) == ""
    assert balanced_quotes("17投7中，”") == "17投7中，" and balanced_quotes("“国家队说") == "国家队说"
    assert balanced_quotes("他说“好”，「对」（（注）") == "他说“好”，「对」（注）"
    assert balanced_quotes("没的玩(我靠。《人民日报》") == "没的玩我靠。《人民日报》"
    assert unit_means(["ab", "c"], np.array([0.2, 0.4, 0.9])).round(3).tolist() == [0.3, 0.9]


def test_pick_leaves_out_clauses_left_hanging():
    # a short lead-in whose clause was dropped: …交易形式。租赁业。 (租赁业，|是一个古老的行业。)
    units = ["它创造了融资租赁交易形式。", "租赁业，", "是一个古老的行业。"]
    assert pick(units, np.array([0.9, 0.8, 0.1]), 16) == "它创造了融资租赁交易形式。"
    assert pick(units, np.array([0.9, 0.8, 0.7]), 30) == "它创造了融资租赁交易形式。租赁业，是一个古老的行业。"
    # a last clause that only names its source: …５００多人受伤。菲卫生部长雷奥迪卡说。
    units = ["狂欢活动中共有１７人死亡，", "５００多人受伤。", "菲卫生部长雷奥迪卡说，", "今年的伤亡少于去年。"]
    assert pick(units, np.array([0.9, 0.8, 0.7, 0.1]), 24) == "狂欢活动中共有１７人死亡，５００多人受伤。"
    assert pick(units, np.array([0.9, 0.8, 0.7, 0.6]), 60) == "".join(units)  # with what the source said: kept
    assert pick(["卫生部表示，"], np.array([0.9]), 10) == "卫生部表示。"  # nothing else: the clause stays


@pytest.fixture(scope="module")
def summary_folder(tiny_model_dir, tmp_path_factory):
    """The tiny folder with an article summary head whose adapters and head are random (not zero: a fresh LoRA
    B is zero and would not show whether the adapters load)."""
    from zhnews.models.model import ZhnewsModel

    model = ZhnewsModel.from_pretrained(tiny_model_dir)
    torch.manual_seed(0)
    head = ArticleSummaryHead.fresh(model.net.tag_encoder or model.net.encoder, rank=2, length=20)
    with torch.no_grad():
        for name, p in head.named_parameters():
            if "lora_B" in name or name.startswith("head."):
                p.normal_(0, 0.5)
    model.article_summary = head.eval()
    folder = model.save_pretrained(tmp_path_factory.mktemp("with_summary"))
    return folder, head


def test_a_folder_round_trips_its_head_and_the_pipeline_uses_it(summary_folder):
    from zhnews.models import Analyzer
    from zhnews.models.model import ZhnewsModel
    from zhnews.models.pipeline import prepare
    from zhnews.models.settings import InferenceSettings
    from zhnews.models.summarize import summarise_article

    folder, trained = summary_folder
    model = ZhnewsModel.from_pretrained(folder)
    assert model.config["article_summary"] == {"rank": 2, "length": 20, "window": WINDOW}
    text = "".join(lead_units([ARTICLE]))
    ours, theirs = (h.keep_probabilities(model.tokenizer, [text])[0] for h in (model.article_summary, trained))
    assert np.abs(ours - theirs).max() < 1e-2  # stored in fp16
    assert not np.allclose(ours, ours.mean())  # the adapters and head do something

    analyzer = Analyzer(model, InferenceSettings.for_model(model.config, {"precision": "fp32"}))
    prep = prepare(ARTICLE)
    sentences = [prep.norm.text[s.start:s.end] for s in prep.sentences]
    units = lead_units(sentences)
    expected = pick(units, unit_means(units, analyzer.model.article_summary.keep_probabilities(
        model.tokenizer, ["".join(units)])[0]), 20)
    assert analyzer.article_summaries([sentences, []]) == [expected, ""]  # "": nothing to read, the rule serves
    assert analyzer.analyze(ARTICLE).summary == expected
    model.article_summary = None  # a folder without one: the rule
    assert Analyzer(model).analyze(ARTICLE).summary == summarise_article(sentences) != expected


def test_int8_quantises_the_summary_layers_too(summary_folder):
    from zhnews.models import Analyzer

    analyzer = Analyzer.from_pretrained(summary_folder[0], fast={"precision": "int8"}, threads=1)
    assert not any(isinstance(m, torch.nn.Linear) for m in analyzer.model.article_summary.encoder.modules())
    assert analyzer.analyze(ARTICLE).summary  # still a summary


def test_a_broken_head_is_a_clear_folder_error(summary_folder, tmp_path):
    import json
    import shutil

    from zhnews.models.folder import ModelFolderError
    from zhnews.models.model import ZhnewsModel

    folder = shutil.copytree(summary_folder[0], tmp_path / "broken")
    (folder / WEIGHTS_FILE).write_bytes(b"not safetensors")
    with pytest.raises(ModelFolderError, match=WEIGHTS_FILE):
        ZhnewsModel.from_pretrained(folder)
    shutil.copy(summary_folder[0] / WEIGHTS_FILE, folder / WEIGHTS_FILE)
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    config["article_summary"]["window"] = 120
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(ModelFolderError, match="windows of 120"):
        ZhnewsModel.from_pretrained(folder)


@pytest.mark.parametrize("merge", [True, False])
def test_the_folded_layers_give_the_same_states(tiny_model_dir, merge):
    """`without_merged_adapters`: the recipe's adapters folded into plain layers (merged at load or not), so new
    ones can go in; the states do not move."""
    from zhnews.models.model import ZhnewsModel
    from zhnews.models.network import tag_encoder_from, without_merged_adapters

    model = ZhnewsModel.from_pretrained(tiny_model_dir, merge=merge)
    encoder = tag_encoder_from(model.net.tag_encoder or model.net.encoder).eval()
    # merged at load: already the plain layers (ZhnewsModel.from_pretrained); else peft's layers with adapters
    assert any("lora_" in n for n, _ in encoder.named_parameters()) is not merge
    ids = torch.tensor([[0, 5, 6, 7, 2]])
    with torch.no_grad():
        before = encoder(input_ids=ids, attention_mask=torch.ones_like(ids)).last_hidden_state
        plain = without_merged_adapters(encoder)
        after = plain(input_ids=ids, attention_mask=torch.ones_like(ids)).last_hidden_state
    assert not any("lora_" in n for n, _ in plain.named_parameters()) and not hasattr(plain, "peft_config")
    assert torch.allclose(before, after, atol=1e-5)
