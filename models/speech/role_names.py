"""Names read off their place in the clause, where a finder misses them or `plausible_name` turns them down:
ROLE (or organisation) + surname-name + reporting verb or 在/于/（ (上海市市长龚正说, 普京表示; a Japanese name of four
characters: 首相安倍晋三昨天宣布), an occupation + a rare word + reporting verb for pen names (财经评论人牛刀认为), a
net name in quotes after 网友 (网友“燕窝鱼”在天涯社区发帖，称…), a finder's name that is a dictionary word right after a
title (发言人培根…说), and a surname-name opening a sentence before a
reporting verb and its punctuation (成思危指出，), or a clause after a comma before a bare one (，房祖名表示在…); a
three-character word jieba calls a person's right before a verb that reports outright and its punctuation
(行长续晓明表示，… / 言承旭透露，…: surnames the lists lack)."""
from __future__ import annotations

import itertools
import re
from typing import Iterator

from zhnews.models.speech.clauses import clause_end
from zhnews.models.speech.names import (common_word, glued_tail, is_translit, japanese_family, japanese_name, japanese_ya,
                                        plausible_name, postag, surname_of, word_info)
from zhnews.models.speech.paragraph import Paragraph
from zhnews.models.speech.vocab import (BARE_VERBS, FUNCTION_TAGS, HAN_ONLY_RE, KINSHIP_NOUNS, NAME_FOLLOWERS,
                                        NAME_TAIL_FUNCTION_CHARS, PEN_NAME_MAX_FREQ, ROLE_NOUNS, SHORT_ADVERBS,
                                        SPEECH_VERBS_OUTRIGHT, SpeechConfig, vocab_index)


def names_after_roles(para: Paragraph, config: SpeechConfig) -> Iterator[tuple[int, int, str]]:
    """ROLE + name + (reporting verb | 在/于/日前/（ ...): names a finder may miss (龚正说, 普京表示); a kinship word
    stands for the role (成龙的儿子房祖名表示). The name must start with a known surname (or be a transliteration) and
    not be a common word."""
    text, vocab = para.text, vocab_index(config)
    lo, hi = para.span.start, para.span.end
    title_re = vocab["role_noun_re"]
    person_anchors = set(vocab["titles"]) | set(ROLE_NOUNS) | set(KINSHIP_NOUNS)
    for m in itertools.chain(title_re.finditer(text, lo, hi), _KIN_RE.finditer(text, lo, hi)):
        a = m.end()
        by_org = m.group() not in person_anchors  # an organisation word: 有线处周代群认为
        if m.group() not in KINSHIP_NOUNS and _titles_a_name(para, m.start()):
            continue  # 特里谢行长高调宣称: the title is the name's before it (高 a surname, 高调 no name)
        if by_org and a not in para.bounds:
            continue  # the word runs on past it: 克林顿在会谈后说 (会 of 会谈), no name 谈后
        if by_org and text.startswith("的", a):
            a += 1  # 牡丹花木公司的柏兵告诉记者
        for n in (2, 3, 4):
            b = a + n
            if b > hi:
                break
            name = text[a:b]
            if not HAN_ONLY_RE.match(name):
                break
            surname = surname_of(name)
            pen = False  # a pen or stage name, or a name that is an ordinary word (评论人牛刀)
            if n < 4 and japanese_ya(text[a:a + 4]):
                continue  # 导演宫本(和)|也在…说: the given name goes on
            if japanese_name(name):
                surname = name[:2]  # 首相安倍晋三昨天宣布: a two-character family name, four characters in all
            elif surname:
                if len(name) <= len(surname) or (n == 4 and len(surname) == 1):
                    continue
            elif not is_translit(name):
                if by_org or n > 3 or not _pen_name(para, a, b):
                    continue
                pen = True
            # (after an organisation word or for a pen name only a reporting verb is evidence enough)
            if not _said_after(para, b, by_org or pen, vocab) or _not_a_name(name, config):
                continue
            given = name[len(surname):] if surname else ""
            if len(given) >= 2 and (word_info(given)[1] or "")[:1] in FUNCTION_TAGS:
                continue  # 民警曾数次告诫: 数次 is not a given name
            yield a, b, name
            break


