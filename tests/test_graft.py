"""`zhnews graft` (train/graft.py): one folder's topic pass beside another's tagger, each kept exactly."""
from __future__ import annotations

import json
import shutil

import pytest
import torch

from tests.conftest import REPO, train_tag_stage
from zhnews.models.config import BaseSpec, load_train_config
from zhnews.models.folder import load_weights, read_config
from zhnews.train.graft import GraftError, graft, graft_config

TEXTS = ["新华社北京电 国务院总理李强主持召开国务院常务会议。", "中国男足客场1比0战胜对手。"]


@pytest.fixture(scope="module")
def tagger_dir(tiny_model_dir, tmp_path_factory):
    """The tiny folder after 4 NER steps on its tagging pass's own adapters (its topic pass untouched),
    at a learning rate that moves the tagger visibly."""
    return train_tag_stage(tiny_model_dir, tmp_path_factory.mktemp("tagger"), ner_learning_rate=0.05,
                           ner_head_learning_rate=0.05)


def test_the_grafted_folder_keeps_each_pass(tiny_model_dir, tagger_dir, tmp_path):
    """Topics are the topic folder's, names and salience the tagger folder's (up to fp16 adapters)."""
    from zhnews.models.model import ZhnewsModel

    folder = graft(tiny_model_dir, tagger_dir, tmp_path / "grafted")
    config = read_config(folder)
    # the tagger reads every layer of the base (None: all), with its own adapters' shape
    assert config["tag_adapter"] is True and config["tag_pass"] == {"layers": None, "lora": read_config(tagger_dir)["lora"]}
    assert config["id2label"] == read_config(tiny_model_dir)["id2label"]
    grafted, topics, tags = (ZhnewsModel.from_pretrained(f) for f in (folder, tiny_model_dir, tagger_dir))
    assert grafted.net.tag_encoder.embeddings is grafted.net.encoder.embeddings
    assert torch.allclose(torch.tensor(grafted.topic_logits(TEXTS)), torch.tensor(topics.topic_logits(TEXTS)), atol=1e-2)
    ids, mask = grafted._pad([[0, 5, 6, 7, 2]])
    assert torch.allclose(grafted.net.states(ids, mask, "ner"), tags.net.states(ids, mask, "ner"), atol=1e-2)
    assert not torch.allclose(tags.net.states(ids, mask, "ner"), topics.net.states(ids, mask, "ner"), atol=1e-2)
    assert grafted.sentence_features(TEXTS)[1] == pytest.approx(tags.sentence_features(TEXTS)[1], abs=1e-2)
    from zhnews.train.card import update_card  # later figures (speakers, a bench run) keep the graft's card

    (folder / "metrics.json").write_text("{}", encoding="utf-8")
    update_card(folder, str(REPO / "configs" / "tiny.yaml"), "speakers", {})
    assert "one folder's topics, another's tagger" in (folder / "README.md").read_text(encoding="utf-8")
    # grafted again: the old figures go
    assert not (graft(tiny_model_dir, tagger_dir, folder) / "metrics.json").exists()
    # a folder without its own tag adapters gives its shared ones: grafted onto itself it is itself
    same = ZhnewsModel.from_pretrained(graft(tiny_model_dir, tiny_model_dir, tmp_path / "self"))
    assert torch.allclose(same.net.states(ids, mask, "ner"), topics.net.states(ids, mask, "ner"), atol=1e-2)


def test_a_tagging_pass_of_its_own_depth_and_rank(tiny_model_dir):
    """config.json `tag_pass`: the first `layers` layers of the same base, its own LoRA rank, the
    embeddings shared; the topic pass keeps every layer."""
    from zhnews.models.model import build_passes
    from zhnews.models.network import build_encoder

    encoder, _ = build_encoder(BaseSpec(name="default", random={"num_hidden_layers": 2}))
    config = {"lora": {"r": 4, "alpha": 8}, "tag_adapter": True, "tag_pass": {"layers": 1, "lora": {"r": 2, "alpha": 4}}}
    topics, tags = build_passes(encoder, config)
    assert len(topics.encoder.layer) == 2 and len(tags.encoder.layer) == 1
    assert tags.embeddings is topics.embeddings
    rank = {n: p.shape[0] for n, p in tags.named_parameters() if "lora_A" in n}
    assert rank and set(rank.values()) == {2}
    assert {p.shape[0] for n, p in topics.named_parameters() if "lora_A" in n} == {4}


