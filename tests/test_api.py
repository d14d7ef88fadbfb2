"""`zhnews serve` (serve/api.py, serve/errors.py, serve/microbatch.py): every endpoint and error, the
key, micro-batching, the mounted demo page, and fuzzed bodies — with the tiny model, in process."""
from __future__ import annotations

import asyncio
import json
import threading

import httpx
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhnews.serve.api import MAX_BATCH_TEXTS, MAX_TEXT_CHARS, build_app
from zhnews.serve.errors import JSONBody
from zhnews.serve.loadtest import load_test, local_url, mixed_up
from zhnews.serve.microbatch import BatchLimits
from tests.conftest import check_contract

TEXTS = ["张伟表示，今年经济稳步增长，消费贡献突出。陈静指出，下半年将继续加大投资力度。",
         "在昨晚结束的全国田径锦标赛男子百米决赛中，苏炳添以9秒98的成绩夺冠。赛后他表示，这次比赛状态很好。",
         "国家统计局新闻发言人刘爱华表示，国民经济延续回升向好态势。“我们有信心完成全年目标。”蓝佛安说。",
         "记者从市教育局获悉，今年秋季学期全市新增学位两万个。局长王芳说：“每个孩子都有学上。”"]
KEY = "test-key-0123456789"
AUTH = {"Authorization": f"Bearer {KEY}"}


class Recording:
    """Wraps an analyzer: records every analyze_batch call; a text containing BOOM makes a batch raise."""

    def __init__(self, inner):
        self.inner, self.model, self.labels = inner, inner.model, inner.labels
        self.calls: list[list[str]] = []
        self.lock = threading.Lock()

    def analyze_batch(self, texts):
        with self.lock:
            self.calls.append(list(texts))
        if any("BOOM" in t for t in texts):
            raise RuntimeError("this batch holds a bad text")
        return self.inner.analyze_batch(texts)


    def batch_result(self, text: str) -> dict:
        """`text`'s result in the (last) batch it was analysed in, analysed again the same way: what
        the API must have answered (bf16 numerics, and even fp32 sums, depend on the batch's padding)."""
        call = next(c for c in reversed(self.calls) if text in c)
        return self.inner.analyze_batch(call)[call.index(text)].to_dict()


def expected(analyzer, text: str) -> bytes:
    """What the API must send for `text` alone: the single call's contract, rendered as the API does."""
    return JSONBody(analyzer.analyze(text).to_dict()).body


def is_error(body: dict, kind: str | None = None) -> bool:
    error = body.get("error")
    return (isinstance(error, dict) and isinstance(error.get("type"), str) and isinstance(error.get("message"), str)
            and (kind is None or error["type"] == kind))


@pytest.fixture(scope="module")
def recorded(tiny_analyzer):
    return Recording(tiny_analyzer)


