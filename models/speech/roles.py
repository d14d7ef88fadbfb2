"""What a person is: the role words before a name (科技部部长王志刚, 服务中心的俞东平, 劳工及福利局局长),
else a role in brackets after it (王志刚（科技部部长）) or a title right after it (王志刚部长). A role
needs a title or an organisation word in it."""
from __future__ import annotations

import re

from zhnews.models.speech.clauses import clause_start
from zhnews.models.speech.paragraph import Mention, Paragraph
from zhnews.models.speech.role_context import bracket_from, person_noun_after, place_opens, whose_agent
from zhnews.models.speech.vocab import (
    HAN_ONLY_RE,
    HAN_RANGE,
    INTERACTION_WORDS,
    ROLE_MODIFIERS,
    ROLE_NOUNS,
    SPEECH_VERBS_OUTRIGHT,
    SpeechConfig,
    vocab_index,
)

# the end of a dateline run into the role (…１月９日电 / 本报讯 / …日讯): news agency style, no space after it
_DATELINE_END_RE = re.compile(r"(?:本报讯|日[电讯]|[^，,。]{0,16}?[0-9０-９一二三四五六七八九十]日[电讯])")


# what people are without holding an office, as the speech corpus's annotators wrote them before a name
# (农民谭金树, 影评人宋子文, 巴勒斯坦领导人阿拉法特, 热火射手): these words, or a role ending in a character
# that makes a person noun (投递员 清洁员, 作曲家 画家, 造型师, 组织者 扮演者, 牧民 居民, 花农, 外交官, 女工 职工,
# 射手, 毕业生, 小贩); `_has_role_word` accepts either only at the role's end
ROLE_WORDS = ("领导人", "王储", "首脑", "元首", "总督", "教皇", "主教", "神父", "高僧", "住持", "司令", "指挥", "总导演",
              "总策划", "导游", "领班", "老总", "老大", "控卫", "队医", "解说", "特工", "新援", "老将", "名将", "冠军",
              "亚军", "得主", "主角", "配角", "模特", "明星", "巨星", "影星", "歌星", "童星", "干部", "阿姨", "保姆",
              "司机", "人士", "影评人", "乐评人", "代言人", "继承人", "持有人", "皇后", "恩师",
              "网民", "发帖人", "楼主", "法医", "交警", "门将", "新帅", "防长", "总编", "园长", "族长", "房东", "租户",
              "摊主", "业主", "武术指导", "牧师", "超模", "名模")  # (发帖人“蓝极星”, 法医张春明), and vocab's ROLE_NOUNS (网友)
_PERSON_NOUNS = ROLE_WORDS + ROLE_NOUNS  # a role ending in one is what the person is
ROLE_END_CHARS = frozenset("员家师者民农官工手生贩")
# words with those last characters that are no person noun (舒淇…人家, 大家, 国家)
_NOT_ROLE_ENDS = ("人家", "大家", "国家", "全家", "老家", "自家", "本家", "娘家", "人民", "全民", "国民", "先生")
# a count or a pointer in front of a role is no part of it (一位新乡获嘉县的施工者, 三位女主演, 这名球员)
_COUNTED_RE = re.compile("^(?:[一二两三四五六七八九十几数这那该每]+|[0-9０-９]+)[位名个]")


def holds_office(role: str, vocab: dict) -> bool:
    """A title anywhere (科技部部长), an organisation word anywhere, or an organisation suffix at the
    end (北京市委): what a person is in an institution, preferred to a person noun alone."""
    return vocab["long_title_re"].search(role) is not None or any(s in role for s in vocab["org_multi"]) or \
        any(role.endswith(s) for s in vocab["org"])


# titles after a name that say what the person is, not which office they hold in the body named before it
_NO_OFFICE_AFTER = ("博士", "医生", "医师", "硕士")


def _body_only(role: str, vocab: dict) -> bool:
    """`role` ends in an organisation's suffix, not in an office (浙江证监局, 南开大学, 陕西浩公律师事务所; not 北京市委书记)."""
    return any(role.endswith(s) for s in vocab["org"]) and not _ends_with_title(role, vocab)


