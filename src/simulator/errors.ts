/** An error answer in the appliance's shape: {"error": {type, message, details}, "meta": {href}}. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const notFound = (path: string) => new ApiError(404, 'NotFound', `The requested object does not exist: ${path}`, { path });
export const invalid = (message: string, errors: Array<{ path: string; message: string }> = []) =>
  new ApiError(400, 'InvalidQuery', message, { errors });

/** A percent-encoded path segment, decoded; a 400 naming it when its encoding is broken (e.g. "%zz"). */
export function decodeSegment(segment: string, path: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ApiError(400, 'InvalidQuery', `The path segment ${JSON.stringify(segment)} of ${JSON.stringify(path)} has a broken percent-encoding.`, { path });
  }
}
