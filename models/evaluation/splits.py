"""Training and validation sets for the three heads, built from a `DataSpec`: the one function that
makes the held-out split. Training calls `build_splits` with its recipe's data spec; `zhnews eval` and
`zhnews bench` call it (through `recorded_splits`) with the spec a model folder recorded in its
config.json (`training.data`), so they score exactly the rows that model never trained on.

Held-out data never reaches training: a stratified share of the full articles (the headline metric),
of the titles and headlines and of the NER sentences. Everything else in the configured sources trains.
Each source's held-out rows are also kept under its name (`topic_val[name]`, `ner_val_sources[name]`),
so evaluation reports every source on its own; `article_val`, `title_val` and `ner_val` stay what they
were for the kinds that fill them (the shipped folders' recorded splits are pinned by tests/test_splits.py).

Label maps: a topic source's `label_map` turns its labels into the product's before the split; rows of a
label it maps to null, or does not name, are dropped. `source_labels[name]` is what a source can tell
apart (the map's targets, or the labels it has): in multi-label mode a row counts only against those.
A user file's multi-label row carries its labels joined by "," (see `row_labels`).

Untagged sentences (kinds `article_sentences`, `speaker_id_text`, `people_daily_text`, for a distillation
teacher to label) join `ner_train` with tags None; they hold nothing out, and read after every labelled
source they leave that source's draws as they were.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from zhnews.models import data as corpora
from zhnews.models.config import ConfigError, DataSpec, SourceSpec, parse_data_spec
from zhnews.models.evaluation.gold import PEOPLE_DAILY, GoldDataError, gold_article_texts, topic_gold_rows
from zhnews.models.multilabel import LABEL_SEPARATOR, row_labels
from zhnews.models.schema import Span
from zhnews.models.text import split_sentences
from zhnews.models.userdata import DataError, read_labelled_file

ARTICLE_SOURCES = ("thucnews_articles", "file")  # the kinds whose held-out rows are `article_val`
HEADLINE_FILES = {"toutiao": ("toutiao_headlines/toutiao.tsv",),
                  "nlpcc2017": ("nlpcc2017_headlines/dev.tsv", "nlpcc2017_headlines/test.tsv")}

@dataclass
class Splits:
    labels: list[str]
    topic_train: list[tuple[str, str, str]] = field(default_factory=list)  # (text, label, kind)
    article_val: list[tuple[str, str]] = field(default_factory=list)
    title_val: list[tuple[str, str]] = field(default_factory=list)
    ner_train: list[tuple[str, list[str] | None]] = field(default_factory=list)  # None: unlabeled
    ner_val: list[tuple[str, list[str]]] = field(default_factory=list)
    salience_train: list[tuple[str, float]] = field(default_factory=list)
    sizes: dict = field(default_factory=dict)
    topic_source: list[str] = field(default_factory=list)  # the source name of each topic_train row
    topic_val: dict = field(default_factory=dict)  # source name -> its held-out (text, label) rows
    ner_val_sources: dict = field(default_factory=dict)  # source name -> its held-out NER sentences
    source_labels: dict = field(default_factory=dict)  # topic source name -> the labels it can tell apart
    not_against: dict = field(default_factory=dict)  # topic source name -> its SourceSpec.not_against
    topic_mode: str = "single"  # "multi" when the spec says so or a row has several labels


def stratified_split(rows: list, fraction: float, rng: random.Random, label_of=lambda r: r[1]):
    """Hold out `fraction` of each label (at least one where a label has >= 2 rows)."""
    by_label: dict = {}
    for row in rows:
        by_label.setdefault(label_of(row), []).append(row)
    train, val = [], []
    for label in sorted(by_label):
        group = by_label[label][:]
        rng.shuffle(group)
        n_val = round(len(group) * fraction)
        if fraction > 0 and n_val == 0 and len(group) >= 2:
            n_val = 1
        val += group[:n_val]
        train += group[n_val:]
    return train, val


def _limit(rows: list, spec: SourceSpec, rng: random.Random) -> list:
    """The source's training rows: at most `max_samples` of them, each `repeat` times."""
    if spec.max_samples is not None and len(rows) > spec.max_samples:
        rows = rng.sample(rows, spec.max_samples)
    return rows * spec.repeat


def training_sentences(text: str) -> list[Span]:
    """`split_sentences` as every shipped folder's training rows were cut: a terminator inside 《…》 ends a sentence
    there (session 52 keeps a title whole at inference), so the splits recorded in their folders come back the same
    (tests/test_splits.py) and no held-out sentence is one they trained on."""
    return split_sentences(text, whole_titles=False)


