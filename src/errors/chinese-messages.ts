import { ErrorCode } from "./error-code.js";

/**
 * Error messages in Chinese for callers that prefer it (`Accept-Language: zh`). Messages are built from what every
 * error carries (its code, and for bad input the field and the rule it broke), so each message of the code base
 * needs no second spelling; the English message stays in `extensions.englishMessage` for logs and support.
 */

/** Field names as a Chinese form labels them; `input.` and list indexes are dropped before the lookup. */
const FIELDS: Readonly<Record<string, string>> = {
  after: "分页游标",
  batchId: "批次",
  batchNo: "批次号",
  brand: "品牌",
  category: "产品类别",
  cccCertNo: "CCC 证书编号",
  children: "子码",
  code: "追溯码",
  codes: "追溯码",
  dest: "回调地址",
  codeType: "码类型",
  components: "原材料/部件",
  copies: "份数",
  groupBy: "分组方式",
  size: "图片尺寸",
  count: "数量",
  eventType: "事件类型",
  expand: "展开的分组",
  expiresAt: "到期时间",
  extended: "扩展信息",
  fields: "标签内容",
  format: "标签规格",
  labelHeight: "标签高度",
  labelWidth: "标签宽度",
  columns: "标签列数",
  rows: "标签行数",
  fromOrganizationId: "发货方",
  groupAbove: "分组阈值",
  gtin: "商品条码（GTIN）",
  id: "编号",
  inspectionAgency: "检验机构",
  inspectionDate: "检验日期",
  inspectionReportNo: "检验报告编号",
  inspectionResult: "出厂检验结论",
  issueId: "赋码批次",
  licenceNo: "生产许可证编号",
  limit: "数量上限",
  manufacturerId: "生产企业（统一社会信用代码）",
  maxDepth: "追溯深度",
  model: "型号规格",
  name: "名称",
  organizationId: "组织",
  document: "EPCIS 文档",
  identifiers: "组织标识",
  uscc: "统一社会信用代码",
  glns: "全球位置码（GLN）",
  motherLength: "母码长度",
  motherLengths: "各母码长度",
  lengthUnit: "长度单位",
  parentCode: "母码",
  parentLength: "母码长度",
  productId: "产品",
  recallCode: "召回码",
  productionDate: "生产日期",
  quantity: "数量",
  reason: "原因",
  regionCode: "行政区划代码",
  role: "角色",
  scannedAt: "扫码时间",
  schedule: "订阅计划",
  signatureToken: "签名令牌",
  stream: "实时推送",
  shippedAt: "发货时间",
  standardNo: "执行标准",
  toOrganizationId: "收货方",
  traceMode: "赋码方式",
  unit: "单位",
  phone: "手机号码",
  purchaseDate: "购买日期",
  warrantyMonths: "保修期（月）",
  warrantyTerms: "售后条款",
  partnerId: "售后服务商",
  kind: "服务类型",
  note: "备注",
  performedAt: "服务时间",
  serviceId: "服务编号",
  "contact.servicePhone": "客服电话",
  "contact.address": "地址",
  "contact.website": "网站",
};

