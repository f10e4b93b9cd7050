<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddRuleDialog</name>
    <message>
        <source>Add a rule row</source>
        <translation>添加规则行</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, empty: open-ended</source>
        <translation>YYYY-MM-DD，留空表示长期有效</translation>
    </message>
    <message>
        <source>document number, e.g. 财政部 税务总局公告2028年第1号</source>
        <translation>文号，例如 财政部 税务总局公告2028年第1号</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>取值</translation>
    </message>
    <message>
        <source>From</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>To</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>RulesPanel</name>
    <message>
        <source>Every limit, rate and date the app applies, with the document it comes from. A row applies from its start date; a row of this company file wins over a shipped one.</source>
        <translation>本软件适用的每一项限额、税率和日期，以及其所依据的文件。每一行自生效日期起适用；本公司文件中的规则行优先于内置规则行。</translation>
    </message>
    <message>
        <source>Filter by key, e.g. fx. or calendar.</source>
        <translation>按规则键筛选，例如 fx. 或 calendar.</translation>
    </message>
    <message>
        <source>Add row…</source>
        <translation>添加一行…</translation>
    </message>
    <message>
        <source>Remove this file&apos;s rows</source>
        <translation>删除本文件的规则行</translation>
    </message>
    <message>
        <source>In force on</source>
        <translation>生效于</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>取值</translation>
    </message>
    <message>
        <source>From</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>To</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Whose</source>
        <translation>归属</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>shipped</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>this file</source>
        <translation>本文件</translation>
    </message>
    <message>
        <source>class (platform)</source>
        <translation>班级（平台下发）</translation>
    </message>
    <message>
        <source> (off)</source>
        <translation>（已停用）</translation>
    </message>
    <message>
        <source>In force on the chosen day</source>
        <translation>在所选日期生效</translation>
    </message>
