import type { ModuleDef } from '../registry.ts';
import { seedDemoIfEmpty } from './demo.seed.ts';

export default {
  name: 'demo',
  cli(program, ctx) {
    program.command('seed').description('在空数据库中写入演示数据（示例机构、用户、真实示例专利）').option('--json', 'JSON 输出').action(async (o: { json?: boolean }) => {
      const seeded = await ctx.withDeps((deps) => seedDemoIfEmpty(deps));
      ctx.print(!!o.json, { seeded }, () => (seeded ? '演示数据已写入' : '数据库已有用户，未写入演示数据'));
    });
  },
} satisfies ModuleDef;
