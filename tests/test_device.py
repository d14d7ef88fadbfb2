"""`--device`: the encoder runs where its weights are and inputs follow them; devices that cannot work
here are refused with a clear error before any text is read."""
import json

import pytest
import torch
from typer.testing import CliRunner

from zhnews.models import Analyzer
from zhnews.models.model import DeviceError, ZhnewsModel
from zhnews.cli import app

TEXT = "新华社北京电 国务院新闻办公室今天举行发布会。发言人张明说：“今年经济运行总体平稳。”"
NO_CUDA = pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has CUDA")


def test_explicit_cpu_device_gives_the_same_analysis(tiny_model_dir, tiny_analyzer):
    on_cpu = Analyzer.from_pretrained(tiny_model_dir, threads=1, device="cpu")
    assert on_cpu.model.device.type == "cpu"
    assert on_cpu.analyze(TEXT).to_dict() == tiny_analyzer.analyze(TEXT).to_dict()


def test_inputs_follow_the_weights(tiny_model_dir):
    model = ZhnewsModel.from_pretrained(tiny_model_dir, threads=1).to("meta")  # a device with no data
    input_ids, mask = model._pad([[0, 5, 2], [0, 2]])
    assert input_ids.device.type == mask.device.type == model.device.type == "meta"


@pytest.mark.parametrize("device, message", [("gpu0", "unknown device"), pytest.param("cuda", "CUDA is not available",
                                                                                      marks=NO_CUDA)])
def test_unusable_device_is_refused(tiny_model_dir, device, message):
    with pytest.raises(DeviceError, match=message):
        Analyzer.from_pretrained(tiny_model_dir, device=device)


def test_int8_fast_path_is_cpu_only(tiny_model_dir):
    with pytest.raises(DeviceError, match="CPU only"):
        Analyzer.from_pretrained(tiny_model_dir, fast={"precision": "int8"}, device="meta")


@NO_CUDA
def test_cli_reports_the_device_error(tiny_model_dir, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(article), "--model", str(tiny_model_dir), "--device", "cuda"])
    assert result.exit_code == 2 and "CUDA is not available" in result.output
    rows = tmp_path / "in.jsonl"
    rows.write_text(json.dumps({"id": 1, "text": TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["batch", str(rows), str(tmp_path / "out.jsonl"), "--model",
                                      str(tiny_model_dir), "--device", "cuda", "--no-progress"])
    assert result.exit_code == 2 and "CUDA is not available" in result.output
    assert not (tmp_path / "out.jsonl").exists() or not (tmp_path / "out.jsonl").read_text().strip()
    result = CliRunner().invoke(app, ["batch", str(rows), str(tmp_path / "out2.jsonl"), "--engine", "ray",
                                      "--device", "cuda"])
    assert result.exit_code == 2 and "local engine" in result.output
