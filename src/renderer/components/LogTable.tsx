import type { ReactNode } from 'react';
import { timeText } from '../view/numbers';
import { useFormatVersion } from '../state/settings';

export interface LogColumn<T> {
  title: string;
  width: number;
  cell: (entry: T) => ReactNode;
  className?: (entry: T) => string;
}

/** A log of timestamped entries, newest as given: time, the caller's columns, then the full reason. */
export function LogTable<T extends { ts: number; reason: string }>(props: {
  entries: T[];
  empty: string;
  columns: LogColumn<T>[];
  rowKey: (entry: T, index: number) => string;
}) {
  useFormatVersion(); // re-rendered when the Settings' time zone changes
  if (props.entries.length === 0) return <p className="risk-empty">{props.empty}</p>;
  return (
    <table className="risk-table log-table">
      <colgroup>
        <col style={{ width: 70 }} />
        {props.columns.map((c) => (
          <col key={c.title} style={{ width: c.width }} />
        ))}
        <col />
      </colgroup>
      <thead>
        <tr>
          <th>Time</th>
          {props.columns.map((c) => (
            <th key={c.title}>{c.title}</th>
          ))}
          <th>Reason</th>
        </tr>
      </thead>
      <tbody>
        {props.entries.map((entry, i) => (
          <tr key={props.rowKey(entry, i)}>
            <td className="num">{timeText(entry.ts)}</td>
            {props.columns.map((c) => (
              <td key={c.title} className={c.className?.(entry)}>
                {c.cell(entry)}
              </td>
            ))}
            <td className="reason" title={entry.reason}>
              {entry.reason}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
