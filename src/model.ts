/** The intermediate representation every emitter reads (see DESIGN.md, "The IR"). */

export interface ErrorCatalog {
  readonly modules: readonly ErrorModule[];
}

export interface ErrorModule {
  /** Seed file basename: `seeds/hire-v1.md` → `hire-v1`. */
  readonly id: string;
  /** Seed path relative to the working directory, with `/` separators (for headers). */
  readonly seed: string;
  /** Front matter `title`, else the first heading, else the id. */
  readonly title: string;
  /** Front matter `source_url`. */
  readonly sourceUrl?: string;
  /** `最后更新于 2023-11-02` → `2023-11-02`. */
  readonly docUpdated?: string;
  /** TypeScript enum / OpenAPI schema base name, e.g. `HireErrorCode`. */
  readonly typeName: string;
  /** Go package name, e.g. `hire`. */
  readonly goPackage: string;
  /** Sorted by code. */
  readonly entries: readonly ErrorEntry[];
  /**
   * The endpoints the module's pages declare (a folder module: one per API reference page),
   * sorted by path then method. Absent for a module without any (a flat module-level page).
   */
  readonly endpoints?: readonly ModuleEndpoint[];
}

/**
 * A page's `接口频率限制` (rate-limit tier): the numbers it states, and its text as written
 * (`1000 次/分钟、50 次/秒`, `特殊频控`, a tier name). `special` when the page says the limit is
 * special or names no number.
 */
export interface RateLimit {
  readonly perSecond?: number;
  readonly perMinute?: number;
  readonly special?: boolean;
  readonly text: string;
}

/** An endpoint: HTTP method (upper case) and the path template after the host (`/open-apis/im/v1/messages/:message_id`). */
export interface EndpointRef {
  readonly method: string;
  readonly path: string;
  /** The page that documents it: front matter `source_url`, else `https://open.feishu.cn/document` + `fullPath`. */
  readonly docUrl?: string;
}

/** An endpoint of a module, with its documented rate-limit tier. */
export interface ModuleEndpoint extends EndpointRef {
  readonly rateLimit?: RateLimit;
}

/**
 * What one endpoint says of a code where it differs from the entry's module-level texts,
 * HTTP status or verdict (issue 29): kept so every runtime answers with the endpoint's meaning.
 */
export interface EndpointMeaning extends EndpointRef {
  readonly httpStatus?: number;
  readonly message?: string;
  readonly description?: string;
  readonly suggestion?: string;
  readonly category: Category;
  readonly retryable: boolean;
  readonly retry: Retry;
}

/**
 * A sub-code of a parent code, from `ext=ErrCode: <n>; ErrMsg: …` in the response's `msg`
 * (230099's card errors). `errMsg` is set where several rows share one sub-code and only the
 * ErrMsg tells them apart: the runtimes match it as a case-insensitive substring of the
 * response's ErrMsg.
 */
export interface SubCode {
  readonly subCode: number;
  readonly errMsg?: string;
  /** PascalCase, from the row's ErrMsg meaning (`CardTableNumberOverLimit`); unique within the parent entry. */
  readonly name: string;
  readonly message: string;
  readonly description?: string;
  readonly suggestion?: string;
  readonly category: Category;
  readonly retryable: boolean;
  readonly retry: Retry;
}

export interface ErrorLink {
  /** Which text field the link was found in. */
  readonly field: 'message' | 'description' | 'suggestion';
  readonly text: string;
  readonly url: string;
}

export interface ErrorVariant {
  readonly message: string;
  readonly description?: string;
  readonly suggestion?: string;
  readonly section?: string;
  readonly httpStatus?: number;
}

export interface Normalization {
  readonly field: string;
  /** The rule id of the normalization, e.g. `typo`, `code-range`. */
  readonly rule: string;
  /** The text before the rule applied. */
  readonly from: string;
}

/** The part of an entry every serialised form shares (JSON, OpenAPI, name lock). */
export interface EntryTexts {
  /** PascalCase identifier, stable across doc updates (held by the name lock). */
  readonly name: string;
  /** English message where the doc has one, normalized. */
  readonly message: string;
  /** 说明 / Description. */
  readonly description?: string;
  /** 排查建议 / Troubleshooting suggestion. */
  readonly suggestion?: string;
  /** HTTP状态码 column, as this page states it. */
  readonly httpStatus?: number;
  /** The heading above the table the code came from. */
  readonly section?: string;
  /** The code is gone from the doc but kept by the name lock. */
  readonly deprecated?: boolean;
}

