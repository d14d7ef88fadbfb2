"""What a sentence with speech cues says, and whose it is: for each cue, a quote right before its
clause (“…”，张三说), a quote or the content after it up to the next cue (张三表示，…), 了 + object
(通报了…), or the words before "…，张三表示。". The statements go to `Statements`."""
from __future__ import annotations

import re
from typing import Callable

from zhnews.models.schema import Span
from zhnews.models.speech.clauses import clause_end
from zhnews.models.speech.cues import FEELING_VERBS, ONE_LINE_RE, expressive
from zhnews.models.speech.follows import GUO_WORDS, skip_addressee, what_follows
from zhnews.models.speech.paragraph import Cue, Mention, Paragraph, Quote
from zhnews.models.speech.statements import Statements, ends_its_sentence, speech_quote, term_quote
from zhnews.models.speech.layout_vocab import POINT_RE
from zhnews.models.speech.vocab import (CLAUSE_PUNCT, EXPRESSIVE_OBJECTS, FIRST_PERSON_RE, SENTENCE_FINAL,
                                        SPEECH_VERBS_OUTRIGHT, SpeechConfig, TEMPORAL_CLAUSE_RE, vocab_index)


# an object that only points back (上述决定。, 这一观点, 以上意见, 重申了这样的观点, 透露了此项计划，): a topic named again,
# not content; not a clause
# with a modal (希望这一势头能够得到保持: what is hoped for)
_NO_MODAL = r"(?![^，,。；;]*(?:能|会|将|要|应|可以|必须))"
_BACK_REFERENCE_RE = re.compile(r"了?(?:上述|以上|前述|这一(?!切)|这些|此项|这项)" + _NO_MODAL +
                                r"[^，,。；;：:“”！？!?]{0,8}[。！？!?]?"
                                # (after 了 only, and before a comma too: 重申了这样的观点, 透露了此项计划，并说…)
                                r"|(?:(?<=了)|了)(?:上述|以上|这一(?!切)|这些|此项|这项|这样的|这种|这个|此|该)" + _NO_MODAL +
                                r"[^，,。；;：:“”！？!?]{0,8}[。！？!?，,]?"
                                # 充分肯定了话剧《虎踞钟山》: a work named, what was said of it is not given
                                r"|了?[^，,。；;：:“”！？!?《》]{0,4}《[^《》]{1,30}》[，,。！？!?]?")


