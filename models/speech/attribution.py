"""The `attribute` entry point and the walk through the body: each paragraph's unit sentences in
order, a sentence with cues handing over to models/speech/content.py, the others continuing the
current speaker's indirect speech, ending it (narration, another cue, the paragraph end, the
continuation limit) or chaining an unattributed speech quote to the last speaker; plus the quotes
whose speaker is named without a reporting verb. A learned continuation head (models/speech/
continuation.py), when given, decides the sentences without a cue that could carry on a speaker's
speech, also across a paragraph break."""
from __future__ import annotations

import re

from bisect import bisect_left, bisect_right
from typing import Callable, Sequence

from zhnews.models.schema import Span, Speaker
from zhnews.models.speech.clauses import clause_end, clause_start, strip_span
from zhnews.models.speech.content import cued_statements
from zhnews.models.speech.continuation import Decider, LearnedWalk, SentenceVectors
from zhnews.models.speech.cues import find_cues
from zhnews.models.speech.free_quotes import colon_follows, lead_quotes, opening_quotes, quote_by_nearby_person
from zhnews.models.speech.interviews import interviewed, interviewed_in_headline
from zhnews.models.speech.mentions import NameFinder, find_mentions
from zhnews.models.speech.paragraph import Cue, Mention, Paragraph, Quote
from zhnews.models.speech.statements import Statements, ends_its_sentence, speech_quote
from zhnews.models.speech.subjects import (acting_subject, named_host, narrative, reporter_guest, resolve, subject_like,
                                          turn_label)
from zhnews.models.speech.layout_vocab import (DASH_BULLET_RE, FIRST_POINT_RE, GAME_WORDS_RE, HEADING_RE, POINT_RE,
                                               SPEECH_LIKE_RE, SUBHEADING_RE, WALKTHROUGH_RE)
from zhnews.models.speech.vocab import (CLAUSE_PUNCT, CLOSE_QUOTES, DEFAULT_CONFIG, FIRST_PERSON_RE, OPEN_QUOTES,
                                        SpeechConfig, TEMPORAL_CLAUSE_RE, vocab_index)
from zhnews.models.text import dateline_spans


def attribute(text: str, paragraphs: Sequence[tuple[Span, Sequence[Span]]], find_names: NameFinder,
              config: SpeechConfig | None = None, continuation: Decider | None = None,
              vectors: SentenceVectors | None = None, headline: str = "") -> list[Speaker]:
    """Named speakers of the article body, each with its role and its statements (Spans into
    `text`), in order of first statement. `paragraphs`: the body as (paragraph, its sentences)
    Spans into `text`, the sentences as the pipeline split them. Summaries are left empty.
    `continuation`: a learned continuation decision (a `ContinuationHead`), None for the rules alone;
    `vectors`: sentence strings -> their encoder vectors, for a head that reads them; `headline`: the page's
    title, where an interview may name the one it is with (…——访…主任樊志刚) and nowhere else."""
    if not text or not paragraphs or WALKTHROUGH_RE.search(text) and GAME_WORDS_RE.search(text):
        return []  # a game walkthrough: its characters talk in the plot, nobody speaks in the news
    config = config or DEFAULT_CONFIG
    paras = [Paragraph.build(text, span, list(sentences), config.jieba_hmm)
             for span, sentences in paragraphs if span.end > span.start]
    roles = find_mentions(text, paras, find_names, config)
    said = Statements(text, config)
    if said.interview:
        said.host, said.reporter_guest = named_host(paras), reporter_guest(paras, said)
        # 答： before any named turn is theirs
        said.interviewee = interviewed(paras) or interviewed_in_headline(headline, find_names)
    learned = LearnedWalk(continuation, vectors, said, config) if continuation is not None else None
    flow: str | None = None  # speaker of the last statement unit: quote chaining goes across paragraphs
    for i, para in enumerate(paras):
        if learned is not None:
            learned.new_paragraph()
        speaking = i and flow and _speaks_to_the_end(said, flow, paras[i - 1])
        if speaking and _quote_runs_on(paras[i - 1], para) and _quoted_whole(para):
            for sent in para.sentences:  # a quotation of several paragraphs: all of this one is theirs
                said.add(flow, sent.start, sent.end)
            continue
        carried = flow if speaking and (_opens_point(para) or _quote_runs_on(paras[i - 1], para)) else None
        flow = _attribute_paragraph(para, paras[:i], said, flow, config, learned, carried)
    for para in paras:
        _signed(para, said)
    return said.speakers(roles)


