import { auditCsv } from '../state/actions';
import { csvFileName } from '../view/download';
import { saveTextFile } from './saveFile';

/**
 * Downloads the audit trail as CSV: one order's, or every order's. Returns what to tell the trader:
 * the file saved, or why there is none.
 */
export async function exportAuditCsv(clientOrderId?: string): Promise<{ ok: boolean; text: string }> {
  const reply = await auditCsv(clientOrderId);
  if (!reply.ok) return { ok: false, text: `Export failed: ${reply.error.message}` };
  const name = csvFileName(reply.value.filename, clientOrderId === undefined ? 'audit.csv' : `audit-${clientOrderId}.csv`);
  saveTextFile(name, reply.value.csv);
  return { ok: true, text: `Saved ${name}` };
}
