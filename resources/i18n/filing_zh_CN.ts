<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FilingBankAccountDialog</name>
    <message>
        <source>New bank account</source>
        <translation>新增银行账户</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>开户银行</translation>
    </message>
    <message>
        <source>Account holder</source>
        <translation>账户名称</translation>
    </message>
    <message>
        <source>Account number</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>SWIFT/BIC</source>
        <translation>SWIFT/BIC</translation>
    </message>
</context>
<context>
    <name>FilingEditDialog</name>
    <message>
        <source>Edit filing</source>
        <translation>编辑备案</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>备案类型</translation>
    </message>
    <message>
        <source>Store / detail</source>
        <translation>店铺 / 说明</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Authority</source>
        <translation>主管部门</translation>
    </message>
    <message>
        <source>Submitted on</source>
        <translation>提交日期</translation>
    </message>
    <message>
        <source>Approved on</source>
        <translation>通过日期</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>有效期起</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>FilingPage</name>
    <message>
        <source>Required</source>
        <translation>必须办理</translation>
    </message>
    <message>
        <source>If applicable</source>
        <translation>视情况办理</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>No longer required</source>
        <translation>已无需办理</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Customs</source>
        <translation>报关</translation>
    </message>
    <message>
        <source>Finance</source>
        <translation>财务</translation>
    </message>
    <message>
        <source>Operations</source>
        <translation>运营</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>FX settlement</source>
        <translation>外汇结算</translation>
    </message>
    <message>
        <source>CNY settlement</source>
        <translation>人民币结算</translation>
    </message>
    <message>
        <source>Payment provider</source>
        <translation>收款服务商</translation>
    </message>
    <message>
        <source>Filing</source>
        <translation>备案事项</translation>
    </message>
    <message>
        <source>Store / detail</source>
        <translation>店铺 / 说明</translation>
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
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Rejected by the platform</source>
        <translation>被平台驳回</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台状态</translation>
    </message>
    <message>
        <source>submitted</source>
        <extracomment>what the zone platform said of a filing (sync), as words</extracomment>
        <translation>已提交</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>recorded</source>
        <translation>已记录</translation>
    </message>
    <message>
        <source>Filings</source>
        <translation>备案</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>企业资料</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>办理要求</translation>
    </message>
    <message>
        <source>Employees and assets</source>
        <translation>从业人数与资产</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Search store, number, authority…</source>
        <translation>搜索店铺、编号、主管部门…</translation>
    </message>
    <message>
        <source>New filing…</source>
        <translation>新增备案…</translation>
    </message>
    <message>
        <source>Check documents</source>
        <translation>检查文档</translation>
    </message>
    <message>
        <source>Find attached files that are missing from the company folder or changed since they were attached.</source>
        <translation>查找公司文件夹中缺失的附件，或添加后被改动过的附件。</translation>
    </message>
    <message>
        <source>Select a filing</source>
        <translation>请选择一条备案</translation>
    </message>
    <message>
        <source>Authority</source>
        <translation>主管部门</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Change status…</source>
        <translation>变更状态…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation>删除草稿</translation>
    </message>
    <message>
        <source>History</source>
        <translation>状态历史</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>On</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Trade modes</source>
        <translation>贸易方式</translation>
    </message>
    <message>
        <source>Need</source>
        <translation>要求</translation>
    </message>
    <message>
        <source>On record</source>
        <translation>已有记录</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Employees and total assets at the start and end of each quarter: the small low-profit enterprise test averages them.</source>
        <translation>各季度初、季度末的从业人数和资产总额：小型微利企业判定按其平均值计算。</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Employees at start</source>
        <translation>季初从业人数</translation>
    </message>
    <message>
        <source>Employees at end</source>
        <translation>季末从业人数</translation>
    </message>
    <message>
        <source>Assets at start (CNY)</source>
        <translation>季初资产总额（元）</translation>
    </message>
    <message>
        <source>Assets at end (CNY)</source>
        <translation>季末资产总额（元）</translation>
    </message>
    <message>
        <source>Assets at start</source>
        <translation>季初资产总额</translation>
    </message>
    <message>
        <source>Assets at end</source>
        <translation>季末资产总额</translation>
    </message>
    <message>
        <source>Save quarter</source>
        <translation>保存季度数据</translation>
    </message>
    <message>
        <source>{year} Q{quarter}</source>
        <translation>{year} 年第 {quarter} 季度</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>……另有 {n} 条</translation>
    </message>
    <message>
        <source>Rejected by the platform: {reason}</source>
        <translation>被平台驳回：{reason}</translation>
    </message>
    <message>
        <source>indefinitely</source>
        <translation>长期</translation>
    </message>
    <message>
        <source>The document is in place and unchanged.</source>
        <translation>文档完好，未被改动。</translation>
    </message>
    <message>
        <source>All {n} documents are in place and unchanged.</source>
        <translation>全部 {n} 个文档完好，未被改动。</translation>
    </message>
    <message>
        <source>Delete this draft filing?</source>
        <translation>删除这条备案草稿？</translation>
    </message>
