<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>This file holds no company yet. Create your company in it with “Create my company”.</source>
        <extracomment>``--exit-after-start``: why the company did not open goes to stderr, not a dialog the busy dialog while a company file is upgraded (see _open_desk)</extracomment>
        <translation>此文件中还没有公司。请用“创建我的公司”在其中建立公司。</translation>
    </message>
    <message>
        <source>Updating the company file for this version of SellerDesk…
A backup copy is made first; a large file can take a minute.</source>
        <translation>正在为此版本的 SellerDesk 更新公司文件……
会先备份一份；文件较大时可能需要一分钟。</translation>
    </message>
    <message>
        <source>Preparing the demo company…</source>
        <translation>正在准备演示公司…</translation>
    </message>
    <message>
        <source>Where to keep the new company file</source>
        <translation>新公司文件的保存位置</translation>
    </message>
    <message>
        <source>Company file (*.sqlite)</source>
        <translation>公司文件 (*.sqlite)</translation>
    </message>
    <message>
        <source>Open company file</source>
        <translation>打开公司文件</translation>
    </message>
    <message>
        <source>Company file (*.sqlite *.db);;All files (*)</source>
        <translation>公司文件 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>三单一致 (order, waybill, list agree)</source>
        <extracomment>the compliance strip: key → label (context &quot;Charts&quot;)</extracomment>
        <translation>三单一致（订单、运单、清单相符）</translation>
    </message>
    <message>
        <source>Lists released of declared</source>
        <translation>已放行清单占申报清单</translation>
    </message>
    <message>
        <source>Exemption-list months filed</source>
        <translation>免税清单已报月份</translation>
    </message>
    <message>
        <source>FX receipts with trade evidence</source>
        <translation>有贸易单证的收汇</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>退单</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>released</source>
        <translation>已放行</translation>
    </message>
    <message>
        <source>released (closed)</source>
        <translation>已放行（结关）</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已撤销</translation>
    </message>
</context>
<context>
    <name>ChartsPanel</name>
    <message>
        <source>Monthly sales by marketplace</source>
        <translation>各平台月度销售额</translation>
    </message>
    <message>
        <source>FX receipts and payments, year to date (USD)</source>
        <translation>本年累计收汇与付汇（美元）</translation>
    </message>
    <message>
        <source>Declarations by status</source>
        <translation>申报清单状态</translation>
    </message>
    <message>
        <source>Stock value by warehouse (CNY)</source>
        <translation>各仓库存货值（人民币）</translation>
    </message>
    <message>
        <source>Product sales in CNY at the central parity, dated as on the Tax page (the order day or the 1st of its month; on a weekend or holiday the last rate published before).</source>
        <translation>商品销售额按人民币汇率中间价折算，汇率日期与税务页相同（订单日或当月1日；周末、节假日取此前最近公布的汇率）。</translation>
    </message>
    <message>
        <source>Monthly sales by marketplace (CNY)</source>
        <translation>各平台月度销售额（人民币）</translation>
    </message>
    <message>
        <source>Orders shown: sales in CNY need the central parity rates (see the FX page). Click a bar to open that month&apos;s orders.</source>
        <translation>显示订单数：人民币销售额需要汇率中间价（见收结汇页）。点击柱形打开该月订单。</translation>
    </message>
    <message>
        <source>Monthly orders by marketplace</source>
        <translation>各平台月度订单数</translation>
    </message>
    <message>
        <source>US$50,000 quota</source>
        <translation>5 万美元额度</translation>
    </message>
    <message>
        <source>180k warning</source>
        <translation>18 万预警线</translation>
    </message>
    <message>
        <source>200k line</source>
        <translation>20 万线</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>收汇</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>付汇</translation>
    </message>
    <message>
        <source>Lists</source>
        <translation>清单</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>货值</translation>
    </message>
    <message>
        <source>Days of cover: {cover}</source>
        <translation>可售天数：{cover}</translation>
    </message>
    <message>
        <source>target {target}%</source>
        <translation>目标 {target}%</translation>
    </message>
