import type { ModuleDef } from '../registry.ts';
import { securityRoutes } from './security.routes.ts';
import { securityCli } from './security.cli.ts';
import { checkDbRole } from './security.service.ts';
import { getSettingsRow, saveSettingsRow } from './security.repo.ts';
import { DEFAULT_SECURITY_SETTINGS } from '@zhuanhua/domain/security/index.ts';

export default {
  name: 'security',
  routes: securityRoutes,
  cli: securityCli,
  async onStart(deps) {
    // First start: save the settings, taking the password profile and idle timeout from the environment.
    if (!(await getSettingsRow(deps.db))) {
      await saveSettingsRow(deps.db, {
        ...DEFAULT_SECURITY_SETTINGS,
        passwordProfile: deps.config.PASSWORD_PROFILE === 'dengbao' ? 'dengbao' : 'asvs',
        idleMinutes: Math.min(120, Math.max(5, deps.config.SESSION_TTL_MINUTES)),
      });
    }
    if (deps.handle.kind === 'postgres') {
      const r = await checkDbRole(deps.db);
      if (!r.ok) {
        const msg = `数据库角色 ${r.role} 是超级用户或可绕过行级安全；生产环境请使用普通角色连接`;
        if (deps.config.NODE_ENV === 'production') throw new Error(msg);
        deps.log.warn({ role: r.role, superuser: r.superuser, bypassRls: r.bypassRls }, msg);
      }
    }
  },
} satisfies ModuleDef;
