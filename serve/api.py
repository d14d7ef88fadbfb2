"""`zhnews serve`: one process with the JSON API under `/v1` and the demo page at `/`.

    from zhnews.serve.api import build_app, run_server
    app = build_app({"small": analyzer}, api_key="s3cret")   # FastAPI; the analyzers are already loaded
    run_server(["small"], host="127.0.0.1", port=8000)         # loads the models, runs uvicorn

Endpoints (docs/api.md has the details and examples; OpenAPI at /docs):
- POST /v1/analyze        {"text": str, "model": str?}          -> the contract (models/schema.py)
- POST /v1/analyze_batch  {"texts": [str, ...], "model": str?}   -> {"results": [contract | {"error": ...}]}
- GET  /v1/models  names, labels, card figures;  GET /v1/health  (open even with a key)

Every error is JSON, `{"error": {"type": ..., "message": ...}}` (errors.py), never an HTML page or a
traceback. Requests for one model are micro-batched (microbatch.py) in one worker thread per model,
which the mounted demo page goes through too, so the tokenizer is never called from two threads.
A model is chosen by the name it was served under, never by a path from the client.
"""
from __future__ import annotations

import asyncio
import contextlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from fastapi import Depends, FastAPI
from fastapi.security import HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, StrictStr

from zhnews.models.schema import Analysis, InputError
from zhnews.serve.demo import CONCURRENCY, MAX_DEMO_CHARS, MAX_UPLOAD_BYTES, QUEUE_SIZE, DemoInputError
from zhnews.serve.errors import (MAX_BODY_BYTES, ApiError, ErrorBody, JSONBody, RequestGuard, error_dict,
                                 install_error_handlers)
from zhnews.serve.microbatch import BatchLimits, Busy, Closed, MicroBatcher

MAX_TEXT_CHARS = MAX_DEMO_CHARS  # the same cap as the page: longer input belongs to `zhnews batch`
MAX_BATCH_TEXTS = 64
LOOPBACK = ("127.0.0.1", "localhost", "::1")
ENDPOINTS = {"/v1/analyze": "POST", "/v1/analyze_batch": "POST", "/v1/models": "GET", "/v1/health": "GET"}


# ---------------------------------------------------------------------------------- request / response
class AnalyzeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not silently ignored
    text: StrictStr = Field(description=f"The article or page text, at most {MAX_TEXT_CHARS:,} characters.")
    model: StrictStr | None = Field(None, description="A name from GET /v1/models; default: the first one.")


class BatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    texts: list[StrictStr] = Field(max_length=MAX_BATCH_TEXTS, description=f"At most {MAX_BATCH_TEXTS} texts.")
    model: StrictStr | None = None


class BatchResponse(BaseModel):
    results: list[Analysis | ErrorBody] = Field(description="One per text, in order: the analysis, or an error.")


class ModelInfo(BaseModel):
    name: str
    default: bool
    labels: list[str]
    card: dict[str, float | None] = Field(description="From the folder's metrics.json: articles_accuracy, "
                                                      "titles_accuracy, ner_per_f1 (null where absent).")
    served: dict[str, int] = Field(description="Batches and texts analysed since the server started.")


class ModelsResponse(BaseModel):
    models: list[ModelInfo]


class HealthResponse(BaseModel):
    status: str


# ---------------------------------------------------------------------------------- models served
@dataclass
class ServedModel:
    name: str
    analyzer: object
    batcher: MicroBatcher

    def info(self, default: bool) -> dict:
        return {"name": self.name, "default": default, "labels": list(self.analyzer.labels),
                "card": card_figures(getattr(self.analyzer.model, "metrics", None) or {}),
                "served": {"batches": self.batcher.batches, "texts": self.batcher.texts}}


def card_figures(metrics: dict) -> dict[str, float | None]:
    def pick(*keys):
        value = metrics
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        return float(value) if isinstance(value, (int, float)) else None

    return {"articles_accuracy": pick("articles", "accuracy"), "titles_accuracy": pick("titles", "accuracy"),
            "ner_per_f1": pick("ner", "PER", "f1")}


def model_names(models: Sequence[str | Path] | None) -> dict[str, Path]:
    """name -> folder for `--model` values (shipped names or folders; none: $ZHNEWS_MODEL, else the
    shipped default). A folder is served under its own name; two of one name are refused."""
    from zhnews.models.folder import resolve_model

    named: dict[str, Path] = {}
    for model in models or [None]:
        folder = resolve_model(model).resolve()
        name = folder.name
        if name in named and named[name] != folder:
            raise DemoInputError(f"two models named {name!r} ({named[name]} and {folder}); rename one folder")
        named[name] = folder
    return named


