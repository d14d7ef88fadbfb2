"""Graft one folder's tagging pass onto another folder's topic pass: `zhnews graft`.

Why: the tagging pass reads every sentence of an article (~1,190 tokens of a ~1,100-character one, `zhnews
bench`), the topic pass one window of at most 96 tokens on the fast path (128 when this was written). The 5-layer student's tagger reads
names better than its 12-layer teacher's (held-out PER F1 People's Daily 0.902 / 0.864, MSRA 0.891 / 0.866)
while its topic pass stays below the teacher's on the THUCNews titles (88.40 / 89.00%). A folder with the
teacher's topic pass and the student's tagger keeps the teacher's topics exactly and the student's names,
speakers and summaries, and costs 128 x 12 + 1,190 x 5 = 7,490 layer-tokens an article against 15,830 for the
teacher and 6,590 for the student (`zhnews batch` of the 800 THUCNews articles: 0.9x the student's
articles/s, 1.7x the teacher's).

The two folders must share the base (name and SHA-256), the tokenizer and the NER labels, and the
tagger's depth cannot exceed the topic pass's: the grafted tagging pass is the first `layers` layers (or the
listed ones) of the same base with the tagger's own adapters (config.json `tag_pass`, read by
`models/model.build_passes`).
Nothing is trained; the written folder is measured like any other (`zhnews eval`, speaker figures).

`blend`: the tagging pass may be a weight-space average of two taggers trained from the same start ("model
soup", Wortsman et al. 2022): the student's, and a stage that read Weibo's long sentences whole but lost MSRA
names (docs/experiments.md, session 28). Each adapted layer's update B·A is averaged exactly and cut back to
the tagger's LoRA rank by SVD (the best approximation of that rank: same shape, same folder size).
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from zhnews.models import folder as model_folder
from zhnews.models.article_summary import WEIGHTS_FILE as ARTICLE_SUMMARY_FILE
from zhnews.models.config import layer_reach
from zhnews.models.folder import calibration_of
from zhnews.models.name_edges import FILE as NAME_EDGES_FILE
from zhnews.models.speaker_summary import WEIGHTS_FILE as SUMMARY_FILE
from zhnews.train.card import graft_card

TOPIC_KEYS = ("encoder.", "topic_head.")
TAG_HEADS = ("ner_head.", "salience_head.")
TOPIC_FILES = ("ngram.safetensors", "ngram_vocab.json", "tokenizer.json", "tokenizer_config.json")
# fitted on the tagging pass's output or layers: the tagger folder's (a blend, other layers, drops the last two)
TAG_FILES = ("continuation.safetensors", NAME_EDGES_FILE, ARTICLE_SUMMARY_FILE)
# SUMMARY_FILE, the learned speaker summary, reads no encoder state (hashed clause features): the tagger
# folder's, else the topic folder's, so a graft of a freshly trained tagger keeps one


class GraftError(ValueError):
    """Two folders whose passes cannot be put together."""


def tagger_weights(weights: dict) -> dict:
    """A folder's tagging pass as `tag_encoder.*` tensors + its NER and salience heads: its own adapter
    set when it has one, else its shared adapters (the tagging pass read those). The embeddings stay the
    topic pass's (shared, frozen); a random test base's whole layers come along with its adapters."""
    prefix = "tag_encoder." if any(n.startswith("tag_encoder.") for n in weights) else "encoder."
    out = {"tag_encoder." + n[len(prefix):]: v for n, v in weights.items()
           if n.startswith(prefix) and not n.startswith(prefix + "embeddings.")}
    return {**out, **{n: v for n, v in weights.items() if n.startswith(TAG_HEADS)}}


def blend_taggers(first: dict, second: dict, share: float, rank: int) -> dict:
    """`tagger_weights` of (1 - share) x `first` + share x `second`: every LoRA update B·A averaged, then
    B = U·sqrt(S), A = sqrt(S)·Vh of its first `rank` singular values; heads averaged; any other tensor (a
    random test base's layers) must be equal. Both taggers must have the same adapter shape (and scale)."""
    import torch

    if set(first) != set(second) or any(first[n].shape != second[n].shape for n in first):
        raise GraftError("the two taggers to blend have different adapters or heads")
    out = {}
    for name, a in first.items():
        b = second[name]
        if ".lora_B." in name:
            continue  # written with its lora_A
        if ".lora_A." in name:
            up = name.replace(".lora_A.", ".lora_B.")
            update = ((1 - share) * first[up].float() @ a.float() + share * second[up].float() @ b.float())
            u, sv, vh = torch.linalg.svd(update, full_matrices=False)
            root = sv[:rank].sqrt()
            out[up], out[name] = (u[:, :rank] * root).to(a.dtype), (root[:, None] * vh[:rank]).to(a.dtype)
        elif name.startswith(TAG_HEADS):
            out[name] = ((1 - share) * a.float() + share * b.float()).to(a.dtype)
        elif not torch.equal(a, b):
            raise GraftError(f"the two taggers to blend differ in {name}, which is not an adapter or a head")
        else:
            out[name] = a
    return out


def same_tokenizer(first: Path, second: Path) -> None:
    """Raise GraftError unless two folders ship the same tokenizer.json, byte for byte."""
    if (first / "tokenizer.json").read_bytes() != (second / "tokenizer.json").read_bytes():
        raise GraftError(f"{first} and {second} have different tokenizers")


def same_base(topic_weights: dict, tag_weights: dict) -> bool:
    """Whether two folders that ship their base (random test bases) ship the same one: every base
    tensor they both hold is equal. Folders on a materialised base hold adapters only: True."""
    shared = {n for n in topic_weights if n.startswith("encoder.") and ".lora_" not in n} & set(tag_weights)
    return all(topic_weights[n].shape == tag_weights[n].shape and bool((topic_weights[n] == tag_weights[n]).all())
               for n in shared)


def graft_config(topics: dict, tags: dict, topic_path: Path | str = "", tag_path: Path | str = "") -> dict:
    """config.json of the grafted folder: the topic folder's (labels, calibration, inference sizes), its
    tagging pass described by `tag_pass`; raises GraftError where the two cannot share an encoder."""
    for key in ("name", "random", "sha256"):
        if topics["base"].get(key) != tags["base"].get(key):
            raise GraftError(f"base.{key} differs: {topics['base'].get(key)!r} and {tags['base'].get(key)!r}")
    if topics["ner_labels"] != tags["ner_labels"]:
        raise GraftError(f"NER labels differ: {topics['ner_labels']} and {tags['ner_labels']}")
    depth = tags.get("tag_pass", {}).get("layers") or tags["base"].get("layers")
    reach = layer_reach(topics["base"].get("layers"))
    if reach and (depth is None or layer_reach(depth) > reach):
        raise GraftError(f"the tagger reads {depth or 'all'} layers, the topic pass only {topics['base']['layers']}")
    lora = tags.get("tag_pass", {}).get("lora") or tags["lora"]
    # the topic folder's training record stays: its data spec rebuilds the held-out splits `zhnews eval`
    # scores (both shipped folders record the same held-out rows); the tagger's is kept under `graft`
    out = {k: v for k, v in topics.items()
           if k not in ("tag_pass", "continuation", "speaker_summary", "graft", "metrics", "names_lexicon",
                        "article_summary")}
    out.update(tag_adapter=True, tag_pass={"layers": depth, "lora": lora}, names=tags.get("names", topics.get("names")))
    # heads of the speech rules and the tagger's dictionary correction: the tagger's folder's (graft falls
    # back to the topic folder's summary; a blend drops the correction and the article summary, fitted for another
    # tagger)
    for key in ("continuation", "speaker_summary", "names_lexicon", "article_summary"):
        if key in tags:
            out[key] = tags[key]
    out["graft"] = {"topics": str(topic_path), "tags": str(tag_path), "tags_training": tags.get("training"),
                    **({"tags_graft": tags["graft"]} if tags.get("graft") else {})}  # a grafted tagger's own record
    return out


def graft(topic_folder: str | Path, tag_folder: str | Path, out: str | Path, *,
          blend: str | Path | None = None, share: float = 0.0) -> Path:
    """Write `out`: `topic_folder`'s topic pass (adapters, head, n-gram expert, calibration, tokenizer)
    with `tag_folder`'s tagging pass (adapters, NER and salience heads, speaker-summary head, else the
    topic folder's), or with `blend_taggers` of it and `blend`'s (`share`: the blended folder's part,
    between 0 and 1). Returns the folder; its card says where each part came from, and its figures once
    `measure` has run."""
    from safetensors.torch import save_file

    topic_path, tag_path = model_folder.resolve_model(topic_folder), model_folder.resolve_model(tag_folder)
    topics, tags = model_folder.read_config(topic_path), model_folder.read_config(tag_path)
    same_tokenizer(topic_path, tag_path)
    config = graft_config(topics, tags, topic_folder, tag_folder)  # as the user named them (a shipped name)
    topic_weights, tag_weights = model_folder.load_weights(topic_path), model_folder.load_weights(tag_path)
    if not same_base(topic_weights, tag_weights):
        raise GraftError(f"{topic_path} and {tag_path} ship different base weights (random test bases)")
    state = {n: v for n, v in topic_weights.items() if n.startswith(TOPIC_KEYS)}
    tagger = tagger_weights(tag_weights)
    if blend is not None:
        tagger = blended_tagger(tagger, config, topics, topic_path, blend, share)
        config.pop("names_lexicon", None)
        config.pop("article_summary", None)  # adapters trained on the tagger's layers, which the blend moves
    state.update(tagger)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for name in ("metrics.json", SUMMARY_FILE) + TAG_FILES:  # grafted again: no figures or heads of the last
        (out / name).unlink(missing_ok=True)
    # fp16 adapters, as every folder with a second adapter set: 2.7 + 2.2 MB instead of 5.4 + 4.4, which
    # keeps the grafted folder under issue 14's 25 MB (cast back to fp32 on loading).
    save_file({k: (v.half() if ".lora_" in k else v).contiguous() for k, v in state.items()},
              str(out / model_folder.WEIGHTS), metadata={"format": "pt"})
    for src, names in ((topic_path, TOPIC_FILES), (tag_path, TAG_FILES)):
        for name in names:
            if (src / name).is_file() and not (blend is not None and name in (NAME_EDGES_FILE, ARTICLE_SUMMARY_FILE)):
                shutil.copyfile(src / name, out / name)
    summary_path, summary_config = (tag_path, tags) if "speaker_summary" in tags else (topic_path, topics)
    if "speaker_summary" in summary_config and (summary_path / SUMMARY_FILE).is_file():
        config["speaker_summary"] = summary_config["speaker_summary"]
        shutil.copyfile(summary_path / SUMMARY_FILE, out / SUMMARY_FILE)
    (out / "config.json").write_text(json.dumps(config, ensure_ascii=False, indent=2), encoding="utf-8")
    (out / "README.md").write_text(graft_card(config), encoding="utf-8")
    return out


def blended_tagger(tagger: dict, config: dict, topics: dict, topic_path: Path, blend: str | Path,
                   share: float) -> dict:
    """`tagger` blended with folder `blend`'s tagging pass, which must graft onto the same topic pass
    with the same depth and adapter shape; records the blend in `config["graft"]`."""
    if not 0 < share < 1:
        raise GraftError(f"the blended folder's share must lie between 0 and 1, got {share}")
    path = model_folder.resolve_model(blend)
    blend_config = model_folder.read_config(path)
    other = graft_config(topics, blend_config)
    if other["tag_pass"] != config["tag_pass"]:
        raise GraftError(f"{path}'s tagging pass {other['tag_pass']} cannot be blended with {config['tag_pass']}")
    same_tokenizer(topic_path, path)
    config["graft"]["blend"] = {"with": str(blend), "share": share, "training": blend_config.get("training"),
                                **({"graft": blend_config["graft"]} if blend_config.get("graft") else {})}
    return blend_taggers(tagger, tagger_weights(model_folder.load_weights(path)), share, config["tag_pass"]["lora"]["r"])


def measure(folder: str | Path, *, speakers: bool = False, log=print) -> dict:
    """Measure a grafted folder as training measures a trained one (train/evaluate.py, plain fp32 over
    every window): topics per held-out split with the transformer alone and with the expert, the
    calibration fitted again on the even-numbered held-out rows, the TF-IDF baselines, the held-out
    names; with `speakers`, every speaker gold set (train/speaker_figures.py; ~1 article/s here).
    Writes metrics.json, the temperatures and the card; returns the figures."""
    from zhnews.models.evaluation.splits import recorded_splits
    from zhnews.models.model import ZhnewsModel
    from zhnews.train.evaluate import evaluate_training
    from zhnews.train.speaker_figures import speaker_figures

    folder = Path(folder)
    model = ZhnewsModel.from_pretrained(folder)
    splits = recorded_splits(model.config)
    if splits is None:
        raise GraftError(f"{folder}: the topic folder records no training data, so there are no held-out rows")
    tagging = recorded_splits(model.config, tagger=True)  # names: the sentences the tagger folder held out
    splits.ner_train, splits.ner_val, splits.ner_val_sources = tagging.ner_train, tagging.ner_val, tagging.ner_val_sources
    ngram, model.ngram = model.ngram, None  # evaluate_training scores the transformer alone, then adds it
    report = evaluate_training(model, splits, log=log, ngram=ngram)
    if speakers:
        report["speakers"] = speaker_figures(model, log=log)
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    config.update(calibration_of(model.config))
    (folder / "config.json").write_text(json.dumps(config, ensure_ascii=False, indent=2), encoding="utf-8")
    (folder / "metrics.json").write_text(json.dumps(report, ensure_ascii=False, indent=1, default=float), encoding="utf-8")
    (folder / "README.md").write_text(graft_card(config, report, ngram), encoding="utf-8")
    return report