@pytest.fixture(scope="module")
def client(recorded):
    with TestClient(build_app({"tiny": recorded}), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def keyed(tiny_analyzer):
    with TestClient(build_app({"tiny": tiny_analyzer}, api_key=KEY, demo=False)) as c:
        yield c


# ---------------------------------------------------------------------------------- endpoints
def test_health_and_models(client, tiny_analyzer):
    assert client.get("/v1/health").json() == {"status": "ok"}
    (info,) = client.get("/v1/models").json()["models"]
    assert info["name"] == "tiny" and info["default"] is True and info["labels"] == tiny_analyzer.labels
    assert set(info["card"]) == {"articles_accuracy", "titles_accuracy", "ner_per_f1"}
    assert all(v is None or 0.0 <= v <= 1.0 for v in info["card"].values())
    assert set(info["served"]) == {"batches", "texts"}


def test_analyze_is_the_single_call_byte_for_byte(client, tiny_analyzer):
    for text in TEXTS:
        for body in ({"text": text}, {"text": text, "model": "tiny"}):
            r = client.post("/v1/analyze", json=body)
            assert r.status_code == 200 and r.headers["content-type"] == "application/json"
            check_contract(r.json(), text, tiny_analyzer.labels)
            assert r.content == expected(tiny_analyzer, text)


def test_analyze_batch_items_and_item_errors(client, recorded, tiny_analyzer):
    texts = [TEXTS[0], "", " \n\t", "中" * (MAX_TEXT_CHARS + 1), TEXTS[1]]
    r = client.post("/v1/analyze_batch", json={"texts": texts})
    assert r.status_code == 200
    results = r.json()["results"]
    assert len(results) == len(texts)
    assert is_error(results[1], "empty_text") and is_error(results[2], "empty_text")
    assert is_error(results[3], "text_too_long")
    for i in (0, 4):
        check_contract(results[i], texts[i], tiny_analyzer.labels)
        assert results[i] == recorded.batch_result(texts[i])
    assert client.post("/v1/analyze_batch", json={"texts": []}).json() == {"results": []}


@pytest.mark.parametrize("path, body, status, kind", [
    ("/v1/analyze", {"text": ""}, 422, "empty_text"),
    ("/v1/analyze", {"text": " \u3000\n"}, 422, "empty_text"),
    ("/v1/analyze", {"text": "中" * (MAX_TEXT_CHARS + 1)}, 413, "text_too_long"),
    ("/v1/analyze", {"text": 5}, 422, "invalid_request"),
    ("/v1/analyze", {"text": ["a"]}, 422, "invalid_request"),
    ("/v1/analyze", {}, 422, "invalid_request"),
    ("/v1/analyze", {"text": "a", "extra": 1}, 422, "invalid_request"),
    ("/v1/analyze", [1, 2], 422, "invalid_request"),
    ("/v1/analyze", {"text": "a", "model": "nope"}, 422, "unknown_model"),
    ("/v1/analyze", {"text": "a", "model": "/etc/passwd"}, 422, "unknown_model"),
    ("/v1/analyze", {"text": "a", "model": 3}, 422, "invalid_request"),
    ("/v1/analyze_batch", {"texts": "a"}, 422, "invalid_request"),
    ("/v1/analyze_batch", {"texts": [1]}, 422, "invalid_request"),
    ("/v1/analyze_batch", {"texts": ["a"] * (MAX_BATCH_TEXTS + 1)}, 422, "invalid_request"),
    ("/v1/analyze_batch", {"texts": ["a"], "model": "../small"}, 422, "unknown_model"),
])
def test_error_statuses_and_bodies(client, path, body, status, kind):
    r = client.post(path, json=body)
    assert (r.status_code, r.headers["content-type"]) == (status, "application/json")
    assert is_error(r.json(), kind), r.json()


def test_unknown_model_lists_the_known_ones(client):
    error = client.post("/v1/analyze", json={"text": "a", "model": "x"}).json()["error"]
    assert error["models"] == ["tiny"] and "tiny" in error["message"]


def test_malformed_json_unknown_paths_and_methods(client):
    for content in (b"{bad", b"", b"\xff\xfe", b'{"text": "a"'):
        r = client.post("/v1/analyze", content=content, headers={"content-type": "application/json"})
        assert r.status_code == 422 and is_error(r.json(), "invalid_request")
    r = client.get("/v1/analyze")
    assert r.status_code == 405 and is_error(r.json(), "method_not_allowed")
    r = client.get("/v1/nope")
    assert r.status_code == 404 and is_error(r.json(), "not_found")


def test_body_limit(tiny_analyzer):
    with TestClient(build_app({"tiny": tiny_analyzer}, demo=False, max_body_bytes=1000)) as c:
        r = c.post("/v1/analyze", json={"text": "中" * 400})  # 1,200+ bytes of UTF-8
        assert r.status_code == 413 and is_error(r.json(), "body_too_large")

        def chunks():  # no Content-Length: the limit still holds while reading
            yield b'{"text": "'
            for _ in range(20):
                yield b"a" * 100
            yield b'"}'
        r = c.post("/v1/analyze", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413 and is_error(r.json(), "body_too_large")
        assert c.post("/v1/analyze", json={"text": TEXTS[0]}).status_code == 200


def test_lone_surrogates_come_back_as_json(client, tiny_analyzer):
    text = "张伟表示：“\ud800今年经济稳步增长\udfff。”"
    r = client.post("/v1/analyze", content=json.dumps({"text": text}), headers={"content-type": "application/json"})
    assert r.status_code == 200
    assert r.json() == json.loads(json.dumps(tiny_analyzer.analyze(text).to_dict()))


# ---------------------------------------------------------------------------------- the key
def test_api_key(keyed):
    assert keyed.get("/v1/health").status_code == 200  # health stays open
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": KEY},
                    {"Authorization": "Basic " + KEY}, {"Authorization": "Bearer"}):
        for method, path, body in (("post", "/v1/analyze", {"text": TEXTS[0]}), ("get", "/v1/models", None),
                                   ("post", "/v1/analyze_batch", {"texts": [TEXTS[0]]})):
            r = keyed.request(method, path, json=body, headers=headers)
            assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
            assert is_error(r.json(), "unauthorized")
    assert keyed.post("/v1/analyze", json={"text": TEXTS[0]}, headers=AUTH).status_code == 200
    assert keyed.get("/v1/models", headers=AUTH).status_code == 200
    # the key is checked before the body is read: no key and a bad body is still 401
    r = keyed.post("/v1/analyze", content=b"{bad", headers={"content-type": "application/json"})
    assert r.status_code == 401


def test_cors_off_by_default_and_on_when_asked(client, tiny_analyzer):
    origin = {"Origin": "https://example.org"}
    assert "access-control-allow-origin" not in client.get("/v1/health", headers=origin).headers
    with TestClient(build_app({"tiny": tiny_analyzer}, demo=False, api_key=KEY,
                              cors_origins=["https://example.org"])) as c:
        r = c.options("/v1/analyze", headers={**origin, "Access-Control-Request-Method": "POST"})
        assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "https://example.org"


# ---------------------------------------------------------------------------------- micro-batching
async def post_all(app, requests: list[tuple[str, dict]]) -> list[httpx.Response]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        return await asyncio.gather(*(c.post(path, json=body) for path, body in requests))


def test_concurrent_requests_share_one_batch(tiny_analyzer):
    recording = Recording(tiny_analyzer)
    # a long window and a cap of exactly the request count: the batch runs when the last one arrives
    app = build_app({"tiny": recording}, demo=False, limits=BatchLimits(window_s=30, max_texts=len(TEXTS)))
    responses = asyncio.run(post_all(app, [("/v1/analyze", {"text": t}) for t in TEXTS]))
    assert len(recording.calls) == 1 and sorted(recording.calls[0]) == sorted(TEXTS)
    for text, r in zip(TEXTS, responses):  # each gets its own result: its part of that analyze_batch
        assert r.status_code == 200 and r.content == JSONBody(recording.batch_result(text)).body
        check_contract(r.json(), text, tiny_analyzer.labels)
    served = app.state.served["tiny"].batcher
    assert (served.batches, served.texts) == (1, len(TEXTS))
    served.close()


def test_batch_request_is_split_by_the_caps(tiny_analyzer):
    recording = Recording(tiny_analyzer)
    app = build_app({"tiny": recording}, demo=False, limits=BatchLimits(window_s=30, max_texts=2))
    (r,) = asyncio.run(post_all(app, [("/v1/analyze_batch", {"texts": TEXTS})]))
    assert [len(call) for call in recording.calls] == [2, 2]
    assert r.json()["results"] == [recording.batch_result(t) for t in TEXTS]
    app.state.served["tiny"].batcher.close()


def test_a_failing_batch_is_redone_item_by_item(tiny_analyzer):
    recording = Recording(tiny_analyzer)
    app = build_app({"tiny": recording}, demo=False, limits=BatchLimits(window_s=30, max_texts=3))
    texts = [TEXTS[0], "BOOM " + TEXTS[1], TEXTS[2]]
    (r,) = asyncio.run(post_all(app, [("/v1/analyze_batch", {"texts": texts})]))
    results = r.json()["results"]
    assert is_error(results[1], "analysis_failed") and "bad text" in results[1]["error"]["message"]
    assert results[0] == tiny_analyzer.analyze(texts[0]).to_dict()
    assert results[2] == tiny_analyzer.analyze(texts[2]).to_dict()
    assert len(recording.calls[0]) == 3 and sorted(map(len, recording.calls[1:])) == [1, 1, 1]
    app.state.served["tiny"].batcher.close()
    with TestClient(build_app({"tiny": recording}, demo=False)) as c:  # a single failing request: JSON, and on
        r = c.post("/v1/analyze", json={"text": "BOOM"})
        assert r.status_code == 422 and is_error(r.json(), "analysis_failed")
        assert c.post("/v1/analyze", json={"text": TEXTS[0]}).status_code == 200


def test_unexpected_errors_are_json_500(tiny_analyzer):
    class Broken(Recording):
        @property
        def labels(self):
            raise RuntimeError("secret internals")

        @labels.setter
        def labels(self, _value):
            pass

    with TestClient(build_app({"tiny": Broken(tiny_analyzer)}, demo=False), raise_server_exceptions=False) as c:
        r = c.get("/v1/models")
        assert r.status_code == 500 and is_error(r.json(), "internal_error")
        assert "secret" not in r.text and "Traceback" not in r.text


# ---------------------------------------------------------------------------------- the page
def test_demo_page_is_mounted_and_analyses(client, tiny_analyzer):
    r = client.get("/")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert "zhnews" in client.get("/config").text
    r = client.post("/gradio_api/call/analyze", json={"data": [TEXTS[0], "tiny"]})
    assert r.status_code == 200
    stream = client.get(f"/gradio_api/call/analyze/{r.json()['event_id']}").text
    data = [line[len("data:"):] for line in stream.splitlines() if line.startswith("data:")]
    assert "event: complete" in stream, stream[:500]
    outputs = json.loads(data[-1])
    assert outputs[-1] == tiny_analyzer.analyze(TEXTS[0]).to_dict()


# ---------------------------------------------------------------------------------- fuzzing
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12)
TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=60) | st.sampled_from(
    ["\ud800", "a\udfffb", "张伟说：“\ud83d”", "\x00", " ", "\u200b"])
