"""How the encoder passes cut their rows into batches (models/encoding.py token_batches)."""
from zhnews.models.encoding import BATCH_COST_TOKENS, ROW_STEP, token_batches
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


def test_packed_rows_hold_every_sequence_once_within_the_row_size():
    from zhnews.models.encoding import pack_rows, packed_batch

    lengths = [50, 10, 40, 96, 30, 5, 120, 20]
    rows = pack_rows(lengths, 96)
    assert sorted(i for r in rows for i in r) == list(range(len(lengths)))
    assert all(sum(lengths[i] for i in r) <= 96 or len(r) == 1 for r in rows)  # 120 tokens: a row of its own
    assert len(rows) == 4  # 120 | 96 | 50 40 5 | 30 20 10
    seqs = [[7] * n for n in lengths]
    ids, positions, mask, places = packed_batch(seqs, rows, pad_id=1, first_position=2, pad_position=1)
    assert ids.shape == positions.shape == (4, 120) and mask.shape == (4, 1, 120, 120)
    for i, r, at, k in places:  # each sequence's positions start over; it sees itself and nothing else
        assert positions[r, at].item() == 2 and positions[r, at + k - 1].item() == 2 + k - 1
        assert (mask[r, 0, at:at + k, at:at + k] == 0).all()
        assert (mask[r, 0, at:at + k, :at] < -1e30).all() and (mask[r, 0, at:at + k, at + k:] < -1e30).all()
    assert int((ids != 1).sum()) == sum(lengths)


def test_the_packed_tagging_pass_reads_each_sentence_as_alone(tiny_model_dir):
    """An article's sentences packed side by side (the fast path's `pack_tokens`) give the names and salience
    of one padded row a sentence, with torch's fused attention and with the eager one."""
    import numpy as np

    from zhnews.models.model import ZhnewsModel

    model = ZhnewsModel.from_pretrained(tiny_model_dir)
    sentences = ["科技部部长王志刚在北京表示，创新中心建设进展顺利。", "他说：“我们要加快建设。”", "上海市副市长陈杰出席。",
                 "会议由李萌主持。", "与会者认为，这是好事。"]
    for attention in ("sdpa", "eager"):
        plain = model.default_settings({"precision": "fp32", "attention": attention, "pack_tokens": 0})
        packed = plain.replace(pack_tokens=96)
        a, b = model.sentence_features(sentences, plain), model.sentence_features(sentences, packed)
        assert a[0] == b[0]
        np.testing.assert_allclose(a[1], b[1], atol=1e-4)
        # vectors too (the continuation head reads them)
        np.testing.assert_allclose(model.sentence_features(sentences, plain, vectors=True)[2],
                                   model.sentence_features(sentences, packed, vectors=True)[2], atol=1e-4)
