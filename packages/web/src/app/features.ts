import type { Feature, MenuEntry } from './feature.ts';

const modules = import.meta.glob<{ default: Feature }>('../features/*/index.tsx', { eager: true });

/** All features, discovered from src/features/<module>/index.tsx. */
export const FEATURES: Feature[] = Object.values(modules).map((m) => m.default).filter(Boolean);
export const MENU: MenuEntry[] = FEATURES.flatMap((f) => f.menu ?? []).sort((a, b) => a.order - b.order);