_SIGNATURE_DASH_RE = re.compile(r"(?:——|--|－－)\s*$")


def _signed(para: Paragraph, said: Statements) -> None:
    """Words signed by a person at the paragraph's end (…自己是观众。——冯仑, a quotation a post shares):
    each sentence before the dash is that person's, unless it is someone's statement already."""
    text = para.text
    signer = next((m for m in reversed(para.mentions) if m.kind in ("name", "titled") and m.name), None)
    if signer is None or text[signer.end:para.span.end].strip(" \t\u3000。.") or \
            not (dash := _SIGNATURE_DASH_RE.search(text, para.span.start, signer.start)):
        return
    for s in para.sentences:
        if s.start < dash.start() and not said.covers(s):
            said.add(signer.name, s.start, min(s.end, dash.start()))


def _opens_point(para: Paragraph) -> bool:
    """The paragraph opens with a numbered point (首先，… / 第二，… / 三是…)."""
    return bool(para.units) and bool(FIRST_POINT_RE.match(para.text, para.units[0].start))


def _quote_runs_on(before: Paragraph, para: Paragraph) -> bool:
    """A quotation of several paragraphs: `before` ends inside a quote it opened (no closing mark after its
    last opening one) and `para` opens with a quote mark (唐国强回答：“我们将…发展。|“明年我们要…), the way
    Chinese prints one speech over paragraphs, each opening with “ and only the last closing."""
    text = before.text[before.span.start:before.span.end]
    opened = max(text.rfind(q) for q in OPEN_QUOTES)
    return opened >= 0 and not any(q in text[opened:] for q in CLOSE_QUOTES) and \
        para.text[para.span.start:para.span.end].lstrip(" \t\u3000").startswith(tuple(OPEN_QUOTES))


def _quoted_whole(para: Paragraph) -> bool:
    """The quote `para` opens with runs to its end: no closing mark before its last characters."""
    text = para.text[para.span.start:para.span.end].rstrip(" \t\u3000")
    closing = max(text.rfind(q) for q in CLOSE_QUOTES)
    return closing < 0 or not text[closing + 1:].strip(" \t\u3000。.！!？?")


def _closes_with_speech_quote(para: Paragraph, sent: Span, config: SpeechConfig) -> bool:
    """`sent` ends with a quote of the speaker's own that says something (…，“…再说也不一定输。”): opening the
    sentence or after a comma; not a quoted term (…叫“提问奥巴马”。), nor words cited after a colon or another quote
    (…报告中指出：“…。”“…。”全面落实…: the speaker citing a text goes on)."""
    quotes = para.quotes_in(sent.start, sent.end)
    q = quotes[-1] if quotes else None
    if q is None or not ends_its_sentence(para.text, q, sent.end):
        return False
    before = para.text[q[0] - 1:q[0]]
    return before not in (*CLOSE_QUOTES, "：", ":") and (q[0] == sent.start or before in "，, \t\u3000") and \
        speech_quote(para.text, q, config)


def _inside_whole_quote(para: Paragraph, sent: Span) -> tuple[int, int]:
    """`sent`'s span, or inside its quote marks when one quote is the whole sentence (…则认为，…。“我们丢的三个球…。”:
    the words, as a quote after a cue gives them)."""
    a, b = strip_span(para.text, sent.start, sent.end)
    quotes = para.quotes_in(sent.start, sent.end)
    if len(quotes) == 1 and quotes[0][0] == a and para.text[quotes[0][1] + 1:b].strip("。.！!？? \t\u3000") == "":
        return quotes[0][0] + 1, quotes[0][1]
    return sent.start, sent.end


