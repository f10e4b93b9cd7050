<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FxAddDialog</name>
    <message>
        <source>Add FX record</source>
        <translation>添加外汇记录</translation>
    </message>
    <message>
        <source>CNY received or paid (settlements, purchases)</source>
        <translation>结汇收到或购汇支付的人民币金额</translation>
    </message>
    <message>
        <source>e.g. Amazon orders of March, platform data</source>
        <translation>例如：3月亚马逊订单、平台交易数据</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Counterparty</source>
        <translation>交易对方</translation>
    </message>
    <message>
        <source>CNY amount</source>
        <translation>人民币金额</translation>
    </message>
    <message>
        <source>Trade evidence</source>
        <translation>交易凭证</translation>
    </message>
</context>
<context>
    <name>FxEvidenceDialog</name>
    <message>
        <source>Link trade evidence</source>
        <translation>关联交易凭证</translation>
    </message>
    <message>
        <source>USD rate missing</source>
        <translation>缺少美元折算率</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Search by order number, SKU or buyer country</source>
        <translation>按订单号、SKU 或买家国家搜索</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Buyer country</source>
        <translation>买家国家</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>发货日期</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>USD</source>
        <translation>美元折算</translation>
    </message>
    <message>
        <source>Left (USD)</source>
        <translation>剩余可用（美元）</translation>
    </message>
    <message>
        <source>Backs settlements (USD)</source>
        <translation>支持结汇（美元）</translation>
    </message>
    <message>
        <source>How much of the order backs receipts (all of them).</source>
        <translation>该订单已用于支持收汇的金额（全部收汇合计）。</translation>
    </message>
    <message>
        <source>How much of the order backs settlements (all of them).</source>
        <translation>该订单已用于支持结汇的金额（全部结汇合计）。</translation>
    </message>
    <message>
        <source>What the order can still back for this record: the two pools are separate, an order backing a receipt can also back the settlement of that money, but each amount backs settlements only once.</source>
        <translation>该订单还能为本笔记录提供的金额：收汇与结汇分别计算，支持收汇的订单也可支持同一笔资金的结汇，但每笔金额在结汇之间只能使用一次。</translation>
    </message>
    <message>
        <source>No orders in SellerDesk shipped in this window match. Orders that are not in SellerDesk can be typed on the Manual entry tab.</source>
        <translation>SellerDesk 中没有在此期间发货且符合条件的订单。不在 SellerDesk 中的订单可在“手工录入”页填写。</translation>
    </message>
    <message>
        <source>Logistics company</source>
        <translation>物流企业</translation>
    </message>
    <message>
        <source>Company code</source>
        <translation>物流企业代码</translation>
    </message>
    <message>
        <source>Waybill no.</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Orders on it</source>
        <translation>涉及订单</translation>
    </message>
    <message>
        <source>Waybills</source>
        <translation>运单</translation>
    </message>
    <message>
        <source>Filing</source>
        <translation>备案</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Filings</source>
        <translation>备案</translation>
    </message>
    <message>
        <source>Orders that are not in SellerDesk, one per line: NUMBER:AMOUNT CURRENCY:SHIP DATE (e.g. 113-4410968:59.80 USD:2024-03-02)</source>
        <translation>不在 SellerDesk 中的订单，每行一个：订单号:金额 币种:发货日期（例如 113-4410968:59.80 USD:2024-03-02）</translation>
    </message>
    <message>
        <source>One order per line: the order number, or NUMBER:AMOUNT CURRENCY:SHIP DATE</source>
        <translation>每行一个订单：订单号，或 订单号:金额 币种:发货日期</translation>
    </message>
    <message>
        <source>Orders shipped {start} – {end} are listed.</source>
        <translation>下列为 {start} 至 {end} 发货的订单。</translation>
    </message>
    <message>
        <source>rate missing</source>
        <translation>缺少折算率</translation>
    </message>
    <message>
        <source>The record has no USD equivalent yet (rate missing); evidence can be linked once the rate is set.</source>
        <translation>该记录尚无美元折算（缺少折算率）；录入折算率后才能关联凭证。</translation>
    </message>
    <message>
        <source>Linked orders offer US${linked} of the US${needed} needed.</source>
        <translation>已选订单可提供 US${linked}，需要 US${needed}。</translation>
    </message>
    <message>
        <source>Covered.</source>
        <translation>已足额覆盖。</translation>
    </message>
    <message>
        <source>Already used in full by other records (untick them or their waybill): {orders}.</source>
        <translation>已被其他记录全额使用（请取消勾选这些订单或其运单）：{orders}。</translation>
    </message>
    <message>
        <source>Short by US${short}.</source>
        <translation>还差 US${short}。</translation>
    </message>
    <message>
        <source>Backs receipts (USD)</source>
        <translation>支持收汇（美元）</translation>
    </message>
    <message>
        <source>No rate for the ship month of: {orders}.</source>
        <translation>发货月份缺少折算率：{orders}。</translation>
    </message>
    <message>
        <source>{n} manual entry is checked when saved.</source>
        <translation>{n} 条手工录入的订单将在保存时核对。</translation>
    </message>
    <message>
        <source>{n} manual entries are checked when saved.</source>
        <translation>{n} 条手工录入的订单将在保存时核对。</translation>
    </message>
    <message>
        <source>Filings attached as supporting documents: {n}.</source>
        <translation>附作辅助材料的备案：{n} 项。</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Manual entry</source>
        <translation>手工录入</translation>
    </message>
    <message>
        <source>Collectors usually accept orders shipped within {days} days before the settlement: a collector practice, not a law.</source>
        <translation>收款机构通常只接受结汇前 {days} 天内发货的订单：这是收款机构的做法，不是法规要求。</translation>
    </message>
