"""Names in Latin letters: those a tagger misses (with a role before them, a title after them, or two capitalised
words before a reporting verb) and the signs that a word it does tag is a person's (`plausible_name` keeps one bare
Latin word out: finders tag brands and products so)."""
from __future__ import annotations

import re

from zhnews.models.speech.names import PERSON_TITLES_AFTER, SENTENCE_BREAK, opens_sentence, word_info
from zhnews.models.speech.vocab import ADVERBIAL_GAP_RE, SpeechConfig, vocab_index


LATIN_RUN_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z'.]*(?: [A-Za-z][A-Za-z'.]*){0,3}(?![A-Za-z0-9])")
GLUED_ACRONYM_RE = re.compile(r"([A-Z]{2,})(?=[A-Z][a-z]+[A-Z][a-z])")  # CEO|IreneDorner


def latin_names(text: str, lo: int, hi: int, config: SpeechConfig) -> list[tuple[int, int, str]]:
    """Names in Latin letters in text[lo:hi] that a tagger misses: with a person's title after them
    (MARIAFACHAL女士介绍), or with a role word before them and a reporting verb after (校长FernandoGalvan
    介绍, CEO Henk Rogers表示). Not one bare word before a verb (分会主席Hugh表示), nor any without a
    role: companies speak too (Google表示); one word the tagger does tag a person is `latin_word_speaking`'s."""
    vocab, out = vocab_index(config), []
    for m in LATIN_RUN_RE.finditer(text, lo, hi):
        a, b, name = m.start(), m.end(), m.group()
        words = name.split(" ")
        while len(words) > 1 and words[0].isupper() and not words[1].isupper():
            a += len(words.pop(0)) + 1  # CEO Henk Rogers: the acronym is the role
            name = " ".join(words)
        glued = GLUED_ACRONYM_RE.match(name)  # CEOIreneDorner (a post drops the spaces): the same
        if glued and len(words) == 1:
            a, name = a + len(glued.group(1)), name[len(glued.group(1)):]
        if len(name.replace(" ", "")) < 3 or (not any(c.islower() for c in name) and len(name) < 6):
            continue  # CEO, NBA, IBM: acronyms, not names
        if text.startswith(PERSON_TITLES_AFTER, b):
            out.append((a, b, name))
            continue
        before = text[max(lo, a - 8):a].rstrip(" ")
        role = bool(glued and len(words) == 1) or _ends_in_role(before, vocab)
        if role and not glued and len(words) == 1 and before.endswith(_BODY_BEFORE):
            continue  # 美国新闻网站InsideBayArea称, VIPABC的母公司TutorGroup表示: an organisation's suffix, then its name
        if role and name[0].isupper() and (len(words) >= 2 or sum(c.isupper() for c in name) >= 2) \
                and text.startswith(tuple(vocab["verbs"]), b):
            out.append((a, b, name))
        elif _PERSONAL_LATIN_RE.fullmatch(name) and not _COMPANY_WORDS & set(words) and _verb_after_gap(text, b, config):
            out.append((a, b, name))  # Philip Kotler认为，… / Raj Talluri透露… / Marc Jacobs在被问及…时说: a given name
            # and a family name, speaking
    return out


# One word in Latin letters, as entertainment and game pages name people (GiGi, Theresa, MikeCapps, J.Wong, HEBE):
# capitalised, a CamelCase or dotted join allowed; all capitals only from four letters (CEO, NBA are no names)
_ONE_LATIN_WORD_RE = re.compile(r"[A-Z](?:[a-z]+(?:[A-Z][a-z]+)?|\.[A-Z][a-z]+|[A-Z]{3,})")
# a site, a paper or a firm named right before the word: what it "says" is no person's (美国新闻网站InsideBayArea…称)
_BODY_BEFORE = ("网站", "网", "杂志", "报", "媒体", "公司", "集团", "品牌", "厂商", "工作室", "游戏")


