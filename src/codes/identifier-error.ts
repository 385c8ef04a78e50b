/**
 * A value that is not an accepted spelling of any identifier: malformed, a wrong check digit or character, or an
 * unknown scheme. Deliberately a plain `Error` so this library stays free of GraphQL; the resolver layer maps it to
 * `BAD_USER_INPUT` and can show `value` to the user because it is exactly what they sent.
 */
export class IdentifierError extends Error {
  constructor(
    readonly value: string,
    readonly reason: string,
  ) {
    super(`Invalid identifier "${value}": ${reason}`);
    this.name = "IdentifierError";
  }
}