</context>
<context>
    <name>FxLabels</name>
    <message>
        <source>Receipt (收汇)</source>
        <translation>收汇</translation>
    </message>
    <message>
        <source>Payment (付汇)</source>
        <translation>付汇</translation>
    </message>
    <message>
        <source>Settlement (结汇)</source>
        <translation>结汇</translation>
    </message>
    <message>
        <source>Purchase (购汇)</source>
        <translation>购汇</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Other / typed</source>
        <translation>其他/手工录入</translation>
    </message>
    <message>
        <source>Enterprise FX account</source>
        <translation>企业外汇账户</translation>
    </message>
    <message>
        <source>Personal FX savings account</source>
        <translation>个人外汇储蓄账户</translation>
    </message>
    <message>
        <source>Personal FX settlement account</source>
        <translation>个人外汇结算账户</translation>
    </message>
    <message>
        <source>WorldFirst</source>
        <translation>万里汇 WorldFirst</translation>
    </message>
    <message>
        <source>PingPong</source>
        <translation>PingPong</translation>
    </message>
    <message>
        <source>Payoneer</source>
        <translation>派安盈 Payoneer</translation>
    </message>
    <message>
        <source>LianLian</source>
        <translation>连连</translation>
    </message>
    <message>
        <source>PayPal</source>
        <translation>PayPal</translation>
    </message>
    <message>
        <source>Amazon payout</source>
        <translation>亚马逊回款</translation>
    </message>
    <message>
        <source>Other collector</source>
        <translation>其他收款机构</translation>
    </message>
    <message>
        <source>Exempt</source>
        <translation>免于登记</translation>
    </message>
    <message>
        <source>Warning: above US$180,000</source>
        <translation>预警：超过18万美元</translation>
    </message>
    <message>
        <source>At the threshold (US$200,000.00)</source>
        <translation>恰好达到20万美元</translation>
    </message>
    <message>
        <source>Registration required</source>
        <translation>须办理名录登记</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>已登记</translation>
    </message>
    <message>
        <source>Within the quota</source>
        <translation>额度内</translation>
    </message>
    <message>
        <source>Quota nearly used</source>
        <translation>额度即将用完</translation>
    </message>
    <message>
        <source>Quota used up</source>
        <translation>额度已用完</translation>
    </message>
    <message>
        <source>Some settlements need trade evidence</source>
        <translation>部分结汇需提供交易凭证</translation>
    </message>
    <message>
        <source>uses quota</source>
        <translation>占用额度</translation>
    </message>
    <message>
        <source>trade evidence: outside the quota</source>
        <translation>凭交易凭证，不占额度</translation>
    </message>
    <message>
        <source>FX settlement account: outside the quota</source>
        <translation>外汇结算账户：不占额度</translation>
    </message>
    <message>
        <source>over the quota left: needs evidence</source>
        <translation>超出剩余额度，需要凭证</translation>
    </message>
    <message>
        <source>rate missing</source>
        <translation>缺少折算率</translation>
    </message>
