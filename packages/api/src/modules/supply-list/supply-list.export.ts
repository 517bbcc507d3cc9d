/** A list as Excel and Word (.docx): the frozen rows of a reviewed/published list (or the live preview of a draft). */
import { AlignmentType, Document, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { writeXlsx } from '../../lib/excel-export.ts';
import type { presentList } from './supply-list.service.ts';

type ListView = ReturnType<typeof presentList>;
type Row = Record<string, unknown>;

export const LIST_COLUMNS: { header: string; key: string; width: number }[] = [
  { header: '序号', key: 'seq', width: 6 }, { header: '申请号', key: 'applicationNumber', width: 18 }, { header: '专利名称', key: 'title', width: 40 },
  { header: '类型', key: 'type', width: 8 }, { header: '专利权人', key: 'holderName', width: 28 }, { header: '分级', key: 'gradeLabel', width: 24 },
  { header: '价值分', key: 'score', width: 8 }, { header: '战略性新兴产业', key: 'seiIndustry', width: 22 }, { header: '国民经济行业（近似对照）', key: 'industry', width: 26 },
  { header: '高价值类别', key: 'highValue', width: 26 }, { header: '开放许可', key: 'openLicenceText', width: 8 }, { header: '主分类号', key: 'ipcMain', width: 12 },
  { header: '授权日', key: 'grantDate', width: 12 },
];

const rowsOf = (items: Row[]): Row[] => items.map((i) => ({ ...i, openLicenceText: i.openLicence ? '是' : '否' }));

export function headerLines(l: ListView): string[] {
  return [
    `清单编号：${l.listNo ?? '（未发布）'}　发布日期：${l.publishedOn ?? '—'}　状态：${l.stateLabel}`,
    `类型：${l.kindLabel}　来源盘点批次：${l.batchNo ?? '—'}（基准日 ${l.asOf ?? '—'}）`,
    `筛选条件：${l.filterText}`,
    '说明：国民经济行业为近似对照（人工整理）；演示数据的日期、法律状态与权利人为生成数据。',
  ];
}

export async function listXlsx(l: ListView, items: Row[]): Promise<Buffer> {
  return writeXlsx([
    { name: '清单信息', columns: [{ header: l.title, key: 'v', width: 100 }], rows: [...headerLines(l), ...(l.description ? [`说明：${l.description}`] : [])].map((v) => ({ v })) },
    { name: '供给清单', columns: LIST_COLUMNS, rows: rowsOf(items) },
  ]);
}

const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 18 })] })] });

export async function listDocx(l: ListView, items: Row[]): Promise<Buffer> {
  const cols = LIST_COLUMNS.filter((c) => ['seq', 'applicationNumber', 'title', 'type', 'holderName', 'gradeLabel', 'seiIndustry', 'openLicenceText'].includes(c.key));
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: cols.map((c) => cell(c.header, true)) }),
      ...rowsOf(items).map((r) => new TableRow({ children: cols.map((c) => cell(r[c.key] == null ? '' : String(r[c.key]))) })),
    ],
  });
  const doc = new Document({
    creator: 'Zhuanhua 专利转化平台', title: l.title,
    sections: [{
      properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
      children: [
        new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: l.title })] }),
        ...headerLines(l).map((t) => new Paragraph({ children: [new TextRun({ text: t, size: 20 })] })),
        ...(l.description ? [new Paragraph({ children: [new TextRun({ text: l.description, size: 20 })] })] : []),
        table,
      ],
    }],
  });
  return Packer.toBuffer(doc);
}
