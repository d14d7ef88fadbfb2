"""Sina's inline link labels after a name or a title (易建联(微博), 罗家英( blog), 刘若英( 听歌 blog), 中国教育报(微博),
招商地产(企业专区,旗下楼盘)总经理, IXUS120 IS(资料 报价 图片 论坛), 黄百鸣(http://t.sina.com.cn/wongpakming)): page
furniture inside the sentence, 257 of them in 102 of the 800 shared THUCNews articles. `text.normalise` reads the text
without them, offsets still mapping to the input: 高洪波(微博)、李霄鹏 is a list of two, a quote runs on past one, a
role goes on past its company's label."""
from __future__ import annotations

import re
from array import array
from itertools import chain

LINK_LABEL_RE = re.compile(r"(?<=[\u4e00-\u9fff》”A-Za-z0-9])[(（]\s*(?:微博|blog|听歌(?:[\s,，]*blog)?|企业专区[,，]\s*旗下楼盘"
                           r"|资料\s*报价\s*图片\s*论坛|(?:https?://)?(?:t\.sina\.com\.cn|weibo\.com)[^\s()（）]{0,60})\s*[)）]")


def drop_link_labels(text: str, starts: array, ends: array) -> tuple[str, array, array]:
    """`text` without its link labels, and the map of each character kept (`starts`, `ends`: per character of
    `text`, the range of the input it came from)."""
    cuts = [m.span() for m in LINK_LABEL_RE.finditer(text)]
    if not cuts:
        return text, starts, ends
    kept = list(zip([0, *(b for _, b in cuts)], [*(a for a, _ in cuts), len(text)]))
    index = list(chain.from_iterable(range(a, b) for a, b in kept))
    return "".join(text[a:b] for a, b in kept), array("q", (starts[k] for k in index)), array("q", (ends[k] for k in index))
