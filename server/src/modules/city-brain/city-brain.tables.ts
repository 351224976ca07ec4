import { sql } from 'drizzle-orm';
import type {
  DatasetField,
  EventCategory,
  EventSeverity,
  EventStatus,
  RequestStatus,
  SharingClass,
  UpdateCycle,
} from '@zhicheng/contracts/city-brain';
import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

/** The module's own PostgreSQL schema: no other module reads these tables (call its API instead). */
export const cityBrainSchema = pgSchema('city_brain');

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const subPlatform = cityBrainSchema.table(
  'sub_platform',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    kind: text('kind').notNull().$type<'city_brain' | 'domain'>(),
    name: text('name').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    domain: text('domain'),
    ownerUnit: text('owner_unit').notNull(),
    contactNameEnc: text('contact_name_enc').notNull(),
    contactNameMasked: text('contact_name_masked').notNull(),
    contactPhoneEnc: text('contact_phone_enc').notNull(),
    contactPhoneMasked: text('contact_phone_masked').notNull(),
    publishes: text('publishes').array().notNull().default([]),
    receives: text('receives').array().notNull().default([]),
    /** bcrypt of the NATS password issued here (the password itself was shown once). */
    natsPasswordHash: text('nats_password_hash'),
    credentialsIssuedAt: ts('credentials_issued_at'),
    credentialsIssuedBy: uuid('credentials_issued_by'),
    lastHeartbeatAt: ts('last_heartbeat_at'),
    connectedSince: ts('connected_since'),
    lastLagMs: bigint('last_lag_ms', { mode: 'number' }),
    receivedTotal: bigint('received_total', { mode: 'number' }).notNull().default(0),
    sentTotal: bigint('sent_total', { mode: 'number' }).notNull().default(0),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [unique('sub_platform_code_key').on(t.code)],
);
export type SubPlatformRow = typeof subPlatform.$inferSelect;

export const traffic = cityBrainSchema.table(
  'traffic',
  {
    subPlatformId: uuid('sub_platform_id')
      .notNull()
      .references(() => subPlatform.id),
    minute: ts('minute').notNull(),
    direction: text('direction').notNull().$type<'up' | 'down'>(),
    messages: integer('messages').notNull(),
  },
  (t) => [primaryKey({ columns: [t.subPlatformId, t.minute, t.direction] })],
);

export const inboundMessage = cityBrainSchema.table(
  'inbound_message',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    subPlatformId: uuid('sub_platform_id')
      .notNull()
      .references(() => subPlatform.id),
    msgId: text('msg_id').notNull(),
    kind: text('kind').notNull(),
    hubSeq: bigint('hub_seq', { mode: 'number' }).notNull(),
    entityId: text('entity_id').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    observedAt: ts('observed_at').notNull(),
    receivedAt: ts('received_at').notNull(),
    /** The message as it arrived (JSON text). */
    payload: text('payload').notNull(),
  },
  (t) => [unique('inbound_message_msg_key').on(t.subPlatformId, t.msgId)],
);

