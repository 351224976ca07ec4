export * from './common.contract.ts';
export * from './access.contract.ts';
export * from './identity.contract.ts';
export * from './regions.contract.ts';
export * from './audit.contract.ts';
export * from './events.contract.ts';
export * from './field-labels.contract.ts';