</context>
<context>
    <name>FxNettingDialog</name>
    <message>
        <source>Netting (轧差)</source>
        <translation>轧差</translation>
    </message>
    <message>
        <source>Only overseas storage, logistics and tax fees may be netted against export proceeds; both the gross and the net are declared (汇发〔2020〕11号).</source>
        <translation>只有境外仓储、物流、税费可与出口收入轧差；毛收入与实际收汇均须申报（汇发〔2020〕11号）。</translation>
    </message>
    <message>
        <source>Gross proceeds ({cur})</source>
        <translation>毛收入（{cur}）</translation>
    </message>
    <message>
        <source>Overseas storage fee</source>
        <translation>境外仓储费</translation>
    </message>
    <message>
        <source>Logistics fee</source>
        <translation>物流费</translation>
    </message>
    <message>
        <source>Overseas tax</source>
        <translation>境外税费</translation>
    </message>
    <message>
        <source>Net received</source>
        <translation>实际收汇</translation>
    </message>
    <message>
        <source>Amounts must be numbers like 1,234.56</source>
        <translation>金额须为数字，例如 1,234.56</translation>
    </message>
    <message>
        <source>Gross restored from the net: {gross}</source>
        <translation>按实际收汇还原的毛收入：{gross}</translation>
    </message>
    <message>
        <source>Balanced: gross − fees = net</source>
        <translation>已平衡：毛收入 − 费用 = 实际收汇</translation>
    </message>
    <message>
        <source>Not balanced: gross − fees = {value}, net is {net}</source>
        <translation>不平衡：毛收入 − 费用 = {value}，实际收汇为 {net}</translation>
    </message>
