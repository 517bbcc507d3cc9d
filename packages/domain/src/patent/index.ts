export * from './patent-number.ts';
export * from './ipc.ts';
export * from './legal-status.ts';
