"""Who spoke, and what they said: rule-based speech attribution on top of a name finder.

    speakers = attribute(text, [(paragraph, sentences), ...], find_names)   # -> list[Speaker]

The body comes split: each paragraph with its sentences (Spans into `text`), as the pipeline cut
them. `find_names` is any `NameFinder` (a batch of sentence strings -> entities per sentence, offsets
relative to each sentence, labels PER/ORG/LOC): the learned NER head in production,
`jieba_name_finder` (speech/names.py) offline and in tests.

The rules (general news conventions, nothing tied to one source):

- indirect speech: ``[ROLE]NAME[…]VERB，content`` -- the statement is the content after the cue to
  the end of the sentence; later sentences of the same paragraph continue it until another cue, a
  narrative sentence (a person as subject, 据悉 / 记者了解到 / a date, a 他/她 sentence that is not a
  cue), the paragraph end or `max_continuation` sentences (fewer in a "paragraph" that is really a
  whole article); a cue without punctuation (张三希望…) continues only when it opens the paragraph;
  ``…，并表示，…`` keeps the speaker;
- direct quotes: ``NAME说：“…”``, ``“…”，NAME说``, ``“…”NAME表示``, ``“…，”NAME说，“…”``; an
  unattributed speech quote right after a speaker's statement continues that speaker;
- 他/她 (and 其 directly before the verb) + verb -> the last named person of the paragraph, else the
  last speaker;
- roles: the role-like words right before the name in its clause (科技部部长王志刚), ``NAME（ROLE）``,
  ``ROLE NAME``, a title right after the name (王志刚部长); the first role of any mention is kept;
- coordinated subjects (李强、王伟表示，…) before a clean cue: the statement is each one's;
- transcripts: a sentence opening with a label (张三：…, 答：… for the last person labelled) is that
  person's turn, continued to the next label; 问： / 记者： / 主持人： turns are nobody's; a label
  counts in an interview (such labels somewhere in the text) or when the turn says 我; a verbless
  lead-in before a quote that ends the sentence (张三笑了，“…”) gives the quote to its one person;
- page furniture run into the body (相关新闻：…, 我要评论, 【责任编辑：…】, (微博)) ends a statement
  and any continuation;
- mentions without content (会议由殷勇主持, 出席会议并讲话) give no statement; anonymous sources
  (业内人士, 有关负责人 ...) and organisations (会议指出) are not speakers but do end a continuation;
- 通报了 / 介绍了 + object: the object is the statement;
- surname + title (王部长表示) maps to the one full name with that surname (and title) in the article;
  an address form (李先生, 老王) only to a person named earlier, and never after 市民/网友; 王某 never;
- names: the finder's PER entities that look like person names (`plausible_name`), plus ``ROLE|ORG +
  surname-name + verb`` for names a finder misses (and ``occupation + rare word + verb`` for pen names:
  财经评论人牛刀认为; a finder's name that is a dictionary word after a title, 发言人培根…说), foreign names joined by - or
  · (a later 卡莱尔 is 里克-卡莱尔), then every other occurrence of a known name.

Statements are exact spans of `text`, without the cue and leading punctuation, with the final
punctuation kept. Pure Python + jieba.

The parts, in the order they run: `paragraph` (the data the rules share), `mentions` and `roles` (who is
mentioned, as what; `role_names` the names a finder misses or turns down that a role before them and a
reporting verb after them make names), `cues` (reporting verbs and their subjects; `gaps` the adverbs jieba tags
between them), `content` (what a cue introduces), `subjects` (narration and pronouns), `statements` (what was said
by whom), `attribution` (the walk through the body); `vocab` holds the vocabulary and `SpeechConfig`, `names` the offline name finder
(jieba) and the plausibility checks every finder's names go through, `clauses` the punctuation-level
helpers.
"""
from __future__ import annotations

from zhnews.models.speech.attribution import attribute
from zhnews.models.speech.mentions import NameFinder
from zhnews.models.speech.names import jieba_name_finder
from zhnews.models.speech.vocab import SpeechConfig

__all__ = ["NameFinder", "SpeechConfig", "attribute", "jieba_name_finder"]
