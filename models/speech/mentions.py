"""Who is mentioned where: person names (the finder's, plus the ones its misses and cuts leave, then
every other occurrence of a known name), titled and familiar forms (王部长, 李先生, 老王, 王某) with
the full name each stands for, pronouns, first-person words and anonymous sources. Fills each
`Paragraph.mentions` and returns the first role found for each name."""
from __future__ import annotations

import itertools
import re
from collections import Counter
from typing import Callable

from zhnews.models.speech.latin_names import latin_names, latin_person_signal, latin_word_speaking
from zhnews.models.speech.names import (LATIN_NAME_RE, glued_tail, is_translit, japanese_family, japanese_span,
                                        labels_a_turn, plausible_name, two_chars_inside_title, word_info)
from zhnews.models.speech.nicknames import bracketed_aliases, doubled_nickname, nickname_of
from zhnews.models.schema import Entity
from zhnews.models.encoding import sentence_pieces
from zhnews.models.speech.clauses import clause_start, in_book_title
from zhnews.models.speech.edges import (RARE_WORD_FREQ, complete_short_names, compound_start, full_names_by_surname,
                                        given_before_mark, given_names, name_end, surname_and_word, surnames_joined,
                                        translit_start, unglued_start)
from zhnews.models.speech.paragraph import Mention, Paragraph
from zhnews.models.speech.role_names import (jieba_names_before_verbs, names_after_roles, names_opening_sentences, quoted_handles,
                                             word_name_after_title)
from zhnews.models.speech.roles import assign_role, holds_office
from zhnews.models.speech.letters import letter_mentions
from zhnews.models.speech.titled import resolve_titled
from zhnews.models.speech.vocab import (
    BARE_SURNAME_VERBS, COMMON_SURNAMES, CONTACT_VERBS, COMPOUND_SURNAMES, FUNCTION_SURNAMES,
    HAN_ONLY_RE, NAME_DOTS, NOT_A_PERSON_AFTER, ORGANISATION_WORDS, PLACE_HEADS,
    TRANSLIT_CHARS, SpeechConfig, vocab_index)
from zhnews.models.surnames import SURNAME_CHARS
from zhnews.models.text import dateline_spans

PLACE_MIN, PLACE_RATIO = 3, 3
NameFinder = Callable[[list[str]], list[list[Entity]]]


def find_mentions(text: str, paras: list[Paragraph], find_names: NameFinder,
                  config: SpeechConfig) -> dict[str, str]:
    """Fill every paragraph's `mentions` (sorted by start, longer first) and resolve titled forms;
    returns the role of each person that has one (the first found)."""
    roles = _collect_names(text, paras, find_names, config)
    for para in paras:
        _other_mentions(para, config)
        para.mentions.sort(key=lambda m: (m.start, -m.end))
    resolve_titled(text, paras, roles, config)
    letter_mentions(text, paras, config)  # 贺信指出，…: the sender speaks
    return roles


