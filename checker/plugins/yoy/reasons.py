"""Y010–Y015: is every change really explained?

A reason's *conclusion* is a clause that begins with 所以/因此/从而/…, or one that names the
statement's own subject (or 此项/该项/相应…) and ends on a direction word: "所以 2024 年项目支出预算比上年
增长", "相应预算费用有所下降". Its direction must agree with the change (Y012); a conclusion that says
"比上年…" about another subject ("所以 2024 年一般公共预算比上年增长" under 行政运行) marks a reason
pasted from elsewhere (Y013).
"""
from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Iterator, Optional, Sequence

from checker.core.findings import Finding, amount_text
from checker.core.printed import PrintedAmount
from checker.core.rounding import Interval, interval

from .options import large_change
from .statements import ChangeStatement
from .text import CONCLUDING, DIRECTION, NUM, Clause, clauses, direction_of, fmt, han_count, last_direction
from ...core.text import lazy_pattern

SELF_REFERENCE = ("此项", "该项", "本项", "相应款项", "相应预算", "相应经费", "相应支出", "相应费用", "相应的", "此经费",
                  "该经费", "此费用", "该费用", "预算数", "该科目", "本科目", "该款项", "此款项")
# what a restatement is made of: the change itself, said again
_RESTATE = lazy_pattern(
    r"(20\d{2}年度?|" + NUM + r"(?:万元|元|%)?|预算|经费|资金|支出|费用|金额|数额|本年度?|今年|当年|上年度?|同期|"
    r"比|较|与|相比|有所|略有|大幅|较大|明显|相应的?|所以|因此|故|的|了|主要|是|该项|此项|本项|原因|变化|幅度|"
    r"部分|拨款|安排|等|情况|收入|[,;:。、!?\"“”'‘’()（）]|" + DIRECTION + r"|持平|无变化|不变)")
# generic causes that explain nothing on their own
_BOILERPLATE = lazy_pattern(
    r"(本单位|我单位|本部门|我部门|单位|部门|中心|因?工作需要|业务需要|实际需要|实际情况|工作业务辆?(?:拓展|扩展|发展)|"
    r"业务(?:量)?(?:拓展|扩展|发展|增加|增多)|工作(?:量|任务)(?:增加|加大|增多)?|根据[^,;。]{0,8}(?:要求|规定|精神|安排)|"
    r"按照[^,;。]{0,8}(?:要求|规定|精神|安排)|相关(?:政策|要求|规定|文件)|政策(?:调整|变化|要求)|严格落实|进一步|"
    r"厉行节约|过紧日子|压减|压缩|项目调整|调整|统筹|综合考虑|保障|正常运转|需要|要求|尽量|落实)")
_PART = lazy_pattern(rf"({DIRECTION})了?({NUM})万元")


def _without(text: str, *words: str) -> str:
    for w in sorted((w for w in words if w), key=len, reverse=True):
        text = text.replace(w, "")
    return text


def _own_words(st: ChangeStatement) -> tuple[str, ...]:
    words = set(st.subject.aliases)
    if st.subject_text:
        words.add(st.subject_text)
    words.update(n for n in st.subject.names if n)
    return tuple(w for w in words if w)


def _mentions(text: str, words: Sequence[str]) -> Optional[int]:
    """The end of the first mention of one of ``words`` in ``text``."""
    best = None
    for w in words:
        i = text.find(w)
        if i >= 0 and (best is None or i + len(w) < best):
            best = i + len(w)
    return best


def conclusion(st: ChangeStatement, clause: Clause, others: Sequence[str],
               items: frozenset[str] = frozenset()) -> Optional[tuple[int, str, str]]:
    """If ``clause`` concludes about a subject, (direction, word, whose): whose is "own" or the
    other subject's name. ``items`` are the 项 names of 五（三）: a 项's reason that says another 项
    went up or down ("……事业单位医疗支出减少" under 培训支出) was written for that other 项."""
    text = clause.text
    own_end = _mentions(text, _own_words(st) + SELF_REFERENCE)
    other = next((w for w in others if w in text and not any(w in o or o in w for o in _own_words(st))), None)
    if own_end is not None:
        found = last_direction(text[own_end:])
        if found:
            return found[0], found[1], "own"
    if CONCLUDING.match(text):
        found = last_direction(text)
        if found:
            if own_end is None and other is not None:
                return found[0], found[1], other
            return found[0], found[1], "own"
    if other is not None and ("比上年" in text or "较上年" in text):
        found = last_direction(text)
        if found:
            return found[0], found[1], other
    if st.subject.kind == "item":
        foreign = _foreign_item(text, st, items)
        if foreign is not None:
            found = last_direction(text[foreign[1]:])
            if found:
                return found[0], found[1], foreign[0]
    return None


def _find_all(text: str, word: str) -> Iterator[int]:
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + 1)


