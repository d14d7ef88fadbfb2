"""zhnews.models, the inference layer: text processing, the model object, the pipeline.

`from zhnews.models import Analyzer` is lazy so that the pure-text modules (text, page, speech,
names) import without torch.
"""
from zhnews.models.schema import Analysis, Entity, InputError, PageMeta, Span, Speaker, Topic

__all__ = ["Analyzer", "Analysis", "Entity", "InputError", "PageMeta", "Span", "Speaker", "Topic", "ZhnewsModel",
           "InferenceSettings"]


def __getattr__(name):
    if name == "Analyzer":
        from zhnews.models.pipeline import Analyzer

        return Analyzer
    if name == "ZhnewsModel":
        from zhnews.models.model import ZhnewsModel

        return ZhnewsModel
    if name == "InferenceSettings":
        from zhnews.models.settings import InferenceSettings

        return InferenceSettings
    raise AttributeError(name)