/** What each rule means, said of the field. */
const RULES: Readonly<Record<string, string>> = {
  required: "为必填项，不能为空",
  "non-empty": "不能为空",
  positive: "必须大于 0",
  range: "超出允许范围",
  "not in the future": "不能晚于当前时间",
  future: "不能晚于当前时间",
  "product category": "不是重点产品类别目录中的代码或名称（见 productCategories）",
  "inspection result": "须以“合格”“不合格”或“待检”开头",
  "required for category": "为该产品类别的必填项",
  format: "格式不正确",
  uscc: "不是有效的统一社会信用代码",
  "GB 32100 check character": "不是有效的统一社会信用代码（校验位错误，GB 32100-2015）",
  "GS1 check digit": "校验位错误（GS1）",
  "GS1 lot": "不是有效的 GS1 批号（最多 20 个字符）",
  GTIN: "不是有效的商品条码",
  "standard number": "不是有效的标准编号，例如 GB/T 12706.1-2020",
  "product id": "只能使用 1-64 个字母、数字、“.”“_”或“-”",
  "plain text": "不能包含控制字符",
  isLength: "长度超出限制",
  arrayMaxSize: "条目过多",
  depth: "嵌套层级过深",
  cursor: "不是本列表给出的游标",
  "registered organisation": "不是已登记的组织",
  "manufacturer role": "不是已登记的生产企业",
  "EPCIS 2.0 document": "无效，未采集任何事件（各事件的问题见 errors）",
  "maker has a USCC": "尚未登记统一社会信用代码，请先为该企业添加统一社会信用代码（addOrganizationIdentifiers）",
  "organisation identifier": "不是统一社会信用代码或参与方全球位置码（GLN）",
  "mothers within batch quantity": "合计超过批次数量：同一批次各母码长度之和不能超过批次数量",
  "mother lengths": "的个数与母码数量不符",
  "only for MOTHER codes": "只适用于母码（子母码）",
  "one of motherLength, motherLengths": "与各母码长度只能填写其一",
  "GB/T 2260": "不是有效的行政区划代码（GB/T 2260）",
  "trace mode": "与产品的赋码方式不符",
  "code type of trace mode": "与产品的赋码方式不符",
  "no overlap": "分段不能重叠",
  "within parent length": "不能超出母码长度",
  "segment range": "分段起止不正确",
  "length unit": "不是长度单位",
  "no cycle": "不能形成循环",
  object: "不是可追溯的对象",
  date: "不是有效日期",
  number: "不是有效数字",
  JSON: "不是有效的 JSON",
  "mobile number": "不是有效的 11 位手机号码",
  "after production": "不能早于生产日期",
  "phone number": "不是有效的电话号码，例如 400-820-8820",
  "http(s) URL": "不是有效的网址（http 或 https）",
  "service id": "只能使用 1-100 个字母、数字、“.”“_”“:”或“-”",
  "one filter": "与批次须且只须给出一项",
  "at most 200 characters": "不能超过 200 个字符",
  "at most 1000 characters": "不能超过 1000 个字符",
  "at most 2000 characters": "不能超过 2000 个字符",
  "label format": "须为 a4，或以毫米表示的卷装标签尺寸（宽x高），例如 40x30、50x30、60x40、100x70",
  "sheet layout only": "只适用于 A4 标签纸（format=a4），不适用于卷装标签",
  "QR symbol fits the label": "太小，放不下 203 dpi 热敏打印机可打印的二维码；请加大标签或减少标签内容",
  "label fields": "只能是 qr、code、name、model、batch、date、maker、type、range 中的一项或多项（以逗号分隔）",
  url: "不是有效的 http(s) 地址",
  "allowed webhook host": "不在允许的回调主机列表（WEBHOOK_ALLOWED_HOSTS）中",
  "stream or schedule": "须设置 stream: true 或 schedule 二者之一",
  "cron field": "不是有效的计划字段（数值、列表、范围或步长）",
  "query name": "只能使用 1-100 个字母、数字、“.”“_”“~”或“-”",
  unique: "已存在同名记录",
  "exactly one of batchId, recallCode": "与召回码（recallCode）须且只须给出一项",
};

/** Messages of the codes whose English text names no field the caller needs (the rule, when known, is added). */
const CODES: Readonly<Record<string, string>> = {
  [ErrorCode.NOT_FOUND]: "所请求的对象不存在",
  [ErrorCode.CONFLICT]: "已存在相同标识的记录，不能重复创建",
  [ErrorCode.FORBIDDEN]: "无权执行此操作",
  [ErrorCode.UNAUTHENTICATED]: "缺少凭证，或凭证无效、已过期、已吊销",
  [ErrorCode.SERVICE_UNAVAILABLE]: "服务暂时不可用，请稍后重试",
  [ErrorCode.TIMEOUT]: "处理超时，请稍后重试",
  [ErrorCode.QUERY_TOO_COMPLEX]: "查询过于复杂（深度、别名或成本超出限制）",
  [ErrorCode.RATE_LIMITED]: "请求过于频繁，请稍后重试",
  [ErrorCode.PAYLOAD_TOO_LARGE]: "请求内容过大",
  [ErrorCode.BAD_REQUEST]: "无法读取请求内容",
  [ErrorCode.INTERNAL_SERVER_ERROR]: "服务器内部错误",
  GRAPHQL_PARSE_FAILED: "GraphQL 语法错误",
  UNSUPPORTED_MEDIA_TYPE: "不支持的内容类型：请以 application/json 或 application/ld+json 发送",
  GRAPHQL_VALIDATION_FAILED: "GraphQL 查询与接口定义不符",
};

