/**
 * Chinese text → tokens: jieba (@node-rs/jieba) with the default dictionary plus a user dictionary of
 * domain terms (phrases of the IPC Chinese titles and a short list of technology terms), search-mode cut,
 * stop words and punctuation removed, Latin words lower-cased.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { REFERENCE_DIR } from '../../lib/paths.ts';

const STOP = new Set([
  '一种', '及其', '以及', '及', '和', '与', '或', '的', '其', '用于', '用', '基于', '方法', '装置', '系统', '设备', '结构', '一体', '具有',
  '进行', '通过', '包括', '所述', '采用', '实现', '一个', '以上', '以下', '其中', '相关', '等', '技术', '需求', '问题', '要求', '提高', '能够',
  '可以', '我们', '公司', '企业', '需要', '解决', '开发', '研发', '实现', '达到', '具备', '现有', '目前', '我司', '本', '该', '在', '对', '为', '是',
  '有', '了', '将', '从', '中', '上', '下', '内', '外', '个', '种', '项', '新', '型', '可', '并', '由', '于', '以', '被', '把', '而', '也', '都',
]);
/** Not stop words for search (they carry meaning in a title query) but weak for classification. */
export const WEAK_TERMS = new Set(['方法', '装置', '系统', '设备', '结构']);

/** A short list of technology terms jieba's default dictionary splits badly. */
const DOMAIN_TERMS = [
  '锂离子电池', '固态电池', '钠离子电池', '储能', '光伏组件', '钙钛矿', '石墨烯', '碳纤维', '碳化硅', '氮化镓', '半导体', '芯片', '传感器',
  '物联网', '大数据', '云计算', '区块链', '人工智能', '机器学习', '深度学习', '神经网络', '计算机视觉', '自然语言处理', '无人机', '机器人',
  '数控机床', '增材制造', '3D打印', '激光切割', '新能源汽车', '燃料电池', '氢能', '电解水', '动力电池', '充电桩', '智能电网', '污水处理',
  '废气处理', '固废', '脱硫', '脱硝', '膜分离', '催化剂', '生物医药', '中药', '疫苗', '抗体', '基因编辑', '医疗器械', '甾体', '甾醇',
  '低空物流', '智慧农业', '智慧医疗', '智慧养老', '数字孪生', '工业互联网', '边缘计算', '5G', '北斗', '遥感', '驱鸟', '育种', '水肥一体化',
];

let instance: Jieba | null = null;

/** Phrases of the IPC Chinese titles (2–6 Chinese characters, seen at least twice) as user-dictionary lines. */
export function ipcUserDictLines(ipcCsvPath = path.join(REFERENCE_DIR, 'ipc_zh_2026.01.csv')): string[] {
  const counts = new Map<string, number>();
  let text = '';
  try { text = fs.readFileSync(ipcCsvPath, 'utf8'); } catch { return []; }
  for (const line of text.split('\n')) {
    const parts = line.split(',');
    const title = parts.slice(2, parts.length - 1).join(',');
    for (const seg of title.split(/[^\u4e00-\u9fa5]+|的|或|和|及|与|其|用于|以外|除外|专门适用于|适用于/)) {
      if (seg.length >= 2 && seg.length <= 6) counts.set(seg, (counts.get(seg) ?? 0) + 1);
    }
  }
  const lines: string[] = [];
  for (const [w, c] of counts) if (c >= 2) lines.push(`${w} ${Math.min(2000, 20 * c)}`);
  return lines;
}

export function userDictionary(): string {
  return [...DOMAIN_TERMS.map((w) => `${w} 5000`), ...ipcUserDictLines()].join('\n');
}

/** The shared jieba instance (default dictionary + user dictionary), created on first use. */
export function jieba(): Jieba {
  if (!instance) {
    instance = Jieba.withDict(dict);
    instance.loadDict(Buffer.from(userDictionary(), 'utf8'));
  }
  return instance;
}

const PUNCT = /^[\s\p{P}\p{S}]+$/u;
const HAS_CJK = /[\u4e00-\u9fa5]/;

/** Tokens for the index and for queries (search mode: "人工智能" also yields "人工", "智能"). */
export function tokenize(text: string): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const raw of jieba().cutForSearch(text, false)) {
    const t = raw.trim().toLowerCase();
    if (!t || PUNCT.test(t) || STOP.has(t)) continue;
    if (HAS_CJK.test(t)) { if (t.length < 2) continue; }
    else if (t.length < 2 || /^\d{1,2}$/.test(t)) continue; // single letters/digits and enumeration numbers carry no meaning
    out.push(t);
  }
  return out;
}

/** Precise-mode tokens (no overlapping sub-words) — used for highlighting and phrase checks. */
export function cutPrecise(text: string): string[] {
  return jieba().cut(text, false).map((t) => t.trim().toLowerCase()).filter((t) => t && !PUNCT.test(t) && !STOP.has(t));
}

/** Character bigrams of the Chinese runs (features for the classifier). */
export function charBigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(/[\u4e00-\u9fa5]+/g) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}
