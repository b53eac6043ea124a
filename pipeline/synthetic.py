"""Generated documents of one genre (work speeches, reports, notices) for dedup tests and
`make bench`: distinct documents that share a lot of boilerplate vocabulary, which is what
makes near-duplicate detection hard on document-site text.

Everything here is invented for this project (templates and vocabulary); a seeded
`random.Random` makes the corpus the same on every machine. Some paragraphs are shared
verbatim by many documents (openings, closings, a policy paragraph), as real speeches
copy them; the rest is drawn sentence by sentence from templates and slot fillers.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

PLACES = ("我区", "我县", "我市", "全镇", "全街道", "我们乡", "开发区", "高新区", "新城区", "我们县里", "全系统", "局机关")
TOPICS = ("基层党建", "乡村振兴", "营商环境", "安全生产", "生态环境保护", "义务教育", "医疗卫生", "文化旅游",
          "数字政府", "社区治理", "招商引资", "河湖管理", "农田水利", "养老服务", "就业创业", "城市更新",
          "食品安全", "信访维稳", "人才引进", "科技创新", "森林防火", "消防安全", "粮食生产", "住房保障")
ACTIONS = ("推进", "加强", "深化", "完善", "健全", "落实", "优化", "提升", "拓展", "规范", "夯实", "统筹",
           "强化", "创新", "巩固", "抓好")
OBJECTS = ("工作机制", "责任体系", "服务网络", "考核办法", "监督链条", "协调平台", "保障措施", "队伍建设",
           "制度规范", "信息系统", "示范点位", "专项行动", "联络渠道", "台账管理", "应急预案", "评价标准")
RESULTS = ("取得了明显成效", "群众满意度稳步提高", "形成了一批可复制的经验", "工作质效持续向好",
           "基础更加牢固", "短板弱项逐步补齐", "整体水平迈上新台阶", "社会反响良好", "各项指标好于预期",
           "为全年目标打下了基础")
PROBLEMS = ("思想认识还不够到位", "工作推进还不够平衡", "资金投入还有缺口", "专业人才相对缺乏",
            "部门协同还不够顺畅", "基层基础还比较薄弱", "群众参与度还不高", "考核激励作用发挥不充分",
            "宣传引导还有欠缺", "风险隐患排查不够彻底")
IDIOMS = ("凝心聚力", "真抓实干", "久久为功", "攻坚克难", "守正创新", "务实重干", "笃行不怠", "勇毅前行",
          "善作善成", "锐意进取", "担当作为", "精准施策")
UNITS = ("个", "项", "家", "人次", "件", "处", "万元", "公里", "户", "场")
PEOPLE = ("各位领导", "同志们", "各位代表", "各位来宾", "同志们、朋友们")
GENRES = ("在{topic}工作推进会上的讲话", "关于{topic}工作情况的报告", "{year}年{topic}工作总结",
          "关于进一步做好{topic}工作的通知", "在{topic}专题调研座谈会上的发言", "{topic}工作实施方案")
NUMERALS = "一二三四五六七八九十"

SENTENCES = (
    "{year}年以来，{place}坚持把{topic}作为重要抓手，{action}{object}，{result}。",
    "全年累计{action}{object}{n}{unit}，同比增长{pct}%，{result}。",
    "我们{action}{topic}{object}，建立{n}个工作专班，做到问题早发现、早处置。",
    "围绕{topic}这一重点，{place}{action}{object}，推动各项任务落地见效。",
    "截至{month}月底，共完成{topic}相关任务{n}{unit}，完成率达到{pct}%。",
    "在{topic}方面，{place}还存在{problem}的问题，需要引起高度重视。",
    "下一步，要{idiom}，持续{action}{topic}{object}，确保{result2}。",
    "各单位要切实扛起{topic}主体责任，把{object}{action}到位，坚决防止走过场。",
    "要坚持问题导向，聚焦{problem}，{action}{object}，以钉钉子精神抓好整改。",
    "{place}将{topic}纳入年度考核，设立专项资金{n}万元，对先进单位给予通报表扬。",
    "通过{action}{object}，{place}{topic}工作实现了由被动应对向主动作为的转变。",
    "我们组织开展{topic}专题培训{n}期，培训骨干{n2}人次，队伍能力明显增强。",
    "针对{problem}，{place}出台了{n}条具体措施，明确了责任单位和完成时限。",
    "实践证明，只有{idiom}，才能把{topic}的各项部署转化为实实在在的成果。",
    "{month}月份，{place}召开{topic}现场观摩会，{n}个单位作了交流发言。",
    "今年计划新建{topic}{object}{n}{unit}，目前已开工{n2}{unit}，进度符合预期。",
    "对{problem}的情况，要建立清单、逐项销号，每{month}个月通报一次进展。",
    "各部门要加强沟通配合，形成{topic}工作合力，坚决杜绝推诿扯皮。",
    "从督查情况看，{place}{topic}总体平稳，但{problem}，个别地方{problem2}。",
    "我们探索推行“{short}”工作法，{action}{object}，得到了上级部门肯定。",
)
OPENINGS = (
    "{people}：今天我们召开这次会议，主要任务是总结前一阶段{topic}工作，分析当前形势，部署下一步重点任务。",
    "{people}：根据会议安排，我就{place}{topic}工作情况作简要汇报，不妥之处请批评指正。",
    "为深入贯彻上级关于{topic}的决策部署，结合{place}实际，现就有关事项通知如下。",
)
SHARED = (
    "党的十八大以来，党中央对做好新时代各项工作作出一系列重大部署，为我们做好本职工作提供了根本遵循。"
    "我们必须提高政治站位，切实增强责任感和紧迫感，以更高标准、更严要求、更实举措推动各项工作落地落实。",
    "各级各部门要把思想和行动统一到上级决策部署上来，坚持目标不变、标准不降、力度不减，"
    "以钉钉子精神抓好各项任务落实，确保各项工作取得实实在在的成效。",
    "同志们，任务艰巨，责任重大。让我们更加紧密地团结在一起，振奋精神、扎实工作，为全面完成全年目标任务而努力奋斗！",
)
HEADINGS = ("提高思想认识，切实增强做好{topic}工作的责任感", "突出工作重点，全力推动{topic}提质增效",
            "强化组织保障，确保{topic}各项任务落到实处", "主要做法和成效", "存在的问题和不足",
            "下一步工作打算", "坚持问题导向，着力破解{topic}难题", "完善体制机制，{action}{topic}{object}")


def _fill(rng: random.Random, template: str, topic: str) -> str:
    return template.format(
        year=rng.randint(2015, 2025), place=rng.choice(PLACES), topic=topic, action=rng.choice(ACTIONS),
        object=rng.choice(OBJECTS), result=rng.choice(RESULTS), result2=rng.choice(RESULTS),
        problem=rng.choice(PROBLEMS), problem2=rng.choice(PROBLEMS), idiom=rng.choice(IDIOMS),
        n=rng.randint(3, 980), n2=rng.randint(12, 4800), unit=rng.choice(UNITS), pct=round(rng.uniform(1, 99), 1),
        month=rng.randint(1, 12), people=rng.choice(PEOPLE), short=rng.choice(NUMERALS[:5]) + rng.choice("访联帮查办") + "工作",
    )


def _paragraph(rng: random.Random, topic: str, sentences: int) -> str:
    return "".join(_fill(rng, rng.choice(SENTENCES), topic) for _ in range(sentences))


def document(seed: int, short: bool = False) -> tuple[str, str]:
    """(title, text) of one generated document: one paragraph per line."""
    rng = random.Random(seed)
    topic = rng.choice(TOPICS)
    title = _fill(rng, rng.choice(GENRES), topic)
    lines = [_fill(rng, rng.choice(OPENINGS), topic)]
    if rng.random() < 0.4:
        lines.append(SHARED[0])
    for i in range(1 if short else rng.randint(2, 5)):
        if not short:
            lines.append(f"{NUMERALS[i]}、{_fill(rng, rng.choice(HEADINGS), topic)}")
        for _ in range(rng.randint(1, 2) if short else rng.randint(2, 4)):
            lines.append(_paragraph(rng, topic, rng.randint(2, 5)))
    if not short and rng.random() < 0.5:
        lines.append(SHARED[1])
    if not short and rng.random() < 0.5:
        lines.append(SHARED[2])
    return title, "\n".join(lines)


def corpus(n: int, seed: int = 0, short_share: float = 0.15) -> Iterator[tuple[str, str]]:
    """`n` distinct generated documents; about `short_share` of them are short notices."""
    rng = random.Random(seed)
    for i in range(n):
        yield document(seed * 1_000_003 + i, short=rng.random() < short_share)


def page(title: str, text: str) -> str:
    """A generated document as a raw page of a document site (title line, chrome, body)."""
    return f"{title}.docx\n上传人：匿名 上传时间：2024-03-05 格式：DOCX 页数：6\n{text}\n"
