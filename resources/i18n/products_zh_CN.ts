<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BulkEditDialog</name>
    <message>
        <source>Bulk edit</source>
        <translation>批量修改</translation>
    </message>
    <message>
        <source>Change the selected row:</source>
        <translation>修改选中的行：</translation>
    </message>
    <message>
        <source>Change {n} selected rows:</source>
        <translation>修改选中的 {n} 行：</translation>
    </message>
    <message>
        <source>in each listing&apos;s currency</source>
        <translation>按各刊登自己的币种</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>售价</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Map to SKU</source>
        <translation>对应到 SKU</translation>
    </message>
    <message>
        <source>HS code</source>
        <translation>HS编码</translation>
    </message>
    <message>
        <source>Declared name</source>
        <translation>申报品名</translation>
    </message>
    <message>
        <source>Origin country</source>
        <translation>原产国</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <source>Add HS code</source>
        <translation>添加HS编码</translation>
    </message>
    <message>
        <source>Add list entry</source>
        <translation>添加清单条目</translation>
    </message>
    <message>
        <source>HS code</source>
        <translation>HS编码</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>商品描述</translation>
    </message>
    <message>
        <source>Legal unit 1</source>
        <translation>法定第一单位</translation>
    </message>
    <message>
        <source>Legal unit 2</source>
        <translation>法定第二单位</translation>
    </message>
    <message>
        <source>Refund rate (%)</source>
        <translation>退税率(%)</translation>
    </message>
    <message>
        <source>Refund cancelled</source>
        <translation>取消退税</translation>
    </message>
    <message>
        <source>Licence required</source>
        <translation>需许可证</translation>
    </message>
    <message>
        <source>List</source>
        <translation>清单</translation>
    </message>
    <message>
        <source>HS prefix</source>
        <translation>HS编码前缀</translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation>关键词</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>ImagePreview</name>
    <message>
        <source>{name} (click to open)</source>
        <extracomment>how a click opens the image (tests replace it)</extracomment>
        <translation>{name}（点击打开）</translation>
    </message>
</context>
<context>
    <name>ListingEditor</name>
    <message>
        <source>No listing selected</source>
        <extracomment>The report details (``Listing.extra``) the editor shows as external ids.
