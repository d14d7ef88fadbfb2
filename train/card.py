"""What a trained model folder says about itself: its config.json (labels, base, adapters, inference
sizes, training spec) and its model card (README.md with data, recipe and measured metrics)."""
from __future__ import annotations

import json
from pathlib import Path

from zhnews.models.folder import model_config
from zhnews.models.network import NER_LABELS


def _pct(x) -> str:
    return "n/a" if x is None else f"{100 * x:.2f}%"


def _prf(scores: dict) -> str:
    return " / ".join(f"{scores[k]:.3f}" for k in ("precision", "recall", "f1"))


def _source_label(source) -> str:
    """ner_extra msra (x4), vocab_coverage (max 2500): the kind, its name, its limits and weight."""
    return source.kind + (f" {source.name}" if source.name else "") + \
        (f" (max {source.max_samples})" if source.max_samples else "") + (f" (x{source.repeat})" if source.repeat > 1 else "")


# the Hugging Face card header every folder's README.md opens with
FRONT_MATTER = ["---", "language: zh", "library_name: zhnews", "tags: [text-classification, token-classification, news]",
                "---", ""]


def render_card(config, report: dict) -> str:
    lines = [
        *FRONT_MATTER, "# zhnews model", "",
        config.description or "Topic, name-tagging and sentence-salience heads on one LoRA-adapted encoder.", "",
        "## Base and recipe", "",
        f"- base: `{config.base.name}`" + (f" (random, {config.base.random})" if config.base.random else "")
        + (f", first {config.base.layers} layers" if config.base.layers else ""),
        f"- LoRA r={config.lora.r}, alpha={config.lora.alpha}, targets {config.lora.target_modules}",
        f"- {report.get('steps')} steps of ~{config.train.tokens_per_batch} tokens, lr {config.train.learning_rate} "
        f"(heads {config.train.head_learning_rate}), topic head initialised from " + (
            f"`{config.train.init_from}`'s (a linear probe if its labels differ)" if config.train.init_from
            else f"a linear probe: {config.train.probe_init}") + (
            f"; then {config.train.ner_steps} name-tagger-only steps of ~{config.train.ner_tokens_per_batch} tokens"
            if config.train.ner_steps else ""),
        *(["- the tagging pass (names, salience) has its own LoRA adapters (`train.tag_adapter`), started at the "
           "shared ones; the name-tagger steps train only them and the NER and salience heads, so the topic "
           "pass keeps its adapters"] if config.train.tag_adapter else []),
        f"- name tagger and salience input: `{config.train.sentence_tokenization}` tokens (`char`: one per "
        f"character); names found as `{config.names}`",
        f"- articles in {config.train.chunk_tokens}-token windows, topic logits averaged over up to "
        f"{config.train.max_chunks} windows; sentences cut at {config.train.sentence_tokens} tokens",
        *([f"- started from the trained folder `{config.train.init_from}` (its adapters and heads; "
           "train/warmstart.py), not from the bare base"] if config.train.init_from else []),
        *([f"- distilled from the teacher `{config.distil.teacher}`: each step's loss is "
           f"{1 - config.distil.weight:g} x gold + {config.distil.weight:g} x the teacher's soft targets at "
           f"T={config.distil.temperature:g} (train/distil.py)"] if config.distil.teacher else []),
        f"- training wall time: {report.get('train_seconds', 0) / 60:.1f} min "
        f"({config.train.threads} CPU threads)",
        "", "## Data", "",
        f"- sources: {', '.join(map(_source_label, config.data.sources))}",
        f"- sizes: `{json.dumps(report.get('sizes', {}), ensure_ascii=False)}`",
        f"- labels: {' '.join(report.get('labels', []))}",
    ]
    return "\n".join(lines + measured_lines(report, config.train.ngram_max_n, config.train.ngram_features))


