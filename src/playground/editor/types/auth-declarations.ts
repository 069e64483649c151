/**
 * The editor's declarations of the Auth.js modules (module-names.ts AUTH_MODULE_NAMES) whose real
 * entry files import their framework's types (next, express, @sveltejs/kit, @builder.io/qwik-city):
 * thin entries with the real packages' exported names and signatures, over @auth/core's real
 * types, the framework's request types being the Web's here (the playground runs Auth.js's core,
 * not the framework), and only the names the playground serves (runtime/auth/framework-modules.ts:
 * @auth/qwik's `setEnvDefaults` is not). Their other files (`/providers/<name>`, `next-auth/jwt`)
 * are the real ones: re-exports of @auth/core. And `@adapter-lab/playground`, from
 * runtime/auth/playground-api.ts.
 */
import type TS from 'typescript';

type Ts = typeof TS;

const header = (what: string): string => `/**
 * Playground declarations: ${what} The playground runs Auth.js itself (@auth/core) with this
 * configuration; simulated browsers stand in for the framework's pages.
 */
`;

/** The parts every framework package re-exports from @auth/core. */
const COMMON_EXPORTS = `import { customFetch } from '@auth/core';
export { customFetch };
export { AuthError, CredentialsSignin } from '@auth/core/errors';
export type { Account, DefaultSession, Profile, Session, User } from '@auth/core/types';
`;

const NEXT_AUTH = `${header("next-auth (v5) as the playground serves it: NextAuth() over the real @auth/core, without Next.js — its requests are the Web's `Request` here.")}import type { AuthConfig } from '@auth/core';
import type { ProviderId } from '@auth/core/providers';
import type { Awaitable, Session } from '@auth/core/types';
${COMMON_EXPORTS}
/** Next.js's \`NextRequest\`: in the playground, a Web \`Request\`. */
type NextRequest = Request;

/** Configure NextAuth.js. */
export interface NextAuthConfig extends Omit<AuthConfig, 'raw'> {
  callbacks?: AuthConfig['callbacks'] & {
    /**
     * Invoked when a user needs authorization, using Middleware: return true to allow the
     * request, false to redirect the user to the sign-in page, or a Response.
     */
    authorized?: (params: { request: NextRequest; auth: Session | null }) => Awaitable<boolean | Response | undefined>;
  };
}

/** A request handled by a route wrapped in \`auth()\`: its session in \`auth\`. */
export interface NextAuthRequest extends NextRequest {
  auth: Session | null;
}

type AppRouteHandlerFnContext = { params: Promise<any> };
type AppRouteHandlerFn = (req: NextRequest, ctx: AppRouteHandlerFnContext) => void | Response | Promise<void | Response>;
type AppRouteHandlers = Record<'GET' | 'POST', (req: NextRequest) => Promise<Response>>;

export interface NextAuthResult {
  /** The route handlers of \`app/api/auth/[...nextauth]/route.ts\`: \`export const { GET, POST } = handlers\`. */
  handlers: AppRouteHandlers;
  /**
   * The current session (\`await auth()\`), or a route handler wrapped to receive it in
   * \`req.auth\`.
   */
  auth: ((...args: []) => Promise<Session | null>) & ((...args: [(req: NextAuthRequest, ctx: AppRouteHandlerFnContext) => ReturnType<AppRouteHandlerFn>]) => AppRouteHandlerFn);
  /** Signs in with a provider (server side): \`await signIn("github")\`. */
  signIn: <P extends ProviderId, R extends boolean = true>(provider?: P, options?: FormData | ({ redirectTo?: string; redirect?: R } & Record<string, any>), authorizationParams?: string[][] | Record<string, string> | string | URLSearchParams) => Promise<R extends false ? any : never>;
  /** Signs out (server side). */
  signOut: <R extends boolean = true>(options?: { redirectTo?: string; redirect?: R }) => Promise<R extends false ? any : never>;
  /** Updates the session's data. */
  unstable_update: (data: Partial<Session | { user: Partial<Session['user']> }>) => Promise<Session | null>;
}

/**
 * Initialize NextAuth.js: \`export const { handlers, auth, signIn, signOut } = NextAuth({ providers: [GitHub], adapter })\`.
 * The configuration may be a function of the request (lazy initialization).
 */
export default function NextAuth(config: NextAuthConfig | ((request: NextRequest | undefined) => Awaitable<NextAuthConfig>)): NextAuthResult;
`;

const EXPRESS = `${header('@auth/express as the playground serves it: ExpressAuth() over the real @auth/core, without Express.')}import type { AuthConfig } from '@auth/core';
import type { Session } from '@auth/core/types';
${COMMON_EXPORTS}
/** Express's request, response and \`next\`, as far as Auth.js's middleware goes (Express does not run in the playground). */
interface ExpressRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string | string[] | undefined>;
  [key: string]: any;
}
interface ExpressResponse {
  [key: string]: any;
}
type ExpressNextFunction = (error?: unknown) => void;

export type ExpressAuthConfig = Omit<AuthConfig, 'raw'>;

/** Auth.js's middleware for Express: \`app.use("/auth/*", ExpressAuth({ providers: [GitHub] }))\`. */
export declare function ExpressAuth(config: ExpressAuthConfig): (req: ExpressRequest, res: ExpressResponse, next: ExpressNextFunction) => Promise<void>;

export type GetSessionResult = Promise<Session | null>;

/** The session of a request: \`await getSession(req, authConfig)\`. */
export declare function getSession(req: ExpressRequest, config: ExpressAuthConfig): GetSessionResult;
`;

