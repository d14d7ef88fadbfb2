"""Speech attribution: a story's lead quote, a sentence of its own that no cue claims, is the words of the person
who starts to speak in the sentence right after it (session 52; models/speech/free_quotes.lead_quotes). Every
article here is invented for the test; `tagging(...)` finds exactly the names given."""
from __future__ import annotations

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


def test_a_lead_quote_is_the_words_of_who_speaks_right_after_it():
    text = ("“太阳能在新能源规划中的重要性列第二位，仅次于核电。”6月5日，在高峰对话会的间隙，国家能源局副局长吴光明"
            "对本报记者表示，新能源振兴规划的基本框架已经确立。\n")
    by_name, _ = run(text, tagging("吴光明"))
    assert texts(by_name["吴光明"]) == ["太阳能在新能源规划中的重要性列第二位，仅次于核电。", "新能源振兴规划的基本框架已经确立。"]


def test_not_a_question_a_quote_naming_them_another_voice_first_or_words_after_a_colon():
    lead = "新的一年，公司又要开拓市场。"
    cases = [  # (the quote, the sentence after it, the person named there): each quote stays nobody's
        ("“杨总，你们的纸主要进入哪里的市场，能透露一下吗？”", "在展销会上，杨占红笑着表示，市场容量很大。", "杨占红"),
        ("“郭晓晶越来越漂亮了，也越来越会穿衣服了。”", "颁奖礼后，郭晓晶略带得意地表示，衣服都是自己挑的。", "郭晓晶"),
        ("“她都跳了好几家公司了，所以都呆不太久。”", "昨天赵某说，原本李琪工作起来非常认真，但李琪认为晋升太难。", "李琪"),
        ("“这场比赛太艰苦了。”", "赛后，张大伟笑了笑：“大家都会受伤。”", "张大伟"),
    ]
    for quote, after, name in cases:
        by_name, _ = run(lead + quote + after + "\n", tagging(name))
        assert quote.strip("“”") not in texts(by_name[name]), quote
        assert texts(by_name[name])[-1] in after  # their own words are still read
    # the same quote before the same person's verb with a comma is theirs
    by_name, _ = run(lead + "“这场比赛太艰苦了。”赛后，张大伟表示，大家都会受伤。\n", tagging("张大伟"))
    assert texts(by_name["张大伟"]) == ["这场比赛太艰苦了。", "大家都会受伤。"]