def _ends_in_role(before: str, vocab: dict) -> bool:
    """A role or title word ends `before`, the characters right before a name (校长|FernandoGalvan, 总裁|ALLEN GE)."""
    return any(r and r.end() == len(before) for r in (vocab["role_noun_re"].match(before, k) for k in range(len(before))))


def latin_word_speaking(text: str, a: int, b: int, config: SpeechConfig) -> bool:
    """text[a:b], one word in Latin letters a name finder tags a person, is the subject of a reporting verb right
    after it, adverbs and an occasion between allowed (GiGi兴奋地表示：…, Mark则表示…, Grigorovitch回应说，…):
    a person speaking. `plausible_name` keeps one bare Latin word out (a finder tags brands and products so:
    Google, Zynga, iPhone); before a reporting verb, with no site, paper or firm named before it, it is a name.
    The verb must not open a longer word (Seekingalpha分析师: 分析 + 师)."""
    name = text[a:b]
    if not _ONE_LATIN_WORD_RE.fullmatch(name) or name in _COMPANY_WORDS or text.endswith(_BODY_BEFORE, 0, a):
        return False
    return _verb_after_gap(text, b, config)


def _verb_after_gap(text: str, b: int, config: SpeechConfig) -> bool:
    """A reporting verb after text[:b], adverbs and an occasion between allowed (兴奋地表示, 在被问及…时说), the verb
    opening no longer word (分析|师)."""
    # every place the gap may end, not only its longest match: the gap's last alternative (two to six characters
    # and 地 / 的, 王新钢略带兴奋的告诉记者) would swallow the verb itself in Theresa认为对她而言的确是…
    verbs = vocab_index(config)["verbs"]
    for at in range(b, min(len(text), b + _LATIN_GAP_MAX) + 1):
        if ADVERBIAL_GAP_RE.fullmatch(text, b, at):
            verb = next((v for v in verbs if text.startswith(v, at)), None)
            if verb is not None and not word_info(text[at:at + len(verb) + 1])[0]:
                return True
    return False


# a portal's link to a star's page right after the name (Ella(听歌)说, Selina(听歌 blog)最逗趣): Sina's pages put it after
# singers and bloggers only
_STAR_LINK_RE = re.compile(r"\s*[（(]\s*(?:听歌|blog|微博)")
_TURN_LABEL_AFTER_RE = re.compile(r"\s?[：:]")
_LATIN_ANY_NAME_RE = re.compile(r"[A-Za-z][A-Za-z.'_\-]*(?: [A-Za-z][A-Za-z.'\-]*){0,3}")
_OCCASION_OPENERS = ("在", "于", "通过", "发表", "发布")
_NOT_SUBJECT_BEFORE = ("与", "和", "跟", "同", "对", "向", "给", "把", "被", "让", "令", "使", "及", "、")


