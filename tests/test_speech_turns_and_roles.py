"""Speech attribution: conventions added in session 25 from the errors the rules make on the THUCNews development
splits of the speech corpus (the source of its blind split). Every article here is invented for the test;
`tagging(...)` finds exactly the names given."""
from __future__ import annotations

import re

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


def test_a_title_jieba_cuts_across_two_words_is_still_the_role():
    # jieba cuts 北装协会长 as 北装/协会/长: the title 会长 spans two words
    by_name, _ = run("北装协会长贾中池表示，家装业必须要产业化。\n", tagging("贾中池"))
    assert by_name["贾中池"].role == "北装协会长"
    by_name, _ = run("市学生会长李明说，活动很成功。\n", tagging("李明"))
    assert by_name["李明"].role == "市学生会长"


def test_the_first_turn_run_into_the_headline_starts_at_its_label():
    # a scraped interview: the headline (role, name, colon, its thesis) runs straight into the first turn
    text = ("北装协会长贾中池：家装业必须要产业化贾中池：我的看法是这样的。家装业怎么办？必须要产业化。"
            "主持人：协会支持他们吗？贾中池：非常支持他们。\n")
    by_name, _ = run(text, tagging("贾中池"))
    assert texts(by_name["贾中池"]) == ["我的看法是这样的。", "家装业怎么办？", "必须要产业化。", "非常支持他们。"]


def test_a_subheading_glued_to_the_reporters_label_ends_the_answer():
    # a flattened interview: the subheading 女儿未来随她的便 runs into 记者：; neither is the actress's words
    text = ("记者：生了女儿之后，你有什么变化？赵薇：我变得更有耐心了。女儿未来随她的便记者：除了电影，"
            "你另外一个重心是家庭吗？赵薇：是的，家庭很重要。\n")
    by_name, _ = run(text, tagging("赵薇"))
    assert texts(by_name["赵薇"]) == ["我变得更有耐心了。", "是的，家庭很重要。"]


def test_a_broadcast_handing_over_to_the_reporter_it_names():
    # no other label takes turns with 记者：; the link-up sentence hands the air to 冯悦 at once
    text = ("今天，胡锦涛将在罗马出席哪些活动？中国之声连线中央人民广播电台中国之声特派随行记者冯悦。"
            "记者：今天上午意大利总统将为胡主席举行欢迎仪式。欢迎仪式结束后，两国元首将举行会谈。\n")
    by_name, _ = run(text, tagging("冯悦", "胡锦涛"))
    assert texts(by_name["冯悦"]) == ["今天上午意大利总统将为胡主席举行欢迎仪式。", "欢迎仪式结束后，两国元首将举行会谈。"]
    # a byline is no hand-over: nobody speaks
    by_name, _ = run("本报讯（记者：冯悦）今天上午，两国元首举行会谈。\n", tagging("冯悦"))
    assert "冯悦" not in by_name


def test_a_closing_quote_mark_opening_the_words_is_no_part_of_them():
    # the page typed ” for “: the statement starts at its first word
    by_name, _ = run("律师邱宝昌说，”按照相关规定，提供服务应当要提供票据。\n", tagging("邱宝昌"))
    assert texts(by_name["邱宝昌"]) == ["按照相关规定，提供服务应当要提供票据。"]


def test_a_long_subheading_glued_to_the_hosts_label_at_the_start():
    # a subheading (15 characters, longer than a label) run into 主持人： after an answer: the answer ends there
    text = ("主持人：您好。康家祥：壁纸可以常换。从壁纸的风格看出个人品味主持人：一般来说，装修要过好几年才更换，壁纸呢？"
            "康家祥：因为它便宜。\n")
    by_name, _ = run(text, tagging("康家祥"))
    assert texts(by_name["康家祥"]) == ["壁纸可以常换。", "因为它便宜。"]
    # a cue is no subheading: 他告诉记者：
    text = "记者：你怎么看？康家祥：壁纸可以常换。康家祥还告诉记者：壁纸很便宜。\n"
    by_name, _ = run(text, tagging("康家祥"))
    assert texts(by_name["康家祥"]) == ["壁纸可以常换。", "壁纸很便宜。"]


def test_a_dateline_ends_the_transcript():
    # the page printed twice: after the byline the second copy's dateline and lead are the reporter's
    text = ("问：海耶斯能入选最佳防守阵容吗？费根：很难，这个位置入选的肯定是霍华德。(肥仔)新浪体育讯北京时间4月11日消息，"
            "专栏记者费根在博客里回答了球迷们的问题。\n")
    by_name, _ = run(text, tagging("费根"))
    assert texts(by_name["费根"]) == ["很难，这个位置入选的肯定是霍华德。"]