def cued_statements(para: Paragraph, sent: Span, cues: list[Cue], used_quotes: set[Quote], flow: str | None,
                    said: Statements, who: Callable[[Mention], str | None],
                    config: SpeechConfig, going_on: str | None = None) -> tuple[str | None, str | None]:
    """Record what the `cues` of `sent` introduce (quotes before or after each cue, the content
    after it up to the next cue, 了 + object, or the words before "…，张三表示。"), each cue's subject
    resolved by `who`; quotes taken go to `used_quotes`. `flow`: the speaker of the last statement
    unit; `going_on`: the speaker whose indirect speech the sentences before continued. Returns the speaker whose
    indirect speech the next sentences continue (or None) and the new `flow`."""
    text, vocab = para.text, vocab_index(config)
    current = None
    pos = sent.start  # text before this position is taken
    # 贾庆林说，江泽民同志…强调指出，… / 罗干指出，江泽民同志在…报告中指出：“…”: a speaker citing another's words
    # says them (the corpus gives them to the first speaker only)
    cues = [c for k, c in enumerate(cues) if not (k and _cites(para, cues[k - 1], c))]
    for idx, cue in enumerate(cues):
        nxt = cues[idx + 1] if idx + 1 < len(cues) else None
        # (up to the next cue's clause: …透露自己“…”，另|一位女演员李诚洁也喊道 / …，对此|李四表示: a lead-in of a few
        # characters and nobody named is the next's; not 由于总理内塔尼亚胡未能就|他提出…，他决定辞职, a clause of the content)
        lead_in = nxt.clause_start if nxt and cue.verb_end < nxt.clause_start < nxt.subject_start <= nxt.clause_start + 6 \
            and not para.mentions_in(nxt.clause_start, nxt.subject_start) else None
        content_end = min(sent.end, lead_in or nxt.subject_start) if nxt else sent.end
        if nxt and (topic := _TOPIC_LEAD_RE.search(text, cue.verb_end, content_end)):
            content_end = topic.start() + 1  # (…已开始，|不过在对于顾问的人选，于洪臣表示: the topic is the next's)
        name = who(cue.subject) if cue.kind == "person" else None
        if name and cue.partners:  # 李强、王伟表示: the statement is each one's
            name = said.group([n for n in map(who, cue.partners) if n] + [name])
        if not name:
            # an anonymous / organisational / unresolved speaker: its words are nobody's here
            _consume_quotes(para, cue, used_quotes)
            current = flow = None
            pos = max(pos, cue.verb_end)
            continue
        added = False
        # a quote right before the subject clause: “…”，赵鹏林说 / “…”赵鹏林表示
        # (from the clause start: “…”生活家地板总经理孙皓鸣说 when the role misses 生活家)
        follow = what_follows(para, cue.verb_end)
        qb = para.quote_before(min(cue.subject_start, cue.clause_start)) or \
            _quote_before_time_clause(para, min(cue.subject_start, cue.clause_start), follow == "end")
        if qb and qb not in used_quotes and cue.clause_start >= qb[1] and not _quoted_title(text, qb, vocab) and \
                not text.startswith("的", qb[1] + 1) and (  # (“…基金”的捐资人张三表示: a name the role holds)
                speech_quote(text, qb, config) or follow == "end" or FIRST_PERSON_RE.search(text, qb[0], qb[1])):
            if said.add(name, qb[0] + 1, qb[1]):
                used_quotes.add(qb)
                added = True
        j = cue.verb_end
        while j < sent.end and text[j] in "道称说着了 \t\u3000":
            j += 1
        if text.startswith("到", j) and text[j + 1:j + 2] in ("，", ",", "：", ":", "“"):
            j += 1  # 介绍到，“…” / 说到：“…”: 道 miswritten (谈到X is the topic and has no punctuation after it)
        if text.startswith("过", j) and text[j:j + 2] not in GUO_WORDS:
            j += 1  # 曾说过“…” / 说过，… / 透露过跟随球队…: the aspect, no word of the statement
        if follow in ("punct",):
            j += 1
            while j < sent.end and text[j] in " \t\u3000":
                j += 1
        feeling_verb = text[cue.verb_start:cue.verb_end] in FEELING_VERBS
        if follow == "bare" and feeling_verb and expressive(text, j, content_end):
            follow = "expressive"  # 表示满意，并特别提到…: the feeling, no addressee (满意， read as one: 告诉记者，)
        if follow == "bare":
            j, follow = skip_addressee(para, j, sent.end, text[cue.verb_start:cue.verb_end])
            if expressive(text, j, content_end):
                # 表示感谢 / 表示诚挚的慰问: the feeling is all it says (希望…支持: a wish, nothing said)
                follow = "expressive" if feeling_verb else None
        if follow in ("punct", "bare", "punct_skipped"):
            j = _skip_second_verb(para, j, sent.end, vocab)  # 作出指示，强调要… -> 要…
        if follow in ("bare", "le", "punct_skipped") and _BACK_REFERENCE_RE.fullmatch(
                text, j, max(j, min(content_end, clause_end(text, j + 1, content_end) + 1))):
            follow = None  # 宣布了上述决定。/ 强调了上述观点: it points back to words given before, says nothing new
        q = para.quote_at.get(j)
        if q is None and follow == "quote":
            follow = "punct"  # 张三说“…: a quote left open (a quotation running on into the next paragraph): as after 说：“
        if q and follow in ("quote", "bare") and term_quote(text, q):
            follow = None  # 提出『和平统一、一国两制』方针: the quote names the policy proposed, no words of the speaker
        if q and follow in ("punct", "quote") and not speech_quote(text, q, config) and q[1] + 1 < content_end \
                and text[q[1] + 1] not in CLAUSE_PUNCT:
            # 承认，“90后”球员已经… / 呼吁“国进民退”要把握好度: a quoted term opens indirect content
            q, follow = None, "punct" if follow == "punct" else "bare"
        if q and follow in ("punct", "quote"):
            # a short answer quoted whole as the sentence's end (科尔宾表示“没想好”。): two characters are words enough
            whole = follow == "quote" and text[cue.verb_start:cue.verb_end] not in _NAMING_VERBS and \
                ends_its_sentence(text, q, sent.end)
            if q not in used_quotes and said.add(name, q[0] + 1, q[1], min_chars=2 if whole else None):
                used_quotes.add(q)
                added = True
                for q2 in _chained_after(para, q, content_end, used_quotes, config):
                    if said.add(name, q2[0] + 1, q2[1]):
                        used_quotes.add(q2)
            current = None
            flow = name
            # text after the quote in the same sentence: "…”，他说。 is handled by its own cue
        elif follow in ("punct", "bare", "punct_skipped"):
            if said.add(name, j, content_end):
                added = True
                used_quotes.update(para.quotes_in(j, content_end))
                # a clean cue (X表示，…) opens a continuation; a bare one (X希望…) only when it opens
                # the paragraph, the usual shape of a reported-speech paragraph
                opens_para = not text[para.span.start:cue.subject_start].strip()
                # (or, in a run-together article, a sentence: 他认为…。SAT不只是…: one-paragraph pages
                # lost their paragraph starts; only the verbs that report speech outright)
                opens_sent = text[cue.verb_start:cue.verb_end] in SPEECH_VERBS_OUTRIGHT and \
                    not text[sent.start:cue.subject_start].strip() and \
                    para.span.end - para.span.start > config.flat_paragraph_chars
                # (or when it goes on from this speaker's own continuation: …。同时鼓励一批研究所…。对于…，科学院要…)
                # (a zero-subject one only: 他认为… in a short paragraph stops there, as it did before)
                # (or 他/她 with a verb that calls for something: …。他呼吁政策归位。货币政策作为…; not a belief or a
                # wish, 他认为… / 他希望…, which stop there as before)
                zero_subject = cue.subject is not None and (cue.subject.start < cue.clause_start or text[
                    cue.subject.start:cue.subject.end] in ("他", "她") and text[cue.verb_start:cue.verb_end] not in
                    _BELIEF_OR_WISH)
                # (or when its words open a list after a colon: 左红建议对基金法作出进一步修改完善：一是…。二是…)
                opens_list = _LIST_AFTER_COLON_RE.search(text, j, content_end) is not None
                goes_on = follow != "bare" or opens_para or opens_sent or opens_list or going_on == name and zero_subject
                current = name if content_end >= sent.end and goes_on else None
                flow = name
        elif follow == "le" and (line := ONE_LINE_RE.match(text, j)) and (q := para.quote_at.get(line.end())) \
                and q not in used_quotes:
            # 只说了一句“我们会努力” / 回应了一声“嗯……”: the line quoted is the words
            if said.add(name, q[0] + 1, q[1], min_chars=1):
                added = True
                used_quotes.add(q)
            current, flow = None, name
        elif follow == "le" and (colon := _colon_after_object(text, j, content_end)) is not None:
            # 介绍了壁纸安装的流程：先将…: the words follow the colon, and go on as after 表示，
            # (说了一句…的话：“…”: the quote's words, as after 说：)
            q = para.quote_at.get(colon + 1)
            if said.add(name, *((q[0] + 1, q[1]) if q else (colon + 1, content_end))):
                added = True
                used_quotes.update([q] if q else [])
                current = name if content_end >= sent.end and not q else None
            flow = name
        elif follow == "le":
            ce = min(clause_end(text, j, sent.end), content_end)
            if ce < sent.end and text[ce] in SENTENCE_FINAL:
                ce += 1
            if said.add(name, j, ce):
                added = True
            current = None
            flow = name
        elif follow == "expressive":
            # 对…来访表示热烈欢迎。-> 热烈欢迎。: the corpus keeps the feeling as the statement (README: 表示祝贺
            # keeps 祝贺), two characters and up, and nothing after it continues the speech
            ce = min(clause_end(text, j, sent.end), content_end)
            if ce < sent.end and text[ce] in SENTENCE_FINAL:
                ce += 1
            added = said.add(name, j, ce, min_chars=2) or added
            current = None
            flow = name if added else flow
        elif follow == "end" and not added:
            # "…，张三表示。": the words before the cue clause in this sentence
            a = max(pos, sent.start)
            b = cue.clause_start
            if b > a and said.add(name, a, b, keep_final=True):
                added = True
            current = None
            # (费拉里尼本人也在接受采访时表态。“我在这里很开心…。”: a verb that opens its sentence and ends it with no
            # words, the quote after it is theirs)
            flow = name if added or not text[sent.start:cue.clause_start].strip() else flow
        else:
            current = None
            if added:
                flow = name
        pos = max(pos, content_end if follow in ("punct", "bare", "punct_skipped") else cue.verb_end)
        if not added:
            current = None
    return current, flow