def graft_card(config: dict, report: dict | None = None, ngram=None) -> str:
    """The card of a grafted folder (train/graft.py): where each pass came from, and its figures once
    measured (`ngram`: the folder's n-gram expert, for the transformer-alone sentence)."""
    g, depth, lora = config["graft"], config["tag_pass"]["layers"], config["tag_pass"]["lora"]

    def command(g: dict) -> str:
        return (f"`zhnews graft OUT --topics {g['topics']} --tags {g['tags']}"
                + (f" --blend {g['blend']['with']} --blend-share {g['blend']['share']:g}" if g.get("blend") else "") + "`")

    inner = g.get("tags_graft")  # the tagger folder was a graft itself: where its tagging pass came from
    lines = [*FRONT_MATTER, "# zhnews model: one folder's topics, another's tagger", "",
             f"Written by {command(g)} (train/graft.py); nothing "
             "was trained. Both passes run on the same base:", "",
             f"- topic pass: `{g['topics']}`'s adapters (LoRA r={config['lora']['r']}), topic head, n-gram expert; "
             f"base `{config['base']['name']}`" + (f", first {config['base']['layers']} layers" if config['base'].get('layers') else ", every layer"),
             "- tagging pass (names, salience, the speech rules' names): "
             + (f"the first {depth} layers" if depth else "every layer") + f" of the same base with `{g['tags']}`'s "
             f"adapters (LoRA r={lora['r']}) and NER / salience heads; its speaker-summary head (else the topic folder's)"
             + (f"; the adapters and heads averaged with `{g['blend']['with']}`'s ({g['blend']['share']:g} of the "
                f"average; each layer's update cut back to rank {lora['r']} by SVD)" if g.get("blend") else "")
             + (f"; `{g['tags']}` was itself written by {command(inner)}, its tagging pass `{inner['tags']}`'s"
                + (f" averaged with `{inner['blend']['with']}`'s ({inner['blend']['share']:g} of the average)"
                   if inner.get("blend") else "") if inner else ""),
             "- adapters stored at half precision; the calibration fitted again on the held-out splits "
             "(even-numbered rows), as training does",
             *([f"- then the article summary trained on top of the tagging pass: adapters of its own (LoRA "
                f"r={config['article_summary']['rank']}) on a copy of its layers and a keep head "
                "(train/summary_keep_tagger.py)"]
               if config.get("article_summary") else [])]
    if not report:
        return "\n".join(lines + ["", "Not measured yet (`zhnews graft ... --measure`).", ""])
    n_max = ngram.ngram_range[1] if ngram is not None else 0
    return "\n".join(lines + [f"- labels: {' '.join(report.get('labels', []))}"]
                     + measured_lines(report, n_max, len(ngram.vocab) if ngram is not None else 0))


def copies_line(what: str, copies: dict[str, int], also: str = "") -> str:
    """Not scored: held-out sentences that repeat a training sentence word for word (weibo 42)."""
    return (f"\nNot scored{' ' + also if also else ''}: {what} word for word ("
            + ", ".join(f"{name or 'all'} {n}" for name, n in copies.items()) + ").")


