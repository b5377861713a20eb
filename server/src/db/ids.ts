const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from URLs are checked before they reach SQL: a malformed id is an unknown id (404). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