def _has_role_word(role: str, vocab: dict) -> bool:
    """An office (`holds_office`) or a person noun at the end (ROLE_WORDS, vocab's ROLE_NOUNS, ROLE_END_CHARS) makes a
    role."""
    return holds_office(role, vocab) or role.endswith(_PERSON_NOUNS) or \
        (len(role) >= 2 and role[-1] in ROLE_END_CHARS and not role.endswith(_NOT_ROLE_ENDS))


# events that end in an organisation suffix (会) but are nobody's role (演唱会李宇春…, 发布会上张三…)
EVENT_NOUNS = ("演唱会", "发布会", "记者会", "见面会", "音乐会", "晚会", "首映会", "签售会", "研讨会", "座谈会", "招待会",
               "庆功会", "分享会", "交流会", "推介会", "博览会", "展览会", "运动会")
# verbs that end a role rather than sit inside an organisation's name: the copula (今天的嘉宾是|北京大学
# 教授) and what a reporter or a club does to the person (援引|前…经济师, 签约|NBDL球员, 感谢|监制)
_SPEECH_VERBS_2 = tuple(v for v in SPEECH_VERBS_OUTRIGHT if len(v) >= 2)
# (and 任程伟饰演|刘克豪, 姜春云问|四年级学生朱亚男: jieba tags 饰演 and 问 n; the actor, the asker is no part of the role)
_NEVER_IN_ORG_NAMES = frozenset("是 系 援引 引述 引用 签约 感谢 邀请 聘请 任命 宣布 致信 致电 致函 写信给 委托 委派 "
                                 "饰演 扮演 问".split())
# what a sentence does to the person it goes on to name (听|省农委副主任, 支票交给|中国驻休斯敦总领事, 姜春云问|四年级
# 学生, 有|好莱坞华裔导演, 连|市长, 当|蓝景丽家老总): no part of the role, though the noun phrase the subject rules
# read (`prefix_start`) keeps them, as it always has (当…宣布 is still a statement's cue)
_BEFORE_ROLES = frozenset("交给 发给 送给 递给 转给 寄给 颁给 授予 告诉 听 到 请 问 见 找 像 连 有 有关 让 令 叫 当".split())
# jieba classes of words that may make up the front of an organisation's name (东方/s 家园, 一国两制/l
# 研究中心, 上海/ns): nouns, names, idioms, places; no verb, time word, pronoun or adverb
_ORG_WORD_FLAGS = ("n", "j", "b", "l", "s", "vn", "eng")
# characters that are words of their own, never a piece of a name jieba could not split (在 / 和 / 后 …)
_FUNCTION_CHARS = frozenset("的地得了着过在和与及跟同是为向对从于由被把将也都又还就才已曾等这那该其我你他她它们再并而或但每各某本此"
                            "后前时间内外据称说")


def _ends_role(word: str) -> bool:
    """A word no role runs back over: what a sentence does to the person (听, 交给), an interaction (会见, 与) or a verb
    that never sits inside an organisation's name (是, 致电)."""
    return word in _BEFORE_ROLES or word in INTERACTION_WORDS or word in _NEVER_IN_ORG_NAMES


def _name_piece(para: Paragraph, k: int) -> bool:
    """Token k is one character of a word jieba does not know, split into single characters (上海易|居,
    能|通时代, 上|影集团): a Han character that is no function word, next to another such character."""
    def single(j: int) -> bool:
        if not 0 <= j < len(para.toks):
            return False
        word = para.toks[j][0]
        return len(word) == 1 and bool(HAN_ONLY_RE.match(word)) and word not in _FUNCTION_CHARS
    return single(k) and (single(k - 1) or single(k + 1))


