import { sweepBadInput } from '../../../test/bad-input-sweep.ts';

// Bad input on every route, on PGlite (the PostgreSQL run is its own file, so the two run side by side).
sweepBadInput('pglite');
