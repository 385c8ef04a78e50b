import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, download, gql } from "../api";
import type { Viewer } from "../App";
import { DataTable, type Column } from "../DataTable";
import { useI18n, type MessageKey } from "../i18n";

const PRODUCTS = `query Products($filter: ProductListFilter) {
  productList(filter: $filter, first: 200) { edges { node { id name model categoryName manufacturerId traceMode licenceRequired cccRequired } } }
}`;
const BATCHES = `query Batches($filter: BatchListFilter) {
  batchList(filter: $filter, first: 200) {
    edges { node { id key batchNo status productionDate quantity unit codeCount inspectionResult productId } }
  }
}`;
const QUALITY = `query Quality($batchId: ID!) { batchDataQuality(batchId: $batchId) { basicCompleteness extendedCompleteness missingBasic } }`;
const CREATE = `mutation Create($input: BatchInput!) { createBatch(input: $input) { id batchNo status } }`;
const ISSUE = `mutation Issue($input: IssueCodesInput!) { issueCodes(input: $input) { issueId issued job { id status total done } } }`;
const JOB = `query Job($id: String!) { job(id: $id) { id status total done error } }`;
const RELEASE = `mutation Release($batchId: ID!) { releaseBatch(batchId: $batchId) { id status } }`;

interface Product {
  id: string;
  name: string;
  model: string;
  categoryName: string;
  manufacturerId: string;
  traceMode: string;
  licenceRequired: boolean;
  cccRequired: boolean;
}
interface Batch {
  id: string;
  key: string;
  batchNo: string;
  status: string;
  productionDate: string;
  quantity: number;
  unit: string;
  codeCount: number;
  inspectionResult: string;
  productId: string;
}
interface Job {
  id: string;
  status: string;
  total: number;
  done: number;
  error?: string | null;
}

/** 生产企业操作: products and batches with status, a new batch checked field by field, codes with live progress. */
export function ProducerView({ viewer }: { viewer: Viewer }) {
  const { t } = useI18n();
  const canWrite = viewer.role === "MANUFACTURER" || viewer.role === "ADMIN";
  const [products, setProducts] = useState<Product[]>([]);
  const [productId, setProductId] = useState("");
  const [batches, setBatches] = useState<Batch[]>([]);
  const [selected, setSelected] = useState<Batch | null>(null);
  const [quality, setQuality] = useState<{ basicCompleteness: number; extendedCompleteness: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const filter =
      viewer.role === "MANUFACTURER" && viewer.organizationId ? { manufacturerId: viewer.organizationId } : {};
    gql<{ productList: { edges: { node: Product }[] } }>(PRODUCTS, { filter })
      .then((d) => {
        const list = d.productList.edges.map((e) => e.node);
        setProducts(list);
        setProductId((current) => current || list[0]?.id || "");
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : t("error")));
  }, [viewer, t]);

  // Only the latest load may fill the list: an earlier one answering late (the load when the product was chosen,
  // after the one that follows a new batch) would put back a list without the batch just created.
  const batchLoad = useRef(0);
  const loadBatches = useCallback(async () => {
    if (!productId) return;
    const load = ++batchLoad.current;
    try {
      const d = await gql<{ batchList: { edges: { node: Batch }[] } }>(BATCHES, { filter: { productId } });
      if (load === batchLoad.current) setBatches(d.batchList.edges.map((e) => e.node));
    } catch (e) {
      if (load === batchLoad.current) setError(e instanceof Error ? e.message : t("error"));
    }
  }, [productId, t]);
  useEffect(() => void loadBatches(), [loadBatches]);
  // The open batch follows the list (its status and code count after an issuance or a release).
  useEffect(() => setSelected((open) => (open && batches.find((b) => b.id === open.id)) ?? open), [batches]);

  const select = async (batch: Batch) => {
    setSelected(batch);
    setQuality(null);
    try {
      setQuality((await gql<{ batchDataQuality: typeof quality }>(QUALITY, { batchId: batch.id })).batchDataQuality);
    } catch {
      setQuality(null);
    }
  };

  const product = products.find((p) => p.id === productId);
  const columns: Column<Batch>[] = [
    { id: "batchNo", title: t("batchNo"), value: (b) => b.batchNo },
    { id: "status", title: t("status"), value: (b) => t(`STATUS_${b.status}` as MessageKey) },
    { id: "date", title: t("productionDate"), value: (b) => b.productionDate },
    { id: "quantity", title: t("quantity"), value: (b) => `${b.quantity} ${b.unit}` },
    { id: "codes", title: t("issueCodes"), value: (b) => b.codeCount },
  ];

  return (
    <section className="view">
      {!canWrite && <p className="notice">{t("readOnly")}</p>}
      {error && <p className="error">{error}</p>}
      <div className="toolbar">
        <label>
          {t("products")}{" "}
          <select name="product" value={productId} onChange={(e) => setProductId(e.target.value)}>
            {products.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} · {p.model}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="columns">
        <div>
          <h3>{t("batches")}</h3>
          <DataTable rows={batches} columns={columns} filename="batches.csv" onRow={select} testId="batches" />
        </div>
        {canWrite && product && (
          <CreateBatch
            key={product.id}
            product={product}
            onCreated={async () => {
              await loadBatches();
            }}
          />
        )}
      </div>
      {selected && (
        <BatchPanel
          batch={selected}
          quality={quality}
          canWrite={canWrite}
          onChanged={async () => {
            await loadBatches();
          }}
        />
      )}
    </section>
  );
}