def test_a_subheading_glued_to_the_question_label():
    text = ("问：你怎么看这场比赛？詹姆斯：我们打得很好。他爱利物浦问：你的球衣销量排名第一吗？詹姆斯：是的，我很高兴。"
            "韦德问：你累吗？\n")
    by_name, _ = run(text, tagging("詹姆斯", "韦德"))
    assert texts(by_name["詹姆斯"]) == ["我们打得很好。", "是的，我很高兴。"]


def test_people_jiebas_dictionary_files_as_places():
    # 奥巴马/ns (frequency 250): a person when a finder says so, not a place word to refuse
    from zhnews.models.speech.names import plausible_name
    assert plausible_name("奥巴马") and plausible_name("莎士比亚")
    assert not plausible_name("巴基斯坦") and not plausible_name("佛罗伦萨")
    by_name, _ = run("3日，奥巴马在媒体上公开批评称，高额奖金鼓励交易员冒巨大的风险。\n", tagging("奥巴马"))
    assert texts(by_name["奥巴马"]) == ["高额奖金鼓励交易员冒巨大的风险。"]


def test_a_message_speaks_for_the_person_who_sent_it():
    # the sentence before says who sent the message (the sender first; 向江泽民: the addressee)
    text = ("古巴国务委员会主席卡斯特罗１５日向中国国家主席江泽民发来了慰问电。电文说：“惊悉河北省发生强烈地震，"
            "我谨向中国人民表示慰问。”\n")
    by_name, _ = run(text, tagging("卡斯特罗", "江泽民"))
    assert sorted(by_name) == ["卡斯特罗"]
    assert texts(by_name["卡斯特罗"]) == ["惊悉河北省发生强烈地震，我谨向中国人民表示慰问。"]
    # no sender named before it: the message is nobody's words
    by_name, _ = run("地震发生后，各地纷纷发来慰问电。电文说：“我们向灾区人民表示慰问。”\n", tagging("江泽民"))
    assert by_name == {}
    # the person read out a message an office sent: the office's words, not the reader's
    text = "教育参赞蒋妙瑞在会上首先致辞，并宣读了国家教委发来的贺电。电文说，２０年前恢复高考制度犹如一声春雷。\n"
    by_name, _ = run(text, tagging("蒋妙瑞"))
    assert not any("高考" in t for sp in by_name.values() for t in texts(sp))


def test_the_first_label_after_a_transcript_announcement():
    text = ("主持人：新浪家居新闻外联主任杨轶。以下为现场实录：杨轶：各位网友大家下午好，我们的栏目又和大家见面了。"
            "这期的议题是板材联盟。钟红文：谢谢主持人。\n")
    by_name, _ = run(text, tagging("杨轶", "钟红文"))
    assert texts(by_name["杨轶"]) == ["各位网友大家下午好，我们的栏目又和大家见面了。", "这期的议题是板材联盟。"]
    # a turn that opens with 以下是…： is the speaker's own announcement, not a transcript's
    text = "主持人：您好。张三：以下是我的三点意见：第一，要改革。第二，要开放。\n"
    by_name, _ = run(text, tagging("张三"))
    assert texts(by_name["张三"]) == ["以下是我的三点意见：第一，要改革。", "第二，要开放。"]


def test_a_transcript_label_the_text_writes_before_a_title_is_a_person_though_tagged_a_place():
    # a tagger that reads the guest's 洲 as a place's (白生洲 -> LOC): the label, written with a title after it
    # in the transcript's introduction (白生洲主任), is still the guest's turn, not an outlet's label
    from zhnews.models.schema import Entity

    def place(sentences):
        return [[Entity(m.start(), m.end(), "LOC", "白生洲") for m in re.finditer("白生洲", s)] for s in sentences]

    by_name, _ = run("访谈嘉宾：北京科技大学项目白生洲主任。主持人：欢迎白主任！请您介绍一下项目的优势。\n"
                     "白生洲：我是从07年开始做这个项目的，每年都在管招生。\n"
                     "主持人：刚出去的学生适应吗？\n"
                     "白生洲：刚出去的孩子不太适应，所以我们先在国内培养。\n", place)
    assert texts(by_name["白生洲"]) == ["我是从07年开始做这个项目的，每年都在管招生。", "刚出去的孩子不太适应，所以我们先在国内培养。"]
