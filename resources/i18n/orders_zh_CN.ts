<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DeclareDialog</name>
    <message>
        <source>Declare order {order}</source>
        <translation>申报订单 {order}</translation>
    </message>
    <message>
        <source>9610 retail parcel</source>
        <translation>9610 跨境电商零售（包裹）</translation>
    </message>
    <message>
        <source>9710 B2B direct export</source>
        <translation>9710 跨境电商 B2B 直接出口</translation>
    </message>
    <message>
        <source>9810 export to an overseas warehouse</source>
        <translation>9810 跨境电商出口海外仓</translation>
    </message>
    <message>
        <source>1210 bonded export</source>
        <translation>1210 保税跨境电商出口</translation>
    </message>
    <message>
        <source>The carrier&apos;s waybill has these numbers</source>
        <translation>承运人的运单就是这些号码</translation>
    </message>
    <message>
        <source>Trade mode</source>
        <translation>监管方式</translation>
    </message>
    <message>
        <source>Export date</source>
        <translation>出口日期</translation>
    </message>
    <message>
        <source>Logistics company code</source>
        <translation>物流企业代码</translation>
    </message>
    <message>
        <source>Logistics company name</source>
        <translation>物流企业名称</translation>
    </message>
    <message>
        <source>Waybill number</source>
        <translation>运单号</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>All months</source>
        <translation>全部月份</translation>
    </message>
    <message>
        <source>Filter: order, SKU, status…</source>
        <translation>筛选：订单号、SKU、状态…</translation>
    </message>
    <message>
        <source>Import report…</source>
        <translation>导入报表…</translation>
    </message>
    <message>
        <source>Read receipts…</source>
        <translation>读取回执…</translation>
    </message>
    <message>
        <source>Generate messages…</source>
        <translation>生成报文…</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Payouts</source>
        <translation>结算回款</translation>
    </message>
    <message>
        <source>Problems of the selected declaration</source>
        <translation>所选清单的问题</translation>
    </message>
    <message>
        <source>Declarations</source>
        <translation>申报单</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>平台站点</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>SKUs</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Product sales</source>
        <translation>商品销售额</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>With collection documents (CEB403)</source>
        <translation>附带收款单（CEB403）</translation>
    </message>
    <message>
        <source>Optional since 2024-12-15 (GACC announcement 2024 No. 167).</source>
        <translation>自 2024-12-15 起为可选（海关总署公告2024年第167号）。</translation>
    </message>
    <message>
        <source>Declare order…</source>
        <translation>申报订单…</translation>
    </message>
    <message>
        <source>Documents of the selected order</source>
        <translation>所选订单的文档</translation>
    </message>
    <message>
        <source>Select a payout to see what makes it up.</source>
        <translation>选择一笔结算回款，查看它的构成。</translation>
    </message>
    <message>
        <source>Documents of the order</source>
        <translation>该订单的文档</translation>
    </message>
    <message>
        <source>Map SKUs…</source>
        <translation>映射 SKU…</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Payout</source>
        <translation>结算单</translation>
    </message>
    <message>
        <source>Deposit date</source>
        <translation>到账日期</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>结算期间</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总额</translation>
    </message>
    <message>
        <source>Lines total</source>
        <translation>明细合计</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <source>Reconciled</source>
        <translation>已核对</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Difference confirmed</source>
        <translation>差额已确认</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Export date</source>
        <translation>出口日期</translation>
    </message>
    <message>
        <source>List</source>
        <translation>清单</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>监管方式</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>货值</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>三单对碰</translation>
    </message>
    <message>
        <source>Customs status</source>
        <translation>海关状态</translation>
    </message>
    <message>
        <source>List number</source>
        <translation>清单编号</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>申报方式</translation>
    </message>
    <message>
        <source>Agrees</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>Mismatch</source>
        <translation>不一致</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>Full declaration</source>
        <translation>报关单</translation>
    </message>
    <message>
        <source>Summary declaration of {month} was due on {due}: {days} days overdue.</source>
        <translation>{month} 的汇总申报应于 {due} 前完成，已逾期 {days} 天。</translation>
    </message>
    <message>
        <source>Summary declaration of {month} is due on {due} ({days} days left).</source>
        <translation>{month} 的汇总申报须于 {due} 前完成（还剩 {days} 天）。</translation>
    </message>
    <message>
        <source>No summary declaration is due.</source>
        <translation>暂无需要办理的汇总申报。</translation>
    </message>
    <message>
        <source>SKUs to map to a product: {skus}</source>
        <translation>待关联商品的 SKU：{skus}</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>销售</translation>
    </message>
    <message>
        <source>Adjustments</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>转账</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Payout {settlement}:</source>
        <translation>结算单 {settlement}：</translation>
    </message>
    <message>
        <source>{kind}: {amount} {currency} ({n} line)</source>
        <translation>{kind}：{amount} {currency}（{n} 行）</translation>
    </message>
    <message>
        <source>{kind}: {amount} {currency} ({n} lines)</source>
        <translation>{kind}：{amount} {currency}（{n} 行）</translation>
    </message>
    <message>
        <source>Lines total {lines} = payout {total} {currency}</source>
        <translation>明细合计 {lines} = 回款 {total} {currency}</translation>
    </message>
    <message>
        <source>Lines total {lines} ≠ payout {total} {currency}: difference {difference}</source>
        <translation>明细合计 {lines} ≠ 回款 {total} {currency}：差额 {difference}</translation>
    </message>
    <message>
        <source>Customs ({code} {meaning}): {info}</source>
        <translation>海关回执（{code} {meaning}）：{info}</translation>
    </message>
    <message>
        <source>Next step: fix what customs names, then declare the list again.</source>
        <translation>下一步：按海关退单原因修改，然后重新申报该清单。</translation>
    </message>
    <message>
        <source>Order, list and waybill agree.</source>
        <translation>订单、清单、运单三单一致。</translation>
    </message>
    <message>
        <source>Import a report</source>
        <translation>导入报表</translation>
    </message>
    <message>
        <source>Reports (*.csv *.txt *.tsv *.xlsx);;All files (*)</source>
        <translation>报表 (*.csv *.txt *.tsv *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Payout {settlement}: total {total}, lines {lines}, difference {difference}.</source>
        <translation>结算单 {settlement}：总额 {total}，明细合计 {lines}，差额 {difference}。</translation>
    </message>
    <message>
        <source>Payout does not add up</source>
        <translation>结算单对不上</translation>
    </message>
    <message>
        <source>Import it anyway with this difference recorded?</source>
        <translation>仍然导入并记录此差额吗？</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Importing {file}…</source>
        <translation>正在导入 {file}…</translation>
    </message>
    <message>
        <source>Declare order</source>
        <translation>申报订单</translation>
    </message>
    <message>
        <source>Select an order in the Orders table first.</source>
        <translation>请先在订单表中选择一个订单。</translation>
    </message>
    <message>
        <source>Folder with customs receipts</source>
        <translation>海关回执所在文件夹</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>回执</translation>
    </message>
    <message>
        <source>Receipts read: {n}.</source>
        <translation>已读取回执：{n} 条。</translation>
    </message>
    <message>
        <source>Folder for the customs messages of {month}</source>
        <translation>{month} 海关报文的保存文件夹</translation>
    </message>
    <message>
        <source>{n} file written to {folder}.</source>
        <translation>已写入 {n} 个文件到 {folder}。</translation>
    </message>
    <message>
        <source>Generating messages…</source>
        <translation>正在生成报文…</translation>
    </message>
    <message>
        <source>{n} files written to {folder}.</source>
        <translation>已写入 {n} 个文件到 {folder}。</translation>
    </message>
    <message>
        <source>Not written because of problems: {lists}</source>
        <translation>因存在问题未写入：{lists}</translation>
    </message>
    <message>
        <source>The messages are unsigned: sign and send them with your E-port card and client, or give them to your customs broker.</source>
        <translation>报文未加签：请用电子口岸卡和客户端加签发送，或交给报关行处理。</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>报文</translation>
    </message>
</context>
<context>
    <name>SkuMappingDialog</name>
    <message>
        <source>Map marketplace SKUs to products</source>
        <translation>将平台 SKU 映射到商品</translation>
    </message>
    <message>
        <source>These order lines carry a marketplace SKU that no product or listing maps. Choose the product each one is; the mapping is saved as a listing.</source>
        <translation>以下订单行的平台 SKU 尚未对应任何商品或刊登。请为每个 SKU 选择对应的商品；映射将保存为刊登。</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Map selected</source>
        <translation>映射所选</translation>
    </message>
    <message>
        <source>Reading the unmapped order lines…</source>
        <translation>正在读取未对应商品的订单行…</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>平台站点</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Marketplace SKU</source>
        <translation>平台 SKU</translation>
    </message>
    <message>
        <source>Order lines</source>
        <translation>订单行</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Every order line is mapped to a product.</source>
        <translation>所有订单行均已对应商品。</translation>
    </message>
    <message>
        <source>Select a marketplace SKU and a product first.</source>
        <translation>请先选择平台 SKU 和商品。</translation>
    </message>
    <message>
        <source>Mapped {n} marketplace SKU to {sku}.</source>
        <translation>已将 {n} 个平台 SKU 映射到 {sku}。</translation>
    </message>
    <message>
        <source>Mapped {n} marketplace SKUs to {sku}.</source>
        <translation>已将 {n} 个平台 SKU 映射到 {sku}。</translation>
    </message>
</context>
<context>
    <name>problems</name>
    <message>
        <source>Settlement {settlement} does not add up: its total is {total} but its lines sum to {lines_total} (difference {difference}).</source>
        <translation>结算单 {settlement} 对不上：总额为 {total}，明细合计为 {lines_total}（差额 {difference}）。</translation>
    </message>
    <message>
        <source>The row has {found} fields but the header has {expected}.</source>
        <translation>该行有 {found} 个字段，表头有 {expected} 个。</translation>
    </message>
    <message>
        <source>Settlement {settlement} has no summary row (total, currency, dates) above its lines.</source>
        <translation>结算单 {settlement} 的明细上方没有汇总行（总额、币种、日期）。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a whole quantity.</source>
        <translation>“{value}”不是整数数量。</translation>
    </message>
    <message>
        <source>The currency of &quot;{file}&quot; cannot be told from the file; choose it before importing.</source>
        <translation>无法从文件“{file}”判断币种，请在导入前选择。</translation>
    </message>
    <message>
        <source>The row&apos;s total {total} differs from the sum of its amounts {sum}.</source>
        <translation>该行合计 {total} 与各金额之和 {sum} 不一致。</translation>
    </message>
    <message>
        <source>The order number is empty.</source>
        <translation>订单号为空。</translation>
    </message>
    <message>
        <source>SKU &quot;{sku}&quot; matches no product yet; map it to a product (its order lines keep the SKU until then).</source>
        <translation>SKU“{sku}”尚未对应任何商品，请将其关联到商品（在此之前订单明细保留该 SKU）。</translation>
    </message>
    <message>
        <source>&quot;{file}&quot; needs a column mapping: say which column holds the order number, date, SKU, quantity and amount.</source>
        <translation>“{file}”需要列映射：请指定订单号、日期、SKU、数量和金额所在的列。</translation>
    </message>
    <message>
        <source>The column mapping does not say which column holds &quot;{field}&quot;.</source>
        <translation>列映射未指定“{field}”所在的列。</translation>
    </message>
    <message>
        <source>Overseas-warehouse booking {booking} has no goods.</source>
        <translation>海外仓订仓单 {booking} 没有货物。</translation>
    </message>
    <message>
        <source>Product {product} does not exist.</source>
        <translation>商品 {product} 不存在。</translation>
    </message>
    <message>
        <source>Order {order}: the sale was not posted to warehouse {warehouse} ({reason}).</source>
        <translation>订单 {order}：销售出库未记入仓库 {warehouse} ({reason})。</translation>
    </message>
    <message>
        <source>Order {order} does not exist.</source>
        <translation>订单 {order} 不存在。</translation>
    </message>
    <message>
        <source>Set up the company profile before declaring exports.</source>
        <translation>申报出口前请先填写公司资料。</translation>
    </message>
    <message>
        <source>Product &quot;{sku}&quot; has no HS code or declared name; complete it in Products first.</source>
        <translation>商品“{sku}”缺少 HS 编码或申报品名，请先在商品页补全。</translation>
    </message>
    <message>
        <source>&quot;{mode}&quot; is not an export trade mode (9610, 1210, 9710 or 9810).</source>
        <translation>“{mode}”不是出口监管方式（9610、1210、9710 或 9810）。</translation>
    </message>
    <message>
        <source>Trade mode {mode} applies only from {since}; the export date is {date}.</source>
        <translation>监管方式 {mode} 自 {since} 起适用，出口日期为 {date}。</translation>
    </message>
    <message>
        <source>This {mode} consignment needs a full customs declaration (报关单), not a list: {reason}.</source>
        <translation>该 {mode} 货物须以报关单申报，不能用清单：{reason}。</translation>
    </message>
    <message>
        <source>No order {order_no} from platform {ebp_code} matches the list.</source>
        <translation>没有与清单对应的电商平台 {ebp_code} 订单 {order_no}。</translation>
    </message>
    <message>
        <source>No waybill {logistics_no} of logistics company {logistics_code} matches the list.</source>
        <translation>没有与清单对应的物流企业 {logistics_code} 运单 {logistics_no}。</translation>
    </message>
    <message>
        <source>List line {gnum} has no order line with the same number.</source>
        <translation>清单第 {gnum} 项在订单中没有相同项号的商品。</translation>
    </message>
    <message>
        <source>Order line {gnum} is not on the list.</source>
        <translation>订单第 {gnum} 项不在清单中。</translation>
    </message>
    <message>
        <source>{what} differs: the order says {order}, the list says {list}.</source>
        <translation>{what} 不一致：订单为 {order}，清单为 {list}。</translation>
    </message>
    <message>
        <source>Line {gnum}: {what} differs: the order says {order}, the list says {list}.</source>
        <translation>第 {gnum} 项 {what} 不一致：订单为 {order}，清单为 {list}。</translation>
    </message>
    <message>
        <source>Line {gnum}: quantity {qty} × price {price} is {expected}, not {total}.</source>
        <translation>第 {gnum} 项：数量 {qty} × 单价 {price} 应为 {expected}，而不是 {total}。</translation>
    </message>
    <message>
        <source>{what} differs: the waybill says {waybill}, the list says {list}.</source>
        <translation>{what} 不一致：运单为 {waybill}，清单为 {list}。</translation>
    </message>
    <message>
        <source>The CNY value of this {mode} consignment is unknown, so the CNY 5,000 list limit cannot be checked.</source>
        <translation>该 {mode} 货物的人民币货值未知，无法核对 5000 元清单申报上限。</translation>
    </message>
    <message>
        <source>List {cop_no} has no customs list number yet, so there is nothing to withdraw.</source>
        <translation>清单 {cop_no} 尚无海关清单编号，无需撤销。</translation>
    </message>
    <message>
        <source>9810 list {cop_no} names no head-haul shipment to the overseas warehouse.</source>
        <translation>9810 清单 {cop_no} 未关联发往海外仓的头程货件。</translation>
    </message>
    <message>
        <source>Order {order} already has the export list {cop_no} for that day: open it on the Declarations tab instead of declaring again.</source>
        <translation>订单 {order} 当天已有出口清单 {cop_no}：请在“申报单”标签页中打开它，不要重复申报。</translation>
    </message>
    <message>
        <source>The summary declaration of the lists cleared in {month} was due on {due}.</source>
        <translation>{month} 放行清单的汇总申报应于 {due} 前完成。</translation>
    </message>
    <message>
        <source>The summary declaration of the lists cleared in {month} is due on {due} ({days} days left).</source>
        <translation>{month} 放行清单的汇总申报须于 {due} 前完成（还剩 {days} 天）。</translation>
    </message>
    <message>
        <source>{message}: {field} is required.</source>
        <translation>{message}：{field} 为必填项。</translation>
    </message>
    <message>
        <source>{message}: {field} &quot;{value}&quot; is longer than {max} characters.</source>
        <translation>{message}：{field}“{value}”超过 {max} 个字符。</translation>
    </message>
    <message>
        <source>{message}: {field} &quot;{value}&quot; must be exactly {length} characters.</source>
        <translation>{message}：{field}“{value}”必须为 {length} 个字符。</translation>
    </message>
    <message>
        <source>{message}: {field} &quot;{value}&quot; is not allowed ({allowed}).</source>
        <translation>{message}：{field}“{value}”不允许（{allowed}）。</translation>
    </message>
    <message>
        <source>{message}: {field} {value} has more than 5 decimals or 19 digits.</source>
        <translation>{message}：{field} {value} 超过 5 位小数或 19 位数字。</translation>
    </message>
    <message>
        <source>{message}: there is no customs code for {kind} &quot;{value}&quot;.</source>
        <translation>{message}：{kind}“{value}”没有对应的海关代码。</translation>
    </message>
    <message>
        <source>{message}: {count} {what} exceed the limit of {max}.</source>
        <translation>{message}：{count} 个{what}超过上限 {max}。</translation>
    </message>
    <message>
        <source>&quot;{file}&quot; is not a CEB receipt SellerDesk reads ({root}).</source>
        <translation>“{file}”不是 SellerDesk 能读取的 CEB 回执（{root}）。</translation>
    </message>
    <message>
        <source>&quot;{file}&quot; is not well-formed XML: {reason}</source>
        <translation>“{file}”不是格式正确的 XML：{reason}</translation>
    </message>
    <message>
        <source>&quot;{file}&quot;: the receipt has no {field}.</source>
        <translation>“{file}”：回执缺少 {field}。</translation>
    </message>
    <message>
        <source>&quot;{file}&quot;: no record matches the receipt for {keys}.</source>
        <translation>“{file}”：没有记录与回执 {keys} 对应。</translation>
    </message>
    <message>
        <source>Declaration {cop_no} has problems and was not written to XML.</source>
        <translation>清单 {cop_no} 存在问题，未写入 XML。</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <source>Customs office of declaration (4 digits)</source>
        <translation>申报地海关代码（4 位）</translation>
    </message>
    <message>
        <source>Exit port customs code (4 digits)</source>
        <translation>出口口岸代码（4 位）</translation>
    </message>
    <message>
        <source>DXP id (E-port)</source>
        <translation>报文传输编号（DXP）</translation>
    </message>
    <message>
        <source>Declarant customs code (empty: the company itself)</source>
        <translation>申报企业代码（留空即本公司）</translation>
    </message>
    <message>
        <source>Declarant name</source>
        <translation>申报企业名称</translation>
    </message>
    <message>
        <source>Customs broker code for summary declarations</source>
        <translation>汇总申报的报关单位代码</translation>
    </message>
    <message>
        <source>Customs broker name for summary declarations</source>
        <translation>汇总申报的报关单位名称</translation>
    </message>
    <message>
        <source>Usual transport mode of parcels</source>
        <translation>包裹常用运输方式</translation>
    </message>
    <message>
        <source>Usual packing type</source>
        <translation>常用包装种类</translation>
    </message>
    <message>
        <source>Warehouse of each marketplace or store for order stock (amazon.de=DE-GC)</source>
        <translation>各平台站点或店铺订单出库的仓库 (如 amazon.de=DE-GC)</translation>
    </message>
    <message>
        <source>Signature algorithm URI (signing needs the E-port card and client)</source>
        <translation>签名算法 URI（加签需电子口岸卡和客户端）</translation>
    </message>
</context>
</TS>
