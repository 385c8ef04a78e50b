import { GS1_CANONICAL_ORIGIN, epcOfKey } from "../codes/index.js";
import type { ConsumerView } from "./consumer-view.js";

/** GS1 Web Vocabulary link types this resolver answers (GS1-Conformant Resolver standard, RFC 9264 linksets). */
export const LINK_TYPES = {
  defaultLink: "https://gs1.org/voc/defaultLink",
  pip: "https://gs1.org/voc/pip",
  traceability: "https://gs1.org/voc/traceability",
  epcis: "https://gs1.org/voc/epcis",
  recallStatus: "https://gs1.org/voc/recallStatus",
} as const;

export const LINKSET_MEDIA_TYPE = "application/linkset+json";

interface Link {
  href: string;
  title: string;
  type: string;
  hreflang?: string[];
}

export interface Linkset {
  linkset: ({ anchor: string; description?: string } & Record<string, Link[] | string>)[];
}

/**
 * The URL an object resolves at on our host: a trace code's QR URL (`/t/{code}`), a GS1 key's Digital Link path
 * (`/01/{gtin}/21/{serial}`, the canonical key's path).
 */
export function resolverUrl(baseUrl: string, key: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  return key.startsWith(`${GS1_CANONICAL_ORIGIN}/`)
    ? base + key.slice(GS1_CANONICAL_ORIGIN.length)
    : epcOfKey(base, key);
}

/**
 * The linkset of an object (`?linkType=all`, or `Accept: application/linkset+json`): its consumer page (the default
 * link and product information page, in Chinese), the same view as JSON (traceability), the EPCIS events that name
 * it on this host (a partner's credential needed), and its recall notice when its batch is recalled.
 */
export function buildLinkset(view: ConsumerView, baseUrl: string): Linkset {
  const anchor = resolverUrl(baseUrl, view.key);
  const page: Link = { href: anchor, title: "追溯信息 (trace information)", type: "text/html", hreflang: ["zh"] };
  const isClass = view.kind === "PRODUCT" || view.kind === "LOT";
  const filter = new URLSearchParams({ [isClass ? "MATCH_epcClass" : "MATCH_anyEPC"]: view.key });
  const links: Record<string, Link[]> = {
    [LINK_TYPES.defaultLink]: [page],
    [LINK_TYPES.pip]: [page],
    [LINK_TYPES.traceability]: [{ href: anchor, title: "追溯信息 JSON (trace information)", type: "application/json" }],
    [LINK_TYPES.epcis]: [
      {
        href: `${baseUrl.replace(/\/+$/, "")}/epcis/events?${filter.toString()}`,
        title: "EPCIS 2.0 events (credential required)",
        type: "application/ld+json",
      },
    ],
  };
  if (view.recall !== null) {
    links[LINK_TYPES.recallStatus] = [
      { href: anchor, title: "召回通知 (recall notice)", type: "text/html", hreflang: ["zh"] },
    ];
  }
  const description = [view.product?.name, view.batch?.batchNo].filter(Boolean).join(" ");
  return { linkset: [{ anchor, ...(description ? { description } : {}), ...links }] };
}

/** The link of one type (`gs1:pip`, `pip` or the full URI) for a `?linkType=` redirect; undefined if it has none. */
export function linkOfType(linkset: Linkset, linkType: string): Link | undefined {
  const name = linkType.replace(/^gs1:/, "");
  const uri = name.startsWith("http") ? name : `https://gs1.org/voc/${name}`;
  const links = linkset.linkset[0]?.[uri.replace("https://www.gs1.org/", "https://gs1.org/")];
  return Array.isArray(links) ? links[0] : undefined;
}
