"""Speakers' roles: conventions added in session 34 from the role errors on every development split of the
speech corpus (roles exact 79.1% -> 85.4%, no speaker or statement figure lower). Every article here is
invented for the test; `tagging(...)` finds exactly the names given. Each test failed under the session's first
rules but `test_an_office_is_preferred_to_a_person_noun_given_first`, which guards what the person nouns could
have taken over."""
from __future__ import annotations

import pytest

from tests.test_speech import run
from tests.test_speech_fresh4 import tagging
from zhnews.models.schema import Entity
from zhnews.models.speech.roles import _has_role_word, holds_office
from zhnews.models.speech.vocab import DEFAULT_CONFIG, vocab_index


def role_of(text: str, name: str, *names: str) -> str | None:
    by_name, _ = run(text + "\n", tagging(name, *names))
    return by_name[name].role


@pytest.mark.parametrize("text, name, role", [
    ("英国外交大臣库克说，英国支持这个计划。", "库克", "英国外交大臣"),  # a cabinet office
    ("农民谭金树说，今年的收成很好。", "谭金树", "农民"),  # a person noun: what someone is, no office
    ("影评人宋子文则认为，这部电影的题材很好。", "宋子文", "影评人"),
    ("慈云寺支局投递员王飞说，信件都送到了。", "王飞", "慈云寺支局投递员"),  # a noun ending in 员
    ("作曲家杜马舍夫说，这首歌写于北京。", "杜马舍夫", "作曲家"),  # … in 家
])
def test_a_person_noun_before_the_name_is_the_role(text, name, role):
    assert role_of(text, name) == role


def test_words_ending_like_person_nouns_that_are_none_make_no_role():
    vocab = vocab_index(DEFAULT_CONFIG)
    assert _has_role_word("作曲家", vocab) and _has_role_word("清洁员", vocab) and _has_role_word("花农", vocab)
    assert not any(_has_role_word(w, vocab) for w in ("人家", "大家", "国家", "全民"))
    assert holds_office("科技部部长", vocab) and not holds_office("农民", vocab)


def test_an_office_is_preferred_to_a_person_noun_given_first():
    text = "党和国家领导人李鹏出席了会议。\n国务院总理李鹏说，改革要继续推进。"
    assert role_of(text, "李鹏") == "国务院总理"
    # a person noun before the name, a title after it (…获得者李政道教授): the title
    assert role_of("诺贝尔物理学奖获得者李政道教授说，冶金技术很早就很先进。", "李政道") == "教授"


@pytest.mark.parametrize("text, name, role", [
    ("听省农委副主任陈吉芳介绍，今年种了好谷子。", "陈吉芳", "省农委副主任"),  # what the sentence does to them
    ("有好莱坞华裔导演王颖说，这部电影很感人。", "王颖", "好莱坞华裔导演"),
    ("一名投递员许国富说，今年的信件特别多。", "许国富", "投递员"),  # a count
])
def test_what_only_leads_up_to_the_role_is_no_part_of_it(text, name, role):
    assert role_of(text, name) == role


def test_a_quoted_body_or_a_work_inside_the_role():
    assert role_of("国民党“文传会”主委李建荣昨天表示，选举将如期举行。", "李建荣") == "国民党“文传会”主委"
    assert role_of("《剧本》杂志副主编周明说，这个戏不是一般的戏。", "周明") == "《剧本》杂志副主编"
    # a slogan in quotes is no body's name: the role starts after it
    role = role_of("台后“拨乱反正”国民党文传会主委李建荣表示，选举将如期举行。", "李建荣")
    assert role is not None and "拨乱反正" not in role and role.endswith("国民党文传会主委")


def test_two_offices_of_one_person():
    text = "国务委员兼国家科委主任宋健说，科技要面向经济建设。"
    assert role_of(text, "宋健") == "国务委员兼国家科委主任"
    # 助理 before 、 is a noun jieba knows, not another person's name
    role = role_of("中国现代国际关系研究院院长助理、研究员傅梦孜7日说，峰会有三大看点。", "傅梦孜")
    assert role is not None and role.endswith("研究院院长助理、研究员")


def test_a_title_after_the_name_with_its_prefix():
    assert role_of("许中田副社长说，代表团的访问很成功。", "许中田") == "副社长"
    assert role_of("贾廷寅支队长介绍说，指路卡是一位民警想出来的。", "贾廷寅") == "支队长"


def test_a_role_before_a_list_of_names_joined_by_he_or_with_notes_between():
    assert role_of("编剧邵钧林和稽道青说，这部戏写了三年。", "稽道青", "邵钧林") == "编剧"
    text = "主演李心洁(微博)、霍思燕(微博)说，拍摄时很害怕。"
    assert role_of(text, "霍思燕", "李心洁") == "主演"


def test_a_microblog_handle_after_the_role():
    assert role_of("亚太城市研究会房地产分会会长@陈宝存表示，房价还会涨。", "陈宝存") == "亚太城市研究会房地产分会会长"


def test_a_title_before_and_joins_another_person():
    text = "11国的政府首脑及欧盟委员会主席桑特说，欧元将如期启动。"
    assert role_of(text, "桑特") == "欧盟委员会主席"
    # 劳工及福利局: one body's name
    assert role_of("香港劳工及福利局局长张建宗说，就业情况在好转。", "张建宗") == "香港劳工及福利局局长"


def test_a_company_name_opening_the_sentence():
    # jieba reads the brand as a verb and a classifier (生活/vn 家/q): the sentence's first words are the company's
    text = "这是一场恶战。生活家地板华北区营销总经理孙皓鸣对记者说，价格战会持续。"
    assert role_of(text, "孙皓鸣") == "生活家地板华北区营销总经理"
    # a verb opening the sentence is no company's name
    role = role_of("来自哈尔滨理工大学的访问学者单兴缘向记者表示，独在异乡很辛苦。", "单兴缘")
    assert role is not None and not role.startswith("来自")


