"""`ZhnewsModel`: the one model object. It owns the network (encoder + LoRA + heads), the tokenizer,
the labels, the calibration, the n-gram expert, the card and (when the folder has one) the learned
speech-continuation head, loads and saves a model folder, and offers the encoder passes the pipeline
calls (topics; names + salience + pooled states per sentence).

    model = ZhnewsModel.from_pretrained("small")            # a shipped name or a folder
    model.topic_probabilities(texts, settings)              # calibrated, one row per text
    model.sentence_features(sentences, settings)            # entities + salience per sentence
    model.save_pretrained("my-model")                       # config.json, safetensors, tokenizer, card

It knows nothing of pages, speakers or summaries (it only carries the weights of the continuation head
and of the learned summaries): models/pipeline.py turns text into an `Analysis` by calling it, never the reverse.
"""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import torch

from zhnews.models import folder as model_folder
from zhnews.models.article_summary import ArticleSummaryHead
from zhnews.models.config import BaseSpec, LoraSpec
from zhnews.models.encoding import (chunks, flat_text, pack_rows, packed_batch, pad_batch, sentence_encode,
                                    token_batches, topic_windows)
from zhnews.models.lexicon import NameLexicon
from zhnews.models.multilabel import at_least_one, sigmoid
from zhnews.models.name_edges import FILE as NAME_EDGES_FILE, NameEdges
from zhnews.models.ngram import NgramExpert
from zhnews.models.network import (ZhnewsNet, add_lora, build_encoder, keep_layers, load_tokenizer, mean_pool,
                                    tag_encoder_from, without_merged_adapters)
from zhnews.models.precision import effective_attention, effective_precision, precision_context
from zhnews.models.schema import Entity
from zhnews.models.settings import InferenceSettings
from zhnews.models.speaker_summary import SpeakerSummaryHead
from zhnews.models.tagging import decode_bio, viterbi_bio


class DeviceError(ValueError):
    """The requested device does not exist here or cannot run this model."""


