"""Typed, self-validating configuration parsed from the YAML files in `configs/`.

One YAML file describes a whole recipe: which base encoder, which adapters, which data, how long to
train. Unknown keys are errors (a typo must not silently fall back to a default).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from zhnews.models.multilabel import not_against_by_label


class ConfigError(ValueError):
    """A configuration file or value that cannot be used."""


def _build(cls, raw: Any, where: str):
    """Instantiate dataclass `cls` from a mapping, recursing into nested dataclass fields."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a mapping, got {type(raw).__name__}")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(raw) - set(fields))
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {unknown}; allowed: {sorted(fields)}")
    kwargs = {}
    for name, value in raw.items():
        sub = _NESTED.get((cls.__name__, name))
        if sub is list:
            item_cls = _LIST_ITEMS[(cls.__name__, name)]
            if not isinstance(value, list):
                raise ConfigError(f"{where}.{name}: expected a list")
            kwargs[name] = [_build(item_cls, v, f"{where}.{name}[{i}]") for i, v in enumerate(value)]
        elif sub is not None:
            kwargs[name] = _build(sub, value, f"{where}.{name}")
        else:
            kwargs[name] = value
    try:
        obj = cls(**kwargs)
    except TypeError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    obj.validate(where)
    return obj


def _check(cond: bool, where: str, message: str) -> None:
    if not cond:
        raise ConfigError(f"{where}: {message}")


def layer_choice_ok(layers) -> bool:
    """`base.layers`: a positive int (the first N) or ascending indices from 0."""
    if isinstance(layers, list):
        return (bool(layers) and all(isinstance(i, int) and not isinstance(i, bool) and i >= 0 for i in layers)
                and all(a < b for a, b in zip(layers, layers[1:])))
    return isinstance(layers, int) and not isinstance(layers, bool) and layers > 0


def layer_reach(layers: int | list[int] | None) -> int | None:
    """How many base layers a choice reaches into (the first N: N; [0, 1, 2, 4]: 5); None for all."""
    return layers[-1] + 1 if isinstance(layers, list) else layers


@dataclass
class BaseSpec:
    """The encoder to fine-tune. `name: default` is the offline multilingual-e5-small; any local
    folder or hub id (e.g. hfl/chinese-roberta-wwm-ext) works where reachable. `random` builds a
    randomly initialised XLM-R of the given size (tests), using the default base's tokenizer.
    `layers: N` keeps the first N transformer layers (a shallower, faster encoder: cost per token is
    linear in the layers; measured with frozen e5-small features, layers 4-6 classify held-out
    articles as well as layer 12, see docs/experiments.md). `layers: [0, 1, 2, 4]` keeps those base
    layers in that order: a trained tagger loses less when a middle layer goes than its last one
    (issue 16, docs/experiments.md session 33)."""

    name: str = "default"
    random: dict | None = None
    layers: int | list[int] | None = None

    def validate(self, where: str) -> None:
        _check(isinstance(self.name, str) and self.name != "", where, "name must be a non-empty string")
        if self.random is not None:
            _check(isinstance(self.random, dict), where, "random must be a mapping of XLM-R config values")
            allowed = {"hidden_size", "num_hidden_layers", "num_attention_heads", "intermediate_size",
                       "max_position_embeddings"}
            bad = sorted(set(self.random) - allowed)
            _check(not bad, where, f"random: unknown key(s) {bad}")
        _check(self.layers is None or layer_choice_ok(self.layers), where,
               "layers must be a positive integer or a non-empty list of ascending layer indices from 0")


@dataclass
class LoraSpec:
    r: int = 16
    alpha: int = 32
    dropout: float = 0.05
    # XLM-R names: attention query/key/value and every `dense` (attention output, FFN in/out).
    target_modules: list[str] = field(default_factory=lambda: ["query", "key", "value", "dense"])

    def validate(self, where: str) -> None:
        _check(isinstance(self.r, int) and self.r > 0, where, "r must be a positive integer")
        _check(self.alpha > 0, where, "alpha must be positive")
        _check(0 <= self.dropout < 1, where, "dropout must be in [0, 1)")
        _check(bool(self.target_modules), where, "target_modules must not be empty")


