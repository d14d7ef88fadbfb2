"""The layout of speech in a text: transcript turns and their labels (问：… 答：… / 主持人：… 张三：… / [范丽青]:),
an expert's column label, interview markers, headings and subheadings a page runs in, numbered points of a speech.
Patterns only; speech/subjects.py, statements.py and attribution.py read them (split from vocab.py)."""
from __future__ import annotations

import re

# a label may stand in square or lenticular brackets ([范丽青]:, 【李静】：): the three label patterns share it
_OPEN, _CLOSE = r"[\[【]?", r"[\]】]?"
# Transcript turns (问：… 答：… / 主持人：… 张三：…): a label opening a sentence, then a colon.
TURN_LABEL_RE = re.compile(rf"[ \t\u3000]*{_OPEN}([^\s，,。；;：:“”!！?？\[\]【】]{{1,12}}){_CLOSE}[：:]")  # ([范丽青]:, 【李静】：)
# An expert's column in a report: a role and a name label a paragraph of comment, its heading run in
# (专家点评上海房产研究评论专家顾海波：楼市泡沫很严重现在的房地产市场…; 专家观点国际教育研究专家、…主任王辉耀：)
COLUMN_LABEL_RE = re.compile(r"[ \t\u3000]*([^\s，,。；;：:“”!！?？]{3,40})[：:]")
GLUED_COLUMN_LABEL_RE = re.compile(r"[ \t\u3000]*([^，,。；;：:!！?？]{3,40})[：:]")  # quotes and spaces inside
ANSWER_LABELS = ("答", "回答", "A")  # the interviewee's turn
HOST_LABELS = ("问", "提问", "记者", "本报记者", "主持人", "主播", "Q")  # the interviewer's: nobody's speech
NAMED_HOST_LABELS = ("主持人", "主播")  # … unless the text names the host (主持人陶红兵)
REPORTER_LABELS = ("记者", "本报记者")  # … or the reporter a broadcast links up to answers (连线记者聂巧)
LINK_UP_VERBS = ("连线", "电话连线", "视频连线")
# An interview transcript: a question or answer label opening a sentence somewhere in the text.
INTERVIEW_RE = re.compile(rf"(?:^|[。！？!?\s」”]){_OPEN}(?:问|提问|答|记者|主持人){_CLOSE}[：:]")
# A label opening a line or a sentence (王彦庆：…, 新浪家居：…): counted to tell a transcript
REPEATED_LABEL_RE = re.compile(rf"(?:^|[。！？!?\s」”】—]){_OPEN}([^\s，,。；;：:“”!！?？【】()（）—\[\]]{{2,8}}){_CLOSE}[：:](?![\d０-９])")
# A turn that asks: a question mark before the turn's first full stop (您有怎样的祝语？)
QUESTION_TURN_RE = re.compile(r"[^。！!：:\n]{0,120}[？?]")
# A game walkthrough (攻略 with BOSS / 副本 / NPC; not 触发, common in finance: 触发熔断): the characters of its
# plot are no speakers
WALKTHROUGH_RE = re.compile("攻略")
GAME_WORDS_RE = re.compile("BOSS|Boss|副本|NPC")
# A bracketed heading (【嘉宾简介】, 【推荐阅读】): the transcript's turns end there
HEADING_RE = re.compile(r"[\s\u3000]*【[^【】]{1,12}】")
# A subheading run into the next sentence of a flattened page, set off by a space: 中国积极参会但绝不当头
# 中国作为…: short, no punctuation, Chinese on both sides of the space. Nobody's words go on past it.
SUBHEADING_RE = re.compile(r"[\s\u3000]*[^\s\u3000，,。；;：:！？!?“”\"]{3,23}[\u4e00-\u9fff][ \u3000]+(?=[\u4e00-\u9fff])")
# A sentence that still sounds like the speaker past a flat paragraph's continuation limit: it speaks in
# the first person, goes on with a numbered point (第三，… / 二是… / 其次，… / （二）…) of a speech or an answer, or
# opens with what must be done (要… / 应该…: the exhortation of officials' speeches; not 要求, a verb
# the reporter uses too). A dash bullet (——推动…) is checked on the raw text (strip_span drops dashes).
POINT = r"第[一二三四五六七八九十][，,、：:是]|[一二三四五六七八九十]是|(?:其[次二三]|再次|最后)[，,、：:是]|[（(][一二三四五六七八九十][）)]"
POINT_RE = re.compile(f"[“「]?(?:{POINT})")  # a numbered point of a speech or an answer
FIRST_POINT_RE = re.compile(f"(?:{POINT}|首先[，,])")  # a paragraph of points opens with one of these
SPEECH_LIKE_RE = re.compile(f"[“「]?(?:[^“”「」]*?[我咱]|{POINT}|(?:要(?![求闻])|应该|应当|必须))")
DASH_BULLET_RE = re.compile(r"\s*——")