const SVELTEKIT = `${header('@auth/sveltekit as the playground serves it: SvelteKitAuth() over the real @auth/core, without SvelteKit.')}import type { AuthConfig } from '@auth/core';
${COMMON_EXPORTS}
/** SvelteKit's request event, hook and form action, as far as Auth.js goes (SvelteKit does not run in the playground). */
interface RequestEvent {
  readonly request: Request;
  readonly url: URL;
  [key: string]: any;
}
type Handle = (input: { event: RequestEvent; resolve: (event: RequestEvent) => Promise<Response> }) => Promise<Response>;
type Action = (event: RequestEvent) => Promise<unknown>;

export interface SvelteKitAuthConfig extends Omit<AuthConfig, 'raw'> {}

/** Auth.js for SvelteKit: \`export const { handle, signIn, signOut } = SvelteKitAuth({ providers: [GitHub] })\` in \`src/auth.ts\`. */
export declare function SvelteKitAuth(config: SvelteKitAuthConfig | ((event: RequestEvent) => PromiseLike<SvelteKitAuthConfig>)): {
  handle: Handle;
  signIn: Action;
  signOut: Action;
};
`;

const QWIK = `${header('@auth/qwik as the playground serves it: QwikAuth$() over the real @auth/core, without Qwik.')}import type { AuthConfig } from '@auth/core';
import type { Session } from '@auth/core/types';
export { AuthError, CredentialsSignin } from '@auth/core/errors';
export type { Account, DefaultSession, Profile, Session, User } from '@auth/core/types';
import type { customFetch as coreCustomFetch } from '@auth/core';
export declare const customFetch: typeof coreCustomFetch | undefined;

/** Qwik City's request event, action and loader, as far as Auth.js goes (Qwik does not run in the playground). */
interface RequestEventCommon {
  readonly request: Request;
  readonly url: URL;
  [key: string]: any;
}
interface Action<Input> {
  (): { submit(input?: Input): Promise<unknown>; readonly isRunning: boolean; readonly value: unknown };
}
interface Loader<T> {
  (): { readonly value: T };
}

export interface QwikAuthConfig extends Omit<AuthConfig, 'raw'> {}

export type GetSessionResult = Promise<{ data: Session | null; cookie: any }>;

/** Auth.js for Qwik City: \`export const { onRequest, useSession, useSignIn, useSignOut } = QwikAuth$(() => ({ providers: [GitHub] }))\`. */
export declare const QwikAuth$: (qrl: (ev: RequestEventCommon) => QwikAuthConfig) => {
  useSignIn: Action<{ providerId?: string; redirectTo?: string; options?: { redirectTo?: string; [key: string]: unknown }; authorizationParams?: string | URLSearchParams | Record<string, string> }>;
  useSignOut: Action<{ redirectTo?: string }>;
  useSession: Loader<Session | null>;
  onRequest: (req: RequestEventCommon) => Promise<void>;
};
`;

/** Each framework package's entry declarations, by package (the file its package.json's "." names). */
export const FRAMEWORK_ENTRIES: Readonly<Record<string, string>> = {
  'next-auth': NEXT_AUTH,
  '@auth/express': EXPRESS,
  '@auth/sveltekit': SVELTEKIT,
  '@auth/qwik': QWIK,
};

/**
 * `@adapter-lab/playground`: the types of runtime/auth/playground-api.ts (declarations emitted
 * from it) and the module's values, one per field of PlaygroundModule, with that field's
 * documentation.
 */
export function playgroundModuleDeclarations(ts: Ts, file: string, text: string): string {
  const declarations = ts.transpileDeclaration(text, { fileName: file, reportDiagnostics: true, compilerOptions: { strict: true } });
  const problems = declarations.diagnostics ?? [];
  if (problems.length > 0)
    throw new Error(
      `Type bundle: ${file} has no declarations of its own: ${problems.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`,
    );
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const module = source.statements.find(
    (statement): statement is TS.InterfaceDeclaration => ts.isInterfaceDeclaration(statement) && statement.name.text === 'PlaygroundModule',
  );
  if (!module) throw new Error(`Type bundle: ${file} declares no PlaygroundModule`);
  const values = module.members.map((member) => {
    if (!ts.isPropertySignature(member) || !ts.isIdentifier(member.name))
      throw new Error(`Type bundle: PlaygroundModule's member ${member.getText()} is not a plain field`);
    const docs = ts
      .getJSDocCommentsAndTags(member)
      .map((doc) => doc.getText())
      .join('\n');
    return `${docs ? `${docs}\n` : ''}export declare const ${member.name.text}: PlaygroundModule['${member.name.text}'];`;
  });
  return `/**
 * Playground declarations: @adapter-lab/playground, what run.ts scripts Auth.js's flows with —
 * simulated browsers, the inbox, the clock and the OAuth provider.
 */
${declarations.outputText.replace(/\n\/\/# sourceMappingURL=.*$/m, '').trimEnd()}

${values.join('\n')}
`;
}