type Field = "batchNo" | "productionDate" | "quantity" | "unit" | "inspectionResult" | "licenceNo" | "cccCertNo";
const BASIC_FIELDS: { id: Field; label: MessageKey; type: string }[] = [
  { id: "batchNo", label: "batchNo", type: "text" },
  { id: "productionDate", label: "productionDate", type: "date" },
  { id: "quantity", label: "quantity", type: "number" },
  { id: "unit", label: "unit", type: "text" },
  { id: "inspectionResult", label: "inspectionResult", type: "text" },
];

/** The fields this product's category asks for: a production licence, a CCC certificate (API-CONTRACT §5). */
function fieldsFor(product: Product): { id: Field; label: MessageKey; type: string }[] {
  return [
    ...BASIC_FIELDS,
    ...(product.licenceRequired ? [{ id: "licenceNo" as const, label: "licenceNo" as const, type: "text" }] : []),
    ...(product.cccRequired ? [{ id: "cccCertNo" as const, label: "cccCertNo" as const, type: "text" }] : []),
  ];
}

/** The same basic-info rules the API applies, checked as the person types; the API's answer is shown by field too. */
function check(field: Field, value: string): MessageKey | null {
  if (!value.trim()) return "required";
  if (field === "quantity" && !(Number(value) > 0)) return "mustBePositive";
  if (field === "productionDate" && value > new Date().toISOString().slice(0, 10)) return "notInFuture";
  if (field === "inspectionResult" && !/^(合格|不合格|待检)/.test(value.trim())) return "inspectionRule";
  if (field === "licenceNo" && !/^(?:[(（][\u4e00-\u9fa5][)）])?XK\d{2}-\d{3}-\d{5}$/.test(value.trim()))
    return "licenceRule";
  if (field === "cccCertNo" && !/^\d{16}$/.test(value.trim())) return "cccRule";
  return null;
}

function CreateBatch({ product, onCreated }: { product: Product; onCreated: () => Promise<void> }) {
  const { t } = useI18n();
  const FIELDS = fieldsFor(product);
  const [values, setValues] = useState<Record<Field, string>>({
    licenceNo: "",
    cccCertNo: "",
    batchNo: "",
    productionDate: new Date().toISOString().slice(0, 10),
    quantity: "",
    unit: "件",
    inspectionResult: "合格",
  });
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<Partial<Record<Field | "form", string>>>({});
  const [notice, setNotice] = useState<string | null>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setTouched(Object.fromEntries(FIELDS.map((f) => [f.id, true])));
    if (FIELDS.some((f) => check(f.id, values[f.id]))) return;
    setServerErrors({});
    try {
      const input = {
        productId: product.id,
        ...(product.licenceRequired ? { licenceNo: values.licenceNo.trim() } : {}),
        ...(product.cccRequired ? { cccCertNo: values.cccCertNo.trim() } : {}),
        batchNo: values.batchNo.trim(),
        productionDate: values.productionDate,
        quantity: Number(values.quantity),
        unit: values.unit.trim(),
        inspectionResult: values.inspectionResult.trim(),
      };
      const d = await gql<{ createBatch: { batchNo: string } }>(CREATE, { input });
      setNotice(`${t("created")}: ${d.createBatch.batchNo}`);
      await onCreated();
    } catch (e) {
      const field = e instanceof ApiError ? e.field?.replace(/^input\./, "") : null;
      const message = e instanceof Error ? e.message : t("error");
      setServerErrors(field && FIELDS.some((f) => f.id === field) ? { [field]: message } : { form: message });
    }
  };

  return (
    <form className="card form" onSubmit={submit} noValidate data-testid="create-batch">
      <h3>{t("createBatch")}</h3>
      {FIELDS.map((f) => {
        const rule = touched[f.id] ? check(f.id, values[f.id]) : null;
        const message = rule ? t(rule) : serverErrors[f.id];
        return (
          <label key={f.id} className={message ? "field invalid" : "field"}>
            <span>{t(f.label)}</span>
            <input
              name={f.id}
              type={f.type}
              value={values[f.id]}
              onChange={(e) => setValues({ ...values, [f.id]: e.target.value })}
              onBlur={() => setTouched({ ...touched, [f.id]: true })}
            />
            {message && (
              <small className="error" data-testid={`error-${f.id}`}>
                {message}
              </small>
            )}
          </label>
        );
      })}
      {serverErrors.form && <p className="error">{serverErrors.form}</p>}
      <button type="submit">{t("create")}</button>
      {notice && (
        <p className="notice" data-testid="created">
          {notice}
        </p>
      )}
    </form>
  );
}

