"""A trained model is a Hugging Face style folder; this module writes and reads it.

    config.json          id2label / label2id, NER labels, base spec (+ SHA-256), LoRA spec, inference sizes
    model.safetensors    adapters + heads (a randomly initialised test base ships its encoder here too)
    tokenizer.json, tokenizer_config.json, special_tokens_map.json
    README.md            model card with the data, the recipe and the measured metrics

Only safetensors are loaded: a pickle checkpoint can run code when unpickled.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

import torch

from zhnews.models.config import BaseSpec, LoraSpec

FORMAT_VERSION = 1
WEIGHTS = "model.safetensors"
class ModelFolderError(RuntimeError):
    """A model folder that cannot be loaded; the message names the file."""


SHIPPED_ROOT = Path(__file__).resolve().parent  # models/ in a checkout, zhnews/models when installed
SHIPPED = ("default", "small", "teacher")  # default: the teacher's topics beside the student's tagger; small: 5 layers; teacher: 12


# config.json keys of the topic calibration (single-label T; multi-label T and b per label): measured together
CALIBRATION_KEYS = ("temperature", "temperatures", "calibration_bias", "calibration_at_least_one")


def calibration_of(config: dict) -> dict:
    """The topic calibration a folder's config.json holds (`CALIBRATION_KEYS`), to write it into another's."""
    return {key: config[key] for key in CALIBRATION_KEYS if key in config}


def shipped_model_dir(name: str = "default") -> Path:
    """The folder of a model that ships with the package (`default`, `small`, `teacher`)."""
    if name not in SHIPPED:
        raise ModelFolderError(f"{name!r} is not a shipped model; shipped: {', '.join(SHIPPED)}")
    return SHIPPED_ROOT / name


def default_model_dir() -> Path:
    """`$ZHNEWS_MODEL` (a folder or a shipped name), else the shipped `default`."""
    return resolve_model(os.environ.get("ZHNEWS_MODEL") or "default")


def resolve_model(model: str | Path | None) -> Path:
    """A model given by the user: a shipped name (`default`, `small`, `teacher`) or a folder path; None is the
    default. A folder of that name in the working directory wins over the shipped one."""
    if model is None:
        return default_model_dir()
    path = Path(model)
    if str(model) in SHIPPED and not path.is_dir():
        return shipped_model_dir(str(model))
    return path


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


def model_config(*, labels: list[str], ner_labels: list[str], base: BaseSpec, base_sha256: str | None,
                 lora: LoraSpec, inference: dict, temperature: float, extra: dict | None = None) -> dict:
    """config.json of a model folder (what `ZhnewsModel.from_pretrained` reads)."""
    return {
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


def write_folder(folder: str | Path, *, state: dict[str, torch.Tensor], tokenizer, config: dict, card: str) -> Path:
    """Weights (safetensors only), tokenizer, config.json and the card (README.md)."""
    from safetensors.torch import save_file

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    # A folder with a second adapter set (`tag_adapter`) stores its adapters at half precision: the
    # student's two sets of r=32 x 5 layers are 2 x 1.1 M parameters, 8.8 MB fp32 and 4.4 MB fp16,
    # which keeps the folder under issue 14's 25 MB. They are cast back to fp32 on loading.
    half = bool(config.get("tag_adapter"))
    save_file({k: (v.half() if half and ".lora_" in k and v.is_floating_point() else v).contiguous()
               for k, v in state.items()}, str(folder / WEIGHTS), metadata={"format": "pt"})
    tokenizer.save_pretrained(str(folder))
    # transformers writes tokenizer.json indented with escaped CJK (17 MB); compact UTF-8 is 9 MB.
    tok_path = folder / "tokenizer.json"
    tok_path.write_text(json.dumps(json.loads(tok_path.read_text(encoding="utf-8")), ensure_ascii=False,
                                   separators=(",", ":")), encoding="utf-8")
    (folder / "config.json").write_text(json.dumps(config, ensure_ascii=False, indent=2), encoding="utf-8")
    (folder / "README.md").write_text(card, encoding="utf-8")
    return folder
