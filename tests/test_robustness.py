"""Robustness and security: hostile input, crashes mid-run, concurrent users -- nothing lost, nothing
leaked. Every check runs the real code paths on the tiny model (tests/conftest.py).

- `analyze` never raises on any str (hypothesis: arbitrary Unicode mixed with news sentences) and
  always follows the output contract; empty input is an InputError, and a CLI exit code 2;
- mostly non-Chinese input, HTML pages, Traditional characters, 200k / 1M characters (peak RSS in a
  subprocess);
- `zhnews batch` killed with SIGKILL at random points and resumed: every row once, no torn line;
- the demo under 20 concurrent clients, its file endpoint, its input cap and its bind address.

`tests/robustness_report.py` runs the same checks as a larger campaign and prints the figures.
"""
from __future__ import annotations

import html as html_lib
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhnews.models.pipeline import is_blank
from zhnews.models.schema import InputError
from tests.conftest import CONTRACT_KEYS, check_contract, served_demo

REPO = Path(__file__).resolve().parent.parent
CHILD_ENV = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false"}


# =========================================================================== hostile text
NEWS_SENTENCES = [
    "国家统计局新闻发言人刘爱华表示，国民经济延续回升向好态势。",
    "财政部部长蓝佛安指出，要加大宏观政策调控力度，扩大有效需求。",
    "“我们有信心完成全年目标。”蓝佛安说。",
    "科技部部长王志刚出席会议并讲话。",
    "他强调，要深化体制机制改革，营造更加优良的科技创新生态。",
    "据悉，会议由北京市市长殷勇主持。",
    "业内人士认为，房地产市场正在逐步企稳。",
    "主教练兰迪·哈伯认为，苏炳添的起跑技术又有了进步。",
    "王部长表示：“要加快推进，确保年底完成。”",
    "一季度国内生产总值同比增长5.3%，消费贡献持续提升。",
    "标签：科技 经济",
    "编辑：刘卓",
    "相关文章",
    "科技部与北京市召开部市共建现场推进会议",
    "張偉表示，今年經濟穩步增長，消費貢獻突出。",  # Traditional
]
HOSTILE_PIECES = [
    "\x00", "\x01\x02\x1b[31m", "\x7f\x85\x9f", "\r\n", "\r", "\u2028", "\u2029", "\x0b\x0c\x1c\x1d\x1e",
    "\ud800", "\udfff", "\udbff\udc00", "\ud83d",  # lone / reversed surrogates
    "😀", "👨‍👩‍👧‍👦", "🇨🇳", "👍🏽", "\U0001f9ea\ufe0f",  # emoji, ZWJ sequences, flags, modifiers
    "\u202e", "\u202d", "\u200f", "\u061c", "مرحبا بالعالم", "שלום",  # bidi controls, RTL scripts
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad",  # zero-width, BOM, soft hyphen
    "ＡＢＣ１２３", "（全角）", "，。！？；：“”", "\u3000\u3000",  # full-width forms
    "\u0301\u0308", "é", "Ω≈ç√", "Привет мир", "こんにちは", "안녕하세요", "ไทย",  # combining, scripts
    "<p>", "</p>", "<br/>", "<script>alert('x')</script>", "<style>p{color:red}</style>", "<!--",
    "-->", "<div class=\"a\">", "<b>粗体</b>", "&amp;", "&lt;", "&#0;", "&#xD800;", "&#x110000;",
    "&nbsp;", "&ldquo;", "&#99999999;", "<" * 20, "&" * 10, "<![CDATA[x]]>", "<?xml version='1.0'?>",
    "\ue000\uf8ff", "\uffff\ufffe\ufffd", "\U0010ffff", "\U00020000𠀀𪚥",  # private use, nonchars, ext B
    "“", "”", "「", "』", "\"", "'", "（", "）", "【", "……", "。" * 5, "！？", "...", "．",
    "http://www.xinhua.net/index.php?id=1&x=2", "3.5", "１２．５", "1. ", "Mr. Smith said", " " * 5,
    "\t", "\n\n\n", "他说：", "表示，", "据悉，", "他", "其",
]


