import type { FormRule } from 'antd';
import type { z } from 'zod';

/**
 * A form rule from the contract's own schema: the browser checks a field with the same Zod schema the server
 * validates, so no limit is written twice. Emptiness is left to `required`.
 */
export function contractRule(schema: z.ZodType): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const r = schema.safeParse(value);
      if (!r.success) throw new Error(r.error.issues[0]?.message ?? 'invalid');
    },
  };
}

/** Puts the server's field errors (`body.racksInUse`, `inventory.0.modelId`) on the form's fields it knows. */
export function fieldErrors<K extends string>(
  problem: { errors?: { path: string; message: string }[] },
  known: readonly K[],
): { name: K; errors: string[] }[] {
  return (problem.errors ?? [])
    .map((x) => ({ name: x.path.replace(/^body\./, '').split('.')[0] as K, errors: [x.message] }))
    .filter((f) => known.includes(f.name));
}