</context>
<context>
    <name>Codes</name>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Unshipped</source>
        <translation>未发货</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退货</translation>
    </message>
    <message>
        <source>entered by hand</source>
        <translation>手工录入</translation>
    </message>
    <message>
        <source>demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <source>SAFE rate table</source>
        <translation>外汇局折算率表</translation>
    </message>
    <message>
        <source>manual entry</source>
        <translation>手工调整</translation>
    </message>
    <message>
        <source>opening balance</source>
        <translation>期初余额</translation>
    </message>
    <message>
        <source>shipment</source>
        <translation>头程发货</translation>
    </message>
    <message>
        <source>order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>reconciliation</source>
        <translation>盘点对账</translation>
    </message>
    <message>
        <source>import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>company profile</source>
        <translation>企业资料</translation>
    </message>
    <message>
        <source>filings</source>
        <translation>备案</translation>
    </message>
    <message>
        <source>products and listings</source>
        <translation>商品与刊登</translation>
    </message>
    <message>
        <source>orders and declarations</source>
        <translation>订单与申报</translation>
    </message>
    <message>
        <source>overseas stock</source>
        <translation>海外仓库存</translation>
    </message>
    <message>
        <source>FX records</source>
        <translation>收结汇记录</translation>
    </message>
    <message>
        <source>tax records</source>
        <translation>税务记录</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>DocumentsPane</name>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Drop files here to attach them</source>
        <translation>将文件拖到此处即可添加为附件</translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>file missing</source>
        <translation>文件缺失</translation>
    </message>
    <message>
        <source>file changed</source>
        <translation>文件已改动</translation>
    </message>
    <message>
        <source>PDF document: open it to read.</source>
        <translation>PDF 文档：请打开阅读。</translation>
    </message>
    <message>
        <source>Remove document</source>
        <translation>移除文档</translation>
    </message>
    <message>
        <source>Remove “{name}” from this record? The stored file is deleted when no other record uses it.</source>
        <translation>从此记录中移除“{name}”？没有其他记录使用时，存档文件将被删除。</translation>
    </message>
    <message>
        <source>Attach documents</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.png *.jpg *.jpeg *.gif *.webp *.bmp *.tif *.tiff *.xlsx *.xls *.docx *.ofd *.csv);;All files (*)</source>
        <translation>文档 (*.pdf *.png *.jpg *.jpeg *.gif *.webp *.bmp *.tif *.tiff *.xlsx *.xls *.docx *.ofd *.csv);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Please check</source>
        <translation>请检查</translation>
    </message>
    <message>
        <source>Some things need attention:</source>
        <translation>以下事项需要处理：</translation>
    </message>
    <message>
        <source>? Guide</source>
        <translation>? 指南</translation>
    </message>
    <message>
        <source>Cannot open the company file</source>
        <translation>无法打开公司文件</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>出现了问题</translation>
    </message>
    <message>
        <source>SellerDesk ran into a problem it did not expect. Your data was not changed by the failed step.</source>
        <translation>SellerDesk 遇到了意外问题。失败的步骤没有改动您的数据。</translation>
    </message>
    <message>
        <source>You can keep working. If it happens again, send the details below (they contain no ID numbers) to your trainer or support.</source>
        <translation>您可以继续工作。如果再次出现，请把下面的详细信息（不含证件号码）发给您的培训老师或技术支持。</translation>
    </message>
</context>
<context>
    <name>Guide</name>
    <message>
        <source>Open the guide on this topic</source>
        <translation>打开本主题的使用指南</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>SellerDesk guide</source>
        <translation>SellerDesk 使用指南</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>前进</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>目录</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>Import preview: {file}</source>
        <translation>导入预览：{file}</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>读取器</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Excel workbook</source>
        <translation>Excel 工作簿</translation>
    </message>
    <message>
        <source>{imported} to add, {updated} to update, {unchanged} unchanged, {rejected} rejected</source>
        <translation>新增 {imported}，更新 {updated}，未变 {unchanged}，拒绝 {rejected}</translation>
    </message>
    <message>
        <source>This import</source>
        <translation>本次导入</translation>
    </message>
    <message>
        <source>The first rows as read:</source>
        <translation>读取到的前几行：</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Import good rows only</source>
        <translation>只导入无误的行</translation>
    </message>
    <message>
        <source>? Guide</source>
        <translation>? 指南</translation>
    </message>
