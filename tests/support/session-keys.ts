// One check both adapters' custom-Session tests share: a primary key the database assigns
// (autoincrement `sessionId`) comes back from every session method under its own name.
import type { Adapter } from '@auth/core/adapters';
import { expect } from 'vitest';

/** Creates sessions 'token 1' and 'token 2' for `userId` (the database numbers them 1, 2), updates 2, deletes 1. */
export async function expectAssignedSessionKeys(adapter: Adapter, userId: string): Promise<void> {
  const session = (n: number) => ({ sessionToken: `token ${n}`, userId, expires: new Date('2030-01-01T00:00:00.000Z') });
  // The second INSERT shows the key is read back, not counted: the database assigns 1, then 2.
  expect(await adapter.createSession?.(session(1))).toEqual({ ...session(1), sessionId: 1 });
  expect(await adapter.createSession?.(session(2))).toEqual({ ...session(2), sessionId: 2 });
  expect((await adapter.getSessionAndUser?.('token 2'))?.session).toEqual({ ...session(2), sessionId: 2 });
  const later = new Date('2031-01-01T00:00:00.000Z');
  expect(await adapter.updateSession?.({ sessionToken: 'token 2', expires: later })).toEqual({ ...session(2), sessionId: 2, expires: later });
  expect(await adapter.deleteSession?.('token 1')).toEqual({ ...session(1), sessionId: 1 });
}
