import type { StatementEvent } from '../../engine/engine.ts';
import { PARAM_BLOB_LIMIT, PARAM_COUNT_LIMIT, PARAM_TEXT_LIMIT, SQL_CHAR_BUDGET, SQL_TEXT_FLOOR, SQL_TEXT_LIMIT, STATEMENT_LIMIT } from '../output-limits.ts';
import type { SqlParam, StatementOrigin, StatementRecord } from '../protocol.ts';

function hex(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte.toString(16).padStart(2, '0');
  return text;
}

function toSqlParam(value: unknown): SqlParam {
  if (value instanceof Uint8Array) {
    return value.length > PARAM_BLOB_LIMIT ? { blob: hex(value.subarray(0, PARAM_BLOB_LIMIT)), length: value.length } : { blob: hex(value) };
  }
  if (value === null || typeof value === 'number') return value;
  const text = String(value);
  return text.length > PARAM_TEXT_LIMIT ? { text: text.slice(0, PARAM_TEXT_LIMIT), length: text.length } : text;
}

function paramChars(param: SqlParam): number {
  if (param === null || typeof param === 'number') return 8;
  if (typeof param === 'string') return param.length;
  return 'blob' in param ? param.blob.length : param.text.length;
}

/**
 * The statements of one action as the SQL panel gets them: the first STATEMENT_LIMIT, each
 * with its SQL and parameters shortened to what a reader can use (full lengths stated), within
 * a character budget for the whole action. Past the limit, statements are only counted.
 */
export class StatementRecords {
  readonly records: StatementRecord[] = [];
  /** Statements that ran but were not recorded. */
  dropped = 0;
  #chars = 0;

  add(event: StatementEvent, seq: number, origin: StatementOrigin, time: number): void {
    if (this.records.length >= STATEMENT_LIMIT) {
      this.dropped++;
      return;
    }
    const sqlLimit = this.#chars < SQL_CHAR_BUDGET ? SQL_TEXT_LIMIT : SQL_TEXT_FLOOR;
    const sql = event.sql.length > sqlLimit ? event.sql.slice(0, sqlLimit) : event.sql;
    const { params, count } = this.#params(event.params);
    this.#chars += sql.length;
    this.records.push({
      seq,
      sql,
      params,
      durationMs: event.durationMs,
      rowsReturned: event.rowsReturned,
      rowsAffected: event.rowsAffected,
      origin,
      time,
      ...(sql.length < event.sql.length ? { sqlLength: event.sql.length } : {}),
      ...(count !== undefined ? { paramCount: count } : {}),
      ...(event.error ? { error: event.error.length > SQL_TEXT_FLOOR * 4 ? `${event.error.slice(0, SQL_TEXT_FLOOR * 4)}…` : event.error } : {}),
    });
  }

  /** The first PARAM_COUNT_LIMIT parameters, and how many there were when that is fewer. */
  #params(bound: StatementEvent['params']): { params: StatementRecord['params']; count?: number } {
    if (Array.isArray(bound)) {
      const params = bound.slice(0, PARAM_COUNT_LIMIT).map(toSqlParam);
      for (const param of params) this.#chars += paramChars(param);
      return bound.length > params.length ? { params, count: bound.length } : { params };
    }
    const named: Record<string, SqlParam> = {};
    let count = 0;
    for (const [key, value] of Object.entries(bound)) {
      if (!key.startsWith('$')) continue;
      if (++count > PARAM_COUNT_LIMIT) continue;
      const param = toSqlParam(value);
      this.#chars += paramChars(param);
      named[key.slice(1)] = param;
    }
    return count > PARAM_COUNT_LIMIT ? { params: named, count } : { params: named };
  }
}
