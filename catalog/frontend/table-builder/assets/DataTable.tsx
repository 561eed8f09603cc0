// Accessible, client-side sortable table: caption, scoped headers, aria-sort,
// sort buttons, numeric alignment, empty state, keyboard-scrollable wrapper.
import { type ReactNode, useId, useMemo, useState } from "react";

export interface Column<T> {
  key: string;
  header: string;
  cell: (row: T) => ReactNode;
  sortValue?: (row: T) => string | number;
  numeric?: boolean;
}

type Sort = { key: string; direction: "ascending" | "descending" } | null;

export interface DataTableProps<T> {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  emptyMessage?: string;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

function compare(a: string | number, b: string | number): number {
  return typeof a === "number" && typeof b === "number"
    ? a - b
    : collator.compare(String(a), String(b));
}

export function DataTable<T>({ caption, columns, rows, rowKey, emptyMessage = "No results." }: DataTableProps<T>) {
  const [sort, setSort] = useState<Sort>(null);
  const captionId = useId();

  const sortedRows = useMemo(() => {
    const sortValue = columns.find((c) => c.key === sort?.key)?.sortValue;
    if (!sort || !sortValue) return rows;
    const factor = sort.direction === "ascending" ? 1 : -1;
    return [...rows].sort((a, b) => factor * compare(sortValue(a), sortValue(b)));
  }, [rows, columns, sort]);

  function toggleSort(key: string) {
    setSort((current) =>
      current?.key === key && current.direction === "ascending"
        ? { key, direction: "descending" }
        : { key, direction: "ascending" },
    );
  }

  return (
    <div className="table-scroller" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table>
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                aria-sort={sort?.key === column.key ? sort.direction : undefined}
                className={column.numeric ? "numeric" : undefined}
              >
                {column.sortValue ? (
                  <button type="button" onClick={() => toggleSort(column.key)}>
                    {column.header}
                    <span aria-hidden="true">
                      {sort?.key !== column.key ? " ↕" : sort.direction === "ascending" ? " ↑" : " ↓"}
                    </span>
                  </button>
                ) : (
                  column.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sortedRows.length === 0 ? (
            <tr>
              <td colSpan={columns.length}>{emptyMessage}</td>
            </tr>
          ) : (
            sortedRows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((column) => (
                  <td key={column.key} className={column.numeric ? "numeric" : undefined}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
