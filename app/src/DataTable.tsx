import { useMemo, useState } from "react";
import { saveBlob } from "./api";
import { toCsv } from "./csv";
import { useI18n } from "./i18n";

/**
 * A short Latin value (a status, a kind, a count) is never broken inside its word; long identifiers wrap anywhere,
 * and Chinese text wraps between characters as usual.
 */
const isShort = (value: string | number | null) => value !== null && /^[\x20-\x7e]{1,12}$/.test(String(value));

export interface Column<Row> {
  id: string;
  title: string;
  value: (row: Row) => string | number | null;
}

interface Props<Row> {
  rows: Row[];
  columns: Column<Row>[];
  filename: string;
  onRow?: (row: Row) => void;
  testId?: string;
  /** Rows drawn at most; the CSV always holds every filtered row. */
  pageSize?: number;
}

/** A table that filters, sorts and exports exactly what it shows (CSV), kept in step with the graph beside it. */
export function DataTable<Row>({ rows, columns, filename, onRow, testId, pageSize = 500 }: Props<Row>) {
  const { t } = useI18n();
  const [filter, setFilter] = useState("");
  const [sort, setSort] = useState<{ id: string; desc: boolean } | null>(null);
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    let result = needle
      ? rows.filter((row) =>
          columns.some((c) =>
            String(c.value(row) ?? "")
              .toLowerCase()
              .includes(needle),
          ),
        )
      : rows;
    const column = sort && columns.find((c) => c.id === sort.id);
    if (column && sort) {
      const sign = sort.desc ? -1 : 1;
      result = [...result].sort((a, b) => {
        const x = column.value(a) ?? "";
        const y = column.value(b) ?? "";
        return (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y))) * sign;
      });
    }
    return result;
  }, [rows, columns, filter, sort]);

  const exportCsv = () =>
    saveBlob(
      toCsv(
        columns.map((c) => c.title),
        shown.map((row) => columns.map((c) => c.value(row))),
      ),
      filename,
    );

  return (
    <div className="table-wrap" data-testid={testId}>
      <div className="toolbar">
        <input
          className="filter"
          placeholder={t("filter")}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          aria-label={t("filter")}
        />
        <span className="muted" data-testid={testId ? `${testId}-count` : undefined}>
          {shown.length} / {rows.length}
        </span>
        <button type="button" onClick={exportCsv}>
          {t("exportCsv")}
        </button>
      </div>
      <div className="scroll">
        <table>
          <thead>
            <tr>
              {columns.map((c) => (
                <th
                  key={c.id}
                  onClick={() =>
                    setSort(sort?.id === c.id ? { id: c.id, desc: !sort.desc } : { id: c.id, desc: false })
                  }
                >
                  {c.title}
                  {sort?.id === c.id ? (sort.desc ? " ▼" : " ▲") : ""}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, pageSize).map((row, i) => (
              <tr key={i} onClick={onRow ? () => onRow(row) : undefined} className={onRow ? "clickable" : undefined}>
                {columns.map((c) => {
                  const value = c.value(row);
                  return (
                    <td key={c.id} className={isShort(value) ? "short" : undefined}>
                      {value}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
