"""`Analyzer`: the one object every front end uses (demo, batch, bench, eval).

    analyzer = Analyzer.from_pretrained()            # the shipped default, or a folder path
    analyzer.analyze(text).to_dict()                 # the JSON contract in models/schema.py
    analyzer.analyze_batch(texts)

Pipeline per article: normalise (HTML, Traditional -> Simplified, control characters; offsets kept)
-> page parsing (title / body / furniture) -> one encoder for topic windows and for body sentences
(NER tags + salience) -> rule-based attribution on the tagged names -> summaries -> offsets mapped
back to the input as given.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import torch

from models import folder as model_folder
from models.config import BaseSpec, LoraSpec
from models.encoding import topic_windows
from models.network import NER_LABELS, ZhnewsNet, add_lora, build_encoder, merge_lora
from models.schema import Analysis, Entity, InputError, Span, Speaker, Topic

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "default"


def default_model_dir() -> Path:
    return Path(os.environ.get("ZHNEWS_MODEL") or DEFAULT_MODEL_DIR)


class Analyzer:
    def __init__(self, net: ZhnewsNet, tokenizer, labels: list[str], config: dict):
        self.net = net.eval()
        self.tokenizer = tokenizer
        self.labels = labels
        self.config = config
        self.inference = {"chunk_tokens": 256, "max_chunks": 4, "sentence_tokens": 128,
                          "batch_size": 32, **config.get("inference", {})}
        self.temperature = float(config.get("temperature", 1.0))
        self._speech_config = None

    @property
    def speech_config(self):
        """Attribution rules' settings (reporting verbs etc.), extensible through config.json `speech`."""
        if self._speech_config is None:
            from models.speech import SpeechConfig

            self._speech_config = SpeechConfig(**self.config.get("speech", {}))
        return self._speech_config

    # ------------------------------------------------------------------ loading / saving
    @classmethod
    def from_pretrained(cls, path: str | Path | None = None, *, threads: int | None = None,
                        merge: bool = True) -> "Analyzer":
        """Load a model folder (default: $ZHNEWS_MODEL or the one shipped in models/default)."""
        if threads:
            torch.set_num_threads(threads)
        folder = Path(path) if path else default_model_dir()
        config = model_folder.read_config(folder)
        model_folder.check_tokenizer_files(folder)
        state = model_folder.load_weights(folder)
        labels = model_folder.labels_of(config)
        base = BaseSpec(**{k: v for k, v in config["base"].items() if k in ("name", "random")})
        from models.network import load_tokenizer

        try:
            tokenizer = load_tokenizer(folder)
        except Exception as exc:  # noqa: BLE001 - any tokenizer failure is reported with the file
            raise model_folder.ModelFolderError(f"{folder / 'tokenizer.json'}: cannot load tokenizer ({exc})")
        encoder, tokenizer = build_encoder(base, tokenizer)
        encoder = add_lora(encoder, LoraSpec(**config["lora"]))
        net = ZhnewsNet(encoder, n_topics=len(labels), n_ner=len(config["ner_labels"]))
        head = state.get("topic_head.weight")
        if head is None or head.shape[0] != len(labels):
            got = None if head is None else head.shape[0]
            raise model_folder.ModelFolderError(
                f"{folder / 'config.json'}: {len(labels)} labels in id2label but the topic head in "
                f"{folder / model_folder.WEIGHTS} has {got} outputs"
            )
        missing, unexpected = net.load_state_dict(state, strict=False)
        expected = set(net.trainable_state_dict())
        absent = sorted(expected & set(missing))
        if absent or unexpected:
            raise model_folder.ModelFolderError(
                f"{folder / model_folder.WEIGHTS}: weights do not fit this model "
                f"(missing {absent[:3]}, unexpected {list(unexpected)[:3]})"
            )
        if merge:
            merge_lora(net.encoder)
        return cls(net, tokenizer, labels, config)

    # ------------------------------------------------------------------ learned parts
    @torch.inference_mode()
    def topic_logits(self, texts: list[str]) -> np.ndarray:
        """Uncalibrated logits, averaged over up to `max_chunks` windows of each text."""
        ids, owners = topic_windows(self.tokenizer, texts, self.inference["chunk_tokens"],
                                    self.inference["max_chunks"])
        logits = self._pooled(ids, self.net.topic_logits, self.inference["batch_size"])
        out = np.zeros((len(texts), len(self.labels)), np.float64)
        counts = np.zeros(len(texts))
        for row, owner in enumerate(owners):
            out[owner] += logits[row]
            counts[owner] += 1
        return out / np.maximum(counts, 1)[:, None]

    def topic_probabilities(self, texts: list[str]) -> np.ndarray:
        """Calibrated probabilities: softmax(logits / T), T fitted on held-out data by training."""
        return softmax(self.topic_logits(texts) / self.temperature)

    def _pooled(self, ids: list[list[int]], head, batch_size: int) -> np.ndarray:
        """Run `head(states, mask)` over sequences, length-sorted so padding stays small."""
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        results: list = [None] * len(ids)
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            input_ids, mask = self._pad([ids[i] for i in idx])
            out = head(self.net.states(input_ids, mask), mask).float().numpy()
            for row, i in enumerate(idx):
                results[i] = out[row]
        return np.array(results) if results else np.zeros((0,))

    def _pad(self, seqs: list[list[int]]):
        width = max(len(s) for s in seqs)
        pad = self.tokenizer.pad_token_id
        input_ids = torch.full((len(seqs), width), pad, dtype=torch.long)
        mask = torch.zeros((len(seqs), width), dtype=torch.long)
        for row, seq in enumerate(seqs):
            input_ids[row, : len(seq)] = torch.tensor(seq)
            mask[row, : len(seq)] = 1
        return input_ids, mask

    @torch.inference_mode()
    def sentence_features(self, sentences: list[str]) -> tuple[list[list[Entity]], list[float]]:
        """Named entities (offsets within each sentence) and a salience score for each sentence."""
        if not sentences:
            return [], []
        enc = self.tokenizer(sentences, max_length=self.inference["sentence_tokens"], truncation=True,
                             return_offsets_mapping=True, padding=False)
        ner_labels = self.config["ner_labels"]
        entities: list[list[Entity]] = [[] for _ in sentences]
        salience = [0.0] * len(sentences)
        order = sorted(range(len(sentences)), key=lambda i: len(enc["input_ids"][i]))
        bs = self.inference["batch_size"]
        for start in range(0, len(order), bs):
            idx = order[start : start + bs]
            input_ids, mask = self._pad([enc["input_ids"][i] for i in idx])
            states = self.net.states(input_ids, mask)
            tags = self.net.ner_logits(states).argmax(-1).numpy()
            scores = self.net.salience(states, mask).float().numpy()
            for row, i in enumerate(idx):
                salience[i] = float(scores[row])
                n = len(enc["input_ids"][i])
                entities[i] = decode_bio(sentences[i], [ner_labels[t] for t in tags[row, :n]],
                                         enc["offset_mapping"][i])
        return entities, salience

    def find_names(self, sentences: list[str]) -> list[list[Entity]]:
        return self.sentence_features(sentences)[0]

    # ------------------------------------------------------------------ the contract
    def analyze(self, text: str) -> Analysis:
        return self.analyze_batch([text])[0]

    def analyze_batch(self, texts: list[str]) -> list[Analysis]:
        from models.pipeline import analyze_texts

        return analyze_texts(self, texts)


def softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(-1, keepdims=True)


def decode_bio(sentence: str, tags: list[str], offsets) -> list[Entity]:
    """Token BIO tags -> character spans. Special tokens have (0, 0) offsets and are skipped."""
    entities: list[Entity] = []
    current = None
    for tag, (a, b) in zip(tags, offsets):
        if a == b:
            continue
        kind = tag[2:] if tag != "O" else None
        if tag.startswith("B-") or (tag.startswith("I-") and (current is None or current[2] != kind)):
            if current:
                entities.append(current)
            current = [a, b, kind]
        elif tag.startswith("I-"):
            current[1] = b
        else:
            if current:
                entities.append(current)
            current = None
    if current:
        entities.append(current)
    out = []
    for a, b, kind in entities:
        # XLM-R pieces may carry a leading space ("▁王"); keep the span on visible characters.
        while a < b and sentence[a].isspace():
            a += 1
        if a < b:
            out.append(Entity(a, b, kind, sentence[a:b]))
    return out


__all__ = ["Analyzer", "InputError", "NER_LABELS", "Span", "Speaker", "Topic", "decode_bio"]
