import { useCallback, useEffect, useMemo, useState } from "react";
import { ApiError, gql } from "../api";
import type { Viewer } from "../App";
import { DataTable, type Column } from "../DataTable";
import { GraphCanvas } from "../graph/GraphCanvas";
import type { ViewGraph } from "../graph/model";
import { fetchTrace, toViewGraph } from "../graph/trace-query";
import { Heatmap } from "../Heatmap";
import { useI18n, type MessageKey } from "../i18n";
import { regionName } from "../regions";

const ALERTS = `query Alerts($filter: DiversionFilter) {
  diversionAlerts(filter: $filter, first: 200) {
    edges { node { id rule state objectKey scanRegion scannedAt authorizedRegions evidence
      responsibleOrganization { id name } } }
  }
}`;
const MATRIX = `{ diversionFlowMatrix { totalAlerts totalScans cells { scanRegion authorizedRegions scans alerts } } }`;
const RANKING = `{ distributorLeakRanking(limit: 20) { alerts scans leakRate organization { id name } } }`;

interface Alert {
  id: string;
  rule: string;
  state: string;
  objectKey: string;
  scanRegion: string;
  scannedAt: string;
  authorizedRegions: string[];
  evidence: string[];
  responsibleOrganization: { id: string; name: string | null } | null;
}
interface Cell {
  scanRegion: string;
  authorizedRegions: string[];
  scans: number;
  alerts: number;
}
interface Rank {
  alerts: number;
  scans: number;
  leakRate: number;
  organization: { id: string; name: string | null };
}

export function DiversionView({ viewer }: { viewer: Viewer }) {
  const { t, lang } = useI18n();
  const [rule, setRule] = useState("");
  const [region, setRegion] = useState("");
  const [organization, setOrganization] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [allStates, setAllStates] = useState(false);
  const [alerts, setAlerts] = useState<Alert[] | null>(null);
  const [selected, setSelected] = useState<Alert | null>(null);
  const [evidenceGraph, setEvidenceGraph] = useState<ViewGraph | null>(null);
  const [cells, setCells] = useState<Cell[] | null>(null);
  const [ranking, setRanking] = useState<Rank[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    const filter: Record<string, unknown> = {};
    if (rule) filter.rule = rule;
    if (region.trim()) filter.region = region.trim();
    if (organization.trim()) filter.organizationId = organization.trim();
    if (from) filter.from = new Date(from).toISOString();
    if (to) filter.to = new Date(to).toISOString();
    if (allStates) filter.states = ["OPEN", "ACKNOWLEDGED", "RESOLVED", "DISMISSED"];
    try {
      const data = await gql<{ diversionAlerts: { edges: { node: Alert }[] } }>(ALERTS, { filter });
      setAlerts(data.diversionAlerts.edges.map((e) => e.node));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t("error"));
    }
  }, [rule, region, organization, from, to, allStates, t]);

  useEffect(() => {
    void load();
    // The analytics answer only roles that may see them; a refusal leaves the panel out.
    gql<{ diversionFlowMatrix: { cells: Cell[] } }>(MATRIX)
      .then((d) => setCells(d.diversionFlowMatrix.cells))
      .catch(() => setCells(null));
    gql<{ distributorLeakRanking: Rank[] }>(RANKING)
      .then((d) => setRanking(d.distributorLeakRanking))
      .catch(() => setRanking(null));
  }, [viewer]);

  const open = async (alert: Alert) => {
    setSelected(alert);
    setEvidenceGraph(null);
    try {
      const answer = await fetchTrace({
        code: alert.objectKey,
        direction: "upstream",
        depth: 8,
        limit: 2000,
        groupAbove: 50,
        expand: [],
        asOf: null,
      });
      setEvidenceGraph(
        withEvidence(
          toViewGraph(answer, (n) => t("clusterLabel", { n }), "upstream"),
          alert,
        ),
      );
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t("error"));
    }
  };

  const heat = useMemo(() => {
    if (!cells || cells.length === 0) return null;
    const authorised = (c: Cell) =>
      c.authorizedRegions.length ? c.authorizedRegions.map((r) => regionName(r, lang)).join("、") : "—";
    const xLabels = [...new Set(cells.map((c) => regionName(c.scanRegion, lang)))].sort();
    const yLabels = [...new Set(cells.map(authorised))].sort();
    const data = cells.map((c): [number, number, number, string] => [
      xLabels.indexOf(regionName(c.scanRegion, lang)),
      yLabels.indexOf(authorised(c)),
      c.alerts,
      `${t("alerts")} ${c.alerts} · ${t("scans")} ${c.scans}`,
    ]);
    return { xLabels, yLabels, data };
  }, [cells, lang, t]);

  const alertColumns: Column<Alert>[] = [
    { id: "rule", title: t("rule"), value: (a) => t(`RULE_${a.rule}` as MessageKey) },
    { id: "state", title: t("state"), value: (a) => a.state },
    { id: "region", title: t("scanRegion"), value: (a) => regionName(a.scanRegion, lang) },
    { id: "responsible", title: t("responsible"), value: (a) => a.responsibleOrganization?.name ?? "" },
    { id: "at", title: t("scannedAt"), value: (a) => a.scannedAt.replace("T", " ").slice(0, 16) },
    { id: "object", title: t("key"), value: (a) => a.objectKey },
  ];
  const rankColumns: Column<Rank>[] = [
    { id: "name", title: t("name"), value: (r) => r.organization.name ?? r.organization.id },
    { id: "alerts", title: t("alerts"), value: (r) => r.alerts },
    { id: "scans", title: t("scans"), value: (r) => r.scans },
    { id: "rate", title: t("leakRate"), value: (r) => `${(r.leakRate * 100).toFixed(1)} %` },
  ];

  return (
    <section className="view">
      <form
        className="search filters"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <select name="rule" value={rule} onChange={(e) => setRule(e.target.value)} aria-label={t("rule")}>
          <option value="">{t("ruleAny")}</option>
          <option value="REGION_MISMATCH">{t("RULE_REGION_MISMATCH")}</option>
          <option value="NOT_SHIPPED">{t("RULE_NOT_SHIPPED")}</option>
        </select>
        <input name="region" value={region} onChange={(e) => setRegion(e.target.value)} placeholder={t("scanRegion")} />
        <input
          name="organization"
          value={organization}
          onChange={(e) => setOrganization(e.target.value)}
          placeholder={t("responsible")}
        />
        <input name="from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} aria-label={t("from")} />
        <input name="to" type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-label={t("to")} />
        <label className="check">
          <input type="checkbox" checked={allStates} onChange={(e) => setAllStates(e.target.checked)} />
          {t("stateAll")}
        </label>
        <button type="submit">{t("apply")}</button>
      </form>
      {error && <p className="error">{error}</p>}
      <h3>{t("alerts")}</h3>
      {alerts && alerts.length === 0 && <p className="muted">{t("noAlerts")}</p>}
      {alerts && alerts.length > 0 && (
        <DataTable rows={alerts} columns={alertColumns} filename="alerts.csv" onRow={open} testId="alerts" />
      )}
      {selected && (
        <div className="evidence" data-testid="evidence">
          <h3>
            {t("evidence")}: {regionName(selected.scanRegion, lang)} · {selected.responsibleOrganization?.name ?? ""}
          </h3>
          <ol className="path">
            {selected.evidence.map((key) => (
              <li key={key} className="mono">
                {key}
              </li>
            ))}
          </ol>
          {evidenceGraph && <GraphCanvas graph={evidenceGraph} testId="evidence-graph" />}
        </div>
      )}
      <div className="columns">
        {heat && (
          <div>
            <h3>{t("flowMatrix")}</h3>
            <Heatmap xLabels={heat.xLabels} yLabels={heat.yLabels} cells={heat.data} testId="flow-matrix" />
          </div>
        )}
        {ranking && (
          <div>
            <h3>{t("leakRanking")}</h3>
            <DataTable rows={ranking} columns={rankColumns} filename="leak-ranking.csv" testId="leak-ranking" />
          </div>
        )}
      </div>
    </section>
  );
}

