/**
 * The four ways a service call can be refused. Each carries a sentence for the user (in Chinese);
 * anything internal stays in the server log. Adapters (Server Actions, pages) map them once.
 */
export class ServiceError extends Error {
  constructor(
    message: string,
    readonly code: "not_found" | "forbidden" | "conflict" | "invalid",
  ) {
    super(message);
  }
}

export class NotFound extends ServiceError {
  constructor(message = "未找到该记录，或您无权查看。") {
    super(message, "not_found");
  }
}

export class Forbidden extends ServiceError {
  constructor(message = "您无权进行此项操作。") {
    super(message, "forbidden");
  }
}

/** Someone else moved the record first, or a newer draft exists; `current` carries what is there now. */
export class Conflict extends ServiceError {
  constructor(
    message: string,
    readonly current?: Record<string, string | number | null>,
  ) {
    super(message, "conflict");
  }
}

export class Invalid extends ServiceError {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message, "invalid");
  }
}
