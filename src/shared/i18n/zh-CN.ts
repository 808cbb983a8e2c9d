/** The zh-CN catalogue is the source: every key here must exist in every other language. */
export const zhCN = {
  // HTTP-level errors
  'http.bad_request': '请求无效',
  'http.invalid_json': '请求体不是有效的 JSON',
  'http.payload_too_large': '请求体过大（上限 {{limit}}）',
  'http.unsupported_media_type': '不支持的内容类型：{{type}}',
  'http.not_found': '接口不存在：{{method}} {{url}}',
  'http.too_many_requests': '请求过于频繁，请 {{seconds}} 秒后再试',
  'http.internal': '服务器内部错误，请稍后再试（请求编号 {{requestId}}）',
  'system.db_unavailable': '数据库暂不可用，请稍后再试',
  'system.read_only_demo': '演示模式仅允许在本机地址运行',

  // Validation (one message per field issue; all issues are returned at once)
  'validation.failed': '提交的内容有 {{count}} 处错误',
  'validation.required': '此项必填',
  'validation.invalid_type': '格式不正确',
  'validation.too_small_string': '至少 {{minimum}} 个字符',
  'validation.too_big_string': '最多 {{maximum}} 个字符',
  'validation.too_small_number': '不能小于 {{minimum}}',
  'validation.too_big_number': '不能大于 {{maximum}}',
  'validation.too_small_array': '至少选择 {{minimum}} 项',
  'validation.too_big_array': '最多选择 {{maximum}} 项',
  'validation.invalid_value': '取值无效，可选：{{options}}',
  'validation.invalid_format': '格式不正确',
  'validation.unrecognized_keys': '不认识的字段：{{keys}}',
  'validation.phone': '请输入有效的中国大陆手机号（11 位，以 1 开头）',
  'validation.id_card': '身份证号无效（18 位，校验位须符合 GB 11643）',
  'validation.username': '用户名须为 3–32 位字母、数字、“-”或“_”，以字母开头',
  'validation.password': '密码至少 8 位，且须同时包含字母和数字',
  'validation.region_code': '行政区划代码须为 6 位数字',

  // Authentication and sessions
  'auth.invalid_credentials': '用户名或密码错误',
  'auth.unauthenticated': '请先登录',
  'auth.session_expired': '登录已过期，请重新登录',
  'auth.forbidden': '没有权限执行此操作',
  'auth.account_disabled': '账号已停用，请联系管理员',
  'auth.too_many_attempts': '登录失败次数过多，请 {{minutes}} 分钟后再试',

  // Accounts
  'accounts.user_not_found': '用户不存在',
  'accounts.username_taken': '用户名“{{username}}”已被使用',
  'accounts.phone_taken': '该手机号已被其他账号使用',
  'accounts.login_required': '用户名和手机号至少填写一项',
  'accounts.scope_required': '工作人员账号必须指定所属工会',
  'accounts.scope_outside': '只能在本工会管辖范围内管理账号',
  'accounts.role_not_allowed': '无权授予角色：{{role}}',
  'accounts.role_union_mismatch': '角色“{{role}}”与所选工会的层级不符（省级工作人员须属于省总工会，市/区县工作人员须属于市或区县工会）',
  'accounts.cannot_disable_self': '不能停用自己的账号',
  'accounts.reason_required': '查看完整个人信息须填写事由',

  // Enterprises
  'validation.credit_code': "统一社会信用代码无效（18 位，校验位须符合 GB 32100-2015）",
  'validation.industry': "行业须为 GB/T 4754-2017 的门类（A–T）或大类（两位数字）",
  'enterprises.not_found': "企业不存在",
  'enterprises.credit_code_taken': "统一社会信用代码 {{code}} 已登记为“{{name}}”，不能重复登记",
  'enterprises.region_not_county': "企业所在地须为区县级行政区划（如 500106 沙坪坝区）",
  'enterprises.division_mismatch': "行业大类 {{division}} 不属于门类 {{section}}",
  'enterprises.key_fields_locked': "企业名称、信用代码和所在地由工会工作人员修改",
  'enterprises.reason_required': "驳回时须填写原因",
  'enterprises.member_not_found': "没有这条关联申请",

  // Organisations
  'orgs.region_not_found': '行政区划 {{code}} 不存在',
  'orgs.union_not_found': '工会不存在',

  // Roles
  'role.admin': '平台管理员',
  'role.federation_staff': '省级工会工作人员',
  'role.union_staff': '市/区县工会工作人员',
  'role.employer': '企业用户',
  'role.seeker': '求职者/职工',
  'role.judge': '裁判',
  'role.chief_judge': '裁判长',
} as const;

export type MessageKey = keyof typeof zhCN;