SOURCE_KINDS = {
    # kind -> task it trains
    "thucnews_articles": "topic",
    "thucnews_titles": "topic",  # thucnews_titles/dev.txt (10,000 titles)
    "thucnews_titles_train": "topic",  # thucnews_titles/train.txt (44,960 more titles, same classes)
    "toutiao": "topic",  # toutiao_headlines/toutiao.tsv, labels news_car, news_world, ...
    "nlpcc2017": "topic",  # nlpcc2017_headlines/{dev,test}.tsv, labels car, world, ...
    "vocab_coverage": "topic",
    "people_daily_ner": "ner",
    "ner_extra": "ner",  # ner_extra/*.bio (MSRA, CLUENER, Weibo); path: a .bio file, a folder or a glob
    "people_daily_pos": "ner",
    "lcsts": "salience",
    "file": "topic",  # a user's JSONL/CSV with `text` and `label`
    # a topic corpus annotated by reading in this repository (path: tests/data/topic_corpus/people_daily.jsonl,
    # People's Daily 1998 articles, texts rebuilt from the shared data): every label that fits, several at once
    "annotated_topics": "topic",
    # unlabeled text for the tagger, taught only by a distillation teacher (its tag distributions):
    "article_sentences": "ner",  # sentences of the training split of the full-article sources before it
    "speaker_id_text": "ner",  # speaker_id_wp2021/train_unsplit.txt: the novel's dialogue and narration
    "people_daily_text": "ner",  # people_daily_199801's sentences without their word classes: news text
}
# Kinds without gold labels: they need `distil.teacher`, the only thing that can teach them.
UNLABELED_KINDS = ("article_sentences", "speaker_id_text", "people_daily_text")


TOPIC_MODES = ("single", "multi")
REFIT_TARGETS = ("gold", "teacher")


@dataclass
class SourceSpec:
    kind: str
    path: str | None = None  # relative to data_dir unless absolute; required for kind=file
    max_samples: int | None = None  # like transformers' --max_train_samples, for quick runs
    # the source's held-out split is recorded and reported under this name (default: the kind)
    name: str | None = None
    # topic sources: source label -> one of data.labels, or null (rows of that label are not used);
    # a label the map does not name is not used either. None: the source's labels as they are.
    label_map: dict | None = None
    # each training row of the source counts this many times (a small corpus's weight in the mix, as
    # datasets' interleave probabilities give it); its held-out rows count once
    repeat: int = 1
    # topic sources: labels this source's rows say nothing against (a row carrying one still counts for it).
    # For a source that files texts of such a label under another of its labels: Toutiao's 26 news_stock
    # headlines against 575 of its 2,490 news_finance ones naming shares or indices (session 43). A list: every
    # row; a mapping label -> labels: only the rows carrying that label (THUCNews files science news under
    # 时政, so `{时政: [科技]}`: its 时政 rows say nothing against 科技, its 体育 rows still do)
    not_against: list | dict | None = None
    # people_daily_pos / _text: leave out the paragraphs of every People's Daily article a speaker gold set annotates
    # and every sentence sharing 12 characters with a sentence of an NER corpus (whose held-out rows are scored)
    exclude_annotated: bool = False
    # people_daily_pos: a given name joins only the surname before it, so names run together in bylines and lists
    # stay apart (models/data.py read_people_daily_pos; session 36). Off in every recipe trained before it
    split_names: bool = False
    # people_daily_pos: hold out this many sentences, a seeded draw of those sharing no 12 characters with a scored
    # text; no training sentence shares 12 characters with them. Reported under the source's name like every NER
    # corpus's held-out split (session 37). 0 in every recipe trained before it: the whole file was training data
    val_sentences: int = 0

    def validate(self, where: str) -> None:
        _check(self.kind in SOURCE_KINDS, where, f"kind must be one of {sorted(SOURCE_KINDS)}")
        _check(isinstance(self.repeat, int) and not isinstance(self.repeat, bool) and self.repeat >= 1, where,
               "repeat must be an integer >= 1")
        _check(self.kind != "file" or bool(self.path), where, "kind 'file' needs a path")
        _check(self.kind != "annotated_topics" or bool(self.path), where, "kind 'annotated_topics' needs a path")
        _check(self.max_samples is None or self.max_samples > 0, where, "max_samples must be > 0")
        _check(not self.exclude_annotated or self.kind in ("people_daily_pos", "people_daily_text"), where,
               "exclude_annotated is for kinds people_daily_pos and people_daily_text")
        _check(not self.split_names or self.kind == "people_daily_pos", where, "split_names is for kind people_daily_pos")
        _check(isinstance(self.val_sentences, int) and not isinstance(self.val_sentences, bool)
               and self.val_sentences >= 0, where, "val_sentences must be an integer >= 0")
        _check(not self.val_sentences or self.kind == "people_daily_pos", where,
               "val_sentences is for kind people_daily_pos")
        _check(self.name is None or (isinstance(self.name, str) and self.name != ""), where,
               "name must be a non-empty string")
        if self.not_against is not None:
            _check(self.task == "topic", where, f"not_against is for topic sources, not kind {self.kind!r}")
            lists = list(self.not_against.values()) if isinstance(self.not_against, dict) else [self.not_against]
            _check(bool(self.not_against) and all(isinstance(k, str) and k for k in self.not_against)
                   and all(isinstance(v, list) and v and all(isinstance(l, str) and l for l in v) for v in lists),
                   where, "not_against must be a non-empty list of labels, or a mapping label -> such a list")
        if self.label_map is not None:
            _check(isinstance(self.label_map, dict) and bool(self.label_map), where,
                   "label_map must be a non-empty mapping of source label -> label (or null)")
            _check(self.task == "topic", where, f"label_map is for topic sources, not kind {self.kind!r}")
            for key, value in self.label_map.items():
                _check(isinstance(key, str) and key != "", where, f"label_map key {key!r} must be a non-empty string")
                _check(value is None or (isinstance(value, str) and value != ""), where,
                       f"label_map[{key!r}] must be a label name or null, got {value!r}")

    @property
    def task(self) -> str:
        return SOURCE_KINDS[self.kind]

    @property
    def source_name(self) -> str:
        return self.name or self.kind

    def map_label(self, label: str) -> str | None:
        """The product label of a source label; None: the row is not used."""
        return label if self.label_map is None else self.label_map.get(label)


