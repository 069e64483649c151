// The ORM registry names files the build and the page find by name (the worker entry, the
// environment, the adapter's workspace, the default example): each must be there and say
// the same. Adding an ORM, this is where a misspelt entry shows.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readExamples } from '../../../src/playground/build/read-examples.ts';
import { ENGINE_IDS } from '../../../src/playground/engine-registry.ts';
import { IMPLEMENTATION_IDS } from '../../../src/playground/implementation-registry.ts';
import { DEFAULT_ORM, ORM_IDS, ORMS, isOrmId, ormEntry, runtimeEnvironment, runtimeWorker } from '../../../src/playground/orm-registry.ts';

const ROOT = new URL('../../../', import.meta.url);
const PLAYGROUND = new URL('src/playground/', ROOT);
const read = (url: URL): string => readFileSync(url, 'utf8');

describe('the ORM registry', () => {
  it('has one entry per id, the first being the default', () => {
    expect(new Set(ORM_IDS).size).toBe(ORMS.length);
    expect(DEFAULT_ORM).toBe(ORMS[0].id);
    for (const id of ORM_IDS) expect(ormEntry(id).id).toBe(id);
    expect(isOrmId('mikro-orm')).toBe(true);
    expect(isOrmId('toString')).toBe(false);
  });

  it.each(ORMS.map((orm) => [orm.id, orm] as const))('%s: its adapter package is the workspace the entry names', (_id, orm) => {
    const manifest = JSON.parse(read(new URL(`packages/${orm.adapter.workspace}/package.json`, ROOT))) as { name: string };
    expect(manifest.name).toBe(orm.adapter.package);
  });

  const RUNTIMES = ORMS.flatMap((orm) =>
    ENGINE_IDS.flatMap((engine) =>
      IMPLEMENTATION_IDS.flatMap((implementation) => {
        const worker = runtimeWorker(orm, engine, implementation);
        const environment = runtimeEnvironment(orm, engine, implementation);
        return worker || environment ? [{ orm, engine, implementation, worker, environment }] : [];
      }),
    ),
  );

  it('runs our adapter on every engine', () => {
    for (const orm of ORMS)
      for (const engine of ENGINE_IDS)
        expect(RUNTIMES.some((runtime) => runtime.orm === orm && runtime.engine === engine && runtime.implementation === 'ours')).toBe(true);
  });

  it.each(RUNTIMES.map((runtime) => [runtime.orm.id, runtime.engine, runtime.implementation, runtime] as const))(
    '%s on %s (%s): its worker entry starts its environment',
    (_id, _engine, _implementation, runtime) => {
      expect(runtime.worker && runtime.environment).toBeTruthy();
      const { module, export: name } = runtime.environment!;
      expect(read(new URL(`runtime/env/${module}.ts`, PLAYGROUND))).toMatch(new RegExp(`export const ${name}\\b`));
      const worker = read(new URL(`sandbox/${runtime.worker}.ts`, PLAYGROUND));
      expect(worker).toContain(`import { ${name} } from '../runtime/env/${module}.ts';`);
      expect(worker).toContain(`startRuntimeWorker(${name}, `);
    },
  );

  it('has a worker entry in sandbox/ for each runtime the registry names and no other (the page builds every *.worker.ts there)', () => {
    const workers = readdirSync(new URL('sandbox/', PLAYGROUND)).filter((file) => file.endsWith('.worker.ts'));
    expect(workers.sort()).toEqual(RUNTIMES.map((runtime) => `${runtime.worker}.ts`).sort());
  });

  it.each(ORMS.map((orm) => [orm.id, orm] as const))("%s: its default example is the one example.json marks as the ORM's default", (id, orm) => {
    expect(existsSync(new URL(`examples/${orm.defaultExample}/example.json`, PLAYGROUND))).toBe(true);
    const defaults = readExamples().filter((example) => example.orm === id && example.default);
    expect(defaults.map((example) => example.id)).toEqual([orm.defaultExample]);
  });
});