def _cites(para: Paragraph, outer: Cue, cue: Cue) -> bool:
    """`cue` opens the words of the person or unnamed source right before it (张三说，李四指出，… / 许多与会者说，
    江泽民总书记说…): they are that speaker's; not when it is that person again (张三在会上发言，他说，… /
    赵朴初、安士伟发言，他们说，…)."""
    return outer.kind in ("person", "anon") and cue.kind == "person" and \
        what_follows(para, outer.verb_end) == "punct" and \
        not para.text[outer.verb_end:min(cue.clause_start, cue.subject_start)].strip(" ，,：:\u3000") and \
        not para.text.startswith(("他", "她"), cue.subject_start)


def _chained_after(para: Paragraph, q: Quote, end: int, used_quotes: set[Quote], config: SpeechConfig) -> list[Quote]:
    """Speech quotes that follow `q` with only a comma or a space between, before `end` (…介绍到，“…”，“…”，“…”。: a
    page's run of quotes after one cue, every one the cue's). Quotes with nothing between (“…。”“…”) are left to the
    sentence walk, which chains them as sentences of their own."""
    text, out = para.text, []
    while True:
        k = q[1] + 1
        while k < end and text[k] in "，, \t\u3000":
            k += 1
        nxt = para.quote_at.get(k)
        if k == q[1] + 1 or not nxt or nxt[1] >= end or nxt in used_quotes or not speech_quote(text, nxt, config):
            return out
        out.append(nxt)
        q = nxt