def unlabeled_sentences(texts: list[str], exclude: set[str] = frozenset()) -> list[tuple[str, None]]:
    """NER rows without tags (a distillation teacher labels them): the sentences of `texts` with at
    least 4 characters, leaving out every text in `exclude`."""
    return [(text[s.start : s.end], None) for text in texts if text not in exclude
            for s in training_sentences(text) if s.end - s.start >= 4]


def annotated_article_texts(root: Path) -> set[str]:
    """The THUCNews articles some speaker gold set annotates (as `read_thucnews_articles` returns
    them). Their text never trains the tagger even unlabeled: a student copying its teacher on the
    very sentences of the blind splits would narrow the gap there and nowhere else."""
    try:
        return {text.strip() for text in gold_article_texts(root)}
    except FileNotFoundError:
        return set()


OVERLAP_CHARS = 12  # a sentence sharing this many characters in a row with a scored text is left out


def shares_text(sentence: str, grams: set[str]) -> bool:
    """`sentence` holds one of `grams` (OVERLAP_CHARS long): every window of that length is looked up."""
    return any(sentence[i:i + OVERLAP_CHARS] in grams for i in range(len(sentence) - OVERLAP_CHARS + 1))


@lru_cache(maxsize=2)
def scored_grams(root: Path) -> frozenset[str]:
    """Every OVERLAP_CHARS-character window of the texts whose figures are reported: the People's Daily
    articles of the speaker gold sets and the sentences of the NER corpora (training rows included, so a
    re-drawn held-out split stays clean). 1998 news repeats itself across corpora: 1-2% of the NER
    sentences share such a window with the January 1998 paragraphs."""
    try:
        texts = gold_article_texts(root, PEOPLE_DAILY)
    except (FileNotFoundError, GoldDataError):  # a data directory without the corpus the gold sets index
        texts = []
    for folder, pattern in (("people_daily_ner", "*.bio"), ("ner_extra", "*.bio")):
        texts += [t for path in sorted((root / folder).glob(pattern)) for t, _ in corpora.read_bio(path)]
    return frozenset(windows(texts))


def windows(texts) -> set[str]:
    """Every OVERLAP_CHARS-character window of `texts`."""
    return {t[i:i + OVERLAP_CHARS] for t in texts for i in range(len(t) - OVERLAP_CHARS + 1)}


def held_out_sentences(sentences: list, n: int, scored: set[str], rng: random.Random) -> tuple[list, list]:
    """(training, held-out) of a sentence corpus without a split of its own (People's Daily 1998): `n`
    sentences drawn among those sharing no OVERLAP_CHARS window with `scored` (the texts whose figures are
    reported, and the training rows read before), and the rest less every sentence sharing such a window with
    one drawn: the paper repeats itself (one report in two editions, a list of names in every story of a meeting)."""
    first = {text: i for i, (text, _) in reversed(list(enumerate(sentences)))}  # a sentence printed twice counts once
    clean = [i for i, (text, _) in enumerate(sentences) if first[text] == i and not shares_text(text, scored)]
    if n > len(clean):
        raise ConfigError(f"val_sentences {n}: only {len(clean)} sentences share no {OVERLAP_CHARS} characters "
                          "with a scored text")
    drawn = set(rng.sample(clean, n))
    val = [sentences[i] for i in sorted(drawn)]
    texts = {text for text, _ in val}  # and a sentence too short for a window: itself
    grams = windows(texts)
    train = [s for i, s in enumerate(sentences) if s[0] not in texts and not shares_text(s[0], grams)]
    return train, val


def without_copies(named: dict, trained: set[str]) -> tuple[dict, dict[str, int]]:
    """Each source's held-out rows less those whose text is word for word a training text, and how many each
    lost (sources that lost none left out). Why: a corpus that prints an item twice puts copies on both sides of
    a random split (42 of 189 held-out Weibo sentences, 147 of 1,608 Toutiao headlines of the shipped recipes;
    session 37), and a copy scores what the model memorised. Sources left with no row are dropped."""
    kept = {n: [row for row in rows if row[0] not in trained] for n, rows in named.items()}
    copies = {n: len(named[n]) - len(rows) for n, rows in kept.items() if len(rows) < len(named[n])}
    return {n: rows for n, rows in kept.items() if rows}, copies


