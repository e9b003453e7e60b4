import type { AccountInfo, Extension, ExtensionStatus, Observed, PhoneNumber } from "../domain/directory.js";
import { NotFoundError, UpstreamUnavailableError } from "../errors.js";
import { AccountConnection, nextCachePrefix, type AccountConnectionConfig } from "./account-connection.js";
import { systemClock, type Clock } from "./clock.js";
import { silentLogger, type FieldLogger } from "../field-logger.js";
import type { OperationId } from "./operations.js";
import { readAllV1Pages, readAllV2Pages } from "./paging.js";
import { InMemoryReadCache, readResources, type ReadCache, type ReadResource } from "./read-cache.js";
import { ReadThrough } from "./read-through.js";
import type {
  WireAccountInfo,
  WireAssignPhoneNumberRequest,
  WireContact,
  WireExtension,
  WireExtensionCreateRequest,
  WireExtensionUpdateRequest,
  WireV1List,
  WireV2List,
  WireV2PhoneNumber,
} from "./ringcentral.wire.js";
import {
  toAccountSnapshot,
  toExtension,
  toExtensionsSnapshot,
  toPhoneNumber,
  replaceById,
  withExtension,
  type AccountRecord,
  type AccountSnapshot,
  type ExtensionsSnapshot,
} from "./wire-mapping.js";

export type { AccountConnectionConfig } from "./account-connection.js";

export interface RingCentralDataSourceOptions {
  /** One per RingCentral account; account ids must be unique. */
  connections: readonly AccountConnectionConfig[];
  /** How long a read is served from cache without asking RingCentral. Default 30_000 (30 s). */
  cacheTtlMs?: number;
  /**
   * The longest a call waits for rate budget (a spent window or a 429 penalty). A read that would wait longer
   * serves its last good value with `stale: true`, or fails with `UpstreamRateLimitedError` when it has none;
   * a write waits as long, then fails with `UpstreamRateLimitedError`. Default 10_000 (10 s).
   */
  rateLimitDeadlineMs?: number;
  /** Gives up on one upstream request after this long (then reads serve stale). Default 15_000 (15 s). */
  requestTimeoutMs?: number;
  /** Where reads are cached; in-process by default, replaceable by a shared (Redis) implementation. */
  cache?: ReadCache;
  /** Time for cache freshness and budget waits. Default: the system clock. */
  clock?: Clock;
  /** Default: silent. */
  logger?: FieldLogger;
}

export interface CreateExtensionInput {
  firstName: string;
  lastName?: string;
  email: string;
  /** RingCentral picks the next free number when absent. */
  extensionNumber?: string;
  department?: string;
  /** RingCentral's default is `NotActivated` (a welcome email activates the user). */
  status?: Exclude<ExtensionStatus, "Unassigned">;
}

/** Fields left undefined are not changed. */
export interface UpdateExtensionInput {
  status?: Exclude<ExtensionStatus, "Unassigned">;
  extensionNumber?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  department?: string;
}

/** v2 PATCH body; `Inventory` is what the emulator accepts for "back to stock" (see `assignPhoneNumber`). */
type AssignPhoneNumberBody = WireAssignPhoneNumberRequest | { usageType: "Inventory" };

const v1 = "/restapi/v1.0/account";
const v2 = "/restapi/v2/accounts";

/**
 * The only code that talks to RingCentral. Reads are cached per account and resource for `cacheTtlMs`, one
 * upstream fetch per account and resource at a time, every list read in pages of 1,000; writes go straight
 * through and amend the cached reads they change. Every failure is a domain error (see `errors.ts`); no upstream
 * body, token or credential ever reaches an error or a log line.
 */
export class RingCentralDataSource {
  private readonly connections = new Map<string, AccountConnection>();
  private readonly reads: ReadThrough;
  private readonly clock: Clock;
  private readonly rateLimitDeadlineMs: number;
  private readonly closing = new AbortController();

