"""Speech attribution: the conventions added in session 16 from the errors of the speech corpus's fresh4
split (tests/data/speech_corpus/fresh4.jsonl, scored before any change, then read). Every article here is
invented for the test. `tagging(...)` stands in for a name tagger that finds exactly the names given, with
the boundary mistakes the default model made on the real articles."""
from __future__ import annotations

from zhnews.models.schema import Entity
from tests.test_speech import run, texts


def tagging(*names: str):
    """A name finder that tags every occurrence of `names` (longest first) as PER."""
    def finder(sentences):
        out = []
        for s in sentences:
            ents, taken = [], set()
            for name in sorted(names, key=len, reverse=True):
                i = s.find(name)
                while i >= 0:
                    if not taken & set(range(i, i + len(name))):
                        ents.append(Entity(i, i + len(name), "PER", name))
                        taken |= set(range(i, i + len(name)))
                    i = s.find(name, i + len(name))
            out.append(sorted(ents, key=lambda e: e.start))
        return out
    return finder


def test_names_in_latin_letters_with_a_title_after_or_a_role_before():
    text = ("记者专访了西班牙驻华使馆领事MARIA FACHAL女士。MARIA FACHAL女士表示，来西班牙留学的中国学生会增长。"
            "MARIAFACHAL女士介绍，申请是在线提交的。\n")
    by_name, _ = run(text, tagging())
    assert list(by_name) == ["MARIA FACHAL"]  # the spelling without its space is the same person
    assert texts(by_name["MARIA FACHAL"]) == ["来西班牙留学的中国学生会增长。", "申请是在线提交的。"]
    by_name, _ = run("阿尔卡拉大学校长FernandoGalvan介绍，目前该校有5000余名国际学生。\n", tagging())
    assert texts(by_name["FernandoGalvan"]) == ["目前该校有5000余名国际学生。"]
    by_name, _ = run("该公司CEO Henk Rogers表示：“这款游戏在移动平台上永远不会消失。”\n", tagging())
    assert list(by_name) == ["Henk Rogers"]  # the acronym before the name is its role, not part of it
    # a bare Latin word before a verb is as often a company: no speaker
    by_name, _ = run("Google表示，将在年底推出新手机。\n", tagging())
    assert by_name == {}


def test_shuo_guo_before_a_quote_opens_it():
    by_name, _ = run("集团总裁办主任李列林曾说过“要借鉴事件教训，提高警惕。”但事故还是发生了。\n", tagging("李列林"))
    assert texts(by_name["李列林"]) == ["要借鉴事件教训，提高警惕。"]


def test_zhe_wei_and_a_role_is_the_person_named_last_in_its_sentence():
    text = ("“我可以打3号位。”米尔萨普说道。而当把这个问题抛给搭档杰弗森时，这位身材同样不高的中锋表示，"
            "“我继续留在5号位。”\n")
    by_name, _ = run(text, tagging("米尔萨普", "杰弗森"))
    assert texts(by_name["杰弗森"]) == ["我继续留在5号位。"]
    assert texts(by_name["米尔萨普"]) == ["我可以打3号位。"]
    # the person named in an earlier sentence is not the one 这位 points to
    text = "大楼是郑军所建的宾馆。“我跟着老丈人干。”这位施工者还告诉记者，“这处房子是前任领导批的。”\n"
    assert "郑军" not in run(text, tagging("郑军"))[0]


def test_nicknames_of_a_name_in_the_text_are_that_person():
    text = "歌手李宇春表示，自己还是电影新人。作为推广大使的春春还表示，会继续努力。\n"
    by_name, _ = run(text, tagging("李宇春", "春春"))
    assert list(by_name) == ["李宇春"]
    assert texts(by_name["李宇春"]) == ["自己还是电影新人。", "会继续努力。"]
    text = "阿玛尔-斯塔德迈尔表示，湖人很软。随后小斯补充说，湖人的内线不够强硬。\n"
    by_name, _ = run(text, tagging("阿玛尔-斯塔德迈尔", "小斯"))
    assert list(by_name) == ["阿玛尔-斯塔德迈尔"] and len(by_name["阿玛尔-斯塔德迈尔"].statements) == 2


def test_a_surname_and_an_aunts_address_is_no_full_name():
    by_name, _ = run("住在这里的钟姨告诉记者，她不得不减少买肉的次数。\n", tagging("钟姨"))
    assert by_name == {}
    # a transliteration is a name (韦伯, Webber), whatever its last character
    by_name, _ = run("电视台评论员韦伯认为，小牛队的表现实在太软。\n", tagging("韦伯"))
    assert list(by_name) == ["韦伯"]


def test_a_character_glued_to_a_name_the_text_also_has_goes_back_to_its_word():
    # 李宇春|谦虚 and 选|中田亮: the tagger's span takes a character of the next / previous word
    text = "李宇春表示，自己是新人。而李宇春谦虚笑言，资历还不够。\n"
    by_name, _ = run(text, tagging("李宇春谦", "李宇春"))
    assert list(by_name) == ["李宇春"] and texts(by_name["李宇春"]) == ["自己是新人。", "资历还不够。"]
    text = "田亮开玩笑说，这次抢了老戏骨的角色。导演提到选中田亮的原因，是因为他很自信。\n"
    by_name, _ = run(text, tagging("中田亮", "田亮"))
    assert "中田亮" not in by_name and "田亮" in by_name
