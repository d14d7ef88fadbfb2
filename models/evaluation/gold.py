"""Gold sets for evaluation, rebuilt at run time from the shared corpora.

The speaker-attribution development set (`tests/data/speakers_gold.jsonl`) stores no article text,
only where the text comes from and character offsets into it (the corpora's licences do not allow
copying them into the repository). One JSON object a line:

    {"id": "thuc-371" | "pd-04077",
     "source": {"file": <path under the data dir>, "line": <0-based line>, ["last_line": <inclusive>,
                "join": "\\n", "format": "word/POS"] | ["field": "text", "label": <topic>],
                "chars": <len(text)>, "sha1": <sha1 of the UTF-8 text>},
     "speakers": [{"name", ["aliases"], "role" | null, "statements": [{"start", "end"}], "summary"}],
     ["summary": <article summary>, "annotator": <who>]  (the speech corpus, tests/data/speech_corpus/)
     ["notes": <annotator's notes>]}

Texts are reconstructed as follows:
- `thucnews_articles/train.tsv` (`label<TAB>text`, title run into body): the text after the first tab.
- `people_daily_199801/199801.txt` (one paragraph a line, `word/POS` tokens separated by two
  spaces): each line is the concatenation of its words with the `/POS` tags removed; the lines
  `line..last_line` are joined with "\\n".

`load_speaker_gold` returns articles in the format of `shared/examples/seed_page.gold.json`
(statements as exact substrings) plus `text`, and `spans` (the offsets of the statements) so that
repeated sentences keep their annotated place.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from zhnews.models.data import REPO_ROOT, data_dir as default_data_dir, examples_dir as default_examples_dir
from zhnews.models.multilabel import LABEL_SEPARATOR

SPEAKER_GOLD_PATH = REPO_ROOT / "tests" / "data" / "speakers_gold.jsonl"
# A second, blind set in the same format: annotated without looking at the rules or their output, and
# never used to change them (the development set above was): the honest held-out figure.
SPEAKER_TEST_PATH = REPO_ROOT / "tests" / "data" / "speakers_test.jsonl"
SPEECH_CORPUS = REPO_ROOT / "tests" / "data" / "speech_corpus"  # {train,dev,test,double,fresh,...,fresh6,people_daily,...,people_daily20,lcsts,...,lcsts7}.jsonl
THUCNEWS_ARTICLES = "thucnews_articles/train.tsv"
PEOPLE_DAILY = "people_daily_199801/199801.txt"
LCSTS = "lcsts_part3/PART_III.txt"  # a Weibo news post on the line after each <short_text>
# THUCNews sentences by topic label (`{label: {"texts": [...]}}`); a record names its label and index, no line
VOCAB_SENTENCES = "vocab_coverage/dataset_sentence_long.json"


class GoldDataError(RuntimeError):
    """The gold set cannot be rebuilt: a data file is missing, or differs from the annotated one."""


class MissingDataError(GoldDataError, FileNotFoundError):
    """A shared data file needed to rebuild the gold texts is not in the data directory."""


def people_daily_plain(line: str) -> str:
    """Plain text of one People's Daily line: the words of its `word/POS` tokens, tags removed."""
    words = []
    for token in line.rstrip("\r\n").split("  "):
        if not token:
            continue
        word, slash, _tag = token.rpartition("/")
        words.append(word if slash else token)
    return "".join(words)