function BatchPanel(props: {
  batch: Batch;
  quality: { basicCompleteness: number; extendedCompleteness: number } | null;
  canWrite: boolean;
  onChanged: () => Promise<void>;
}) {
  const { t } = useI18n();
  const { batch } = props;
  const [count, setCount] = useState("100");
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const polling = useRef(0);

  useEffect(() => () => window.clearTimeout(polling.current), []);

  const poll = (id: string) => {
    polling.current = window.setTimeout(async () => {
      try {
        const next = (await gql<{ job: Job }>(JOB, { id })).job;
        setJob(next);
        if (next.status === "RUNNING") poll(id);
        else await props.onChanged();
      } catch (e) {
        setError(e instanceof Error ? e.message : t("error"));
      }
    }, 400);
  };

  const issue = async () => {
    setError(null);
    try {
      const d = await gql<{ issueCodes: { issueId: string; issued: number; job: Job | null } }>(ISSUE, {
        input: { batchId: batch.id, count: Number(count) },
      });
      if (d.issueCodes.job) {
        setJob(d.issueCodes.job);
        poll(d.issueCodes.job.id);
      } else {
        const n = d.issueCodes.issued;
        setJob({ id: d.issueCodes.issueId, status: "DONE", total: n, done: n });
        await props.onChanged();
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : t("error"));
    }
  };

  const release = async () => {
    try {
      await gql(RELEASE, { batchId: batch.id });
      await props.onChanged();
    } catch (e) {
      setError(e instanceof Error ? e.message : t("error"));
    }
  };

  const path = encodeURIComponent(batch.id);
  return (
    <div className="card" data-testid="batch-panel">
      <h3>
        {t("batch")} {batch.batchNo} · {t(`STATUS_${batch.status}` as MessageKey)}
      </h3>
      {props.quality && (
        <p className="muted">
          {Math.round(props.quality.basicCompleteness * 100)} % / {Math.round(props.quality.extendedCompleteness * 100)}{" "}
          %
        </p>
      )}
      {error && <p className="error">{error}</p>}
      {props.canWrite && (
        <div className="toolbar">
          <label>
            {t("issueCount")}{" "}
            <input name="issueCount" type="number" min={1} value={count} onChange={(e) => setCount(e.target.value)} />
          </label>
          <button type="button" onClick={() => void issue()} data-testid="issue">
            {t("issue")}
          </button>
          <button type="button" onClick={() => void release()}>
            {t("release")}
          </button>
        </div>
      )}
      {job && (
        <div className="progress" data-testid="issue-progress" data-status={job.status} data-done={job.done}>
          <progress max={Math.max(1, job.total)} value={job.done} />
          <span>
            {t("progress")} {job.done} / {job.total} · {job.status}
          </span>
        </div>
      )}
      <div className="toolbar">
        <button type="button" onClick={() => void download(`/batches/${path}/codes.csv`, `${batch.batchNo}-codes.csv`)}>
          {t("codesCsv")}
        </button>
        <button
          type="button"
          onClick={() => void download(`/batches/${path}/labels.pdf`, `${batch.batchNo}-labels.pdf`)}
        >
          {t("labelsPdf")}
        </button>
      </div>
    </div>
  );
}
