"""The edges of a name a finder found: a character it glued on from the words after the name (叶鹏却认为,
李萌通|报, 韩卫国|观看) or took from the title before it (老|板乔-马鲁夫), a surname it tagged alone or apart from
its given name (莫|小棋, 招|锡祥)."""
from __future__ import annotations

import itertools
import re

from zhnews.models.schema import Entity
from zhnews.models.speech.names import (doubled_adverb_tail, is_translit, japanese_ya, plausible_name, postag, surname_of,
                                        word_info, words_ending_at)
from zhnews.models.speech.vocab import (COMPOUND_SURNAMES, FUNCTION_TAGS, HAN_ONLY_RE, LOST_CHARS, NAME_DOTS, NAME_TAIL_ADVERBS,
                                        NAME_TAIL_FUNCTION_CHARS, REGNAL_RE, ROLE_NOUNS, TIME_ADVERB_MIN_FREQ, TITLES,
                                        TRANSLIT_CHARS, SpeechConfig, vocab_index)


def surnames_joined(piece: str, ents: list[Entity], config: SpeechConfig) -> list[Entity]:
    """The finder's entities with a one-character surname tagged alone and the given name tagged apart right after
    it (招|锡祥: a surname rare enough that the finder doubts it) made one name, when the whole is plausible and
    no word of jieba's."""
    out: list[Entity] = []
    for ent in ents:
        prev = out[-1] if out else None
        if prev is not None and prev.end == ent.start and prev.end - prev.start == 1 and 1 <= ent.end - ent.start <= 2 \
                and (prev.label or "").upper() == (ent.label or "").upper() == "PER":
            whole = piece[prev.start:ent.end]
            # (a surname our list lacks, 招, with a two-character given name, when the character is no function word)
            known = surname_of(whole) == whole[0] or (len(whole) == 3 and
                                                      (word_info(whole[0])[1] or "x")[:1] not in FUNCTION_TAGS)
            if known and HAN_ONLY_RE.match(whole) and plausible_name(whole, config) and word_info(whole)[0] == 0:
                out[-1] = Entity(prev.start, ent.end, prev.label, whole)
                continue
        out.append(ent)
    return [_surname_completed(piece, ent, config) for ent in out]


def _surname_completed(piece: str, ent: Entity, config: SpeechConfig) -> Entity:
    """A surname tagged a person alone (莫|小棋是不是…, 罗|娱伤情): the person's name jieba's HMM reads from it, two or
    three characters, when plausible and the rest no common word (据朱|称，…: jieba's HMM reads 朱称)."""
    if ent.end - ent.start != 1 or (ent.label or "").upper() != "PER" or surname_of(piece[ent.start:ent.start + 3]) is None \
            or piece[ent.start - 1:ent.start] in ("“", "「", "《", '"', "‘"):
        return ent  # (“滕家班”成员: a quoted term, a group named after 滕华涛, no person 滕家班)
    word, flag, _, end = postag(piece[ent.start:ent.start + 6], True)[0]
    if flag in ("nr", "nrfg") and 2 <= len(word) <= 3 and plausible_name(word, config) and word_info(word[1:])[0] < 100:
        return Entity(ent.start, ent.start + end, ent.label, word)
    return ent


def unglued_end(text: str, a: int, b: int, config: SpeechConfig) -> int:
    """The end of the name text[a:b] without a character the finder glued to it: a function word
    (叶鹏却认为) or the first character of the reporting verb after it (李萌通|报, a cut jieba without
    its HMM cannot mend: it leaves 李 | 萌 | 通报 and finds no name there itself). A monarch's number
    after the name is the name's (米哈伊|一世)."""
    name, regnal = text[a:b], REGNAL_RE.match(text, b)
    if regnal or len(name) < 3:
        return regnal.end() if regnal else b
    if doubled_adverb_tail(name):
        return b - 2  # 彭于晏|纷纷向粉丝报平安
    if _written_whole(text, name) or japanese_ya(name) or word_info(name)[0] >= 100:
        return b  # (奥巴马|上月宣布: a name jieba's dictionary holds whole, 250 times, though 马上 is an adverb)
    glued = (name[-1] in NAME_TAIL_FUNCTION_CHARS and not _given_he(text, name, b)  # 叶鹏却|认为, not 赖中和|等
             and not _word_end(name)) or _list_jun(text, a, name) or any(
        # a verb's or a title's first character (莱奇法|官)
        text.startswith(v, b - 1) for v in vocab_index(config)["glue_words_by_first"].get(name[-1], ())) or \
        (starts_time_or_adverb(text, b - 1) and not starts_time_or_adverb(text, b)) or \
        text.startswith("着", b) or (  # 黄益平|日前 (not 平日); 李延|拉着记者的手说: a verb's aspect particle after
            len(name) == 4 and len(surname_of(name) or "") == 1 and (_verb_word(text[b - 1:b + 1])  # 韩卫国|观看
                                                                     or _adverb_word(text[b - 1:b + 1])))  # 田金双|明确表示
    return b - 1 if glued and plausible_name(name[:-1], config) else b


