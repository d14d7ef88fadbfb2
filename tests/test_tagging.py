"""BIO-constrained decoding of the name tagger's scores (models/tagging.py)."""
import itertools

import numpy as np

from zhnews.models.network import NER_LABELS
from zhnews.models.tagging import allowed_transitions, decode_bio, viterbi_bio


def log_probs(rows: list[dict[str, float]]) -> np.ndarray:
    """Per-token probabilities given for a few labels, the rest share what is left."""
    out = np.full((len(rows), len(NER_LABELS)), 1e-6)
    for t, row in enumerate(rows):
        for label, p in row.items():
            out[t, NER_LABELS.index(label)] = p
    out /= out.sum(1, keepdims=True)
    return np.log(out)


def decode(text: str, rows) -> list[tuple[str, str]]:
    tags = [NER_LABELS[i] for i in viterbi_bio(log_probs(rows), NER_LABELS)]
    return [(e.text, e.label) for e in decode_bio(text, tags, [(i, i + 1) for i in range(len(text))])]


def test_a_name_is_not_split_by_a_stray_label():
    # argmax gives 薛/B-PER 安/I-PER 郡/I-LOC: 薛安 + 郡; the valid best keeps the name whole
    rows = [{"B-PER": 0.9}, {"I-PER": 0.8}, {"I-LOC": 0.5, "I-PER": 0.45}, {"O": 0.9}]
    assert decode("薛安郡说", rows) == [("薛安郡", "PER")]


def test_an_entity_cannot_start_with_i():
    # I-PER right after O is not valid: the decoder picks B-PER there, or O if that is likelier
    assert decode("说王军", [{"O": 0.9}, {"I-PER": 0.6, "B-PER": 0.3}, {"I-PER": 0.9}]) == [("王军", "PER")]
    assert decode("说王", [{"O": 0.9}, {"I-PER": 0.5, "O": 0.45}]) == []


def test_confident_scores_decode_as_argmax():
    rows = [{"B-ORG": 0.9}, {"I-ORG": 0.9}, {"O": 0.9}, {"B-PER": 0.9}, {"I-PER": 0.9}]
    assert decode("新华的王军", rows) == [("新华", "ORG"), ("王军", "PER")]


def test_the_path_is_the_best_valid_one():
    # brute force over every sequence of 4 labels: Viterbi finds the best-scoring valid sequence
    rng = np.random.default_rng(0)
    allowed = allowed_transitions(NER_LABELS)
    for _ in range(5):
        lp = np.log(rng.dirichlet(np.ones(len(NER_LABELS)), size=4))
        def valid(seq):
            return not NER_LABELS[seq[0]].startswith("I-") and all(allowed[a, b] for a, b in zip(seq, seq[1:]))
        best = max((s for s in itertools.product(range(len(NER_LABELS)), repeat=4) if valid(s)),
                   key=lambda s: sum(lp[t, s[t]] for t in range(4)))
        assert viterbi_bio(lp, NER_LABELS) == list(best)
    assert viterbi_bio(np.zeros((0, len(NER_LABELS))), NER_LABELS) == []


def test_a_latin_word_is_never_cut_by_an_edge():
    # the encoder's pieces of one word (Philip Ko|tler) tagged apart: the mention keeps the whole word
    text = "例如Philip Kotler认为"
    tags = ["O", "O"] + ["B-PER"] + ["I-PER"] * 8 + ["O"] * (len(text) - 11)
    assert [(e.text, e.start, e.end) for e in decode_bio(text, tags, [(i, i + 1) for i in range(len(text))])] == \
        [("Philip Kotler", 2, 15)]


def test_a_mark_without_its_partner_is_no_part_of_a_mention():
    text = "在《华尔街日报》发表，香港《明报》报道"
    tags = ["O", "B-ORG", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG"] + ["O"] * 3 + \
        ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG"] + ["O", "O"]
    found = decode_bio(text, tags, [(i, i + 1) for i in range(len(text))])
    assert [e.text for e in found] == ["华尔街日报", "香港《明报》"]  # 《 alone is dropped; a pair inside stays


def test_two_pieces_of_one_latin_word_give_one_mention():
    text = "据Kotler说"
    tags = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O"]
    found = decode_bio(text, tags, [(i, i + 1) for i in range(len(text))])
    assert [(e.text, e.label) for e in found] == [("Kotler", "PER")]


def test_a_dash_or_dot_at_a_mentions_edge_is_left_out():
    # the tagger took the dash of 大卫-里皮 and not 大卫; 让-皮埃尔 keeps its dash inside
    text = "经纪人大卫-里皮说，让-皮埃尔·"
    tags = ["O"] * 5 + ["B-PER", "I-PER", "I-PER", "O", "O", "B-PER", "I-PER", "I-PER", "I-PER", "I-PER", "I-PER"]
    found = decode_bio(text, tags, [(i, i + 1) for i in range(len(text))])
    assert [(e.text, e.start, e.end) for e in found] == [("里皮", 6, 8), ("让-皮埃尔", 10, 15)]


def test_a_person_never_ends_or_starts_with_digits():
    # 李克强|25号: the tagger ran the date into the name; anything but a Chinese name keeps its digits (白１８, TH000)
    per = [{"B-PER": 0.9}] + [{"I-PER": 0.9}] * 4
    assert decode("李克强25号", per + [{"O": 0.9}]) == [("李克强", "PER")]
    assert decode("２５李克强", per) == [("李克强", "PER")]
    assert decode("TH000来了", per + [{"O": 0.9}]) == [("TH000", "PER")]
    # digits inside a name stay (路易13世), and other kinds keep their digits (798艺术区)
    assert decode("路易13世", per) == [("路易13世", "PER")]
    assert decode("798艺术区", [{"B-LOC": 0.9}] + [{"I-LOC": 0.9}] * 5) == [("798艺术区", "LOC")]
