/**
 * Feishu's domain vocabulary, Chinese → English words, for naming rows whose only text is
 * Chinese. Built from the zh/en pairs the real pages give (a `message` column next to a
 * `说明` column: `Talent not exist` / `人才不存在`, `Record not found` / `未找到对应数据`,
 * `rate limit` / `限流`) and the general words of error texts. Text is segmented by
 * longest match, so a compound (`不存在`) wins over its parts (`不`, `存在`).
 *
 * A value of '' marks a particle that carries no meaning in a name (`的`, `了`, `请`).
 * Values are words separated by spaces; they are PascalCased when a name is built.
 * Data only: extend it here when a page uses a word it lacks (test/normalize/glossary.test.ts
 * checks it covers the Chinese-only rows of every sample page).
 */
export const GLOSSARY: Readonly<Record<string, string>> = {
  // Particles and fillers.
  的: '', 了: '', 地: '', 得: '', 着: '', 是: '', 在: '', 请: '', 该: '', 此: '', 这个: '', 那个: '', 一个: '',
  被: '', 将: '', 把: '', 和: 'and', 与: 'with', 及: 'and', 以及: 'and', 或: 'or', 或者: 'or', 也: '', 都: '', 均: '',
  您: '', 你: '', 当前: '', 对应: '', 所: '', 进行: '', 可以: '', 可: '', 能: '', 会: '', 要: '', 需: '', 中的: '',
  已: '', 已经: '', 仍: '', 仍有: '', 仍然: '', 还: '', 正在: '', 之: '', 其: '', 个: '', 条: '', 次: '', 项: '',
  某: '', 些: '', 一些: '', 有: '', 等: '', 对: '', 给: '', 从: 'from', 向: '', 为: '', 时: '', 后: 'after', 前: 'before',
  里: '', 内: '', 上: '', 下: '', 所有: 'all', 全部: 'all', 各: '', 其他: 'other', 其它: 'other', 别的: 'other',
  输入: 'input', 批量: 'batch', 部分: 'some', 指定: '', 相应: '', 详见: '', 参考: '', 建议: '', 稍后: 'later', 重新: '', 出现: '', 发生: '', 导致: '', 造成: '', 引起: '', 例如: '', 比如: '', 可能: '', 由于: '', 因为: '',
  // Outcomes.
  不存在: 'not found', 存在: 'exists', 已存在: 'already exists', 已经存在: 'already exists', 重复: 'duplicate',
  不可重复: 'duplicate', 不能重复: 'duplicate', 未找到: 'not found', 没有找到: 'not found', 找不到: 'not found', 查不到: 'not found',
  失败: 'failed', 成功: 'succeeded', 错误: 'error', 有误: 'invalid', 异常: 'error', 出错: 'error', 报错: 'error',
  无效: 'invalid', 非法: 'invalid', 不合法: 'invalid', 不正确: 'invalid', 不对: 'invalid', 有效: 'valid', 合法: 'valid',
  不匹配: 'mismatch', 不一致: 'mismatch', 匹配: 'match', 一致: 'match', 不支持: 'unsupported', 支持: 'supported',
  不允许: 'not allowed', 禁止: 'forbidden', 拒绝: 'denied', 不可用: 'unavailable', 可用: 'available', 不可: 'cannot',
  不能: 'cannot', 无法: 'cannot', 不得: 'cannot', 不: 'not', 非: 'non', 无: 'no', 没有: 'no', 未: 'not', 缺少: 'missing',
  缺失: 'missing', 为空: 'empty', 空: 'empty', 空值: 'empty value', 必填: 'required', 必须: 'required', 需要: 'required',
  超时: 'timeout', 超过: 'exceeds', 超出: 'exceeds', 超限: 'limit exceeded', 过大: 'too large', 过多: 'too many', 过长: 'too long',
  太长: 'too long', 过短: 'too short', 太短: 'too short', 太大: 'too large', 太多: 'too many', 太频繁: 'too frequent',
  过于频繁: 'too frequent', 频繁: 'frequent', 过期: 'expired', 已过期: 'expired', 失效: 'expired', 已失效: 'expired',
  删除: 'delete', 已删除: 'deleted', 被删除: 'deleted', 已被删除: 'deleted', 停用: 'disabled', 已停用: 'disabled', 禁用: 'disabled',
  启用: 'enabled', 开启: 'enabled', 关闭: 'closed', 锁定: 'locked', 被锁定: 'locked', 保护: 'protected', 被保护: 'protected',
  冲突: 'conflict', 限制: 'limit', 限流: 'rate limited', 上限: 'limit', 下限: 'minimum', 溢出: 'overflow', 不足: 'insufficient',
  繁忙: 'busy', 忙: 'busy', 不稳定: 'unstable', 稳定: 'stable', 中断: 'interrupted', 环状: 'cyclic', 循环: 'cyclic',
  离职: 'resigned', 已离职: 'resigned', 在职: 'employed', 入职: 'onboarding', 将入职: 'onboarding', 录用: 'hired', 冻结: 'frozen',
  保密: 'confidential', 可见: 'visible', 不可见: 'invisible', 隐藏: 'hidden', 未授权: 'unauthorized', 授权: 'authorization',
  未安装: 'not installed', 安装: 'install', 未开通: 'not enabled', 开通: 'enable', 未发布: 'unpublished', 发布: 'publish',
  未配置: 'not configured', 配置: 'config', 未关联: 'not linked', 关联: 'linked', 引用: 'referenced', 被引用: 'referenced',
  在途: 'pending', 处理中: 'processing', 进行中: 'in progress', 审批中: 'pending approval', 导入中: 'importing', 中: '',
  // Actions.
  请求: 'request', 调用: 'call', 访问: 'access', 获取: 'get', 查询: 'query', 读取: 'read', 写入: 'write', 解析: 'parse',
  校验: 'validate', 验证: 'verify', 检查: 'check', 创建: 'create', 新建: 'create', 新增: 'add', 添加: 'add', 增加: 'add',
  更新: 'update', 修改: 'update', 编辑: 'edit', 保存: 'save', 提交: 'submit', 上传: 'upload', 下载: 'download', 导入: 'import',
  导出: 'export', 发送: 'send', 接收: 'receive', 回复: 'reply', 转发: 'forward', 撤回: 'recall', 移除: 'remove', 移动: 'move',
  复制: 'copy', 转移: 'transfer', 同步: 'sync', 加锁: 'lock', 解锁: 'unlock', 挂载: 'mount', 登录: 'login', 登陆: 'login',
  注册: 'register', 绑定: 'bind', 解绑: 'unbind', 邀请: 'invite', 审批: 'approval', 审核: 'review', 分享: 'share', 建立: 'establish',
  连接: 'connection', 响应: 'response', 返回: 'return', 处理: 'process', 操作: 'operation', 执行: 'execute', 使用: 'use',
  设置: 'set', 解析该: 'parse', 生成: 'generate', 计算: 'compute', 匹配到: 'match', 刷新: 'refresh', 重试: 'retry',
  // Things.
  参数: 'param', 入参: 'param', 参数值: 'param value', 字段: 'field', 字段名: 'field name', 字段值: 'field value', 属性: 'property',
  类型: 'type', 格式: 'format', 结构: 'structure', 长度: 'length', 大小: 'size', 数量: 'count', 个数: 'count', 数目: 'count',
  内容: 'content', 数据: 'data', 信息: 'info', 记录: 'record', 名称: 'name', 名字: 'name', 标题: 'title', 编码: 'code', 代码: 'code',
  错误码: 'error code', 状态码: 'status code', 状态: 'status', 版本: 'version', 版本号: 'version', 值: 'value', 范围: 'range',
  时间: 'time', 日期: 'date', 频率: 'rate', 速率: 'rate', 次数: 'count', 配额: 'quota', 额度: 'quota', 字符: 'characters',
  权限: 'permission', 凭证: 'credential', 令牌: 'token', 密钥: 'secret', 签名: 'signature', 身份: 'identity', 鉴权: 'auth',
  认证: 'authentication', 账号: 'account', 账户: 'account', 密码: 'password', 手机号: 'mobile', 邮箱: 'email', 链接: 'link',
  地址: 'url', 域名: 'domain', 接口: 'api', 服务: 'service', 服务端: 'server', 服务器: 'server', 后端: 'backend', 网络: 'network',
  内部: 'internal', 系统: 'system', 平台: 'platform', 开放平台: 'open platform', 开发者后台: 'developer console', 客服: 'support',
  应用: 'app', 应用版本: 'app version', 租户: 'tenant', 企业: 'tenant', 组织: 'organization', 组织架构: 'org structure',
  部门: 'department', 上级: 'parent', 下级: 'child', 子: 'sub', 用户: 'user', 人员: 'employee', 员工: 'employee', 成员: 'member',
  管理员: 'admin', 负责人: 'leader', 主管: 'leader', 群: 'chat', 群组: 'group', 群聊: 'chat', 会话: 'chat', 机器人: 'bot',
  消息: 'message', 卡片: 'card', 飞书卡片: 'card', 回调: 'callback', 事件: 'event', 订阅: 'subscription', 表单: 'form',
  表单项: 'form field', 容器: 'container', 组件: 'component', 交互: 'interaction', 交互组件: 'interactive component',
  模板: 'template', 变量: 'variable', 图片: 'image', 文件: 'file', 文件夹: 'folder', 目录: 'folder', 附件: 'attachment',
  文档: 'document', 云文档: 'document', 表格: 'sheet', 电子表格: 'spreadsheet', 工作表: 'sheet', 单元格: 'cell', 行列: 'row or col',
  行: 'row', 列: 'column', 多维表格: 'base', 数据表: 'table', 视图: 'view', 知识库: 'wiki', 节点: 'node', 空间: 'space',
  日历: 'calendar', 日程: 'event', 会议: 'meeting', 会议室: 'meeting room', 任务: 'task', 清单: 'tasklist', 评论: 'comment',
  审批定义: 'approval definition', 审批实例: 'approval instance', 实例: 'instance', 定义: 'definition', 流程: 'process',
  人才: 'talent', 候选人: 'candidate', 职位: 'job', 简历: 'resume', 来源: 'source', 投递: 'application', 面试: 'interview',
  阶段: 'stage', 招聘: 'recruitment', 招聘需求: 'recruitment request', 异动: 'job change', 成本中心: 'cost center',
  工号: 'employee number', 编制: 'headcount', 岗位: 'position', 序列: 'sequence', 职级: 'job level', 合同: 'contract',
  位置: 'location', 城市: 'city', 国家: 'country', 语言: 'language', 中文: 'chinese', 英文: 'english',
  锁: 'lock', 结果: 'result', 原因: 'reason', 方式: 'method', 方法: 'method', 规则: 'rule', 策略: 'policy', 条件: 'condition',
  对象: 'object', 资源: 'resource', 请求体: 'request body', 响应体: 'response body', 请求头: 'request header', 目标: 'target',
  规定: '', 规定时间: 'time limit', 预期: 'expected', 预期内: 'expected', 正常: 'normal', 最新: 'latest', 相同: 'same',
  不同: 'different', 新: 'new', 旧: 'old', 老: 'old', 其他部门: 'other department', 链接过长: 'link too long',
  // Qualities.
  不是: 'not', 并非: 'not', 正确: 'correct', 错误的: 'wrong', 太老: 'too old', 过低: 'too low', 过高: 'too high',
  重定向: 'redirect', 跳转: 'redirect', 临时: 'temporary', 具体: 'specific', 详情: 'details', 详细: 'detailed',
  加密: 'encrypted', 敏感: 'sensitive', 敏感词: 'sensitive words', 违规: 'violation', 风险: 'risk', 安全: 'security',
  // Grown from the sample pages' untranslated first clauses (test/normalize/glossary.test.ts lists them).
  是否: '', 能够: '', 所选: 'selected', 个人: 'personal', 新版: 'new', 传入: 'input', 传参: 'param', 通过: 'via', 同一: 'same', 同一个: 'same',
  同: 'same', 单元: 'unit', 人: 'person', 人数: 'headcount', 数: 'count', 数字: 'number', 数值: 'value', 规划: 'plan',
  编制规划: 'headcount plan', 分页: 'page', 页面: 'page', 确认: 'confirm', 并发: 'concurrent', 包含: 'contains', 维度: 'dimension',
  加急: 'urgent', 开关: 'switch', 申请: 'apply', 确保: '', 并确保: '', 符合: 'conform', 跨: 'cross', 解散: 'disband',
  联系: 'contact', 要求: 'requirement', 排序: 'sort', 加入: 'join', 属于: 'belongs to', 邮件: 'email', 问题: 'problem',
  准确: 'accurate', 单聊: 'p2p chat', 过快: 'too fast', 高级: 'advanced', 如果: 'if', 按照: 'per', 允许: 'allowed', 明细: 'details',
  集: 'set', 填报: '', 填写: '', 加载: 'load', 推送: 'push', 触发: 'trigger', 尝试: 'try', 涉及: 'involves', 话题: 'topic',
  通讯录: 'contacts', 提供: 'provide', 最大: 'max', 性别: 'gender', 主岗: 'primary position', 直属: 'direct', 根: 'root',
  多: 'multiple', 自己: 'self', 打开: 'open', 头像: 'avatar', 一般: 'general', 模块: 'module', 小程序: 'mini program',
  至: 'to', 枚举: 'enum', 广告: 'ad', 官网: 'website', 编号: 'number', 音频: 'audio', 发起: 'initiate', 解释: 'explain',
  副本: 'copy', 秒: 'seconds', 唯一标识: 'unique id', 唯一: 'unique', 逻辑: 'logic', 回传: 'return', 屏蔽名单: 'blocklist',
  职务: 'title', 超编: 'over headcount', 幂等: 'idempotent', 调整: 'adjust', 数据库: 'database', 未知: 'unknown',
  序列化: 'serialize', 反序列化: 'deserialize', 批次: 'batch', 预估: 'estimate', 查看: 'view', 裁剪: 'crop', 客户端: 'client',
  达到: 'reached', 召回: 'recall', 封禁: 'banned', 频控: 'rate limit', 公告: 'announcement', 基础: 'basic', 真实: 'real',
  商店: 'store', 顶级: 'top level', 角色: 'role', 套餐: 'plan', 只允许: 'only allowed', 指明: 'specify', 设定: 'set',
  来自: 'from', 本身: 'itself', 至少: 'at least', 最多: 'at most', 虚拟: 'virtual', 飞书: 'feishu', 技术支持: 'tech support',
  技术: 'tech', 不在: 'not in', 安全域名: 'secure domain', 遵循: 'follow', 未遵循: 'not following', 标准: 'standard',
  没找到: 'not found', 未能: 'cannot', 知道: 'know', 选择: 'select', 选项: 'option', 码: 'code', 版: 'version', 本: '',
  // Grown from the Server API snapshot's Chinese-only rows (CoreHR, Hire, …) that were still named `Code<N>`.
  工作: 'work', 工作邮箱: 'work email', 地点: 'location', 办公: 'office', 办公地点: 'office location', 办公地址: 'office address', 工作地点: 'work location', 入职地点: 'onboarding location', 入职地址: 'onboarding address', 待: '', 待入职: 'pre hire', 待入职人员: 'pre hire', 用途: 'purpose', 关系: 'relation', 关联关系: 'association', 查找: 'lookup', 标签: 'tag', 社保: 'social security', 社保城市: 'social security city', 分摊比例: 'allocation ratio', 分摊: 'allocation', 国籍: 'nationality', 主国籍: 'primary nationality', 默认: 'default', 表: 'table', 完成: 'completed', 已完成: 'completed', 雇佣: 'employment', 证件号: 'id number', 证件号码: 'id number', 于: '', 完整: 'complete', 不完整: 'incomplete', 自动: 'auto', 自动编码: 'auto numbering', 公民: 'citizen', 公民身份: 'citizenship', 职: 'job', 事: '', 专业: 'major', 签: 'sign', 加签: 'add signer', 转交: 'transfer', 期限: 'term', 签订: 'signing', 公司主体: 'legal entity', 公司: 'company', 大于: 'greater than', 小于: 'less than', 小于等于: 'at most', 大于等于: 'at least', 等于: 'equal', 国际区号: 'country code', 填: 'fill', 公积金: 'housing fund', 缴纳: 'payment', 缴纳地: 'payment location', 据: '', 根据: 'per', 结束: 'end', 开始: 'start', 长: 'length', 时长: 'duration', 驻留: 'residency', 数据驻留地: 'data residency', 暂: '', 前缀: 'prefix', 继承: 'inherit', 否: 'no', 成: '', 电话: 'phone', 尚: '', 尚未: 'not yet', 实习: 'internship', 三方协议: 'tripartite agreement', 维护: 'maintain', 猎头: 'headhunter', 合作: 'cooperation', 毕业: 'graduation', 类别: 'category', 级别: 'level', 亮点: 'highlight', 目: '', 适用于: 'applies to', 实体: 'entity', 只: 'only', 合规: 'compliance', 缺: 'missing', 撤销: 'revoke', 发: 'send', 每天: 'daily', 总: 'total', 转换: 'convert', 自: 'from', 样: '', 关注: 'follow', 提醒: 'reminder', 职等: 'job grade', 邮箱前缀: 'email prefix', 或签: 'or sign', 雇佣类型: 'employment type', 期限类型: 'term type', 签订类型: 'signing type', 项目: 'project',
  // Units after a number in a limit: the number stays, the unit adds nothing.
  万: '', 百万: '', 亿: '', 字: 'characters', 个字符: 'characters',
};