# who the person is to someone named before (成龙的儿子房祖名表示, 其公公王东桥称): a kinship word stands where a title would
_KIN_RE = re.compile("|".join(sorted(KINSHIP_NOUNS, key=len, reverse=True)))


def _titles_a_name(para: Paragraph, t: int) -> bool:
    """The title starting at t follows a word jieba tags a person's (特里谢行长: the title is his)."""
    if t <= para.span.start or t not in para.bounds:
        return False
    return para.toks[para.tok_index(t - 1)][1].startswith("nr")


def _pen_name(para: Paragraph, a: int, b: int) -> bool:
    """text[a:b], right after a person noun, can be a name without a surname: whole words, nouns,
    and a rare word as a whole (牛刀, 水皮), not a frequent one (文章, 普遍) or part of a longer word."""
    if a not in para.bounds or b not in para.bounds:
        return False
    k = para.tok_index(a)
    while k < len(para.toks) and para.toks[k][3] <= b:
        if para.toks[k][1][:1] not in ("n", "j") or para.toks[k][1] in ("ns", "nt"):
            return False
        k += 1
    return word_info(para.text[a:b])[0] < PEN_NAME_MAX_FREQ


def _not_a_name(name: str, config: SpeechConfig) -> bool:
    """Characters a role or a sentence start runs into that are no name: ending in a function character or glued to
    the next word (高官还指出: 高官 + 还; 科恩时希望: the name is 科恩), opening with a common word (three characters or
    more), a common word whole, or a string `plausible_name` turns down."""
    return name[-1] in NAME_TAIL_FUNCTION_CHARS and not japanese_ya(name) or (
        len(name) >= 3 and common_word(name[:2], 500)) or glued_tail(name) or common_word(name) or \
        not plausible_name(name, config)


def _said_after(para: Paragraph, b: int, verb_only: bool, vocab: dict) -> bool:
    """What follows a name ending at b makes it a speaker's: (a short adverb and) a reporting verb ending on
    a word boundary; unless `verb_only`, also 在/于/日前/… or （ ， 、 right after it."""
    text, rest = para.text, b
    adv = next((a for a in SHORT_ADVERBS if text.startswith(a, rest)), "")
    rest += len(adv)
    verb = next((v for v in vocab["verbs"] if text.startswith(v, rest)), None)
    if verb:
        return (rest + len(verb)) in para.bounds
    if verb_only:
        return False
    fol = next((f for f in NAME_FOLLOWERS if text.startswith(f, b)), None)
    return (fol is not None and (b in para.bounds or (b + len(fol)) in para.bounds)) or \
        (b in para.bounds and b < para.span.end and text[b] in "（(，,、")


def word_name_after_title(para: Paragraph, a: int, b: int, config: SpeechConfig) -> bool:
    """A name the finder tags that is also a dictionary word (培根 bacon, 马里 Mali: `plausible_name` turns
    such words down) is a name right after a person's title when its clause ends in a reporting verb:
    五角大楼发言人培根在２７日的吹风会上说，… / 财政部长马里十二月三十一日在雅加达宣布，…"""
    text, vocab = para.text, vocab_index(config)
    name = text[a:b]
    if not (HAN_ONLY_RE.match(name) and 2 <= len(name) <= 4) or not any(
            text.endswith(t, max(0, a - len(t)), a) for t in (*vocab["titles"], *ROLE_NOUNS)):
        return False
    k = clause_end(text, b, para.span.end)
    if k >= para.span.end or text[k] not in "，,：:":
        return False
    return any(text.endswith(v, b, k) and k in para.bounds for v in vocab["verbs"])


_CLOSE_QUOTE_MARKS = "”」』\""
_WHEN_RE = re.compile("(?:赛后|赛前|会后|事后|日前|近日|昨天|今天|昨日|今日|当天|随后)?(?:也|还|则|又|更|却|亦)?")


