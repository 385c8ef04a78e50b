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
      ${hints(view)} ${productSection(view)} ${batchSection(view)} ${scanSection(view)}
      <footer class="muted">
        <p>以上信息由生产企业登记，供消费者查询核对；查看本页不会产生扫码记录。</p>
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
    <p>
      该批次产品已被生产企业召回，请立即停止使用，并联系销售者或生产企业办理退货、更换或维修。${
        view.recall.reason ? html`召回原因：${view.recall.reason}。` : ""
      }
    </p>
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
  return html`<section>
    <h2>批次信息</h2>
    <dl>
      ${row("批号", b?.batchNo)} ${row("生产日期", b?.productionDate)} ${row("批次数量", quantity)}
      ${row("检验结果", b?.inspectionResult)} ${row("生产许可证", b?.licenceNo)} ${row("CCC 证书", b?.cccCertNo)}
      ${row("批次状态", b?.statusText)}
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

function row(label: string, value: string | null | undefined): SafeHtml {
  return html`<dt>${label}</dt>
    <dd>${value ? value : html`<span class="muted">${MISSING}</span>`}</dd>`;
}
