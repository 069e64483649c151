import type { BrowserId, CookieChange, HttpExchange } from '../../protocol.ts';
import { HTTP_TEXT_LIMIT } from '../../output-limits.ts';
import { shorten } from './cookie-jar.ts';

export type ExchangeInput = Omit<HttpExchange, 'seq' | 'time'>;

const SECRET_FIELDS = /^(client_secret|password)$/i;

/** A form or JSON body for the record: shortened, secrets masked. */
export function describeBody(body: string | null | undefined, contentType: string | null): string | undefined {
  if (!body) return undefined;
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(body);
    for (const key of [...form.keys()]) if (SECRET_FIELDS.test(key)) form.set(key, '•••');
    return shorten(decodeURIComponent(form.toString().replaceAll('+', ' '))).value;
  }
  return shorten(body).value;
}

/** What a response said, for the record: JSON and text shortened, an HTML page by its title. */
export async function describeResponse(response: Response): Promise<string | undefined> {
  const type = response.headers.get('content-type') ?? '';
  if (response.status >= 300 && response.status < 400) return undefined;
  const text = await response.clone().text();
  if (!text) return undefined;
  if (type.includes('text/html')) {
    const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    return `HTML page${title ? `: ${title}` : ''}`;
  }
  return shorten(text).value;
}

export function urlFields(url: string): { url: string; urlLength?: number } {
  const cut = shorten(url, HTTP_TEXT_LIMIT);
  return cut.valueLength === undefined ? { url: cut.value } : { url: cut.value, urlLength: cut.valueLength };
}

/** The record of one exchange. */
export async function exchangeRecord(input: {
  from: BrowserId | 'server';
  to: HttpExchange['to'];
  request: Request;
  requestBody: string | undefined;
  response: Response;
  cookies: readonly string[];
  setCookies: readonly CookieChange[];
  durationMs: number;
}): Promise<ExchangeInput> {
  const { request, response } = input;
  const location = response.headers.get('location');
  const responseBody = await describeResponse(response);
  const requestBody = describeBody(input.requestBody, request.headers.get('content-type'));
  return {
    from: input.from,
    to: input.to,
    method: request.method,
    ...urlFields(request.url),
    status: response.status,
    ...(location ? { location: shorten(location).value } : {}),
    cookies: [...input.cookies],
    setCookies: [...input.setCookies],
    ...(requestBody !== undefined ? { requestBody } : {}),
    ...(responseBody !== undefined ? { responseBody } : {}),
    durationMs: input.durationMs,
  };
}