def _speaks_to_the_end(said: Statements, speaker: str, para: Paragraph) -> bool:
    """`speaker`'s last statement reaches into the last sentence of `para`: the points after it are theirs
    (…今后将在三个方面对境外发债进行政策调整。/ 首先，… / 第二，…)."""
    spans = said.spans.get(said.groups.get(speaker, [speaker])[0])
    return bool(spans and para.units) and spans[-1][1] > para.units[-1].start


def _attribute_paragraph(para: Paragraph, earlier: list[Paragraph], said: Statements, flow: str | None,
                         config: SpeechConfig, learned: LearnedWalk | None = None,
                         carried: str | None = None) -> str | None:
    """Record the statements of one paragraph; returns the new `flow`. The rules' indirect
    continuation stays inside the paragraph, except into a paragraph of numbered points (`carried`: the
    speaker whose words ended the paragraph before); `learned` (a head) may carry a speaker across."""
    vocab = vocab_index(config)
    cues = find_cues(para, config)
    # a speaking subject is the first choice for a later 他说 of the paragraph (all of its cues count,
    # also those after the pronoun)
    cue_subjects = {c.subject.start for c in cues if c.subject is not None}

    def who(m: Mention) -> str | None:
        if m.kind == "pronoun" and _after_anonymous_cue(para, cues, m):
            return None  # …上述银行人士说。他表示，…: 他 is that unnamed source, nobody named
        return resolve(m, para, earlier, said, cue_subjects, vocab)

    current: str | None = carried  # indirect-speech continuation
    used_quotes: set[Quote] = set()
    flat = para.span.end - para.span.start > config.flat_paragraph_chars
    limit = config.max_continuation_flat if flat else config.max_continuation
    continued = 0
    # quotes right before a cue clause (“…。”张三说…) wait for that cue: never chained or continued
    before_cue = {para.quote_before(min(c.subject_start, c.clause_start)) for c in cues
                  if c.kind == "person"} - {None}
    # (…，“…。”费舍尔说，“…”: nor taken by a verbless lead-in, unless the cue's words follow its colon)
    waiting = {para.quote_before(min(c.subject_start, c.clause_start)) for c in cues
               if c.kind == "person" and not colon_follows(para, c)} - {None}
    sandwiches = _verbless_quotes(para, cues, used_quotes, waiting, said, who, config)
    turn_speaker: str | None = None  # the labelled speaker of the transcript turn under way
    for i, sent in enumerate(para.units):
        s_cues = cues[bisect_left(cues, sent.start, key=lambda c: c.verb_start):
                      bisect_left(cues, sent.end, key=lambda c: c.verb_start)]  # cues are in order
        if current and not turn_speaker and i and _closes_with_speech_quote(para, para.units[i - 1], config):
            current = None  # …坦言，…，“…我有想哭的冲动。”上周《亲密敌人》宣布…: their quote closed, the reporter goes on
        held = [name for a, name in sandwiches if sent.start <= a < sent.end]
        if held:  # its quotes are taken; the previous speaker's continuation ends here
            cued_statements(para, sent, s_cues, used_quotes, flow, said, who, config)  # (米勒说：“…，”海耶斯…，“…”)
            current, flow, continued = None, held[-1], 0
            said.last_speaker = flow
            if learned is not None:
                learned.cue(para, sent)
            continue
        turn = turn_label(para, sent, said, vocab)
        if turn is None and turn_speaker and (HEADING_RE.match(para.text, sent.start, sent.end) or
                                              _opens_with_dateline(para, sent)):
            current = flow = turn_speaker = None  # 【嘉宾简介】 / 新浪体育讯 (a page printed twice): the transcript is over
        if turn is not None:  # 张三：… / 答：… opens a turn, continued to the next label
            # (a transcript run into one line is no reason to cut a turn short: the labels mark it)
            current, continued, turn_speaker = turn[0], 0, (turn[0] if turn[2] else None)
            limit = config.max_continuation_flat if flat and not turn[2] else config.max_continuation
            # (a transcript's label marks the words, however short the answer: 吴尊：是。/ 没有啦！)
            shortest = 1 if turn[2] else None
            flow = current if current and said.add(current, turn[1], sent.end, min_chars=shortest) else None
            if current:
                used_quotes.update(para.quotes_in(turn[1], sent.end))
                if learned is not None:
                    learned.cue(para, sent)
                continue
            # 问：… ends the turn; a speaker the question cites (问：张三说，…) is still found
        if turn_speaker:
            # every sentence up to the next label is the turn's, whatever verbs it holds (曾国忠：…
            # 资料都显示…。我们董事长说过…), except the words of someone it names as speaking
            # (我记得吴小玲女士提到了…): those are hers, and the turn goes on after them
            if any(c.kind == "person" and c.subject is not None and c.subject.kind == "name" for c in s_cues):
                cued_statements(para, sent, s_cues, used_quotes, flow, said, who, config)
            elif said.add(turn_speaker, sent.start, sent.end, min_chars=2 if para.text[
                    sent.start:sent.end].rstrip().endswith(("。", "！", "？", "!", "?")) else None):
                # (a short sentence of the turn: …你是否满意？谢谢！; not a signature, (肥仔))
                flow = turn_speaker
            used_quotes.update(para.quotes_in(sent.start, sent.end))
            continue
        if s_cues and current and _cited_in_speech(para, s_cues, current, who):
            # 他说，…。江泽民总书记在十五大报告中再次重申…。: the speaker cites a text, and the words go on being his
            continued += 1
            if said.add(current, sent.start, sent.end):
                flow = current
            used_quotes.update(para.quotes_in(sent.start, sent.end))
            continue
        if s_cues:
            current, flow = cued_statements(para, sent, s_cues, used_quotes, flow, said, who, config, current)
            if any(para.text.startswith("所", c.verb_start) and "“" not in para.text[c.verb_end:c.verb_end + 2]
                   for c in s_cues):
                current = None  # 正如阿德尔曼所说，… / 正如…所言，…: the one sentence the narrator agrees with; what
                # follows is the narrator's again (fresh's thuc-564 ran on for five sentences its gold leaves to him)
            continued = 0
            limit = config.max_continuation_flat if flat else config.max_continuation
            if learned is not None:
                learned.cue(para, sent)
            continue
        if learned is not None and (current or flow):
            is_narrative = narrative(para, sent, vocab)
            if not is_narrative and any(q in before_cue for q in para.quotes_in(sent.start, sent.end)):
                current = None  # a quote waiting for the next cue: the rules' (flow kept)
            else:
                current, flow, continued = learned.step(para, sent, current, flow, continued, limit, used_quotes,
                                                        is_narrative)
            continue
        if narrative(para, sent, vocab) or SUBHEADING_RE.match(para.text, sent.start, sent.end) or \
                (current and _another_voice(para, sent)):
            current = flow = None
            continue
        if any(q in before_cue for q in para.quotes_in(sent.start, sent.end)):
            current = None
            continue
        if current and config.continue_paragraph and continued >= limit and not (
                flat and any(_speech_like(para, u) for u in para.units[i:i + 2])) and not _between_points(para, i):
            # (past the limit of a run-together article, only a sentence that sounds like the speaker
            # goes on: 我们… / 第三，…, or one between such sentences: 第二，…。这场危机暴露了…。我们要…;
            # speeches of 10-20 sentences are common there)
            current = None
        if current and _spaced_break(para, sent):
            current = None  # …发展趋势。 我国是一个…: a flattened page's paragraph break ends the indirect speech
        if current and any(m.kind in ("name", "titled") and not para.in_quote(m.start) and who(m) == current
                           for m in para.mentions_in(sent.start, sent.end)):
            current = None  # 理念每个人都有，但王炯的特点在于坚持。: the speaker named in the third person is
            # narration about them, not their words
        if current and any(m.kind == "name" and m.role and (m.role_start or m.start) < m.start and
                           not para.in_quote(m.start) and who(m) != current and
                           m.name and m.name not in para.text[:m.start] for m in para.mentions_in(sent.start, sent.end)):
            current = None  # …他透露，品牌计划明年…。为本次展览担任策展人的是时尚评论人许曼青。: a person introduced
            # here for the first time, a role before the name, is the reporter's news, not the speaker's words going on
            # (…发表的八项主张，…: 江泽民主席 with the title after, as a speaker names a leader, goes on)
        if current and config.continue_paragraph:
            continued += 1
            if said.add(current, *_inside_whole_quote(para, sent)):
                flow = current
            used_quotes.update(para.quotes_in(sent.start, sent.end))
            continue
        # unattributed speech quotes: continue the speaker of the previous unit
        chained = False
        for q in para.quotes_in(sent.start, sent.end):
            if q in used_quotes:
                continue
            if flow and config.chain_quotes and speech_quote(para.text, q, config) and \
                    q[0] <= strip_span(para.text, sent.start, sent.end)[0]:  # the quote opens the sentence
                if _asks_them(para.text, q):
                    chained = True  # the interviewer's question: nobody's here, the answer after it is flow's
                    used_quotes.add(q)
                elif said.add(flow, q[0] + 1, q[1]):
                    chained = True
                    used_quotes.add(q)
        if not chained:
            flow = quote_by_nearby_person(para, sent, used_quotes, said, who, config)
    lead_quotes(para, used_quotes, said, who, config)
    opening_quotes(para, used_quotes, said, who, config)
    return flow