def _organisation_front(para: Paragraph, cs: int, start: int, m: Mention) -> int:
    """Where the role really starts when the walk stopped at `start` inside an organisation's name:
    going left over nouns, places, brackets and split-up unknown words, up to the clause start or a
    word that ends a noun phrase (a verb: 致电|上影集团…, 的, a preposition); `start` when that does
    not reach such a boundary or passes another person."""
    k, new = para.tok_index(start) - 1, start
    while k >= 0 and para.toks[k][2] >= cs:
        word, flag, s, e = para.toks[k]
        if word in INTERACTION_WORDS or word in _NEVER_IN_ORG_NAMES or not (
                (len(word) >= 2 and flag.startswith(_ORG_WORD_FLAGS + ("a",))) or _name_piece(para, k)
                or word in "()（）"):  # (合富辉煌/a: an adjective in a company's name, kept only up to a boundary)
            break  # (会见/n 德国外长: jieba's noun reading of an interaction verb ends the role too)
        new, k = s, k - 1
    piece = para.text[new:start]
    if new == start or any(o is not m and o.kind in ("name", "titled") for o in para.mentions_in(new, start)) or \
            piece.count("(") + piece.count("（") != piece.count(")") + piece.count("）"):
        return start  # (旗下楼盘)董事长: half a bracket is no role
    if not para.text[cs:new].strip() or k < 0:  # (k < 0: the walk reached the paragraph's first word)
        return new  # (。 江苏科瑞特检测中心主任: a space before the clause's first word)
    word, flag = para.toks[k][0], para.toks[k][1]
    return new if word == "的" or flag.startswith("p") or (flag.startswith(("v", "d")) and len(word) >= 2) or \
        word in INTERACTION_WORDS or word in _NEVER_IN_ORG_NAMES else start  # (难怪/d 蒙纳殊大学…主任)


def _second_person(para: Paragraph, i: int, vocab: dict) -> bool:
    """The 及 / 和 at token i joins two people, not two parts of one organisation's name (劳工及福利局局长):
    a title or a person noun before it (政府首脑及|欧盟委员会主席). (A place opening what follows, 国宾馆和|美国
    国防部长, also opens parts of names: 人口及城市/ns 研究中心, 东亚和太平洋/ns 地区.)"""
    left = para.toks[i - 1][0] if i >= 1 else ""
    return left in vocab["title_set"] or left.endswith(ROLE_WORDS)


def _split_title_word(para: Paragraph, cs: int, end: int, vocab: dict) -> int | None:
    """The token holding the first character of a title that ends at `end` when jieba cut the title
    across two words (北装/协会/长: 会长; 学生会/长): that word belongs to the role; None otherwise."""
    for n in vocab["title_lengths"]:  # (longest first: one set lookup a length, not a scan of every title)
        s = end - n
        if s > cs and para.text[s:end] in vocab["title_set"]:
            k = para.tok_index(s)
            if para.toks[k][2] < s and para.toks[k][2] >= cs:
                return k
    return None


def _ends_with_title(word: str, vocab: dict) -> bool:
    """`word` ends in a title of 2+ characters (新闻发言人, 副总经理)."""
    return any(word[-n:] in vocab["title_set"] for n in vocab["title_lengths"] if n <= len(word))


