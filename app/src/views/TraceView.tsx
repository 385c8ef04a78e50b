import { useCallback, useMemo, useRef, useState } from "react";
import { ApiError, gql, saveBlob } from "../api";
import { DataTable, type Column } from "../DataTable";
import { GraphCanvas, type GraphHandle } from "../graph/GraphCanvas";
import type { ViewGraph, ViewNode } from "../graph/model";
import { fetchTrace, toViewGraph, type Direction, type TraceAnswer, type TraceParams } from "../graph/trace-query";
import { useI18n } from "../i18n";
import { ObjectCard, type ResolvedObject } from "./ObjectCard";

const RESOLVE = `query Resolve($code: String!) { resolveCode(code: $code) { key kind details } }`;

interface Selection {
  title: string;
  rows: [string, string][];
  object?: ResolvedObject;
}

export function TraceView({ initialCode }: { initialCode?: string }) {
  const { t } = useI18n();
  const [code, setCode] = useState(initialCode ?? "");
  const [direction, setDirection] = useState<Direction>("downstream");
  const [depth, setDepth] = useState(8);
  const [groupAbove, setGroupAbove] = useState(50);
  const [limit, setLimit] = useState(10000);
  const [asOf, setAsOf] = useState("");
  const [root, setRoot] = useState<ResolvedObject | null>(null);
  const [answer, setAnswer] = useState<TraceAnswer | null>(null);
  const [params, setParams] = useState<TraceParams | null>(null);
  const [mode, setMode] = useState<"graph" | "table">("graph");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [selection, setSelection] = useState<Selection | null>(null);
  const canvas = useRef<GraphHandle>(null);

  const run = useCallback(
    async (next: TraceParams) => {
      setBusy(true);
      setError(null);
      try {
        const fetched = await fetchTrace(next);
        // Benchmarks split search → interactive at this mark: the API's share, then the page's.
        performance.mark("trace:answer");
        setAnswer(fetched);
        setParams(next);
      } catch (e) {
        setError(e instanceof ApiError ? e.message : t("error"));
      } finally {
        setBusy(false);
      }
    },
    [t],
  );

  const search = async (event?: React.FormEvent) => {
    event?.preventDefault();
    const value = code.trim();
    if (!value) return;
    setBusy(true);
    setError(null);
    setSelection(null);
    try {
      const found = (await gql<{ resolveCode: ResolvedObject | null }>(RESOLVE, { code: value })).resolveCode;
      setRoot(found);
      if (!found) {
        setAnswer(null);
        setError(t("notFound"));
        return;
      }
      await run({
        code: found.key,
        direction,
        depth,
        limit,
        groupAbove: groupAbove > 0 ? groupAbove : null,
        expand: [],
        asOf: asOf ? new Date(asOf).toISOString() : null,
      });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t("error"));
    } finally {
      setBusy(false);
    }
  };

  const graph: ViewGraph | null = useMemo(
    () => (answer && params ? toViewGraph(answer, (n) => t("clusterLabel", { n }), params.direction) : null),
    [answer, params, t],
  );
  const nodeById = useMemo(() => new Map((graph?.nodes ?? []).map((n) => [n.id, n])), [graph]);

  const openCluster = (clusterId: string) => {
    if (!params) return;
    void run({ ...params, expand: [...params.expand, clusterId] });
  };

  const showNode = async (id: string) => {
    const node = nodeById.get(id);
    if (!node) return;
    if (node.cluster) return openCluster(node.cluster.id);
    if (node.kind === "ORGANIZATION") {
      setSelection({
        title: node.name ?? node.id,
        rows: [
          [t("key"), node.id],
          [t("kind"), node.kind],
          [t("region"), node.region ?? ""],
          [t("depth"), String(node.depth)],
        ],
      });
      return;
    }
    const found = (await gql<{ resolveCode: ResolvedObject | null }>(RESOLVE, { code: id })).resolveCode;
    setSelection({ title: node.label, rows: [[t("depth"), String(node.depth)]], ...(found ? { object: found } : {}) });
  };

  const showEdge = (id: string) => {
    const edge = graph?.edges.find((e) => e.id === id);
    if (!edge) return;
    setSelection({
      title: edge.kind,
      rows: [
        [t("edgeKind"), edge.kind],
        [t("from"), edge.source],
        [t("to"), edge.target],
      ],
    });
  };

  const exportPng = async () => {
    const blob = await canvas.current?.png();
    if (blob) saveBlob(blob, "trace.png");
  };

  const exportSvg = () => {
    const svg = canvas.current?.svg();
    if (svg) saveBlob(new Blob([svg], { type: "image/svg+xml" }), "trace.svg");
  };

  const columns: Column<ViewNode>[] = [
    { id: "label", title: t("name"), value: (n) => n.label },
    { id: "kind", title: t("kind"), value: (n) => (n.cluster ? `${n.kind} ×${n.cluster.count}` : n.kind) },
    { id: "depth", title: t("depth"), value: (n) => n.depth },
    { id: "key", title: t("key"), value: (n) => (n.cluster ? n.cluster.id : n.id) },
    { id: "region", title: t("region"), value: (n) => n.region ?? "" },
  ];

  return (
    <section className="view">
      <form className="search" onSubmit={search}>
        <input
          name="code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          placeholder={t("searchPlaceholder")}
          aria-label={t("searchPlaceholder")}
        />
        <button type="submit" disabled={busy}>
          {t("search")}
        </button>
        <div className="controls">
          <label>
            <select name="direction" value={direction} onChange={(e) => setDirection(e.target.value as Direction)}>
              <option value="downstream">{t("downstream")}</option>
              <option value="upstream">{t("upstream")}</option>
            </select>
          </label>
          <label>
            {t("depth")}
            <input
              name="depth"
              type="number"
              min={1}
              max={32}
              value={depth}
              onChange={(e) => setDepth(Number(e.target.value))}
            />
          </label>
          <label>
            {t("groupAbove")}
            <input
              name="groupAbove"
              type="number"
              min={1}
              max={100000}
              value={groupAbove}
              onChange={(e) => setGroupAbove(Number(e.target.value))}
            />
          </label>
          <label>
            {t("limit")}
            <input
              name="limit"
              type="number"
              min={1}
              max={100000}
              value={limit}
              onChange={(e) => setLimit(Number(e.target.value))}
            />
          </label>
          <label>
            {t("asOf")}
            <input name="asOf" type="datetime-local" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
          </label>
        </div>
      </form>
      {error && <p className="error">{error}</p>}
      {busy && <p className="muted">{t("loading")}</p>}
      {root && <ObjectCard object={root} />}
      {answer && graph && (
        <>
          <div className="toolbar">
            <span data-testid="trace-summary">
              {t("nodes")} {answer.nodes.length} · {t("edges")} {answer.edges.length} · {t("clusters")}{" "}
              {answer.clusters.length} · {t("hidden")} {answer.hiddenCount}
            </span>
            {answer.truncated && <span className="warn">{t("truncated")}</span>}
            <span className="spacer" />
            <div className="segmented">
              <button type="button" className={mode === "graph" ? "on" : ""} onClick={() => setMode("graph")}>
                {t("graph")}
              </button>
              <button type="button" className={mode === "table" ? "on" : ""} onClick={() => setMode("table")}>
                {t("table")}
              </button>
            </div>
            <button type="button" onClick={exportPng} disabled={mode !== "graph"}>
              {t("exportPng")}
            </button>
            <button type="button" onClick={exportSvg} disabled={mode !== "graph"} data-testid="export-svg">
              {t("exportSvg")}
            </button>
          </div>
          <div className="split">
            {mode === "graph" ? (
              <GraphCanvas ref={canvas} graph={graph} onNode={showNode} onEdge={showEdge} onCluster={openCluster} />
            ) : (
              <DataTable
                rows={graph.nodes}
                columns={columns}
                filename="trace.csv"
                onRow={(n) => void showNode(n.id)}
                testId="trace-table"
              />
            )}
            {selection && (
              <aside className="details" data-testid="details">
                <h3>
                  {t("details")}: {selection.title}
                </h3>
                <dl>
                  {selection.rows.map(([k, v]) => (
                    <div key={k}>
                      <dt>{k}</dt>
                      <dd>{v}</dd>
                    </div>
                  ))}
                </dl>
                {selection.object && <ObjectCard object={selection.object} compact />}
              </aside>
            )}
          </div>
        </>
      )}
    </section>
  );
}