def latin_person_signal(text: str, a: int, b: int, config: SpeechConfig) -> bool:
    """text[a:b], a name in Latin letters a finder tags a person, shows that it is one (`plausible_name` keeps one
    bare word, all capitals or lower case out, since finders tag brands so): a role or title right before it
    (总裁ALLEN GE, 总经理jakob sonnenberg), a portal's link to a star's page right after it (Ella(听歌)说), a turn's
    label opening a sentence (King：首先是…), words quoted after a verb of speech a few characters on (Ella更是开玩笑
    说：“…”), a pair whose second speaks (ELLA与HEBE表示), or, after a description (…的), 他 / 她 opening a later clause
    of its sentence (…的Angelababy，今年…，她说：“…”; 比如…的23岁Dirren，他表示…). Not a company's word, nor after a
    site, paper or firm (美国新闻网站InsideBayArea), nor (but for the label, the role and the link) an object (与…, 对…)."""
    name = text[a:b]
    if not _LATIN_ANY_NAME_RE.fullmatch(name) or len(name.replace(" ", "")) < 2 or \
            set(name.split(" ")) & _COMPANY_WORDS or text.endswith(_BODY_BEFORE, 0, a):
        return False
    if not any(c.islower() for c in name) and len(name.replace(" ", "")) < 4:
        return False  # CEO, NBA, EA: acronyms
    if re.match(r" ?[A-Za-z]", text[b:b + 2]) or re.search(r"[A-Za-z] ?$", text[max(0, a - 2):a]):
        return False  # MARIA of 领事MARIA FACHAL: a piece of a longer Latin name (`latin_names` reads it whole)
    if _ends_in_role(text[max(0, a - 8):a], vocab_index(config)):
        return True
    if _STAR_LINK_RE.match(text, b):
        return True
    if opens_sentence(text, a) and _TURN_LABEL_AFTER_RE.match(text, b):
        return True
    if text[max(0, a - 1):a] in _NOT_SUBJECT_BEFORE or text[max(0, a - 2):a] in ("关于", "对于", "至于"):
        return False
    pair = re.match(r"[与和及、]([A-Za-z][A-Za-z.'\-]*)", text[b:b + 24])
    if pair and latin_word_speaking(text, b + 1, b + 1 + len(pair.group(1)), config):
        return True  # ELLA与HEBE表示…: the pair speaks
    # the rest asks for a capital (game不光可以表示“游戏”: a word explained) and a name that opens its clause or
    # follows a description (乔布斯向人们展示iPhone并宣称“…”: an object)
    described = re.search(r"的(?:[0-9]{1,3}岁)?$", text[max(0, a - 5):a]) is not None
    if not name[:1].isupper() or not (described or a == 0 or text[a - 1] in "，,。；;：:！？!?\n \u3000"):
        return False
    verbs = vocab_index(config)["verbs"]
    for at in range(b, min(len(text), b + 7)):
        if text[at] in "，,。；;：:“”！？!?" or text.startswith(_OCCASION_OPENERS, at):
            break  # (Zynga在声明中表示：“…”: a firm's statement; a manner is a person's: 更是开玩笑说)
        verb = next((v for v in verbs if text.startswith(v, at)), None)
        if verb is not None and text[at + len(verb):at + len(verb) + 2] in ("：“", ":“", "：\"") or \
                verb is not None and text.startswith("“", at + len(verb)):
            return True  # Ella更是开玩笑说：“…”: words quoted after a verb of speech a few characters on
    if not described:
        return False  # 他 / 她 later stands for a person described before the name (…的Angelababy, …的23岁Dirren)
    clauses = 0
    for k in range(b, min(len(text), b + 80)):
        if text[k] in SENTENCE_BREAK:
            return False
        if text[k] in "，,；;":
            clauses += 1
            if clauses > 3:
                return False
            if text.startswith(("他", "她"), k + 1) and not text.startswith(("他们", "她们", "他人"), k + 1):
                return True
    return False


# two or three capitalised words, a middle initial allowed (Burleigh B. Gardner): a person's name as English writes it;
# a company's words (Morgan Stanley表示 is 2 of them, Epic Games) keep theirs out
_PERSONAL_LATIN_RE = re.compile(r"[A-Z][a-z]+(?: [A-Z]\.)?(?: [A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,2}")
_COMPANY_WORDS = frozenset("Games Entertainment Interactive Studios Studio Software Group Bank Capital Partners Securities "
                           "Research Labs Media News Times Journal Post Motors Airlines Systems Technologies Networks "
                           "Stanley Sachs Lynch Brothers Company Corporation Inc Corp Ltd Holdings Investments Fund "
                           "Microsoft Google Apple Amazon Facebook Twitter Sony Nintendo Blizzard Activision Valve "
                           "Wall Street Daily Weekly Magazine Radio Television Online Mobile".split())
_LATIN_GAP_MAX = 24  # characters between a Latin name and its verb (GiGi兴奋地表示, an occasion: 在…时 up to 20)
