"""`zhnews demo`: a local web page (gradio Blocks) over `Analyzer` — paste or upload an article, see
topics, named entities and speakers with their statements highlighted in the text, summaries, page
metadata, warnings
and the raw JSON of the contract (models/schema.py).

    from zhnews.serve.demo import analyze_for_demo, build_demo, launch
    outputs = analyze_for_demo(analyzer, text)       # pure: what the page shows, as a tuple
    demo = build_demo(lambda model: analyzer)         # gr.Blocks; the loader maps a model choice to an analyzer
    launch(["models/default"], host="127.0.0.1", port=7860)

Limits, so that one visitor cannot tie up the machine: input at most `MAX_DEMO_CHARS` (200,000)
characters — longer input is refused with a clear message (use `zhnews batch` for long files);
uploads at most `MAX_UPLOAD_BYTES` (2 MB, enforced by gradio's `max_file_size` and again here),
read only from the path gradio hands over for the upload, decoded as UTF-8 or GB18030; at most
`CONCURRENCY` analyses at once (the queue holds the rest), one at a time per model (Hugging Face
fast tokenizers must not be called from two threads at once).

Privacy: binds 127.0.0.1 unless `--host` says otherwise, never creates a share link, analytics off
(`GRADIO_ANALYTICS_ENABLED=False` and `HF_HUB_OFFLINE=1` are set before gradio is imported).

API: every event has an api_name, so `gradio_client` can call the page:
`Client(url).predict(text, model_value, api_name="/analyze")` returns the outputs in the order of
`OUTPUT_NAMES`; the last one is the analysis JSON. `/load_file` turns an uploaded .txt into text.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Callable, NamedTuple, Sequence

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

MAX_DEMO_CHARS = 200_000
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
CONCURRENCY = 2
QUEUE_SIZE = 32
TOP_TOPICS = 5

# Distinct, readable highlight colours; speakers beyond the list reuse them in order.
SPEAKER_COLOURS = ["#f87171", "#60a5fa", "#34d399", "#fbbf24", "#a78bfa", "#f472b6", "#2dd4bf", "#fb923c",
                   "#818cf8", "#a3e635", "#e879f9", "#94a3b8"]
SPEAKER_COLUMNS = ["发言人", "职务", "发言摘要", "发言条数"]
ENTITY_COLOURS = {"PER": "#f87171", "ORG": "#60a5fa", "LOC": "#34d399"}
OUTPUT_NAMES = ("title", "topics", "entities", "highlighted", "speakers", "summary", "meta", "warnings", "json")

BUILTIN_EXAMPLES = [
    ("短讯：经济", "一季度国内生产总值同比增长5.3%。国家统计局新闻发言人刘爱华表示，国民经济延续回升向好态势，"
                 "消费对经济增长的贡献持续提升。财政部部长蓝佛安指出，要加大宏观政策调控力度，"
                 "扩大有效需求。“我们有信心完成全年目标。”蓝佛安说。"),
    ("短讯：体育", "在昨晚结束的全国田径锦标赛男子百米决赛中，苏炳添以9秒98的成绩夺冠。赛后他表示，"
                 "这次比赛状态很好，将继续备战世界大赛。主教练兰迪·哈伯认为，苏炳添的起跑技术又有了进步。"),
]


class DemoInputError(ValueError):
    """Input the demo refuses, with a message meant for the page (Chinese first)."""


class DemoOutput(NamedTuple):
    title: str
    topics: dict[str, float]  # label -> probability, for gr.Label
    entities: list[tuple[str, str | None]]  # (piece of the input, PER / ORG / LOC or None)
    highlighted: list[tuple[str, str | None]]  # (piece of the input, speaker name or None)
    colours: dict[str, str]  # speaker name -> colour
    speakers: list[list]  # rows of SPEAKER_COLUMNS
    summary: str
    meta: str  # Markdown
    warnings: str  # Markdown
    analysis: dict  # the contract


# ---------------------------------------------------------------------------------- pure part
def check_text(text) -> str:
    if text is None or not isinstance(text, str) or not text.strip():
        raise DemoInputError("请先粘贴新闻文本或上传 .txt 文件。(No text: paste an article or upload a .txt file.)")
    if len(text) > MAX_DEMO_CHARS:
        raise DemoInputError(
            f"文本过长：{len(text):,} 字，演示页面最多处理 {MAX_DEMO_CHARS:,} 字；请截短，或用 zhnews batch 处理长文件。"
            f"(Input too long: {len(text):,} characters; the demo accepts at most {MAX_DEMO_CHARS:,}.)")
    return text


def labelled_segments(text: str, spans) -> list[tuple[str, str | None]]:
    """The input cut into pieces, those of `spans` ((start, end, label) sorted) labelled; a span that
    overlaps an earlier one is left unlabelled."""
    pieces: list[tuple[str, str | None]] = []
    pos = 0
    for start, end, label in spans:
        if start < pos:
            continue
        if start > pos:
            pieces.append((text[pos:start], None))
        pieces.append((text[start:end], label))
        pos = end
    if pos < len(text):
        pieces.append((text[pos:], None))
    return pieces


def _matches(text: str, span: dict) -> bool:
    return 0 <= span["start"] < span["end"] <= len(text) and text[span["start"]:span["end"]] == span["text"]


def highlight_segments(text: str, speakers: list[dict]) -> list[tuple[str, str | None]]:
    """The input cut into pieces, each statement labelled with its speaker's name. Offsets index
    `text`; spans that do not match it or overlap an earlier one are left unlabelled."""
    return labelled_segments(text, sorted((s["start"], s["end"], sp["name"]) for sp in speakers
                                          for s in sp["statements"] if _matches(text, s)))


def entity_segments(text: str, entities: list[dict]) -> list[tuple[str, str | None]]:
    """The input cut into pieces, each entity mention labelled PER, ORG or LOC."""
    return labelled_segments(text, sorted((e["start"], e["end"], e["label"]) for e in entities if _matches(text, e)))


def speaker_colours(speakers: list[dict]) -> dict[str, str]:
    names = list(dict.fromkeys(sp["name"] for sp in speakers))
    return {name: SPEAKER_COLOURS[i % len(SPEAKER_COLOURS)] for i, name in enumerate(names)}


def _md(text: str) -> str:
    """Escape Markdown specials in page text shown as Markdown."""
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


def meta_markdown(meta: dict) -> str:
    tags = "、".join(_md(t) for t in meta.get("tags") or []) or "（无）"
    editor = _md(meta.get("editor") or "") or "（无）"
    lines = [f"**标签 Tags**：{tags}", "", f"**编辑 Editor**：{editor}", "", "**相关文章 Related**："]
    related = meta.get("related") or []
    lines += [f"- {_md(r)}" for r in related] if related else ["（无）"]
    return "\n".join(lines)


def warnings_markdown(warnings: list[str]) -> str:
    return "\n".join(f"- ⚠️ {_md(w)}" for w in warnings) if warnings else "无 (none)"


def analyze_for_demo(analyzer, text: str) -> DemoOutput:
    """Everything the page shows for `text`; raises DemoInputError for input the demo refuses."""
    from zhnews.models.schema import InputError

    check_text(text)
    try:
        result = analyzer.analyze(text).to_dict()
    except InputError as exc:
        raise DemoInputError(f"无法分析：{exc}") from None
    speakers = result["speakers"]
    table = [[sp["name"], sp.get("role") or "", sp.get("summary") or "", len(sp["statements"])] for sp in speakers]
    return DemoOutput(
        title=result.get("title") or "",
        topics={t["label"]: float(t["score"]) for t in result["topics"]},
        entities=entity_segments(text, result["entities"]),
        highlighted=highlight_segments(text, speakers),
        colours=speaker_colours(speakers),
        speakers=table,
        summary=result.get("summary") or "",
        meta=meta_markdown(result.get("meta") or {}),
        warnings=warnings_markdown(result.get("warnings") or []),
        analysis=result,
    )


def read_upload(path: str | Path | None) -> str:
    """Text of an uploaded .txt file (the path gradio gives for the upload): UTF-8, else GB18030."""
    if not path:
        return ""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_UPLOAD_BYTES:
        raise DemoInputError(f"文件过大：{size:,} 字节，上限 {MAX_UPLOAD_BYTES:,} 字节。(File too large.)")
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise DemoInputError("不是文本文件（含二进制内容）。请上传 UTF-8 或 GBK 编码的 .txt 文件。(Not a text file.)")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise DemoInputError("无法识别文件编码，请使用 UTF-8 或 GBK 编码。(Unknown encoding: use UTF-8 or GBK.)")
    return check_text(text)


# ---------------------------------------------------------------------------------- models
def found_models(extra_roots: Sequence[Path] = ()) -> list[Path]:
    """Model folders found without being named: $ZHNEWS_MODEL / the shipped default, the other shipped
    folders, then `runs/*/` under the working directory (training outputs) and `extra_roots/*/`."""
    from zhnews.models.folder import SHIPPED, default_model_dir, shipped_model_dir

    found = [p for p in (default_model_dir(), *map(shipped_model_dir, SHIPPED)) if (p / "config.json").is_file()]
    for root in [Path.cwd() / "runs", *extra_roots]:
        if root.is_dir():
            found += sorted(p for p in root.iterdir()
                            if (p / "config.json").is_file() and (p / "model.safetensors").is_file())
    return found


def model_choices(models: Sequence[str | Path] | str | Path | None = None) -> list[tuple[str, str]]:
    """(label, folder) pairs for the model selector: the folders given first, then the ones found."""
    if isinstance(models, (str, Path)):
        models = [models]
    from zhnews.models.folder import resolve_model

    folders: list[Path] = [resolve_model(m) for m in models or []] + found_models()
    choices, seen = [], set()
    for folder in folders:
        key = str(folder.resolve())
        if key in seen:
            continue
        seen.add(key)
        choices.append((f"{folder.name or key}  ({folder})", key))
    return choices


class AnalyzerLoader:
    """Loads each allowed model folder once (on first use); refuses any other folder, since the
    choice comes from the browser or the API."""

    def __init__(self, folders: Sequence[str], threads: int | None = None):
        self.allowed = [str(f) for f in folders]
        self.threads = threads
        self._cache: dict[str, object] = {}
        self._lock = threading.Lock()

    def __call__(self, choice: str | None):
        from zhnews.models import Analyzer

        key = choice or (self.allowed[0] if self.allowed else None)
        if key not in self.allowed:
            raise DemoInputError(f"未知模型：{choice}（可选：{', '.join(self.allowed)}）")
        with self._lock:
            if key not in self._cache:
                self._cache[key] = Analyzer.from_pretrained(key, threads=self.threads)
            return self._cache[key]


# ---------------------------------------------------------------------------------- the page
def examples() -> list[tuple[str, str]]:
    """(label, text): the seed page from models.data.examples_dir() when present, then built-ins."""
    from zhnews.models.data import examples_dir

    out = []
    seed = examples_dir() / "seed_page.txt"
    if seed.is_file():
        try:
            out.append(("示例页面：部市共建会议（4 位发言人）", seed.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            pass
    return out + BUILTIN_EXAMPLES


INTRO = f"""# zhnews 中文新闻分析
粘贴一篇新闻（或整张新闻网页的文本），或上传 .txt 文件，然后点击“分析”。结果包括主题、发言人及其职务、
每位发言人的发言（在原文中按发言人着色）、摘要和网页信息（标签、编辑、相关文章）。
文本最多 {MAX_DEMO_CHARS:,} 字，文件最多 {MAX_UPLOAD_BYTES // (1024 * 1024)} MB；更长的文件请用 `zhnews batch`。

*Paste a Chinese news article or upload a .txt file and press 分析 (Analyse).*
"""


def build_demo(analyzer_loader: Callable[[str | None], object],
               choices: Sequence[tuple[str, str]] | None = None):
    """The page. `analyzer_loader(choice)` returns the analyzer for a model choice (the value of
    one of `choices`, or None when there are no choices)."""
    import gradio as gr

    choices = list(choices or [])
    locks: dict[int, threading.Lock] = {}
    locks_guard = threading.Lock()

    def lock_for(analyzer) -> threading.Lock:
        with locks_guard:
            return locks.setdefault(id(analyzer), threading.Lock())

    def on_analyze(text, model):
        try:
            check_text(text)
            analyzer = analyzer_loader(model or None)
            with lock_for(analyzer):
                out = analyze_for_demo(analyzer, text)
        except DemoInputError as exc:
            raise gr.Error(str(exc), title="输入有误 Input", print_exception=False) from None
        except Exception as exc:  # noqa: BLE001 - shown in the page, not a dead page
            raise gr.Error(f"分析失败：{type(exc).__name__}: {exc}", title="出错了 Error") from None
        return (out.title, out.topics, out.entities, gr.HighlightedText(value=out.highlighted, color_map=out.colours),
                out.speakers, out.summary, out.meta, out.warnings, out.analysis)

    def on_upload(path):
        try:
            return read_upload(path)
        except DemoInputError as exc:
            raise gr.Error(str(exc), title="文件有误 File", print_exception=False) from None
        except OSError as exc:
            raise gr.Error(f"无法读取文件：{exc.strerror}", title="文件有误 File", print_exception=False) from None

    with gr.Blocks(title="zhnews 中文新闻分析", analytics_enabled=False) as demo:
        gr.Markdown(INTRO)
        with gr.Row():
            with gr.Column(scale=3):
                text = gr.Textbox(label="新闻文本 Article text", lines=14, max_lines=30,
                                  placeholder="在此粘贴新闻正文或整页文本…", elem_id="zhnews-input")
            with gr.Column(scale=1):
                upload = gr.File(label="上传 .txt 文件 Upload", file_types=[".txt"], type="filepath",
                                 file_count="single")
                model = gr.Dropdown(choices=choices, value=choices[0][1] if choices else None,
                                    label="模型 Model", visible=bool(choices), interactive=len(choices) > 1)
                run = gr.Button("分析 Analyse", variant="primary", elem_id="zhnews-analyse")
                gr.ClearButton([text, upload], value="清空 Clear")
        samples = examples()
        gr.Examples(examples=[[t] for _, t in samples], inputs=[text], example_labels=[label for label, _ in samples],
                    label="示例 Examples")
        with gr.Row():
            with gr.Column(scale=1):
                title = gr.Textbox(label="标题 Title", interactive=False)
                topics = gr.Label(label="主题 Topics", num_top_classes=TOP_TOPICS)
            with gr.Column(scale=2):
                summary = gr.Textbox(label="全文摘要 Summary", lines=4, interactive=False)
                speakers = gr.Dataframe(headers=SPEAKER_COLUMNS, datatype=["str", "str", "str", "number"],
                                        label="发言人 Speakers", interactive=False, wrap=True,
                                        elem_id="zhnews-speakers")
        entities = gr.HighlightedText(label="实体 Entities (PER 人名 / ORG 机构 / LOC 地名)", show_legend=True,
                                      combine_adjacent=False, color_map=ENTITY_COLOURS, elem_id="zhnews-entities")
        highlighted = gr.HighlightedText(label="发言标注（按发言人着色）Statements by speaker", show_legend=True,
                                         combine_adjacent=False, elem_id="zhnews-highlighted")
        with gr.Row():
            meta = gr.Markdown(label="网页信息 Page metadata", elem_id="zhnews-meta")
            warnings = gr.Markdown(label="提示 Warnings", elem_id="zhnews-warnings")
        with gr.Accordion("原始 JSON Raw JSON", open=False):
            raw = gr.JSON(label="JSON")

        outputs = [title, topics, entities, highlighted, speakers, summary, meta, warnings, raw]
        run.click(on_analyze, inputs=[text, model], outputs=outputs, api_name="analyze",
                  concurrency_limit=CONCURRENCY, concurrency_id="analyze")
        upload.upload(on_upload, inputs=[upload], outputs=[text], api_name="load_file")
    return demo


def launch(model: Sequence[str | Path] | str | Path | None = None, host: str = "127.0.0.1", port: int | None = None,
           *, threads: int | None = None, prevent_thread_lock: bool = False, quiet: bool = False):
    """Serve the page. `model`: one or more model folders (the first is selected), or None for the
    ones found (see `found_models`). The first model is loaded before the server starts, so a bad
    folder fails here. Returns the gr.Blocks (useful with `prevent_thread_lock`)."""
    choices = model_choices(model)
    if not choices:
        raise DemoInputError("no model folder: pass --model DIR (none given, none found in models/default or runs/)")
    loader = AnalyzerLoader([value for _, value in choices], threads=threads)
    loader(choices[0][1])
    demo = build_demo(loader, choices)
    demo.queue(default_concurrency_limit=CONCURRENCY, max_size=QUEUE_SIZE)
    demo.launch(server_name=host, server_port=port, share=False, max_file_size=MAX_UPLOAD_BYTES,
                show_error=True, ssr_mode=False, prevent_thread_lock=prevent_thread_lock, quiet=quiet,
                inbrowser=False, mcp_server=False)
    return demo