def assign_role(para: Paragraph, m: Mention, config: SpeechConfig) -> None:
    """Set `m`'s role (role words right before the name in its clause; else （ROLE） or a title after
    it), where the role words start, and where the noun phrase ending in the name starts."""
    text, vocab = para.text, vocab_index(config)
    cs = clause_start(text, para.span.start, m.start)
    i = para.tok_index(m.start - 1) if m.start > cs else -1
    start = m.start
    accepted_nounish = after_coord = False
    k = _split_title_word(para, cs, m.start, vocab)
    if k is not None:  # 北装协会长贾中池: the walk goes on from the word that holds the title's first character
        start, i, accepted_nounish = para.toks[k][2], k - 1, True
    # 服务中心的俞东平: an organisation joined to the name by 的 is the role (the corpus's annotators wrote none 9 times
    # of 12, 耶鲁大学的布拉德利·谢弗, but the rules read the role: 与先进细胞技术公司的斯泰思…宣布 is the subject)
    de_end = None
    if m.start - 1 > cs and text[m.start - 1] == "的" and i >= 1 and para.toks[i][0] == "的":
        left = para.toks[i - 1]
        if left[1] == "nt" or any(left[0].endswith(o) for o in vocab["org"]):  # (not a place: 来自西安的王惠琪)
            de_end = m.start - 1
            i -= 1
            start = de_end
    while i >= 0 and (para.toks[i][2] >= cs or accepted_nounish and para.toks[i][3] == cs and para.toks[i][0] in "》”"):
        word, flag, s, e = para.toks[i]  # (a closing quote mark ends the clause: 国民党“文传会”|主委 may go on)
        if e > m.start:
            i -= 1
            continue
        other = para.overlapping(m, s, e)
        if other is not None:
            # a "name" glued to the organisation words after it is part of them (宁德时代董事长)
            nxt = text[other.end:other.end + 1]
            glued = accepted_nounish and other.end == start and nxt.strip() and nxt not in "、，,·和与及暨" and \
                (other.kind == "absorbed" or not any(text.startswith(t, other.end) for t in vocab["address"]))
            # 网友“燕窝鱼”, 发帖人“蓝极星”: the poster word before a handle in quotes is the handle's role, no one else
            handle = other.kind == "anon" and other.end == start == m.start and text[m.start] in "“「"
            if not glued and not handle:
                break  # another person: 部长张三、局长李四
            other.kind = "absorbed"
            start = other.start
            i = para.tok_index(other.start) - 1 if other.start > para.span.start else -1
            continue
        ok = False
        if (len(word) >= 2 and word in INTERACTION_WORDS) or word in _NEVER_IN_ORG_NAMES or \
                word.startswith(_SPEECH_VERBS_2) or (e == m.start and len(word) >= 2 and word in vocab["verbs"]):
            # 表示同意/n (jieba's one word): the cue of the person before; 巴克利建议/n|阿伦不要…: a verb of speech right
            # before the name is whom the words are for, no role (not 市场分析|部经理: not right before the name)
            pass  # 在中南海会见法国外长X -> 法国外长 (jieba tags 会见 n as often as v; 援引 vn)
        elif word in vocab["address_set"] and s > cs and para.overlapping(m, s - 1, s) is not None and \
                para.overlapping(m, s - 1, s).kind != "absorbed":  # (萨克拉门托|市长约翰逊: a place's head)
            pass  # 总干事王波明先生|中国民生银行董事长董文标: the title after a name is that person's
        elif word.strip() == "" or word == "@":
            ok = e == m.start  # 发言人 张三, 会长@陈宝存 (a microblog's handle; a space elsewhere ends the role: datelines)
        elif word in ("及", "和", "与", "暨") and accepted_nounish and \
                any(o in text[s:m.start] for o in vocab["org"]) and \
                not any(t for t in vocab["long_titles"] if text[e:m.start].startswith(t)) and \
                not _second_person(para, i, vocab) and not place_opens(para, i + 1):
            # (a place after it opens an office of its own: 在钓鱼台国宾馆和|美国国防部长科恩举行了会谈)
            ok = after_coord = True  # 劳工及福利局局长, 感染及传染病中心总监
            start = s
            i -= 1
            continue
        elif after_coord and flag[:1] in ("v", "a"):
            ok = True
        elif word == "的" and accepted_nounish and i >= 1 and para.toks[i - 1][2] >= cs and (
                para.toks[i - 1][1] == "nt" or any(para.toks[i - 1][0].endswith(o) for o in vocab["org"]) or
                para.toks[i - 1][0] == "》" and
                _quoted_from(text, para.span.start, para.toks[i - 1][2], vocab) is not None):
            # 校友会联合会的创会会长, 《全市场》的主编; not a place (费城的华裔社区代表, 中国的美国企业家: the corpus's
            # annotators left the place out 7 times of 7)
            ok = True
        elif word in ("、", "·", "-", "－"):
            ok = accepted_nounish
            if ok and word == "、" and vocab["title_re"] is not None:
                left = text[cs:s]
                # 印度总理辛格、巴西总统卢拉: what precedes 、 is another person, not a role
                tail = re.search(f"({'|'.join(map(re.escape, vocab['long_titles']))})([{HAN_RANGE}]{{2,4}})$", left)
                prev = para.toks[i - 1] if i >= 1 else None  # (院长助理/vn、研究员: a noun jieba knows is no name)
                common_noun = prev is not None and prev[0] == tail.group(2) and prev[1][:1] in ("n", "v") \
                    and not prev[1].startswith("nr") if tail else False
                if tail and not _has_role_word(tail.group(2), vocab) and not common_noun:
                    ok = False
        elif word == "兼" and accepted_nounish and _ends_with_title(text[cs:s], vocab):
            ok = True  # 董事兼执行总裁, 国务委员兼国家科委主任: one person's two offices
        elif word in ("》", "”") and accepted_nounish and \
                (opened := _quoted_from(text, para.span.start, s, vocab)) is not None:
            # 《休斯敦纪事报》专栏记者, 国民党“文传会”主委: a quoted name inside the role (the clause the
            # role is in begins before the quote, where a quote mark alone does not end one)
            start = opened
            cs = min(cs, clause_start(text, para.span.start, start))
            i = para.tok_index(start) - 1 if start > para.span.start else -1
            continue
        elif word in (")", "）") and accepted_nounish and \
                (opened := bracket_from(text, max(cs, s - 42), s, vocab)) is not None:
            # 北京商务中心区(CBD)管委会主任: a gloss inside the role
            start = opened
            i = para.tok_index(start) - 1 if start > para.span.start else -1
            continue
        elif word in vocab["title_set"] or word in vocab["org_set"] or _ends_with_title(word, vocab) or \
                (not flag.startswith("v") and any(word.endswith(o) for o in vocab["org"])):
            ok = True  # 发言人/l, 合作社/l
        elif flag[:1] in ("n", "j") or flag in ("b", "eng", "vn", "an") or flag == "l" and accepted_nounish and \
                any(para.toks[i + 1][0].endswith(o) for o in vocab["org"]):
            # (l: an idiom inside an organisation's name, 八家户有限责任/l 公司董事长; not 科恩在会谈中/l 代表克林顿…)
            ok = not (flag == "eng" and word.isdigit())  # 3月17日 (jieba without HMM tags digits eng): a date
        elif word in ("驻", "反") and accepted_nounish:
            ok = True  # 我国驻美大使, 阿富汗反塔利班联盟发言人 (jieba: 驻/v, 反/zg)
        elif word in ROLE_WORDS and e == m.start:
            ok = True  # 控卫|德里克-费舍尔, 解说|马特-布拉德: jieba tags these person nouns v or a
        elif word in ROLE_MODIFIERS and accepted_nounish:
            ok = True  # 知名财经评论人, 资深评论员 (jieba tags these v or a)
        elif s == cs and len(word) == 1 and accepted_nounish and HAN_ONLY_RE.match(word) and \
                flag[:1] not in ("p", "c", "d", "r", "u", "y", "e", "o", "m", "q"):
            # 中|经联盟秘书长 at the clause start: jieba splits the first character off an abbreviated
            # organisation name (tagged f, a, v ...); a preposition or adverb there (在, 据, 也) stops
            ok = True
        elif flag == "m":
            ok = not any(c.isdigit() for c in word)  # 第十四届 yes, 6月10日 no
        elif flag[:1] in ("v", "a") and accepted_nounish and word not in vocab["verbs"]:
            # adjectives / verbs inside an organisation name: 卫生健康委员会, 华山医院感染科
            k = i - 1
            while k >= 0 and para.toks[k][2] >= cs and para.toks[k][1][:1] == "a" and i - k <= 2:
                k -= 1
            if flag[:1] == "v" and (k != i - 1 or len(word) > 2):
                k = -1  # at most one short verb inside an organisation name
            ok = k >= 0 and para.toks[k][2] >= cs and (para.toks[k][1][:1] in ("n", "j")) and \
                para.toks[k][1] not in ("nr", "nrfg")
        if not ok:
            break
        start = s
        accepted_nounish = word.strip() != "" or accepted_nounish
        after_coord = False
        i -= 1
    if cs < start < m.start:  # 上海易居|房地产综合研究部部长杨红旭: the walk stopped inside a name
        start = _organisation_front(para, cs, start, m)
        other = para.overlapping(m, start, m.start)
        if other is not None and other.kind == "name" and other.end <= m.start:
            start = other.end  # (彼特·加纳维奇、劳伦斯伯克利国家实验室的绍尔·伯尔穆特: never into the person before)
    if start > cs and text[start - 1].isdigit() and start + 1 < m.start:
        i0 = para.tok_index(start)
        if para.toks[i0][3] - para.toks[i0][2] == 1:
            start += 1  # 5天|世界卫生组织…: the unit of a number, not the role
    role_end = de_end if de_end is not None else m.start
    dateline = _DATELINE_END_RE.match(text, start, role_end)
    if dateline:  # 新华社北京１月９日电外交部发言人沈国放 / 本报讯苏丹总统巴希尔: the dateline is no role
        start = dateline.end()
    if text[start:role_end] == "代表" and start > cs and text[start - 1] in "中上时后并也还将曾":
        start = role_end  # 科恩在会谈中代表克林顿总统…: on behalf of, a verb, no role
    m.prefix_start = start - 1 if start > cs and text[start - 1] == "@" else start  # (@AFU阿芙创始人孟醒: a handle)
    # where the role words start for the subject rules: an office's first word as the walk found it (当|蓝景丽家
    # 老总 included: 当…宣布 reads as before); the role itself leaves out what only leads up to it
    words = text[start:role_end]
    office = words.strip(_ROLE_STRIP)
    lead = len(words) - len(words.lstrip(_ROLE_STRIP))
    m.role_start = start + lead if _role_ok(office, config, vocab, holds_office) else m.start
    front = cs if cs < start < m.start and _brand_opening(para, cs, start) else start  # (the role only)
    begin = _role_begin(para, front, role_end, vocab)
    role = text[begin:role_end].strip(_ROLE_STRIP)
    if _role_ok(role, config, vocab, _has_role_word):
        whole = text[whole_body(para, cs, begin, m):role_end].strip(_ROLE_STRIP)
        m.role = whole if _role_ok(whole, config, vocab, _has_role_word) else role
        m.role = whose_agent(para, m, cs, begin, role_end) or m.role
        if "》" in m.role and "《" not in m.role.split("》")[0]:  # a role opening inside a work's title (合作完专辑《听
            m.role = m.role.rsplit("》", 1)[1].lstrip("的") or None  # |我的声音》的歌手: a verb there ended the walk)
    # NAME（ROLE）
    after = text[m.end:min(m.end + 45, para.span.end)]
    pm = re.match(r"\s*[（(]([^（）()]{2,40})[）)]", after)
    if pm and not m.role and _has_role_word(pm.group(1), vocab):
        m.role = pm.group(1).strip()
    # NAME + title (王志刚部长, 许中田副社长), an office before a person noun (…奖获得者李政道教授: 教授)
    if not m.role or not holds_office(m.role, vocab) or _POINTING_BODY_RE.fullmatch(m.role) or \
            _body_only(m.role, vocab):
        # (该校周国正校长: a body the text points back to is no office of its own; the title after the name is;
        # 浙江证监局邵锡秋副局长, 南开大学的王以欣教授: a body alone before the name, the office after it; a degree
        # or a trade after it replaces no role: 悉尼大学中国研究中心Linda Tsung博士, 凯尔特人队医…博士)
        title = _title_after(para, m, vocab)
        if not m.role or title not in _NO_OFFICE_AFTER:
            m.role = title or m.role
    # 演员古天乐、刘烨、徐熙缓 / 编剧邵钧林和稽道青: a role before a list of names is each one's
    if not m.role:
        m.role = _listed_role(para, m) or _as_role(para, m, config, vocab) or person_noun_after(para, m)


