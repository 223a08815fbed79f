/** The process environment, or a stand-in for it in tests. */
export type Env = Readonly<Record<string, string | undefined>>;

/** An environment variable, with empty strings treated as unset. */
export function fromEnv(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** `explicit` if given (null meaning "none"), else the environment variable. */
export function optionOrEnv(
  explicit: string | null | undefined,
  env: Env,
  name: string,
): string | undefined {
  if (explicit === null) return undefined;
  return explicit ?? fromEnv(env, name);
}