def _foreign_item(text: str, st: ChangeStatement, items: frozenset[str]) -> Optional[tuple[str, int]]:
    """(name, end) of another 项 the clause names, when it names no word of the statement's own (a
    mention of the own 款 "行政事业单位医疗" is not one of the 项 "事业单位医疗")."""
    own = [(i, i + len(w)) for w in _own_words(st) + SELF_REFERENCE for i in _find_all(text, w)]
    mine = st.subject.names[2] if st.subject.names else ""
    for name in sorted(items, key=len, reverse=True):
        if name == mine:
            continue
        for i in _find_all(text, name):
            start, end = i, i + len(name)
            if any(a <= start and end <= b for a, b in own):
                continue
            if any(not (start <= a and b <= end) for a, b in own):
                return None
            return name, end
    return None


def other_subjects(statements: Sequence[ChangeStatement]) -> list[str]:
    """Names that, in a reason's conclusion, mean another statement's subject."""
    names = {"一般公共预算", "基本支出", "项目支出", "三公经费", "机关运行经费", "单位资金", "政府性基金",
             "国有资本经营", "财政拨款结转"}
    for st in statements:
        if st.subject.kind == "item" and st.subject.names:
            names.add(st.subject.names[2])
    return sorted(names, key=len, reverse=True)


def check(statements: Sequence[ChangeStatement], options: dict,
          families: Optional[dict[int, str]] = None) -> Iterator[Finding]:
    """``families`` gives, by statement id, the kind of money its subject is (figures.family)."""
    families = families or {}
    others = other_subjects(statements)
    by_reason: dict[str, list[ChangeStatement]] = {}
    items = frozenset(o.subject.names[2] for o in statements if o.subject.kind == "item" and o.subject.names)
    for st in statements:
        if st.reason_text:
            by_reason.setdefault(st.reason_text, []).append(st)
    for st in statements:
        found = _reason(st, others, by_reason, options, items, families)
        if found:
            yield found
        parts = _parts_sum(st)
        if parts:
            yield parts


def _direction_word(d: int) -> str:
    return {1: "增长", -1: "下降", 0: "无变化"}[d]


def _reason(st: ChangeStatement, others: Sequence[str], by_reason: dict[str, list[ChangeStatement]],
            options: dict, items: frozenset[str] = frozenset(),
            families: Optional[dict[int, str]] = None) -> Optional[Finding]:
    """The one most serious finding about this statement's reason, if any."""
    if st.has_parts:
        return None
    quote = f"{st.section.label}“{st.quote()}”"
    body = st.reason_text
    if not body or not han_count(body):
        if st.is_zero:
            return None
        return Finding("Y010", f"{quote}没有说明变化的原因。请写明“主要原因是……”（人员、项目、政策等具体原因）。",
                       [st.location()])
    concluded = [c for c in (conclusion(st, cl, others, items) for cl in clauses(body)) if c]
    for direction, word, whose in concluded:
        if whose == "own" and direction != st.direction:
            return Finding(
                "Y012",
                f"{quote}是{_direction_word(st.direction)}，但原因的结论是“{word}”：“{st.reason}”。"
                "请核对增减方向，并写明真正的原因。",
                [st.location()], expected=_direction_word(st.direction), actual=word)
    if st.is_zero:
        return None
    if han_count(_RESTATE.sub("", _without(body, *_own_words(st)))) < 2:
        return Finding("Y011", f"{quote}的原因“{st.reason}”只是复述了增减，没有说明为什么变化。", [st.location()])
    pasted = [(d, w, whose) for d, w, whose in concluded if whose != "own"]
    if pasted:
        _, word, whose = pasted[0]
        same = [o for o in by_reason.get(body, []) if o is not st]
        where = ""
        if same:
            where = "；同样的原因还写在" + "、".join(f"{o.section.label}的{o.subject.label}（{o.cell.address}）" for o in same[:4])
        return Finding(
            "Y013",
            f"{quote}的原因落在“{whose}{word}”上，说的不是{st.subject.label}本身的变化：“{st.reason}”{where}。"
            "请说明这一项为什么变化。",
            [st.location()] + [o.location() for o in same[:1]])
    opposite = [o for o in by_reason.get(body, []) if o is not st and o.direction == -st.direction
                and o.subject.key != st.subject.key]
    alike = [o for o in by_reason.get(body, []) if o.direction == st.direction]
    # the statements in the minority direction are the ones the text was pasted under
    # … unless the text concludes on this statement's own subject in its direction ("……事业单位医疗支出减少")
    explains_itself = any(whose == "own" and d == st.direction for d, _, whose in concluded)
    # a stock phrase alone ("项目调整") fits a rise as well as a fall: not pasted, only empty (Y015)
    boilerplate = han_count(_BOILERPLATE.sub("", _RESTATE.sub("", body))) < 2
    if st.direction and opposite and len(alike) <= len(opposite) and han_count(body) >= 4 and not explains_itself \
            and not boilerplate:
        listed = "、".join(f"{o.section.label}的{o.subject.label}（{o.cell.address}，{_direction_word(o.direction)}）"
                          for o in opposite[:4])
        return Finding(
            "Y013",
            f"{quote}是{_direction_word(st.direction)}，它的原因“{st.reason}”一字不差地也写在方向相反的{listed}下；"
            "同一段话不能同时解释增长和下降。请分别说明每一项为什么变化。",
            [st.location()] + [o.location() for o in opposite[:1]])
    home = _unrelated(st, body, by_reason, families or {})
    if home:
        listed = "、".join(f"{o.section.label}的{o.subject.label}（{o.cell.address}）" for o in home[:4])
        return Finding(
            "Y013",
            f"{quote}是{_FAMILY[(families or {})[id(st)]]}，它的原因“{st.reason}”一字不差地也写在"
            f"{_FAMILY[(families or {})[id(home[0])]]}的{listed}下，原因中又没有说到{st.subject.label}本身；"
            "不同性质的支出不会有完全相同的变化原因。请说明这一项为什么变化。",
            [st.location()] + [o.location() for o in home[:1]])
    threshold = large_change(options)
    if _is_large(st, threshold) and han_count(_BOILERPLATE.sub("", _RESTATE.sub("", _without(body, *_own_words(st))))) < 2:
        pct = f"，{st.percent_word} {fmt(abs(st.percent))}%" if st.percent is not None else \
            f"，约合 {fmt(_percent(st))}%"
        return Finding(
            "Y015",
            f"{quote}变化较大（{st.amount_word} {fmt(abs(st.change))} 万元{pct}），原因“{st.reason}”只是套话，"
            "没有说明具体的人员、项目、政策或金额变化。",
            [st.location()])
    return None


