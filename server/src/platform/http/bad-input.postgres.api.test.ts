import { sweepBadInput } from '../../../test/bad-input-sweep.ts';

// Bad input on every route, on PostgreSQL when TEST_DATABASE_URL is set (skipped otherwise).
sweepBadInput('postgres');
