"""How the encoder passes cut their rows into batches (models/model.py token_batches)."""
from zhnews.models.model import BATCH_COST_TOKENS, token_batches
from zhnews.models.settings import InferenceSettings


def _padded(batches, lengths):
    return sum(len(b) * max(lengths[i] for i in b) for b in batches)


def test_one_articles_sentences_are_cut_into_batches_that_pad_less_than_one_batch():
    settings = InferenceSettings(batch_size=64, batch_tokens=4096)
    lengths = [8] * 20 + [64] * 20 + [30] * 10  # short, long and middling sentences, mixed order
    batches = token_batches(lengths, settings)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))  # every row once
    assert all(len(b) <= 64 and len(b) * max(lengths[i] for i in b) <= 4096 for b in batches)
    # one batch would pad all 50 rows to 64 tokens (3,200); three batches of equal lengths pad nothing
    assert _padded(batches, lengths) == sum(lengths)
    assert len(batches) == 3
    # rows of nearly the same length stay together: a batch costs more than its padding saves
    near = [40, 41, 42, 43]
    assert token_batches(near, settings) == [[0, 1, 2, 3]]
    assert 3 * 3 < BATCH_COST_TOKENS
    # a row longer than batch_tokens is still a batch of its own
    assert token_batches([5000, 10], settings) == [[1], [0]]


def test_many_rows_fill_batches_in_length_order():
    settings = InferenceSettings(batch_size=4, batch_tokens=4096)
    lengths = [9, 1, 8, 2, 7, 3, 6, 4, 5]
    assert token_batches(lengths, settings) == [[1, 3, 5, 7], [8, 6, 4, 2], [0]]