# where a person's words were written or given: 在十五大报告中, 在新年贺词里, 在讲话中
_IN_A_TEXT_RE = re.compile(r"[^，,。；;：:“”]{0,8}在[^，,。；;：:“”]{0,30}?(?:报告|讲话|文章|谈话|贺词|贺信|指示|题词|著作)(?:中|里)[^，,。；;：:“”]{0,6}")


def _cited_in_speech(para: Paragraph, cues: list[Cue], current: str, who: Callable[[Mention], str | None]) -> bool:
    """Every cue of the sentence is another named person's words given in a text of theirs (江泽民总书记在十五大报告中
    再次重申…) while `current` is speaking: the speaker cites them (the corpus gives such sentences to the speaker)."""
    return all(c.kind == "person" and c.subject is not None and c.subject.kind in ("name", "titled") and
               who(c.subject) not in (None, current) and
               _IN_A_TEXT_RE.fullmatch(para.text, c.subject.end, c.verb_start) for c in cues)


# a first clause that hands the sentence to a voice nobody named: …发布的数据显示，… / 调查结果显示，… / 住房建设专家纷纷表示，…
_ANOTHER_VOICE_RE = re.compile(r"(?:[^，,：:。；;“”]{1,10}[：:])?[^，,：:。；;“”]{4,}?(?:显示|表明|认为|表示|指出|预测|发现)[，,：:]")