def names_opening_sentences(para: Paragraph, config: SpeechConfig) -> Iterator[tuple[int, int, str]]:
    """A surname and a given name opening a sentence, then (a time and) a reporting verb and its punctuation (成思危
    指出，… / 王小明表示：… / 大前研一说，… / 山本由纪赛后坦言，…): a name the finder missed, whose sentence reports
    speech. Two or three characters (or four, a Japanese family and given name), none of them a common word, nor the
    characters after the surname (高层指出, 林业局表示, 罗警方说 are no names). After a comma inside the sentence, three
    characters before a verb that reports outright even with no punctuation after it (作为李献计的扮演者，房祖名表示在…),
    or two before a verb and its punctuation (谈及…，成胜坦言，…), the first two no dictionary word and the given name no
    function word (，闻讯后感叹, ，应更多强调, ，张说， are no names)."""
    text, vocab = para.text, vocab_index(config)
    for sent in para.sentences:
        start = sent.start
        while start < sent.end and text[start] in " \t\u3000":
            start += 1
        # (a clause after a comma too: 作为李献计的扮演者，房祖名表示在…; there three characters, the first two no word)
        clause_starts = [k + 1 for k in range(start, sent.end) if text[k] in "，," or
                         text[k] in _CLOSE_QUOTE_MARKS and k > start and text[k - 1] in "，,"]  # (…，”常清说，)
        for a in (start, *clause_starts):
            in_clause = a != start
            for n in (2, 3) if in_clause else (2, 3, 4):
                b = a + n
                name = text[a:b]
                # (four characters: a Japanese family name and given name, 大前研一说，…, or a compound surname and
                # a given name, 欧阳自远指出，…)
                surname = surname_of(name) if n < 4 or len(surname_of(name) or "") == 2 else japanese_family(name)
                if b > sent.end or not HAN_ONLY_RE.match(name) or not surname or len(name) <= len(surname):
                    continue
                # right after a quote and its comma (“…”，孙何方说，…: the quote's speaker named), a given name may be a
                # word (何方, 清): the whole name may not
                after_quote = in_clause and (text[a - 1] in _CLOSE_QUOTE_MARKS
                                             or a >= 2 and text[a - 2] in _CLOSE_QUOTE_MARKS)
                if _not_a_name(name, config) or (common_word(name, 100) if after_quote else (
                        common_word(name[len(surname):], 100) and not _word_given_name(name, surname, in_clause)
                        or in_clause and (
                        word_info(name[:2])[0] > 0 or (word_info(name[len(surname):])[1] or "")[:1] in FUNCTION_TAGS
                        or n == 2 and word_info(name[1])[1] in ("v", "d", "p", "c", "f", "m")))):
                    continue  # (罗警方说: the Romanian police, 罗 and a common word; ，闻讯后感叹: 闻讯 is a word;
                    # ，应更多强调: 更多 an adverb)
                k = b + len(_WHEN_RE.match(text, b).group())  # (山本由纪赛后坦言，… / 房祖名也表示: a time, an adverb between)
                verb = next((v for v in vocab["verbs"] if text.startswith(v, k)), None)
                if not verb or k + len(verb) not in para.bounds:
                    continue
                punct = text[k + len(verb):k + len(verb) + 1] in ("，", ",", "：", ":", "“")
                if punct or in_clause and n == 3 and verb in SPEECH_VERBS_OUTRIGHT and verb in BARE_VERBS:
                    yield a, b, name
                    break


def _word_given_name(name: str, surname: str, in_clause: bool) -> bool:
    """包文理表示，… / 郑立国表示，…: a two-character given name that is a word (文理, 立国) after a one-character surname
    at the very start of a sentence, when neither the whole nor its first two characters are words and the given name
    is a rare one (under 500 uses: 栾老人说, 罗警方说 are an old man and the Romanian police, 老人 4,424, 警方 696)."""
    given = name[len(surname):]
    freq, flag = word_info(given)
    return not in_clause and len(surname) == 1 and len(given) == 2 and freq < 500 and \
        (flag or "")[:1] not in FUNCTION_TAGS and word_info(name)[0] == 0 and word_info(name[:2])[0] == 0


