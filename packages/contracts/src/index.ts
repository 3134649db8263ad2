export * from './audit.ts';
export * from './common.ts';
export * from './opds.ts';
export * from './pairings.ts';
export * from './programs.ts';
export * from './regions.ts';
export * from './registry.ts';
export * from './users.ts';
