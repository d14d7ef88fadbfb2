"""Speech cues: reporting verbs outside quotes (表示, 指出, 说道 ...) on word boundaries, each with
its subject: the last person of its clause unless something says otherwise (张三的父亲说, 向张三表示,
a bracketed byline, a long gap), an anonymous source or organisation, or the previous cue's speaker
for a clause with no subject (并表示，…). Also what follows a verb (`what_follows`, `expressive`: a feeling
after 表示) and what makes a short organisational subject (`nominal`), which the statement rules ask too."""
from __future__ import annotations

import itertools
import re

from zhnews.models.speech.clauses import clause_end, clause_start, closes_paren, drop_parens
from zhnews.models.speech.names import word_info
from zhnews.models.speech.paragraph import Cue, Mention, Paragraph
from zhnews.models.speech.phrase_cues import source_in_speech, with_phrase_cues
from zhnews.models.speech.statements import term_quote
from zhnews.models.speech.doers import first_person_before, occasion_across_comma, over_terms, previous_clause_subject
from zhnews.models.speech.gaps import adverbs_by_tag, after_title, titles_in_occasion
from zhnews.models.speech.follows import addressed_colon, nominal, says_nothing, skip_addressee, what_follows
from zhnews.models.speech.groups import (clause_partners, closed_list_gap, coordinated, group_before, listed_group,
                                         named_group)
from zhnews.models.speech.subjects import possessive, sender
from zhnews.models.speech.vocab import (
    KINSHIP_NOUNS, ROLE_NOUNS, TITLES,
    ADDRESSEE_PHRASE_RE, ADDRESSEE_RE, ADVERBIAL_GAP_RE, EXPRESSIVE_GAP_RE,
    EXPRESSIVE_OBJECTS, INTERACTION_WORDS, MODAL_GAP_RE, NOT_SUBJECT_AFTER, PASSIVE_GAP_RE, SENTENCE_FINAL, SHORT_ADVERBS,
    SPEECH_VERBS_OUTRIGHT, TRAIL_STRIP, SpeechConfig, TEMPORAL_ENDS, VERB_PREFIXES, ZERO_SUBJECT_OPENERS, vocab_index,
    LIGHT_VERBS, MEDIA_ENDS, NOUN_MARKERS, OCCASION_GAP_RE,
    REFUSAL_BEFORE_RE, TEMPORAL_CLAUSE_RE, TOPIC_VERBS)


# 说了一句心有不甘的话：“…” / 留下了这样一段话：: 了 + a short object that is words, then the colon
ONE_LINE_RE = re.compile(r"(?:一句|一声)(?=“)")  # 只说了一句“我们会努力”, 回应了一声“嗯……”: one line quoted, the words
_WORDS_OBJECT_RE = re.compile(r"了[^，,。；;：:“”！？!?]{0,12}(?:话|一句|一段)[：:]|(?<=介绍)了[^，,。；;：:“”！？!?]{1,20}[：:]"
                              r"|了" + ONE_LINE_RE.pattern)

# 这位施工者 / 这名老将 (+ an adverb) opening a cue's clause: the person the last cue named
_THIS_PERSON_RE = re.compile(r"\s*(?:这位|这名|此位)[^，,。；;：:“”\s]{1,14}?(?:还|也|又|则|更|再次|进一步|同时)?\s*")


