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

from pathlib import Path

import numpy as np
import torch

from zhnews.models import folder as model_folder
from zhnews.models.config import BaseSpec, LoraSpec
from zhnews.models.encoding import pad_batch, sentence_encode, topic_windows
from zhnews.models.fastpath import fast_settings, precision_context, quantise_int8
from zhnews.models.ngram import NgramExpert
from zhnews.models.network import NER_LABELS, ZhnewsNet, add_lora, build_encoder, merge_lora
from zhnews.models.schema import Analysis, Entity, InputError, Span, Speaker, Topic
from zhnews.models.tagging import viterbi_bio

class DeviceError(ValueError):
    """The requested device does not exist here or cannot run this model."""


class Analyzer:
    def __init__(self, net: ZhnewsNet, tokenizer, labels: list[str], config: dict, fast: bool | dict = False,
                 ngram=None):
        self.net = net.eval()
        self.ngram = ngram  # optional character n-gram expert added to the topic logits (models/ngram.py)
        self.tokenizer = tokenizer
        self.labels = labels
        self.config = config
        # folders written before char tagging have no `sentence_tokenization`: they tagged pieces
        self.inference = {"chunk_tokens": 256, "max_chunks": 4, "sentence_tokens": 128,
                          "sentence_tokenization": "piece", "batch_size": 32, **config.get("inference", {})}
        self.temperature = float(config.get("temperature", 1.0))
        self._speech_config = None
        # None: the plain fp32 path; else the settings of models/fastpath.py (precision, windows ...)
        on = fast is True or isinstance(fast, dict)
        self.fast = fast_settings(config, fast if isinstance(fast, dict) else None) if on else None
        if self.fast and self.fast["precision"] == "int8":
            quantise_int8(self.net)

    @property
    def speech_config(self):
        """Attribution rules' settings (reporting verbs etc.), extensible through config.json `speech`."""
        if self._speech_config is None:
            from zhnews.models.speech import SpeechConfig

            self._speech_config = SpeechConfig(**self.config.get("speech", {}))
        return self._speech_config

    # ------------------------------------------------------------------ loading / saving
    @classmethod
    def from_pretrained(cls, path: str | Path | None = None, *, threads: int | None = None,
                        merge: bool = True, fast: bool | dict = True, device: str | None = None) -> "Analyzer":
        """Load a model folder (default: $ZHNEWS_MODEL or the one shipped in models/default).
        `fast` (default): the fast path of models/fastpath.py (a dict overrides its settings, e.g.
        {"precision": "int8"}); `fast=False`: plain fp32, every window and sentence through the encoder.
        The fast path needs the LoRA merge, so it implies `merge`. `device` ("cuda", "cuda:1"): where the
        encoder runs; default CPU."""
        if threads:
            torch.set_num_threads(threads)
        folder = model_folder.resolve_model(path)
        config = model_folder.read_config(folder)
        model_folder.check_tokenizer_files(folder)
        state = model_folder.load_weights(folder)
        labels = model_folder.labels_of(config)
        base = BaseSpec(**{k: v for k, v in config["base"].items() if k in ("name", "random", "layers")})
        from zhnews.models.network import load_tokenizer

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
        if merge or fast is not False:
            merge_lora(net.encoder)
        try:
            ngram = NgramExpert.load(folder)
        except (OSError, ValueError, KeyError) as exc:
            raise model_folder.ModelFolderError(f"{folder / 'ngram.safetensors'}: cannot load ({exc})") from None
        analyzer = cls(net, tokenizer, labels, config, fast=fast, ngram=ngram)
        if device:
            analyzer.to(device)
        return analyzer

    def to(self, device: str) -> "Analyzer":
        """Run the encoder on `device` ("cpu", "cuda", "cuda:1"); a clear error where it cannot."""
        try:
            target = torch.device(device)
        except RuntimeError as exc:
            raise DeviceError(f"unknown device {device!r} ({exc})") from None
        if target.type == "cuda" and not torch.cuda.is_available():
            raise DeviceError(f"device {device!r}: CUDA is not available on this machine")
        if target.type != "cpu" and self.fast and self.fast["precision"] == "int8":
            raise DeviceError("the int8 fast path (dynamic quantisation) runs on the CPU only")
        self.net.to(target)
        return self

    # ------------------------------------------------------------------ learned parts
    @torch.inference_mode()
    def topic_logits(self, texts: list[str]) -> np.ndarray:
        """Uncalibrated logits, averaged over up to `max_chunks` windows of each text (plus the n-gram
        expert's when the folder has one)."""
        max_chunks = self.fast["max_chunks"] if self.fast else self.inference["max_chunks"]
        ids, owners = topic_windows(self.tokenizer, texts, self.inference["chunk_tokens"], max_chunks)
        out = np.zeros((len(texts), len(self.labels)), np.float64)
        counts = np.zeros(len(texts))
        for idx in self._batches([len(s) for s in ids], self.inference["batch_size"]):
            input_ids, mask = self._pad([ids[i] for i in idx])
            logits = self.net.topic_logits(self._states(input_ids, mask), mask).float().cpu().numpy()
            for row, i in enumerate(idx):
                out[owners[i]] += logits[row]
                counts[owners[i]] += 1
        out /= np.maximum(counts, 1)[:, None]
        if self.ngram is not None:
            out += self.ngram.logits(texts)
        return out

    def topic_probabilities(self, texts: list[str]) -> np.ndarray:
        """Calibrated probabilities: softmax(logits / T), T fitted on held-out data by training."""
        return softmax(self.topic_logits(texts) / self.temperature)

    def _states(self, input_ids, mask) -> torch.Tensor:
        """Encoder states (fp32 for the heads); bf16 autocast inside on the fast path when configured."""
        with precision_context(self.fast["precision"] if self.fast else "fp32", input_ids.device.type):
            states = self.net.states(input_ids, mask)
        return states.float()

    def _batches(self, lengths: list[int], max_rows: int) -> list[list[int]]:
        """Indices in length order, cut into batches of at most `max_rows` rows and `batch_tokens`
        padded tokens: 16 articles' last windows (10-256 tokens) no longer pad to 256 together."""
        budget = self.inference.get("batch_tokens", 4096)
        batches: list[list[int]] = []
        for i in sorted(range(len(lengths)), key=lambda i: lengths[i]):
            if not batches or len(batches[-1]) >= max_rows or (len(batches[-1]) + 1) * lengths[i] > budget:
                batches.append([])
            batches[-1].append(i)
        return batches

    @property
    def device(self) -> torch.device:
        """Where the encoder's weights are: inputs follow them (CPU here; CUDA when trained or loaded there)."""
        return self.net.device

    def _pad(self, seqs: list[list[int]]):
        input_ids, mask = pad_batch(seqs, self.tokenizer.pad_token_id)
        return input_ids.to(self.device), mask.to(self.device)

    @torch.inference_mode()
    def sentence_features(self, sentences: list[str]) -> tuple[list[list[Entity]], list[float]]:
        """Named entities (offsets within each sentence) and a salience score for each sentence."""
        if not sentences:
            return [], []
        all_ids, all_offsets = sentence_encode(self.tokenizer, sentences, self.inference["sentence_tokens"],
                                               self.inference["sentence_tokenization"])
        ner_labels = self.config["ner_labels"]
        entities: list[list[Entity]] = [[] for _ in sentences]
        salience = [0.0] * len(sentences)
        for idx in self._batches([len(s) for s in all_ids], self.inference["batch_size"]):
            input_ids, mask = self._pad([all_ids[i] for i in idx])
            states = self._states(input_ids, mask)
            log_probs = torch.log_softmax(self.net.ner_logits(states).float(), -1).cpu().numpy()
            scores = self.net.salience(states, mask).float().cpu().numpy()
            for row, i in enumerate(idx):
                salience[i] = float(scores[row])
                n = len(all_ids[i])
                tags = viterbi_bio(log_probs[row, :n], ner_labels)
                entities[i] = decode_bio(sentences[i], [ner_labels[t] for t in tags], all_offsets[i])
        return entities, salience

    def find_names(self, sentences: list[str]) -> list[list[Entity]]:
        return self.sentence_features(sentences)[0]

    # ------------------------------------------------------------------ the contract
    def analyze(self, text: str) -> Analysis:
        return self.analyze_batch([text])[0]

    def analyze_batch(self, texts: list[str]) -> list[Analysis]:
        from zhnews.models.pipeline import analyze_texts

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