_FAMILY = {"basic": "基本支出（人员、运转经费）", "basic_item": "基本支出（人员、运转经费）", "project": "项目支出",
           "sangong": "“三公”经费的分项"}
# kinds of money one reason may well explain together: 基本支出 as a whole (人员/公用经费, 机关运行经费) with
# the 项 it is made of, and with 三公 (paid from 公用经费)
_RELATED = ({"basic", "basic_item"}, {"basic", "sangong"})


def _related(a: str, b: str) -> bool:
    return a == b or {a, b} in _RELATED


def _unrelated(st: ChangeStatement, body: str, by_reason: dict[str, list[ChangeStatement]],
               families: dict[int, str]) -> list[ChangeStatement]:
    """The same reason text behind non-zero changes of different kinds of money (基本支出 and 项目支出,
    a 三公 part and a 项): the statements of the kind it was written for, when ``st`` is of another
    kind and its reason does not name ``st``'s own subject. The kind it was written for is the one
    most of its uses are of (a tie: the kind of its first use). Kinds (figures.family): "basic", "basic_item",
    "project", "sangong"; a reason shared by related kinds (_RELATED: 基本支出 with its 项, or with 三公) is
    not reported."""
    mine = families.get(id(st))
    if mine is None or st.is_zero or han_count(body) < 6 or _mentions(body, _own_words(st)) is not None:
        return []
    users = [o for o in by_reason.get(body, []) if not o.is_zero and not o.has_parts and families.get(id(o))]
    kinds = [families[id(o)] for o in users]
    if len(set(kinds)) < 2:
        return []
    counts = Counter(kinds)
    home = max(counts, key=lambda k: (counts[k], -kinds.index(k)))
    if _related(home, mine):
        return []
    return [o for o in users if families[id(o)] == home]


def _is_large(st: ChangeStatement, threshold: tuple[Decimal, Decimal]) -> bool:
    pct_limit, amount_limit = threshold
    if st.change is None:
        return False
    percent = _percent(st)
    return percent is not None and abs(st.change) > amount_limit and percent > pct_limit


def _percent(st: ChangeStatement) -> Optional[Decimal]:
    """|Y%| as printed; when only the amount is printed, |X| ÷ (current − X) (a new item: 100 %)."""
    if st.percent is not None:
        return abs(st.percent)
    if st.current is None or st.change is None:
        return None
    last = st.current.value - st.change
    return Decimal(100) if last <= 0 else abs(st.change) / last * 100


def _parts_sum(st: ChangeStatement) -> Optional[Finding]:
    """Y014: the reason's quantified parts add up to the change."""
    if st.change_amount is None or not st.reason_text:
        return None
    parts = []
    for m in _PART.finditer(st.reason_text):
        part = PrintedAmount.parse(m.group(2))
        if part is None:
            continue
        # a reason quotes its parts rounded: "人员经费增加 300 万元" stands for 299.5 to 300.5
        parts.append((part.value * (direction_of(m.group(1)) or 1), part.approximate_precision, m.group(0)))
    change = st.change_amount
    # a part that merely repeats the whole change is not a part
    parts = [p for p in parts if not interval(abs(p[0]), p[1]).overlaps(interval(abs(change.value), change.precision))]
    if len(parts) < 2:
        return None
    total = Interval(Decimal(0), Decimal(0))
    for value, precision, _ in parts:
        total = total + interval(value, precision)
    if total.overlaps(interval(change)):
        return None
    summed = sum((p[0] for p in parts), Decimal(0))
    listed = "，".join(p[2] for p in parts)
    return Finding(
        "Y014",
        f"{st.section.label}“{st.quote()}”：原因所列分项（{listed}）相加为 {fmt(summed)} 万元，"
        f"与增减额 {fmt(st.change)} 万元不符。",
        [st.location()], expected=amount_text(st.change), actual=amount_text(summed))