----------
the user typed since the listing was loaded (a change elsewhere then does not reload)</extracomment>
        <translation>未选择刊登</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Marketplace SKU</source>
        <translation>平台SKU</translation>
    </message>
    <message>
        <source>the product SKU this listing sells</source>
        <translation>此刊登所售商品的 SKU</translation>
    </message>
    <message>
        <source>Maps to SKU</source>
        <translation>对应 SKU</translation>
    </message>
    <message>
        <source>Item ID / ASIN</source>
        <translation>平台商品ID / ASIN</translation>
    </message>
    <message>
        <source>Listing ID</source>
        <translation>Listing编号</translation>
    </message>
    <message>
        <source>Product ID (EAN/UPC)</source>
        <translation>商品编码（EAN/UPC）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>售价</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Fulfilment</source>
        <translation>配送方式</translation>
    </message>
    <message>
        <source>Saved {msku}.</source>
        <translation>已保存 {msku}。</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <source>Map columns</source>
        <translation>对应列</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>GB18030 (Chinese Windows)</source>
        <translation>GB18030（中文 Windows）</translation>
    </message>
    <message>
        <source>CP1252 (Western Windows)</source>
        <translation>CP1252（西文 Windows）</translation>
    </message>
    <message>
        <source>Shift_JIS (Japanese Windows)</source>
        <translation>Shift_JIS（日文 Windows）</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Currency of amounts</source>
        <translation>金额币种</translation>
    </message>
    <message>
        <source>Text encoding</source>
        <translation>文本编码</translation>
    </message>
    <message>
        <source>Save this mapping as…</source>
        <translation>将此对应关系保存为…</translation>
    </message>
    <message>
        <source>Import the good rows and save the bad ones to Excel</source>
        <translation>导入无误的行，把有问题的行另存为 Excel</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>Search SKU, name, HS code, MSKU or ASIN</source>
        <extracomment>refused input pops up a dialog; tests turn it off and read the status line</extracomment>
        <translation>搜索 SKU、名称、HS编码、平台SKU 或 ASIN</translation>
    </message>
    <message>
        <source>All marketplaces</source>
        <translation>全部平台</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All products</source>
        <translation>全部商品</translation>
    </message>
    <message>
        <source>On any list</source>
        <translation>命中任一清单</translation>
    </message>
    <message>
        <source>On no list</source>
        <translation>未命中清单</translation>
    </message>
    <message>
        <source>New product</source>
        <translation>新建商品</translation>
    </message>
    <message>
        <source>Bulk edit…</source>
        <translation>批量修改…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Add entry…</source>
        <translation>添加条目…</translation>
    </message>
    <message>
        <source>Delete entry</source>
        <translation>删除条目</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Listings</source>
        <translation>刊登</translation>
    </message>
    <message>
        <source>HS table</source>
        <translation>HS编码表</translation>
    </message>
    <message>
        <source>Negative lists</source>
        <translation>负面清单</translation>
    </message>
    <message>
        <source>Drop an Amazon, Shopee or Excel file here to import it.</source>
        <translation>把亚马逊、Shopee 报表或 Excel 文件拖到这里即可导入。</translation>
    </message>
    <message>
        <source>{n} product</source>
        <translation>{n} 个商品</translation>
    </message>
    <message>
        <source>{n} products</source>
        <translation>{n} 个商品</translation>
    </message>
    <message>
        <source>{n} listing</source>
        <translation>{n} 条刊登</translation>
    </message>
    <message>
        <source>{n} listings</source>
        <translation>{n} 条刊登</translation>
    </message>
    <message>
        <source>{n} HS code</source>
        <translation>{n} 个HS编码</translation>
    </message>
    <message>
        <source>{n} HS codes</source>
        <translation>{n} 个HS编码</translation>
    </message>
    <message>
        <source>{n} list entries</source>
        <translation>{n} 条清单条目</translation>
    </message>
    <message>
        <source>{n} list entry</source>
        <translation>{n} 条清单条目</translation>
    </message>
    <message>
        <source>Select the rows to change first.</source>
        <translation>请先选中要修改的行。</translation>
    </message>
    <message>
        <source>Changed {n} row.</source>
        <translation>已修改 {n} 行。</translation>
    </message>
    <message>
        <source>Changed {n} rows.</source>
        <translation>已修改 {n} 行。</translation>
    </message>
    <message>
        <source>Import products or listings</source>
        <translation>导入商品或刊登</translation>
    </message>
    <message>
        <source>Reports (*.csv *.txt *.tsv *.xlsx);;All files (*)</source>
        <translation>报表 (*.csv *.txt *.tsv *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>正在导入 {name}…</translation>
    </message>
    <message>
        <source>{name}: {imported} imported, {updated} updated, {unchanged} unchanged, {rejected} rejected.</source>
        <translation>{name}：新增 {imported}，更新 {updated}，未变 {unchanged}，拒绝 {rejected}。</translation>
    </message>
    <message>
        <source>Rejected rows: {file}</source>
        <translation>被拒绝的行：{file}</translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation>未写入任何数据。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Export products</source>
        <translation>导出商品</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Saved {products} and {listings} to {path}.</source>
        <translation>已将 {products}和 {listings}保存到 {path}。</translation>
    </message>
    <message>
        <source>Exporting to {file}…</source>
        <translation>正在导出到 {file}…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
</context>
<context>
    <name>ProductEditor</name>
    <message>
        <source>New product</source>
        <translation>新建商品</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>单位成本</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Listed in: {stores}</source>
        <translation>刊登于：{stores}</translation>
    </message>
    <message>
        <source>{status} — {reason}</source>
        <translation>{status}——{reason}</translation>
    </message>
    <message>
        <source>Saved {sku}.</source>
        <translation>已保存 {sku}。</translation>
    </message>
    <message>
        <source>Images and documents</source>
        <translation>图片和文档</translation>
    </message>
</context>
<context>
    <name>Products</name>
    <message>
        <source>Prohibited in mail</source>
        <translation>禁止寄递</translation>
    </message>
    <message>
        <source>Refund cancelled</source>
        <translation>取消退税</translation>
    </message>
    <message>
        <source>Licence required</source>
        <translation>需许可证</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在售</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>停售</translation>
    </message>
    <message>
        <source>Incomplete</source>
        <translation>信息不全</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Product filing: submitted, waiting for review</source>
        <extracomment>the platform&apos;s product filing (商品备案) statuses, as the seller reads them</extracomment>
        <translation>商品备案：已提交，等待审核</translation>
    </message>
    <message>
        <source>Product filing: approved</source>
        <translation>商品备案：已通过</translation>
    </message>
    <message>
        <source>Product filing: rejected</source>
        <translation>商品备案：被驳回</translation>
    </message>
    <message>
        <source>Merchant</source>
        <translation>自发货</translation>
    </message>
    <message>
        <source>FBA</source>
        <translation>亚马逊配送(FBA)</translation>
    </message>
    <message>
        <source>Overseas warehouse</source>
        <translation>海外仓</translation>
    </message>
    <message>
        <source>Amazon</source>
        <translation>亚马逊</translation>
    </message>
    <message>
        <source>Shopee</source>
        <translation>Shopee(虾皮)</translation>
    </message>
    <message>
        <source>AliExpress</source>
        <translation>速卖通</translation>
    </message>
    <message>
        <source>eBay</source>
        <translation>eBay</translation>
    </message>
    <message>
        <source>TikTok Shop</source>
        <translation>TikTok Shop</translation>
    </message>
    <message>
        <source>Temu</source>
        <translation>Temu</translation>
    </message>
    <message>
        <source>Independent site</source>
        <translation>独立站</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>HS code</source>
        <translation>HS编码</translation>
    </message>
    <message>
        <source>Declared name</source>
        <translation>申报品名</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>原产国</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>单位成本</translation>
    </message>
    <message>
        <source>Listings</source>
        <translation>刊登数</translation>
    </message>
    <message>
        <source>Lists hit</source>
        <translation>命中清单</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Marketplace SKU</source>
        <translation>平台SKU</translation>
    </message>
    <message>
        <source>Item ID / ASIN</source>
        <translation>平台商品ID / ASIN</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>售价</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Fulfilment</source>
        <translation>配送方式</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>商品描述</translation>
    </message>
    <message>
        <source>Refund rate</source>
        <translation>退税率</translation>
    </message>
    <message>
        <source>List</source>
        <translation>清单</translation>
    </message>
    <message>
        <source>HS prefix</source>
        <translation>HS编码前缀</translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation>关键词</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <source>Model / spec (规格型号)</source>
        <translation>规格型号</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>条形码</translation>
    </message>
    <message>
        <source>Declared name (申报品名)</source>
        <translation>申报品名</translation>
    </message>
    <message>
        <source>Declared unit</source>
        <translation>申报单位</translation>
    </message>
    <message>
        <source>Legal unit 1</source>
        <translation>法定第一单位</translation>
    </message>
    <message>
        <source>Legal unit 2</source>
        <translation>法定第二单位</translation>
    </message>
    <message>
        <source>Legal quantity 1</source>
        <translation>法定第一数量</translation>
    </message>
    <message>
        <source>Legal quantity 2</source>
        <translation>法定第二数量</translation>
    </message>
    <message>
        <source>Net weight (kg)</source>
        <translation>净重(千克)</translation>
    </message>
    <message>
        <source>Gross weight (kg)</source>
        <translation>毛重(千克)</translation>
    </message>
    <message>
        <source>Length (cm)</source>
        <translation>长(厘米)</translation>
    </message>
    <message>
        <source>Width (cm)</source>
        <translation>宽(厘米)</translation>
    </message>
    <message>
        <source>Height (cm)</source>
        <translation>高(厘米)</translation>
    </message>
    <message>
        <source>Origin country</source>
        <translation>原产国</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>HS table</source>
        <translation>HS编码表</translation>
    </message>
    <message>
        <source>Negative lists</source>
        <translation>负面清单</translation>
    </message>
</context>
<context>
    <name>problems</name>
    <message>
        <source>The HS code is empty.</source>
        <translation>HS编码为空。</translation>
    </message>
    <message>
        <source>The HS code &quot;{code}&quot; must be exactly {length} digits.</source>
        <translation>HS编码“{code}”必须正好是 {length} 位数字。</translation>
    </message>
    <message>
        <source>The HS prefix &quot;{code}&quot; must be 2 to 10 digits.</source>
        <translation>HS编码前缀“{code}”必须是 2 到 10 位数字。</translation>
    </message>
    <message>
        <source>The HS code &quot;{code}&quot; is in chapter {chapter}, which is reserved and has no goods.</source>
        <translation>HS编码“{code}”属于第 {chapter} 章，该章为保留章，没有商品。</translation>
    </message>
    <message>
        <source>The HS code &quot;{code}&quot; starts with {chapter}, which is not an HS chapter (01 to 97).</source>
        <translation>HS编码“{code}”以 {chapter} 开头，不是有效的章号（01 至 97）。</translation>
    </message>
    <message>
        <source>No HS code yet: customs declarations need one.</source>
        <translation>尚未填写HS编码：海关申报需要它。</translation>
    </message>
    <message>
        <source>The HS code &quot;{code}&quot; is not in your HS table: its legal units and refund rate are unknown.</source>
        <translation>HS编码“{code}”不在您的HS编码表中：其法定单位和退税率未知。</translation>
    </message>
    <message>
        <source>The HS code {code} has no first legal unit yet: declarations of it will need one.</source>
        <translation>HS编码 {code} 尚无法定第一单位：申报该商品时需要它。</translation>
    </message>
    <message>
        <source>The export refund rate {rate} must be between 0 and 17%.</source>
        <translation>出口退税率 {rate} 必须在 0 到 17% 之间。</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>此项为必填。</translation>
    </message>
    <message>
        <source>Give the product a Chinese or an English name.</source>
        <translation>请填写商品的中文名称或英文名称。</translation>
    </message>
    <message>
        <source>The text is {length} characters long; customs accept at most {max}.</source>
        <translation>文字长度为 {length} 个字符；海关最多接受 {max} 个。</translation>
    </message>
    <message>
        <source>No declared Chinese name (申报品名) yet: customs declarations need one.</source>
        <translation>尚未填写申报品名：海关申报需要它。</translation>
    </message>
    <message>
        <source>&quot;{unit}&quot; is not a customs unit code (for example 007 piece, 035 kilogram).</source>
        <translation>“{unit}”不是海关计量单位代码（例如 007 个、035 千克）。</translation>
    </message>
    <message>
        <source>A second legal unit needs a first legal unit.</source>
        <translation>填写法定第二单位前须先填写法定第一单位。</translation>
    </message>
    <message>
        <source>The legal unit {unit} differs from the unit {tariff_unit} your HS table gives for {code}.</source>
        <translation>法定单位 {unit} 与您的HS编码表中 {code} 的单位 {tariff_unit} 不一致。</translation>
    </message>
    <message>
        <source>&quot;{country}&quot; is not an ISO country code (for example CN or CHN).</source>
        <translation>“{country}”不是 ISO 国家代码（例如 CN 或 CHN）。</translation>
    </message>
    <message>
        <source>{value} must be greater than zero.</source>
        <translation>{value} 必须大于零。</translation>
    </message>
    <message>
        <source>The net weight {net} kg is more than the gross weight {gross} kg.</source>
        <translation>净重 {net} 千克大于毛重 {gross} 千克。</translation>
    </message>
    <message>
        <source>The unit cost {value} is negative.</source>
        <translation>单位成本 {value} 为负数。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot;: unknown weight unit &quot;{unit}&quot; (use kg, g, lb or oz).</source>
        <translation>“{value}”：未知的重量单位“{unit}”（请用 kg、g、lb 或 oz）。</translation>
    </message>
    <message>
        <source>There is no product &quot;{sku}&quot;.</source>
        <translation>没有商品“{sku}”。</translation>
    </message>
    <message>
        <source>The product &quot;{sku}&quot; was changed elsewhere since you opened it. Reload it and try again.</source>
        <translation>商品“{sku}”在您打开后已被修改。请重新载入后再试。</translation>
    </message>
    <message>
        <source>The listing &quot;{msku}&quot; was changed elsewhere since you opened it. Reload it and try again.</source>
        <translation>刊登“{msku}”在您打开后已被修改。请重新载入后再试。</translation>
    </message>
    <message>
        <source>The store &quot;{store}&quot; already has a listing with the marketplace SKU &quot;{msku}&quot;.</source>
        <translation>店铺“{store}”已有平台SKU为“{msku}”的刊登。</translation>
    </message>
    <message>
        <source>There is no listing {id}.</source>
        <translation>没有编号为 {id} 的刊登。</translation>
    </message>
    <message>
        <source>Another product already has the SKU &quot;{sku}&quot;.</source>
        <translation>已有其他商品使用 SKU“{sku}”。</translation>
    </message>
    <message>
        <source>The SKU is empty.</source>
        <translation>SKU 为空。</translation>
    </message>
    <message>
        <source>The SKU &quot;{sku}&quot; starts or ends with a space.</source>
        <translation>SKU“{sku}”首尾有空格。</translation>
    </message>
    <message>
        <source>The SKU &quot;{sku}&quot; contains a tab, line break or other invisible character.</source>
        <translation>SKU“{sku}”含有制表符、换行或其他不可见字符。</translation>
    </message>
    <message>
        <source>The SKU &quot;{sku}&quot; is longer than {max} characters.</source>
        <translation>SKU“{sku}”超过 {max} 个字符。</translation>
    </message>
    <message>
        <source>The SKU &quot;{sku}&quot; is longer than {max} characters: customs declarations will need a shorter item number.</source>
        <translation>SKU“{sku}”超过 {max} 个字符：海关申报时需要更短的企业商品货号。</translation>
    </message>
    <message>
        <source>The barcode &quot;{barcode}&quot; must be 8, 12, 13 or 14 digits (or 无 for none).</source>
        <translation>条形码“{barcode}”必须是 8、12、13 或 14 位数字（没有时填“无”）。</translation>
    </message>
    <message>
        <source>The barcode &quot;{barcode}&quot; has a wrong check digit.</source>
        <translation>条形码“{barcode}”的校验位不正确。</translation>
    </message>
    <message>
        <source>Unknown marketplace &quot;{platform}&quot;.</source>
        <translation>未知的平台“{platform}”。</translation>
    </message>
    <message>
        <source>Unknown listing status &quot;{status}&quot;.</source>
        <translation>未知的刊登状态“{status}”。</translation>
    </message>
    <message>
        <source>Unknown fulfilment channel &quot;{fulfilment}&quot; (merchant, fba or overseas-3pl).</source>
        <translation>未知的配送方式“{fulfilment}”（merchant、fba 或 overseas-3pl）。</translation>
    </message>
    <message>
        <source>The price {value} is negative.</source>
        <translation>售价 {value} 为负数。</translation>
    </message>
    <message>
        <source>The quantity {value} is negative.</source>
        <translation>数量 {value} 为负数。</translation>
    </message>
    <message>
        <source>&quot;{asin}&quot; is not an ASIN (B0 and 8 letters or digits, or an ISBN-10).</source>
        <translation>“{asin}”不是 ASIN（B0 加 8 位字母或数字，或 10 位 ISBN）。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a whole number.</source>
        <translation>“{value}”不是整数。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not yes or no (use 1/0, yes/no or 是/否).</source>
        <translation>“{value}”不是“是”或“否”（请用 1/0、yes/no 或 是/否）。</translation>
    </message>
    <message>
        <source>The amount has no currency: add a currency column or choose a currency for the file.</source>
        <translation>金额没有币种：请添加币种列，或为文件选择币种。</translation>
    </message>
    <message>
        <source>On the prohibited-mail list ({match}): {reason}</source>
        <translation>命中禁寄清单（{match}）：{reason}</translation>
    </message>
    <message>
        <source>Export refund cancelled ({match}): {reason}</source>
        <translation>已取消出口退税（{match}）：{reason}</translation>
    </message>
    <message>
        <source>Licence or inspection required ({match}): {reason}</source>
        <translation>需要许可证或检验（{match}）：{reason}</translation>
    </message>
    <message>
        <source>Unknown list &quot;{kind}&quot; (prohibited-mail, refund-cancelled or licence-required).</source>
        <translation>未知的清单“{kind}”（prohibited-mail、refund-cancelled 或 licence-required）。</translation>
    </message>
    <message>
        <source>A list entry needs an HS prefix or a keyword.</source>
        <translation>清单条目需要 HS编码前缀或关键词。</translation>
    </message>
    <message>
        <source>The SKU &quot;{sku}&quot; appears more than once in the file (rows {rows}).</source>
        <translation>SKU“{sku}”在文件中出现了多次（第 {rows} 行）。</translation>
    </message>
    <message>
        <source>The marketplace SKU &quot;{msku}&quot; appears more than once in the file (rows {rows}).</source>
        <translation>平台SKU“{msku}”在文件中出现了多次（第 {rows} 行）。</translation>
    </message>
    <message>
        <source>&quot;{key}&quot; appears more than once in the file (rows {rows}).</source>
        <translation>“{key}”在文件中出现了多次（第 {rows} 行）。</translation>
    </message>
    <message>
        <source>The row has {found} cells but the header has {expected}: the file may be cut off.</source>
        <translation>该行只有 {found} 个单元格，而表头有 {expected} 列：文件可能不完整。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a list of details as SellerDesk exports them (a JSON object of texts).</source>
        <translation>“{value}”不是 SellerDesk 导出的其他信息格式（由文本组成的 JSON 对象）。</translation>
    </message>
    <message>
        <source>The file has a header but no data rows.</source>
        <translation>文件只有表头，没有数据行。</translation>
    </message>
    <message>
        <source>The mapping names the column &quot;{column}&quot; for {target}, but the file has no such column.</source>
        <translation>对应关系为 {target} 指定了列“{column}”，但文件中没有该列。</translation>
    </message>
    <message>
        <source>The mapping names the field &quot;{target}&quot;, which SellerDesk does not import.</source>
        <translation>对应关系中的字段“{target}”不是 SellerDesk 可导入的字段。</translation>
    </message>
    <message>
        <source>The mapping must name a column for {target}.</source>
        <translation>对应关系必须为 {target} 指定一列。</translation>
    </message>
    <message>
        <source>Unknown Amazon marketplace &quot;{marketplace}&quot; (for example US, DE, UK, JP).</source>
        <translation>未知的亚马逊站点“{marketplace}”（例如 US、DE、UK、JP）。</translation>
    </message>
    <message>
        <source>The report does not say its marketplace; SellerDesk assumed Amazon {marketplace}. Choose the marketplace if that is wrong.</source>
        <translation>报表未注明站点；SellerDesk 按亚马逊 {marketplace} 站处理。如不正确，请选择站点。</translation>
    </message>
    <message>
        <source>The file has no currency: prices were not imported. Choose the shop&apos;s site (PH, MY, SG…) to import them.</source>
        <translation>文件没有币种：未导入价格。请选择店铺站点（PH、MY、SG…）后再导入价格。</translation>
    </message>
</context>
</TS>
