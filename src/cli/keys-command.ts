import { parseArgs } from "node:util";
import { AccessRole, isAccessRole } from "../access/access-role.js";
import type { ApiKey, ApiKeyService } from "../access/api-key.service.js";
import { AppError } from "../errors/app-errors.js";

export const KEYS_USAGE = `  keys create --org ID --role ROLE [--name N] [--expires ISO]
      Creates an API key for a registered organisation (any accepted spelling of its id) and a role
      (${Object.values(AccessRole).join(", ")}); --expires is an ISO 8601 instant, e.g. 2026-12-31T00:00:00Z.
      Prints its id and the key: the key is shown this once, store it now.
  keys list [--org ID]
      Lists keys, newest first, without secrets: id, role, organisation, status, name, created, expires, last used.
  keys revoke ID
      Revokes a key at once; revoking it again changes nothing.`;

/** The credential id a key created or revoked from the command line records as its actor. */
export const CLI_ACTOR = "cli";

export type KeysCommand =
  | { action: "create"; organizationId: string; role: AccessRole; name: string | null; expiresAt: Date | null }
  | { action: "list"; organizationId: string | null }
  | { action: "revoke"; id: string };

/** A command line that is not a keys command: exit code 2, with the usage. */
export class KeysUsageError extends Error {}

export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

const CONSOLE: CommandOutput = { out: (line) => console.log(line), err: (line) => console.error(line) };

const OPTIONS: Readonly<Record<KeysCommand["action"], readonly string[]>> = {
  create: ["org", "role", "name", "expires"],
  list: ["org"],
  revoke: [],
};

/** Parses the words after `keys`; throws KeysUsageError naming what is wrong. No database is needed for this. */
export function parseKeysCommand(args: readonly string[]): KeysCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        org: { type: "string" },
        role: { type: "string" },
        name: { type: "string" },
        expires: { type: "string" },
      },
      allowPositionals: true,
    });
  } catch (error) {
    throw new KeysUsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [action, ...rest] = positionals;
  if (action !== "create" && action !== "list" && action !== "revoke") {
    throw new KeysUsageError(`keys what? "create", "list" or "revoke", not "${action ?? ""}"`);
  }
  const extra = Object.keys(values).find((option) => !OPTIONS[action].includes(option));
  if (extra) throw new KeysUsageError(`keys ${action}: --${extra} is not an option of this command`);
  switch (action) {
    case "create":
      if (rest.length > 0) throw new KeysUsageError(`keys create takes no positional arguments (got ${rest[0]})`);
      return {
        action,
        organizationId: required(values.org, "--org"),
        role: roleOption(required(values.role, "--role")),
        name: values.name ?? null,
        expiresAt: values.expires === undefined ? null : instantOption(values.expires),
      };
    case "list":
      if (rest.length > 0) throw new KeysUsageError(`keys list takes no positional arguments (got ${rest[0]})`);
      return { action, organizationId: values.org ?? null };
    case "revoke":
      if (rest.length !== 1) throw new KeysUsageError(`keys revoke takes one key id (got ${rest.length})`);
      return { action, id: rest[0] ?? "" };
  }
}

/**
 * Runs a parsed keys command. Exit codes as the rest of the CLI: 0 done, 1 refused (unknown organisation or key,
 * invalid value), 2 usage error (see keysCommand).
 */
export async function runKeysCommand(
  command: KeysCommand,
  service: ApiKeyService,
  output: CommandOutput = CONSOLE,
): Promise<number> {
  try {
    switch (command.action) {
      case "create": {
        const { organizationId, role, name, expiresAt } = command;
        const created = await service.create({ organizationId, role, name, expiresAt, createdBy: CLI_ACTOR });
        output.out(`id\t${created.id}`);
        output.out(`key\t${created.key}`);
        output.err("The key is shown this once and cannot be read again: store it now.");
        return 0;
      }
      case "list": {
        // Read first: a refused --org prints no header above its error.
        const listed = await service.list(command.organizationId);
        output.out(LIST_HEADER);
        for (const key of listed) output.out(listLine(key, new Date()));
        return 0;
      }
      case "revoke": {
        const key = await service.revoke(command.id, CLI_ACTOR);
        output.out(`revoked\t${key.id}\t${key.revokedAt ?? ""}`);
        return 0;
      }
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    output.err(error.message);
    return 1;
  }
}

/** Parses and runs `keys …` (the words after `keys`); a usage error prints `usage` and answers 2. */
export async function keysCommand(
  args: readonly string[],
  service: ApiKeyService,
  output: CommandOutput = CONSOLE,
): Promise<number> {
  let command: KeysCommand;
  try {
    command = parseKeysCommand(args);
  } catch (error) {
    if (!(error instanceof KeysUsageError)) throw error;
    output.err(`${error.message}\n\nusage:\n${KEYS_USAGE}`);
    return 2;
  }
  return runKeysCommand(command, service, output);
}

const LIST_HEADER = ["id", "role", "organization", "status", "name", "created", "expires", "last used"].join("\t");

function listLine(key: ApiKey, now: Date): string {
  const status =
    key.revokedAt !== null
      ? "revoked"
      : key.expiresAt !== null && Date.parse(key.expiresAt) <= now.getTime()
        ? "expired"
        : "active";
  const fields = [key.id, key.role, key.organizationId, status, key.name, key.createdAt, key.expiresAt, key.lastUsedAt];
  return fields.map((field) => field ?? "-").join("\t");
}

function required(value: string | undefined, option: string): string {
  if (value === undefined || value.trim() === "") throw new KeysUsageError(`keys create needs ${option}`);
  return value;
}

function roleOption(value: string): AccessRole {
  const role = value.trim().toUpperCase();
  if (!isAccessRole(role)) {
    throw new KeysUsageError(`--role ${value}: use one of ${Object.values(AccessRole).join(", ")}`);
  }
  return role;
}

function instantOption(value: string): Date {
  // An instant needs a date, a time and a zone: "2026-12-31" alone would silently mean midnight UTC.
  const instant = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/i.test(value) || Number.isNaN(instant.getTime())) {
    throw new KeysUsageError(`--expires ${value}: use an ISO 8601 instant with a zone, e.g. 2026-12-31T00:00:00Z`);
  }
  return instant;
}