</context>
<context>
    <name>LogDialog</name>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Opening company file…</source>
        <translation>正在打开公司文件…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <extracomment>the user said the unsaved edits may go (or the app closes the window itself)</extracomment>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>New company…</source>
        <translation>新建公司…</translation>
    </message>
    <message>
        <source>Open company file…</source>
        <translation>打开公司文件…</translation>
    </message>
    <message>
        <source>Open the demo company</source>
        <translation>打开演示公司</translation>
    </message>
    <message>
        <source>Import a report…</source>
        <translation>导入报表…</translation>
    </message>
    <message>
        <source>Export table to Excel…</source>
        <translation>导出表格到 Excel…</translation>
    </message>
    <message>
        <source>Preferences…</source>
        <translation>首选项…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Presentation</source>
        <translation>演示模式</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>实际大小</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Guide for this page</source>
        <translation>本页指南</translation>
    </message>
    <message>
        <source>Guide contents</source>
        <translation>指南目录</translation>
    </message>
    <message>
        <source>About SellerDesk</source>
        <translation>关于 SellerDesk</translation>
    </message>
    <message>
        <source>Sync: not connected · waiting to send: {n}</source>
        <translation>同步：未连接 · 待发送 {n} 项</translation>
    </message>
    <message>
        <source>Sync: waiting to send: {n}</source>
        <translation>同步：待发送 {n} 项</translation>
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
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>{reader}: {imported} imported, {updated} updated, {unchanged} unchanged, {rejected} rejected</source>
        <translation>{reader}：新增 {imported}，更新 {updated}，未变 {unchanged}，拒绝 {rejected}</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>This page has no table to export.</source>
        <translation>此页面没有可导出的表格。</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting to {path}…</source>
        <translation>正在导出到 {path}…</translation>
    </message>
    <message>
        <source>{rows} rows written</source>
        <translation>已写入 {rows} 行</translation>
    </message>
    <message>
        <source>Exporting to {file}…</source>
        <translation>正在导出到 {file}…</translation>
    </message>
    <message>
        <source>&lt;h3&gt;SellerDesk {version}&lt;/h3&gt;&lt;p&gt;The compliance desk of a small cross-border e-commerce seller: filing, listings, overseas stock, declarations, FX settlement and tax paperwork, offline first.&lt;/p&gt;&lt;p&gt;Company file: {file}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;SellerDesk {version}&lt;/h3&gt;&lt;p&gt;跨境电商小卖家的合规工作台：备案、刊登、海外仓库存、申报、收结汇和税务资料，离线优先。&lt;/p&gt;&lt;p&gt;公司文件：{file}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Installed as: {how}</source>
        <translation>安装方式：{how}</translation>
    </message>
    <message>
        <source>application bundle</source>
        <translation>应用程序安装包</translation>
    </message>
    <message>
        <source>Python package</source>
        <translation>Python 软件包</translation>
    </message>
    <message>
        <source>source checkout</source>
        <translation>源代码目录</translation>
    </message>
</context>
<context>
    <name>Nav</name>
    <message>
        <source>Dashboard</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Your company at a glance.</source>
        <translation>公司情况一览。</translation>
    </message>
    <message>
        <source>Filing</source>
        <translation>备案</translation>
    </message>
    <message>
        <source>Your profile, registrations with each authority, and the documents that prove them.</source>
        <translation>您的主体信息、在各部门的备案登记，以及相应的证明文件。</translation>
    </message>
    <message>
        <source>Products &amp; Listings</source>
        <translation>商品与刊登</translation>
    </message>
    <message>
        <source>Products with their customs data, and your marketplace listings.</source>
        <translation>带海关申报数据的商品，以及您在各平台的刊登。</translation>
    </message>
    <message>
        <source>Warehouses &amp; Stock</source>
        <translation>海外仓库存</translation>
    </message>
    <message>
        <source>Where every unit is, what it cost landed, and how long it will last.</source>
        <translation>每件货在哪里、到岸成本多少、还能卖多久。</translation>
    </message>
    <message>
        <source>Orders &amp; Declarations</source>
        <translation>订单与申报</translation>
    </message>
    <message>
        <source>Orders, payouts, and the customs messages of your exports.</source>
        <translation>订单、平台结算，以及出口的海关报文。</translation>
    </message>
    <message>
        <source>FX Settlement</source>
        <translation>收结汇</translation>
    </message>
    <message>
        <source>Receipts, payments and settlements against the US$200,000 and US$50,000 lines.</source>
        <translation>对照 20 万美元和 5 万美元额度的收汇、付汇与结汇。</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>税务</translation>
    </message>
    <message>
        <source>无票免税 lists and 核定征收 income-tax estimates.</source>
        <translation>无票免税清单与核定征收所得税测算。</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Send your changes to the zone platform and bring back its answers.</source>
        <translation>把更改发送到综试区线上综合服务平台，并取回平台的回执。</translation>
    </message>