</context>
<context>
    <name>problems</name>
    <message>
        <source>No rule &quot;{rule}&quot; is in force on {date}: add a row for it in Preferences ▸ Rules.</source>
        <translation>{date} 没有生效的规则“{rule}”：请在 首选项 ▸ 规则 中添加一行。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a rule key (lower-case words joined by dots, e.g. fx.individual_quota_usd).</source>
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
        <source>{field}: &quot;{value}&quot; is not a date (YYYY-MM-DD).</source>
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
        <source>&quot;{value}&quot; is not a rule row origin.</source>
        <translation>“{value}”不是规则行的来源类型。</translation>
    </message>
    <message>
        <source>The rule &quot;{rule}&quot; takes a number; &quot;{value}&quot; is not one.</source>
        <translation>规则“{rule}”的取值应为数字；“{value}”不是数字。</translation>
    </message>
    <message>
        <source>There is no shipped rule row &quot;{ref}&quot; (write it as key@YYYY-MM-DD).</source>
        <translation>没有内置规则行“{ref}”（格式为 key@YYYY-MM-DD）。</translation>
    </message>
    <message>
        <source>No small low-profit preference is recorded for {year}: the preferential policy (公告2023年第12号) ended on 2027-12-31 and no extension is in the rules table. Estimated at the statutory rates: {rate} of the whole taxable income for a small low-profit enterprise (EIT Law art. 28), {standard} otherwise. Add the new notice as a rule row when it is published.</source>
        <translation>{year} 年没有登记小型微利企业优惠：优惠政策（公告2023年第12号）已于 2027-12-31 到期，规则表中没有延续政策。按法定税率估算：小型微利企业按全部应纳税所得额的 {rate}（企业所得税法第二十八条），其他企业 {standard}。新公告发布后，请将其添加为规则行。</translation>
    </message>
    <message>
        <source>Receipts count toward the US$200,000 line with the restored gross of netted receipts (US${gross}; net received US${net}). This is the conservative reading of 汇发〔2020〕11号: the declared amount is the gross.</source>
        <translation>轧差收汇按还原后的全额计入 20 万美元标准（{gross} 美元；实收净额 {net} 美元）。这是对汇发〔2020〕11号的审慎理解：申报金额为全额。</translation>
    </message>
    <message>
        <source>Filing {filing} is not a zone platform filing; an FX settlement account rests on the zone platform filing.</source>
        <translation>备案 {filing} 不是综合服务平台备案；外汇结算账户须以综合服务平台备案为依据。</translation>
    </message>
    <message>
        <source>No FX settlement account is recorded.</source>
        <translation>尚未记录外汇结算账户。</translation>
    </message>
    <message>
        <source>On {on}, settlements through the FX settlement account use no US$50,000 quota: the zone-platform filing is approved and valid.</source>
        <translation>{on} 通过外汇结算账户结汇不占用 5 万美元额度：综试区平台备案已通过且在有效期内。</translation>
    </message>
    <message>
        <source>On {on}, settlements through the account still use the US$50,000 quota: no zone-platform filing is linked to it.</source>
        <translation>{on} 通过该账户结汇仍占用 5 万美元额度：账户未关联综试区平台备案。</translation>
    </message>
    <message>
        <source>On {on}, settlements through the account still use the US$50,000 quota: its zone-platform filing is not approved and valid on that day.</source>
        <translation>{on} 通过该账户结汇仍占用 5 万美元额度：其综试区平台备案当日未通过或不在有效期内。</translation>
    </message>
    <message>
        <source>Nothing new to write for {month}: {sent} lists were written before or are already with customs, and lists are never re-sent as new. Correct a sent list as a modification or cancel it.</source>
        <translation>{month} 没有新的内容可写：{sent} 份清单此前已生成或已在海关处理，清单不会作为新增重复发送。已发送的清单请以变更方式更正或撤销。</translation>
    </message>
    <message>
        <source>There is no declaration {id}.</source>
        <translation>没有编号为 {id} 的申报。</translation>
    </message>
    <message>
        <source>{cop_no} needs a full customs declaration (报关单); it is not corrected as a list.</source>
        <translation>{cop_no} 需要以报关单申报，不能按清单更正。</translation>
    </message>
    <message>
        <source>List {cop_no} has status {status} (concluded, released or closed): customs no longer takes a change. Cancel it (撤销申请单 CEB605) and declare it again with a new enterprise number.</source>
        <translation>清单 {cop_no} 状态为 {status}（已审结、放行或结关）：海关不再受理变更。请先撤销（撤销申请单 CEB605），再以新的企业内部编号重新申报。</translation>
    </message>
    <message>
        <source>List {cop_no} has status {status} (under review, inspection or held): no change can be sent now; wait for the next receipt.</source>
        <translation>清单 {cop_no} 状态为 {status}（人工审核、查验或扣留中）：现在不能发送变更，请等待下一份回执。</translation>
    </message>
    <message>
        <source>Line {line}: no 人民币汇率中间价 for {currency} on {date}: import the CFETS table or type the rate (rates parity).</source>
        <translation>第 {line} 行：没有 {currency} 在 {date} 的人民币汇率中间价：请导入外汇交易中心的中间价表或手工录入（rates parity）。</translation>
    </message>
    <message>
        <source>{lines} export lines have no CNY central parity ({rates}): nothing was estimated, because leaving them out would understate the revenue. Import the CFETS central parity table or type the rates.</source>
        <translation>{lines} 条出口明细没有人民币汇率中间价（{rates}）：未作估算，因为略去这些明细会少计收入。请导入外汇交易中心中间价表或手工录入。</translation>
    </message>
    <message>
        <source>{lines} lines were converted with the rate typed with them, not the central parity of the quarter&apos;s last day (实施条例 第一百三十条): import the CFETS table for the exact figure.</source>
        <translation>{lines} 条明细按随明细录入的汇率折算，而非季度最后一日的中间价（实施条例第一百三十条）：导入外汇交易中心中间价表可得到准确数字。</translation>
    </message>
    <message>
        <source>{lines} lines of a quarter not yet ended were converted at the latest central parity; the figure changes with the quarter-end rate.</source>
        <translation>{lines} 条尚未结束季度的明细按最新中间价折算；季度末汇率公布后数字会变化。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a conversion day ({known}).</source>
        <translation>“{value}”不是有效的折算日期选项（{known}）。</translation>
    </message>
    <message>
        <source>The conversion day ({current}) was chosen on {since} and is kept for at least a year: it can change from {until}.</source>
        <translation>折算日期（{current}）于 {since} 选定，至少一年内不得变更：自 {until} 起可以更改。</translation>
    </message>
    <message>
        <source>No central parity table found: the file needs a 日期 (Date) column and pair columns such as USD/CNY.</source>
        <translation>未找到中间价表：文件需要“日期”列以及 USD/CNY 等货币对列。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a date.</source>
        <translation>“{value}”不是日期。</translation>
    </message>
    <message>
        <source>Records {records}: settled through the FX settlement account (外汇结算账户) opened {opened} at {bank} on zone platform filing {filing}: outside the US$50,000 individual quota. Rules: {rules}.</source>
        <translation>记录 {records}：通过外汇结算账户结汇（{opened} 于{bank}开立，依据综合服务平台备案 {filing}）：不受个人年度 5 万美元额度限制。规则：{rules}。</translation>
    </message>
    <message>
        <source>Records {records}: backed by trade evidence, done at the actual amount and outside the US$50,000 individual quota. Rules: {rules}.</source>
        <translation>记录 {records}：有交易凭证支持，按实际金额办理，不占个人年度 5 万美元额度。规则：{rules}。</translation>
    </message>
    <message>
        <source>Records {records}: within the individual annual quota. Rules: {rules}.</source>
        <translation>记录 {records}：占用个人年度额度。规则：{rules}。</translation>
    </message>
    <message>
        <source>Records {records}: more than the quota left; the bank handles them only with trade evidence. Rules: {rules}.</source>
        <translation>记录 {records}：超过剩余额度；银行须凭交易凭证办理。规则：{rules}。</translation>
    </message>
    <message>
        <source>Records {records}: no SAFE rate for their month yet, not counted.</source>
        <translation>记录 {records}：当月尚无外汇局折算率，暂不计入。</translation>
    </message>
    <message>
        <source>{year}: goods-trade receipts US${gross} counted toward the US$200,000 名录 line (netted receipts at their restored gross; net received US${net}); state: {state}. Rules: {rules}.</source>
        <translation>{year} 年：货物贸易收汇 {gross} 美元计入 20 万美元名录登记标准（轧差收汇按还原后的全额计；实收净额 {net} 美元）；状态：{state}。规则：{rules}。</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <source>FX settlement account (外汇结算账户) opened on (YYYY-MM-DD, empty if none)</source>
        <extracomment>labels of the FX settlement account settings (declared in seller_desk.services.fx)</extracomment>
        <translation>外汇结算账户开立日期（YYYY-MM-DD，没有则留空）</translation>
    </message>
    <message>
        <source>FX settlement account: bank</source>
        <translation>外汇结算账户：开户银行</translation>
    </message>
    <message>
        <source>FX settlement account: the zone platform filing it rests on (filing number in SellerDesk)</source>
        <translation>外汇结算账户：所依据的综合服务平台备案（SellerDesk 中的备案编号）</translation>
    </message>
    <message>
        <source>Export sales convert at the central parity of: export_date (the export day) or month_first (the 1st of its month)</source>
        <extracomment>labels of the tax CNY conversion settings (declared in seller_desk.services.tax)</extracomment>
        <translation>出口销售额折算所用中间价的日期：export_date（出口当天）或 month_first（当月1日）</translation>
    </message>
    <message>
        <source>Conversion day chosen on (kept for at least a year)</source>
        <translation>折算日期的选定日（选定后至少一年内不得变更）</translation>
    </message>
</context>
</TS>