  constructor(options: RingCentralDataSourceOptions) {
    this.clock = options.clock ?? systemClock;
    this.rateLimitDeadlineMs = options.rateLimitDeadlineMs ?? 10_000;
    const logger = options.logger ?? silentLogger;
    this.reads = new ReadThrough(
      options.cache ?? new InMemoryReadCache(),
      this.clock,
      options.cacheTtlMs ?? 30_000,
      logger,
    );
    for (const config of options.connections) {
      if (this.connections.has(config.accountId)) {
        throw new Error(`RingCentral account ${config.accountId} is configured twice`);
      }
      this.connections.set(
        config.accountId,
        new AccountConnection(config, {
          clock: this.clock,
          logger,
          requestTimeoutMs: options.requestTimeoutMs ?? 15_000,
          cachePrefix: nextCachePrefix(config.accountId),
          signal: this.closing.signal,
        }),
      );
    }
  }

  hasAccount(accountId: string): boolean {
    return this.connections.has(accountId);
  }

  accountIds(): string[] {
    return [...this.connections.keys()];
  }

  /**
   * The account's connection (SDK session, rate budget, error mapping), for `RingCentralPush` in
   * `ringcentral-push.ts`: push shares them with reads and writes. Throws `NotFoundError` for an unknown account.
   */
  connectionOf(accountId: string): AccountConnection {
    return this.connection(accountId);
  }

  /**
   * The account, from one `readAccountInfo` call (cached). Its `name` is the configured name, else the admin
   * (operator) extension's `contact.company` if the extension list happens to be cached (no call is made for
   * it), else null.
   */
  async accountInfo(accountId: string): Promise<Observed<AccountInfo>> {
    const observed = await this.accountSnapshot(accountId);
    const name =
      this.connection(accountId).name ?? (await this.cachedCompany(accountId, observed.value.operatorExtensionId));
    return { ...observed, value: { ...observed.value.account, name } };
  }

  /** The account without its name: what capacity needs, without looking into the extension list for a name. */
  async account(accountId: string): Promise<Observed<AccountRecord>> {
    const observed = await this.accountSnapshot(accountId);
    return { ...observed, value: observed.value.account };
  }

  /** Every extension of the account, of every type and status (`listExtensions`, 1,000 per page). */
  async extensions(accountId: string): Promise<Observed<Extension[]>> {
    const observed = await this.extensionsSnapshot(accountId);
    return { ...observed, value: observed.value.extensions };
  }

  /** Every phone number of the account (v2 `listAccountPhoneNumbersV2`, 1,000 per page). */
  async phoneNumbers(accountId: string): Promise<Observed<PhoneNumber[]>> {
    const connection = this.connection(accountId);
    return this.reads.read({ accountId, resource: "phoneNumbers" }, async () => {
      const deadlineAt = this.readDeadline();
      const records = await readAllV2Pages({ url: `${v2}/${accountId}/phone-numbers` }, (request) =>
        connection.sendForJson<WireV2List<WireV2PhoneNumber>>(
          "listAccountPhoneNumbersV2",
          (platform) => platform.get(request.url, request.query),
          deadlineAt,
        ),
      );
      return records.map(toPhoneNumber);
    });
  }

  /** Creates a `User` extension. At the seat limit: `CapacityExhaustedError`; duplicate email/number: `ConflictError`. */
  async createExtension(accountId: string, input: CreateExtensionInput): Promise<Extension> {
    const body: WireExtensionCreateRequest = {
      type: "User",
      contact: contactOf(input),
      ...(input.extensionNumber !== undefined && { extensionNumber: input.extensionNumber }),
      ...(input.status !== undefined && { status: input.status }),
    };
    const wire = await this.write<WireExtension>(
      accountId,
      "createExtension",
      ["extensions"],
      (platform) => platform.post(`${v1}/${accountId}/extension`, body),
      (created) => this.amendExtensions(accountId, created),
    );
    return toExtension(wire);
  }

