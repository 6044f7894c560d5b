import { HttpProblem } from './problem.js';

/** Cursors are opaque to clients: base64url of the next offset. Stable because every list has a total order. */
export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof value.o === 'number' && Number.isSafeInteger(value.o) && value.o >= 0) return value.o;
  } catch {
    // fall through to the problem below
  }
  throw new HttpProblem(400, 'Invalid cursor: pass the nextCursor of a previous page', {
    errors: [{ location: 'querystring', path: 'cursor', message: 'not a cursor this API issued' }],
  });
}

export function pageMeta(total: number, offset: number, limit: number) {
  return { total, limit, nextCursor: offset + limit < total ? encodeCursor(offset + limit) : null };
}
