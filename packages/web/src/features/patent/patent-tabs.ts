import type { ComponentType } from 'react';

/**
 * Extra sections other modules show on the patent detail page (grade, sleeping status, prospects,
 * open licence…). Each is a component taking {patentId}; found in src/features/<module>/patent-section.tsx.
 */
const sections = import.meta.glob<{ default: ComponentType<{ patentId: number }> }>('../*/patent-section.tsx', { eager: true });
export const patentDetailTabs: ComponentType<{ patentId: number }>[] = Object.values(sections).map((m) => m.default);
