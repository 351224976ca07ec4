import { sql, type SQL } from 'drizzle-orm';
import type { Indicator, IndicatorValue, RatingPolicy, AssessmentSubmissionStatus } from '@zhicheng/contracts';
import { queryRows, type Db } from '../../platform/database/index.ts';

/** All SQL on the assessment schema, and only on it. */

export const iso = (v: unknown): string => (v instanceof Date ? v : new Date(String(v))).toISOString();
export const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));
export const num = (v: unknown): number => Number(v);
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export interface CatalogueRow {
  id: string;
  key: string;
  version: number;
  name: string;
  standard: string;
  level: 'city' | 'county' | 'community';
  policy: RatingPolicy;
  indicators: Indicator[];
  locked: boolean;
  createdAt: unknown;
}

export interface CampaignRow {
  id: string;
  year: number;
  name: string;
  stage: string;
  cityCatalogueId: string | null;
  countyCatalogueId: string | null;
  deadlines: Record<string, string>;
  expertsPerSubmission: number;
  noticeDays: number;
  noticeEndsAt: unknown;
  expertSeed: unknown;
  sample: boolean;
  createdAt: unknown;
  publishedAt: unknown;
  coevalIndicators: string[];
}

export interface SubmissionRow {
  id: string;
  campaignId: string;
  catalogueId: string;
  year: number;
  regionCode: string;
  regionName: string;
  regionLevel: string;
  parentCode: string | null;
  status: AssessmentSubmissionStatus;
  values: Record<string, IndicatorValue>;
  /** Values in catalogue order (0101); null for rows saved before it, and in lean reads where `values` is null. */
  valueArray?: (number | null)[] | null;
  filled: number;
  returnedReason: string | null;
  returnedFrom: string | null;
  disagreement: boolean;
  alias: string;
  version: number;
  updatedAt: unknown;
}

export interface ResultInsert {
  campaignId: string;
  regionCode: string;
  year: number;
  regionName: string;
  regionLevel: string;
  parentCode: string | null;
  stars: number;
  subGrade: string | null;
  score: number;
  bonus: number;
  shares: number[];
  explanation: unknown;
  indicatorStars: string;
  sample: boolean;
  computedAt: Date;
  publishedAt: Date | null;
}

const CAT_COLS = sql`id, key, version, name, standard, level, policy, indicators, locked, created_at AS "createdAt"`;
const CAMP_COLS = sql`id, year, name, stage, city_catalogue_id AS "cityCatalogueId", county_catalogue_id AS "countyCatalogueId", deadlines,
  experts_per_submission AS "expertsPerSubmission", notice_days AS "noticeDays", notice_ends_at AS "noticeEndsAt", expert_seed AS "expertSeed",
  sample, created_at AS "createdAt", published_at AS "publishedAt", coeval_indicators AS "coevalIndicators"`;
const SUB_COLS = sql`s.id, s.campaign_id AS "campaignId", s.catalogue_id AS "catalogueId", s.year, s.region_code AS "regionCode", s.region_name AS "regionName",
  s.region_level AS "regionLevel", s.parent_code AS "parentCode", s.status, s."values", s.filled, s.returned_reason AS "returnedReason",
  s.returned_from AS "returnedFrom", s.disagreement, s.alias, s.version, s.updated_at AS "updatedAt"`;

