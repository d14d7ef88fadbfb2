"""The full name a titled or familiar form stands for (王部长, 李先生, 老王, a bare surname before a
reporting verb: 据朱称), found among the people the text names."""
from __future__ import annotations

from zhnews.models.speech.clauses import clause_start
from zhnews.models.speech.names import surname_of
from zhnews.models.speech.paragraph import Mention, Paragraph
from zhnews.models.speech.vocab import ROLE_NOUNS, SpeechConfig, vocab_index


def resolve_titled(text: str, paras: list[Paragraph], roles: dict[str, str], config: SpeechConfig) -> None:
    """Give each titled form the one full name it can stand for (adding that person's role to
    `roles` when only the name's mentions had it)."""
    vocab = vocab_index(config)
    people: dict[str, str | None] = {}
    for para in paras:
        for m in para.mentions:
            if m.kind == "name":
                people.setdefault(m.name, None)
                if m.role and not people[m.name]:
                    people[m.name] = m.role
    first_seen: dict[str, int] = {}
    mentions_of: dict[str, int] = {}
    for para in paras:
        for m in para.mentions:
            if m.kind == "name":
                first_seen.setdefault(m.name, m.start)
                mentions_of[m.name] = mentions_of.get(m.name, 0) + 1
    for para in paras:
        for m in para.mentions:
            if m.kind == "titled" and m.surname == "":
                _resolve_bare_title(m, people, first_seen, vocab)
                continue
            if m.kind != "titled" or m.title in ("某", "某某"):
                continue  # 王某: anonymised on purpose
            cands = [n for n in people if n.startswith(m.surname) and len(n) > len(m.surname)
                     and surname_of(n) == m.surname]
            if m.title not in vocab["title_set"]:
                # 李先生 / 老王 / 张女士: only a person already named, and not "市民张女士" (a new one)
                before = text[clause_start(text, para.span.start, m.start):m.start]
                if before.endswith(ROLE_NOUNS) or before.endswith(tuple(vocab["anon"])):
                    cands = []
                if m.title not in ("小", "老"):  # 小潘 may come before 潘石屹 (a headline's familiar name)
                    cands = [n for n in cands if first_seen.get(n, m.start) < m.start]
            if m.title == "" and len(cands) > 1:
                cands = []  # 据朱称 with two people of that surname: nobody can tell which
            elif len(cands) > 1 and m.title in ("小", "老"):
                # 小潘 beside 潘石屹 (named throughout) and 潘潘 (once, from 小潘潘): the person the article
                # names at least twice as often as anyone else of that surname
                ranked = sorted(cands, key=lambda n: -mentions_of[n])
                cands = ranked[:1] if mentions_of[ranked[0]] >= 2 * mentions_of[ranked[1]] else []
            elif len(cands) > 1:
                exact = [n for n in cands if people[n] and people[n].endswith(m.title)
                         and not people[n].endswith("副" + m.title)]
                fits = exact or [n for n in cands if people[n] and m.title in people[n]]
                cands = fits
            if len(cands) == 1:
                m.name = cands[0]
                if cands[0] not in roles and people.get(cands[0]):
                    roles[cands[0]] = people[cands[0]]
            elif config.keep_unresolved_titled and m.title:  # a bare surname is no name of its own
                m.name = text[m.start:m.end]
        para.mentions = [m for m in para.mentions if m.kind != "none"]  # a bare title that stands for nobody


def _resolve_bare_title(m: Mention, people: dict[str, str | None], first_seen: dict[str, int], vocab: dict) -> None:
    """发言人说 after 外交部发言人沈国放: the one person named before `m` whose role ends in the title (not 副 + the
    title); when none or several fit, `m` is an unnamed source (an anonymous-source word: 发言人) or no mention."""
    fits = [n for n, role in people.items() if role and first_seen.get(n, m.start) < m.start
            and role.endswith(m.title) and not role.endswith("副" + m.title)]
    if len(fits) == 1:
        m.name = fits[0]
    else:
        m.kind = "anon" if m.title in vocab["anon"] else "none"

