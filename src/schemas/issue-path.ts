/**
 * Paths into parsed JSON, as zod reports them (`['messages', 2, 'content']`), shared by
 * everything that explains a zod issue to a person: response validation, the training-data
 * validator and the fake's 400s.
 */

/**
 * A path as people write it: `messages[2].content`.
 *
 * @example
 * formatPath(['data', 0, 'status']); // 'data[0].status'
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/**
 * The value at `path` inside `root`, or undefined when the path leads nowhere — to say what was
 * actually sent where a schema expected something else.
 *
 * @example
 * valueAtPath({ messages: [{ role: 'bot' }] }, ['messages', 0, 'role']); // 'bot'
 */
export function valueAtPath(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