@st.composite
def hostile_news(draw) -> str:
    """News-like Chinese text with hostile pieces spliced in anywhere, even inside sentences."""
    piece = st.one_of(
        st.sampled_from(NEWS_SENTENCES),
        st.sampled_from(HOSTILE_PIECES),
        st.text(alphabet=st.characters(), max_size=12),  # anything, lone surrogates included
        st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=12),
        st.sampled_from(NEWS_SENTENCES).map(lambda s: f"<p>{s}</p>"),
    )
    parts = draw(st.lists(piece, min_size=1, max_size=12))
    if parts and draw(st.booleans()):  # cut one sentence open and put something hostile inside
        k = draw(st.integers(0, len(parts) - 1))
        cut = draw(st.integers(0, len(parts[k])))
        parts[k] = parts[k][:cut] + draw(st.sampled_from(HOSTILE_PIECES)) + parts[k][cut:]
    joiner = draw(st.sampled_from(["", "\n", " ", "\r\n", "\u3000"]))
    return joiner.join(parts)


ANY_TEXT = st.one_of(hostile_news(), st.text(alphabet=st.characters(), max_size=200))


def analyze_checked(analyzer, text: str) -> dict | None:
    """The analysis of `text` checked against the contract; None when it is (rightly) refused."""
    if is_blank(text):  # nothing visible (whitespace, zero-width, control characters): refused
        with pytest.raises(InputError):
            analyzer.analyze(text)
        return None
    result = analyzer.analyze(text).to_dict()
    check_contract(result, text, analyzer.labels)
    return result


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=ANY_TEXT)
def test_analyze_never_raises_on_any_str(tiny_analyzer, text):
    analyze_checked(tiny_analyzer, text)


@pytest.mark.parametrize("text", ["", " ", "\n\t \r\n", "\u3000\u3000", "\xa0", "\x1c\x1d\x1e\x1f", "\u2028\u2029"])
def test_empty_or_whitespace_input_is_an_input_error(tiny_analyzer, text):
    with pytest.raises(InputError, match="empty"):
        tiny_analyzer.analyze(text)


def test_an_empty_batch_is_an_empty_answer(tiny_analyzer):
    assert tiny_analyzer.analyze_batch([]) == []


def test_analyze_batch_of_hostile_texts_matches_one_by_one(tiny_analyzer):
    """Hostile texts batched together do not contaminate each other's results."""
    texts = [NEWS_SENTENCES[1] + "\ud800" + NEWS_SENTENCES[2], "<p>" + NEWS_SENTENCES[4] + "</p><br>" * 3,
             "\u202e" + NEWS_SENTENCES[0] * 3, NEWS_SENTENCES[14], "😀" * 50]
    batched = [r.to_dict() for r in tiny_analyzer.analyze_batch(texts)]
    for text, result in zip(texts, batched):
        check_contract(result, text, tiny_analyzer.labels)
        alone = tiny_analyzer.analyze(text).to_dict()
        assert result["speakers"] == alone["speakers"] and result["title"] == alone["title"]


# =========================================================================== CLI
def cli(args: list[str], input: str | bytes | None = None):
    from typer.testing import CliRunner

    from zhnews.cli import app

    return CliRunner().invoke(app, args, input=input)


@pytest.mark.parametrize("content", [b"", b"   \n\t  \r\n", "\u3000\n".encode("utf-8"), b"\xef\xbb\xbf"])
def test_cli_empty_input_exits_2_with_one_line(tmp_path, tiny_model_dir, content):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    for args, stdin in ((["analyze", "--model", str(tiny_model_dir), str(path)], None),
                        (["analyze", "--model", str(tiny_model_dir), "-"], content)):
        result = cli(args, stdin)
        assert result.exit_code == 2, result.output
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("zhnews: error:") and "empty" in lines[0]