def _list_jun(text: str, a: int, name: str) -> bool:
    """均 (all) ending the last name of a list (王军、刘洋均|认为), not a given name's character as elsewhere (张国均)."""
    return name.endswith("均") and a > 0 and text[a - 1] in "、和及与"


def _written_whole(text: str, name: str) -> bool:
    """A conjunction or adverb that is a given name's character too, written after the name every time: twice or
    more, and never without it (邵志和的辩护律师 beside 邵志和昨日…: 和 is the name's; a verb's 说 is not: 冯仑说 each time)."""
    return name[-1] in "和与先则" + NAME_TAIL_ADVERBS and text.count(name) >= 2 and \
        text.count(name[:-1]) == text.count(name)


def _word_end(name: str) -> bool:
    """A one-character adverb that ends a word with the character before it (刘始终: 始终, the adverb a finder read as
    the given name's; the surname alone is `surname_and_word`'s question, not this one's)."""
    return name[-1] in NAME_TAIL_ADVERBS and word_info(name[-2:])[0] >= 100


def _given_he(text: str, name: str, b: int) -> bool:
    """和 / 与 ending surname + two characters is the given name's (赖中和等也在…, 严介和又要…, 安保和对外…) unless a
    person's name or a pronoun follows, or a title and a name, the second of two people (李强和|王伟表示, 张三和|他的妻子,
    导演彭顺和|主演李心洁)."""
    if len(name) != 3 or name[-1] not in "和与" or surname_of(name) != name[0]:
        return False
    if name[-1] == "与" and any(f.startswith("nr") for _, f, *_ in itertools.takewhile(
            lambda t: t[0] not in "，,。；;：:", postag(text[b:b + 12]))):
        return False  # 盖特与|到访的美国国务卿希拉里…: a person a few words on, the second of two (与 ends few given names)
    after = postag(text[b:b + 8])  # (彭顺和|主演李心洁: a title, then the second person)
    return not (after and after[0][1] in ("nr", "nrfg", "nrt", "r") or len(after) >= 2 and after[0][0] in _ROLE_WORDS
                and after[1][1] in ("nr", "nrfg", "nrt"))


_ROLE_WORDS = frozenset((*TITLES, *ROLE_NOUNS))


def _adverb_word(word: str) -> bool:
    freq, tag = word_info(word)
    return freq >= TIME_ADVERB_MIN_FREQ and tag == "ad"


def _verb_word(word: str) -> bool:
    freq, tag = word_info(word)
    return freq >= 100 and (tag or "").startswith("v")


def full_names_by_surname(names: set[str]) -> dict[str, set[str]]:
    """The names of three characters or more by their one-character surname (looked up once per text)."""
    out: dict[str, set[str]] = {}
    for n in names:
        if len(n) >= 3 and len(surname_of(n) or "") == 1:
            out.setdefault(n[0], set()).add(n)
    return out


def surname_and_word(text: str, a: int, b: int, full_names: dict[str, set[str]]) -> bool:
    """The "name" text[a:b] is a surname and the first characters of the words after it: a two-character one
    whose second starts a time word or an adverb (刘|始终坚持), or, when the article names someone of that
    surname in full (`full_names`: `full_names_by_surname`), a surname with the whole adverb (刘|始终) or with
    the conjunction after it (刘|和他的朋友们): news writes a person named before by the surname alone."""
    name = text[a:b]
    if len(name) == 2 and starts_time_or_adverb(text, b - 1) and not starts_time_or_adverb(text, b):
        return True
    if len(name) not in (2, 3) or surname_of(name) != name[0] or not full_names.get(name[0], set()) - {name}:
        return False
    if len(name) == 2 and name[1] in "和与跟同":
        return True
    return any(a + 1 + n >= b and _time_or_adverb(text[a + 1:a + 1 + n]) for n in (2, 3))


def _time_or_adverb(word: str) -> bool:
    freq, tag = word_info(word)
    return tag in ("t", "d") and freq >= TIME_ADVERB_MIN_FREQ


