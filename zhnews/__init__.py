"""zhnews: Chinese news analysis (topics, speakers with their statements, summaries).

    from zhnews import Analyzer
    analyzer = Analyzer.from_pretrained("small")     # or "default", a folder, None for $ZHNEWS_MODEL
    analysis = analyzer.analyze(text)                # .to_dict(): the JSON contract

Subpackages: zhnews.models (inference: text, model, pipeline, evaluation), zhnews.train (the recipe),
zhnews.serve (demo, batch, bench), zhnews.cli (the `zhnews` command).
"""
from zhnews.models.schema import Analysis, InputError

__all__ = ["Analyzer", "Analysis", "InputError", "InferenceSettings", "ZhnewsModel"]


def __getattr__(name):  # torch loads only when the model side is asked for
    import zhnews.models

    if name in ("Analyzer", "InferenceSettings", "ZhnewsModel"):
        return getattr(zhnews.models, name)
    raise AttributeError(name)