/** Reasons of FORBIDDEN answers a maker meets in the producer's flow. */
const FORBIDDEN_RULES: Readonly<Record<string, string>> = {
  "frozen after release": "批次已出厂，信息已冻结；请使用出厂后更正（correctReleasedBatch）",
  "corrections only after release": "批次尚未出厂，请直接修改",
  "release needs inspection 合格": "出厂检验结论不是“合格”，批次不能出厂",
  "codes before release": "批次尚未赋码，不能出厂",
  recalled: "批次已召回",
  "recall after release": "只有已出厂的批次才能召回",
  "before release": "批次已出厂，不能再赋码",
  "write table": "当前角色无权进行此项修改",
  "own shipments": "只能登记本单位发出的货物",
  "acts in the event": "文档中有不属于本单位参与的事件",
  "maker only": "仅限该产品的生产企业",
  "holder acknowledges": "召回通知只能由收到通知的单位确认",
  "registrable code": "此码不能登记保修：仅限已出厂、正常状态的单件产品码",
  "maker or authorised service partner": "仅限生产企业或其授权的售后服务商登记售后服务",
  "own organisation": "只能为本单位操作",
  "regulator or maker": "追溯报告仅限监管部门和该批次的生产企业",
};

/** Reasons of CONFLICT answers (an identity already taken). */
const CONFLICT_RULES: Readonly<Record<string, string>> = {
  "identifier of one organisation": "该标识（统一社会信用代码或 GLN）已属于另一个组织",
  "one USCC per organisation": "该组织已有统一社会信用代码，一个组织只能有一个",
};

function fieldName(field: string): string {
  const bare = field.replace(/^input\./, "").replace(/\[\d+\]$/, "");
  const index = /\[(\d+)\]$/.exec(field)?.[1];
  const name = FIELDS[bare] ?? bare;
  return index === undefined ? name : `${name}（第 ${Number(index) + 1} 项）`;
}

/** The Chinese message for an error with this code and extensions; null when it has no code we know. */
export function chineseMessage(code: string, extensions: Readonly<Record<string, unknown>>): string | null {
  const field = typeof extensions.field === "string" ? extensions.field : null;
  const rule = typeof extensions.rule === "string" ? extensions.rule : null;
  if (code === ErrorCode.BAD_USER_INPUT) {
    const range = rule === null ? null : /^range (.+)$/.exec(rule)?.[1];
    const said =
      rule === null ? "输入有误" : range ? `超出允许范围（${range}）` : (RULES[rule] ?? `输入有误（${rule}）`);
    return field === null ? `输入有误：${said}` : `${fieldName(field)}${said}`;
  }
  if (code === ErrorCode.FORBIDDEN && rule !== null && FORBIDDEN_RULES[rule]) return FORBIDDEN_RULES[rule];
  if (code === ErrorCode.CONFLICT && rule !== null && CONFLICT_RULES[rule]) return CONFLICT_RULES[rule];
  return CODES[code] ?? null;
}

/** Whether an Accept-Language header prefers Chinese: its highest-weighted language is `zh` or a `zh-*` tag. */
export function prefersChinese(acceptLanguage: string | undefined): boolean {
  if (!acceptLanguage) return false;
  let best = { tag: "", q: -1 };
  for (const part of acceptLanguage.split(",")) {
    const [tag = "", ...params] = part.trim().split(";");
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (Number.isFinite(q) && q > best.q) best = { tag: tag.trim().toLowerCase(), q };
  }
  return best.q > 0 && (best.tag === "zh" || best.tag.startsWith("zh-"));
}
