import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";

/** Wraps one method: `call()` makes the original call; `args` are what it was called with. */
type Around = (call: () => Promise<unknown>, ...args: never[]) => Promise<unknown>;

/**
 * `target` (a driver connection or transaction) with the named methods run through a wrapper:
 * `wrappers[name](call, ...args)`, where `call()` makes the original call, as often as the
 * wrapper needs. Every other property passes through, methods bound to the target.
 */
export function around<T extends object>(target: T, wrappers: Partial<Record<string, Around>>): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== "function") return value;
      const wrapper = typeof property === "string" ? wrappers[property] : undefined;
      if (!wrapper) return value.bind(object);
      return (...args: unknown[]) => wrapper(() => value.apply(object, args), ...(args as never[]));
    },
  });
}

/** The same factory, each connection it opens handed to `prepare` before Prisma gets it. */
export function preparedConnections(
  factory: SqlDriverAdapterFactory,
  prepare: (connection: SqlDriverAdapter) => Promise<SqlDriverAdapter> | SqlDriverAdapter,
): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => prepare(await factory.connect()),
  };
}