def unseen_topic_rows(splits: Splits, named: dict) -> tuple[dict, dict[str, int]]:
    """`without_copies` for topic rows: `named` (split name -> held-out rows) less the training texts'
    copies (Toutiao repeats headlines: 147 of the shipped recipes' 1,608 held-out ones)."""
    return without_copies(named, {text for text, _, _ in splits.topic_train})


def char_overlap(sentence: str, summary: str) -> float:
    """Share of the summary's distinct characters found in the sentence (ROUGE-1-like recall on
    character types, a cheap salience target that needs no tokenizer)."""
    ref = {c for c in summary if not c.isspace()}
    return len(ref & set(sentence)) / len(ref) if ref else 0.0


def map_rows(rows: list[tuple[str, str]], source: SourceSpec) -> list[tuple[str, str]]:
    """Rows with their labels mapped by the source's `label_map`; rows of unmapped labels dropped.
    A map key that no row has is a ConfigError (a typo would otherwise silently drop nothing)."""
    if source.label_map is None:
        return rows
    seen = {part for _, label in rows for part in row_labels(label)}
    absent = sorted(set(source.label_map) - seen)
    if absent:
        raise ConfigError(f"data source {source.source_name}: label_map names {absent}, which its data does "
                          f"not have (it has {sorted(seen)})")
    out = []
    for text, label in rows:
        mapped = sorted({m for m in map(source.map_label, row_labels(label)) if m is not None})
        if mapped:
            out.append((text, LABEL_SEPARATOR.join(mapped)))
    return out


def bio_files(root: Path, source: SourceSpec) -> list[Path]:
    """An NER source's .bio files: its path as a file, a folder (every .bio in it) or a glob."""
    pattern = source.path or "ner_extra"
    if any(c in pattern for c in "*?["):
        files = sorted(root.glob(pattern)) if not Path(pattern).is_absolute() else sorted(
            Path(pattern).parent.glob(Path(pattern).name))
    else:
        p = Path(pattern) if Path(pattern).is_absolute() else root / pattern
        files = sorted(p.glob("*.bio")) if p.is_dir() else [p] if p.exists() else []
    if not files:
        raise ConfigError(f"data source {source.source_name}: no .bio file at {pattern} (data_dir={root})")
    return files