def whole_body(para: Paragraph, cs: int, begin: int, m: Mention) -> int:
    """Where a role beginning at `begin` really begins when the name finder tags an organisation or place
    there that jieba cut up: the walk over jieba's words stopped inside it (乐|视网董事长, 克拉¬|斯公司董事长,
    ＴＣＬ|通信设备股份有限公司副总经理) or right before it (久盛|地板董事长, 爱格地板的|总经理, 八家户有限|公司董事长). The
    organisation must lie in the role's clause, open on one of jieba's word boundaries (not 大|规模杀伤性武器…委员会,
    a tag that opens mid-word), hold no other person and no word that ends a role (新浪娱乐致电|上影集团…: a
    tag run over a verb); one right before the role joins it only when the role does not open with a tagged
    body of its own (梁四村的|王舍人镇副镇长, 访印的|法国总统 stay as they are). Only the role's text changes: where
    the noun phrase before the name starts (`prefix_start`, `role_start`), which the subject rules read, stays
    the walk's."""
    text = para.text
    opens_body = any(a == begin for a, _ in para.bodies)
    for a, b in para.bodies:  # (sorted by start)
        if a >= begin:
            break
        inside = a < begin < b
        before = not opens_body and b - a >= 2 and (b == begin or (b == begin - 1 and text[b] == "的"))
        if (inside or before) and a >= cs and a in para.bounds and \
                not any(o is not m and o.kind in ("name", "titled") for o in para.mentions_in(a, begin)) and \
                not any(_ends_role(w) for w, _, s, _ in para.toks[para.tok_index(a):para.tok_index(begin)] if s >= a):
            return a
    return begin