def find_cues(para: Paragraph, config: SpeechConfig) -> list[Cue]:
    """The speech cues of the paragraph, in order, with their subjects; narrative verbs with no person
    before them (数据显示) are cues of kind other: they end a continuation."""
    text, vocab = para.text, vocab_index(config)
    lo = para.span.start
    hits = _verb_hits(para, vocab)
    cues: list[Cue] = []
    last_subject: Mention | None = None
    run_start = None
    for k, (a, b, verb) in enumerate(hits):
        # 解释/说, 回应/称: the last verb of a run is the cue, and the run's first verb is where its
        # subject ends (马里昂还透露说…: the gap to the subject is 还, not 还透露); a narrator's verb after a verb of speech
        # is the first word of the words (她表示看到他们的故事…: 表示 is the cue)
        nxt = hits[k + 1] if k + 1 < len(hits) else None
        if nxt and nxt[0] - b <= 1 and text[b:nxt[0]] in ("", "道", "着") and not _noun_after_de(text, lo, a, b, verb) \
                and not (nxt[2] in vocab["narrative_verbs"] and verb not in vocab["narrative_verbs"]) \
                and not (verb in FEELING_VERBS and nxt[2].endswith(EXPRESSIVE_OBJECTS)):  # 表示感谢: a feeling, not a cue 感谢
            run_start = a if run_start is None else run_start
            continue
        if k and hits[k - 1][2] in FEELING_VERBS and hits[k - 1][1] == a and verb.endswith(EXPRESSIVE_OBJECTS):
            continue  # 表示感谢并请…: the feeling of 表示, no cue of its own
        a, run_start = (a if run_start is None else run_start), None
        if says_nothing(para, a, b, verb):
            continue  # (现在还不好说，… / 说做就做 / 温馨提示：… / 回应“…”等问题时称: no words said by this verb)
        if _noun_after_de(text, lo, a, b, verb) or REFUSAL_BEFORE_RE.search(text, max(lo, a - 10), a):
            continue  # (…拒绝透露，但…: nothing said)
        if (_COUNTED_RE.search(text, max(lo, a - 4), a) or _POINTED_RE.search(text, max(lo, a - 2), a)) \
                and text[b:b + 1] not in "：:“":
            continue  # 关于…的八项主张，坚持… / 会考虑这些建议，也…: a counted or pointed-at noun, no cue
        if verb == "称" and a > lo and text[a - 1] in "又也亦或" and what_follows(para, b) == "bare" and not any(
                m.end == a - 1 and m.kind in ("name", "titled", "pronoun")
                for m in para.mentions_in(max(lo, a - 16), a)):
            continue  # 菊苣又称欧洲菊苣: also called, a second name (他又称，… and 蔡依林又称花一年… stay cues)
        if verb.endswith("称") and text.startswith("为", b):
            continue  # 王建国戏称为“老大哥”的那栋楼 / 笑称为: a name given, no words said
        if text[max(lo, a - 3):a].endswith(LIGHT_VERBS) and what_follows(para, b) != "quote":
            continue  # 对…问题进行了回答，而…: the verb is a noun after 进行 (its words are not what follows)
        narrative = verb in vocab["narrative_verbs"]
        if narrative and (text[max(lo, a - 2):a].endswith(NOUN_MARKERS) or (
                verb == "统计" and what_follows(para, b) == "bare")):
            continue  # 该报道与事实不符 / 统计工作要坚持…: a noun here, not a narrator's verb ending the speech
        cs = over_terms(para, clause_start(text, lo, a), a)  # 斯蒂芬在其“脸书”页面上说
        if TEMPORAL_CLAUSE_RE.fullmatch(text, cs, clause_end(text, b, para.span.end)):
            continue  # 在崔世安宣布参选后，…: a time adverbial, not what was said
        persons = [m for m in para.mentions_in(cs, a)
                   if m.kind in ("name", "titled", "pronoun", "plural", "first")
                   and not closes_paren(text[m.end:a])  # （记者张荣典）: a byline, not a subject
                   and not text[max(lo, m.start - 4):m.start].rstrip(" \u3000\xa0").endswith("记者")]
        # (本报记者 王文清华商基金公告称，…: the reporter's name run into the body is no subject either)
        subject, owned = None, False
        if persons:
            subject = persons[-1]
            if len(persons) > 1 and persons[-2].kind in ("name", "titled") and \
                    OCCASION_GAP_RE.fullmatch(text, persons[-2].end, a):
                subject = persons[-2]  # 吉诺比利在双方第二战结束后说: 双方 is inside the occasion (张晓帆在投资网站
                # Seeking Alpha上发表报告称: a site the tagger took for a person)
            gap = drop_parens(text[subject.end:a])
            srs0 = subject.role_start if subject.role_start is not None else subject.start  # (以前科学部长贝京为首的: 以 + 前部长)
            if subject.kind != "first" and (MODAL_GAP_RE.match(gap) or PASSIVE_GAP_RE.match(gap)):
                continue  # 梅耶尔有可能公布…: words that may come are not said (nor what follows: no subject)
            if subject.kind == "pronoun" and text[subject.start:subject.end] == "其":
                if gap and gap not in SHORT_ADVERBS:  # 其 as a possessive: 其公司表示 -> not 其; 斯蒂芬在其“脸书”
                    owner = persons[-2] if len(persons) > 1 and persons[-2].kind in ("name", "titled") else None
                    subject = owner if owner and text[owner.end:subject.start].strip() in ("在", "于", "通过") else None
                    # 页面上说: their own page, an occasion of the person before
            elif ((owner_gap := possessive(gap, vocab)) and not text[max(lo, subject.start - 2):subject.start].endswith(_NAMED)
                  and not (gap == "的" and verb in _IN_THE_EYES)) or \
                    (any(q in titles_in_occasion(gap) for q in "“”「」\"()（）[]【】/《》") and not _feeling(para, verb, gap, b)) or \
                    (re.search("以(?:前|原)?$", text[max(lo, srs0 - 2):srs0]) and _LED_BY_RE.match(gap)) or \
                    not re.match("[在于当对向]|接受", gap) and any(  # (在最近的媒体采访中表示: 媒体 is inside the occasion;
                        # 对EGM的记者表示: 记者 is whom the words are for)
                        o.kind == "anon" and ("的" in text[subject.end:o.start] or _BRAND_RE.fullmatch(text, subject.end, o.end))
                        and ADVERBIAL_GAP_RE.fullmatch(
                        text[o.end:a].strip()) for o in para.mentions_in(subject.end, a)):
                # (一位名叫理查德·锡德的科学家宣布, 一位叫扎西的老牧民说: the one named, no one of his; 据安莉芳有关负责人
                # 介绍, 曲美家具相关人士表示: a brand the finder took for a person, and its unnamed spokesman; 以毛泽东同志为首的
                # 党中央…提出: the body he led; 据金大中新政权的有关人士透露: an unnamed source of his)
                owned = owner_gap and _SOMEONE_OF_RE.match(gap) is not None
                # (他对于罗伊的言论表示理解 / 莱利在他的著作中指出: what the feeling is for, where; the clause's subject speaks)
                subject = _subject_before_object(para, persons, subject, cs, a, config) if owner_gap and \
                    text[cs:srs0].rstrip().endswith((*_FOR_WHOM, "对于", "在")) else None
            elif len(gap) > config.max_gap and not (
                    len(gap) <= 3 * config.max_gap
                    and OCCASION_GAP_RE.fullmatch(titles_in_occasion(after_title(gap, vocab)))  # (…副主任在…时指出)
                    and what_follows(para, b) in ("punct", "quote")) and not _feeling(para, verb, gap, b):
                # (吴邦国首先代表国务院对参加…治理的工程建设者们表示亲切的慰问: whom a feeling is for, however long)
                # (陈健在此间召开的第十三届中国国际投资贸易洽谈会新闻发布会上说，…: an occasion, however long)
                # a long adverbial is fine after a quote: “…”张三昨日在…仪式上表示。
                rs = subject.role_start if subject.role_start is not None else subject.start
                if not (len(gap) <= 3 * config.max_gap and what_follows(para, b) == "end"
                        and para.quote_before(min(rs, subject.start)) and "，" not in gap):
                    subject = None
            elif len(persons) > 1 and _TRAILING_ADVERBS_RE.sub("", gap).endswith(TEMPORAL_ENDS) and \
                    _TRAILING_ADVERBS_RE.sub("", gap) not in TIME_WORDS_ALONE and not gap.startswith(_TOGETHER):
                # (江泽民和克莱斯蒂尔都在音乐会开幕之前预祝…: 都 makes the two one subject, no 在…时 of the first's)
                # 张三在会见李四时表示 -> 张三: the closest earlier person with an interaction between, or
                # whose 在…时 holds the later one (张斌在看到周琦训练时就不禁惊呼)
                joined = coordinated(para, persons, subject)  # (施瓦布和论坛执行主席斯马亚在…上说: both, a subject)
                for earlier in reversed(persons[:-1]):
                    between = text[earlier.end:subject.start]
                    if earlier.kind != "first" and earlier not in joined and (any(w in between for w in INTERACTION_WORDS)
                                                    or re.search(r"^[^，,。]{0,4}(?:在|当)", between)):
                        subject = earlier
                        break
            subject = sender(text, persons, subject) if subject is not None else None
            srs = subject.role_start if subject is not None and subject.role_start is not None else (
                subject.start if subject is not None else cs)
            if subject is not None and (subject.kind in ("name", "titled") or subject.kind == "pronoun" and
                                        text[cs:srs].rstrip().endswith(_FOR_WHOM)) and srs > cs and text[cs:srs].strip():
                # something before the subject in its clause: 会议由殷勇主持 is fine (no verb);
                # 向张三表示 / 请唐总宣布 is not a cue of 张三 / 唐总 (对李强、王伟表示感谢: nor of 王伟)
                head = (coordinated(para, persons, subject) or [subject])[0]
                before = text[cs:min(srs, head.role_start if head.role_start is not None else head.start)]
                if head.role and before.endswith(head.role) and head.role.endswith(NOT_SUBJECT_AFTER):
                    before = before[:-len(head.role)]  # (援引最高司令汶桑的话说: 令 ends the role, no 令 "make")
                if _ends_in_preposition(para, cs, before, head.role_start not in (None, head.start)) or \
                        ADDRESSEE_RE.search(before) or ADDRESSEE_PHRASE_RE.search(before) or before.lstrip().startswith("向") or \
                        _inside_zai(para, cs, before) and re.search("后|时", text[subject.end:a]):  # (在李四讲话后表示)
                    # (向…成功登陆纳斯达克表示祝贺: a clause opening with 向 names whom the words are for, however long)
                    # 兰德里曾经对于科比…的表现评价道: the object's clause-opening subject speaks
                    subject = _subject_before_object(para, persons, subject, cs, a, config) or (  # (…，便回过头来对
                        previous_clause_subject(para, cs, vocab) if len(persons) == 1 and cs > lo and text[cs - 1] in "，,"
                        and what_follows(para, b) in ("punct", "quote") else None)  # 馆长李象益说：“…”: the doer before)
                    persons = [subject, *persons] if subject is not None and subject not in persons else persons
        if narrative and subject is not None and subject.kind in ("name", "titled") and verb in vocab["bare_verbs"]:
            narrative = False  # 柯建铭表明党团将…: a person's 表明 is a verb of speech, 数据表明 the narrator's
        if narrative:
            opener_only = text[cs:a].strip()
            last = cues[-1] if cues else None
            if subject is None and not persons and not source_in_speech(text, cs, last) and not (
                    cs > lo and text[cs - 1] in "，," and opener_only and ADVERBIAL_GAP_RE.fullmatch(opener_only)) \
                    and (not opener_only or nominal(para, cs, a) or text[cs - 1] not in "：:") \
                    and not (_EXHORTATION_RE.search(opener_only) and text[cs - 1] in SENTENCE_FINAL):
                # (…积累了不少经验。但也应清醒地看到，…: a speaker's call opening a sentence, they go on)
                # (从…方针到…八项主张，无不显示出…: the sentence's own predicate, no source speaking; 鼓励…人员：要让
                # 世界人民从…中看到…: the words after a colon, not a source)
                cues.append(Cue(a, b, cs, None, "other", cs))
            continue
        follow = what_follows(para, b)
        if follow == "quote" and (q := para.quote_at.get(b)) and term_quote(text, q):
            continue  # 从邓小平同志提出『和平统一、一国两制』方针到…: a policy named, no words said
        opener = _TRAILING_PREFIX_RE.sub("", text[cs:a].strip())  # 并强烈|呼吁: jieba's idiom 强烈呼吁, a prefix
        if opener == "但" and verb not in SPEECH_VERBS_OUTRIGHT:
            opener = "但" + verb  # 但说 / 但表示 go on with the person before; 但谈到最后一个球 is a topic
        if subject is None and not persons and last_subject is not None and \
                opener in ZERO_SUBJECT_OPENERS and not first_person_before(para, cs) and \
                (follow in ("punct", "quote") or (follow == "bare" and verb in vocab["bare_verbs"])):
            # …介绍了情况，并表示，… / 他指出…。同时强调，…: the same speaker goes on, unless the clause
            # before names another person acting (温家宝略微思索，接着说：…)
            doer = previous_clause_subject(para, cs, vocab)
            last_subject = doer if doer is not None and doer.kind != "pronoun" else last_subject
            partners = cues[-1].partners if cues and cues[-1].subject is last_subject else []  # (双方…，并希望…: both)
            cues.append(Cue(a, b, cs, last_subject, "person", cs, partners))
            continue
        if subject is None and not persons and (not opener or opener in ZERO_SUBJECT_OPENERS
                                                or _adverbial_only(para, cs, a, vocab)
                                                or occasion_across_comma(para, cs, a)
                                                # (…，一边向记者表示，…: with its punctuation only)
                                                or (follow != "bare" or text[cs:a].lstrip().startswith(("在", "于")))
                                                and ADVERBIAL_GAP_RE.fullmatch(text[cs:a].strip())  # (…返港，在机场坦承…)
                                                or follow == "bare" and _feeling(para, verb, text[cs:a].strip(), b)) \
                and (follow in ("punct", "quote") or (follow == "bare" and verb in vocab["bare_verbs"])
                     or follow == "le" and (verb in vocab["object_verbs"] or _WORDS_OBJECT_RE.match(text, b, para.span.end))) \
                and verb not in TOPIC_VERBS:  # 阿里扎17投8中，谈到这位队友，科比…: 谈到 opens a topic
            # (了 + object: 邹家华在…会议上，肯定了…的成绩, what was praised)
            doer = previous_clause_subject(para, cs, vocab, joined_ok=verb in SPEECH_VERBS_OUTRIGHT)
            if doer is not None:  # 赖启珊当场落泪，称… / 秋经武于23日致电记者，称…: the doer speaks
                group = named_group(para, lo, cs)  # (季允石，陈良宇先后讲话，对…表示祝贺: each of them)
                partners = [m for m in group if m is not doer] if doer in group else []
                named = [m for m in para.mentions_in(lo, doer.end) if m.kind in ("name", "titled")]
                if not partners and doer in named:  # (张檬、彭于晏纷纷向粉丝报平安，称…: the doers joined by 、)
                    partners = coordinated(para, named, doer)
                cues.append(Cue(a, b, cs, doer, "person", cs, partners))
                last_subject = doer
                continue
            group = listed_group(para, cs, text[cs:a].lstrip().startswith(("都", "均", "也都", "也均")))
            # (诺维茨基、保罗-加索尔等国际球星，都表示…: each of them)
            if group:
                cues.append(Cue(a, b, cs, group[-1], "person", cs, group[:-1]))
                last_subject = group[-1]
                continue
        if subject is None and not persons and _THIS_PERSON_RE.fullmatch(text, cs, a) \
                and (follow in ("punct", "quote") or (follow == "bare" and verb in vocab["bare_verbs"])):
            referent = _this_person(para, cs, last_subject)
            if referent is None and not any(m.kind in ("name", "titled", "anon", "pronoun")
                                            for m in para.mentions_in(para.span.start, cs)):
                # 这位发言人说：… opening a paragraph: like 他说, whoever spoke last in the paragraphs before
                referent = Mention(cs, a, "pronoun")
            if referent is not None:
                last_subject = referent
                cues.append(Cue(a, b, cs, referent, "person", cs))
                continue
        if subject is None:
            anon = any(m.kind == "anon" for m in para.mentions_in(cs, a))
            group = _GROUP_RE.match(text, cs, a)  # 华东五省一市的省市长们在看完演出后说，: a group of unnamed people
            anon = anon or bool(group and ADVERBIAL_GAP_RE.fullmatch(text[group.end():a].strip()))
            # 有业内人士告诉记者，…: the addressee stepped over, as for a named speaker
            addressed = follow == "bare" and verb in vocab["bare_verbs"] and \
                skip_addressee(para, b, para.span.end)[1] != "bare"
            # (商报认为在…: a paper opening a sentence with a verb of speech ends whoever spoke before)
            addressed = addressed or follow == "bare" and verb in SPEECH_VERBS_OUTRIGHT and \
                (cs == para.span.start or text[cs - 1] in SENTENCE_FINAL) and \
                text[cs:a].strip().endswith(MEDIA_ENDS)
            # (这一建议已经搁浅，阿塞拜疆明确表示了拒绝: a country's answer, the speaker's words are over)
            addressed = addressed or follow == "le" and verb in SPEECH_VERBS_OUTRIGHT
            # (王强的经纪人说：“…”: someone of NAME's speaks, unnamed; the quote is not NAME's)
            if (follow in ("punct", "quote") or addressed) and ((anon or nominal(para, cs, a)) and not persons or owned):
                cues.append(Cue(a, b, cs, None, "anon" if anon else "other", cs))
                last_subject = None
            continue
        if subject.kind == "first":
            continue  # 我们希望，… inside someone's speech
        if follow is None:
            continue
        if follow == "end" and text[max(lo, a - 1):a] in ("和", "与", "及", "或"):
            continue  # 请总理谈谈对创业的想法和建议。: a noun coordinated at the sentence end, no cue
        if follow == "le" and verb not in vocab["object_verbs"] and not _WORDS_OBJECT_RE.match(text, b, para.span.end) \
                and not _feeling(para, verb, text[subject.end:a], b):  # (对…表示了充分的理解: a feeling)
            continue  # 提出了更高要求: not a cue (说了一句…的话：“…”: the words follow the colon)
        if follow == "bare" and verb not in vocab["bare_verbs"] and addressed_colon(para, b):
            follow = "punct"  # 赵霏这样回答我们：… / 回答记者：“…”: a short addressee, then the colon
        # a list closed by 等 and what they are (张万年、迟浩田等军委领导高度评价…): the list is the subject, each of them
        listed = subject.kind in ("name", "titled") and closed_list_gap(para, subject.end, a)
        if follow == "bare" and (verb not in vocab["bare_verbs"] or (
                subject.kind in ("name", "titled", "pronoun")
                and not ADVERBIAL_GAP_RE.fullmatch(after := after_title(drop_parens(text[subject.end:a]), vocab))
                and not adverbs_by_tag(para, a, after) and not _feeling(para, verb, text[subject.end:a], b)
                and not listed)):
            continue  # 回答都比提问短 / 王石出去爬一次山估计… / 刘永好可以说…: not speech
        if subject.kind == "plural":
            group = group_before(para, lo, cs, subject, a, _feeling(para, verb, text[subject.end:a].strip(), b)) \
                if follow in ("punct", "quote") or (
                follow == "bare" and verb in vocab["bare_verbs"]) else []
            if group:  # the words start after 他们说, where the clause starts
                cues.append(Cue(a, b, cs, group[-1], "person", subject.start, group[:-1]))
                last_subject = group[-1]
                continue
            if follow in ("punct", "quote"):
                cues.append(Cue(a, b, cs, None, "other", subject.start))
            continue
        # a coordinated subject only before a clean cue (李强、王伟表示，…): a bare verb there is
        # often narration (甲、乙谈到这部片时…)
        partners = clause_partners(para, cs, persons, subject) \
            if subject.kind in ("name", "titled") and (follow in ("punct", "quote") or follow == "bare" and _feeling(
                para, verb, text[subject.end:a].strip(), b) or follow == "le" and verb in vocab["object_verbs"]
                or follow == "bare" and (verb in SPEECH_VERBS_OUTRIGHT or verb in _LISTED_BARE or addressed_colon(para, b)
                                         or listed)) \
            else []  # (江泽民和李鹏打电话向…表示亲切慰问: both; 罗干、任建新充分肯定了…: both)
        first = partners[0] if partners else subject
        start = first.role_start if first.role_start is not None else first.start
        if subject.kind == "pronoun" and text[subject.start:subject.end] in ("他", "她") and cues and \
                cues[-1].kind == "person" and cues[-1].subject is not None and \
                text[cues[-1].verb_end:subject.start].strip() in ("，", ",") and follow == "bare":
            continue  # 米尔萨普表示，他希望…: 他 is the speaker, and 他希望… is what was said (not 发言，他说，…)
        cues.append(Cue(a, b, cs, subject, "person", min(start, first.start), partners))
        last_subject = subject
    return with_phrase_cues(para, cues, vocab)


