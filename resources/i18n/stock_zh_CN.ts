<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MappingDialog</name>
    <message>
        <source>SKU (required)</source>
        <translation>SKU (必选)</translation>
    </message>
    <message>
        <source>Warehouse code</source>
        <translation>仓库代码</translation>
    </message>
    <message>
        <source>Units in the warehouse</source>
        <translation>在仓数量</translation>
    </message>
    <message>
        <source>Available (sellable)</source>
        <translation>可用 (可售)</translation>
    </message>
    <message>
        <source>Reserved (待出库)</source>
        <translation>待出库</translation>
    </message>
    <message>
        <source>Unsellable</source>
        <translation>不可售</translation>
    </message>
    <message>
        <source>In transit (在途)</source>
        <translation>在途</translation>
    </message>
    <message>
        <source>Awaiting put-away (待上架)</source>
        <translation>待上架</translation>
    </message>
    <message>
        <source>Which column is which?</source>
        <translation>请指定各列含义</translation>
    </message>
    <message>
        <source>SellerDesk does not know this file&apos;s columns. Choose the SKU column and either the units in the warehouse or its parts.</source>
        <translation>SellerDesk 不认识此文件的列。请选择 SKU 列，以及在仓数量列或其组成部分 (可用、待出库、不可售)。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(无)</translation>
    </message>
</context>
<context>
    <name>MovementDialog</name>
    <message>
        <source>Record movement</source>
        <translation>登记库存变动</translation>
    </message>
    <message>
        <source>CNY per unit (receipts and openings)</source>
        <translation>每件人民币 (入库和期初)</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit cost (CNY)</source>
        <translation>单位成本 (人民币)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Sales and write-offs take units out: enter them as positive numbers. An adjustment is signed (−3 means three fewer).</source>
        <translation>销售和报废会减少库存：请填写正数。调整需带正负号 (−3 表示减少三件)。</translation>
    </message>
</context>
<context>
    <name>ReceiveDialog</name>
    <message>
        <source>Receive %1</source>
        <translation>收货 %1</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>收货日期</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>实收</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Fewer than shipped become lost-in-transit lines; more than shipped need a reason.</source>
        <translation>少于发货数的部分记为在途损失；多于发货数需要说明原因。</translation>
    </message>
</context>
<context>
    <name>ShipmentDialog</name>
    <message>
        <source>New head-haul shipment</source>
        <translation>新建头程发货</translation>
    </message>
    <message>
        <source>Shipment %1</source>
        <translation>发货单 %1</translation>
    </message>
    <message>
        <source>required for 9810</source>
        <translation>9810 必填</translation>
    </message>
    <message>
        <source>required for 9710</source>
        <translation>9710 必填</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>From</source>
        <translation>发出仓</translation>
    </message>
    <message>
        <source>To</source>
        <translation>目的仓</translation>
    </message>
    <message>
        <source>Trade mode</source>
        <translation>贸易方式</translation>
    </message>
    <message>
        <source>Booking (订仓单)</source>
        <translation>订仓单号</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>承运人</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Allocate fees by</source>
        <translation>费用分摊依据</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Gross kg</source>
        <translation>毛重 (千克)</translation>
    </message>
    <message>
        <source>Volume m³</source>
        <translation>体积 (立方米)</translation>
    </message>
    <message>
        <source>Declared value (CNY)</source>
        <translation>申报价值 (人民币)</translation>
    </message>
    <message>
        <source>Box</source>
        <translation>箱号</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>费用</translation>
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
        <source>Rate to CNY</source>
        <translation>兑人民币汇率</translation>
    </message>
    <message>
        <source>Goods (CNY)</source>
        <translation>货值 (人民币)</translation>
    </message>
    <message>
        <source>Fees (CNY)</source>
        <translation>费用 (人民币)</translation>
    </message>
    <message>
        <source>Landed unit cost</source>
        <translation>到岸单位成本</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>明细</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Allocation preview</source>
        <translation>分摊预览</translation>
    </message>