# a title's prefixes that the vocabulary does not list with every title (许中田副社长, 常务副总经理)
_TITLE_PREFIX_RE = re.compile("(?:常务|执行)?副?")
# what the person is, in a 作为 / 身为 phrase right before the name (作为女篮代表的宋晓波, 身为国际超模的吕燕,
# 作为中国最大民营经纪公司的老板，王中磊表示)
_AS_ROLE_RE = re.compile(r"(?:作为|身为)([^，,。；;：:！？!?“”、]{2,24}?)(?:的|[，,])\s*$")


def _as_role(para: Paragraph, m: Mention, config: SpeechConfig, vocab: dict) -> str | None:
    """The role a 作为 / 身为 phrase gives the name right after it."""
    hit = _AS_ROLE_RE.search(para.text, max(para.span.start, m.start - 32), m.start)
    role = hit.group(1) if hit else ""
    # an office or a person noun at its end: not what the person does or is one of (作为刘翔的支持者, …的核心人物之一)
    named = _ends_with_title(role, vocab) or role.endswith(_PERSON_NOUNS)
    return role if named and _role_ok(role, config, vocab, _has_role_word) else None


_POINTING_BODY_RE = re.compile("[该本此这][^\\s，,]{1,4}")  # 该校, 本公司, 该院