  /**
   * Updates an extension. Giving an `Unassigned` seat to a person is an update with `status`, a contact and
   * optionally `extensionNumber` (RingCentral assigns the next free one otherwise).
   */
  async updateExtension(accountId: string, extensionId: string, input: UpdateExtensionInput): Promise<Extension> {
    const contact = contactOf(input);
    const body: WireExtensionUpdateRequest = {
      ...(input.status !== undefined && { status: input.status }),
      ...(input.extensionNumber !== undefined && { extensionNumber: input.extensionNumber }),
      ...(Object.keys(contact).length > 0 && { contact }),
    };
    const id = assertId(extensionId, "extension");
    const wire = await this.write<WireExtension>(
      accountId,
      "updateExtension",
      ["extensions"],
      (platform) => platform.put(`${v1}/${accountId}/extension/${id}`, body),
      (updated) => this.amendExtensions(accountId, updated),
    );
    return toExtension(wire);
  }

  /**
   * Deletes an extension. Both lists are read again: a user on a licence-bound plan can leave an `Unassigned`
   * extension behind (with an id we cannot know), and its direct numbers go back to inventory.
   */
  async deleteExtension(accountId: string, extensionId: string): Promise<void> {
    const id = assertId(extensionId, "extension");
    await this.write<undefined>(accountId, "deleteExtension", ["extensions", "phoneNumbers"], (platform) =>
      platform.delete(`${v1}/${accountId}/extension/${id}`),
    );
  }

  /**
   * Assigns a number to an extension as its direct number (v2 PATCH), or with `extensionId` null returns it to
   * inventory by sending `{usageType: "Inventory"}`. The emulator supports that; real RingCentral's PATCH lists
   * no `Inventory` target, so there unassigning may need another call (e.g. moving it to a company number).
   */
  async assignPhoneNumber(accountId: string, phoneNumberId: string, extensionId: string | null): Promise<PhoneNumber> {
    const id = assertId(phoneNumberId, "phone number");
    const body: AssignPhoneNumberBody =
      extensionId === null
        ? { usageType: "Inventory" }
        : { usageType: "DirectNumber", extension: { id: assertId(extensionId, "extension") } };
    const wire = await this.write<WireV2PhoneNumber>(
      accountId,
      "assignPhoneNumberV2",
      ["phoneNumbers"],
      (platform) => platform.patch(`${v2}/${accountId}/phone-numbers/${id}`, body),
      (assigned) =>
        this.reads.amend<PhoneNumber[]>({ accountId, resource: "phoneNumbers" }, (numbers) =>
          replaceById(numbers, toPhoneNumber(assigned)),
        ),
    );
    return toPhoneNumber(wire);
  }

  /** The next read of `resource` (default: all three) asks RingCentral; the old value stays as stale fallback. */
  async invalidate(accountId: string, resource?: ReadResource): Promise<void> {
    await this.invalidateAll(accountId, resource ? [resource] : readResources);
  }

  /** Readiness: every configured RingCentral server answers HTTP. Makes no authenticated call, spends no budget. */
  async ping(): Promise<boolean> {
    const servers = new Map<string, AccountConnection>();
    for (const connection of this.connections.values()) servers.set(connection.serverUrl, connection);
    const answers = await Promise.all([...servers.values()].map((connection) => connection.reachable()));
    return answers.every(Boolean);
  }

  /** Ends budget waits (they fail with `UpstreamUnavailableError`) and forgets every session's tokens. */
  async close(): Promise<void> {
    this.closing.abort();
    await Promise.all([...this.connections.values()].map((connection) => connection.close()));
  }

  private accountSnapshot(accountId: string): Promise<Observed<AccountSnapshot>> {
    const connection = this.connection(accountId);
    return this.reads.read<AccountSnapshot>({ accountId, resource: "account" }, async () =>
      toAccountSnapshot(
        await connection.sendForJson<WireAccountInfo>(
          "readAccountInfo",
          (platform) => platform.get(`${v1}/${accountId}`),
          this.readDeadline(),
        ),
        connection.serverUrl,
      ),
    );
  }

