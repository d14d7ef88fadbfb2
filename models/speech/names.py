"""Offline person-name finding with jieba (POS tags nr/nt/ns), and the plausibility checks every name
finder's output goes through (`plausible_name`). The learned tagger is in models/model.py; the
pipeline merges both (models/pipeline.py `NAME_MODES`)."""
from __future__ import annotations

import re
from functools import lru_cache

from zhnews.models.lexicon import dictionary
from zhnews.models.schema import Entity
from zhnews.models.speech.vocab import (
    CHAIN_STOP_TAGS,
    COMMON_SURNAMES,
    COMPOUND_SURNAMES,
    DEFAULT_CONFIG,
    JAPANESE_SURNAMES,
    TIBETAN_NAME_PARTS,
    FUNCTION_SURNAMES,
    HAN_ONLY_RE,
    NAME_DOTS,
    NAME_TAIL_FUNCTION_CHARS,
    NAME_TAIL_TIMES,
    NOT_GIVEN_NAMES,
    NOT_NAME_STARTS,
    PERSONS_FILED_AS_PLACES,
    STATE_NAMES,
    SpeechConfig,
    TRANSLIT_CHARS,
    vocab_index,
)

# ---------------------------------------------------------------- jieba helpers


@lru_cache(maxsize=1)
def _jieba():
    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba, pseg


@lru_cache(maxsize=4096)
def postag(text: str, hmm: bool = True) -> tuple[tuple[str, str, int, int], ...]:
    """(word, flag, start, end) over `text` (jieba.posseg words concatenate to the input). `hmm`:
    jieba's HMM groups the characters its dictionary lacks into words (a new name mostly); without it
    they stay single characters, and tagging takes ~1/5 of the time (its Viterbi is most of the cost).

    Cached: the attribution tags every sentence and the name finder asks for the same sentences
    again (jieba is ~0.1 ms a character with the HMM, the largest cost of the rules)."""
    return tuple(_postag_uncached(text, hmm))


def _postag_uncached(text: str, hmm: bool = True) -> list[tuple[str, str, int, int]]:
    _, pseg = _jieba()
    out, pos = [], 0
    for pair in pseg.cut(text, HMM=hmm):
        word, flag = pair.word, pair.flag
        out.append((word, flag, pos, pos + len(word)))
        pos += len(word)
    if pos != len(text):  # never expected; fall back to one char a token
        return [(c, "x", i, i + 1) for i, c in enumerate(text)]
    return out


# Two or three capitalised words (Hugh Lee, Linda Tsung): how news writes many foreign executives
LATIN_NAME_RE = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?: [A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,2}")  # (Min-Liang Tan)


def word_info(word: str) -> tuple[int, str | None]:
    """(jieba frequency, jieba POS tag) of a dictionary word, (0, None) when absent."""
    freq, tags = dictionary()
    return freq.get(word, 0) or 0, tags.get(word)


def surname_of(name: str) -> str | None:
    """The known surname `name` starts with (a compound one first), else None."""
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return name[:2]
    if name[:1] in COMMON_SURNAMES:
        return name[:1]
    return None


def japanese_name(name: str) -> bool:
    """A Japanese family name of two or three characters and a given name of one to three (中岛宏, 桥本龙太郎)."""
    return any(name.startswith(s) and 1 <= len(name) - len(s) <= 3 for s in (name[:2], name[:3])
               if s in JAPANESE_SURNAMES) and bool(HAN_ONLY_RE.match(name))


def japanese_family(name: str) -> str | None:
    """The family name of a Japanese full name of four characters or more (安倍 of 安倍晋三, 桥本 of 桥本龙太郎),
    which news writes alone after the first mention; else None."""
    if len(name) < 4 or not japanese_name(name):
        return None
    return next((s for s in (name[:3], name[:2]) if s in JAPANESE_SURNAMES and len(name) - len(s) >= 2), None)


