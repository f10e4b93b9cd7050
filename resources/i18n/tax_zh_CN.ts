<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CliffChart</name>
    <message>
        <source>No known rule for this year.</source>
        <translation>本年度没有已知规则。</translation>
    </message>
    <message>
        <source>cliff {0}M</source>
        <translation>临界点 {0}M</translation>
    </message>
</context>
<context>
    <name>TaxPage</name>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>List no.</source>
        <translation>清单编号</translation>
    </message>
    <message>
        <source>Export date</source>
        <translation>出口日期</translation>
    </message>
    <message>
        <source>HS code</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Goods name</source>
        <translation>货物名称</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Amount (CNY)</source>
        <translation>金额（人民币）</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>不符合原因</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>符合</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>No-invoice exemption (无票免税)</source>
        <translation>无票免税</translation>
    </message>
    <message>
        <source>Income tax (核定征收)</source>
        <translation>企业所得税（核定征收）</translation>
    </message>
    <message>
        <source>Export refunds</source>
        <translation>出口退税</translation>
    </message>
    <message>
        <source>Only lines that do not qualify</source>
        <translation>只显示不符合条件的明细</translation>
    </message>
    <message>
        <source>Print list (PDF + Excel)…</source>
        <translation>打印清单（PDF + Excel）…</translation>
    </message>
    <message>
        <source>9710/9810 (B2B) lines are treated as not eligible: an interpretation of 财税〔2018〕103号, which a trainer can change in the settings.</source>
        <translation>9710/9810（B2B）出口明细按不适用无票免税处理：这是对财税〔2018〕103号的解释性设定，培训人员可以在设置中修改。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The year&apos;s inputs</source>
        <translation>年度数据</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Revenue (收入总额, CNY)</source>
        <translation>收入总额（人民币）</translation>
    </message>
    <message>
        <source>Average employees</source>
        <translation>从业人数平均值</translation>
    </message>
    <message>
        <source>Average total assets (CNY)</source>
        <translation>资产总额平均值（人民币）</translation>
    </message>
    <message>
        <source>Leave a field empty to use the company file&apos;s figures.</source>
        <translation>留空则使用公司文件中的数据。</translation>
    </message>
    <message>
        <source>Calculate</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Estimate</source>
        <translation>估算结果</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>收入总额</translation>
    </message>
    <message>
        <source>Taxable revenue (应税收入额)</source>
        <translation>应税收入额</translation>
    </message>
    <message>
        <source>Taxable income (× 4%)</source>
        <translation>应纳税所得额（× 4%）</translation>
    </message>
    <message>
        <source>Small low-profit enterprise</source>
        <translation>小型微利企业</translation>
    </message>
    <message>
        <source>Income tax</source>
        <translation>应纳所得税额</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>适用规则</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Cumulative revenue</source>
        <translation>累计收入</translation>
    </message>
    <message>
        <source>Small low-profit</source>
        <translation>小型微利</translation>
    </message>
    <message>
        <source>Cumulative tax</source>
        <translation>累计税额</translation>
    </message>
    <message>
        <source>To prepay</source>
        <translation>本期预缴</translation>
    </message>
    <message>
        <source>Rules table (which rule applies to which year)</source>
        <translation>规则表（各年度适用的规则）</translation>
    </message>
    <message>
        <source>Years outside these rows have no known rule: nothing is estimated. The rows are in Preferences ▸ Rules.</source>
        <translation>以上各行之外的年份没有已知规则，不作估算。规则行见 偏好设置 ▸ 规则。</translation>
    </message>
    <message>
        <source>{years}: taxable income rate {rate}; no preferential policy recorded: statutory {small} for a small low-profit enterprise (otherwise {std}), limits {income} / {employees} / {assets}; {docs}</source>
        <translation>{years}：应税所得率 {rate}；未记录优惠政策，按法定税率：小型微利企业 {small}（否则 {std}），上限 {income} / {employees} / {assets}；依据 {docs}</translation>
    </message>
    <message>
        <source>{years}: taxable income rate {rate}; small low-profit {small} (otherwise {std}); limits {income} / {employees} / {assets}; {docs}</source>
        <translation>{years}：应税所得率 {rate}；小型微利 {small}（否则 {std}）；上限 {income} / {employees} / {assets}；依据 {docs}</translation>
    </message>
    <message>
        <source>Refund rate</source>
        <translation>退税率</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>明细数</translation>
    </message>
    <message>
        <source>Invoice net amount (CNY)</source>
        <translation>发票不含税金额（人民币）</translation>
    </message>
    <message>
        <source>Refund estimate (CNY)</source>
        <translation>退税估算（人民币）</translation>
    </message>
    <message>
        <source>{years} and later</source>
        <translation>{years} 年及以后</translation>
    </message>
    <message>
        <source>(pushed by the trainer)</source>
        <translation>（讲师下发）</translation>
    </message>
    <message>
        <source>(your own row)</source>
        <translation>（本公司自定）</translation>
    </message>
    <message>
        <source>{0} eligible, {1} not eligible; eligible amount CNY {2}</source>
        <translation>符合 {0} 条，不符合 {1} 条；免税金额 人民币 {2}</translation>
    </message>
    <message>
        <source>Save the exemption list</source>
        <translation>保存免税清单</translation>
    </message>
    <message>
        <source>Printing the list of {0}…</source>
        <translation>正在打印 {0} 的清单…</translation>
    </message>
    <message>
        <source>Written: {0} ({1} pages)</source>
        <translation>已生成：{0}（共 {1} 页）</translation>
    </message>
    <message>
        <source>Printing cancelled; no file was written.</source>
        <translation>已取消打印；未生成文件。</translation>
    </message>
    <message>
        <source>typed above</source>
        <translation>上方输入</translation>
    </message>
    <message>
        <source>saved for the year</source>
        <translation>年度已保存数据</translation>
    </message>
    <message>
        <source>the year&apos;s export lines</source>
        <translation>本年度出口明细</translation>
    </message>
    <message>
        <source>company quarters</source>
        <translation>企业季度数据</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Yes (25% × 20%)</source>
        <translation>是（25% × 20%）</translation>
    </message>
    <message>
        <source>No (25%)</source>
        <translation>否（25%）</translation>
    </message>
    <message>
        <source>No known rule for {0}</source>
        <translation>没有 {0} 年度的已知规则</translation>
    </message>
    <message>
        <source>Income tax by revenue, {0} (CNY)</source>
        <translation>{0} 年度收入与所得税（人民币）</translation>
    </message>
    <message>
        <source>Quarterly prepayments are estimated from the year&apos;s export lines; clear the revenue saved for the year to see them.</source>
        <translation>季度预缴按本年度出口明细估算；清除本年度已保存的收入总额后即可查看。</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Refund class {0}: the tax office completes a refund within {1} working days of accepting the application (estimate: weekends skipped, holidays not).</source>
        <translation>出口退（免）税企业分类 {0} 类：税务机关自受理申报之日起 {1} 个工作日内办结退税（估算：已扣除周末，未扣除节假日）。</translation>
    </message>
    <message>
        <source>Set the export refund class (一 to 四) in the settings to see the expected timing.</source>
        <translation>在设置中填写出口退（免）税企业分类（一至四类）后可查看预计办结时间。</translation>
    </message>
    <message>
        <source>No invoiced export lines this month.</source>
        <translation>本月没有取得发票的出口明细。</translation>
    </message>
