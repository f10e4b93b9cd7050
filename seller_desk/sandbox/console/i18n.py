"""The console's words in English and Simplified Chinese.

The console is a web page, not a Qt window, so its words are kept here (English is the key);
``tests/sandbox/test_console.py`` checks every string the templates use has its Chinese.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

LANGS = ("zh_CN", "en")

ZH: dict[str, str] = {
    "SellerDesk classroom": "SellerDesk 课堂",
    "Trainer console": "讲师控制台",
    "Log in": "登录",
    "Log out": "退出",
    "Trainer token": "讲师令牌",
    "Paste the trainer token printed by “seller-desk-platform class create”.":
        "粘贴“seller-desk-platform class create”打印的讲师令牌。",
    "The token is not a trainer token of this platform.": "该令牌不是本平台的讲师令牌。",
    "The form expired; please try again.": "表单已过期，请重试。",
    "Classes": "班级",
    "Archived classes": "已归档班级",
    "Create a class": "创建班级",
    "Name": "名称",
    "Students": "学员",
    "Create": "创建",
    "Created": "创建时间",
    "Scenario": "情景",
    "None": "无",
    "Open": "打开",
    "Archive": "归档",
    "Unarchive": "取消归档",
    "Reset": "重置",
    "Delete": "删除",
    "Export (xlsx)": "导出（xlsx）",
    "Connection sheet": "连接单",
    "Progress board": "进度看板",
    "Rule rows": "规则行",
    "A new notice as a dated rule row: every student's SellerDesk adds it to its rule book at "
    "the next sync, and the figures it computes (FX lines, EIT, list limits, deadlines) follow "
    "it from its start date. Withdrawing a row removes it again.":
        "把新通知作为带日期的规则行下发：每位学员的 SellerDesk 在下次同步时把它加入规则表，"
        "自生效日起，外汇额度线、企业所得税、清单限额、申报期限等计算都按它执行。撤回后即删除。",
    "Pushed to this class": "已下发到本班",
    "Rule": "规则",
    "Value": "值",
    "Valid from": "生效日期",
    "Valid to": "失效日期",
    "Source": "依据",
    "Note": "备注",
    "Sent to": "已送达",
    "{n} of {total}": "{n} / {total}",
    "Withdraw this rule row from every student?": "从所有学员处撤回这条规则行？",
    "Withdraw": "撤回",
    "No rule rows pushed to this class yet.": "尚未向本班下发规则行。",
    "Push a rule row": "下发规则行",
    "document number, e.g. 财政部 税务总局公告2028年第1号": "文件编号，如 财政部 税务总局公告2028年第1号",
    "Push to the class": "下发到本班",
    "Rules shipped with SellerDesk": "SellerDesk 内置规则",
    "The rule row was not pushed: {why}": "规则行未下发：{why}",
    "Rule row pushed: {key} = {value} from {start}.": "已下发规则行：{key} = {value}，自 {start} 起生效。",
    "Students get it at their next sync.": "学员下次同步时收到。",
    "Rule row withdrawn: {key}.": "已撤回规则行：{key}。",
    "Students' SellerDesk removes it at their next sync.": "学员的 SellerDesk 在下次同步时删除。",
    "Review queues": "审核队列",
    "Reset clears every student's synced data; accounts and tokens stay. Continue?":
        "重置将清除所有学员已同步的数据，账号和令牌保留。继续吗？",
    "Delete this class and its student accounts for good?": "永久删除该班级及其学员账号吗？",
    "Class created: {name} ({n} students).": "已创建班级：{name}（{n} 名学员）。",
    "{n} students reset.": "已重置 {n} 名学员。",
    "Class deleted.": "班级已删除。",
    "Class archived.": "班级已归档。",
    "Class restored.": "班级已恢复。",
    "This class's own trainer token: {token}": "该班级自己的讲师令牌：{token}",
    "Keep it: it is shown only once.": "请妥善保存：只显示这一次。",
    "Student": "学员",
    "Company": "企业",
    "Last sync": "最近同步",
    "Filings": "备案",
    "Products": "商品备案",
    "Declarations": "清单",
    "FX state": "外汇状态",
    "Exemption list month": "免税清单月份",
    "Problems": "问题",
    "never": "从未",
    "Updated every 5 seconds.": "每 5 秒刷新。",
    "Scenarios": "情景",
    "Start": "开始",
    "Stop": "停止",
    "Running since {at}": "开始于 {at}",
    "Score": "得分",
    "Out of": "满分",
    "No scenario is running for this class.": "本班级没有正在进行的情景。",
    "Start a scenario": "开始情景",
    "Scenario started: {title}.": "情景已开始：{title}。",
    "Scenario stopped.": "情景已停止。",
    "Print": "打印",
    "Download PDF": "下载 PDF",
    "Scan the code, or copy the line into SellerDesk (Sync → Connect).":
        "扫描二维码，或将该行复制到 SellerDesk（同步 → 连接）。",
    "Connection line": "连接串",
    "QR code": "二维码",
    "The console does not hold these students' tokens (the class was made before the console, "
    "or a token was replaced). Issue new tokens to print them: their old tokens stop working.":
        "控制台没有保存这些学员的令牌（班级创建于控制台之前，或令牌已被更换）。"
        "签发新令牌后即可打印，旧令牌将失效。",
    "Issue new tokens": "签发新令牌",
    "Filing reviews": "备案审核",
    "Product filing reviews": "商品备案审核",
    "Customs: declarations": "海关：清单",
    "Approve": "通过",
    "Reject": "驳回",
    "Reason": "理由",
    "Release": "放行",
    "Reject (100)": "退单（100）",
    "Close": "结关",
    "Nothing waits for review.": "没有待审核的记录。",
    "No open declarations.": "没有未结的清单。",
    "Status": "状态",
    "Kind": "类型",
    "List": "清单",
    "Done.": "完成。",
    "A rejection needs a reason.": "驳回需要填写理由。",
    "Released lists cannot be walked back.": "已放行的清单不能回退。",
    "Students, progress and grades": "学员、进度与成绩",
    "Seller id": "卖家编号",
    "Grades": "成绩",
    "Progress": "进度",
    "Tasks": "任务",
    "done": "已完成",
    "not_yet": "未完成",
    "wrong": "有误",
    "Language": "语言",
    "Back to classes": "返回班级列表",
    "Add students": "添加学员",
    "Add": "添加",
    "{n} students added.": "已添加 {n} 名学员。",
    "registered": "已登记名录",
    "exempt": "免登记",
    "warning": "接近限额",
    "at_threshold": "达到限额",
    "required": "须登记名录",
    "ok": "正常",
    "nearly_used": "额度将尽",
    "used_up": "额度用尽",
    "needs_evidence": "需贸易单证",
    "submitted": "已提交",
    "approved": "已通过",
    "rejected": "已驳回",
    "recorded": "已记录",
    "draft": "草稿",
}

#: Status codes as English words (the Chinese are in ZH).
EN_CODES: dict[str, str] = {
    "not_yet": "not yet", "required": "registration required", "at_threshold": "at US$200,000",
    "warning": "near the line", "needs_evidence": "needs trade evidence",
    "used_up": "quota used up", "nearly_used": "quota nearly used",
}

#: Customs receipt statuses (ceb.md §5) in both languages.
CUSTOMS_WORDS: dict[str, tuple[str, str]] = {
    "1": ("saved", "暂存"), "2": ("declaring", "申报中"), "3": ("sent", "发送海关成功"),
    "4": ("send failed", "发送海关失败"), "100": ("rejected", "退单"),
    "120": ("accepted", "入库"), "300": ("manual review", "人工审核"),
    "399": ("concluded", "审结"), "500": ("inspection", "查验"), "800": ("released", "放行"),
    "899": ("closed", "结关"),
}


def customs_word(code: str, lang: str) -> str:
    words = CUSTOMS_WORDS.get(code)
    if words is None:
        return code or "—"
    return f"{code} {words[1] if lang == 'zh_CN' else words[0]}"


def usd(value: object) -> str:
    """An amount as text with thousands separators (``215,000.00``); kept as is if not one."""
    from decimal import Decimal, InvalidOperation

    try:
        return f"{Decimal(str(value)):,.2f}"
    except (InvalidOperation, ValueError):
        return str(value)


NOTES: dict[str, dict[str, str]] = {
    "fx_register": {"en": "Receipts US${total}: over the US$200,000 line without a 名录 "
                          "registration.",
                    "zh_CN": "收汇 {total} 美元，已超过 20 万美元但未登记名录。"},
    "fx_evidence": {"en": "{count} settlements beyond the US$50,000 quota need trade "
                          "evidence.",
                    "en_one": "1 settlement beyond the US$50,000 quota needs trade evidence.",
                    "zh_CN": "{count} 笔结汇超出 5 万美元额度，需要贸易单证。"},
    "customs_rejected": {"en": "List {cop_no} rejected by customs: {reason}",
                         "zh_CN": "清单 {cop_no} 被海关退单：{reason}"},
    "customs_lines": {"en": "List {cop_no}: {reason}", "zh_CN": "清单 {cop_no}：{reason}"},
    "filing_rejected": {"en": "Filing {what} rejected: {reason}",
                        "zh_CN": "备案 {what} 被驳回：{reason}"},
    "product_rejected": {"en": "Product filing {what} rejected: {reason}",
                         "zh_CN": "商品备案 {what} 被驳回：{reason}"},
}


def pick(lang: str | None) -> str:
    return "zh_CN" if (lang or "").replace("-", "_").lower().startswith("zh") else "en"


def gettext(lang: str) -> Callable[..., str]:
    def _(text: str, **params: Any) -> str:
        out = ZH.get(text, text) if lang == "zh_CN" else EN_CODES.get(text, text)
        return out.format(**params) if params else out
    return _


def words_text(words: dict[str, str], lang: str, params: dict[str, Any], fallback: str) -> str:
    """``words`` in ``lang`` (else in English, else ``fallback``) with ``params`` put in. A
    text of a ``count`` says it in English as "1 settlement … needs" for a count of one when
    ``words`` has that form (``en_one``); Chinese has one form."""
    text = words.get(lang)
    if text is None or lang == "en":
        text = words.get("en") or fallback
        if str(params.get("count")) == "1":
            text = words.get("en_one", text)
    return text.format(**params)


def note_text(note: dict[str, Any], lang: str) -> str:
    params = dict(note.get("params") or {})
    if "total" in params:
        params["total"] = usd(params["total"])
    return words_text(NOTES.get(note["key"], {}), lang, params, note["key"])