class ZhnewsModel:
    def __init__(self, net: ZhnewsNet, tokenizer, config: dict, *, ngram: NgramExpert | None = None,
                 card: str = "", metrics: dict | None = None, weights: dict[str, torch.Tensor] | None = None):
        self.net = net.eval()
        self.tokenizer = tokenizer
        self.config = config  # config.json as a dict: labels, base, LoRA, inference sizes, training spec
        self.labels = model_folder.labels_of(config)
        self.ngram = ngram  # optional character n-gram expert added to the topic logits (models/ngram.py)
        self.card = card
        self.metrics = metrics
        # the weights as read, kept for saving once the adapters are merged into the encoder (a merged
        # encoder does not split back into base + adapters exactly); None: the net's own are written
        self.weights = weights
        self.quantised = False
        self.runs_bf16 = False  # linear layers and embeddings stored in bf16 for the CPU fast path (bf16_weights)
        self._lexicon: tuple[dict, NameLexicon] | None = None  # (the config value, parsed) for `lexicon`
        self.name_edges: NameEdges | None = None  # the learned check of persons' edges (models/name_edges.py)
        # the learned speech-continuation head (models/speech/continuation.py), when the folder has one;
        # None: attribution by the rules alone (every folder before it)
        self.continuation = None
        # the learned per-speaker summary (models/speaker_summary.py); None: the rule (models/summarize.py)
        self.speaker_summary = None
        # the learned article summary (models/article_summary.py, its own copy of the tagging layers); None: the rule
        self.article_summary = None

    # ------------------------------------------------------------------ loading / saving
    @classmethod
    def from_pretrained(cls, path: str | Path | None = None, *, merge: bool = True,
                        device: str | None = None, threads: int | None = None) -> "ZhnewsModel":
        """Load a model folder: a path, a shipped name (`default`, `small`, `teacher`), or None for $ZHNEWS_MODEL
        or the shipped default. `merge` folds the LoRA adapters into the encoder (inference costs
        what the bare base costs); `device` ("cuda", "cuda:1"): where the encoder runs."""
        if threads:
            torch.set_num_threads(threads)
        folder = model_folder.resolve_model(path)
        config = model_folder.read_config(folder)
        model_folder.check_tokenizer_files(folder)
        state = model_folder.load_weights(folder)
        labels = model_folder.labels_of(config)
        try:
            tokenizer = load_tokenizer(folder)
        except Exception as exc:  # noqa: BLE001 - any tokenizer failure is reported with the file
            raise model_folder.ModelFolderError(f"{folder / 'tokenizer.json'}: cannot load tokenizer ({exc})")
        base = BaseSpec(**{k: v for k, v in config["base"].items() if k in ("name", "random", "layers")})
        encoder, tokenizer = build_encoder(base, tokenizer)
        net = ZhnewsNet(*build_passes(encoder, config), n_topics=len(labels), n_ner=len(config["ner_labels"]))
        head = state.get("topic_head.weight")
        if head is None or head.shape[0] != len(labels):
            got = None if head is None else head.shape[0]
            raise model_folder.ModelFolderError(
                f"{folder / 'config.json'}: {len(labels)} labels in id2label but the topic head in "
                f"{folder / model_folder.WEIGHTS} has {got} outputs"
            )
        missing, unexpected = net.load_state_dict(state, strict=False)
        absent = sorted(set(net.trainable_state_dict()) & set(missing))
        if absent or unexpected:
            raise model_folder.ModelFolderError(
                f"{folder / model_folder.WEIGHTS}: weights do not fit this model "
                f"(missing {absent[:3]}, unexpected {list(unexpected)[:3]})"
            )
        if merge:  # each LoRA layer folded and swapped for the plain layer it became: peft's wrapper costs ~20 us
            for enc in net.encoders():  # a call, 132 calls the seed page (6 linear layers x 12 + 5 + 5 layers)
                without_merged_adapters(enc)
        try:
            ngram = NgramExpert.load(folder)
        except (OSError, ValueError, KeyError) as exc:
            raise model_folder.ModelFolderError(f"{folder / 'ngram.safetensors'}: cannot load ({exc})") from None
        card = (folder / "README.md").read_text(encoding="utf-8") if (folder / "README.md").is_file() else ""
        metrics_path = folder / "metrics.json"
        metrics = json.loads(metrics_path.read_text(encoding="utf-8")) if metrics_path.is_file() else None
        model = cls(net, tokenizer, config, ngram=ngram, card=card, metrics=metrics, weights=state if merge else None)
        model.continuation = load_continuation(folder, config)
        try:
            model.lexicon  # noqa: B018 - parsed once here, so a bad `names_lexicon` fails at load
        except ValueError as exc:
            raise model_folder.ModelFolderError(f"{folder / 'config.json'}: {exc}") from None
        try:
            model.speaker_summary = SpeakerSummaryHead.load(folder, config)
            model.article_summary = ArticleSummaryHead.load(folder, config, net.tag_encoder or net.encoder)
            model.name_edges = NameEdges.load(folder)
        except (KeyError, ValueError) as exc:
            raise model_folder.ModelFolderError(str(exc)) from None
        return model.to(device) if device else model

    def save_pretrained(self, folder: str | Path) -> Path:
        """Write the folder `from_pretrained` reads: config.json, model.safetensors (adapters + heads;
        a random test base ships its whole encoder), the tokenizer, the n-gram expert, the card
        (README.md) and metrics.json."""
        if self.quantised:
            raise ValueError("an int8-quantised model cannot be saved; load the folder again without int8")
        if self.continuation is not None:
            self.config["continuation"] = self.continuation.config()
        else:
            self.config.pop("continuation", None)
        for key in ("speaker_summary", "article_summary"):
            if getattr(self, key) is None:
                self.config.pop(key, None)
            else:
                self.config[key] = getattr(self, key).config()
        state = self.weights if self.weights is not None else self.net.shipped_state_dict(
            whole_encoder=self.config["base"].get("random") is not None)
        folder = model_folder.write_folder(folder, state=state, tokenizer=self.tokenizer, config=self.config,
                                           card=self.card)
        if self.ngram is not None:
            self.ngram.save(folder)
        if self.continuation is not None:
            self.continuation.save(folder)
        for head in (self.speaker_summary, self.article_summary):
            if head is not None:
                head.save(folder)
        if self.name_edges is not None:
            self.name_edges.save(folder)
        else:
            (folder / NAME_EDGES_FILE).unlink(missing_ok=True)  # a folder written again without its check
        if self.metrics is not None:
            (folder / "metrics.json").write_text(json.dumps(self.metrics, ensure_ascii=False, indent=1, default=float),
                                                 encoding="utf-8")
        return folder

    def to(self, device: str) -> "ZhnewsModel":
        """Run the encoder on `device` ("cpu", "cuda", "cuda:1"); a clear error where it cannot."""
        try:
            target = torch.device(device)
        except RuntimeError as exc:
            raise DeviceError(f"unknown device {device!r} ({exc})") from None
        if target.type == "cuda" and not torch.cuda.is_available():
            raise DeviceError(f"device {device!r}: CUDA is not available on this machine")
        if target.type != "cpu" and self.quantised:
            raise DeviceError("the int8 fast path (dynamic quantisation) runs on the CPU only")
        self.net.to(target)
        if self.article_summary is not None:
            self.article_summary.to(target)
        return self

    def quantise_int8(self) -> None:
        """int8 dynamic quantisation of the encoder's Linear layers (activation scales per batch), after
        the LoRA merge, which leaves plain Linear layers. CPU only; measured 1-4 points of topic accuracy."""
        from torch.ao.quantization import quantize_dynamic

        if self.device.type != "cpu":
            raise DeviceError("the int8 fast path (dynamic quantisation) runs on the CPU only")
        if not self.quantised:
            self.net.encoder = quantize_dynamic(self.net.encoder, {torch.nn.Linear}, dtype=torch.qint8)
            if self.net.tag_encoder is not None:
                self.net.tag_encoder = quantize_dynamic(self.net.tag_encoder, {torch.nn.Linear}, dtype=torch.qint8)
            if self.article_summary is not None:  # (its head stays fp32: one output)
                head = self.article_summary
                head.encoder = quantize_dynamic(head.encoder, {torch.nn.Linear}, dtype=torch.qint8)
            self.quantised = True

    def bf16_weights(self) -> None:
        """Keep the word-piece embeddings and the encoders' linear layers in bf16 for a fast path that runs under
        bf16 autocast on the CPU; every other weight is copied out of the base's memory mapping (then released).
        Embeddings: the base is read memory-mapped, and the pages of its embedding matrix (250,037 pieces x 384 =
        366 MiB in fp32) joined the process's resident memory as texts touched new pieces: `zhnews batch`'s
        largest process peaked just over 2 GB (issue 16); their sum with the position embeddings is still taken
        in fp32 (type promotion), where autocast rounds the layers' inputs to bf16 anyway. Linear layers:
        autocast rounded each weight to bf16 again at every call (nothing is cached outside training), the same
        values this stores once: the same outputs, the seed page 139.2 against 154.6 ms (session 51). The heads
        stay fp32. The model then serves the bf16 path only (`runs_bf16`: `_states` refuses another precision)."""
        embeddings = self.net.encoder.embeddings.word_embeddings  # (the tagging pass shares this module)
        if self.device.type != "cpu" or self.quantised or self.runs_bf16:
            return  # (done already: a second Analyzer over the same model copies nothing again)
        layers = {id(p) for enc in self.encoders() for name, m in enc.named_modules()
                  if isinstance(m, torch.nn.Linear) and ".layer." in f".{name}" for p in m.parameters()}
        with torch.no_grad():
            for module in self.net.modules():
                for name, tensor in [*module.named_parameters(recurse=False), *module.named_buffers(recurse=False)]:
                    if tensor is not None:
                        bf16 = module is embeddings and name == "weight" or id(tensor) in layers
                        tensor.data = tensor.data.to(torch.bfloat16) if bf16 else tensor.data.clone()
            if self.article_summary is not None:  # its own copies of the tagging layers
                for p in self.article_summary.encoder.parameters():
                    if id(p) in layers:
                        p.data = p.data.to(torch.bfloat16)
        self.runs_bf16 = True

    def encoders(self) -> list[torch.nn.Module]:
        """Every encoder the folder runs: the topic and tagging passes, the article summary's layers."""
        return [*self.net.encoders(), *([self.article_summary.encoder] if self.article_summary is not None else [])]

    @property
    def device(self) -> torch.device:
        """Where the encoder's weights are: inputs follow them (CPU here; CUDA when loaded there)."""
        return self.net.device

    @property
    def temperature(self) -> float:
        """Calibration: probabilities are softmax(logits / T); T is fitted on held-out data by training."""
        return float(self.config.get("temperature", 1.0))

    @temperature.setter
    def temperature(self, value: float) -> None:
        self.config["temperature"] = float(value)

    @property
    def topic_mode(self) -> str:
        """"single" (softmax over the labels; every folder before v2 records none) or "multi" (one
        calibrated sigmoid per label: models/multilabel.py)."""
        return self.config.get("topic_mode", "single")

    @property
    def temperatures(self) -> np.ndarray:
        """Multi-label calibration: one temperature per label (config.json `temperatures`), else 1."""
        return np.array(self.config.get("temperatures") or [1.0] * len(self.labels), np.float64)

    @temperatures.setter
    def temperatures(self, values) -> None:
        self.config["temperatures"] = [float(v) for v in values]

    @property
    def calibration_bias(self) -> np.ndarray:
        """Multi-label calibration: a bias per label after the temperature (config.json `calibration_bias`, since
        session 44 one value shared by all labels); 0 for a folder calibrated by temperatures alone."""
        return np.array(self.config.get("calibration_bias") or [0.0] * len(self.labels), np.float64)

    @calibration_bias.setter
    def calibration_bias(self, values) -> None:
        self.config["calibration_bias"] = [float(v) for v in values]

    def calibrated(self, logits: np.ndarray) -> np.ndarray:
        """Multi-label probabilities of topic logits: sigmoid(z / T_label + b_label), given at least one topic
        where the folder says so (config.json `calibration_at_least_one`; models/multilabel.py)."""
        p = sigmoid(logits / self.temperatures + self.calibration_bias)
        return at_least_one(p) if self.calibrates_at_least_one else p

    @property
    def calibrates_at_least_one(self) -> bool:
        return bool(self.config.get("calibration_at_least_one", False))

    @property
    def ner_labels(self) -> list[str]:
        return self.config["ner_labels"]

    @property
    def lexicon(self) -> NameLexicon | None:
        """The dictionary correction of the tagger's person tags (models/lexicon.py; config.json
        `names_lexicon`, fitted by train/lexicon.py), None where the folder has none: the tagger alone."""
        value = self.config.get("names_lexicon")
        if value is None:
            return None
        if self._lexicon is None or self._lexicon[0] is not value:
            self._lexicon = (value, NameLexicon.from_config(value))
        return self._lexicon[1]

    @lexicon.setter
    def lexicon(self, value: NameLexicon | None) -> None:
        self._lexicon = None
        if value is None:
            self.config.pop("names_lexicon", None)
        else:
            self.config["names_lexicon"] = value.to_config()

    def default_settings(self, fast: bool | dict = False) -> InferenceSettings:
        """This folder's settings: plain fp32 over every window (`fast=False`) or the fast path."""
        return InferenceSettings.for_model(self.config, fast)

    # ------------------------------------------------------------------ encoder passes
    @torch.inference_mode()
    def topic_logits(self, texts: list[str], settings: InferenceSettings | None = None) -> np.ndarray:
        """Uncalibrated logits, averaged over up to `max_chunks` windows of each text (plus the n-gram
        expert's when the folder has one)."""
        if not texts:  # the tokenizer fails on an empty batch (a source with no held-out rows)
            return np.zeros((0, len(self.labels)), np.float64)
        settings = settings or self.default_settings()
        texts = self.topic_inputs(texts, settings)
        ids, owners = topic_windows(self.tokenizer, texts, settings.chunk_tokens, settings.max_chunks)
        out = np.zeros((len(texts), len(self.labels)), np.float64)
        counts = np.zeros(len(texts))
        for idx in token_batches([len(s) for s in ids], settings):
            input_ids, mask = self._pad([ids[i] for i in idx])
            logits = self.net.topic_logits(self._states(input_ids, mask, settings), mask).float().cpu().numpy()
            for row, i in enumerate(idx):
                out[owners[i]] += logits[row]
                counts[owners[i]] += 1
        out /= np.maximum(counts, 1)[:, None]
        if self.ngram is not None:
            out += self.ngram.logits(texts)
        return out

    def topic_inputs(self, texts: list[str], settings: InferenceSettings | None = None) -> list[str]:
        """The texts as the topic pass and its n-gram expert read them: as given, or with their layout gone
        when the folder's recipe read its training rows so (`flat_topic_text`)."""
        if (settings or self.default_settings()).flat_topic_text:
            return [flat_text(t) for t in texts]
        return list(texts)

    def topic_probabilities(self, texts: list[str], settings: InferenceSettings | None = None) -> np.ndarray:
        """Calibrated probabilities: softmax(logits / T), T fitted on held-out data by training; in
        multi-label mode sigmoid(logits / T_label + b_label) per label (`calibrated`), which do not sum to 1."""
        logits = self.topic_logits(texts, settings)
        if self.topic_mode == "multi":
            return self.calibrated(logits)
        return softmax(logits / self.temperature)

    @torch.inference_mode()
    def sentence_features(self, sentences: list[str], settings: InferenceSettings | None = None, *,
                          vectors: bool = False):
        """Named entities (offsets within each sentence) and a salience score for each sentence: both
        heads read one encoder pass. `vectors`: also return each sentence's mean-pooled encoder states
        (float32, one row a sentence) from that same pass, for the learned speech continuation
        (models/speech/continuation.py): a third value, at no extra encoder cost."""
        if not sentences:
            return ([], [], np.zeros((0, 0), np.float32)) if vectors else ([], [])
        settings = settings or self.default_settings()
        all_ids, all_offsets = sentence_encode(self.tokenizer, sentences, settings.sentence_tokens,
                                               settings.sentence_tokenization)
        entities: list[list[Entity]] = [[] for _ in sentences]
        salience = [0.0] * len(sentences)
        pooled: np.ndarray | None = None
        for idx, states, mask in self._tagging_batches(all_ids, settings):
            log_probs = torch.log_softmax(self.net.ner_logits(states).float(), -1).cpu().numpy()
            scores = self.net.salience(states, mask).float().cpu().numpy()
            if vectors:
                rows = mean_pool(states, mask).float().cpu().numpy()
                if pooled is None:
                    pooled = np.zeros((len(sentences), rows.shape[1]), np.float32)
                pooled[idx] = rows
            for row, i in enumerate(idx):
                salience[i] = float(scores[row])
                entities[i] = self.read_names(sentences[i], log_probs[row, : len(all_ids[i])], all_offsets[i])[0]
        return (entities, salience, pooled) if vectors else (entities, salience)

    def read_names(self, sentence: str, log_probs: np.ndarray, offsets, *, edges: bool = True):
        """(entities, the log-probabilities they were decoded from) of one sentence from its tagger's
        log-probabilities: the dictionary correction, Viterbi, family names, then (`edges`) the check of
        persons' edges; train/name_edges.py fits that check on what the steps before it give."""
        lexicon = self.lexicon
        if lexicon is not None:
            log_probs = lexicon.apply(log_probs, sentence, offsets, self.ner_labels)
        tags = viterbi_bio(log_probs, self.ner_labels)
        entities = decode_bio(sentence, [self.ner_labels[t] for t in tags], offsets)
        if lexicon is not None:
            entities = lexicon.with_family_names(sentence, entities)
        if edges and self.name_edges is not None:
            entities = self.name_edges.apply(sentence, log_probs, offsets, self.ner_labels, entities)
        return entities, log_probs

    @torch.inference_mode()
    def tag_log_probs(self, sentences: list[str], settings: InferenceSettings | None = None) -> list[tuple]:
        """(log-probabilities, tokens x `ner_labels`, before any lexicon correction; token offsets) of each
        sentence: what train/lexicon.py fits the correction on."""
        settings = settings or self.default_settings()
        all_ids, all_offsets = sentence_encode(self.tokenizer, sentences, settings.sentence_tokens,
                                               settings.sentence_tokenization)
        out: list[tuple] = [(np.zeros((0, len(self.ner_labels)), np.float32), [])] * len(sentences)
        for idx, states, _ in self._tagging_batches(all_ids, settings):
            log_probs = torch.log_softmax(self.net.ner_logits(states).float(), -1).cpu().numpy()
            for row, i in enumerate(idx):
                out[i] = (log_probs[row, : len(all_ids[i])], all_offsets[i])
        return out

    def find_names(self, sentences: list[str], settings: InferenceSettings | None = None) -> list[list[Entity]]:
        """Names in each text, offsets into it. The tagger reads `sentence_tokens` - 2 characters at once
        and drops the rest, so a longer text goes through in pieces cut at clause punctuation (as the
        pipeline's `entities` reads a long sentence): before this, the held-out NER figures lost every
        name past the 62nd character (9.5% of People's Daily's held-out entities, 3.6% of MSRA's names)."""
        settings = settings or self.default_settings()
        room = max(settings.sentence_tokens - 2, 1)
        pieces = [(i, a, s[a:b]) for i, s in enumerate(sentences) for a, b in (chunks(s, room) or [(0, 0)])]
        found = self.sentence_features([p for _, _, p in pieces], settings)[0]
        out: list[list[Entity]] = [[] for _ in sentences]
        for (i, a, _), ents in zip(pieces, found):
            out[i] += [dataclasses.replace(e, start=a + e.start, end=a + e.end) for e in ents]
        return out

    def _tagging_batches(self, all_ids: list[list[int]], settings: InferenceSettings):
        """(sentence indices, their states padded one row a sentence, mask) for each encoder batch of the
        tagging pass. When the fast path packs (`pack_tokens`) and the sentences fit one batch (one
        article), they go through side by side in rows of `pack_tokens`, each attending only to itself:
        the seed page's 51 sentences in 22 rows of 96 tokens and one batch instead of 4 padded batches
        (2,110 tokens against 2,294), the same names (every sentence of the seed page and of 16 held-out
        articles), the analysis 171.1 against 207.1 ms (medians of 8 alternated rounds of 10). Many
        articles at once gain nothing from it (16 articles' 427 sentences: 0.97-1.04x) and keep the
        length-sorted batches."""
        lengths = [len(s) for s in all_ids]
        pack = settings.encoder_pack_tokens
        rows = pack_rows(lengths, pack) if pack and len(all_ids) > 1 and sum(lengths) <= settings.batch_tokens else []
        if rows and max(pack, max(lengths)) * len(rows) <= settings.batch_tokens:
            first, pad_position = self.net.first_position("ner")
            input_ids, positions, mask4, places = packed_batch(all_ids, rows, self.tokenizer.pad_token_id, first,
                                                               pad_position)
            packed = self._states(input_ids.to(self.device), mask4.to(self.device), settings, "ner",
                                  positions.to(self.device))
            states = packed.new_zeros((len(places), max(lengths), packed.shape[-1]))
            mask = torch.zeros((len(places), max(lengths)), dtype=torch.long, device=packed.device)
            for j, (_, r, at, k) in enumerate(places):
                states[j, :k] = packed[r, at:at + k]
                mask[j, :k] = 1
            yield [i for i, _, _, _ in places], states, mask
            return
        for idx in token_batches(lengths, settings):
            input_ids, mask = self._pad([all_ids[i] for i in idx])
            yield idx, self._states(input_ids, mask, settings, "ner"), mask

    def _states(self, input_ids, mask, settings: InferenceSettings, task: str = "topic",
                position_ids: torch.Tensor | None = None) -> torch.Tensor:
        """Encoder states (fp32 for the heads) of the topic or the tagging pass; bf16 autocast inside
        when the settings ask for it."""
        device_type = input_ids.device.type
        if self.runs_bf16 and effective_precision(settings.encoder_precision, device_type) != "bf16":
            raise ValueError(f"this model's layers are stored in bf16 (an Analyzer's fast path, bf16_weights): load "
                             f"the folder again to run it in {settings.encoder_precision}")
        packed = position_ids is not None  # only packed rows count positions afresh (_tagging_batches)
        self.net.use_attention(effective_attention(settings.encoder_attention, settings.encoder_precision,
                                                   device_type, task, packed), task)
        with precision_context(settings.encoder_precision, device_type):
            states = self.net.states(input_ids, mask, task, position_ids)
        return states.float()

    def _pad(self, seqs: list[list[int]]):
        input_ids, mask = pad_batch(seqs, self.tokenizer.pad_token_id)
        return input_ids.to(self.device), mask.to(self.device)


