import type { OrgType, Role, SizeClass } from '@zhuanhua/domain';

/**
 * Demo organisations. They are fictitious and named as such (示例…): the real demo patents are attached
 * to them, never to a real university or company (shared data honesty rules).
 */
export type DemoOrg = { key: string; name: string; type: OrgType; sizeClass?: SizeClass; regionCode: string; industryCode?: string; businessScope?: string; products?: string };

export const DEMO_ORGS: DemoOrg[] = [
  { key: 'univ1', name: '示例理工大学', type: 'university', regionCode: '510107' },
  { key: 'univ2', name: '示例农业大学', type: 'university', regionCode: '411502' },
  { key: 'inst1', name: '示例材料科学研究院', type: 'research_institute', regionCode: '150602' },
  { key: 'inst2', name: '示例信息技术研究所', type: 'research_institute', regionCode: '510104' },
  { key: 'soe1', name: '示例能源集团有限公司', type: 'soe', sizeClass: 'large', regionCode: '411002', industryCode: 'D44' },
  { key: 'sme1', name: '示例智能装备有限公司', type: 'private_enterprise', sizeClass: 'small', regionCode: '510104', industryCode: 'C34',
    businessScope: '智能制造装备、工业机器人、自动化生产线的研发、生产与销售', products: '工业机器人；数控机床；自动化检测设备' },
  { key: 'sme2', name: '示例新材料科技有限公司', type: 'private_enterprise', sizeClass: 'micro', regionCode: '150602', industryCode: 'C30',
    businessScope: '新型建筑材料、复合材料、涂料的研发与销售', products: '保温材料；防腐涂料' },
  { key: 'sme3', name: '示例生物医药有限公司', type: 'private_enterprise', sizeClass: 'medium', regionCode: '411502', industryCode: 'C27',
    businessScope: '生物制药、医药中间体、中药提取', products: '原料药；中药提取物' },
  { key: 'sme4', name: '示例电子科技有限公司', type: 'private_enterprise', sizeClass: 'small', regionCode: '411002', industryCode: 'C39',
    businessScope: '电子元器件、通信设备、物联网终端的研发与生产', products: '物联网网关；传感器模组' },
  { key: 'bank1', name: '示例商业银行', type: 'bank', sizeClass: 'large', regionCode: '510104' },
  { key: 'ins1', name: '示例科技保险公司', type: 'insurer', sizeClass: 'large', regionCode: '510104' },
  { key: 'agency1', name: '示例知识产权服务中心', type: 'service_agency', sizeClass: 'small', regionCode: '510107' },
  { key: 'gov1', name: '示例市知识产权局', type: 'government', regionCode: '510100' },
];

export const DEMO_PASSWORD = 'Zhuanhua@2026';

export const DEMO_USERS: { username: string; displayName: string; role: Role; org?: string; regionCode?: string }[] = [
  { username: 'admin', displayName: '平台管理员（示例）', role: 'platform_admin' },
  { username: 'univ', displayName: '示例理工大学 技术转移中心', role: 'org_admin', org: 'univ1' },
  { username: 'inst', displayName: '示例材料科学研究院 成果转化处', role: 'org_admin', org: 'inst1' },
  { username: 'soe', displayName: '示例能源集团 知识产权部', role: 'org_admin', org: 'soe1' },
  { username: 'sme', displayName: '示例智能装备 技术负责人', role: 'org_admin', org: 'sme1' },
  { username: 'sme2', displayName: '示例新材料科技 负责人', role: 'org_admin', org: 'sme2' },
  { username: 'bank', displayName: '示例商业银行 科技金融部', role: 'bank_officer', org: 'bank1' },
  { username: 'agent', displayName: '示例知识产权服务中心 专员', role: 'service_agent', org: 'agency1' },
  { username: 'auditor', displayName: '审计员（示例）', role: 'auditor' },
];

/** Holders of the demo patents, by weight: most of the stock sits with universities and institutes. */
export const HOLDER_WEIGHTS: [string, number][] = [['univ1', 30], ['univ2', 20], ['inst1', 12], ['inst2', 10], ['soe1', 10], ['sme1', 6], ['sme2', 4], ['sme3', 4], ['sme4', 4]];

/** Deterministic PRNG (mulberry32) so the demo is the same on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