def _title_after(para: Paragraph, m: Mention, vocab: dict) -> str | None:
    """A title written right after the name, ending at a word boundary (习近平总书记, 许中田副社长)."""
    if vocab["title_re"] is None:
        return None
    at = _TITLE_PREFIX_RE.match(para.text, m.end).end()
    tm = vocab["title_re"].match(para.text, at)
    if tm and (tm.end() in para.bounds or tm.end() >= para.span.end):
        return para.text[m.end:tm.end()]
    return None


_ROLE_STRIP = " \t\u3000、·-－及和与暨@"


def _role_ok(role: str, config: SpeechConfig, vocab: dict, makes_role) -> bool:
    """`role` is one: short enough, with what `makes_role` asks for, no event (发布会) nor an organisation word alone
    (公司李兴畅总经理: 公司)."""
    short_org = len(role) <= 2 and (role in vocab["org_set"] or role in vocab["org_multi"])
    return bool(role) and len(role) <= config.max_role_chars and makes_role(role, vocab) and \
        not role.endswith(EVENT_NOUNS) and not short_org


def _role_begin(para: Paragraph, start: int, end: int, vocab: dict) -> int:
    """Where the role in text[start:end] begins: after what only leads up to it (听|省农委副主任, 当|蓝景丽家老总),
    after a count (一位|新乡获嘉县的施工者, 三位|女主演), and for a person noun alone after any verb (发给|活动倡议者)."""
    for word, _, s, e in para.toks[para.tok_index(start):]:
        if e > end:
            break
        if s >= start and word in _BEFORE_ROLES:
            start = e
    counted = _COUNTED_RE.match(para.text[start:end])
    if counted and counted.end() < end - start:
        start += counted.end()
    if not holds_office(para.text[start:end], vocab):
        start = _after_last_verb(para, start, end)
    return start + 1 if para.text.startswith("的", start) else start  # (参加展会的|北京某中学高二学生)


# what ends a sentence: a company's name right after it may open with words jieba reads as anything
_SENTENCE_ENDS = "。！？!?”」』\n \u3000"


