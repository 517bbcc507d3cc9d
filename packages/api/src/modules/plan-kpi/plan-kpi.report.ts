/**
 * Reports: the yearly statistical tables (.xlsx) and the annual work summary (工作总结报告, .docx) with the figures,
 * charts (native Word charts) and a table per target. Built from the same evaluation as the dashboard.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { ChartRun } from 'docx/charts';
import { writeXlsx } from '../../lib/excel-export.ts';
import type { EvaluationView, RankingView, TargetView } from './plan-kpi.service.ts';

const fmt = (v: number | null | undefined, unit = ''): string => (v == null ? '—' : `${v.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}${unit}`);
const fmtPct = (v: number | null | undefined): string => (v == null ? '无法计算' : `${v.toFixed(2)}%`);

export async function buildXlsx(ev: EvaluationView, rk: RankingView | null): Promise<Buffer> {
  const yearCols = ev.years.map((y) => ({ header: `${y}年${y === ev.plan.baselineYear ? '（基期）' : ''}`, key: `y${y}`, width: 12 }));
  return writeXlsx([
    {
      name: '目标完成情况',
      columns: [
        { header: '条款', key: 'clause', width: 14 }, { header: '目标', key: 'text', width: 40 }, { header: '指标', key: 'indicatorName', width: 28 },
        { header: '类型', key: 'kindLabel', width: 12 }, { header: '目标值', key: 'target', width: 12 }, { header: '实际值', key: 'value', width: 12 },
        { header: '单位', key: 'unit', width: 8 }, { header: '差距', key: 'gap', width: 12 }, { header: '本年尚需', key: 'needed', width: 12 },
        { header: '状态', key: 'statusLabel', width: 10 }, { header: '说明', key: 'note', width: 40 },
      ],
      rows: ev.targets.map((t) => ({ ...t, target: t.target ?? '', value: t.value ?? '', gap: t.gap ?? '', needed: t.neededThisYear ?? '' })),
    },
    {
      name: '指标年度统计',
      columns: [{ header: '指标代码', key: 'code', width: 26 }, { header: '指标', key: 'name', width: 30 }, { header: '单位', key: 'unit', width: 8 },
        ...yearCols, { header: '规划期累计', key: 'total', width: 14 }, { header: '数据来源', key: 'source', width: 12 }],
      rows: ev.indicators.map((i) => ({
        code: i.code, name: i.name, unit: i.unit, total: i.total, source: i.source === 'records' ? '平台记录' : i.source === 'manual' ? '手工填报' : '暂无来源',
        ...Object.fromEntries(i.years.map((y) => [`y${y.year}`, y.value])),
      })),
    },
    ...(rk ? [{
      name: rk.level === 'city' ? '市州排名' : '区县排名',
      columns: [{ header: '名次', key: 'rank', width: 8 }, { header: '地区代码', key: 'regionCode', width: 10 }, { header: '地区', key: 'name', width: 16 },
        { header: '综合得分', key: 'score', width: 10 }, ...rk.weights.map((w, k) => ({ header: `${w.indicator}（权重${w.weight}）`, key: `p${k}`, width: 18 }))],
      rows: rk.rows.map((r) => ({ ...r, ...Object.fromEntries(r.parts.map((p, k) => [`p${k}`, p.raw ?? '无法计算'])) })),
    }] : []),
  ]);
}

const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 20 })] })] });
const row = (cells: string[], bold = false) => new TableRow({ children: cells.map((c) => cell(c, bold)) });

function targetTable(t: TargetView): Table {
  const rate = t.kind === 'cagr_at_least';
  const valueUnit = rate ? '' : t.unit;
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      row(['年度', '数值', '同比增长'], true),
      ...t.years.map((y) => row([`${y.year}年${y.toDate ? '（截至目前）' : ''}`, fmt(y.value, rate ? '' : valueUnit), fmtPct(y.yoy)])),
      row(['目标值', rate ? `年均增长 ${fmt(t.target)}%` : t.kind === 'increasing' ? '逐年递增' : fmt(t.target, t.unit), ''], true),
      row(['实际', rate ? `年均增长 ${fmtPct(t.value)}` : fmt(t.value, t.unit), `状态：${t.statusLabel}`], true),
    ],
  });
}

export async function buildDocx(ev: EvaluationView, rk: RankingView | null, year: number): Promise<Buffer> {
  const p = ev.plan;
  const s = ev.summary;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(`${ev.region.name}${year}年专利转化专项计划工作总结报告`)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: `依据：${p.name}（${p.startYear}—${p.endYear}年，基期${p.baselineYear}年）；数据截至 ${ev.asOf}`, size: 20 })] }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('一、总体情况')] }),
    new Paragraph({ children: [new TextRun(
      `规划共设 ${ev.targets.length} 项量化目标：已完成 ${s.met} 项，进度正常 ${s.on_track} 项，进度滞后 ${s.behind} 项，未完成 ${s.not_met} 项，无法计算 ${s.undefined} 项。` +
      '本报告所有数字由平台根据交易、到账、质押、备案、活动等记录自动计算，与平台指标看板一致，每个数字均可在平台上追溯至明细记录。')] }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('二、主要指标')] }),
  ];
  const key = ev.indicators.filter((i) => i.inPlan).slice(0, 6);
  for (const i of key) {
    const y = i.years.find((x) => x.year === year);
    children.push(new Paragraph({ children: [new TextRun({ text: `${i.name}：`, bold: true }), new TextRun(`${year}年 ${fmt(y?.value ?? 0, i.unit)}，同比 ${fmtPct(y?.yoy ?? null)}；规划期累计 ${fmt(i.total, i.unit)}。`)] }));
    children.push(new Paragraph({ children: [new ChartRun({
      type: 'column', title: `${i.name}（${i.unit}）`, legend: false, transformation: { width: 520, height: 240 },
      categories: i.years.map((x) => `${x.year}`), series: [{ name: i.name, values: i.years.map((x) => x.value) }], dataLabels: { value: true },
    })] }));
  }
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('三、目标完成情况')] }));
  ev.targets.forEach((t, k) => {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(`${k + 1}. ${t.text || t.indicatorName}（${t.clause}）`)] }));
    children.push(new Paragraph({ children: [new TextRun(`${t.kindLabel}${t.target != null ? ` ${fmt(t.target, t.unit)}` : ''}；实际 ${t.kind === 'cagr_at_least' ? fmtPct(t.value) : fmt(t.value, t.unit)}；${t.statusLabel}。${t.note}`)] }));
    children.push(targetTable(t));
  });
  if (rk) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`四、${rk.level === 'city' ? '市州' : '区县'}绩效排名`)] }));
    children.push(new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row(['名次', '地区', '综合得分'], true), ...rk.rows.map((r) => row([String(r.rank), r.name, r.score.toFixed(2)]))] }));
  }
  const doc = new Document({ creator: 'Zhuanhua 专利转化平台', title: `${ev.region.name}${year}年工作总结报告`, sections: [{ children }] });
  return Packer.toBuffer(doc);
}
