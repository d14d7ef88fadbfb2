"""`train.init_from`: start training from a trained model folder instead of the bare base.

Why: the shipped default stops at ~0.8 epoch of its topic data and its tagger's loss was still
falling when the NER phase ended (0.20 -> 0.15 over its last 300 steps), and a 2-core session cannot
rerun the 100-minute recipe for every extra phase. Starting from the folder's adapters and heads,
a recipe can add NER steps (or a user's own labelled data) on top of what is already trained.

Every adapter and head whose name and shape match is copied. The topic head only when the folder's
labels are the recipe's, in the same order (a user's own labels keep the probe-initialised head);
a folder with another base, depth or LoRA rank is refused rather than partly copied. A recipe with
its own tag adapters (`train.tag_adapter`) takes the folder's tag adapters, or, from a folder that has
none, a copy of its shared ones: the tagger goes on from where it was.

`train.init_first_layers` is the one deliberate exception to the depth rule: a recipe with fewer layers
takes the folder's first `base.layers` layers and drops the rest, to train a shallower tagger from a
trained one (issue 16: the tagging pass takes ~0.69 of the default's time; configs/tagger4.yaml). A
recipe whose `base.layers` lists indices ([0, 1, 2, 4]) takes those layers of the folder, renumbered
0..3, so a middle layer can go instead of the last (configs/tagger4_mid.yaml).
"""
from __future__ import annotations

import re

from zhnews.models import folder as model_folder

LAYER = re.compile(r"(?:^|\.)encoder\.layer\.(\d+)\.")


class WarmStartMismatch(ValueError):
    """The folder's network does not fit the recipe's (base, layers, LoRA rank, tag adapters)."""


def chosen_layers(weights: dict, layers: list[int]) -> dict:
    """`weights` with only the transformer layers at the indices `layers` (both passes' stacks),
    renumbered to their place in the list; the rest dropped."""
    place = {old: new for new, old in enumerate(layers)}
    kept = {}
    for name, value in weights.items():
        m = LAYER.search(name)
        if m is None:
            kept[name] = value
        elif int(m.group(1)) in place:
            new = place[int(m.group(1))]
            kept[name[: m.start(1)] + str(new) + name[m.end(1):]] = value
    if len(kept) == len(weights):
        raise WarmStartMismatch(f"init_first_layers: the folder has no layer outside {layers} to drop; "
                                "it is not deeper than the recipe")
    return kept


def init_from_folder(net, folder: str, labels: list[str], first_layers: bool = False,
                     layers: int | list[int] | None = None) -> tuple[int, bool]:
    """Copy `folder`'s trained weights into `net` in place; with `first_layers`, only the layers `net`
    has: the folder's first ones, or those at the indices `layers` when the recipe's `base.layers` lists them.
    Returns (tensors copied, whether the topic head was among them)."""
    import torch

    path = model_folder.resolve_model(folder)
    config = model_folder.read_config(path)
    weights = model_folder.load_weights(path)
    if first_layers:
        if isinstance(config["base"].get("layers"), list):  # its indices are no longer the base's
            raise WarmStartMismatch(f"init_first_layers: {folder} already keeps chosen layers "
                                    f"{config['base']['layers']}; cut from a folder of the first N layers")
        first = list(range(len(net.encoder.encoder.layer)))
        weights = chosen_layers(weights, layers if isinstance(layers, list) else first)
    theirs = [config["id2label"][str(i)] for i in range(len(config["id2label"]))]
    same_labels = theirs == list(labels)
    own = dict(net.named_parameters())
    if getattr(net, "tag_encoder", None) is None and any(n.startswith("tag_encoder.") for n in weights):
        # copying only its shared adapters would silently drop the folder's trained tagger
        raise WarmStartMismatch(f"init_from {folder}: the folder's tagging pass has its own adapters; set "
                                "train.tag_adapter: true to go on from them")
    if getattr(net, "tag_encoder", None) is not None and not any(n.startswith("tag_encoder.") for n in weights):
        copies = {"tag_encoder." + n[len("encoder."):]: v for n, v in weights.items() if n.startswith("encoder.")}
        weights = {**weights, **{n: v for n, v in copies.items() if n in own}}  # shared embeddings: once
    copied = 0
    with torch.no_grad():
        for name, value in weights.items():
            if name.startswith("topic_head.") and not same_labels:
                continue
            target = own.get(name)
            if target is None or target.shape != value.shape:
                raise WarmStartMismatch(
                    f"init_from {folder}: {name} {tuple(value.shape)} does not fit this recipe's network "
                    f"({'absent' if target is None else tuple(target.shape)}); base, layers and LoRA r "
                    "must be the folder's")
            target.copy_(value.to(target.dtype))
            copied += 1
    missing = [n for n, p in own.items() if p.requires_grad and n not in weights
               and not (n.startswith("topic_head.") and not same_labels)]
    if missing:
        raise WarmStartMismatch(f"init_from {folder}: no trained value for {missing[:3]} "
                                f"({len(missing)} in all); base, layers and LoRA r must be the folder's")
    return copied, same_labels


__all__ = ["init_from_folder", "chosen_layers", "WarmStartMismatch"]