# ---------------------------------------------------------------------------------- the app
def build_app(analyzers: Mapping[str, object], *, api_key: str | None = None, cors_origins: Sequence[str] = (),
              demo: bool = True, limits: BatchLimits | None = None, max_body_bytes: int = MAX_BODY_BYTES) -> FastAPI:
    """The service over already loaded analyzers (name -> analyzer; the first is the default).
    Each gets a MicroBatcher, closed when the app shuts down."""
    if not analyzers:
        raise DemoInputError("no model to serve")
    served = {name: ServedModel(name, a, MicroBatcher(a, limits, name)) for name, a in analyzers.items()}
    default = next(iter(served))

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        yield
        for model in served.values():
            model.batcher.close()

    app = FastAPI(title="zhnews", version="1", lifespan=lifespan, default_response_class=JSONBody,
                  description="Chinese news analysis: topics, speakers, statements, summaries. "
                              "Errors are `{\"error\": {\"type\", \"message\"}}`.")
    app.state.served = served  # for the tests and the demo mount
    install_error_handlers(app)
    app.add_middleware(RequestGuard, api_key=api_key or None, max_body_bytes=max_body_bytes)
    if cors_origins:  # added last, so it is outermost: preflights need no key
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    bearer = [Depends(HTTPBearer(auto_error=False))] if api_key else []  # documents the key; RequestGuard checks it

    def pick(name: str | None) -> ServedModel:
        if name is None:
            return served[default]
        if name not in served:
            raise ApiError(422, "unknown_model", f"unknown model {name[:100]!r}; known: {', '.join(served)}",
                           models=list(served))
        return served[name]

    @app.post("/v1/analyze", response_model=Analysis, dependencies=bearer, responses=ERROR_RESPONSES)
    async def analyze(request: AnalyzeRequest):
        model = pick(request.model)
        problem = text_problem(request.text)
        if problem:
            raise problem
        try:
            result = await asyncio.wrap_future(model.batcher.submit(request.text))
        except (Busy, Closed) as exc:
            raise ApiError(503, "busy", str(exc)) from None
        except Exception as exc:  # noqa: BLE001 - this text could not be analysed; the server goes on
            raise ApiError(422, "analysis_failed", failure_message(exc)) from None
        return JSONBody(result.to_dict())

    @app.post("/v1/analyze_batch", response_model=BatchResponse, dependencies=bearer, responses=ERROR_RESPONSES)
    async def analyze_batch(request: BatchRequest):
        model = pick(request.model)
        results = await asyncio.gather(*(analyze_item(model.batcher, text) for text in request.texts))
        return JSONBody({"results": results})

    @app.get("/v1/models", response_model=ModelsResponse, dependencies=bearer, responses=ERROR_RESPONSES)
    async def models():
        return JSONBody({"models": [m.info(name == default) for name, m in served.items()]})

    @app.get("/v1/health", response_model=HealthResponse)
    async def health():
        return JSONBody({"status": "ok"})

    @app.api_route("/v1/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    async def unknown(rest: str):  # so that /v1 typos get the API's JSON 404, not the page's
        if f"/v1/{rest}" in ENDPOINTS:
            raise ApiError(405, "method_not_allowed", f"{ENDPOINTS[f'/v1/{rest}']} /v1/{rest} only")
        raise ApiError(404, "not_found", f"no endpoint /v1/{rest}; see /docs")

    if demo:
        mount_demo(app, served, default)
    return app


ERROR_RESPONSES = {code: {"model": ErrorBody, "description": what} for code, what in [
    (401, "missing or wrong API key"), (413, "text or body too large"),
    (422, "invalid request, empty text, unknown model, or the text could not be analysed"),
    (503, "too many texts waiting; retry later")]}


def text_problem(text: str) -> ApiError | None:
    from zhnews.models.pipeline import is_blank

    if len(text) > MAX_TEXT_CHARS:
        return ApiError(413, "text_too_long", f"text of {len(text):,} characters; at most {MAX_TEXT_CHARS:,} "
                                              "(use `zhnews batch` for longer files)")
    if is_blank(text):
        return ApiError(422, "empty_text", "empty input: nothing to analyse")
    return None


def failure_message(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, InputError) else f"{type(exc).__name__}: {exc}"


async def analyze_item(batcher: MicroBatcher, text: str) -> dict:
    """One result of a batch request: the contract, or `{"error": {...}}` for this text alone."""
    problem = text_problem(text)
    if problem:
        return problem.body()
    try:
        return (await asyncio.wrap_future(batcher.submit(text))).to_dict()
    except (Busy, Closed) as exc:
        return error_dict("busy", str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad text must not spoil the others
        return error_dict("analysis_failed", failure_message(exc))


def mount_demo(app: FastAPI, served: Mapping[str, ServedModel], default: str) -> None:
    """The demo page at `/`, analysing through the same batchers as the API."""
    import gradio as gr

    from zhnews.serve.demo import build_demo

    def loader(choice: str | None):
        model = served.get(choice or default)
        if model is None:
            raise DemoInputError(f"未知模型：{choice}（可选：{', '.join(served)}）")
        return model.batcher  # has .analyze(text) -> Analysis, which is all the page calls

    page = build_demo(loader, [(name, name) for name in served])
    page.queue(default_concurrency_limit=CONCURRENCY, max_size=QUEUE_SIZE)
    gr.mount_gradio_app(app, page, path="/", max_file_size=MAX_UPLOAD_BYTES, ssr_mode=False, mcp_server=False,
                        show_error=True)


# ---------------------------------------------------------------------------------- running it
def run_server(models: Sequence[str | Path] | None = None, *, host: str = "127.0.0.1", port: int = 8000,
               api_key: str | None = None, cors_origins: Sequence[str] = (), demo: bool = True,
               limits: BatchLimits | None = None, threads: int | None = None, log_level: str = "info") -> None:
    """Load the models (a bad folder fails here, before binding), then serve until interrupted."""
    import uvicorn

    from zhnews.serve.demo import AnalyzerLoader

    named = model_names(models)
    loader = AnalyzerLoader([str(f) for f in named.values()], threads=threads)
    analyzers = {name: loader(str(folder)) for name, folder in named.items()}
    if host not in LOOPBACK and not api_key:
        print(f"zhnews serve: warning: listening on {host} without --api-key: anyone who can reach it can use it",
              file=sys.stderr)
    if api_key and demo:
        print("zhnews serve: note: the key guards /v1; the demo page at / stays open (use --no-demo to drop it)",
              file=sys.stderr)
    app = build_app(analyzers, api_key=api_key, cors_origins=cors_origins, demo=demo, limits=limits)
    uvicorn.run(app, host=host, port=port, log_level=log_level, timeout_graceful_shutdown=5,
                server_header=False)
