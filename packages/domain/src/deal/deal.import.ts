/**
 * Historical deals import: the template's Chinese headers and the validation of one row.
 * Patents and organisations are resolved by the service; here only the row's own content is checked.
 */
import { fmt, isValidIsoDate, type IsoDate } from '../common/dates.ts';
import { wanToFen } from '../common/money.ts';
import { ORG_TYPE_LABELS, SIZE_CLASS_LABELS, type OrgType, type SizeClass } from '../common/roles.ts';
import { DEAL_KIND_LABELS, DEAL_STATE_LABELS, LICENCE_KIND_LABELS, type DealKind, type DealState, type LicenceKind } from './deal.schemas.ts';

/** Template columns, in order: header → field key. Required ones are marked in `DEAL_IMPORT_REQUIRED`. */
export const DEAL_IMPORT_COLUMNS = [
  ['合同名称', 'title'],
  ['交易类型', 'kind'],
  ['许可类型', 'licenceKind'],
  ['专利申请号', 'applicationNumbers'],
  ['出让方名称', 'outName'],
  ['出让方类型', 'outType'],
  ['出让方规模', 'outSize'],
  ['出让方区划代码', 'outRegion'],
  ['受让方名称', 'inName'],
  ['受让方类型', 'inType'],
  ['受让方规模', 'inSize'],
  ['受让方区划代码', 'inRegion'],
  ['合同签订日期', 'contractDate'],
  ['生效日期', 'effectiveDate'],
  ['合同金额（万元）', 'contractAmount'],
  ['实际到账金额（万元）', 'receivedAmount'],
  ['到账日期', 'receivedDate'],
  ['登记/备案号', 'registrationNo'],
  ['登记/备案日期', 'registrationDate'],
  ['状态', 'state'],
  ['备注', 'note'],
] as const;
export type DealImportField = (typeof DEAL_IMPORT_COLUMNS)[number][1];
export const DEAL_IMPORT_REQUIRED: readonly DealImportField[] = ['title', 'kind', 'applicationNumbers', 'outName', 'inName', 'contractDate', 'contractAmount'];
export const DEAL_IMPORT_HEADER_OF: Record<DealImportField, string> = Object.fromEntries(DEAL_IMPORT_COLUMNS.map(([h, f]) => [f, h])) as Record<DealImportField, string>;

/** Alternative spellings accepted for headers (without spaces, full-width brackets normalised). */
const HEADER_ALIASES: Record<string, DealImportField> = {
  合同金额: 'contractAmount', '合同金额(万元)': 'contractAmount', 成交金额: 'contractAmount', '成交金额(万元)': 'contractAmount',
  实际到账金额: 'receivedAmount', '实际到账金额(万元)': 'receivedAmount', 到账金额: 'receivedAmount',
  申请号: 'applicationNumbers', 专利号: 'applicationNumbers', 登记号: 'registrationNo', 备案号: 'registrationNo',
  登记日期: 'registrationDate', 备案日期: 'registrationDate', 签订日期: 'contractDate', 合同日期: 'contractDate',
};

const normHeader = (h: string) => h.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');

/** Maps a file's header row to fields; unknown headers are ignored, missing required ones reported. */
export function mapDealHeaders(headers: string[]): { fields: (DealImportField | null)[]; missing: string[] } {
  const known = new Map<string, DealImportField>();
  for (const [h, f] of DEAL_IMPORT_COLUMNS) known.set(normHeader(h), f);
  for (const [h, f] of Object.entries(HEADER_ALIASES)) known.set(normHeader(h), f);
  const fields = headers.map((h) => known.get(normHeader(String(h ?? ''))) ?? null);
  const missing = DEAL_IMPORT_REQUIRED.filter((f) => !fields.includes(f)).map((f) => DEAL_IMPORT_HEADER_OF[f]);
  return { fields, missing };
}

