import { highlightParts } from '@zhuanhua/domain/demand/demand.scoring.ts';

/** Text with the matched terms marked (no HTML injection: parts are rendered as text). */
export function Highlight({ text, terms }: { text: string; terms: readonly string[] }) {
  return <>{highlightParts(text, terms).map((p, i) => (p.hit ? <mark key={i} style={{ padding: 0, background: '#ffe58f' }}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}