</context>
<context>
    <name>problems</name>
    <message>
        <source>Exported on {date}, before {document} took effect on {start}.</source>
        <translation>出口日期 {date} 早于{document}施行日期 {start}。</translation>
    </message>
    <message>
        <source>A natural person is not an e-commerce export enterprise: only units and individual businesses may use the exemption.</source>
        <translation>自然人不属于电子商务出口企业：只有单位和个体工商户可以适用免税政策。</translation>
    </message>
    <message>
        <source>Unknown seller kind &quot;{kind}&quot;: set it in the company profile.</source>
        <translation>未知的卖家类型“{kind}”：请在企业资料中设置。</translation>
    </message>
    <message>
        <source>The seller was not registered in the zone {zone} on the export date {date}.</source>
        <translation>出口日期 {date} 时卖家未在综试区 {zone} 注册。</translation>
    </message>
    <message>
        <source>The seller was not filed on the zone platform {zone} on the export date {date}.</source>
        <translation>出口日期 {date} 时卖家未在综试区 {zone} 线上综合服务平台登记。</translation>
    </message>
    <message>
        <source>The platform record lacks the field &quot;{field}&quot;.</source>
        <translation>平台登记缺少“{field}”。</translation>
    </message>
    <message>
        <source>The field &quot;{field}&quot; must be greater than zero (it is {value}).</source>
        <translation>“{field}”必须大于零（现为 {value}）。</translation>
    </message>
    <message>
        <source>Declared at customs &quot;{customs}&quot;, not at the zone&apos;s customs ({zone_customs}).</source>
        <translation>在海关“{customs}”申报，不是综试区所在地海关（{zone_customs}）。</translation>
    </message>
    <message>
        <source>Trade mode {mode} is B2B: it uses the refund with purchase invoices, not the exemption (an interpretation; a trainer may change it).</source>
        <translation>监管方式 {mode} 属于 B2B：适用凭进货发票退税，不适用无票免税（此为解释性设定，培训人员可以修改）。</translation>
    </message>
    <message>
        <source>Trade mode &quot;{mode}&quot; is not a retail e-commerce export (9610).</source>
        <translation>监管方式“{mode}”不是跨境电商零售出口（9610）。</translation>
    </message>
    <message>
        <source>A valid purchase invoice is recorded: the goods use the export refund, not the exemption.</source>
        <translation>已登记有效进货发票：该货物适用出口退税，不适用无票免税。</translation>
    </message>
    <message>
        <source>HS code {hs_code} is on the list of goods whose export refund/exemption was cancelled.</source>
        <translation>商品编码 {hs_code} 属于取消出口退（免）税的货物。</translation>
    </message>
    <message>
        <source>Quantity {quantity} × unit price {unit_price} = {expected}, but the amount is {amount}.</source>
        <translation>数量 {quantity} × 单价 {unit_price} = {expected}，但金额为 {amount}。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a month (YYYY-MM).</source>
        <translation>“{value}”不是月份（YYYY-MM）。</translation>
    </message>
    <message>
        <source>No export lines in {month}: the list is empty.</source>
        <translation>{month} 没有出口记录：清单为空。</translation>
    </message>
    <message>
        <source>{count} eligible lines have no CNY exchange rate: the CNY total leaves them out.</source>
        <translation>有 {count} 条免税明细没有人民币汇率：人民币合计未包括这些明细。</translation>
    </message>
    <message>
        <source>Assessed EIT (公告2019年第36号) applies to enterprises only; a seller of kind &quot;{kind}&quot; pays individual income tax instead.</source>
        <translation>企业所得税核定征收（公告2019年第36号）只适用于企业；“{kind}”类型的卖家缴纳个人所得税。</translation>
    </message>
    <message>
        <source>Assessed EIT at 4% applies only to enterprises using the no-invoice exemption.</source>
        <translation>按 4% 应税所得率核定征收企业所得税，仅适用于享受无票免税的企业。</translation>
    </message>
    <message>
        <source>No known tax rule for {year}: the rules table covers {known}. Nothing was estimated.</source>
        <translation>没有 {year} 年度的已知税收规则：规则表覆盖 {known}。未作估算。</translation>
    </message>
    <message>
        <source>&quot;{field}&quot; cannot be negative ({value}).</source>
        <translation>“{field}”不能为负数（{value}）。</translation>
    </message>
    <message>
        <source>&quot;{field}&quot;: &quot;{value}&quot; is not a number.</source>
        <translation>“{field}”：“{value}”不是数字。</translation>
    </message>
    <message>
        <source>Non-taxable and exempt income ({deductions}) exceed the total revenue ({revenue}).</source>
        <translation>不征税收入和免税收入（{deductions}）超过收入总额（{revenue}）。</translation>
    </message>
    <message>
        <source>No {field} figures for the year: the small low-profit test cannot pass without them.</source>
        <translation>本年度没有{field}数据：缺少该数据无法认定为小型微利企业。</translation>
    </message>
    <message>
        <source>Revenue {revenue} is close to {cliff} (headroom {headroom}): above it the whole taxable income is taxed at 25% ({tax_over} at today&apos;s income).</source>
        <translation>收入总额 {revenue} 已接近 {cliff}（余量 {headroom}）：超过后全部应纳税所得额按 25% 计税（按目前所得为 {tax_over}）。</translation>
    </message>
    <message>
        <source>Revenue {revenue} is over {cliff}: taxable income exceeds 3,000,000 and the whole of it is taxed at 25% ({tax}; at the limit it would be {tax_at_cliff}).</source>
        <translation>收入总额 {revenue} 超过 {cliff}：应纳税所得额超过 300 万元，全部按 25% 计税（{tax}；在临界点时为 {tax_at_cliff}）。</translation>
    </message>
    <message>
        <source>At the pace of the first {quarter} quarter(s) the year&apos;s revenue will reach {projected}, near the {cliff} cliff.</source>
        <translation>按前 {quarter} 个季度的进度，全年收入将达到 {projected}，接近 {cliff} 的临界点。</translation>
    </message>
    <message>
        <source>Average employees {value} are close to the small low-profit limit of {limit}.</source>
        <translation>从业人数平均值 {value} 已接近小型微利企业上限 {limit}。</translation>
    </message>
    <message>
        <source>Average employees {value} exceed the small low-profit limit of {limit}.</source>
        <translation>从业人数平均值 {value} 超过小型微利企业上限 {limit}。</translation>
    </message>
    <message>
        <source>Average total assets {value} are close to the small low-profit limit of {limit}.</source>
        <translation>资产总额平均值 {value} 已接近小型微利企业上限 {limit}。</translation>
    </message>
    <message>
        <source>Average total assets {value} exceed the small low-profit limit of {limit}.</source>
        <translation>资产总额平均值 {value} 超过小型微利企业上限 {limit}。</translation>
    </message>
    <message>
        <source>HS code {hs_code} has no refund rate in the HS table: its lines are not estimated.</source>
        <translation>商品编码 {hs_code} 在商品编码表中没有退税率：相关明细未估算。</translation>
    </message>
    <message>
        <source>Line {line} has no purchase invoice amount: it is not estimated.</source>
        <translation>明细 {line} 没有进货发票金额：未估算。</translation>
    </message>
    <message>
        <source>HS code {hs_code} is on the refund-cancelled list: counted at 0.</source>
        <translation>商品编码 {hs_code} 已取消出口退税：按 0 计算。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a refund class (一, 二, 三 or 四).</source>
        <translation>“{value}”不是出口退（免）税企业分类（一、二、三或四类）。</translation>
    </message>
    <message>
        <source>The setting &quot;{name}&quot; is empty: every line fails the zone registration/filing condition. Set it in Preferences.</source>
        <translation>设置项“{name}”为空：所有明细都不满足综试区注册/平台登记条件。请在“首选项”中填写。</translation>
    </message>
    <message>
        <source>The setting &quot;{name}&quot; holds &quot;{value}&quot;, which is not a date (YYYY-MM-DD).</source>
        <translation>设置项“{name}”的值“{value}”不是日期（YYYY-MM-DD）。</translation>
    </message>
    <message>
        <source>This company file has no company profile yet: create it first (seller-desk init).</source>
        <translation>此公司文件尚无企业资料：请先创建（seller-desk init）。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not an invoice status (valid, voided or reversed).</source>
        <translation>“{value}”不是发票状态（有效、作废或红冲）。</translation>
    </message>
    <message>
        <source>The invoice number is required.</source>
        <translation>必须填写发票号码。</translation>
    </message>
    <message>
        <source>Purchase invoice {id} does not exist.</source>
        <translation>进货发票 {id} 不存在。</translation>
    </message>
    <message>
        <source>Export line {id} does not exist.</source>
        <translation>出口明细 {id} 不存在。</translation>
    </message>
    <message>
        <source>Tax records are kept {years} years: this record of {date} may be deleted from {until}.</source>
        <translation>涉税资料应保存 {years} 年：{date} 的这条记录自 {until} 起方可删除。</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <source>Registered in the zone since (YYYY-MM-DD)</source>
        <extracomment>Labels of the tax area&apos;s company-file settings (declared in seller_desk.services.tax).</extracomment>
        <translation>综试区注册日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>Filed on the zone platform since (YYYY-MM-DD)</source>
        <translation>综试区线上综合服务平台登记日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>Customs codes of the zone (comma-separated; NN00 = the whole district)</source>
        <translation>综试区所在地海关代码（逗号分隔；NN00 表示整个关区）</translation>
    </message>
    <message>
        <source>Treat 9710/9810 B2B exports as eligible for the no-invoice exemption (interpretation)</source>
        <translation>将 9710/9810 B2B 出口视为适用无票免税（解释性设定）</translation>
    </message>
    <message>
        <source>Export refund class (一, 二, 三 or 四)</source>
        <translation>出口退（免）税企业分类（一、二、三或四类）</translation>
    </message>
