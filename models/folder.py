"""A trained model is a Hugging Face style folder; this module writes and reads it.

    config.json          id2label / label2id, NER labels, base spec (+ SHA-256), LoRA spec, inference sizes
    model.safetensors    adapters + heads (a randomly initialised test base ships its encoder here too)
    tokenizer.json, tokenizer_config.json, special_tokens_map.json
    README.md            model card with the data, the recipe and the measured metrics

Only safetensors are loaded: a pickle checkpoint can run code when unpickled.
"""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import torch

from models.config import BaseSpec, LoraSpec

FORMAT_VERSION = 1
WEIGHTS = "model.safetensors"


class ModelFolderError(RuntimeError):
    """A model folder that cannot be loaded; the message names the file."""


def read_config(folder: Path) -> dict:
    folder = Path(folder)
    if not folder.is_dir():
        raise ModelFolderError(f"{folder}: not a model folder (no such directory)")
    path = folder / "config.json"
    if not path.exists():
        raise ModelFolderError(f"{path}: missing; a zhnews model folder needs config.json")
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelFolderError(f"{path}: not valid JSON ({exc})") from None
    for key in ("id2label", "base", "lora", "ner_labels"):
        if key not in config:
            raise ModelFolderError(f"{path}: missing key '{key}'; not a zhnews model config")
    if config.get("zhnews_format", 0) > FORMAT_VERSION:
        raise ModelFolderError(f"{path}: written by a newer zhnews (format {config['zhnews_format']})")
    return config


def labels_of(config: dict) -> list[str]:
    id2label = config["id2label"]
    return [id2label[str(i)] for i in range(len(id2label))]


def load_weights(folder: Path) -> dict[str, torch.Tensor]:
    from safetensors import SafetensorError
    from safetensors.torch import load_file

    folder = Path(folder)
    path = folder / WEIGHTS
    if not path.exists():
        pickles = sorted(p.name for p in folder.glob("*.bin")) + sorted(p.name for p in folder.glob("*.pt"))
        if pickles:
            raise ModelFolderError(
                f"{folder / pickles[0]}: refusing to load a pickle checkpoint (it can execute code); "
                f"convert it to {WEIGHTS}"
            )
        raise ModelFolderError(f"{path}: missing weights file")
    try:
        return load_file(str(path))
    except (SafetensorError, OSError, ValueError, RuntimeError) as exc:
        raise ModelFolderError(f"{path}: corrupted or truncated safetensors file ({exc})") from None


def check_tokenizer_files(folder: Path) -> None:
    if not (Path(folder) / "tokenizer.json").exists():
        raise ModelFolderError(f"{Path(folder) / 'tokenizer.json'}: missing tokenizer file")


def write_folder(folder: Path, *, state: dict[str, torch.Tensor], tokenizer, labels: list[str],
                 ner_labels: list[str], base: BaseSpec, base_sha256: str | None, lora: LoraSpec,
                 inference: dict, temperature: float, card: str, extra: dict | None = None) -> Path:
    from safetensors.torch import save_file

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    config = {
        "architectures": ["ZhnewsNet"],
        "model_type": "zhnews",
        "zhnews_format": FORMAT_VERSION,
        "id2label": {str(i): label for i, label in enumerate(labels)},
        "label2id": {label: i for i, label in enumerate(labels)},
        "ner_labels": list(ner_labels),
        "base": {**asdict(base), "sha256": base_sha256},
        "lora": asdict(lora),
        "inference": inference,
        "temperature": float(temperature),
        **(extra or {}),
    }
    save_file({k: v.contiguous() for k, v in state.items()}, str(folder / WEIGHTS), metadata={"format": "pt"})
    tokenizer.save_pretrained(str(folder))
    # transformers writes tokenizer.json indented with escaped CJK (17 MB); compact UTF-8 is 9 MB.
    tok_path = folder / "tokenizer.json"
    tok_path.write_text(json.dumps(json.loads(tok_path.read_text(encoding="utf-8")), ensure_ascii=False,
                                   separators=(",", ":")), encoding="utf-8")
    (folder / "config.json").write_text(json.dumps(config, ensure_ascii=False, indent=2), encoding="utf-8")
    (folder / "README.md").write_text(card, encoding="utf-8")
    return folder
