import fs from 'node:fs';
import path from 'node:path';
import { queryOne } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { SYSTEM_ACTOR } from '../../http/actor.ts';
import { REFERENCE_DIR } from '../../lib/paths.ts';
import { importDemands } from './demand.import.ts';
import { insertDemand } from './demand.repo.ts';

/** Demo: the 27 real public demand listings (published, held by the demo service agency for their companies) and one SME demand. */
export async function seedDemandDemo(deps: Deps): Promise<void> {
  const agency = await queryOne<{ id: number }>(deps.db, `select id::int as id from organisations where name = '示例知识产权服务中心'`);
  const sme = await queryOne<{ id: number }>(deps.db, `select id::int as id from organisations where name = '示例智能装备有限公司'`);
  const file = path.join(REFERENCE_DIR, 'demo', 'cn_tech_demands_demo_27.jsonl');
  const ids: number[] = [];
  if (agency && fs.existsSync(file)) {
    const res = await importDemands(deps.db, SYSTEM_ACTOR, 'demands.jsonl', fs.readFileSync(file), { validOnly: true, orgId: agency.id, publish: true, source: 'demo' });
    ids.push(...res.ids);
  }
  if (sme) {
    ids.push(await insertDemand(deps.db, {
      orgId: sme.id, createdBy: null, title: '工业机器人视觉定位与智能分拣技术', description: '需要基于机器视觉的工件识别与定位技术，用于产线上的机器人自动分拣，提高分拣准确率和速度。',
      indicators: '识别准确率≥99%；节拍≤2秒/件', problem: '复杂背景下的工件识别与抓取位姿估计', industry: '先进制造业（智能制造）', regionCode: '510104',
      budgetMinFen: 50_000_000, budgetMaxFen: 100_000_000, mode: 'licence', contactName: '示例联系人', contactPhone: '13800000000', state: 'published', source: 'demo',
    }));
  }
  deps.events.emit('demands.changed', { ids });
}