</context>
<context>
    <name>FxPage</name>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <source>Add record…</source>
        <translation>添加记录…</translation>
    </message>
    <message>
        <source>Import statement…</source>
        <translation>导入账单…</translation>
    </message>
    <message>
        <source>Documentation pack…</source>
        <translation>结汇材料…</translation>
    </message>
    <message>
        <source>USD equivalents use SAFE&apos;s monthly 各种货币对美元折算率 table of each record&apos;s month; they are estimates: SAFE&apos;s and the bank&apos;s figures prevail.</source>
        <translation>美元折算按每笔记录当月国家外汇管理局《各种货币对美元折算率》计算，仅为估算；以外汇局和银行的数据为准。</translation>
    </message>
    <message>
        <source>Link evidence…</source>
        <translation>关联凭证…</translation>
    </message>
    <message>
        <source>Netting…</source>
        <translation>轧差…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Documents of the selected record</source>
        <translation>所选记录的文档</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <source>Import SAFE table…</source>
        <translation>导入外汇局折算率表…</translation>
    </message>
    <message>
        <source>Set a rate…</source>
        <translation>录入折算率…</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>折算率</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>汇率表</translation>
    </message>
    <message>
        <source>SAFE monthly, USD per unit</source>
        <translation>外汇局月度折算率（每单位折美元）</translation>
    </message>
    <message>
        <source>CNY central parity, CNY per unit</source>
        <translation>人民币汇率中间价（每单位折人民币）</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>录入时间</translation>
    </message>
    <message>
        <source>Rates</source>
        <translation>折算率</translation>
    </message>
    <message>
        <source>Declared exports against receipts per month. Receipts lag shipments, so a gap is a question to answer; money received with no exports is a risk signal of non-genuine trade. 9810 variance recorded on receipts is expected.</source>
        <translation>按月比较出口申报与收汇。收汇晚于发货，差额需要解释；有收汇无出口是非真实贸易的风险信号。收汇上记录的9810差异属于正常。</translation>
    </message>
    <message>
        <source>Declared exports (USD)</source>
        <translation>出口申报（美元）</translation>
    </message>
    <message>
        <source>Received (USD)</source>
        <translation>收汇（美元）</translation>
    </message>
    <message>
        <source>Expected variance (USD)</source>
        <translation>预期差异（美元）</translation>
    </message>
    <message>
        <source>Unexplained gap (USD)</source>
        <translation>未解释差额（美元）</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>核对</translation>
    </message>
    <message>
        <source>gap to explain</source>
        <translation>差额待解释</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>收汇核对</translation>
    </message>
    <message>
        <source>{n} orders</source>
        <translation>{n} 个订单</translation>
    </message>
    <message>
        <source>{n} order</source>
        <translation>{n} 个订单</translation>
    </message>
    <message>
        <source>{n} waybill</source>
        <translation>{n} 个运单</translation>
    </message>
    <message>
        <source>{n} waybills</source>
        <translation>{n} 个运单</translation>
    </message>
    <message>
        <source>{n} filing</source>
        <translation>{n} 项备案</translation>
    </message>
    <message>
        <source>{n} filings</source>
        <translation>{n} 项备案</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>有</translation>
    </message>
    <message>
        <source>gross {gross}</source>
        <translation>毛收入 {gross}</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>USD</source>
        <translation>美元折算</translation>
    </message>
    <message>
        <source>rate missing</source>
        <translation>缺少折算率</translation>
    </message>
    <message>
        <source>Rate / month</source>
        <translation>折算率/月份</translation>
    </message>
    <message>
        <source>CNY</source>
        <translation>人民币</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>凭证</translation>
    </message>
    <message>
        <source>Netting</source>
        <translation>轧差</translation>
    </message>
    <message>
        <source>Counterparty</source>
        <translation>交易对方</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Quota</source>
        <translation>额度</translation>
    </message>
    <message>
        <source>9810 declaration {ref}: variance {v} USD (expected, not an error)</source>
        <translation>9810报关单 {ref}：差异 {v} 美元（预期差异，不是错误）</translation>
    </message>
    <message>
        <source>Rates missing: {list}. Records of those months are not counted until the rate is imported or typed.</source>
        <translation>缺少折算率：{list}。这些月份的记录在导入或录入折算率之前不计入合计。</translation>
    </message>
    <message>
        <source>Receipts (收汇) this year</source>
        <translation>本年收汇</translation>
    </message>
    <message>
        <source>Payments (付汇) this year</source>
        <translation>本年付汇</translation>
    </message>
    <message>
        <source>Registered since {date}.</source>
        <translation>已于 {date} 办理名录登记。</translation>
    </message>
    <message>
        <source>Crossed US$180,000 on {date} (record #{id}).</source>
        <translation>{date} 超过18万美元（记录 #{id}）。</translation>
    </message>
    <message>
        <source>Reached US$200,000 on {date} (record #{id}).</source>
        <translation>{date} 达到20万美元（记录 #{id}）。</translation>
    </message>
    <message>
        <source>Not counted until its rate is entered: {n} record.</source>
        <translation>缺少折算率、暂未计入：{n} 笔记录。</translation>
    </message>
    <message>
        <source>Not counted until their rate is entered: {n} records.</source>
        <translation>缺少折算率、暂未计入：{n} 笔记录。</translation>
    </message>
    <message>
        <source>Rules applied: {rules}</source>
        <translation>适用规则：{rules}</translation>
    </message>
    <message>
        <source>结汇 quota used (US$50,000 a year)</source>
        <translation>结汇额度已用（每年5万美元）</translation>
    </message>
    <message>
        <source>购汇 quota used (US$50,000 a year)</source>
        <translation>购汇额度已用（每年5万美元）</translation>
    </message>
    <message>
        <source>{left} left</source>
        <translation>剩余 {left}</translation>
    </message>
    <message>
        <source>Settlements backed by trade evidence (outside the quota): {usd}</source>
        <translation>凭交易凭证结汇（不占额度）：{usd}</translation>
    </message>
    <message>
        <source>Settlements through the FX settlement account (外汇结算账户, {bank}, filing {filing}; outside the quota): {usd}</source>
        <translation>通过外汇结算账户结汇（{bank}，备案 {filing}；不占额度）：{usd}</translation>
    </message>
    <message>
        <source>Records over the quota left, needing evidence: {ids}</source>
        <translation>超出剩余额度、需提供凭证的记录：{ids}</translation>
    </message>
    <message>
        <source>Delete record</source>
        <translation>删除记录</translation>
    </message>
    <message>
        <source>Delete record #{id} ({date}, {amount})?</source>
        <translation>删除记录 #{id}（{date}，{amount}）？</translation>
    </message>
    <message>
        <source>Import SAFE rate table</source>
        <translation>导入外汇局折算率表</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>表格文件 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Import a PayPal, collector or Amazon statement</source>
        <translation>导入 PayPal、收款机构或亚马逊账单</translation>
    </message>
    <message>
        <source>Statements (*.csv *.xlsx *.txt)</source>
        <translation>账单文件 (*.csv *.xlsx *.txt)</translation>
    </message>
    <message>
        <source>{reader}: {imported} imported, {unchanged} unchanged, {rejected} rejected</source>
        <translation>{reader}：导入 {imported} 条，未变 {unchanged} 条，拒绝 {rejected} 条</translation>
    </message>
    <message>
        <source>Importing {file}…</source>
        <translation>正在导入 {file}…</translation>
    </message>
    <message>
        <source>Save the documentation pack</source>
        <translation>保存结汇材料</translation>
    </message>
    <message>
        <source>Saved {files}</source>
        <translation>已保存 {files}</translation>
    </message>
</context>
<context>
    <name>FxRateDialog</name>
    <message>
        <source>Set a SAFE rate</source>
        <translation>录入外汇局折算率</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>US dollars per one unit</source>
        <translation>每一单位折合美元</translation>
    </message>
</context>
<context>
    <name>problems</name>
    <message>
        <source>No SAFE conversion rate for {currency} in {batch}: import or type that month&apos;s rate. The record is not counted in the US dollar totals until then.</source>
        <translation>缺少 {currency} {batch} 的外汇局折算率：请导入或录入该月折算率。在此之前该记录不计入美元合计。</translation>
    </message>
    <message>
        <source>&quot;{batch}&quot; is not a rate month; write it as YYYY-MM or YYYYMM.</source>
        <translation>“{batch}”不是有效的月份，请写成 YYYY-MM 或 YYYYMM。</translation>
    </message>
    <message>
        <source>The rate {rate} must be a positive number (US dollars per one unit).</source>
        <translation>折算率 {rate} 必须为正数（每一单位折合美元）。</translation>
    </message>
    <message>
        <source>The rate {rate} for {currency} differs from {previous} in {previous_batch} by more than half; check that it is US dollars per ONE unit of {currency}.</source>
        <translation>{currency} 的折算率 {rate} 与 {previous_batch} 的 {previous} 相差一半以上；请确认是每一单位 {currency} 折合的美元数。</translation>
    </message>
    <message>
        <source>{currency} appears twice in the table; the rate in row {row} was kept.</source>
        <translation>{currency} 在表中出现两次，已保留第 {row} 行的折算率。</translation>
    </message>
    <message>
        <source>No currency/rate table was found in the file (expected a currency code column and a rate column).</source>
        <translation>文件中没有找到币种折算率表（需要货币代码列和折算率列）。</translation>
    </message>
    <message>
        <source>The rate month could not be read from the file or its name; give it explicitly (for example --batch 2024-03).</source>
        <translation>无法从文件内容或文件名读出折算率月份，请明确指定（例如 --batch 2024-03）。</translation>
    </message>
    <message>
        <source>Unknown record type &quot;{kind}&quot; (use one of: {kinds}).</source>
        <translation>未知的记录类型“{kind}”（可选：{kinds}）。</translation>
    </message>
    <message>
        <source>The date is required.</source>
        <translation>必须填写日期。</translation>
    </message>
    <message>
        <source>The date {date} is in the future (today is {today}).</source>
        <translation>日期 {date} 晚于今天（{today}）。</translation>
    </message>
    <message>
        <source>The amount {amount} must be greater than zero.</source>
        <translation>金额 {amount} 必须大于零。</translation>
    </message>
    <message>
        <source>Unknown channel &quot;{channel}&quot; (use one of: {channels}).</source>
        <translation>未知渠道“{channel}”（可选：{channels}）。</translation>
    </message>
    <message>
        <source>FX record {id} does not exist.</source>
        <translation>外汇记录 {id} 不存在。</translation>
    </message>
    <message>
        <source>Trade evidence can be linked to receipts and settlements only, not to a {kind}.</source>
        <translation>交易凭证只能关联到收汇和结汇，不能关联到 {kind}。</translation>
    </message>
    <message>
        <source>The as-of date {date} is not in {year}.</source>
        <translation>截至日期 {date} 不在 {year} 年内。</translation>
    </message>
    <message>
        <source>Exempt: receipts and payments this year are each at most US$180,000; no 名录 registration is needed.</source>
        <translation>免于登记：本年收汇、付汇各自不超过18万美元，无需办理名录登记。</translation>
    </message>
    <message>
        <source>Warning: a total is above US$180,000. SAFE lists such enterprises every month; register in the 贸易外汇收支企业名录 soon (online at 数字外管平台 or at your bank).</source>
        <translation>预警：收汇或付汇累计已超过18万美元。外汇局每月公布此类企业名单，请尽快办理贸易外汇收支企业名录登记（数字外管平台线上办理或到银行办理）。</translation>
    </message>
    <message>
        <source>At the threshold: a total is exactly US$200,000.00. The rules are ambiguous at exactly this amount; register before the next receipt or payment.</source>
        <translation>恰好达到门槛：累计正好为20万美元。规定对恰好等于该金额的情形表述不明确，请在下一笔收付汇之前办理登记。</translation>
    </message>
    <message>
        <source>Registration required: a total is above US$200,000. Complete 名录 registration before your bank or collector handles further receipts or payments.</source>
        <translation>须办理登记：累计已超过20万美元。请先完成名录登记，银行或收款机构才能继续办理收付汇。</translation>
    </message>
    <message>
        <source>Registered in the 名录: normal goods-trade FX management applies (who exports collects, who imports pays).</source>
        <translation>已办理名录登记：适用货物贸易外汇常规管理（谁出口谁收汇、谁进口谁付汇）。</translation>
    </message>
    <message>
        <source>This {kind} of US${usd} exceeds the US${remaining} left of this year&apos;s quota: the bank will need trade evidence (orders, platform transaction data, logistics) for it.</source>
        <translation>这笔 {usd} 美元的{kind}超过本年剩余额度 {remaining} 美元：银行将要求提供交易凭证（订单、平台交易数据、物流信息）。</translation>
    </message>
    <message>
        <source>{count} amounts just under US${limit} between {first} and {last} (total US${total}) look like splitting, which the rules prohibit.</source>
        <translation>{first} 至 {last} 有 {count} 笔金额略低于 {limit} 美元（合计 {total} 美元），疑似分拆，规定禁止分拆结售汇。</translation>
    </message>
    <message>
        <source>Linked persons {persons} settled US${total} between {first} and {last}, more than one person&apos;s quota of US${limit}: splitting across family members&apos; IDs is prohibited (guideline art. 62).</source>
        <translation>关联人员 {persons} 在 {first} 至 {last} 合计结汇 {total} 美元，超过一人 {limit} 美元的额度：禁止借用家庭成员身份分拆（指引第六十二条）。</translation>
    </message>
    <message>
        <source>Order {order} (US${amount}) already backs other records in full; an order&apos;s amount can back settlements only once.</source>
        <translation>订单 {order}（{amount} 美元）已全部用于其他记录；同一订单金额只能作为一次结汇凭证。</translation>
    </message>
    <message>
        <source>The linked orders cover US${covered} of the US${needed} needed; link more orders or record the rest without evidence.</source>
        <translation>关联订单只覆盖 {covered} 美元，需要 {needed} 美元；请关联更多订单，或将其余部分作为无凭证记录。</translation>
    </message>
    <message>
        <source>Order {order} is linked twice.</source>
        <translation>订单 {order} 重复关联。</translation>
    </message>
    <message>
        <source>Order {order} had not shipped by {date}.</source>
        <translation>订单 {order} 在 {date} 之前尚未发货。</translation>
    </message>
    <message>
        <source>Order {order} shipped on {ship_date}, {days} days earlier; collectors usually accept orders shipped within {window} days (a collector practice, not a law).</source>
        <translation>订单 {order} 于 {ship_date} 发货，已过 {days} 天；收款机构通常只接受 {window} 天内发货的订单（机构做法，不是法规）。</translation>
    </message>
    <message>
        <source>Order {order} was not found.</source>
        <translation>找不到订单 {order}。</translation>
    </message>
    <message>
        <source>Waybill {waybill} is on no declaration; write it as LOGISTICS CODE:WAYBILL NO.</source>
        <translation>运单 {waybill} 不在任何申报清单上；请写作 物流企业代码:运单号。</translation>
    </message>
    <message>
        <source>Filing {filing} was not found.</source>
        <translation>找不到备案 {filing}。</translation>
    </message>
    <message>
        <source>A &quot;{fee}&quot; fee cannot be netted against proceeds; only overseas {allowed} fees can (汇发〔2020〕11号).</source>
        <translation>“{fee}”费用不能与收入轧差；只有境外 {allowed} 费用可以（汇发〔2020〕11号）。</translation>
    </message>
    <message>
        <source>Gross {gross} minus fees {fees} is {expected}, not the net {net} entered.</source>
        <translation>毛收入 {gross} 减去费用 {fees} 等于 {expected}，与录入的实际收汇 {net} 不符。</translation>
    </message>
    <message>
        <source>The fees are larger than the gross proceeds (net {net}).</source>
        <translation>费用大于毛收入（实际收汇 {net}）。</translation>
    </message>
    <message>
        <source>The {fee} fee {amount} cannot be negative.</source>
        <translation>{fee} 费用 {amount} 不能为负数。</translation>
    </message>
    <message>
        <source>Only receipts can record netting.</source>
        <translation>只有收汇记录可以登记轧差。</translation>
    </message>
    <message>
        <source>Settlement {settlement} paid out {amount}: nothing was received, so no receipt was recorded.</source>
        <translation>结算 {settlement} 的回款为 {amount}：没有收到款项，未记录收汇。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a date in the file&apos;s {order} order.</source>
        <translation>“{value}”不是该文件 {order} 顺序的日期。</translation>
    </message>
    <message>
        <source>Transaction type &quot;{type}&quot; is not known; the row was kept as a note and not counted.</source>
        <translation>未知交易类型“{type}”；该行仅作备注，不计入合计。</translation>
    </message>
    <message>
        <source>The column mapping has no &quot;{field}&quot; column.</source>
        <translation>列映射缺少“{field}”列。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a known transaction type for this statement.</source>
        <translation>“{value}”不是该账单已知的交易类型。</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <source>Evidence orders must have shipped within N days (collector practice)</source>
        <extracomment>labels of the FX settings (declared in seller_desk.services.fx); here so lupdate finds them</extracomment>
        <translation>凭证订单须在 N 天内发货（收款机构做法）</translation>
    </message>
    <message>
        <source>名录 registration date (YYYY-MM-DD, empty if not registered)</source>
        <translation>名录登记日期（YYYY-MM-DD，未登记留空）</translation>
    </message>
    <message>
        <source>Linked persons (family members), separated by commas</source>
        <translation>关联人员（家庭成员），用逗号分隔</translation>
    </message>
</context>
</TS>
