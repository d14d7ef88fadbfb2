"""The held-out topic figures of a model folder measured again, as training measures them, and written into
its config.json (the calibration's temperatures and biases), metrics.json and card; names, speakers and speed stay:

    python -m zhnews.train.topic_figures models/small configs/small_msra.yaml

For a folder measured before a change to the measuring itself (session 38: held-out copies of training
texts are no longer scored nor calibrated on). Multi-label folders only: the topic part of
`evaluate_training` is `evaluate_multilabel`, fitted on the even-numbered held-out rows as training does.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

# evaluate_multilabel's keys
TOPIC_KEYS = ("sources", "transformer_only", "calibration", "baseline", "topic_copies", "topic_path")


def topic_figures(folder: Path, log=print) -> tuple[dict, dict]:
    """(the topic keys of metrics.json, the calibration's config.json keys) of `folder` on its recorded
    held-out splits."""
    from zhnews.models.evaluation.splits import recorded_splits
    from zhnews.models.folder import calibration_of
    from zhnews.models.model import ZhnewsModel
    from zhnews.train.evaluate import evaluate_multilabel

    model = ZhnewsModel.from_pretrained(folder)
    splits = recorded_splits(model.config)
    if splits is None or model.topic_mode != "multi":
        raise SystemExit(f"{folder}: not a multi-label folder with a recorded data spec; `zhnews eval` measures it")
    ngram, model.ngram = model.ngram, None  # scored alone, then with the expert's logits added, as training does
    figures = evaluate_multilabel(model, splits, log, ngram)
    return figures, calibration_of(model.config)


def write_topic_figures(folder: Path, config_path: str, figures: dict, calibration: dict) -> None:
    from zhnews.train.card import update_metrics

    config_file = folder / "config.json"
    config = json.loads(config_file.read_text(encoding="utf-8"))
    config.update(calibration)
    config_file.write_text(json.dumps(config, ensure_ascii=False, indent=2), encoding="utf-8")
    update_metrics(folder, config_path, figures, replaced=TOPIC_KEYS)  # the new figures where the old stood


def main(argv: list[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("config", help="the folder's recipe (for its card)")
    args = parser.parse_args(argv)
    figures, calibration = topic_figures(args.folder)
    write_topic_figures(args.folder, args.config, figures, calibration)


if __name__ == "__main__":
    main(sys.argv[1:])
