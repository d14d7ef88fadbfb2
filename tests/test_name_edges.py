"""The learned check of persons' edges (models/name_edges.py, train/name_edges.py)."""
from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from zhnews.models import name_edges
from zhnews.models.name_edges import (FEATURES, FILE, WIDTH, NameEdges, candidate_spans, jieba_completed, log_odds,
                                      quadratic)
from zhnews.models.schema import Entity

NER_LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"]


def preferring(feature: str, weight: float = 5.0) -> NameEdges:
    """A check whose only weight is on one feature (standardisation left as is)."""
    weights = np.zeros(WIDTH, np.float32)
    weights[FEATURES.index(feature)] = weight
    return NameEdges({}, np.zeros(WIDTH, np.float32), np.ones(WIDTH, np.float32), weights, 0.0, log_odds(0, 0))


def char_inputs(text: str):
    """Uniform log-probabilities over NER_LABELS, one token a character between two special tokens."""
    offsets = [(0, 0)] + [(i, i + 1) for i in range(len(text))] + [(0, 0)]
    return np.full((len(offsets), len(NER_LABELS)), -np.log(len(NER_LABELS)), np.float32), offsets


def test_candidates_move_each_edge_by_one_character_over_free_han_characters():
    text = "记者张铁发的话，北京王伟"
    person = Entity(2, 4, "PER", "张铁")
    assert candidate_spans(text, person, [person]) == [
        (1, 3), (1, 4), (1, 5), (2, 3), (2, 4), (2, 5), (3, 4), (3, 5)]
    place = Entity(8, 10, "LOC", "北京")
    wang = Entity(10, 12, "PER", "王伟")
    # never into another mention, never past the text; places and organisations keep the tagger's edges
    assert all(s >= 10 for s, _ in candidate_spans(text, wang, [place, wang]))
    assert max(x for _, x in candidate_spans(text, wang, [place, wang])) == len(text)
    assert candidate_spans(text, place, [place, wang]) == []
    latin = "Smith说"
    assert candidate_spans(latin, Entity(0, 5, "PER", "Smith"), []) == []
    long = "阿不来提·阿不都热西提"
    assert candidate_spans(long, Entity(0, len(long), "PER", long), []) == []


def test_quadratic_adds_every_product_of_two_features_once():
    x = np.array([[1.0, 2.0, 3.0]])
    assert quadratic(x).tolist() == [[1.0, 2.0, 3.0, 1.0, 2.0, 3.0, 4.0, 6.0, 9.0]]
    assert WIDTH == len(FEATURES) + len(FEATURES) * (len(FEATURES) + 1) // 2


def test_apply_moves_a_persons_edge_with_exact_offsets(monkeypatch):
    # the learned moves alone (jieba's reading, applied after them, would make 张铁 张铁发 by itself)
    monkeypatch.setattr(name_edges, "jieba_completed", lambda text, entities: entities)
    text = "张铁发的话引起哄笑。"
    log_probs, offsets = char_inputs(text)
    found = [Entity(0, 2, "PER", "张铁")]
    out = preferring("length-3").apply(text, log_probs, offsets, NER_LABELS, found)
    assert out == [Entity(0, 3, "PER", "张铁发")] and text[out[0].start:out[0].end] == out[0].text
    # a check that prefers two characters keeps the tagger's span; nothing without a person is touched
    assert preferring("length-2").apply(text, log_probs, offsets, NER_LABELS, found) == found
    # nor a move to a span the check does not read as the person more likely than not (score <= 0)
    doubtful = preferring("length-3")
    doubtful.bias = -10.0
    assert doubtful.apply(text, log_probs, offsets, NER_LABELS, found) == found
    place = [Entity(0, 2, "LOC", "张铁")]
    assert preferring("length-3").apply(text, log_probs, offsets, NER_LABELS, place) == place