</context>
<context>
    <name>NewCompanyDialog</name>
    <message>
        <source>Enterprise (企业)</source>
        <extracomment>Pilot zones offered when a company is created (any other may be typed).</extracomment>
        <translation>企业</translation>
    </message>
    <message>
        <source>Individual business (个体工商户)</source>
        <translation>个体工商户</translation>
    </message>
    <message>
        <source>Individual seller (自然人)</source>
        <translation>自然人卖家</translation>
    </message>
    <message>
        <source>Create my company</source>
        <translation>创建我的公司</translation>
    </message>
    <message>
        <source>Seller kind</source>
        <translation>主体类型</translation>
    </message>
    <message>
        <source>Legal name in Chinese</source>
        <translation>中文名称（与营业执照一致）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>The pilot zone you file with</source>
        <translation>您备案所在的综试区</translation>
    </message>
    <message>
        <source>Pilot zone (综试区)</source>
        <translation>综试区</translation>
    </message>
    <message>
        <source>USCC, or resident ID for an individual</source>
        <translation>统一社会信用代码；自然人填居民身份证号</translation>
    </message>
    <message>
        <source>Identity code</source>
        <translation>证照号码</translation>
    </message>
    <message>
        <source>Your name as on your ID card</source>
        <translation>身份证上的姓名</translation>
    </message>
    <message>
        <source>Valid identity code</source>
        <translation>证照号码有效</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Individual business (个体工商户)</source>
        <translation>个体工商户</translation>
    </message>
    <message>
        <source>Individual seller</source>
        <translation>自然人卖家</translation>
    </message>
    <message>
        <source>Products</source>
        <extracomment>table → card label (English source, context &quot;Dashboard&quot;); counted when the table exists</extracomment>
        <translation>商品</translation>
    </message>
    <message>
        <source>Listings</source>
        <translation>刊登</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Declarations</source>
        <translation>申报单</translation>
    </message>
    <message>
        <source>FX records</source>
        <translation>收结汇记录</translation>
    </message>
    <message>
        <source>Filings</source>
        <translation>备案</translation>
    </message>
    <message>
        <source>Changes to sync</source>
        <translation>待同步更改</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>主体类型</translation>
    </message>
    <message>
        <source>Identity code</source>
        <translation>证照号码</translation>
    </message>
    <message>
        <source>Pilot zone</source>
        <translation>综试区</translation>
    </message>
    <message>
        <source>Company file</source>
        <translation>公司文件</translation>
    </message>
    <message>
        <source>Needs your attention</source>
        <translation>需要您处理的事项</translation>
    </message>
    <message>
        <source>Click an item to open the page that deals with it.</source>
        <translation>点击事项即可打开处理它的页面。</translation>
    </message>
    <message>
        <source>Nothing needs your attention today.</source>
        <translation>今天没有需要处理的事项。</translation>
    </message>
    <message>
        <source>Classroom: {title} — score {score} of {max}</source>
        <translation>课堂：{title} — 得分 {score} / {max}</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>有误</translation>
    </message>
    <message>
        <source>Trainer: {text}</source>
        <translation>讲师：{text}</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Protect your secrets</source>
        <translation>保护您的机密信息</translation>
    </message>
    <message>
        <source>This computer has no system keychain. SellerDesk keeps the key that encrypts ID numbers and bank accounts, and your platform token, in an encrypted file instead. Choose a passphrase for it; you will be asked for it when SellerDesk starts.</source>
        <translation>这台电脑没有系统钥匙串。SellerDesk 会把加密证件号码和银行账号的密钥以及平台令牌保存在一个加密文件中。请为它设置口令；以后启动 SellerDesk 时需要输入。</translation>
    </message>
    <message>
        <source>Enter the passphrase of SellerDesk&apos;s encrypted key file.</source>
        <translation>请输入 SellerDesk 加密密钥文件的口令。</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>再次输入</translation>
    </message>
    <message>
        <source>Use at least 8 characters.</source>
        <translation>请至少使用 8 个字符。</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>Preview: {name}</source>
        <translation>预览：{name}</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Fit the page width to the window</source>
        <translation>按窗口宽度显示页面</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Open in viewer</source>
        <translation>用阅读器打开</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>SellerDesk cannot show the pages on this computer, so the file was opened in your PDF viewer; print it from there.

{path}</source>
        <translation>本机无法在 SellerDesk 内显示页面，已用您的 PDF 阅读器打开该文件，请在阅读器中打印。

