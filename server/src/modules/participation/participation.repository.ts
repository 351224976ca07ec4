import { sql } from 'drizzle-orm';
import type { Answer, SurveyDefinition } from '@zhicheng/contracts';
import { queryRows, type Db } from '../../platform/database/index.ts';

/** All SQL on the participation schema. Raw SQL: most of it is aggregation over jsonb answers. */

export interface CampaignRow {
  id: string;
  title: string;
  year: number;
  region_code: string;
  status: 'open' | 'closed';
  closes_at: Date | null;
  retention_days: number;
  is_demo: boolean;
  created_at: Date;
}
export interface SurveyRow {
  id: string;
  campaign_id: string;
  region_code: string;
  base_survey_id: string | null;
  lineage_id: string;
  version: number;
  status: 'draft' | 'published' | 'archived';
  title: string;
  description: string;
  consent_version: string;
  consent_text: string;
  verified_only: boolean;
  definition: SurveyDefinition;
  published_at: Date | null;
  created_at: Date;
}
export interface ResponseRowDb {
  id: string;
  survey_id: string;
  region_code: string;
  channel: 'online' | 'offline';
  verified: boolean;
  phone_masked: string | null;
  submitted_at: Date;
  answers: Answer[];
  is_demo: boolean;
}
export interface ActionRow {
  id: string;
  campaign_id: string;
  region_code: string;
  department: string;
  title: string;
  topic_label: string | null;
  response_id: string | null;
  demand_count: number;
  deadline: string | Date;
  status: 'planned' | 'in_progress' | 'done';
  progress_note: string;
  updated_at: Date;
}
export interface SupervisorRow {
  id: string;
  name_masked: string;
  phone_masked: string;
  region_code: string;
  occupation: string;
  age_band: string;
  gender: string;
  media: boolean;
  status: 'applied' | 'approved' | 'rejected';
  term_start: string | Date | null;
  term_end: string | Date | null;
  user_id: string | null;
  username: string | null;
  applied_at: Date;
  is_demo: boolean;
}
export interface TaskRow {
  id: string;
  title: string;
  kind: 'service' | 'indicator_verification';
  region_code: string;
  year: number;
  indicator_code: string | null;
  description: string;
  panel_size: number;
  quotas: Record<string, unknown>;
  seed: string | number | null;
  pool: unknown;
  drawn_at: Date | null;
  status: 'open' | 'drawn' | 'closed';
  created_at: Date;
}
export interface MemberRow {
  task_id: string;
  supervisor_id: string;
  score: number | null;
  confirmed: boolean | null;
  comment: string | null;
  submitted_at: Date | null;
  name_masked: string;
  region_code: string;
  age_band: string;
  gender: string;
  media: boolean;
  photo_count: number;
}

const iso = (d: Date) => d.toISOString();
const codes = (c: string[]) => sql`${`{${c.join(',')}}`}::text[]`;