</context>
<context>
    <name>StockPage</name>
    <message>
        <source>Opening</source>
        <translation>期初</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>入库</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>销售出库</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退货入库</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Write-off</source>
        <translation>报废</translation>
    </message>
    <message>
        <source>Transfer out</source>
        <translation>调拨出库</translation>
    </message>
    <message>
        <source>In transit</source>
        <translation>在途</translation>
    </message>
    <message>
        <source>Transfer in</source>
        <translation>调拨入库</translation>
    </message>
    <message>
        <source>Lost in transit</source>
        <translation>在途损失</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已收货</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>已忽略</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>Differs</source>
        <translation>有差异</translation>
    </message>
    <message>
        <source>Unknown SKU</source>
        <translation>未知 SKU</translation>
    </message>
    <message>
        <source>Not in report</source>
        <translation>报表中没有</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>缺货</translation>
    </message>
    <message>
        <source>Low stock</source>
        <translation>库存偏低</translation>
    </message>
    <message>
        <source>Low cover</source>
        <translation>可售天数不足</translation>
    </message>
    <message>
        <source>Aged stock</source>
        <translation>库龄过长</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Gross weight</source>
        <translation>毛重</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>体积</translation>
    </message>
    <message>
        <source>Declared value</source>
        <translation>申报价值</translation>
    </message>
    <message>
        <source>Domestic warehouse</source>
        <translation>国内仓</translation>
    </message>
    <message>
        <source>Bonded warehouse</source>
        <translation>保税仓</translation>
    </message>
    <message>
        <source>Amazon FBA</source>
        <translation>亚马逊 FBA</translation>
    </message>
    <message>
        <source>Third-party overseas warehouse</source>
        <translation>第三方海外仓</translation>
    </message>
    <message>
        <source>Own overseas warehouse</source>
        <translation>自营海外仓</translation>
    </message>
    <message>
        <source>Head-haul freight</source>
        <translation>头程运费</translation>
    </message>
    <message>
        <source>Duty</source>
        <translation>关税</translation>
    </message>
    <message>
        <source>Insurance</source>
        <translation>保险费</translation>
    </message>
    <message>
        <source>9810 Overseas warehouse</source>
        <translation>9810 跨境电商出口海外仓</translation>
    </message>
    <message>
        <source>9710 B2B direct export</source>
        <translation>9710 跨境电商B2B直接出口</translation>
    </message>
    <message>
        <source>0110 General trade</source>
        <translation>0110 一般贸易</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>截至日期</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>在库</translation>
    </message>
    <message>
        <source>Unit cost (CNY)</source>
        <translation>单位成本 (人民币)</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Value (CNY)</source>
        <translation>金额 (人民币)</translation>
    </message>
    <message>
        <source>Close the period at this date</source>
        <translation>按此日期结账</translation>
    </message>
    <message>
        <source>Store closing balances of every warehouse at the end of the chosen date, so later balances are computed fast.</source>
        <translation>保存各仓库在所选日期结束时的期末结存，以后查询余额会更快。</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>from any date</source>
        <translation>不限起始日期</translation>
    </message>
    <message>
        <source>Record movement…</source>
        <translation>登记库存变动…</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>流水账</translation>
    </message>
    <message>
        <source>to the as-of date</source>
        <translation>至截至日期</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>From</source>
        <translation>发出仓</translation>
    </message>
    <message>
        <source>To</source>
        <translation>目的仓</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Trade mode</source>
        <translation>贸易方式</translation>
    </message>
    <message>
        <source>Booking (订仓单)</source>
        <translation>订仓单号</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>承运人</translation>
    </message>
    <message>
        <source>Fees (CNY)</source>
        <translation>费用 (人民币)</translation>
    </message>
    <message>
        <source>Goods (CNY)</source>
        <translation>货值 (人民币)</translation>
    </message>
    <message>
        <source>Landed (CNY)</source>
        <translation>到岸成本 (人民币)</translation>
    </message>
    <message>
        <source>Landed unit cost</source>
        <translation>到岸单位成本</translation>
    </message>
    <message>
        <source>New shipment…</source>
        <translation>新建发货…</translation>
    </message>
    <message>
        <source>Mark shipped</source>
        <translation>标记为已发货</translation>
    </message>
    <message>
        <source>Receive…</source>
        <translation>收货…</translation>
    </message>
    <message>
        <source>Cancel draft</source>
        <translation>取消草稿</translation>
    </message>
    <message>
        <source>Shipments</source>
        <translation>头程发货</translation>
    </message>
    <message>
        <source>Allocate fees by</source>
        <translation>费用分摊依据</translation>
    </message>
    <message>
        <source>Adjust</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Ledger on hand</source>
        <translation>账面在库</translation>
    </message>
    <message>
        <source>Report on hand</source>
        <translation>报表在库</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Ledger in transit</source>
        <translation>账面在途</translation>
    </message>
    <message>
        <source>Report in transit</source>
        <translation>报表在途</translation>
    </message>
    <message>
        <source>Import warehouse report…</source>
        <translation>导入仓库报表…</translation>
    </message>
    <message>
        <source>Adjust the ledger to the report</source>
        <translation>按报表调整账面</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>对账</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>Days of cover</source>
        <translation>可售天数</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Sales of the last </source>
        <translation>按最近 </translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天销量</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>Unknown age</source>
        <translation>库龄未知</translation>
    </message>
    <message>
        <source>Oldest (days)</source>
        <translation>最长库龄 (天)</translation>
    </message>
    <message>
        <source>Units on hand by days in the warehouse, first in first out from receipts and transfers in.</source>
        <translation>按在仓天数统计的在库数量，依入库和调拨入库先进先出计算。</translation>
    </message>
    <message>
        <source>Ageing</source>
        <translation>库龄</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Negative stock allowed</source>
        <translation>允许负库存</translation>
    </message>
    <message>
        <source>Reorder point</source>
        <translation>补货点</translation>
    </message>
    <message>
        <source>Minimum days of cover</source>
        <translation>最少可售天数</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Add warehouse…</source>
        <translation>添加仓库…</translation>
    </message>
    <message>
        <source>Double-click a warehouse to change its settings.</source>
        <translation>双击仓库可修改其设置。</translation>
    </message>
    <message>
        <source>Warehouses</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>全部仓库</translation>
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
        <source>%1 lines · stock value CNY %2</source>
        <translation>%1 行 · 库存金额 人民币 %2</translation>
    </message>
    <message>
        <source>Alerts (%1)</source>
        <translation>提醒 (%1)</translation>
    </message>
    <message>
        <source>Select a shipment to see its landed cost.</source>
        <translation>选择一票发货以查看到岸成本。</translation>
    </message>
    <message>
        <source>Fees of %1 (CNY %2) spread by %3; remainders to the cent go to the largest shares.</source>
        <translation>%1 的费用 (人民币 %2) 按%3分摊；分位尾差计入余数最大的行。</translation>
    </message>
    <message>
        <source>Import a warehouse&apos;s stock report to compare it with the ledger. Nothing changes until you confirm.</source>
        <translation>导入仓库的库存报表与账面核对。确认之前不会改动任何数据。</translation>
    </message>
    <message>
        <source>%1 of %2 SKUs differ from the ledger as of %3.</source>
        <translation>截至 %3，%2 个 SKU 中有 %1 个与账面不符。</translation>
    </message>
    <message>
        <source>Not in your products (add them first): %1</source>
        <translation>不在商品资料中 (请先添加)：%1</translation>
    </message>
    <message>
        <source>Shipped on</source>
        <translation>发货日期</translation>
    </message>
    <message>
        <source>Ship %1</source>
        <translation>发货 %1</translation>
    </message>
    <message>
        <source>Warehouse stock report</source>
        <translation>仓库库存报表</translation>
    </message>
    <message>
        <source>Reports (*.txt *.tsv *.csv *.xlsx)</source>
        <translation>报表 (*.txt *.tsv *.csv *.xlsx)</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>WarehouseDialog</name>
    <message>
        <source>Add warehouse</source>
        <translation>添加仓库</translation>
    </message>
    <message>
        <source>Warehouse %1</source>
        <translation>仓库 %1</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Negative stock allowed</source>
        <translation>允许负库存</translation>
    </message>
    <message>
        <source>Reorder point</source>
        <translation>补货点</translation>
    </message>
    <message>
        <source>Minimum days of cover</source>
        <translation>最少可售天数</translation>
    </message>
