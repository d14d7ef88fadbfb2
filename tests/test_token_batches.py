"""How the encoder passes cut their rows into batches (models/model.py token_batches)."""
from zhnews.models.model import BATCH_COST_TOKENS, ROW_STEP, token_batches
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


def test_more_rows_than_a_batch_holds_are_cut_where_padding_costs_least():
    settings = InferenceSettings(batch_size=64, batch_tokens=4096)
    lengths = [8, 60] * 80  # 16 articles' pieces: short and long, more than one batch of each
    batches = token_batches(lengths, settings)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    assert all(len(b) <= 64 and len(b) * max(lengths[i] for i in b) <= 4096 for b in batches)
    # filling 64 rows in turn would put 16 short rows beside 48 long ones (padded to 60); no batch mixes them
    assert _padded(batches, lengths) == sum(lengths) and len(batches) == 4
    # past the shortest rows' batch, row counts are multiples of ROW_STEP (fewer shapes, less memory)
    assert all(len(b) % ROW_STEP == 0 for b in batches[1:])
    # the row cap holds however short the rows
    assert sorted(len(b) for b in token_batches([1] * 9, InferenceSettings(batch_size=4, batch_tokens=4096))) == [1, 4, 4]
    # rows too long for ROW_STEP of them in `batch_tokens`: smaller batches, every row still once
    long_rows = token_batches([300] * 40, InferenceSettings(batch_size=32, batch_tokens=4096))
    assert sorted(i for b in long_rows for i in b) == list(range(40)) and all(len(b) * 300 <= 4096 for b in long_rows)