@dataclass
class DataSpec:
    data_dir: str | None = None  # default: $ZHNEWS_DATA or ../shared/data
    sources: list[SourceSpec] = field(default_factory=list)
    labels: list[str] | None = None  # fixed topic label order; default: sorted labels seen in data
    val_fraction: float = 0.2  # of full articles (or of the user's file), stratified
    title_val_fraction: float = 0.1
    ner_val_fraction: float = 0.1
    seed: int = 13
    # "single": one label per text, softmax over the labels (every model before v2). "multi": one
    # calibrated sigmoid per label (one-vs-rest); each row counts only against the labels its source's
    # map can produce (docs in models/evaluation/splits.py and train/multilabel.py)
    topic_mode: str = "single"

    def validate(self, where: str) -> None:
        _check(bool(self.sources), where, "at least one source is needed")
        _check(any(s.task == "topic" for s in self.sources), where, "at least one topic source is needed")
        for name in ("val_fraction", "title_val_fraction", "ner_val_fraction"):
            _check(0 <= getattr(self, name) < 1, where, f"{name} must be in [0, 1)")
        _check(self.topic_mode in TOPIC_MODES, where, f"topic_mode must be one of {TOPIC_MODES}")
        if self.labels is not None:
            _check(len(set(self.labels)) == len(self.labels) >= 2, where, "labels must be >= 2 distinct names")
        names = [s.source_name for s in self.sources]
        twice = sorted({n for n in names if names.count(n) > 1})
        _check(not twice, where, f"source names {twice} are used twice: give each source its own `name`")
        for i, source in enumerate(self.sources):
            targets = {v for v in (source.label_map or {}).values() if v is not None}
            _check(bool(targets) or source.label_map is None, f"{where}.sources[{i}]",
                   "label_map maps every label to null: the source would give no rows")
            if self.labels is not None:
                unknown = sorted(targets - set(self.labels))
                _check(not unknown, f"{where}.sources[{i}]",
                       f"label_map targets {unknown} are not in data.labels {self.labels}")
                rules = not_against_by_label(source.not_against)
                silent = sorted(({k for k in rules if k} | {l for v in rules.values() for l in v}) - set(self.labels))
                _check(not silent, f"{where}.sources[{i}]", f"not_against labels {silent} are not in data.labels")


SENTENCE_TOKENIZATIONS = ("char", "piece")
# the learned tagger alone, or merged with jieba's person words (the first named wins where both find one)
NAME_MODES = ("model", "model+jieba", "jieba+model")