def build_splits(spec: DataSpec, *, upto: int | None = None) -> Splits:
    """Read the sources in their order, each drawing from one generator seeded with `spec.seed`.
    `upto`: read only the first `upto` sources; the splits of those come out the same as in the
    full build, since a source's draws never depend on the sources after it."""
    rng = random.Random(spec.seed)
    root = Path(spec.data_dir) if spec.data_dir else corpora.data_dir()
    splits = Splits(labels=[])

    def path_of(source: SourceSpec, default: str) -> Path:
        p = Path(source.path or default)
        p = p if p.is_absolute() else root / p
        if not p.exists():
            raise ConfigError(f"data source {source.kind}: {p} does not exist (data_dir={root})")
        return p

    def add_topic(source: SourceSpec, train: list, val: list, text_kind: str) -> None:
        rows = _limit(train, source, rng)
        splits.topic_train += [(t, l, text_kind) for t, l in rows]
        splits.topic_source += [source.source_name] * len(rows)
        splits.topic_val[source.source_name] = val
        if source.not_against:
            splits.not_against[source.source_name] = source.not_against
        targets = {v for v in (source.label_map or {}).values() if v is not None}
        splits.source_labels[source.source_name] = sorted(
            targets or {p for _, l in train + val for p in row_labels(l)})

    def add_ner(source: SourceSpec, rows: list) -> None:
        rng.shuffle(rows)
        n_val = round(len(rows) * spec.ner_val_fraction)
        splits.ner_val += rows[:n_val]
        splits.ner_val_sources[source.source_name] = rows[:n_val]
        splits.ner_train += _limit(rows[n_val:], source, rng)

    for source in spec.sources[:upto]:
        kind = source.kind
        if kind in ARTICLE_SOURCES:
            if kind == "file":
                rows = read_labelled_file(path_of(source, ""))
            else:
                rows = corpora.read_thucnews_articles(path_of(source, "thucnews_articles/train.tsv"))
            train, val = stratified_split(map_rows(rows, source), spec.val_fraction, rng)
            splits.article_val += val
            add_topic(source, train, val, "article")
        elif kind in ("thucnews_titles", "thucnews_titles_train"):
            names = corpora.TITLE_CLASS_NAMES if source.label_map is None else None
            file = "dev.txt" if kind == "thucnews_titles" else "train.txt"
            rows = corpora.read_thucnews_titles(path_of(source, "thucnews_titles"), file, names)
            train, val = stratified_split(map_rows(rows, source), spec.title_val_fraction, rng)
            if kind == "thucnews_titles":
                splits.title_val += val
            add_topic(source, train, val, "title")
        elif kind in HEADLINE_FILES:
            files = [path_of(source, name) for name in HEADLINE_FILES[kind]] if source.path is None \
                else [path_of(source, "")]
            train, val = stratified_split(map_rows(corpora.read_label_tsv(files), source),
                                          spec.title_val_fraction, rng)
            add_topic(source, train, val, "title")
        elif kind == "annotated_topics":  # every label that fits, read by annotators who could give any of them
            corpus = Path(source.path) if Path(source.path).is_absolute() else corpora.REPO_ROOT / source.path
            train, val = stratified_split(topic_gold_rows(corpus, root), spec.val_fraction, rng,
                                          label_of=lambda r: row_labels(r[1])[0])
            add_topic(source, train, val, "article")
            splits.source_labels[source.source_name] = sorted(spec.labels or splits.source_labels[source.source_name])
        elif kind == "vocab_coverage":
            rows = map_rows(corpora.read_vocab_coverage(path_of(source, "vocab_coverage")), source)
            add_topic(source, rows, [], "sentence")
        elif kind == "people_daily_ner":
            folder = path_of(source, "people_daily_ner")
            add_ner(source, [r for name in ("dev.bio", "test.bio") if (folder / name).exists()
                             for r in corpora.read_bio(folder / name)])
        elif kind == "ner_extra":
            add_ner(source, [r for path in bio_files(root, source) for r in corpora.read_bio(path)])
        elif kind in ("people_daily_pos", "people_daily_text"):
            paragraphs = corpora.read_people_daily_pos(path_of(source, "people_daily_199801/199801.txt"),
                                                       split_names=source.split_names)
            untagged = kind == "people_daily_text"  # the text alone, for a distillation teacher to tag
            sentences = [(text[s.start : s.end], None if untagged else tags[s.start : s.end])
                         for text, tags in paragraphs for s in training_sentences(text)]
            if source.exclude_annotated:
                sentences = [s for s in sentences if not shares_text(s[0], scored_grams(root))]
            sentences = [s for s in sentences if len(s[0]) >= 4]
            if source.val_sentences:  # kept apart from the scored texts and every earlier source's training rows
                earlier = {text for text, _ in splits.ner_train}
                sentences, val = held_out_sentences([s for s in sentences if s[0] not in earlier], source.val_sentences,
                                                    scored_grams(root) | windows(earlier), rng)
                splits.ner_val += val
                splits.ner_val_sources[source.source_name] = val
            splits.ner_train += _limit(sentences, source, rng)
        elif kind == "article_sentences":
            texts = [t for t, _, k in splits.topic_train if k == "article"]
            splits.ner_train += _limit(unlabeled_sentences(texts, exclude=annotated_article_texts(root)), source, rng)
        elif kind == "speaker_id_text":
            lines = corpora.read_speaker_id_text(path_of(source, "speaker_id_wp2021/train_unsplit.txt"))
            splits.ner_train += _limit(unlabeled_sentences(lines), source, rng)
        elif kind == "lcsts":
            for text, summary, score in _limit(corpora.read_lcsts(path_of(source, "lcsts_part3/PART_III.txt")),
                                               source, rng):
                if score >= 3:  # pairs the annotators judged relevant
                    splits.salience_train += [(text[s.start : s.end], char_overlap(text[s.start : s.end], summary))
                                              for s in training_sentences(text)]
    seen = {p for _, label, _ in splits.topic_train for p in row_labels(label)} | {
        p for rows in splits.topic_val.values() for _, label in rows for p in row_labels(label)}
    several = any(LABEL_SEPARATOR in label for _, label, _ in splits.topic_train)
    splits.topic_mode = "multi" if spec.topic_mode == "multi" or several else "single"
    if splits.topic_mode == "single":  # labels with "," are single labels of their own, as before v2
        seen = {label for _, label, _ in splits.topic_train} | {label for _, label in splits.article_val}
    if spec.labels:
        unknown = sorted(seen - set(spec.labels))
        if unknown:
            raise ConfigError(f"data has labels {unknown} that are not in data.labels {spec.labels}")
        splits.labels = list(spec.labels)
    else:
        splits.labels = sorted(seen)
    if len(splits.labels) < 2:
        raise ConfigError(f"need at least 2 topic labels, found {splits.labels}")
    splits.sizes = {
        "topic_train": len(splits.topic_train), "article_val": len(splits.article_val),
        "title_val": len(splits.title_val), "ner_train": len(splits.ner_train),
        "ner_val": len(splits.ner_val), "salience_train": len(splits.salience_train),
    }
    return splits