def build_passes(encoder, config: dict):
    """(topic encoder, tagging encoder or None) for a folder's config.json: LoRA on the base; a second
    copy for the tagging pass when the folder has `tag_adapter`, with its own depth and adapter shape
    when it also records a `tag_pass` (a grafted folder, train/graft.py: a teacher's 12-layer topic pass
    beside a 5-layer student's tagger)."""
    tag_pass = config.get("tag_pass")
    tags = None
    if tag_pass:  # copied from the bare base, before the topic pass's adapters go in
        try:
            spec = LoraSpec(**tag_pass["lora"])
            tags = add_lora(keep_layers(tag_encoder_from(encoder), tag_pass["layers"]), spec)
        except (KeyError, TypeError, ValueError) as exc:
            raise model_folder.ModelFolderError(f"config.json: tag_pass {tag_pass!r} cannot be built ({exc})") from None
    encoder = add_lora(encoder, LoraSpec(**config["lora"]))
    if tags is None and config.get("tag_adapter"):
        tags = tag_encoder_from(encoder)
    return encoder, tags


def load_continuation(folder: Path, config: dict):
    """The folder's speech-continuation head, or None when config.json names none."""
    from safetensors import SafetensorError

    from zhnews.models.speech.continuation import ContinuationHead

    try:
        return ContinuationHead.load(folder, config)
    except (OSError, ValueError, KeyError, SafetensorError) as exc:
        raise model_folder.ModelFolderError(f"{folder / 'continuation.safetensors'}: cannot load ({exc})") from None


def softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(-1, keepdims=True)

