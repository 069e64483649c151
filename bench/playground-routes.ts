/**
 * The ways into the playground the bench times: the plain URL, share links (a built-in example,
 * and one with code the build did not compile), a docs page's "Open in playground" link, and
 * switching ORM on a loaded page. Links are made or read the way readers get them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ormEntry, type OrmId } from '../src/playground/orm-registry.ts';
import type { EngineId, SourceFile } from '../src/playground/protocol.ts';
import { readExamples, type ExampleSource } from '../src/playground/build/read-examples.ts';
import { decodeState, encodeState } from '../src/playground/share/codec.ts';
import type { PlaygroundState } from '../src/playground/store/state.ts';
import { DIST } from './docs-weight.ts';

export interface Route {
  readonly label: string;
  readonly path: string;
  /** Whether the code comes from the link's hash (not in the page's HTML). */
  readonly link: boolean;
  /** 'switch': load `path`, then time a click on the other ORM → its first outcome. */
  readonly kind: 'load' | 'switch';
  /** The ORM of the outcome that counts. */
  readonly orm: OrmId;
  /** The database it runs on: its first result is compared to that engine's floor. */
  readonly engine: EngineId;
  /** Whether the last round's page also times re-runs (each ORM's default example). */
  readonly rerun: boolean;
}

/**
 * The docs page whose links the bench follows; its code is the docs' own, not a built-in
 * example (the build compiles the docs' examples too, and the page looks them up by content).
 */
const DOCS_PAGE = 'mikro-orm/custom-entities';

const defaultExample = (orm: OrmId): ExampleSource => readExamples().find((each) => each.id === ormEntry(orm).defaultExample)!;
const stateOf = (example: ExampleSource, files: readonly SourceFile[] = example.files, engine: EngineId = 'sqlite'): PlaygroundState => ({
  orm: example.orm,
  engine,
  implementation: 'ours',
  files,
  active: example.active,
  options: { freshDatabase: true },
});
const link = (state: PlaygroundState): string => `/playground/#${encodeState(state)}`;

/** Whether these files are a built-in example's, which the build compiled (no compiler in the page). */
function isBuiltIn(orm: OrmId, files: readonly SourceFile[]): boolean {
  const same = (a: readonly SourceFile[], b: readonly SourceFile[]): boolean =>
    a.length === b.length && a.every((file, i) => file.name === b[i]!.name && file.code === b[i]!.code);
  return readExamples().some((example) => example.orm === orm && same(example.files, files));
}

/** The first "Open in playground" link of the built docs page whose code is not a built-in example. */
function docsLink(): { path: string; orm: OrmId; engine: EngineId } {
  const file = join(DIST, DOCS_PAGE, 'index.html');
  if (!existsSync(file)) throw new Error(`No built docs page ${DOCS_PAGE}/ in ${DIST}: the bench follows its playground links.`);
  for (const [, hash] of readFileSync(file, 'utf8').matchAll(/href="\/playground\/(#[^"]+)"/g)) {
    const decoded = decodeState(hash!);
    if (decoded.ok && !isBuiltIn(decoded.state.orm, decoded.state.files))
      return { path: `/playground/${hash}`, orm: decoded.state.orm, engine: decoded.state.engine };
  }
  throw new Error(`The built ${DOCS_PAGE}/ page has no playground link with code that is not a built-in example.`);
}

/**
 * The default example on the published package ("@auth (official)"): Sequelize's with the
 * adapter imported by its official name; MikroORM's default example is MikroORM 7 code, so the
 * official docs' MikroORM example (on MikroORM 5) with the same sign-ins instead.
 */
function officialLink(orm: OrmId): string {
  const example = defaultExample(orm);
  const files =
    orm === 'sequelize'
      ? example.files.map((file) => ({ ...file, code: file.code.replaceAll('"@adapter-lab/sequelize-adapter"', '"@auth/sequelize-adapter"') }))
      : example.files.map((file) =>
          file.name === 'auth.ts' ? { ...file, code: OFFICIAL_MIKRO_ORM_AUTH } : { ...file, code: file.code.replace('signIn("nodemailer"', 'signIn("email"') },
        );
  return link({ ...stateOf(example, files), implementation: 'official' });
}

/** The official Auth.js docs' MikroORM example, as the official package's users have it (no providers: the playground's own stand in). */
const OFFICIAL_MIKRO_ORM_AUTH = `import NextAuth from "next-auth"
import { MikroOrmAdapter } from "@auth/mikro-orm-adapter"

export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter: MikroOrmAdapter({
    dbName: process.env.DATABASE_CONNECTION_STRING,
    type: "sqlite",
  }),
  providers: [],
})
`;

/** The Sequelize default example with its first console.log's message changed: code the build never compiled. */
function editedLink(): string {
  const example = defaultExample('sequelize');
  let edited = false;
  const files = example.files.map((file) => {
    if (edited || file.name !== example.active) return file;
    const code = file.code.replace(/console\.log\("([^"]*)"/, (_, text: string) => `console.log("${text} (edited)"`);
    edited = code !== file.code;
    return { ...file, code };
  });
  if (!edited) throw new Error(`The Sequelize default example's ${example.active} has no console.log("…") left to edit for the custom-code link.`);
  return link(stateOf(example, files));
}

export function playgroundRoutes(): Route[] {
  const docs = docsLink();
  const onPostgres = (orm: OrmId): string => link(stateOf(defaultExample(orm), defaultExample(orm).files, 'postgres'));
  return [
    { label: 'Sequelize, /playground/', path: '/playground/', link: false, kind: 'load', orm: 'sequelize', engine: 'sqlite', rerun: true },
    {
      label: 'MikroORM, share link',
      path: link(stateOf(defaultExample('mikro-orm'))),
      link: true,
      kind: 'load',
      orm: 'mikro-orm',
      engine: 'sqlite',
      rerun: true,
    },
    { label: `docs link, a docs example (${DOCS_PAGE})`, path: docs.path, link: true, kind: 'load', orm: docs.orm, engine: docs.engine, rerun: false },
    {
      label: 'share link, custom code (Sequelize, 1 line changed)',
      path: editedLink(),
      link: true,
      kind: 'load',
      orm: 'sequelize',
      engine: 'sqlite',
      rerun: false,
    },
    { label: 'switch ORM (click MikroORM → first table)', path: '/playground/', link: false, kind: 'switch', orm: 'mikro-orm', engine: 'sqlite', rerun: false },
    { label: 'PostgreSQL: Sequelize, share link', path: onPostgres('sequelize'), link: true, kind: 'load', orm: 'sequelize', engine: 'postgres', rerun: true },
    { label: 'PostgreSQL: MikroORM, share link', path: onPostgres('mikro-orm'), link: true, kind: 'load', orm: 'mikro-orm', engine: 'postgres', rerun: true },
    {
      label: 'official: @auth/sequelize-adapter, share link',
      path: officialLink('sequelize'),
      link: true,
      kind: 'load',
      orm: 'sequelize',
      engine: 'sqlite',
      rerun: false,
    },
    {
      label: 'official: @auth/mikro-orm-adapter on MikroORM 5, share link',
      path: officialLink('mikro-orm'),
      link: true,
      kind: 'load',
      orm: 'mikro-orm',
      engine: 'sqlite',
      rerun: false,
    },
  ];
}
