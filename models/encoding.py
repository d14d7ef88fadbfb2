"""Tokenisation shared by training and inference, so that both cut text the same way."""
from __future__ import annotations

CHARS_PER_TOKEN_BOUND = 3  # XLM-R averages ~1.3 Chinese characters a token; 3 is a safe upper bound


def topic_windows(tokenizer, texts: list[str], chunk_tokens: int, max_chunks: int | None,
                  with_offsets: bool = False):
    """Cut each text into consecutive windows of `chunk_tokens` (specials included).

    Returns (input_ids per window, owner text index per window), and with `with_offsets` the
    (start, end) character offsets of every token too. Text past `max_chunks` windows is not
    tokenised at all (we cut the string first), which bounds the cost of a 1 MB input.
    """
    if max_chunks is not None:
        texts = [t[: chunk_tokens * max_chunks * CHARS_PER_TOKEN_BOUND] for t in texts]
    enc = tokenizer(texts, max_length=chunk_tokens, truncation=True, return_overflowing_tokens=True,
                    stride=0, padding=False, return_offsets_mapping=with_offsets)
    ids, owners, offsets, per_owner = [], [], [], {}
    for row, (window, owner) in enumerate(zip(enc["input_ids"], enc["overflow_to_sample_mapping"])):
        per_owner[owner] = per_owner.get(owner, 0) + 1
        if max_chunks is None or per_owner[owner] <= max_chunks:
            ids.append(window)
            owners.append(owner)
            if with_offsets:
                offsets.append(enc["offset_mapping"][row])
    return (ids, owners, offsets) if with_offsets else (ids, owners)


def char_tags_to_tokens(tags: list[str], offsets, label2id: dict[str, int]) -> list[int]:
    """Char-level BIO tags -> one label per token (the tag of its first visible character).

    A token that starts inside an entity but begins with an I- tag while the previous token was
    outside it becomes B-, so that every entity starts with B- at token level. Special tokens: -100.
    """
    out, prev = [], "O"
    for a, b in offsets:
        if a == b:
            out.append(-100)
            continue
        tag = tags[a] if a < len(tags) else "O"
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        out.append(label2id.get(tag, 0))
        prev = tag
    return out