  private extensionsSnapshot(accountId: string): Promise<Observed<ExtensionsSnapshot>> {
    const connection = this.connection(accountId);
    return this.reads.read({ accountId, resource: "extensions" }, async () => {
      const deadlineAt = this.readDeadline();
      const records = await readAllV1Pages(connection.serverUrl, { url: `${v1}/${accountId}/extension` }, (request) =>
        connection.sendForJson<WireV1List<WireExtension>>(
          "listExtensions",
          (platform) => platform.get(request.url, request.query),
          deadlineAt,
        ),
      );
      return toExtensionsSnapshot(records);
    });
  }

  private async cachedCompany(accountId: string, operatorExtensionId: string | null): Promise<string | null> {
    if (operatorExtensionId === null) return null;
    const cached = await this.reads.peek<ExtensionsSnapshot>({ accountId, resource: "extensions" });
    return cached?.companies[operatorExtensionId] ?? null;
  }

  /** The created or updated extension joins the cached list (our own write needs no re-list). */
  private amendExtensions(accountId: string, wire: WireExtension): Promise<void> {
    return this.reads.amend<ExtensionsSnapshot>({ accountId, resource: "extensions" }, (snapshot) =>
      withExtension(snapshot, wire),
    );
  }

  /**
   * One upstream write and its parsed answer. On success, `amend` applies the answer to the cached reads it
   * touched; without one, `affects` is read again. A write whose outcome is unknown (timeout, 5xx, unreadable
   * answer) invalidates `affects` too: it may have happened.
   */
  private async write<T>(
    accountId: string,
    operation: OperationId,
    affects: readonly ReadResource[],
    call: Parameters<AccountConnection["send"]>[1],
    amend?: (result: T) => Promise<void>,
  ): Promise<T> {
    const connection = this.connection(accountId);
    let result: T;
    try {
      const response = await connection.send(operation, call, this.clock.now() + this.rateLimitDeadlineMs);
      result = await parseWriteResult<T>(response, operation);
    } catch (error) {
      // A write that timed out or met a 5xx may still have happened upstream.
      if (error instanceof UpstreamUnavailableError) await this.invalidateAll(accountId, affects);
      throw error;
    }
    await (amend ? amend(result) : this.invalidateAll(accountId, affects));
    return result;
  }

  private async invalidateAll(accountId: string, resources: readonly ReadResource[]): Promise<void> {
    await Promise.all(resources.map((resource) => this.reads.invalidate({ accountId, resource })));
  }

  private readDeadline(): number {
    return this.clock.now() + this.rateLimitDeadlineMs;
  }

  private connection(accountId: string): AccountConnection {
    const connection = this.connections.get(accountId);
    if (!connection) throw new NotFoundError(`No RingCentral account ${accountId} is configured`, { accountId });
    return connection;
  }
}

async function parseWriteResult<T>(response: Response, operation: OperationId): Promise<T> {
  if (response.status === 204) return undefined as T;
  try {
    return (await response.json()) as T;
  } catch {
    throw new UpstreamUnavailableError(`RingCentral answered ${operation} with an unreadable body`, { operation });
  }
}

function contactOf(input: UpdateExtensionInput): WireContact {
  const contact: WireContact = {};
  if (input.firstName !== undefined) contact.firstName = input.firstName;
  if (input.lastName !== undefined) contact.lastName = input.lastName;
  if (input.email !== undefined) contact.email = input.email;
  if (input.department !== undefined) contact.department = input.department;
  return contact;
}

/** Ids go into URL paths: anything but digits cannot exist upstream and is refused before any call. */
function assertId(id: string, what: string): string {
  if (!/^[1-9]\d{0,18}$/.test(id)) throw new NotFoundError(`No such ${what} in RingCentral`);
  return id;
}