def _person_spans(text: str, paras: list[Paragraph], find_names: NameFinder,
                  config: SpeechConfig) -> tuple[dict[tuple[int, int], str], set[str]]:
    """(start, end) -> name of every person name the finder and the supplementary rules give, and the
    names that are places after all (a mention that is no person's); fills each paragraph's `bodies`."""
    # one batch for the finder: every sentence, or the pieces of a long one (encoders truncate)
    pieces: list[tuple[int, str, Paragraph]] = []
    for para in paras:
        para.bodies = []
        for s in para.sentences:
            pieces += [(s.start + a, piece, para) for a, piece in sentence_pieces(s.text, config.ner_chunk_chars,
                                                                                      config.ner_whole_sentences)]
    found: list[list[Entity]] = find_names([t for _, t, _ in pieces]) if pieces else []
    spans: dict[tuple[int, int], str] = {}
    as_place: Counter = Counter()  # how often the finder tags each string a place or a body
    datelines = dateline_spans(text)  # a place there (据新华社马德里１月２７日电) counts as one tagged often
    for (base, piece, para), ents in zip(pieces, found or []):
        for ent in surnames_joined(piece, ents or [], config):
            label = (ent.label or "").upper()
            name = text[base + ent.start:base + ent.end].strip()
            if name[:1] in "-－·•・" and len(name) > 2:  # -里皮 of 大卫-里皮: the dash opens no name (joined below)
                name, ent = name[1:], Entity(ent.start + 1, ent.end, ent.label, name[1:])
            if cut := glued_tail(name, text[base + ent.end:base + ent.end + 2]):  # 喻渭蛟|元旦, 戴维|博士, 刘琦|等: what the finder glued on
                name, ent = name[:-cut], Entity(ent.start, ent.end - cut, ent.label, name[:-cut])
            if label in ("LOC", "GPE"):
                as_place[name] += PLACE_MIN if any(a <= base + ent.start < b for a, b in datelines) else 1
            if label in ("ORG", "LOC", "GPE"):  # (where roles begin: roles.whole_body)
                para.bodies.append((base + ent.start, base + ent.end))
            a, b = base + ent.start, base + ent.end
            if label in ("PER", "PERSON") and name and (
                    plausible_name(name, config) or word_name_after_title(para, a, b, config) or latin_word_speaking(
                        text, a, b, config) or latin_person_signal(text, a, b, config) or labels_a_turn(text, a, b)) \
                    and not two_chars_inside_title(text, a, name, config):
                spans[(a, b)] = name
    # 伊拉克指责…: a country the finder tags a place three times as often elsewhere (13 to 1); a person it
    # sometimes takes for a place is tagged a place less often (希拉克 2 to 1, 米勒 2 to 2)
    as_person = Counter(spans.values())
    places = {n for n in as_person if as_place[n] >= max(PLACE_MIN, PLACE_RATIO * as_person[n])}
    # two names tagged side by side are one foreign name without its dot (彼得|夏明): news puts 、 or 和 between two
    ends_at = {b: (a, b) for a, b in spans}  # a dict lookup per span: a scan per span is quadratic
    for a2, c in sorted(spans):
        left = ends_at.get(a2)
        if left and left in spans and (a2, c) in spans and one_foreign_name(text, left[0], a2, c, config):
            del spans[left], spans[(a2, c)]
            spans[(left[0], c)] = text[left[0]:c]
            ends_at[c] = (left[0], c)
    # transliterated names joined by - or · that the finder cut: 让-皮埃尔; 于 opening one (于|贝尔·韦德里纳)
    for (a, b), name in list(spans.items()):
        m = re.search(f"([{''.join(TRANSLIT_CHARS)}]{{1,5}})[-－·•・]$", text[max(0, a - 7):a])
        yu = text[a - 1:a] == "于" and "·" in name and is_translit(name.split("·")[0]) and (a, b) in spans
        # (the whole given name when jieba reads one there: 大卫-|罗森伯格, whose 卫 is no transliteration character)
        given = given_before_mark(text, a - 1) if a >= 2 and text[a - 1] in "-－·•・" and is_translit(name) else 0
        if yu or ((m or given) and 2 <= len(name) <= 5 and (given or len(m.group(1)) >= 2 or is_translit(name))
                  and (a, b) in spans):
            a2 = a - (1 if yu else 1 + max(given, len(m.group(1)) if m else 0))
            for k in [k for k in spans if k[0] < b and a2 < k[1]]:
                del spans[k]  # the cut pieces (戴尔 | 邓普斯)
            spans[(a2, b)] = text[a2:b]
    # the first part of a joined name cut short (道|格-里弗斯: the finder took 道 for a name of its own): the
    # transliteration characters right before it, none of them the end of a word of the clause's role
    for (a, b), name in list(spans.items()):
        first = re.match(f"([{''.join(TRANSLIT_CHARS)}]{{1,3}})[-－·•・]", name)  # (理|查德·锡德 too)
        k = a
        back = 2 if first and len(first.group(1)) == 1 else 1  # (a longer first part lost one character at most)
        while first and k > max(0, a - back) and text[k - 1] in TRANSLIT_CHARS and text[k - 1] not in "让":
            k -= 1
        longer = text[k:a] + first.group(1) if first else ""
        if k < a and (a, b) in spans and not any(s < a and k < e for s, e in spans if (s, e) != (a, b)) and \
                is_translit(longer) and (back == 2 or word_info(longer)[0] > 0):  # (者|托尼-阿伦: no such first name)
            del spans[(a, b)]
            spans[(k, b)] = text[k:b]
    # supplementary: ROLE + surname-name + (adverb) + reporting verb (上海市市长龚正说)
    for para in paras:  # (and a surname-name opening its sentence before a verb and its punctuation: 成思危指出，)
        for a, b, name in itertools.chain(names_after_roles(para, config), names_opening_sentences(para, config),
                                          jieba_names_before_verbs(para, config)):
            inside = [(s, e) for s, e in spans if a < e and s < b]
            if (a, b) in para.bodies and word_info(name)[0] >= 300:
                continue  # 白宫表示，…: a word of jieba's (678 uses) the finder tags a body (白 a surname, 白宫 no person)
            if all(a <= s and e <= b for s, e in inside):  # none, or shorter cuts of it (黄益|平)
                for k in inside:
                    del spans[k]
                spans[(a, b)] = name
    for para in paras:  # a net name in quotes (网友“燕窝鱼”在天涯社区发帖，称…): the finder's pieces of it give way
        for a, b, name in quoted_handles(para):
            _replace_overlapping(spans, a, b, name)  # the marks with it (or all of 名为“…”的网友): what follows is
            # what the person does
    for para in paras:  # names in Latin letters the finder misses (领事MARIA FACHAL女士介绍)
        for a, b, name in latin_names(text, para.span.start, para.span.end, config):
            if not any(s < b and a < e for s, e in spans):
                spans[(a, b)] = name
    # 梁?昕: a character the page's encoding lost (GB2312 has no 镕, 堃, 喆) inside surname + given name; a
    # name when written so twice, or right before a reporting verb
    garbled = list(GARBLED_NAME_RE.finditer(text))
    times = Counter(m.group() for m in garbled)
    for m in garbled:
        a, b = m.span()
        if times[m.group()] >= 2 or text.startswith(tuple(config.all_verbs), b):
            _replace_overlapping(spans, a, b, m.group())
    for (a, b), name in list(spans.items()):  # 康尼(Jason Kenney)宣布: the Han form before a Latin gloss
        before = re.search(f"[{''.join(TRANSLIT_CHARS)}]{{2,6}}$", text[max(0, a - 7):a - 1]) if a else None
        if before and LATIN_NAME_RE.fullmatch(name) and text[a - 1] in "(（" and text.startswith((")", "）"), b):
            del spans[(a, b)]
            spans[(a - 1 - len(before.group()), a - 1)] = before.group()
    for (a, b), name in list(spans.items()):
        start, end = compound_start(text, unglued_start(text, a, b, config), b, config), name_end(text, a, b, config)
        start = translit_start(text, start, end) if start == a else start
        start, end = japanese_span(text, a, b) if (start, end) == (a, b) else (start, end)
        if (start, end) != (a, b):
            del spans[(a, b)]
            spans[(start, end)] = text[start:end]
    full_names = full_names_by_surname(set(spans.values()))
    for (a, b), name in list(spans.items()):
        if surname_and_word(text, a, b, full_names):
            del spans[(a, b)]  # 刘|始终坚持, 刘|和他的…: a surname and the words after it, no name
            continue
        if in_book_title(text, a, b) or _cuts_address_title(text, b, name, config) or _familiar_form(name):
            del spans[(a, b)]  # 《白蛇传说》: a film; 朱老|师: 朱 + 老师; 小潘: a titled form, resolved later
    # 董祚 where the article also has 董祚继 at that very place: the longer known name
    known = set(spans.values())
    known |= {part for n in known for part in re.split(f"[{NAME_DOTS}\\-－]", n) if len(part) >= 2}
    known = sorted(known, key=len, reverse=True)  # parts too: 威尔德 of 丹尼斯·威尔德
    for (a, b), name in list(spans.items()):
        longer = next((n for n in known if len(n) > len(name) and name in n
                       and text.startswith(n, a - n.index(name))), None)
        if longer:
            a2 = a - longer.index(name)
            if (a2, a2 + len(longer)) in spans:
                del spans[(a, b)]  # 张国 inside 张国柱 found there too (two pieces of a long sentence)
            elif not any(k != (a, b) and k[0] < a2 + len(longer) and a2 < k[1] for k in spans):
                del spans[(a, b)]
                spans[(a2, a2 + len(longer))] = longer  # 董祚|继, 阿|德尔曼
    # 温家宝略|微思索, 李宇春谦|虚笑言 where the article also has 温家宝, 李宇春: the last character opens
    # the next word (略微, 谦虚); 选中|田亮 where it has 田亮: the first closes the word before (选中)
    found_names = set(spans.values())
    for (a, b), name in list(spans.items()):
        if len(name) >= 3 and name[:-1] in found_names and any(
                (word_info(text[b - 1:b - 1 + n])[1] or "x")[0] in "dtpcva" for n in (2, 3) if b - 1 + n <= len(text)):
            del spans[(a, b)]
            spans[(a, b - 1)] = name[:-1]
        elif len(name) >= 3 and name[1:] in found_names and HAN_ONLY_RE.match(name) and any(
                word_info(text[a + 1 - n:a + 1])[0] >= RARE_WORD_FREQ for n in (2, 3) if a + 1 - n >= 0):
            del spans[(a, b)]
            spans[(a + 1, b)] = name[1:]
    complete_short_names(text, spans, config)
    given_names(text, spans, config)  # 房祖名，祖名表示 / 杨丞琳 … 连丞琳都说: the given name standing for the name
    aliases = bracketed_aliases(text, spans)  # 徐熙媛(大S) … 大S表示: the nickname stands for the name
    names = set(spans.values())
    # a name in Latin letters is written by its surname alone later on (Hugh Lee … Lee说)
    names |= {n.split()[-1] for n in names if LATIN_NAME_RE.fullmatch(n) and len(n.split()[-1]) >= 3}
    # every other occurrence of a known name is a mention too (`taken` marks the characters of
    # the spans so far: one look per match, not one per span, which is quadratic in a long text)
    taken = bytearray(len(text))
    for s, e in [*spans, *aliases]:  # (the nickname in its brackets is no mention of its own)
        taken[s:e] = b"\x01" * (e - s)
    # (巴克利 of 查尔斯-巴克利 too: a transliterated part, where no other such character runs on; 安倍 of 安倍晋三)
    parts = {p for n in names for p in re.split(f"[{NAME_DOTS}\\-－]", n) if p != n and is_translit(p)} - names
    parts |= {f for n in names if (f := japanese_family(n))} - names
    nicknames = {text[a:b]: n for (a, b), n in aliases.items()}  # 大S -> 徐熙媛: each place written stands for the name
    doubled = {d: n for n in names if (d := doubled_nickname(n, names)) and d in text}  # 春春 -> 李宇春
    nicknames |= {d: n for d, n in doubled.items() if d not in nicknames}
    for para in paras:
        for name in sorted(names | parts | set(nicknames), key=len, reverse=True):
            for m in re.finditer(re.escape(name), text[para.span.start:para.span.end]):
                a, b = para.span.start + m.start(), para.span.start + m.end()
                if any(taken[a:b]) or name in parts and (text[a - 1:a] in TRANSLIT_CHARS or text[b:b + 1] in TRANSLIT_CHARS
                                                         and not text.startswith("本人", b)) or \
                        name in nicknames and name[-1].isascii() and re.match("[A-Za-z]", text[b:b + 1]) or \
                        name in doubled and (word_info(text[a - 1:a + 1])[0] >= 50 or word_info(text[b - 1:b + 1])[0] >= 50):
                    continue  # (费拉里尼本人: not 本杰明; 大S of 大SHE: a nickname of letters inside a longer run;
                    # 本国国情 holds no 国国 of 戴秉国: each of its characters belongs to a word)
                spans[(a, b)] = nicknames.get(name, name)
                taken[a:b] = b"\x01" * (b - a)
    return spans, places


