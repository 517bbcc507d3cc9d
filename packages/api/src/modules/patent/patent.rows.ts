import { validateApplicationNumber, validatePublicationNumber } from '@zhuanhua/domain/patent/patent-number.ts';
import { splitIpcList, validateIpc } from '@zhuanhua/domain/patent/ipc.ts';
import { normaliseLegalStatus, patentTypeFromLabel } from '@zhuanhua/domain/patent/legal-status.ts';
import { parseLooseDate, pick } from '../../lib/tabular.ts';

/** A patent row ready to be written. */
export type PatentRecord = {
  applicationNumber: string; publicationNumber: string | null; grantNumber: string | null; type: string; title: string;
  abstract: string | null; claimsCount: number | null; ipcCodes: string[]; inventors: string[]; holders: string[];
  filingDate: string | null; publicationDate: string | null; grantDate: string | null; legalStatus: string; legalStatusRaw: string | null;
  restorable: boolean; lapseReason: string | null; feePaidThrough: string | null; overseasFamily: string[]; citationsCount: number;
  regionCode: string | null; holderAddress: string | null; source: 'import' | 'manual' | 'demo' | 'generated'; generatedFields: string[];
};

export type RowError = { row: number; field: string; message: string };

/** Column headers of common patent-database exports (incoPat, 智慧芽, CNIPA 检索), compared without spaces. */
export const HEADERS = {
  applicationNumber: ['申请号', '专利申请号', '申请号码', 'ApplicationNumber', 'application_number'],
  publicationNumber: ['公开(公告)号', '公开（公告）号', '公开号', '公开公告号', '公布号', 'publication_number', 'PublicationNumber'],
  grantNumber: ['授权公告号', '授权号', '公告号', 'grant_number'],
  title: ['名称', '标题', '专利名称', '发明名称', '标题(中文)', 'title'],
  abstract: ['摘要', '申请摘要', '摘要(中文)', 'abstract'],
  holders: ['申请人', '专利权人', '当前权利人', '申请(专利权)人', '申请（专利权）人', '权利人', 'applicants'],
  inventors: ['发明人', '设计人', '发明(设计)人', '发明（设计）人', 'inventors'],
  filingDate: ['申请日', '申请日期', 'filing_date'],
  publicationDate: ['公开日', '公开(公告)日', '公开（公告）日', '公开日期', 'publication_date'],
  grantDate: ['授权公告日', '授权日', '授权日期', 'grant_date'],
  ipc: ['IPC', 'IPC分类号', '分类号', 'IPC分类', '主分类号', 'ipc'],
  ipcMain: ['主分类号', 'IPC主分类', '主IPC', 'ipc_main'],
  legalStatus: ['法律状态', '当前法律状态', '法律状态/事件', '专利有效性', 'legal_status'],
  type: ['专利类型', '类型', 'type'],
  claimsCount: ['权利要求数', '权利要求项数', '权项数', 'claims_count'],
  address: ['地址', '申请人地址', '专利权人地址'],
  regionCode: ['国省代码', '区划代码', '行政区划代码', 'region_code'],
  feePaidThrough: ['年费缴至', '年费缴纳截止日', '年费有效期至', 'fee_paid_through'],
  citations: ['被引用次数', '被引证次数', '引证次数', 'citations_count'],
  family: ['海外同族', '同族专利', 'overseas_family'],
} as const;

/** B, C, U, Y, S, D documents are grants; A (and its reprints A8/A9) are published applications. */
export const isGrantKind = (kind: string): boolean => /^[BCUYSD]/.test(kind);

const splitNames = (s: string): string[] => s.split(/[;；|、\n]+|,(?![^()（）]*[)）])|，/).map((x) => x.trim()).filter(Boolean);