</context>
<context>
    <name>tax_list</name>
    <message>
        <source>export date</source>
        <extracomment>Labels of the fields a reason may name (the six platform fields and the EIT inputs).</extracomment>
        <translation>出口日期</translation>
    </message>
    <message>
        <source>goods name</source>
        <translation>货物名称</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>计量单位</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>revenue</source>
        <translation>收入总额</translation>
    </message>
    <message>
        <source>non-taxable income</source>
        <translation>不征税收入</translation>
    </message>
    <message>
        <source>exempt income</source>
        <translation>免税收入</translation>
    </message>
    <message>
        <source>employees</source>
        <translation>从业人数</translation>
    </message>
    <message>
        <source>total assets</source>
        <translation>资产总额</translation>
    </message>
    <message>
        <source>year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Exemption list of retail exports without purchase invoices</source>
        <extracomment>Headings of the monthly exemption list (PDF and Excel), context &quot;tax_list&quot;.</extracomment>
        <translation>跨境电子商务零售出口无票免税货物清单</translation>
    </message>
    <message>
        <source>Exporter</source>
        <translation>出口企业</translation>
    </message>
    <message>
        <source>USCC</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>所属期</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>综试区</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>List no.</source>
        <translation>清单编号</translation>
    </message>
    <message>
        <source>Export date</source>
        <translation>出口日期</translation>
    </message>
    <message>
        <source>HS code</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Goods name</source>
        <translation>货物名称</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>计量单位</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Amount (CNY)</source>
        <translation>金额（人民币）</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>不符合原因</translation>
    </message>
    <message>
        <source>Eligible export lines</source>
        <translation>免税出口货物明细</translation>
    </message>
    <message>
        <source>Ineligible export lines</source>
        <translation>不符合免税条件的出口明细</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Total (CNY)</source>
        <translation>人民币合计</translation>
    </message>
    <message>
        <source>{count} lines</source>
        <translation>共 {count} 条</translation>
    </message>
    <message>
        <source>{count} line</source>
        <translation>共 {count} 条</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>第 {page} 页 / 共 {pages} 页</translation>
    </message>
    <message>
        <source>Generated by SellerDesk on {when}</source>
        <translation>SellerDesk 生成于 {when}</translation>
    </message>
    <message>
        <source>Basis: Caishui [2018] No. 103 (财税〔2018〕103号)</source>
        <translation>依据：财税〔2018〕103号</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
</context>
</TS>
