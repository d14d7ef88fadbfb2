"""Speaker attribution of an analyzer against a gold set (`gold.load_speaker_gold_file`): speakers and
statements P/R/F1 and summary ROUGE, beside the summary baselines on the same output:
(a) the speaker's first statement, (b) the first 50 characters of their statements joined, (c) the
salience ranking that made speaker summaries until session 6 (`summarise` over the statements with the
model's salience scores); and, where the gold has article summaries, the article summary against the
lead sentence."""
from __future__ import annotations

from zhnews.models.evaluation.metrics import (aggregate_speaker_scores, first_statement_summary, rouge_chars,
                                              speaker_scores)

JOINED_CHARS = 50


def joined_statements_summary(speaker: dict, max_chars: int = JOINED_CHARS) -> str:
    """Baseline (b): the speaker's statements in text order, joined, cut to `max_chars`."""
    stmts = sorted(speaker.get("statements") or [], key=lambda st: (st["start"], st["end"]))
    return "".join(st["text"].strip() for st in stmts)[:max_chars]


def salience_summaries(analyzer, analyses) -> dict[tuple[int, int], str]:
    """Baseline (c): (article index, speaker index) -> `summarise` of the speaker's statements ranked
    by the model's salience head (one encoder pass for all of them)."""
    from zhnews.models.summarize import summarise

    speakers = [(i, k, [st.text for st in sp.statements]) for i, a in enumerate(analyses)
                for k, sp in enumerate(a.speakers)]
    texts = list(dict.fromkeys(t for _, _, ts in speakers for t in ts))
    scores = dict(zip(texts, analyzer.model.sentence_features(texts, analyzer.settings)[1])) if texts else {}
    return {(i, k): summarise(ts, [scores[t] for t in ts]) for i, k, ts in speakers}


def lead_sentence(text: str) -> str:
    """The baseline for the article summary: the first sentence of the article body (page furniture
    and the title left out as the pipeline does)."""
    from zhnews.models.pipeline import prepare

    prep = prepare(text)
    return prep.norm.text[prep.sentences[0].start : prep.sentences[0].end] if prep.sentences else ""


def speaker_eval(analyzer, gold: list[dict], analyze_batch=None) -> dict:
    """Speaker / statement P-R-F1 and summary ROUGE of `analyze_batch` (default: the analyzer's), and of
    the same speakers with each baseline summary; article-summary ROUGE against the lead sentence."""
    analyses = (analyze_batch or analyzer.analyze_batch)([g["text"] for g in gold])
    baselines = {"baseline_first_statement": first_statement_summary,
                 "baseline_first_50_chars": joined_statements_summary}
    ranked = salience_summaries(analyzer, analyses)
    scored: dict[str, list] = {"model": [], **{name: [] for name in baselines}, "baseline_salience_ranking": []}
    articles: dict[str, list[float]] = {"model": [], "baseline_lead_sentence": []}
    for i, (g, result) in enumerate(zip(gold, analyses)):
        pred = result.to_dict()["speakers"]
        scored["model"].append(speaker_scores(g["speakers"], pred, text=g["text"]))
        for name, summary_of in baselines.items():
            scored[name].append(speaker_scores(g["speakers"], [{**s, "summary": summary_of(s)} for s in pred],
                                               text=g["text"]))
        scored["baseline_salience_ranking"].append(speaker_scores(
            g["speakers"], [{**s, "summary": ranked[(i, k)]} for k, s in enumerate(pred)], text=g["text"]))
        if g.get("summary"):
            articles["model"].append(rouge_chars(result.summary, g["summary"])["rouge-l"]["f"])
            articles["baseline_lead_sentence"].append(rouge_chars(lead_sentence(g["text"]), g["summary"])["rouge-l"]["f"])
    report = {name: aggregate_speaker_scores(per_article) for name, per_article in scored.items()}
    report["articles"] = len(gold)
    if articles["model"]:
        report["article_summary_rouge_l"] = {name: sum(v) / len(v) for name, v in articles.items()}
        report["article_summary_rouge_l"]["n"] = len(articles["model"])
    return report


def annotation_agreement(first: list[dict], second: list[dict]) -> dict:
    """Two annotations of the same articles (gold records as `gold.load_speaker_gold` returns them),
    the first as gold and the second as prediction: the speaker metrics and the article-summary
    ROUGE-L between two careful readers, the ceiling a system can be held to."""
    by_id = {a["id"]: a for a in second}
    per_article, articles = [], []
    for a in first:
        b = by_id.get(a["id"])
        if b is None:
            continue
        pred = [{**sp, "statements": [{**span, "text": st} for span, st in zip(sp["spans"], sp["statements"])]}
                for sp in b["speakers"]]
        per_article.append(speaker_scores(a["speakers"], pred, text=a["text"]))
        if a.get("summary") and b.get("summary"):
            articles.append(rouge_chars(b["summary"], a["summary"])["rouge-l"]["f"])
    report = {"both": aggregate_speaker_scores(per_article), "articles": len(per_article)}
    if articles:
        report["article_summary_rouge_l"] = sum(articles) / len(articles)
    return report


def speaker_summary(report: dict) -> dict:
    """The headline figures of a `speaker_eval` report, rounded to 4 places (what the bench prints)."""
    m = report["model"]
    return {"speaker_f1": round(m["speakers"]["f1"], 4), "speaker_precision": round(m["speakers"]["precision"], 4),
            "speaker_recall": round(m["speakers"]["recall"], 4), "statement_f1": round(m["statements"]["f1"], 4),
            "summary_rouge_l": round(m["rouge"]["rouge-l"], 4), "articles": report["articles"]}