const json = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;
/** A float8[] literal ('{1.5,NULL}'): drizzle would expand a JS array into a row, so it travels as one text value. */
/** A text[] from strings, passed as JSON so no element needs array-literal quoting. */
const texts = (a: string[]) => sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(a)}::jsonb))::text[]`;
const floats = (a: (number | null)[] | null | undefined) =>
  a
    ? sql`${`{${a.map((x) => (x === null || !Number.isFinite(x) ? 'NULL' : String(x))).join(',')}}`}::float8[]`
    : sql`NULL::float8[]`;

export class AssessmentRepository {
  // ------------------------------------------------------------ catalogues
  async insertCatalogue(db: Db, c: Omit<CatalogueRow, 'createdAt' | 'locked'> & { createdAt: Date }): Promise<boolean> {
    const r = await queryRows<{ id: string }>(
      db,
      sql`
      INSERT INTO assessment.catalogue (id, key, version, name, standard, level, policy, indicators, locked, created_at)
      VALUES (${c.id}, ${c.key}, ${c.version}, ${c.name}, ${c.standard}, ${c.level}, ${json(c.policy)}, ${json(c.indicators)}, false, ${c.createdAt.toISOString()})
      ON CONFLICT (key, version) DO NOTHING RETURNING id`,
    );
    return r.length > 0;
  }
  listCatalogues(db: Db): Promise<CatalogueRow[]> {
    return queryRows<CatalogueRow>(db, sql`SELECT ${CAT_COLS} FROM assessment.catalogue ORDER BY key, version DESC`);
  }
  async catalogue(db: Db, id: string): Promise<CatalogueRow | undefined> {
    return (await queryRows<CatalogueRow>(db, sql`SELECT ${CAT_COLS} FROM assessment.catalogue WHERE id = ${id}`))[0];
  }
  async latestVersion(db: Db, key: string): Promise<number> {
    const [r] = await queryRows<{ v: number | null }>(
      db,
      sql`SELECT max(version) AS v FROM assessment.catalogue WHERE key = ${key}`,
    );
    return Number(r?.v ?? 0);
  }
  async lockCatalogues(db: Db, ids: string[]): Promise<void> {
    for (const id of ids) await db.execute(sql`UPDATE assessment.catalogue SET locked = true WHERE id = ${id}`);
  }

  // ------------------------------------------------------------ campaigns
  async insertCampaign(
    db: Db,
    c: Omit<CampaignRow, 'createdAt' | 'publishedAt' | 'noticeEndsAt' | 'expertSeed' | 'coevalIndicators'> & {
      createdAt: Date;
      coevalIndicators?: string[];
    },
  ): Promise<void> {
    await db.execute(sql`
      INSERT INTO assessment.campaign (id, year, name, stage, city_catalogue_id, county_catalogue_id, deadlines, experts_per_submission, notice_days, sample, created_at, coeval_indicators)
      VALUES (${c.id}, ${c.year}, ${c.name}, ${c.stage}, ${c.cityCatalogueId}, ${c.countyCatalogueId}, ${json(c.deadlines)}, ${c.expertsPerSubmission}, ${c.noticeDays}, ${c.sample}, ${c.createdAt.toISOString()}, ${texts(c.coevalIndicators ?? [])})`);
  }
  listCampaigns(db: Db): Promise<CampaignRow[]> {
    return queryRows<CampaignRow>(db, sql`SELECT ${CAMP_COLS} FROM assessment.campaign ORDER BY year DESC`);
  }
  async campaign(db: Db, id: string, forUpdate = false): Promise<CampaignRow | undefined> {
    return (
      await queryRows<CampaignRow>(
        db,
        sql`SELECT ${CAMP_COLS} FROM assessment.campaign WHERE id = ${id} ${forUpdate ? sql`FOR UPDATE` : sql``}`,
      )
    )[0];
  }
  async campaignByYear(db: Db, year: number): Promise<CampaignRow | undefined> {
    return (
      await queryRows<CampaignRow>(db, sql`SELECT ${CAMP_COLS} FROM assessment.campaign WHERE year = ${year}`)
    )[0];
  }
  async updateCampaign(
    db: Db,
    id: string,
    set: { stage?: string; noticeEndsAt?: Date; expertSeed?: number; publishedAt?: Date },
  ): Promise<void> {
    const parts: SQL[] = [];
    if (set.stage) parts.push(sql`stage = ${set.stage}`);
    if (set.noticeEndsAt) parts.push(sql`notice_ends_at = ${set.noticeEndsAt.toISOString()}`);
    if (set.expertSeed !== undefined) parts.push(sql`expert_seed = ${set.expertSeed}`);
    if (set.publishedAt) parts.push(sql`published_at = ${set.publishedAt.toISOString()}`);
    if (parts.length)
      await db.execute(sql`UPDATE assessment.campaign SET ${sql.join(parts, sql`, `)} WHERE id = ${id}`);
  }
  async statusCounts(db: Db, campaignId: string): Promise<Record<string, number>> {
    const rows = await queryRows<{ status: string; n: number }>(
      db,
      sql`SELECT status, count(*)::int AS n FROM assessment.submission WHERE campaign_id = ${campaignId} GROUP BY status`,
    );
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  // ------------------------------------------------------------ submissions
  async insertSubmissions(db: Db, rows: (Omit<SubmissionRow, 'updatedAt'> & { updatedAt: Date })[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) {
      const chunk = rows.slice(i, i + 200);
      await db.execute(sql`
        INSERT INTO assessment.submission (id, campaign_id, catalogue_id, year, region_code, region_name, region_level, parent_code, status, "values", value_array, filled, returned_reason, returned_from, disagreement, alias, version, updated_at)
        VALUES ${sql.join(
          chunk.map(
            (s) =>
              sql`(${s.id}, ${s.campaignId}, ${s.catalogueId}, ${s.year}, ${s.regionCode}, ${s.regionName}, ${s.regionLevel}, ${s.parentCode}, ${s.status}, ${json(s.values)}, ${floats(s.valueArray)}, ${s.filled}, ${s.returnedReason}, ${s.returnedFrom}, ${s.disagreement}, ${s.alias}, ${s.version}, ${s.updatedAt.toISOString()})`,
          ),
          sql`, `,
        )}`);
    }
  }
  async submission(db: Db, id: string, forUpdate = false): Promise<SubmissionRow | undefined> {
    return (
      await queryRows<SubmissionRow>(
        db,
        sql`SELECT ${SUB_COLS} FROM assessment.submission s WHERE s.id = ${id} ${forUpdate ? sql`FOR UPDATE` : sql``}`,
      )
    )[0];
  }
  async submissionByRegion(db: Db, campaignId: string, regionCode: string): Promise<SubmissionRow | undefined> {
    return (
      await queryRows<SubmissionRow>(
        db,
        sql`SELECT ${SUB_COLS} FROM assessment.submission s WHERE s.campaign_id = ${campaignId} AND s.region_code = ${regionCode}`,
      )
    )[0];
  }
  async submissionsByYearRegion(db: Db, year: number, regionCode: string): Promise<SubmissionRow | undefined> {
    return (
      await queryRows<SubmissionRow>(
        db,
        sql`SELECT ${SUB_COLS} FROM assessment.submission s WHERE s.year = ${year} AND s.region_code = ${regionCode}`,
      )
    )[0];
  }
  async listSubmissions(
    db: Db,
    q: {
      campaignId: string;
      codes: string[] | null;
      status?: string;
      level?: string;
      parent?: string;
      q?: string;
      limit: number;
      offset: number;
    },
  ): Promise<{
    rows: (SubmissionRow & { stars: number | null; subGrade: string | null; score: unknown })[];
    total: number;
  }> {
    const where: SQL[] = [sql`s.campaign_id = ${q.campaignId}`];
    if (q.codes)
      where.push(
        q.codes.length
          ? sql`s.region_code IN (${sql.join(
              q.codes.map((c) => sql`${c}`),
              sql`, `,
            )})`
          : sql`false`,
      );
    if (q.status) where.push(sql`s.status = ${q.status}`);
    if (q.level) where.push(sql`s.region_level = ${q.level}`);
    if (q.parent) where.push(sql`(s.parent_code = ${q.parent} OR s.region_code = ${q.parent})`);
    if (q.q) where.push(sql`(s.region_name ILIKE ${`%${q.q}%`} OR s.region_code LIKE ${`${q.q}%`})`);
    const cond = sql.join(where, sql` AND `);
    const [t] = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM assessment.submission s WHERE ${cond}`,
    );
    const rows = await queryRows<SubmissionRow & { stars: number | null; subGrade: string | null; score: unknown }>(
      db,
      sql`
      SELECT ${SUB_COLS}, r.stars, r.sub_grade AS "subGrade", r.score FROM assessment.submission s
      LEFT JOIN assessment.result r ON r.campaign_id = s.campaign_id AND r.region_code = s.region_code
      WHERE ${cond} ORDER BY s.region_code LIMIT ${q.limit} OFFSET ${q.offset}`,
    );
    return { rows, total: Number(t?.n ?? 0) };
  }
  /** Keyset pages by region code, for recomputes that must not hold a whole campaign in memory. */
  submissionsPage(db: Db, campaignId: string, after: string, limit: number): Promise<SubmissionRow[]> {
    // Lean: the JSON values only where the ordered array is missing.
    return queryRows<SubmissionRow>(
      db,
      sql`SELECT s.id, s.campaign_id AS "campaignId", s.catalogue_id AS "catalogueId", s.year, s.region_code AS "regionCode",
      s.region_name AS "regionName", s.region_level AS "regionLevel", s.parent_code AS "parentCode", s.status,
      CASE WHEN s.value_array IS NULL THEN s."values" END AS "values", s.value_array AS "valueArray"
      FROM assessment.submission s WHERE s.campaign_id = ${campaignId} AND s.region_code > ${after} ORDER BY s.region_code LIMIT ${limit}`,
    );
  }
  childrenStatuses(db: Db, campaignId: string, parentCode: string): Promise<{ regionCode: string; status: string }[]> {
    return queryRows(
      db,
      sql`SELECT region_code AS "regionCode", status FROM assessment.submission WHERE campaign_id = ${campaignId} AND parent_code = ${parentCode}`,
    );
  }
  submissionsInStatus(db: Db, campaignId: string, status: string): Promise<SubmissionRow[]> {
    return queryRows<SubmissionRow>(
      db,
      sql`SELECT ${SUB_COLS} FROM assessment.submission s WHERE s.campaign_id = ${campaignId} AND s.status = ${status} ORDER BY s.region_code`,
    );
  }
  async updateSubmission(
    db: Db,
    id: string,
    set: {
      status?: string;
      values?: unknown;
      valueArray?: (number | null)[];
      filled?: number;
      returnedReason?: string | null;
      returnedFrom?: string | null;
      disagreement?: boolean;
    },
    at: Date,
  ): Promise<void> {
    const parts: SQL[] = [sql`updated_at = ${at.toISOString()}`, sql`version = version + 1`];
    if (set.status) parts.push(sql`status = ${set.status}`);
    if (set.values !== undefined) parts.push(sql`"values" = ${json(set.values)}`);
    if (set.valueArray !== undefined) parts.push(sql`value_array = ${floats(set.valueArray)}`);
    if (set.filled !== undefined) parts.push(sql`filled = ${set.filled}`);
    if (set.returnedReason !== undefined) parts.push(sql`returned_reason = ${set.returnedReason}`);
    if (set.returnedFrom !== undefined) parts.push(sql`returned_from = ${set.returnedFrom}`);
    if (set.disagreement !== undefined) parts.push(sql`disagreement = ${set.disagreement}`);
    await db.execute(sql`UPDATE assessment.submission SET ${sql.join(parts, sql`, `)} WHERE id = ${id}`);
  }
  async setStatusForCampaign(
    db: Db,
    campaignId: string,
    from: string,
    to: string,
    at: Date,
    actor: string | null,
    action: string,
  ): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      db,
      sql`
      UPDATE assessment.submission SET status = ${to}, updated_at = ${at.toISOString()}, version = version + 1
      WHERE campaign_id = ${campaignId} AND status = ${from} RETURNING id`,
    );
    for (let i = 0; i < rows.length; i += 200) {
      const chunk = rows.slice(i, i + 200);
      await db.execute(sql`INSERT INTO assessment.step (submission_id, from_status, to_status, action, reason, actor, at) VALUES
        ${sql.join(
          chunk.map((r) => sql`(${r.id}, ${from}, ${to}, ${action}, NULL, ${actor}, ${at.toISOString()})`),
          sql`, `,
        )}`);
    }
    return rows.map((r) => r.id);
  }
  async addStep(
    db: Db,
    s: {
      submissionId: string;
      from: string | null;
      to: string;
      action: string;
      reason?: string | null;
      actor: string | null;
      at: Date;
    },
  ): Promise<void> {
    await db.execute(sql`INSERT INTO assessment.step (submission_id, from_status, to_status, action, reason, actor, at)
      VALUES (${s.submissionId}, ${s.from}, ${s.to}, ${s.action}, ${s.reason ?? null}, ${s.actor}, ${s.at.toISOString()})`);
  }
  steps(
    db: Db,
    submissionId: string,
  ): Promise<
    { from: string | null; to: string; action: string; reason: string | null; actor: string | null; at: unknown }[]
  > {
    return queryRows(
      db,
      sql`SELECT from_status AS "from", to_status AS "to", action, reason, actor, at FROM assessment.step WHERE submission_id = ${submissionId} ORDER BY id`,
    );
  }

  // ------------------------------------------------------------ evidence
  async insertEvidence(
    db: Db,
    e: {
      id: string;
      submissionId: string;
      indicatorCode: string;
      filename: string;
      type: string;
      data: Buffer;
      uploadedBy: string | null;
      at: Date;
    },
  ): Promise<void> {
    await db.execute(sql`INSERT INTO assessment.evidence (id, submission_id, indicator_code, filename, type, size, data, uploaded_by, uploaded_at)
      VALUES (${e.id}, ${e.submissionId}, ${e.indicatorCode}, ${e.filename}, ${e.type}, ${e.data.length}, ${e.data}, ${e.uploadedBy}, ${e.at.toISOString()})`);
  }
  evidenceList(
    db: Db,
    submissionId: string,
  ): Promise<
    { id: string; indicatorCode: string; filename: string; type: string; size: number; uploadedAt: unknown }[]
  > {
    return queryRows(
      db,
      sql`SELECT id, indicator_code AS "indicatorCode", filename, type, size, uploaded_at AS "uploadedAt" FROM assessment.evidence WHERE submission_id = ${submissionId} ORDER BY uploaded_at`,
    );
  }
  async evidenceFile(
    db: Db,
    submissionId: string,
    id: string,
  ): Promise<{ filename: string; type: string; data: Buffer } | undefined> {
    const [r] = await queryRows<{ filename: string; type: string; data: Uint8Array }>(
      db,
      sql`SELECT filename, type, data FROM assessment.evidence WHERE id = ${id} AND submission_id = ${submissionId}`,
    );
    return r ? { filename: r.filename, type: r.type, data: Buffer.from(r.data) } : undefined;
  }

  // ------------------------------------------------------------ experts
  async insertAssignments(
    db: Db,
    rows: { submissionId: string; expertUserId: string; expertRegion: string; alias: string; seed: number }[],
  ): Promise<void> {
    for (const r of rows) {
      await db.execute(sql`INSERT INTO assessment.expert_assignment (submission_id, expert_user_id, expert_region, alias, seed)
        VALUES (${r.submissionId}, ${r.expertUserId}, ${r.expertRegion}, ${r.alias}, ${r.seed}) ON CONFLICT DO NOTHING`);
    }
  }
  assignments(
    db: Db,
    submissionId: string,
  ): Promise<
    {
      expertUserId: string;
      expertRegion: string;
      alias: string;
      score: unknown;
      comment: string | null;
      scoredAt: unknown;
    }[]
  > {
    return queryRows(
      db,
      sql`SELECT expert_user_id AS "expertUserId", expert_region AS "expertRegion", alias, score, comment, scored_at AS "scoredAt" FROM assessment.expert_assignment WHERE submission_id = ${submissionId} ORDER BY alias`,
    );
  }
  assignmentsOf(db: Db, userId: string): Promise<{ submissionId: string; score: unknown; comment: string | null }[]> {
    return queryRows(
      db,
      sql`SELECT submission_id AS "submissionId", score, comment FROM assessment.expert_assignment WHERE expert_user_id = ${userId}`,
    );
  }
  async scoreAssignment(
    db: Db,
    submissionId: string,
    userId: string,
    score: number,
    comment: string,
    at: Date,
  ): Promise<void> {
    await db.execute(
      sql`UPDATE assessment.expert_assignment SET score = ${score}, comment = ${comment}, scored_at = ${at.toISOString()} WHERE submission_id = ${submissionId} AND expert_user_id = ${userId}`,
    );
  }
  async deleteAssignments(db: Db, submissionId: string): Promise<void> {
    await db.execute(sql`DELETE FROM assessment.expert_assignment WHERE submission_id = ${submissionId}`);
  }

  // ------------------------------------------------------------ co-evaluation and objections
  async insertCoeval(
    db: Db,
    c: {
      id: string;
      submissionId: string;
      indicatorCode: string | null;
      kind: string;
      score: number;
      confirmed: boolean | null;
      source: string;
      supervisorRef: string;
      media: boolean;
      at: Date;
    },
  ): Promise<boolean> {
    const r = await queryRows<{ id: string }>(
      db,
      sql`INSERT INTO assessment.coeval_score (id, submission_id, indicator_code, kind, score, confirmed, source, supervisor_ref, media, submitted_at)
      VALUES (${c.id}, ${c.submissionId}, ${c.indicatorCode}, ${c.kind}, ${c.score}, ${c.confirmed}, ${c.source}, ${c.supervisorRef}, ${c.media}, ${c.at.toISOString()})
      ON CONFLICT (id) DO NOTHING RETURNING id`,
    );
    return r.length > 0;
  }
  async coevalSummary(
    db: Db,
    submissionId: string,
  ): Promise<{ count: number; average: number | null; unconfirmed: number }> {
    const [r] = await queryRows<{ n: number; avg: unknown; unconfirmed: number }>(
      db,
      sql`SELECT count(*)::int AS n, avg(score) AS avg, count(*) FILTER (WHERE confirmed = false)::int AS unconfirmed FROM assessment.coeval_score WHERE submission_id = ${submissionId}`,
    );
    return {
      count: Number(r?.n ?? 0),
      average: r?.avg === null || r?.avg === undefined ? null : Math.round(Number(r.avg) * 100) / 100,
      unconfirmed: Number(r?.unconfirmed ?? 0),
    };
  }
  async insertObjection(
    db: Db,
    o: { id: string; submissionId: string; text: string; filedBy: string | null; at: Date },
  ): Promise<void> {
    await db.execute(
      sql`INSERT INTO assessment.objection (id, submission_id, text, filed_by, filed_at) VALUES (${o.id}, ${o.submissionId}, ${o.text}, ${o.filedBy}, ${o.at.toISOString()})`,
    );
  }
  objections(
    db: Db,
    submissionId: string,
  ): Promise<{ id: string; text: string; filedAt: unknown; resolution: string | null }[]> {
    return queryRows(
      db,
      sql`SELECT id, text, filed_at AS "filedAt", resolution FROM assessment.objection WHERE submission_id = ${submissionId} ORDER BY filed_at`,
    );
  }
  async objection(
    db: Db,
    id: string,
  ): Promise<{ id: string; submissionId: string; filedBy: string | null; resolution: string | null } | undefined> {
    return (
      await queryRows<{ id: string; submissionId: string; filedBy: string | null; resolution: string | null }>(
        db,
        sql`SELECT id, submission_id AS "submissionId", filed_by AS "filedBy", resolution FROM assessment.objection WHERE id = ${id}`,
      )
    )[0];
  }
  async resolveObjection(db: Db, id: string, resolution: string, at: Date): Promise<void> {
    await db.execute(
      sql`UPDATE assessment.objection SET resolution = ${resolution}, resolved_at = ${at.toISOString()} WHERE id = ${id}`,
    );
  }
  async openObjections(db: Db, campaignId: string): Promise<number> {
    const [r] = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM assessment.objection o JOIN assessment.submission s ON s.id = o.submission_id
      WHERE s.campaign_id = ${campaignId} AND o.resolution IS NULL`,
    );
    return Number(r?.n ?? 0);
  }

  // ------------------------------------------------------------ results
  async upsertResults(db: Db, rows: ResultInsert[]): Promise<void> {
    // One JSON parameter per chunk, unpacked by json_to_recordset: one statement however many rows it carries.
    for (let i = 0; i < rows.length; i += 2000) {
      const payload = JSON.stringify(
        rows.slice(i, i + 2000).map((r) => ({
          c: r.campaignId,
          r: r.regionCode,
          y: r.year,
          n: r.regionName,
          l: r.regionLevel,
          p: r.parentCode,
          s: r.stars,
          g: r.subGrade,
          sc: r.score,
          b: r.bonus,
          sh: r.shares,
          e: r.explanation,
          i: r.indicatorStars,
          sa: r.sample,
          ca: r.computedAt.toISOString(),
          pa: r.publishedAt ? r.publishedAt.toISOString() : null,
        })),
      );
      await db.execute(sql`
        INSERT INTO assessment.result (campaign_id, region_code, year, region_name, region_level, parent_code, stars, sub_grade, score, bonus, shares, explanation, indicator_stars, sample, computed_at, published_at)
        SELECT c, r, y, n, l, p, s, g, sc, b, sh, e, i, sa, ca, pa
        FROM json_to_recordset(${payload}::json) AS t(c uuid, r varchar(12), y int, n text, l text, p varchar(12), s int, g text, sc numeric, b numeric, sh jsonb, e jsonb, i jsonb, sa boolean, ca timestamptz, pa timestamptz)
        ON CONFLICT (campaign_id, region_code) DO UPDATE SET stars = EXCLUDED.stars, sub_grade = EXCLUDED.sub_grade, score = EXCLUDED.score, bonus = EXCLUDED.bonus,
          shares = EXCLUDED.shares, explanation = EXCLUDED.explanation, indicator_stars = EXCLUDED.indicator_stars, computed_at = EXCLUDED.computed_at,
          published_at = COALESCE(EXCLUDED.published_at, assessment.result.published_at)
        WHERE (assessment.result.stars, assessment.result.sub_grade, assessment.result.score, assessment.result.bonus, assessment.result.indicator_stars, assessment.result.explanation, assessment.result.published_at)
          IS DISTINCT FROM (EXCLUDED.stars, EXCLUDED.sub_grade, EXCLUDED.score, EXCLUDED.bonus, EXCLUDED.indicator_stars, EXCLUDED.explanation, COALESCE(EXCLUDED.published_at, assessment.result.published_at))`);
    }
  }
  async publishResults(db: Db, campaignId: string, submissionIds: string[], at: Date): Promise<void> {
    if (!submissionIds.length) return;
    await db.execute(sql`UPDATE assessment.result r SET published_at = ${at.toISOString()} FROM assessment.submission s
      WHERE s.campaign_id = r.campaign_id AND s.region_code = r.region_code AND r.campaign_id = ${campaignId} AND s.id IN (${sql.join(
        submissionIds.map((i) => sql`${i}`),
        sql`, `,
      )})`);
  }
  statistics(db: Db, year: number): Promise<{ level: string; stars: number; n: number; sample: boolean }[]> {
    return queryRows(
      db,
      sql`SELECT region_level AS level, stars, count(*)::int AS n, bool_or(sample) AS sample FROM assessment.result
      WHERE year = ${year} AND published_at IS NOT NULL GROUP BY region_level, stars`,
    );
  }
  trend(db: Db): Promise<{ year: number; level: string; stars: number; n: number }[]> {
    return queryRows(
      db,
      sql`SELECT year, region_level AS level, stars, count(*)::int AS n FROM assessment.result WHERE published_at IS NOT NULL GROUP BY year, region_level, stars ORDER BY year`,
    );
  }
  results(
    db: Db,
    q: { year: number; level?: string; parent?: string },
  ): Promise<
    {
      regionCode: string;
      regionName: string;
      regionLevel: string;
      parentCode: string | null;
      year: number;
      stars: number;
      subGrade: string | null;
      score: unknown;
      bonus: unknown;
      sample: boolean;
      previousStars: number | null;
    }[]
  > {
    const where: SQL[] = [sql`r.year = ${q.year}`, sql`r.published_at IS NOT NULL`];
    if (q.level) where.push(sql`r.region_level = ${q.level}`);
    if (q.parent) where.push(sql`r.parent_code = ${q.parent}`);
    return queryRows(
      db,
      sql`SELECT r.region_code AS "regionCode", r.region_name AS "regionName", r.region_level AS "regionLevel", r.parent_code AS "parentCode", r.year,
      r.stars, r.sub_grade AS "subGrade", r.score, r.bonus, r.sample, p.stars AS "previousStars"
      FROM assessment.result r LEFT JOIN assessment.result p ON p.region_code = r.region_code AND p.year = r.year - 1 AND p.published_at IS NOT NULL
      WHERE ${sql.join(where, sql` AND `)} ORDER BY (r.score + r.bonus) DESC, r.region_code`,
    );
  }
  regionResults(
    db: Db,
    code: string,
  ): Promise<
    {
      campaignId: string;
      regionCode: string;
      regionName: string;
      regionLevel: string;
      parentCode: string | null;
      year: number;
      stars: number;
      subGrade: string | null;
      score: unknown;
      bonus: unknown;
      sample: boolean;
      explanation: unknown;
      indicatorStars: unknown;
    }[]
  > {
    return queryRows(
      db,
      sql`SELECT campaign_id AS "campaignId", region_code AS "regionCode", region_name AS "regionName", region_level AS "regionLevel", parent_code AS "parentCode", year, stars,
      sub_grade AS "subGrade", score, bonus, sample, explanation, indicator_stars AS "indicatorStars"
      FROM assessment.result WHERE region_code = ${code} AND published_at IS NOT NULL ORDER BY year`,
    );
  }
  heatmap(
    db: Db,
    q: { year: number; level: string; parent?: string },
  ): Promise<{ regionCode: string; regionName: string; indicatorStars: unknown; campaignId: string }[]> {
    return queryRows(
      db,
      sql`SELECT region_code AS "regionCode", region_name AS "regionName", indicator_stars AS "indicatorStars", campaign_id AS "campaignId" FROM assessment.result
      WHERE year = ${q.year} AND region_level = ${q.level} AND published_at IS NOT NULL ${q.parent ? sql`AND parent_code = ${q.parent}` : sql``} ORDER BY region_code`,
    );
  }
  async previousValues(db: Db, year: number, regionCode: string): Promise<Record<string, IndicatorValue> | null> {
    const [r] = await queryRows<{ values: Record<string, IndicatorValue> }>(
      db,
      sql`SELECT "values" FROM assessment.submission WHERE year = ${year - 1} AND region_code = ${regionCode}`,
    );
    return r?.values ?? null;
  }
}