/** The trace above the scanned object with the alert's evidence path on it: its nodes and the steps between them. */
function withEvidence(graph: ViewGraph, alert: Alert): ViewGraph {
  const path = alert.evidence;
  const onPath = new Set(path);
  const nodes = graph.nodes.map((n) => (onPath.has(n.id) ? { ...n, highlight: true } : n));
  const known = new Set(nodes.map((n) => n.id));
  path.forEach((key, i) => {
    if (known.has(key)) return;
    const isOrg = i === path.length - 1 && alert.responsibleOrganization?.id === key;
    nodes.push({
      id: key,
      kind: isOrg ? "ORGANIZATION" : "ITEM",
      depth: i,
      label: isOrg ? (alert.responsibleOrganization?.name ?? key) : key,
      highlight: true,
    });
    known.add(key);
  });
  const steps = new Set<string>();
  for (let i = 0; i + 1 < path.length; i++) steps.add(`${path[i]}\u0000${path[i + 1]}`);
  const edges = graph.edges.map((e) =>
    steps.has(`${e.source}\u0000${e.target}`) || steps.has(`${e.target}\u0000${e.source}`)
      ? { ...e, highlight: true }
      : e,
  );
  for (const step of steps) {
    const [source, target] = step.split("\u0000") as [string, string];
    const drawn = edges.some(
      (e) => (e.source === source && e.target === target) || (e.source === target && e.target === source),
    );
    if (!drawn) edges.push({ id: `ev:${step}`, source, target, kind: "EVIDENCE", highlight: true });
  }
  return { nodes, edges };
}
