"""zhnews inference module: text processing, model loading and the `Analyzer` every front end uses.

`from models import Analyzer` is lazy so that the pure-text modules (models.text, models.page,
models.speech, models.names) import without torch.
"""
from zhnews.models.schema import Analysis, InputError, PageMeta, Span, Speaker, Topic

__all__ = ["Analyzer", "Analysis", "InputError", "PageMeta", "Span", "Speaker", "Topic"]


def __getattr__(name):
    if name == "Analyzer":
        from zhnews.models.analyzer import Analyzer

        return Analyzer
    raise AttributeError(name)