{path}</translation>
    </message>
    <message>
        <source>{name}: {n} page</source>
        <translation>{name}：共 {n} 页</translation>
    </message>
    <message>
        <source>{name}: {n} pages</source>
        <translation>{name}：共 {n} 页</translation>
    </message>
    <message>
        <source>Printing {name}…</source>
        <translation>正在打印 {name}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>无法启动打印机。</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <extracomment>kept by the app itself, not edited by hand (presentation and zoom: the View menu)</extracomment>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>本机设置</translation>
    </message>
    <message>
        <source>In this company file</source>
        <translation>本公司文件中的设置</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <extracomment>Labels of Qt&apos;s own file dialog that qtbase_zh_CN lacks (its catalogue still has them without the mnemonic); translated in our app catalogue, context &quot;QFileDialog&quot;.</extracomment>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>Readers</name>
    <message>
        <source>Amazon All Listings Report</source>
        <extracomment>Every reader&apos;s label (``Reader.label``), marked for the catalogue (context &quot;Readers&quot;).</extracomment>
        <translation>亚马逊全部商品报告</translation>
    </message>
    <message>
        <source>Amazon Manage FBA Inventory report</source>
        <translation>亚马逊 FBA 库存管理报告</translation>
    </message>
    <message>
        <source>Amazon date range transaction report</source>
        <translation>亚马逊日期范围交易报告</translation>
    </message>
    <message>
        <source>Amazon settlement payouts (FX receipts)</source>
        <translation>亚马逊结算回款（收汇记录）</translation>
    </message>
    <message>
        <source>Amazon settlement report (flat file V2)</source>
        <translation>亚马逊结算报告（Flat File V2）</translation>
    </message>
    <message>
        <source>Collector statement (WorldFirst, Payoneer, LianLian, mapped columns)</source>
        <translation>收款平台账单（万里汇、派安盈、连连，按列对应）</translation>
    </message>
    <message>
        <source>Customs receipt (CEB message)</source>
        <translation>海关回执（CEB 报文）</translation>
    </message>
    <message>
        <source>Export lines (zone platform records)</source>
        <translation>出口明细（综试区平台记录）</translation>
    </message>
    <message>
        <source>Listings sold in a Shopee order export</source>
        <translation>Shopee 订单导出中售出的刊登</translation>
    </message>
    <message>
        <source>Order table with a column mapping</source>
        <translation>按列对应的订单表</translation>
    </message>
    <message>
        <source>Overseas warehouse (3PL) stock list</source>
        <translation>海外仓（第三方仓）库存清单</translation>
    </message>
    <message>
        <source>PayPal activity download</source>
        <translation>PayPal 交易记录下载</translation>
    </message>
    <message>
        <source>Products, listings, HS codes or negative lists (SellerDesk export or mapped columns)</source>
        <translation>商品、刊登、HS 编码或负面清单（SellerDesk 导出或按列对应）</translation>
    </message>
    <message>
        <source>SAFE monthly currency-to-USD rates (各种货币对美元折算率)</source>
        <translation>外汇局各种货币对美元折算率（月度）</translation>
    </message>
    <message>
        <source>Shopee order export</source>
        <translation>Shopee 订单导出</translation>
    </message>
    <message>
        <source>Shopee product export (Mass Update: Sales info)</source>
        <translation>Shopee 商品导出（批量更新：销售信息）</translation>
    </message>
    <message>
        <source>TikTok Shop orders export</source>
        <translation>TikTok Shop 订单导出</translation>
    </message>
    <message>
        <source>eBay orders report</source>
        <translation>eBay 订单报告</translation>
    </message>
</context>
<context>
    <name>SavedBar</name>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Saved {n} file to {folder}</source>
        <translation>已保存 {n} 个文件到 {folder}</translation>
    </message>
    <message>
        <source>Saved {n} files to {folder}</source>
        <translation>已保存 {n} 个文件到 {folder}</translation>
    </message>
    <message>
        <source>Saved to {where}</source>
        <translation>已保存：{where}</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Declarations</source>
        <translation>申报清单</translation>
    </message>
    <message>
        <source>FX records</source>
        <translation>收结汇记录</translation>
    </message>
    <message>
        <source>Filings</source>
        <translation>备案</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>SKU, title, order id, list number, FX record, filing number, document…</source>
        <translation>SKU、标题、订单号、清单编号、收结汇记录、备案号、文档…</translation>
    </message>
    <message>
        <source>{n} found</source>
        <translation>找到 {n} 项</translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation>没有找到。</translation>
    </message>
    <message>
        <source>Find…</source>
        <translation>查找…</translation>
    </message>