</context>
<context>
    <name>FilingProfileTab</name>
    <message>
        <source>Who you are</source>
        <translation>主体信息</translation>
    </message>
    <message>
        <source>Reveal</source>
        <translation>显示完整号码</translation>
    </message>
    <message>
        <source>Show the full number once; this is recorded in the audit log.</source>
        <translation>显示一次完整号码；此操作会记入审计日志。</translation>
    </message>
    <message>
        <source>I have checked this number against the card</source>
        <translation>我已对照证件核实此号码</translation>
    </message>
    <message>
        <source>Type a new code to replace it</source>
        <translation>输入新代码以替换</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>备案类型</translation>
    </message>
    <message>
        <source>Legal name (Chinese)</source>
        <translation>名称（中文）</translation>
    </message>
    <message>
        <source>Legal name (English)</source>
        <translation>名称（英文）</translation>
    </message>
    <message>
        <source>Identity code</source>
        <translation>证照号码</translation>
    </message>
    <message>
        <source>New identity code</source>
        <translation>新证照号码</translation>
    </message>
    <message>
        <source>Customs registration code</source>
        <translation>海关注册编码</translation>
    </message>
    <message>
        <source>Pilot zone</source>
        <translation>综试区</translation>
    </message>
    <message>
        <source>Zone customs office</source>
        <translation>主管海关关区</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation>保存资料</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>职责</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Bank accounts</source>
        <translation>银行账户</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>开户银行</translation>
    </message>
    <message>
        <source>Account holder</source>
        <translation>账户名称</translation>
    </message>
    <message>
        <source>Account number</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Add account…</source>
        <translation>添加账户…</translation>
    </message>
    <message>
        <source>Reveal number</source>
        <translation>显示完整账号</translation>
    </message>
    <message>
        <source>Valid resident ID: {place}, born {birth}</source>
        <translation>公民身份号码有效：{place}，出生日期 {birth}</translation>
    </message>
    <message>
        <source>Valid USCC: {place}, organisation code {org}</source>
        <translation>统一社会信用代码有效：{place}，组织机构代码 {org}</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>FilingStatusDialog</name>
    <message>
        <source>Change status</source>
        <translation>变更状态</translation>
    </message>
    <message>
        <source>The authority&apos;s reason (for a rejection)</source>
        <translation>主管部门给出的原因（退回时填写）</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, empty: the kind&apos;s default</source>
        <translation>YYYY-MM-DD，留空则按该类备案的默认有效期</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>新状态</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>NewFilingDialog</name>
    <message>
        <source>New filing</source>
        <translation>新增备案</translation>
    </message>
    <message>
        <source>e.g. Amazon US store</source>
        <translation>如：Amazon 美国站店铺</translation>
    </message>
    <message>
        <source>e.g. 杭州海关</source>
        <translation>如：杭州海关</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, empty: indefinitely</source>
        <translation>YYYY-MM-DD，留空表示长期有效</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>备案类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Store / detail</source>
        <translation>店铺 / 说明</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Authority</source>
        <translation>主管部门</translation>
    </message>
    <message>
        <source>Date submitted / approved</source>
        <translation>提交 / 通过日期</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>problems</name>
    <message>
        <source>The code is empty.</source>
        <translation>代码为空。</translation>
    </message>
    <message>
        <source>A code of {length} characters is neither a USCC (18), a resident ID number (18) nor a customs registration code (10).</source>
        <translation>{length} 位的代码既不是统一社会信用代码（18 位）、公民身份号码（18 位），也不是海关注册编码（10 位）。</translation>
    </message>
    <message>
        <source>A USCC starting with {code} belongs to an enterprise, but the profile says the seller is of another kind; please check the kind.</source>
        <translation>以 {code} 开头的统一社会信用代码属于企业，但资料中的卖家类型不同；请核对卖家类型。</translation>
    </message>
    <message>
        <source>A USCC starting with {code} belongs to an individual business (个体工商户), but the profile says the seller is of another kind; please check the kind.</source>
        <translation>以 {code} 开头的统一社会信用代码属于个体工商户，但资料中的卖家类型不同；请核对卖家类型。</translation>
    </message>
    <message>
        <source>A USCC has 18 characters; this one has {length}.</source>
        <translation>统一社会信用代码为 18 位，此代码为 {length} 位。</translation>
    </message>
    <message>
        <source>Position {position}: &quot;{char}&quot; is not allowed in a USCC (digits and capital letters only).</source>
        <translation>第 {position} 位：统一社会信用代码中不允许出现“{char}”（只能是数字和大写字母）。</translation>
    </message>
    <message>
        <source>Position {position}: the letter &quot;{char}&quot; is never used in a USCC (I, O, Z, S and V are left out; did you mean 1, 0, 2, 5 or U?).</source>
        <translation>第 {position} 位：统一社会信用代码不使用字母“{char}”（不用 I、O、Z、S、V；是否应为 1、0、2、5 或 U？）。</translation>
    </message>
    <message>
        <source>Position 1: authority code &quot;{char}&quot; is not in the table of registration authority codes ({known}); the check character is right, so please make sure the code was copied correctly.</source>
        <translation>第 1 位：登记管理部门代码“{char}”不在登记管理部门代码表（{known}）中；校验码正确，请确认代码抄写无误。</translation>
    </message>
    <message>
        <source>Position 2: entity type &quot;{char}&quot; is not one the authority &quot;{authority}&quot; is known to issue; please check it.</source>
        <translation>第 2 位：机构类别代码“{char}”不在登记管理部门“{authority}”已知的类别中，请核对。</translation>
    </message>
    <message>
        <source>Positions 3–8: the region code &quot;{region}&quot; must be six digits.</source>
        <translation>第 3–8 位：行政区划码“{region}”必须是六位数字。</translation>
    </message>
    <message>
        <source>Positions 3–8: the region code &quot;{region}&quot; does not start with a known province code; please check it.</source>
        <translation>第 3–8 位：行政区划码“{region}”的开头不是已知的省级代码，请核对。</translation>
    </message>
    <message>
        <source>Positions 3–8: the region code &quot;{region}&quot; is not in the administrative region table; please check it.</source>
        <translation>第 3–8 位：行政区划码“{region}”不在行政区划代码表中，请核对。</translation>
    </message>
    <message>
        <source>Positions 1–4: &quot;{region}&quot; is not a known city code of its province; please check it.</source>
        <translation>第 1–4 位：“{region}”不是该省已知的地市代码，请核对。</translation>
    </message>
    <message>
        <source>Position 18: the check character is &quot;{actual}&quot; but the first 17 characters give &quot;{expected}&quot;; one of the characters is mistyped.</source>
        <translation>第 18 位：校验码为“{actual}”，但按前 17 位应为“{expected}”；有字符输错了。</translation>
    </message>
    <message>
        <source>Positions 9–17: the organisation code {organisation_code} fails its own check (expected check character &quot;{expected}&quot;). Some issued codes do; please compare it with the licence.</source>
        <translation>第 9–17 位：组织机构代码 {organisation_code} 未通过其自身校验（校验码应为“{expected}”）。个别已发放的代码确实如此，请与营业执照核对。</translation>
    </message>
    <message>
        <source>15-digit ID numbers belong to first-generation ID cards, which went out of use on {end}. Please enter the 18-digit number on the current card.</source>
        <translation>15 位身份证号码属于第一代居民身份证，已于 {end} 停止使用。请输入现行身份证上的 18 位号码。</translation>
    </message>
    <message>
        <source>A resident ID number has 18 characters; this one has {length}.</source>
        <translation>公民身份号码为 18 位，此号码为 {length} 位。</translation>
    </message>
    <message>
        <source>Position {position}: &quot;{char}&quot; is not a digit; the first 17 characters of an ID number are digits.</source>
        <translation>第 {position} 位：“{char}”不是数字；身份证号码前 17 位都是数字。</translation>
    </message>
    <message>
        <source>Position 18: &quot;{char}&quot; is not allowed; the last character is a digit or X.</source>
        <translation>第 18 位：不允许“{char}”；最后一位是数字或 X。</translation>
    </message>
    <message>
        <source>Positions 7–14: {date} is not a real date of birth.</source>
        <translation>第 7–14 位：{date} 不是有效的出生日期。</translation>
    </message>
    <message>
        <source>Positions 7–14: the date of birth {date} is in the future.</source>
        <translation>第 7–14 位：出生日期 {date} 晚于今天。</translation>
    </message>
    <message>
        <source>Positions 7–14: the date of birth {date} is implausibly early.</source>
        <translation>第 7–14 位：出生日期 {date} 早得不合常理。</translation>
    </message>
    <message>
        <source>Position 18: the check character is &quot;{actual}&quot; but the first 17 digits give &quot;{expected}&quot;; one of the digits is mistyped.</source>
        <translation>第 18 位：校验码为“{actual}”，但按前 17 位应为“{expected}”；有数字输错了。</translation>
    </message>
    <message>
        <source>The number is otherwise correct, but its region code {region} (positions 1–6) is not in the region table for people born in {year}. Please confirm it against the card.</source>
        <translation>号码其他部分均正确，但地址码 {region}（第 1–6 位）不在 {year} 年出生者适用的行政区划表中。请对照证件确认。</translation>
    </message>
    <message>
        <source>The number is otherwise correct; its region code {region} is not in the mainland region table because it is a residence permit for Hong Kong residents. Please confirm it against the permit.</source>
        <translation>号码其他部分均正确；地址码 {region} 不在内地行政区划表中，因为这是香港居民居住证号码。请对照居住证确认。</translation>
    </message>
    <message>
        <source>The number is otherwise correct; its region code {region} is not in the mainland region table because it is a residence permit for Macao residents. Please confirm it against the permit.</source>
        <translation>号码其他部分均正确；地址码 {region} 不在内地行政区划表中，因为这是澳门居民居住证号码。请对照居住证确认。</translation>
    </message>
    <message>
        <source>The number is otherwise correct; its region code {region} is not in the mainland region table because it is a residence permit for Taiwan residents. Please confirm it against the permit.</source>
        <translation>号码其他部分均正确；地址码 {region} 不在内地行政区划表中，因为这是台湾居民居住证号码。请对照居住证确认。</translation>
    </message>
    <message>
        <source>The number is otherwise correct; its region code {region} starts with 9, as on a foreigner&apos;s permanent residence ID card, and is not in the mainland region table. Please confirm it against the card.</source>
        <translation>号码其他部分均正确；地址码 {region} 以 9 开头，与外国人永久居留身份证一致，不在内地行政区划表中。请对照证件确认。</translation>
    </message>
    <message>
        <source>The ID number was refused: {reason}</source>
        <translation>身份证号码未通过：{reason}</translation>
    </message>
    <message>
        <source>A customs registration code has 10 characters; this one has {length}.</source>
        <translation>海关注册编码为 10 位，此编码为 {length} 位。</translation>
    </message>
    <message>
        <source>Position {position}: &quot;{char}&quot; is not a digit; positions 1–4 are the region code.</source>
        <translation>第 {position} 位：“{char}”不是数字；第 1–4 位是行政区划代码。</translation>
    </message>
    <message>
        <source>Position {position}: &quot;{char}&quot; is not allowed (digits and capital letters only).</source>
        <translation>第 {position} 位：不允许“{char}”（只能是数字和大写字母）。</translation>
    </message>
    <message>
        <source>Positions 1–4: &quot;{region}&quot; does not start with a known province code; please check it.</source>
        <translation>第 1–4 位：“{region}”的开头不是已知的省级代码，请核对。</translation>
    </message>
    <message>
        <source>Position 5: &quot;{value}&quot; is not a known economic-zone type (1, 2, 3, 4, 5 or 9); please check it.</source>
        <translation>第 5 位：“{value}”不是已知的经济区划代码（1、2、3、4、5 或 9），请核对。</translation>
    </message>
    <message>
        <source>Position 6: &quot;{value}&quot; is not a known economic type (1–9); please check it.</source>
        <translation>第 6 位：“{value}”不是已知的企业经济类型代码（1–9），请核对。</translation>
    </message>
    <message>
        <source>Zone platform filing</source>
        <translation>综试区线上综合服务平台备案</translation>
    </message>
    <message>
        <source>Customs declarant filing</source>
        <translation>报关单位备案</translation>
    </message>
    <message>
        <source>Temporary customs declarant filing</source>
        <translation>报关单位临时备案</translation>
    </message>
    <message>
        <source>Customs CBEC information registration</source>
        <translation>海关跨境电商企业信息登记</translation>
    </message>
    <message>
        <source>FX goods-trade list registration</source>
        <translation>贸易外汇收支企业名录登记</translation>
    </message>
    <message>
        <source>Individual FX settlement account</source>
        <translation>个人外汇结算账户</translation>
    </message>
    <message>
        <source>Overseas warehouse booking party</source>
        <translation>海外仓订仓单主体</translation>
    </message>
    <message>
        <source>Marketplace store authorisation</source>
        <translation>平台店铺授权</translation>
    </message>
    <message>
        <source>China E-Port IC card</source>
        <translation>中国电子口岸 IC 卡</translation>
    </message>
    <message>
        <source>9810 overseas-warehouse mode filing</source>
        <translation>9810 出口海外仓模式备案</translation>
    </message>
    <message>
        <source>Foreign trade operator filing</source>
        <translation>对外贸易经营者备案</translation>
    </message>
    <message>
        <source>There is no current zone platform filing on record.</source>
        <translation>没有有效的综试区线上综合服务平台备案记录。</translation>
    </message>
    <message>
        <source>There is no current customs declarant filing on record.</source>
        <translation>没有有效的报关单位备案记录。</translation>
    </message>
    <message>
        <source>There is no current temporary customs declarant filing on record.</source>
        <translation>没有有效的报关单位临时备案记录。</translation>
    </message>
    <message>
        <source>There is no current customs CBEC information registration on record.</source>
        <translation>没有有效的海关跨境电商企业信息登记记录。</translation>
    </message>
    <message>
        <source>There is no current FX goods-trade list registration on record.</source>
        <translation>没有有效的贸易外汇收支企业名录登记记录。</translation>
    </message>
    <message>
        <source>There is no individual FX settlement account on record.</source>
        <translation>没有个人外汇结算账户记录。</translation>
    </message>
    <message>
        <source>There is no overseas warehouse booking party on record.</source>
        <translation>没有海外仓订仓单主体记录。</translation>
    </message>
    <message>
        <source>There is no marketplace store authorisation on record.</source>
        <translation>没有平台店铺授权记录。</translation>
    </message>
    <message>
        <source>There is no current China E-Port IC card on record.</source>
        <translation>没有有效的中国电子口岸 IC 卡记录。</translation>
    </message>
    <message>
        <source>There is no current 9810 overseas-warehouse mode filing on record.</source>
        <translation>没有有效的 9810 出口海外仓模式备案记录。</translation>
    </message>
    <message>
        <source>There is no current foreign trade operator filing on record.</source>
        <translation>没有有效的对外贸易经营者备案记录。</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已注销</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Individual business</source>
        <translation>个体工商户</translation>
    </message>
    <message>
        <source>Individual seller</source>
        <translation>自然人卖家</translation>
    </message>
    <message>
        <source>This kind of filing does not concern an enterprise.</source>
        <translation>此类备案不适用于企业。</translation>
    </message>
    <message>
        <source>This kind of filing does not concern an individual business.</source>
        <translation>此类备案不适用于个体工商户。</translation>
    </message>
    <message>
        <source>This kind of filing does not concern an individual seller.</source>
        <translation>此类备案不适用于自然人卖家。</translation>
    </message>
    <message>
        <source>Unknown kind of filing &quot;{kind}&quot;.</source>
        <translation>未知的备案类型“{kind}”。</translation>
    </message>
    <message>
        <source>Unknown filing status &quot;{status}&quot;.</source>
        <translation>未知的备案状态“{status}”。</translation>
    </message>
    <message>
        <source>This status change ({current} → {target}) is not allowed. A renewal is recorded as a new filing.</source>
        <translation>不允许此状态变更（{current} → {target}）。续办请另建一条新的备案记录。</translation>
    </message>
    <message>
        <source>The date {date} is in the future.</source>
        <translation>日期 {date} 晚于今天。</translation>
    </message>
    <message>
        <source>There is no record {id}.</source>
        <translation>记录 {id} 不存在。</translation>
    </message>
    <message>
        <source>A filing is recorded as draft, submitted or approved; &quot;{status}&quot; comes later, through a status change.</source>
        <translation>备案只能以草稿、已提交或已通过状态登记；“{status}”须在之后通过状态变更记录。</translation>
    </message>
    <message>
        <source>There is already an active filing of this kind; a company holds only one. Cancel the old one or record a status change.</source>
        <translation>已有一条此类有效备案，每家公司只能有一条。请先注销旧记录，或对其记录状态变更。</translation>
    </message>
    <message>
        <source>Only a draft can be deleted; cancel a filing that went further, so its history stays.</source>
        <translation>只能删除草稿；已提交过的备案请注销，以保留其历史记录。</translation>
    </message>
    <message>
        <source>Quarter {quarter} does not exist (1–4).</source>
        <translation>不存在第 {quarter} 季度（应为 1–4）。</translation>
    </message>
    <message>
        <source>{year} is not a plausible year.</source>
        <translation>{year} 不是合理的年份。</translation>
    </message>
    <message>
        <source>A rejection needs the reason the authority gave.</source>
        <translation>退回须填写主管部门给出的原因。</translation>
    </message>
    <message>
        <source>An approved filing of this kind needs its number (registration or certificate number).</source>
        <translation>此类备案通过后须填写编号（登记号或证书编号）。</translation>
    </message>
    <message>
        <source>A submitted filing needs its submission date.</source>
        <translation>已提交的备案须填写提交日期。</translation>
    </message>
    <message>
        <source>The date {date} is before the submission on {submitted}.</source>
        <translation>日期 {date} 早于提交日期 {submitted}。</translation>
    </message>
    <message>
        <source>The date {date} is before the approval on {approved}.</source>
        <translation>日期 {date} 早于通过日期 {approved}。</translation>
    </message>
    <message>
        <source>The validity ends ({valid_until}) before it starts ({valid_from}).</source>
        <translation>有效期截止日（{valid_until}）早于起始日（{valid_from}）。</translation>
    </message>
    <message>
        <source>The 9810 overseas-warehouse mode filing is no longer required since {since} ({by}); the warehouse booking (订仓单) data is still sent.</source>
        <translation>自 {since} 起不再需要 9810 出口海外仓模式备案（{by}）；仍须传输订仓单电子信息。</translation>
    </message>
    <message>
        <source>The foreign trade operator filing (对外贸易经营者备案) no longer exists since {since} ({by}).</source>
        <translation>对外贸易经营者备案自 {since} 起已取消（{by}）。</translation>
    </message>
    <message>
        <source>Valid until {date}: {days} days left. Renew it in time.</source>
        <translation>有效期至 {date}，还剩 {days} 天。请及时续办。</translation>
    </message>
    <message>
        <source>Its validity ended on {date}. Renew it or record it as expired.</source>
        <translation>有效期已于 {date} 届满。请续办，或将其记为已过期。</translation>
    </message>
    <message>
        <source>Submitted {days} working days ago with no answer recorded (the authority usually answers within {usual}). Check its status.</source>
        <translation>已提交 {days} 个工作日，尚无结果记录（主管部门通常在 {usual} 个工作日内办结）。请查询办理状态。</translation>
    </message>
    <message>
        <source>Rejected: {reason}. Correct it and submit again, or cancel it.</source>
        <translation>已退回：{reason}。请修改后重新提交，或将其注销。</translation>
    </message>
    <message>
        <source>Every seller registers once on the zone&apos;s comprehensive service platform.</source>
        <translation>所有卖家都须在综试区线上综合服务平台进行一次备案登记。</translation>
    </message>
    <message>
        <source>Retail exporters (9610) do CBEC information registration with customs (海关总署公告2018年第194号).</source>
        <translation>零售出口（9610）企业须向海关办理跨境电商企业信息登记（海关总署公告2018年第194号）。</translation>
    </message>
    <message>
        <source>Needed only for retail exports (9610/1210).</source>
        <translation>仅零售出口（9610/1210）需要。</translation>
    </message>
    <message>
        <source>A seller that declares to customs itself files as a customs declarant (海关总署令第253号); valid indefinitely.</source>
        <translation>自行向海关申报的卖家须办理报关单位备案（海关总署令第253号），长期有效。</translation>
    </message>
    <message>
        <source>Needed only when the seller declares itself rather than through an agent (海关总署令第253号).</source>
        <translation>仅在卖家自行申报而非委托代理时需要（海关总署令第253号）。</translation>
    </message>
    <message>
        <source>Needed when goods-trade receipts or payments in a calendar year go above US${threshold}.</source>
        <translation>一个自然年度内货物贸易收汇或付汇金额超过 {threshold} 美元时需要办理。</translation>
    </message>
    <message>
        <source>This year&apos;s goods-trade receipts or payments are over the exemption: register before the bank handles more.</source>
        <translation>本年度货物贸易收汇或付汇已超过免于登记的限额：请在银行继续办理收付汇前完成登记。</translation>
    </message>
    <message>
        <source>Below the US$200,000 exemption this year.</source>
        <translation>本年度低于 20 万美元的免登记限额。</translation>
    </message>
    <message>
        <source>9810 exports send the overseas warehouse booking (订仓单) data (海关总署公告2020年第75号).</source>
        <translation>9810 出口须传输海外仓订仓单电子信息（海关总署公告2020年第75号）。</translation>
    </message>
    <message>
        <source>9810 exports needed the overseas-warehouse mode filing with customs (海关总署公告2020年第75号).</source>
        <translation>9810 出口须向海关办理出口海外仓业务模式备案（海关总署公告2020年第75号）。</translation>
    </message>
    <message>
        <source>The 9810 trade mode did not exist yet on this date.</source>
        <translation>此日期时 9810 贸易方式尚未设立。</translation>
    </message>
    <message>
        <source>No longer required since {since} ({by}).</source>
        <translation>自 {since} 起不再需要（{by}）。</translation>
    </message>
    <message>
        <source>Foreign trade operators filed with the commerce authority (对外贸易法 2016, art. 9).</source>
        <translation>对外贸易经营者须向商务主管部门备案登记（对外贸易法 2016 年版第九条）。</translation>
    </message>
    <message>
        <source>Abolished since {since} ({by}).</source>
        <translation>自 {since} 起已取消（{by}）。</translation>
    </message>
    <message>
        <source>Declaring through the single window needs a China E-Port card; mind its expiry.</source>
        <translation>通过单一窗口申报需要中国电子口岸卡，请留意有效期。</translation>
    </message>
    <message>
        <source>An individual seller filed on the zone platform may open an FX settlement account for export proceeds.</source>
        <translation>在综试区线上综合服务平台备案的自然人卖家可开立外汇结算账户，用于出口收汇。</translation>
    </message>
    <message>
        <source>Record each marketplace store&apos;s authorisation and its expiry.</source>
        <translation>请记录每个平台店铺的授权及其有效期。</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; is empty; nothing was attached.</source>
        <translation>“{name}”是空文件，未添加任何附件。</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; is {size_mb} MB; the vault takes files up to {limit_mb} MB.</source>
        <translation>“{name}”大小为 {size_mb} MB；文档库只接收不超过 {limit_mb} MB 的文件。</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; is not a file type the vault keeps (accepted: {accepted}).</source>
        <translation>“{name}”不是文档库可保存的文件类型（可接收：{accepted}）。</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; is a ZIP archive but not an Excel, Word or OFD document; unpack it and attach the documents inside.</source>
        <translation>“{name}”是 ZIP 压缩包，而不是 Excel、Word 或 OFD 文档；请解压后添加其中的文档。</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; is a web page (HTML), not the document itself; it may be a download error page.</source>
        <translation>“{name}”是网页（HTML），不是文档本身；可能是下载出错时的页面。</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; is a program, not a document; it was refused.</source>
        <translation>“{name}”是程序而不是文档，已拒收。</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; is an incomplete PDF (its end is missing); download or scan it again.</source>
        <translation>“{name}”是不完整的 PDF（缺少结尾部分）；请重新下载或扫描。</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; cannot be read: {reason}</source>
        <translation>无法读取“{name}”：{reason}</translation>
    </message>
    <message>
        <source>The stored file of &quot;{name}&quot; is missing from the company folder.</source>
        <translation>公司文件夹中缺少“{name}”的存档文件。</translation>
    </message>
    <message>
        <source>The stored file of &quot;{name}&quot; has changed on disk since it was attached (its content hash differs).</source>
        <translation>“{name}”的存档文件在添加后已被改动（内容哈希不一致）。</translation>
    </message>
    <message>
        <source>Documents can be attached to a filing, the company, a product, an order or a receipt, not to &quot;{owner}&quot;.</source>
        <translation>文档只能附加到备案、公司、商品、订单或收款记录，不能附加到“{owner}”。</translation>
    </message>
    <message>
        <source>The {owner} {owner_id} to attach to does not exist.</source>
        <translation>要附加到的记录（{owner} {owner_id}）不存在。</translation>
    </message>
    <message>
        <source>The name has {length} characters; at most {limit} are kept.</source>
        <translation>名称有 {length} 个字符，最多保留 {limit} 个。</translation>
    </message>
    <message>
        <source>A registered business name is normally in Chinese, as on the business licence.</source>
        <translation>登记名称通常为中文，与营业执照一致。</translation>
    </message>
    <message>
        <source>The English name may contain only Latin letters, digits and punctuation.</source>
        <translation>英文名称只能包含拉丁字母、数字和标点。</translation>
    </message>
    <message>
        <source>An enterprise or individual business needs its Unified Social Credit Code (18 characters, on the business licence).</source>
        <translation>企业或个体工商户须填写统一社会信用代码（18 位，见营业执照）。</translation>
    </message>
    <message>
        <source>An individual seller needs a resident ID number (18 characters).</source>
        <translation>自然人卖家须填写公民身份号码（18 位）。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a customs office code (4 digits, e.g. 2900).</source>
        <translation>“{value}”不是关区代码（4 位数字，如 2900）。</translation>
    </message>
    <message>
        <source>Individual sellers usually have no customs registration code; check that this one is yours.</source>
        <translation>自然人卖家通常没有海关注册编码；请确认此编码属于您本人。</translation>
    </message>
    <message>
        <source>The contact needs a name.</source>
        <translation>联系人须填写姓名。</translation>
    </message>
    <message>
        <source>Unknown contact role &quot;{role}&quot;.</source>
        <translation>未知的联系人角色“{role}”。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a phone number (7–15 digits; a mainland mobile is 11 digits starting 13–19).</source>
        <translation>“{value}”不是电话号码（7–15 位数字；内地手机号为 11 位，以 13–19 开头）。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not an e-mail address.</source>
        <translation>“{value}”不是电子邮箱地址。</translation>
    </message>
    <message>
        <source>Give a phone number or an e-mail address so the contact can be reached.</source>
        <translation>请填写电话或电子邮箱，以便联系。</translation>
    </message>
    <message>
        <source>The bank&apos;s name is required.</source>
        <translation>须填写开户银行名称。</translation>
    </message>
    <message>
        <source>The account holder&apos;s name is required.</source>
        <translation>须填写账户名称。</translation>
    </message>
    <message>
        <source>The account number is required.</source>
        <translation>须填写账号。</translation>
    </message>
    <message>
        <source>A bank account number has 8 to 30 digits; this one has {length}.</source>
        <translation>银行账号为 8 至 30 位数字，此账号为 {length} 位。</translation>
    </message>
    <message>
        <source>The account number must be digits, or an IBAN starting with a country code.</source>
        <translation>账号必须是数字，或以国家代码开头的 IBAN。</translation>
    </message>
    <message>
        <source>The IBAN&apos;s check digits are wrong; one of the characters is mistyped.</source>
        <translation>IBAN 校验位不正确；有字符输错了。</translation>
    </message>
    <message>
        <source>Unknown account purpose &quot;{purpose}&quot;.</source>
        <translation>未知的账户用途“{purpose}”。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a SWIFT/BIC code (8 or 11 characters).</source>
        <translation>“{value}”不是 SWIFT/BIC 代码（8 或 11 位）。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; must be a number of zero or more.</source>
        <translation>“{value}”必须是大于或等于零的数字。</translation>
    </message>
</context>
</TS>