def starts_time_or_adverb(text: str, i: int) -> bool:
    """A frequent time word or adverb of jieba's dictionary starts at i (李华日|前表示, 曾荫权立|即到场),
    or a four-character idiom (程永田兴|致勃勃地): the character belongs to the words after a name."""
    return any(_time_or_adverb(text[i:i + n]) for n in (2, 3) if i + n <= len(text)) or \
        word_info(text[i:i + 4])[1] == "i"


def unglued_start(text: str, a: int, b: int, config: SpeechConfig) -> int:
    """The start of the name text[a:b] without a character the finder took from the title, role or
    kinship word before it (老|板乔-马鲁夫, 侄|孙秋经武: 老板 + 乔-马鲁夫, 侄孙 + 秋经武), when the
    rest is a name with a surname or a transliterated one."""
    name = text[a:b]
    if len(name) < 3:
        return a
    rest = name[1:]
    if not plausible_name(rest, config):
        return a
    for w, w0 in words_ending_at(text, a, config):
        if surname_of(rest) or is_translit(rest) or re.search(f"[{NAME_DOTS}\\-－]", rest) \
                or any(s == len(w) for _, _, s, _ in postag(text[w0:b])):  # jieba: 侄孙|秋经武 (秋: a rare surname)
            return a + 1
    return a


def translit_start(text: str, a: int, b: int) -> int:
    """The start of a transliterated name text[a:b] with the character before it, when the two make a person's or an
    idiom's word in jieba's dictionary and nothing but punctuation or a sentence start comes before (因|扎吉表示: 因扎吉;
    the tagger cut the first character, which reads as 因 "because")."""
    if a < 1 or not is_translit(text[a:b]) or text[a - 1] not in TRANSLIT_CHARS or not is_translit(text[a - 1:b]):
        return a
    freq, tag = word_info(text[a - 1:b])
    before = text[a - 2:a - 1] if a >= 2 else ""
    return a - 1 if freq and (tag or "")[:2] in ("nr", "i") and (not before or not "\u4e00" <= before <= "\u9fff") else a


# given names jieba's dictionary files as nouns (大卫/n, 170 times)
_NOUN_GIVEN_NAMES = ("大卫",)


def given_before_mark(text: str, mark: int) -> int:
    """How many characters of a given name stand before the hyphen or dot at `mark` of a transliterated name: the word
    jieba reads right before it, when a person's (约翰/nrt, 凯文/nz), of transliteration characters only (马特) or a
    given name jieba files as a noun (大卫); at most four; 0 for none."""
    words = postag(text[max(0, mark - 8):mark]) if mark >= 1 else ()
    if not words:
        return 0
    word, flag = words[-1][0], words[-1][1]
    name_like = flag.startswith(("nr", "nz")) or is_translit(word) or word in _NOUN_GIVEN_NAMES
    return len(word) if name_like and len(word) <= 4 else 0


def compound_start(text: str, a: int, b: int, config: SpeechConfig) -> int:
    """The start of the name text[a:b] with the first character of a compound surname the finder left to the title
    before it (行长司|马俊峰, 大股东诸|葛宏亮: 司马, 诸葛), unless that character ends a word with the one before it
    (公司|马俊峰, 上司|马…: 公司, 上司)."""
    if a < 1 or b - a > 3 or text[a - 1:a + 1] not in COMPOUND_SURNAMES or (a >= 2 and word_info(text[a - 2:a])[0]):
        return a
    return a - 1 if plausible_name(text[a - 1:b], config) else a


def name_end(text: str, a: int, b: int, config: SpeechConfig) -> int:
    """Where the name text[a:b] a finder found ends: at the end of a person name of jieba's dictionary that
    starts there and runs one or two characters further (于友|先, 周光|召, 多吉才|让: the tagger takes the
    last character for a word of its own), else without a character glued to it (`unglued_end`)."""
    if b - a == 2 and b < len(text) and text[b] in LOST_CHARS:
        return b + 1  # a character the text's encoding lost ends a two-character name (何鸿?早前就看好…, 徐若?、…)
    last = re.split(f"[{NAME_DOTS}\\-－]", text[a:b])[-1]
    if last != text[a:b] and len(last) >= 2 and b + 1 < len(text) and \
            text[b] in TRANSLIT_CHARS and text[b] not in NAME_TAIL_FUNCTION_CHARS + "可" and \
            text[b + 1] not in TRANSLIT_CHARS and word_info(text[b:b + 2])[0] < 100:  # (not 卡尔·蔡司|于日前, 阿泰斯特|可就)
        return b + 1  # a joined name's last part cut one short (萨达姆·侯赛|因还下令, 阿不都热西|提在…)
    for end in (b + 2, b + 1) if b - a >= 2 else ():
        freq, tag = word_info(text[a:end]) if end <= len(text) else (0, None)
        if freq >= 1 and (tag or "").startswith("nr") and word_info(text[end - 1:end + 1])[0] < 100 \
                and plausible_name(text[a:end], config) and text[end - 1] != "人":  # (刘小|姐, 库尔德|人: no names)
            return end  # (not when the last character starts a word with what follows: 李鹏|飞往)
    return unglued_end(text, a, b, config)