</context>
<context>
    <name>Unsaved</name>
    <message>
        <source>Discard unsaved changes?</source>
        <translation>放弃未保存的修改？</translation>
    </message>
    <message>
        <source>Your changes to {names} are not saved yet. Discard them?</source>
        <translation>对 {names} 的修改尚未保存。要放弃这些修改吗？</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to SellerDesk</source>
        <translation>欢迎使用 SellerDesk</translation>
    </message>
    <message>
        <source>Keep the compliance side of your cross-border trade in one place: filing, listings, overseas stock, customs declarations, FX settlement and tax paperwork. Everything stays on this computer until you sync it with the zone platform.</source>
        <translation>把跨境贸易的合规事务集中在一处：备案、刊登、海外仓库存、海关申报、收结汇和税务资料。所有数据都保存在本机，直到您与综试区平台同步。</translation>
    </message>
    <message>
        <source>Open the demo company</source>
        <translation>打开演示公司</translation>
    </message>
    <message>
        <source>A believable Hangzhou seller with months of data: explore freely.</source>
        <translation>一家有数月数据的杭州示例卖家，可随意体验。</translation>
    </message>
    <message>
        <source>Create my company</source>
        <translation>创建我的公司</translation>
    </message>
    <message>
        <source>An enterprise, an individual business (个体工商户) or an individual seller.</source>
        <translation>企业、个体工商户或自然人卖家。</translation>
    </message>
    <message>
        <source>Open a company file…</source>
        <translation>打开公司文件…</translation>
    </message>
    <message>
        <source>A file you or your team already keep.</source>
        <translation>您或团队已有的公司文件。</translation>
    </message>
