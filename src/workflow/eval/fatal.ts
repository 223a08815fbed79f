import {
  AuthenticationError,
  NotFoundError,
  PermissionDeniedError,
} from '../../core/errors/api-error.ts';
import { APIUserAbortError } from '../../core/errors/user-abort-error.ts';
import { BudgetExhaustedError } from './budget.ts';

/**
 * Errors that end an evaluation instead of being recorded against one example: the key or its
 * permissions (every request would fail the same way), an unknown model, the budget, the
 * caller's abort.
 */
export function isFatalEvalError(error: unknown): boolean {
  return (
    error instanceof AuthenticationError ||
    error instanceof PermissionDeniedError ||
    error instanceof NotFoundError ||
    error instanceof APIUserAbortError ||
    error instanceof BudgetExhaustedError
  );
}