def expressive(text: str, a: int, b: int) -> bool:
    """表示感谢 / 表示诚挚的慰问: text[a:b] is a short feeling, no content of its own (称自己对电影非常满意 is
    a clause with a subject: content)."""
    content = text[a:b].rstrip(TRAIL_STRIP + SENTENCE_FINAL)
    return len(content) <= 12 and content.endswith(EXPRESSIVE_OBJECTS) and \
        not content.startswith(("自己", "他", "她", "我"))


def _feeling(para: Paragraph, verb: str, gap: str, b: int) -> bool:
    """对中国大使馆正式开馆表示祝贺: whom a feeling is for, then 表示 and the feeling (the corpus keeps 祝贺)."""
    return verb in FEELING_VERBS and bool(EXPRESSIVE_GAP_RE.fullmatch(gap)) and \
        expressive(para.text, b, clause_end(para.text, b, para.span.end))


# After 的 a reporting verb is a noun (的要求，的回忆), but for these: 兴奋的告诉记者 (的 for 地), 给予充分的肯定 / 高度的评价
# (the corpus marks what they praise), and 在李思齐的心目中，… (his opinion, as 在张三看来)
_IN_THE_EYES = ("眼里", "眼中", "心目中")  # 在李思齐的心目中，…: an opinion of his, 的 no one of his
_VERBS_AFTER_DE = frozenset("说 说道 告诉 表示 回答 问道 喊道 感叹 感慨 笑称 肯定 评价 称赞 赞扬".split()) | set(_IN_THE_EYES)
_PRAISE_AFTER_DE = frozenset("肯定 评价 称赞 赞扬".split())