BODIES = (JSON_VALUES | st.fixed_dictionaries({"text": TEXT | JSON_VALUES}, optional={"model": JSON_VALUES})
          | st.fixed_dictionaries({"texts": st.lists(TEXT, max_size=4) | JSON_VALUES}))
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])


@FUZZ
@given(body=BODIES, path=st.sampled_from(["/v1/analyze", "/v1/analyze_batch", "/v1/models"]))
def test_fuzzed_json_bodies_never_500(client, body, path):
    r = client.post(path, content=json.dumps(body), headers={"content-type": "application/json"})
    assert r.status_code < 500 and r.headers["content-type"] == "application/json"
    payload = r.json()
    assert r.status_code == 200 or is_error(payload)


@FUZZ
@given(raw=st.binary(max_size=80))
def test_fuzzed_raw_bodies_never_500(client, raw):
    r = client.post("/v1/analyze_batch", content=raw, headers={"content-type": "application/json"})
    assert r.status_code < 500 and (r.status_code == 200 or is_error(r.json()))


# ---------------------------------------------------------------------------------- the load test
def test_load_test_only_targets_local_servers():
    assert local_url("http://127.0.0.1:8000/") == "http://127.0.0.1:8000"
    assert local_url("http://localhost:1") and local_url("http://[::1]:8000")
    for url in ("http://example.org:8000", "http://10.0.0.1:8000", "http://127.0.0.1.example.org", "file:///etc",
                "http://user@evil.org/?127.0.0.1"):
        with pytest.raises(ValueError):
            local_url(url)


