// Browsers drop Cookie from the headers of a script's Request and Set-Cookie from a script's
// Response (forbidden header names); Node does not. The open classes keep both, whatever the
// native classes do: here natives that drop them as a browser does.
import { describe, expect, it } from 'vitest';
import { openFetchClasses } from '../../../src/playground/runtime/auth/open-headers.ts';

function withoutForbidden(init: HeadersInit | undefined): Headers {
  const headers = new Headers(init);
  headers.delete('cookie');
  headers.delete('set-cookie');
  return headers;
}

class BrowserRequest extends Request {
  constructor(input: RequestInfo | URL, init: RequestInit = {}) {
    super(input, { ...init, headers: withoutForbidden(init.headers ?? (input instanceof Request ? input.headers : undefined)) });
  }
}

class BrowserResponse extends Response {
  constructor(body?: BodyInit | null, init: ResponseInit = {}) {
    super(body, { ...init, headers: withoutForbidden(init.headers) });
  }
}

const { Request: OpenRequest, Response: OpenResponse } = openFetchClasses({ Request: BrowserRequest, Response: BrowserResponse });

describe('Request and Response for Auth.js and the simulated browsers', () => {
  it('the browser-like natives really drop them (the reason for the open classes)', () => {
    expect(new BrowserRequest('http://localhost/', { headers: { cookie: 'a=1' } }).headers.get('cookie')).toBeNull();
    expect(new BrowserResponse(null, { headers: { 'set-cookie': 'a=1' } }).headers.getSetCookie()).toEqual([]);
  });

  it('a request keeps its Cookie header, also when copied from another request, and its body', async () => {
    const request = new OpenRequest('http://localhost/api/auth/signin/github', {
      method: 'POST',
      headers: { cookie: 'authjs.csrf-token=x', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'csrfToken=x',
    });
    expect(request.headers.get('cookie')).toBe('authjs.csrf-token=x');
    const copy = new OpenRequest(request);
    expect(copy.headers.get('cookie')).toBe('authjs.csrf-token=x');
    expect(copy.clone().headers.get('cookie')).toBe('authjs.csrf-token=x');
    expect(await copy.text()).toBe('csrfToken=x');
    expect(copy).toBeInstanceOf(Request);
  });

  it('a response keeps every Set-Cookie, through clone(), redirect() and json()', async () => {
    const headers = new Headers();
    headers.append('set-cookie', 'a=1; Path=/');
    headers.append('set-cookie', 'b=2; Path=/');
    const response = new OpenResponse('{"ok":true}', { status: 200, headers });
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    const clone = response.clone();
    expect(clone.headers.getSetCookie()).toHaveLength(2);
    expect(await clone.json()).toEqual({ ok: true });
    expect(await response.text()).toBe('{"ok":true}');
    const redirect = OpenResponse.redirect('http://localhost:3000/', 302);
    expect([redirect.status, redirect.headers.get('location')]).toEqual([302, 'http://localhost:3000/']);
    expect(OpenResponse.json({ a: 1 }).headers.get('content-type')).toBe('application/json');
    expect(new OpenResponse('text').headers.get('content-type')).toBe('text/plain;charset=UTF-8');
  });
});