def _noun_after_de(text: str, lo: int, a: int, b: int, verb: str) -> bool:
    """江泽民同志在报告中提出的勤俭建军的要求，…: a verb after 的 is a noun, no cue (徐小平给创业者的建议：… is one), nor the
    start of a run of verbs (对英方的建议表示欢迎: the cue is 表示)."""
    if a <= lo or text[a - 1] != "的":
        return False
    if verb in _PRAISE_AFTER_DE:  # 赢得了众人的称赞，导演…称： / 受到国际社会的肯定，: praise received is the noun;
        # praise given (尉健行给予充分的肯定。: the corpus marks what is praised) stays a cue
        given = re.search("给予|予以|给以", text[clause_start(text, lo, a):a])
        return text[b:b + 1] in "，,。；;！!？?" and not given
    return verb not in _VERBS_AFTER_DE and text[b:b + 1] not in "：:“"


# 的 + who a person is to NAME (王强的经纪人说, 他的父亲表示), or NAME方面 (her side): someone of NAME's speaks; not
# NAME's writings (的微博说)
_SOMEONE_OF_RE = re.compile("方面|的(?:" + "|".join(sorted(set(TITLES) | set(ROLE_NOUNS) | set(KINSHIP_NOUNS), key=len,
                                                      reverse=True)) + ")")