/** An entry's texts in another language, from a companion seed `<id>.<lang>.md`. */
export interface Translation {
  readonly message?: string;
  readonly description?: string;
  readonly suggestion?: string;
}

/**
 * How a caller reacts to a code, modeled on gRPC's canonical codes (see docs/error-handling.md):
 * authentication → get a new token; authorization → grant a scope or permission; validation →
 * change the request; not_found → check the id; conflict → reconcile; failed_precondition →
 * change the resource's state or the tenant's settings; rate_limit → wait; server → retry with
 * backoff; unknown → log it with its log id.
 */
export type Category =
  | 'authentication'
  | 'authorization'
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'failed_precondition'
  | 'rate_limit'
  | 'server'
  | 'unknown';

/** Every category, in the order docs and schemas list them. */
export const CATEGORIES: readonly Category[] = [
  'authentication',
  'authorization',
  'validation',
  'not_found',
  'conflict',
  'failed_precondition',
  'rate_limit',
  'server',
  'unknown',
];

/** Where a verdict came from, highest first: the user's config, the shipped table, the page's HTTP status, its texts; `none` for `unknown`. */
export type CategorySource = 'config' | 'curated' | 'http-status' | 'text' | 'none';

/**
 * What the runtimes' retry helpers do with a code: `never` (retrying cannot help),
 * `after_token_refresh` (a new access token can make the same call succeed), `after_wait`
 * (a frequency limit or contention that clears by itself), `with_backoff` (a transient
 * server error, retried with jittered exponential backoff when the call is idempotent).
 */
export type Retry = 'never' | 'after_token_refresh' | 'after_wait' | 'with_backoff';

/** Every retry policy, in the order docs and schemas list them. */
export const RETRIES: readonly Retry[] = ['never', 'after_token_refresh', 'after_wait', 'with_backoff'];

/** A code's category and whether the same request may succeed later, unchanged. */
export interface Classification {
  readonly category: Category;
  /** The very same request may succeed if sent again later (not: the request is idempotent). */
  readonly retryable: boolean;
  /** What a retry helper does with the code. */
  readonly retry: Retry;
  readonly categorySource: CategorySource;
}

/** An entry as the doc gives it, before it is classified. */
export interface DocEntry extends EntryTexts {
  /** Integer error code; at most a signed 32-bit int, so every target holds it natively. */
  readonly code: number;
  /** The same code listed again with other texts. */
  readonly variants?: readonly ErrorVariant[];
  readonly normalizations?: readonly Normalization[];
  /** Links found in the cells: the text stays in the field, the URL is kept here. */
  readonly links?: readonly ErrorLink[];
  /** The texts of companion seeds by BCP 47 tag (`en`, `zh`, `en-US`), sorted by tag. */
  readonly translations?: Readonly<Record<string, Translation>>;
  /**
   * The name feishu-errcodes derived for the code when it last named it (the lock's
   * `derived`): a `name` that differs was chosen by hand, and `generate --rename` keeps it.
   */
  readonly derivedName?: string;
}

export interface ErrorEntry extends DocEntry, Classification {
  /** Endpoints whose texts, HTTP status or verdict differ from the entry's (sorted by path, then method). */
  readonly endpoints?: readonly EndpointMeaning[];
  /** Sub-codes documented for this code, sorted by sub-code then errMsg. */
  readonly subCodes?: readonly SubCode[];
}

/**
 * An entry's name and texts as a plain object with absent fields left out, in the key
 * order every output uses (JSON catalogue, OpenAPI `x-feishu-errors`, name lock).
 */
export function entryTexts(entry: EntryTexts): EntryTexts {
  return {
    name: entry.name,
    message: entry.message,
    ...(entry.description !== undefined && { description: entry.description }),
    ...(entry.suggestion !== undefined && { suggestion: entry.suggestion }),
    ...(entry.httpStatus !== undefined && { httpStatus: entry.httpStatus }),
    ...(entry.section !== undefined && { section: entry.section }),
    ...(entry.deprecated && { deprecated: true }),
  };
}

/** An entry's verdict as a plain object, in the key order the JSON catalogue and OpenAPI `x-feishu-errors` use. */
export function entryVerdict(entry: Classification): Classification {
  return { category: entry.category, retryable: entry.retryable, retry: entry.retry, categorySource: entry.categorySource };
}