def test_folders_that_cannot_share_an_encoder_are_refused(tiny_model_dir, tmp_path):
    base = read_config(tiny_model_dir)
    with pytest.raises(GraftError, match="base.sha256"):
        graft_config(base, {**base, "base": {**base["base"], "sha256": "0" * 64}})
    with pytest.raises(GraftError, match="NER labels"):
        graft_config(base, {**base, "ner_labels": ["O", "B-PER", "I-PER"]})
    shallow = {**base, "base": {**base["base"], "layers": 1}}
    with pytest.raises(GraftError, match="reads all layers, the topic pass only 1"):
        graft_config(shallow, base)  # a tagger deeper than the topic pass has nothing to stand on
    assert graft_config(base, shallow)["tag_pass"]["layers"] == 1
    # two random test bases drawn apart: different weights under the same spec
    from zhnews.train.loop import run_training

    torch.set_num_threads(1)
    config = load_train_config(REPO / "configs" / "tiny.yaml")
    config.output_dir, config.data.data_dir, config.train.max_steps = str(tmp_path / "other"), str(REPO / "tests" / "data"), 1
    config.train.seed += 1  # the random base is drawn from the seed
    other = run_training(config, log=lambda _m: None)
    assert any(not torch.equal(a, load_weights(other)[n]) for n, a in load_weights(tiny_model_dir).items()
               if n.startswith("encoder.embeddings."))
    with pytest.raises(GraftError, match="different base weights"):
        graft(tiny_model_dir, other, tmp_path / "no")


def test_the_bench_meters_both_passes(tiny_model_dir, tagger_dir, tmp_path, seed_text):
    """`zhnews bench` counts the tokens and FLOPs of the tagging pass too (its own encoder in a folder
    with `tag_adapter`; before, only the topic pass was metered)."""
    from zhnews.models import Analyzer
    from zhnews.serve.bench import EncoderMeter

    analyzer = Analyzer.from_pretrained(graft(tiny_model_dir, tagger_dir, tmp_path / "g"), threads=1)
    meter = EncoderMeter(analyzer)
    seen: dict[int, int] = {}
    pad = analyzer.model.tokenizer.pad_token_id

    def real_tokens(kw) -> int:  # a 4-D mask: one article's sentences packed into rows (the fast path)
        mask = kw["attention_mask"]
        return int(mask.sum()) if mask.dim() == 2 else int((kw["input_ids"] != pad).sum())

    for i, enc in enumerate(analyzer.model.net.encoders()):
        enc.register_forward_pre_hook(lambda _m, _a, kw, i=i: seen.__setitem__(i, seen.get(i, 0) + real_tokens(kw)),
                                      with_kwargs=True)
    analyzer.analyze_batch([seed_text])
    assert len(seen) == 2 and all(seen.values()) and meter.tokens == sum(seen.values())


def test_blending_two_taggers_averages_each_update_at_the_same_rank():
    """Each layer's LoRA update B·A is the weighted average of the two, cut back to the rank by SVD
    (exact when the average fits in it); heads are averaged; unlike non-adapter tensors are refused."""
    from zhnews.train.graft import blend_taggers

    g = torch.Generator().manual_seed(0)

    def tagger(scale):
        return {"tag_encoder.l.q.lora_A.default.weight": torch.randn(2, 6, generator=g) * scale,
                "tag_encoder.l.q.lora_B.default.weight": torch.randn(5, 2, generator=g),
                "ner_head.weight": torch.randn(3, 6, generator=g), "tag_encoder.l.norm": torch.ones(6)}

    one, two = tagger(1.0), tagger(2.0)
    update = lambda t: t["tag_encoder.l.q.lora_B.default.weight"] @ t["tag_encoder.l.q.lora_A.default.weight"]
    wide = blend_taggers(one, two, 0.3, rank=4)  # rank 2 + rank 2 fits in 4: exact
    assert wide["tag_encoder.l.q.lora_A.default.weight"].shape == (4, 6)
    assert torch.allclose(update(wide), 0.7 * update(one) + 0.3 * update(two), atol=1e-5)
    assert torch.allclose(wide["ner_head.weight"], 0.7 * one["ner_head.weight"] + 0.3 * two["ner_head.weight"])
    same = blend_taggers(one, one, 0.3, rank=2)  # a tagger blended with itself is itself, same shape
    assert same["tag_encoder.l.q.lora_B.default.weight"].shape == (5, 2)
    assert torch.allclose(update(same), update(one), atol=1e-5)
    cut = blend_taggers(one, two, 0.3, rank=2)  # the best rank-2 approximation of the average
    assert torch.linalg.matrix_rank(update(cut)) == 2
    assert torch.dist(update(cut), update(wide)) <= torch.dist(update(one), update(wide)) + 1e-6
    with pytest.raises(GraftError, match="differ in tag_encoder.l.norm"):
        blend_taggers(one, {**two, "tag_encoder.l.norm": torch.zeros(6)}, 0.3, rank=2)
    with pytest.raises(GraftError, match="different adapters"):
        blend_taggers(one, {k: v for k, v in two.items() if k != "ner_head.weight"}, 0.3, rank=2)