_COUNTED_RE = re.compile(r"[一二三四五六七八九十两几数0-9０-９]+[项条点]$")
_POINTED_RE = re.compile("(?:这些|那些|这个|那个|这项|那项|这条|那条|此项|该项|上述|各项)$")
_LED_BY_RE = re.compile(r"[^，,。]{0,6}?为(?:首|代表|核心)的")
_TRAILING_PREFIX_RE = re.compile("(?:" + "|".join(p for p in VERB_PREFIXES if len(p) >= 2) + ")$")
_GROUP_RE = re.compile(r"\s*[^，,。；;：:“”\s]{1,16}?们")
# Verbs whose object may be a feeling alone (表示感谢 / 深表遗憾: the corpus keeps the feeling as the statement)
FEELING_VERBS = ("表示", "深表")
# A time word that is a whole adverbial by itself (张勇军和吴庆龙赛后都认为: both, after the match), not the
# end of a 在…后 / 会见…时 clause that an earlier person acts in
TIME_WORDS_ALONE = ("赛后", "赛前", "会后", "会前", "事后", "此后", "之后", "随后", "其后", "日后", "课后", "节后", "当时", "此时", "届时")
_NAMED = ("名叫", "叫做", "叫")  # before a name the clause introduces (一位名叫张三的…)
# a brand's (or firm's) unnamed spokesman right after its name: 安莉芳有关负责人, 曲美家具相关人士, 谷歌发言人
_BRAND_RE = re.compile(r"(?:公司|集团|家具|科技|股份|品牌|方面|官方|内部|中国区?)?(?:相关|有关)?(?:负责人|人士|发言人|高管|高层)")
_TOGETHER = ("都", "均", "一起", "一同", "共同")  # after coordinated persons: they act together
_EXHORTATION_RE = re.compile(r"(?:应|应该|应当|要|必须)[^，,]{0,4}$")  # 但也应清醒地|看到: what must be seen, a call
# a pronoun right after these is whom the words are for (塔帕对他…表示感谢), not their speaker; not 因为 / 由于 (因为他认为…:
# the pronoun is the subject there, as a name is)
_FOR_WHOM = ("对", "向", "给", "跟", "替")
# (…会谈后对记者发表谈话说: whom the words are for, after the time clause, as an adverb there)
_TRAILING_ADVERBS_RE = re.compile(r"(?:就|也|还|便|又|都|不禁|忍不住|立即|马上|当即|(?:对|向)(?:记者|媒体)(?:发表谈话)?)+$")


