/**
 * Request and Response whose headers keep `Cookie` and `Set-Cookie`. A browser's Fetch API
 * drops those from the headers of every Request and Response a script constructs (they are
 * forbidden header names: only the browser itself handles cookies). Auth.js reads the session
 * from the Cookie header and sets it with Set-Cookie, so between Auth.js and the playground's
 * simulated browsers — which are scripts — they must survive. While an action runs the world
 * puts these subclasses in place of the globals; their headers are a plain `Headers` (no guard).
 * Node's Request and Response do not drop them, so there the subclasses change nothing.
 */
type HeadersSource = HeadersInit | Headers | undefined;

function openHeaders(init: HeadersSource): Headers {
  return new Headers(init);
}

export function openFetchClasses(Native: { Request: typeof Request; Response: typeof Response }): { Request: typeof Request; Response: typeof Response } {
  class OpenRequest extends Native.Request {
    readonly #headers: Headers;

    constructor(input: RequestInfo | URL, init: RequestInit = {}) {
      const { headers, ...rest } = init;
      super(input, rest);
      this.#headers = openHeaders(headers ?? (input instanceof Native.Request ? input.headers : undefined));
    }

    override get headers(): Headers {
      return this.#headers;
    }

    override clone(): Request {
      return new OpenRequest(super.clone(), { headers: this.#headers });
    }
  }

  class OpenResponse extends Native.Response {
    readonly #headers: Headers;

    constructor(body?: BodyInit | null, init: ResponseInit = {}) {
      const { headers, ...rest } = init;
      super(body, rest);
      this.#headers = openHeaders(headers);
      // A string body without a type is text, as the native constructor would say.
      if (typeof body === 'string' && !this.#headers.has('content-type')) this.#headers.set('content-type', 'text/plain;charset=UTF-8');
    }

    override get headers(): Headers {
      return this.#headers;
    }

    override clone(): Response {
      const copy = super.clone();
      return new OpenResponse(copy.body, { status: this.status, statusText: this.statusText, headers: this.#headers });
    }

    static override redirect(url: string | URL, status = 302): Response {
      return new OpenResponse(null, { status, headers: { location: new URL(url).href } });
    }

    static override json(data: unknown, init: ResponseInit = {}): Response {
      const headers = openHeaders(init.headers);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      return new OpenResponse(JSON.stringify(data), { ...init, headers });
    }
  }

  return { Request: OpenRequest, Response: OpenResponse };
}

/** Puts the open classes on `scope` for an action; returns the undo. */
export function installOpenFetchClasses(scope: { Request: typeof Request; Response: typeof Response }): () => void {
  const native = { Request: scope.Request, Response: scope.Response };
  const open = openFetchClasses(native);
  scope.Request = open.Request;
  scope.Response = open.Response;
  return () => {
    scope.Request = native.Request;
    scope.Response = native.Response;
  };
}