GARBLED_NAME_RE = re.compile(f"[{SURNAME_CHARS}](?:[?\ufffd][\u4e00-\u9fff]|[\u4e00-\u9fff][?\ufffd])")
UNNAMED_OPENERS = ("一家", "一位", "一名", "一个", "某", "另一", "有", "但一家", "而一家")


def one_foreign_name(text: str, a: int, b: int, c: int, config: SpeechConfig) -> bool:
    """text[a:b] and text[b:c], two names side by side, are one foreign name written without its dot
    (彼得|夏明): Han characters only, one part a transliteration, the whole a plausible name."""
    def bare(part: str) -> str:  # (道|格-里弗斯: the dash inside the second part)
        return re.sub(f"[{NAME_DOTS}\\-－]", "", part)

    return bool(HAN_ONLY_RE.match(bare(text[a:c]))) and (is_translit(text[a:b]) or is_translit(bare(text[b:c]))) \
        and plausible_name(text[a:c], config)


def _familiar_form(name: str) -> bool:
    """小潘, 老王, 钟姨: 小 / 老 and a surname, or a surname and an aunt's or uncle's address, how news
    calls someone it names in full elsewhere (or never: then nobody the corpus counts as a speaker)."""
    return len(name) == 2 and ((name[0] in "小老" and name[1] in COMMON_SURNAMES) or
                               (name[0] in COMMON_SURNAMES and name[1] in "姨叔婶" and not is_translit(name)))


