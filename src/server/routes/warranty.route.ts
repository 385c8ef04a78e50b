import express, { type Request, type Response } from "express";
import { parseTracePathCode } from "../../consumer/consumer-identifier.js";
import { renderErrorPage } from "../../consumer/consumer-page.html.js";
import type { RouteMount } from "../app.js";
import { problemOrLogged, sendJsonProblem, type HttpProblem } from "./http-problem.js";

/** A registration is three short fields: anything bigger is not one. */
const BODY_LIMIT = "4kb";

/**
 * `POST /t/{code}/warranty`: a consumer registers the warranty of the product in hand (保修登记), public like the page.
 * A form post (application/x-www-form-urlencoded, from the page's form) is answered with a redirect back to the page,
 * which then shows the registration; JSON (`{ purchaseDate, regionCode?, phone }`) with the registration as JSON,
 * 201 when written, 200 when the same phone registered it before. The phone number is hashed before anything is
 * stored and never logged: the body is not logged, and no error repeats it.
 */
export const mountWarrantyRoutes: RouteMount = (app, services) => {
  app.post(
    "/t/:code/warranty",
    express.urlencoded({ extended: false, limit: BODY_LIMIT }),
    express.json({ limit: BODY_LIMIT }),
    async (req: Request, res: Response) => {
      res.set("Cache-Control", "no-store");
      const form = Boolean(req.is("application/x-www-form-urlencoded"));
      try {
        const id = parseTracePathCode(String(req.params.code));
        const body = (typeof req.body === "object" && req.body !== null ? req.body : {}) as Record<string, unknown>;
        const registration = await services.afterSales.warranty.register(id, {
          purchaseDate: field(body.purchaseDate),
          regionCode: field(body.regionCode) || null,
          phone: field(body.phone),
        });
        if (form) {
          res.redirect(303, `/t/${encodeURIComponent(id.key)}#warranty`);
          return;
        }
        res.status(registration.duplicate ? 200 : 201).json({ warranty: registration });
      } catch (error) {
        const problem = problemOrLogged(error, services.logger, req);
        if (form) sendFormProblem(res, problem);
        else sendJsonProblem(res, problem);
      }
    },
  );
};

function field(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** The page's form gets a page back: what went wrong, in Chinese and English; the browser's Back returns to the form. */
function sendFormProblem(res: Response, problem: HttpProblem): void {
  res
    .status(problem.status)
    .type("html")
    .send(
      renderErrorPage({
        status: problem.status,
        titleZh: "保修登记未成功",
        titleEn: "Warranty not registered",
        messageZh: chineseReason(problem),
        messageEn: problem.message,
      }),
    );
}

function chineseReason(problem: HttpProblem): string {
  switch (problem.rule ?? problem.code) {
    case "mobile number":
      return "手机号码不正确：请填写 11 位手机号码后重试。";
    case "date":
      return "购买日期不正确：请按 年-月-日 填写。";
    case "not in the future":
      return "购买日期不能晚于今天。";
    case "after production":
      return "购买日期不能早于产品的生产日期。";
    case "GB/T 2260":
      return "地区代码不正确：请填写 6 位行政区划代码，或留空。";
    case "one registration per code":
      return "此码已由另一个手机号码登记保修。如有疑问，请联系生产企业。";
    case "registrable code":
      return "此码不能登记保修：仅限已出厂、状态正常的单件产品码。";
    case "NOT_FOUND":
      return "没有查到这个追溯码对应的产品。";
    default:
      return "保修登记暂时无法完成，请返回后重试。";
  }
}
