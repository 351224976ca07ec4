import { SCENARIOS_PERMISSIONS as P, type HeldDecision, type VoteReceipt } from '@zhicheng/contracts/scenarios';
import type { RequestContext } from '../../platform/authorization/index.ts';
import type { Platform } from '../../platform/module.ts';
import type { BoardService } from './board.service.ts';
import type { CasesService } from './cases.service.ts';
import { scenariosError } from './scenarios.errors.ts';

/** The network a client votes from: IPv4 /24, IPv6 /48 (a household's or an office's, not a person's). */
export function networkOf(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.\d+$/.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  const parts = ip.split(':');
  return `${parts.slice(0, 3).join(':')}::/48`;
}

/**
 * Public votes: one per device per case per round (the device is the random cookie the server gave it, kept only
 * as an HMAC; the network likewise), rate-limited per address by the route, recorded as pending and counted only
 * after the burst check in the board's refresh. Moderators release or reject what the check held.
 */
export class VotesService {
  constructor(
    private readonly platform: Platform,
    private readonly cases: CasesService,
    private readonly board: BoardService,
  ) {}

  async vote(ctx: RequestContext, caseId: string, approve: boolean, deviceToken: string): Promise<VoteReceipt> {
    const r = await this.board.repo.openRound();
    if (!r) throw scenariosError('scenarios_no_open_round');
    const outcome = await this.board.repo.insertVote({
      roundId: r.id,
      caseId,
      device: this.platform.protector.digest({ device: deviceToken }),
      network: this.platform.protector.digest({ network: networkOf(ctx.ip) }),
      approve,
      at: this.platform.clock.now(),
    });
    if (outcome === 'refused') {
      await this.cases.load(caseId); // 404 for an unknown case
      throw scenariosError('scenarios_not_on_board');
    }
    // A vote is not audited one by one (it is anonymous and the vote row is its record); holds and releases are.
    return { recorded: outcome === 'inserted', status: outcome === 'inserted' ? 'pending' : 'duplicate' };
  }

  async held(ctx: RequestContext, roundId: string) {
    await this.platform.authz.assertCovers(ctx.actor, P.configure, this.platform.config.provinceCode);
    const groups = await this.board.repo.heldGroups(roundId);
    const titles = new Map((await this.cases.repo.byIds(groups.map((g) => g.case_id))).map((c) => [c.id, c.title]));
    return {
      items: groups.map((g) => ({
        caseId: g.case_id,
        title: titles.get(g.case_id) ?? '',
        reason: g.reason,
        votes: g.votes,
        first: new Date(g.first).toISOString(),
        last: new Date(g.last).toISOString(),
      })),
    };
  }

  async decideHeld(ctx: RequestContext, roundId: string, d: HeldDecision): Promise<{ changed: number }> {
    await this.platform.authz.assertCovers(ctx.actor, P.configure, this.platform.config.provinceCode);
    return this.platform.db.transaction(async (tx) => {
      const changed = await this.board.repo.decideHeld(
        roundId,
        d.caseId,
        d.reason,
        d.decision === 'release' ? 'counted' : 'rejected',
      );
      await this.board.repo.markDirty(roundId, [d.caseId]);
      await this.platform.audit.record(tx, ctx, {
        action: `scenarios.votes.${d.decision}`,
        objectType: 'scenarios.case',
        objectId: d.caseId,
        after: { roundId, reason: d.reason, changed },
      });
      return { changed };
    });
  }
}