@dataclass
class TrainSpec:
    max_steps: int = 600
    tokens_per_batch: int = 4096  # 16 x 256: ~8 s a step on 2 cores for e5-small with LoRA
    learning_rate: float = 5e-4
    head_learning_rate: float = 2e-3
    warmup_ratio: float = 0.06
    weight_decay: float = 0.01
    chunk_tokens: int = 256  # articles are cut into windows of this many tokens
    max_chunks: int = 4  # at inference, topic logits are averaged over up to this many windows
    sentence_tokens: int = 128  # NER / salience sentences are cut to this
    # NER / salience input: "char" (one token per character; models/encoding.py char_encode says why)
    # or "piece" (the tokenizer's own pieces, as models trained before char tagging)
    sentence_tokenization: str = "char"
    probe_init: bool = True  # initialise the topic head from a logistic-regression probe
    probe_samples: int = 1200
    ner_steps: int = 0  # phase 2: NER-only steps after the multi-task ones
    ner_tokens_per_batch: int = 2048
    ner_learning_rate: float = 1e-3
    ner_head_learning_rate: float = 5e-3
    refit_topic_head: bool = True  # after the LoRA steps: logistic regression on the tuned features
    refit_max_rows: int = 0  # cap on the rows the refit encodes (0 = all; train/refit.refit_rows)
    # what the refit's logistic regressions learn: "gold" labels, or with a distillation teacher
    # "teacher": its probabilities mixed with the gold by distil.weight (train/refit.py)
    refit_targets: str = "gold"
    speaker_figures: bool = False  # score the speaker gold sets at the end (train/speaker_figures.py)
    ngram_expert: bool = True  # add a character n-gram expert to the topic logits (models/ngram.py)
    # its n-grams are 1..ngram_max_n characters, its vocabulary the ngram_features most frequent; the
    # folder stores ngram_features x labels fp16 weights (200,000 x 17 x 2 bytes = 6.8 MB)
    ngram_max_n: int = 2
    ngram_features: int = 60000
    # the topic pass reads every topic text with its layout gone (models/encoding.flat_text): the training
    # rows here, and the folder's inference (`flat_topic_text`) reads a user's text the same way
    flat_topic_text: bool = False
    # multi-label topics shown given that a text has at least one (models/multilabel.at_least_one), the
    # temperatures and bias fitted for those scores: first labels better calibrated, fewer second labels called
    # (session 52; off in the shipped recipes)
    calibration_at_least_one: bool = False
    # start from a trained folder (path or shipped name) with the same base, layers and LoRA r instead
    # of the bare base (train/warmstart.py); max_steps may then be 0 to run only the NER phase
    init_from: str = ""
    # init_from a deeper folder: take its first base.layers layers and drop the rest (a shallower
    # tagger started from a trained one, issue 16); off, another depth is refused
    init_first_layers: bool = False
    # the tagging pass (names, salience) gets its own LoRA adapters, so NER steps no longer move the
    # topic features (models/network.py tag_encoder_from); they start as a copy of the shared ones (or
    # init_from's own tag adapters), and the NER phase then also trains salience, which reads that pass
    tag_adapter: bool = False
    threads: int = 2
    seed: int = 13
    log_every: int = 10
    checkpoint_every: int = 100
    eval_batch_size: int = 32

    def validate(self, where: str) -> None:
        _check(isinstance(self.init_from, str), where, "init_from must be a folder path or a shipped name")
        _check(isinstance(self.tag_adapter, bool), where, "tag_adapter must be true or false")
        _check(isinstance(self.flat_topic_text, bool), where, "flat_topic_text must be true or false")
        _check(isinstance(self.calibration_at_least_one, bool), where, "calibration_at_least_one must be true or false")
        _check(isinstance(self.init_first_layers, bool), where, "init_first_layers must be true or false")
        _check(not self.init_first_layers or bool(self.init_from), where, "init_first_layers needs init_from")
        _check(self.max_steps > 0 or (self.max_steps == 0 and bool(self.init_from)), where,
               "max_steps must be > 0 (0 only with init_from: a trained folder to go on from)")
        _check(self.tokens_per_batch >= 64, where, "tokens_per_batch must be >= 64")
        _check(0 < self.learning_rate < 1 and 0 < self.head_learning_rate < 1, where, "bad learning rate")
        _check(16 <= self.chunk_tokens <= 512, where, "chunk_tokens must be in [16, 512]")
        _check(self.max_chunks >= 1, where, "max_chunks must be >= 1")
        _check(8 <= self.sentence_tokens <= 512, where, "sentence_tokens must be in [8, 512]")
        _check(self.sentence_tokenization in SENTENCE_TOKENIZATIONS, where,
               f"sentence_tokenization must be one of {SENTENCE_TOKENIZATIONS}")
        _check(self.threads >= 1, where, "threads must be >= 1")
        _check(isinstance(self.refit_max_rows, int) and self.refit_max_rows >= 0, where,
               "refit_max_rows must be an integer >= 0 (0 = no cap)")
        _check(self.refit_targets in REFIT_TARGETS, where, f"refit_targets must be one of {REFIT_TARGETS}")
        _check(isinstance(self.ngram_max_n, int) and 1 <= self.ngram_max_n <= 4, where,
               "ngram_max_n must be an integer in [1, 4]")
        _check(isinstance(self.ngram_features, int) and self.ngram_features >= 1000, where,
               "ngram_features must be an integer >= 1000")


