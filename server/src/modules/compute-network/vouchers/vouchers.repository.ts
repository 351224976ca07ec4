import { and, asc, count, desc, eq, ilike, inArray, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/database/index.ts';
import {
  partyProfile,
  voucherClaim,
  voucherClaimEvent,
  voucherContractFile,
  voucherPolicy,
  type ClaimRow,
  type PolicyRow,
  type ProfileRow,
} from './vouchers.tables.ts';

/** Claims that hold their contract and order (a refused application frees both). */
const LIVE = sql`${voucherClaim.status} <> 'rejected'`;

/** All SQL on the voucher tables. `db` joins the caller's transaction (platform/database/ambient.ts). */
export class VouchersRepository {
  constructor(private readonly db: Db) {}

  // ── policy and its ledger ──
  policies(): Promise<PolicyRow[]> {
    return this.db.select().from(voucherPolicy).orderBy(desc(voucherPolicy.year), desc(voucherPolicy.createdAt));
  }
  async policy(id: string): Promise<PolicyRow | undefined> {
    const [r] = await this.db.select().from(voucherPolicy).where(eq(voucherPolicy.id, id));
    return r;
  }
  async activePolicy(year: number): Promise<PolicyRow | undefined> {
    const [r] = await this.db
      .select()
      .from(voucherPolicy)
      .where(and(eq(voucherPolicy.year, year), eq(voucherPolicy.status, 'active')));
    return r;
  }
  async insertPolicy(row: PolicyRow): Promise<void> {
    await this.db.insert(voucherPolicy).values(row);
  }
  async closePolicy(id: string): Promise<void> {
    await this.db.update(voucherPolicy).set({ status: 'closed' }).where(eq(voucherPolicy.id, id));
  }

  /**
   * Moves money in the ledger in one conditional UPDATE: it applies only if no column goes negative and committed +
   * redeemed + paid stays within the pool. PostgreSQL re-checks the condition on the locked row, so concurrent
   * approvals against a nearly empty pool cannot overspend it; false when it would.
   */
  async moveLedger(policyId: string, d: { committed?: number; redeemed?: number; paid?: number }): Promise<boolean> {
    const c = d.committed ?? 0;
    const r = d.redeemed ?? 0;
    const p = d.paid ?? 0;
    const rows = await this.db
      .update(voucherPolicy)
      .set({
        committedFen: sql`${voucherPolicy.committedFen} + ${c}`,
        redeemedFen: sql`${voucherPolicy.redeemedFen} + ${r}`,
        paidFen: sql`${voucherPolicy.paidFen} + ${p}`,
      })
      .where(
        and(
          eq(voucherPolicy.id, policyId),
          sql`${voucherPolicy.committedFen} + ${c} >= 0`,
          sql`${voucherPolicy.redeemedFen} + ${r} >= 0`,
          sql`${voucherPolicy.paidFen} + ${p} >= 0`,
          sql`${voucherPolicy.committedFen} + ${voucherPolicy.redeemedFen} + ${voucherPolicy.paidFen} + ${c + r + p} <= ${voucherPolicy.poolFen}`,
        ),
      )
      .returning({ id: voucherPolicy.id });
    return rows.length === 1;
  }

  // ── parties ──
  async profile(orgId: string, forUpdate = false): Promise<ProfileRow | undefined> {
    const q = this.db.select().from(partyProfile).where(eq(partyProfile.organisationId, orgId));
    const [r] = forUpdate ? await q.for('update') : await q;
    return r;
  }
  async saveProfile(row: ProfileRow): Promise<void> {
    const { organisationId: _o, ...set } = row;
    await this.db.insert(partyProfile).values(row).onConflictDoUpdate({ target: partyProfile.organisationId, set });
  }

  // ── claims ──
  async claim(id: string, forUpdate = false): Promise<ClaimRow | undefined> {
    const q = this.db.select().from(voucherClaim).where(eq(voucherClaim.id, id));
    const [r] = forUpdate ? await q.for('update') : await q;
    return r;
  }
  async insertClaim(row: ClaimRow): Promise<void> {
    await this.db.insert(voucherClaim).values(row);
  }
  async updateClaim(id: string, set: Partial<ClaimRow>): Promise<void> {
    await this.db.update(voucherClaim).set(set).where(eq(voucherClaim.id, id));
  }
  async liveClaimOnContract(supplierOrgId: string, contractNumber: string): Promise<ClaimRow | undefined> {
    const [r] = await this.db
      .select()
      .from(voucherClaim)
      .where(and(eq(voucherClaim.supplierOrgId, supplierOrgId), eq(voucherClaim.contractNumber, contractNumber), LIVE));
    return r;
  }
  async liveClaimOnOrder(orderId: string): Promise<ClaimRow | undefined> {
    const [r] = await this.db
      .select()
      .from(voucherClaim)
      .where(and(eq(voucherClaim.orderId, orderId), LIVE));
    return r;
  }
  /** The voucher amounts an enterprise holds under a policy (every live claim counts towards its cap). */
  async enterpriseTotal(policyId: string, orgId: string): Promise<number> {
    const [r] = await this.db
      .select({ n: sql<number>`coalesce(sum(coalesce(${voucherClaim.redeemFen}, ${voucherClaim.voucherFen})), 0)` })
      .from(voucherClaim)
      .where(
        and(
          eq(voucherClaim.policyId, policyId),
          eq(voucherClaim.applicantOrgId, orgId),
          notInArray(voucherClaim.status, ['rejected', 'redemption_rejected']),
        ),
      );
    return Number(r?.n ?? 0);
  }
  /** Contracts between the same parties (for the split-contract flag). */
  async sameParties(applicantOrgId: string, supplierOrgId: string): Promise<{ signedOn: string }[]> {
    const rows = await this.db
      .select({ signedOn: voucherClaim.contractSignedOn })
      .from(voucherClaim)
      .where(and(eq(voucherClaim.applicantOrgId, applicantOrgId), eq(voucherClaim.supplierOrgId, supplierOrgId), LIVE));
    return rows.map((r) => ({ signedOn: String(r.signedOn) }));
  }
  /** Whether the organisation has claimed on any order where it is the other party (buyer and supplier both claiming). */
  async claimsAsApplicantOn(orderId: string, orgId: string): Promise<boolean> {
    const [r] = await this.db
      .select({ n: count() })
      .from(voucherClaim)
      .where(and(eq(voucherClaim.orderId, orderId), eq(voucherClaim.applicantOrgId, orgId), LIVE));
    return (r?.n ?? 0) > 0;
  }

  async list(
    scope: { applicantOrgId?: string; statuses?: readonly string[] },
    q: { status?: string; year?: number; q?: string },
    page: { limit: number; offset: number },
  ): Promise<{ rows: (ClaimRow & { year: number })[]; total: number }> {
    const w: SQL[] = [];
    if (scope.applicantOrgId) w.push(eq(voucherClaim.applicantOrgId, scope.applicantOrgId));
    if (scope.statuses) w.push(inArray(voucherClaim.status, [...scope.statuses]));
    if (q.status) w.push(eq(voucherClaim.status, q.status));
    if (q.year) w.push(eq(voucherPolicy.year, q.year));
    if (q.q)
      w.push(
        or(
          ilike(voucherClaim.applicantName, `%${q.q}%`),
          ilike(voucherClaim.number, `%${q.q}%`),
          ilike(voucherClaim.contractNumber, `%${q.q}%`),
        )!,
      );
    const cond = w.length ? and(...w) : undefined;
    const rows = await this.db
      .select({ c: voucherClaim, year: voucherPolicy.year })
      .from(voucherClaim)
      .innerJoin(voucherPolicy, eq(voucherPolicy.id, voucherClaim.policyId))
      .where(cond)
      .orderBy(desc(voucherClaim.createdAt), asc(voucherClaim.id))
      .limit(page.limit)
      .offset(page.offset);
    const [n] = await this.db
      .select({ n: count() })
      .from(voucherClaim)
      .innerJoin(voucherPolicy, eq(voucherPolicy.id, voucherClaim.policyId))
      .where(cond);
    return { rows: rows.map((r) => ({ ...r.c, year: r.year })), total: n?.n ?? 0 };
  }

  async addEvent(e: { claimId: string; at: Date; status: string; actor: string; note: string | null }): Promise<void> {
    await this.db.insert(voucherClaimEvent).values(e);
  }
  events(claimId: string) {
    return this.db
      .select()
      .from(voucherClaimEvent)
      .where(eq(voucherClaimEvent.claimId, claimId))
      .orderBy(asc(voucherClaimEvent.id));
  }

  /** Claims of a policy by status, whether any is simulated, and the newest change (the one-screen view). */
  claimTally(policyId: string) {
    return this.db
      .select({
        status: voucherClaim.status,
        n: sql<number>`count(*)::int`,
        simulated: sql<boolean>`bool_or(${voucherClaim.simulated})`,
        updatedAt: sql<string | Date | null>`max(${voucherClaim.updatedAt})`,
      })
      .from(voucherClaim)
      .where(eq(voucherClaim.policyId, policyId))
      .groupBy(voucherClaim.status);
  }

  // ── signed contract files ──
  async saveContractFile(row: typeof voucherContractFile.$inferInsert): Promise<void> {
    const { claimId: _id, ...set } = row;
    await this.db
      .insert(voucherContractFile)
      .values(row)
      .onConflictDoUpdate({ target: voucherContractFile.claimId, set });
  }
  async contractFileMeta(
    claimId: string,
  ): Promise<{ filename: string; type: string; size: number; uploadedAt: Date } | undefined> {
    const [r] = await this.db
      .select({
        filename: voucherContractFile.filename,
        type: voucherContractFile.type,
        size: voucherContractFile.size,
        uploadedAt: voucherContractFile.uploadedAt,
      })
      .from(voucherContractFile)
      .where(eq(voucherContractFile.claimId, claimId));
    return r;
  }
  async contractFile(claimId: string) {
    const [r] = await this.db.select().from(voucherContractFile).where(eq(voucherContractFile.claimId, claimId));
    return r;
  }
}