def _cuts_address_title(text: str, b: int, name: str, config: SpeechConfig) -> bool:
    """The name ends inside an address title the text completes (朱老|师, 王先|生): a surname with a title."""
    return any(name.endswith(t[:k]) and text.startswith(t[k:], b)
               for t in config.address_titles if len(t) >= 2 for k in range(1, len(t)))


def _collect_names(text: str, paras: list[Paragraph], find_names: NameFinder,
                   config: SpeechConfig) -> dict[str, str]:
    """The name mentions of every paragraph, with their roles; returns the first role of each name."""
    vocab = vocab_index(config)
    spans, places = _person_spans(text, paras, find_names, config)
    # 马鲁夫 after 乔-马鲁夫, 莎士比亚 after 汤姆·莎士比亚: the full foreign name
    names = set(spans.values())
    joined = [n for n in names if re.search(f"[{NAME_DOTS}\\-－]", n) or LATIN_NAME_RE.fullmatch(n)]
    canonical, shared = {}, {}
    for n in names:
        if n in joined:
            continue
        full = [f for f in joined if re.search(f"(^|[{NAME_DOTS}\\-－ ]){re.escape(n)}($|[{NAME_DOTS}\\-－ ])", f)]
        if len(full) == 1:
            canonical[n] = full[0]
        elif full:
            shared[n] = full  # 克劳泽 of 汉斯·克劳泽 and of his wife 英格丽德·克劳泽: by the text before it (`_last_named`)
    # 阿伦 after 雷阿伦: a transliteration run together, then its surname (each name's endings looked up
    # once: a scan of all names per name is quadratic in a long text)
    ending_of: dict[str, list[str]] = {}
    for f in names:
        if HAN_ONLY_RE.match(f) and is_translit(f):
            for k in range(1, len(f) - 1):
                ending_of.setdefault(f[k:], []).append(f)
    for n in names - set(canonical):
        if len(ending_of.get(n, ())) == 1 and is_translit(n):
            canonical[n] = ending_of[n][0]
    family = {}  # 安倍 for 安倍晋三: one person of that family name
    for n in names:
        if (f := japanese_family(n)):
            family.setdefault(f, []).append(n)
    canonical |= {f: full[0] for f, full in family.items() if len(full) == 1 and f not in canonical}
    for n in names - set(canonical):  # MARIAFACHAL for MARIA FACHAL, 春春 for 李宇春, 小斯 for 阿玛尔-斯塔德迈尔
        if full := nickname_of(n, names, joined):
            canonical[n] = full
    starts = {a for a, _ in spans}
    for para in paras:
        lo, hi = para.span.start, para.span.end
        for (a, b), name in spans.items():
            if lo <= a and b <= hi:
                # (恩古巴尼省长: the head of a province, not a province named 恩古巴尼省; but 萨克拉门托市长约翰逊:
                # the head named right after is the person, the "name" before the title a place)
                head = next((h for h in PLACE_HEADS if text.startswith(h, b)), None)
                place_or_org = name in places or (text.startswith(NOT_A_PERSON_AFTER, b) and head is None) or \
                    (head is not None and b + len(head) in starts)
                kind = "absorbed" if place_or_org or _glued_noun(para, b, vocab) else "name"
                full = canonical.get(name) or _last_named(shared.get(name, []), spans, canonical, a) or name
                para.mentions.append(Mention(a, b, kind, name=full))
        para.mentions.sort(key=lambda m: m.start)
        para.bodies.sort()  # (a long sentence's overlapping pieces may tag a body twice, out of order)
        para.longest_mention = max((m.end - m.start for m in para.mentions), default=0)
        for m in para.mentions:
            assign_role(para, m, config)
    # a "name" the text also writes as part of a company (新鸿基|地产发展副主席…) and never with a role is
    # that company everywhere (发展商新鸿基已承诺…); not a foundation named after a person, nor a
    # two-character name, the usual shape of a founder's (李宁表示，李宁公司…)
    mentions = [m for para in paras for m in para.mentions if m.name]
    organisations = {m.name for m in mentions if m.kind == "absorbed" and len(m.name) >= 3
                     and text.startswith(ORGANISATION_WORDS, m.end) and not text.startswith("基金会", m.end)}
    organisations -= {m.name for m in mentions if m.role}
    for m in mentions:
        if m.kind == "name" and m.name in organisations:
            m.kind = "absorbed"
    # each person's first role, an office before a person noun alone (党和国家领导人李鹏 … 国务院总理李鹏)
    roles: dict[str, str] = {}
    named = {m.name for para in paras for m in para.mentions if m.kind == "name"}
    for offices_only in (True, False):
        for para in paras:
            for m in para.mentions:  # (also where jieba glued the name to a place: 书记刘云山|登门/ns 看望)
                if (m.kind == "name" or m.kind == "absorbed" and m.name in named) and m.role and m.name not in roles \
                        and (holds_office(m.role, vocab) or not offices_only):
                    roles[m.name] = m.role
    return roles


