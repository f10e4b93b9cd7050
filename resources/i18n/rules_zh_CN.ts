<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>problems</name>
    <message>
        <source>No rule "{rule}" is in force on {date}: add a row for it in Preferences ▸ Rules.</source>
        <translation>{date} 没有生效的规则“{rule}”：请在 偏好设置 ▸ 规则 中添加一行。</translation>
    </message>
    <message>
        <source>"{value}" is not a rule key (lower-case words joined by dots, e.g. fx.individual_quota_usd).</source>
        <translation>“{value}”不是规则键（用点连接的小写单词，例如 fx.individual_quota_usd）。</translation>
    </message>
    <message>
        <source>A rule row needs a value.</source>
        <translation>规则行需要填写取值。</translation>
    </message>
    <message>
        <source>A rule row needs its source: the document number of the notice or law.</source>
        <translation>规则行需要填写来源：公告或法规的文号。</translation>
    </message>
    <message>
        <source>{field}: "{value}" is not a date (YYYY-MM-DD).</source>
        <translation>{field}：“{value}”不是日期（YYYY-MM-DD）。</translation>
    </message>
    <message>
        <source>A rule row needs the date it takes effect.</source>
        <translation>规则行需要填写生效日期。</translation>
    </message>
    <message>
        <source>The row ends ({valid_to}) before it starts ({valid_from}).</source>
        <translation>该行的截止日期（{valid_to}）早于生效日期（{valid_from}）。</translation>
    </message>
    <message>
        <source>"{value}" is not a rule row origin.</source>
        <translation>“{value}”不是规则行的来源类型。</translation>
    </message>
    <message>
        <source>The rule "{rule}" takes a number; "{value}" is not one.</source>
        <translation>规则“{rule}”的取值应为数字；“{value}”不是数字。</translation>
    </message>
    <message>
        <source>There is no shipped rule row "{ref}" (write it as key@YYYY-MM-DD).</source>
        <translation>没有内置规则行“{ref}”（格式为 key@YYYY-MM-DD）。</translation>
    </message>
</context>
</TS>