def _another_voice(para: Paragraph, sent: Span) -> bool:
    """The sentence opens with a clause ending in a reporting verb whose subject is no one named, no pronoun
    (an unnamed source may be: 专家纷纷表示) and no 我, a subheading glued before it included (马来西亚：留学生…
    马来西亚驻华使馆教育处最近发布的数据显示，…): the last speaker's words are over."""
    a, _ = strip_span(para.text, sent.start, sent.end)
    m = _ANOTHER_VOICE_RE.match(para.text, a, sent.end)
    return bool(m) and all(x.kind == "anon" for x in para.mentions_in(a, m.end())) and \
        not FIRST_PERSON_RE.search(para.text, a, m.end())


def _opens_with_dateline(para: Paragraph, sent: Span) -> bool:
    """`sent` starts with a dateline (新浪体育讯, 新华社北京6月16日电): a news body starts there."""
    spans = dateline_spans(para.text, sent.start, sent.end)
    return bool(spans) and not para.text[sent.start:spans[0][0]].strip()


def _spaced_break(para: Paragraph, sent: Span) -> bool:
    """Whitespace between the sentence before and this one (。 我国…): a paragraph break a flattened
    page kept as spaces."""
    text, a = para.text, sent.start
    b = strip_span(text, sent.start, sent.end)[0]
    while a > para.span.start and text[a - 1] in " \t\u3000\xa0":
        a -= 1
    return a > para.span.start and text[a - 1] in "。！？!?”" and b > a and not text[a:b].strip()