def measured_lines(report: dict, ngram_max_n: int, ngram_features: int) -> list[str]:
    """The card's figures (metrics.json): topics per held-out split, names, speakers, speed, and use.
    `ngram_max_n` / `ngram_features`: the n-gram expert's shape, named where the transformer's own
    figures are given."""
    lines = [
        "", "## Measured on held-out data", "",
        "| split | accuracy | macro-F1 | ECE | TF-IDF+SVM baseline accuracy | baseline macro-F1 |",
        "|---|---|---|---|---|---|",
    ]
    for name in ("articles", "titles"):
        if name in report:
            r, b = report[name], report.get("baseline", {}).get(name, {})
            lines.append(f"| {name} | {_pct(r['accuracy'])} | {r['macro_f1']:.4f} | {r['ece']:.4f} | "
                         f"{_pct(b.get('accuracy'))} | {b.get('macro_f1', float('nan')):.4f} |")
    for name, r in report.get("sources", {}).items():  # multi-label: one row per source held-out split
        b = report.get("baseline", {}).get(name, {})
        lines.append(f"| {name} | {_pct(r['accuracy'])} | {r['macro_f1']:.4f} | {r['ece']:.4f} (mean per label) | "
                     f"{_pct(b.get('accuracy'))} | {b.get('macro_f1', float('nan')):.4f} |")
    for name, r in report.get("unseen_topics", {}).items():  # train/unseen_topics.py: corpora of other sources
        second = f"; every label at 0.5, micro-F1 {r['micro_f1_at_half']:.4f}" if "micro_f1_at_half" in r else ""
        lines.append(f"| {name} (never trained on) | {_pct(r['accuracy'])} | {r['macro_f1']:.4f} | {r['ece']:.4f} (mean "
                     f"per label{second}) | {_pct(r['baseline_accuracy'])} (every training row) | |")
    if report.get("topic_copies"):  # models/evaluation/splits.unseen_topic_rows
        lines.append(copies_line("held-out texts that repeat a training text", report["topic_copies"], "nor calibrated on"))
    if path := report.get("topic_path"):  # train/evaluate.topic_settings
        lines.append(f"\nRead as every front end reads a text by default: {path['windows']} window of at most "
                     f"{path['window_tokens']} tokens (title + lead), the n-gram expert over the whole text, "
                     + ("both with the text's layout gone (line breaks and spaces between Chinese characters "
                        "dropped: `flat_topic_text`), " if path.get("flat_text") else "")
                     + f"{path['precision']}" + "".join(
                         f"; {k} read over every window (`fast=False`): accuracy {_pct(v)}"
                         for k, v in path.get("every_window_accuracy", {}).items()) + ".")
    alone = report.get("transformer_only")
    if alone:
        lines.append(f"\nTopic logits are the sum of the transformer head and a character 1-{ngram_max_n}-gram "
                     f"expert ({ngram_features:,} n-grams, `ngram.safetensors`). The transformer head "
                     "alone: " + ", ".join(
                         f"{k} accuracy {_pct(v['accuracy'])} / macro-F1 {v['macro_f1']:.4f}" for k, v in alone.items()) + ".")
    only = report.get("baseline", {}).get("articles_trained_on_articles_only")
    if only:
        lines.append(f"\nBaseline trained on the training articles alone: articles accuracy {_pct(only['accuracy'])}.")
    if "calibration" in report:
        c = report["calibration"]
        lines.append(f"\nMulti-label: one calibrated sigmoid per label ({c['method']}), fitted on the "
                     f"{c['fitted_on']}; ECE per label (15 bins) on the {c['ece_per_label_on']}; "
                     "a text's scores do not sum to 1.")
    else:
        lines.append(f"\nScores are calibrated by temperature scaling (T = {report.get('temperature', 1):.3f}, "
                     f"fitted on the {report.get('temperature_fitted_on', '?')}); ECE is top-label, 15 bins.")
    if "articles" in report and report["articles"].get("per_class"):
        lines += ["", "### Per class (articles)", "", "| label | precision | recall | F1 | support |", "|---|---|---|---|---|"]
        for label, m in report["articles"]["per_class"].items():
            if m.get("support"):
                lines.append(f"| {label} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['support']} |")
    if report.get("ner"):
        lines += ["", "## Names (held-out NER sentences of every training corpus)", "",
                  "Entity-level exact match; tags decoded by BIO-constrained Viterbi (`models/tagging.py`).", "",
                  "| type | P | R | F1 | support |", "|---|---|---|---|---|"]
        for kind, m in report["ner"].items():
            lines.append(f"| {kind} | {m['precision']:.4f} | {m['recall']:.4f} | {m['f1']:.4f} | {m['support']} |")
        if report.get("ner_sources"):
            # figures measured before session 36 have no interval: their table as it was
            intervals = all("f1_interval" in m.get("PER", {}) for m in report["ner_sources"].values())
            lines += ["", "Per corpus (each its own held-out sentences" + (
                      "; the PER F1 interval: 95% bootstrap over its sentences, `models/evaluation/ner.py`):"
                      if intervals else "):"), "",
                      "| corpus | PER P / R / F1 | " + ("PER F1 interval | persons | " if intervals else "") +
                      "all types P / R / F1 | entities |", "|---|---|---|---|" + ("---|---|" if intervals else "")]
            for name, m in report["ner_sources"].items():
                per = m.get("PER", {"precision": 0, "recall": 0, "f1": 0})
                spread = (f"{per['f1_interval'][0]:.3f}-{per['f1_interval'][1]:.3f} | {per['support']} | "
                          if intervals else "")
                lines.append(f"| {name} | {_prf(per)} | {spread}{_prf(m['ALL'])} | {m['ALL']['support']} |")
        if report.get("ner_copies"):  # models/evaluation/ner.ner_by_source
            lines.append(copies_line("held-out sentences that repeat a training sentence", report["ner_copies"]))
        alone = report.get("ner_tagger_alone", {}).get("ner_sources")
        if alone:  # train/lexicon.py: the figures above include the dictionary correction
            lines.append("\nPerson tags corrected by jieba's dictionary (`names_lexicon`, models/lexicon.py, fitted by "
                         "`python -m zhnews.train.lexicon`); the tagger alone, PER F1: " + ", ".join(
                             f"{name} {m['PER']['f1']:.3f}" for name, m in alone.items() if "PER" in m) + ".")
        unchecked = report.get("ner_without_edges", {}).get("ner_sources")
        if unchecked:  # train/name_edges.py: the figures above include the check of persons' edges
            lines.append("\nPersons' edges checked by a learned model (`name_edges.json`, models/name_edges.py, fitted by "
                         "`python -m zhnews.train.name_edges`), then a Chinese name one character off run on or cut "
                         "where jieba's segmentation reads the three characters as one person "
                         "(`name_edges.jieba_completed`); without either, PER F1: " + ", ".join(
                             f"{name} {m['PER']['f1']:.3f}" for name, m in unchecked.items() if "PER" in m) + ".")
    if report.get("speakers"):  # {set name: `zhnews eval --speakers` report} (train/speaker_figures.py)
        lines += ["", "## Speakers (`zhnews eval --speakers FILE --no-topics`, the fast path)", "",
                  "Roles: the matched speakers' roles equal to the gold's. Speaker summaries against the baselines "
                  "on the same speakers: (a) the first statement, (b) the first 50 characters of the statements, "
                  "(c) the salience ranking; the article summary against the lead sentence.", "",
                  "| gold set | speaker P / R / F1 | statement P / R / F1 | roles exact | speaker summary ROUGE-L | "
                  "(a) / (b) / (c) | article summary ROUGE-L (lead) |", "|---|---|---|---|---|---|---|"]
        for name, r in report["speakers"].items():
            m = r["model"]
            base = " / ".join(f"{r[k]['rouge']['rouge-l']:.3f}" if k in r else "n/a" for k in
                              ("baseline_first_statement", "baseline_first_50_chars", "baseline_salience_ranking"))
            art = r.get("article_summary_rouge_l")
            art = f"{art['model']:.3f} ({art['baseline_lead_sentence']:.3f})" if art else "n/a"
            roles = m.get("roles") or {}
            roles = f"{roles['accuracy']:.3f} ({roles['exact']} / {roles['n']})" if roles.get("n") else "n/a"
            lines.append(f"| {name} ({r['articles']} articles) | {_prf(m['speakers'])} | {_prf(m['statements'])} | "
                         f"{roles} | {m['rouge']['rouge-l']:.3f} | {base} | {art} |")
    fit = report.get("article_summary")
    if fit:  # train/summary_keep_tagger.py --ship
        lines.append(f"\nThe article summary is learned (models/article_summary.py: LoRA adapters of rank {fit['rank']} "
                     f"on a copy of the tagging pass and a keep head; `{fit['command']}`), fitted on the speech "
                     f"corpus's {', '.join(fit['fitted_on'])}: their article figures are in-sample. Held out: "
                     f"{', '.join(fit['held_out'])} and the blind test split.")
    if "speed" in report:
        lines += speed_lines(report["speed"])
    return lines + ["", "## Use", "", "```", "zhnews analyze --model THIS_FOLDER article.txt", "```", ""]


