import { WORK_LEDGER_ERRORS, type WorkLedgerErrorCode } from '@zhicheng/contracts/work-ledger';
import { moduleErrors } from '../../platform/http/errors.ts';

const STATUS: Record<WorkLedgerErrorCode, number> = {
  ledger_task_exists: 409,
  ledger_illegal_step: 409,
  ledger_not_overdue: 409,
};

/** The module's errors: codes and words in the contract, the status here. */
export const workLedgerError = moduleErrors(WORK_LEDGER_ERRORS, STATUS);
