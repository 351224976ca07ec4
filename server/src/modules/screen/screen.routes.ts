import {
  SCREEN_PERMISSIONS as P,
  ScreenForecasts,
  ScreenOverview,
  ScreenQuery,
  ScreenStreamQuery,
  Theme,
  ThemeInput,
  ThemeList,
  ThemeParams,
  ThemeQuery,
  WarningActInput,
  WarningActResult,
  WarningRule,
  WarningRuleInput,
  WarningRuleList,
  WarningRuleParams,
  WhatIfInput,
  WhatIfResult,
} from '@zhicheng/contracts/screen';
import type { ZodApp } from '../../platform/module.ts';
import type { ActService } from './act.service.ts';
import type { BriefingService } from './briefing.service.ts';
import type { ForecastsService } from './forecasts.service.ts';
import type { LiveScreens } from './live.ts';
import type { OverviewService } from './overview.service.ts';
import type { RulesService } from './rules.service.ts';
import type { ThemesService } from './themes.service.ts';
import type { WhatIfService } from './whatif.service.ts';

const tags = ['screen'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** How long one event stream lives: the browser's EventSource reconnects, and the session is checked again. */
export const STREAM_LIFETIME_MS = 5 * 60_000;

export interface ScreenServices {
  overview: OverviewService;
  themes: ThemesService;
  rules: RulesService;
  forecasts: ForecastsService;
  whatIf: WhatIfService;
  briefing: BriefingService;
  act: ActService;
  live: LiveScreens;
}

/** HTTP only: the schema, the permission, one service call. */
export function screenRoutes(app: ZodApp, s: ScreenServices) {
  app.get(
    '/screen/overview',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'A region’s screen: every figure with its source, time and simulated flag, and the map layers',
        querystring: ScreenQuery,
        response: { 200: ScreenOverview },
      },
    },
    async (req) => s.overview.overview(req.ctx, req.query.region),
  );

  app.get(
    '/screen/forecasts',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Forecasts of a region’s figures, each back-tested against the M4 Comb benchmark',
        querystring: ScreenQuery,
        response: { 200: ScreenForecasts },
      },
    },
    async (req) => s.forecasts.forecasts(req.ctx, req.query.region),
  );

  app.post(
    '/screen/what-if',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'What-if: counties supposed at other star levels, or another target; nothing is stored',
        body: WhatIfInput,
        response: { 200: WhatIfResult },
      },
    },
    async (req) => s.whatIf.whatIf(req.ctx, req.body),
  );

  app.get(
    '/screen/briefing.docx',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'The region’s briefing (简报) as a Word document: key figures, warnings, forecasts, what-if',
        querystring: ScreenQuery,
      },
    },
    async (req, reply) => {
      const { file, filename } = await s.briefing.docx(req.ctx, req.query.region);
      return reply.type(DOCX).header('content-disposition', `attachment; filename="${filename}"`).send(file);
    },
  );

  app.get(
    '/screen/briefing.pdf',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary:
          'The region’s briefing (简报) as PDF: the Word briefing’s content, with the category figures as charts',
        querystring: ScreenQuery,
      },
    },
    async (req, reply) => {
      const { file, filename } = await s.briefing.pdf(req.ctx, req.query.region);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(file);
    },
  );

  app.post(
    '/screen/warnings/act',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary:
          'Act on a firing warning: open a 督办 task in the work ledger or an event in the city brain’s closed loop (that module’s permission applies)',
        body: WarningActInput,
        response: { 201: WarningActResult },
      },
    },
    async (req, reply) => reply.code(201).send(await s.act.act(req.ctx, req.body)),
  );

  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });
  app.get(
    '/screen/stream',
    {
      config: { permission: P.read },
      schema: {
        // Kept out of the OpenAPI document: the generated bad-input sweep would wait on a stream that never ends.
        // Its only input is the region, checked by the same schema and service as /screen/overview, which the sweep
        // covers; screen.stream.api.test.ts drives this route over real HTTP.
        hide: true,
        querystring: ScreenStreamQuery,
      },
    },
    async (req, reply) => {
      const code = await s.overview.authorize(req.ctx, req.query.region);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      });
      res.write('retry: 3000\n\n');
      let ended = false;
      let off: (() => void) | undefined;
      const end = () => {
        if (ended) return;
        ended = true;
        open.delete(end);
        clearInterval(ping);
        clearTimeout(life);
        off?.();
        res.end();
      };
      open.add(end);
      const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
      const life = setTimeout(end, STREAM_LIFETIME_MS);
      req.raw.on('close', end);
      const unsubscribe = await s.live.subscribe(code, (o) => {
        if (!ended) res.write(`id: ${o.version}\nevent: overview\ndata: ${JSON.stringify(o)}\n\n`);
      });
      // The browser may have gone while the first screen was built.
      if (ended) unsubscribe();
      else off = unsubscribe;
    },
  );

  app.get(
    '/screen/themes',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'The themes a region’s screen may use, nearest first, and the one it uses',
        querystring: ThemeQuery,
        response: { 200: ThemeList },
      },
    },
    async (req) => s.themes.list(req.ctx, req.query.region),
  );

  app.post(
    '/screen/themes',
    {
      config: { permission: P.manage },
      schema: { tags, summary: 'Save a theme for a region one covers', body: ThemeInput, response: { 201: Theme } },
    },
    async (req, reply) => reply.status(201).send(await s.themes.create(req.ctx, req.body)),
  );

  app.put(
    '/screen/themes/:id',
    {
      config: { permission: P.manage },
      schema: { tags, summary: 'Change a theme', params: ThemeParams, body: ThemeInput, response: { 200: Theme } },
    },
    async (req) => s.themes.update(req.ctx, req.params.id, req.body),
  );

  app.delete(
    '/screen/themes/:id',
    {
      config: { permission: P.manage },
      schema: { tags, summary: 'Delete a theme', params: ThemeParams },
    },
    async (req, reply) => {
      await s.themes.remove(req.ctx, req.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/screen/warning-rules',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'The warning rules applying to a region’s screen (its own and its ancestors’)',
        querystring: ThemeQuery,
        response: { 200: WarningRuleList },
      },
    },
    async (req) => s.rules.list(req.ctx, req.query.region),
  );

  app.post(
    '/screen/warning-rules',
    {
      config: { permission: P.manage },
      schema: {
        tags,
        summary: 'Add a warning rule for a region one covers',
        body: WarningRuleInput,
        response: { 201: WarningRule },
      },
    },
    async (req, reply) => reply.status(201).send(await s.rules.create(req.ctx, req.body)),
  );

  app.put(
    '/screen/warning-rules/:id',
    {
      config: { permission: P.manage },
      schema: {
        tags,
        summary: 'Change a warning rule (threshold, level, owner, on/off)',
        params: WarningRuleParams,
        body: WarningRuleInput,
        response: { 200: WarningRule },
      },
    },
    async (req) => s.rules.update(req.ctx, req.params.id, req.body),
  );

  app.delete(
    '/screen/warning-rules/:id',
    {
      config: { permission: P.manage },
      schema: { tags, summary: 'Delete a warning rule', params: WarningRuleParams },
    },
    async (req, reply) => {
      await s.rules.remove(req.ctx, req.params.id);
      return reply.status(204).send();
    },
  );
}