RARE_WORD_FREQ = 20  # a jieba word rarer than this (同告, 3) is no reason to leave a name cut short


def complete_short_names(text: str, spans: dict[tuple[int, int], str], config: SpeechConfig) -> None:
    """A two-character name found at two places or more and always followed by the same character, one
    that starts no word with what follows (饶明|党看来, 饶明|党说, 饶明|党告诉), is a three-character name
    the finder cut: every place gets that character back. Found once, it needs a reporting verb right after
    that character (韩世|同告诉记者), or the three to be a person jieba's dictionary knows (吴官|正在: 吴官正)."""
    by_name: dict[str, list[tuple[int, int]]] = {}
    for span, n in spans.items():
        if len(n) == 2 and surname_of(n) == n[0]:
            by_name.setdefault(n, []).append(span)
    for name, places in by_name.items():
        after = {text[b:b + 1] for _, b in places}
        # once is enough when a reporting verb follows the character (韩世|同告诉记者)
        verb_next = len(places) == 1 and any(text.startswith(v, places[0][1] + 1) for v in config.all_verbs if len(v) >= 2)
        # a person jieba's dictionary holds whole, where the cut two are no word (吴官|正在读完: 吴官正, nr; 正在 a word)
        known = len(after) == 1 and word_info(name)[0] == 0 and \
            (word_info(name + next(iter(after)))[1] or "").startswith("nr")
        if (len(places) < 2 and not verb_next and not known) or len(after) != 1:
            continue
        c = after.pop()
        if any(_list_jun(text, a, name + c) for a, _ in places):
            continue
        if not known and (not HAN_ONLY_RE.match(c) or c in NAME_TAIL_FUNCTION_CHARS or not plausible_name(name + c, config)
                          or any(word_info(text[b:b + n])[0] >= RARE_WORD_FREQ or text.startswith(tuple(config.all_verbs), b)
                                 for _, b in places for n in (2, 3))):
            continue
        for a, b in places:
            del spans[(a, b)]
            spans[(a, b + 1)] = name + c


# characters a finder joins to a given name as its surname that read as a word before it here (连丞琳都说: 连, even)
_GLUED_BEFORE_GIVEN = "连和与让对被跟向将把给替为令及同"


def given_names(text: str, spans: dict[tuple[int, int], str], config: SpeechConfig) -> None:
    """A three-character name's given name standing for the person (杨丞琳 … 连丞琳都说 / 房祖名，祖名表示): a word's
    character the finder took for another surname before it is dropped (连 of 连丞琳, where 杨丞琳 is found), and where
    the finder found nothing, the given name opening a clause before a reporting verb is a name of its own (the
    person's short form). Only given names that are no common word (jieba: under 100 uses) and one person's."""
    def full():
        return {n for n in spans.values() if len(n) == 3 and HAN_ONLY_RE.match(n) and surname_of(n) == n[0]
                and word_info(n[1:])[0] < 100}
    names = full()
    for (a, b), name in list(spans.items()):
        if name in names and name[0] in _GLUED_BEFORE_GIVEN and any(
                n[1:] == name[1:] and n[0] not in _GLUED_BEFORE_GIVEN for n in names):
            del spans[(a, b)]
            spans[(a + 1, b)] = name[1:]
    names = full()
    surname_of_given = {n[1:]: n[0] for n in names if sum(m[1:] == n[1:] for m in names) == 1}  # (王小明, 李小明: no)
    verbs = tuple(v for v in config.all_verbs if len(v) >= 2) + tuple("说称道")
    for given, surname in surname_of_given.items():
        for m in re.finditer(given, text):
            a, b = m.span()
            j = b + (text[b:b + 1] in ("也", "都", "则", "还", "又", "却", "就"))
            if (a and text[a - 1] == surname) or any(s < b and a < e for s, e in spans) or \
                    (a and text[a - 1] not in "，,。！？!?；;：:\n 　连") or not text.startswith(verbs, j):
                continue
            spans[(a, b)] = given
