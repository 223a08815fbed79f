import type { z } from 'zod';
import { valueAtPath } from '../../schemas/issue-path.ts';
import { formatPath, type Problem, type ProblemCode, problem } from '../problems.ts';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

/** The message object that `path` points into, when it does (`messages[i]…`). */
function enclosingMessage(root: unknown, path: Path): { role?: unknown } | undefined {
  for (let i = path.length - 1; i > 0; i--) {
    if (
      typeof path[i] === 'number' &&
      /^(messages|preferred_output|non_preferred_output)$/.test(String(path[i - 1]))
    ) {
      const message = valueAtPath(root, path.slice(0, i + 1));
      return message && typeof message === 'object' ? (message as { role?: unknown }) : undefined;
    }
  }
  return undefined;
}

/**
 * Of a union's failed branches, the one that the input was evidently meant for: a branch that
 * failed only because the input has another JSON type is set aside. Undefined when no single
 * branch stands out (then the union itself is reported).
 */
function intendedBranch(issue: Extract<Issue, { code: 'invalid_union' }>): Issue[] | undefined {
  const candidates = issue.errors.filter(
    (branch) =>
      !(branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0),
  );
  return candidates.length === 1 ? candidates[0] : undefined;
}

type Classified = { code: ProblemCode; message: string; path?: Path };

function classify(issue: Issue, root: unknown, path: Path): Classified[] {
  const last = path.at(-1);
  const where = formatPath(path);
  switch (issue.code) {
    case 'custom': {
      const code =
        (issue.params as { problem?: ProblemCode } | undefined)?.problem ?? 'invalid_field';
      return [{ code, message: `${where}: ${issue.message}` }];
    }
    case 'unrecognized_keys': {
      const message = enclosingMessage(root, [...path, 'x']);
      return issue.keys.map((key): Classified => {
        const keyPath = [...path, key];
        const at = formatPath(keyPath);
        if (key === 'weight' && message && message.role !== 'assistant') {
          return {
            code: 'weight_on_non_assistant',
            message: `${at}: only assistant messages may have a weight (this one is ${describe(message.role)})`,
            path: keyPath,
          };
        }
        return {
          code: 'unknown_key',
          message: `${at}: unknown key ${JSON.stringify(key)}`,
          path: keyPath,
        };
      });
    }
    case 'invalid_union': {
      if (valueAtPath(root, path) === undefined) {
        if (last === 'content')
          return [{ code: 'missing_content', message: `${where} is missing` }];
        return [{ code: 'missing_field', message: `${where} is missing` }];
      }
      if (issue.discriminator === 'role' || last === 'role') {
        return [
          {
            code: 'unknown_role',
            message: `${where}: unknown role ${describe(valueAtPath(root, path))}; expected one of ${'options' in issue && issue.options ? issue.options.map(String).join(', ') : 'the known roles'}`,
          },
        ];
      }
      return [{ code: 'invalid_field', message: `${where}: ${issue.message.toLowerCase()}` }];
    }
    case 'invalid_type': {
      const actual = valueAtPath(root, path);
      if (actual === undefined) {
        if (last === 'messages')
          return [{ code: 'missing_messages', message: `${where} is missing` }];
        if (last === 'content')
          return [{ code: 'missing_content', message: `${where} is missing` }];
        if (last === 'preferred_output' || last === 'non_preferred_output') {
          return [{ code: 'missing_preference_output', message: `${where} is missing` }];
        }
        return [
          { code: 'missing_field', message: `${where} is missing (expected ${issue.expected})` },
        ];
      }
      if (last === 'content' && actual === null) {
        return [{ code: 'missing_content', message: `${where} is null` }];
      }
      return [
        {
          code: 'invalid_field',
          message: `${where}: expected ${issue.expected}, got ${describe(actual)}`,
        },
      ];
    }
    case 'too_small': {
      if (last === 'messages') return [{ code: 'empty_messages', message: `${where} is empty` }];
      if (last === 'preferred_output' || last === 'non_preferred_output') {
        return [{ code: 'missing_preference_output', message: `${where} is empty` }];
      }
      return [{ code: 'invalid_field', message: `${where}: ${issue.message.toLowerCase()}` }];
    }
    case 'invalid_value': {
      const actual = valueAtPath(root, path);
      if (last === 'weight') {
        return [
          {
            code: 'invalid_weight',
            message: `${where}: weight must be 0 or 1, got ${describe(actual)}`,
          },
        ];
      }
      if (last === 'type' && actual === 'image_url') {
        const message = enclosingMessage(root, path);
        const part = path.slice(0, -1);
        return [
          {
            code: 'image_not_in_user_message',
            message: `${formatPath(part)}: images are only allowed in user messages (this one is ${describe(message?.role)})`,
            path: part,
          },
        ];
      }
      return [
        {
          code: 'invalid_field',
          message: `${where}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(actual)}`,
        },
      ];
    }
    default:
      return [{ code: 'invalid_field', message: `${where}: ${issue.message}` }];
  }
}

/** True when JSON path `path` is `prefix` or lies inside it. */
function isWithin(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

/**
 * Turns zod issues into located problems with tunekit's codes. Unions are unwrapped into the
 * branch the input was meant for, and once an image is found in a non-user message the other
 * complaints about that same part are dropped: one cause, one problem.
 */
export function schemaProblems(issues: readonly Issue[], root: unknown, line: number): Problem[] {
  const problems: Problem[] = [];
  const silenced: string[] = [];
  const visit = (issue: Issue, prefix: Path) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.discriminator === undefined) {
      const branch = intendedBranch(issue);
      if (branch) {
        for (const inner of branch) visit(inner, path);
        return;
      }
    }
    const where = formatPath(path);
    if (silenced.some((prefix) => isWithin(where, prefix))) return;
    for (const { code, message, path: own } of classify(issue, root, path)) {
      const at = own ? formatPath(own) : where;
      if (code === 'image_not_in_user_message') silenced.push(at);
      problems.push(problem(code, message, { line, ...(at ? { path: at } : {}) }));
    }
  };
  for (const issue of issues) visit(issue, []);
  return problems.filter(
    (p) =>
      p.code === 'image_not_in_user_message' || !silenced.some((s) => isWithin(p.path ?? '', s)),
  );
}