POINT_GAP = 3  # units between two numbered points of a speech (一是…。国内…。如在英国…。二是…)


def _asks_them(text: str, q: Quote) -> bool:
    """“这些农业机械都是你们自己的？”: a question put to someone (你/您), in an interview the reporter's, not
    the words of whoever spoke last; so is a question alone on its line where the reporter has asked before
    (“家里就你们俩？”记者问。…\n“花好多钱吧？”\n“…”: the turns alternate)."""
    if text[q[1] - 1] not in "？?":
        return False
    alone = text[text.rfind("\n", 0, q[0]) + 1:q[0]].strip() == "" and text[q[1] + 1:q[1] + 2] in ("\n", "")
    return any(c in text[q[0]:q[1]] for c in "你您") or (alone and bool(_REPORTER_ASKED_RE.search(text, 0, q[0])))


_REPORTER_ASKED_RE = re.compile("(?:记者|笔者|我)(?:又|再|还|便|就)?(?:问|追问)")


def _between_points(para: Paragraph, i: int) -> bool:
    """Unit i lies between two numbered points (一是… / 第二，…) at most POINT_GAP units apart: the
    explanation of a point of the speech under way, however long it has gone on."""
    def point(u: Span) -> bool:
        return bool(POINT_RE.match(para.text, *strip_span(para.text, u.start, u.end)))

    return any(point(u) for u in para.units[max(0, i - POINT_GAP + 1):i]) and \
        any(point(u) for u in para.units[i:i + POINT_GAP])


def _after_anonymous_cue(para: Paragraph, cues: list[Cue], m: Mention) -> bool:
    """The last cue before the pronoun `m` had an unnamed source as its subject (上述人士说), and no
    person is named between it and `m`."""
    k = bisect_right(cues, m.start, key=lambda c: c.verb_end)  # cues are in text order
    last = cues[k - 1] if k else None
    return last is not None and last.kind == "anon" and not any(
        o.kind in ("name", "titled") and not para.in_quote(o.start) for o in para.mentions_in(last.verb_end, m.start))


def _speech_like(para: Paragraph, sent: Span) -> bool:
    """The unit sounds like a speaker going on (SPEECH_LIKE_RE, or a dash bullet: ——推动…)."""
    return bool(DASH_BULLET_RE.match(para.text, sent.start, sent.end)
                or SPEECH_LIKE_RE.match(para.text, *strip_span(para.text, sent.start, sent.end)))


def _nearest_clause_subject(para: Paragraph, lo: int, pos: int, who: Callable[[Mention], str | None],
                            vocab: dict) -> str | None:
    """Walking back from `pos` to `lo` clause by clause, the first clause naming a person: that person,
    when the clause names one person only, opens with them (adverbials at most before) and has them
    act (a verb, adverb, preposition, time, place or manner word after the name). Else None."""
    text, end = para.text, pos
    while end > lo:
        cs = clause_start(text, lo, end - 1)
        mentions = [m for m in para.mentions_in(cs, end) if not para.in_quote(m.start)]
        if mentions:
            persons = [m for m in mentions if m.kind in ("name", "titled", "pronoun")]
            if len(persons) != len(mentions) or len({who(m) for m in persons}) != 1:
                return None  # 记者, 他们 or a second person in the clause: whose words is unclear
            acts = acting_subject(para, persons[0], cs, vocab, ("s", "t", "a", "ad", "i", "l"))
            return who(persons[0]) if acts else None
        end = cs - 1
    return None


