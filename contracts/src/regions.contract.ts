import { z } from 'zod';
import { RegionCode, RegionLevel } from './common.contract.ts';

export const Region = z.object({
  code: RegionCode,
  name: z.string(),
  level: RegionLevel,
  parentCode: RegionCode.nullable(),
  childCount: z.number().int(),
});
export type Region = z.infer<typeof Region>;

export const RegionWithAncestors = Region.extend({
  ancestors: z.array(Region.pick({ code: true, name: true, level: true })),
  aliases: z.array(z.string()),
});
export type RegionWithAncestors = z.infer<typeof RegionWithAncestors>;

export const RegionListQuery = z.object({
  parent: RegionCode.optional(),
  level: RegionLevel.optional(),
  q: z.string().trim().max(50).optional(),
  /** Everything under the parent, not only its children. */
  descendants: z.coerce.boolean().optional(),
});

export const RegionList = z.object({ items: z.array(Region) });

/** One row of a street/community import; the parent must already exist. */
export const RegionImportRow = z.object({
  code: z.string().regex(/^(\d{9}|\d{12})$/, { message: 'street 9 digits, community 12 digits' }),
  name: z.string().trim().min(1).max(64),
  parentCode: RegionCode,
});

export const AddAliasRequest = z.object({ alias: z.string().trim().min(1).max(64) });

export const REGION_PERMISSIONS = { manage: 'regions.manage' } as const;
