/**
 * Narrowing helpers for JSON we do not control. Each returns `undefined`
 * instead of throwing, so a malformed document degrades to `Unknown`s.
 */

import {
  stripUrlCredentials,
  stripUrlCredentialsInText,
} from '../urlCredentials';

/** A plain object, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A non-empty string, or undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * A non-empty upstream message, with the credentials of any URL quoted in it
 * removed (`failed to fetch https://user:token@host/…`), or undefined.
 */
export function asMessage(value: unknown): string | undefined {
  const text = asString(value);
  return text === undefined ? undefined : stripUrlCredentialsInText(text);
}

/** A non-empty URL without credentials, or undefined. */
export function asUrl(value: unknown): string | undefined {
  const text = asString(value);
  return text === undefined ? undefined : stripUrlCredentials(text);
}

/** The optional fields of `T` that hold any string. */
type StringFieldOf<T> = {
  [K in keyof T]-?: string extends NonNullable<T[K]>
    ? NonNullable<T[K]> extends string
      ? K
      : never
    : never;
}[keyof T] &
  string;

/**
 * Copies the non-empty string fields `keys` of `from` onto `to`, leaving
 * the others out rather than `undefined`.
 */
export function copyStrings<T extends object>(
  to: T,
  from: Record<string, unknown>,
  keys: readonly StringFieldOf<T>[],
): T {
  for (const key of keys) {
    const value = asString(from[key]);
    if (value) (to as Record<string, unknown>)[key] = value;
  }
  return to;
}

/** A boolean, or undefined. */
export function asBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** An integer; numeric strings count because int64 may travel as a string in proto3 JSON. */
export function asInteger(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) {
    return value;
  }
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) {
    return Number(value);
  }
  return undefined;
}

/** An array, or an empty one. */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The non-empty strings of an array. */
export function asStringArray(value: unknown): string[] {
  return asArray(value).filter(
    (item): item is string => typeof item === 'string' && item !== '',
  );
}

/** The plain objects of an array. */
export function asRecordArray(value: unknown): Record<string, unknown>[] {
  return asArray(value)
    .map(asRecord)
    .filter((item): item is Record<string, unknown> => item !== undefined);
}

/** Shortens text for error messages and facts, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(0, max - 1))}…` : text;
}