def _this_person(para: Paragraph, cs: int, last_subject: Mention | None) -> Mention | None:
    """Who 这位 / 这名 + a noun at `cs` is (位 and 名 count people): the person last cued when nobody came
    between (“…”这位施工者还告诉记者，“…”), else the person named last in the same sentence with no quote
    between (当把问题抛给搭档杰弗森时，这位爵士中锋表示) or ending the sentence before; None after an unnamed
    person (一位知情者…这位知情者)."""
    text = para.text
    if last_subject is not None and not any(
            (m.kind == "anon" or (m.kind in ("name", "titled") and m.name != last_subject.name))
            and not para.in_quote(m.start) for m in para.mentions_in(last_subject.end, cs)):
        return last_subject
    before = [m for m in para.mentions_in(para.span.start, cs) if m.kind in ("name", "titled", "anon")
              and not para.in_quote(m.start)]
    between = text[before[-1].end:cs].strip() if before else ""
    if before and before[-1].kind != "anon" and before[-1].name and \
            (not any(c in "。！？!?”" for c in between) or between == "。"):
        return before[-1]  # (…他是教师塔吉耶夫。这位乌兹别克族汉子介绍说: the name that ends the sentence before)
    return None


def _subject_before_object(para: Paragraph, persons: list[Mention], obj: Mention, cs: int, a: int,
                           config: SpeechConfig) -> Mention | None:
    """The person opening the clause (adverbials at most before them) when the one nearest the verb at
    `a` is an object (对于科比, 向张三); None when there is none or the verb is too far from them."""
    text = para.text
    for p in reversed(persons[:persons.index(obj)]):
        gap = drop_parens(text[p.end:a])
        if p.kind in ("name", "titled", "pronoun") and ADVERBIAL_GAP_RE.fullmatch(text[cs:p.phrase_start()].strip()) \
                and (len(gap) <= config.max_gap or _feeling(para, text[a:a + 2], gap, a + 2)):
            return p  # (科恩在会谈中代表克林顿总统对…伤亡表示同情: whom a feeling is for, however long)
    return None


