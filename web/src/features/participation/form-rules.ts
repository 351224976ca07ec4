import type { z } from 'zod';

/**
 * An Ant Design form rule that checks a field with the contract's own schema, so the form and the server agree on
 * what a phone number or a region code is. Empty values are left to `required`.
 */
export const schemaRule = (schema: z.ZodType, message: string) => ({
  validator: async (_: unknown, value: unknown) => {
    if (value !== undefined && value !== null && value !== '' && !schema.safeParse(value).success)
      throw new Error(message);
  },
});
