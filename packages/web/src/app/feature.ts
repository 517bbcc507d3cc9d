import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import type { Role } from '@zhuanhua/domain';

/**
 * A UI feature (one per business module): its routes and its menu entries. Every
 * `src/features/<module>/index.tsx` default-exports one and is picked up automatically.
 */
export type MenuEntry = {
  key: string; // the route path
  label: string;
  icon?: ReactNode;
  /** Sort order in the menu (smaller first). */
  order: number;
  /** Menu group: 供给 / 需求 / 交易 / 金融 / 政府 / 系统 */
  group?: string;
  /** Who sees it: 'public' (also without login) or the roles; default: any logged-in user. */
  roles?: 'public' | Role[];
};

export type Feature = { routes: RouteObject[]; menu?: MenuEntry[] };