def _object_before_colon(para: Paragraph, persons: list[Mention], colon_quote: int) -> bool:
    """雷阿伦看了看身边的隆多：“…”: the persons after the first are its objects, in its clause, the last right before
    the colon; not 张三和李四：“…” (joined, both or neither), not 森林狼主帅科特-兰比斯很无奈，“…” (a name inside the
    role of the next), not 周迅饰演的造型亦与马王堆有着紧密联系：“…” (the clause goes on after the last)."""
    text, first = para.text, persons[0]
    cs = clause_start(text, para.span.start, first.start)
    return all(clause_start(text, para.span.start, m.start) == cs for m in persons) and \
        not text[persons[-1].end:colon_quote - 1].strip() and persons[1].phrase_start() > first.end and \
        not any(c in text[first.end:persons[1].phrase_start()] for c in "和与及、同跟")


def _in_time_clause(para: Paragraph, m: Mention) -> bool:
    """`m` is inside a clause that is a 当/在…时 adverbial (cues' TEMPORAL_CLAUSE_RE): the clause after it has a
    subject of its own."""
    text = para.text
    return bool(TEMPORAL_CLAUSE_RE.fullmatch(text, clause_start(text, para.span.start, m.start),
                                             clause_end(text, m.end, para.span.end)))


_PREPOSITIONS = ("为", "替", "对", "向", "给", "把", "被")  # (not 和 与 同 跟: they also join two subjects)


def _companion_of_subject(text: str, persons: list[Mention], m: Mention) -> bool:
    """和 / 与 / 同 / 跟 before `m` after an adverb or two of the person before (他甚至和张合义商量：): with whom, no
    second subject (他和张合义商量： joins two; 周迅饰演的狐狸精造型亦与…: the subject is no person)."""
    j = m.phrase_start() - 1
    while j >= 0 and text[j] in " \t\u3000":
        j -= 1
    before = [p for p in persons if p.end <= j]
    gap = text[before[-1].end:j] if before and j >= 0 and text[j] in "和与同跟" else ""
    return 0 < len(gap) <= 4 and "的" not in gap and not any(c in CLAUSE_PUNCT for c in gap)


DASH_SIGNATURE_RE = re.compile(r"[ \u3000]*(?:——|－－|--)[ \u3000]*")