def tagger_training(config: dict) -> dict | None:
    """The training record of the folder that trained a folder's tagging pass: its own, or for a graft the
    tagger folder's (`graft.tags_training`), and for a graft whose tagger folder was a graft itself (a new
    topic pass put beside the shipped default's tagger) that folder's tagger's, down the `tags_graft` records."""
    graft = config.get("graft") or {}
    if graft.get("tags_graft"):
        return tagger_training({"training": graft.get("tags_training"), "graft": graft["tags_graft"]})
    return graft.get("tags_training") or config.get("training")


def recorded_spec(config: dict, *, tagger: bool = False) -> DataSpec | None:
    """The data spec a model folder's config.json records (`training.data`); None when it has none.
    `tagger`: a graft's tagging pass was trained by another folder, whose spec it records
    (`tagger_training`): that one, whose NER sentences held out are the ones its tagger never saw."""
    training = (tagger_training(config) if tagger else None) or config.get("training") or {}
    spec = training.get("data")
    return parse_data_spec(spec, "config.json training.data") if spec else None


def recorded_splits(config: dict, *, tagger: bool = False) -> Splits | None:
    """The splits a model folder was trained with, rebuilt by `build_splits` from its recorded data
    spec (same seed, same rows in the same order); None when it records none. Raises ConfigError
    when a source it names is not in the data directory. `tagger`: see `recorded_spec`."""
    spec = recorded_spec(config, tagger=tagger)
    return build_splits(spec) if spec is not None else None


def recorded_specs(config: dict) -> list[DataSpec]:
    """Every data spec a folder records having trained on: its own (`training.data`) and, for a graft,
    the tagger's and the blended tagger's (`graft.tags_training`, `graft.blend.training`), and so on down
    when those were grafts themselves (`graft.tags_graft`, `graft.blend.graft`)."""
    if not isinstance(config, dict) or not config:
        return []
    training, graft = config.get("training"), config.get("graft") or {}
    own = [parse_data_spec(training["data"], "config.json training.data")] if isinstance(training, dict) \
        and training.get("data") else []
    tagger = {"training": graft.get("tags_training"), "graft": graft.get("tags_graft")} if graft else {}
    return own + recorded_specs(tagger) + recorded_specs(graft.get("blend"))


def ner_splits_from(spec: DataSpec, config: dict) -> tuple[Splits, dict[str, int]]:
    """The held-out NER sentences of another recipe's data (`zhnews eval --ner-from`), for a folder that
    never recorded them (People's Daily 1998's `val_sentences`, session 37), less every sentence sharing an
    OVERLAP_CHARS window with a training row of any spec the folder records: (those splits, {source: sentences
    left out}). Raises ConfigError for a folder that records no data spec (its training rows are unknown)."""
    specs = recorded_specs(config)
    if not specs:
        raise ConfigError("the model folder records no training data (config.json training.data), so the sentences "
                          "it trained on cannot be left out")
    trained = {text for s in specs for text, _ in build_splits(s).ner_train}
    grams = windows(trained)
    splits, left_out = build_splits(spec), {}
    for name, rows in splits.ner_val_sources.items():  # a sentence shorter than a window: left out if trained on
        kept = [row for row in rows if row[0] not in trained and not shares_text(row[0], grams)]
        splits.ner_val_sources[name], left_out[name] = kept, len(rows) - len(kept)
    splits.ner_val = [row for rows in splits.ner_val_sources.values() for row in rows]
    return splits, left_out


def held_out_articles(config: dict) -> list[tuple[str, str]] | None:
    """The article validation split of `recorded_splits`, reading only the sources up to the last
    article one (the later ones cannot change it); None when the folder records no data spec with
    articles, or its data is not here (the bench then reports no topic accuracy)."""
    try:
        spec = recorded_spec(config)
        last = max((i for i, s in enumerate(spec.sources) if s.kind in ARTICLE_SOURCES), default=-1) if spec else -1
        return build_splits(spec, upto=last + 1).article_val if last >= 0 else None
    except (ConfigError, DataError):
        return None