# 网友“燕窝鱼” / 博主“追风的蜗牛” / 网名为“麓山彳亍”的网友: a handle in quotes, which the guidelines count as a name
# (two to twelve characters, no punctuation or space inside), when what follows the marks is what a poster does
# (在…发帖, 写道, 称 …): not a term netizens use (不少网友“点赞”之后…, 引发网友“吐槽”)
_QUOTED_HANDLE_RE = re.compile(r"(?:网友|博主|楼主|网民|发帖人|帖主|网名为?|昵称为?|ID为)[“\"]([^“”\"，,。；;：:！!？?\s]{2,12})[”\"]"
                               r"(?=在|于|通过|从|日前|近日|昨天|今天|也|还|则|更|就|对|向|的|说|称|表示|写道|留言|发帖|发文|"
                               r"发表|回复|评论|认为|直言|指出|透露|爆料|质疑|调侃|感叹|晒出|贴出|上传|介绍)"
                               # (名为“xylxjh”的网友在…发表…，称 / 一名叫“风之龙”的网友，他说: the handle
                               # named before the poster it belongs to, who is the mention)
                               r"|(?:名为|名叫|叫做?|自称是?)[“\"]([^“”\"，,。；;：:！!？?\s]{2,12})[”\"]的?(?:网友|博主|楼主|网民|发帖人|帖主)")
_MANY_RE = re.compile(r"(?:不少|众多|很多|许多|广大|部分|一些|大批|大量|众|多名|多位|引发|引起|遭到|遭|被|让|令)$")


def quoted_handles(para: Paragraph) -> Iterator[tuple[int, int, str]]:
    """Net names in quotes after 网友 / 博主 / 网名 (网友“南山有雨”在微博中写道：…) or before them (名为“xylxjh”的网友):
    (start, end, name), the span the mention takes: the marks, or the whole of 名为“xylxjh”的网友 for the second; not after
    many netizens or a verb that makes them its object (不少网友“…”, 引发网友“…”)."""
    text = para.text
    for m in _QUOTED_HANDLE_RE.finditer(text, para.span.start, para.span.end):
        if not _MANY_RE.search(text, max(para.span.start, m.start() - 2), m.start()):
            if m.group(1):
                yield m.start(1) - 1, m.end(1) + 1, m.group(1)
            else:
                yield m.start(), m.end(), m.group(2)


def jieba_names_before_verbs(para: Paragraph, config: SpeechConfig) -> Iterator[tuple[int, int, str]]:
    """A word of three Han characters jieba (its HMM on) tags as a person's (nr, nrfg) right before a verb that reports
    outright (表示 说 透露 …) and its punctuation, or before a title and such a verb (商建刚律师介绍，…): 行长续晓明表示，… /
    言承旭透露，… (续, 言: surnames the lists lack, names the tagger missed). Jieba reads only the eight characters before
    each such verb or title (the paragraph's own words are cut without the HMM, which splits 续|晓|明). Two-character nr
    words are left out: jieba tags 高峰, 弘扬 so."""
    text, titles = para.text, vocab_index(config)["title_set"]
    for m in _OUTRIGHT_CUE_RE.finditer(text, para.span.start, para.span.end):
        end = m.start()
        a = max(para.span.start, end - 8)
        words = postag(text[a:end], True)
        if len(words) >= 2 and words[-1][0] in titles:  # a title between: 出庭的商建刚律师介绍，… / 该校周国正校长表示，…
            end -= len(words[-1][0])
            a = max(para.span.start, end - 8)  # (the same eight characters before the name as before a verb)
            words = postag(text[a:end], True)
        if not words:
            continue
        word, flag, s, e = words[-1]
        if flag in ("nr", "nrfg") and len(word) == 3 and HAN_ONLY_RE.match(word) and not _not_a_name(word, config):
            yield a + s, a + e, word


_OUTRIGHT_CUE_RE = re.compile("(?:%s)(?=[，,：:“])" % "|".join(sorted(SPEECH_VERBS_OUTRIGHT, key=len, reverse=True)))