export const vitalSignLatest = cityBrainSchema.table(
  'vital_sign_latest',
  {
    subPlatformId: uuid('sub_platform_id')
      .notNull()
      .references(() => subPlatform.id),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    indicator: text('indicator').notNull(),
    value: doublePrecision('value').notNull(),
    unit: text('unit').notNull(),
    observedAt: ts('observed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.subPlatformId, t.regionCode, t.indicator] })],
);

export const deadLetter = cityBrainSchema.table(
  'dead_letter',
  {
    id: uuid('id').primaryKey(),
    subPlatformCode: text('sub_platform_code'),
    subject: text('subject').notNull(),
    msgId: text('msg_id'),
    reason: text('reason').notNull(),
    detail: jsonb('detail').notNull().$type<{ path: string; message: string }[]>(),
    raw: text('raw').notNull(),
    hubSeq: bigint('hub_seq', { mode: 'number' }).notNull(),
    receivedAt: ts('received_at').notNull(),
  },
  (t) => [unique('dead_letter_hub_seq_key').on(t.hubSeq), index('dead_letter_received_idx').on(t.receivedAt.desc())],
);
export type DeadLetterRow = typeof deadLetter.$inferSelect;

export const outboundMessage = cityBrainSchema.table(
  'outbound_message',
  {
    id: uuid('id').primaryKey(),
    subPlatformId: uuid('sub_platform_id')
      .notNull()
      .references(() => subPlatform.id),
    kind: text('kind').notNull().$type<'task' | 'notice' | 'alert'>(),
    subject: text('subject').notNull(),
    title: text('title').notNull(),
    payload: jsonb('payload').notNull(),
    eventId: uuid('event_id'),
    status: text('status').notNull().$type<'pending' | 'delivered'>(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
    deliveredAt: ts('delivered_at'),
  },
  (t) => [
    index('outbound_message_pending_idx')
      .on(t.createdAt)
      .where(sql`status = 'pending'`),
  ],
);
export type OutboundRow = typeof outboundMessage.$inferSelect;

export const cityEvent = cityBrainSchema.table(
  'event',
  {
    id: uuid('id').primaryKey(),
    source: text('source').notNull().$type<'city' | 'province'>(),
    subPlatformId: uuid('sub_platform_id').references(() => subPlatform.id),
    entityId: text('entity_id'),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    category: text('category').notNull().$type<EventCategory>(),
    severity: text('severity').notNull().$type<EventSeverity>(),
    title: text('title').notNull(),
    description: text('description'),
    location: jsonb('location').$type<{ type: 'Point'; coordinates: [number, number] }>(),
    status: text('status').notNull().$type<EventStatus>(),
    handlerRegionCode: varchar('handler_region_code', { length: 12 }),
    handlerDepartment: text('handler_department'),
    stepStartedAt: ts('step_started_at').notNull(),
    deadline: ts('deadline'),
    supervision: text('supervision').$type<'reminder' | 'escalation'>(),
    result: text('result'),
    rating: integer('rating'),
    reportedAt: ts('reported_at').notNull(),
    closedAt: ts('closed_at'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: uuid('created_by'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    unique('event_entity_key').on(t.subPlatformId, t.entityId),
    index('event_region_idx').on(t.regionCode, t.status),
    index('event_open_deadline_idx')
      .on(t.deadline)
      .where(sql`deadline IS NOT NULL`),
  ],
);
export type EventRow = typeof cityEvent.$inferSelect;

export const eventHistory = cityBrainSchema.table(
  'event_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => cityEvent.id),
    action: text('action').notNull(),
    at: ts('at').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name'),
    note: text('note'),
    onTime: boolean('on_time'),
  },
  (t) => [index('event_history_event_idx').on(t.eventId, t.id)],
);

export const dataset = cityBrainSchema.table(
  'dataset',
  {
    id: uuid('id').primaryKey(),
    subPlatformId: uuid('sub_platform_id')
      .notNull()
      .references(() => subPlatform.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    fields: jsonb('fields').notNull().$type<DatasetField[]>().default([]),
    updateCycle: text('update_cycle').notNull().$type<UpdateCycle>().default('irregular'),
    sharingClass: text('sharing_class').notNull().$type<SharingClass>().default('not_shared'),
    sharingConditions: text('sharing_conditions').notNull().default(''),
    version: text('version'),
    records: bigint('records', { mode: 'number' }),
    lastUpdatedAt: ts('last_updated_at'),
    uncatalogued: boolean('uncatalogued').notNull().default(false),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [unique('dataset_code_key').on(t.subPlatformId, t.code)],
);
export type DatasetRow = typeof dataset.$inferSelect;

export const dataRequest = cityBrainSchema.table(
  'data_request',
  {
    id: uuid('id').primaryKey(),
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => dataset.id),
    requesterUserId: uuid('requester_user_id').notNull(),
    requesterName: text('requester_name').notNull(),
    unit: text('unit').notNull(),
    purpose: text('purpose').notNull(),
    fields: jsonb('fields').notNull().$type<string[]>().default([]),
    until: ts('until').notNull(),
    status: text('status').notNull().$type<RequestStatus>(),
    decidedByUserId: uuid('decided_by_user_id'),
    decidedBy: text('decided_by'),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('data_request_dataset_idx').on(t.datasetId, t.status)],
);
export type DataRequestRow = typeof dataRequest.$inferSelect;

export const dataUse = cityBrainSchema.table(
  'data_use',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => dataset.id),
    requestId: uuid('request_id').references(() => dataRequest.id),
    userId: uuid('user_id'),
    userName: text('user_name').notNull(),
    purpose: text('purpose').notNull(),
    fields: jsonb('fields').notNull().$type<string[]>().default([]),
    version: text('version'),
    at: ts('at').notNull(),
  },
  (t) => [index('data_use_dataset_idx').on(t.datasetId, t.at)],
);