def japanese_span(text: str, a: int, b: int) -> tuple[int, int]:
    """A name of two or three characters a finder cut from a Japanese family and given name of four: with the
    character before it (和|田洋一, 内|田明理: the tagger reads 和 as "and", 内 as "inside") when the two make a family
    name, and the characters after it (樱井胜|延日前, 田明|理) up to four, when the four are a known family name and a
    two-character given name and no character added is a function word or starts a common word with what follows."""
    if not 2 <= b - a <= 3 or not HAN_ONLY_RE.match(text[a:b]):
        return a, b
    start = a - 1 if a >= 1 and text[a - 1:a + 1] in JAPANESE_SURNAMES and text[a:a + 2] not in JAPANESE_SURNAMES else a
    end = start + 4
    added = text[start:a] + text[b:end]
    if end <= len(text) and (start, end) != (a, b) and text[start:start + 2] in JAPANESE_SURNAMES and \
            japanese_name(text[start:end]) and HAN_ONLY_RE.match(added) and \
            not any(c in NAME_TAIL_FUNCTION_CHARS for c in text[b:end]) and \
            (end == b or word_info(text[end - 1:end + 1])[0] < 100):
        return start, end
    return a, b


def japanese_ya(name: str) -> bool:
    """也 ending a Japanese given name of two characters (宫本和也, 木村拓也): the name's, not the adverb's."""
    family = japanese_family(name)
    return family is not None and len(name) - len(family) == 2 and name[-1] == "也"


def is_translit(name: str) -> bool:
    """Every character (dots aside) is one of transliterated foreign names (特朗普, 马克龙)."""
    chars = name.replace("·", "").replace("•", "").replace("・", "")
    return len(chars) >= 2 and all(c in TRANSLIT_CHARS for c in chars)


def common_word(word: str, min_freq: int = 50) -> bool:
    """A frequent dictionary word that is not a person name (高层, 水平, 会议)."""
    freq, tag = word_info(word)
    # jieba files 科比 as an abbreviation (j); an "abbreviation" of transliteration characters only is a name
    return freq >= min_freq and tag is not None and not tag.startswith("nr") and not (tag == "j" and is_translit(word))


def _famous_name(name: str) -> bool:
    """A public figure's name jieba files as a proper noun (金正日, 齐达内: nz, 352 and 273): surname + two
    characters. Of the 11 such nz words of frequency >= 200, the others are peoples, languages, faiths and
    streets (蒙古族, 蒙古语, 印度教, 解放路, 印度人), which these last characters mark. jieba also files 周恩来
    as a time word (t, 3,067)."""
    return (len(name) == 3 and len(surname_of(name) or "") == 1 and word_info(name)[1] in ("nz", "t")
            and name[-1] not in "族语教路人")


RARE_PLACE_FREQ = 20  # a jieba place word rarer than this that reads as a transliteration may be a person


LETTER_NICKNAME_RE = re.compile("[阿小大][A-Za-z]{1,4}")  # 阿Sa, 小S (also in brackets: nicknames.ALIAS_RE)


