"""The attribution rules' vocabulary, in one place: reporting verbs, titles, organisation suffixes,
anonymous sources, narrative openers, surnames, the punctuation classes the rules cut text at, and
`SpeechConfig`, which a model folder's `speech` section extends. `vocab_index` turns a config into the
sorted lists, sets and regexes the rules look words up in. The rest of the package applies them;
models/speech/names.py finds names with them."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from zhnews.models.surnames import COMMON_SURNAMES, COMPOUND_SURNAMES, JAPANESE_SURNAMES, TIBETAN_NAME_PARTS  # noqa: F401 - the rules' names for them

# ---------------------------------------------------------------- vocabulary (one place)

REPORTING_VERBS = (
    "指出 强调 表示 说 认为 介绍 透露 称 通报 告诉 坦言 要求 提出 希望 呼吁 回应 说道 表态 建议 宣布 "
    "承认 解释 分析 坦承 直言 补充 声称 宣称 称赞 盛赞 表明 提到 谈到 提醒 警告 重申 指称 回忆 忆述 感慨 感叹 "
    "坦陈 直说 笑称 笑言 告诫 寄语 阐述 汇报 披露 证实 否认 反驳 问道 答道 写道 讲道 谈道 指示 "
    "主张 预计 估计 判断 相信 觉得 表达 批评 赞扬 肯定 回答 答复 发言 致辞 讲述 描述 叮嘱 嘱咐 部署 "
    "号召 倡议 评价 评论 坦白 如是说 看来 所言 怀疑 承诺 预测 形容 深信 爆料 豪言 惊呼 暗示 宣告 指责 抨击 提议 敦促 批示 喊道 大喊 高喊 谴责 "
    "勉励 题词 许诺 感谢 下令 鼓励 深表 热烈欢迎 积极评价 高度评价 充分肯定 祝愿 预祝 责令 "
    "调侃 打趣 直呼 放言 劝诫 奉劝 劝告 自言 反映 "  # (with ，：“ after them, but for those BARE_VERBS has)  # 深表感谢 / 深表遗憾: a feeling, as 表示 + a feeling (the corpus keeps it); 热烈欢迎 / 积极评价 +
    # an object keep the object (a bare 欢迎 / 评价 is too often a noun: 欢迎仪式, 评价体系)  # 题词：“…” (an inscription is its writer's; with ：or “ only)  # 看来: 在张三看来，… (a bare 看来 is no cue); 所言: 正如张三所言，…
    # 陈东将其定义为“…”: a person's characterisation in quotes; 在陈嘉上眼里，… as 在张三看来，…
    "定义为 解读为 概括为 形容为 眼里 眼中 心目中 祝 "
    # what a court, a quarrel or a column reports (王建国坚称，… / 李明辩称，…): with their 称, a name finder also took
    # the first character for the name's (李明辩, 张华自: speech/edges.py trims what starts a verb here)
    "辩称 坚称 扬言 谎称 戏称 驳称 改称 自称 辩解 申辩 澄清 确认 断言 预言 总结道 放话 喊话 "
    "质问 追问 反问 直指 驳斥 痛斥 怒斥 直斥 痛批 怒批 狠批 炮轰 嘲讽 吐槽 抱怨 埋怨 哭诉 控诉 诉苦 哀叹 慨叹 表白 "
    # Hong Kong and Taiwan reports' 指 for 说 (古仔指这部不是动作片, 他又指，…, 笑指一切随缘): a word of its own only
    # (指出, 指着, 所指, 手指 are jieba words of their own; a bare one needs an adverbial gap: not 被指涉嫌…)
    "指 笑谓 直认 自爆 自曝 大叹 "
    # a witness's account (证人霍思琪当庭陈述，…): with ，：“ after it only (not 说明: 奖励说明：, 不用多加说明，)
    "陈述 告知 提示 "  # (李梓菲告知记者，…; 留学专家陈宇提示，… / 基金专家提示，…: not 温馨提示：, 系统提示，, 的提示)
    # praise, candour and a suspect's account (华仔大赞对方…, 他也坦诚确实有…, 韦学云本人则交待称…): in all the annotated
    # text 大赞 opens a statement 3 times of 4 (not 自嘲, 3 of 4 too: 权当自嘲，“…” is a noun before the quote)
    "大赞 坦诚 供述 交待 "
    # a tease, a retort, an argument (被当年也落选的刘德华取笑：“…” / 导演姜伟等一众主创力辩，…), with ，：“ after them only
    "取笑 揶揄 怒呛 回呛 力辩 争辩 叹道 怒道 吼道 骂道 "
).split()
# Verbs whose "了 + object" is itself the statement (李萌通报了支持…情况, 重申了…); 回顾了 / 汇报了 + object
# name a topic (the corpus leaves 13 of their 15 objects unmarked); 通报了 stays, as the seed page marks it.
# 介绍了 / 部署了 + object name a topic too (介绍了中国的经济形势): the corpus marks 2 of 22 (its guidelines:
# 介绍了…情况 is no statement); 介绍了…： still opens the words after its colon (speech/cues.py).
OBJECT_VERBS = "通报 宣布 透露 公布 披露 解读 批评 指责 抨击 谴责 评价 重申 肯定 充分肯定 积极评价 高度评价".split()  # 充分肯定了…成绩 (jieba: one word)
# Verbs that introduce speech even with no punctuation after them (张三表示将继续推进合作。);
# the others (回答, 发言, 分析 ...) are often nouns and need ，：“ after them.
BARE_VERBS = (
    "表示 认为 指出 强调 称 说 透露 坦言 承认 直言 希望 呼吁 建议 要求 提醒 相信 觉得 预计 估计 表态 宣布 表明 "
    "声称 宣称 戏称 否认 证实 坦承 警告 重申 主张 说道 告诉 坦陈 直说 笑称 笑言 披露 提到 谈到 补充 解释 "
    "怀疑 承诺 许诺 感谢 下令 鼓励 判断 预测 称赞 盛赞 叮嘱 嘱咐 形容 深信 爆料 豪言 暗示 宣告 指责 抨击 批评 提议 敦促 谴责 勉励 深表 热烈欢迎 积极评价 高度评价 祝愿 预祝 责令 "
    "奉劝 劝诫 放言 自言 直呼 指示 祝 辩称 坚称 扬言 谎称 指 直认 自爆 自曝 告知 大赞 坦诚 自称"
).split()
# Verbs that report speech outright (not a wish or a belief: 希望, 相信, 觉得 often end with their clause)
SPEECH_VERBS_OUTRIGHT = frozenset("表示 认为 指出 强调 称 说 透露 坦言 介绍 直言 坦承 解释 补充 说道".split())
PRONOUNS = ("他", "她", "其")
# The reporter reaching someone, who then speaks (记者致电张三，她表示… / 记者联系了张三，对方称…)
CONTACT_VERBS = ("致电", "采访", "专访", "联系", "连线", "询问", "问及", "拨通", "联络", "电话")
# Words a name finder takes for a person that are a camp or a kind of people (岛内蓝营民众, 高中生): jieba
# or the tagger gives them a person's tag, the speech corpus's errors show them as speakers
NOT_NAMES = ("蓝营", "绿营", "泛蓝", "泛绿", "高中生", "初中生", "小学生", "大学生", "留学生", "中学生", "黄牛",
             "张榜", "阿拉伯", "穆斯林")  # 张榜公布 (post publicly), 阿拉伯舆论: jieba tags them nr; 穆斯林: a faith
# Clubs sports pages name by their nickname, which the tagger reads as persons 36 times in the development splits
# (森林狼, 黄蜂, 尼克斯…): 森林狼主帅科特-兰比斯很无奈，“…” held two persons, so no one spoke. Not 切尔西 or 米兰, also
# people's names (切尔西·克林顿, 米兰·昆德拉).
SPORTS_CLUBS = tuple("湖人 火箭 马刺 太阳 小牛 独行侠 掘金 爵士 开拓者 雷霆 超音速 森林狼 勇士 快船 国王 灰熊 鹈鹕 黄蜂 "
                     "凯尔特人 尼克斯 篮网 猛龙 公牛 骑士 活塞 步行者 雄鹿 老鹰 热火 魔术 奇才 山猫 "
                     "曼联 曼城 阿森纳 利物浦 热刺 皇马 巴萨 国米 尤文 拜仁".split())
# Words that open what a finder takes for a name: jieba files 贺信 and 贺词 as person names (贺 is a surname: 在贺信中
# 指出 -> 贺信中), 快板 (快板书云：…) is a kind of ballad
NOT_NAME_STARTS = ("贺信", "贺词", "贺电", "贺卡", "快板")
# the two people of a meeting named before (双方表示 / 两位领导人都认为: each of them; models/speech/groups.py)
PAIR_WORDS = ("双方", "两人", "二人", "两位领导人", "两国领导人", "两国元首", "两位总统", "两位外长", "两国外长", "两国总理", "两国首相",
              "两国总统")
# two of a family named before (韩大川、韩二川兄弟俩…。兄弟俩说，…: each of them, as the corpus marks 兄弟俩说)
KIN_PAIRS = tuple(f"{kin}{n}" for kin in ("兄弟", "兄妹", "姐妹", "姐弟", "夫妻", "夫妇", "父子", "父女", "母子", "母女")
                  for n in ("俩", "二人", "两人"))
PLURAL_PRONOUNS = ("他们", "她们", "他俩", "她俩", "各方", *PAIR_WORDS, *KIN_PAIRS)
FIRST_PERSON = ("我", "我们", "咱们", "本人", "笔者")
ANONYMOUS_SOURCES = (
    "业内人士 专家 知情人士 消息人士 有关负责人 相关负责人 负责人 记者 网友 发言人 工作人员 人士 官员 "
    "分析人士 分析师 观察人士 一位 一名 那位 有关人士 权威人士 市民 村民 居民 群众 游客 患者 家长 学生 "
    "员工 受访者 与会者 代表 研究人员 消息 媒体 报道 舆论 外界 有人 不少人 许多人 大家 该人士 "
    "知情者 当事人 目击者 网民 用户 消费者 业主 乘客 专业人士 老总 外媒 外电 港媒 台媒 日媒 韩媒 美媒 英媒 "
    "观众 听众 球迷 粉丝 旅客 顾客 "  # (…赶来的观众方可欣说：“…”: a name the finder missed; not 家属, 读者: 向死者家属…, 为读者…)
).split()
TITLES = (
    "部长 副部长 市长 副市长 省长 副省长 区长 县长 镇长 乡长 村长 书记 副书记 总书记 主任 副主任 "
    "总裁 副总裁 董事长 副董事长 董事 总经理 副总经理 经理 教授 副教授 研究员 副研究员 院长 副院长 "
    "主席 副主席 总理 副总理 发言人 新闻发言人 局长 副局长 委员 常委 厅长 副厅长 处长 副处长 科长 "
    "所长 副所长 校长 副校长 行长 副行长 会长 副会长 秘书长 理事长 社长 总编辑 主编 厂长 站长 队长 "
    "司长 副司长 署长 关长 检察长 庭长 法官 院士 总统 副总统 首相 国务卿 大使 公使 领事 参赞 外长 "
    "议员 议长 州长 总监 首席执行官 执行官 创始人 联合创始人 合伙人 总工程师 工程师 总师 博士 "
    "医生 主任医师 医师 护士长 律师 分析师 经济学家 科学家 专家 学者 教练 主教练 队员 运动员 "
    "演员 导演 歌手 作家 画家 记者 编辑 主持人 负责人 代表 党组书记 部长助理 市长助理 总经济师 "
    "首席经济学家 首席 总干事 干事 秘书 大法官 将军 司令员 副司令员 司令 总司令 副司令 政委 参谋长 警官 民警 馆长 团长 "
    "总指挥 副总指挥 指挥长 上将 中将 少将 大校 上校 舰长 机长 船长 总设计师 设计师 研究生 学生 "
    "经纪人 制片人 监制 编剧 发起人 理事 监事 常务副市长 常务副省长 常务副主任 执行董事 首席科学家 "
    "主帅 主将 球星 前锋 后卫 中锋 守门员 队长 助教 领队 创会会长 名誉会长 名誉主席 "
    "老师 班主任 董事会主席 监事长 审计长 主管 高管 组长 班长 村支书 支书 网格员 "
    # occupations that introduce pen and stage names as often as real ones (财经评论人牛刀)
    "评论人 评论员 评论家 时评人 撰稿人 专栏作家 博主 艺人 作者 投资人 策展人 收藏家 艺术家 企业家 "
    "诗人 音乐人 漫画家 小说家 网络红人 名嘴 "
    # executive titles Chinese business news writes in Latin letters (红星美凯龙CEO车建新表示); advisers
    "CEO CFO CTO COO CIO 顾问 "
    # roles the speech corpus's annotators wrote that are no office (国王老板, 该片主演, 外籍体能训练师)
    "老板 掌门人 大亨 主演 影后 影帝 制片 摄影师 球员 外援 代理商 经济师 训练师 行政长官 特首 "
    # offices of cabinets (英国外交大臣库克, 日本外相), a court's and a board's (not 国王: the Sacramento Kings' players)
    "大臣 外相 审判长 董秘 支队长 大队长 中队长 "
    # an army's officers below the command (某连指导员管学文对记者说, 王连长); a civil service's ranks (贾华才调研员告诉记者)
    "军长 师长 旅长 营长 连长 排长 指导员 教导员 参谋 调研员 副调研员 巡视员 副巡视员 "
).split()
ORG_SUFFIXES = (
    "部 局 委 厅 署 办 院 所 校 会 组 处 科 室 社 站 台 馆 厂 团 中心 公司 集团 银行 大学 学院 协会 学会 研究院 研究所 "
    "委员会 政府 法院 检察院 医院 基金会 联合会 商会 集团公司 有限公司 股份公司 事务所 工作室 "
    "俱乐部 队 报社 电视台 通讯社 出版社 党委 市委 省委 县委 区委 纪委 党组 人大 政协 "
).split()
# Sentence openings that mark reporter narration, not a speaker's words.
NARRATIVE_STARTS = (
    "据悉 据了解 据介绍 据报道 据统计 据透露 据此前 据称 记者 本报 新华社 会上 会后 会前 会议 会间 "
    "随后 此前 此后 当天 当日 当晚 日前 近日 昨天 昨日 今天 今日 前天 上午 下午 晚上 与会 活动 "
    "期间 其间 现场 仪式 座谈会 调研中 调研 考察 据 另据 又据 另悉 "
).split()
# Non-speech verbs that introduce reporter narration when they open a clause: 数据显示，…
NARRATIVE_VERBS = "显示 表明 获悉 了解到 注意到 看到 发现 报道 统计 得知 称之为".split()
# Address forms that follow a surname (王部长, 李总, 市民王女士): titles plus these.
ADDRESS_TITLES = "先生 女士 小姐 老师 师傅 大爷 大妈 阿姨 大叔 大姐 老汉 老人 总 工 董 导 教练 指导 同学 仔".split()  # 导: 滕导, a director; 指导: 彭指导, a coach
# What may follow "ROLE + name" for the supplementary name heuristic (教育部部长怀进鹏日前在…).
NAME_FOLLOWERS = ("在", "于", "和", "与", "及", "向", "对", "跟", "同", "日前", "近日", "今天", "昨天", "今日", "昨日", "当天", "当日", "当地时间", "出席",
                  "今年", "去年", "此前", "本月", "上月", "本周", "上周",
                  "主持", "接受", "对此", "也", "还", "则", "首先", "随后", "同时", "一行", "等",
                  "赛后", "赛前", "会后", "会上", "事后", "当晚", "昨晚")  # (主教练田中健一赛后表示)
# What 表示 + object expresses without saying anything (表示感谢): not a statement.
EXPRESSIVE_OBJECTS = ("感谢", "谢意", "慰问", "祝贺", "哀悼", "欢迎", "赞赏", "支持", "关切", "遗憾", "不满", "反对",
                      "同情", "敬意", "歉意", "赞同", "赞成", "同意", "肯定", "关注", "担忧", "愤慨", "抗议", "谴责", "认可",
                      "理解", "满意", "信心", "期待", "祝福", "问候", "致意", "尊重", "高兴", "乐观", "悲观", "失望",
                      "担心", "欣慰", "感激", "钦佩", "惊讶", "不解", "惋惜", "痛心", "愤怒", "赞许", "感动")
# A sentence opening with a date is reporter narration: 5月8日，… / 7月初，… / 2023年3月，…
_NUM = "[0-9０-９一二三四五六七八九十〇零两]"
DATE_START_RE = re.compile(
    f"^(?:{_NUM}{{2,4}}年)?{_NUM}{{1,2}}月(?:{_NUM}{{1,3}}[日号]|初|底|末|中旬|上旬|下旬)|^{_NUM}{{4}}年{_NUM}{{1,2}}月"
    f"|^{_NUM}{{1,3}}(?:分钟|个小时|小时|天)(?:后|以后|之后)|^[本上下]月{_NUM}{{1,2}}[日号]"
    f"|^{_NUM}{{1,2}}[~～－至到-]{_NUM}{{1,2}}月份?[，,]")  # 9~12月，深圳也将…: a span of months; １０分钟后，安装技师上门服务: the story goes on
# jieba glues these to a following verb (上称, 中说, 还称): the verb still counts.
VERB_PREFIXES = tuple("上中时后里内着又也还再则并曾均即亦更笑但") + ("作出", "做出", "发出", "提出", "再次", "进一步", "纷纷",
                                                            "强烈", "严厉", "郑重", "一再", "反复", "高度",
                                                            "明确", "公开", "着重", "特别", "强调")  # 一再强调, 明确指出, 强调指出, 特别强调, 纷纷表示: one word
# Adverbs allowed between 其 and its verb (其表示 / 其也表示), and in heuristic name + verb.
SHORT_ADVERBS = "也 还 则 却 亦 更 又 再 均 都 并 曾 已 就 便 进一步 再次 同时 随即 当即 此前 随后 最后 首先 特别".split()
QUOTED_MANNER = "“[^“”，,。]{1,6}”"  # a manner in quotes before 地 / 的 (朱佰伶“果断”地说): no one's words
# What may stand between a speaker and a verb with no punctuation after it (张三日前在会上表示将…).
ADVERBIAL_GAP_RE = re.compile(
    r"(?:也|还|则|却|曾|更|又|均|都|并|就|便|亦|再|已|仍|仍然|依然|始终|确实|初步|同时|此前|日前|近日|昨天|今天|昨日|今日|当天|当日|随后|虽|虽然|"
    r"明确|公开|坦率地|直接|进一步|再次|一再|多次|屡次|再三|不止一次|一直|坚持|一边|这样|如此|这么|对此|对记者|向记者|对媒体|向媒体|"
    r"特别|着重|高调|低调|"  # (特里不止一次曾表示…, 特里谢行长就高调宣称…)
    r"先后|首度|首次|终于|亲自|对外|面对媒体|面对记者|"  # 吴奇隆对外表示…; not 先 alone (拉法耶起|先觉得, a name a tagger
    r"[对向][^，,。；;：:“”\s]{1,8}?(?:记者|媒体)|"  # ran into 起先, spoke then), nor 事先 (郑军事先许诺给的…); 邹宝成向新华社记者证实…
    r"首先|接着|最后|随即|借此|点名|十分|非常|衷心|深深地?|无不|因此|因而|"  # 贝克特女士首先盛赞…, 德米雷尔借此呼吁…, 坎特点名批评…
    r"最近|近来|近期|早前|前段时间|前一段时间|前些时候|前些日子|前几天|等人|等|"  # 周传家、刘琦等指出; 马特-巴恩斯前段时间宣布…
    r"强烈|严厉|郑重|"
    r"纷纷|公然|昨|今|"  # (杜汶泽昨坦言…: Hong Kong pages' 昨 / 今 for 昨天 / 今天; 樊旭文与…刘列都纷纷表示)
    r"前天|昨晚|今晨|当晚|凌晨|上午|中午|下午|傍晚|晚上|晚间|早上|[0-9０-９一二三四五六七八九十]{1,4}(?:[年月]|[日号][晚早]?)|"  # 26日晚
    r"去年|今年|前年|上周|本周|上月|本月|年初|年底|月初|月底|"  # 奇卢巴去年十二月三十一日下令…
    r"自己|本人|亲口|私下|受访时?|"  # 周琦自己说…, 成龙受访称…
    r"开玩笑|开着玩笑|半开玩笑|笑着|笑笑|微笑着|苦笑着|含笑|含泪|笑|"  # 李宇春开玩笑说自己… / 刘德华笑说…: the manner, no subject
    rf"[指拿举抱捧握望摸抚拉对]着[^，,。；;：:“”\s]{{1,8}}?|[站停坐转回走抬低蹲]了?[下起过][身头]?来|{QUOTED_MANNER}[地的]|"  # (王祥指着脸上的伤告诉记者, 因扎吉停下来表示, 朱佰伶“果断”地说)
    r"正式|再度|一度|率先|当场|当众|当庭|当面|连声|连连|反复|不断|早就|早已|不久前|前不久|当初|起初|最初|起先|"  # 王亚伟正式宣告…, 克林顿总统再度宣布…, 拉法耶起先觉得…, 被告人当庭辩称…
    r"赛后|赛前|会后|会前|事后|此后|之后|当时|届时|曾经|"
    r"[在于][^，,。；;：:]{1,20}?(?:时|上|中|后|期间|之际)|在[^，,。；;：:]{1,20}?前|在这里|在那里|在此间|在此|在当地|"
    r"在[^，,。；;：:“”的\s]{2,4}|在[A-Za-z][A-Za-z0-9.]*[^，,。；;：:“”的\s]{0,4}|"  # 萨马兰奇最近在洛桑表示: a place;
    # 内田明理在Twitter微博公开表示: a site
    r"[^，,。；;：:“”\s]{0,6}(?:致辞|讲话|演讲|发言|报告|博文|微博|文章|采访)中|"  # 元旦致辞中提到
    r"(?:发表|发布|作|做|登载|发|贴出)了?(?:[一两几数]+[条篇份次])?(?:重要|署名)?(?:专栏)?"  # 近日发表博文表示
    r"(?:博文|微博|文章|声明|公开信|长文|讲话|演讲|谈话|帖子|帖文|日志)|"
    r"发帖|留言|跟帖|回帖|撰文|发文|"  # (在豆瓣网上留言称…, 在博客中登载博文表示…: what they posted)
    r"做客[^，,。；;：:“”\s]{1,12}?(?:时|节目|直播间)?|"  # 姜文做客新浪称
    r"通过[^，,。；;：:“”了\s]{2,16}?|"  # 格林通过英国内政部官方网站宣布: the means
    r"[^，,。；;：:“”的\s]{2,6}[地的]|)*")  # (王新钢略带兴奋的告诉记者: how they said it, 的 for 地)
# What may stand between a person and 表示 + a feeling (表示祝贺): whom it is for (对中国大使馆正式开馆, 代表…对…), up to
# 40 characters, a short quoted term among them (对…提出的建立现代海关制度的“两步走”发展战略表示赞成).
EXPRESSIVE_GAP_RE = re.compile(r"[^，,。；;：:“”]{0,12}?(?:对|向|为|致电|致函|致信)(?:[^，,。；;：:“”]|“[^“”，,。]{1,10}”){1,40}")
# Between a person and a verb, these make the words possible or planned, not said (梅耶尔有可能公布…，并披露…).
MODAL_GAP_RE = re.compile(r"\s*(?:也|还|则|甚至)?(?:有可能|可能会|可能|或将|或许会|或许|将会|即将|将在|将于|拟|打算|准备|计划)")
# ... nor words said to them (王刚遭到同学嘲讽，… / 受到老师表扬: the one spoken of; not 被问及…时, an occasion)
PASSIVE_GAP_RE = re.compile(r"\s*(?:也|还|又|曾|却)?(?:遭到|受到|遭受|遭|挨)(?![^，,。；;：:]*[时后])")  # (not 受访称: interviewed)
# A refusal or a denial right before a verb of speech (拒绝透露，… / 未做任何正面回应，…): nothing was said
REFUSAL_BEFORE_RE = re.compile(r"(?:拒绝|不愿意?|不肯|婉拒|拒不|并未|并没有|未曾|没有|未|没)(?:做|作|作出|做出)?(?:任何)?"
                               r"(?:正面|公开|具体)?$")
# A person right after these is an object or supposed (向张三表示, 如果张三同意…); not 因为 / 由于 / 虽然: a reason, words said.
NOT_SUBJECT_AFTER = ("向", "对", "对于", "关于", "针对", "给", "跟", "为", "把", "被", "让", "请", "问", "令", "等",
                     "尽管", "如果", "假如", "只要", "即使", "每当", "当", "致电", "致函", "致信", "起诉", "状告", "控告",
                     "代表", "就")  # 科恩在会谈中代表克林顿总统对…表示同情: on behalf of; 就辛业江受贿案发出通报: about; 方力钧起诉赵文卓说: the plaintiff
# A clause of only these before a verb has the previous cue's speaker as subject (并表示，…).
ZERO_SUBJECT_OPENERS = frozenset(
    "并 还 也 又 同时 随后 并且 而且 此外 另外 进一步 则 更 再次 接着 最后 他还 其后 并再次 还特别 同时还 并还 "
    "还进一步 并进一步 也同时 并特别 但 另一方面 虽 却".split())  # 但: 波尼拉没有透露具体方式，但说…; 虽: …的舒淇，虽坦承…
# (另一方面: 加图索一方面表示“…”，另一方面表示“…”)
# What joins coordinated subjects (李强、王伟表示; 张三和李四认为).
COORDINATORS = ("、", "和", "与", "及", "以及")
# Words that may sit between a pronoun/name and its verb only when the subject is far (他在…时表示).
TEMPORAL_ENDS = ("时", "后", "期间", "之际", "之时", "前", "中", "上")
# Between two persons of one clause, these make the first the subject (张三在会见李四时表示).
INTERACTION_WORDS = ("会见", "会晤", "接见", "会谈", "通话", "看望", "慰问", "陪同", "采访", "拜会", "与", "同",
                     "和", "跟", "向", "对", "听取", "回答", "回应", "谈到", "谈及", "问及", "提到")
# Characters of transliterated foreign names (特朗普, 马克龙, 布林肯): such names need no surname.
TRANSLIT_CHARS = set(
    "阿埃艾爱安昂奥澳巴拜班邦保鲍贝本比彼毕宾波伯博布查达戴丹道德登迪蒂丁杜顿多厄恩尔法范菲费芬丰龙"
    "佛夫弗福盖甘冈高戈格贡古瓜圭哈海汉豪赫黑亨洪胡华怀霍基吉加贾简杰金卡凯坎康考柯科可克肯孔库夸"
    "奎昆拉腊莱赖兰朗劳勒雷蕾里理利丽莉连林琳隆卢鲁路伦罗洛马玛迈麦曼芒梅门蒙米密敏明莫默姆穆"
    "纳娜奈南内尼妮涅宁纽努诺欧帕潘庞佩彭皮平珀普奇齐恰乔切钦琴琼丘萨塞赛桑瑟森沙莎山尚绍舍申圣什"
    "施史士斯松苏索塔泰坦汤唐陶特提廷图托瓦万旺威韦维温文沃乌伍武西希锡席夏谢辛休许雅亚扬耶伊"
    "因英尤于约泽扎詹哲珍兹佐佳让香农茨慈迦嘉捷瑞睿琪汀婷丝蒂黛朵娅薇茜芙久"  # 久: 久加诺夫, 久卡诺维奇
)
# Person nouns that may stand right before a name, besides titles (市民王某, 网友张三).
ROLE_NOUNS = ("市民", "村民", "居民", "网友", "游客", "患者", "家长", "学生", "员工", "选手", "球员", "农民",
              "工人", "志愿者", "车主", "店主", "老板", "负责人", "创始人", "成员", "嘉宾", "总统", "首相", "经纪人",
              "置业顾问", "顾问", "医生", "护士", "教师", "村干部", "干部", "党员", "主播", "律师", "法官", "警察",
              # occupations and parties a name follows (外卖骑手马小军在…时说, 消防指挥员蓝海峰透露, 证人霍思琪)
              "骑手", "司机", "厨师", "保安", "快递员", "外卖员", "店员", "营业员", "服务员", "消防员", "指挥员",
              "飞行员", "航天员", "检察官", "侦查员", "讲师", "店长", "技术员", "会计", "裁判", "解说员", "播音员",
              "歌唱家", "舞蹈家", "作曲家", "钢琴家", "演奏家", "证人", "被告人", "原告", "保姆", "环卫工",
              "清洁工", "农民工", "售票员", "列车长", "乘务员")
# Kinship words that stand right before a name (秋瑾亲侄孙秋经武, 其女儿王菲).
KINSHIP_NOUNS = ("侄孙", "侄孙女", "外孙", "外孙女", "孙女", "孙子", "曾孙", "玄孙", "侄子", "侄女", "外甥", "外甥女",
                 "儿子", "女儿", "妻子", "丈夫", "太太", "夫人", "父亲", "母亲", "哥哥", "姐姐", "弟弟", "妹妹",
                 "后人", "后代", "遗孀", "长子", "次子", "长女", "次女", "女婿", "儿媳", "好友", "搭档", "队友",
                 "未婚夫", "未婚妻", "前夫", "前妻", "姐夫", "妹夫", "岳父", "岳母", "公公", "婆婆")
# 对 / 向 / 跟 + who the person is to the speaker, before a name (他对女朋友索妮雅说): the name is spoken to
ADDRESSEE_RE = re.compile("(?:对|向|跟|给)(?:" + "|".join(KINSHIP_NOUNS + ("女朋友", "男朋友", "女友", "男友", "朋友", "同事"))
                          + r")\s*$")
# or + what the person is, ending in 的 (莱奇法官对衣领上还别有勋章的伊格尔森说：…): the name is spoken to
ADDRESSEE_PHRASE_RE = re.compile(r"(?<!针)(?:对|向)[^，,。；;：:“”]{1,20}的\s*$")
# A time word or adverb of jieba's dictionary at least this frequent, starting at a name's last
# character, takes that character (李华日|前: 日前 has frequency 2144, 立即 6937)
TIME_ADVERB_MIN_FREQ = 500
# Modifiers that belong to a role before a name (知名财经评论人牛刀, 时任市长张三).
ROLE_MODIFIERS = frozenset("知名 著名 资深 现任 时任 前任 独立 新锐 退休 前 原 该 某 我国 "  # 某研究院分析师, 我国驻美大使
                           "特约 特邀 执行 常务 名誉 荣誉 客座 代理".split())  # 特约监察员/d, 执行/v 会长
# The verbs after which a bare surname is a person named before (据朱称 / 朱表示): a reporting verb of two
# characters or 称 (说 alone is too often a word's end: 小说, 据说)
# (or an adverb or 和 + a pronoun first: 刘始终坚持这一观点，“…” / 刘和他的朋友们并不着急，“…”)
BARE_SURNAME_VERBS = "(?:(?:始终|一直|也|还|则|却|又|更|仍|曾)?(?:称|表示|指出|认为|透露|介绍|坦言|强调|告诉|说|答|回答)|始终|一直|和他|和她)"
# Sources that, opening a clause, speak instead of the speaker (但外界普遍担忧…); not the people a speaker
# talks about (消费者, 学生, 大家 …)
OTHER_SOURCES = frozenset("外界 业内人士 分析人士 知情人士 消息人士 观察人士 权威人士 有关人士 舆论 媒体 有人 不少人 许多人 "
                          "网友 网民 外电 分析师 市场人士 业界 对方".split())  # (对方 only before a verb of speech: mentions.py)
FIRST_PERSON_RE = re.compile("我|咱")
# A word without a surname after a person noun is a pen name (牛刀) only when rarer than this in
# jieba's dictionary: the frequent ones are ordinary nouns there (文章, 报告).
PEN_NAME_MAX_FREQ = 50
# A "name" directly followed by these is part of an organisation or event (达沃斯论坛, 宁德时代).
COMPANY_WORDS = ("集团", "公司", "地产", "基金", "证券", "控股", "保险", "信托", "资本", "股份", "银行", "时代", "咨询")
# States and capitals jieba's dictionary files as person names (伊拉克/nrt 2671, 阿根廷/nr, 莫斯科/nr, 塔利班/nr): never a
# speaker's name, whatever a finder tags them in one sentence (…来惩罚伊拉克。 -> PER)
STATE_NAMES = frozenset(
    "伊拉克 科威特 阿富汗 沙特 黎巴嫩 索马里 阿根廷 乌克兰 哈萨克斯坦 尼泊尔 孟加拉 乌干达 贝宁 塞尔维亚 阿尔巴尼亚 马其顿 "
    "立陶宛 吉尔吉斯斯坦 塔吉克斯坦 卡塔尔 阿曼 斯里兰卡 马尔代夫 文莱 卢森堡 爱尔兰 萨尔瓦多 多米尼加 厄瓜多尔 莫斯科 柏林 "
    "巴格达 塔利班".split())
# ... and the reverse: people jieba's dictionary files as places (ns, frequency >= 20; read by eye from its 166
# transliterated place words of three or more characters), whom plausible_name would refuse as places
PERSONS_FILED_AS_PLACES = frozenset(
    "奥巴马 巴拉克 莎士比亚 洛伦兹 丹尼斯 马丁内斯 密特朗 加西亚 埃利斯 爱德华兹 南丁格尔 阿罗约 蒙巴顿 阿加西 克拉苏 "
    "贝利亚 图道多吉 玛利亚 马利亚 安南 特鲁西埃 拉宾 巴金 海顿".split())
# what follows a state's name (伊拉克政府表示: jieba's dictionary files 伊拉克 as a person's name, 阿根廷 too)
STATE_WORDS = ("政府", "当局", "外交部", "国防部", "境内", "国内", "全国", "军方")
ORGANISATION_WORDS = COMPANY_WORDS + STATE_WORDS
# 景顺长城基金表示，… / 报告指出：…: an organisation or a document opening a sentence with an outright
# reporting verb is another source speaking (the subject: 2-24 characters ending in one of these words)
SOURCE_SUBJECT_RE = re.compile(
    "[^，,。；;：:“”！？!?\\s]{0,20}(?:" + "|".join(COMPANY_WORDS + (
        "机构", "协会", "委员会", "部门", "研究所", "研究院", "报告", "公告", "官方", "方面", "央行", "政府"))
    + ")(?:也|还|则|同时|此前|日前|近日)?(?:表示|认为|指出|强调|称|透露|介绍|预计)[，,：:]")
# NAME + this + verb: the verb is a noun owned by NAME and others (根据利维及其桥党的要求增拨预算)
COORDINATED_OWNER_RE = re.compile(r"(?:及其|和其|与其|及|和|与)[^，,。；;：:“”\s]{1,8}的")
# Time words a name finder glues to the name before them (喻渭蛟元旦)
NAME_TAIL_TIMES = frozenset("元旦 春节 近日 日前 昨日 今日 昨天 今天 当天 近期 周末 此前".split())
# Verbs before a cue whose first character a name finder glues to the name (容克|发表声明称, 孟醒|连发几条微博)
GLUED_VERBS = ("发表", "发布", "连发", "接受", "出席")
# A monarch's or pope's number after the name (米哈伊一世, 伊丽莎白二世)
REGNAL_RE = re.compile("[一二三四五六七八九十]{1,3}世(?![界纪代])")
# Heads of a place right after a name (恩古巴尼省长): a person after all, though 省 alone would make a place.
PLACE_HEADS = ("省长", "市长", "县长", "州长", "区长", "镇长", "乡长", "村长")
NOT_A_PERSON_AFTER = ORGANISATION_WORDS + (
    "论坛", "峰会", "会议", "大会", "博览会", "研讨会", "大学", "学院", "医院", "基金会", "研究院", "中心", "协会", "杯",
    "奖", "号", "路", "街", "镇", "乡", "村", "县", "市", "省", "州", "湖", "山", "河", "港", "机场", "大桥", "广场",
    "体育场", "媒体",  # (马德里媒体还曝光说: a city's papers)
    "律师事务所", "联合律师事务所",  # (秦希燕联合律师事务所值班律师则表示: a firm named after its founder)
    "主义", "思想", "理论",  # 马克思主义, 毛泽东思想: a doctrine named after a person
    "式的",  # 焦裕禄式的县委书记: a kind of person named after one
    "相关人士", "内部人士", "人士",  # 易方达相关人士表示: someone of a company, not a person named 易方达
    "记者")  # 中国质量万里行记者: an outlet's reporter (a reporter's name follows 记者: 记者张三)
# Surnames that are far more often function words; jieba's two-char nr guesses with them are noise.
FUNCTION_SURNAMES = set("应于向和将及与把让对从在以为由当可能会要才又只但却并而都也还就再已")
# Function-word tags that end a transliterated name part (卡尔·蔡司|于).
CHAIN_STOP_TAGS = frozenset("p c d r m q y e o f t ul uj uz ug uv ud v vn vd".split())
# what THUCNews and other GBK-converted text print for a character the encoding could not hold (何鸿?, 徐若�)
LOST_CHARS = "?\ufffd"
# A 3-4 char "name" ending in one of these has a function word glued on (叶鹏却, 王刚也), one-character adverbs
# before a verb too (李鹏仍|表示, 张华便|说, 李明亦|称; not 才 or 均, which end given names: 王有才, 张国均)
NAME_TAIL_ADVERBS = "亦并再早另续仍遂乃皆俱终竟即便只总偏硬虽"  # 虽: 舒淇虽|坦承…
NAME_TAIL_FUNCTION_CHARS = "却都也就说的了在和与将曾还又则已称向对于先这那等所" + NAME_TAIL_ADVERBS
# jieba tags of words that never make a given name (numbers, adverbs, particles ...).
FUNCTION_TAGS = ("m", "d", "p", "c", "r", "q", "t", "f", "u", "y", "e", "o")
# Kinship / address words that make "王女士" a titled form, not a given name.
NOT_GIVEN_NAMES = ("先生", "女士", "小姐", "老师", "师傅", "大爷", "大妈", "阿姨", "大叔", "大姐", "老汉",
              "同志", "总", "导", "某", "某某", "氏", "家", "姓")  # 滕导: a director addressed by surname

# Page furniture scraped into the body text (one-line pages run it into the article): a related-
# articles list, a comment link, an editor's tag, the (微博) link after a name. Never part of a
# statement: a statement ends where one starts (after it, the rest of the line is other headlines).
PICTURE_MARK = r"[（(](?:组图|图|多图|图文|视频)[）)]"  # (组图) after a headline
FURNITURE_RE = re.compile(
    r"[◇◆■□●]?(?:相关新闻|相关阅读|相关链接|相关报道|相关文章|延伸阅读)\s*[:：]|《(?:相关新闻|相关阅读|延伸阅读|相关链接)》|[\[【]?(?:我要评论|发表评论|查看评论|我要纠错)[\]】]?"
    r"|[【\[（(](?:责任编辑|责编|编辑)\s*[:：][^】\]）)]{0,20}[】\]）)]|[（(]微博[）)]"
    # a link's text run in (点击进入本刊更多内容：…, 更多精彩内容请点击：新浪房产家居家装, >>>点击进入…直播间)
    r"|点击进入|更多(?:精彩)?(?:内容|信息|资讯|新闻)?请点击|点击(?:此处|这里)?查看(?:大图|全文|原文|更多)"
    r"|" + PICTURE_MARK +  # a headline's picture marker: a byline or the body follows
    r"|[（(][^（）()，。：:他她我对向跟和与据说]{0,8}(?:记者|通讯员|实习生)\s*[:：]?\s*[^（）()，。]{1,20}[）)]"
    # a byline: (记者：赵艳燕), (华盛顿特派记者 沈洋 前方报道)
    r"|[\u4e00-\u9fff]{1,4}社发\s*[\u4e00-\u9fff]{2,4}\s*摄"  # a photo credit: 中新社发 董乃德 摄
    # a post's source credit: via中国青年报, （via 新闻晨报）, （分享自@电动邦）, (北京晚报), （新华社发美联社照片）
    r"|[（(]?\s*[Vv][Ii][Aa]\s*[:：]?\s*[@＠]?[^\s，,。）)]{2,16}[）)]?|[（(](?:分享自|转自|来源[:：]?)\s*[@＠]?[^（）()]{1,20}[）)]"
    r"|[（(][\u4e00-\u9fff]{2,8}(?:报|网|电视台|周刊)[）)]|[（(][\u4e00-\u9fff]{2,6}社发[^（）()]{0,12}照片[）)]"
    # the reporters' names closing a People's Daily piece, a sentence of their own (…保持高度警惕。（贾昭全范韩生）)
    r"|[（(][\u4e00-\u9fff]{4,12}[）)]\s*$")
HAN_RANGE = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_ONLY_RE = re.compile(f"^[{HAN_RANGE}]+$")
NAME_DOTS = "·•・‧"
CLAUSE_PUNCT = "，,。；;：:！!？?…\n\r"
OPEN_QUOTES = {"“": "”", "「": "」", "『": "』", "﹁": "﹂"}
CLOSE_QUOTES = set(OPEN_QUOTES.values())
_CLAUSE_DELIMS = set(CLAUSE_PUNCT) | set(OPEN_QUOTES) | CLOSE_QUOTES | {'"'}
CLAUSE_DELIM_RE = re.compile("[%s]" % re.escape("".join(sorted(_CLAUSE_DELIMS))))
# A clause reaches at most this far from a position: real clauses are far shorter, and the rules
# look at every mention of the clause before each verb, so a text without punctuation (hostile
# input, a run-together scrape) would otherwise cost time quadratic or worse in its length.
MAX_CLAUSE_CHARS = 200
PAREN_CLOSERS_RE = re.compile("[）)】\\]]")
# (a closing quote mark opening a statement is a mis-typed opening one: 律师邱宝昌说，”按照…)
LEAD_STRIP = " \t\u3000\n\r，,、；;：:。！？!?）)】]…—-·”’"
TRAIL_STRIP = " \t\u3000\n\r，,、；;：:—-"
SENTENCE_FINAL = "。！？!?…；;"


@dataclass
class SpeechConfig:
    """Vocabulary and limits of the attribution rules. Every list is extensible from a config file
    (`Analyzer` builds this from the `speech` section of the model config); `extra_verbs` is merged
    into `verbs`."""

    verbs: list[str] = field(default_factory=lambda: list(REPORTING_VERBS))
    extra_verbs: list[str] = field(default_factory=list)
    object_verbs: list[str] = field(default_factory=lambda: list(OBJECT_VERBS))
    bare_verbs: list[str] = field(default_factory=lambda: list(BARE_VERBS))
    pronouns: list[str] = field(default_factory=lambda: list(PRONOUNS))
    plural_pronouns: list[str] = field(default_factory=lambda: list(PLURAL_PRONOUNS))
    first_person: list[str] = field(default_factory=lambda: list(FIRST_PERSON))
    anonymous_sources: list[str] = field(default_factory=lambda: list(ANONYMOUS_SOURCES))
    titles: list[str] = field(default_factory=lambda: list(TITLES))
    org_suffixes: list[str] = field(default_factory=lambda: list(ORG_SUFFIXES))
    address_titles: list[str] = field(default_factory=lambda: list(ADDRESS_TITLES))
    narrative_starts: list[str] = field(default_factory=lambda: list(NARRATIVE_STARTS))
    narrative_verbs: list[str] = field(default_factory=lambda: list(NARRATIVE_VERBS))
    max_gap: int = 24  # chars allowed between a subject and its verb (他在接受记者采访时表示)
    max_role_chars: int = 40
    min_statement_chars: int = 4  # shorter content (表示感谢。) is not a statement
    min_free_quote_chars: int = 8  # an unattributed quote shorter than this is a term, not speech
    continue_paragraph: bool = True  # rule (a): later sentences continue the speaker
    max_continuation: int = 12  # at most this many sentences continue one cue
    # A "paragraph" longer than this is probably a whole article without line breaks (scraped text
    # run together): its paragraph end says nothing, so a continuation stops sooner. (Development splits'
    # statement F1 at 400 / 500 / 600 / 700 / 800: THUCNews family 0.9068 / 0.9078 / 0.9087 / 0.9086 / 0.9074; 700
    # moves one 759-character page only, every move right; below it long speeches of real paragraphs are cut.)
    flat_paragraph_chars: int = 700
    max_continuation_flat: int = 4
    chain_quotes: bool = True  # an unattributed speech quote after X's statement is X's
    keep_unresolved_titled: bool = False  # keep 王女士 / 李先生 as speakers when no full name fits
    jieba_hmm: bool = True  # jieba's HMM for words its dictionary lacks (off on the pipeline's fast path)
    ner_chunk_chars: int = 150  # sentences longer than this are sent to the finder in pieces
    ner_whole_sentences: bool = False  # and also whole (`encoding.sentence_pieces`): for a continuation head

    def __post_init__(self) -> None:
        for name in ("verbs", "extra_verbs", "object_verbs", "bare_verbs", "pronouns", "plural_pronouns", "first_person",
                     "anonymous_sources", "titles", "org_suffixes", "address_titles", "narrative_starts",
                     "narrative_verbs"):
            value = getattr(self, name)
            if isinstance(value, str):
                value = value.split()
            if not all(isinstance(v, str) and v for v in value):
                raise ValueError(f"SpeechConfig.{name}: expected a list of non-empty strings")
            setattr(self, name, list(value))

    @property
    def all_verbs(self) -> list[str]:
        """Reporting verbs, longest first (so 说道 wins over 说)."""
        return sorted(set(self.verbs) | set(self.extra_verbs) | set(self.object_verbs), key=lambda v: -len(v))


# The cue finder's words (models/speech/cues.py)
# Before a narrative verb these make it a noun (该报道, 有关统计, 外电的报道)
NOUN_MARKERS = ("该", "此", "这", "那", "这一", "有关", "相关", "上述", "的", "篇", "份", "项")
OCCASION_TITLE_RE = re.compile(r"《[^《》“”]{1,30}》|“[^“”《》，。]{1,30}”")
NOT_SAYING_BEFORE_SHUO = ("不好", "很难", "难以", "不用", "不必", "可以", "应该", "换句话", "总的来", "一般来", "虽", "虽然",
                          "比如", "就是", "老实", "不消", "没得", "再者", "不想", "不愿", "不肯")  # (看曹文芳不想说)
LIGHT_VERBS = ("进行", "进行了", "予以", "给予", "加以")  # 进行了回答: a verb made a noun
TOPIC_VERBS = ("谈到", "提到", "谈及", "说到", "问及", "讲到")
MEDIA_ENDS = ("报", "社", "网", "台", "刊", "媒体", "媒")  # 商报, 新华社, 外媒
WHEN = r"[0-9０-９一二三四五六七八九十]{1,4}[年月日号]|上午|下午|晚间|昨[日天]|今[日天]|日前|近日|当天|当日"
ANSWER_VERBS = ("回应", "回答", "谈到", "谈及", "针对")  # a quote right after them is the topic asked about (回应“…”等问题时称)
OCCASION_START_RE = re.compile(f"(?:{WHEN})*(?:在|于|接受|对|向|观看|看完|看了|读完|读了|听完|听了|{'|'.join(ANSWER_VERBS)})")  # (观看《…》后谈到)
# A long gap that is one occasion adverbial, maybe after a date: 16日在北京召开的…论坛上 / 在与…座谈时
OCCASION_GAP_RE = re.compile(f"(?:{WHEN}|此前|也|还)*(?:[在于][^，,。；;：:！？!?]{{2,70}}(?:时|上|中|期间|之际|会上|后|之后)"
                             f"(?:(?:发表|发布|作|做)?(?:重要)?(?:讲话|发言|致辞|演讲|报告|文章|声明))?"
                             # (李岚清在…会议上(发表)讲话指出; 张晓帆在…网站上发表报告称)
                             f"|(?:通过|借助)[^，,。；;：:！？!?]{{2,30}}"  # (格林通过英国内政部官方网站宣布)
                             f"|[在于][^，,。；;：:！？!?“”]{{2,40}}?[对向][^，,。；;：:！？!?“”]{{1,40}})")  # (克林顿在…军营对…将领们说)
# the longest quoted term a cue's clause runs back over to find its subject: a forum's name in quotes is often
# longer than a word (孙波…在北京召开的“质量和安全年·质量诚信论坛”上说: 14 characters with its marks)
QUOTED_TERM_MAX = 30
# a clause that is a time adverbial around a verb: 在张三宣布参选后 / 当他表示支持时
TEMPORAL_CLAUSE_RE = re.compile(r"\s*(?:但|而|可)?(?:在|当|自从|就在)[^，,。；;：:“”]{2,30}(?:之后|以后|后|之时|时候|时|之际|之前|以前|前)\s*")


# ---------------------------------------------------------------- vocabulary indexes


def vocab_index(config: SpeechConfig) -> dict:
    """The lookup structures of `config` (longest-first lists, sets, regexes), cached per config
    object: every rule asks for them, and building them sorts every word list."""
    key = id(config)
    cached = _VOCAB_CACHE.get(key)
    if cached is not None and cached[0] is config:
        return cached[1]
    titles = sorted(set(config.titles), key=len, reverse=True)
    address = sorted(set(config.titles) | set(config.address_titles), key=len, reverse=True)
    vocab = {
        "verbs": config.all_verbs,
        "object_verbs": set(config.object_verbs),
        "bare_verbs": set(config.bare_verbs) | set(config.extra_verbs),
        "narrative_verbs": set(config.narrative_verbs),
        "titles": titles,
        "title_set": set(titles),
        "long_titles": [t for t in titles if len(t) >= 2],
        "org": sorted(set(config.org_suffixes), key=len, reverse=True),
        "org_multi": [s for s in config.org_suffixes if len(s) >= 2],
        "anon": sorted(set(config.anonymous_sources), key=len, reverse=True),
        "anon_multi": [a for a in config.anonymous_sources if len(a) >= 2 and a not in ("一位", "一名")],
        "address": address,
        "address_set": set(address),
        "org_set": set(config.org_suffixes),
        "nonname_words": set(config.pronouns) | set(config.plural_pronouns) | set(config.first_person)
        | set(config.anonymous_sources) | set(config.titles) | set(config.all_verbs) | set(NOT_NAMES)
        | set(SPORTS_CLUBS),
        "narrative_starts": sorted(set(config.narrative_starts), key=len, reverse=True),
        "title_re": re.compile("|".join(map(re.escape, titles))) if titles else None,
        # a title right before a reporting verb (一家基金公司的部门总监坦言): speech/mentions.py
        "title_before_verb_re": re.compile("(?:%s)(?=(?:也|还|则|曾)?(?:%s))" % (
            "|".join(map(re.escape, [t for t in titles if len(t) >= 2])) or "(?!)",
            "|".join(map(re.escape, config.all_verbs)) or "(?!)")),
        # title, role and kinship words by their last character: a name finder may glue that character
        # to the name after them (老|板乔-马鲁夫)
        "left_words_by_last": _by_last_char(set(address) | set(ROLE_NOUNS) | set(KINSHIP_NOUNS)),
        # reporting verbs, then narrative ones longest first, grouped by first character in that order:
        # cues.py tries only the verbs that can start at a position (924k startswith calls for 48 articles
        # when it tried them all)
        "verbs_by_first": _by_first_char(config.all_verbs + sorted(set(config.narrative_verbs), key=len, reverse=True)),
        # reporting verbs, titles and the verbs a name is glued to, of 2+ characters, by first character: a name
        # finder may take that character (李萌通|报, 莱奇法|官: speech/edges.py)
        "glue_words_by_first": _by_first_char([w for w in (*config.all_verbs, *titles, *GLUED_VERBS) if len(w) >= 2]),
        # the lengths of the titles of 2+ characters, longest first: "ends with a title" as a few set lookups
        "title_lengths": sorted({len(t) for t in titles if len(t) >= 2}, reverse=True),
        "long_title_re": re.compile("|".join(map(re.escape, [t for t in titles if len(t) >= 2])) or "(?!)"),
        "role_noun_re": re.compile("|".join(map(re.escape, sorted(
            set(titles) | set(ROLE_NOUNS) | set(config.org_suffixes), key=len, reverse=True)))),
    }
    if len(_VOCAB_CACHE) > 16:
        _VOCAB_CACHE.clear()
    _VOCAB_CACHE[key] = (config, vocab)
    return vocab


def _by_first_char(words: list[str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for w in words:
        if w:
            out.setdefault(w[0], []).append(w)
    return {c: tuple(ws) for c, ws in out.items()}


def _by_last_char(words: set[str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for w in words:
        if len(w) >= 2:
            out.setdefault(w[-1], []).append(w)
    return {c: tuple(ws) for c, ws in out.items()}


_VOCAB_CACHE: dict[int, tuple[SpeechConfig, dict]] = {}
DEFAULT_CONFIG = SpeechConfig()

