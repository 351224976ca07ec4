import { moduleApi, type BuiltApp } from '../../app.ts';
import { RegistryService } from './registry.service.ts';
import { TiersService } from './tiers.service.ts';
import { FiguresService } from './figures.service.ts';

/** The module's services over a built app's platform (tests and benchmarks only; other modules use the API). */
export function servicesOf(built: BuiltApp) {
  const registry = new RegistryService(built.platform, moduleApi(built, 'regions'));
  const tiers = new TiersService(
    built.platform,
    registry,
    moduleApi(built, 'assessment'),
    moduleApi(built, 'participation'),
    moduleApi(built, 'directory'),
  );
  const figures = new FiguresService(built.platform, moduleApi(built, 'regions'), registry);
  return { registry, tiers, figures };
}