def plausible_name(name: str, config: SpeechConfig | None = None) -> bool:
    """A Chinese person name (2-4 Han chars) or a transliterated one (parts joined by ·); not a
    role, organisation, anonymous-source, pronoun or frequent common word."""
    config = config or DEFAULT_CONFIG
    name = name.strip()
    if LATIN_NAME_RE.fullmatch(name):
        return True  # a foreign name the tagger found in Latin letters: 分会主席Hugh Lee表示
    if len(name) in (2, 3, 4) and name[0] in COMMON_SURNAMES and re.fullmatch(r"[×Ｘ＊*]{1,2}[\u4e00-\u9fff]?", name[1:]):
        return True  # 司机吴×鸿, 李××: a name the paper masked
    if LETTER_NICKNAME_RE.fullmatch(name):
        return True  # 阿Sa, 小S, 大S: Hong Kong and Taiwan stars by 阿 / 小 / 大 and letters, as the tagger tags them
    if any(d in name for d in NAME_DOTS + "-－"):
        parts = [p for p in re.split(f"[{NAME_DOTS}\\-－]", name)]
        # (罗斯-邓-诺阿组成的骨架: three players joined by dashes, one of them a one-character name; a dotted
        # name may have one: 约翰·德·尼琛, 穆斯塔法·本·马苏尔)
        dashed = name.count("-") + name.count("－")
        return all(p and HAN_ONLY_RE.match(p) for p in parts) and 3 <= len(name) <= 20 and \
            not (dashed >= 2 and any(len(p) == 1 for p in parts))
    if japanese_name(name):
        return not common_word(name, 50)  # jieba files some as places (中岛宏: ns, 8)
    if len(name) == 4 and name[:2] in TIBETAN_NAME_PARTS and name[2:] in TIBETAN_NAME_PARTS:
        return True  # 顿珠次仁 (jieba: a place)
    rarer = sum(c not in TRANSLIT_CHARS for c in name)
    if not HAN_ONLY_RE.match(name) or not (2 <= len(name) <= 4 or (
            5 <= len(name) <= 8 and is_translit(name[0] + name[-1]) and rarer <= 1)):
        # 5-8 characters only for a transliteration without its dot (梅德韦杰夫; 雅苗尔科斯基: one rarer character
        # inside it, not at an end, where a verb glued on would be: 布兰登|坦陈)
        return False
    if name[0] in "中上下内外里" and not surname_of(name) and not is_translit(name):
        return False  # 报告中明确指出 -> 中明: a locative closing the place before it opens no name (上官 is a surname)
    if (len(name) == 2 and all(c in COUNTRY_CHARS for c in name)) or (
            len(name) == 3 and name[1] in "不没" and surname_of(name) == name[0]):
        return False  # 韩美预测 (South Korea and the US); 华、汪不止一次提出 (a negation starts no given name)
    if len(name) == 2 and name[0] in COUNTRY_CHARS | {"阿"} and name[1] in "将也还已对在是方与和就都又不":
        return False  # 阿将继续奉行…: a country's abbreviation (阿尔及利亚) and a function word
    if len(name) == 3 and word_info(name[:2])[1] in ("c", "p", "d") and word_info(name[:2])[0] >= 1000:
        return False  # 以及江|主席: a conjunction (preposition, adverb) and a surname
    if name in STATE_NAMES:
        return False  # 伊拉克, 莫斯科: jieba's person words that are states and capitals
    if name.startswith(NOT_NAME_STARTS):
        return False  # 在贺信中指出: jieba's person word 贺信 + 中
    if len(name) == 3 and name[0] in FUNCTION_SURNAMES | {"曾"} and common_word(name[1:], 500):
        return False  # 曾信心十足地说: 曾 (once) + a word, no surname and given name (曾庆红 stays)
    if len(name) == 3 and name[0] == "小" and name[1] == name[2]:
        return False  # 小齐齐: a child's pet name, as 小 + one character is
    vocab = vocab_index(config)
    if name in vocab["nonname_words"] or any(p in name for p in "您你我她它"):
        return False  # 祝您|身体健康: a pronoun is no part of a Chinese name
    if len(name) >= 3 and name[-1] in "的地了着":
        return False  # 高高的台阶: a particle ends no name
    if any(t in name for t in vocab["long_titles"]) or any(name.endswith(t) and _not_given(name, t) for t in NOT_GIVEN_NAMES):
        return False
    if len(name) >= 4 and name[0] in COMMON_SURNAMES and any(name.startswith(t, 1) for t in vocab["address_set"]
                                                             if len(t) >= 2):
        return False  # 将朱师傅|扶到８楼: surname + address title + what follows them is no name
    if any(name.endswith(s) for s in vocab["org_multi"]):
        return False
    if len(name) >= 3 and name[-1] in vocab["org_set"] and word_info(name[:-1])[0] >= 100:
        return False  # 科技部, 教育局: a word + an organisation suffix
    freq, tag = word_info(name)
    if len(name) >= 3 and tag in ("nt", "ns") and not (is_translit(name) and freq < RARE_PLACE_FREQ) and \
            name not in PERSONS_FILED_AS_PLACES:
        return False  # a place or body in jieba's dictionary; not a rare transliteration (克利马, 7: a premier)
    if (word_info(name)[1] or "") == "nz" and not surname_of(name) and not is_translit(name):
        return False  # a brand or company in jieba's dictionary (国泰君安), no surname in front
    if any(a in name for a in vocab["anon_multi"]):
        return False
    if common_word(name, 200) and not _famous_name(name) and name not in PERSONS_FILED_AS_PLACES:
        return False
    surname = surname_of(name)
    if len(name) == 4 and surname and len(surname) == 1 and (common_word(name[:2], 500) or
                                                              common_word(name[2:], 500)):
        return False  # 祖国大陆: two common words, not a four-character name
    if len(name) == 4 and not surname and not is_translit(name) and common_word(name[:2], 500):
        return False  # 基金裕隆: a common word opens it and no surname does (a fund, a product, a place)
    if surname and len(name) - len(surname) >= 2:
        freq, tag = word_info(name[len(surname):])
        if tag == "n" and freq >= 5000:
            return False  # 高水平: 水平 is a common noun, not a given name (建国, 建军 are names)
    return True