</context>
<context>
    <name>problems</name>
    <message>
        <source>row {row}</source>
        <translation>第 {row} 行</translation>
    </message>
    <message>
        <source>column &quot;{column}&quot;</source>
        <translation>“{column}”列</translation>
    </message>
    <message>
        <source>Amounts must be exact decimals; the floating-point value {value} was refused.</source>
        <translation>金额必须是精确的小数；浮点数 {value} 已被拒绝。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a number.</source>
        <translation>“{value}”不是数字。</translation>
    </message>
    <message>
        <source>The amount is empty.</source>
        <translation>金额为空。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; does not read as a number in the {locale} convention (check the thousands and decimal separators).</source>
        <translation>按 {locale} 的数字格式无法读取“{value}”（请检查千位分隔符和小数点）。</translation>
    </message>
    <message>
        <source>Unknown number format locale &quot;{locale}&quot;.</source>
        <translation>未知的数字格式区域“{locale}”。</translation>
    </message>
    <message>
        <source>&quot;{currency}&quot; is not an ISO 4217 currency code.</source>
        <translation>“{currency}”不是 ISO 4217 币种代码。</translation>
    </message>
    <message>
        <source>Cannot {op} amounts in {left} and {right}: convert one of them first.</source>
        <translation>不能直接对 {left} 和 {right} 金额进行运算，请先换算其中一种。</translation>
    </message>
    <message>
        <source>This company file was written by a newer version of SellerDesk ({revision}). Please update SellerDesk to open it; the file was not changed.</source>
        <translation>此公司文件由更新版本的 SellerDesk 写入（{revision}）。请升级 SellerDesk 后再打开；文件未被改动。</translation>
    </message>
    <message>
        <source>&quot;{path}&quot; is not a SellerDesk company file (or it is damaged). The file was not changed.</source>
        <translation>“{path}”不是 SellerDesk 公司文件（或已损坏）。文件未被改动。</translation>
    </message>
    <message>
        <source>SellerDesk cannot write to &quot;{path}&quot;. Check the folder&apos;s permissions; nothing was changed.</source>
        <translation>SellerDesk 无法写入“{path}”。请检查文件夹权限；没有任何改动。</translation>
    </message>
    <message>
        <source>The company file &quot;{path}&quot; does not exist.</source>
        <translation>公司文件“{path}”不存在。</translation>
    </message>
    <message>
        <source>&quot;check&quot; reads a SQLite company file. {db} is a PostgreSQL database: its server checks its own storage (for example with pg_amcheck).</source>
        <translation>“check”只检查 SQLite 公司文件。{db} 是 PostgreSQL 数据库：其存储由数据库服务器自行检查（例如用 pg_amcheck）。</translation>
    </message>
    <message>
        <source>&quot;{path}&quot; is already open in another SellerDesk window (process {pid}). Close it there first.</source>
        <translation>“{path}”已在另一个 SellerDesk 窗口中打开（进程 {pid}）。请先在那里关闭。</translation>
    </message>
    <message>
        <source>Cannot open the database: {reason}</source>
        <translation>无法打开数据库：{reason}</translation>
    </message>
    <message>
        <source>The file &quot;{path}&quot; cannot be read: {reason}</source>
        <translation>无法读取文件“{path}”：{reason}</translation>
    </message>
    <message>
        <source>{value} is out of range for this column (at most {limit} either way).</source>
        <translation>{value} 超出了此列的范围（正负均不超过 {limit}）。</translation>
    </message>
    <message>
        <source>{value} has more than {places} decimal places.</source>
        <translation>{value} 的小数位超过 {places} 位。</translation>
    </message>
    <message>
        <source>{value} is not a whole number.</source>
        <translation>{value} 不是整数。</translation>
    </message>
    <message>
        <source>{value} is not a number.</source>
        <translation>{value} 不是数字。</translation>
    </message>
    <message>
        <source>This value must be more than zero on a row of this type (it is {value}).</source>
        <translation>此类行的该值必须大于零（现为 {value}）。</translation>
    </message>
    <message>
        <source>This value cannot be negative on a row of this type (it is {value}).</source>
        <translation>此类行的该值不能为负数（现为 {value}）。</translation>
    </message>
    <message>
        <source>This value must be below zero on a row of this type (it is {value}).</source>
        <translation>此类行的该值必须小于零（现为 {value}）。</translation>
    </message>
    <message>
        <source>This value cannot be more than zero on a row of this type (it is {value}).</source>
        <translation>此类行的该值不能大于零（现为 {value}）。</translation>
    </message>
    <message>
        <source>This cell holds {length} characters; a cell holds at most {limit}.</source>
        <translation>此单元格有 {length} 个字符，单元格最多容纳 {limit} 个。</translation>
    </message>
    <message>
        <source>{count} control character(s) were removed from this cell.</source>
        <translation>已从此单元格删除 {count} 个控制字符。</translation>
    </message>
    <message>
        <source>&quot;{encoding}&quot; is not a text encoding SellerDesk knows (try gb18030, utf-8, cp1252 or shift_jis).</source>
        <translation>SellerDesk 不认识文本编码“{encoding}”（可试 gb18030、utf-8、cp1252 或 shift_jis）。</translation>
    </message>
    <message>
        <source>The record is nested deeper than the platform accepts ({limit} levels).</source>
        <translation>记录的嵌套层数超过平台接受的上限（{limit} 层）。</translation>
    </message>
    <message>
        <source>The record has more fields and items than the platform accepts ({limit}).</source>
        <translation>记录的字段和条目数超过平台接受的上限（{limit}）。</translation>
    </message>
    <message>
        <source>A text of the record is longer than the platform accepts ({limit}).</source>
        <translation>记录中的文本长度超过平台接受的上限（{limit}）。</translation>
    </message>
    <message>
        <source>A number of the record is larger than the platform accepts ({limit}).</source>
        <translation>记录中的数字超过平台接受的上限（{limit}）。</translation>
    </message>
    <message>
        <source>The platform at {url} showed a certificate ({found}) other than the one in the connection line ({expected}). Nothing was sent; ask the trainer.</source>
        <translation>{url} 的平台出示的证书（{found}）与连接串中的（{expected}）不同。未发送任何数据，请联系培训老师。</translation>
    </message>
    <message>
        <source>The certificate fingerprint &quot;{value}&quot; in the connection line is not valid (sellerdesks://…&amp;pin=sha256:…).</source>
        <translation>连接串中的证书指纹“{value}”无效（应为 sellerdesks://…&amp;pin=sha256:…）。</translation>
    </message>
    <message>
        <source>No connection line was given: paste it on standard input or name a file with --connection-file.</source>
        <translation>没有提供连接串：请从标准输入粘贴，或用 --connection-file 指定文件。</translation>
    </message>
    <message>
        <source>The column &quot;{column}&quot; is empty on this row; it is required.</source>
        <translation>本行的“{column}”列为空，该列为必填。</translation>
    </message>
    <message>
        <source>&quot;{file}&quot; is not a report SellerDesk can read. Export it again from the marketplace or bank as it comes (CSV, TXT or Excel), or choose its columns with the mapped-columns import. (The log lists every format tried.)</source>
        <translation>SellerDesk 无法读取“{file}”。请从平台或银行按原样重新导出（CSV、TXT 或 Excel），或使用“按列对应”导入并选择各列。（日志中列出了尝试过的全部格式。）</translation>
    </message>
    <message>
        <source>The column &quot;{column}&quot; is missing.</source>
        <translation>缺少“{column}”列。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a date SellerDesk can read.</source>
        <translation>“{value}”不是可识别的日期。</translation>
    </message>
    <message>
        <source>The file&apos;s text encoding could not be recognised (tried {tried}).</source>
        <translation>无法识别文件的文本编码（已尝试 {tried}）。</translation>
    </message>
    <message>
        <source>The identity code &quot;{code}&quot; is not valid.</source>
        <translation>证照号码“{code}”无效。</translation>
    </message>
    <message>
        <source>The company name is required.</source>
        <translation>必须填写公司名称。</translation>
    </message>
    <message>
        <source>Unknown seller kind &quot;{kind}&quot; (enterprise, individual-business or individual).</source>
        <translation>未知的主体类型“{kind}”（应为 enterprise、individual-business 或 individual）。</translation>
    </message>
    <message>
        <source>This company file already has a company.</source>
        <translation>此公司文件中已经有公司。</translation>
    </message>
    <message>
        <source>There is no reader called &quot;{name}&quot;. Known readers: {known}.</source>
        <translation>没有名为“{name}”的读取器。可用的读取器：{known}。</translation>
    </message>
    <message>
        <source>Secrets cannot be stored: {reason}</source>
        <translation>无法保存机密信息：{reason}</translation>
    </message>
    <message>
        <source>{count} FX record(s) wait for their month&apos;s SAFE rate ({batches}).</source>
        <translation>有 {count} 笔收结汇记录缺少当月外汇局折算率（{batches}）。</translation>
    </message>
    <message>
        <source>{count} stock alert(s): low stock, short cover or aged stock.</source>
        <translation>{count} 条库存提醒：库存不足、可售天数短或库龄过长。</translation>
    </message>
    <message>
        <source>The platform refused {failed} change(s) and {conflicts} record(s) are in conflict: see Sync.</source>
        <translation>平台拒绝了 {failed} 项更改，另有 {conflicts} 条记录存在冲突：请到“同步”页处理。</translation>
    </message>
    <message>
        <source>rejected by the platform: {reason}. Correct the filing and submit it again.</source>
        <translation>被平台驳回：{reason}。请修改备案后重新提交。</translation>
    </message>
    <message>
        <source>The product filing of {label} was rejected: {reason}. Correct the product and submit it again.</source>
        <translation>商品 {label} 的商品备案被驳回：{reason}。请修改商品后重新提交。</translation>
    </message>
    <message>
        <source>Customs rejected the export list {label}: {reason}. Fix the list and declare it again.</source>
        <translation>海关退回了清单 {label}：{reason}。请修改清单后重新申报。</translation>
    </message>
    <message>
        <source>The platform refused the FX record of {label}: {reason}. Correct it and sync again.</source>
        <translation>平台退回了 {label} 的收结汇记录：{reason}。请修改后重新同步。</translation>
    </message>
    <message>
        <source>The platform refused your 名录 registration: {reason}.</source>
        <translation>平台退回了您的名录登记：{reason}。</translation>
    </message>
    <message>
        <source>The platform refused the tax record {label}: {reason}. Correct it and sync again.</source>
        <translation>平台退回了税务记录 {label}：{reason}。请修改后重新同步。</translation>
    </message>
    <message>
        <source>The platform turned down {label}: {reason}.</source>
        <translation>平台退回了 {label}：{reason}。</translation>
    </message>
    <message>
        <source>{count} rejected: {items}</source>
        <translation>{count} 项被驳回：{items}</translation>
    </message>
    <message>
        <source>No central parity rate for {currency} on {days} order days of {month} ({first} to {last}): that month&apos;s sales in CNY are not totalled until the rates are entered on the FX page.</source>
        <translation>{month} 有 {days} 个订单日（{first} 至 {last}）缺少 {currency} 的人民币汇率中间价：录入前不汇总该月的人民币销售额（请在外汇页录入）。</translation>
    </message>
    <message>
        <source>FX record {record} ({currency}, {month}) has no SAFE rate yet: it is not in the US dollar totals.</source>
        <translation>外汇记录 {record}（{currency}，{month}）尚无外汇局折算率：暂不计入美元合计。</translation>
    </message>
    <message>
        <source>{lines} export lines of {month} have no CNY rate: the month&apos;s exemption-list amount is not totalled.</source>
        <translation>{month} 有 {lines} 条出口明细缺少人民币汇率：不汇总该月免税清单金额。</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <source>Language</source>
        <extracomment>where areas declare their settings: every area&apos;s service module (``seller_desk.desk.AREAS``)</extracomment>
        <translation>语言</translation>
    </message>
    <message>
        <source>Last company file</source>
        <translation>上次打开的公司文件</translation>
    </message>
    <message>
        <source>Backups kept per company file</source>
        <translation>每个公司文件保留的备份数</translation>
    </message>
    <message>
        <source>Platform server URL</source>
        <translation>平台服务器地址</translation>
    </message>
    <message>
        <source>Sync automatically every N minutes (0 = off)</source>
        <translation>每 N 分钟自动同步（0 为关闭）</translation>
    </message>
    <message>
        <source>Presentation mode</source>
        <translation>演示模式</translation>
    </message>
    <message>
        <source>Zoom steps</source>
        <translation>缩放级数</translation>
    </message>
</context>
</TS>
