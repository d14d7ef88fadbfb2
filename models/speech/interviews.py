"""Who a 问：/答： interview is with: the person the text names as interviewed, in the lead or in the headline."""
from __future__ import annotations

import re

from zhnews.models.speech.clauses import clause_start
from zhnews.models.speech.mentions import NameFinder
from zhnews.models.speech.paragraph import Paragraph
from zhnews.models.speech.layout_vocab import INTERVIEW_RE

_INTERVIEW_VERB_RE = re.compile("专访|采访|访问|访|对话|见到|会见")


def interviewed(paras: list[Paragraph]) -> str | None:
    """The person a 问：/答： interview is with: named after 访 / 专访 / 采访 in the first paragraph (a headline the
    page left in the body: 和平是国家最大成就——访…主席努里), else in the reporter's clause before the first turn
    (记者终于见到…领导人阿·努里); None for none or several, and for an interview whose first turn comes first."""
    found: set[str] = set()
    for k, para in enumerate(paras):
        text = para.text
        if INTERVIEW_RE.search(text, para.span.start, para.span.end):
            break
        for m in para.mentions:
            cs = clause_start(text, para.span.start, m.start)
            if m.kind == "name" and m.name and _INTERVIEW_VERB_RE.search(text, cs, m.start) and \
                    (k == 0 or "记者" in text[cs:m.start]):
                found.add(m.name)
        if found:
            break
    return found.pop() if len(found) == 1 else None


# a headline's interview: 访 / 专访 / 对话 after a dash or a colon, then who it is with (…——访沈阳市…主任樊志刚)
_HEADLINE_INTERVIEW_RE = re.compile("(?:——|—|－－|：|:)\\s*(?:专访|访|对话)")


def interviewed_in_headline(headline: str, find_names: NameFinder) -> str | None:
    """The one person a headline names after its 访 / 专访 / 对话 (让下岗职工有活干——访…主任樊志刚); else None."""
    m = _HEADLINE_INTERVIEW_RE.search(headline)
    if not m:
        return None
    persons = {e.text for e in find_names([headline])[0] if e.label == "PER" and e.start >= m.end()}
    return persons.pop() if len(persons) == 1 else None
