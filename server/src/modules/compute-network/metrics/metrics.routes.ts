import { z } from 'zod';
import {
  COMPUTE_PERMISSIONS as P,
  IngestToken,
  MetricsQuery,
  MetricsResponse,
  RemoteWriteResult,
} from '@zhicheng/contracts/compute-network';
import { systemContext } from '../../../platform/authorization/index.ts';
import { platformError } from '../../../platform/http/errors.ts';
import type { ZodApp } from '../../../platform/module.ts';
import type { IngestTokens } from './ingest.service.ts';
import type { MetricsService } from './metrics.service.ts';

const tags = ['compute-network'];
const Id = z.object({ id: z.uuid() });

/** HTTP only: ingest tokens, Prometheus remote-write (authenticated by the token), series and live figures. */
export async function metricsRoutes(app: ZodApp, metrics: MetricsService, tokens: IngestTokens): Promise<void> {
  app.post(
    '/compute/data-centres/:id/token',
    {
      config: { permission: P.report },
      schema: {
        tags,
        summary: 'Issue a new ingest token (shown once; the old one stops working)',
        params: Id,
        response: { 201: IngestToken },
      },
    },
    async (req, reply) => reply.status(201).send(await tokens.issue(req.ctx, req.params.id)),
  );

  app.get(
    '/compute/data-centres/:id/metrics',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Live figures and downsampled series received by remote-write',
        params: Id,
        querystring: MetricsQuery,
        response: { 200: MetricsResponse },
      },
    },
    async (req) => metrics.metrics(req.ctx, req.params.id, req.query),
  );

  await app.register(async (child) => {
    child.addContentTypeParser(
      'application/x-protobuf',
      { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 },
      (_req, body, done) => done(null, body),
    );
    child.post(
      '/compute/remote-write',
      {
        config: { permission: 'public' },
        schema: {
          tags,
          summary:
            'Prometheus remote-write 1.0 (snappy protobuf WriteRequest), authenticated by the centre’s Bearer token',
          description: `Metrics that feed live figures: DCGM_FI_DEV_GPU_UTIL (%), DCGM_FI_DEV_POWER_USAGE (W), ipmi_dcmi_power_consumption_watts (W), zc_racks_in_use, zc_racks_total. Every other series is stored too, as 1-minute aggregates.`,
          response: { 200: RemoteWriteResult },
        },
      },
      async (req) => {
        const id = await tokens.centreOf(req.headers.authorization);
        const type = String(req.headers['content-type'] ?? '');
        if (!/^application\/x-protobuf\b/i.test(type))
          throw platformError(
            'unsupported_media_type',
            { zh: '须为 application/x-protobuf', en: 'Content-Type must be application/x-protobuf' },
            [{ path: 'content-type', message: 'application/x-protobuf expected' }],
          );
        if (String(req.headers['content-encoding'] ?? '').toLowerCase() !== 'snappy')
          throw platformError(
            'unsupported_media_type',
            { zh: '须为 snappy 压缩', en: 'Content-Encoding must be snappy' },
            [{ path: 'content-encoding', message: 'snappy expected' }],
          );
        const version = String(req.headers['x-prometheus-remote-write-version'] ?? '');
        if (!/^0\.1(\.\d+)?$/.test(version))
          throw platformError(
            'validation_failed',
            { zh: '须为远程写入协议 0.1.0', en: 'X-Prometheus-Remote-Write-Version 0.1.0 expected' },
            [{ path: 'x-prometheus-remote-write-version', message: '0.1.0 expected' }],
          );
        if (!Buffer.isBuffer(req.body)) throw platformError('unsupported_media_type');
        return metrics.remoteWrite(systemContext('compute.ingest-token', req.ctx.requestId, req.ctx.ip), id, req.body);
      },
    );
  });
}