def update_card(folder, config_path: str, key: str, figures: dict) -> None:
    """Put `figures` under `key` in a trained folder's metrics.json and render its card again (the
    figures measured after training: speakers, a bench run). A grafted folder (train/graft.py) keeps its
    own card, whatever recipe `config_path` names."""
    update_metrics(folder, config_path, {key: figures})


def update_metrics(folder, config_path: str, figures: dict, replaced: tuple[str, ...] = ()) -> None:
    """`update_card` for several keys at once: those in `replaced` leave metrics.json, and `figures` go in
    where the first of them stood (else after the rest, or in place of a key of the same name)."""
    from zhnews.models.config import load_train_config
    from zhnews.models.ngram import NgramExpert

    path = Path(folder) / "metrics.json"
    metrics: dict = {}
    for key, value in json.loads(path.read_text(encoding="utf-8")).items():
        metrics.update(figures if key in replaced else {key: value})
    metrics.update(figures)
    path.write_text(json.dumps(metrics, ensure_ascii=False, indent=1, default=float), encoding="utf-8")
    config = json.loads((Path(folder) / "config.json").read_text(encoding="utf-8"))
    card = (graft_card(config, metrics, NgramExpert.load(Path(folder))) if "graft" in config
            else render_card(load_train_config(config_path), metrics))
    readme = Path(folder) / "README.md"
    readme.write_text(with_title_of(readme, card), encoding="utf-8")