</context>
<context>
    <name>problems</name>
    <message>
        <source>{sku} in warehouse {warehouse} would go below zero on {date} (on hand {on_hand}). Record the receipt first, or allow negative stock for this warehouse.</source>
        <translation>{sku} 在仓库 {warehouse} 于 {date} 的在库将变为负数 ({on_hand})。请先登记入库，或为该仓库允许负库存。</translation>
    </message>
    <message>
        <source>Unknown movement kind &quot;{kind}&quot;.</source>
        <translation>未知的库存变动类型“{kind}”。</translation>
    </message>
    <message>
        <source>The SKU is required.</source>
        <translation>请填写 SKU。</translation>
    </message>
    <message>
        <source>The warehouse is required.</source>
        <translation>请填写仓库。</translation>
    </message>
    <message>
        <source>The quantity of {sku} is zero.</source>
        <translation>{sku} 的数量为零。</translation>
    </message>
    <message>
        <source>A {kind} cannot have the quantity {quantity}: check its direction.</source>
        <translation>{kind} 的数量不能为 {quantity}：请检查方向 (正负)。</translation>
    </message>
    <message>
        <source>An adjustment of {sku} needs a reason.</source>
        <translation>{sku} 的库存调整需要填写原因。</translation>
    </message>
    <message>
        <source>The unit cost of {sku} cannot be negative ({cost}).</source>
        <translation>{sku} 的单位成本不能为负数 ({cost})。</translation>
    </message>
    <message>
        <source>A transfer that is {current} cannot become {new}.</source>
        <translation>状态为 {current} 的调拨不能改为 {new}。</translation>
    </message>
    <message>
        <source>A transfer needs two different warehouses ({warehouse} twice).</source>
        <translation>调拨需要两个不同的仓库 ({warehouse} 重复)。</translation>
    </message>
    <message>
        <source>{sku} is on two lines: put it on one line.</source>
        <translation>{sku} 出现在两行中：请合并为一行。</translation>
    </message>
    <message>
        <source>The quantity of {sku} must be more than zero (it is {quantity}).</source>
        <translation>{sku} 的数量必须大于零 (现为 {quantity})。</translation>
    </message>
    <message>
        <source>There are no lines.</source>
        <translation>没有明细行。</translation>
    </message>
    <message>
        <source>Received on {received}, before it was shipped on {shipped}.</source>
        <translation>收货日期 {received} 早于发货日期 {shipped}。</translation>
    </message>
    <message>
        <source>Enter how many units of {sku} arrived (0 if none).</source>
        <translation>请填写 {sku} 实际到货数量 (未到货填 0)。</translation>
    </message>
    <message>
        <source>{received} units of {sku} arrived but only {shipped} were shipped: give a reason.</source>
        <translation>{sku} 到货 {received} 件，但只发出 {shipped} 件：请说明原因。</translation>
    </message>
    <message>
        <source>Unknown trade mode &quot;{mode}&quot; (9810, 9710 or 0110 general trade).</source>
        <translation>未知的贸易方式“{mode}”(9810、9710 或 0110 一般贸易)。</translation>
    </message>
    <message>
        <source>A 9810 shipment needs its warehouse booking (订仓单) number.</source>
        <translation>9810 出口需要填写订仓单号。</translation>
    </message>
    <message>
        <source>A 9710 shipment needs the order number.</source>
        <translation>9710 出口需要填写订单号。</translation>
    </message>
    <message>
        <source>Declared value CNY {value} is over 5,000: a {mode} shipment this size needs a full customs declaration, not a list.</source>
        <translation>申报价值人民币 {value} 超过 5,000 元：此规模的 {mode} 货物需以报关单申报，不能走清单。</translation>
    </message>
    <message>
        <source>Unknown allocation basis &quot;{basis}&quot; (quantity, weight, volume or value).</source>
        <translation>未知的分摊依据“{basis}”(数量、重量、体积或货值)。</translation>
    </message>
    <message>
        <source>The {basis} of {sku} cannot be negative.</source>
        <translation>{sku} 的 {basis} 不能为负数。</translation>
    </message>
    <message>
        <source>Every line has a {basis} of zero: enter them, or allocate by another basis.</source>
        <translation>所有行的 {basis} 都为零：请填写，或改用其他分摊依据。</translation>
    </message>
    <message>
        <source>{amount} {currency} has more decimals than the currency allows.</source>
        <translation>{amount} {currency} 的小数位超过该币种允许的位数。</translation>
    </message>
    <message>
        <source>The exchange rate {rate} of the fee {fee} must be more than zero.</source>
        <translation>费用 {fee} 的汇率 {rate} 必须大于零。</translation>
    </message>
    <message>
        <source>{sku} appears more than once in the report; the quantities were added.</source>
        <translation>{sku} 在报表中出现多次，数量已合计。</translation>
    </message>
    <message>
        <source>The report lists {sku}, which is not in your products. Add the product or correct the SKU; it was not created.</source>
        <translation>报表中的 {sku} 不在您的商品资料中。请添加该商品或更正 SKU；系统不会自动创建。</translation>
    </message>
    <message>
        <source>{sku} is out of stock in {warehouse} ({in_transit} in transit).</source>
        <translation>{sku} 在 {warehouse} 已缺货 (在途 {in_transit})。</translation>
    </message>
    <message>
        <source>{sku} is low in {warehouse}: {on_hand} on hand.</source>
        <translation>{sku} 在 {warehouse} 库存偏低：在库 {on_hand}。</translation>
    </message>
    <message>
        <source>{sku} in {warehouse} lasts {days} days at the current sales.</source>
        <translation>按当前销量，{sku} 在 {warehouse} 的库存可售 {days} 天。</translation>
    </message>
    <message>
        <source>{units} units of {sku} in {warehouse} have been there a long time.</source>
        <translation>{sku} 在 {warehouse} 有 {units} 件库龄过长。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a whole number of units.</source>
        <translation>“{value}”不是整数件数。</translation>
    </message>
    <message>
        <source>The SKU is empty.</source>
        <translation>SKU 为空。</translation>
    </message>
    <message>
        <source>Say which column holds the {field} (the file&apos;s columns: {columns}).</source>
        <translation>请指定哪一列是 {field} (文件中的列：{columns})。</translation>
    </message>
    <message>
        <source>Unknown warehouse kind &quot;{kind}&quot; (domestic, bonded, fba, third_party or own_overseas).</source>
        <translation>未知的仓库类型“{kind}”(domestic 国内仓、bonded 保税仓、fba、third_party 第三方海外仓或 own_overseas 自营海外仓)。</translation>
    </message>
    <message>
        <source>&quot;{country}&quot; is not a two-letter country code (US, DE, CN…).</source>
        <translation>“{country}”不是两位国家代码 (US、DE、CN…)。</translation>
    </message>
    <message>
        <source>There is already a warehouse with the code {code}.</source>
        <translation>已有代码为 {code} 的仓库。</translation>
    </message>
    <message>
        <source>A {kind} movement is made by shipping or receiving a transfer.</source>
        <translation>{kind} 类变动由调拨的发货或收货自动生成。</translation>
    </message>
    <message>
        <source>There is no product with the SKU {sku}: add it on the Products page first.</source>
        <translation>没有 SKU 为 {sku} 的商品：请先在“商品”页面添加。</translation>
    </message>
    <message>
        <source>There is no warehouse with the code {warehouse}.</source>
        <translation>没有代码为 {warehouse} 的仓库。</translation>
    </message>
    <message>
        <source>Say which warehouse this report is for ({candidates}).</source>
        <translation>请选择此报表对应的仓库 ({candidates})。</translation>
    </message>
    <message>
        <source>There is already a shipment numbered {number}.</source>
        <translation>已有单号为 {number} 的发货。</translation>
    </message>
    <message>
        <source>Shipment {number} is {state}: its fees can no longer change.</source>
        <translation>发货 {number} 状态为 {state}：费用不能再修改。</translation>
    </message>
    <message>
        <source>Shipment {number} is {state}: only a draft can be changed (its fees can, until it is received).</source>
        <translation>发货单 {number} 状态为 {state}：只有草稿可以修改 (收货前仍可修改费用)。</translation>
    </message>
    <message>
        <source>There is no shipment {number}.</source>
        <translation>没有发货单 {number}。</translation>
    </message>
    <message>
        <source>{sku} is not on shipment {number}.</source>
        <translation>{sku} 不在发货单 {number} 中。</translation>
    </message>
    <message>
        <source>There is no reconciliation {id}.</source>
        <translation>没有对账单 {id}。</translation>
    </message>
    <message>
        <source>Reconciliation {id} is {state}: it cannot be decided again.</source>
        <translation>对账单 {id} 状态为 {state}：不能再次处理。</translation>
    </message>
</context>
</TS>