def _not_given(name: str, tail: str) -> bool:
    """`name` ends in `tail` of NOT_GIVEN_NAMES as an address or a family, not a given name: a tail of two
    characters anywhere (王先生); one (家 总 导 氏) right after the surname (王家, 滕导) or closing a common word
    (刘大家, 李专家); not 周传家 (传家 is a given name)."""
    if len(tail) > 1:
        return True
    surname = surname_of(name)
    return surname is None or len(name) - len(surname) == 1 or common_word(name[-2:], 500)


def _jieba_person_ok(name: str, config: SpeechConfig) -> bool:
    """Stricter check for jieba's noisy `nr` tags: a known surname or a transliteration, and not a
    frequent two-char dictionary word (jieba tags 弘扬, 高峰, 白宫 nr)."""
    if not plausible_name(name, config):
        return False
    if len(name) == 2 and (word_info(name)[0] >= 300 or name[0] in FUNCTION_SURNAMES):
        return False  # 弘扬, 高峰 (frequent words); 应朝 (应 is a modal far more often than a surname)
    if any(d in name for d in NAME_DOTS + "-－"):
        return True
    surname = surname_of(name)
    return (surname is not None and len(name) > len(surname)) or (len(name) >= 3 and is_translit(name))


def _jieba_translit_ok(name: str, flag: str, config: SpeechConfig) -> bool:
    """jieba tags transliterated names nrt (拜登): two translit chars are enough then."""
    return flag == "nrt" and len(name) >= 2 and is_translit(name) and plausible_name(name, config)


def _translit_chain(toks: list[tuple[str, str, int, int]], i: int) -> tuple[int, int] | None:
    """Tokens i.. forming a foreign name joined by - or · (each part transliteration characters,
    or tagged nr): (next token index, end offset), or None."""
    parts, j, evidence = 0, i, False
    while j < len(toks):
        k, chars = j, ""
        while k < len(toks) and HAN_ONLY_RE.match(toks[k][0]) and len(chars) + len(toks[k][0]) <= 8 and (
                all(c in TRANSLIT_CHARS for c in toks[k][0]) or toks[k][1].startswith("nr")) and (
                not chars or toks[k][1] not in CHAIN_STOP_TAGS):  # 卡尔·蔡司|于 (托利|弗/dg goes on)
            evidence = evidence or toks[k][1].startswith("nr")
            chars += toks[k][0]
            k += 1
            if k < len(toks) and toks[k][1].startswith("v"):
                break
        if not chars:
            break
        parts += 1
        j = k
        if j + 1 < len(toks) and toks[j][0] in NAME_DOTS + "-－" and HAN_ONLY_RE.match(toks[j + 1][0]):
            j += 1
            continue
        break
    if parts < 2 or not evidence or toks[j - 1][0] in NAME_DOTS + "-－":
        return None
    return j, toks[j - 1][3]


