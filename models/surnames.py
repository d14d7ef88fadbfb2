"""Chinese surnames, one place: the speech rules read names with them (models/speech/), and sentence
splitting (models/text.py) tells a character a page's encoding lost inside a name (梁?昕) from a question
mark by them (`lost_character`, here)."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

COMMON_SURNAMES = set(
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏窦章苏潘葛奚范彭郎鲁韦昌马"
    "苗凤方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于傅皮卞齐康伍余卜顾孟黄穆萧尹姚邵湛汪祁毛禹"
    "狄米贝臧伏戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞"
    "万支柯昝管卢莫房裘缪解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣翁荀羊惠甄曲封芮羿储靳汲邴糜"
    "松井段富巫焦巴弓牧隗车侯宓蓬郗班仰仲伊宫宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰"
    "鄂索咸籍赖卓蔺屠蒙池乔阴郁胥苍闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍郤璩桑桂濮牛边扈燕冀郏浦尚农温庄晏柴瞿"
    "阎慕连茹习宦艾向古易慎戈廖庾暨居衡耿弘匡文寇禄阙欧殳沃蔚夔隆师巩厍聂晁勾敖融冷訾辛阚简饶曾毋沙乜鞠丰"
    "巢关蒯查荆游竺逯盖桓闫付肖覃谌冼仝练帅朴揭佘邝苑迟楚鄢粟亓修赫况鲜亢宾尉冶檀奉尧回成"
)
COMPOUND_SURNAMES = set(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木 独孤 南宫 西门 "
    "呼延 澹台 公冶 宗政 濮阳 太史 申屠 钟离 闻人 赫连 万俟 司空 第五 拓跋 完颜 爱新觉罗".split()
)
# Japanese family names of two or three characters, as Chinese news writes them (中岛宏, 桥本龙太郎, 中曾根康弘): the
# commonest and those of public figures; left out are the ones that are ordinary words (山下, 中山, 小川, 上田, 平野).
JAPANESE_SURNAMES = set(
    "中岛 田中 桥本 小渊 小泽 村山 山本 铃木 佐藤 高桥 渡边 伊藤 山田 中村 小林 加藤 吉田 山口 松本 井上 木村 清水 "
    "山崎 池田 阿部 石川 冈田 长谷川 藤田 后藤 近藤 村上 远藤 青木 坂本 斋藤 福田 西村 藤井 冈本 藤原 松田 竹内 小野 "
    "田村 和田 森田 柴田 酒井 横山 宫崎 宫本 内田 高木 安藤 谷口 丸山 今井 河野 藤本 武田 杉山 松井 岩崎 樱井 木下 "
    "野口 松尾 野村 安倍 麻生 鸠山 细川 羽田 宫泽 竹下 海部 梶山 野中 中曾根 宇野 大平 三木 小泉 谷垣 町村 高村 "
    "丹羽 片山 东条 近卫 枝野 石破 岸田 二阶 茂木 甘利 前原 堀井 盐川 三塚 久间 额贺 古贺 浅利 "
    # business, letters and entertainment (大前研一, 稻盛和夫, 东野圭吾); none that is also a common word, place or
    # company in jieba's dictionary (山下, 大江, 大岛, 大西, 松下, 本田, 北川: 20 uses and more, or a county)
    "大前 大塚 大冢 小池 小仓 中川 中野 北野 北村 原田 吉川 堀江 宫川 岛田 服部 菅原 菊池 荒木 野田 香川 佐佐木 "
    "坂口 石原 稻盛 黑田 黑泽 柳井 宇多田 滨崎 深田 泷泽 竹中 秋元 岩井 东野 村田 长泽 新垣 堀北 仓木 安室 "
    "中森 三浦 三宅 川端 芥川 夏目 星野 久保 稻垣 二宫 相叶 绫濑 前田 土井".split()
)
# Tibetan names have no family name: two parts of two characters (顿珠次仁, 扎西多吉), or one. jieba files some whole
# names as places (顿珠次仁: ns), so a name made of these parts is a person's whatever jieba says.
TIBETAN_NAME_PARTS = set(
    "扎西 次仁 顿珠 多吉 旺堆 格桑 尼玛 达瓦 平措 索朗 次旦 益西 洛桑 丹增 旦增 卓玛 央金 拉姆 措姆 强巴 边巴 普布 巴桑 "
    "白玛 贡嘎 罗布 群培 土登 坚参 嘉措 加措 德吉 曲珍 巴珠 阿旺 桑珠 仁青 泽仁 拉巴 次旺 晋美 才旦 卓嘎 朗杰 央宗 "
    "米玛 欧珠 旺姆 索南 向巴 降边 江村 列确 热地 帕巴 格列 旺久 琼达 珠杰 次珍 扎巴 洛追 赤列 贡布 巴登 顿旦".split()
)
SURNAME_CHARS = "".join(sorted(COMMON_SURNAMES))  # for a regex character class: [{SURNAME_CHARS}]


def lost_character(text: str, i: int) -> bool:
    """text[i] is an ASCII ? between a surname and a Han character, that trio written at least twice, in
    text punctuated the Chinese way (，。 within 40 characters): a character of a name the page's encoding
    lost (梁?昕 … 梁?昕表示: GB2312 has no 镕, 堃, 喆), not a question mark (变化呢?康家祥：… / 是不是很高?我们…
    / text with ASCII punctuation throughout asks with ?)."""
    if text[i] != "?" or not 0 < i < len(text) - 1 or text[i - 1] not in COMMON_SURNAMES \
            or not "\u4e00" <= text[i + 1] <= "\u9fff":
        return False
    near = text[max(0, i - 40):i + 40]
    return ("，" in near or "。" in near) and _surname_trios(text)[text[i - 1:i + 2]] >= 2


@lru_cache(maxsize=16)
def _surname_trios(text: str) -> Counter:
    """How often each surname + ? + Han character trio is written in `text` (counted once a text: a
    count per question mark is quadratic in a long text)."""
    return Counter(m.group() for m in _SURNAME_TRIO_RE.finditer(text))


_SURNAME_TRIO_RE = re.compile(r"[%s]\?[\u4e00-\u9fff]" % SURNAME_CHARS)
