"""Evaluation in one place, in the bottom layer because train/ (the figures of a training run) and
serve/ (the bench's quality figures) both use it, and `zhnews eval` runs it:

- `metrics`: pure metrics (classification report, ECE, character ROUGE, speaker scores), no I/O;
- `gold`: the speaker gold sets, rebuilt from the shared corpora, and the seed page gold;
- `splits`: `build_splits`, the one function that makes the training and held-out splits of a data
  spec, and `recorded_splits` / `held_out_articles`, the same for the spec a model folder recorded;
- `topics`, `ner`, `speakers`: an analyzer scored on topic rows, BIO sentences, a speaker gold set;
- `baseline`: the char 1-2-gram TF-IDF + linear SVM every topic figure is compared with;
- `report`: `run_eval`, the body of `zhnews eval`.

Import the module you need (`from zhnews.models.evaluation.metrics import ...`); this file imports
nothing, so the pure ones load without torch.
"""