def test_path_feature_follows_the_tagger():
    text = "毛泽东渊博的知识"
    log_probs, offsets = char_inputs(text)
    o, i_per = NER_LABELS.index("O"), NER_LABELS.index("I-PER")
    log_probs[4, o], log_probs[4, i_per] = -0.01, -8.0  # the tagger: 渊 (token 4) is no part of a name
    out = preferring("path", 1.0).apply(text, log_probs, offsets, NER_LABELS, [Entity(0, 4, "PER", "毛泽东渊")])
    assert out == [Entity(0, 3, "PER", "毛泽东")]


def test_file_round_trip_and_other_features_refused(tmp_path):
    edges = preferring("length-3")
    edges.chars = {"发": [0.5, -1.0, -2.0]}
    edges.save(tmp_path)
    again = NameEdges.load(tmp_path)
    assert again.chars == edges.chars and np.allclose(again.weights, edges.weights) and again.bias == edges.bias
    assert NameEdges.load(tmp_path / "nowhere") is None
    value = json.loads((tmp_path / FILE).read_text(encoding="utf-8"))
    (tmp_path / FILE).write_text(json.dumps({**value, "features": ["path"]}), encoding="utf-8")
    with pytest.raises(ValueError, match="features"):
        NameEdges.load(tmp_path)
    (tmp_path / FILE).write_text(json.dumps({**value, "weights": [0.0]}), encoding="utf-8")
    with pytest.raises(ValueError, match="weights"):
        NameEdges.load(tmp_path)


def test_character_counts_are_log_odds_of_ending_following_and_preceding_a_person():
    from zhnews.train.name_edges import char_counts

    rows = [("张铁发的话", ["B-PER", "I-PER", "I-PER", "O", "O"]), ("发表的话", ["O"] * 4)]
    table = char_counts(rows)
    assert table["发"][0] == round(log_odds(1, 2), 3)  # ends a person once in two
    assert table["的"][1] == round(log_odds(1, 2), 3)  # follows one once in two
    assert table["张"] == [round(log_odds(0, 1), 3)] * 3
    assert "铁" in table and all(ch in table for ch in "张铁发的话表")


def test_model_loads_applies_and_saves_its_check(tiny_model_dir, tmp_path):
    from zhnews.models.folder import ModelFolderError
    from zhnews.models.model import ZhnewsModel

    model = ZhnewsModel.from_pretrained(tiny_model_dir)
    assert model.name_edges is None
    folder = tmp_path / "checked"
    shutil.copytree(tiny_model_dir, folder)
    preferring("length-3").save(folder)
    checked = ZhnewsModel.from_pretrained(folder)
    assert checked.name_edges is not None
    saved = checked.save_pretrained(tmp_path / "again")
    assert (saved / FILE).is_file()
    checked.name_edges = None
    assert not (checked.save_pretrained(saved) / FILE).exists()  # written again without it: the file goes
    (folder / FILE).write_text("{}", encoding="utf-8")
    with pytest.raises(ModelFolderError, match="features"):
        ZhnewsModel.from_pretrained(folder)


def test_every_person_the_model_finds_goes_through_the_check(tiny_model_dir):
    from zhnews.models.model import ZhnewsModel

    model = ZhnewsModel.from_pretrained(tiny_model_dir)
    seen = []

    class Spy:
        def apply(self, text, log_probs, offsets, labels, entities):
            seen.append(text)
            return [Entity(0, 1, "PER", text[0])]

    model.name_edges = Spy()
    sentences = ["昨天王伟在北京说。", "他说同意。"]
    assert [[e.text for e in found] for found in model.find_names(sentences)] == [["昨"], ["他"]]
    assert sorted(seen) == sorted(sentences)  # batched by length