def _replace_overlapping(spans: dict[tuple[int, int], str], a: int, b: int, name: str) -> None:
    """`name` at text[a:b] in place of every span that overlaps it."""
    for k in [k for k in spans if k[0] < b and a < k[1]]:
        del spans[k]
    spans[(a, b)] = name


def _last_named(fulls: list[str], spans: dict[tuple[int, int], str], canonical: dict[str, str], at: int) -> str | None:
    """Of the full names a short one may stand for, the one named last before `at`, in full or by a part that is
    theirs alone (…道克-里弗斯的爱子，奥斯丁-里弗斯。…道克和爱子的观点截然不同。…里弗斯说: 道克's); None: none was."""
    before = [(a, full) for (a, _), name in spans.items() if a < at and (full := canonical.get(name, name)) in fulls]
    return max(before)[1] if before else None


def _glued_noun(para: Paragraph, b: int, vocab: dict) -> bool:
    """The "name" ending at b runs straight into a common noun (景顺|长城基金, 宁德|时代): it names
    a company or an event there. Titles, reporting verbs, time words and the like do not count."""
    if b >= para.span.end or b not in para.bounds:
        return False
    k = para.tok_index(b)
    word, flag, _, _ = para.toks[k]
    if len(word) < 2 or any(word.startswith(t) for t in vocab["titles"]) or word in vocab["address_set"] or \
            word in vocab["verbs"]:
        return False  # (吴邦国|充分肯定了…: jieba's nz, a reporting verb)
    if k + 1 < len(para.toks) and para.toks[k + 1][0] == "地":
        return False  # 程永田满面春风地笑说: an idiom jieba files as nz, used as a manner adverbial
    # only place / organisation / brand words: jieba tags many verbs n (坦言, 通报, 会见)
    return flag in ("ns", "nt", "nz") or any(word.endswith(o) for o in vocab["org_multi"])


