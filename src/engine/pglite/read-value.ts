export async function readWholeValue(_db: unknown, _t: string, _k: string, _c: string): Promise<{ refused: string }> {
  return { refused: 'stub' };
}