def _verbless_quotes(para: Paragraph, cues: list[Cue], used_quotes: set[Quote], waiting: set[Quote],
                     said: Statements, who: Callable[[Mention], str | None],
                     config: SpeechConfig) -> list[tuple[int, str]]:
    """Quotes whose speaker is named without a reporting verb (with one, the cue rules handle it):
    “…，”科特-兰比斯很无奈，“…”: a quote broken off at a comma, then a short clause made of a person
    (with role) and a comment, then another quote: both quotes are that person's; and a sentence
    with one person as its subject leading into a quote with a colon. Quotes `waiting` for the cue
    right after them (“…”控卫德里克-费舍尔说) are that cue's. Returns (quote start, name) of each quote taken."""
    text, taken, last = para.text, [], said.last_speaker  # add moves last_speaker; the sentence loop will
    vocab = vocab_index(config)
    for q1, q2 in zip(para.quotes, para.quotes[1:]):
        mid_a, mid_b = q1[1] + 1, q2[0]
        mid = text[mid_a:mid_b].rstrip()
        if q2 in used_quotes or q2 in waiting or text[q1[1] - 1] not in "，," or \
                not mid.endswith(("，", ",", "：", ":")) or len(mid) > 30 or \
                any(c in CLAUSE_PUNCT for c in mid[:-1]) or \
                any(mid_a <= c.verb_start < mid_b for c in cues):
            continue
        persons = [m for m in para.mentions_in(mid_a, mid_b) if m.kind in ("name", "titled") and m.name]
        if len(persons) != 1 or text[mid_a:persons[0].phrase_start()].strip():
            continue
        name = persons[0].name
        # 米勒慵懒地说：“…，”海耶斯嗓门大得出奇，“…”: a first quote taken by the pair before, or by a cue
        # right in front of it, stays that speaker's; the second is the one named between
        cued = q1 in used_quotes or any(c.kind == "person" and c.verb_end <= q1[0] <= c.verb_end + 8 and
                                        not any(ch in "。！？!?；;\n“”" for ch in text[c.verb_end:q1[0]]) for c in cues)
        for q in (q2,) if cued else (q1, q2):
            if said.add(name, q[0] + 1, q[1]):
                used_quotes.add(q)
                taken.append((q[0], name))
    for q in para.quotes:  # 胡歌在电话中听到转述后，有点没回过神来：“…”: a verbless lead-in with a colon
        if q in used_quotes or q in waiting or q[0] == para.span.start or text[q[0] - 1] not in "：:，," or \
                not speech_quote(text, q, config):
            continue
        sent = next((x for x in para.units if x.start <= q[0] < x.end), None)
        if sent is None or any(sent.start <= c.verb_start < sent.end for c in cues):
            continue
        rest = strip_span(text, q[1] + 1, sent.end)
        if text[q[0] - 1] in "，," and rest[0] < rest[1] and \
                not (FIRST_PERSON_RE.search(text, q[0], q[1]) and re.match("[，,][他她]", text[q[1] + 1:q[1] + 3])):
            continue  # 张三笑了，“…”: with a comma only when the quote ends the sentence, or when the subject goes on
            # after a quote in the first person (卞怡婧在卢浮宫看到了名作《蒙娜丽莎》，“…让我震撼”，她游览…)
        persons = [m for m in para.mentions_in(sent.start, q[0]) if m.kind in ("name", "titled", "pronoun")
                   and not para.in_quote(m.start)  # (介绍自己为“张震的爸爸”: a name quoted is nobody speaking)
                   and not text.startswith("的", m.end)  # 巴特勒的学生们高兴地喊：“…”: the students shout
                   and not _in_time_clause(para, m)]  # 当吴敦夫来到…时，孤儿们齐声问候：“…”: the children
        persons = persons[:1] + [m for m in persons[1:] if not text[sent.start:m.phrase_start()].rstrip().endswith(
            _PREPOSITIONS) and not _companion_of_subject(text, persons, m)]  # 邓华德曾经为刘炜打抱不平，“…”: whom the subject
        # acts for is not a second speaker
        if persons and subject_like(para, persons[0], vocab) and (  # 他…，但他也知道…，“…”: one person throughout;
                len({who(m) for m in persons}) == 1 or _object_before_colon(para, persons, q[0])):
            name = who(persons[0])
        else:  # 回忆起张震小时候的事，张国柱沉浸在开心里：“…”: the person opening the nearest clause that names one
            name = _nearest_clause_subject(para, sent.start, q[0], who, vocab)
        if name and said.add(name, q[0] + 1, q[1]):
            used_quotes.add(q)
            taken.append((q[0], name))
    for q in para.quotes:  # “别在我的车库里撒野！”——骑士老板丹-吉尔伯托: a quote signed after a dash
        sign = DASH_SIGNATURE_RE.match(text, q[1] + 1)
        if q in used_quotes or not sign or not speech_quote(text, q, config):
            continue
        persons = [m for m in para.mentions_in(sign.end(), min(sign.end() + 30, para.span.end))
                   if m.kind == "name" and m.name]
        if persons and not any(c in CLAUSE_PUNCT for c in text[sign.end():persons[0].start]) and \
                said.add(persons[0].name, q[0] + 1, q[1]):
            used_quotes.add(q)
            taken.append((q[0], persons[0].name))
    said.last_speaker = last
    return taken
