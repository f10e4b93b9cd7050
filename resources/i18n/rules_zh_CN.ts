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
    <message>
        <source>No small low-profit preference is recorded for {year}: the preferential policy (公告2023年第12号) ended on 2027-12-31 and no extension is in the rules table. Estimated at the statutory rates: {rate} of the whole taxable income for a small low-profit enterprise (EIT Law art. 28), {standard} otherwise. Add the new notice as a rule row when it is published.</source>
        <translation>{year} 年没有登记小型微利企业优惠：优惠政策（公告2023年第12号）已于 2027-12-31 到期，规则表中没有延续政策。按法定税率估算：小型微利企业按全部应纳税所得额的 {rate}（企业所得税法第二十八条），其他企业 {standard}。新公告发布后，请将其添加为规则行。</translation>
    </message>
</context>
</TS>