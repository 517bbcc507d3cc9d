/**
 * The budget of a policy year: committed (approved, not yet paid) and paid amounts. An approval that would take
 * committed + paid above the budget is refused. Pure functions over plain numbers (fen).
 */
import { AppError } from '../common/app-error.ts';
import { formatYuan, type Fen } from '../common/money.ts';

export type BudgetState = { budgetFen: Fen; committedFen: Fen; paidFen: Fen };

export const availableFen = (b: BudgetState): Fen => b.budgetFen - b.committedFen - b.paidFen;

/** Usage in basis points of the budget (0 when the budget is 0). */
export const usedBp = (b: BudgetState): number =>
  b.budgetFen <= 0 ? 0 : Math.floor(((b.committedFen + b.paidFen) * 10_000) / b.budgetFen);

function assertAmount(amountFen: Fen): void {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw new AppError('VALIDATION', '金额须为正整数（分）', { amountFen });
}

/** Commit an approved amount; refused when it would exceed the budget. */
export function commit(b: BudgetState, amountFen: Fen): BudgetState {
  assertAmount(amountFen);
  const room = availableFen(b);
  if (amountFen > room) {
    throw new AppError('RULE_VIOLATION', `预算不足：本次核定 ${formatYuan(amountFen)} 元，预算余额 ${formatYuan(Math.max(0, room))} 元`, {
      amountFen, availableFen: room, budgetFen: b.budgetFen,
    });
  }
  return { ...b, committedFen: b.committedFen + amountFen };
}

/** Pay a committed amount: it moves from committed to paid. */
export function settle(b: BudgetState, amountFen: Fen): BudgetState {
  assertAmount(amountFen);
  if (amountFen > b.committedFen) throw new AppError('CONFLICT', '拨付金额超过已承诺金额', { amountFen, committedFen: b.committedFen });
  return { ...b, committedFen: b.committedFen - amountFen, paidFen: b.paidFen + amountFen };
}

/** Release a commitment (an approved application rejected before payment). */
export function release(b: BudgetState, amountFen: Fen): BudgetState {
  assertAmount(amountFen);
  if (amountFen > b.committedFen) throw new AppError('CONFLICT', '释放金额超过已承诺金额', { amountFen, committedFen: b.committedFen });
  return { ...b, committedFen: b.committedFen - amountFen };
}

/** A new budget figure may not fall below what is already committed and paid. */
export function assertBudgetChange(b: BudgetState, newBudgetFen: Fen): void {
  if (!Number.isSafeInteger(newBudgetFen) || newBudgetFen < 0) throw new AppError('VALIDATION', '预算须为非负整数（分）');
  if (newBudgetFen < b.committedFen + b.paidFen) {
    throw new AppError('RULE_VIOLATION', `预算不能低于已承诺与已拨付之和 ${formatYuan(b.committedFen + b.paidFen)} 元`, { newBudgetFen });
  }
}
