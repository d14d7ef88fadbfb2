"""Who a sentence is about: a mention acting as a subject (narration about someone, not the object
of a verb), a narrative sentence (reporter's words that end a continuation: 据悉, a date, a person as
subject), a possessive between a person and a verb (张三的父亲说),
and the person a pronoun stands for."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable

from zhnews.models.schema import Span
from zhnews.models.speech.clauses import clause_end, clause_start, strip_span
from zhnews.models.speech.paragraph import Mention, Paragraph
from zhnews.models.speech.names import plausible_name, surname_of
from zhnews.models.speech.statements import Statements
from zhnews.models.speech.layout_vocab import (ANSWER_LABELS, COLUMN_LABEL_RE, GLUED_COLUMN_LABEL_RE, HOST_LABELS,
                                               LINK_UP_VERBS, NAMED_HOST_LABELS, REPORTER_LABELS, TURN_LABEL_RE)
from zhnews.models.speech.vocab import (ADVERBIAL_GAP_RE, CONTACT_VERBS, COORDINATED_OWNER_RE, DATE_START_RE,
                                        FIRST_PERSON_RE, FURNITURE_RE, KINSHIP_NOUNS, OTHER_SOURCES, SOURCE_SUBJECT_RE)


_TIME_CLAUSE_OPEN_RE = re.compile(r"\s*(?:在|当)")
_OBLIGATION_RE = re.compile("必须|应该|应当|务必|一定要|要有")
_INTRODUCED_RE = re.compile(r"有?[一这]?[个位名]?(?:名叫|叫做|叫)")
# a sentence opening with the source of what follows (根据惯例，… / 根据匈牙利法律，…) is the reporter's, unless the speaker
# is in it or calls for something (根据我的计算… / 根据灾情发展趋势，…要树立…)
_ACCORDING_TO_RE = re.compile(r"根据(?![^。！？!?]*?(?:[我咱]|要|应|必须|需))")
_LOOKING_ON_RE = re.compile(r"(?:^|[，,])\s*(?:只见|但见|只听得?)")
_TIME_CLAUSE_END_RE = re.compile(r"时\s*[，,]\s*$")
_ASKED_WHEN_RE = re.compile(r"(?:当|在)(?:记者|主持人)?(?:问到|问及|询问|问)(?=[^，,。；;：:“”被]{2,30}(?:时候|时)\s*[，,][^，,。]{0,12}$)")
_DATE_PART_RE = re.compile(r"[0-9０-９]+[日号月年]?|[日号月年]")  # jieba cuts ６日 into ６ / 日, ５年来 into ５ / 年 / 来

# a person's age (52岁的|澳门社会文化司司长崔世安, 现年45岁的|李明) or a 作为 / 身为 phrase (作为男一号的|任程伟) in front of
# the name or the role: what they are, no clause of its own
_AGE_RE = re.compile(r"(?:(?:现年|今年|年仅|年近|年逾|年过|已经)?[0-9０-９一二三四五六七八九十]{1,3}多?周?岁的?"
                     r"|(?:作为|身为)[^，,。；;：:！？!?“”、]{2,24}?的)$")


def subject_like(para: Paragraph, m: Mention, vocab: dict) -> bool:
    """A person mention acting as a subject (narration about someone), not an object of speech."""
    text = para.text
    cs = clause_start(text, para.span.start, m.start)
    rs = m.phrase_start()
    if not _AGE_RE.sub("", text[cs:rs].strip()).strip():
        return True
    before = text[cs:rs].rstrip()
    if before.endswith(("由", "据", "经", "请", "邀请", "与", "同", "和", "陪同")):
        return True
    if _INTRODUCED_RE.fullmatch(before) and text.startswith("的", m.end):
        return True  # 一个叫郑秀红的孤儿，…: the clause introduces them, its subject
    if before.endswith(("代表", "向", "给", "从", "到")):
        return False  # 科恩在会谈中代表克林顿总统对…: on behalf of him; 向张三表示: to him; 从邓小平提出…到…
    j = para.tok_index(m.end) if m.end < para.span.end else None
    if j is not None and para.toks[j][2] == m.end:
        word, flag = para.toks[j][0], para.toks[j][1]
        if word in vocab["title_set"] and j + 1 < len(para.toks):
            j += 1
            word, flag = para.toks[j][0], para.toks[j][1]
        for _ in range(4):  # a date or a time word first: 沃勒贝克６日在耶路撒冷证实了… / 张三昨天到达
            if j + 1 < len(para.toks) and (flag == "t" or _DATE_PART_RE.fullmatch(word)):
                j += 1
                word, flag = para.toks[j][0], para.toks[j][1]
        if flag.startswith(("v", "d", "p")) and word not in ("的",):
            return True
    return False


_CONJUNCTION_RE = re.compile(r"^(?:而(?!且)|但是|但|不过|可是|然而)")  # (not 而且: the narrator adding)
_KIN_RE = re.compile("的?[亲曾堂表]?(?:%s)" % "|".join(sorted(KINSHIP_NOUNS, key=len, reverse=True)))


def acting_subject(para: Paragraph, m: Mention, cs: int, vocab: dict, after_flags: tuple[str, ...]) -> bool:
    """`m` opens the clause starting at `cs` (adverbials at most before it: 也, 在会上…时) and acts there:
    subject-like (a verb, adverb or preposition after it), or a word of jieba class `after_flags` right
    after it (s / t: 赖启珊当场落泪, 张三昨天到达; a / i: 程永田兴致勃勃地…)."""
    text = para.text
    before = text[cs:m.phrase_start()].strip()
    owner = next((o for o in para.mentions_in(cs, m.start) if o.kind == "name"
                  and _KIN_RE.fullmatch(text[o.end:m.start])), None)
    if owner is not None:  # 秋瑾亲侄孙|秋经武: the kin of a named person is the subject's own phrase
        before = text[cs:owner.phrase_start()].strip()
    before = _CONJUNCTION_RE.sub("", _AGE_RE.sub("", before)).strip()  # (…效力，而诺维茨基更是语出惊人，表示…)
    if before and not ADVERBIAL_GAP_RE.fullmatch(before):
        return False  # 当他…, 师傅将宁甄…, 会见李四: not the clause's subject
    if subject_like(para, m, vocab):
        return True
    j = para.tok_index(m.end) if m.end < para.span.end else None
    return j is not None and para.toks[j][2] == m.end and para.toks[j][1] in after_flags


def narrative(para: Paragraph, s: Span, vocab: dict) -> bool:
    """The sentence is the reporter narrating (据悉…, 5月8日，…, 他还调研了…), not reported speech."""
    text = para.text
    a, b = strip_span(text, s.start, s.end)
    head = text[a:b]
    if not head:
        return True
    for w in vocab["narrative_starts"]:
        if head.startswith(w):
            return True
    if DATE_START_RE.match(head) or FURNITURE_RE.match(head) or _ACCORDING_TO_RE.match(head):
        return True  # a date; page furniture (相关新闻：…, 我要评论) ends any speech; a source named (根据惯例，…)
    if _LOOKING_ON_RE.search(head):
        return True  # 在地图板前，只见…: the reporter looking on
    if head.startswith(("我们", "咱们")):
        return False  # 我们应该…推动多哈回合谈判: a speaker's words, whoever is named in them
    source = SOURCE_SUBJECT_RE.match(text, a)
    if source and not para.mentions_in(a, source.end()):
        return True  # 景顺长城基金表示，…: an organisation's words, not the last speaker's
    # mentions are sorted by start: look only at those from the sentence on
    for i in range(bisect_left(para.mentions, s.start, key=lambda m: m.start), len(para.mentions)):
        m = para.mentions[i]
        if m.start >= s.end:
            break
        if m.end > s.end or para.in_quote(m.start):
            continue
        if m.kind in ("name", "titled") and subject_like(para, m, vocab) and \
                not _OBLIGATION_RE.search(text, m.end, clause_end(text, m.end, s.end)):
            return True  # (陈妍、吴艳艳这批年轻选手也必须尽快…: what the speaker says they must do, not narration)
        if m.kind == "pronoun" and text[m.start:m.end] != "其" and \
                not text[clause_start(text, para.span.start, m.start):m.start].strip():
            return True  # 他还调研了…: narration about the speaker (他们… / 双方应… are usually the people the
            # speaker talks about: 如果农村人口向城市转移…，他们就只能…)
        if m.kind == "anon" and text[m.start:m.end] in OTHER_SOURCES and _acts(para, m) and \
                text[clause_start(text, para.span.start, m.start):m.start].strip() in ("", "但", "而", "不过"):
            return True  # 但外界普遍担忧…: another source speaks up; the speaker's words are over
    return False


def _acts(para: Paragraph, m: Mention) -> bool:
    """A verb, adverb or preposition follows the mention right away (外界|普遍担忧)."""
    j = para.tok_index(m.end) if m.end < para.span.end else None
    return j is not None and para.toks[j][2] == m.end and para.toks[j][1].startswith(("v", "d", "p", "ad"))


# What may open a clause before its subject (虽然冯绍峰…，但他认为: 冯绍峰 is the clause's subject)
CLAUSE_OPENERS = ("", "其", "虽然", "尽管", "但", "但是", "而", "不过", "因为", "由于", "如果", "可是", "然而", "其实")
# Before a part an actor plays (任程伟饰演刘克豪，他表示…: 他 is the actor, who opens the clause)
ROLE_PLAYING = ("饰演", "扮演", "出演", "饰演的是", "扮演的是")
# Before a person the pronoun after them does not stand for (对于李四，他表示: 李四 is the topic)
TOPIC_PREPOSITIONS = ("对于", "关于", "对", "至于", "就", "和", "与", "跟", "同", "向", "给", "为", "替", "把", "被", "让", "令", "使")
_NOT_ANTECEDENT_AFTER = (*TOPIC_PREPOSITIONS, *ROLE_PLAYING)  # (built once: `resolve` runs for every pronoun)


def resolve(m: Mention, para: Paragraph, earlier: list[Paragraph], said: Statements,
            cue_subjects: set[int], vocab: dict) -> str | None:
    """The person `m` stands for: its name, or for 他/她/其 the last person the paragraph narrates
    about, else the last speaker, else the last person named in an `earlier` paragraph.
    `cue_subjects`: starts of the mentions that are the subject of a speech cue of `para`."""
    if m.kind in ("name", "titled"):
        return m.name
    if m.kind != "pronoun":
        return None
    # 他/她/其: the last person the paragraph narrates about (a subject, outside statements and
    # quotes), else the last speaker; an unresolvable 张女士 there blocks the attribution
    text = para.text

    def before_m():  # nearest first, looked at only as far as needed
        for o in reversed(para.mentions):
            if o.end <= m.start and o.kind in ("name", "titled") and not said.covers(o) \
                    and not para.in_quote(o.start) and not byline_reporter(para, o):
                yield o

    def clause_initial(o: Mention) -> bool:  # (其广东代理商罗云龙…: 其 "its" opens the subject's phrase)
        return o.start in cue_subjects or \
            text[clause_start(text, para.span.start, o.start):o.phrase_start()].strip() in CLAUSE_OPENERS

    def first_subject(candidates: Callable[[], Iterable[Mention]]) -> Mention | None:
        """The first of `candidates` opening a clause, else the first acting as a subject."""
        for test in (clause_initial, lambda o: subject_like(para, o, vocab)):
            for o in candidates():
                if test(o):
                    return o
        return None

    # the pronoun's own sentence first: 总经理李冰华也很有信心，他说 -> 李冰华, not the speaker before
    sentence_start = para.sentence_start(m.start)
    # (not a person inside a 在/当…时， opening: 在被问到克林顿是否同意…时，他表示 -> whoever was asked)
    own = [o for o in before_m() if o.start >= sentence_start and not (
        _TIME_CLAUSE_OPEN_RE.match(text, sentence_start, o.start) and _TIME_CLAUSE_END_RE.search(text, o.end, m.start))]
    if _unnamed_subject_between(para, own[0].end if own else sentence_start, m.start, vocab):
        return None  # 国投瑞银有关负责人亦持乐观态度，他表示: 他 is that unnamed person, nobody named
    previous = max((s.start for s in para.sentences if s.start < sentence_start), default=None)
    if _reached_unnamed(para, sentence_start if previous is None else previous, m.start):
        return None  # 记者随后采访了一位村民，他说 / 记者向一位大姐打听。她证实说: whom the reporter reached, unnamed
    if (asked := _ASKED_WHEN_RE.search(text, sentence_start, m.start)) and any(o.start == asked.end() for o in own):
        return next(o.name for o in own if o.start == asked.end())  # (当问到莫小棋…的时候，她…说: the one asked answers)
    ocs = clause_start(text, para.span.start, own[0].start) if own else 0  # (not 对于李四，他…, nor 麦克米兰没有责怪罗伊，他…)
    if own and _comma_then(text, own[0].end, m.start) and not text[ocs:own[0].phrase_start()].rstrip().endswith(
            _NOT_ANTECEDENT_AFTER) and not any(o.kind in ("name", "titled") for o in para.mentions_in(ocs, own[0].start)):
        return own[0].name  # 还有查尔斯-巴克利，他认为…: the person the clause before ends with, unless a subject opens it
    if (subject := first_subject(lambda: own)) is not None:
        return subject.name
    for o in own:  # the person the reporter reached: 记者致电宣传总监沈怡，她表示 -> 沈怡
        if any(v in text[clause_start(text, para.span.start, o.start):o.phrase_start()] for v in CONTACT_VERBS):
            return o.name
    # 她给自己起了…名字。她说 / …，他就打发人…。他说: the same pronoun opening a clause of the sentence before, no one
    # named since, is the same person
    chain = [o for o in para.mentions if o.kind == "pronoun" and previous is not None and previous <= o.start < sentence_start
             and text[o.start:o.end] == text[m.start:m.end] and (o.start in cue_subjects or _opens_clause(para, o))]
    if chain and not any(o.kind in ("name", "titled") for o in para.mentions_in(chain[-1].end, m.start)):
        return resolve(chain[-1], para, earlier, said, cue_subjects, vocab)
    for o in before_m() if previous is not None else ():
        # a speaker of earlier named again in the sentence before (…没有引起刘振明的担忧。在他看来，…):
        # the narration is about them now, not about whoever spoke last
        if o.start < previous:
            break
        if o.name in said.spans and o.name != said.last_speaker and not _subject_in(para, previous, sentence_start, vocab):
            return o.name
    # nobody has spoken yet: the subject of the sentence right before, one opening a clause first (…的副总理谢罗夫
    # 不久前曾透露过俄的一些想法。他说 -> 谢罗夫, not 叶利钦 opening a sentence further back; once someone has spoken,
    # 他/她 is more often them: 大S…她坦言 after a sentence about 古天乐)
    last = [o for o in before_m() if previous <= o.start < sentence_start] \
        if previous is not None and not said.last_speaker else []
    if (subject := first_subject(lambda: last)) is not None:
        return subject.name
    # a clause-initial or speaking subject first (江泽民请韦德里纳…。他说 -> 江泽民), then any subject-like one
    # (会议由殷勇主持。他指出 -> 殷勇)
    if (subject := first_subject(before_m)) is not None:
        return subject.name
    if said.last_speaker:
        return said.last_speaker
    named = {o.name for o in before_m()}
    if len(named) == 1:  # nobody has spoken and one person is named before: 王旭明作客(n)…。他认为…
        return named.pop()
    for p in reversed(earlier):
        for o in reversed(p.mentions):
            if o.kind in ("name", "titled") and o.name and not byline_reporter(p, o):
                return o.name
    return None


def _comma_then(text: str, a: int, b: int) -> bool:
    """Between a and b a comma alone, or a comma and an adverbial (马连凯，今年他要…)."""
    gap = text[a:b].strip()
    return gap[:1] in ("，", ",") and (not gap[1:].strip() or bool(ADVERBIAL_GAP_RE.fullmatch(gap[1:].strip())))


def _opens_clause(para: Paragraph, o: Mention) -> bool:
    """`o` opens its clause, adverbials at most before it (，今年他要…)."""
    before = para.text[clause_start(para.text, para.span.start, o.start):o.start].strip()
    return not before or bool(ADVERBIAL_GAP_RE.fullmatch(before))


_BYLINE_MAX_CHARS = 30  # 本报驻罗马尼亚记者梁晓华 on its own line: the article's author


def possessive(gap: str, vocab: dict) -> bool:
    """张三的父亲说 / 邦戈总统的亲属表示 / 陆楠丈夫称 / 黄奕方面表示: the speaker is someone of NAME's, not NAME. Not 援引张三的话称
    (in NAME's words)."""
    if gap == "的话":
        return False
    if gap.startswith(("的", "方面")) or COORDINATED_OWNER_RE.fullmatch(gap) or _KIN_RE.match(gap):
        return True  # (黄奕方面表示: her side, someone unnamed speaking for her)
    m = vocab["title_re"].match(gap) if vocab["title_re"] else None
    return bool(m and gap.startswith("的", m.end()))


def byline_reporter(para: Paragraph, m: Mention) -> bool:
    """The author named in a byline line or a dateline's brackets (（记者刘云峰）): nobody's 他 or 她."""
    if not (m.role or "").endswith("记者"):
        return False
    text = para.text
    return len(text[para.span.start:para.span.end].strip()) <= _BYLINE_MAX_CHARS or \
        text[max(para.span.start, m.start - 3):m.start].startswith(("（", "(")) or \
        text.startswith(("报道", "摄"), m.end)  # 本报贵阳一月十七日电记者胡跃平报道：… (a dateline's reporter)


def named_host(paras: list[Paragraph]) -> str | None:
    """The person the text names as its transcript's host: 主持人陶红兵, 由陶红兵主持, or 主持人：…我是思源
    经纪总经理陶红兵 (the host introducing themselves in a 主持人： turn); None for none or several."""
    found = set()
    for para in paras:
        text = para.text
        for m in para.mentions:
            if m.kind != "name" or not m.name:
                continue
            cs = clause_start(text, para.span.start, m.start)
            introduces = "我是" in text[cs:m.start] and _last_label(text, para.span.start, m.start) in NAMED_HOST_LABELS
            if (m.role or "").endswith(NAMED_HOST_LABELS) or text.startswith("主持", m.end) or introduces:
                found.add(m.name)
                # 由陶红兵和王大伟主持: co-hosts (then nobody is the host)
                found.update(o.name for o in para.mentions_in(cs, m.start)
                             if o.kind == "name" and o.name and text[o.end:o.end + 1] in ("和", "与", "、", "及"))
    return found.pop() if len(found) == 1 else None


def reporter_guest(paras: list[Paragraph], said: Statements) -> str | None:
    """The reporter a broadcast links up to (中国之声连线…中国之声记者聂巧进行解读——中国之声：…？记者：…):
    then 记者： turns answer another label's questions and are that reporter's. One named reporter with
    a link-up verb in the clause, and a label other than 记者 taking turns with 记者 or a 记者： label right
    after the reporter's name; else None."""
    found, handed_over = set(), False
    for para in paras:
        text = para.text
        for m in para.mentions:
            if m.kind == "name" and m.name and (m.role or "").endswith(REPORTER_LABELS) and \
                    any(v in text[clause_start(text, para.span.start, m.start):m.start] for v in LINK_UP_VERBS):
                found.add(m.name)
                # (…特派随行记者冯悦。记者：胡锦涛主席访问的正式活动…: the broadcast hands over at once)
                handed_over |= re.match(r"[。：:]?\s*记者[：:]", text[m.end:m.end + 8]) is not None
    others = [label for label in said.label_counts if label not in REPORTER_LABELS and label not in found]
    return found.pop() if len(found) == 1 and "记者" in said.label_counts and (others or handed_over) else None


def _last_label(text: str, lo: int, pos: int, reach: int = 300) -> str | None:
    """The last transcript label (主持人：, 成思危：) within `reach` characters before `pos`."""
    labels = list(TURN_LABEL_RE.finditer(text, max(lo, pos - reach), pos))
    return labels[-1].group(1) if labels else None


SPOKEN_TURN_CHARS = 12  # a caption after a name is shorter (张三：笑容甜美)


# the interviewer's label that a flattened page glues to the subheading before it (从壁纸的风格看出个人品味主持人：,
# 他爱利物浦问：)
GLUED_HOST_RE = re.compile(r"[ \t\u3000]*[^\s，,。；;：:“”!！?？]{2,30}?(记者|主持人|问)[：:]")


def _glued_host_label(para: Paragraph, sent: Span) -> int | None:
    """Where the interviewer's turn begins when a subheading runs into its label at the start of `sent`;
    None when the words before 记者/主持人/问 end in a verb, a preposition or a pronoun (他告诉记者：, 对记者：) or
    hold a person (张三问：)."""
    m = GLUED_HOST_RE.match(para.text, sent.start, sent.end)
    if not m or para.text[sent.start:m.start(1)].strip() in HOST_LABELS or \
            ASKING_LABEL_RE.fullmatch(para.text, sent.start, m.end(1)):
        return None  # (本报记者： is a label of its own; 有记者问： a question put in a report, turn_label's)
    k = para.tok_index(m.start(1) - 1)
    if para.toks[k][3] != m.start(1) or para.toks[k][1].startswith(("v", "p", "r", "c")) or \
            any(o.kind in ("name", "titled") for o in para.mentions_in(sent.start, m.end(1))):
        return None  # (张三问：… a person asking)
    return m.end()


# what announces a transcript in the same sentence as its first label (以下为现场实录：, 访谈实录如下：)
TRANSCRIPT_INTRO_RE = re.compile(r"(?:以下(?:为|是)[^\s，,。：:]{0,8}|(?:实录|全文|内容)如下)[：:]")
# a reporter's question put in a report (有记者问：…, 外国记者提问：…), not a transcript's label
ASKING_LABEL_RE = re.compile(r"(?:有|另有|又有|还有)?(?:[^\s，。：:]{0,6}记者|主持人|网友)(?:提问|追问|问道|问)")


_SENTENCE_END_RE = re.compile("[。！？!?]")
_HEADLINE_GAP_RE = re.compile(r"[ \t\u3000]*[^，,；;：:\s]+[ \t\u3000□]")  # a space or □ in the first clause


def turn_label(para: Paragraph, sent: Span, said: Statements, vocab: dict) -> tuple[str | None, int, bool] | None:
    """A transcript turn opening `sent` (张三：…, 答：…, 问：…, 主持人：…): (its speaker, where the
    turn's words begin, whether it is a transcript's turn). The speaker is the person named by the label
    (who becomes the interviewee), the interviewee for 答, None for the interviewer's and host's turns;
    None for no label. A label in an article that is no transcript (杨红旭：明年楼市还会… between
    paragraphs of reporting) opens that speaker's words like a cue, not a turn to the next label."""
    glued = _glued_host_label(para, sent) if said.interview else None
    if glued is not None:
        return None, glued, True  # 将自己执导电影推新人记者：… a subheading run into the interviewer's question
    m = TURN_LABEL_RE.match(para.text, sent.start, sent.end)
    intro = TRANSCRIPT_INTRO_RE.search(para.text, sent.start, sent.end)
    if intro and (not m or m.end() == intro.end()):  # (张三：以下是我的意见：… stays 张三's turn)
        # …主持人：杨轶 以下为现场实录：杨轶：各位网友…: the transcript's first label is after it
        m = TURN_LABEL_RE.match(para.text, intro.end(), sent.end)
    if not m:
        return _column_label(para, sent)
    label = m.group(1)
    if label in ANSWER_LABELS:
        return said.interviewee, m.end(), True
    if ASKING_LABEL_RE.fullmatch(label):
        return None, m.end(), False  # 有记者问：… one question put to a spokesman: nobody's words, ends the last
    if label in HOST_LABELS:  # the host's turns are the host's when the text names the host
        if label in REPORTER_LABELS and said.reporter_guest:
            return said.reporter_guest, m.end(), True  # 连线记者聂巧 … 中国之声：… 记者：…
        return (said.host if label in NAMED_HOST_LABELS else None), m.end(), True
    speaking = said.interview or FIRST_PERSON_RE.search(para.text, m.end(), sent.end) or \
        para.text[para.span.start:sent.start].rstrip(" \t\u3000\xa0").endswith(("？", "?"))  # …是什么？柳传志：… answers
    handle = para.text.startswith("@", m.start(1))  # @郭施亮：… a microblog quoting a user: their words
    speaking = speaking or handle
    # a text that is one long turn under a name's label, no quote at its start and no sentence ended before the text's
    # end (崔力太：如果真是这样的话，也不必惊慌，…: a transcript's turn cut from its page); a headline run into its article
    # (孙占军：低调的大手笔□本报记者…。) is followed by the article's sentences, or is short, or quotes at once (王炯：…“…”)
    opening_turn = sent.start == 0 and sent.end - m.end() >= 2 * SPOKEN_TURN_CHARS and \
        not para.quotes_in(m.end(), m.end() + SPOKEN_TURN_CHARS) and \
        not _SENTENCE_END_RE.search(para.text, m.end(), len(para.text.rstrip()) - 1) and \
        not _HEADLINE_GAP_RE.match(para.text, m.end())  # (王炯：不重暴利重长远 记者从…获悉，…: the body after a space)
    for o in para.mentions_in(m.start(1), m.end(1)):
        if o.kind in ("name", "titled") and o.name and o.end == m.end(1) and o.phrase_start() <= m.start(1) + handle:
            # 张三：笑容甜美 (a caption, a list item) is no turn: a turn is an interview's, says 我, or is a
            # whole sentence of someone the article has quoted already (杨红旭：明年楼市还会…); nor is
            # 王彦庆： 王彦庆担任… (a profile under the name)
            if not (speaking or opening_turn or (o.name in said.spans and sent.end - m.end() >= SPOKEN_TURN_CHARS)) or \
                    para.text[m.end():sent.end].lstrip(" \t\u3000\xa0").startswith(para.text[o.start:o.end]):
                return None
            once = not said.interview and \
                said.label_counts[o.name] + (said.label_counts[label] if label != o.name else 0) < 2
            # the body's first turn run into the headline (圣点李健：生活环境…淘汰李健：生活的乐趣…): the
            # turn starts at the second label
            inner = para.text.find(o.name + "：", m.end(), sent.end) if sent.start == 0 else -1
            if inner >= 0:
                said.interviewee = o.name
                return o.name, inner + len(o.name) + 1, bool(speaking)
            if sent.start == 0 and once and not handle and not opening_turn:
                # (马晓轶：一个细分市场的形成…我们…: a long turn in the first person, a transcript cut from its start)
                return None  # 王炯：不重暴利重长远 “…” opening the text, the name no label again: a headline
            said.interviewee = o.name
            # a label used once in a text that is no interview (陈东：“稳”字当头, a profile's subheading)
            # opens that person's words like a cue, not a turn running to the next label
            return o.name, m.end(), bool(speaking) and not once
    if said.interview and label in said.labels and not _titled_label(para.text, label, vocab):
        return None, m.end(), True  # 新浪家居：您有怎样的祝语？ an outlet's label: the interviewer's turn
    if not speaking:
        return None
    if said.interview and surname_of(label) and (plausible_name(label) or _titled_label(para.text, label, vocab)):
        said.interviewee = label  # a name the finder missed: in a transcript the label says who speaks
        return label, m.end(), True
    return None


def _column_label(para: Paragraph, sent: Span) -> tuple[str, int, bool] | None:
    """An expert's column (…研究中心主任王辉耀：家庭教育与学校教育应形成有效互补因为…): a label of more
    than 12 characters opening a sentence of the body ends in a named person with a role (what comes
    before the role is a section word, other roles or the organisation: 专家观点, 北京留学(微博)服务…);
    their comment runs to the next label. A heading with quote marks or spaces run into the label (a flattened
    page's section heading) is taken for a person with a role of their own, whose words it opens like a cue's."""
    m = COLUMN_LABEL_RE.match(para.text, sent.start, sent.end)
    # (【专家声音】做一个“有想法的人”格致中学校长张志敏：…; run to the next label, such a comment took in the page's next
    # subheadings: thuc-035, session 51)
    glued = m is None and GLUED_COLUMN_LABEL_RE.match(para.text, sent.start, sent.end)
    m = m or glued
    if not m or sent.start == 0 or sent.end - m.end() < 4:
        return None  # (a label opening the text is the headline's; a column's heading may be short)
    for o in para.mentions_in(m.start(1), m.end(1)):
        if o.kind == "name" and o.name and o.end == m.end(1) and o.role_start is not None and (o.role or not glued):
            return o.name, m.end(), not glued  # (a glued heading's comment: words opened like a cue's)
    return None


def _subject_in(para: Paragraph, lo: int, hi: int, vocab: dict) -> bool:
    """A person (named, titled or a pronoun) acts as a subject between `lo` and `hi`."""
    return any(o.kind in ("name", "titled", "pronoun") and subject_like(para, o, vocab) for o in para.mentions_in(lo, hi))


# what the reporter does to reach someone, beside CONTACT_VERBS (记者向一位大姐打听; not 了解: 记者了解到, what was learned)
_REACHING = frozenset((*CONTACT_VERBS, "打听", "求证", "问"))


def _reached_unnamed(para: Paragraph, lo: int, hi: int) -> bool:
    """Between `lo` and `hi` the reporter reaches an unnamed person (记者随后采访了一位村民 / 记者向一位大姐打听), and no
    one is named after them: a 他 / 她 at `hi` is that person, not whoever spoke before."""
    text = para.text
    for o in para.mentions_in(lo, hi):
        if o.kind != "anon" or para.in_quote(o.start) or text[o.start:o.end].endswith("记者"):
            continue
        cs, ce = clause_start(text, para.span.start, o.start), clause_end(text, o.end, hi)
        # the reporter is the clause's subject, no one's role (专栏记者乔纳森-费根…回答了球迷们的问题: he answers)
        reporters = [r for r in para.mentions_in(cs, o.start) if r.kind == "anon" and text[r.start:r.end].endswith("记者")]
        if not reporters or any(p.kind in ("name", "titled", "pronoun") for p in para.mentions_in(reporters[-1].end, hi)):
            continue
        words = {w for w, _, a, _ in para.toks[para.tok_index(reporters[-1].end):para.tok_index(ce) + 1] if a < ce}
        if words & _REACHING:  # a word of its own (问, not 问题)
            return True
    return False


def _unnamed_subject_between(para: Paragraph, lo: int, hi: int, vocab: dict) -> bool:
    """An unnamed person (有关负责人, 业内人士) opens a clause between `lo` and `hi` and acts as its
    subject: no person and no verb before it in the clause (国投瑞银有关负责人亦持…, not 接受媒体采访)."""
    text = para.text
    for o in para.mentions_in(lo, hi):
        if o.kind != "anon" or o.end > hi or para.in_quote(o.start) \
                or text[o.start:o.end].endswith("记者"):  # 接受记者采访时，他说: the reporter asks
            continue
        cs = clause_start(text, para.span.start, o.start)
        i = para.tok_index(cs)
        verbs = False
        while i < len(para.toks) and para.toks[i][2] < o.start:
            verbs |= para.toks[i][1].startswith(("v", "p"))
            i += 1
        if not verbs and not any(p.kind in ("name", "titled", "pronoun") for p in para.mentions_in(cs, o.start)) \
                and subject_like(para, o, vocab):
            return True
    return False


def _titled_label(text: str, label: str, vocab: dict) -> bool:
    """A transcript label of two or three characters opening with a surname that the text also writes
    after a title (原中国林产工业协会会长张森林 … 张森林：…) or before one (访谈嘉宾：…项目白生洲主任 … 白生洲：…):
    a person, though 森林 is a common word or the tagger reads 白生洲 as a place."""
    if not (2 <= len(label) <= 3 and surname_of(label)):
        return False
    titles = tuple(vocab["long_titles"])
    i = text.find(label)
    while i >= 0:
        if text[max(0, i - 12):i].rstrip().endswith(titles) or text.startswith(titles, i + len(label)):
            return True
        i = text.find(label, i + 1)
    return False


def sender(text: str, persons: list[Mention], m: Mention) -> Mention:
    """丁关根委托副部长白克明(，)向会议表示祝贺: the one who sent `m` speaks; else `m`."""
    k = persons.index(m)
    before = persons[k - 1] if k else None
    return before if before is not None and before.kind == "name" and \
        text[before.end:m.phrase_start()].startswith("委托") else m