def _consume_quotes(para: Paragraph, cue: Cue, used_quotes: set[Quote]) -> None:
    """The quotes of a cue whose speaker is nobody here: no later rule may give them to anyone."""
    qb = para.quote_before(min(cue.subject_start, cue.clause_start))
    if qb and cue.clause_start >= qb[1] and what_follows(para, cue.verb_end) == "end":
        used_quotes.add(qb)
    j = cue.verb_end
    while j < para.span.end and para.text[j] in "道称说着 \t\u3000，,：:":
        j += 1
    q = para.quote_at.get(j)
    if q:
        used_quotes.add(q)


def _quote_before_time_clause(para: Paragraph, pos: int, ends_sentence: bool) -> Quote | None:
    """A quote that closes right before a time clause ending in a comma at `pos` (“我真的不知道，”在被问到是否会留在
    篮网时，武贾西奇说道，“…”): the speaker's, as one right before the subject is. When the verb ends its sentence
    (…，演员蒋一鸣说。), so the words are nowhere after it, any one clause naming nobody will do: an occasion or a topic
    (“…。”在年会上，…创始人麦家豪感慨道。 / “…。”回忆起第一部戏的拍摄，演员蒋一鸣说。)."""
    text, j = para.text, pos
    while j > para.span.start and text[j - 1] in " \t\u3000":
        j -= 1
    if j <= para.span.start or text[j - 1] not in "，,":
        return None
    k = text.rfind("”", para.span.start, j)
    q = para.quote_closing.get(k) if k >= 0 else None
    if q is None:
        return None
    if TEMPORAL_CLAUSE_RE.fullmatch(text, k + 1, j - 1):
        return q
    if _TIME_ADVERBIAL_RE.fullmatch(text, k + 1, j - 1) and (
            text[k - 1] in "，," or ends_sentence or text[q[0] - 1:q[0]] not in ("：", ":", "，", ",")):
        return q  # (a quote after a colon that ended its sentence, …信息：“房价将要降温。”27日，…温家宝称，…, is not theirs)
    between = text[k + 1:j - 1]
    return q if ends_sentence and 0 < len(between) <= 24 and not re.search("[，,。；;：:！？!?“”]", between) and \
        not para.mentions_in(k + 1, j - 1) else None


