// Compile-time checks that a response schema describes what the code returns, as it goes over the wire:
// JSON.stringify turns a Date into an ISO string and calls toJSON on objects such as Decimal.

export type Jsonified<T> = T extends Date
  ? string
  : T extends { toJSON(): infer R }
    ? Jsonified<R>
    : T extends readonly unknown[]
      ? { -readonly [K in keyof T]: Jsonified<T[K]> }
      : T extends object
        ? { -readonly [K in keyof T]: Jsonified<T[K]> }
        : T;

/** true when each type is assignable to the other (the schema promises exactly what is sent). */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** true when every value the code sends is valid under the schema (used where the schema is deliberately looser). */
export type Covers<Schema, Sent> = [Sent] extends [Schema] ? true : false;

export type Expect<T extends true> = T;