def _verb_hits(para: Paragraph, vocab: dict) -> list[tuple[int, int, str]]:
    """(start, end, verb) of reporting / narrative verbs outside quotes, on token boundaries."""
    text = para.text
    name_ends = {m.end for m in para.mentions if m.kind in ("name", "titled")}
    by_first = vocab["verbs_by_first"]
    lo, hi = para.span.start, para.span.end
    hits = []
    i = lo
    has_dao = "道" in text[lo:hi]  # (no 道, no verb + 道: `_verb_dao` is asked at every word otherwise)
    while i < hi:
        hit = None
        for v in by_first.get(text[i], ()):
            if text.startswith(v, i):
                e = i + len(v)
                if e > hi:
                    continue
                starts_ok = i in para.bounds or i in name_ends or any(
                    text.startswith(pre, i - len(pre)) and (i - len(pre)) in para.bounds
                    for pre in VERB_PREFIXES)  # 上称, 作出指示
                if starts_ok and (e in para.bounds or text.startswith(("道", "称", "说"), e)
                                  or len(v) >= 2 and v in SPEECH_VERBS_OUTRIGHT and i in para.bounds  # 表示同意/n
                                  and para.toks[para.tok_index(i)][0].startswith(v)
                                  or _glued_unknown(para, i, v)
                                  or v in FEELING_VERBS and text.startswith(EXPRESSIVE_OBJECTS, e)):  # 表示感谢: one word
                    hit = (i, e, v)
                    break
        if hit is None and has_dao and i in para.bounds:
            hit = _verb_dao(para, i)
        if hit and not para.in_quote(hit[0]):
            hits.append(hit)
            i = hit[1]
        else:
            i += 1
    return hits