def _read_lines(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [line.rstrip("\r\n") for line in fh]


class _Corpora:
    """Reads each shared file at most once."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._lines: dict[str, list[str]] = {}
        self._sentences: dict | None = None  # the vocab_coverage file, {label: {"texts": [...]}}

    def lines(self, rel: str) -> list[str]:
        if rel not in self._lines:
            path = self.root / rel
            if not path.is_file():
                raise MissingDataError(
                    f"the speaker gold set needs {rel} under the data directory {self.root}, and "
                    f"{path} does not exist; point $ZHNEWS_DATA at the shared data folder "
                    f"(default: ../shared/data beside the checkout)"
                )
            self._lines[rel] = _read_lines(path)
        return self._lines[rel]

    def text(self, source: dict, record_id: str) -> str:
        rel = source["file"]
        if rel == VOCAB_SENTENCES:
            return self._sentence(source, record_id)
        lines = self.lines(rel)
        first = int(source["line"])
        last = int(source.get("last_line", first))
        if not 0 <= first <= last < len(lines):
            raise GoldDataError(
                f"{record_id}: lines {first}..{last} are outside {rel} ({len(lines)} lines)"
            )
        if rel == THUCNEWS_ARTICLES:
            if last != first:
                raise GoldDataError(f"{record_id}: a THUCNews article is one line")
            label, tab, text = lines[first].partition("\t")
            if not tab:
                raise GoldDataError(f"{record_id}: {rel} line {first} has no tab")
            if "label" in source and source["label"] != label:
                raise GoldDataError(f"{record_id}: {rel} line {first} has label {label!r}, "
                                    f"annotated {source['label']!r}")
            return text
        if rel == PEOPLE_DAILY:
            return source.get("join", "\n").join(people_daily_plain(lines[i]) for i in range(first, last + 1))
        if rel == LCSTS:
            if last != first or lines[first - 1].strip() != "<short_text>":
                raise GoldDataError(f"{record_id}: {rel} line {first} is no short text")
            return lines[first].strip()
        raise GoldDataError(f"{record_id}: no reader for {rel}")

    def _sentence(self, source: dict, record_id: str) -> str:
        """A sentence of the vocab_coverage file (read once): its `label`'s `index`-th text."""
        if self._sentences is None:
            path = self.root / VOCAB_SENTENCES
            if not path.is_file():
                raise MissingDataError(f"the gold set needs {VOCAB_SENTENCES} under the data directory {self.root}, "
                                       f"and {path} does not exist; point $ZHNEWS_DATA at the shared data folder")
            self._sentences = json.loads(path.read_text(encoding="utf-8"))
        texts = self._sentences.get(source.get("label"), {}).get("texts", [])
        index = int(source["index"])
        if not 0 <= index < len(texts):
            raise GoldDataError(f"{record_id}: no sentence {index} of label {source.get('label')!r} in {VOCAB_SENTENCES}")
        return texts[index]


def _check_text(record_id: str, source: dict, text: str) -> None:
    if "chars" in source and len(text) != source["chars"]:
        raise GoldDataError(
            f"{record_id}: rebuilt text has {len(text)} characters, annotated {source['chars']}; "
            f"{source['file']} differs from the file the gold set was annotated on"
        )
    if "sha1" in source and hashlib.sha1(text.encode("utf-8")).hexdigest() != source["sha1"]:
        raise GoldDataError(
            f"{record_id}: rebuilt text does not match its recorded SHA-1; {source['file']} differs "
            f"from the file the gold set was annotated on"
        )


def _records_with_text(path: str | Path, data_dir: str | Path | None):
    """(id, record, its text rebuilt and checked) for each JSON line of a gold file."""
    corpora = _Corpora(Path(data_dir) if data_dir is not None else default_data_dir())
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                record = json.loads(line)
                record_id = record.get("id", f"{path}:{n}")
                text = corpora.text(record["source"], record_id)
                _check_text(record_id, record["source"], text)
                yield record_id, record, text


def load_speaker_gold(path: str | Path | None = None, data_dir: str | Path | None = None) -> list[dict]:
    """Load the speaker gold set and rebuild its article texts from the shared corpora.

    `path` defaults to `tests/data/speakers_gold.jsonl`, `data_dir` to `models.data.data_dir()`.
    Returns one dict per article: `id`, `source`, `text`, `speakers` (each `name`, `role`,
    `aliases` (possibly empty), `statements` (exact substrings of `text`, in text order),
    `spans` (`[{"start", "end"}]`, aligned with `statements`), `summary`) and `notes` when present.
    Raises `MissingDataError` (a FileNotFoundError) naming the file when the data directory lacks
    a corpus, and `GoldDataError` when a rebuilt text or an offset does not fit the annotation.
    """
    articles = []
    for record_id, record, text in _records_with_text(path if path is not None else SPEAKER_GOLD_PATH, data_dir):
        speakers = []
        for sp in record["speakers"]:
            spans = sorted(((int(st["start"]), int(st["end"])) for st in sp["statements"]))
            for start, end in spans:
                if not 0 <= start < end <= len(text):
                    raise GoldDataError(
                        f"{record_id}: statement of {sp['name']} at {start}:{end} is outside "
                        f"the text ({len(text)} characters) or empty"
                    )
            speakers.append({
                "name": sp["name"],
                "role": sp.get("role"),
                "aliases": list(sp.get("aliases") or []),
                "statements": [text[s:e] for s, e in spans],
                "spans": [{"start": s, "end": e} for s, e in spans],
                "summary": sp.get("summary", ""),
            })
        article = {"id": record_id, "source": record["source"], "text": text, "speakers": speakers}
        for key in ("summary", "annotator", "notes"):  # the speech corpus's article summary and provenance
            if record.get(key):
                article[key] = record[key]
        articles.append(article)
    return articles


TOPIC_CORPUS = REPO_ROOT / "tests" / "data" / "topic_corpus"  # people_daily.jsonl, lcsts.jsonl (+ README.md, the guidelines)


def load_topic_gold(path: str | Path, data_dir: str | Path | None = None) -> list[tuple[str, list[str]]]:
    """(text, labels) of every article of a topic corpus file (`{"id", "source": as above, "labels": [primary,
    ...]}` a line; tests/data/topic_corpus/), texts rebuilt from the shared corpora and checked against their
    recorded length and SHA-1 as the speaker gold sets' are."""
    rows = []
    for record_id, record, text in _records_with_text(path, data_dir):
        if not record.get("labels") or not all(isinstance(l, str) and l for l in record["labels"]):
            raise GoldDataError(f"{record_id}: no labels, or a label that is not a name")
        rows.append((text, list(record["labels"])))
    return rows


def topic_gold_rows(path: str | Path, data_dir: str | Path | None = None) -> list[tuple[str, str]]:
    """`load_topic_gold` as labelled topic rows: (text, its labels joined as a multi-label row's are)."""
    return [(text, LABEL_SEPARATOR.join(labels)) for text, labels in load_topic_gold(path, data_dir)]


def topic_corpus_rows(path: str | Path, data_dir: str | Path | None = None) -> list[tuple[str, str]] | None:
    """`topic_gold_rows` when `path` is a topic corpus (JSON lines with `source` and `labels`, no `text`); None
    for any other file (a user's labelled JSONL or CSV)."""
    path = Path(path)
    if path.suffix.lower() != ".jsonl" or not path.is_file():
        return None
    with open(path, encoding="utf-8") as fh:
        first = next((line for line in fh if line.strip()), "")
    try:
        record = json.loads(first)
    except json.JSONDecodeError:
        return None
    if not isinstance(record, dict) or "text" in record or not {"source", "labels"} <= set(record):
        return None
    return topic_gold_rows(path, data_dir)


def gold_article_texts(data_dir: str | Path | None = None, file: str = THUCNEWS_ARTICLES) -> list[str]:
    """The text of every article of `file` (THUCNews; or PEOPLE_DAILY) annotated in a speaker gold set (the
    development and blind sets, every split of the speech corpus), read from the data directory without
    checking offsets."""
    corpora = _Corpora(Path(data_dir) if data_dir is not None else default_data_dir())
    paths = [SPEAKER_GOLD_PATH, SPEAKER_TEST_PATH, *sorted(SPEECH_CORPUS.glob("*.jsonl"))]
    texts = []
    for path in (p for p in paths if p.is_file()):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            source = json.loads(line)["source"] if line.strip() else {}
            if source.get("file") == file:
                texts.append(corpora.text(source, f"{path.name}:{n}"))
    return texts


def load_speaker_gold_file(path: str | Path) -> list[dict]:
    """Gold in the seed format (objects with `text`), or the dev set format (ids + offsets into shared/)."""
    path = Path(path)
    first = next((line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()), "")
    if first and "text" in json.loads(first):
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return load_speaker_gold(path, default_data_dir())


def load_seed_gold(examples_dir: str | Path | None = None) -> dict:
    """`seed_page.gold.json` with the page text (`seed_page.txt`) added as `text`.

    `examples_dir` defaults to `models.data.examples_dir()`. Each speaker also gets `spans`: the
    place of each statement in `text` (first free occurrence, see `metrics.locate_statements`).
    Raises `MissingDataError` when a file is missing and `GoldDataError` when a statement is not
    an exact substring of the page.
    """
    from zhnews.models.evaluation.metrics import locate_statements  # local import: metrics needs numpy

    root = Path(examples_dir) if examples_dir is not None else default_examples_dir()
    gold_path, text_path = root / "seed_page.gold.json", root / "seed_page.txt"
    for p in (gold_path, text_path):
        if not p.is_file():
            raise MissingDataError(
                f"{p} does not exist; point $ZHNEWS_EXAMPLES at the shared examples folder "
                f"(default: ../shared/examples beside the checkout)"
            )
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    with open(text_path, encoding="utf-8", newline="") as fh:
        text = fh.read()
    gold["text"] = text
    for sp in gold.get("speakers", []):
        try:
            spans = locate_statements(text, sp.get("statements", []))
        except ValueError as exc:
            raise GoldDataError(f"seed gold, speaker {sp.get('name')}: {exc}") from exc
        sp["spans"] = [{"start": s, "end": e} for s, e in spans]
    return gold