def test_a_grafted_folder_with_a_blended_tagger(tiny_model_dir, tagger_dir, tmp_path):
    """`zhnews graft --blend`: recorded in config.json and the card; a share outside (0, 1) or a tagger
    of another shape is refused; blended with itself the tagger is unchanged."""
    from zhnews.models.model import ZhnewsModel

    plain = ZhnewsModel.from_pretrained(graft(tiny_model_dir, tagger_dir, tmp_path / "plain"))
    folder = graft(tiny_model_dir, tagger_dir, tmp_path / "self", blend=tagger_dir, share=0.4)
    blend = read_config(folder)["graft"]["blend"]  # with the blended folder's training record
    assert (blend["with"], blend["share"], blend["training"]) == (str(tagger_dir), 0.4, read_config(tagger_dir)["training"])
    assert f"--blend {tagger_dir} --blend-share 0.4" in (folder / "README.md").read_text(encoding="utf-8")
    ids, mask = plain._pad([[0, 5, 6, 7, 2]])
    blended = ZhnewsModel.from_pretrained(folder)
    assert torch.allclose(blended.net.states(ids, mask, "ner"), plain.net.states(ids, mask, "ner"), atol=1e-2)
    mixed = ZhnewsModel.from_pretrained(graft(tiny_model_dir, tagger_dir, tmp_path / "mix", blend=tiny_model_dir, share=0.5))
    assert not torch.allclose(mixed.net.states(ids, mask, "ner"), plain.net.states(ids, mask, "ner"), atol=1e-3)
    for share in (0.0, 1.0, 1.5):
        with pytest.raises(GraftError, match="between 0 and 1"):
            graft(tiny_model_dir, tagger_dir, tmp_path / "no", blend=tagger_dir, share=share)
    other = shutil.copytree(tagger_dir, tmp_path / "rank")  # another adapter rank: no update to average with
    config = read_config(other)
    config["lora"]["r"] *= 2
    (other / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(GraftError, match="cannot be blended"):
        graft(tiny_model_dir, tagger_dir, tmp_path / "no", blend=other, share=0.5)


def test_the_speaker_summary_head_comes_from_the_tagger_else_the_topic_folder(tiny_model_dir, tagger_dir, tmp_path):
    """The learned speaker summary reads no encoder state, so a tagger folder without one (a folder fresh
    from `zhnews train`) takes the topic folder's; a tagger folder's own head wins over it."""
    from zhnews.models.speaker_summary import WEIGHTS_FILE, SpeakerSummaryHead

    shipped = REPO / "models" / "small"
    spec = read_config(shipped)["speaker_summary"]

    def with_head(folder, name):
        copy = shutil.copytree(folder, tmp_path / name)
        shutil.copyfile(shipped / WEIGHTS_FILE, copy / WEIGHTS_FILE)
        config = {**read_config(copy), "speaker_summary": spec}
        (copy / "config.json").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
        return copy

    assert not (tagger_dir / WEIGHTS_FILE).exists()
    assert SpeakerSummaryHead.load(graft(tiny_model_dir, tagger_dir, tmp_path / "none"), read_config(tmp_path / "none")) is None
    topics = with_head(tiny_model_dir, "topics")
    folder = graft(topics, tagger_dir, tmp_path / "from_topics")
    assert (folder / WEIGHTS_FILE).read_bytes() == (shipped / WEIGHTS_FILE).read_bytes()
    assert SpeakerSummaryHead.load(folder, read_config(folder)) is not None
    tags = with_head(tagger_dir, "tags")
    from safetensors.numpy import load_file, save_file

    state = load_file(str(tags / WEIGHTS_FILE))
    save_file({k: v * 2 for k, v in state.items()}, str(tags / WEIGHTS_FILE))  # a head of its own
    folder = graft(topics, tags, tmp_path / "from_tags")
    assert (folder / WEIGHTS_FILE).read_bytes() == (tags / WEIGHTS_FILE).read_bytes()
    assert read_config(folder)["speaker_summary"] == spec


def test_the_names_lexicon_is_the_taggers_and_a_blend_drops_it(tiny_model_dir, tagger_dir, tmp_path):
    """The dictionary correction (models/lexicon.py) was fitted for one tagger: a graft keeps the tagger
    folder's, never the topic folder's, and a blended tagger has none until it is fitted again."""
    from zhnews.models.lexicon import FEATURES, PERSON_TAGS, NameLexicon

    def with_lexicon(folder, name, scale):
        copy = shutil.copytree(folder, tmp_path / name)
        lexicon = NameLexicon(scale=scale, weights={t: [0.0] * len(FEATURES) for t in PERSON_TAGS})
        config = {**read_config(copy), "names_lexicon": lexicon.to_config()}
        (copy / "config.json").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
        return copy

    topics, tags = with_lexicon(tiny_model_dir, "topics", 0.5), with_lexicon(tagger_dir, "tags", 0.8)
    assert "names_lexicon" not in read_config(graft(topics, tagger_dir, tmp_path / "a"))
    assert read_config(graft(topics, tags, tmp_path / "b"))["names_lexicon"]["scale"] == 0.8
    assert "names_lexicon" not in read_config(graft(topics, tags, tmp_path / "c", blend=tagger_dir, share=0.3))


def test_the_article_summary_is_the_taggers_and_a_blend_drops_it(tiny_model_dir, tagger_dir, tmp_path):
    """The article summary's adapters were trained on one tagger's layers (models/article_summary.py): a graft keeps
    the tagger folder's, reading the same layers, never the topic folder's; a blended tagger has none."""
    import numpy as np
    import torch

    from zhnews.models.article_summary import ArticleSummaryHead
    from zhnews.models.model import ZhnewsModel

    def with_head(folder, name):
        model = ZhnewsModel.from_pretrained(folder)
        model.article_summary = ArticleSummaryHead.fresh(model.net.tag_encoder or model.net.encoder, 2, 30)
        with torch.no_grad():
            for n, p in model.article_summary.named_parameters():
                if "lora_B" in n or n.startswith("head."):
                    p.normal_(0, 0.5)
        return model.save_pretrained(tmp_path / name)

    topics, tags = with_head(tiny_model_dir, "topics"), with_head(tagger_dir, "tags")
    assert "article_summary" not in read_config(graft(topics, tagger_dir, tmp_path / "a"))
    grafted = ZhnewsModel.from_pretrained(graft(topics, tags, tmp_path / "b"))
    assert "article summary trained on top" in (tmp_path / "b" / "README.md").read_text(encoding="utf-8")
    own = ZhnewsModel.from_pretrained(tags)
    probs = [m.article_summary.keep_probabilities(m.tokenizer, ["国家发展改革委发布通知，要求做好春耕。"])[0]
             for m in (grafted, own)]
    assert np.abs(probs[0] - probs[1]).max() < 2e-2  # the tagger's layers (its adapters in fp16 in the graft)
    blended = graft(topics, tags, tmp_path / "c", blend=tagger_dir, share=0.3)
    assert "article_summary" not in read_config(blended) and not (blended / "article_summary.safetensors").exists()


def test_the_check_of_persons_edges_is_the_taggers_and_a_blend_drops_it(tiny_model_dir, tagger_dir, tmp_path):
    """name_edges.json (models/name_edges.py) was fitted on one tagger's output, like the dictionary correction."""
    from tests.test_name_edges import preferring
    from zhnews.models.name_edges import FILE

    def with_edges(folder, name):
        copy = shutil.copytree(folder, tmp_path / name)
        preferring("length-3").save(copy)
        return copy

    topics, tags = with_edges(tiny_model_dir, "topics"), with_edges(tagger_dir, "tags")
    assert not (graft(topics, tagger_dir, tmp_path / "a") / FILE).exists()
    assert (graft(topics, tags, tmp_path / "b") / FILE).is_file()
    assert not (graft(topics, tags, tmp_path / "c", blend=tagger_dir, share=0.3) / FILE).exists()


def test_a_new_topic_pass_beside_a_grafted_folders_tagger_keeps_that_taggers_held_out_sentences():
    """Grafting a refitted topic pass beside the shipped default's tagger (`--tags models/default`, itself a
    graft) records the default's own training as `tags_training`; the held-out NER sentences are still those
    of the recipe that trained the tagger, found down the `tags_graft` record."""
    from zhnews.models.evaluation.splits import recorded_spec

    def spec(seed):
        return {"data": {"seed": seed, "sources": [{"kind": "thucnews_articles"}]}}

    shipped = {"training": spec(1), "graft": {"tags_training": spec(2)}}  # topics of recipe 1, tagger of 2
    regrafted = {"training": spec(3), "graft": {"tags_training": shipped["training"], "tags_graft": shipped["graft"]}}
    assert recorded_spec(shipped, tagger=True).seed == 2 and recorded_spec(regrafted, tagger=True).seed == 2
    assert recorded_spec(regrafted).seed == 3 and recorded_spec({"training": spec(4)}, tagger=True).seed == 4