# a topic clause opening the next cue's sentence part (…，对于顾问的人选，于洪臣表示 / …，至于新戏，她说): the next speaker's
_TOPIC_LEAD_RE = re.compile(r"[，,]\s*(?:不过|但是?|而|至于)?在?(?:对于|关于|至于|针对|面对|谈到|谈及|说到|提到|问及|对此)"
                            r"[^，,。；;：:“”]{0,30}[，,]\s*$")
# a day or time of its own between a quote and the subject (“…，”昨天，…副理事长周凤起称，“…” / …20万“我们…。”昨日，…)
_TIME_ADVERBIAL_RE = re.compile(r"\s*(?:昨天|昨日|今天|今日|日前|近日|当天|当日|昨晚|今晨|此前|上周[一二三四五六日末]?|本周[一二三四五六日]?|"
                                r"周[一二三四五六日]|(?:[0-9０-９]{4}年)?(?:[0-9０-９]{1,2}月)?[0-9０-９]{1,2}[日号])"
                                r"(?:上午|下午|晚间|晚上|早上|凌晨|中午|傍晚|晚)?\s*")
# a list opening after a colon (…修改完善：一是…): the points that follow are the same speaker's
_LIST_AFTER_COLON_RE = re.compile(r"[：:]\s*" + POINT_RE.pattern)
# verbs that may name a thing with the quote after them (称“诈伤门”, 叫“犀利妻”): no short answer
_NAMING_VERBS = frozenset("称 叫 称为 叫做 称作 号称 自称 人称 戏称 笑称 昵称".split())
# what a person believes or wishes: no sign that the sentences after it are still their words
_BELIEF_OR_WISH = frozenset("认为 觉得 相信 希望 期待 期望 盼望 坚信 感到".split())


def _skip_second_verb(para: Paragraph, j: int, end: int, vocab: dict) -> int:
    """Content that opens with another reporting verb (…作出指示，指出要…): start after it."""
    text = para.text
    for v in vocab["verbs"]:
        if text.startswith(v, j) and (j + len(v)) in para.bounds and v not in EXPRESSIVE_OBJECTS:  # (表示|感谢并…)
            k = j + len(v)
            while k < end and text[k] in "道称说 \t\u3000":
                k += 1
            if k < end and text[k] in "，,：:":
                k += 1
            return k
    return j


def _colon_after_object(text: str, j: int, end: int) -> int | None:
    """Where the colon is when the object after 了 is a short title it introduces (介绍了壁纸安装的流程：…)."""
    k = clause_end(text, j, end)
    return k if k < end - 1 and text[k] in "：:" and k - j <= 20 else None


def _quoted_title(text: str, q: Quote, vocab: dict) -> bool:
    """A title in quote marks before the name (台当局“疾病管制局副局长”林顶指出): part of a role, not speech."""
    inner = text[q[0] + 1:q[1]]
    return not any(c in inner for c in "，,。！？!?；;：:") and inner.endswith(tuple(vocab["title_set"]))
