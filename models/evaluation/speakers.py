"""Speaker attribution of an analyzer against a gold set (`gold.load_speaker_gold_file`): speakers and
statements P/R/F1 and summary ROUGE, beside the first-statement summary baseline on the same output."""
from __future__ import annotations

from zhnews.models.evaluation.metrics import aggregate_speaker_scores, first_statement_summary, speaker_scores


def speaker_eval(analyzer, gold: list[dict], analyze_batch=None) -> dict:
    """Speaker / statement P-R-F1 and summary ROUGE of `analyze_batch` (default: the analyzer's), and
    of the same speakers with their first statement as summary (`baseline_first_statement`)."""
    analyses = (analyze_batch or analyzer.analyze_batch)([g["text"] for g in gold])
    per_article, baseline = [], []
    for g, result in zip(gold, analyses):
        pred = result.to_dict()["speakers"]
        per_article.append(speaker_scores(g["speakers"], pred, text=g["text"]))
        firsts = [{**s, "summary": first_statement_summary(s)} for s in pred]
        baseline.append(speaker_scores(g["speakers"], firsts, text=g["text"]))
    return {"model": aggregate_speaker_scores(per_article),
            "baseline_first_statement": aggregate_speaker_scores(baseline), "articles": len(gold)}


def speaker_summary(report: dict) -> dict:
    """The headline figures of a `speaker_eval` report, rounded to 4 places (what the bench prints)."""
    m = report["model"]
    return {"speaker_f1": round(m["speakers"]["f1"], 4), "speaker_precision": round(m["speakers"]["precision"], 4),
            "speaker_recall": round(m["speakers"]["recall"], 4), "statement_f1": round(m["statements"]["f1"], 4),
            "summary_rouge_l": round(m["rouge"]["rouge-l"], 4), "articles": report["articles"]}
