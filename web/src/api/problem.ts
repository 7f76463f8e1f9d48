import type { Problem } from './types';

/** A failed API call: the HTTP status and the RFC 9457 problem the API answered with. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem>,
    readonly etag: string | null = null,
  ) {
    super(problem.detail ?? problem.title ?? `Request failed (${status})`);
  }

  get code(): string | undefined {
    return this.problem.code;
  }

  /** Field path (e.g. "content.keyboard[0][1].url") → message, for showing each error beside its field. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) out[e.field] ??= e.message;
    return out;
  }
}

/** openapi-fetch answers {data, error, response}; pages want the data or a thrown ApiError. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    const problem = (error && typeof error === 'object' ? error : { title: response.statusText }) as Partial<Problem>;
    throw new ApiError(response.status, problem, response.headers.get('etag'));
  }
  return data as T;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = Object.entries(error.fieldErrors()).map(([field, message]) => `${field}: ${message}`);
    return [error.message, ...fields].join(' — ');
  }
  return error instanceof Error ? error.message : String(error);
}

/** The data and the ETag of a versioned resource, for a later If-Match. */
export async function unwrapWithEtag<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<{ data: T; etag: string }> {
  const result = await call;
  const data = await unwrap(Promise.resolve(result));
  return { data, etag: result.response.headers.get('etag') ?? '' };
}
