"""Tokenisation shared by training and inference, so that both cut text the same way."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zhnews.models.settings import InferenceSettings

CHARS_PER_TOKEN_BOUND = 3  # XLM-R averages ~1.3 Chinese characters a token; 3 is a safe upper bound
_SPACE_RUN = re.compile(r"\s+")
_SPACE_NOT_IN_WORD = re.compile(r"(?<![A-Za-z0-9]) | (?![A-Za-z0-9])")


def flat_text(text: str) -> str:
    """The text with its layout gone: line breaks and spaces dropped, one space kept between two Latin
    words or numbers. Why (session 43): the training sources differ in layout, not only in topic. THUCNews
    articles run title and body together on one line and headlines have no breaks, while every People's
    Daily article has a break per paragraph; read as they are, '\\n' became a source marker (the
    n-gram expert's second strongest feature against 时政 on the seed page), and a pasted page's topics
    moved with its line breaks (seed page 时政 0.48 as pasted, 0.61 run together)."""
    return _SPACE_NOT_IN_WORD.sub("", _SPACE_RUN.sub(" ", text)).strip()


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


def pad_batch(seqs: list[list[int]], pad_id: int):
    """(input_ids, attention_mask) tensors for token id lists of different lengths, right-padded."""
    import torch

    width = max(len(s) for s in seqs)
    input_ids = torch.full((len(seqs), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(seqs), width), dtype=torch.long)
    for row, seq in enumerate(seqs):
        input_ids[row, : len(seq)] = torch.tensor(seq)
        mask[row, : len(seq)] = 1
    return input_ids, mask


def pack_rows(lengths: list[int], row_tokens: int) -> list[list[int]]:
    """Indices of sequences packed into rows of at most `row_tokens` tokens (a longer sequence gets a row of
    its own): longest first, each into the first row with room (first-fit decreasing)."""
    rows: list[list[int]] = []
    room: list[int] = []
    for i in sorted(range(len(lengths)), key=lambda i: -lengths[i]):
        row = next((r for r in range(len(rows)) if room[r] >= lengths[i]), None)
        if row is None:
            rows.append([i])
            room.append(row_tokens - lengths[i])
        else:
            rows[row].append(i)
            room[row] -= lengths[i]
    return rows


def packed_batch(seqs: list[list[int]], rows: list[list[int]], pad_id: int, first_position: int, pad_position: int):
    """Tensors for sequences packed side by side in `rows` (indices into `seqs`), each attending only to
    itself: (input_ids, position_ids, additive 4-D attention mask, places), places[j] = (sequence, row,
    offset, length). Every sequence's positions start at `first_position` as if it had a row of its own
    (XLM-R counts from padding_idx + 1), so its states are those of an unpacked pass up to rounding."""
    import torch

    width = max(sum(len(seqs[i]) for i in row) for row in rows)
    input_ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    positions = torch.full((len(rows), width), pad_position, dtype=torch.long)
    mask = torch.full((len(rows), 1, width, width), torch.finfo(torch.float32).min)
    places = []
    for r, row in enumerate(rows):
        at = 0
        for i in row:
            k = len(seqs[i])
            input_ids[r, at:at + k] = torch.tensor(seqs[i])
            positions[r, at:at + k] = torch.arange(first_position, first_position + k)
            mask[r, 0, at:at + k, at:at + k] = 0.0
            places.append((i, r, at, k))
            at += k
        mask[r, 0, at:, at:] = 0.0  # padding attends to padding: no row of the softmax is empty
    return input_ids, positions, mask, places


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


def sentence_encode(tokenizer, texts: list[str], max_tokens: int, tokenization: str):
    """(ids, offsets) per sentence for the name tagger and the salience head, as the model was trained:
    `char` (char_encode) or `piece` (the tokenizer's own pieces)."""
    if tokenization == "char":
        return char_encode(tokenizer, texts, max_tokens)
    enc = tokenizer(texts, max_length=max_tokens, truncation=True, return_offsets_mapping=True, padding=False)
    return enc["input_ids"], enc["offset_mapping"]


def char_encode(tokenizer, texts: list[str], max_tokens: int):
    """One token per visible character, the input of the name tagger and the salience head.

    Why: XLM-R pieces often run across a name's edge (a piece holding 名+说 or 所+长), and a token-level
    tag cannot split them. Tagging the gold People's Daily tags through the pieces and decoding them
    back caps PER F1 at 0.91 (precision 0.848) before any model error; one token per character
    (as Chinese BERTs do) removes that ceiling. XLM-R holds nearly every Han character as a piece of
    its own; the rest fall back to the NFKC form (full-width punctuation), then to the character's
    last sentencepiece, then to <unk>. Whitespace gets no token. Returns (ids, offsets) per text,
    with <s>/</s> around and at most `max_tokens` tokens (text beyond is not tagged).
    """
    ids_of = _char_ids(tokenizer)
    known = ids_of.cache  # the lookups so far: one dict access a character on the hot path
    room = max(max_tokens - 2, 0)
    all_ids, all_offsets = [], []
    for text in texts:
        kept = [i for i, ch in enumerate(text) if not ch.isspace()][:room]
        all_ids.append([tokenizer.cls_token_id, *(known[text[i]] if text[i] in known else ids_of(text[i])
                                                   for i in kept), tokenizer.sep_token_id])
        all_offsets.append([(0, 0), *((i, i + 1) for i in kept), (0, 0)])
    return all_ids, all_offsets


def _char_ids(tokenizer):
    """A cached character -> piece id lookup, kept on the tokenizer (its vocabulary has 250k pieces)."""
    lookup = getattr(tokenizer, "_zhnews_char_ids", None)
    if lookup is None:
        import unicodedata

        vocab, cache = tokenizer.get_vocab(), {}

        def lookup(ch: str) -> int:
            if ch not in cache:
                norm = unicodedata.normalize("NFKC", ch)
                pieces = [p for p in tokenizer.tokenize(ch) if p != "▁"]
                cache[ch] = vocab.get(ch, vocab.get(norm, vocab.get(pieces[-1]) if pieces else None))
                if cache[ch] is None:
                    cache[ch] = tokenizer.unk_token_id
            return cache[ch]

        lookup.cache = cache
        tokenizer._zhnews_char_ids = lookup
    return lookup


def sentence_pieces(s: str, size: int, whole: bool = False) -> list[tuple[int, str]]:
    """What a name finder reads of one sentence, as (offset in s, piece): the sentence, or its pieces
    (`chunks`) when it is longer than `size` (the encoder would truncate it). `whole`: a long sentence is
    also read whole first (the encoder keeps its first `size` characters), for a continuation head that
    reads whole-sentence states; its pieces then start at the second, and up to half of the first read
    (the characters past the first cut) is read twice: 4% of the tagging pass's tokens over 800
    THUCNews articles, more on pages of long sentences."""
    if len(s) <= size:
        return [(0, s)]
    pieces = [(a, s[a:b]) for a, b in chunks(s, size)]
    return [(0, s)] + pieces[1:] if whole else pieces


def chunks(s: str, size: int) -> list[tuple[int, int]]:
    """Cut `s` into pieces of at most ~size chars at clause punctuation (encoders truncate a long
    sentence, so the name finder also gets its pieces)."""
    out, a = [], 0
    while a < len(s):
        b = min(len(s), a + size)
        if b < len(s):
            cut = max(s.rfind(p, a + size // 2, b) for p in "，,；;、")
            if cut > a:
                b = cut + 1
            else:  # no clause mark: not inside a Latin word or a number either (World Business S|atellite: the
                k = b  # tagger read "atellite" as a person at the next piece's start)
                while k > a + size // 2 and _word_char(s[k - 1]) and _word_char(s[k]):
                    k -= 1
                b = k if k > a + size // 2 else b
        out.append((a, b))
        a = b
    return out


def _word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


# What one more encoder batch costs, in padded tokens: the tagging pass (5 layers, bf16, one thread) ran one
# 16-token row in 4.6 ms and 64 x 32 tokens at 16.4 tokens/ms, so a batch's fixed cost is ~3.5 ms, ~60 tokens.
BATCH_COST_TOKENS = 64


# Rows per batch of a call with more rows than one batch holds: a multiple of this (but the shortest rows'
# batch). Each new (rows, tokens) shape costs a process memory (oneDNN keeps kernels per shape): 16 articles
# a call over 400 THUCNews articles, one process, any row count made 301 shapes and peaked at 2.41 GB, a
# multiple of 16 made 132 shapes and 1.91 GB (batches filled in turn: 73 shapes, 1.86 GB).
ROW_STEP = 16


def token_batches(lengths: list[int], settings: InferenceSettings) -> list[list[int]]:
    """Indices in length order, cut into batches of at most `batch_size` rows and `batch_tokens` padded
    tokens where padding costs least (`least_padding`; rows in multiples of ROW_STEP when they fill more
    than one batch). Filling each batch in turn instead padded 16 articles' sentences and pieces by 9.6%
    (800 THUCNews articles) against 4.6% here."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    # (never a multiple that `batch_size` or `batch_tokens` cannot hold: every cut point stays reachable)
    step = 1 if len(order) <= settings.batch_size else \
        max(1, min(ROW_STEP, settings.batch_size, settings.batch_tokens // max(lengths)))
    return least_padding(order, [lengths[i] for i in order], settings.batch_tokens, settings.batch_size, step)


def least_padding(order: list[int], sizes: list[int], batch_tokens: int, max_rows: int | None = None,
                  row_step: int = 1) -> list[list[int]]:
    """`order` (ascending `sizes`) cut into batches of at most `batch_tokens` padded tokens and `max_rows`
    rows, each a multiple of `row_step` rows but the first, where they cost least: a batch costs its rows x
    its longest row (the padding runs through every layer) plus BATCH_COST_TOKENS; a shortest path over the
    cut points. One batch padded the seed page's 51 sentences (2,157 tokens) to 51 x 64 = 3,264; these
    cuts pad them to ~2,350 in 4 batches, and its analysis took 137.6 instead of 164.8 ms (p50 of 25,
    alternated, 2 threads)."""
    max_rows = max_rows or len(order)
    cost = [0] + [float("inf")] * len(order)  # cost[j]: the cheapest batching of the first j rows
    cut = [0] * (len(order) + 1)
    for j in range(1, len(order) + 1):
        for i in range(j - 1, max(j - max_rows, 0) - 1, -1):
            if i < j - 1 and (j - i) * sizes[j - 1] > batch_tokens:
                break  # a row alone is always a batch, however long
            if i and (j - i) % row_step:
                continue
            c = cost[i] + (j - i) * sizes[j - 1] + BATCH_COST_TOKENS
            if c < cost[j]:
                cost[j], cut[j] = c, i
    batches: list[list[int]] = []
    j = len(order)
    while j:
        batches.append(order[cut[j]:j])
        j = cut[j]
    return batches[::-1]
