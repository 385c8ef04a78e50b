import { useState } from "react";
import { ApiError, download, gql } from "../api";
import type { Viewer } from "../App";
import { DataTable, type Column } from "../DataTable";
import { useI18n } from "../i18n";
import { regionName, regionTree, type RegionNode } from "../regions";

const IMPACT = `query Recall($code: String!) {
  resolveCode(code: $code) { key kind details }
  recallImpact(code: $code) {
    root totalCount regions
    organizations { objectCount organization { id name regionCode } }
    objects(first: 1000) { totalCount edges { tier node { key kind } } }
  }
}`;
const RECALL = `mutation Recall($batchId: ID!, $reason: String!) { recallBatch(batchId: $batchId, reason: $reason) { id status } }`;

interface Holder {
  objectCount: number;
  organization: { id: string; name: string | null; regionCode: string | null };
}
interface Impact {
  root: string;
  totalCount: number;
  regions: string[];
  organizations: Holder[];
  objects: { totalCount: number; edges: { tier: "CERTAIN" | "POSSIBLE"; node: { key: string; kind: string } }[] };
}
interface Answer {
  resolveCode: { key: string; kind: string; details: Record<string, unknown> } | null;
  recallImpact: Impact;
}

export function RecallView({ viewer }: { viewer: Viewer }) {
  const { t, lang } = useI18n();
  const [code, setCode] = useState("");
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reason, setReason] = useState("");

  const analyse = async (event?: React.FormEvent) => {
    event?.preventDefault();
    if (!code.trim()) return;
    setError(null);
    setNotice(null);
    try {
      setAnswer(await gql<Answer>(IMPACT, { code: code.trim() }));
    } catch (e) {
      setAnswer(null);
      setError(e instanceof ApiError ? e.message : t("error"));
    }
  };

  const impact = answer?.recallImpact;
  const certain = impact?.objects.edges.filter((e) => e.tier === "CERTAIN").length ?? 0;
  const possible = (impact?.objects.edges.length ?? 0) - certain;
  const tree = impact
    ? regionTree([
        ...impact.organizations
          .filter((h) => h.organization.regionCode)
          .map((h) => ({ code: h.organization.regionCode as string, count: h.objectCount, holders: 1 })),
        ...impact.regions.map((code) => ({ code, count: 0, holders: 0 })),
      ])
    : [];
  const batchId = answer?.resolveCode?.details.id;
  const canRecall =
    (viewer.role === "MANUFACTURER" || viewer.role === "ADMIN") &&
    answer?.resolveCode?.kind === "LOT" &&
    typeof batchId === "string" &&
    answer.resolveCode.details.status !== "RECALLED";

  const startRecall = async () => {
    if (typeof batchId !== "string" || !reason.trim()) return;
    try {
      await gql(RECALL, { batchId, reason: reason.trim() });
      setNotice(t("recallStarted"));
      await analyse();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t("error"));
    }
  };

  const holderColumns: Column<Holder>[] = [
    { id: "name", title: t("name"), value: (h) => h.organization.name ?? h.organization.id },
    {
      id: "region",
      title: t("region"),
      value: (h) => (h.organization.regionCode ? regionName(h.organization.regionCode, lang) : ""),
    },
    { id: "count", title: t("objectCount"), value: (h) => h.objectCount },
    { id: "id", title: t("key"), value: (h) => h.organization.id },
  ];
  type ObjectRow = Impact["objects"]["edges"][number];
  const objectColumns: Column<ObjectRow>[] = [
    { id: "key", title: t("key"), value: (o) => o.node.key },
    { id: "kind", title: t("kind"), value: (o) => o.node.kind },
    { id: "tier", title: t("status"), value: (o) => (o.tier === "CERTAIN" ? t("certain") : t("possible")) },
  ];

  return (
    <section className="view">
      <form className="search" onSubmit={analyse}>
        <input
          name="recallCode"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          placeholder={t("recallPlaceholder")}
          aria-label={t("recallPlaceholder")}
        />
        <button type="submit">{t("analyse")}</button>
      </form>
      {error && <p className="error">{error}</p>}
      {notice && <p className="notice">{notice}</p>}
      {impact && (
        <>
          <div className="stats" data-testid="recall-stats">
            <div className="stat">
              <b>{impact.totalCount}</b>
              <span>{t("total")}</span>
            </div>
            <div className="stat certain">
              <b>{certain}</b>
              <span>{t("certain")}</span>
            </div>
            <div className="stat possible">
              <b>{possible}</b>
              <span>{t("possible")}</span>
            </div>
            <div className="stat">
              <b>{impact.organizations.length}</b>
              <span>{t("holders")}</span>
            </div>
            <span className="spacer" />
            <button
              type="button"
              data-testid="recall-csv"
              onClick={() =>
                void download(`/recalls/${encodeURIComponent(impact.root)}.csv`, "recall.csv").catch((e: unknown) =>
                  setError(e instanceof Error ? e.message : t("error")),
                )
              }
            >
              {t("downloadCsv")}
            </button>
          </div>
          {canRecall && (
            <div className="toolbar">
              <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t("recallReason")} />
              <button type="button" className="danger" onClick={() => void startRecall()} disabled={!reason.trim()}>
                {t("startRecall")}
              </button>
            </div>
          )}
          <div className="columns">
            <div>
              <h3>{t("regions")}</h3>
              {tree.length === 0 ? <p className="muted">{t("noData")}</p> : <RegionTree nodes={tree} />}
            </div>
            <div>
              <h3>{t("holders")}</h3>
              <DataTable rows={impact.organizations} columns={holderColumns} filename="recall-holders.csv" />
            </div>
          </div>
          <h3>{t("total")}</h3>
          <DataTable rows={impact.objects.edges} columns={objectColumns} filename="recall-objects.csv" />
        </>
      )}
    </section>
  );
}

function RegionTree({ nodes, nested = false }: { nodes: RegionNode[]; nested?: boolean }) {
  const { t, lang } = useI18n();
  return (
    <ul className="tree" data-testid={nested ? undefined : "region-tree"}>
      {nodes.map((n) => (
        <li key={n.code}>
          <span className="region">{regionName(n.code, lang)}</span>
          <span className="badge" title={t("objectCount")}>
            {n.count}
          </span>
          <span className="muted">
            {" "}
            · {t("holders")} {n.holders}
          </span>
          {n.children.length > 0 && !(n.children.length === 1 && n.children[0]?.code === n.code) && (
            <RegionTree nodes={n.children} nested />
          )}
        </li>
      ))}
    </ul>
  );
}
