/** The licence document (.docx) both sides download: generated from the licence record and its declaration. */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { PATENT_TYPE_LABELS, type PatentType } from '@zhuanhua/domain';
import type { LicenceRow } from './licence.repo.ts';
import { describeTerms } from './licence.service.ts';

const row = (k: string, v: string) => new TableRow({
  children: [
    new TableCell({ width: { size: 28, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: [new TextRun({ text: k, bold: true })] })] }),
    new TableCell({ width: { size: 72, type: WidthType.PERCENTAGE }, children: [new Paragraph(v || '—')] }),
  ],
});

export async function licenceDocx(l: LicenceRow, generatedOn: string): Promise<Buffer> {
  const p = (text: string) => new Paragraph({ children: [new TextRun(text)], spacing: { after: 120 } });
  const doc = new Document({
    creator: 'Zhuanhua 专利转化平台',
    title: `专利开放许可实施许可书 ${l.application_number ?? ''}`,
    sections: [{
      children: [
        new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: '专利开放许可实施许可书', bold: true })] }),
        new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(`编号：OL-${String(l.id).padStart(6, '0')}（交易台账 #${l.deal_id}）`)] }),
        p('根据《中华人民共和国专利法》第五十条至第五十二条，被许可方已书面通知专利权人并依照公告的许可使用费支付方式、标准支付（或按约定于试用期满后支付）许可使用费，取得下列专利的实施许可。开放许可的条件对所有被许可方一视同仁。'),
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            row('专利名称', l.title ?? ''),
            row('专利申请号', l.application_number ?? ''),
            row('专利类型', l.patent_type ? PATENT_TYPE_LABELS[l.patent_type as PatentType] : ''),
            row('许可方（专利权人）', l.licensor_name ?? ''),
            row('被许可方', l.licensee_name ?? ''),
            row('许可种类', '开放许可（普通许可）'),
            row('地域范围', l.territory ?? '中华人民共和国境内'),
            row('书面通知日期', l.notice_date),
            row('付款日期', l.payment_date ?? '（无需预付）'),
            row('许可期限', `${l.licensed_from} 至 ${l.licensed_to}`),
            row('试用期（先使用后付费）', l.trial_end ? `${l.licensed_from} 至 ${l.trial_end}，试用期内免费实施；期满后按下列条件付费，或于期满前书面退出` : '无'),
            row('许可使用费', describeTerms(l.fee_terms)),
            row('其他条件', l.other_terms ?? ''),
          ],
        }),
        p(''),
        p('被许可方应按结算周期如实申报实施情况（销售额、利润或数量），平台据此计算应付提成，精确到分（四舍五入）。'),
        p('专利权人撤回开放许可声明的，不影响在先给予的开放许可的效力。当事人就实施开放许可发生纠纷的，可以协商解决，也可以请求国务院专利行政部门进行调解，或向人民法院起诉。'),
        p('专利权人或被许可方可凭本许可书等书面证明材料向国家知识产权局办理开放许可实施合同备案。'),
        p(`本文书由 Zhuanhua 专利转化平台根据开放许可声明及许可记录于 ${generatedOn} 自动生成。`),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}