/** Validate one import row; returns the record or the list of problems (in Chinese, with the field). */
export function parsePatentRow(row: number, cells: Record<string, string>): { record?: PatentRecord; errors: RowError[] } {
  const errors: RowError[] = [];
  const err = (field: string, message: string) => errors.push({ row, field, message });

  const appRaw = pick(cells, HEADERS.applicationNumber);
  let applicationNumber = '';
  let typeFromApp: string | null = null;
  if (!appRaw) err('申请号', '申请号为空');
  else {
    const v = validateApplicationNumber(appRaw);
    if (!v.ok) err('申请号', `申请号“${appRaw}”无效：${v.reason}`);
    else { applicationNumber = v.value.normalized; typeFromApp = v.value.patentType; }
  }
  const title = pick(cells, HEADERS.title);
  if (!title) err('名称', '专利名称为空');
  else if (title.length > 500) err('名称', '专利名称超过 500 字');

  let publicationNumber: string | null = null;
  let grantNumber: string | null = null;
  let typeFromPub: string | null = null;
  for (const [field, aliases] of [['公开(公告)号', HEADERS.publicationNumber], ['授权公告号', HEADERS.grantNumber]] as const) {
    const raw = pick(cells, aliases);
    if (!raw) continue;
    const v = validatePublicationNumber(raw.split(/[;；,，]+/)[0]);
    if (!v.ok) { err(field, `${field}“${raw}”无效：${v.reason}`); continue; }
    typeFromPub = v.value.patentType;
    if (isGrantKind(v.value.kind) && field === '授权公告号') grantNumber = v.value.normalized;
    else if (isGrantKind(v.value.kind)) { grantNumber ??= v.value.normalized; publicationNumber ??= v.value.normalized; }
    else publicationNumber = v.value.normalized;
  }

  const typeLabel = pick(cells, HEADERS.type);
  let type = typeFromApp;
  if (typeLabel) {
    const t = patentTypeFromLabel(typeLabel);
    if (!t) err('专利类型', `无法识别的专利类型“${typeLabel}”`);
    else if (type && t !== type) err('专利类型', `专利类型“${typeLabel}”与申请号的类型不一致`);
    else type = t;
  }
  if (type && typeFromPub && typeFromPub !== type) err('公开(公告)号', '公开号的专利类型与申请号不一致');

  const dates: Record<string, string | null> = {};
  for (const [key, field, aliases] of [['filingDate', '申请日', HEADERS.filingDate], ['publicationDate', '公开日', HEADERS.publicationDate], ['grantDate', '授权公告日', HEADERS.grantDate], ['feePaidThrough', '年费缴至', HEADERS.feePaidThrough]] as const) {
    const raw = pick(cells, aliases);
    dates[key] = null;
    if (!raw) continue;
    const d = parseLooseDate(raw);
    if (!d) err(field, `${field}“${raw}”不是有效日期（应为 2022-12-02 或 20221202）`);
    else dates[key] = d;
  }
  if (dates.filingDate && dates.grantDate && dates.grantDate < dates.filingDate) err('授权公告日', '授权公告日早于申请日');
  if (dates.filingDate && dates.publicationDate && dates.publicationDate < dates.filingDate) err('公开日', '公开日早于申请日');
  if (applicationNumber && dates.filingDate && /^\d{4}/.test(applicationNumber) && applicationNumber.length > 10 && Number(applicationNumber.slice(0, 4)) !== Number(dates.filingDate.slice(0, 4))) {
    err('申请日', `申请日 ${dates.filingDate} 与申请号中的年份 ${applicationNumber.slice(0, 4)} 不一致`);
  }

  const ipcCodes: string[] = [];
  const mainRaw = pick(cells, HEADERS.ipcMain);
  const ipcRaw = [mainRaw, pick(cells, HEADERS.ipc)].filter(Boolean).join(';');
  for (const item of splitIpcList(ipcRaw)) {
    const v = validateIpc(item);
    if (!v.ok) { err('IPC', `分类号“${item}”无效：${v.reason}`); continue; }
    if (!ipcCodes.includes(v.value.compact)) ipcCodes.push(v.value.compact);
  }

  let legalStatus = 'pending', legalStatusRaw: string | null = null, restorable = false, lapseReason: string | null = null;
  const statusRaw = pick(cells, HEADERS.legalStatus);
  if (statusRaw) {
    const s = normaliseLegalStatus(statusRaw);
    if (!s) err('法律状态', `无法识别的法律状态“${statusRaw}”`);
    else ({ status: legalStatus, restorable, lapseReason } = s);
    legalStatusRaw = statusRaw;
  } else if (dates.grantDate) legalStatus = 'in_force';

  const claimsRaw = pick(cells, HEADERS.claimsCount);
  let claimsCount: number | null = null;
  if (claimsRaw) {
    if (!/^\d{1,4}$/.test(claimsRaw)) err('权利要求数', `权利要求数“${claimsRaw}”应为整数`);
    else claimsCount = Number(claimsRaw);
  }
  const citRaw = pick(cells, HEADERS.citations);
  let citationsCount = 0;
  if (citRaw) {
    if (!/^\d{1,6}$/.test(citRaw)) err('被引用次数', `被引用次数“${citRaw}”应为整数`);
    else citationsCount = Number(citRaw);
  }
  const regionRaw = pick(cells, HEADERS.regionCode);
  let regionCode: string | null = null;
  if (regionRaw) {
    const m = /(\d{2,6})/.exec(regionRaw);
    if (m) regionCode = m[1].padEnd(6, '0');
  }
  const holders = splitNames(pick(cells, HEADERS.holders));
  if (holders.some((h) => h.length > 200)) err('申请人', '申请人名称过长');

  if (errors.length || !type) return { errors };
  return {
    errors,
    record: {
      applicationNumber, publicationNumber, grantNumber, type, title, abstract: pick(cells, HEADERS.abstract) || null, claimsCount, ipcCodes,
      inventors: splitNames(pick(cells, HEADERS.inventors)), holders, filingDate: dates.filingDate, publicationDate: dates.publicationDate,
      grantDate: dates.grantDate, legalStatus, legalStatusRaw, restorable, lapseReason, feePaidThrough: dates.feePaidThrough,
      overseasFamily: splitNames(pick(cells, HEADERS.family)), citationsCount, regionCode, holderAddress: pick(cells, HEADERS.address) || null,
      source: 'import', generatedFields: [],
    },
  };
}

/** The downloadable template's columns, in order. */
export const TEMPLATE_COLUMNS = ['申请号', '公开(公告)号', '授权公告号', '专利类型', '名称', '摘要', '申请人', '发明人', '申请日', '公开日', '授权公告日',
  '主分类号', '分类号', '法律状态', '权利要求数', '地址', '国省代码', '年费缴至', '被引用次数', '海外同族'];
