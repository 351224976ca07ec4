import { EXCLUSION_REASONS, EXPERT_FIELDS, EXPERT_TITLES, RELATION_KINDS } from '@zhicheng/contracts/directory';

type Bi = { zh: string; en: string };
const of =
  <K extends string>(table: Record<K, Bi>) =>
  (key: string | null | undefined, pick: (b: Bi) => string, fallback = '—') =>
    key && key in table ? pick(table[key as K]) : fallback;

/** The words of the contract's keys, in the reader's language. */
export const fieldName = of(EXPERT_FIELDS);
export const titleName = of(EXPERT_TITLES);
export const relationName = of(RELATION_KINDS);
export const reasonName = of(EXCLUSION_REASONS);

export const FIELD_OPTIONS = (pick: (b: Bi) => string) =>
  (Object.keys(EXPERT_FIELDS) as (keyof typeof EXPERT_FIELDS)[]).map((k) => ({
    value: k,
    label: pick(EXPERT_FIELDS[k]),
  }));

export const PICK_STATUS: Record<string, [string, string, string]> = {
  invited: ['已邀请,待答复', 'Invited', 'processing'],
  accepted: ['已接受', 'Accepted', 'success'],
  declined: ['已拒绝', 'Declined', 'error'],
  assigned: ['已指派', 'Assigned', 'blue'],
};

export const DRAW_STATUS: Record<string, [string, string, string]> = {
  open: ['进行中', 'Open', 'processing'],
  completed: ['已完成', 'Completed', 'success'],
  closed: ['已结束', 'Closed', 'default'],
  short: ['人数不足', 'Short', 'warning'],
};
