<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to the platform</source>
        <translation>连接平台</translation>
    </message>
    <message>
        <source>Paste the connection string your trainer or the platform gave you (sellerdesk://…), or give the server address and your token.</source>
        <translation>粘贴培训老师或平台提供的连接字符串（sellerdesk://…），或填写服务器地址和令牌。</translation>
    </message>
    <message>
        <source>not needed with a connection string</source>
        <translation>使用连接字符串时无需填写</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Connection string or server</source>
        <translation>连接字符串或服务器</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>CA certificate (optional)</source>
        <translation>CA 证书（可选）</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>证书 (*.pem *.crt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>Company profile</source>
        <extracomment>entity names as the user reads them (context &quot;Page&quot;)</extracomment>
        <translation>企业资料</translation>
    </message>
    <message>
        <source>Filing</source>
        <translation>备案</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Declaration</source>
        <translation>申报单</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>FX record</source>
        <translation>外汇记录</translation>
    </message>
    <message>
        <source>FX registration</source>
        <translation>名录登记</translation>
    </message>
    <message>
        <source>Tax exemption record</source>
        <translation>免税记录</translation>
    </message>
    <message>
        <source>declaring</source>
        <extracomment>customs receipt statuses (ceb.md §5) and the platform&apos;s review statuses, as words</extracomment>
        <translation>申报中</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>concluded</source>
        <translation>海关审结</translation>
    </message>
    <message>
        <source>released</source>
        <translation>放行</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>结关</translation>
    </message>
    <message>
        <source>rejected by customs</source>
        <translation>海关退单</translation>
    </message>
    <message>
        <source>submitted</source>
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
        <source>acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Connect…</source>
        <translation>连接…</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待发送</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Which</source>
        <translation>哪条记录</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>What the platform said</source>
        <translation>平台的答复</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>放弃…</translation>
    </message>
    <message>
        <source>Platform version</source>
        <translation>平台版本</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我的修改</translation>
    </message>
    <message>
        <source>My change</source>
        <translation>我的修改</translation>
    </message>
    <message>
        <source>On the platform</source>
        <translation>平台上的版本</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <source>Take the platform&apos;s</source>
        <translation>采用平台的</translation>
    </message>
    <message>
        <source>{url} (token in SellerDesk&apos;s encrypted key file)</source>
        <translation>{url}（令牌保存在 SellerDesk 的加密密钥文件中）</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>平台回执</translation>
    </message>
    <message>
        <source>{url} (token in the keychain)</source>
        <translation>{url}（令牌已保存在系统钥匙串中）</translation>
    </message>
    <message>
        <source>{url} (no token: connect again)</source>
        <translation>{url}（没有令牌：请重新连接）</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Last successful sync: {when}</source>
        <translation>上次成功同步：{when}</translation>
    </message>
    <message>
        <source>Never synced yet.</source>
        <translation>尚未同步过。</translation>
    </message>
    <message>
        <source>Refused ({n})</source>
        <translation>被拒绝 ({n})</translation>
    </message>
    <message>
        <source>Conflicts ({n})</source>
        <translation>冲突 ({n})</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>讲师</translation>
    </message>
    <message>
        <source>Instruction</source>
        <translation>指令</translation>
    </message>
    <message>
        <source>Arrived ({n})</source>
        <translation>平台回执（{n}）</translation>
    </message>
    <message>
        <source>This kind of record cannot take the platform&apos;s version yet.</source>
        <translation>此类记录暂时无法采用平台的版本。</translation>
    </message>
    <message>
        <source>Discard this change?</source>
        <translation>放弃这项修改？</translation>
    </message>
    <message>
        <source>The platform will never receive this change to {entity} {id}. Your own copy stays as it is. Discard it?</source>
        <translation>平台将不会收到对 {entity} {id} 的这项修改，本地数据保持不变。确定放弃吗？</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Cancelling after the current batch…</source>
        <translation>当前批次完成后取消…</translation>
    </message>
    <message>
        <source>Cancelled: {pushed} sent, {pending} still waiting.</source>
        <translation>已取消：已发送 {pushed} 项，仍有 {pending} 项等待。</translation>
    </message>
    <message>
        <source>Stopped: {pushed} sent, {pending} still waiting.</source>
        <translation>已停止：已发送 {pushed} 项，仍有 {pending} 项等待。</translation>
    </message>
    <message>
        <source>Done: {pushed} sent, {pulled} updates received, {failed} refused, {conflicts} conflicts.</source>
        <translation>完成：已发送 {pushed} 项，收到 {pulled} 项更新，{failed} 项被拒绝，{conflicts} 项冲突。</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Sync: unavailable</source>
        <translation>同步：不可用</translation>
    </message>
    <message>
        <source>Sync: not connected · waiting to send: {n}</source>
        <translation>同步：未连接 · 待发送 {n} 项</translation>
    </message>
    <message>
        <source>Sync: waiting to send: {n} · need a decision: {m}</source>
        <translation>同步：待发送 {n} 项 · 待处理 {m} 项</translation>
    </message>
    <message>
        <source>Sync: waiting to send: {n}</source>
        <translation>同步：待发送 {n} 项</translation>
    </message>
    <message>
        <source>Last successful sync: {when}</source>
        <translation>上次成功同步：{when}</translation>
    </message>
    <message>
        <source>Never synced yet.</source>
        <translation>尚未同步过。</translation>
    </message>
</context>
<context>
    <name>problems</name>
    <message>
        <source>&quot;{value}&quot; is not a SellerDesk connection string (it starts with sellerdesk://).</source>
        <translation>“{value}”不是 SellerDesk 连接字符串（应以 sellerdesk:// 开头）。</translation>
    </message>
    <message>
        <source>The port in &quot;{value}&quot; is not a number.</source>
        <translation>“{value}”中的端口不是数字。</translation>
    </message>
    <message>
        <source>The connection string &quot;{value}&quot; names no server.</source>
        <translation>连接字符串“{value}”没有指明服务器。</translation>
    </message>
    <message>
        <source>The connection string has no token (…?token=…).</source>
        <translation>连接字符串中没有令牌（…?token=…）。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a server address (it starts with http:// or https://).</source>
        <translation>“{value}”不是服务器地址（应以 http:// 或 https:// 开头）。</translation>
    </message>
    <message>
        <source>The field &quot;{field}&quot; is required.</source>
        <translation>字段“{field}”必须填写。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a 10-digit HS code.</source>
        <translation>“{value}”不是10位的海关商品编码。</translation>
    </message>
    <message>
        <source>The field &quot;{field}&quot; has the wrong type.</source>
        <translation>字段“{field}”的类型不正确。</translation>
    </message>
    <message>
        <source>The platform does not know records of kind &quot;{entity}&quot;.</source>
        <translation>平台不认识“{entity}”类的记录。</translation>
    </message>
    <message>
        <source>&quot;{op}&quot; is not a change the platform knows (upsert or delete).</source>
        <translation>“{op}”不是平台认识的修改类型（upsert 或 delete）。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a record id.</source>
        <translation>“{value}”不是记录编号。</translation>
    </message>
    <message>
        <source>The change key {key} was already used for a different change.</source>
        <translation>修改标识 {key} 已被另一项不同的修改使用。</translation>
    </message>
    <message>
        <source>The record was changed on the platform (version {current}) after the version this change was made on ({base}).</source>
        <translation>该记录在平台上已被修改（版本 {current}），而这项修改基于较早的版本（{base}）。</translation>
    </message>
    <message>
        <source>The request is larger than the platform accepts ({limit} bytes).</source>
        <translation>请求超过了平台可接受的大小（{limit} 字节）。</translation>
    </message>
    <message>
        <source>The platform cannot read a request body encoded as &quot;{encoding}&quot;.</source>
        <translation>平台无法读取以“{encoding}”编码的请求内容。</translation>
    </message>
    <message>
        <source>The platform does not recognise the sync position &quot;{value}&quot;.</source>
        <translation>平台无法识别同步位置“{value}”。</translation>
    </message>
    <message>
        <source>The request was malformed: {reason}</source>
        <translation>请求格式有误：{reason}</translation>
    </message>
    <message>
        <source>CEB messages may not contain a document type declaration.</source>
        <translation>CEB 报文中不得包含文档类型声明（DOCTYPE）。</translation>
    </message>
    <message>
        <source>The CEB message is not XML: {reason}</source>
        <translation>CEB 报文不是有效的 XML：{reason}</translation>
    </message>
    <message>
        <source>The message is not in the CEB namespace (found &quot;{namespace}&quot;).</source>
        <translation>报文不在 CEB 命名空间中（实际为“{namespace}”）。</translation>
    </message>
    <message>
        <source>The CEB message has no {element} element.</source>
        <translation>CEB 报文缺少 {element} 元素。</translation>
    </message>
    <message>
        <source>The platform does not accept {kind} messages.</source>
        <translation>平台不接受 {kind} 报文。</translation>
    </message>
    <message>
        <source>The platform&apos;s answer could not be understood ({reason}).</source>
        <translation>无法解读平台的答复（{reason}）。</translation>
    </message>
    <message>
        <source>Could not reach the platform at {server} after {attempts} attempts ({reason}). Nothing was lost: the changes wait for the next sync.</source>
        <translation>无法连接到位于 {server} 的平台，已尝试 {attempts} 次（{reason}）。数据没有丢失：修改将在下次同步时发送。</translation>
    </message>
    <message>
        <source>The platform at {server} did not prove its identity (its certificate does not verify): {reason}. If your trainer gave you a CA certificate, set it in the connection settings.</source>
        <translation>位于 {server} 的平台未能证明其身份（证书验证失败）：{reason}。如果培训老师提供了 CA 证书，请在连接设置中指定。</translation>
    </message>
    <message>
        <source>The platform token has expired. Ask your trainer or the platform for a new one and connect again.</source>
        <translation>平台令牌已过期。请向培训老师或平台申请新令牌后重新连接。</translation>
    </message>
    <message>
        <source>The platform at {server} does not accept this token. Check the connection string.</source>
        <translation>位于 {server} 的平台不接受此令牌。请检查连接字符串。</translation>
    </message>
    <message>
        <source>The platform refused the request (HTTP {status}): {detail}</source>
        <translation>平台拒绝了请求（HTTP {status}）：{detail}</translation>
    </message>
    <message>
        <source>Sync was cancelled; what was not sent waits for the next sync.</source>
        <translation>同步已取消；未发送的修改将在下次同步时发送。</translation>
    </message>
    <message>
        <source>The platform token cannot be kept: {reason}</source>
        <translation>无法保存平台令牌：{reason}</translation>
    </message>
    <message>
        <source>The keychain could not be used ({reason}).</source>
        <translation>无法使用系统钥匙串（{reason}）。</translation>
    </message>
    <message>
        <source>Change {id} is not waiting for a decision (it was sent or removed).</source>
        <translation>修改 {id} 不需要处理（已发送或已删除）。</translation>
    </message>
    <message>
        <source>Change {id} is not in conflict with the platform.</source>
        <translation>修改 {id} 与平台没有冲突。</translation>
    </message>
    <message>
        <source>SellerDesk cannot yet take the platform&apos;s version of a {entity} record: keep yours or discard it.</source>
        <translation>SellerDesk 暂时无法采用平台上的 {entity} 记录版本：请保留您的版本或放弃修改。</translation>
    </message>
    <message>
        <source>No platform server is set. Connect first (server address and token, or a connection string).</source>
        <translation>尚未设置平台服务器。请先连接（服务器地址和令牌，或连接字符串）。</translation>
    </message>
    <message>
        <source>The platform&apos;s update of {entity} {uuid} could not be applied here: {reason}</source>
        <translation>无法在本地应用平台对 {entity} {uuid} 的更新：{reason}</translation>
    </message>
    <message>
        <source>A sync is already running; this one was not started.</source>
        <translation>已有同步正在进行，本次未启动。</translation>
    </message>
    <message>
        <source>No token is stored for {server}. Connect first (or pass --token).</source>
        <translation>没有为 {server} 保存令牌。请先连接（或使用 --token）。</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <source>CA certificate file for the platform (optional)</source>
        <translation>平台的 CA 证书文件（可选）</translation>
    </message>
</context>
</TS>
