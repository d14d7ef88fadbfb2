"""Session 68: what a person posted or published between them and a bare verb (在豆瓣网上留言称…, 在博客中登载博文
表示…, 发帖称…); a short clause after a verb whose words are a clause (称压力很大，已注销… / 否认自己有罪，并…): what was
said, where it had been stepped over as whom the words were for (告诉记者，… still is), and a noun pointed at (会考虑这些
建议，…: no cue of 建议); a clause that is the person described alone (与前者苦恋7年的舒淇，|虽坦承…) giving the subject of
the next; 虽 glued to a name or standing before the verb; 正如X不久前所说 and 据X的描述：…. Every text here is invented
for the test; `tagging(...)` finds exactly the names given. Five fail before the change (a post, a short clause, a
person described, 虽 glued, 不久前所说 / 据…的描述); the others guard (an addressee, a colon after an object, a semicolon
typed for a colon, which the sentence splitter's own test covers, the object of a verb of meeting or thanks, 虽说, a
description two clauses back)."""
from __future__ import annotations

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


def test_a_post_or_a_published_piece_before_a_bare_verb():
    text = "女孩张萌在豆瓣网上留言称压力太大，已经注销了校内网上的账号。\n"
    assert texts(run(text, tagging("张萌"))[0]["张萌"]) == ["压力太大，已经注销了校内网上的账号。"]
    text = "今年2月，声优池泽春菜在自己博客中登载博文表示已经不堪其扰。\n"
    assert texts(run(text, tagging("池泽春菜"))[0]["池泽春菜"]) == ["已经不堪其扰。"]
    text = "网友王明昨天发帖称自己是一个17岁的女孩。\n"
    assert texts(run(text, tagging("王明"))[0]["王明"]) == ["自己是一个17岁的女孩。"]


def test_a_short_clause_after_a_verb_that_takes_no_addressee_is_said():
    text = "博塔在记者招待会上否认自己有罪，并为种族隔离制度辩护。\n"
    assert texts(run(text, tagging("博塔"))[0]["博塔"]) == ["自己有罪，并为种族隔离制度辩护。"]
    text = "霍震霆表示会考虑这些建议，也有可能申请竞选主席职务。\n"
    assert texts(run(text, tagging("霍震霆"))[0]["霍震霆"]) == ["会考虑这些建议，也有可能申请竞选主席职务。"]


def test_whom_the_words_are_for_is_still_stepped_over():
    text = "王明告诉记者，这本族谱并不是原本。王丽提醒消费者，购买时一定要看清标签。\n"
    by_name, _ = run(text, tagging("王明", "王丽"))
    assert texts(by_name["王明"]) == ["这本族谱并不是原本。"]
    assert texts(by_name["王丽"]) == ["购买时一定要看清标签。"]
    text = "王明指出两点：一是要注意安全，二是要节约用水。\n"
    assert texts(run(text, tagging("王明"))[0]["王明"]) == ["一是要注意安全，二是要节约用水。"]


def test_a_semicolon_typed_for_a_colon_after_a_reporting_verb_opens_the_quote():
    text = "CRIC联席董事长、CEO周忻表示；“我们很高兴看到CRIC成功上市，这将确立CRIC的地位。”\n"
    assert texts(run(text, tagging("周忻"))[0]["周忻"]) == ["我们很高兴看到CRIC成功上市，这将确立CRIC的地位。"]


def test_a_clause_that_describes_the_person_alone_gives_the_subject_of_the_next():
    # 与前者苦恋7年的舒淇，|虽坦承… / …的孙菲菲，|当晚表示…: the noun phrase is the person, who speaks next
    text = "爱黎明被曝去年已在美国注册结婚，与前者苦恋7年的舒淇，虽坦承已从脑袋中删除旧爱的记忆，不过仍然很伤心。\n"
    assert texts(run(text, tagging("爱黎明", "舒淇"))[0]["舒淇"])[0].startswith("已从脑袋中删除旧爱的记忆")
    text = "演惯了古装剧、年代戏的孙菲菲，当晚表示新戏会尝鲜。\n"
    assert texts(run(text, tagging("孙菲菲"))[0]["孙菲菲"]) == ["新戏会尝鲜。"]
    # the reporter acting in the clause: whom they met is no subject of the next
    assert not run("记者采访了刚刚获奖的孙菲菲，随后表示这部电影很好看。\n", tagging("孙菲菲"))[0]


def test_although_glued_to_a_name_or_between_it_and_the_verb():
    # 虽 (although): the finder glues it to the name (舒淇虽|坦承) and it stands where 却 / 也 stand before a verb
    text = "舒淇虽坦承已从脑袋中删除旧爱的记忆，不过仍然很伤心。\n"
    assert list(run(text, tagging("舒淇虽"))[0]) == ["舒淇"]


def test_a_phrase_after_a_verb_of_meeting_or_thanks_is_its_object_not_a_subject():
    text = "当天上午，梁丽看到在该处搞卫生的清洁工曹万义，就对曹称其捡得一个纸皮箱，要求借曹的地方放一下。\n"
    assert "曹万义" not in run(text, tagging("梁丽", "曹万义"))[0]
    assert not run("感谢进球的皮耶罗，更感谢带伤上阵连连制造惊奇的内德维德。\n", tagging("皮耶罗", "内德维德"))[0]


def test_although_before_say_is_no_cue_and_a_description_reaches_only_the_next_clause():
    # 虽然说 / 虽说: "although", no words said; the described person speaks in the clause right after, not two on
    text = "王明表示，球队的体能训练效果并不好。记者了解到，球队春节后放假三天，虽说球队熬到了春节休赛期，但是后面的赛程依然非常艰苦。\n"
    assert texts(run(text, tagging("王明"))[0]["王明"]) == ["球队的体能训练效果并不好。"]
    text = "送出10次助攻的隆多，甚至懒得张嘴说说自己的表现，随口说几句应付的话，就把问题交给了雷阿伦。\n"
    assert not run(text, tagging("隆多", "雷阿伦"))[0]


def test_an_adverbial_before_as_someone_said_and_someones_account():
    # 正如安切洛蒂不久前所说，… (an adverbial between the name and 所说); 据杰里的描述：… / 据张三的介绍，… (as 据…介绍)
    text = "虽然帅位岌岌可危，但就像安切洛蒂不久前所说，他和切尔西一样，依然还活着。\n"
    assert texts(run(text, tagging("安切洛蒂"))[0]["安切洛蒂"]) == ["他和切尔西一样，依然还活着。"]
    text = "但是据杰里的描述：这是一家号称中国篮球装备第一品牌的企业。\n"
    assert texts(run(text, tagging("杰里"))[0]["杰里"]) == ["这是一家号称中国篮球装备第一品牌的企业。"]
    # two persons before 所说: nobody's alone
    assert not run("正如张三和李四所说，改革还要继续。\n", tagging("张三", "李四"))[0]
    # another's account right after a speaker's verb opens the speaker's words (王清志称，根据老师和同学的说法，…)
    text = "对此王清志称，根据老师和同学的说法，当天下午亭亭突然倒在了教室里。\n"
    assert texts(run(text, tagging("王清志"))[0]["王清志"]) == ["根据老师和同学的说法，当天下午亭亭突然倒在了教室里。"]
