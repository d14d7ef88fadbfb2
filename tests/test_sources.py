"""Topic and NER sources of model v2 (issue 14): label maps (validated, unmapped rows dropped) and a
held-out split per source, disjoint from training. Small synthetic corpora in the shared layout, so
these run without ../shared; one check reads the real corpora when they are there."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from zhnews.models.config import ConfigError, parse_data_spec
from zhnews.models.data import data_dir
from zhnews.models.evaluation.splits import build_splits

TOUTIAO = ["news_car", "news_world", "news_story", "news_sports"]


@pytest.fixture()
def corpora(tmp_path: Path) -> Path:
    (tmp_path / "toutiao_headlines").mkdir()
    lines = [f"{label}\t{label}的第{i}条新闻标题" for label in TOUTIAO for i in range(10)]
    (tmp_path / "toutiao_headlines" / "toutiao.tsv").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "ner_extra").mkdir()
    for name in ("a", "b"):
        sents = [f"张\tB-PER\n三\tI-PER\n在\tO\n{name}\tO\n{i}\tO\n" for i in range(10)]
        (tmp_path / "ner_extra" / f"{name}.bio").write_text("\n".join(sents), encoding="utf-8")
    return tmp_path


def spec(root: Path, **source) -> dict:
    return {"data_dir": str(root), "labels": ["汽车", "国际", "体育", "社会"],
            "sources": [{"kind": "toutiao", **source}]}


def test_label_map_targets_must_be_labels():
    with pytest.raises(ConfigError, match=r"targets \['财经'\] are not in data.labels"):
        parse_data_spec(spec(Path("."), label_map={"news_car": "汽车", "news_finance": "财经"}))


@pytest.mark.parametrize("label_map, message", [
    ({"news_car": 3}, "must be a label name or null"),
    (["news_car"], "must be a non-empty mapping"),
    ({}, "must be a non-empty mapping"),
    ({"news_car": None}, "maps every label to null"),
])
def test_label_map_bad_values(label_map, message):
    with pytest.raises(ConfigError, match=message):
        parse_data_spec(spec(Path("."), label_map=label_map))


def test_label_map_only_for_topic_sources_and_names_unique():
    with pytest.raises(ConfigError, match="label_map is for topic sources"):
        parse_data_spec({"sources": [{"kind": "file", "path": "x.jsonl"},
                                     {"kind": "ner_extra", "label_map": {"a": "b"}}]})
    with pytest.raises(ConfigError, match="used twice"):
        parse_data_spec({"sources": [{"kind": "file", "path": "x.jsonl"}, {"kind": "file", "path": "y.jsonl"}]})


def test_unmapped_rows_are_dropped(corpora):
    label_map = {"news_car": "汽车", "news_world": "国际", "news_story": None}  # news_sports not named
    splits = build_splits(parse_data_spec(spec(corpora, label_map=label_map)))
    rows = splits.topic_train + [(t, l, "title") for t, l in splits.topic_val["toutiao"]]
    assert len(rows) == 20 and {l for _, l, _ in rows} == {"汽车", "国际"}
    assert all(t.startswith(("news_car", "news_world")) for t, _, _ in rows)
    assert splits.source_labels == {"toutiao": ["国际", "汽车"]}
    assert splits.topic_source == ["toutiao"] * len(splits.topic_train)


def test_a_map_key_the_data_lacks_is_an_error(corpora):
    with pytest.raises(ConfigError, match=r"names \['news_cars'\]"):
        build_splits(parse_data_spec(spec(corpora, label_map={"news_cars": "汽车"})))


def test_held_out_split_per_source_is_disjoint_from_training(corpora):
    raw = spec(corpora, label_map={"news_car": "汽车", "news_world": "国际", "news_sports": "体育"})
    raw["title_val_fraction"] = 0.2
    raw["sources"] += [{"kind": "ner_extra", "name": "a", "path": "ner_extra/a.bio"},
                       {"kind": "ner_extra", "name": "b", "path": "ner_extra/b*.bio"}]
    splits = build_splits(parse_data_spec(raw))
    val = splits.topic_val["toutiao"]
    assert len(val) == 6 and {l for _, l in val} == {"汽车", "国际", "体育"}  # 20% of each label
    assert not {t for t, _ in val} & {t for t, _, _ in splits.topic_train}
    assert set(splits.ner_val_sources) == {"a", "b"}
    for name, rows in splits.ner_val_sources.items():  # 10% of each file's 10 sentences, from that file
        assert len(rows) == 1 and rows[0][0][3] == name and rows[0][1][:2] == ["B-PER", "I-PER"]
    assert splits.ner_val == splits.ner_val_sources["a"] + splits.ner_val_sources["b"]
    trained = {t for t, _ in splits.ner_train}
    assert not {t for t, _ in splits.ner_val} & trained and len(splits.ner_train) == 18


def test_repeat_weighs_a_sources_training_rows_and_not_its_held_out_ones(corpora):
    raw = spec(corpora, label_map={"news_car": "汽车"})
    raw["sources"] += [{"kind": "ner_extra", "name": "a", "path": "ner_extra/a.bio"},
                       {"kind": "ner_extra", "name": "b", "path": "ner_extra/b.bio", "repeat": 3}]
    splits = build_splits(parse_data_spec(raw))
    raw["sources"][-1]["repeat"] = 1
    once = build_splits(parse_data_spec(raw))
    assert splits.ner_val == once.ner_val and len(splits.ner_val_sources["b"]) == 1
    from_b = [t for t, _ in splits.ner_train if t[3] == "b"]
    assert len(from_b) == 27 and set(from_b) == {t for t, _ in once.ner_train if t[3] == "b"}
    for bad in (0, 1.5, True):
        with pytest.raises(ConfigError, match="repeat must be an integer >= 1"):
            parse_data_spec({"sources": [{"kind": "file", "path": "x.jsonl"}, {"kind": "ner_extra", "repeat": bad}]})


def test_real_corpora_readers():
    root = data_dir()
    if not (root / "toutiao_headlines" / "toutiao.tsv").exists():
        pytest.skip(f"shared corpora absent under {root}")
    raw = {"labels": ["财经", "汽车", "国际", "文化"], "title_val_fraction": 0.1, "sources": [
        {"kind": "thucnews_titles_train", "label_map": {"finance": "财经"}, "max_samples": 50},
        {"kind": "toutiao", "label_map": {"news_car": "汽车", "news_world": "国际"}, "max_samples": 50},
        {"kind": "nlpcc2017", "label_map": {"history": "文化"}, "max_samples": 50},
        {"kind": "ner_extra", "path": "ner_extra/weibo_*.bio"}]}
    splits = build_splits(parse_data_spec(raw))
    classes = (root / "thucnews_titles/class.txt").read_text(encoding="utf-8").split()
    finance = sum(1 for line in open(root / "thucnews_titles/train.txt", encoding="utf-8")
                  if classes[int(line.rsplit("\t", 1)[1])] == "finance")
    toutiao = [line.split("\t", 1)[0] for line in open(root / "toutiao_headlines/toutiao.tsv", encoding="utf-8")]
    assert {n: len(v) for n, v in splits.topic_val.items()} == {  # 10% of each mapped label
        "thucnews_titles_train": round(0.1 * finance),
        "toutiao": round(0.1 * toutiao.count("news_car")) + round(0.1 * toutiao.count("news_world")),
        "nlpcc2017": 400}  # 10% of 2 x 2,000 history headlines
    assert splits.source_labels == {"thucnews_titles_train": ["财经"], "toutiao": ["国际", "汽车"], "nlpcc2017": ["文化"]}
    assert len(splits.ner_val_sources["ner_extra"]) == round(0.1 * (1350 + 270 + 270))


def test_unlabeled_sentences_come_from_training_articles_only(tmp_path):
    """`article_sentences`: untagged sentences of the articles that train, never of held-out ones."""
    rows = [{"text": f"第{i}篇文章的第一句话。张三说今天天气很好。", "label": "甲" if i % 2 else "乙"} for i in range(20)]
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    splits = build_splits(parse_data_spec({"data_dir": str(tmp_path), "val_fraction": 0.2, "sources": [
        {"kind": "file", "path": str(path)}, {"kind": "article_sentences"}]}))
    held_out = {text for text, _ in splits.article_val}
    assert len(held_out) == 4 and len(splits.ner_train) == 2 * 16  # two sentences per training article
    assert all(tags is None for _, tags in splits.ner_train)
    assert not any(sentence in text for sentence, _ in splits.ner_train for text in held_out
                   if sentence.startswith("第"))


def test_unlabeled_sentences_leave_out_excluded_texts():
    from zhnews.models.evaluation.splits import unlabeled_sentences

    rows = unlabeled_sentences(["甲说：好。今天下雨了。", "乙说今天很热。"], exclude={"乙说今天很热。"})
    assert rows == [("甲说：好。", None), ("今天下雨了。", None)]


def test_speaker_id_text_is_read_once_per_line(tmp_path):
    from zhnews.models.data import read_speaker_id_text

    path = tmp_path / "train_unsplit.txt"
    path.write_text("Instance index: 0\n他说：“走吧。”\n少安点点头。\nInstance index: 1\n少安点点头。\n他走了。\n",
                    encoding="utf-8")
    assert read_speaker_id_text(path) == ["他说：“走吧。”", "少安点点头。", "他走了。"]


def test_gold_articles_are_found_in_the_shared_corpus():
    from zhnews.models.evaluation.gold import gold_article_texts

    root = data_dir()
    if not (root / "thucnews_articles" / "train.tsv").exists():
        pytest.skip(f"shared corpora absent under {root}")
    texts = gold_article_texts(root)
    assert len(texts) > 100 and len(set(texts)) > 100 and all(len(t) > 50 for t in texts)


def test_people_daily_pos_leaves_out_sentences_a_scored_corpus_shares(corpora):
    # exclude_annotated: a sentence sharing 12 characters with an NER corpus sentence never trains
    shared = "国务院总理李鹏今天在人民大会堂会见了外宾"
    (corpora / "ner_extra" / "c.bio").write_text("\n".join(f"{c}\tO" for c in shared + "。"), encoding="utf-8")
    (corpora / "people_daily_199801").mkdir()
    lines = ["国务院/nt  总理/n  李鹏/nr  今天/t  在/p  人民大会堂/ns  会见/v  了/u  外宾/n  。/w",
             "江/nr  泽民/nr  同志/n  指出/v  ，/w  要/v  加强/v  团结/v  。/w"]
    (corpora / "people_daily_199801" / "199801.txt").write_text("\n".join(lines), encoding="utf-8")
    raw = spec(corpora, label_map={"news_car": "汽车"})
    raw["sources"].append({"kind": "people_daily_pos"})
    every = build_splits(parse_data_spec(raw)).ner_train
    raw["sources"][-1]["exclude_annotated"] = True
    kept = build_splits(parse_data_spec(raw)).ner_train
    assert len(every) == 2 and [t for t, _ in kept] == ["江泽民同志指出，要加强团结。"]
    assert kept[0][1][:3] == ["B-PER", "I-PER", "I-PER"]
    # people_daily_text: the same sentences and exclusion, without tags (only a distillation teacher teaches them)
    raw["sources"][-1]["kind"] = "people_daily_text"
    untagged = build_splits(parse_data_spec(raw)).ner_train
    assert untagged == [("江泽民同志指出，要加强团结。", None)]
    with pytest.raises(ConfigError, match="exclude_annotated is for kinds people_daily_pos and people_daily_text"):
        parse_data_spec({"sources": [{"kind": "file", "path": "x.jsonl"}, {"kind": "ner_extra", "exclude_annotated": True}]})


def test_people_daily_names_are_surname_and_given_name_and_run_together_names_stay_apart(tmp_path):
    from zhnews.models.data import read_people_daily_pos
    from zhnews.models.evaluation.ner import bio_spans

    path = tmp_path / "199801.txt"
    path.write_text("记者/n  张/nr  应银/nr  樊/nr  增民/nr  欧阳/nr  夫/nr  佟/nr  宝存/nr  报道/v  伯塞斯库/nr  任/v\n"
                    "江/nr  泽民/nr  李/nr  鹏/nr  乔石/nr  桥本/nr  龙太郎/nr", encoding="utf-8")
    (byline, tags), (leaders, tags2) = read_people_daily_pos(path, split_names=True)
    persons = [byline[a:b] for a, b, kind in sorted(bio_spans(tags)) if kind == "PER"]
    assert persons == ["张应银", "樊增民", "欧阳夫", "佟宝存", "伯塞斯库"]
    assert [leaders[a:b] for a, b, _ in sorted(bio_spans(tags2))] == ["江泽民", "李鹏", "乔石", "桥本龙太郎"]
    # without it, as the recipes before session 36 read the file: every run of nr words is one person
    (byline, tags), _ = read_people_daily_pos(path)
    assert [byline[a:b] for a, b, kind in sorted(bio_spans(tags)) if kind == "PER"] == ["张应银樊增民欧阳夫佟宝存", "伯塞斯库"]


def test_a_people_daily_source_may_split_run_together_names(corpora):
    (corpora / "people_daily_199801").mkdir()
    (corpora / "people_daily_199801" / "199801.txt").write_text("王/nr  琨/nr  董/nr  巍/nr  报道/v  。/w", encoding="utf-8")
    raw = spec(corpora, label_map={"news_car": "汽车"})
    raw["sources"].append({"kind": "people_daily_pos", "split_names": True})
    (text, tags), = build_splits(parse_data_spec(raw)).ner_train
    assert tags[:4] == ["B-PER", "I-PER", "B-PER", "I-PER"]
    with pytest.raises(ConfigError, match="split_names is for kind people_daily_pos"):
        parse_data_spec({"sources": [{"kind": "file", "path": "x.jsonl"}, {"kind": "ner_extra", "split_names": True}]})


def people_daily_file(root: Path, n: int = 30) -> None:
    """n one-sentence paragraphs, each its own person and its own words, and one repeating sentence 0."""
    (root / "people_daily_199801").mkdir()
    lines = [f"第{i}号/m  记者/n  王/nr  小{chr(0x4e00 + i)}/nr  报道/v  消息{i}号{chr(0x5000 + i)}/n  。/w" for i in range(n)]
    (root / "people_daily_199801" / "199801.txt").write_text("\n".join(lines + lines[:1]), encoding="utf-8")


def test_people_daily_val_sentences_are_held_out_apart_from_every_training_row(corpora):
    people_daily_file(corpora)
    raw = spec(corpora, label_map={"news_car": "汽车"})
    raw["sources"] += [{"kind": "people_daily_pos", "max_samples": 5, "split_names": True},
                       {"kind": "people_daily_pos", "name": "pd98", "split_names": True, "val_sentences": 8}]
    splits = build_splits(parse_data_spec(raw))
    val = splits.ner_val_sources["pd98"]
    first, second = splits.ner_train[:5], splits.ner_train[5:]
    assert len({t for t, _ in val}) == len(val) == 8 and val[0] in splits.ner_val and all(tags.count("B-PER") == 1 for _, tags in val)
    # nothing held out trains, in this source or the earlier one, nor shares 12 characters with a training row
    trained = {t for t, _ in splits.ner_train}
    assert not trained & {t for t, _ in val}
    assert not any(t[i:i + 12] in v for t in trained for v, _ in val for i in range(len(t) - 11))
    # the later source trains on the rest, less what the earlier one already took: each sentence in one place
    texts = [{t for t, _ in rows} for rows in (first, val, second)]
    assert sum(map(len, texts)) == len(set.union(*texts)) == 30
    # held out again the same way: a recorded split rebuilds
    assert build_splits(parse_data_spec(raw)).ner_val_sources["pd98"] == val


def test_val_sentences_is_validated_and_cannot_hold_out_more_than_there_is(corpora):
    people_daily_file(corpora, n=6)
    raw = spec(corpora, label_map={"news_car": "汽车"})
    raw["sources"].append({"kind": "people_daily_pos", "val_sentences": 7})  # 6 sentences, one printed twice
    with pytest.raises(ConfigError, match="val_sentences 7: only 6 sentences"):
        build_splits(parse_data_spec(raw))
    for bad, message in (({"kind": "ner_extra", "val_sentences": 5}, "val_sentences is for kind people_daily_pos"),
                         ({"kind": "people_daily_pos", "val_sentences": -1}, "val_sentences must be an integer >= 0"),
                         ({"kind": "people_daily_pos", "val_sentences": True}, "val_sentences must be an integer >= 0")):
        with pytest.raises(ConfigError, match=message):
            parse_data_spec({"sources": [{"kind": "file", "path": "x.jsonl"}, bad]})


def test_names_are_scored_on_another_recipes_held_out_sentences_less_those_the_folder_trained_on(corpora):
    from zhnews.models.evaluation.splits import ner_splits_from

    people_daily_file(corpora)
    raw = spec(corpora, label_map={"news_car": "汽车"})
    raw["sources"].append({"kind": "people_daily_pos", "name": "pd98", "val_sentences": 10})
    recipe = parse_data_spec(raw)
    held_out = build_splits(recipe).ner_val_sources["pd98"]
    older = spec(corpora, label_map={"news_car": "汽车"})
    older["sources"].append({"kind": "people_daily_pos", "max_samples": 12})  # an older folder's draw, no held-out
    config = {"training": {"data": older}}
    splits, left_out = ner_splits_from(recipe, config)
    trained = {t for t, _ in build_splits(parse_data_spec(older)).ner_train}
    kept = splits.ner_val_sources["pd98"]
    assert left_out["pd98"] == len(held_out) - len(kept) == len(trained & {t for t, _ in held_out}) > 0
    assert kept and not trained & {t for t, _ in kept} and splits.ner_val == kept
    # a graft records its tagger's training too
    graft = {"training": {"data": spec(corpora, label_map={"news_car": "汽车"})}, "graft": {"tags_training": {"data": older}}}
    assert ner_splits_from(recipe, graft)[1] == left_out
    with pytest.raises(ConfigError, match="records no training data"):
        ner_splits_from(recipe, {})
