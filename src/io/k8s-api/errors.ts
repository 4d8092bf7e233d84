/**
 * What went wrong talking to the API server, in classes the sync loop acts on: Gone re-lists,
 * Forbidden and NotFound are reported for their resource, the rest is a lost connection.
 */

/** A `metav1.Status` body, as the API server sends with an error. */
export interface ApiStatus {
  readonly kind?: string;
  readonly code?: number;
  readonly reason?: string;
  readonly message?: string;
}

/** `GET /api/v1/pods`, or `watch /api/v1/pods`: a request named without its query. */
export function requestName(path: string): string {
  const [bare, query = ''] = path.split('?');
  return `${/(^|&)watch=(1|true)(&|$)/.test(query) ? 'watch' : 'GET'} ${bare}`;
}

/** An HTTP error answer of the API server (or of the proxy in front of it). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
    readonly detail: string,
    readonly reason?: string,
  ) {
    super(`HTTP ${status} for ${requestName(path)}${detail ? `: ${detail}` : ''}`);
    this.name = 'ApiError';
  }
}

/** An answer that is not what a Kubernetes API server sends (HTML from a web server, say). */
export class NotKubernetesError extends Error {
  constructor(
    readonly path: string,
    what: string,
  ) {
    super(
      `${requestName(path)} returned ${what}: is this the address of a Kubernetes API server (kubectl proxy)?`,
    );
    this.name = 'NotKubernetesError';
  }
}

/** Whether a value is a `metav1.Status`. */
export function isStatus(value: unknown): value is ApiStatus {
  return typeof value === 'object' && value !== null && (value as ApiStatus).kind === 'Status';
}

/** An ApiError from a response, with the Status message when the body has one. */
export async function apiErrorOf(response: Response, path: string): Promise<ApiError> {
  let detail = '';
  let reason: string | undefined;
  try {
    const text = await response.text();
    try {
      const body = JSON.parse(text) as unknown;
      if (isStatus(body)) {
        detail = body.message ?? '';
        reason = body.reason;
      } else detail = text.slice(0, 200).trim();
    } catch {
      detail = text.slice(0, 200).trim();
    }
  } catch {
    // The body is gone with the connection: the status says enough.
  }
  return new ApiError(response.status, path, detail, reason);
}

/** Whether an error says the resource version is too old (HTTP 410 or a Status with code 410). */
export function isGone(error: unknown): boolean {
  return error instanceof ApiError && error.status === 410;
}

/** Whether an error is the request being stopped on purpose. */
export function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