def with_title_of(readme: Path, card: str) -> str:
    """`card` under the title `readme` has now, if any: a folder renamed after training (`teacher`, the
    default until session 28) keeps its name when its figures are written again."""
    old = next((line for line in readme.read_text(encoding="utf-8").splitlines() if line.startswith("# ")), None) \
        if readme.exists() else None
    new = next((line for line in card.splitlines() if line.startswith("# ")), None)
    return card.replace(new, old, 1) if old and new else card


def speed_lines(speed: dict) -> list[str]:
    """The card's "Speed" section from `train/record_bench.speed_summary` (one `zhnews bench` run)."""
    work, cores = speed["workload"], speed["machine"].get("cores", "?")
    modes = [("this model, one process", speed["fast"])]
    if "teacher" in speed:
        modes.append((f"its teacher `{speed['teacher']['model']}`, same run", speed["teacher"]))
    lines = ["", f"## Speed (`zhnews bench`, fast path, {work['articles']} articles of "
                 f"{work['chars'] / max(work['articles'], 1):,.0f} characters, {cores} cores, "
                 f"{speed['threads']} torch threads)", "",
             "| | articles/s | seed page p50 / p95 | load | peak RSS | topic accuracy (articles) | speaker / statement F1 |",
             "|---|---|---|---|---|---|---|"]
    for name, m in modes:
        q, sp = m["quality"], m["quality"].get("speakers", {})
        lines.append(f"| {name} | {m['articles_per_s']:.2f} | {m['seed_p50_ms']:.0f} / {m['seed_p95_ms']:.0f} ms | "
                     f"{m['load_s']:.1f} s | {m['peak_rss_mb']:,.0f} MB | {q.get('topic_accuracy', 0):.2%} | "
                     f"{sp.get('speaker_f1', 0):.3f} / {sp.get('statement_f1', 0):.3f} |")
    if "fast_parallel" in speed:
        p = speed["fast_parallel"]
        lines.append(f"| this model, {p['workers']} one-thread processes (load excluded) | {p['articles_per_s']:.2f} "
                     "| | | | | |")
    return lines


def trained_config(config, labels: list[str], base_sha: str | None, topic_mode: str = "single") -> dict:
    """config.json of a model trained with recipe `config` (temperature 1 until evaluation fits it)."""
    inference = {"chunk_tokens": config.train.chunk_tokens, "max_chunks": config.train.max_chunks,
                 "sentence_tokens": config.train.sentence_tokens,
                 "sentence_tokenization": config.train.sentence_tokenization,
                 "batch_size": config.train.eval_batch_size,
                 **({"flat_topic_text": True} if config.train.flat_topic_text else {})}
    return model_config(labels=labels, ner_labels=NER_LABELS, base=config.base, base_sha256=base_sha,
                        lora=config.lora, inference=inference, temperature=1.0,
                        extra={"names": config.names, **({"topic_mode": "multi"} if topic_mode == "multi" else {}),
                               **({"calibration_at_least_one": True} if config.train.calibration_at_least_one else {}),
                               **({"tag_adapter": True} if config.train.tag_adapter else {}),
                               "training": {"data": json.loads(json.dumps(config.to_dict()["data"])),
                                            "seed": config.train.seed,
                                            **({"init_from": config.train.init_from} if config.train.init_from else {}),
                                            **({"distil": config.to_dict()["distil"]} if config.distil.teacher else {})}})


def record_results(model, config, report: dict) -> None:
    """Put the measured figures into the model's config.json, its card and its metrics.json."""
    model.config["metrics"] = {k: report[k] for k in ("articles", "titles", "sources", "calibration", "ner",
                                                      "ner_sources", "baseline")
                               if k in report}
    model.card = render_card(config, report)
    model.metrics = report