export class ParticipationRepository {
  // ------------------------------------------------------------ campaigns
  async insertCampaign(
    db: Db,
    c: {
      id: string;
      title: string;
      year: number;
      regionCode: string;
      closesAt: string | null;
      retentionDays: number;
      isDemo: boolean;
      createdBy: string | null;
      createdAt: Date;
    },
  ) {
    await db.execute(sql`INSERT INTO participation.campaign (id, title, year, region_code, status, closes_at, retention_days, is_demo, created_by, created_at)
      VALUES (${c.id}, ${c.title}, ${c.year}, ${c.regionCode}, 'open', ${c.closesAt}::timestamptz, ${c.retentionDays}, ${c.isDemo}, ${c.createdBy}, ${iso(c.createdAt)}::timestamptz)`);
  }
  async campaign(db: Db, id: string): Promise<CampaignRow | undefined> {
    return (await queryRows<CampaignRow>(db, sql`SELECT * FROM participation.campaign WHERE id = ${id}`))[0];
  }
  async campaignsIn(db: Db, regionCodes: string[]): Promise<(CampaignRow & { responses: number })[]> {
    return queryRows(
      db,
      sql`SELECT c.*, (SELECT count(*) FROM participation.response r WHERE r.campaign_id = c.id)::int AS responses
      FROM participation.campaign c WHERE c.region_code = ANY(${codes(regionCodes)}) ORDER BY c.year DESC, c.created_at DESC`,
    );
  }
  async updateCampaign(db: Db, id: string, p: { status?: string; closesAt?: string | null }) {
    if (p.status) await db.execute(sql`UPDATE participation.campaign SET status = ${p.status} WHERE id = ${id}`);
    if (p.closesAt !== undefined)
      await db.execute(sql`UPDATE participation.campaign SET closes_at = ${p.closesAt}::timestamptz WHERE id = ${id}`);
  }
  async responseCount(db: Db, campaignId: string, regionCodes?: string[]): Promise<number> {
    const r = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM participation.response WHERE campaign_id = ${campaignId} ${regionCodes ? sql`AND region_code = ANY(${codes(regionCodes)})` : sql``}`,
    );
    return Number(r[0]?.n ?? 0);
  }

  // ------------------------------------------------------------ surveys
  async insertSurvey(
    db: Db,
    s: {
      id: string;
      campaignId: string;
      regionCode: string;
      baseSurveyId: string | null;
      lineageId: string;
      version: number;
      title: string;
      description: string;
      consentVersion: string;
      consentText: string;
      verifiedOnly: boolean;
      definition: SurveyDefinition;
      createdBy: string | null;
      createdAt: Date;
    },
  ) {
    await db.execute(sql`INSERT INTO participation.survey (id, campaign_id, region_code, base_survey_id, lineage_id, version, status, title, description, consent_version, consent_text, verified_only, definition, created_by, created_at)
      VALUES (${s.id}, ${s.campaignId}, ${s.regionCode}, ${s.baseSurveyId}, ${s.lineageId}, ${s.version}, 'draft', ${s.title}, ${s.description}, ${s.consentVersion}, ${s.consentText}, ${s.verifiedOnly}, ${JSON.stringify(s.definition)}::jsonb, ${s.createdBy}, ${iso(s.createdAt)}::timestamptz)`);
  }
  async survey(db: Db, id: string): Promise<SurveyRow | undefined> {
    return (await queryRows<SurveyRow>(db, sql`SELECT * FROM participation.survey WHERE id = ${id}`))[0];
  }
  async surveysOfCampaign(db: Db, campaignId: string): Promise<(SurveyRow & { responses: number })[]> {
    return queryRows(
      db,
      sql`SELECT s.*, (SELECT count(*) FROM participation.response r WHERE r.survey_id = s.id)::int AS responses
      FROM participation.survey s WHERE s.campaign_id = ${campaignId} ORDER BY length(s.region_code), s.region_code, s.lineage_id, s.version`,
    );
  }
  async publishedOfLineage(db: Db, lineageId: string): Promise<SurveyRow | undefined> {
    return (
      await queryRows<SurveyRow>(
        db,
        sql`SELECT * FROM participation.survey WHERE lineage_id = ${lineageId} AND status = 'published' ORDER BY version DESC LIMIT 1`,
      )
    )[0];
  }
  async latestOfLineage(db: Db, lineageId: string): Promise<SurveyRow | undefined> {
    return (
      await queryRows<SurveyRow>(
        db,
        sql`SELECT * FROM participation.survey WHERE lineage_id = ${lineageId} ORDER BY version DESC LIMIT 1`,
      )
    )[0];
  }
  async updateDraft(
    db: Db,
    id: string,
    s: {
      title: string;
      description: string;
      consentVersion: string;
      consentText: string;
      verifiedOnly: boolean;
      definition: SurveyDefinition;
    },
  ): Promise<number> {
    const r = await queryRows<{ id: string }>(
      db,
      sql`UPDATE participation.survey SET title = ${s.title}, description = ${s.description}, consent_version = ${s.consentVersion}, consent_text = ${s.consentText},
      verified_only = ${s.verifiedOnly}, definition = ${JSON.stringify(s.definition)}::jsonb WHERE id = ${id} AND status = 'draft' RETURNING id`,
    );
    return r.length;
  }
  async publish(db: Db, s: SurveyRow, at: Date) {
    await db.execute(
      sql`UPDATE participation.survey SET status = 'archived' WHERE lineage_id = ${s.lineage_id} AND status = 'published'`,
    );
    await db.execute(
      sql`UPDATE participation.survey SET status = 'published', published_at = ${iso(at)}::timestamptz WHERE id = ${s.id}`,
    );
  }

  // ------------------------------------------------------------ responses
  /** One statement: the response is durable when it returns. Null when a unique key (idempotency, device, paper) already exists. */
  async insertResponse(
    db: Db,
    r: {
      id: string;
      surveyId: string;
      campaignId: string;
      regionCode: string;
      channel: string;
      verified: boolean;
      userId: string | null;
      deviceHash: string | null;
      idempotencyKey: string | null;
      paperRef: string | null;
      consentVersion: string;
      phoneEnc: string | null;
      phoneMasked: string | null;
      answers: Answer[];
      submittedAt: Date;
      enteredBy: string | null;
      isDemo: boolean;
    },
  ): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      db,
      sql`INSERT INTO participation.response (id, survey_id, campaign_id, region_code, channel, verified, user_id, device_hash, idempotency_key, paper_ref, consent_version, phone_enc, phone_masked, answers, submitted_at, entered_by, is_demo)
      VALUES (${r.id}, ${r.surveyId}, ${r.campaignId}, ${r.regionCode}, ${r.channel}, ${r.verified}, ${r.userId}, ${r.deviceHash}, ${r.idempotencyKey}, ${r.paperRef}, ${r.consentVersion}, ${r.phoneEnc}, ${r.phoneMasked}, ${JSON.stringify(r.answers)}::jsonb, ${iso(r.submittedAt)}::timestamptz, ${r.enteredBy}, ${r.isDemo})
      ON CONFLICT DO NOTHING RETURNING id`,
    );
    return rows.length === 1;
  }
  /** Many responses in one statement (one commit); returns the ids that were stored (others hit a unique key). */
  async insertResponses(
    db: Db,
    rows: Parameters<ParticipationRepository['insertResponse']>[1][],
  ): Promise<Set<string>> {
    const res = await queryRows<{ id: string }>(
      db,
      sql`INSERT INTO participation.response (id, survey_id, campaign_id, region_code, channel, verified, user_id, device_hash, idempotency_key, paper_ref, consent_version, phone_enc, phone_masked, answers, submitted_at, entered_by, is_demo)
      VALUES ${sql.join(
        rows.map(
          (r) =>
            sql`(${r.id}, ${r.surveyId}, ${r.campaignId}, ${r.regionCode}, ${r.channel}, ${r.verified}, ${r.userId}, ${r.deviceHash}, ${r.idempotencyKey}, ${r.paperRef}, ${r.consentVersion}, ${r.phoneEnc}, ${r.phoneMasked}, ${JSON.stringify(r.answers)}::jsonb, ${iso(r.submittedAt)}::timestamptz, ${r.enteredBy}, ${r.isDemo})`,
        ),
        sql`, `,
      )}
      ON CONFLICT DO NOTHING RETURNING id`,
    );
    return new Set(res.map((r) => r.id));
  }

  async responseByIdempotencyKey(
    db: Db,
    surveyId: string,
    key: string,
  ): Promise<
    { id: string; survey_id: string; submitted_at: Date; channel: 'online' | 'offline'; verified: boolean } | undefined
  > {
    return (
      await queryRows<{
        id: string;
        survey_id: string;
        submitted_at: Date;
        channel: 'online' | 'offline';
        verified: boolean;
      }>(
        db,
        sql`SELECT id, survey_id, submitted_at, channel, verified FROM participation.response WHERE survey_id = ${surveyId} AND idempotency_key = ${key}`,
      )
    )[0];
  }
  async responses(
    db: Db,
    campaignId: string,
    regionCodes: string[],
    q: { channel?: string; q?: string; page: number; pageSize: number },
  ): Promise<{ items: ResponseRowDb[]; total: number }> {
    const where = sql`campaign_id = ${campaignId} AND region_code = ANY(${codes(regionCodes)}) ${q.channel ? sql`AND channel = ${q.channel}` : sql``} ${q.q ? sql`AND answers::text LIKE ${`%${q.q.replace(/[%_\\"]/g, '')}%`}` : sql``}`;
    const total = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM participation.response WHERE ${where}`,
    );
    const items = await queryRows<ResponseRowDb>(
      db,
      sql`SELECT id, survey_id, region_code, channel, verified, phone_masked, submitted_at, answers, is_demo FROM participation.response WHERE ${where}
      ORDER BY submitted_at DESC, id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    );
    return { items, total: Number(total[0]?.n ?? 0) };
  }
  async allResponses(db: Db, campaignId: string, regionCodes: string[], limit: number): Promise<ResponseRowDb[]> {
    return queryRows(
      db,
      sql`SELECT id, survey_id, region_code, channel, verified, phone_masked, submitted_at, answers, is_demo FROM participation.response
      WHERE campaign_id = ${campaignId} AND region_code = ANY(${codes(regionCodes)}) ORDER BY submitted_at, id LIMIT ${limit}`,
    );
  }
  async countsBy(db: Db, campaignId: string, regionCodes: string[]) {
    const scope = sql`campaign_id = ${campaignId} AND region_code = ANY(${codes(regionCodes)})`;
    const byRegion = await queryRows<{ code: string; n: number }>(
      db,
      sql`SELECT region_code AS code, count(*)::int AS n FROM participation.response WHERE ${scope} GROUP BY region_code`,
    );
    const byChannel = await queryRows<{ channel: 'online' | 'offline'; n: number }>(
      db,
      sql`SELECT channel, count(*)::int AS n FROM participation.response WHERE ${scope} GROUP BY channel`,
    );
    const byDay = await queryRows<{ day: string; n: number }>(
      db,
      sql`SELECT to_char(submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, count(*)::int AS n FROM participation.response WHERE ${scope} GROUP BY 1 ORDER BY 1`,
    );
    return { byRegion, byChannel, byDay };
  }
  /** Answer values of the given (non-text) questions, grouped: one row per question × value × region. */
  async answerGroups(
    db: Db,
    campaignId: string,
    regionCodes: string[],
    questionIds: string[],
  ): Promise<{ q: string; v: unknown; region: string; n: number }[]> {
    if (!questionIds.length) return [];
    return queryRows(
      db,
      sql`SELECT a->>'questionId' AS q, a->'value' AS v, r.region_code AS region, count(*)::int AS n
      FROM participation.response r CROSS JOIN LATERAL jsonb_array_elements(r.answers) a
      WHERE r.campaign_id = ${campaignId} AND r.region_code = ANY(${codes(regionCodes)}) AND a->>'questionId' = ANY(${codes(questionIds)})
      GROUP BY 1, 2, 3`,
    );
  }
  async textAnswers(
    db: Db,
    campaignId: string,
    regionCodes: string[],
    questionIds: string[],
  ): Promise<{ region: string; text: string; id: string }[]> {
    if (!questionIds.length) return [];
    return queryRows(
      db,
      sql`SELECT r.id, r.region_code AS region, a->>'value' AS text
      FROM participation.response r CROSS JOIN LATERAL jsonb_array_elements(r.answers) a
      WHERE r.campaign_id = ${campaignId} AND r.region_code = ANY(${codes(regionCodes)}) AND a->>'questionId' = ANY(${codes(questionIds)}) AND jsonb_typeof(a->'value') = 'string'`,
    );
  }
  /** Clears contact details once a campaign's retention period has passed. */
  async purgeContacts(db: Db, now: Date): Promise<number> {
    const r = await queryRows<{ id: string }>(
      db,
      sql`UPDATE participation.response r SET phone_enc = NULL, phone_masked = NULL
      FROM participation.campaign c
      WHERE c.id = r.campaign_id AND r.phone_enc IS NOT NULL AND c.closes_at IS NOT NULL
        AND c.closes_at + make_interval(days => c.retention_days) < ${iso(now)}::timestamptz
      RETURNING r.id`,
    );
    return r.length;
  }

  // ------------------------------------------------------------ actions and follow-ups
  async insertAction(
    db: Db,
    a: {
      id: string;
      campaignId: string;
      regionCode: string;
      department: string;
      title: string;
      topicLabel: string | null;
      responseId: string | null;
      demandCount: number;
      deadline: string;
      createdBy: string | null;
      at: Date;
    },
  ) {
    await db.execute(sql`INSERT INTO participation.action_item (id, campaign_id, region_code, department, title, topic_label, response_id, demand_count, deadline, status, progress_note, created_by, created_at, updated_at)
      VALUES (${a.id}, ${a.campaignId}, ${a.regionCode}, ${a.department}, ${a.title}, ${a.topicLabel}, ${a.responseId}, ${a.demandCount}, ${a.deadline}::date, 'planned', '', ${a.createdBy}, ${iso(a.at)}::timestamptz, ${iso(a.at)}::timestamptz)`);
  }
  async action(db: Db, id: string): Promise<ActionRow | undefined> {
    return (await queryRows<ActionRow>(db, sql`SELECT * FROM participation.action_item WHERE id = ${id}`))[0];
  }
  async actions(
    db: Db,
    campaignId: string,
    regionCodes?: string[],
  ): Promise<(ActionRow & { asked: number; answered: number; mean: number | null })[]> {
    return queryRows(
      db,
      sql`SELECT a.*, count(f.id)::int AS asked, count(f.answered_at)::int AS answered, avg(f.satisfaction)::float AS mean
      FROM participation.action_item a LEFT JOIN participation.followup f ON f.action_id = a.id
      WHERE a.campaign_id = ${campaignId} ${regionCodes ? sql`AND a.region_code = ANY(${codes(regionCodes)})` : sql``}
      GROUP BY a.id ORDER BY a.deadline, a.created_at`,
    );
  }
  async updateAction(db: Db, id: string, p: { status?: string; progressNote?: string; deadline?: string }, at: Date) {
    await db.execute(sql`UPDATE participation.action_item SET status = COALESCE(${p.status ?? null}, status), progress_note = COALESCE(${p.progressNote ?? null}, progress_note),
      deadline = COALESCE(${p.deadline ?? null}::date, deadline), updated_at = ${iso(at)}::timestamptz WHERE id = ${id}`);
  }
  async contactableResponses(
    db: Db,
    campaignId: string,
    regionCodes: string[],
    opts: { responseId?: string | null; words?: string[] },
  ): Promise<string[]> {
    const words = (opts.words ?? []).filter(Boolean);
    const rows = await queryRows<{ id: string }>(
      db,
      sql`SELECT id FROM participation.response WHERE campaign_id = ${campaignId} AND region_code = ANY(${codes(regionCodes)}) AND phone_enc IS NOT NULL
      ${opts.responseId ? sql`AND id = ${opts.responseId}` : sql``}
      ${
        words.length
          ? sql`AND (${sql.join(
              words.map((w) => sql`answers::text LIKE ${`%${w}%`}`),
              sql` OR `,
            )})`
          : sql``
      }
      ORDER BY submitted_at LIMIT 1000`,
    );
    return rows.map((r) => r.id);
  }
  async insertFollowup(
    db: Db,
    f: { id: string; actionId: string; responseId: string; token: string; at: Date },
  ): Promise<boolean> {
    const r = await queryRows<{ id: string }>(
      db,
      sql`INSERT INTO participation.followup (id, action_id, response_id, token, created_at) VALUES (${f.id}, ${f.actionId}, ${f.responseId}, ${f.token}, ${iso(f.at)}::timestamptz) ON CONFLICT DO NOTHING RETURNING id`,
    );
    return r.length === 1;
  }
  async followups(
    db: Db,
    actionId: string,
  ): Promise<
    { id: string; token: string; phone_masked: string | null; satisfaction: number | null; answered_at: Date | null }[]
  > {
    return queryRows(
      db,
      sql`SELECT f.id, f.token, r.phone_masked, f.satisfaction, f.answered_at FROM participation.followup f JOIN participation.response r ON r.id = f.response_id WHERE f.action_id = ${actionId} ORDER BY f.created_at, f.id`,
    );
  }
  async followupByToken(
    db: Db,
    token: string,
  ): Promise<{ id: string; action_id: string; answered_at: Date | null } | undefined> {
    return (
      await queryRows<{ id: string; action_id: string; answered_at: Date | null }>(
        db,
        sql`SELECT id, action_id, answered_at FROM participation.followup WHERE token = ${token}`,
      )
    )[0];
  }
  async answerFollowup(db: Db, id: string, satisfaction: number, comment: string | null, at: Date): Promise<boolean> {
    const r = await queryRows<{ id: string }>(
      db,
      sql`UPDATE participation.followup SET satisfaction = ${satisfaction}, comment = ${comment}, answered_at = ${iso(at)}::timestamptz WHERE id = ${id} AND answered_at IS NULL RETURNING id`,
    );
    return r.length === 1;
  }

  // ------------------------------------------------------------ supervisors and tasks
  async insertSupervisor(
    db: Db,
    s: {
      id: string;
      nameEnc: string;
      nameMasked: string;
      phoneEnc: string;
      phoneMasked: string;
      phoneDigest: string;
      regionCode: string;
      occupation: string;
      ageBand: string;
      gender: string;
      media: boolean;
      statement: string;
      status: string;
      termStart?: string | null;
      termEnd?: string | null;
      appliedAt: Date;
      isDemo: boolean;
    },
  ): Promise<boolean> {
    const r = await queryRows<{ id: string }>(
      db,
      sql`INSERT INTO participation.supervisor (id, name_enc, name_masked, phone_enc, phone_masked, phone_digest, region_code, occupation, age_band, gender, media, statement, status, term_start, term_end, applied_at, is_demo)
      VALUES (${s.id}, ${s.nameEnc}, ${s.nameMasked}, ${s.phoneEnc}, ${s.phoneMasked}, ${s.phoneDigest}, ${s.regionCode}, ${s.occupation}, ${s.ageBand}, ${s.gender}, ${s.media}, ${s.statement}, ${s.status}, ${s.termStart ?? null}::date, ${s.termEnd ?? null}::date, ${iso(s.appliedAt)}::timestamptz, ${s.isDemo})
      ON CONFLICT DO NOTHING RETURNING id`,
    );
    return r.length === 1;
  }
  async supervisor(db: Db, id: string): Promise<SupervisorRow | undefined> {
    return (
      await queryRows<SupervisorRow>(
        db,
        sql`SELECT id, name_masked, phone_masked, region_code, occupation, age_band, gender, media, status, term_start, term_end, user_id, username, applied_at, is_demo FROM participation.supervisor WHERE id = ${id}`,
      )
    )[0];
  }
  async supervisorByUser(db: Db, userId: string): Promise<SupervisorRow | undefined> {
    return (
      await queryRows<SupervisorRow>(
        db,
        sql`SELECT id, name_masked, phone_masked, region_code, occupation, age_band, gender, media, status, term_start, term_end, user_id, username, applied_at, is_demo FROM participation.supervisor WHERE user_id = ${userId}`,
      )
    )[0];
  }
  async supervisors(
    db: Db,
    regionCodes: string[],
    q: { status?: string; q?: string; page: number; pageSize: number },
  ): Promise<{ items: SupervisorRow[]; total: number }> {
    const where = sql`region_code = ANY(${codes(regionCodes)}) ${q.status ? sql`AND status = ${q.status}` : sql``} ${q.q ? sql`AND (occupation LIKE ${`%${q.q}%`} OR username LIKE ${`%${q.q}%`})` : sql``}`;
    const total = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM participation.supervisor WHERE ${where}`,
    );
    const items = await queryRows<SupervisorRow>(
      db,
      sql`SELECT id, name_masked, phone_masked, region_code, occupation, age_band, gender, media, status, term_start, term_end, user_id, username, applied_at, is_demo
      FROM participation.supervisor WHERE ${where} ORDER BY (status = 'applied') DESC, applied_at DESC, id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    );
    return { items, total: Number(total[0]?.n ?? 0) };
  }
  async eligibleSupervisors(db: Db, regionCodes: string[], today: string): Promise<SupervisorRow[]> {
    return queryRows(
      db,
      sql`SELECT id, name_masked, phone_masked, region_code, occupation, age_band, gender, media, status, term_start, term_end, user_id, username, applied_at, is_demo
      FROM participation.supervisor WHERE status = 'approved' AND region_code = ANY(${codes(regionCodes)}) AND (term_end IS NULL OR term_end >= ${today}::date) AND (term_start IS NULL OR term_start <= ${today}::date)`,
    );
  }
  async vet(
    db: Db,
    id: string,
    p: {
      status: string;
      termStart: string | null;
      termEnd: string | null;
      userId: string | null;
      username: string | null;
      by: string;
      at: Date;
    },
  ): Promise<boolean> {
    const r = await queryRows<{ id: string }>(
      db,
      sql`UPDATE participation.supervisor SET status = ${p.status}, term_start = ${p.termStart}::date, term_end = ${p.termEnd}::date, user_id = ${p.userId}, username = ${p.username},
      vetted_by = ${p.by}, vetted_at = ${iso(p.at)}::timestamptz WHERE id = ${id} AND status = 'applied' RETURNING id`,
    );
    return r.length === 1;
  }
  async insertTask(
    db: Db,
    t: {
      id: string;
      title: string;
      kind: string;
      regionCode: string;
      year: number;
      indicatorCode: string | null;
      description: string;
      panelSize: number;
      quotas: unknown;
      createdBy: string | null;
      at: Date;
    },
  ) {
    await db.execute(sql`INSERT INTO participation.task (id, title, kind, region_code, year, indicator_code, description, panel_size, quotas, status, created_by, created_at)
      VALUES (${t.id}, ${t.title}, ${t.kind}, ${t.regionCode}, ${t.year}, ${t.indicatorCode}, ${t.description}, ${t.panelSize}, ${JSON.stringify(t.quotas)}::jsonb, 'open', ${t.createdBy}, ${iso(t.at)}::timestamptz)`);
  }
  async task(db: Db, id: string): Promise<TaskRow | undefined> {
    return (await queryRows<TaskRow>(db, sql`SELECT * FROM participation.task WHERE id = ${id}`))[0];
  }
  async tasks(db: Db, regionCodes: string[]): Promise<(TaskRow & { scored: number })[]> {
    return queryRows(
      db,
      sql`SELECT t.*, (SELECT count(*) FROM participation.task_member m WHERE m.task_id = t.id AND m.score IS NOT NULL)::int AS scored
      FROM participation.task t WHERE t.region_code = ANY(${codes(regionCodes)}) ORDER BY t.created_at DESC LIMIT 500`,
    );
  }
  async tasksOfSupervisor(
    db: Db,
    supervisorId: string,
  ): Promise<(TaskRow & { my_score: number | null; photos: number })[]> {
    return queryRows(
      db,
      sql`SELECT t.*, m.score AS my_score, (SELECT count(*) FROM participation.task_photo p WHERE p.task_id = t.id AND p.supervisor_id = m.supervisor_id)::int AS photos
      FROM participation.task t JOIN participation.task_member m ON m.task_id = t.id WHERE m.supervisor_id = ${supervisorId} ORDER BY t.created_at DESC`,
    );
  }
  async recordDraw(
    db: Db,
    taskId: string,
    seed: number,
    pool: unknown,
    memberIds: string[],
    at: Date,
  ): Promise<boolean> {
    const r = await queryRows<{ id: string }>(
      db,
      sql`UPDATE participation.task SET seed = ${seed}, pool = ${JSON.stringify(pool)}::jsonb, drawn_at = ${iso(at)}::timestamptz, status = 'drawn' WHERE id = ${taskId} AND status = 'open' RETURNING id`,
    );
    if (r.length !== 1) return false;
    for (const m of memberIds)
      await db.execute(sql`INSERT INTO participation.task_member (task_id, supervisor_id) VALUES (${taskId}, ${m})`);
    return true;
  }
  async members(db: Db, taskId: string): Promise<MemberRow[]> {
    return queryRows(
      db,
      sql`SELECT m.task_id, m.supervisor_id, m.score, m.confirmed, m.comment, m.submitted_at, s.name_masked, s.region_code, s.age_band, s.gender, s.media,
      (SELECT count(*) FROM participation.task_photo p WHERE p.task_id = m.task_id AND p.supervisor_id = m.supervisor_id)::int AS photo_count
      FROM participation.task_member m JOIN participation.supervisor s ON s.id = m.supervisor_id WHERE m.task_id = ${taskId} ORDER BY s.region_code, m.supervisor_id`,
    );
  }
  async scoredMembers(db: Db): Promise<{ task_id: string; supervisor_id: string; score: number }[]> {
    return queryRows(
      db,
      sql`SELECT task_id, supervisor_id, score FROM participation.task_member WHERE score IS NOT NULL`,
    );
  }
  async submitScore(
    db: Db,
    p: {
      taskId: string;
      supervisorId: string;
      score: number;
      confirmed: boolean | null;
      comment: string | null;
      scoreId: string;
      at: Date;
    },
  ): Promise<boolean> {
    const r = await queryRows<{ task_id: string }>(
      db,
      sql`UPDATE participation.task_member SET score = ${p.score}, confirmed = ${p.confirmed}, comment = ${p.comment}, score_id = ${p.scoreId}, submitted_at = ${iso(p.at)}::timestamptz
      WHERE task_id = ${p.taskId} AND supervisor_id = ${p.supervisorId} AND score IS NULL RETURNING task_id`,
    );
    return r.length === 1;
  }
  async insertPhoto(
    db: Db,
    p: { id: string; taskId: string; supervisorId: string; mime: string; content: Buffer; at: Date },
  ) {
    await db.execute(
      sql`INSERT INTO participation.task_photo (id, task_id, supervisor_id, mime, content, created_at) VALUES (${p.id}, ${p.taskId}, ${p.supervisorId}, ${p.mime}, ${p.content}, ${iso(p.at)}::timestamptz)`,
    );
  }
  async photoCount(db: Db, taskId: string, supervisorId: string): Promise<number> {
    const r = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM participation.task_photo WHERE task_id = ${taskId} AND supervisor_id = ${supervisorId}`,
    );
    return Number(r[0]?.n ?? 0);
  }
}

/** Demo loading: many responses per statement. */
export async function insertResponsesBulk(
  db: Db,
  rows: {
    id: string;
    surveyId: string;
    campaignId: string;
    regionCode: string;
    channel: string;
    phoneEnc: string | null;
    phoneMasked: string | null;
    answers: Answer[];
    submittedAt: Date;
    consentVersion: string;
    paperRef: string | null;
  }[],
) {
  for (let i = 0; i < rows.length; i += 400) {
    const chunk = rows.slice(i, i + 400);
    await db.execute(
      sql`INSERT INTO participation.response (id, survey_id, campaign_id, region_code, channel, verified, consent_version, phone_enc, phone_masked, answers, submitted_at, paper_ref, is_demo) VALUES ${sql.join(
        chunk.map(
          (r) =>
            sql`(${r.id}, ${r.surveyId}, ${r.campaignId}, ${r.regionCode}, ${r.channel}, false, ${r.consentVersion}, ${r.phoneEnc}, ${r.phoneMasked}, ${JSON.stringify(r.answers)}::jsonb, ${r.submittedAt.toISOString()}::timestamptz, ${r.paperRef}, true)`,
        ),
        sql`, `,
      )}`,
    );
  }
}

export async function linkSupervisorUser(db: Db, supervisorId: string, userId: string, username: string) {
  await db.execute(
    sql`UPDATE participation.supervisor SET user_id = ${userId}, username = ${username} WHERE id = ${supervisorId}`,
  );
}