def _brand_opening(para: Paragraph, cs: int, start: int) -> bool:
    """text[cs:start] is the rest of a company's name opening the sentence (。生活家|地板华北区营销总经理,
    。南方|基金国际部总监, 。好买理财|研究中心分析师, 。新|明珠陶瓷集团): at most 5 Han characters, no function
    character, no verb first, no time word, adverb, conjunction, preposition, pronoun, particle or number."""
    piece = para.text[cs:start]
    if not 0 < len(piece) <= 5 or not HAN_ONLY_RE.match(piece) or any(c in _FUNCTION_CHARS for c in piece):
        return False
    if cs > para.span.start and para.text[cs - 1] not in _SENTENCE_ENDS:
        return False
    k = para.tok_index(cs)
    if para.toks[k][1].startswith("v") and para.toks[k][1] != "vn":
        return False  # 。来自|哈尔滨理工大学的访问学者, 出席庆典的…: a predicate opens the sentence
    while k < len(para.toks) and para.toks[k][2] < start:
        word, flag = para.toks[k][0], para.toks[k][1]
        if flag[:1] in ("t", "d", "c", "p", "r", "u", "y", "e", "m") or flag == "f" and len(word) < 2 or \
                _ends_role(word):
            return False  # (南方/f 基金: a place word of two characters may name a company; 下面有请…: not)
        k += 1
    return True


def _quoted_from(text: str, lo: int, close: int, vocab: dict) -> int | None:
    """Where the title of a work (《画皮》) or the quoted name of a body (“文传会”, “亚洲增长投资基金”) that closes
    at `close` opens: short, after `lo`, no clause break inside; else None (“拨乱反正”国民党…: a slogan)."""
    opening = "《" if text[close] == "》" else "“"
    at = text.rfind(opening, lo, close)
    inner = text[at + 1:close] if at >= 0 else ""
    if at < 0 or not inner or len(inner) > 20 or any(c in inner for c in "，,。；;：:“”《》！？!?"):
        return None
    if opening == "“" and not (holds_office(inner, vocab) or inner.endswith(("基金", "党团"))):
        return None
    return at


def _after_last_verb(para: Paragraph, start: int, end: int) -> int:
    """Where a person noun's phrase starts in text[start:end]: after the last verb, preposition, adverb,
    conjunction or pronoun jieba finds there (a verb's noun use, vn, stays: 施工者)."""
    for word, flag, s, e in para.toks[para.tok_index(start):]:
        if e > end:
            break
        if s >= start and flag[:1] in ("v", "p", "d", "c", "r") and flag != "vn" and word not in ROLE_WORDS:
            start = e  # (控卫/v, 解说/v: person nouns jieba reads as verbs)
    return start


def _listed_role(para: Paragraph, m: Mention) -> str | None:
    """The role written before the first name of a list that `m` closes or continues (演员古天乐、刘烨、
    徐熙缓 -> 演员 for 刘烨 and 徐熙缓; 编剧邵钧林和稽道青; 主演李心洁(微博)、霍思燕); None when `m` is no list
    item or the first name has no role written right before it."""
    text, first = para.text, None
    at = m.start
    while at > para.span.start and text[at - 1] in "、和与及":
        joiner, end = text[at - 1], at - 1
        if end > para.span.start and text[end - 1] in ")）":  # 李心洁(微博)、: a scraper's note after the name
            opening = max(text.rfind("(", para.span.start, end), text.rfind("（", para.span.start, end))
            end = opening if opening >= 0 and end - opening <= 12 else end
        prev = next((o for o in reversed(para.mentions_in(para.span.start, end))
                     if o.end == end and o.kind in ("name", "titled")), None)
        if prev is None:
            return None
        first, at = prev, prev.phrase_start()
        if joiner != "、" or _role_before(text, first):
            break  # 和 joins the last two names only; a name with its own role opens the list
    return first.role if first is not None and _role_before(text, first) else None


def _role_before(text: str, m: Mention) -> bool:
    """`m`'s role is written right before it (allowing a 的 between)."""
    return bool(m.role) and m.role in text[max(0, m.start - len(m.role) - 1):m.start]