def jieba_name_finder(sentences: list[str], hmm: bool = True) -> list[list[Entity]]:
    """Offline `NameFinder` from jieba.posseg: nr -> PER (a surname split from its given name, a
    compound surname and ·-joined transliterations are merged), nt -> ORG, ns -> LOC. Without its
    `hmm` jieba knows only the names in its dictionary (the pipeline's fast path: the tagger finds the rest)."""
    config = DEFAULT_CONFIG
    out: list[list[Entity]] = []
    for sentence in sentences:
        toks = postag(sentence, hmm)
        ents: list[Entity] = []
        i = 0
        while i < len(toks):
            word, flag, s, e = toks[i]
            chain = _translit_chain(toks, i)
            if chain is not None:
                j, end = chain
                ents.append(Entity(s, end, "PER", sentence[s:end]))  # 埃里克-斯|波尔|斯特拉
                i = j
                continue
            if flag.startswith("nr") or (word in COMPOUND_SURNAMES and i + 1 < len(toks)
                                          and toks[i + 1][1].startswith("nr")):
                j, end = i + 1, e
                while j < len(toks):
                    w2, f2, s2, e2 = toks[j]
                    merged = sentence[s:e2]
                    if f2.startswith("nr") and len(merged) <= 4 and (
                            len(sentence[s:end]) <= 2 or is_translit(merged)):
                        end, j = e2, j + 1  # 王/nr 志刚/nr, 布/nr 林肯/nr
                    elif (e - s) == 1 and end == e and word in COMMON_SURNAMES and not flag.startswith("nrt") \
                            and f2 in ("ng", "nz", "n", "a", "an", "j", "zg", "nrt", "ns") and len(w2) <= 2 \
                            and HAN_ONLY_RE.match(w2) and w2 not in vocab_index(config)["address_set"] \
                            and not any(w2.startswith(t) for t in vocab_index(config)["address"]) \
                            and (len(w2) == 1 or word_info(w2)[0] < 500):
                        end, j = e2, j + 1  # 殷/nr 勇/n, 李/nr 稻葵/n
                    elif w2 in NAME_DOTS + "-－" and j + 1 < len(toks) and toks[j + 1][1][:1] == "n" \
                            and (w2 not in "-－" or toks[j + 1][1].startswith("nr")) \
                            and HAN_ONLY_RE.match(toks[j + 1][0]) and len(toks[j + 1][0]) <= 6:
                        end, j = toks[j + 1][3], j + 2  # 伊丽莎白·霍姆斯, 汤姆·莎士比亚/ns
                    else:
                        break
                name = sentence[s:end]
                if _jieba_person_ok(name, config) or (end == e and _jieba_translit_ok(name, flag, config)):
                    ents.append(Entity(s, end, "PER", name))
                i = j
                continue
            if flag == "nt":
                ents.append(Entity(s, e, "ORG", word))
            elif flag == "ns":
                ents.append(Entity(s, e, "LOC", word))
            i += 1
        out.append(ents)
    return out


PERSON_TITLES_AFTER = ("女士", "先生", "小姐", "博士", "教授")
COUNTRY_CHARS = frozenset("中美日韩朝俄英法德印巴意澳加欧台港")  # one-character names of countries and regions


def doubled_adverb_tail(name: str) -> bool:
    """The name ends in a doubled adverb the finder ran into it (彭于晏|纷纷向粉丝…, 李四|频频点头)."""
    return len(name) >= 4 and name[-1] == name[-2] and (word_info(name[-2:])[1] or "") in ("d", "z")