# jieba classes of what may stand before a verb whose subject is the previous clause's person: adverbs,
# numerals and measures (第一个宣布), manner words with 地 (别有意味地回答说), idioms
ADVERBIAL_FLAGS = ("d", "ad", "m", "mq", "q", "uv", "i", "l", "z")


def _adverbial_only(para: Paragraph, a: int, b: int, vocab: dict) -> bool:
    """text[a:b] is adverbials and reporting verbs only (第一个 / 别有意味地回答 / 当场): no word that could
    be a subject of its own."""
    if not para.text[a:b].strip() or b - a > 12:
        return False
    k = para.tok_index(a)
    toks = list(itertools.takewhile(lambda t: t[2] < b, itertools.islice(para.toks, k, k + 13)))  # <= 12 chars
    return bool(toks) and toks[0][2] >= a and toks[-1][3] <= b and all(
        not word.strip() or flag in ADVERBIAL_FLAGS or word in vocab["verbs"] or _DATE_WORD_RE.fullmatch(word)
        or word == "的" and e == b  # (无奈的说: 的 written for 地 right before the verb)
        for word, flag, _, e in toks)


# a date's pieces as jieba cuts them (８|日: a full-width digit is jieba's x; 昨天, 上午: t)
_DATE_WORD_RE = re.compile(r"[0-9０-９]+|昨天|今天|前天|当天|当晚|上午|下午|晚上|昨晚|今晨|日前|近日")  # (…的孙菲菲，当晚表示…)


def _verb_dao(para: Paragraph, i: int) -> tuple[int, int, str] | None:
    """Any verb + 道 before a comma, colon, quote or full stop is a reporting verb (感慨道：“ / 喊道“ /
    “…”，X调侃道。): 道 says whose words they are. The verb is the jieba word starting at i (笑道, 调侃道)."""
    k = para.tok_index(i)
    toks, text = para.toks, para.text
    if k + 1 >= len(toks) or toks[k][2] != i or not toks[k][1].startswith("v") or len(toks[k][0]) > 2:
        return None
    if toks[k + 1][0] != "道" or toks[k + 1][3] >= para.span.end:
        return None
    after = text[toks[k + 1][3]]
    return (i, toks[k][3], toks[k][0]) if after in "，,：:“「\"。！？!?" else None


def _glued_unknown(para: Paragraph, i: int, verb: str) -> bool:
    """jieba's HMM glued the verb at i to the next character into a word its dictionary lacks (，称|赖启珊
    -> 称赖): the verb still ends there."""
    word, _, start, _ = para.toks[para.tok_index(i)]
    return start == i and len(word) > len(verb) and word.startswith(verb) and word_info(word)[0] == 0


# bare verbs after which a coordinated subject speaks too (罗干、任建新希望武警部队…: both), besides SPEECH_VERBS_OUTRIGHT
_LISTED_BARE = frozenset("宣布 希望 要求 呼吁 建议".split())


def _last_char_alone(para: Paragraph, cs: int, before: str) -> bool:
    """The last character of `before` (the clause from `cs` up to a subject) is a word of its own for jieba."""
    end = cs + len(before.rstrip())
    return end > cs and para.tok_starts[para.tok_index(end - 1)] == end - 1


def _inside_zai(para: Paragraph, cs: int, before: str) -> bool:
    """`before` ends in 在 as a word of its own (在|埃里克…言论公布后: the person inside the adverbial; not 现在 / 正在)."""
    return before.rstrip().endswith("在") and _last_char_alone(para, cs, before)


def _ends_in_preposition(para: Paragraph, cs: int, before: str, role_follows: bool) -> bool:
    """`before` (the clause from `cs` up to a subject) ends in a word making the subject its object (向 / 针对 …); before
    a role, one character only as a word of its own: a longer word there ends the organisation's name (…发展改革委应对
    气候变化司副司长孙翠华…表示: 应对; 作为阿布哈兹冲突的调解人: 作为, no role). 因为 is no 为 (还因为张国柱认为…: a reason)."""
    end = cs + len(before.rstrip())
    glued = end > cs and role_follows and not _last_char_alone(para, cs, before)
    return not before.rstrip().endswith("因为") and \
        any(para.text.endswith(word, cs, end) and (len(word) > 1 or not glued) for word in NOT_SUBJECT_AFTER)