const invert = <K extends string>(labels: Record<K, string>, extra: Record<string, K> = {}): Map<string, K> => {
  const m = new Map<string, K>();
  for (const [k, v] of Object.entries(labels) as [K, string][]) { m.set(v, k); m.set(k, k); }
  for (const [k, v] of Object.entries(extra)) m.set(k, v);
  return m;
};
const KIND_OF = invert<DealKind>(DEAL_KIND_LABELS, { 专利转让: 'transfer', 专利权转让: 'transfer', 专利许可: 'licence', 实施许可: 'licence', 入股: 'equity', 专利作价入股: 'equity' });
const LICENCE_OF = invert<LicenceKind>(LICENCE_KIND_LABELS, { 独占: 'exclusive', 排他: 'sole', 普通: 'ordinary', 开放: 'open', 分: 'sub', 交叉: 'cross', 分许可: 'sub' });
const STATE_OF = invert<DealState>(DEAL_STATE_LABELS, { 已登记: 'registered', 已备案: 'registered', 签订: 'signed', 完成: 'completed', 终止: 'terminated' });
const ORG_TYPE_OF = invert<OrgType>(ORG_TYPE_LABELS, { 大学: 'university', 高等学校: 'university', 研究院所: 'research_institute', 科研机构: 'research_institute', 国企: 'soe', 企业: 'private_enterprise', 民企: 'private_enterprise' });
const SIZE_OF = invert<SizeClass>(SIZE_CLASS_LABELS, { 大: 'large', 中: 'medium', 小: 'small', 微: 'micro', 中型企业: 'medium', 小型企业: 'small', 微型企业: 'micro', 大型企业: 'large' });

export type DealImportRow = {
  title: string;
  kind: DealKind;
  licenceKind: LicenceKind | null;
  applicationNumbers: string[];
  out: { name: string; orgType: OrgType | null; sizeClass: SizeClass | null; regionCode: string | null };
  in: { name: string; orgType: OrgType | null; sizeClass: SizeClass | null; regionCode: string | null };
  contractDate: IsoDate;
  effectiveDate: IsoDate | null;
  contractAmountFen: number;
  receivedAmountFen: number;
  receivedDate: IsoDate | null;
  registrationNo: string | null;
  registrationDate: IsoDate | null;
  state: DealState;
  note: string | null;
};
export type RowError = { row: number; field: string; message: string };
export type Cell = string | number | boolean | null | undefined;

/** Parses a date cell: 2021-03-05, 2021/3/5, 2021.3.5, 2021年3月5日, or an Excel serial day number. */
export function parseDateCell(v: Cell): IsoDate | null | 'invalid' {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 1 || v > 2_958_465) return 'invalid';
    const t = new Date(Date.UTC(1899, 11, 30) + v * 86_400_000);
    return fmt(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
  }
  const s = String(v).trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$/.exec(s);
  if (!m) return 'invalid';
  const iso = fmt(Number(m[1]), Number(m[2]), Number(m[3]));
  return isValidIsoDate(iso) ? iso : 'invalid';
}

const text = (v: Cell): string => (v === null || v === undefined ? '' : String(v).trim());

