import { useI18n } from "../i18n";

export interface ResolvedObject {
  key: string;
  kind: string;
  details: Record<string, unknown>;
}

/** The facts a person looks for first (kind, product, batch, maker, status), then everything stored. */
export function ObjectCard({ object, compact = false }: { object: ResolvedObject; compact?: boolean }) {
  const { t } = useI18n();
  const d = object.details;
  const pick = (...names: string[]) => {
    for (const name of names) {
      const value = d[name];
      if (value !== undefined && value !== null && value !== "") return String(value);
    }
    return "";
  };
  const facts: [string, string][] = [
    [t("kind"), object.kind],
    [t("product"), pick("productName", "productId", "product")],
    [t("batch"), pick("batchNo", "batchId", "lot")],
    [t("maker"), pick("manufacturerName", "manufacturerId", "maker")],
    [t("status"), pick("status", "batchStatus")],
  ];
  return (
    <div className={compact ? "card compact" : "card"} data-testid={compact ? undefined : "object-card"}>
      {!compact && <h3>{t("objectCard")}</h3>}
      <div className="mono">{object.key}</div>
      <dl>
        {facts
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
      <details>
        <summary>{t("details")}</summary>
        <pre>{JSON.stringify(d, null, 2)}</pre>
      </details>
    </div>
  );
}