def _reached_before(para: Paragraph, s: int) -> bool:
    """对方 at `s` opens a clause right after a person, in a sentence in which the reporter reached someone (联系过
    崔大林，对方…; 致电…郑小姐，对方…): the person reached, who answers (not 询问曲美是否…，对方说: whom he asked is unnamed)."""
    start = para.sentence_start(s)
    person = any(m.end == s - 1 and m.kind == "name" for m in para.mentions) or \
        para.text[start:s - 1].endswith(("先生", "女士", "小姐"))
    return para.text[s - 1:s] in "，," and person and any(v in para.text[start:s] for v in CONTACT_VERBS)


def _other_mentions(para: Paragraph, config: SpeechConfig) -> None:
    """Pronouns, titled and familiar forms, anonymous sources: wherever no name is."""
    text, vocab = para.text, vocab_index(config)
    lo = para.span.start
    # characters of the paragraph already in a mention (testing a list of spans is quadratic here)
    covered = bytearray(para.span.end - lo)

    def where(a: int, b: int) -> slice:
        a = min(max(a - lo, 0), len(covered))
        return slice(a, min(max(b - lo, a), len(covered)))

    def take(a: int, b: int) -> None:
        at = where(a, b)
        covered[at] = b"\x01" * (at.stop - at.start)

    def free(a: int, b: int) -> bool:
        at = where(a, b)
        return covered.find(1, at.start, at.stop) < 0

    for m in para.mentions:
        take(m.start, m.end)
    name_ends = {m.end for m in para.mentions if m.kind in ("name", "titled")}

    pron, plural, first = set(config.pronouns), set(config.plural_pronouns), set(config.first_person)
    several = [p for p in plural if len(p) >= 2]  # 两位领导人, 两|人|都: jieba may cut them (not 二人转: one word)
    several_first = {p[0] for p in several}
    for word, flag, s, e in para.toks:
        if text[s:s + 1] in several_first:
            e = s + len(next((p for p in several if text.startswith(p, s) and s + len(p) in para.bounds), word))
        if word not in pron and word not in plural and word not in first and text[s:e] not in plural and \
                word != "对方" or not free(s, e):
            continue  # (most words are none of these: the coverage is looked up only for those that are)
        if word in pron:
            para.mentions.append(Mention(s, e, "pronoun"))
        elif word in plural or text[s:e] in plural:
            para.mentions.append(Mention(s, e, "plural"))
        elif word in first and not (word == "本人" and s in name_ends):  # (费拉里尼本人也表态: himself, no 我)
            para.mentions.append(Mention(s, e, "first"))
        elif word == "对方" and not para.toks[min(para.tok_index(e), len(para.toks) - 1)][1].startswith(("n", "u")):
            if _reached_before(para, s):  # 记者联系了崔大林，对方表示…: the one reached (not 对方球员, 对方的)
                para.mentions.append(Mention(s, e, "pronoun"))
            elif text.startswith(tuple(config.all_verbs), e):  # …。对方表示不服: the other side, nobody named
                para.mentions.append(Mention(s, e, "anon"))
    # surname + title: 王部长, 李总, 市民王女士
    seg = text[para.span.start:para.span.end]
    titles = "|".join(map(re.escape, vocab["address"]))
    surnames = "|".join(sorted(COMPOUND_SURNAMES, key=len, reverse=True)) + "|[" + "".join(
        sorted(COMMON_SURNAMES)) + "]"
    for m in re.finditer(f"({surnames})({titles})", seg):
        a, b = para.span.start + m.start(), para.span.start + m.end()
        if not free(a, b) or a not in para.bounds:
            continue
        if b < para.span.end and b not in para.bounds:
            continue
        word_here = text[a:b]
        # a dictionary word that merely starts with a surname (高管, 张总结?) is not a titled form
        freq, tag = word_info(word_here)
        if freq >= 50 and (tag or "").startswith(("n", "v", "a", "d")) and not (tag or "").startswith("nr"):
            continue
        k = para.tok_index(a)
        if m.group(1) in FUNCTION_SURNAMES and k < len(para.toks) and para.toks[k][0] == m.group(1) and \
                para.toks[k][1][:1] in ("p", "c", "d"):
            continue  # 向记者 / 对记者: a preposition before the title, not 向 the surname
        if m.group(2).lstrip("副").startswith(m.group(1)):
            continue  # 应对气候变化司|副司长: the office's own last character (司, 所), no surname
        para.mentions.append(Mention(a, b, "titled", surname=m.group(1), title=m.group(2)))
        take(a, b)
    # 王某 / 张某某 (anonymised) and 小方 / 老王 (familiar forms): person references
    for m in re.finditer(f"({surnames})(某某|某)", seg):
        a, b = para.span.start + m.start(), para.span.start + m.end()
        if free(a, b):
            para.mentions.append(Mention(a, b, "titled", surname=m.group(1), title=m.group(2)))
            take(a, b)
    for m in re.finditer(f"(小|老)({surnames})", seg):
        a, b = para.span.start + m.start(), para.span.start + m.end()
        if free(a, b) and a in para.bounds and (b in para.bounds or b >= para.span.end) and \
                word_info(text[a:b])[0] < 50:
            para.mentions.append(Mention(a, b, "titled", surname=m.group(2), title=m.group(1)))
            take(a, b)
    # a bare surname before a reporting verb (据朱称，… / 。朱表示，…): news of business and of Hong Kong
    # and Taiwan refers to a person named before by the surname alone; resolved only to one such person
    for m in re.finditer(f"(?:^|(?<=[据，。；：”\\s]))({surnames})(?={BARE_SURNAME_VERBS})", seg):
        a, b = para.span.start + m.start(1), para.span.start + m.end(1)
        k = para.tok_index(a)
        if k < len(para.toks) and para.toks[k][0] == m.group(1) and para.toks[k][1][:1] in ("p", "c", "d") and \
                not any(o.kind == "name" and (o.name or "").startswith(m.group(1)) for o in para.mentions):
            continue  # 萨马兰奇访问莫斯科时，曾表示…: 曾 (once), nobody of that surname named here
        if k < len(para.toks) and para.toks[k][2] == a and para.toks[k][3] > b and not para.toks[k][1].startswith("nr") \
                and word_info(para.toks[k][0])[0] >= 100:
            continue  # (…，简称AUCC / 俗称: one common word with the verb, an abbreviation named, no surname speaking;
            # 谢答：“…” stays 谢's answer: jieba's rare 谢答/v, 3)
        if free(a, b):
            para.mentions.append(Mention(a, b, "titled", surname=m.group(1), title=""))
            take(a, b)
    # 一家基金公司的部门总监坦言: a title right before a reporting verb, in a clause that opens with 一家 /
    # 一位 / 某 (not 总理告诉…: a bare title stands for someone named), is an unnamed source
    for m in vocab["title_before_verb_re"].finditer(seg):
        a, b = para.span.start + m.start(), para.span.start + m.end()
        opening = text[clause_start(text, para.span.start, a):a].lstrip()
        if text.startswith(tuple(vocab["long_titles"]), b):
            continue  # 秘书长|发言人办公室说: 发言 opens a title here; the secretary-general's spokesman's office speaks
        if free(a, b) and a in para.bounds and opening.startswith(UNNAMED_OPENERS):
            para.mentions.append(Mention(a, b, "anon"))
            take(a, b)
        elif free(a, b) and a in para.bounds and opening in ("", "这位", "该"):
            # 发言人说，… / 总统表示: a bare title opening its clause stands for the one person named before with
            # that office (titled.resolve_titled; nobody's, as before, when it fits none or several)
            para.mentions.append(Mention(a, b, "titled", surname="", title=text[a:b]))
            take(a, b)
    # anonymous sources and organisations are found when a cue has no person subject
    for word in vocab["anon"]:
        for m in re.finditer(re.escape(word), seg):
            a, b = para.span.start + m.start(), para.span.start + m.end()
            if word == "代表" and any(o.end == a for o in para.mentions if o.kind in ("name", "titled", "pronoun")):
                continue  # 温家宝代表中国表达了…: on behalf of, no representative speaking
            if free(a, b):
                para.mentions.append(Mention(a, b, "anon"))
                take(a, b)