/** Validates one data row (rowNo = the spreadsheet's row number, header = row 1). */
export function parseDealRow(cells: Partial<Record<DealImportField, Cell>>, rowNo: number): { ok: true; value: DealImportRow } | { ok: false; errors: RowError[] } {
  const errors: RowError[] = [];
  const err = (field: DealImportField, message: string) => errors.push({ row: rowNo, field: DEAL_IMPORT_HEADER_OF[field], message });
  for (const f of DEAL_IMPORT_REQUIRED) if (text(cells[f]) === '') err(f, '必填项为空');

  const title = text(cells.title);
  if (title && title.length > 200) err('title', '合同名称过长（最多 200 字）');
  const kindText = text(cells.kind);
  const kind = KIND_OF.get(kindText) ?? null;
  if (kindText && !kind) err('kind', `交易类型「${kindText}」不正确，应为 转让、许可 或 作价入股`);
  const lkText = text(cells.licenceKind).replace(/许可$/, '') || '';
  let licenceKind: LicenceKind | null = lkText ? LICENCE_OF.get(lkText) ?? LICENCE_OF.get(text(cells.licenceKind)) ?? null : null;
  if (lkText && !licenceKind) err('licenceKind', `许可类型「${text(cells.licenceKind)}」不正确，应为 独占、排他、普通、开放许可、分许可 或 交叉许可`);
  if (kind === 'licence' && !lkText) err('licenceKind', '许可须填写许可类型');
  if (kind && kind !== 'licence' && lkText) { err('licenceKind', '只有许可才填写许可类型'); licenceKind = null; }

  const applicationNumbers = text(cells.applicationNumbers).split(/[;；、,，\s]+/).map((s) => s.trim()).filter(Boolean);
  if (new Set(applicationNumbers).size !== applicationNumbers.length) err('applicationNumbers', '专利申请号重复');

  const party = (side: 'out' | 'in') => {
    const nameF = `${side}Name` as DealImportField, typeF = `${side}Type` as DealImportField, sizeF = `${side}Size` as DealImportField, regF = `${side}Region` as DealImportField;
    const name = text(cells[nameF]);
    if (name && name.length < 2) err(nameF, '名称至少 2 个字');
    const tText = text(cells[typeF]);
    const orgType = tText ? ORG_TYPE_OF.get(tText) ?? null : null;
    if (tText && !orgType) err(typeF, `机构类型「${tText}」不正确，应为 ${Object.values(ORG_TYPE_LABELS).join('、')}`);
    const sText = text(cells[sizeF]);
    const sizeClass = sText ? SIZE_OF.get(sText) ?? null : null;
    if (sText && !sizeClass) err(sizeF, `规模「${sText}」不正确，应为 大型、中型、小型 或 微型`);
    const regionCode = text(cells[regF]) || null;
    if (regionCode && !/^\d{6}$/.test(regionCode)) err(regF, '行政区划代码应为 6 位数字');
    return { name, orgType, sizeClass, regionCode };
  };
  const out = party('out'), inn = party('in');
  if (out.name && inn.name && out.name === inn.name) err('inName', '受让方不能与出让方相同');

  const date = (f: DealImportField): IsoDate | null => {
    const d = parseDateCell(cells[f]);
    if (d === 'invalid') { err(f, `日期「${text(cells[f])}」不正确，应为 YYYY-MM-DD`); return null; }
    return d;
  };
  const contractDate = date('contractDate');
  const effectiveDate = date('effectiveDate');
  const receivedDate = date('receivedDate');
  const registrationDate = date('registrationDate');

  const money = (f: DealImportField): number | null => {
    const raw = cells[f];
    if (raw === null || raw === undefined || text(raw) === '') return null;
    try {
      const v = wanToFen(typeof raw === 'number' ? String(raw) : text(raw));
      if (v < 0) { err(f, '金额不能为负'); return null; }
      return v;
    } catch {
      err(f, `金额「${text(raw)}」不正确，应为以万元计的数字（最多 6 位小数）`);
      return null;
    }
  };
  const contractAmountFen = money('contractAmount') ?? 0;
  const receivedAmountFen = money('receivedAmount') ?? 0;
  if (contractAmountFen > 0 && receivedAmountFen > contractAmountFen) err('receivedAmount', '实际到账金额不能超过合同金额');
  if (receivedAmountFen > 0 && !receivedDate && text(cells.receivedDate) === '') err('receivedDate', '填写了到账金额须填写到账日期');
  if (receivedDate && contractDate && receivedDate < contractDate) err('receivedDate', '到账日期不能早于合同签订日期');
  if (registrationDate && contractDate && registrationDate < contractDate) err('registrationDate', '登记/备案日期不能早于合同签订日期');
  const registrationNo = text(cells.registrationNo) || null;

  const stText = text(cells.state);
  let state: DealState = registrationNo ? 'registered' : 'signed';
  if (stText) {
    const s = STATE_OF.get(stText);
    if (!s) err('state', `状态「${stText}」不正确，应为 已签订、已登记/备案、履行中、已完成 或 已终止`);
    else if (s === 'draft') err('state', '历史交易不能导入为草稿');
    else state = s;
  }
  if (state === 'registered' && (!registrationNo || !registrationDate)) err('registrationNo', '已登记/备案的交易须填写登记/备案号和日期');

  if (errors.length > 0 || !kind || !contractDate) return { ok: false, errors };
  return {
    ok: true,
    value: {
      title, kind, licenceKind, applicationNumbers,
      out, in: inn,
      contractDate, effectiveDate, contractAmountFen, receivedAmountFen, receivedDate, registrationNo, registrationDate,
      state, note: text(cells.note) || null,
    },
  };
}