def test_fit_learns_to_give_a_name_its_last_character(tiny_model_dir, monkeypatch):
    """The whole fit (train/name_edges.fit_name_edges) over a tagger that always stops one character early:
    from the counts and the candidates the check learns to take the third character in."""
    import random

    from zhnews.models.model import ZhnewsModel
    from zhnews.train.name_edges import fit_name_edges

    model = ZhnewsModel.from_pretrained(tiny_model_dir)
    rng = random.Random(0)
    before, after = ["", "记者", "今天", "据悉，", "市长", "昨天上午"], ["的话引起哄笑。", "今天到了北京。", "说，这很好。", "表示同意。"]
    rows, starts = [], {}
    for _ in range(120):
        name = rng.choice("张王李赵刘陈杨黄周吴") + rng.choice("国建志文明海永春金德") + rng.choice("发先强华平林军生龙福")
        b, a = rng.choice(before), rng.choice(after)
        starts[b + name + a] = len(b)
        rows.append((b + name + a, ["O"] * len(b) + ["B-PER", "I-PER", "I-PER"] + ["O"] * len(a)))

    def tagger_two_short(text, log_probs, offsets, *, edges=True):
        s = starts.get(text)
        return ([Entity(s, s + 2, "PER", text[s:s + 2])] if s is not None else []), log_probs

    monkeypatch.setattr(model, "read_names", tagger_two_short)
    edges = fit_name_edges(model, rows, [], log=lambda _m: None)
    assert set(edges.chars) >= set("发先强") and edges.chars["发"][0] > edges.unseen  # 发 ends names here
    text = "记者张国发的话引起哄笑。"
    log_probs, offsets = char_inputs(text)
    assert edges.apply(text, log_probs, offsets, NER_LABELS, [Entity(2, 4, "PER", "张国")]) == [Entity(2, 5, "PER", "张国发")]


@pytest.mark.parametrize("text,tagged,whole", [
    ("新闻出版署署长于友先会见时在座。", "于友", "于友先"),  # a two-character person run on to three
    ("大韩商工会议新会长金相厦的72岁生日时，胡锦涛送了礼物。", "金相", "金相厦"),  # jieba's HMM groups the unknown name
    ("房产管理局副局长肖香宝忍不住对本刊说。", "肖香宝忍", "肖香宝"),  # a four-character person cut to three
])
def test_jieba_completes_a_chinese_name_one_character_off(text, tagged, whole):
    a = text.index(tagged)
    person = Entity(a, a + len(tagged), "PER", tagged)
    (got,) = jieba_completed(text, [person])
    assert (got.start, got.end, got.text) == (a, a + len(whole), whole) and text[got.start:got.end] == whole


@pytest.mark.parametrize("text,tagged", [
    ("李强说，今年的收成不错。", "李强"),  # no longer person word in jieba's reading
    ("张平的书卖得很好。", "张平"),  # a particle never ends a name (jieba's dictionary holds 张平的)
    ("周总理当年明确指出。", "周总"),  # a family name and a title
    ("欧阳自远表示，嫦娥工程进展顺利。", "欧阳自远"),  # a double family name keeps four characters
])
def test_jieba_leaves_other_persons_alone(text, tagged):
    a = text.index(tagged)
    person = Entity(a, a + len(tagged), "PER", tagged)
    assert jieba_completed(text, [person]) == [person]


def test_the_check_completes_names_with_jieba_after_its_own_moves():
    text = "新闻出版署署长于友先会见时在座。"
    lp, offsets = char_inputs(text)
    person = Entity(7, 9, "PER", "于友")
    assert [e.text for e in preferring("path").apply(text, lp, offsets, NER_LABELS, [person])] == ["于友先"]


def test_jieba_runs_a_name_over_a_word_of_its_own_only_as_a_dictionary_person():
    text = "有杂志指吕方自承认分手后，传闻满天飞。"  # jieba's HMM reads 吕方自; 自 is an adverb here
    person = Entity(4, 6, "PER", "吕方")
    assert jieba_completed(text, [person]) == [person]
    text = "外经贸部副部长刘山在和埃塞俄比亚贸工部长签订了协定。"  # the minister 刘山在, in jieba's dictionary
    (got,) = jieba_completed(text, [Entity(7, 9, "PER", "刘山")])
    assert got.text == "刘山在"


def test_keeping_a_check_the_folder_lacks_is_refused(tiny_model_dir):
    from zhnews.train.name_edges import main

    assert not (tiny_model_dir / FILE).exists()
    with pytest.raises(SystemExit, match="no name_edges.json to keep"):
        main([str(tiny_model_dir), "configs/default.yaml", "--keep"])