def test_cli_empty_input_is_refused_before_loading_a_model(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("  \n")
    result = cli(["analyze", "--model", str(tmp_path / "no-such-model"), str(path)])
    assert result.exit_code == 2 and "empty input" in result.stderr


@pytest.mark.parametrize("content", [b"\xff\xfe\x00\x01 binary", "新闻正文，王志刚表示。".encode("gbk"),
                                     "正文".encode("utf-8") + b"\xe4\xbd"])
def test_cli_non_utf8_file_exits_2(tmp_path, tiny_model_dir, content):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    result = cli(["analyze", "--model", str(tiny_model_dir), str(path)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "not valid UTF-8" in lines[0] and str(path) in lines[0]


def test_cli_hostile_text_gives_json(tmp_path, tiny_model_dir):
    text = "<p>" + NEWS_SENTENCES[1] + "\x00\u202e😀</p>" + NEWS_SENTENCES[14]
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    result = cli(["analyze", "--model", str(tiny_model_dir), "--indent", "0", str(path)])
    assert result.exit_code == 0, result.output
    check_contract(json.loads(result.stdout), text)


# =========================================================================== kinds of input
ENGLISH = ("The State Council said on Monday that the economy grew 5.3 percent in the first quarter. "
           "Premier Li Qiang told reporters that consumption would remain the main driver of growth, "
           "and that the government was confident of meeting its annual target. Analysts expect further "
           "support for the property sector in the coming months.")


@pytest.mark.parametrize("text", [ENGLISH, ENGLISH + " 国务院", "Premier 李强 said: " + ENGLISH])
def test_mostly_non_chinese_input_is_analysed_with_a_warning(tiny_analyzer, text):
    result = analyze_checked(tiny_analyzer, text)
    assert any("non-Chinese" in w for w in result["warnings"]), result["warnings"]


def test_chinese_with_some_english_has_no_language_warning(tiny_analyzer):
    result = analyze_checked(tiny_analyzer, "苹果公司（Apple Inc.）CEO库克表示，将继续加大在华投资。" * 3)
    assert not any("non-Chinese" in w for w in result["warnings"])


HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>科技部召开推进会议</title>
<style>p { color: red; } .x::before { content: "王五表示，样式内容不应出现。"; }</style>
<script>var s = "<p>李四表示，脚本内容不应出现。</p>"; if (a < b && c > d) { alert('x'); }</script>
</head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/tech">科技</a> &gt; 正文</div>
<h1>科技部召开推进会议</h1>
<div class="content"><p>近日，推进会议在北京召开。科技部部长<b>王志刚</b>出席会议并讲话。</p>
<p>王志刚指出，要&ldquo;加快<span class="hl"><em>科技</em>创新</span>&rdquo;，推动高质量发展&amp;高水平开放。</p>
<p>北京市市长殷勇表示，将继续&nbsp;加大投入&#xff0c;支持企业&#21019;&#26032;。</p>
<!-- <p>张三表示，注释内容不应出现。</p> -->
<noscript><p>赵六表示，noscript 内容不应出现。</p></noscript>
<table><tr><td>单元格一</td><td>单元格二</td></tr></table>
</div>
<p>编辑：刘卓</p>
</body></html>"""
HIDDEN_NAMES = ("王五", "李四", "张三", "赵六")
_ENTITY_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z]+);")


def _hidden_regions(page: str) -> list[tuple[int, int]]:
    """Index ranges of the page a reader never sees: script, style, noscript, comments."""
    pattern = r"<(script|style|noscript)\b.*?</\1>|<!--.*?-->"
    return [m.span() for m in re.finditer(pattern, page, re.S)]


def test_html_page_markup_never_leaks(tiny_analyzer):
    from zhnews.models.speech.names import jieba_name_finder
    from zhnews.models.pipeline import body_paragraphs, prepare
    from zhnews.models.speech import attribute

    page = HTML_PAGE
    result = analyze_checked(tiny_analyzer, page)
    hidden = _hidden_regions(page)
    assert len(hidden) == 4
    assert result["title"] == "科技部召开推进会议"
    assert result["meta"]["editor"] == "刘卓"
    # generated text (summaries, names, roles, title, meta) is clean text: no tags, no entities
    generated = [result["title"], result["summary"], *result["meta"]["tags"], *result["meta"]["related"]]
    for sp in result["speakers"]:
        generated += [sp["name"], sp["role"] or "", sp["summary"]]
    for piece in generated:
        assert "<" not in piece and ">" not in piece and not _ENTITY_RE.search(piece), piece
        assert not any(name in piece for name in HIDDEN_NAMES), piece
        assert "color" not in piece and "alert" not in piece
    # statements are spans of the raw page (the contract): never from hidden content, never
    # starting or ending inside a tag, and their visible text is markup-free
    for sp in result["speakers"]:
        assert sp["name"] not in HIDDEN_NAMES
        for s in sp["statements"]:
            assert not any(a < s["end"] and s["start"] < b for a, b in hidden), s
            assert page.rfind("<", 0, s["start"]) < page.rfind(">", 0, s["start"]) or "<" not in page[:s["start"]]
            inner = s["text"]
            assert inner.count("<") == inner.count(">")  # whole tags only
            visible = html_lib.unescape(re.sub(r"<[^<>]*>", "", inner))
            assert "<" not in visible and ">" not in visible and not _ENTITY_RE.search(visible), visible
    # the rules layer with jieba's names on the same normalised page: the two real speakers only,
    # each statement mapping back into the raw page
    prep = prepare(page)
    norm = prep.norm
    speakers = attribute(norm.text, body_paragraphs(prep), jieba_name_finder)
    assert {sp.name for sp in speakers} == {"王志刚", "殷勇"}
    by_name = {sp.name: sp for sp in speakers}
    wang = [norm.span(s.start, s.end) for s in by_name["王志刚"].statements]
    assert [s.text for s in by_name["王志刚"].statements] == ["要“加快科技创新”，推动高质量发展&高水平开放。"]
    assert page[wang[0].start:wang[0].end] == wang[0].text and wang[0].text.startswith("要&ldquo;")
    assert wang[0].text.endswith("高水平开放。")
    assert by_name["殷勇"].role == "北京市市长"
    assert [s.text for s in by_name["殷勇"].statements] == ["将继续\xa0加大投入，支持企业创新。"]


def test_traditional_page_gives_the_same_speakers(tiny_analyzer, seed_text):
    from opencc import OpenCC

    from zhnews.models.speech.names import jieba_name_finder
    from zhnews.models.pipeline import body_paragraphs, prepare
    from zhnews.models.speech import attribute

    trad = OpenCC("s2t").convert(seed_text)
    assert trad != seed_text and len(trad) == len(seed_text)

    def rules(text):
        prep = prepare(text)
        return prep.norm, attribute(prep.norm.text, body_paragraphs(prep), jieba_name_finder)

    simp_norm, simp = rules(seed_text)
    trad_norm, trad_speakers = rules(trad)
    assert trad_norm.converted
    assert [(sp.name, sp.role) for sp in trad_speakers] == [(sp.name, sp.role) for sp in simp]
    assert {"王志刚", "殷勇", "尹力", "李萌"} <= {sp.name for sp in simp}
    for sp_t, sp_s in zip(trad_speakers, simp):
        assert [(s.start, s.end) for s in sp_t.statements] == [(s.start, s.end) for s in sp_s.statements]
        for s in sp_t.statements:
            raw = trad_norm.span(s.start, s.end)
            assert trad[raw.start:raw.end] == raw.text
    # the whole pipeline: same speakers, statements are spans of the Traditional text as given
    r_simp = analyze_checked(tiny_analyzer, seed_text)
    r_trad = analyze_checked(tiny_analyzer, trad)
    assert [sp["name"] for sp in r_trad["speakers"]] == [sp["name"] for sp in r_simp["speakers"]]
    trad_texts = [s["text"] for sp in r_trad["speakers"] for s in sp["statements"]]
    simp_texts = [s["text"] for sp in r_simp["speakers"] for s in sp["statements"]]
    assert trad_texts and trad_texts != simp_texts  # Traditional characters, as given
    assert [(s["start"], s["end"]) for sp in r_trad["speakers"] for s in sp["statements"]] == \
        [(s["start"], s["end"]) for sp in r_simp["speakers"] for s in sp["statements"]]
    assert r_trad["title"] == trad.splitlines()[0]


# =========================================================================== very long input
LONG_INPUT_CHILD = r'''
import gc, json, resource, sys, time
import torch
torch.set_num_threads(1)
from zhnews.models import Analyzer
from zhnews.models.pipeline import prepare
sys.path.insert(0, sys.argv[3])
from tests.conftest import check_contract
from tests.test_robustness import long_text

model_dir, n = sys.argv[1], int(sys.argv[2])
analyzer = Analyzer.from_pretrained(model_dir, threads=1)
analyzer.analyze("张伟表示，今年经济稳步增长。")  # warm: lazy imports, jieba dictionary
load_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
text = long_text(n)
gc.collect()
try:  # reset the high-water mark (Linux): the peak below is then the analysis's, not the loading's
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
except OSError:
    pass
with open("/proc/self/statm") as f:
    base = int(f.read().split()[1]) * resource.getpagesize() // 1024
started = time.perf_counter()
prep = prepare(text)
prepare_s = time.perf_counter() - started
result = analyzer.analyze(text).to_dict()
seconds = time.perf_counter() - started
check_contract(result, text, analyzer.labels)
process_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB, loading included
with open("/proc/self/status") as f:  # the high-water mark since the reset: the analysis's peak
    peak = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
print(json.dumps({"chars": len(text), "seconds": round(seconds, 2), "prepare_seconds": round(prepare_s, 2),
                  "warnings": result["warnings"], "prepare_warnings": prep.warnings,
                  "speakers": len(result["speakers"]),
                  "statements": sum(len(sp["statements"]) for sp in result["speakers"]),
                  "loading_peak_rss_mb": round(load_peak / 1024), "process_peak_rss_mb": round(process_peak / 1024),
                  "rss_before_mb": round(base / 1024), "peak_rss_mb": round(peak / 1024),
                  "rss_growth_mb": round((peak - base) / 1024)},
                 ensure_ascii=False))
'''


def long_text(n: int) -> str:
    """`n` characters of news-like paragraphs (speech, quotes, names), with hostile bits sprinkled
    in: emoji, zero-width and control characters, a stray '<', lone surrogates, Traditional text."""
    rng = random.Random(n)
    paragraphs = []
    size = 0
    k = 0
    while size < n:
        sentences = rng.sample(NEWS_SENTENCES[:10], 4) + [f"第{k}段。"]
        if k % 7 == 0:
            sentences.insert(rng.randrange(len(sentences)), rng.choice(["😀", "\u200b", "\x00", "a < b", "\ud800",
                                                                        NEWS_SENTENCES[14]]))
        paragraph = "".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 1
        k += 1
    return "\n".join(paragraphs)[:n]


def measure_long_input(model_dir, n: int, timeout: float = 900) -> dict:
    """Analyse `long_text(n)` in a fresh single-threaded process; its timings and RSS figures."""
    proc = subprocess.run([sys.executable, "-c", LONG_INPUT_CHILD, str(model_dir), str(n), str(REPO)],
                          cwd=REPO, env={**os.environ, **CHILD_ENV}, capture_output=True, timeout=timeout)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-3000:]
    return json.loads(proc.stdout.decode("utf-8").strip().splitlines()[-1])


def _check_long(report: dict, n: int, growth_mb: int) -> None:
    print(f"\n{n:,} chars: {report}")
    assert report["chars"] == n
    assert any("first 400 of" in w for w in report["warnings"]), report["warnings"]  # sentences were cut
    assert report["warnings"] == report["prepare_warnings"]
    assert report["speakers"] > 0
    assert report["rss_growth_mb"] < growth_mb, report


def test_prepare_cuts_input_over_the_limit_with_a_warning():
    from zhnews.models.pipeline import MAX_INPUT_CHARS, prepare

    text = long_text(MAX_INPUT_CHARS + 1000)
    prep = prepare(text)
    assert len(prep.norm.raw) == MAX_INPUT_CHARS
    assert any("truncated" in w and f"{MAX_INPUT_CHARS:,}" in w for w in prep.warnings), prep.warnings
    assert prep.page.body and prep.page.body[-1].end <= MAX_INPUT_CHARS


def test_attribution_gets_the_sentences_prepare_split_and_capped():
    from zhnews.models.pipeline import MAX_SENTENCES, body_paragraphs, prepare

    prep = prepare(long_text(200_000))
    paragraphs = body_paragraphs(prep)
    assert len(prep.sentences) == MAX_SENTENCES
    assert [s for _, sentences in paragraphs for s in sentences] == prep.sentences  # each once, in order
    assert [p for p, _ in paragraphs] == prep.page.body
    for p, sentences in paragraphs:
        assert sentences and all(p.start <= s.start and s.end <= p.end for s in sentences)
    assert paragraphs[-1][0].end == prep.sentences[-1].end  # the capped last paragraph ends at the cap


def test_200k_chars_finish_with_bounded_memory(tiny_model_dir):
    _check_long(measure_long_input(tiny_model_dir, 200_000), 200_000, growth_mb=400)


@pytest.mark.slow
def test_1m_chars_finish_with_bounded_memory(tiny_model_dir):
    _check_long(measure_long_input(tiny_model_dir, 1_000_000), 1_000_000, growth_mb=1024)


def test_attribution_is_linear_in_text_without_punctuation():
    """A run with no clause punctuation (a hostile shape) used to make the clause lookups quadratic."""
    from zhnews.models.speech.names import jieba_name_finder
    from zhnews.models.speech import attribute
    from zhnews.models.schema import Span
    from zhnews.models.text import split_sentences

    timings = []
    for n in (10_000, 40_000):
        text = ("张伟表示今年经济稳步增长消费贡献突出" * (n // 18 + 1))[:n]
        runs = []
        for _ in range(2):  # the faster of two: another job on the cores slows one run, not both
            started = time.perf_counter()
            attribute(text, [(Span(text, 0, len(text)), split_sentences(text))], jieba_name_finder)
            runs.append(time.perf_counter() - started)
        timings.append(min(runs))
    assert timings[1] < 8 * timings[0] + 1.0, timings  # 4x the text: ~4x the time, not 16x


# =========================================================================== batch, killed
def batch_input(path: Path, n: int, seed_text: str) -> tuple[list, set]:
    """`n` input lines, about a fifth of them bad in every way a row can be bad. Returns the ids
    the output must hold, in order, and the ids that must be error records."""
    lines: list[bytes] = []
    expected, bad = [], set()
    for i in range(n):
        if i == 6:
            lines.append(b"")  # a blank line: not a row
        number = len(lines) + 1  # 1-based line of this row
        kind = i % 10
        if kind == 3:
            lines.append(b'{"id": "r%d", "text": "unclosed' % i)
            expected.append(f"line:{number}")
        elif kind == 5:
            lines.append(json.dumps({"id": f"r{i}", "body": "no text field"}).encode())
            expected.append(f"r{i}")
        elif kind == 7:
            lines.append(b'{"id": "r%d", "text": "\xff\xfe bad bytes \xe4\xbd"}' % i)
            expected.append(f"line:{number}")
        elif i % 20 == 1:
            lines.append(json.dumps({"id": f"r{i}", "text": " \n\t\u3000" if i % 40 == 1 else ""}).encode())
            expected.append(f"r{i}")
        elif i % 20 == 9:
            lines.append(json.dumps({"id": f"r{i}", "text": 42}).encode())
            expected.append(f"r{i}")
        else:
            surrogate = i % 20 == 12
            if surrogate:
                ident = f"r{i}\ud800"  # a lone surrogate in the id and the text (JSON \u escapes)
                text = NEWS_SENTENCES[1] + "\ud800" + NEWS_SENTENCES[2]
            else:
                ident = f"r{i}"
                text = seed_text if i % 15 == 0 else (NEWS_SENTENCES[i % 10] + NEWS_SENTENCES[(i * 7) % 10]
                                                     + f"（第{i}篇）")
            record = {"id": ident, "text": text} if i % 20 != 18 else {"text": text}  # no id: line:N
            lines.append(json.dumps(record, ensure_ascii=surrogate or i % 2 == 0).encode("utf-8"))
            expected.append(ident if i % 20 != 18 else f"line:{number}")
            continue
        bad.add(expected[-1])
    path.write_bytes(b"\n".join(lines) + b"\r\n")
    return expected, bad


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def kill_and_resume(model_dir, src: Path, out: Path, kills: int, seed: int, step: int = 6,
                    timeout: float = 300, engine: str = "local") -> dict:
    """Run `zhnews batch` on `src`, SIGKILL it `kills` times at random points (after a random
    number of new output lines, plus a random delay), resuming each time; then let it finish."""
    rng = random.Random(seed)
    env = {**os.environ, **CHILD_ENV}
    command = [sys.executable, "-m", "zhnews.cli", "batch", str(src), str(out), "--model", str(model_dir),
               "--batch-size", "1", "--no-progress", "--engine", engine]
    command += ["--threads", "1"] if engine == "local" else ["--workers", "2"]
    landed, torn_tails = 0, 0
    for k in range(kills):
        before = _lines(out)
        target = before + rng.randint(1, step)
        delay = rng.uniform(0.0, 0.05)
        proc = subprocess.Popen(command + (["--resume"] if out.exists() else []), cwd=REPO, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + timeout
        while _lines(out) < target and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        stderr = proc.stderr.read().decode("utf-8", "replace")
        proc.stderr.close()
        if proc.returncode == -signal.SIGKILL:
            landed += 1
        else:
            assert proc.returncode == 0, stderr[-3000:]
        raw = out.read_bytes() if out.exists() else b""
        torn_tails += bool(raw) and not raw.endswith(b"\n")
        for line in raw.splitlines(keepends=True):  # every complete line is a whole record
            if line.endswith(b"\n"):
                json.loads(line)
    final = subprocess.run(command + ["--resume"], cwd=REPO, env=env, capture_output=True, timeout=timeout)
    assert final.returncode == 0, final.stderr.decode("utf-8", "replace")[-3000:]
    return {"kills": landed, "torn_tails": torn_tails, "stderr": final.stderr.decode("utf-8", "replace")}


def check_batch_output(out: Path, expected: list, bad: set, stderr: str) -> dict:
    raw = out.read_bytes()
    assert raw.endswith(b"\n")
    records = [json.loads(line) for line in raw.splitlines()]  # every line valid JSON: no torn line
    ids = [r["id"] for r in records]
    assert ids == expected, "every input row exactly once, in input order"
    errors = {r["id"] for r in records if "error" in r}
    assert errors == bad
    assert all(set(r) == {"id", "error"} for r in records if "error" in r)
    assert all(set(r) == {"id"} | CONTRACT_KEYS for r in records if "error" not in r)
    tally = re.search(r"(\d+) ok, (\d+) errors(?:, (\d+) already done)?", stderr)
    assert tally, stderr
    ok, err, skipped = (int(g or 0) for g in tally.groups())
    assert ok + err + skipped == len(expected)
    assert err == len([i for i in expected[skipped:] if i in bad]), "the tally counts the bad rows"
    return {"rows": len(expected), "lost": len(set(expected) - set(ids)), "duplicates": len(ids) - len(set(ids))}


def _batch_kill_run(tmp_path, tiny_model_dir, seed_text, rows: int, kills: int, seed: int, engine: str = "local"):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    expected, bad = batch_input(src, rows, seed_text)
    assert len(bad) >= rows // 5
    run = kill_and_resume(tiny_model_dir, src, out, kills=kills, seed=seed, engine=engine)
    assert run["kills"] == kills, "every kill landed before the run finished"
    summary = check_batch_output(out, expected, bad, run["stderr"])
    assert summary["lost"] == summary["duplicates"] == 0
    before = out.read_bytes()
    # resuming the finished output does nothing (and needs no model: nothing is left to analyse)
    from zhnews.serve.batch import BatchOptions, run_batch

    tally = run_batch(object(), src, out, BatchOptions(resume=True, progress=False), log=None)
    assert (tally.ok, tally.errors, tally.skipped) == (0, 0, len(expected))
    assert out.read_bytes() == before
    return summary


def test_batch_killed_three_times_at_random_points(tmp_path, tiny_model_dir, seed_text):
    """~60 s on 2 busy cores, most of it the four process starts."""
    _batch_kill_run(tmp_path, tiny_model_dir, seed_text, rows=60, kills=3, seed=2024)


def test_batch_with_worker_processes_killed_twice(tmp_path, tiny_model_dir, seed_text):
    """The parent of two worker processes killed: the workers go with it (their task pipe closes),
    and the resumed runs still give every row once, in order."""
    _batch_kill_run(tmp_path, tiny_model_dir, seed_text, rows=40, kills=2, seed=11, engine="processes")


@pytest.mark.slow
def test_batch_killed_eight_times_at_random_points(tmp_path, tiny_model_dir, seed_text):
    _batch_kill_run(tmp_path, tiny_model_dir, seed_text, rows=120, kills=8, seed=7)


def test_batch_lone_surrogates_do_not_end_the_run(tmp_path, tiny_analyzer):
    """A "\\ud800" escape in a row's id or text used to raise UnicodeEncodeError while writing
    the output line -- for that row and again on every --resume."""
    from zhnews.serve.batch import BatchOptions, run_batch

    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a\\ud800", "text": "张伟表示，今年经济稳步增长。"}\n'
                   '{"id": "b", "text": "\\udc00王志刚指出，“要加快\\ud800推进科技创新。”"}\n'
                   '{"id": "c\\udfff"}\n{"id": "d", "text": "好"}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    tally = run_batch(tiny_analyzer, src, out, BatchOptions(progress=False), log=None)
    assert (tally.ok, tally.errors) == (3, 1)
    out.read_bytes().decode("utf-8")  # the file stays valid UTF-8
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a\ud800", "b", "c\udfff", "d"]
    assert "missing field" in records[2]["error"]
    tally = run_batch(tiny_analyzer, src, out, BatchOptions(progress=False, resume=True), log=None)
    assert (tally.ok, tally.errors, tally.skipped) == (0, 0, 4)


# =========================================================================== the demo
@pytest.fixture(scope="module")
def served_default(tiny_model_dir):
    """The app as `launch` serves it by default (no host given), on a free port."""
    with served_demo(tiny_model_dir) as app:
        yield app


def demo_text(i: int) -> str:
    names = ["张伟", "王芳", "李娜", "刘洋", "陈静"]
    return (f"第{i}号测试新闻标题\n{names[i % 5]}表示，第{i}季度经济稳步增长，消费贡献突出。"
            f"“我们有信心完成第{i}项目标。”{names[i % 5]}说。{NEWS_SENTENCES[i % 10]}")


def test_demo_binds_localhost_by_default(served_default, monkeypatch, tiny_model_dir):
    url, demo = served_default
    assert demo.server_name == "127.0.0.1"
    assert demo.local_url.startswith("http://127.0.0.1:")
    assert not demo.share and getattr(demo, "share_url", None) is None
    # and the CLI passes 127.0.0.1 unless --host says otherwise
    import zhnews.serve.demo

    seen = {}
    monkeypatch.setattr(zhnews.serve.demo, "launch", lambda model, **kw: seen.update(kw))
    assert cli(["demo", "--model", str(tiny_model_dir)]).exit_code == 0
    assert seen["host"] == "127.0.0.1"


def test_demo_20_concurrent_clients_each_get_their_own_answer(served_default, tiny_analyzer):
    from gradio_client import Client

    from zhnews.serve.demo import MAX_DEMO_CHARS, OUTPUT_NAMES

    url, _ = served_default
    texts = [demo_text(i) for i in range(20)]
    texts[13] = "中" * (MAX_DEMO_CHARS + 1)  # one over the cap, among the others

    def ask(text):
        try:
            return dict(zip(OUTPUT_NAMES, Client(url, verbose=False).predict(text, api_name="/analyze")))
        except Exception as exc:  # noqa: BLE001 - the refusal is part of the check
            return exc

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(ask, texts))
    for i, (text, answer) in enumerate(zip(texts, answers)):
        if i == 13:
            assert isinstance(answer, Exception) and "文本过长" in str(answer) and f"{MAX_DEMO_CHARS:,}" in str(answer)
            continue
        assert not isinstance(answer, Exception), f"request {i}: {answer!r}"
        got = answer["json"]
        check_contract(got, text)
        want = json.loads(json.dumps(tiny_analyzer.analyze(text).to_dict()))
        assert got["title"] == want["title"] == f"第{i}号测试新闻标题"
        assert got["speakers"] == want["speakers"] and got["summary"] == want["summary"]
        assert [t["label"] for t in got["topics"]] == [t["label"] for t in want["topics"]]
        assert all(abs(a["score"] - b["score"]) < 1e-6 for a, b in zip(got["topics"], want["topics"]))
        assert answer["title"] == want["title"]


def test_demo_file_endpoint_reads_only_uploads(served_default, tmp_path):
    """/etc/passwd (or any server file that was not uploaded) cannot be read through /load_file,
    whether named by the client or sent as a raw FileData path; nor through the file route."""
    import httpx
    from gradio_client import Client, handle_file

    url, _ = served_default
    client = Client(url, verbose=False)
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-zhnews", encoding="utf-8")

    for payload in (handle_file("/etc/passwd"), {"path": "/etc/passwd", "meta": {"_type": "gradio.FileData"}}):
        with pytest.raises(Exception) as info:
            client.predict(payload, api_name="/load_file")
        assert "root:" not in str(info.value)
    for path in ("/etc/passwd", str(secret), "../../../../etc/passwd"):
        with httpx.Client(base_url=url, timeout=30) as http:  # the raw API, no client-side upload
            event = http.post("gradio_api/call/load_file",
                              json={"data": [{"path": path, "meta": {"_type": "gradio.FileData"}}]})
            assert event.status_code == 200
            body = http.get(f"gradio_api/call/load_file/{event.json()['event_id']}").text
            assert "event: error" in body and "root:" not in body and "TOP-SECRET" not in body
            direct = http.get(f"gradio_api/file={path}")
            assert direct.status_code in (403, 404) and "root:" not in direct.text
            assert "TOP-SECRET" not in direct.text
    # an upload of one's own file still works
    upload = tmp_path / "mine.txt"
    upload.write_text(NEWS_SENTENCES[0], encoding="utf-8")
    assert client.predict(handle_file(str(upload)), api_name="/load_file") == NEWS_SENTENCES[0]