def test_a_name_before_a_place_head_and_another_name_is_a_place():
    # the tagger takes the city for a person: 萨克拉门托市长约翰逊 is the mayor of the city
    text = "萨克拉门托市长约翰逊说，国王队会留下来。"
    by_name, _ = run(text + "\n", tagging("约翰逊", "萨克拉门托"))
    assert "萨克拉门托" not in by_name and by_name["约翰逊"].role == "萨克拉门托市长"


def tagging_bodies(names: list[str], bodies: list[str]):
    """A name finder that tags `names` as persons and `bodies` as organisations (each where it first occurs)."""
    def finder(sentences):
        out = []
        for s in sentences:
            found = [Entity(s.find(w), s.find(w) + len(w), label, w)
                     for label, words in (("PER", names), ("ORG", bodies)) for w in words if w in s]
            out.append(sorted(found, key=lambda e: e.start))
        return out
    return finder


def roles_with_and_without(text: str, name: str, bodies: list[str]) -> tuple[str | None, str | None]:
    """`name`'s role when the finder tags no organisation, and when it tags `bodies`; the statements must not
    move (only the role's text may)."""
    bare, _ = run(text + "\n", tagging_bodies([name], []))
    tagged, _ = run(text + "\n", tagging_bodies([name], bodies))
    assert [s.text for s in bare[name].statements] == [s.text for s in tagged[name].statements]
    return bare[name].role, tagged[name].role


@pytest.mark.parametrize("text, name, body, cut, role", [
    # jieba cut the organisation's name up and the walk over its words stopped inside it (session 48: 24 roles
    # of the development splits gained, none lost)
    ("拥有数个知名品牌的克拉¬斯公司董事长王大伟认为，沙发市场还会增长。", "王大伟", "克拉¬斯公司", "斯公司董事长",
     "克拉¬斯公司董事长"),
    ("陕西省安居安家具有限公司首席设计师冯强在接受采访时说，儿童家具的甲醛问题更严重。", "冯强", "陕西省安居安家具有限公司",
     "家具有限公司首席设计师", "陕西省安居安家具有限公司首席设计师"),
    ("南非真相委员会副主席伯瑞恩同日表示，委员会将继续调查。", "伯瑞恩", "南非真相委员会", "委员会副主席", "南非真相委员会副主席"),
    ("美国Well Go电影公司总裁多里斯在接受采访时说，这部电影会在美国上映。", "多里斯", "美国Well Go电影公司",
     "Go电影公司总裁", "美国Well Go电影公司总裁"),
    ("ＴＣＬ通信设备股份有限公司副总经理刘名江认为，企业要迎接挑战。", "刘名江", "ＴＣＬ通信设备股份有限公司",
     "通信设备股份有限公司副总经理", "ＴＣＬ通信设备股份有限公司副总经理"),
    # … or right before it, the organisation tagged and the role a bare title
    ("爱格地板的总经理鲁杰也表示，这次促销将持续到元旦。", "鲁杰", "爱格地板", "总经理", "爱格地板的总经理"),
    ("温州中小企业促进会会长周德文表示，楼市的风险正在加大。", "周德文", "温州中小企业促进会", "会长", "温州中小企业促进会会长"),
    ("远望公司副总经理敖维忠拉着老人的手说，祝您新年快乐。", "敖维忠", "远望公司", "公司副总经理", "远望公司副总经理"),
])
def test_a_role_opens_with_the_organisation_the_finder_tags(text, name, body, cut, role):
    assert roles_with_and_without(text, name, [body]) == (cut, role)


def test_an_organisation_tag_that_would_spoil_the_role_is_not_followed():
    # a tag run over a verb (新浪娱乐致电|上影集团): the role starts after the verb, as the walk has it
    text = "新浪娱乐致电上影集团宣传总监沈怡，她表示影片会如期上映。"
    assert roles_with_and_without(text, "沈怡", ["新浪娱乐致电上影集团"])[1] == "上影集团宣传总监"
    # a tag opening in the middle of one of jieba's words (大|规模): no role starts there
    text = "联合国负责销毁伊拉克大规模杀伤性武器特别委员会主席巴特勒说，核查工作没有进展。"
    bare, tagged = roles_with_and_without(text, "巴特勒", ["规模杀伤性武器特别委员会"])
    assert tagged == bare and not tagged.startswith("规模")
    # a role that opens with a tagged place of its own keeps it; the place before it and 的 stay out
    by_name, _ = run("梁四村的王舍人镇副镇长关中秋说，今年的收成很好。\n",
                     tagging_bodies(["关中秋"], ["梁四村", "王舍人镇"]))
    assert by_name["关中秋"].role == "王舍人镇副镇长"
    # a tag over another person (见到|张三的公司): the role stays clear of that person
    by_name, _ = run("见到张三的公司总经理李四说，项目已经完工。\n", tagging_bodies(["张三", "李四"], ["张三的公司"]))
    assert by_name["李四"].role == "公司总经理"


def test_a_person_noun_jieba_reads_as_a_verb():
    # 控卫/v, 解说/v: the person noun right before the name is the role all the same
    text = "“他的表现太突出了。”控卫德里克-费舍尔说，“他理应获得称赞。”"
    assert role_of(text, "德里克-费舍尔") == "控卫"
    assert role_of("fox的解说马特-布拉德在比赛期间说，这场比赛火药味很浓。", "马特-布拉德") == "解说"
