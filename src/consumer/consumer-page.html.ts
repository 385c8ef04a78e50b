import { chinaTime } from "./china-time.js";
import type { ConsumerView } from "./consumer-view.js";
import { html, SafeHtml } from "./html.js";

/**
 * The consumer page (what a phone shows after scanning): one self-contained document, inline CSS only, no scripts,
 * no external assets, so it loads on a weak connection and the Content-Security-Policy can forbid everything else.
 */
const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#f3f5f7;color:#1d2329;font:16px/1.6 -apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif}
main{max-width:640px;margin:0 auto;padding:12px}
header,section{background:#fff;border-radius:10px;padding:14px 16px;margin:0 0 12px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
h1{font-size:1.3em;margin:0 0 6px}
h2{font-size:1.05em;margin:0 0 8px;color:#37414b}
.code{font-family:ui-monospace,Menlo,Consolas,monospace;letter-spacing:.04em;word-break:break-all}
.muted{color:#68727d;font-size:.9em}
dl{margin:0;display:grid;grid-template-columns:7.5em 1fr;gap:6px 10px}
dt{color:#68727d}
dd{margin:0;word-break:break-word}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:.9em;background:#e8edf2}
.badge.ACTIVE{background:#e3f4e8;color:#17663a}
.badge.VOID,.badge.RECALLED,.badge.FAILED_INSPECTION{background:#fde8e8;color:#a11d1d}
.badge.NOT_RELEASED{background:#fff4d6;color:#7a5300}
ul.hints{list-style:none;margin:0;padding:0}
ul.hints li{padding:8px 10px;border-radius:8px;margin:0 0 6px;background:#eef4fb}
ul.hints li.warning{background:#fff4d6}
ul.hints li.danger{background:#fde8e8;color:#8a1414}
.recall{background:#b3261e;color:#fff}
.recall h2{color:#fff;font-size:1.2em}
table{width:100%;border-collapse:collapse;font-size:.95em}
th,td{text-align:left;padding:4px 2px;border-bottom:1px solid #edf0f2}
td.n{text-align:right}
footer{padding:4px 4px 24px}
.query{border-left:4px solid #17663a}
.query.REPEATED{border-left-color:#c98a00}
.query.SUSPICIOUS{border-left-color:#b3261e}
.query p{margin:0}
.query .big{font-size:1.1em;font-weight:600}
.tel{font-size:1.1em;font-weight:600;color:#0b57d0;text-decoration:none}
ul.items{list-style:none;margin:0;padding:0}
ul.items li{padding:6px 0;border-bottom:1px solid #edf0f2}
.terms{white-space:pre-line}
form label{display:block;margin:8px 0 2px;color:#37414b}
form input{width:100%;font:inherit;padding:8px 10px;border:1px solid #c8d0d8;border-radius:8px;background:#fff}
form button{margin-top:12px;width:100%;font:inherit;font-weight:600;padding:10px;border:0;border-radius:8px;background:#17663a;color:#fff}
.ok{color:#17663a;font-weight:600}
.expired{color:#a11d1d;font-weight:600}
@media (min-width:480px){dl{grid-template-columns:9em 1fr}}
`;

/** The stylesheet is a constant of ours, the one piece of markup not built by `html`. */
const STYLE_HTML = new SafeHtml(STYLE);

const MISSING = "未提供";

export function renderConsumerPage(view: ConsumerView): string {
  const title = view.product?.name || "产品追溯信息";
  return page(
    `${title} · 产品追溯`,
    html`${recallNotice(view)}
      <header>
        <h1>${title}</h1>
        <div class="muted">追溯码 <span class="code">${view.printedCode}</span></div>
        ${codeStatus(view)}
      </header>
      ${querySection(view)} ${hints(view)} ${productSection(view)} ${segmentSection(view)} ${contentsSection(view)}
      ${batchSection(view)} ${warrantySection(view)} ${makerSection(view)} ${scanSection(view)}
      <footer class="muted">
        <p>以上信息由生产企业登记，供消费者查询核对。</p>
        <p>查看本页会记录一次匿名查询（不保存您的个人信息），用于防伪验证和统计。</p>
        <p>标识：<span class="code">${view.key}</span></p>
      </footer>`,
  );
}

/** 404 and 400 pages: bilingual, because a wrong code may come from anywhere. */
export function renderErrorPage(error: {
  status: number;
  titleZh: string;
  titleEn: string;
  messageZh: string;
  messageEn: string;
  detail?: string;
}): string {
  return page(
    `${error.titleZh} / ${error.titleEn}`,
    html`<section>
      <h1>${error.titleZh}</h1>
      <p>${error.messageZh}</p>
      <h2 lang="en">${error.titleEn}</h2>
      <p lang="en">${error.messageEn}</p>
      ${error.detail ? html`<p class="muted code">${error.detail}</p>` : ""}
      <p class="muted">HTTP ${error.status}</p>
    </section>`,
  );
}

function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title}</title>
        <style>
          ${STYLE_HTML}
        </style>
      </head>
      <body>
        <main>${body}</main>
      </body>
    </html>`.value;
}

function recallNotice(view: ConsumerView): SafeHtml | string {
  if (!view.recall) return "";
  return html`<section class="recall" role="alert">
    <h2>召回通知</h2>
    <p>该批次产品已被生产企业召回。${view.recall.reason ? html`召回原因：${view.recall.reason}。` : ""}</p>
    <p><strong>您需要做什么：</strong>${view.recall.advice}</p>
    ${view.recall.at ? html`<p>召回时间：${chinaTime(view.recall.at)}</p>` : ""}
  </section>`;
}

function codeStatus(view: ConsumerView): SafeHtml | string {
  if (!view.code || !view.verdict) return "";
  return html`<div>码状态 <span class="badge ${view.verdict.status}">${view.verdict.text}</span></div>`;
}

function hints(view: ConsumerView): SafeHtml | string {
  if (view.hints.length === 0) return "";
  return html`<section>
    <h2>防伪提示</h2>
    <ul class="hints">
      ${view.hints.map((hint) => html`<li class="${hint.level}">${hint.text}</li>`)}
    </ul>
  </section>`;
}

function productSection(view: ConsumerView): SafeHtml {
  const p = view.product;
  return html`<section>
    <h2>产品信息</h2>
    <dl>
      ${row("生产企业", view.producer?.name)} ${row("产品名称", p?.name)} ${row("品牌", p?.brand)}
      ${row("型号规格", [p?.model, p?.spec].filter(Boolean).join(" / "))} ${row("产品类别", p?.category)}
      ${row("执行标准", p?.standardNo)}
    </dl>
  </section>`;
}

function batchSection(view: ConsumerView): SafeHtml {
  const b = view.batch;
  const quantity = b?.quantity != null ? `${b.quantity}${b.unit ? ` ${b.unit}` : ""}` : null;
  // A segment's batch quantity is the whole production run, not this piece: say so.
  return html`<section>
    <h2>批次与检验</h2>
    <dl>
      ${row("批号", b?.batchNo)} ${row("生产日期", b?.productionDate)}
      ${row(view.segment ? "批次总量" : "批次数量", quantity)} ${row("检验结果", b?.inspectionResult)}
      ${optionalRow("检验报告编号", b?.inspectionReportNo)} ${optionalRow("检验机构", b?.inspectionAgency)}
      ${optionalRow("检验日期", b?.inspectionDate)} ${row("生产许可证", b?.licenceNo)} ${row("CCC 证书", b?.cccCertNo)}
      ${row("批次状态", b?.statusText)}
    </dl>
  </section>`;
}

function querySection(view: ConsumerView): SafeHtml {
  const q = view.queries;
  return html`<section class="query ${q.verdict}">
    <h2>查询验证</h2>
    <p class="big">${q.verdict === "FIRST" ? "首次查询" : q.verdict === "REPEATED" ? "重复查询" : "查询异常"}</p>
    <p>${q.text}</p>
  </section>`;
}

function segmentSection(view: ConsumerView): SafeHtml | string {
  const s = view.segment;
  if (!s) return "";
  const unit = s.unit ? ` ${s.unit}` : "";
  return html`<section>
    <h2>本段信息</h2>
    <dl>
      ${row("本段区间", `${s.start}${unit} – ${s.end}${unit}`)} ${row("本段长度", `${s.length}${unit}`)}
      ${row("所属母码", s.parentCode)}
    </dl>
  </section>`;
}

function contentsSection(view: ConsumerView): SafeHtml | string {
  const c = view.contents;
  if (!c) return "";
  const more = c.count > c.items.length ? html`<p class="muted">另有 ${c.count - c.items.length} 项未列出。</p>` : "";
  return html`<section>
    <h2>包装内容（共 ${c.count} 项）</h2>
    <ul class="items">
      ${c.items.map(
        (item) =>
          html`<li>
            <span class="code">${item.printedCode}</span>
            ${item.product ? html`<div>${[item.product, item.model].filter(Boolean).join(" / ")}</div>` : ""}
            ${
              item.range
                ? html`<div class="muted">
                    区间 ${item.range.start}–${item.range.end}${item.range.unit ? ` ${item.range.unit}` : ""}，长度
                    ${item.range.length}${item.range.unit ? ` ${item.range.unit}` : ""}
                  </div>`
                : ""
            }
          </li>`,
      )}
    </ul>
    ${more}
  </section>`;
}

function warrantySection(view: ConsumerView): SafeHtml {
  const p = view.product;
  const w = view.warranty;
  const r = w.registration;
  return html`<section id="warranty">
    <h2>保修与售后</h2>
    <dl>
      ${row("保修期", w.months !== null ? `${w.months} 个月（自购买之日起）` : null)}
      ${
        p?.warrantyTerms
          ? html`<dt>售后条款</dt>
              <dd class="terms">${p.warrantyTerms}</dd>`
          : ""
      }
    </dl>
    ${
      r
        ? html`<p class="ok">已登记保修</p>
            <dl>
              ${row("购买日期", r.purchaseDate)} ${row("登记时间", chinaTime(r.registeredAt))}
              ${row("保修至", r.validUntil ?? "以生产企业说明为准")} ${row("登记手机", `尾号 ${r.phoneLast4}`)}
            </dl>
            ${r.inForce === false ? html`<p class="expired">保修期已过。</p>` : ""}`
        : w.open
          ? warrantyForm(view)
          : ""
    }
  </section>`;
}

function warrantyForm(view: ConsumerView): SafeHtml {
  return html`<form method="post" action="/t/${view.printedCode}/warranty">
    <p class="muted">登记后享受生产企业的保修服务。手机号只保存加密摘要和尾号四位，不会公开。</p>
    <label for="purchaseDate">购买日期</label>
    <input id="purchaseDate" name="purchaseDate" type="date" required />
    <label for="regionCode">购买地区代码（6 位行政区划代码，选填）</label>
    <input id="regionCode" name="regionCode" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" />
    <label for="phone">手机号码</label>
    <input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" required maxlength="20" />
    <button type="submit">登记保修</button>
  </form>`;
}

function makerSection(view: ConsumerView): SafeHtml | string {
  const m = view.producer;
  if (!m) return "";
  return html`<section>
    <h2>联系生产企业</h2>
    <dl>
      ${row("生产企业", m.name)}
      <dt>客服电话</dt>
      <dd>
        ${
          m.servicePhone
            ? html`<a class="tel" href="tel:${m.servicePhone.replace(/[^0-9+]/g, "")}">${m.servicePhone}</a>`
            : html`<span class="muted">${MISSING}</span>`
        }
      </dd>
      ${optionalRow("地址", m.address)} ${optionalRow("网站", m.website)}
    </dl>
  </section>`;
}

function scanSection(view: ConsumerView): SafeHtml {
  const { total, regions } = view.scans;
  return html`<section>
    <h2>扫码记录</h2>
    <p>
      ${
        total === 0
          ? "暂无扫码记录。"
          : html`共 ${total} 次，首次 ${chinaTime(view.scans.first ?? "")}，最近 ${chinaTime(view.scans.last ?? "")}。`
      }
    </p>
    ${
      regions.length > 0
        ? html`<table>
            <thead>
              <tr>
                <th>地区</th>
                <th>次数</th>
                <th>最近扫码</th>
              </tr>
            </thead>
            <tbody>
              ${regions.map(
                (r) =>
                  html`<tr>
                    <td>${r.regionName}</td>
                    <td class="n">${r.scans}</td>
                    <td>${chinaTime(r.last)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : ""
    }
  </section>`;
}

/** A row shown only when the maker entered the value. */
function optionalRow(label: string, value: string | null | undefined): SafeHtml | string {
  return value ? row(label, value) : "";
}

function row(label: string, value: string | null | undefined): SafeHtml {
  return html`<dt>${label}</dt>
    <dd>${value ? value : html`<span class="muted">${MISSING}</span>`}</dd>`;
}
