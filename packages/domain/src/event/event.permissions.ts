import type { PermissionTable } from '../common/permissions.ts';

const ALL = ['platform_admin', 'org_admin', 'org_member', 'service_agent', 'bank_officer', 'auditor'] as const;
/** Actions of the event module. Events are public once planned; organisers (office, service agencies) manage them. */
export const eventPermissions: PermissionTable = {
  'event.list': { roles: 'public', scope: 'public', description: '对接活动列表' },
  'event.read': { roles: 'public', scope: 'public', description: '对接活动详情' },
  'event.create': { roles: ['platform_admin', 'service_agent'], scope: 'own_org', description: '新建对接活动' },
  'event.update': { roles: ['platform_admin', 'service_agent'], scope: 'own_org', description: '修改活动、项目与结果' },
  'event.register': { roles: ['platform_admin', 'org_admin', 'org_member', 'service_agent'], scope: 'own_org', description: '报名参加活动' },
  'event.import': { roles: ['platform_admin', 'service_agent'], scope: 'own_org', description: '导入活动' },
  'event.export': { roles: ALL, scope: 'public', description: '导出活动' },
};