@dataclass
class DistilSpec:
    """Knowledge distillation from a trained folder (train/distil.py); off while `teacher` is empty."""

    teacher: str = ""  # a model folder or shipped name with the same labels, tags and tokenizer
    weight: float = 0.5  # share of the teacher's soft targets in each step's loss (the rest: gold)
    temperature: float = 2.0
    # start the student's LoRA adapters at the teacher's of the same layers (train/distil.py); the
    # student's rank must be >= the teacher's
    init_lora: bool = False

    def validate(self, where: str) -> None:
        _check(isinstance(self.teacher, str), where, "teacher must be a folder path or a shipped name")
        _check(not self.init_lora or bool(self.teacher), where, "init_lora needs a teacher")
        _check(0 <= self.weight <= 1, where, "weight must be in [0, 1]")
        _check(self.temperature > 0, where, "temperature must be > 0")


@dataclass
class TrainConfig:
    output_dir: str
    base: BaseSpec = field(default_factory=BaseSpec)
    lora: LoraSpec = field(default_factory=LoraSpec)
    data: DataSpec = field(default_factory=DataSpec)
    train: TrainSpec = field(default_factory=TrainSpec)
    distil: DistilSpec = field(default_factory=DistilSpec)
    description: str = ""
    # how the model folder finds names at inference (NAME_MODES above; models/pipeline.py merges them).
    # model: the tagger's names alone (session 16). Against model+jieba (the tagger's names first, jieba's
    # dictionary names where they overlap none; the default from session 7) on the speech corpus with the
    # session's rules, speaker / statement F1 of the shipped default: train 0.933 / 0.899 (0.930 / 0.896),
    # fresh 0.920 / 0.839 (0.913 / 0.832), fresh2 0.921 / 0.881 (0.913 / 0.879), fresh3 0.873 / 0.901
    # (0.865 / 0.894), dev and the older gold equal, fresh4 0.821 / 0.811 (0.832 / 0.818): jieba's
    # dictionary adds more words it calls people (季后赛, 金元宝) than names the tagger misses (休姆).
    names: str = "model"

    def validate(self, where: str) -> None:
        _check(isinstance(self.output_dir, str) and self.output_dir, where, "output_dir is required")
        _check(self.names in NAME_MODES, where, f"names must be one of {NAME_MODES}")
        _check(not (self.train.init_from and self.distil.init_lora), where,
               "train.init_from and distil.init_lora both set the adapters' start: choose one")
        _check(self.train.refit_targets != "teacher" or bool(self.distil.teacher), where,
               "train.refit_targets: teacher needs distil.teacher")
        unlabeled = [s.source_name for s in self.data.sources if s.kind in UNLABELED_KINDS]
        _check(not unlabeled or bool(self.distil.teacher), where,
               f"sources {unlabeled} have no labels: they need distil.teacher to learn anything from")

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


_NESTED = {
    ("TrainConfig", "base"): BaseSpec,
    ("TrainConfig", "lora"): LoraSpec,
    ("TrainConfig", "data"): DataSpec,
    ("TrainConfig", "train"): TrainSpec,
    ("TrainConfig", "distil"): DistilSpec,
    ("DataSpec", "sources"): list,
}
_LIST_ITEMS = {("DataSpec", "sources"): SourceSpec}


def parse_train_config(raw: dict, where: str = "config") -> TrainConfig:
    return _build(TrainConfig, raw, where)


def parse_data_spec(raw: dict, where: str = "data") -> DataSpec:
    """A `DataSpec` from its dict form, e.g. the `training.data` a model folder's config.json records."""
    return _build(DataSpec, raw, where)


def load_train_config(path: str | Path) -> TrainConfig:
    path = Path(path)
    if not path.exists():
        raise ConfigError(f"{path}: no such config file")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from None
    return parse_train_config(raw, str(path))