def glued_tail(name: str, after: str = "") -> int:
    """How many characters at the end of a finder's name are glued on, not the name's: a time word, an
    address title, 等 or 时 (喻渭蛟|元旦致辞中提到, 戴维|博士介绍说, 刘琦|等指出, 会见…马文普|时重申), or the first
    character of a word after a familiar name (小贺|高声说: 高声, 942 in jieba's dictionary; `after`: the
    characters after the name, two are enough)."""
    if len(name) >= 4 and (name[-2:] in NAME_TAIL_TIMES or name.endswith(PERSON_TITLES_AFTER) or doubled_adverb_tail(name)):
        return 2
    if len(name) == 3 and name[0] in "小老" and name[1] in COMMON_SURNAMES and word_info(name[2] + after[:1])[0] >= 100:
        return 1
    if len(name) == 3 and name.endswith("时") and is_translit(name[:2]) and not surname_of(name):
        return 1  # 会见科恩|时希望: a transliteration of two characters and 时
    if len(name) == 2 and name[0] in COMMON_SURNAMES and name[1] + after[:1] in ("教授", "老师", "先生", "女士", "师傅",
                                                                                "大使", "大夫"):
        return 1  # 李教|授听后说, 徐大|使: the surname of a titled form (李教授, 徐大使), cut inside the title
    if len(name) >= 4 and is_translit(name[:-1]) and word_info(name[:-1])[0] and not word_info(name)[0] and \
            word_info(name[-1] + after[:1])[0] >= 1000:
        return 1  # 涅姆佐夫明|确表示: a transliteration jieba knows, and the first character of a common word
    if len(name) >= 4 and len(after) >= 2 and after[0] == after[1] and word_info(name[-1] + after[:2])[1] == "z":
        return 1  # 刘文凯乐|呵呵地说: the first character of a reduplicated adverb (乐呵呵, 笑眯眯)
    if len(name) == 3 and name[-1] in "笑叹" and after[:1] in "说道称言着":
        return 1  # 袁静|笑说, 王芳|叹道: the manner of the verb after (笑说 is no word of jieba's), not a third character
    return 1 if (len(name) >= 3 and name.endswith("等")) or (len(name) >= 4 and name.endswith("时")) else 0


def words_ending_at(text: str, a: int, config: SpeechConfig | None = None) -> list[tuple[str, int]]:
    """(word, start) of each title, role or kinship word whose last character is text[a] and whose others stand
    right before it (师|傅手: 师傅; 老|板乔-马鲁夫: 老板): a name finder took that character into a name."""
    words = vocab_index(config or DEFAULT_CONFIG)["left_words_by_last"].get(text[a:a + 1], ())
    return [(w, a - len(w) + 1) for w in words if a - len(w) + 1 >= 0 and text.startswith(w[:-1], a - len(w) + 1)]


def two_chars_inside_title(text: str, a: int, name: str, config: SpeechConfig | None = None) -> bool:
    """A two-character "name" at `a` whose first character ends the title or kinship word before it (望着师|傅手中的…:
    师傅 + 手): what is left is no name."""
    return len(name) == 2 and bool(words_ending_at(text, a, config))


SENTENCE_BREAK = "。！？!?\n"


def opens_sentence(text: str, a: int) -> bool:
    """text[a] opens the text or a sentence (spaces of a paragraph's indent between allowed)."""
    return a == 0 or text[a - 1] in SENTENCE_BREAK or (
        text[a - 1] in " \u3000" and (a < 2 or text[a - 2] in SENTENCE_BREAK + " \u3000"))


def labels_a_turn(text: str, a: int, b: int) -> bool:
    """text[a:b], a name a finder tags a person that `plausible_name` turns down (a dictionary word: 严明, 经纬),
    labels a turn: it opens the text or a sentence, a colon right after it (严明：一般说涂料里面是…), and starts with a
    surname. Whether the turn is speech is the turn rules' (`subjects.turn_label`)."""
    return opens_sentence(text, a) and 2 <= b - a <= 4 and bool(HAN_ONLY_RE.match(text[a:b])) and \
        surname_of(text[a:b]) is not None and text.startswith(("：", ":"), b)