def test_mixed_up_detects_foreign_offsets():
    result = {"speakers": [{"statements": [{"text": "你好", "start": 2, "end": 4}]}]}
    assert not mixed_up("甲说你好", result) and mixed_up("乙说再见", result)


def test_load_test_against_a_real_server(tiny_analyzer):
    import socket
    import time

    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(build_app({"tiny": tiny_analyzer}, demo=False), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started and thread.is_alive():
        time.sleep(0.05)  # waiting for the socket, not timing anything
    try:
        report = load_test(f"http://127.0.0.1:{port}", TEXTS, clients=4, requests=12)
    finally:
        server.should_exit = True
        thread.join(10)
    assert (report["requests"], report["errors"], report["mixed_up"]) == (12, 0, 0)
    assert report["mean_batch"] >= 1


# ---------------------------------------------------------------------------------- the command
def test_serve_command_defaults_and_options(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    import zhnews.serve.api
    from zhnews.cli import app

    seen = {}
    monkeypatch.setattr(zhnews.serve.api, "run_server", lambda models, **kw: seen.update(kw, models=models))
    monkeypatch.delenv("ZHNEWS_API_KEY", raising=False)
    assert CliRunner().invoke(app, ["serve", "-m", "small"]).exit_code == 0
    assert (seen["host"], seen["api_key"], tuple(seen["cors_origins"]), seen["demo"]) == ("127.0.0.1", None, (), True)
    assert seen["models"] == ["small"] and seen["limits"].max_texts == 16
    monkeypatch.setenv("ZHNEWS_API_KEY", "from-env")
    result = CliRunner().invoke(app, ["serve", "--no-demo", "--cors-origin", "http://a.test", "--batch-window-ms", "5",
                                      "--batch-max-texts", "8"])
    assert result.exit_code == 0 and seen["api_key"] == "from-env" and seen["demo"] is False
    assert seen["cors_origins"] == ["http://a.test"] and seen["limits"].window_s == 0.005
    monkeypatch.undo()
    result = CliRunner().invoke(app, ["serve", "-m", str(tmp_path / "missing")])
    assert result.exit_code == 1 and "not a model folder" in result.output


def test_model_names(tmp_path):
    from zhnews.serve.api import model_names
    from zhnews.serve.demo import DemoInputError

    assert list(model_names(["small"])) == ["small"]
    (tmp_path / "a" / "small").mkdir(parents=True)
    with pytest.raises(DemoInputError):
        model_names(["small", tmp_path / "a" / "small"])
